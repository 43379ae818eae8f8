"""Give each arrow that turns in a channel between two rows a track of its own.

A channel is the strip between two rows of boxes. An arrow crosses it from where it comes
in (from the row above, or, when it loops back, from below) to where it goes out; where
those differ it runs along the channel on a track. Two arrows whose runs overlap never
share a track, and which one runs above the other decides whether they cross: the order
chosen crosses least, and never lets two arrows run down the same line (channel routing,
after the left-edge algorithm with vertical constraints).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

NEAR = 4.0
"""Points: two arrows' upright lines closer than this would read as one line."""
BLOCKED = 100
"""The cost of an order that runs two arrows down one line: never worth it if avoidable."""
EPS = 0.01
CAREFUL = 24
"""Passages in one channel up to which single moves improve on the greedy order."""


@dataclass(frozen=True)
class Seg:
    """One arrow's passage through a channel: where it comes in and where it goes out,
    along the channel (u), and from or to which side."""

    key: str
    enter: float
    leave: float
    enter_top: bool = True
    """It comes in from the row above (else from below, looping back)."""
    leave_down: bool = True
    """It goes out to the row below (else up, looping back)."""

    @property
    def straight(self) -> bool:
        """Tell whether it crosses the channel in one upright line, needing no track."""
        return abs(self.enter - self.leave) < EPS and self.enter_top and self.leave_down

    @functools.cached_property
    def span(self) -> tuple[float, float]:
        """Return the stretch of the channel its track runs along."""
        return min(self.enter, self.leave), max(self.enter, self.leave)

    def ends(self) -> tuple[tuple[float, bool], tuple[float, bool]]:
        """Return its two upright lines: where each is, and whether it reaches the
        channel's top (True) or its bottom (False) from the track."""
        return (self.enter, self.enter_top), (self.leave, not self.leave_down)


def inside(u: float, span: tuple[float, float]) -> bool:
    """Tell whether ``u`` lies strictly within ``span``.

    >>> inside(5, (0, 10)), inside(0, (0, 10))
    (True, False)
    """
    return span[0] + EPS < u < span[1] - EPS


def meet(a: Seg, b: Seg) -> bool:
    """Tell whether two passages need tracks of their own: their runs overlap, or come so
    near that their upright lines could touch."""
    (a0, a1), (b0, b1) = a.span, b.span
    return a0 - NEAR < b1 and b0 - NEAR < a1


def crossings_above(a: Seg, b: Seg) -> int:
    """Return how often ``a`` and ``b`` cross when ``a`` runs above ``b``: b's lines that
    rise to the top cross a's track, and a's lines that fall to the bottom cross b's."""
    count = sum(inside(u, a.span) for u, up in b.ends() if up)
    return count + sum(inside(u, b.span) for u, up in a.ends() if not up)


def clashes_above(a: Seg, b: Seg) -> int:
    """Return how many of a's falling lines would run down the same line as b's rising
    ones when ``a`` runs above ``b`` (their lines then share the stretch between tracks)."""
    return sum(abs(ua - ub) < NEAR for ua, up_a in a.ends() if not up_a
               for ub, up_b in b.ends() if up_b)


def cost_above(a: Seg, b: Seg) -> int:
    """Return what it costs to run ``a`` above ``b``."""
    return crossings_above(a, b) + BLOCKED * clashes_above(a, b)


@dataclass(frozen=True)
class Assigned:
    """The tracks of one channel: each turning passage's track (0 at the top), how many
    tracks there are, and how many crossings the order leaves."""

    track: dict[str, int]
    count: int
    crossings: int
    clashes: int


def order(segs: list[Seg]) -> list[Seg]:
    """Return the passages from top to bottom in the order that costs least: greedily the
    one that costs least above all the rest, then single moves while they help."""
    cost = {(a.key, b.key): cost_above(a, b) for a in segs for b in segs
            if a is not b and meet(a, b)}

    def gain(s: Seg, others: list[Seg]) -> int:
        """What putting ``s`` above ``others`` costs, less what it saves."""
        return sum(cost.get((s.key, o.key), 0) - cost.get((o.key, s.key), 0) for o in others)

    score = {s.key: gain(s, [o for o in segs if o is not s]) for s in segs}
    left, chosen = list(segs), []
    while left:  # the one that costs least above all those left; then the rest
        best = min(range(len(left)), key=lambda i: (score[left[i].key], i))
        chosen.append(left.pop(best))
        for other in left:
            score[other.key] -= cost.get((other.key, chosen[-1].key), 0) - cost.get(
                (chosen[-1].key, other.key), 0)
    for _ in range(2 * len(chosen) if len(chosen) <= CAREFUL else 0):  # single moves
        move = next(((i, j) for i, s in enumerate(chosen) for j in range(len(chosen))
                     if (j < i and gain(s, chosen[j:i]) < 0)
                     or (j > i and gain(s, chosen[i + 1:j + 1]) > 0)), None)
        if move is None:
            break
        i, j = move
        seg = chosen.pop(i)
        chosen.insert(j, seg)
    return chosen


def assign(segs: list[Seg]) -> Assigned:
    """Give each turning passage of a channel a track; straight ones need none."""
    turning = [s for s in segs if not s.straight]
    ranked = order(turning)
    track: dict[str, int] = {}
    for i, seg in enumerate(ranked):
        track[seg.key] = max((track[o.key] + 1 for o in ranked[:i] if meet(o, seg)),
                             default=0)
    crossings = clashes = 0
    for i, a in enumerate(ranked):
        for b in ranked[i + 1:]:
            if meet(a, b):
                upper, lower = (a, b) if track[a.key] <= track[b.key] else (b, a)
                crossings += crossings_above(upper, lower)
                clashes += clashes_above(upper, lower)
    for line in (s for s in segs if s.straight):
        crossings += sum(inside(line.enter, s.span) for s in turning)
    return Assigned(track, max(track.values(), default=-1) + 1, crossings, clashes)
