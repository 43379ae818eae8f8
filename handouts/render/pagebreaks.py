"""Flowables that break pages, keep things on one, or mark them: a break the balancer adds,
the start of a part on a right-hand page, the part a page belongs to (for its footer), a
block kept with the line that closes it."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer
from reportlab.platypus.doctemplate import FrameBreak

from handouts.render.rlprivate import at_top, frame_of, parts, used

ROOM_BELOW_HEADING = 110.0
"""Points: a heading or caption lower on the page than this starts a new page."""

def keep_together(flowables: list[Flowable]) -> KeepTogether:
    """Return flowables kept on one page, any KeepTogether among them opened up: one inside
    another would measure as taller than any page, and move whole to the next."""
    flat: list[Flowable] = []
    for flowable in flowables:
        inner = isinstance(flowable, KeepTogether)
        flat += parts(keep_together(parts(flowable))) if inner \
            else [flowable]
    return KeepTogether(flat)


class Trailed(Flowable):
    """A block and the line that closes it (a section's sources): the line never opens a
    page alone. Where the two do not fit, the block splits so that its last part goes on
    with the line; a block that cannot split moves to the next page with it."""

    def __init__(self, body: Flowable, trail: Flowable) -> None:
        super().__init__()
        self.body, self.trail = body, trail
        self.spaceBefore, self.spaceAfter = body.getSpaceBefore(), trail.getSpaceAfter()
        self.gap = body.getSpaceAfter() + trail.getSpaceBefore()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.body_size = self.body.wrap(avail_width, avail_height)
        self.trail_size = self.trail.wrap(avail_width, avail_height)
        self.width = max(self.body_size[0], self.trail_size[0])
        self.height = self.body_size[1] + self.gap + self.trail_size[1]
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        body = self.body.wrap(avail_width, avail_height)[1]
        need = self.gap + self.trail.wrap(avail_width, avail_height)[1]
        room = avail_height if body > avail_height else avail_height - need
        parts = self.body.split(avail_width, room) if room > 0 else []
        if len(parts) < 2:
            return []
        return [*parts[:-1], Trailed(parts[-1], self.trail)]

    def draw(self) -> None:
        self.body.drawOn(self.canv, 0, self.trail_size[1] + self.gap)
        self.trail.drawOn(self.canv, 0, 0)


def height(flowables: list[Flowable], room: tuple[float, float]) -> float:
    """Return how tall flowables are, with their spacing, in ``room`` (width, height)."""
    return sum(height(inner, room) if (inner := parts(f)) else
               f.wrap(*room)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def with_trail(flowables: list[Flowable], trail: Flowable,
               room: tuple[float, float]) -> list[Flowable]:
    """Return a block's flowables with ``trail`` after them, kept with the last of them
    (its spacing after stays after both). A last part kept whole on a page (a list of
    warning signs) takes the trail in only if both fit on a page (``room``) with the
    paragraphs that introduce it: the list stays whole, and with them, first."""
    end = len(flowables)
    while end > 0 and isinstance(flowables[end - 1], (Spacer, CondPageBreak)):
        end -= 1
    last = flowables[end - 1] if end else None
    lead = end - 1
    while lead > 0 and getattr(flowables[lead - 1], "handouts_lead", False):
        lead -= 1  # the paragraphs that introduce it go where it goes
    if last is None or (isinstance(last, KeepTogether)
                        and height([*flowables[lead:end], trail], room) > room[1]):
        return [*flowables, trail]
    kept = keep_together([last, trail]) if isinstance(last, KeepTogether) \
        else Trailed(last, trail)
    return [*flowables[:end - 1], kept, *flowables[end:]]


BLANK_NOTE = "This page is left blank on purpose."
SPACE_ONLY = 12.0
"""Points used at the top of a page by a spacer carried over: the page is still empty."""


class BreakHere(Flowable):
    """Start a new page here, unless the page is still empty."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        frame = frame_of(self)
        if frame is not None and not at_top(frame):
            frame.add_generated_content(FrameBreak)
        return 0, 0

    def draw(self) -> None:
        pass


class StartRecto(Flowable):
    """Start the next part on a right-hand (odd) page, for double-sided printing: a left-hand
    page in between is left blank on purpose, and says so."""

    def __init__(self, note: ParagraphStyle) -> None:
        super().__init__()
        self.note = note

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        frame = frame_of(self)
        if frame is None:
            return 0, 0
        page = self.canv.getPageNumber()
        content: list[Flowable] = []
        if not at_top(frame) and used(frame) > SPACE_ONLY:  # a spacer alone leaves it unused
            content.append(FrameBreak)
            page += 1
        if page % 2 == 0:
            content += [Paragraph(BLANK_NOTE, self.note), FrameBreak]
        if content:
            frame.add_generated_content(*content)
        return 0, 0

    def draw(self) -> None:
        pass


class PartStart(Flowable):
    """Mark where a part of a document begins (a handout in a pack): the pages from here on
    carry its footer, ``info``, with the bottom margin of its ``profile``, until the next
    part begins."""

    def __init__(self, info: Any, profile: Any) -> None:
        super().__init__()
        self.info, self.profile = info, profile

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.handouts_part = (self.info, self.profile)  # type: ignore[attr-defined]
