"""The printed page: the document template, its footer, and typesetting a story (ReportLab).

A story is laid out first without drawing anything, to measure where it falls; the balancer
(balance.py) adds page breaks until the pages are ones a print reviewer passes, each try laid
out again only from the page before the fault, and only until it falls as before; then the
story is typeset once, for real.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.doctemplate import ActionFlowable, LayoutError
from reportlab.platypus.flowables import UseUpSpace
from reportlab.platypus.tableofcontents import TableOfContents

from handouts.errors import Location, Problem, SpecError
from handouts.fonts import register_fonts
from handouts.model.profile import Profile
from handouts.render import rlprivate
from handouts.render.balance import Drawn, Layout, Role, Rules, balance
from handouts.render.booklet import notes_pages
from handouts.render.furniture import draw_furniture, footed
from handouts.render.pagebreaks import SPACE_ONLY, BreakHere, PartStart, StartRecto, Trailed
from handouts.render.styles import Styles, paragraph_styles, table_style

UNCONTROLLED = "Printed copies are uncontrolled."
HEADINGS = ("section", "h1", "h2", "h3", "caption")


@dataclass(frozen=True)
class DocInfo:
    """What the PDF says about itself: metadata and the footer's text."""

    title: str
    author: str
    subject: str
    facts: list[str]
    """Which version this is: ['Version 2.0.0', 'Updated 1 Oct 2025', 'Review due ...']."""
    notice: str = UNCONTROLLED
    draft: bool = False
    """A draft carries a band across the top of every page: DRAFT, not for clinical use."""
    url: str = ""
    """The address of the latest version: printed in words and as a QR code on every page."""
    date: datetime.date = datetime.date(2000, 1, 1)
    """When the content last changed: the PDF's creation and modification date."""
    where: Location = Location("")
    """The spec the document comes from, for problems no part of it is marked with."""


class FooterCanvas(Canvas):
    """A canvas that holds pages back so that each footer can say 'page x of y'.

    Bookmarks are held back with their page too, so that they point at the right page. A
    page in a part of the document (a handout in a pack) carries that part's footer.
    """

    def __init__(self, *args: Any, info: DocInfo, profile: Profile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rlprivate.date_document(self, info.date)
        self._info = info
        self._profile = profile
        self._pages: list[dict[str, Any]] = []
        self._marks: list[tuple[str, dict[str, Any]]] = []
        self.handouts_part: tuple[DocInfo, Profile] | None = None
        self._qr_forms: dict[str, str] = {}

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:
        self._marks.append((key, kwargs))

    def showPage(self) -> None:
        self._pages.append(rlprivate.hold_page(self))
        self._marks = []

    def save(self) -> None:
        for state in self._pages:
            rlprivate.restore_page(self, state)
            info, profile = state.get("handouts_part") or (self._info, self._profile)
            self.saveState()
            draw_furniture(self, info, profile, self.getPageNumber(), len(self._pages),
                           self._qr_form(info.url))
            self.restoreState()
            for key, kwargs in state["_marks"]:
                super().bookmarkPage(key, **kwargs)
            super().showPage()
        super().save()

    def _qr_form(self, url: str) -> tuple[str, bool]:
        """Return the name of the form that holds the QR code of ``url``, and whether it is
        still to be drawn (each is drawn once, then placed on every page)."""
        known = url in self._qr_forms
        name = self._qr_forms.setdefault(url, f"qr{len(self._qr_forms)}")
        return name, not known


class MeasuringCanvas(Canvas):
    """A canvas for a layout only measured: it keeps no pages, bookmarks or outline."""

    def showPage(self) -> None:
        rlprivate.skip_page(self)

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:
        pass

    def addOutlineEntry(self, *args: Any, **kwargs: Any) -> None:
        pass


class UnseenFrame(Frame):
    """A frame that places flowables without drawing them: for a layout only measured."""

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        return rlprivate.place_unseen(self, flowable, canv, trySplit)


def located(flowable: Flowable, where: Location) -> Flowable:
    """Mark a flowable with the place in the spec it comes from, for layout problems."""
    flowable.handouts_where = where  # type: ignore[attr-defined]
    return flowable


def is_lead(flowable: Flowable | None) -> bool:
    """Tell whether a flowable should never end a page: a heading, a table's caption, a
    lead-in that ends with a colon, or a paragraph that introduces a list or a table."""
    if not isinstance(flowable, Paragraph):
        return False
    return (flowable.style.name in HEADINGS or getattr(flowable, "handouts_lead", False)
            or flowable.getPlainText().rstrip().endswith(":"))


def role_of(flowable: Flowable) -> Role:
    """Return what an item of the story is to the balancer."""
    if isinstance(flowable, StartRecto):
        return Role.RECTO
    if isinstance(flowable, (ActionFlowable, UseUpSpace)):  # page breaks, template changes
        return Role.FORCED
    if isinstance(flowable, (Spacer, CondPageBreak, BreakHere, PartStart)):
        return Role.SPACE
    return Role.LEAD if is_lead(flowable) else Role.CONTENT


def with_breaks(story: list[Flowable], breaks: frozenset[int]) -> list[Flowable]:
    """Return the story with a page break before each index in ``breaks``."""
    out: list[Flowable] = []
    for i, flowable in enumerate(story):
        if i in breaks:
            out.append(BreakHere())
        out.append(flowable)
    return out


class Resynced(Exception):
    """A layout tried again has come to a page that starts as one of the layout before:
    the rest falls as it did."""

    def __init__(self, page: int, before: int) -> None:
        super().__init__(page, before)
        self.page, self.before = page, before


class HandoutDoc(BaseDocTemplate):
    """A document that logs where each item of its story falls, and lists each handout title
    in the contents and the PDF outline.

    A flowable too large for any page becomes a located problem, at the place in the spec
    it comes from (or the document's, if it is not marked).
    """

    where: Location = Location("")
    profile: Profile

    def prepare(self, story: list[Flowable], marks: dict[int, object], first: int = 1,
                template: str = "page", meets: dict[tuple[int, str], int] | None = None,
                sides: bool = False, part: Profile | None = None) -> None:
        """Get ready to lay out ``story`` from page ``first`` (in ``template``), its
        flowables' layout marks as they were written (``marks``): log where each of its
        items falls. With ``meets`` (a page's start: its page in the layout before), stop at
        a page that starts as one of those (on the same side of the sheet, if ``sides``
        matter: a part starts on a right-hand page).
        """
        self.origins = {id(f): i for i, f in enumerate(story)}
        self.first, self.template, self.meets = first, template, meets or {}
        self.sides, self.part = sides, part or self.profile
        for flowable in descendants(story):
            rlprivate.clear_layout_marks(flowable, marks.get(id(flowable), rlprivate.UNSET))

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        if self.first > 1:
            rlprivate.start_at(self, self.first, self.template)

    def beforeDocument(self) -> None:  # each pass of a multiBuild starts a fresh log
        self.log: list[Drawn] = []
        self.current = 0
        self.templates: dict[int, str] = {}
        self.rooms: dict[int, float] = {}
        self.starts: dict[int, tuple[int, str]] = {}
        self.seen: set[int] = set()
        self.pages_logged: set[int] = set()

    def beforePage(self) -> None:
        self.templates[self.page] = self.pageTemplate.id

    def handle_frameBegin(self, *args: Any, **kwargs: Any) -> None:
        """Mirror the margins of a booklet (the fold is at the inside of each page), and give
        the frame the bottom margin of the part of the document it is in."""
        super().handle_frameBegin(*args, **kwargs)
        if self.profile.gutter and self.frame.id == "page":
            rlprivate.move_frame(self.frame, self.profile.left(self.page))
        self._fit_part()

    def _fit_part(self) -> None:
        rlprivate.set_bottom(self.frame, self.part.bottom_of(self.frame.id == "turned"))
        self.rooms[self.page] = rlprivate.height(self.frame)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        first = flowables[0] if flowables else None
        origin = origin_of(first, self.origins)
        if origin is not None:
            self.current = origin
        if isinstance(first, PartStart):  # at the top of the part's first page
            self.part = first.profile
            if getattr(self, "frame", None) is not None and rlprivate.at_top(self.frame):
                self._fit_part()
        frame = getattr(self, "frame", None)
        page, top = self.page, (rlprivate.cursor(frame) if frame is not None else None)
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            where = getattr(first, "handouts_where", None) or self.where
            raise SpecError([Problem(where, f"this is too large for a page in the "
                                            f"{self.profile.name} edition",
                                     "shorten it, or split it into smaller parts")]) from None
        after = getattr(self, "frame", None)
        if top is None or after is None or self.page != page or top <= rlprivate.cursor(after):
            return
        if page not in self.pages_logged and self.current not in self.seen:
            self._page_starts(page)
        self.pages_logged.add(page)
        self.log.append(Drawn(page, self.current, top - rlprivate.cursor(after), is_lead(first)))
        self.seen.add(self.current)

    def _page_starts(self, page: int) -> None:
        """Note that ``page`` starts afresh with the current item; stop if the layout before
        had a page that started so, on the same side of the sheet."""
        start = (self.current, self.templates[page])
        self.starts[page] = start
        before = self.meets.get(start)
        if before is not None and page > self.first and (
                not self.sides or (page - before) % 2 == 0):
            raise Resynced(page, before)

    def afterFlowable(self, flowable: Flowable) -> None:
        if in_contents(flowable):
            text = flowable.getPlainText()
            key = f"h{self.seq.nextf('handout')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)
            self.notify("TOCEntry", (0, text, self.page, key))


def in_contents(flowable: Flowable) -> bool:
    """Tell whether a flowable is listed in the contents and the PDF outline: a handout's
    title, or a heading marked so (a pack's references)."""
    return isinstance(flowable, Paragraph) and (flowable.style.name == "title"
                                                or getattr(flowable, "in_contents", False))


def descendants(story: list[Flowable]) -> list[Flowable]:
    """Return every flowable of a story, and every flowable they hold."""
    stack = list(story)
    out = []
    while stack:
        flowable = stack.pop()
        out.append(flowable)
        stack += rlprivate.parts(flowable)
        if isinstance(flowable, Trailed):
            stack += [flowable.body, flowable.trail]
    return out


def origin_of(flowable: Flowable | None, origins: dict[int, int]) -> int | None:
    """Return the story index a flowable comes from, if it is (or groups) one of the story's."""
    if flowable is None:
        return None
    if id(flowable) in origins:
        return origins[id(flowable)]
    inside = [origins[id(f)] for f in rlprivate.parts(flowable) if id(f) in origins]
    return min(inside) if inside else None


def contents(styles: Styles) -> TableOfContents:
    """Return a table of contents in the document's font, with dotted leaders."""
    toc = TableOfContents(dotsMinLevel=0, tableStyle=table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ))
    body = styles["body"]
    toc.levelStyles = [ParagraphStyle("toc", body, leftIndent=0, firstLineIndent=0,
                                      rightIndent=body.fontSize * 2.5, spaceAfter=4)]
    # the page number sits in the right indent, clear of a title that wraps
    return toc


class Typesetter:
    """Typesets one story in one profile: measured as often as the balancer asks, then
    drawn once."""

    def __init__(self, story: list[Flowable], info: DocInfo, profile: Profile) -> None:
        self.story, self.info, self.profile = story, info, profile
        self.roles = [role_of(f) for f in story]
        self.indexes = [f for f in story if f.isIndexing()]  # a table of contents
        self.font = register_fonts()
        self.marks = {id(f): rlprivate.layout_marks(f) for f in descendants(story)}
        """Each flowable's layout marks as written, before any layout changes them."""

    def _doc(self, out: io.BytesIO, unseen: bool) -> HandoutDoc:
        page = self.profile
        doc = HandoutDoc(
            out, pagesize=page.paper, invariant=1, initialFontName=self.font, lang="en-GB",
            title=self.info.title, author=self.info.author, subject=self.info.subject,
            creator="handouts", leftMargin=page.margin, rightMargin=page.margin,
            topMargin=page.top, bottomMargin=page.bottom)
        kind = UnseenFrame if unseen else Frame
        templates = []
        for name, turned in (("page", False), ("turned", True)):
            width, height = page.frame(turned)
            frame = kind(page.margin, page.bottom_of(turned), width, height, id=name,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            paper = landscape(page.paper) if turned else page.paper
            templates.append(PageTemplate(name, [frame], pagesize=paper))
        doc.addPageTemplates(templates)
        doc.where, doc.profile = self.info.where, page
        return doc

    def measure(self, breaks: frozenset[int], base: Layout | None, page: int) -> Layout:
        """Return where the story falls with page breaks before ``breaks``, drawing nothing.

        The pages before ``page`` are taken from ``base`` (laid out again from the last of
        them that starts afresh), and the layout stops as soon as a page starts as one of
        ``base`` did, after the breaks they differ in: the rest falls as it did there.
        """
        first, start, template, meets = 1, 0, "page", None
        if base is not None:
            first = max(p for p in range(1, page + 1) if p == 1 or base.starts[p - 1])
            if first > 1:
                start, template = base.starts[first - 1]  # type: ignore[misc]
            differ = max(breaks ^ base.breaks, default=-1)
            meets = {s: p for p, s in enumerate(base.starts, start=1)
                     if s is not None and p > first and s[0] > differ}
        flowables = with_breaks(self.story, breaks)
        if start:
            flowables = flowables[next(i for i, f in enumerate(flowables)
                                       if f is self.story[start]):]
        doc = self._doc(io.BytesIO(), unseen=True)
        rlprivate.no_save(doc)
        if first == 1:  # the contents' entries are measured too, until they hold
            rlprivate.listen(doc, self.indexes)
        met = None
        for _ in range(3 if self.indexes and first == 1 else 1):
            for index in self.indexes:
                index.beforeBuild()
            doc.prepare(self.story, self.marks, first, template, meets,
                        Role.RECTO in self.roles, self.part_at(start))
            try:
                doc.build(list(flowables), canvasmaker=MeasuringCanvas)
            except Resynced as resynced:
                met = resynced
                break
            if all(index.isSatisfied() for index in self.indexes):
                break
        return self._layout(doc, first, base, met, breaks)

    def part_at(self, index: int) -> Profile | None:
        """Return the profile of the part of the story that ``index`` is in, if any."""
        return next((f.profile for f in reversed(self.story[:index + 1])
                     if isinstance(f, PartStart)), None)

    def _layout(self, doc: HandoutDoc, first: int, base: Layout | None,
                met: Resynced | None, breaks: frozenset[int]) -> Layout:
        """Return the layout just measured, with the pages before ``first`` and (if it met
        the layout before) those after the meeting taken from ``base``."""
        end = met.page if met else doc.page + 1
        drawn = [d for d in doc.log if d.page < end]
        rooms = [doc.rooms[p] for p in range(first, end)]
        starts = [doc.starts.get(p) for p in range(first, end)]
        if base is not None:
            drawn = [d for d in base.drawn if d.page < first] + drawn
            rooms = list(base.rooms[:first - 1]) + rooms
            starts = list(base.starts[:first - 1]) + starts
            if met is not None:
                shift = met.page - met.before
                drawn += [Drawn(d.page + shift, d.origin, d.height, d.lead)
                          for d in base.drawn if d.page >= met.before]
                rooms += base.rooms[met.before - 1:]
                starts += base.starts[met.before - 1:]
        return Layout(tuple(drawn), tuple(rooms), tuple(starts), breaks)

    def typeset(self, flowables: list[Flowable], layout: Layout) -> bytes:
        """Return the story, page breaks and all, drawn as a PDF. The contents are given
        their entries from ``layout``, as measured, so that one pass draws them right."""
        out = io.BytesIO()
        doc = self._doc(out, unseen=False)
        doc.prepare(self.story, self.marks)

        def canvasmaker(*args: Any, **kwargs: Any) -> Canvas:
            return FooterCanvas(*args, info=self.info, profile=self.profile, **kwargs)

        if self.indexes:
            listed = [i for i, f in enumerate(self.story) if in_contents(f)]
            for index in self.indexes:
                index.clearEntries()
                for number, i in enumerate(listed, start=1):
                    page = min(d.page for d in layout.drawn if d.origin == i)
                    index.addEntry(0, self.story[i].getPlainText(), page, f"h{number}")
            doc.multiBuild(flowables, canvasmaker=canvasmaker)
        else:
            doc.build(flowables, canvasmaker=canvasmaker)
        self.drawn = tuple(doc.log)  # what was typeset, to check against what was measured
        return out.getvalue()


def spreads(story: list[Flowable]) -> tuple[tuple[int, int], ...]:
    """Return the runs of the story a booklet should show on one spread: each a list of
    warning signs, say, too long for one page (its first and last index)."""
    runs: dict[int, list[int]] = {}
    for i, flowable in enumerate(story):
        if (group := getattr(flowable, "handouts_spread", None)) is not None:
            runs.setdefault(group, []).append(i)
    return tuple((min(run), max(run)) for run in runs.values())


def render(story: list[Flowable], info: DocInfo, page: Profile,
           back: list[Flowable] | None = None) -> bytes:
    """Typeset ``story`` for a profile into PDF bytes, the same bytes every time.

    Pages are upright ('page'); a story may turn some sideways ('turned'), e.g. for a chart.
    A booklet (a profile with a gutter) ends on its back cover, ``back``, with pages for
    notes before it to make the pages a multiple of four.
    """
    needed = footed(page, [info])
    page = replace(page, footer_lines=max(page.footer_lines, needed.footer_lines),
                   turned_lines=max(page.turned_lines or page.footer_lines, needed.turned_lines))
    typesetter = Typesetter(story, info, page)
    styles = paragraph_styles(page)
    breaks, layout = balance(typesetter.measure, typesetter.roles,
                             Rules(styles["body"].leading,
                                   spreads=spreads(story) if page.gutter else ()))
    flowables = with_breaks(story, breaks)
    if page.gutter:
        width = page.frame()[0]
        room = layout.rooms[-1] - sum(d.height for d in layout.on(layout.pages)) - SPACE_ONLY
        flowables += notes_pages(layout.pages, room, styles["h2"], back or [], width)
    return typesetter.typeset(flowables, layout)
