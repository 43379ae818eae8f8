"""Measure how traceable a drawn chart is, from its geometry alone: the rules a reader's
finger checks. Arrows are paths (lists of points); boxes and lane bands are rectangles.

- no two arrows run within 2 pt of each other for more than 6 pt (they would read as one);
- no arrow runs within 4 pt of a lane border for more than 6 pt (crossing one is fine);
- no arrow passes through a box, except into and out of its own;
- every condition's words touch their own arrows and no other;
- crossings are counted, and each is at a right angle.

The same functions measure the charts of any build (curved arrows are measured on points
sampled along them), so figures before and after a change compare like with like.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

Point = tuple[float, float]
Path = Sequence[Point]
Box = tuple[float, float, float, float]
"""A rectangle: left, top, right, bottom (y down)."""

TOGETHER = 2.0
BORDER = 4.0
LONGER = 6.0
EPS = 1e-6


@dataclass(frozen=True)
class Run:
    """Two things that run together, and for how long."""

    a: str
    b: str
    length: float


def segments(path: Path) -> Iterator[tuple[Point, Point]]:
    """Yield the straight pieces of a path."""
    yield from itertools.pairwise(path)


def _axis(p: Point, q: Point) -> str:
    if abs(p[1] - q[1]) < EPS:
        return "h"
    if abs(p[0] - q[0]) < EPS:
        return "v"
    return ""


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(max(a0, a1), max(b0, b1)) - max(min(a0, a1), min(b0, b1))


def _near(p: Point, q: Point, r: Point, s: Point, gap: float) -> float:
    """Return how far two straight pieces run within ``gap`` of each other: exactly when
    both are level or both upright, else along points sampled every half point."""
    kind = _axis(p, q)
    if kind and kind == _axis(r, s):
        across = 1 if kind == "h" else 0
        if abs(p[across] - r[across]) > gap:
            return 0.0
        along = 1 - across
        return max(0.0, _overlap(p[along], q[along], r[along], s[along]))
    length = math.dist(p, q)
    steps = max(1, int(length / 0.5))
    close = 0
    for i in range(steps + 1):
        t = i / steps
        point = (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)
        if _distance(point, r, s) <= gap:
            close += 1
    return length * max(0, close - 1) / steps


def _distance(p: Point, a: Point, b: Point) -> float:
    """Return the distance from ``p`` to the straight piece from ``a`` to ``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == dy == 0:
        return math.dist(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def _bounds(path: Path, grow: float) -> Box:
    xs, ys = [p[0] for p in path], [p[1] for p in path]
    return min(xs) - grow, min(ys) - grow, max(xs) + grow, max(ys) + grow


def _meet(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def runs_together(paths: Mapping[str, Path], gap: float = TOGETHER,
                  longer: float = LONGER) -> list[Run]:
    """Return each pair of arrows that run within ``gap`` of each other for more than
    ``longer``, with the longest such stretch."""
    found = []
    bounds = {k: _bounds(p, gap) for k, p in paths.items() if len(p) >= 2}
    for a, b in itertools.combinations(sorted(bounds), 2):
        if not _meet(bounds[a], bounds[b]):
            continue
        longest = max((_near(p, q, r, s, gap) for p, q in segments(paths[a])
                       for r, s in segments(paths[b])), default=0.0)
        if longest > longer:
            found.append(Run(a, b, round(longest, 1)))
    return found


def border_runs(paths: Mapping[str, Path], borders: Sequence[tuple[Point, Point]],
                gap: float = BORDER, longer: float = LONGER) -> list[Run]:
    """Return each arrow that runs within ``gap`` of a lane border for more than
    ``longer`` (the border line is given by its two ends)."""
    found = []
    for key, path in sorted(paths.items()):
        for i, (r, s) in enumerate(borders):
            longest = max((_near(p, q, r, s, gap) for p, q in segments(path)
                           if _parallel(p, q, r, s)), default=0.0)
            if longest > longer:
                found.append(Run(key, f"border {i + 1}", round(longest, 1)))
    return found


def _parallel(p: Point, q: Point, r: Point, s: Point) -> bool:
    """Tell whether two straight pieces run within 45 degrees of each other's direction: a
    piece that crosses a border steeply crosses it, it does not run along it."""
    one = math.atan2(q[1] - p[1], q[0] - p[0])
    two = math.atan2(s[1] - r[1], s[0] - r[0])
    angle = abs(math.degrees(one - two)) % 180
    return min(angle, 180 - angle) < 45


def band_borders(bands: Sequence[Box]) -> list[tuple[Point, Point]]:
    """Return the edges of lane bands as lines: each band's four sides."""
    lines = []
    for left, top, right, bottom in bands:
        lines += [((left, top), (right, top)), ((left, bottom), (right, bottom)),
                  ((left, top), (left, bottom)), ((right, top), (right, bottom))]
    return lines


def _cross(p: Point, q: Point, r: Point, s: Point) -> Point | None:
    """Return where two straight pieces cross in their insides (not at an end), if they do."""
    d = (q[0] - p[0]) * (s[1] - r[1]) - (q[1] - p[1]) * (s[0] - r[0])
    if abs(d) < EPS:
        return None
    t = ((r[0] - p[0]) * (s[1] - r[1]) - (r[1] - p[1]) * (s[0] - r[0])) / d
    u = ((r[0] - p[0]) * (q[1] - p[1]) - (r[1] - p[1]) * (q[0] - p[0])) / d
    if EPS < t < 1 - EPS and EPS < u < 1 - EPS:
        return p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])
    return None


@dataclass(frozen=True)
class Crossing:
    """Where two arrows cross, and at what angle (degrees, 90 at a right angle)."""

    a: str
    b: str
    at: Point
    angle: float


def crossings(paths: Mapping[str, Path]) -> list[Crossing]:
    """Return every place where two arrows cross."""
    found = []
    bounds = {k: _bounds(p, 0.0) for k, p in paths.items() if len(p) >= 2}
    for a, b in itertools.combinations(sorted(bounds), 2):
        if not _meet(bounds[a], bounds[b]):
            continue
        for (p, q), (r, s) in itertools.product(segments(paths[a]), segments(paths[b])):
            at = _cross(p, q, r, s)
            if at is not None:
                one = math.atan2(q[1] - p[1], q[0] - p[0])
                two = math.atan2(s[1] - r[1], s[0] - r[0])
                angle = abs(math.degrees(one - two)) % 180
                found.append(Crossing(a, b, (round(at[0], 1), round(at[1], 1)),
                                      round(min(angle, 180 - angle), 1)))
    return found


def _enters(p: Point, q: Point, box: Box, inset: float) -> bool:
    """Tell whether a straight piece passes through the inside of a box (shrunk by
    ``inset``, so that touching its outline is not passing through)."""
    left, top, right, bottom = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    if left >= right or top >= bottom:
        return False
    length = math.dist(p, q)
    steps = max(1, int(length / 0.5))
    for i in range(steps + 1):
        t = i / steps
        x, y = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
        if left < x < right and top < y < bottom:
            return True
    return False


def through_boxes(paths: Mapping[str, Path], boxes: Mapping[str, Box],
                  ends: Mapping[str, tuple[str, ...]], inset: float = 1.0) -> list[str]:
    """Return 'arrow through box' for each arrow that passes through a box other than the
    ones it joins (``ends``)."""
    found = []
    for key, path in sorted(paths.items()):
        own = set(ends.get(key, ()))
        reach = _bounds(path, 0.0)
        for name, box in sorted(boxes.items()):
            if name in own or not _meet(reach, box):
                continue
            if any(_enters(p, q, box, inset) for p, q in segments(path)):
                found.append(f"{key} through {name}")
    return found


def touching(path: Path, box: Box, gap: float = 0.5) -> bool:
    """Tell whether an arrow touches a box (within ``gap``)."""
    left, top, right, bottom = box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap
    return any(_clip(p, q, (left, top, right, bottom)) for p, q in segments(path))


def _clip(p: Point, q: Point, box: Box) -> bool:
    length = math.dist(p, q)
    steps = max(1, int(length / 0.5))
    for i in range(steps + 1):
        t = i / steps
        x, y = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
        if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
            return True
    return False


def stray_labels(paths: Mapping[str, Path], labels: Mapping[str, Box],
                 owners: Mapping[str, set[str]]) -> list[str]:
    """Return what is wrong with each condition's words: they touch none of their own
    arrows, or they touch another's (``owners``: the arrows each label belongs to)."""
    found = []
    for name, box in sorted(labels.items()):
        mine = owners.get(name, set())
        touched = {key for key, path in paths.items() if touching(path, box)}
        if not touched & mine:
            found.append(f"{name} touches none of its arrows")
        found += [f"{name} touches {key}" for key in sorted(touched - mine)]
    return found
