"""Lay charts out with Graphviz, once each, and pick how each prints on a page.

Candidate layouts of a chart are placed by one ``dot`` process (many graphs in one input),
and kept by their DOT text for the whole build: every edition, the downloads and the packs
reuse them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from handouts.errors import Problem, SpecError
from handouts.layout.chartgraph import FONT_SIZE, ChartGraph, chart_graph, tiers
from handouts.layout.dot import Params, flowchart_dot
from handouts.layout.key import KeyItem, key_items
from handouts.layout.lanes import border_runs, header
from handouts.layout.placed import Placed, in_order, parse_layouts, spread_tails
from handouts.layout.search import CANDIDATES, Choice, Rooms, Size, Targets, choose
from handouts.layout.split import Tier, split_chart
from handouts.model.chart import Flowchart
from handouts.render.fonts import chart_measure
from handouts.render.graphviz import run_dot


@dataclass(frozen=True)
class Drawn:
    """One part of a chart as it prints: its graph, where Graphviz placed it, and how."""

    graph: ChartGraph
    placed: Placed
    scale: float
    turned: bool
    across: bool


EDITIONS = {"a4": "A4", "a5": "A5", "letter": "US Letter", "large-print": "large print"}
UNUSABLE = 1e9
"""The size given to a layout that broke the spec's order, so that it is never chosen."""


class ChartLayouts:
    """Every chart layout of a build, each made once.

    Layouts are kept by the chart's content, not where it is written, so that a preview
    reuses them after any save that leaves the chart as it was.
    """

    def __init__(self) -> None:
        self._placed: dict[str, Placed] = {}
        self._graphs: dict[object, list[tuple[ChartGraph, str]]] = {}
        self._batches: set[object] = set()
        self._clean: dict[str, bool] = {}
        self._measure = chart_measure(FONT_SIZE)

    def place(self, dots: Sequence[str]) -> list[Placed]:
        """Return the layout of each DOT text, running dot once for those not yet placed."""
        todo = list(dict.fromkeys(d for d in dots if d not in self._placed))
        if todo:
            out = run_dot("".join(todo), "json").decode("utf-8")
            self._placed.update(zip(todo, parse_layouts(out)))
        return [self._placed[d] for d in dots]

    def graphs(self, chart: Flowchart, marks: Mapping[str, str],
               groups: Sequence[Sequence[Tier]], params: Params) -> list[ChartGraph]:
        """Return the graph of each part of ``chart``, split into ``groups`` of tiers."""
        return [graph for graph, _ in self._parts(chart, marks, groups, params)]

    def _parts(self, chart: Flowchart, marks: Mapping[str, str],
               groups: Sequence[Sequence[Tier]], params: Params) -> list[tuple[ChartGraph, str]]:
        """Return each part's graph and DOT text, made once per chart, split and layout."""
        key = (chart, tuple(sorted(marks.items())), tuple(map(tuple, groups)), params)
        if key not in self._graphs:
            graphs = [chart_graph(part.chart, marks, self._measure, params.wrap, part.stubs,
                                  params.per_row) for part in split_chart(chart, groups)]
            self._graphs[key] = [(g, flowchart_dot("chart", g, params)) for g in graphs]
        return self._graphs[key]

    def sizes(self, chart: Flowchart, marks: Mapping[str, str],
              groups: Sequence[Sequence[Tier]], params: Params) -> list[Size]:
        """Return the size, at the chart's text size, of each part; every candidate layout of
        these parts is placed by one dot process, the first time any is asked for."""
        batch = (chart, tuple(sorted(marks.items())), tuple(map(tuple, groups)))
        if batch not in self._batches:
            self._batches.add(batch)
            self.place([dot for other in CANDIDATES
                        for _, dot in self._parts(chart, marks, groups, other)])
        parts = self._parts(chart, marks, groups, params)
        placed = self.place([dot for _, dot in parts])
        return [(p.width, p.height + extra_height(g, params)) if in_order(g.rows, p, params.across)
                else (UNUSABLE, UNUSABLE) for (g, _), p in zip(parts, placed)]

    def clean(self, chart: Flowchart, marks: Mapping[str, str],
              groups: Sequence[Sequence[Tier]], params: Params) -> list[bool]:
        """Return, for each part, whether no arrow of its layout runs along a lane border."""
        parts = self._parts(chart, marks, groups, params)
        placed = self.place([dot for _, dot in parts])
        for (graph, dot), where in zip(parts, placed):
            if dot not in self._clean:  # the same DOT, the same arrows: judged once
                self._clean[dot] = not border_runs(graph, ports(graph, where, params.across),
                                                   params.across)
        return [self._clean[dot] for _, dot in parts]

    def plan(self, chart: Flowchart, marks: Mapping[str, str],
             room: Callable[[tuple[KeyItem, ...]], Rooms], targets: Targets,
             most_parts: int | None = None) -> tuple[Choice, list[Drawn]]:
        """Choose how ``chart`` prints; return the choice and each part drawn.

        ``room`` gives the room a part has on a page beside a key of the given entries: the
        key of each page lists what that page shows.
        """
        units = tiers(chart)
        rooms: dict[tuple[KeyItem, ...], Rooms] = {}

        def layouts(groups: Sequence[Sequence[Tier]],
                    params: Params) -> list[tuple[Size, Rooms, bool]]:
            sizes = self.sizes(chart, marks, groups, params)
            clean = self.clean(chart, marks, groups, params)
            keys = [tuple(key_items(chart, [g])) for g in self.graphs(chart, marks, groups, params)]
            for key in keys:
                if key not in rooms:
                    rooms[key] = room(key)
            return [(size, rooms[key], ok) for size, key, ok in zip(sizes, keys, clean)]

        choice = choose([tier for tier, _ in units], [count for _, count in units], layouts,
                        targets, most_parts)
        parts = [self._parts(chart, marks, choice.groups, params)[i]
                 for i, params in enumerate(choice.params)]
        placed = self.place([dot for _, dot in parts])
        return choice, [Drawn(g, ports(g, p, params.across), s, t, params.across)
                        for (g, _), p, s, t, params
                        in zip(parts, placed, choice.scales, choice.turned, choice.params)]


def ports(graph: ChartGraph, placed: Placed, across: bool) -> Placed:
    """Give each arrow that leaves a box a start of its own."""
    return spread_tails(placed, {link.id: link.tail for link in graph.links},
                        {b.id: (b.width, b.height) for b in graph.boxes},
                        {b.id for b in graph.boxes if b.kind == "decision"}, across)


def extra_height(graph: ChartGraph, params: Params) -> float:
    """Return the height a drawn chart adds to Graphviz's: the lane-title strip."""
    return header(graph, params.across)


def too_small(chart: Flowchart, choice: Choice, targets: Targets, edition: str,
              graphs: Sequence[ChartGraph]) -> SpecError:
    """Return the located problem of a chart that no layout prints large enough."""
    smallest = min(range(len(choice.scales)), key=choice.scales.__getitem__)
    tiers_of = choice.groups[smallest]
    lanes = list(dict.fromkeys(lane for lane, _ in tiers_of))
    count = sum(b.kind in ("treatment", "decision", "outcome", "note", "start")
                for b in graphs[smallest].boxes) if graphs else 0
    longest = sorted(chart.nodes, key=lambda n: -len(n.label + n.detail))[:2]
    named = ", ".join(f"{n.id!r} ({len(n.label + n.detail)} characters)" for n in longest)
    lane = (f"its part that prints smallest, {', '.join(map(repr, lanes))}, holds {count} "
            "boxes; " if lanes else "")
    shown = EDITIONS.get(edition, edition)
    return SpecError([Problem(
        chart.where.at(), f"the flowchart cannot print legibly in the {shown} edition: at "
                          f"best its text is {choice.size:.1f} pt ({targets.least:g} pt is the "
                          f"least): {lane}its longest boxes are {named}",
        "shorten the longest labels and details, move boxes to another line of therapy, or "
        "split the chart into several under flowcharts:")])
