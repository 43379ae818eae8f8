"""Draw a chart's scene with ReportLab, in the document's embedded font."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, Polygon, PolyLine, Rect, String
from reportlab.lib import colors

from handouts.flowchart.scene import Scene, Shape
from handouts.fonts import register_fonts


def drawing(scene: Scene, scale: float = 1.0) -> Drawing:
    """Return the scene as a ReportLab drawing at ``scale`` (its text prints at
    FONT_SIZE times ``scale``); ReportLab's y runs up the page, the scene's down."""
    font = register_fonts()
    group = Group(transform=(scale, 0, 0, -scale, 0, scene.height * scale))
    for part in scene.groups:
        for shape in part.shapes:
            group.add(_shape(shape, font))
    out = Drawing(scene.width * scale, scene.height * scale, initialFontName=font)
    out.add(group)
    return out


def _colour(value: str | None) -> colors.Color | None:
    return colors.HexColor(value) if value else None


def _shape(shape: Shape, font: str) -> object:
    stroke = {"strokeColor": _colour(shape.stroke), "strokeWidth": shape.width,
              "strokeDashArray": list(shape.dash) or None}
    if shape.kind == "rect":
        (x, y), (w, h) = shape.points
        return Rect(x, y, w, h, rx=shape.radius, ry=shape.radius,
                    fillColor=_colour(shape.fill), **stroke)
    if shape.kind == "polygon":
        return Polygon([v for p in shape.points for v in p], fillColor=_colour(shape.fill),
                       **stroke)
    if shape.kind == "line":
        return PolyLine([v for p in shape.points for v in p], strokeLineCap=0,
                        strokeLineJoin=0, **stroke)
    (x, y), = shape.points  # text: flipped back upright about its baseline
    text = String(0, 0, shape.text, fontName=font + ("-Bold" if shape.bold else ""),
                  fontSize=shape.size, fillColor=_colour("#1a1a1a"),
                  textAnchor=shape.anchor)
    return Group(text, transform=(1, 0, 0, -1, x, y))
