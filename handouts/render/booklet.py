"""A5 editions fold into booklets: pages padded to a multiple of four, and the same pages
imposed two to a side of A4, in the order a folded stack of sheets reads."""

from __future__ import annotations

import hashlib
import io

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
    The same input gives the same bytes."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation  # only A5 needs it
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject

    reader = PdfReader(io.BytesIO(pdf))
    count = len(reader.pages)
    if count % SIDE:
        raise ValueError(f"a booklet needs a multiple of {SIDE} pages, not {count}")
    width, height = landscape(A4)
    writer = PdfWriter()
    for left, right in booklet_order(count):
        side = PageObject.create_blank_page(width=width, height=height)
        for index, x in ((left, 0.0), (right, width / 2)):
            page = reader.pages[index]
            box = page.mediabox
            scale = min((width / 2) / float(box.width), height / float(box.height))
            turned = float(box.width) > float(box.height)
            move = Transformation()
            if turned:  # a landscape page (a chart) stands upright on its half
                move = move.rotate(90).translate(float(box.height), 0)
                scale = min((width / 2) / float(box.height), height / float(box.width))
            side.merge_transformed_page(page, move.scale(scale, scale).translate(x, 0))
        writer.add_page(side)
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
