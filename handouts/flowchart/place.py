"""Place the boxes along their rows: in the order Graphviz chose, as compactly as the widest
row allows, each as near as it can be to the boxes it is joined to.

Graphviz (``dot -Tjson``) decides the order of the boxes and vias in each row, which is where
its crossing minimisation lies; where they then go is worked out here, so that no row is
pushed wider than the widest row needs: each row in turn moves its boxes towards the mean
of their neighbours in the row above (then below), keeping their order and spacing (the
least-squares fit with those constraints, found by pooling adjacent violators).
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence

from handouts.flowchart.dot import POINTS, VIA, Params, climbs, row_of, vias
from handouts.flowchart.graph import ChartGraph

Along = dict[str, float]
"""Each box's (and via's) centre along its row, in points from the row's start."""
SWEEPS = 3


def parse_order(text: str, across: bool) -> list[Along]:
    """Read every graph of ``dot -Tjson`` output (several graphs follow one another): for
    each, where Graphviz put every node along its row (only their order is used).

    Top to bottom, a row runs left to right (x); left to right, a row runs down the page
    (Graphviz's y grows upwards, so it is counted from the top).
    """
    decoder = json.JSONDecoder()
    found, at = [], 0
    text = text.strip()
    while at < len(text):
        data, end = decoder.raw_decode(text, at)
        found.append(_along(data, across))
        at = end
        while at < len(text) and text[at].isspace():
            at += 1
    return found


def _along(data: dict, across: bool) -> Along:
    x0, _, _, y1 = (float(v) for v in data["bb"].split(","))
    spots = {}
    for obj in data.get("objects", []):
        if "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            spots[obj["name"]] = (y1 - y) if across else (x - x0)
    return spots


def fit_in_order(wanted: Sequence[float], sizes: Sequence[float], gaps: Sequence[float],
                 width: float) -> list[float]:
    """Return centres as near as possible (least squares) to ``wanted``, keeping the given
    order, at least ``gaps[i]`` between node i and the next, all within [0, ``width``].

    >>> fit_in_order([50.0, 50.0], [20.0, 20.0], [10.0], 200.0)
    [35.0, 65.0]
    >>> fit_in_order([-5.0, 300.0], [20.0, 20.0], [10.0], 100.0)
    [10.0, 90.0]
    """
    offsets, total = [], 0.0
    for i, size in enumerate(sizes):
        if i:
            total += (sizes[i - 1] + size) / 2 + gaps[i - 1]
        offsets.append(total)
    blocks: list[list[float]] = []  # [sum, count] of pooled values, non-decreasing
    for want, offset in zip(wanted, offsets):
        blocks.append([want - offset, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            value, count = blocks.pop()
            blocks[-1][0] += value
            blocks[-1][1] += count
    low = sizes[0] / 2 if sizes else 0.0
    high = width - sizes[-1] / 2 - offsets[-1] if sizes else 0.0
    shifted = [min(max(value / count, low), max(high, low)) for value, count in blocks
               for _ in range(int(count))]
    return [y + offset for y, offset in zip(shifted, offsets)]


def compact(rows: Sequence[Sequence[str]], sizes: Mapping[str, float],
            links: Sequence[tuple[str, str, float]], gap: float) -> Along:
    """Return each node's centre along its row: rows in the given order, no wider than the
    widest row packed tight, each node pulled towards the nodes it is linked to (with the
    link's weight), ``gap`` apart at least (a zero-size node needs none)."""
    def gaps(row: Sequence[str]) -> list[float]:
        return [gap if sizes[a] and sizes[b] else 0.0 for a, b in itertools.pairwise(row)]

    width = max((sum(sizes[n] for n in row) + sum(gaps(row)) for row in rows), default=0.0)
    at: Along = {}
    for row in rows:
        x = 0.0
        for node, space in zip(row, [*gaps(row), 0.0]):
            at[node] = x + sizes[node] / 2
            x += sizes[node] + space
    up: dict[str, list[tuple[str, float]]] = defaultdict(list)
    down: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for tail, head, weight in links:
        down[tail].append((head, weight))
        up[head].append((tail, weight))
    Sides = tuple[dict[str, list[tuple[str, float]]], ...]
    sweeps: list[tuple[range, Sides]] = [(range(1, len(rows)), (up,)),
                                         (range(len(rows) - 2, -1, -1), (down,))] * SWEEPS
    sweeps.append((range(len(rows)), (up, down)))
    for order, sides in sweeps:
        for r in order:
            row = rows[r]
            wanted = []
            for node in row:
                pulls = [(at[other], w) for side in sides for other, w in side.get(node, ())]
                total = sum(w for _, w in pulls)
                wanted.append(sum(x * w for x, w in pulls) / total if total else at[node])
            at.update(zip(row, fit_in_order(wanted, [sizes[n] for n in row], gaps(row),
                                            width)))
    return at


def arrange(graph: ChartGraph, order: Along, params: Params) -> Along:
    """Return where each box and via of ``graph`` goes along its row: in the order Graphviz
    gave (``order``), placed compactly, pulled towards what it is joined to."""
    rows = row_of(graph)
    passing = vias(graph)
    members: dict[int, list[str]] = defaultdict(list)
    for box_id, row in rows.items():
        members[row].append(box_id)
    for link_vias in passing.values():
        for via in link_vias:
            members[int(via.rsplit("~", 1)[1])].append(via)
    sizes: dict[str, float] = {via: VIA for link_vias in passing.values() for via in link_vias}
    for box in graph.boxes:
        if box.kind == "spine":
            sizes[box.id] = box.width if graph.titles.get(box.id) and not params.across else 0.0
        else:
            sizes[box.id] = box.height if params.across else box.width
    links = []
    for link in graph.links:
        if climbs(link, rows):
            continue
        chain = [link.tail, *passing.get(link.id, ()), link.head]
        pull = 8.0 if not link.arrow else 1.0  # a condition's words sit under their box
        links += [(a, b, 4.0 if a in passing.get(link.id, ()) and b in passing.get(
            link.id, ()) else pull) for a, b in itertools.pairwise(chain)]
    ordered = [sorted(members[r], key=lambda n: (n != graph.rows[r][0], order.get(n, 0.0)))
               for r in range(len(graph.rows))]
    return compact(ordered, sizes, links, params.nodesep * POINTS)
