"""What a routed chart looks like, as plain shapes: one scene for the PDF, the SVG and the web.

Each lane, box, condition and arrow is a group of shapes with an id and a title in words,
so the SVG can say what each part is; the PDF draws the same shapes. Coordinates are points
at the chart's text size, y down from the top left, with a margin all round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from handouts.flowchart import look
from handouts.flowchart.graph import FONT_SIZE, LEADING, Box
from handouts.flowchart.route import Point, Rect, Routed

MARGIN = 4.0
"""Around the chart: half a thick line never falls off the edge."""
HEAD_LENGTH = 7.0
HEAD_HALF = 3.5
RADIUS = 6.0
FOLD = 8.0
Resolve = Callable[[Box, str], str]
"""Turns a continuation box's words into what it prints (fills in a page number)."""


def as_written(box: Box, text: str) -> str:
    """Print a box's words as they are."""
    return text


@dataclass(frozen=True)
class Shape:
    """One thing drawn: a rectangle (``points`` = its corners' top left and size), a
    polygon, an open line, or a line of text (at ``points[0]``, its baseline's middle)."""

    kind: str
    """rect, polygon, line or text."""
    points: tuple[Point, ...]
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0
    dash: tuple[float, ...] = ()
    radius: float = 0.0
    text: str = ""
    bold: bool = False
    anchor: str = "middle"
    """start or middle: where ``points[0]`` is on a line of text."""
    size: float = FONT_SIZE
    """A text's size, in points at the chart's scale."""

    def moved(self, dx: float, dy: float) -> Shape:
        """Return the shape moved by (dx, dy)."""
        first, *rest = self.points
        rest = rest if self.kind == "rect" else [(x + dx, y + dy) for x, y in rest]
        return replace(self, points=((first[0] + dx, first[1] + dy), *rest))


@dataclass(frozen=True)
class Group:
    """A part of the chart a reader can name: a lane, a box, a condition or an arrow."""

    cls: str
    id: str
    title: str
    shapes: tuple[Shape, ...]
    data: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Scene:
    """A chart ready to draw: its size and its parts, in drawing order."""

    width: float
    height: float
    groups: tuple[Group, ...] = field(default_factory=tuple)


Names = Callable[[str], str]
"""The words that name a box, e.g. 'Alectinib (first line)'."""


def scene(routed: Routed, names: Names, edge_words: Callable[[str, str, str], str],
          resolve: Resolve = as_written) -> Scene:
    """Return the shapes of a routed chart. ``names`` names a box by its id;
    ``edge_words(source, target, when)`` says an arrow in words."""
    groups: list[Group] = []
    for i, band in enumerate(routed.bands):
        corner = (band.rect.x, band.rect.y)
        shapes = [Shape("rect", (corner, (band.rect.w, band.rect.h)), fill=look.LANE_FILL,
                        stroke=look.LANE_RULE, width=0.6, radius=4.0)]
        x, y = band.title_at
        for line in band.title:
            y += FONT_SIZE * LEADING
            shapes.append(Shape("text", ((x, y - FONT_SIZE * 0.28),), text=line, bold=True,
                                anchor="start"))
        lane = " ".join(band.title)
        groups.append(Group("lane", f"lane-{i + 1}", lane, tuple(shapes),
                            (("lane", lane),)))
    boxes = {b.id: b for b in routed.graph.boxes}
    labels: dict[str, list[Shape]] = {}
    for route in routed.routes:
        link = route.link
        shapes = list(arrow_shapes(route.points, link.when, link.unconfirmed, link.arrow))
        if not link.arrow:  # the line into a condition box: drawn with the box
            labels.setdefault(link.head, []).extend(shapes)
            continue
        words = edge_words(link.source, link.target, link.when)
        groups.append(Group("edge", f"edge-{link.source}-{link.target}", words,
                            tuple(shapes), (("from", link.source), ("to", link.target),
                                            ("when", link.when))))
    for box_id, rect in routed.boxes.items():
        box = boxes[box_id]
        shapes = [*labels.get(box_id, []), *box_shapes(box, rect, resolve)]
        if box.kind == "condition":
            words = " ".join(line.text for line in box.lines)
            groups.append(Group("condition", f"condition-{box_id}", words, tuple(shapes)))
        else:
            groups.append(Group("node", f"node-{box_id}", names(box_id), tuple(shapes),
                                (("kind", box.kind),)))
    ordered = [g for g in groups if g.cls == "lane"] + [g for g in groups if g.cls == "edge"] \
        + [g for g in groups if g.cls in ("condition", "node")]
    return Scene(routed.width + 2 * MARGIN, routed.height + 2 * MARGIN,
                 tuple(moved(g, MARGIN, MARGIN) for g in _unique(ordered)))


def moved(group: Group, dx: float, dy: float) -> Group:
    """Return a group with every shape moved by (dx, dy)."""
    return replace(group, shapes=tuple(s.moved(dx, dy) for s in group.shapes))


def _unique(groups: list[Group]) -> list[Group]:
    """Give two groups of one id (two arrows between the same boxes) ids of their own."""
    seen: dict[str, int] = {}
    out = []
    for group in groups:
        seen[group.id] = seen.get(group.id, 0) + 1
        out.append(group if seen[group.id] == 1 else
                   Group(group.cls, f"{group.id}-{seen[group.id]}", group.title, group.shapes,
                         group.data))
    return out


def arrow_shapes(points: tuple[Point, ...], when: str, unconfirmed: bool,
                 head: bool) -> list[Shape]:
    """Return an arrow's line (stopping where its head begins) and its head."""
    style = look.edge_style(when)
    dash = look.UNCONFIRMED_DASH if unconfirmed else style.dash
    line = list(points)
    shapes = []
    if head and len(line) >= 2:
        (x0, y0), (x1, y1) = line[-2], line[-1]
        length = max(abs(x1 - x0), abs(y1 - y0)) or 1.0
        dx, dy = (x1 - x0) / length, (y1 - y0) / length
        size = HEAD_LENGTH + style.penwidth
        half = HEAD_HALF + style.penwidth / 2
        base = (x1 - dx * size, y1 - dy * size)
        line[-1] = base if length > size else line[-1]
        tip = (x1, y1)
        shapes.append(Shape("polygon", (tip, (base[0] - dy * half, base[1] + dx * half),
                                        (base[0] + dy * half, base[1] - dx * half)),
                            fill=look.PAPER if style.open_head else look.INK,
                            stroke=look.INK, width=0.8))
    shapes.insert(0, Shape("line", tuple(line), stroke=look.INK, width=style.penwidth,
                           dash=dash))
    return shapes


def box_shapes(box: Box, rect: Rect, resolve: Resolve) -> list[Shape]:
    """Return a box's outline by its kind, then its lines of text, centred."""
    style = look.NODE_STYLES.get(box.kind, look.NODE_STYLES["treatment"])
    x, y, w, h = rect.x, rect.y, rect.w, rect.h
    dash = look.UNCONFIRMED_DASH if box.unconfirmed else look.FUNDING_DASH if box.funding \
        else ()
    line: dict[str, Any] = {"stroke": look.INK, "width": style.penwidth, "dash": dash}
    shapes: list[Shape] = []
    if style.shape == "diamond":
        shapes.append(Shape("polygon", ((x + w / 2, y), (x + w, y + h / 2), (x + w / 2, y + h),
                                        (x, y + h / 2)), fill=style.fill, **line))
    elif style.shape == "note":
        shapes.append(Shape("polygon", ((x, y), (x + w - FOLD, y), (x + w, y + FOLD),
                                        (x + w, y + h), (x, y + h)), fill=style.fill, **line))
    elif style.shape == "plain":
        shapes.append(Shape("rect", ((x, y), (w, h)), fill=look.PAPER))
    elif style.shape == "stub":
        shapes.append(Shape("rect", ((x, y), (w, h)), fill=look.PAPER, stroke=look.INK,
                            width=style.penwidth, dash=look.STUB_DASH))
    else:
        radius = RADIUS if style.shape == "rounded" else 0.0
        shapes.append(Shape("rect", ((x, y), (w, h)), fill=style.fill, radius=radius, **line))
        if style.double or box.funding:
            shapes.append(Shape("rect", ((x + 3, y + 3), (w - 6, h - 6)),
                                radius=max(radius - 2, 0.0), **line))
    step = FONT_SIZE * LEADING
    top = y + h / 2 - len(box.lines) * step / 2
    for i, text in enumerate(box.lines):
        baseline = top + (i + 1) * step - (step - FONT_SIZE) / 2 - FONT_SIZE * 0.22
        words = resolve(box, text.text) if box.kind == "stub" else text.text
        shapes.append(Shape("text", ((x + w / 2, baseline),), text=words, bold=text.bold))
    return shapes
