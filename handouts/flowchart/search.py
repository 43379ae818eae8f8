"""Choose how a chart is drawn, and how it prints on a page that cannot hold it whole.

One arrangement (direction, wrapping, spacing) is chosen for each chart, once, for the pages
every reader sees it on: the A4 and Letter handouts, the downloads and the web page all
show that drawing, only larger or smaller. It is the candidate that crosses least while its
text prints large enough, then the one whose text is largest. Where that drawing prints too
small (A5, large print), the chart is split at lane boundaries, each part on a page of its
own, a lane being cut only when it alone cannot fit; every part but the last fills at least
half its page. The same inputs give the same choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from handouts.flowchart.dot import Params
from handouts.flowchart.graph import FONT_SIZE

WRAPS = (70.0, 85.0, 100.0, 150.0)
"""Box text widths to try, in points at the chart's size (about 12, 17 and 25 letters)."""
NODESEPS = (0.18, 0.1)
"""Space between boxes in a row, in inches: usual, and tight."""
PER_ROW = (0, 4, 3)
"""Boxes of one tier side by side: all of them, or four (three) at most to a row."""
MOST_PARTS = 8
"""A chart that needs more pages than this to print is refused: split it into charts."""
HALF = 0.5
"""Each part of a split chart but the last fills at least this much of its page."""
CROSSING = 0.4
"""Points of text size one crossing is worth, when arrangements are compared."""
SIDEWAYS = 1.5
"""Points of text size reading a chart sideways (across a turned page, or a phone screen)
is worth: top to bottom is preferred unless left to right prints much larger."""
Size = tuple[float, float]
Rooms = dict[bool, Size]
"""The room for a chart on an upright (False) and on a turned (True) page."""


@dataclass(frozen=True)
class Targets:
    """The text sizes a chart should print at, in points."""

    least: float
    """Below this it cannot be printed: an error."""
    enough: float
    """A chart this large is not split further."""
    most: float
    """A small chart is not enlarged past this."""


def candidates(widest_tier: int, parts: bool = False) -> tuple[Params, ...]:
    """Return the arrangements to try: both directions, three wraps, two spacings, and fewer
    boxes to a row only where a tier has more; for the parts of a split chart, a shorter
    list.

    >>> len(candidates(2)), len(candidates(5)), len(candidates(5, parts=True))
    (12, 36, 12)
    """
    rows = [p for p in PER_ROW if p == 0 or p < widest_tier]
    if parts:
        return tuple(Params(across=across, wrap=wrap, nodesep=NODESEPS[-1], per_row=per_row)
                     for across in (False, True) for wrap in (WRAPS[0], WRAPS[2], WRAPS[3])
                     for per_row in rows[::2])
    return tuple(Params(across=across, wrap=wrap, nodesep=sep, per_row=per_row)
                 for across in (False, True) for wrap in (WRAPS[0], WRAPS[2], WRAPS[3])
                 for sep in NODESEPS for per_row in rows)


def fit(size: Size, room: Size, most: float) -> float:
    """Return the scale at which a chart of ``size`` fits ``room``, capped so that its text
    is no larger than ``most``.

    >>> fit((500.0, 300.0), (250.0, 600.0), 12)
    0.5
    """
    width, height = size
    return min(room[0] / width, room[1] / height, most / FONT_SIZE)


def best_fit(size: Size, rooms: Rooms, most: float) -> tuple[float, bool]:
    """Return the largest scale a chart reaches on an upright or a turned page, and whether
    that is turned (upright wins a tie)."""
    upright, turned = fit(size, rooms[False], most), fit(size, rooms[True], most)
    return (turned, True) if turned > upright + 1e-9 else (upright, False)


def score(text: float, crossings: int, clashes: int, targets: Targets,
          across: bool = False) -> tuple[bool, float, float]:
    """Return how good an arrangement is: legible first, then its text size less what its
    crossings cost (up to a comfortable size) and, for a chart that reads left to right,
    what turning the page to read it costs; then its text size."""
    if text < targets.least - 1e-6:  # too small to print at all: the larger the better
        return False, round(text, 3), text
    comfortable = min(text, max(targets.enough, 10.5))
    cost = CROSSING * crossings + 5 * CROSSING * clashes + (SIDEWAYS if across else 0.0)
    return True, round(comfortable - cost, 3), text


