"""Split a flowchart into parts by lines of therapy, for pages too small to hold it whole.

Each part is a flowchart of its own: its lanes' boxes, and in place of arrows that cross
to another part, notes that say where the arrow goes ("continued: Lorlatinib") or comes
from. Pure functions on the model; the parts are laid out like any chart.
"""

from __future__ import annotations

from dataclasses import replace

from handouts.layout.words import named
from handouts.model.chart import Flowchart, FlowEdge, FlowNode


def lane_groups(lanes: tuple[str, ...], parts: int) -> list[list[str]]:
    """Share lanes out, in order, among ``parts`` groups as evenly as possible.

    >>> lane_groups(("a", "b", "c", "d"), 3)
    [['a', 'b'], ['c'], ['d']]
    """
    size, extra = divmod(len(lanes), parts)
    groups, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        groups.append(list(lanes[start:end]))
        start = end
    return [g for g in groups if g]


def split_chart(chart: Flowchart, groups: list[list[str]]) -> list[Flowchart]:
    """Return one flowchart per group of lanes, with notes where arrows leave or enter."""
    part_of: dict[str, int] = {}
    for node in chart.nodes:
        if node.lane:
            part_of[node.id] = next(i for i, g in enumerate(groups) if node.lane in g)
    for node in chart.nodes:  # boxes outside lanes go with what they lead to, or first
        if node.id not in part_of:
            targets = [part_of.get(e.target) for e in chart.edges if e.source == node.id]
            sources = [part_of.get(e.source) for e in chart.edges if e.target == node.id]
            near = [p for p in targets + sources if p is not None]
            part_of[node.id] = min(near) if near else 0
    labels = {n.id: named(n) for n in chart.nodes}
    parts = []
    for i, lanes in enumerate(groups):
        nodes = [n for n in chart.nodes if part_of[n.id] == i]
        edges: list[FlowEdge] = []
        stubs: dict[str, FlowNode] = {}
        for edge in chart.edges:
            inside = (part_of[edge.source] == i, part_of[edge.target] == i)
            if inside == (True, True):
                edges.append(edge)
            elif inside[0]:
                stub = f"to-{edge.target}"
                stubs.setdefault(stub, FlowNode(stub, f"continued: {labels[edge.target]}",
                                                "note", detail=_page(part_of[edge.target], i)))
                edges.append(replace(edge, target=stub))
            elif inside[1]:
                stub = f"from-{edge.source}"
                stubs.setdefault(stub, FlowNode(stub, f"from {labels[edge.source]}", "note",
                                                detail=_page(part_of[edge.source], i)))
                edges.append(replace(edge, source=stub))
        parts.append(replace(chart, lanes=tuple(lanes), nodes=(*nodes, *stubs.values()),
                             edges=tuple(edges)))
    return parts


def _page(other: int, this: int) -> str:
    """Say where the other end of an arrow is, counting parts as pages."""
    return f"part {other + 1}, {'next' if other > this else 'previous'} page" \
        if abs(other - this) == 1 else f"part {other + 1}"
