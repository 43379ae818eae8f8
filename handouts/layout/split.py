"""Split a flowchart into parts by lines of therapy, for pages too small to hold it whole.

Each part is a flowchart of its own: its lanes' boxes and, in place of arrows that cross to
another part, small boxes that say where the arrows go ("continued on page N") or come
from, and why ("from page N: progression").
Pure functions on the model; the parts are laid out like any chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from handouts.layout.chartgraph import PAGE, back_edges, condition_words, depths
from handouts.model.chart import Flowchart, FlowEdge, FlowNode


@dataclass(frozen=True)
class Part:
    """One part of a split chart, and the parts each of its stub boxes points to."""

    chart: Flowchart
    stubs: dict[str, tuple[int, ...]]


Tier = tuple[str, int]
"""A lane and a depth in it: the boxes a chart may not be split between."""


def split_chart(chart: Flowchart, groups: Sequence[Sequence[Tier]]) -> list[Part]:
    """Return one part per group of tiers, with stub boxes where arrows leave or enter."""
    if len(groups) <= 1:
        return [Part(chart, {})]
    depth = depths(chart, back_edges(chart))
    part_of: dict[str, int] = {}
    for node in chart.nodes:
        if node.lane:
            tier = (node.lane, depth[node.id])
            part_of[node.id] = next((i for i, g in enumerate(groups) if tier in g), 0)
    for node in chart.nodes:  # boxes outside lanes go with what they lead to, or first
        if node.id not in part_of:
            near = [part_of[e.target] for e in chart.edges if e.source == node.id
                    and e.target in part_of]
            near += [part_of[e.source] for e in chart.edges if e.target == node.id
                     and e.source in part_of]
            part_of[node.id] = min(near) if near else 0
    parts = []
    for i, tiers in enumerate(groups):
        edges: list[FlowEdge] = []
        stubs: dict[str, FlowNode] = {}
        points: dict[str, tuple[int, ...]] = {}
        seen: set[tuple[str, str]] = set()
        for edge in chart.edges:
            tail, head = part_of[edge.source], part_of[edge.target]
            if (tail, head) == (i, i):
                edges.append(edge)
            elif tail == i:  # one box for all the pages the arrows go on to, one arrow a box
                stub = "to-later" if head > i else "to-earlier"
                stubs.setdefault(stub, FlowNode(stub, f"continued on page {PAGE}", "note"))
                points[stub] = tuple(sorted({*points.get(stub, ()), head}))
                if (edge.source, stub) not in seen:
                    seen.add((edge.source, stub))
                    edges.append(replace(edge, target=stub, when="next", label="",
                                         unconfirmed="", sources=()))
            elif head == i:  # one box per page and reason the arrows come with
                words = condition_words(chart, edge)
                stub = f"from-part-{tail + 1}-{words}"
                stubs.setdefault(stub, FlowNode(stub, f"from page {PAGE}", "note",
                                                detail=words))
                points[stub] = (tail,)
                edges.append(replace(edge, source=stub, when="next", label=""))
        members = [n for n in chart.nodes if part_of[n.id] == i]
        lanes = list(dict.fromkeys(lane for lane, _ in tiers))
        parts.append(Part(replace(chart, lanes=tuple(lanes),
                                  nodes=(*members, *stubs.values()), edges=tuple(edges)),
                          points))
    return parts
