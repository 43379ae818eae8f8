"""Draw a chart's key: a sample of each shape, line and mark the chart uses, with its words."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.layout import look
from handouts.layout.key import KeyItem
from handouts.render.fonts import register_fonts

INK = colors.HexColor(look.INK)


def key_drawing(items: list[KeyItem], width: float, size: float) -> Drawing:
    """Return the key: its entries one after another across ``width``, like words in a
    paragraph, each a sample and what it means, its text at ``size`` points."""
    font = register_fonts()
    sample_w, gap = size * 3.2, size * 0.5
    leading = size * 1.5
    placed: list[tuple[float, int, KeyItem, list[str]]] = []  # (x, line, item, text lines)
    x, line = 0.0, 0
    for item in items:
        sample_w = size * 3.2 if item.sample not in ("marks", "stub") else -gap
        text_w = stringWidth(item.text, font, size)
        room = width - sample_w - gap
        lines = simpleSplit(item.text, font, size, room) if text_w > room else [item.text]
        need = sample_w + gap + max(stringWidth(t, font, size) for t in lines)
        if x and x + need > width:
            x, line = 0.0, line + 1
        placed.append((x, line, item, lines))
        line += len(lines) - 1
        x = x + need + size * 1.5 if len(lines) == 1 else width
    count = (line + 1) if placed else 0
    drawing = Drawing(width, count * leading, initialFontName=font)
    for x, row, item, lines in placed:
        middle = drawing.height - row * leading - leading / 2
        sample_w = size * 3.2 if item.sample not in ("marks", "stub") else -gap
        drawing.add(sample(item.sample, x, middle, sample_w, size))
        for i, text in enumerate(lines):
            drawing.add(String(x + sample_w + gap, middle - size * 0.35 - i * leading, text,
                               fontName=font, fontSize=size, fillColor=INK))
    return drawing


def sample(kind: str, x: float, middle: float, width: float, size: float) -> Group:
    """Draw the sample of one key entry, centred on ``middle``, ``width`` wide."""
    group = Group()
    h = size * 1.3
    y = middle - h / 2
    if kind.startswith("node:"):
        style = look.NODE_STYLES[kind[5:]]
        fill = colors.HexColor(style.fill)
        stroke = {"strokeColor": INK, "strokeWidth": style.penwidth}
        if style.shape == "diamond":
            group.add(Polygon([x + width / 2, y - 2, x + width, middle, x + width / 2,
                               y + h + 2, x, middle], fillColor=fill, **stroke))
        elif style.shape == "note":
            fold = h / 3
            group.add(Polygon([x, y, x, y + h, x + width - fold, y + h, x + width,
                               y + h - fold, x + width, y], fillColor=fill, **stroke))
        else:
            radius = h / 3 if style.shape == "rounded" else 0
            group.add(Rect(x, y, width, h, rx=radius, ry=radius, fillColor=fill, **stroke))
            if style.double:
                group.add(Rect(x + 2.5, y + 2.5, width - 5, h - 5, rx=max(radius - 2, 0),
                               ry=max(radius - 2, 0), fillColor=None, **stroke))
    elif kind == "funding":
        for inset in (0.0, 2.5):
            group.add(Rect(x + inset, y + inset, width - 2 * inset, h - 2 * inset,
                           fillColor=colors.white if not inset else None, strokeColor=INK,
                           strokeDashArray=list(look.FUNDING_DASH)))
    elif kind == "condition":
        group.add(_arrow(x, middle, width, (), 1.2, False))
        group.add(Rect(x + width * 0.25, y + 1, width * 0.5, h - 2, fillColor=colors.white,
                       strokeColor=None))
        group.add(String(x + width / 2, middle - size * 0.35, "ab", fontSize=size,
                         fontName=register_fonts(), textAnchor="middle", fillColor=INK))
    elif kind.startswith("edge:") or kind == "unconfirmed":
        line = look.edge_style(kind[5:]) if kind != "unconfirmed" else look.CUSTOM
        dashes = look.UNCONFIRMED_DASH if kind == "unconfirmed" else line.dash
        group.add(_arrow(x, middle, width, dashes, line.penwidth, line.open_head))
    return group


def _arrow(x: float, middle: float, width: float, dash: tuple[float, ...], penwidth: float,
           open_head: bool) -> Group:
    group = Group()
    tip = x + width
    group.add(Line(x, middle, tip - 6, middle, strokeColor=INK, strokeWidth=penwidth,
                   strokeDashArray=list(dash) or None))
    group.add(Polygon([tip - 7, middle + 3.5, tip, middle, tip - 7, middle - 3.5],
                      fillColor=colors.white if open_head else INK, strokeColor=INK,
                      strokeWidth=0.8))
    return group
