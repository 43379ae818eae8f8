"""Where the lane bands go: each line of therapy is a band across the chart, behind its rows.

The bands are worked out from where Graphviz put the boxes, not drawn by it (clusters
would let it reorder boxes and route arrows along their borders): a band spans its rows
and the rows of conditions below them.
"""

from __future__ import annotations

from dataclasses import dataclass

from handouts.layout.chartgraph import FONT_SIZE, LEADING, ChartGraph
from handouts.layout.placed import Placed, Point

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
    steep, and ends where the next band begins; where an arrow would still run along that
    border, the border moves within the free space before the row to where none does.
    """
    leads, ends = [], []
    samples = [bezier(c.points) for c in placed.curves if c.points]
    boxes = [b for b in graph.boxes if b.id in placed.centres and b.kind != "spine"]
    axis = 0 if across else 1
    for i, (_, first, last) in enumerate(graph.lanes):
        end = graph.lanes[i + 1][1] - 1 if i + 1 < len(graph.lanes) else last + 1
        members = [b for b in graph.boxes if first <= b.row <= end and b.id in placed.centres
                   and (b.kind != "spine" or (b.id in graph.titles and not across))]
        heads = [b for b in members if b.row == first]
        if across:  # lanes left to right: a band leads with its left side
            edge = min(placed.centres[b.id][0] - b.width / 2 for b in heads)
            before = [placed.centres[b.id][0] + b.width / 2 for b in boxes if b.row < first]
            room = (max(before, default=edge - 2 * ARRIVE) + GAP, edge - 1.0)
            leads.append(_clear(edge - ARRIVE, room, samples, axis))
            ends.append(max(placed.centres[b.id][0] + b.width / 2 for b in members) + PAD)
        else:  # top to bottom: y runs up the page, so a band leads with its top
            edge = max(placed.centres[b.id][1] + b.height / 2 for b in heads)
            before = [placed.centres[b.id][1] - b.height / 2 for b in boxes if b.row < first]
            room = (edge + 1.0, min(before, default=edge + 2 * ARRIVE) - GAP)
            leads.append(_clear(edge + ARRIVE, room, samples, axis))
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


HUG = 1.5
"""How near a lane border an arrow may run, in points, before it counts as on it."""
HUG_RUN = 20.0
"""How far an arrow may run on a border before it reads as the border, in points."""


def bezier(points: tuple[Point, ...], steps: int = 12) -> list[Point]:
    """Sample a cubic Bezier path given as p0, c1, c2, p1, c1, c2, p2, ..."""
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, c1, c2, p1 = points[i:i + 4]
        for step in range(1, steps + 1):
            t = step / steps
            u = 1 - t
            out.append((u ** 3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0]
                        + t ** 3 * p1[0],
                        u ** 3 * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1]
                        + t ** 3 * p1[1]))
    return out


def _run(border: float, samples: list[list[Point]], axis: int) -> float:
    """Return the longest way any arrow runs along a line at ``border`` on ``axis``."""
    longest = 0.0
    for points in samples:
        on = [p[1 - axis] for p in points if abs(p[axis] - border) < HUG]
        if len(on) >= 2:
            longest = max(longest, max(on) - min(on))
    return longest


def _clear(default: float, room: tuple[float, float], samples: list[list[Point]],
           axis: int) -> float:
    """Return where a border goes: ``default`` if no arrow runs along it there, else the
    nearest place within ``room`` where the longest run is shortest."""
    if _run(default, samples, axis) <= HUG_RUN or room[1] <= room[0]:
        return default
    steps = int(room[1] - room[0]) + 1
    places = [room[0] + k * (room[1] - room[0]) / max(steps - 1, 1) for k in range(steps)]
    return min(places, key=lambda at: (max(_run(at, samples, axis), HUG_RUN),
                                       abs(at - default)))


def border_runs(graph: ChartGraph, placed: Placed, across: bool) -> list[tuple[str, float]]:
    """Return each arrow that runs along a border between two lanes, and how far: such an
    arrow reads as the border, and the border hides it."""
    lines = bands(graph, placed, across)
    borders = sorted({band.x if across else band.y for band in lines[1:]}
                     | {(band.x + band.width) if across else (band.y + band.height)
                        for band in lines[:-1]})
    runs = []
    for curve in placed.curves:
        if not curve.points:
            continue
        samples = bezier(curve.points)
        for border in borders:
            on = [p[1 if across else 0] for p in samples
                  if abs((p[0] if across else p[1]) - border) < HUG]
            if len(on) >= 2 and max(on) - min(on) > HUG_RUN:
                runs.append((curve.id, max(on) - min(on)))
    return runs
