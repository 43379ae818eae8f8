"""A chart's key: a sample of every shape, line and mark the chart (or part) uses, each
explained in words, laid out like words in a paragraph."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from handouts.flowchart import look
from handouts.flowchart.graph import ChartGraph
from handouts.flowchart.scene import Group, Shape, arrow_shapes
from handouts.flowchart.wrap import Measure, wrap
from handouts.model.chart import Flowchart


@dataclass(frozen=True)
class KeyItem:
    """One entry of the key: a sample to draw, and what it means."""

    sample: str
    """node:KIND, edge:CONDITION, words:LABEL (an arrow with words on it), unconfirmed,
    funding, or marks (no sample: the text starts with a mark)."""
    text: str


def default_item(chart: Flowchart) -> KeyItem:
    """Return what the key says of an arrow without words, on a chart with a default."""
    said = look.EDGE_STYLES.get(chart.default_when)
    meaning = said.legend.split(": ", 1)[1] if said and ": " in said.legend else \
        next((f"when {c.label}" + (f" ({c.explain})" if c.explain else "")
              for c in chart.conditions if c.id == chart.default_when), "")
    return KeyItem(f"edge:{chart.default_when}", f"Arrow without words: {meaning}")


def key_items(chart: Flowchart, graphs: Sequence[ChartGraph]) -> list[KeyItem]:
    """Return the key of a chart drawn as ``graphs`` (one a part), in a fixed order: boxes,
    arrows, then marks."""
    boxes = [b for g in graphs for b in g.boxes]
    links = [link for g in graphs for link in g.links]
    kinds = {b.kind for b in boxes}
    items = [KeyItem(f"node:{kind}", style.legend) for kind, style in look.NODE_STYLES.items()
             if kind in kinds and kind != "condition"]
    used = {link.when for link in links}
    if chart.default_when in used:
        items.append(default_item(chart))
    items += [KeyItem(f"edge:{when}", style.legend) for when, style in look.EDGE_STYLES.items()
              if when in used and when != chart.default_when]
    if any(b.kind == "condition" for b in boxes):
        items.append(KeyItem("words:words", "Arrow with words: when it is followed"))
    items += [KeyItem(f"edge:{c.id}", f"{c.label}: {c.explain}")
              for c in chart.conditions if c.id in used and c.explain]
    if any(b.unconfirmed for b in boxes) or any(link.unconfirmed for link in links):
        items.append(KeyItem("unconfirmed", look.UNCONFIRMED_LEGEND))
    funding = dict.fromkeys(b.funding for b in boxes if b.funding)
    items += [KeyItem("funding", f"{look.FUNDING_LEGEND}: {status}") for status in funding]
    mark = next((line.text for b in boxes if b.kind not in ("spine", "condition")
                 for line in b.lines if line.text.startswith("[") and line.text.endswith("]")),
                "")
    if mark:
        items.append(KeyItem("marks", f"{mark}: a box's source (see the references)"))
    return items


SAMPLE = 3.2
"""A sample's width, in text sizes."""


def key_groups(items: Sequence[KeyItem], width: float, size: float,
               measure: Measure) -> tuple[list[Group], float]:
    """Return the key's entries as groups of shapes across ``width``, like words in a
    paragraph, each a sample and what it means at ``size`` points; and the key's height.
    ``measure`` gives text widths at ``size``."""
    gap, leading = size * 0.5, size * 1.5
    placed: list[tuple[float, int, KeyItem, list[str], float]] = []
    x, line = 0.0, 0
    for item in items:
        sample = _sample_width(item, size, measure)
        room = width - sample - gap
        lines = wrap(item.text, room, measure) if measure(item.text, False) > room \
            else [item.text]
        need = sample + gap + max(measure(t, False) for t in lines)
        if x and x + need > width:
            x, line = 0.0, line + 1
        placed.append((x, line, item, lines, sample))
        line += len(lines) - 1
        x = x + need + size * 1.5 if len(lines) == 1 else width
    count = (line + 1) if placed else 0
    groups = []
    for x, row, item, lines, sample in placed:
        middle = row * leading + leading / 2
        shapes = sample_shapes(item.sample, x, middle, sample, size)
        for i, text in enumerate(lines):
            shapes.append(Shape("text", ((x + sample + gap if sample else x,
                                          middle + size * 0.35 + i * leading),),
                                text=text, anchor="start", size=size))
        groups.append(Group("key", "", item.text, tuple(shapes)))
    return groups, count * leading


def _sample_width(item: KeyItem, size: float, measure: Measure) -> float:
    if item.sample == "marks":
        return 0.0
    if item.sample.startswith("words:"):
        return size * SAMPLE + measure(item.sample[6:], False) * size / 10
    return size * SAMPLE


def sample_shapes(kind: str, x: float, middle: float, width: float,
                  size: float) -> list[Shape]:
    """Return the sample of one key entry, centred on ``middle`` (y down), ``width`` wide."""
    h = size * 1.3
    y = middle - h / 2
    if kind.startswith("node:"):
        style = look.NODE_STYLES[kind[5:]]
        line: dict[str, Any] = {"stroke": look.INK, "width": style.penwidth}
        if style.shape == "diamond":
            return [Shape("polygon", ((x + width / 2, y - 2), (x + width, middle),
                                      (x + width / 2, y + h + 2), (x, middle)),
                          fill=style.fill, **line)]
        if style.shape == "note":
            fold = h / 3
            return [Shape("polygon", ((x, y), (x + width - fold, y), (x + width, y + fold),
                                      (x + width, y + h), (x, y + h)), fill=style.fill, **line)]
        if style.shape == "stub":
            return [Shape("rect", ((x, y), (width, h)), fill=style.fill,
                          dash=look.STUB_DASH, **line)]
        radius = h / 3 if style.shape == "rounded" else 0.0
        shapes = [Shape("rect", ((x, y), (width, h)), fill=style.fill, radius=radius, **line)]
        if style.double:
            shapes.append(Shape("rect", ((x + 2.5, y + 2.5), (width - 5, h - 5)),
                                radius=max(radius - 2, 0.0), **line))
        return shapes
    if kind == "funding":
        return [Shape("rect", ((x + inset, y + inset), (width - 2 * inset, h - 2 * inset)),
                      fill=look.PAPER if not inset else None, stroke=look.INK,
                      dash=look.FUNDING_DASH) for inset in (0.0, 2.5)]
    if kind.startswith("words:"):
        words = kind[6:]
        shapes = arrow_shapes(((x, middle), (x + width, middle)), "progression", False, True)
        inner = width - size * 2.4
        shapes.append(Shape("rect", ((x + size * 0.8, y), (inner, h)), fill=look.PAPER))
        shapes.append(Shape("text", ((x + size * 0.8 + inner / 2, middle + size * 0.35),),
                            text=words, size=size))
        return shapes
    if kind.startswith("edge:") or kind == "unconfirmed":
        when = kind[5:] if kind != "unconfirmed" else "custom"
        return arrow_shapes(((x, middle), (x + width, middle)), when, kind == "unconfirmed",
                            True)
    return []
