"""Read where Graphviz placed things (its JSON output): boxes, arrow curves and heads."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Curve:
    """A drawn link: a cubic Bezier path and, if it has one, its arrowhead polygon."""

    id: str
    points: tuple[Point, ...]
    head: tuple[Point, ...] = ()


@dataclass(frozen=True)
class Placed:
    """One laid-out chart, in points, y upwards from the bottom left."""

    width: float
    height: float
    centres: dict[str, Point]
    curves: tuple[Curve, ...]


def parse_layouts(text: str) -> list[Placed]:
    """Read every graph of ``dot -Tjson`` output (several graphs follow one another)."""
    decoder = json.JSONDecoder()
    layouts, at = [], 0
    text = text.strip()
    while at < len(text):
        data, end = decoder.raw_decode(text, at)
        layouts.append(_placed(data))
        at = end
        while at < len(text) and text[at].isspace():
            at += 1
    return layouts


def _placed(data: dict) -> Placed:
    x0, y0, x1, y1 = (float(v) for v in data["bb"].split(","))
    centres = {}
    for obj in data.get("objects", []):
        if "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            centres[obj["name"]] = (x - x0, y - y0)
    curves = []
    for edge in data.get("edges", []):
        if edge.get("style") == "invis" or "id" not in edge:
            continue
        points = tuple((p[0] - x0, p[1] - y0) for op in edge.get("_draw_", [])
                       if op["op"] == "b" for p in op["points"])
        head = tuple((p[0] - x0, p[1] - y0) for op in edge.get("_hdraw_", [])
                     if op["op"] in ("P", "p") for p in op["points"])
        curves.append(Curve(edge["id"], points, head))
    return Placed(x1 - x0, y1 - y0, centres, tuple(curves))


def spread_tails(placed: Placed, tails: dict[str, str], boxes: dict[str, tuple[float, float]],
                 diamonds: set[str], across: bool) -> Placed:
    """Move the starts of arrows that leave a box from one point apart along its side.

    ``tails`` maps each curve to the box it leaves; ``boxes`` gives each box's width and
    height. Graphviz starts every arrow of a fan at one point, which reads as one arrow
    that splits; spread over the middle of the side they leave by, in the order of where
    they go, each arrow has a port of its own. The first control point moves with its start,
    so the curve keeps its shape.
    """
    groups: dict[str, list[Curve]] = {}
    for curve in placed.curves:
        groups.setdefault(tails[curve.id], []).append(curve)
    moved: dict[str, Curve] = {}
    for box, curves in groups.items():
        starts = [c.points[0] for c in curves if len(c.points) >= 4]
        if len(starts) < 2 or min(_gap(p, q) for i, p in enumerate(starts)
                                  for q in starts[i + 1:]) >= 2.0:
            continue
        cx, cy = placed.centres[box]
        width, height = boxes[box]
        along = 1 if across else 0  # the axis a side runs along
        side = [c for c in curves if len(c.points) >= 4 and _facing(c.points[0], (cx, cy),
                                                                      width, height, across)]
        side.sort(key=lambda c: (-c.points[-1][1]) if across else c.points[-1][0])
        span = 0.6 * (height if across else width)
        for i, curve in enumerate(side):
            offset = -span / 2 + span * (i + 0.5) / len(side)
            if across:
                offset = -offset  # top first
            p0 = list(curve.points[0])
            delta = (cx if not across else cy) + offset - p0[along]
            if box in diamonds:  # slide along the diamond's edge, not off it
                half = (height if not across else width) / 2
                extent = (width if not across else height) / 2
                edge = abs(offset) / extent * half
                p0[1 - along] = (cy - half + edge) if not across else (cx + half - edge)
            p0[along] += delta
            c1 = list(curve.points[1])
            c1[along] += delta
            moved[curve.id] = Curve(curve.id, ((p0[0], p0[1]), (c1[0], c1[1]),
                                               *curve.points[2:]), curve.head)
    return Placed(placed.width, placed.height, placed.centres,
                  tuple(moved.get(c.id, c) for c in placed.curves))


def _gap(p: Point, q: Point) -> float:
    return ((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) ** 0.5


def _facing(point: Point, centre: Point, width: float, height: float, across: bool) -> bool:
    """Tell whether a point on a box's outline is on the side facing down the chart."""
    if across:
        return point[0] >= centre[0] + width / 2 - 3
    return point[1] <= centre[1] - height / 2 + 3


def in_order(rows: tuple[tuple[str, ...], ...], placed: Placed, across: bool) -> bool:
    """Tell whether every row was placed in the given order: left to right (top to bottom
    when the chart runs across). Graphviz keeps the order it is asked for as a rule of
    thumb, not a promise; a layout that breaks it is not used."""
    for row in rows:
        shown = [b for b in row[1:] if b in placed.centres]
        spots = [-placed.centres[b][1] if across else placed.centres[b][0] for b in shown]
        if any(a > b + 0.5 for a, b in itertools.pairwise(spots)):
            return False
    return True
