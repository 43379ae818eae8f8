"""Write a chart's scene as SVG that others can read, test and reuse.

Every lane, box and arrow is a ``<g>`` with a class, an id and a ``<title>`` in words
(``<g class="edge" id="edge-FROM-TO" data-from="FROM" data-to="TO">``); the document has a
title and, as its description, the chart in words. The font's glyphs the chart uses are
embedded (a WOFF subset of DejaVu Sans, made by fontTools), so the image looks the same on
a machine without DejaVu. Every text and attribute is escaped here, in one place.
"""

from __future__ import annotations

import base64
import functools
import io
import logging
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from handouts.flowchart.scene import Group, Scene, Shape
from handouts.fonts import font_files

FAMILY = "HandoutsChartSans"
"""The embedded subset's family name: never a font the viewer already has."""


def number(value: float) -> str:
    """Return a coordinate as short, stable text.

    >>> number(12.0), number(3.14159), number(-0.0001)
    ('12', '3.14', '0')
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(**attrs: object) -> str:
    return "".join(f" {name.replace('_', '-')}={quoteattr(str(value))}"
                   for name, value in attrs.items() if value not in (None, ""))


def _style(shape: Shape) -> dict[str, object]:
    return {"fill": shape.fill or "none", "stroke": shape.stroke,
            "stroke_width": number(shape.width) if shape.stroke else None,
            "stroke_dasharray": " ".join(number(d) for d in shape.dash) or None}


def shape_svg(shape: Shape) -> str:
    """Return one shape as an SVG element."""
    if shape.kind == "rect":
        (x, y), (w, h) = shape.points
        radius = number(shape.radius) if shape.radius else None
        return (f"<rect{_attrs(x=number(x), y=number(y), width=number(w), height=number(h))}"
                f"{_attrs(rx=radius, ry=radius, **_style(shape))}/>")
    points = " ".join(f"{number(x)},{number(y)}" for x, y in shape.points)
    if shape.kind == "polygon":
        return f"<polygon{_attrs(points=points, **_style(shape))}/>"
    if shape.kind == "line":
        style = _style(shape)
        style["fill"] = "none"
        return f"<polyline{_attrs(points=points, **style)}/>"
    (x, y), = shape.points
    return (f"<text{_attrs(x=number(x), y=number(y), font_size=number(shape.size))}"
            f"{_attrs(font_weight='bold' if shape.bold else None)}"
            f"{_attrs(text_anchor=shape.anchor if shape.anchor != 'start' else None)}>"
            f"{escape(shape.text)}</text>")


def group_svg(group: Group, prefix: str = "") -> list[str]:
    """Return one group: its class, id and data, its title, then its shapes."""
    data = {f"data-{key}": value for key, value in group.data}
    ident = f"{prefix}{group.id}" if group.id else None
    head = f"<g{_attrs(**{'class': group.cls})}{_attrs(id=ident)}"
    head += "".join(f" {name}={quoteattr(value)}" for name, value in data.items()) + ">"
    return [head, f"<title>{escape(group.title)}</title>",
            *(shape_svg(s) for s in group.shapes), "</g>"]


def svg_document(scene: Scene, title: str, description: str, prefix: str = "",
                 fonts: bool = True, scale: float = 1.0) -> str:
    """Return the scene as a standalone SVG document (or, with ``prefix``, an inline one
    whose ids start with it), ``scale`` times the scene's size."""
    texts = "".join(s.text for g in scene.groups for s in g.shapes if s.kind == "text")
    width, height = scene.width * scale, scene.height * scale
    ids = {"title": f"{prefix}title", "desc": f"{prefix}desc"}
    lines = [] if prefix else ['<?xml version="1.0" encoding="UTF-8"?>']
    lines += [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img"'
        f'{_attrs(aria_labelledby=ids["title"], aria_describedby=ids["desc"])}'
        f'{_attrs(width=number(width), height=number(height))}'
        f' viewBox="0 0 {number(scene.width)} {number(scene.height)}">',
        f'<title{_attrs(id=ids["title"])}>{escape(title)}</title>',
        f'<desc{_attrs(id=ids["desc"])}>{escape(description)}</desc>',
        f"<style>{font_css(texts) if fonts else ''}"
        f"text{{font-family:{FAMILY},'DejaVu Sans',sans-serif;fill:#1a1a1a}}</style>",
    ]
    for group in scene.groups:
        lines += group_svg(group, prefix)
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def font_css(text: str) -> str:
    """Return @font-face rules embedding the glyphs of ``text`` in both faces."""
    chars = "".join(sorted(set(text) | {" "}))
    files = font_files()
    rules = []
    for weight, name in (("normal", "DejaVuSans"), ("bold", "DejaVuSans-Bold")):
        data = base64.b64encode(subset(str(files[name]), chars)).decode("ascii")
        rules.append(f"@font-face{{font-family:{FAMILY};font-weight:{weight};"
                     f"src:url(data:font/woff;base64,{data}) format('woff')}}")
    return "".join(rules)


@functools.lru_cache(maxsize=16)
def subset(path: str, chars: str) -> bytes:
    """Return the glyphs of ``chars`` from the font at ``path`` as a WOFF file, the same
    bytes every time."""
    from fontTools import subset as subsetting
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # it reports tables it drops
    options = subsetting.Options()
    options.flavor = "woff"
    options.drop_tables += ["FFTM"]
    options.name_IDs = [1, 2]  # the family and style names only
    options.notdef_outline = True
    font = TTFont(path, recalcTimestamp=False, lazy=True)
    subsetter = subsetting.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()


def all_text(groups: Iterable[Group]) -> str:
    """Return every character the groups print."""
    return "".join(s.text for g in groups for s in g.shapes if s.kind == "text")
