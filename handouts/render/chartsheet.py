"""A flowchart's downloads, each able to stand alone: PDF, SVG, PNG and the chart in words.

Each carries the handout's title, version, dates and status (a draft says so in a band),
the chart with its source marks, the key, and the sources behind the marks. The SVG and the
PDF come from one drawing; the PNG is the PDF's page drawn by poppler at 300 dpi, on white.
"""

from __future__ import annotations

import datetime
import html
import io
import re
import struct
import threading
import zlib
from collections.abc import Callable
from typing import IO

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from handouts.layout import look
from handouts.layout.chartgraph import PAGE, Box
from handouts.layout.key import KeyItem, key_items
from handouts.layout.search import Targets
from handouts.layout.words import chart_in_words, described_svg, either, text_download
from handouts.model.chart import Flowchart
from handouts.model.profile import A4, MM, landscape
from handouts.process import stream
from handouts.render.chart import marks_of
from handouts.render.chartdraw import chart_drawing
from handouts.render.chartkey import key_drawing
from handouts.render.charts import Drawn, too_small
from handouts.render.fonts import register_fonts
from handouts.render.page import dated
from handouts.render.styles import Doc

PNG_DPI = 300
PAD = 18.0
"""White space around the image downloads."""
MARGIN = 10 * MM
"""Within what office printers leave unprinted (about 5 mm)."""
SOURCE_SIZE = 8.0
SOURCE_LEADING = 1.2
"""The sources' line spacing, in text sizes: set solid enough to leave the chart the room."""
"""The sources under a download's key, as a reference list is set: smaller than the chart."""
INK = colors.HexColor(look.INK)
SHEET = Targets(9.0, 9.0, 14.0)
"""A download prints on one A4 page where its text can be 9 pt or more."""
INSTALL_HINT = "install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils)"


def sheet_lines(title: str, facts: list[str], draft: bool, url: str) -> list[tuple[str, bool]]:
    """Return the lines above the chart: the title (bold), the facts, the status."""
    lines = [(title, True), (" · ".join(facts), False)]
    if draft:
        lines.append(("DRAFT – not for clinical use: not yet clinically reviewed", True))
    if url:
        lines.append((f"Latest version: {url}", False))
    return lines


def compose(chart_part: Drawing, head: list[tuple[str, bool]], key: Drawing,
            sources: list[str], width: float, size: float) -> Drawing:
    """Stack the head, the chart, the key and the sources into one drawing ``width`` wide."""
    font = register_fonts()
    leading = size * 1.3
    texts: list[tuple[float, str, bool, float]] = []  # (size, text, bold, gap after)
    for i, (text, bold) in enumerate(head):
        line_size = size * 1.5 if i == 0 else size
        for part in simpleSplit(text, font + ("-Bold" if bold else ""), line_size, width):
            texts.append((line_size, part, bold, 0.0))
    small = min(size, SOURCE_SIZE)
    source_lines = [line for text in sources  # wrapped, never cut short
                    for line in simpleSplit(text, font, small, width)]
    head_h = sum(s * 1.3 for s, *_ in texts) + size
    sources_h = leading + len(source_lines) * small * SOURCE_LEADING if source_lines else 0.0
    total = head_h + chart_part.height + size + key.height + size + sources_h
    drawing = Drawing(width, total, initialFontName=font)
    drawing.add(Rect(-PAD, -PAD, width + 2 * PAD, total + 2 * PAD, fillColor=colors.white,
                     strokeColor=None))  # white, never transparent: it may land on a dark slide
    y = total
    for line_size, text, bold, _ in texts:
        y -= line_size * 1.3
        if text.startswith("DRAFT"):
            drawing.add(Rect(0, y - line_size * 0.35, width, line_size * 1.3,
                             fillColor=colors.HexColor("#e6e6e6"), strokeColor=None))
        drawing.add(String(0, y, text, fontName=font + ("-Bold" if bold else ""),
                           fontSize=line_size, fillColor=INK))
    y -= size
    drawing.add(_placed(chart_part, (width - chart_part.width) / 2, y - chart_part.height))
    y -= chart_part.height + size
    drawing.add(_placed(key, 0, y - key.height))
    y -= key.height + size
    if source_lines:
        y -= leading
        drawing.add(String(0, y, "Sources", fontName=font + "-Bold", fontSize=size,
                           fillColor=INK))
        for line in source_lines:
            y -= small * SOURCE_LEADING
            drawing.add(String(0, y, line, fontName=font, fontSize=small, fillColor=INK))
    return drawing


def _placed(drawing: Drawing, x: float, y: float) -> Group:
    group = Group(*drawing.contents)
    group.translate(x, y)
    return group


def chart_downloads(chart: Flowchart, title: str, facts: list[str], draft: bool, url: str,
                    doc: Doc, updated: datetime.date) -> dict[str, bytes]:
    """Return the downloads of one chart by suffix: .pdf, .svg, .png, .txt.

    The PNG is drawn (by poppler and zlib, in a thread of its own) while the PDF and SVG are
    made."""
    marks = marks_of(chart, doc)
    sources = [f"[{mark}] {doc.citer.brief(key)}" for key, mark in marks.items()]
    head = sheet_lines(title, facts, draft, url)
    size = 10.0
    frame_w = {False: A4[0] - 2 * MARGIN, True: A4[1] - 2 * MARGIN}

    def room(items: tuple[KeyItem, ...]) -> dict[bool, tuple[float, float]]:
        rooms = {}
        for turned in (False, True):
            width = frame_w[turned]
            empty = compose(Drawing(1, 1), head, key_drawing(list(items), width, size), sources,
                            width, size)
            height = (A4[1] if not turned else A4[0]) - 2 * MARGIN
            rooms[turned] = (width, height - empty.height)
        return rooms

    choice, parts = doc.layouts.plan(chart, marks, room, SHEET, most_parts=None)
    if choice.size < SHEET.least - 0.05:
        raise too_small(chart, choice, SHEET, "flowchart download", [p.graph for p in parts])
    whole = parts[0] if len(parts) == 1 else \
        doc.layouts.plan(chart, marks, room, SHEET, most_parts=1)[1][0]
    width = max(whole.placed.width, 480.0)
    image = compose(chart_drawing(whole.graph, whole.placed, 1.0, whole.across), head,
                    key_drawing(key_items(chart, [whole.graph]), width, size), sources,
                    width, size)
    png = _png(image, updated)
    try:
        pdf = _sheet_pdf(chart, parts, head, sources, size, updated, title)
        words = chart_in_words(chart)
        svg = svg_fonts(renderSVG.drawToString(image)).encode("utf-8")
    except BaseException:
        png.wait()  # no thread outlives this call, whatever happens
        raise
    return {".pdf": pdf, ".svg": described_svg(svg, title, words), ".png": png.result(),
            ".txt": text_download(title, facts, words)}


def _sheet_pdf(chart: Flowchart, parts: list[Drawn], head: list[tuple[str, bool]],
               sources: list[str], size: float, updated: datetime.date, title: str) -> bytes:
    """Return the printable download: each part of the chart on an A4 page of its own."""
    out = io.BytesIO()
    with dated(updated):
        canvas = Canvas(out, pagesize=A4, invariant=1, initialFontName=register_fonts())
        canvas.setTitle(title)
        canvas.setCreator("handouts")
        for number, part in enumerate(parts, start=1):
            paper = landscape(A4) if part.turned else A4
            canvas.setPageSize(paper)
            width = paper[0] - 2 * MARGIN
            label = head if len(parts) == 1 else [(f"{head[0][0]} (part {number} of "
                                                   f"{len(parts)})", True), *head[1:]]
            def resolve(box: Box, text: str) -> str:  # stubs name the sheet's own pages
                return text.replace(PAGE, either([str(p + 1) for p in box.target_parts], "and"))

            sheet = compose(chart_drawing(part.graph, part.placed, part.scale, part.across,
                                          resolve),
                            label, key_drawing(key_items(chart, [part.graph]), width, size),
                            sources, width, size)
            renderPDF.draw(sheet, canvas, MARGIN, paper[1] - MARGIN - sheet.height)
            canvas.showPage()
        canvas.save()
    return out.getvalue()


class Later:
    """Bytes made in a thread of its own; ``result`` waits for them, and for the thread to
    end, so that no such thread outlives the call that started it (a build forks workers
    later, and a thread alive at a fork can leave a lock held in the child)."""

    def __init__(self, make: Callable[[], bytes]) -> None:
        self._value = b""
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(make,), name="handouts-png")
        self._thread.start()

    def _run(self, make: Callable[[], bytes]) -> None:
        try:
            self._value = make()
        except BaseException as exc:  # raised again, in the caller's thread, by result()
            self._error = exc

    def wait(self) -> None:
        """Wait for the thread to end."""
        self._thread.join()

    def result(self) -> bytes:
        """Return the bytes, once made; raise what making them raised."""
        self.wait()
        if self._error is not None:
            raise self._error
        return self._value


def _png(image: Drawing, updated: datetime.date) -> Later:
    """Return ``image`` as a PNG at 300 dpi on white, with its resolution recorded.

    poppler draws the vector drawing (as the PDF has it) to raw pixels; they are packed into
    a PNG here, at the fastest zlib level: poppler's own PNG writer takes four times as long
    for a file 15% smaller.
    """
    pad = PAD
    out = io.BytesIO()
    with dated(updated):
        canvas = Canvas(out, pagesize=(image.width + 2 * pad, image.height + 2 * pad),
                        invariant=1, initialFontName=register_fonts())
        renderPDF.draw(image, canvas, pad, pad)
        canvas.showPage()
        canvas.save()
    pdf = out.getvalue()
    return Later(lambda: stream("pdftoppm", ["-r", str(PNG_DPI), "-singlefile", "-"],
                                lambda ppm: png_from_ppm(ppm, PNG_DPI), data=pdf,
                                install=INSTALL_HINT, name="poppler's 'pdftoppm'",
                                what="drawing the flowchart PNG"))


def png_from_ppm(ppm: IO[bytes], dpi: int) -> bytes:
    r"""Return a binary PPM (P6, 8-bit RGB) image, read row by row, as a PNG with its
    resolution recorded.

    >>> ppm = io.BytesIO(b"P6\n2 1\n255\n" + bytes([255, 0, 0, 0, 0, 255]))
    >>> png = png_from_ppm(ppm, 300)
    >>> png[:8] == b"\x89PNG\r\n\x1a\n", png[16:24].hex(), b"pHYs" in png
    (True, '0000000200000001', True)
    """
    header = ppm.read(64)
    found = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", header)  # one whitespace, then pixels
    if found is None:
        raise ValueError("not an 8-bit binary PPM image")
    columns, rows = int(found[1]), int(found[2])
    stride = columns * 3
    rest = header[found.end():]
    packer = zlib.compressobj(1)
    parts = []
    for _ in range(rows):
        row = rest + ppm.read(stride - len(rest))
        if len(row) != stride:
            raise ValueError("the PPM image ends early")
        rest = b""
        parts.append(packer.compress(b"\x00" + row))
    parts.append(packer.flush())
    per_metre = round(dpi / 0.0254)
    return b"\x89PNG\r\n\x1a\n" + b"".join(_chunk(kind, body) for kind, body in (
        (b"IHDR", struct.pack(">IIBBBBB", columns, rows, 8, 2, 0, 0, 0)),
        (b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        (b"IDAT", b"".join(parts)),
        (b"IEND", b"")))


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (struct.pack(">I", len(body)) + kind + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))


def svg_fonts(svg: str) -> str:
    """Name the font as viewers know it: the family 'DejaVu Sans', bold by weight."""
    svg = svg.replace("font-family: DejaVuSans-Bold;",
                      "font-family: 'DejaVu Sans', sans-serif; font-weight: bold;")
    return svg.replace("font-family: DejaVuSans;", "font-family: 'DejaVu Sans', sans-serif;")


def plain(markup: str) -> str:
    """Return a reference list entry's markup as plain text."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))
