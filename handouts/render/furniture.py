"""What every page carries outside its text: the draft band, the footer and the QR code.

All of it sits in the margins, inside a 10 mm safe area from the paper's edges (what office
printers print), so none of it covers the content, and none of it relies on transparency:
the draft band is a flat light tint in the top margin. The footer says, at 9 pt or more,
which document this is (its full title, on two lines if it needs them) beside the page
number, which version (its dates), whether it may be used, and where the latest version
is (unless that would take more lines than the edition allows: the QR code gives it too).
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.fonts import register_fonts
from handouts.model.profile import FOOTER_LEADING, Profile, landscape
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
        canvas.drawCentredString((left + right) / 2, top - band + size * 0.38, DRAFT_WORDS
                                 if stringWidth(DRAFT_WORDS, font + "-Bold", size * 1.05)
                                 < right - left - size else "DRAFT – not for clinical use")
    qr = page.qr if info.url else 0.0
    turned = width > height
    rule = page.bottom_of(turned) - page.gap
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(left, rule, right, rule)
    canvas.setFillColor(MUTED)
    canvas.setFont(font, size)
    room = right - left - (qr + 6 if qr else 0)
    y = rule - size * 1.35
    canvas.drawRightString(left + room, y, f"Page {number} of {count}")
    for line in footer(info, page, room, turned):
        canvas.drawString(left, y, line)
        y -= size * FOOTER_LEADING
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


FOLIO = "Page 88 of 88"
"""The widest page number a footer leaves room for beside the title."""


def footer_room(page: Profile, url: str, turned: bool = False) -> float:
    """Return the width the footer's text has on a page: less the QR code's, if it has one."""
    width = (landscape(page.paper) if turned else page.paper)[0] - 2 * page.margin - page.gutter
    return width - (page.qr + 6 if url else 0)


def footer(info: Any, page: Profile, room: float, turned: bool = False) -> list[str]:
    """Return a page's footer lines, the latest version's address left out if it would make
    more lines than the edition allows (its QR code gives the address too)."""
    font, size = register_fonts(), page.footer
    beside = stringWidth(FOLIO, font, size) + size
    lines = footer_lines(info.title, info.facts, info.notice, info.url, font, size, room,
                         beside)
    allowed = (page.turned_lines or page.footer_lines) if turned else page.footer_lines
    if info.url and len(lines) > allowed:
        lines = footer_lines(info.title, info.facts, info.notice, "", font, size, room, beside)
    return lines


def footed(page: Profile, infos: list[Any]) -> Profile:
    """Return a profile whose bottom margins hold the longest footer of ``infos`` (a pack's
    handouts each have their own), on an upright page and on a turned one (wider)."""
    upright, turned = (max(len(footer(info, page, footer_room(page, info.url, side), side))
                           for info in infos) for side in (False, True))
    return replace(page, footer_lines=upright, turned_lines=turned)


def footer_lines(title: str, facts: list[str], notice: str, url: str, font: str,
                 size: float, width: float, folio: float) -> list[str]:
    """Return the footer's lines: the title whole, wrapped between words (its first line
    leaving room for the page number), then the facts, a fact never split, the notice, and
    the address of the latest version.

    >>> footer_lines("A title", ["Version 1.0.0", "Review due 1 Jan 2026"], "Uncontrolled.",
    ...              "", "Helvetica", 10, 200, 60)
    ['A title', 'Version 1.0.0 · Review due 1 Jan 2026', 'Uncontrolled.']
    """
    def fits(text: str, line: int) -> bool:
        return stringWidth(text, font, size) <= width - (folio if line == 0 else 0)

    lines: list[str] = []
    for word in title.split():
        if lines and fits(f"{lines[-1]} {word}", len(lines) - 1):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    lines = no_lone_word(lines) if len(lines) > 1 else lines
    first = len(lines)
    sentences = [s if s.endswith(".") else f"{s}." for s in notice.split(". ")] if notice \
        else []
    for chunk in [*facts, *sentences]:
        if len(lines) > first and fits(f"{lines[-1]} · {chunk}", len(lines) - 1):
            lines[-1] = f"{lines[-1]} · {chunk}"
        else:
            lines += no_lone_word(simpleSplit(chunk, font, size, width)) \
                if not fits(chunk, len(lines)) else [chunk]
    if not url:
        return lines
    address = f"Latest version: {url}"
    if fits(address, len(lines)):
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
    (x0, y0, x1, y1), modules = qr_modules(url)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size / (x1 - x0), size / (y1 - y0))
    canvas.translate(-x0, -y0)
    canvas.setFillColor(colors.black)
    for left, bottom, width, height in modules:
        canvas.rect(left, bottom, width, height, stroke=0, fill=1)
    canvas.restoreState()


@functools.lru_cache(maxsize=64)
def qr_modules(url: str) -> tuple[tuple[float, float, float, float],
                                  tuple[tuple[float, float, float, float], ...]]:
    """Return the QR code of ``url``: its bounds, and its dark modules as rectangles (runs of
    a row), encoded once however many pages and editions carry it (a pack's pages carry one
    per handout)."""
    code = QrCodeWidget(url, barLevel="M", barBorder=1).draw()
    dark = tuple((r.x, r.y, r.width, r.height) for r in code.contents
                 if getattr(r, "fillColor", None) is not None)
    return code.getBounds(), dark
