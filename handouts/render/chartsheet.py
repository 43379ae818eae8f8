"""A flowchart's downloads, each able to stand alone: PDF, SVG, PNG and the chart in words.

Each carries the handout's title, version, dates and status, the chart in its one
arrangement (the drawing the A4 handout prints), its key, and the sources behind its marks.
The PDF is a page of the handout's own kind (its footer, draft band, QR code and metadata),
split only where the A4 handout splits the chart; the SVG and PNG are one image of the
whole chart, the SVG with its parts named and its font embedded.
"""

from __future__ import annotations

import datetime
import io
import re
import struct
import threading
import zlib
from collections.abc import Callable
from dataclasses import replace
from typing import IO

from reportlab.graphics import renderPDF
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Spacer

from handouts.flowchart.key import KeyItem, key_items
from handouts.flowchart.scene import Scene, scene
from handouts.flowchart.search import Rooms, Targets
from handouts.flowchart.sheet import sheet_scene
from handouts.flowchart.svg import svg_document
from handouts.flowchart.words import arrow_names, box_names, chart_in_words, text_download
from handouts.fonts import chart_measure, register_fonts
from handouts.model.chart import Flowchart
from handouts.process import stream
from handouts.render.chart import (
    GAP,
    Keyed,
    chart_and_key,
    heading,
    marks_of,
    part_style,
    reference,
    sheet_room,
    sheet_sources,
    sources_table,
    too_small,
)
from handouts.render.page import DocInfo, render
from handouts.render.styles import Doc

PNG_DPI = 300
KEY_SIZE = 10.0
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


def chart_downloads(chart: Flowchart, title: str, facts: list[str], info: DocInfo,
                    doc: Doc) -> dict[str, bytes]:
    """Return the downloads of one chart by suffix: .pdf, .svg, .png, .txt.

    The PNG is drawn (by poppler and zlib, in a thread of its own) while the PDF and SVG
    are made."""
    marks = marks_of(chart, doc)
    sources = [f"[{mark}] {doc.citer.brief(key)}" for key, mark in marks.items()]
    drawn = doc.layouts.whole(chart, marks, reference(chart, doc))
    words = chart_in_words(chart)
    image = sheet_scene(scene(drawn, box_names(chart), arrow_names(chart)),
                        sheet_lines(title, facts, info.draft, info.url),
                        key_items(chart, [drawn.graph]), sources, KEY_SIZE,
                        chart_measure(10.0))
    png = _png(image, info.date)
    try:
        pdf = sheet_pdf(chart, title, sheet_sources(chart, doc), info, doc)
        svg = svg_document(image, title, " ".join(words)).encode("utf-8")
    except BaseException:
        png.wait()  # no thread outlives this call, whatever happens
        raise
    return {".pdf": pdf, ".svg": svg, ".png": png.result(),
            ".txt": text_download(title, facts, words)}


def sheet_pdf(chart: Flowchart, title: str, sources: list[str], info: DocInfo,
              doc: Doc) -> bytes:
    """Return the printable download: the chart on an A4 page with the handout's footer
    (its version, dates and QR code), its key, and its sources by citation and title (the
    image downloads give their addresses too), whole whenever the A4 handout prints it
    whole (else each part on a page of its own)."""
    page = doc.profile  # the handout's A4 edition; its footer gives version and dates
    s = doc.styles
    listed = sources_table(sources, page.frame()[0], s)

    def rooms(items: tuple[KeyItem, ...], whole: bool) -> Rooms:
        return {turned: sheet_room(page, turned, items, tuple(sources), title, whole)
                for turned in (False, True)}

    room = Keyed(rooms, ("download", page, tuple(sources), title))

    plan = doc.layouts.plan(chart, marks_of(chart, doc), room, SHEET, reference(chart, doc))
    if plan.size < SHEET.least - 0.05:
        raise too_small(chart, plan, SHEET, "flowchart download")
    story: list[Flowable] = []
    for number, part in enumerate(plan.parts, start=1):
        if number > 1:
            story.append(PageBreak())
        story += [*heading(title, number, len(plan.parts),
                           s[part_style("h2", len(plan.parts) == 1)]),
                  *chart_and_key(chart, part, doc), Spacer(1, GAP), *listed]
    sheet = replace(info, title=title, subject=title)
    return render(story, sheet, page)


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


def _png(image: Scene, updated: datetime.date) -> Later:
    """Return ``image`` as a PNG at 300 dpi on white, with its resolution recorded.

    poppler draws the vector drawing (as the PDF has it) to raw pixels; they are packed into
    a PNG here, at the fastest zlib level: poppler's own PNG writer takes four times as long
    for a file 15% smaller.
    """
    from handouts.flowchart.pdf import drawing

    out = io.BytesIO()  # a PDF only for poppler to draw: its date is never seen
    canvas = Canvas(out, pagesize=(image.width, image.height), invariant=1,
                    initialFontName=register_fonts())
    renderPDF.draw(drawing(image), canvas, 0, 0)
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
