"""A5 editions fold into booklets: pages padded to a multiple of four, and the same pages
imposed two to a side of A4, in the order a folded stack of sheets reads."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from handouts.model.profile import A4, landscape
from handouts.render.pagebreaks import BreakHere
from handouts.render.styles import RULE

SIDE = 4
"""A folded sheet carries four pages: a booklet's page count is a multiple of this."""
RULED = 24.0
"""Points between the lines of a notes page."""


class RuledLines(Flowable):
    """The rest of the frame, ruled for handwritten notes."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height - 1
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        y = self.height - RULED
        while y > 0:
            self.canv.line(0, y, self.width, y)
            y -= RULED
        self.canv.restoreState()


class AtFoot(Flowable):
    """Flowables set at the foot of the rest of the page (a booklet's back cover)."""

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__()
        self.content = content

    def need(self, width: float) -> float:
        """Return the height the content takes."""
        return sum(f.wrap(width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                   for f in self.content)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, max(self.need(avail_width), avail_height - 1)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        y = self.need(self.width)
        for flowable in self.content:
            y -= flowable.getSpaceBefore()
            _, height = flowable.wrap(self.width, 1e6)
            y -= height
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()


def notes_pages(pages: int, room: float, heading: ParagraphStyle,
                back: list[Flowable], width: float) -> list[Flowable]:
    """Return what follows ``pages`` pages of text in a booklet: its back cover, ``back`` (if
    any), at the foot of the last page, which is the last page of text if it is the last of
    a sheet and has ``room`` left for it; before it, pages headed 'Notes' and ruled for
    writing, as many as make the booklet a multiple of four pages."""
    if back and pages % SIDE == 0 and AtFoot(back).need(width) <= room:
        return [AtFoot(back)]
    out: list[Flowable] = []
    for _ in range(-(pages + (1 if back else 0)) % SIDE):
        out += [BreakHere(), Paragraph("Notes", heading), RuledLines()]
    if back:
        out += [BreakHere(), AtFoot(back)]
    return out


def _number(value: float) -> str:
    """Return a number as a PDF content stream writes it: short, and the same every time."""
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


def _form(writer: Any, page: Any) -> Any:
    """Return one page as a form XObject of ``writer``: its drawing and resources, whole."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

    form = DecodedStreamObject()
    contents = page.get_contents()  # (an empty dictionary, so never tested for truth)
    form.set_data(contents.get_data() if contents is not None else b"")
    box = page.mediabox
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(float(v)) for v in
                                         (box.left, box.bottom, box.right, box.top)),
        NameObject("/Resources"): page["/Resources"].clone(writer),
    })
    writer._add_object(form)
    return form.indirect_reference


def _sheet(writer: Any, width: float, height: float, drawing: str,
           forms: dict[str, Any]) -> None:
    """Add a side of a sheet to ``writer``: ``drawing`` placing the ``forms`` named."""
    from pypdf import PageObject
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    side = PageObject.create_blank_page(width=width, height=height)
    content = DecodedStreamObject()
    content.set_data(drawing.encode("ascii"))
    writer._add_object(content)
    side[NameObject("/Contents")] = content.indirect_reference
    side[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject(name): form for name, form in forms.items()})})
    writer.add_page(side)


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """Return the pages (from 0) on each side of each sheet, left then right, for a booklet
    of ``pages`` pages (a multiple of four) folded down the middle.

    >>> booklet_order(8)
    [(7, 0), (1, 6), (5, 2), (3, 4)]
    """
    sides = []
    for sheet in range(pages // SIDE):
        outer, inner = 2 * sheet, 2 * sheet + 1
        sides += [(pages - 1 - outer, outer), (inner, pages - 1 - inner)]
    return sides


def impose(pdf: bytes) -> bytes:
    """Return an A5 PDF imposed two pages to each side of A4 landscape, in booklet order:
    print it double-sided (flip on the short edge), fold the stack, and it reads in order.
    The same input gives the same bytes.

    Each page goes on its sheet whole, as a form XObject drawn where it belongs, rather than
    merged into the sheet's content (which pypdf does by parsing and rewriting every page's
    drawing: ten times as slow for a pack)."""
    from pypdf import PdfReader, PdfWriter  # only A5 needs it
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject

    reader = PdfReader(io.BytesIO(pdf))
    count = len(reader.pages)
    if count % SIDE:
        raise ValueError(f"a booklet needs a multiple of {SIDE} pages, not {count}")
    width, height = landscape(A4)
    writer = PdfWriter()
    forms = [_form(writer, page) for page in reader.pages]
    for left, right in booklet_order(count):
        drawn = []
        for index, x in ((left, 0.0), (right, width / 2)):
            box = reader.pages[index].mediabox
            w, h = float(box.width), float(box.height)
            if w > h:  # a landscape page (a chart) stands upright on its half
                scale = min((width / 2) / h, height / w)
                matrix = (0.0, scale, -scale, 0.0, x + h * scale, 0.0)
            else:
                scale = min((width / 2) / w, height / h)
                matrix = (scale, 0.0, 0.0, scale, x, 0.0)
            drawn.append(f"q {' '.join(_number(n) for n in matrix)} cm /P{index} Do Q")
        _sheet(writer, width, height, "\n".join(drawn),
               {f"/P{i}": forms[i] for i in (left, right)})
    preferences = writer.create_viewer_preferences()  # tell the print dialog how to print it
    preferences[NameObject("/Duplex")] = NameObject("/DuplexFlipShortEdge")
    preferences[NameObject("/PrintScaling")] = NameObject("/None")
    digest = hashlib.sha256(pdf).digest()[:16]
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    info = dict(reader.metadata or {})
    writer.add_metadata({k: v for k, v in info.items() if k in ("/Title", "/Author",
                                                                  "/Subject")})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
