"""Read a chart's geometry back from what it is drawn as, and check the rules a reader's
finger checks: from a routed chart, from the SVG download, and from a PDF page."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import ContentStream

from handouts.flowchart import metrics
from handouts.flowchart.route import Routed

SVG = "{http://www.w3.org/2000/svg}"
Point = tuple[float, float]


@dataclass
class Drawing:
    """What a chart is drawn as: each arrow's path and the boxes it may touch (its ends,
    its words), each box, each condition's words, and each lane band."""

    arrows: dict[str, list[Point]] = field(default_factory=dict)
    ends: dict[str, tuple[str, ...]] = field(default_factory=dict)
    boxes: dict[str, metrics.Box] = field(default_factory=dict)
    labels: dict[str, metrics.Box] = field(default_factory=dict)
    bands: list[metrics.Box] = field(default_factory=list)

    def owners(self) -> dict[str, set[str]]:
        """Return the arrows each condition's words belong to."""
        return {label: {a for a, ends in self.ends.items() if label in ends}
                for label in self.labels}


def of_routed(routed: Routed) -> Drawing:
    """Return a routed chart's geometry, in the chart's points."""
    drawing = Drawing()
    kinds = {b.id: b.kind for b in routed.graph.boxes}
    for route in routed.routes:
        drawing.arrows[route.link.id] = list(route.points)
        drawing.ends[route.link.id] = (route.link.tail, route.link.head)
    for name, rect in routed.boxes.items():
        box = (rect.x, rect.y, rect.right, rect.bottom)
        (drawing.labels if kinds[name] == "condition" else drawing.boxes)[name] = box
    drawing.bands = [(b.rect.x, b.rect.y, b.rect.right, b.rect.bottom) for b in routed.bands]
    return drawing


def _points(text: str) -> list[Point]:
    return [(float(x), float(y)) for x, y in (p.split(",") for p in text.split())]


def _outline(group: ET.Element) -> metrics.Box:
    """Return the bounds of a group's first rectangle or polygon."""
    for shape in group:
        if shape.tag == f"{SVG}rect":
            x, y, w, h = (float(shape.get(k, 0)) for k in ("x", "y", "width", "height"))
            return x, y, x + w, y + h
        if shape.tag == f"{SVG}polygon":
            points = _points(shape.get("points", ""))
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            return min(xs), min(ys), max(xs), max(ys)
    raise ValueError(f"no outline in {group.get('id')}")


def _near(point: Point, box: metrics.Box, gap: float = 1.0) -> bool:
    return box[0] - gap <= point[0] <= box[2] + gap and box[1] - gap <= point[1] <= box[3] + gap


def of_svg(svg: bytes) -> Drawing:
    """Return the chart's geometry as its SVG draws it: arrows from each
    ``<g class="edge">`` (and the line into each condition's words), boxes from each
    ``<g class="node">``, words from each ``<g class="condition">``, bands from each
    ``<g class="lane">``."""
    root = ET.fromstring(svg)
    drawing = Drawing()
    edges, lines = [], []
    for group in root.iter(f"{SVG}g"):
        cls, ident = group.get("class", ""), group.get("id", "")
        if cls == "node":
            drawing.boxes[ident] = _outline(group)
        elif cls == "lane":
            drawing.bands.append(_outline(group))
        elif cls == "condition":
            outline = [s for s in group if s.tag == f"{SVG}rect"][-1]
            x, y, w, h = (float(outline.get(k, 0)) for k in ("x", "y", "width", "height"))
            drawing.labels[ident] = (x, y, x + w, y + h)
            lines += [(ident, i, _points(p.get("points", "")))
                      for i, p in enumerate(group.iter(f"{SVG}polyline"))]
        elif cls == "edge":
            path = _points(next(group.iter(f"{SVG}polyline")).get("points", ""))
            edges.append((ident, group.get("data-from"), group.get("data-to"), path))
    for ident, source, target, path in edges:
        label = next((name for name, box in drawing.labels.items() if _near(path[0], box)), "")
        drawing.arrows[ident] = path
        drawing.ends[ident] = tuple(e for e in (f"node-{source}", f"node-{target}", label) if e)
    for label, i, path in lines:
        source = next(name for name, box in drawing.boxes.items() if _near(path[0], box))
        drawing.arrows[f"{label}-line{i}"] = path
        drawing.ends[f"{label}-line{i}"] = (source, label)
    return drawing


def problems(drawing: Drawing) -> list[str]:
    """Return every rule the drawing breaks, as a reader would say it."""
    found = [f"{r.a} and {r.b} run together for {r.length} pt"
             for r in metrics.runs_together(drawing.arrows)]
    found += [f"{r.a} runs along a lane border for {r.length} pt"
              for r in metrics.border_runs(drawing.arrows, metrics.band_borders(drawing.bands))]
    found += metrics.through_boxes(drawing.arrows, {**drawing.boxes, **drawing.labels},
                                   drawing.ends)
    found += metrics.stray_labels(drawing.arrows, drawing.labels, drawing.owners())
    found += [f"{c.a} crosses {c.b} at {c.angle} degrees"
              for c in metrics.crossings(drawing.arrows) if abs(c.angle - 90) > 0.5]
    for a, b in ((a, b) for a in drawing.boxes for b in drawing.boxes if a < b):
        one, two = drawing.boxes[a], drawing.boxes[b]
        if one[0] < two[2] and two[0] < one[2] and one[1] < two[3] and two[1] < one[3]:
            found.append(f"boxes {a} and {b} overlap")
    return found


def crossing_count(drawing: Drawing) -> int:
    """Return how often arrows cross."""
    return len(metrics.crossings(drawing.arrows))


def shared_length(drawing: Drawing, gap: float = metrics.TOGETHER) -> float:
    """Return the longest stretch any two arrows run within ``gap`` of each other."""
    return max((r.length for r in metrics.runs_together(drawing.arrows, gap, 0.0)),
               default=0.0)


def border_length(drawing: Drawing, gap: float = metrics.BORDER) -> float:
    """Return the longest stretch any arrow runs within ``gap`` of a lane border."""
    return max((r.length for r in metrics.border_runs(
        drawing.arrows, metrics.band_borders(drawing.bands), gap, 0.0)), default=0.0)


def pdf_paths(pdf: bytes, page: int) -> list[list[Point]]:
    """Return every open path (moveto, lineto..., stroke) drawn on a page of a PDF, in
    the coordinates it was drawn in (before the page's transformations)."""
    reader = PdfReader(BytesIO(pdf))
    content = ContentStream(reader.pages[page].get_contents(), reader)
    found: list[list[Point]] = []
    current: list[Point] = []
    for operands, operator in content.operations:
        if operator == b"m":
            current = [(float(operands[0]), float(operands[1]))]
        elif operator == b"l" and current:
            current.append((float(operands[0]), float(operands[1])))
        elif operator == b"S":
            if len(current) >= 2:
                found.append(current)
            current = []
        elif operator in (b"n", b"f", b"f*", b"B", b"b", b"re"):
            current = []
    return found


def shape(path: list[Point]) -> tuple[float, ...]:
    """Return a path's straight pieces' lengths, rounded: the same whatever the page's
    scale and flip, once divided by the first."""
    lengths = [abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in itertools.pairwise(path)]
    first = lengths[0] or 1.0
    return tuple(round(v / first, 2) for v in lengths)
