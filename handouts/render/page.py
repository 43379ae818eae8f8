"""The printed page: fonts, paragraph styles, page template and footer (ReportLab)."""

from __future__ import annotations

import datetime
import hashlib
import io
import time
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.tableofcontents import TableOfContents

from handouts.errors import Location, Problem, SpecError
from handouts.fonts import register_fonts
from handouts.model.profile import Profile
from handouts.render.balance import Drawn, balanced, is_heading, origin_of, with_breaks
from handouts.render.booklet import SIDE, padding
from handouts.render.furniture import draw_furniture
from handouts.render.styles import Styles, paragraph_styles, table_style

QR_SIZE = 16 * mm
_UNSET = object()
FOOTER_LINES = 4
WATERMARK = colors.HexColor("#000000")


UNCONTROLLED = "Printed copies are uncontrolled."


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


def date_pdf(canvas: Canvas, day: datetime.date) -> None:
    """Date a new canvas's PDF ``day``, as ReportLab dates a reproducible build when
    SOURCE_DATE_EPOCH says that day: its creation and modification dates, and the seed of
    its /ID. The build's own day (which that variable may give) never reaches the file, and
    nothing is written to the process's environment. ReportLab has no public way to set
    these, so this sets the attributes it reads them from (checked by tests/test_build_object).
    """
    moment = int(datetime.datetime(day.year, day.month, day.day,
                                   tzinfo=datetime.timezone.utc).timestamp())
    document = canvas._doc
    stamp = document._timeStamp
    stamp.t, stamp.lt = moment, time.gmtime(moment)
    stamp.YMDhms, stamp.dhh, stamp.dmm, stamp.tzname = tuple(stamp.lt)[:6], 0, 0, "UTC"
    document.signature = hashlib.md5(b"a reportlab document", usedforsecurity=False)
    document.signature.update(ascii(moment).encode())  # as PDFDocument seeds it


class FooterCanvas(Canvas):
    """A canvas that holds pages back so that each footer can say 'page x of y'.

    Bookmarks are held back with their page too, so that they point at the right page.
    """

    def __init__(self, *args: Any, info: DocInfo, profile: Profile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        date_pdf(self, info.date)
        self._info = info
        self._profile = profile
        self._pages: list[dict[str, Any]] = []
        self._marks: list[tuple[str, dict[str, Any]]] = []
        self._qr_drawn = False

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:
        self._marks.append((key, kwargs))

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._marks = []
        self._startPage()

    def save(self) -> None:
        drawn = False
        for state in self._pages:
            self.__dict__.update(state)
            self._qr_drawn = drawn
            drawn = True
            self._draw_footer(len(self._pages))
            for key, kwargs in state["_marks"]:
                super().bookmarkPage(key, **kwargs)
            super().showPage()
        super().save()

    def _draw_footer(self, count: int) -> None:
        """Draw this page's furniture: the draft band, the footer lines and the QR code."""
        self.saveState()
        draw_furniture(self, self._info, self._profile, self.getPageNumber(), count,
                       first=not self._qr_drawn)
        self._qr_drawn = True
        self.restoreState()


def fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis until it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and stringWidth(" ".join(words) + " …", font, size) > width:
        words.pop()
    return " ".join(words).rstrip(" ·") + " …"


def located(flowable: Flowable, where: Location) -> Flowable:
    """Mark a flowable with the place in the spec it comes from, for layout problems."""
    flowable.handouts_where = where  # type: ignore[attr-defined]
    return flowable


class HandoutDoc(BaseDocTemplate):
    """A document that lists each handout title in the contents and the PDF outline.

    A flowable too large for any page becomes a located problem, at the place in the spec
    it comes from (or the document's, if it is not marked).
    """

    where: Location = Location("")
    profile_name: str = ""

    def start_log(self, story: list[Flowable]) -> None:
        """Log from now on what is drawn on each page, by the story index it comes from.

        ReportLab marks the flowables of a layout (those it moved to a later page, those it
        kept with the next): each layout of the same story starts from them as they were.
        """
        self.origins = {id(f): i for i, f in enumerate(story)}
        self.beforeDocument()
        stack = list(story)
        flowables = []
        while stack:
            flowable = stack.pop()
            flowables.append(flowable)
            stack += getattr(flowable, "_content", [])
        if not hasattr(self, "_as_written"):  # before the first layout marks anything
            self._as_written = {id(f): f.__dict__.get("keepWithNext", _UNSET)
                                for f in flowables}
        for flowable in flowables:
            flowable.__dict__.pop("_postponed", None)
            kept = self._as_written.get(id(flowable), _UNSET)
            if kept is _UNSET:
                flowable.__dict__.pop("keepWithNext", None)
            else:
                flowable.__dict__["keepWithNext"] = kept

    def handle_frameBegin(self, *args: Any, **kwargs: Any) -> None:
        """Mirror the margins of a booklet: the fold is at the inside of each page."""
        super().handle_frameBegin(*args, **kwargs)
        if self.profile.gutter and self.frame.id == "page":
            frame = self.frame
            frame._x1 = self.profile.left(self.page)
            frame._geom()
            frame._x = frame._x1 + frame._leftPadding

    def beforeDocument(self) -> None:  # each pass of a multiBuild starts a fresh log
        self.log: list[Drawn] = []
        self.current = 0

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        first = flowables[0] if flowables else None
        origin = origin_of(first, self.origins)
        if origin is not None:
            self.current = origin
        frame = getattr(self, "frame", None)
        page, top = self.page, (frame._y if frame is not None else None)
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            where = getattr(first, "handouts_where", None) or self.where
            raise SpecError([Problem(where, f"this is too large for a page in the "
                                            f"{self.profile_name} edition",
                                     "shorten it, or split it into smaller parts")]) from None
        after = getattr(self, "frame", None)
        if top is not None and after is not None and self.page == page and top > after._y:
            self.log.append(Drawn(page, self.current, top - after._y, is_heading(first)))

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Paragraph) and (flowable.style.name == "title"
                                                or getattr(flowable, "in_contents", False)):
            text = flowable.getPlainText()
            key = f"h{self.seq.nextf('handout')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)
            self.notify("TOCEntry", (0, text, self.page, key))


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


def render(story: list[Flowable], info: DocInfo, page: Profile) -> bytes:
    """Typeset ``story`` for the current profile into PDF bytes, the same bytes every time.

    A story with a table of contents is laid out twice, so that its page numbers are right.
    Pages are upright ('page'); a story may turn some sideways ('turned'), e.g. for a chart.
    """
    font = register_fonts()
    out = io.BytesIO()
    doc = HandoutDoc(
        out, pagesize=page.paper, invariant=1, initialFontName=font, lang="en-GB",
        title=info.title, author=info.author, subject=info.subject, creator="handouts",
        leftMargin=page.margin, rightMargin=page.margin, topMargin=page.top,
        bottomMargin=page.bottom,
    )
    templates = []
    for name, turned in (("page", False), ("turned", True)):
        width, height = page.frame(turned)
        frame = Frame(page.margin, page.bottom, width, height, id=name, leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        paper = landscape(page.paper) if turned else page.paper
        templates.append(PageTemplate(name, [frame], pagesize=paper))
    doc.addPageTemplates(templates)
    doc.where, doc.profile_name, doc.profile = info.where, page.name, page

    def canvasmaker(*args: Any, **kwargs: Any) -> Canvas:
        return FooterCanvas(*args, info=info, profile=page, **kwargs)

    def lay_out(flowables: list[Flowable]) -> list[Drawn]:
        out.seek(0)
        out.truncate()
        doc.start_log(story)  # the log names story indices, without the breaks added
        if any(isinstance(f, TableOfContents) for f in story):
            doc.multiBuild(flowables, canvasmaker=canvasmaker)
        else:
            doc.build(flowables, canvasmaker=canvasmaker)
        return doc.log

    styles = paragraph_styles(page)
    breaks = balanced(lambda breaks: lay_out(with_breaks(story, breaks)), story,
                      styles["body"].leading)
    if page.gutter and doc.page % SIDE:  # a booklet: pad with pages for notes
        lay_out(with_breaks(story, breaks) + padding(doc.page, styles["h2"]))
    return out.getvalue()
