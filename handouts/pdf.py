"""The printed page: fonts, paragraph styles, page template and footer (ReportLab)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph,
                                TableStyle)
from reportlab.platypus.tableofcontents import TableOfContents
from reportlab.platypus.doctemplate import LayoutError

from .errors import BuildError
from .fonts import register_fonts

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#3d3d3d")
RULE = colors.HexColor("#8c8c8c")
ACCENT = colors.HexColor("#1f4e79")
WATERMARK = colors.HexColor("#000000")
ALERT = colors.HexColor("#8b0000")
MARGIN = 14 * mm
BODY_SIZE = 12.0


UNCONTROLLED = "Printed copies are uncontrolled: check the version online"


@dataclass(frozen=True)
class DocInfo:
    """What the PDF says about itself: metadata and the footer's text."""

    title: str
    author: str
    subject: str
    footer: str
    notice: str = UNCONTROLLED
    watermark: str = ""


def styles() -> dict[str, ParagraphStyle]:
    """Return the paragraph styles, all in the one embedded family."""
    font = register_fonts()
    bold = font + "-Bold"
    body = ParagraphStyle("body", fontName=font, bulletFontName=font, fontSize=BODY_SIZE,
                          leading=BODY_SIZE * 1.4, textColor=INK, alignment=TA_LEFT,
                          spaceAfter=6, allowWidows=0, allowOrphans=0)
    return {
        "body": body,
        "cover": ParagraphStyle("cover", body, fontName=bold, fontSize=28, leading=34,
                                textColor=ACCENT, spaceBefore=60, spaceAfter=10),
        "title": ParagraphStyle("title", body, fontName=bold, fontSize=22, leading=27,
                                textColor=ACCENT, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", body, fontSize=13.5, leading=18, spaceAfter=10),
        "h1": ParagraphStyle("h1", body, fontName=bold, fontSize=17, leading=21,
                             textColor=ACCENT, spaceAfter=4),
        "h2": ParagraphStyle("h2", body, fontName=bold, fontSize=15, leading=19,
                             textColor=ACCENT, spaceBefore=12, spaceAfter=6, keepWithNext=1),
        "section": ParagraphStyle("section", body, fontName=bold, fontSize=15, leading=19,
                                  textColor=ACCENT, spaceBefore=12, spaceAfter=6),
        "h3": ParagraphStyle("h3", body, fontName=bold, fontSize=12.5, leading=16,
                             spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "meta": ParagraphStyle("meta", body, fontSize=10.5, leading=14, spaceAfter=0),
        "small": ParagraphStyle("small", body, fontSize=10.5, leading=14, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", body, leftIndent=14, bulletIndent=2, spaceAfter=3),
        "numbered": ParagraphStyle("numbered", body, leftIndent=20, bulletIndent=2,
                                   spaceAfter=3),
        "cell": ParagraphStyle("cell", body, fontSize=10.5, leading=13.5, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", body, fontName=bold, fontSize=10.5,
                                    leading=13.5, spaceAfter=0),
        "caption": ParagraphStyle("caption", body, fontSize=10.5, leading=14, spaceAfter=4),
        "step_number": ParagraphStyle("step_number", body, fontName=bold, fontSize=20,
                                      leading=24, alignment=1),
        "reference": ParagraphStyle("reference", body, fontSize=11, leading=15, leftIndent=18,
                                    firstLineIndent=-18, spaceAfter=5),
    }


def table_style(*commands: tuple[object, ...]) -> TableStyle:
    """Return a table style in the document's font (a table otherwise starts in Helvetica)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), register_fonts(), 10), *commands])


class FooterCanvas(Canvas):
    """A canvas that holds pages back so that each footer can say 'page x of y'.

    Bookmarks are held back with their page too, so that they point at the right page.
    """

    def __init__(self, *args: Any, info: DocInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._info = info
        self._pages: list[dict[str, Any]] = []
        self._marks: list[tuple[str, dict[str, Any]]] = []

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:  # noqa: N802 (ReportLab's name)
        self._marks.append((key, kwargs))

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._marks = []
        self._startPage()

    def save(self) -> None:
        for state in self._pages:
            self.__dict__.update(state)
            for key, kwargs in state["_marks"]:
                super().bookmarkPage(key, **kwargs)
            self._draw_footer(len(self._pages))
            super().showPage()
        super().save()

    def _draw_footer(self, count: int) -> None:
        """Draw the watermark, if any, and the two footer lines of the current page."""
        width, height = self._pagesize
        font = register_fonts()
        self.saveState()
        if self._info.watermark:
            self.setFillColor(WATERMARK)
            self.setFillAlpha(0.18)
            self.setFont(font + "-Bold", 110)
            self.translate(width / 2, height / 2)
            self.rotate(52)
            self.drawCentredString(0, -35, self._info.watermark)
        self.restoreState()
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.6)
        self.line(MARGIN, 16 * mm, width - MARGIN, 16 * mm)
        self.setFillColor(MUTED)
        self.setFont(font, 8.5)
        page = f"Page {self.getPageNumber()} of {count}"
        room = width - 2 * MARGIN - self.stringWidth(page, font, 8.5) - 12
        lines = [fit(text, font, 8.5, room) for text in (self._info.footer, self._info.notice)]
        self.drawString(MARGIN, 12 * mm, lines[0])
        self.drawString(MARGIN, 8.5 * mm, lines[1])
        self.drawRightString(width - MARGIN, 12 * mm, page)
        self.restoreState()


def fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis until it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and stringWidth(" ".join(words) + " …", font, size) > width:
        words.pop()
    return " ".join(words).rstrip(" ·") + " …"


def frame_size(pagesize: tuple[float, float] = A4) -> tuple[float, float]:
    """Return the width and height of the text frame on a page."""
    return pagesize[0] - 2 * MARGIN, pagesize[1] - MARGIN - 20 * mm


class HandoutDoc(BaseDocTemplate):
    """A document that lists each handout title in the contents and the PDF outline."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's name)
        if isinstance(flowable, Paragraph) and flowable.style.name == "title":
            text = flowable.getPlainText()
            key = f"h{self.seq.nextf('handout')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)
            self.notify("TOCEntry", (0, text, self.page, key))


def contents() -> TableOfContents:
    """Return a table of contents in the document's font, with dotted leaders."""
    toc = TableOfContents(dotsMinLevel=0, tableStyle=table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ))
    toc.levelStyles = [ParagraphStyle("toc", styles()["body"], leftIndent=0, firstLineIndent=0,
                                      spaceAfter=4)]
    return toc


def render(story: list[Flowable], info: DocInfo, pagesize: tuple[float, float] = A4) -> bytes:
    """Typeset ``story`` into PDF bytes, byte-identical for the same input.

    A story with a table of contents is laid out twice, so that its page numbers are right.
    """
    font = register_fonts()
    out = io.BytesIO()
    doc = HandoutDoc(
        out, pagesize=pagesize, invariant=1, initialFontName=font, lang="en-GB",
        title=info.title, author=info.author, subject=info.subject, creator="handouts",
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=20 * mm,
    )
    width, height = frame_size(pagesize)
    frame = Frame(MARGIN, 20 * mm, width, height, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame])])
    canvasmaker: Callable[..., Canvas] = lambda *a, **k: FooterCanvas(*a, info=info, **k)
    try:
        if any(isinstance(f, TableOfContents) for f in story):
            doc.multiBuild(story, canvasmaker=canvasmaker)
        else:
            doc.build(story, canvasmaker=canvasmaker)
    except LayoutError as exc:
        raise BuildError(f"{info.title}: content does not fit on a page ({exc})") from None
    return out.getvalue()
