"""Where the lane bands go: each line of therapy is a band across the chart, behind its rows.

The bands are worked out from where Graphviz put the boxes, not drawn by it (clusters
would let it reorder boxes and route arrows along their borders): a band spans its rows
and the rows of conditions below them.
"""

from __future__ import annotations

from dataclasses import dataclass

from handouts.layout.chartgraph import FONT_SIZE, LEADING, ChartGraph
from handouts.layout.placed import Placed

PAD = 6.0
"""Around a band's content, where no arrow comes in."""
ARRIVE = 4.0
"""Between a band's edge and its first row of boxes, where arrows come in steeply."""
GAP = 2.0
"""Between one band and the next."""


@dataclass(frozen=True)
class Band:
    """One lane's band, and where its title starts (top left, in points)."""

    x: float
    y: float
    width: float
    height: float
    title: tuple[str, ...]
    title_x: float
    title_y: float


def header(graph: ChartGraph, across: bool) -> float:
    """Return the height of the strip above a left-to-right chart that holds lane titles."""
    if not across or not graph.titles:
        return 0.0
    return max(len(lines) for lines in graph.titles.values()) * FONT_SIZE * LEADING + 2 * PAD


def bands(graph: ChartGraph, placed: Placed, across: bool) -> list[Band]:
    """Return the band of each lane: across the chart (top to bottom), or down it.

    A band begins just before its first row of boxes, where the arrows coming into it are
    steep, and ends where the next band begins; so no arrow runs along a border.
    """
    leads, ends = [], []
    for i, (_, first, last) in enumerate(graph.lanes):
        end = graph.lanes[i + 1][1] - 1 if i + 1 < len(graph.lanes) else last + 1
        members = [b for b in graph.boxes if first <= b.row <= end and b.id in placed.centres
                   and (b.kind != "spine" or (b.id in graph.titles and not across))]
        heads = [b for b in members if b.row == first]
        if across:  # lanes left to right: a band leads with its left side
            leads.append(min(placed.centres[b.id][0] - b.width / 2 for b in heads) - ARRIVE)
            ends.append(max(placed.centres[b.id][0] + b.width / 2 for b in members) + PAD)
        else:  # top to bottom: y runs up the page, so a band leads with its top
            leads.append(max(placed.centres[b.id][1] + b.height / 2 for b in heads) + ARRIVE)
            ends.append(min(placed.centres[b.id][1] - b.height / 2 for b in members) - PAD)
    result = []
    for i, (_, first, _) in enumerate(graph.lanes):
        low, high = (leads[i], ends[i]) if across else (ends[i], leads[i])
        if i + 1 < len(graph.lanes):  # meet the next band just before it begins
            if across:
                high = leads[i + 1] - GAP
            else:
                low = leads[i + 1] + GAP
        spine = f"row{first}"
        title = graph.titles.get(spine, ())
        sx, sy = placed.centres.get(spine, (0.0, 0.0))
        box = graph.box(spine) if title else None
        title_x = sx - box.width / 2 + 4 if box else 0.0
        title_y = sy + box.height / 2 if box else 0.0
        if across:  # bands run down the page, lanes left to right; titles in a strip on top
            top = placed.height + header(graph, across)
            result.append(Band(low, 0.0, high - low, top, title, low + 4, top - PAD))
        else:
            result.append(Band(0.0, low, placed.width, high - low, title, title_x, title_y))
    return result
