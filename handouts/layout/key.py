"""What a chart's key explains: only the shapes, lines and marks the chart uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handouts.layout import look
from handouts.layout.chartgraph import ChartGraph
from handouts.model.chart import Flowchart


@dataclass(frozen=True)
class KeyItem:
    """One entry of the key: a sample to draw, and what it means."""

    sample: str
    """node:KIND, edge:CONDITION, condition, unconfirmed, funding, marks or stub."""
    text: str


def key_items(chart: Flowchart, graphs: Sequence[ChartGraph]) -> list[KeyItem]:
    """Return the key of a chart drawn as ``graphs`` (one a part), in a fixed order."""
    boxes = [b for g in graphs for b in g.boxes]
    links = [link for g in graphs for link in g.links]
    kinds = {b.kind for b in boxes}
    items = [KeyItem(f"node:{kind}", style.legend) for kind, style in look.NODE_STYLES.items()
             if kind in kinds and kind not in ("condition", "stub")]
    if "condition" in kinds:
        items.append(KeyItem("condition", "Why the next step follows"))
    used = {link.when for link in links}
    items += [KeyItem(f"edge:{c.id}", f"{c.label}: {c.explain}")
              for c in chart.conditions if c.id in used and c.explain]
    if any(b.unconfirmed for b in boxes) or any(link.unconfirmed for link in links):
        items.append(KeyItem("unconfirmed", look.UNCONFIRMED_LEGEND))
    funding = dict.fromkeys(b.funding for b in boxes if b.funding)
    items += [KeyItem("funding", f"{look.FUNDING_LEGEND}: {status}") for status in funding]
    mark = next((line.text for b in boxes if b.kind != "spine" for line in b.lines
                 if line.text.startswith("[") and line.text.endswith("]")), "")
    if mark:
        items.append(KeyItem("marks", f"{mark}: its source (see References)"))
    if "stub" in kinds:
        items.append(KeyItem("stub", "Continued on another page"))
    return items
