"""Split a flowchart into parts at lane boundaries, for pages too small to hold it whole.

Each part is a flowchart of its own: its lanes' boxes and, where an arrow crosses to another
part, a dashed box that says which box it stands for, its line of therapy and page, and why
the arrow is followed: 'To Lorlatinib (second line), page {n}' at the end of the arrows that
leave, and 'From Alectinib, Brigatinib or Ceritinib (first line, page {n}), on progression'
at the start of those that arrive. Pure functions on the model; parts are laid out like any
chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from handouts.flowchart import look
from handouts.flowchart.graph import PAGE, back_edges, depths, when_words
from handouts.flowchart.words import either
from handouts.model.chart import Flowchart, FlowEdge, FlowNode


@dataclass(frozen=True)
class Part:
    """One part of a split chart, and the part each of its continuation boxes names."""

    chart: Flowchart
    stubs: dict[str, tuple[int, ...]]


Group = tuple[str, ...]
"""The ids of the boxes in lanes that one part holds (boxes outside lanes follow them)."""


def lane_name(node: FlowNode) -> str:
    """Return a box's line of therapy as a reader says it: 'second line', or ''."""
    return f"{node.lane[:1].lower()}{node.lane[1:]}" if node.lane else ""


def phrase(chart: Flowchart, edge: FlowEdge) -> str:
    """Return what a continuation box adds about why its arrows are followed.

    >>> chart = Flowchart(())
    >>> phrase(chart, FlowEdge("a", "b", "progression")), phrase(chart, FlowEdge("a", "b"))
    (', on progression', '')
    """
    words = when_words(chart, edge)
    if not words:
        return ""
    return f", on {words}" if edge.when in look.EDGE_STYLES and not edge.label else \
        f": {words}"


def units(chart: Flowchart, levels: Mapping[str, int] | None = None) -> list[Group]:
    """Return the least pieces a chart may be split into, in reading order: each lane whole
    (level 0), or cut into its depths (level 1), or into pieces of at most three, two or one
    box of one depth (levels 2 to 4): only a lane too large to print on its own page is
    cut, and only as far as it must be.

    >>> chart = Flowchart((FlowNode("a", "A", lane="L1"), FlowNode("b", "B", lane="L1"),
    ...                    FlowNode("c", "C", lane="L2")), lanes=("L1", "L2"))
    >>> units(chart), units(chart, {"L1": 4})
    ([('a', 'b'), ('c',)], [('a',), ('b',), ('c',)])
    """
    depth = depths(chart, back_edges(chart))
    found: list[Group] = []
    for lane in chart.lanes:
        members = [n.id for n in chart.nodes if n.lane == lane]
        level = (levels or {}).get(lane, 0)
        if not members:
            continue
        if level == 0:
            found.append(tuple(members))
            continue
        for d in sorted({depth[m] for m in members}):
            tier = [m for m in members if depth[m] == d]
            step = len(tier) if level == 1 else PIECES[level - 2]
            found += [tuple(tier[i:i + step]) for i in range(0, len(tier), step)]
    return found


PIECES = (3, 2, 1)
"""Boxes of one depth a part holds at most, at each level of cutting a lane within a depth."""
DEEPEST = 1 + len(PIECES)


def parts_of(chart: Flowchart, groups: Sequence[Group]) -> dict[str, int]:
    """Return the part each box goes in: its group's; a box outside the lanes goes with
    what it leads to (or comes from), else in the first part."""
    part_of = {box: i for i, group in enumerate(groups) for box in group}
    for node in chart.nodes:
        if node.id not in part_of:
            near = [part_of[e.target] for e in chart.edges if e.source == node.id
                    and e.target in part_of]
            near += [part_of[e.source] for e in chart.edges if e.target == node.id
                     and e.source in part_of]
            part_of[node.id] = min(near) if near else 0
    return part_of


def split_chart(chart: Flowchart, groups: Sequence[Group]) -> list[Part]:
    """Return one part per group of boxes, with continuation boxes where arrows cross."""
    if len(groups) <= 1:
        return [Part(chart, {})]
    part_of = parts_of(chart, groups)
    nodes = {n.id: n for n in chart.nodes}
    parts = []
    for i in range(len(groups)):
        edges: list[FlowEdge] = []
        stubs: dict[str, FlowNode] = {}
        points: dict[str, tuple[int, ...]] = {}
        arriving: dict[tuple[str, str, int], list[FlowEdge]] = {}
        for edge in chart.edges:
            tail, head = part_of[edge.source], part_of[edge.target]
            if (tail, head) == (i, i):
                edges.append(edge)
            elif tail == i:  # one box per box the arrows go to, and why
                target = nodes[edge.target]
                said = phrase(chart, edge) if edge.when != chart.default_when or \
                    edge.label else ""
                stub = f"to-{target.id}" + (f"-{edge.when}" if said else "")
                lane = f" ({lane_name(target)})" if target.lane else ""
                stubs.setdefault(stub, FlowNode(stub, f"To {target.label}{lane}, page {PAGE}"
                                                      f"{said}", "note"))
                points[stub] = (head,)
                edges.append(replace(edge, target=stub, sources=()))
            elif head == i:  # one box per box they come to, reason and page
                key = (edge.target, phrase(chart, edge), tail)
                arriving.setdefault(key, []).append(edge)
        named: dict[str, str] = {}  # one box for the same sources, reason and page
        for (_, said, tail), come in arriving.items():
            words = f"From {_sources(come, nodes)}{said}"
            stub = named.setdefault(words, f"from-{tail + 1}-{len(named)}")
            stubs[stub] = FlowNode(stub, words, "note")
            points[stub] = (tail,)
            edges += [replace(e, source=stub) for e in come[:1]]
        members = [n for n in chart.nodes if part_of[n.id] == i]
        lanes = [lane for lane in chart.lanes if any(n.lane == lane for n in members)]
        parts.append(Part(replace(chart, lanes=tuple(lanes),
                                  nodes=(*members, *stubs.values()), edges=tuple(edges)),
                          points))
    return parts


def _sources(edges: list[FlowEdge], nodes: dict[str, FlowNode]) -> str:
    """Return the boxes arrows come from, with their line and page: 'Alectinib or
    Brigatinib (first line, page {n})', or each with its own line if they differ."""
    order = list(nodes)
    sources = sorted((nodes[e.source] for e in edges), key=lambda n: order.index(n.id))
    names = list(dict.fromkeys(n.label for n in sources))
    lanes = list(dict.fromkeys(lane_name(n) for n in sources))
    if len(lanes) == 1:
        where = f"{lanes[0]}, page {PAGE}" if lanes[0] else f"page {PAGE}"
        return f"{either(names)} ({where})"
    named = list(dict.fromkeys(f"{n.label} ({lane_name(n)})" if n.lane else n.label
                               for n in sources))
    return f"{either(named)}, page {PAGE}"
