"""Route every arrow of a placed chart at right angles, each on a path of its own.

Graphviz has put the boxes (and, for an arrow that skips rows, a via) along each row; here
the rows are stacked, and each arrow goes from a port of its own on the side of the box it
leaves, down through the channels between rows (turning on a track of its own where it must,
tracks.py) to a port of its own on the box it enters; an arrow that loops back goes round the
outside of the chart. Ports are spread along a side in the order of where their arrows go,
so that arrows leaving one box do not cross. Lane bands are drawn between channels' tracks,
so no arrow runs along a band's border. The work is done along the rows (u) and down the
chart (v), and turned for a chart that reads left to right.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, replace

from handouts.flowchart import look
from handouts.flowchart.dot import VIA, climbs, row_of, vias
from handouts.flowchart.graph import FONT_SIZE, LEADING, Box, ChartGraph, Link
from handouts.flowchart.place import Along
from handouts.flowchart.tracks import NEAR, Seg, assign

Point = tuple[float, float]

TRACK = 5.0
"""Between two arrows running side by side, in points at the chart's size."""
PORT_GAP = 10.0
"""Between two arrows leaving (or entering) one side of a box, at most."""
LEAD = 5.0
"""From a box down to the first track of the channel below it."""
ARRIVE = 9.5
"""From the last track down to the box an arrow enters: room for its head."""
CLEAR = 5.0
"""Between a lane band's border and the nearest track."""
BAND_GAP = 2.0
"""Between one lane band and the next."""
PAD = 4.0
"""Inside a band, around its boxes; and around the whole chart."""
OUTSIDE = 10.0
"""Between the chart's widest row and the first track round its outside."""
HEADER_PAD = 4.0


@dataclass(frozen=True)
class Rect:
    """A rectangle, from its top left corner, y down the page."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Route:
    """The path of one link: right-angled, from its tail's port to its head's."""

    link: Link
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Band:
    """One lane's band, and where its title's first line starts (top left)."""

    rect: Rect
    title: tuple[str, ...]
    title_at: Point


@dataclass(frozen=True)
class Routed:
    """A chart laid out: its size, each box, each lane band, and each arrow's path, in
    points at the chart's text size, y down from the top left."""

    graph: ChartGraph
    across: bool
    width: float
    height: float
    boxes: dict[str, Rect]
    bands: tuple[Band, ...]
    routes: tuple[Route, ...]
    crossings: int
    clashes: int
    """Places where two arrows would run down one line (the router avoids them)."""


def extent(box: Box, across: bool) -> tuple[float, float]:
    """Return a box's size along its row (u) and down the chart (v)."""
    return (box.height, box.width) if across else (box.width, box.height)


def usable(box: Box, across: bool, centre: float) -> tuple[float, float]:
    """Return the stretch of a box's side (the one facing down the chart) that ports may
    use: clear of rounded corners and a note's folded corner; a diamond's middle half."""
    size = extent(box, across)[0]
    style = look.NODE_STYLES.get(box.kind, look.NODE_STYLES["treatment"])
    if style.shape == "diamond":
        return centre - size / 4, centre + size / 4
    margin = min(max(6.0, 8.0 if style.shape in ("rounded", "note") else 0.0), size / 3)
    return centre - size / 2 + margin, centre + size / 2 - margin


PORT_LEAST = 7.0
"""Between two ports of one side at least: a box with many arrows grows to make room."""


def roomy(graph: ChartGraph, across: bool) -> ChartGraph:
    """Return the graph with each box long enough, along its row, for a port of its own for
    every arrow that leaves or enters it, PORT_LEAST apart."""
    leaving: dict[str, int] = defaultdict(int)
    entering: dict[str, int] = defaultdict(int)
    for link in graph.links:
        leaving[link.tail] += 1
        entering[link.head] += 1
    boxes = []
    for box in graph.boxes:
        ports = max(leaving[box.id], entering[box.id])
        size = extent(box, across)[0]
        low, high = usable(box, across, size / 2)
        need = (ports - 1) * PORT_GAP + 2 * (NEAR + 1) - (high - low)  # room to move aside
        if box.kind == "spine" or ports < 2 or need <= 0:
            boxes.append(box)
            continue
        grow = need * (2 if look.NODE_STYLES.get(box.kind, look.NODE_STYLES[
            "treatment"]).shape == "diamond" else 1)
        boxes.append(replace(box, height=box.height + grow) if across
                     else replace(box, width=box.width + grow))
    return replace(graph, boxes=tuple(boxes))


def spread(count: int, side: tuple[float, float], centre: float,
           prefer: float | None = None) -> list[float]:
    """Return ``count`` ports along a side, in order: one alone goes where its arrow would
    run straight (``prefer``) if it can, else in the middle; several are evenly spaced
    about the middle, at most PORT_GAP apart.

    >>> spread(3, (0.0, 100.0), 50.0)
    [40.0, 50.0, 60.0]
    >>> spread(1, (0.0, 100.0), 50.0, prefer=70.0), spread(1, (0.0, 100.0), 50.0, 120.0)
    ([70.0], [50.0])
    """
    low, high = side
    if count == 1:
        return [prefer if prefer is not None and low <= prefer <= high else centre]
    gap = min(PORT_GAP, (high - low) / (count - 1))
    width = gap * (count - 1)
    start = min(max(centre - width / 2, low), high - width)
    return [start + i * gap for i in range(count)]


class Router:
    """Route one placed chart; ``routed()`` returns the result."""

    def __init__(self, graph: ChartGraph, along: Along, across: bool) -> None:
        self.graph, self.across = graph, across
        self.rows = row_of(graph)
        self.boxes = {b.id: b for b in graph.boxes}
        self.along = {key: u + PAD for key, u in along.items()}  # clear of the bands' sides
        self.vias = vias(graph)
        self.rank = {k.id: i for i, k in enumerate(graph.links)}
        self.links = {k.id: k for k in graph.links}
        self.into: dict[str, list[str]] = defaultdict(list)
        self.out_of: dict[str, list[str]] = defaultdict(list)
        for link in graph.links:
            self.into[link.head].append(link.id)
            self.out_of[link.tail].append(link.id)
        self.via_row = {v: int(v.rsplit("~", 1)[1]) for vs in self.vias.values() for v in vs}
        self.loops = [k for k in graph.links if climbs(k, self.rows)]
        self.forward = [k for k in graph.links if not climbs(k, self.rows)]
        self.outside = self._outside()

    # ----- along the rows ---------------------------------------------------------------

    def _u_size(self, box_id: str) -> float:
        box = self.boxes[box_id]
        if box.kind == "spine" and (self.across or not self.graph.titles.get(box_id)):
            return 0.0
        return extent(box, self.across)[0]

    def _outside(self) -> dict[str, float]:
        """Return where each loop runs round the outside: nested, the shortest innermost."""
        edge = max([self.along[b] + self._u_size(b) / 2 for b in self.boxes if b in self.along]
                   + [self.along[v] + VIA / 2 for vs in self.vias.values() for v in vs],
                   default=0.0)
        ordered = sorted(self.loops, key=lambda k: (self.rows[k.tail] - self.rows[k.head],
                                                    self.rank[k.id]))
        return {k.id: edge + OUTSIDE + i * TRACK for i, k in enumerate(ordered)}

    def _toward(self, link: Link, leaving: bool) -> float:
        """Return where a link's other end is along the rows, to order ports by."""
        if link.id in self.outside:
            return 1e6 + self.outside[link.id]
        return self.along[link.head if leaving else link.tail]

    def ports(self) -> tuple[dict[str, float], dict[str, float]]:
        """Return each link's port on the box it leaves and on the box it enters."""
        leaving: dict[str, list[Link]] = defaultdict(list)
        entering: dict[str, list[Link]] = defaultdict(list)
        for link in self.graph.links:
            leaving[link.tail].append(link)
            entering[link.head].append(link)
        tails: dict[str, float] = {}
        heads: dict[str, float] = {}
        for box_id, links in leaving.items():
            links.sort(key=lambda k: (self._toward(k, True), self.rank[k.id]))
            side = usable(self.boxes[box_id], self.across, self.along[box_id])
            for link, u in zip(links, spread(len(links), side, self.along[box_id])):
                tails[link.id] = u
        for box_id, links in entering.items():
            links.sort(key=lambda k: (self._toward(k, False), self.rank[k.id]))
            side = usable(self.boxes[box_id], self.across, self.along[box_id])
            alone = tails.get(links[0].id) if len(links) == 1 and not self.vias.get(
                links[0].id) else None
            for link, u in zip(links, spread(len(links), side, self.along[box_id], alone)):
                heads[link.id] = u
        for box_id, links in leaving.items():  # a lone arrow runs straight where it can
            if len(links) == 1 and links[0].id in heads and not self.vias.get(links[0].id):
                side = usable(self.boxes[box_id], self.across, self.along[box_id])
                if side[0] <= heads[links[0].id] <= side[1]:
                    tails[links[0].id] = heads[links[0].id]
        return tails, heads

    def straighten(self, tails: dict[str, float], heads: dict[str, float]) -> None:
        """Move the vias of each long arrow in line with its head's port (else its tail's),
        where that stays clear of the row's boxes and other arrows: one turn, not several."""
        taken: dict[int, list[tuple[float, float]]] = defaultdict(list)
        for box in self.graph.boxes:
            size = self._u_size(box.id)
            if size and box.id in self.along:
                centre = self.along[box.id]
                taken[self.rows[box.id]].append((centre - size / 2, centre + size / 2))
        spots = {v: self.along[v] for vs in self.vias.values() for v in vs}
        for link in self.forward:
            passes = self.vias.get(link.id, ())
            if not passes:
                continue
            for wanted in (heads[link.id], tails[link.id]):
                if all(self._free(v, wanted, taken, spots) for v in passes):
                    for v in passes:
                        spots[v] = wanted
                    break
        self.along.update(spots)

    def _free(self, via: str, u: float, taken: dict[int, list[tuple[float, float]]],
              spots: dict[str, float]) -> bool:
        """Tell whether a via may move to ``u``: between the same boxes of its row as now,
        clear of them, and clear of the other vias."""
        row = self.via_row[via]
        now = spots[via]
        for low, high in taken[row]:
            if low - TRACK < u < high + TRACK or (now < low) != (u < low):
                return False
        return all(abs(u - spot) >= TRACK for other, spot in spots.items()
                   if other != via and self.via_row[other] == row)

    def separate(self, tails: dict[str, float], heads: dict[str, float]) -> None:
        """Move a port (or via) where an arrow would leave a channel in line with another
        arrow coming into it: the two would run down one line whichever turned first."""
        for _ in range(12):
            moved = False
            for segs in self.passages(tails, heads).values():
                leaving = sorted((s.leave, i) for i, s in enumerate(segs) if s.leave_down)
                places = [u for u, _ in leaving]
                for a in segs:
                    if not a.enter_top:
                        continue
                    low = bisect.bisect_left(places, a.enter - NEAR - 0.5)
                    for u, i in leaving[low:bisect.bisect_right(places, a.enter + NEAR + 0.5)]:
                        b = segs[i]
                        if a.key != b.key and abs(a.enter - u) < NEAR + 0.5:
                            moved |= self._nudge(b.key, b.leave, a.enter, heads, True) or \
                                self._nudge(a.key, a.enter, b.leave, tails, False)
            if not moved:
                return

    def _nudge(self, key: str, at: float, away: float, ports: dict[str, float],
               head: bool) -> bool:
        """Move the end of link ``key`` that is at ``at`` (its port on its head, or on its
        tail, or a via) clear of ``away``, within its box's side (or its via's gap) and
        clear of its neighbours; tell whether it moved."""
        links = self.links
        step = NEAR + 1.0
        if abs(ports.get(key, -1e9) - at) < 1e-6:
            box = links[key].head if head else links[key].tail
            side = usable(self.boxes[box], self.across, self.along[box])
            mine = [k for k in (self.into if head else self.out_of)[box] if k in ports]
            others = [ports[k] for k in mine if k != key]
            for target in (at + step, at - step) if at >= away else (at - step, at + step):
                if side[0] <= target <= side[1] and all(abs(target - u) >= PORT_LEAST
                                                        for u in others):
                    ports[key] = target
                    return True
            for shift in (step, -step) if at >= away else (-step, step):  # all of the side
                moved = [ports[k] + shift for k in mine]
                if side[0] <= min(moved) and max(moved) <= side[1]:
                    ports.update(zip(mine, moved))
                    return True
            return False
        via = next((v for v in self.vias.get(key, ()) if abs(self.along[v] - at) < 1e-6), None)
        if via is None:
            return False
        row = self.via_row[via]
        blocked = [(self.along[b] - self._u_size(b) / 2 - TRACK,
                    self.along[b] + self._u_size(b) / 2 + TRACK)
                   for b in self.graph.rows[row] if self._u_size(b)]
        blocked += [(self.along[v] - TRACK, self.along[v] + TRACK) for vs in self.vias.values()
                    for v in vs if v != via and self.via_row[v] == row]
        for target in (at + step, at - step) if at >= away else (at - step, at + step):
            if not any(low < target < high for low, high in blocked):
                self.along[via] = target
                return True
        return False

    # ----- the channels -----------------------------------------------------------------

    def passages(self, tails: dict[str, float],
                 heads: dict[str, float]) -> dict[int, list[Seg]]:
        """Return each channel's passages; channel c lies above row c."""
        channels: dict[int, list[Seg]] = defaultdict(list)
        for link in self.forward:
            points = [tails[link.id], *(self.along[v] for v in self.vias.get(link.id, ())),
                      heads[link.id]]
            first = self.rows[link.tail] + 1
            for i in range(len(points) - 1):
                channels[first + i].append(Seg(link.id, points[i], points[i + 1]))
        for link in self.loops:
            out = self.outside[link.id]
            channels[self.rows[link.tail] + 1].append(
                Seg(link.id, tails[link.id], out, leave_down=False))
            channels[self.rows[link.head]].append(
                Seg(link.id, out, heads[link.id], enter_top=False))
            for c in range(self.rows[link.head] + 1, self.rows[link.tail] + 1):
                channels[c].append(Seg(link.id, out, out))
        return channels

    def borders(self) -> dict[int, int]:
        """Return the channels that hold a lane band's edge: above each lane's first row,
        and below the last lane's last row (value: the lane that starts there, or -1)."""
        found = {first: i for i, (_, first, _) in enumerate(self.graph.lanes)}
        if self.graph.lanes:
            found.setdefault(self.graph.lanes[-1][2] + 1, -1)
        return found

    # ----- down the chart ---------------------------------------------------------------

    def routed(self) -> Routed:
        """Return the chart with every box placed and every arrow routed."""
        tails, heads = self.ports()
        self.straighten(tails, heads)
        self.separate(tails, heads)
        channels = self.passages(tails, heads)
        tracked = {c: assign(segs) for c, segs in channels.items()}
        borders = self.borders()
        count = len(self.graph.rows)
        row_size = [max((extent(self.boxes[b], self.across)[1] for b in row
                         if self.boxes[b].kind != "spine" or (not self.across and
                                                              self.graph.titles.get(b))),
                        default=0.0) for row in self.graph.rows]
        top: dict[int, float] = {}  # of each channel, then of each row
        row_top: list[float] = []
        track_v: dict[tuple[int, str], float] = {}
        border_v: dict[int, float] = {}
        v = 0.0
        for c in range(count + 1):
            top[c] = v
            done = tracked.get(c)
            if done is not None:
                for key, k in done.track.items():
                    track_v[(c, key)] = v + LEAD + k * TRACK
            turns = done.count if done else 0
            used = LEAD + (turns - 1) * TRACK if turns else 0.0
            if c in borders:
                border_v[c] = v + (used + CLEAR if turns else PAD) + BAND_GAP / 2
                v = border_v[c] + BAND_GAP / 2 + ARRIVE
            elif turns:
                v += used + ARRIVE
            elif channels.get(c):
                v += LEAD + ARRIVE
            elif 0 < c < count and row_size[c - 1] and row_size[c]:
                v += PAD
            if c < count:
                row_top.append(v)
                v += row_size[c]
        height = v
        centre_v = {b: row_top[self.rows[b]] + row_size[self.rows[b]] / 2 for b in self.boxes}
        routes = []
        for link in self.graph.links:
            routes.append(Route(link, self._path(link, tails, heads, track_v, centre_v)))
        width = max([self.along[b] + self._u_size(b) / 2 for b in self.boxes if b in self.along]
                    + [u + TRACK for u in self.outside.values()], default=0.0) + PAD
        return self._turned(routes, width, height, centre_v, row_top, row_size, border_v,
                            sum(t.crossings for t in tracked.values()),
                            sum(t.clashes for t in tracked.values()))

    def _side_v(self, box_id: str, u: float, centre_v: dict[str, float], below: bool) -> float:
        """Return where a port at ``u`` meets the box's outline, below it or above it."""
        box = self.boxes[box_id]
        size_u, size_v = extent(box, self.across)
        half = size_v / 2
        if look.NODE_STYLES.get(box.kind, look.NODE_STYLES["treatment"]).shape == "diamond":
            half *= max(0.0, 1 - abs(u - self.along[box_id]) / (size_u / 2))
        return centre_v[box_id] + (half if below else -half)

    def _path(self, link: Link, tails: dict[str, float], heads: dict[str, float],
              track_v: dict[tuple[int, str], float], centre_v: dict[str, float]) -> tuple[
            Point, ...]:
        """Return a link's path from its tail's port to its head's, as (u, v) points."""
        start = (tails[link.id], self._side_v(link.tail, tails[link.id], centre_v, True))
        end = (heads[link.id], self._side_v(link.head, heads[link.id], centre_v, False))
        points = [start]
        if link.id in self.outside:
            out = self.outside[link.id]
            low = track_v[(self.rows[link.tail] + 1, link.id)]
            high = track_v[(self.rows[link.head], link.id)]
            points += [(start[0], low), (out, low), (out, high), (end[0], high)]
        else:
            u = [start[0], *(self.along[v] for v in self.vias.get(link.id, ())), end[0]]
            first = self.rows[link.tail] + 1
            for i in range(len(u) - 1):
                turn = track_v.get((first + i, link.id))
                if turn is not None:
                    points += [(u[i], turn), (u[i + 1], turn)]
        points.append(end)
        return simplify(points)

    def _turned(self, routes: list[Route], width: float, height: float,
                centre_v: dict[str, float], row_top: list[float], row_size: list[float],
                border_v: dict[int, float], crossings: int, clashes: int) -> Routed:
        """Return the result in page directions: as is top to bottom; left to right, the
        rows run down the page, and the lane titles go in a strip above the chart."""
        header = 0.0
        if self.across and self.graph.titles:
            header = max(len(t) for t in self.graph.titles.values()) * FONT_SIZE * LEADING \
                + 2 * HEADER_PAD

        def xy(u: float, v: float) -> Point:
            return (v, u + header) if self.across else (u, v)

        boxes = {}
        for box in self.graph.boxes:
            if box.kind == "spine" or box.id not in self.along:
                continue
            size_u, size_v = extent(box, self.across)
            x, y = xy(self.along[box.id] - size_u / 2, centre_v[box.id] - size_v / 2)
            boxes[box.id] = Rect(x, y, box.width, box.height)
        bands = self._bands(width, height, row_top, row_size, border_v, header)
        routes = [Route(r.link, tuple(xy(u, v) for u, v in r.points)) for r in routes]
        w, h = (height, width + header) if self.across else (width, height)
        return Routed(self.graph, self.across, w, h, boxes, tuple(bands), tuple(routes),
                      crossings, clashes)

    def _bands(self, width: float, height: float, row_top: list[float], row_size: list[float],
               border_v: dict[int, float], header: float) -> list[Band]:
        bands = []
        lanes = self.graph.lanes
        for i, (_, first, last) in enumerate(lanes):
            start = border_v[first] + BAND_GAP / 2
            if i + 1 < len(lanes):
                end = border_v[lanes[i + 1][1]] - BAND_GAP / 2
            else:
                end = border_v.get(last + 1, height + BAND_GAP / 2) - BAND_GAP / 2
            spine = self.graph.rows[first][0]
            title = tuple(self.graph.titles.get(spine, ()))
            if self.across:
                rect = Rect(start, 0.0, end - start, width + header)
                at = (start + 4, HEADER_PAD)
            else:
                rect = Rect(0.0, start, width, end - start)
                at = (4.0, row_top[first] + (row_size[first] - len(title) * FONT_SIZE
                                             * LEADING) / 2)
            bands.append(Band(rect, title, at))
        return bands


def simplify(points: list[Point]) -> tuple[Point, ...]:
    """Return a path without repeated points or points in the middle of a straight run.

    >>> simplify([(0, 0), (0, 5), (0, 5), (0, 9), (4, 9)])
    ((0, 0), (0, 9), (4, 9))
    """
    out: list[Point] = []
    for p in points:
        if out and abs(p[0] - out[-1][0]) < 1e-6 and abs(p[1] - out[-1][1]) < 1e-6:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a[0] - b[0]) < 1e-6 and abs(b[0] - p[0]) < 1e-6) or \
                    (abs(a[1] - b[1]) < 1e-6 and abs(b[1] - p[1]) < 1e-6):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def route(graph: ChartGraph, along: Along, across: bool) -> Routed:
    """Return ``graph`` laid out: its boxes where ``along`` puts them in their rows, its
    rows stacked, its arrows routed."""
    return Router(graph, along, across).routed()
