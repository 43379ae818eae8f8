"""The flowchart engine: lay charts out once each, route them, and plan how each prints.

Candidate layouts of a chart are placed by one ``dot`` process (many graphs in one input)
and routed here; results are kept, in caches of bounded size, by the chart's content, so
every edition, the downloads, the packs and a preview's later saves reuse them.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from typing import Generic, TypeVar

from handouts.flowchart.dot import Params, flowchart_dot
from handouts.flowchart.graph import (
    FONT_SIZE,
    ChartGraph,
    back_edges,
    chart_graph,
    depths,
    tiers,
)
from handouts.flowchart.key import KeyItem, key_items
from handouts.flowchart.place import Along, arrange, parse_order
from handouts.flowchart.route import Routed, roomy, route
from handouts.flowchart.search import (
    MOST_PARTS,
    Rooms,
    Targets,
    best_fit,
    candidates,
    score,
)
from handouts.flowchart.split import DEEPEST, Group, Part, split_chart, units
from handouts.flowchart.store import Decisions
from handouts.flowchart.wrap import Measure
from handouts.model.chart import Flowchart
from handouts.process import run

INSTALL_HINT = "install Graphviz (Debian/Ubuntu: apt-get install graphviz; or run make)"
PARAMS = {f.name for f in fields(Params)}
REFERENCE = Targets(9.0, 9.0, 12.0)
"""What the one arrangement of a chart must reach on the reference pages (A4, Letter)."""
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Bounded(Generic[K, V]):
    """A dictionary that forgets what was used longest ago once it holds ``size`` items."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        return None

    def put(self, key: K, value: V) -> V:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)


def run_dot(dot_text: str, fmt: str) -> bytes:
    """Lay out ``dot_text`` with Graphviz's ``dot``; return its output in ``fmt``."""
    return run("dot", [f"-T{fmt}"], data=dot_text.encode("utf-8"), install=INSTALL_HINT,
               name="Graphviz 'dot'", timeout=30.0,
               slow="simplify the flowchart, or check the Graphviz installation")


@dataclass(frozen=True)
class Drawn:
    """One part of a chart as it prints: laid out, at a scale, on an upright or turned page."""

    routed: Routed
    scale: float
    turned: bool
    key: tuple[KeyItem, ...]
    """What its key explains: what this part shows."""
    index: int = 0
    """Which part it is (0 for a whole chart)."""
    params: Params = Params()
    """How it was laid out."""

    @property
    def graph(self) -> ChartGraph:
        return self.routed.graph


@dataclass(frozen=True)
class Plan:
    """How a chart prints: its parts, each on a page of its own if there are several."""

    parts: tuple[Drawn, ...]
    size: float
    """The printed size of its text, in points: the smallest over its parts."""
    groups: tuple[Group, ...]
    whole: bool
    """True when it is the chart's one arrangement, unsplit."""


Room = Callable[[tuple[KeyItem, ...], bool], Rooms]
"""The room a chart has on a page beside a key of the given entries, whole (True) or as
one part of several."""
Reference = Callable[[tuple[KeyItem, ...]], Sequence[Rooms]]
"""The room a whole chart has on each reference page, beside a key of the given entries."""
Marks = Mapping[str, str]


class ChartLayouts:
    """Every chart layout of a build (or a preview), each made once, in bounded caches."""

    def __init__(self, measure: Measure | None = None, size: int = 512,
                 store: Decisions | None = None) -> None:
        self._measure = measure
        self.store = store or Decisions(None)
        self._along: Bounded[str, Along] = Bounded(size)
        self._routed: Bounded[Hashable, Routed] = Bounded(size)
        self._chosen: Bounded[Hashable, Params] = Bounded(max(size // 8, 8))
        self._notes: list[object] = []

    def note(self, said: object) -> None:
        """Keep something a layout found that the build should report (a warning)."""
        self._notes.append(said)

    def notes(self) -> list[object]:
        """Return what was kept to report, and forget it."""
        said, self._notes = self._notes, []
        return said

    @property
    def measure(self) -> Measure:
        if self._measure is None:
            from handouts.fonts import chart_measure

            self._measure = chart_measure(FONT_SIZE)
        return self._measure

    def sizes(self) -> dict[str, int]:
        """Return how many entries each cache holds (for tests of memory)."""
        return {"along": len(self._along), "routed": len(self._routed),
                "chosen": len(self._chosen)}

    # ----- laying out ----------------------------------------------------------------------

    def _parts(self, chart: Flowchart, marks: Marks, groups: Sequence[Group],
               params: Params, only: int | None = None) -> list[tuple[Hashable, Part]]:
        """Return each part (or only part ``only``) of a split, with its cache key."""
        parts = split_chart(chart, groups)
        chosen = parts if only is None else [parts[only]]
        marked = tuple(sorted(marks.items()))
        return [((part.chart, tuple(sorted(part.stubs.items())), marked, params), part)
                for part in chosen]

    def routed(self, chart: Flowchart, marks: Marks, groups: Sequence[Group],
               params: Params, only: int | None = None) -> list[Routed]:
        """Return each part of ``chart`` (or only part ``only``), split into ``groups`` of
        boxes, laid out and routed as ``params`` ask. Each part is kept by its content,
        whatever split it comes from."""
        parts = self._parts(chart, marks, groups, params, only)
        self._lay_out([(key, part, params) for key, part in parts], marks)
        found = [self._routed.get(key) for key, _ in parts]
        if any(f is None for f in found):  # forgotten at once (a tiny cache): one at a time
            found = [self._routed.get(key) or self._lay_out([(key, part, params)], marks,
                                                            keep=False)[0]
                     for key, part in parts]
        return [f for f in found if f is not None]

    def _lay_out(self, todo: Sequence[tuple[Hashable, Part, Params]], marks: Marks,
                 keep: bool = True) -> list[Routed]:
        """Place (one dot process a direction) and route the parts not yet laid out; return
        those it laid out."""
        made = []
        for across in (False, True):
            mine = [(key, part, p) for key, part, p in todo
                    if p.across == across and (not keep or self._routed.get(key) is None)]
            graphs = [roomy(chart_graph(part.chart, marks, self.measure, p.wrap, part.stubs,
                                        p.per_row), across) for _, part, p in mine]
            orders = self._place([flowchart_dot("chart", g, p)
                                  for g, (_, _, p) in zip(graphs, mine)], across)
            for graph, (key, _, params), order in zip(graphs, mine, orders):
                made.append(route(graph, arrange(graph, order, params), across))
                if keep:
                    self._routed.put(key, made[-1])
        return made

    def _place(self, dots: Sequence[str], across: bool) -> list[Along]:
        """Return where Graphviz orders each DOT text's boxes: one dot process for those not
        placed before."""
        todo = list(dict.fromkeys(d for d in dots if self._along.get(d) is None))
        placed = dict(zip(todo, parse_order(run_dot("".join(todo), "json").decode("utf-8"),
                                            across))) if todo else {}
        for dot, along in placed.items():
            self._along.put(dot, along)
        return [placed.get(d) or self._along.get(d) or {} for d in dots]

    def _prepare(self, chart: Flowchart, marks: Marks, groups: Sequence[Group],
                 choices: Sequence[Params], only: int | None = None) -> None:
        """Lay out every candidate of these parts not yet laid out, with one dot process for
        each direction."""
        self._lay_out([(key, part, p) for p in choices
                       for key, part in self._parts(chart, marks, groups, p, only)], marks)

    # ----- choosing ------------------------------------------------------------------------

    def arrangement(self, chart: Flowchart, marks: Marks, reference: Reference) -> Params:
        """Return the chart's one arrangement: what every page that can hold it whole shows.
        ``reference`` gives the room on the reference pages; the first answer is kept."""
        key = (chart, tuple(sorted(marks.items())))
        found = self._chosen.get(key)
        if found is not None:
            return found
        kept = self.store.get(("arrangement", *key, getattr(reference, "key", None)))
        if isinstance(kept, dict) and set(kept) == set(PARAMS):
            return self._chosen.put(key, Params(**kept))
        whole = [everything(chart)]
        choices = candidates(max((n for _, n in tiers(chart)), default=1))
        self._prepare(chart, marks, whole, choices)
        best: tuple[object, ...] | None = None
        chosen = choices[0]
        for rank, params in enumerate(choices):
            done = self.routed(chart, marks, whole, params)[0]
            rooms = reference(tuple(key_items(chart, [done.graph])))
            sizes = [best_fit((done.width, done.height), room, REFERENCE.most)[0] * FONT_SIZE
                     for room in rooms]  # the first page is the one sized for
            here = (min(sizes) >= REFERENCE.least - 1e-6,
                    *score(sizes[0], done.crossings, done.clashes, REFERENCE, params.across),
                    -rank)
            if best is None or here > best:
                best, chosen = here, params
        if getattr(reference, "key", None) is not None:
            self.store.put(("arrangement", *key, reference.key), asdict(chosen))  # type: ignore[attr-defined]
        return self._chosen.put(key, chosen)

    def better_orders(self, chart: Flowchart, marks: Marks,
                      reference: Reference) -> list[Better]:
        """Return, for each row of boxes whose order in the spec makes arrows cross that
        another order would not, that order: moving one box at a time, while it helps."""
        said = ("orders", chart, tuple(sorted(marks.items())), getattr(reference, "key", None))
        kept = self.store.get(said) if said[-1] is not None else None
        if isinstance(kept, list):
            return [Better(tuple(b["row"]), tuple(b["order"]), b["now"], b["then"])
                    for b in kept]
        found = self._better_orders(chart, marks, reference)
        if said[-1] is not None:
            self.store.put(said, [asdict(b) for b in found])
        return found

    def _better_orders(self, chart: Flowchart, marks: Marks,
                       reference: Reference) -> list[Better]:
        params = self.arrangement(chart, marks, reference)
        every = [everything(chart)]
        now = self.routed(chart, marks, every, params)[0].crossings
        current, found = chart, []
        for _ in range(2 if now else 0):
            trials = [(moved, row) for row in rows_of(current)
                      for moved in reorders(current, row)]
            self._prepare_charts([t for t, _ in trials], marks, params)
            scored = [(self.routed(t, marks, every, params)[0].crossings, i)
                      for i, (t, _) in enumerate(trials)]
            best = min(scored, default=None)
            if best is None or best[0] >= now:
                break
            current, row = trials[best[1]]
            found.append(Better(row, tuple(n.id for n in current.nodes if n.id in row),
                                now, best[0]))
            now = best[0]
        return found

    def _prepare_charts(self, charts: Sequence[Flowchart], marks: Marks,
                        params: Params) -> None:
        """Lay out several whole charts with one dot process."""
        self._lay_out([(key, part, params) for chart in charts
                       for key, part in self._parts(chart, marks, [everything(chart)],
                                                    params)], marks)

    def whole(self, chart: Flowchart, marks: Marks, reference: Reference) -> Routed:
        """Return the chart drawn in its one arrangement."""
        return self.routed(chart, marks, [everything(chart)],
                           self.arrangement(chart, marks, reference))[0]

    def plan(self, chart: Flowchart, marks: Marks, room: Room, targets: Targets,
             reference: Reference, most_parts: int | None = None) -> Plan:
        """Return how ``chart`` prints where ``room`` says how much room a part has: whole in
        its one arrangement if its text is large enough there, else split at lane
        boundaries, fewest parts first (a lane is cut only when it alone cannot fit)."""
        drawn = self.whole(chart, marks, reference)
        key = tuple(key_items(chart, [drawn.graph]))
        scale, turned = best_fit((drawn.width, drawn.height), room(key, True), targets.most)
        whole = Plan((Drawn(drawn, scale, turned, key),), scale * FONT_SIZE,
                     (everything(chart),), True)
        if whole.size >= targets.enough - 1e-6 or most_parts == 1:
            return whole
        if (targets.least / max(whole.size, 1e-6)) ** 2 > 2 * (most_parts or MOST_PARTS):
            return whole  # it would not fit on as many pages as a chart may take
        said = ("plan", chart, tuple(sorted(marks.items())), getattr(room, "key", None),
                getattr(reference, "key", None), targets, most_parts)
        if said[3] is not None and said[4] is not None:
            kept = self._kept_plan(chart, marks, room, targets, self.store.get(said))
            if kept is not None:
                return kept
        found = self._search(chart, marks, room, targets, whole, most_parts)
        if said[3] is not None and said[4] is not None and not found.whole:
            self.store.put(said, {"groups": [list(g) for g in found.groups],
                                  "params": [asdict(d.params) for d in found.parts]})
        return found

    def _kept_plan(self, chart: Flowchart, marks: Marks, room: Room, targets: Targets,
                   kept: object) -> Plan | None:
        """Return the plan a kept decision describes, laid out again; None if it is not
        one (damaged, or for boxes the chart no longer has)."""
        try:
            groups = [tuple(str(b) for b in g) for g in kept["groups"]]  # type: ignore[index]
            params = [Params(**p) for p in kept["params"]]  # type: ignore[index]
        except (TypeError, KeyError, ValueError):
            return None
        if sorted(b for g in groups for b in g) != sorted(everything(chart)) or \
                len(params) != len(groups):
            return None
        parts = []
        for index, choice in enumerate(params):
            done = self.routed(chart, marks, groups, choice, index)[0]
            key = tuple(key_items(chart, [done.graph]))
            scale, turned = best_fit((done.width, done.height), room(key, False),
                                     targets.most)
            parts.append(Drawn(done, scale, turned, key, index, choice))
        return Plan(tuple(parts), min(d.scale for d in parts) * FONT_SIZE, tuple(groups),
                    False)

    def _search(self, chart: Flowchart, marks: Marks, room: Room, targets: Targets,
                whole: Plan, most_parts: int | None) -> Plan:
        """Return the best split: lanes whole first, a lane cut finer only when it cannot
        print on a page by itself."""
        best = whole
        levels = {lane: 0 for lane in chart.lanes}
        while True:  # whole lanes first; a lane too large for a page alone is cut finer
            found = self._fill(chart, marks, room, targets, units(chart, levels), most_parts)
            if found is not None and found.size > best.size + 1e-6:
                best = found
            if best.size >= targets.least - 1e-6:
                return best
            finer = {lane: level + 1 for lane, level in levels.items()
                     if level < DEEPEST and not self._fits_alone(chart, marks, room, targets,
                                                                  levels, lane)}
            if not finer:
                return best
            levels.update(finer)

    def _fill(self, chart: Flowchart, marks: Marks, room: Room, targets: Targets,
              pieces: list[Group], most_parts: int | None) -> Plan | None:
        """Return the chart in parts filled in reading order: each part takes the next
        piece while its text stays large enough (``enough``, else at least ``least``), so
        that there are as few parts as can be, each as full as it can be."""
        found: Plan | None = None
        for wanted in dict.fromkeys((targets.enough, targets.least)):
            groups: list[Group] = []
            current: Group = ()
            for i, piece in enumerate(pieces):
                trial = current + piece
                rest = tuple(box for later in pieces[i + 1:] for box in later)
                context = [g for g in (*groups, trial, rest) if g]
                part = self._best_part(chart, marks, room, targets, context, len(groups),
                                       quick=True)
                if current and (part is None or part.scale * FONT_SIZE < wanted - 1e-6):
                    groups.append(current)
                    current = piece
                else:
                    current = trial
            groups.append(current)
            if not 1 < len(groups) <= (most_parts or MOST_PARTS):
                continue  # whole, the chart is its one arrangement: tried already
            drawn = [self._best_part(chart, marks, room, targets, groups, i)
                     for i in range(len(groups))]
            parts = tuple(d for d in drawn if d is not None)
            size = min(d.scale for d in parts) * FONT_SIZE
            plan = Plan(parts, size, tuple(groups), False)
            if found is None or plan.size > found.size + 1e-6:
                found = plan
            if plan.size >= wanted - 1e-6:
                return plan
        return found

    def _fits_alone(self, chart: Flowchart, marks: Marks, room: Room, targets: Targets,
                    levels: Mapping[str, int], lane: str) -> bool:
        """Tell whether a lane, cut as ``levels`` says, prints large enough on a page of its
        own (its pieces together), the rest of the chart on other pages."""
        pieces = units(chart, levels)
        lane_of = {n.id: n.lane for n in chart.nodes}
        mine = [box for piece in pieces for box in piece if lane_of[box] == lane]
        before = [box for piece in pieces for box in piece
                  if lane_of[box] != lane and chart.lanes.index(lane_of[box])
                  < chart.lanes.index(lane)]
        after = [box for piece in pieces for box in piece
                 if lane_of[box] != lane and box not in before]
        groups = [tuple(g) for g in (before, mine, after) if g]
        index = groups.index(tuple(mine))
        part = self._best_part(chart, marks, room, targets, groups, index, quick=True)
        return part is not None and part.scale * FONT_SIZE >= targets.least - 1e-6

    def _best_part(self, chart: Flowchart, marks: Marks, room: Room, targets: Targets,
                   groups: Sequence[Group], index: int, quick: bool = False) -> Drawn | None:
        """Return part ``index`` of a split, laid out as suits its page best (of a few
        likely candidates only, if ``quick``: to see whether a part can fit)."""
        choices = candidates(max((n for _, n in tiers(chart)), default=1), parts=True)
        if quick:
            choices = choices[1::3]
        self._prepare(chart, marks, groups, choices, index)
        best: tuple[object, ...] | None = None
        chosen: Drawn | None = None
        for rank, params in enumerate(choices):
            done = self.routed(chart, marks, groups, params, index)[0]
            key = tuple(key_items(chart, [done.graph]))
            scale, turned = best_fit((done.width, done.height), room(key, False),
                                     targets.most)
            here = (*score(scale * FONT_SIZE, done.crossings, done.clashes, targets,
                           params.across), -rank)
            if best is None or here > best:
                best, chosen = here, Drawn(done, scale, turned, key, index, params)
        return chosen


@dataclass(frozen=True)
class Better:
    """A row of boxes, the order in which its arrows would cross less, and how often they
    cross in the spec's order and in that one."""

    row: tuple[str, ...]
    order: tuple[str, ...]
    now: int
    then: int


def rows_of(chart: Flowchart) -> list[tuple[str, ...]]:
    """Return each group of boxes whose order the spec sets: the starts, and each depth of
    each lane (in spec order)."""
    groups = [tuple(n.id for n in chart.nodes if n.kind == "start")]
    depth = depths(chart, back_edges(chart))
    for lane in chart.lanes:
        members = [n for n in chart.nodes if n.lane == lane]
        for d in sorted({depth[n.id] for n in members}):
            groups.append(tuple(n.id for n in members if depth[n.id] == d))
    return [g for g in groups if len(g) > 1]


def reorders(chart: Flowchart, row: tuple[str, ...]) -> list[Flowchart]:
    """Return the chart with one box of ``row`` moved to each other place in the row."""
    found = []
    for i, j in itertools.permutations(range(len(row)), 2):
        order = list(row)
        order.insert(j, order.pop(i))
        places = iter(order)
        nodes = tuple(next(places) if n.id in row else n.id for n in chart.nodes)
        by_id = {n.id: n for n in chart.nodes}
        found.append(replace(chart, nodes=tuple(by_id[n] for n in nodes)))
    return found


def everything(chart: Flowchart) -> Group:
    """Return the one group that holds every box of a chart in a lane: the chart unsplit."""
    return tuple(n.id for n in chart.nodes if n.lane)
