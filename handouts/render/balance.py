"""Find the pages a print reviewer would send back, and lay the document out again to fix them.

ReportLab fills pages one after another and never looks back, so a heading can end a page
and a few lines can spill onto a page of their own. After each layout the document's log
says what was drawn on which page; the first bad page found gets one new page break
earlier in the story, and the story is laid out again, a few times at most:

- a heading with less than two lines after it on its page starts the next page instead;
- a page that holds less than four lines' height takes one more block from the page
  before (the block that spilled onto it, or the one before it), as long as that page
  keeps four lines of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    ActionFlowable,
    CondPageBreak,
    Flowable,
    Paragraph,
    Spacer,
)
from reportlab.platypus.doctemplate import FrameBreak

MIN_LINES = 4
"""A page holds at least this many lines' height, unless it is the only page."""
AFTER_HEADING = 2
"""A heading is followed on its page by at least this many lines."""
MAX_TRIES = 8
"""Layouts of one document at most: the first, and one for each page break added."""
HEADINGS = ("section", "h1", "h2", "h3")


@dataclass(frozen=True)
class Drawn:
    """One piece drawn: on which page, from which top-level flowable of the story, how tall."""

    page: int
    origin: int
    height: float
    heading: bool


class BreakHere(Flowable):
    """Start a new page here, unless the page is still empty."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        frame = self._doctemplateAttr("frame")
        if frame is not None and not frame._atTop:
            frame.add_generated_content(FrameBreak)
        return 0, 0

    def draw(self) -> None:
        pass


BLANK_NOTE = "This page is left blank on purpose."
SPACE_ONLY = 12.0
"""Points used at the top of a page by a spacer carried over: the page is still empty."""


class StartRecto(Flowable):
    """Start the next part on a right-hand (odd) page, for double-sided printing: a left-hand
    page in between is left blank on purpose, and says so."""

    def __init__(self, note: ParagraphStyle) -> None:
        super().__init__()
        self.note = note

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        frame = self._doctemplateAttr("frame")
        if frame is None:
            return 0, 0
        page = self.canv.getPageNumber()
        content: list[Flowable] = []
        used = frame._y2 - frame._topPadding - frame._y  # a spacer alone leaves it unused
        if not frame._atTop and used > SPACE_ONLY:
            content.append(FrameBreak)
            page += 1
        if page % 2 == 0:
            content += [Paragraph(BLANK_NOTE, self.note), FrameBreak]
        if content:
            frame.add_generated_content(*content)
        return 0, 0

    def draw(self) -> None:
        pass


def is_heading(flowable: Flowable | None) -> bool:
    """Tell whether a flowable should never end a page: a heading, a table's caption, or a
    lead-in that ends with a colon."""
    if not isinstance(flowable, Paragraph):
        return False
    return (flowable.style.name in HEADINGS or flowable.style.name == "caption"
            or flowable.getPlainText().rstrip().endswith(":"))


def origin_of(flowable: Flowable | None, origins: dict[int, int]) -> int | None:
    """Return the story index a flowable comes from, if it is (or groups) one of the story's."""
    if flowable is None:
        return None
    if id(flowable) in origins:
        return origins[id(flowable)]
    inside = [origins[id(f)] for f in getattr(flowable, "_content", []) if id(f) in origins]
    return min(inside) if inside else None


def with_breaks(story: list[Flowable], breaks: set[int]) -> list[Flowable]:
    """Return the story with a page break before each index in ``breaks``."""
    out: list[Flowable] = []
    for i, flowable in enumerate(story):
        if i in breaks:
            out.append(BreakHere())
        out.append(flowable)
    return out


def add_break(breaks: set[int], index: int, story: list[Flowable]) -> set[int]:
    """Return ``breaks`` with one before ``index``, less any break that would now part a
    heading (or a spacer) from what follows it: the new break takes that one's place."""
    kept = set(breaks)
    for later in sorted(b for b in breaks if b > index):
        if all(is_heading(f) or isinstance(f, (Spacer, CondPageBreak))
               for f in story[index:later]):
            kept.discard(later)
    return kept | {index}


def _movable(story: list[Flowable], index: int) -> int | None:
    """Return the nearest index at or before ``index`` that holds content, or None if a
    forced page break comes first (nothing before it can join the next page)."""
    while index >= 0:
        flowable = story[index]
        if isinstance(flowable, (ActionFlowable, StartRecto)):  # a page break or a template change
            return None
        if not isinstance(flowable, (Spacer, CondPageBreak, BreakHere)):
            return index
        index -= 1
    return None


def _chain_start(story: list[Flowable], index: int) -> int:
    """Return where the run of flowables that must stay with ``index`` begins: the headings,
    lead-ins and spacers just before it."""
    while index > 0 and (is_heading(story[index - 1])
                         or isinstance(story[index - 1], (Spacer, CondPageBreak))):
        index -= 1
    return index


def faults(log: list[Drawn], story: list[Flowable], leading: float) -> list[int | None]:
    """Return each bad page of a layout, as the story index a page break before which
    might fix it (None if no break could): first the headings with less than two lines
    after them on their page, then the pages holding less than four lines.

    A short page takes, from the page before, as many whole blocks from its end as it
    needs for four lines, with the headings and lead-ins that go with them."""
    pages: dict[int, list[Drawn]] = defaultdict(list)
    for drawn in log:
        pages[drawn.page].append(drawn)
    last = max(pages, default=0)
    found: list[int | None] = []
    least = MIN_LINES * leading
    for page in sorted(pages):
        entries = pages[page]
        for i, entry in enumerate(entries):
            after = sum(e.height for e in entries[i + 1:])
            if entry.heading and page < last and after < AFTER_HEADING * leading:
                start = _chain_start(story, entry.origin)
                found.append(start if start > 0 else None)
        used = sum(e.height for e in entries)
        blank = all(isinstance(story[e.origin], StartRecto) for e in entries)
        if page == min(pages) or used >= least or blank:
            continue
        before = pages.get(page - 1, [])
        candidate = None
        for origin in sorted({e.origin for e in before}, reverse=True):
            moved = sum(e.height for e in before if e.origin >= origin)
            if used + moved >= least + leading:  # a line to spare: a block split in two
                # is shorter once whole, by the spacing its two parts had
                candidate = _movable(story, _chain_start(story, origin))
                break
        kept = sum(e.height for e in before if candidate is not None and e.origin < candidate)
        found.append(candidate if candidate is not None and kept >= least else None)
    return found


def balanced(lay_out: Callable[[set[int]], list[Drawn]], story: list[Flowable],
             leading: float) -> set[int]:
    """Lay the story out again and again, each time with one more page break before the
    flowable that might fix a bad page; keep a break only if it leaves fewer bad pages.
    Return the breaks of the best layout, which is the last one laid out."""
    breaks: set[int] = set()
    log = lay_out(breaks)
    bad = faults(log, story, leading)
    tried: set[int] = set()
    laid = breaks
    for _ in range(MAX_TRIES - 1):
        fix = next((f for f in bad if f is not None and f not in tried), None)
        if fix is None:
            break
        tried.add(fix)
        trial = add_break(breaks, fix, story)
        trial_log = lay_out(trial)
        laid = trial
        trial_bad = faults(trial_log, story, leading)
        if len(trial_bad) < len(bad):
            breaks, bad = trial, trial_bad
            if not bad:
                break
    if laid != breaks:  # the last try made things worse: lay out the best again
        lay_out(breaks)
    return breaks
