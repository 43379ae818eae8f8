"""Flowables that break pages, keep things on one, or mark them: a break the balancer adds,
the start of a part on a right-hand page, the part a page belongs to (for its footer)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph
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
