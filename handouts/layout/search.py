"""Choose how a chart prints on a page: the layout whose smallest text is largest.

Candidates differ in direction (top to bottom, or left to right), how wide box texts wrap,
the page's orientation, and how many parts the chart is split into (by lines of therapy,
one part a page). A candidate's text size is the chart's size scaled to fit its room,
capped at a comfortable size; the search takes the fewest parts whose text reaches the
size that is enough, else the largest text of all. The same inputs give the same choice.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from handouts.layout.chartgraph import FONT_SIZE
from handouts.layout.dot import Params

WRAPS = (70.0, 85.0, 100.0, 150.0)
"""Box text widths to try, in points at the chart's size (about 12, 17 and 25 letters)."""
SPACINGS = ((0.18, 0.22), (0.1, 0.14))
"""Space between boxes in a row and between rows, in inches: usual, and tight."""
PER_ROW = (0, 4, 3)
"""Boxes of one tier side by side: all of them, or four at most to a row."""
CANDIDATES = tuple(Params(across=across, wrap=width, nodesep=nodesep, ranksep=ranksep,
                          per_row=per_row)
                   for across in (False, True) for width in WRAPS
                   for nodesep, ranksep in SPACINGS for per_row in PER_ROW)
Size = tuple[float, float]
MOST_PARTS = 8
"""A chart that needs more pages than this to print is refused: split it into charts."""


@dataclass(frozen=True)
class Targets:
    """The text sizes a chart should print at, in points."""

    least: float
    """Below this it cannot be printed: an error."""
    enough: float
    """A chart this large is not split further."""
    most: float
    """A small chart is not enlarged past this."""


@dataclass(frozen=True)
class Choice:
    """The chosen layout: lane groups (one a part), and how each part is laid out and
    prints; each part, on a page of its own, takes the layout that suits it best."""

    params: tuple[Params, ...]
    groups: tuple[tuple[Any, ...], ...]
    """The tiers (lane, depth) of each part."""
    turned: tuple[bool, ...]
    """Whether each part prints on a landscape page."""
    scales: tuple[float, ...]
    size: float
    """The printed size of the chart's text (the smallest over its parts)."""
    clean: bool = True
    """Whether every part is legible with no arrow along a lane border."""

    def better(self, other: Choice | None) -> bool:
        """Whether this choice beats ``other``: clean first, then larger text."""
        return other is None or (self.clean, self.size) > (other.clean, other.size + 1e-6)


Rooms = dict[bool, Size]
"""The room for a part on an upright (False) and on a turned (True) page."""
Layouts = Callable[[Sequence[Sequence[Any]], Params], list[tuple[Size, Rooms, bool]]]
"""Lay out each group of a chart with the given parameters; return each part's size, the
room it has (which depends on its own key), and whether its arrows keep off lane borders."""


def fit(size: Size, room: Size, targets: Targets) -> float:
    """Return the scale at which a chart of ``size`` fits ``room``, capped at ``targets.most``.

    >>> fit((500.0, 300.0), (250.0, 600.0), Targets(9, 10, 12))
    0.5
    """
    width, height = size
    return min(room[0] / width, room[1] / height, targets.most / FONT_SIZE)


def choose(units: Sequence[Any], weights: Sequence[int], layouts: Layouts, targets: Targets,
           most_parts: int | None = None) -> Choice:
    """Return the best way to print a chart whose ``units`` (in reading order, the least
    that may be split apart) hold ``weights`` boxes each.

    """
    limit = max(1, min(len(units), most_parts or MOST_PARTS))
    best: Choice | None = None
    for count in range(1, limit + 1):
        groups = split_units(units, weights, count)
        options: list[list[tuple[bool, float, bool, int, Params]]] = [[] for _ in groups]
        for rank, params in enumerate(CANDIDATES):
            for part, (size, rooms, clean) in enumerate(layouts(groups, params)):
                scale, upright = max((fit(size, rooms[turned], targets), not turned)
                                     for turned in (False, True))
                legible = scale * FONT_SIZE >= targets.least - 1e-6
                options[part].append((clean and legible, scale, upright, -rank, params))
        # a legible layout whose arrows keep off the lane borders beats a larger one
        best_parts = [max(part, key=lambda o: o[:4]) for part in options]
        here = Choice(tuple(o[4] for o in best_parts), tuple(tuple(g) for g in groups),
                      tuple(not o[2] for o in best_parts), tuple(o[1] for o in best_parts),
                      min(o[1] for o in best_parts) * FONT_SIZE,
                      all(o[0] for o in best_parts))
        if here.clean and here.size >= targets.enough - 1e-6:
            return here
        if here.better(best):
            best = here
    assert best is not None
    return best


def split_units(units: Sequence[Any], weights: Sequence[int],
                count: int) -> list[list[Any]]:
    """Share units out, in order, among ``count`` parts, keeping the largest part smallest
    (the linear partition problem, solved exactly; ties go to earlier cuts).

    >>> split_units(["a", "b", "c", "d"], [5, 4, 1, 1], 2)
    [['a'], ['b', 'c', 'd']]
    """
    count = min(count, len(units))
    if count <= 1:
        return [list(units)]
    total = [0, *itertools.accumulate(weights)]
    size = len(units)
    # heaviest[k][i]: the least possible heaviest part of units[:i] in k parts
    heaviest = [[float("inf")] * (size + 1) for _ in range(count + 1)]
    cut = [[0] * (size + 1) for _ in range(count + 1)]
    heaviest[0][0] = 0
    for k in range(1, count + 1):
        for i in range(k, size + 1):
            for j in range(k - 1, i):
                cost = max(heaviest[k - 1][j], total[i] - total[j])
                if cost < heaviest[k][i]:
                    heaviest[k][i], cut[k][i] = cost, j
    bounds = [size]
    for k in range(count, 0, -1):
        bounds.append(cut[k][bounds[-1]])
    bounds.reverse()
    return [list(units[a:b]) for a, b in itertools.pairwise(bounds)]
