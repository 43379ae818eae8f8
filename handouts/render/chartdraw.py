"""Draw a placed chart as a ReportLab drawing: lane bands, arrows, boxes and their words.

Graphviz decided where each box goes and how each arrow bends; every text is drawn here,
in the document's embedded font, inside the box Graphviz made room for.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics.shapes import Drawing, Group, Path, Polygon, Rect, String
from reportlab.lib import colors

from handouts.layout import look
from handouts.layout.chartgraph import FONT_SIZE, LEADING, Box, ChartGraph
from handouts.layout.lanes import Band, bands, header
from handouts.layout.placed import Placed
from handouts.render.fonts import register_fonts

INK = colors.HexColor(look.INK)
PAPER = colors.HexColor(look.PAPER)
Resolve = Callable[[Box, str], str]
"""Turns a stub box's words into what it prints (e.g. fills in a page number)."""


def as_written(box: Box, text: str) -> str:
    """Print a box's words as they are."""
    return text


def chart_drawing(graph: ChartGraph, placed: Placed, scale: float, across: bool,
                  resolve: Resolve = as_written) -> Drawing:
    """Return the chart drawn at ``scale`` (its text prints at FONT_SIZE times ``scale``)."""
    font = register_fonts()
    group = Group(transform=(scale, 0, 0, scale, 0, 0))
    for band in bands(graph, placed, across):
        group.add(_band(band, font))
    links = {link.id: link for link in graph.links}
    for curve in placed.curves:
        link = links[curve.id]
        style = look.edge_style(link.when)
        dash = list(look.UNCONFIRMED_DASH if link.unconfirmed else style.dash) or None
        path = Path(strokeColor=INK, strokeWidth=style.penwidth, fillColor=None,
                    strokeDashArray=dash, strokeLineCap=1)
        first, *rest = curve.points
        path.moveTo(*first)
        for i in range(0, len(rest) - 2, 3):
            path.curveTo(*rest[i], *rest[i + 1], *rest[i + 2])
        group.add(path)
        if link.arrow and curve.head:
            group.add(Polygon([v for p in curve.head for v in p], strokeColor=INK,
                              strokeWidth=0.8, fillColor=PAPER if style.open_head else INK))
    for box in graph.boxes:
        if box.kind != "spine" and box.id in placed.centres:
            group.add(_box(box, placed.centres[box.id], font, resolve))
    height = placed.height + header(graph, across)
    drawing = Drawing(placed.width * scale, height * scale, initialFontName=font)
    drawing.add(group)
    return drawing


def _band(band: Band, font: str) -> Group:
    """Draw one lane: a light band across the chart, its title in bold at the start."""
    group = Group()
    group.add(Rect(band.x, band.y, band.width, band.height, rx=4, ry=4,
                   fillColor=colors.HexColor(look.LANE_FILL),
                   strokeColor=colors.HexColor(look.LANE_RULE), strokeWidth=0.6))
    y = band.title_y
    for line in band.title:
        group.add(String(band.title_x, y - FONT_SIZE * 0.8, line, fontName=font + "-Bold",
                         fontSize=FONT_SIZE, fillColor=INK))
        y -= FONT_SIZE * LEADING
    return group


def _box(box: Box, centre: tuple[float, float], font: str, resolve: Resolve) -> Group:
    """Draw one box by its kind, then its lines of text, centred."""
    look_ = look.NODE_STYLES.get(box.kind, look.NODE_STYLES["treatment"])
    cx, cy = centre
    x, y, w, h = cx - box.width / 2, cy - box.height / 2, box.width, box.height
    dash = (list(look.UNCONFIRMED_DASH) if box.unconfirmed
            else list(look.FUNDING_DASH) if box.funding else None)
    stroke = {"strokeColor": INK, "strokeWidth": look_.penwidth, "strokeDashArray": dash}
    fill = colors.HexColor(look_.fill)
    group = Group()
    if look_.shape == "diamond":
        group.add(Polygon([cx, y, x + w, cy, cx, y + h, x, cy], fillColor=fill, **stroke))
    elif look_.shape == "note":
        fold = 8
        group.add(Polygon([x, y, x, y + h, x + w - fold, y + h, x + w, y + h - fold, x + w, y],
                          fillColor=fill, **stroke))
    elif look_.shape == "plain":
        group.add(Rect(x, y, w, h, fillColor=PAPER, strokeColor=None))
    else:
        radius = 6 if look_.shape == "rounded" else 0
        group.add(Rect(x, y, w, h, rx=radius, ry=radius, fillColor=fill, **stroke))
        if look_.double or box.funding:
            group.add(Rect(x + 3, y + 3, w - 6, h - 6, rx=max(radius - 2, 0),
                           ry=max(radius - 2, 0), fillColor=None, **stroke))
    step = FONT_SIZE * LEADING
    top = cy + len(box.lines) * step / 2
    for i, line in enumerate(box.lines):
        baseline = top - (i + 1) * step + (step - FONT_SIZE) / 2 + FONT_SIZE * 0.22
        text = resolve(box, line.text) if box.kind == "stub" else line.text
        group.add(String(cx, baseline, text, fontName=font + ("-Bold" if line.bold else ""),
                         fontSize=FONT_SIZE, fillColor=INK, textAnchor="middle"))
    return group
