"""Flowables that break pages or mark them: a break the balancer adds, the start of a part on
a right-hand page, and the part a page belongs to (for its footer)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.doctemplate import FrameBreak

from handouts.render.rlprivate import at_top, frame_of, used

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
    carry its footer, ``info``, until the next part begins."""

    def __init__(self, info: Any) -> None:
        super().__init__()
        self.info = info

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.handouts_part = self.info  # type: ignore[attr-defined]
