"""What every page carries outside its text: the draft band, the footer and the QR code.

All of it sits in the margins, so none of it covers the content, and none of it relies on
transparency: the draft band is a flat light tint in the top margin. The footer is two
lines: which version this is and its page number, then whether it may be used and where
the latest version is; a title too long for the first line is shortened, never wrapped.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.fonts import register_fonts
from handouts.model.profile import Profile
from handouts.render.rlprivate import page_size
from handouts.render.styles import INK, MUTED, RULE

DRAFT_FILL = colors.HexColor("#e4e4e4")
DRAFT_WORDS = "DRAFT – not for clinical use: not yet clinically reviewed"


def draw_furniture(canvas: Any, info: Any, page: Profile, number: int, count: int,
                   form: tuple[str, bool]) -> None:
    """Draw the draft band, footer and QR code of one page. The QR code is a form, named
    in ``form``, drawn once (if ``form`` says so) and placed on every page."""
    width, height = page_size(canvas)
    font = register_fonts()
    size = page.footer
    left = page.left(number)
    right = width - page.margin - page.gutter + (left - page.margin)
    if info.draft:
        edge, band = page.band
        top = height - edge
        canvas.setFillColor(DRAFT_FILL)
        canvas.rect(left, top - band, right - left, band, stroke=0, fill=1)  # in the margins
        canvas.setFillColor(INK)
        canvas.setFont(font + "-Bold", size * 1.05)
        canvas.drawCentredString(width / 2, top - band + size * 0.38, DRAFT_WORDS
                                 if stringWidth(DRAFT_WORDS, font + "-Bold", size * 1.05)
                                 < width - 2 * left else "DRAFT – not for clinical use")
    qr = page.qr if info.url else 0.0
    rule = page.bottom - page.gap
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(left, rule, right, rule)
    canvas.setFillColor(MUTED)
    canvas.setFont(font, size)
    room = right - left - (qr + 6 if qr else 0)
    folio = f"Page {number} of {count}"
    lines = footer_lines([*info.facts, info.title], info.notice, info.url, font, size, room,
                         stringWidth(folio, font, size) + size)
    if len(lines) > page.footer_lines:  # a small page keeps its footer short: the QR code
        lines = footer_lines([*info.facts, info.title], info.notice, "", font, size, room,
                             stringWidth(folio, font, size) + size)  # gives the address
    y = rule - size * 1.35
    canvas.drawRightString(left + room, y, folio)
    for line in lines:
        canvas.drawString(left, y, line)
        y -= size * 1.3
    if qr:
        name, first = form
        if first:
            canvas.beginForm(name, 0, 0, qr, qr)
            draw_qr(canvas, info.url, 0, 0, qr)
            canvas.endForm()
        canvas.saveState()
        canvas.translate(right - qr, rule - qr - 1.5)
        canvas.doForm(name)
        canvas.restoreState()


def footer_lines(chunks: list[str], notice: str, url: str, font: str, size: float,
                 width: float, folio: float) -> list[str]:
    """Return the footer's lines: the facts (the title last) packed into lines, a fact never
    split, the first line leaving room for the page number; then the notice and address.

    The title is shortened or left out rather than take a line of its own.

    >>> footer_lines(["Version 1.0.0", "Review due 1 Jan 2026", "A title"], "Uncontrolled",
    ...              "", "Helvetica", 10, 200, 60)
    ['Version 1.0.0', 'Review due 1 Jan 2026 · A title', 'Uncontrolled']
    """
    def fits(text: str, line: int) -> bool:
        return stringWidth(text, font, size) <= width - (folio if line == 0 else 0)

    tail = notice_lines(notice, url, font, size, width)
    lines: list[str] = []
    for i, chunk in enumerate(chunks):
        title = i == len(chunks) - 1
        if lines and fits(f"{lines[-1]} · {chunk}", len(lines) - 1):
            lines[-1] = f"{lines[-1]} · {chunk}"
        elif title:  # shorten it onto the last line, never give it a line of its own
            last = lines[-1] if lines else ""
            words = chunk.split()
            while words and not fits(f"{last} · {' '.join(words)} …", len(lines) - 1):
                words.pop()
            if words and lines:
                lines[-1] = f"{last} · {' '.join(words)} …"
        else:
            lines.append(chunk)
    return lines + tail


def notice_lines(notice: str, url: str, font: str, size: float, width: float) -> list[str]:
    """Return the notice and the latest version's address: on one line if they fit, the
    notice wrapped between words, the address broken only after a '/' if it must be."""
    together = f"{notice} Latest version: {url}" if url else notice
    if stringWidth(together, font, size) <= width:
        return [together]
    lines = no_lone_word(simpleSplit(notice, font, size, width))
    if not url:
        return lines
    address = f"Latest version: {url}"
    if stringWidth(address, font, size) <= width:
        return [*lines, address]
    head, _, tail = url.rpartition("/")
    return [*lines, f"Latest version: {head}/", tail]


def no_lone_word(lines: list[str]) -> list[str]:
    """Return wrapped lines with no single word left alone on the last line: the line
    before gives it a companion.

    >>> no_lone_word(["Printed copies are", "uncontrolled."])
    ['Printed copies', 'are uncontrolled.']
    """
    if len(lines) > 1 and len(lines[-1].split()) == 1 and len(lines[-2].split()) > 1:
        head, _, moved = lines[-2].rpartition(" ")
        return [*lines[:-2], head, f"{moved} {lines[-1]}"]
    return lines


def draw_qr(canvas: Any, url: str, x: float, y: float, size: float) -> None:
    """Draw a QR code of ``url``, ``size`` points square, with its lower left at (x, y)."""
    widget = QrCodeWidget(url, barLevel="M", barBorder=1)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0],
                      initialFontName=register_fonts())
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)
