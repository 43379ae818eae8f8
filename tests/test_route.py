"""The arrow router on synthetic charts: every arrow on a track of its own, right angles,
never through a box, never along a lane border, its words touching it and no other.

Each chart is laid out by the real engine (Graphviz orders the boxes; the router does the
rest) and its geometry checked with the measures of handouts.flowchart.metrics.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.flowchart import metrics
from handouts.flowchart.dot import Params
from handouts.flowchart.engine import ChartLayouts, everything
from handouts.flowchart.tracks import Seg, assign
from handouts.model.chart import Condition, Flowchart, FlowEdge, FlowNode

from .geometry import crossing_count, of_routed, problems

pytestmark = pytest.mark.needs_dot
LAYOUTS = ChartLayouts()
ALL = (Params(), Params(wrap=70.0, per_row=3), Params(across=True))


def chart(nodes: list[FlowNode], edges: list[FlowEdge], lanes: tuple[str, ...],
          **extra: object) -> Flowchart:
    start = FlowNode("start", "Where it starts", "start")
    return Flowchart((start, *nodes), lanes=lanes, edges=tuple(edges), **extra)


DOWN = Params()


def drawn(flowchart: Flowchart, params: Params = DOWN):
    return LAYOUTS.routed(flowchart, {}, [everything(flowchart)], params)[0]


def lane(name: str, *ids: str, kind: str = "treatment") -> list[FlowNode]:
    return [FlowNode(i, f"Box {i}", kind, lane=name) for i in ids]


def fan_in() -> Flowchart:
    """Five boxes of one line, each leading to the same box of the next."""
    sources = lane("First", "a", "b", "c", "d", "e")
    edges = [FlowEdge("start", s.id) for s in sources]
    edges += [FlowEdge(s.id, "z", "progression") for s in sources]
    return chart([*sources, *lane("Second", "z")], edges, ("First", "Second"))


def complete() -> Flowchart:
    """Three boxes, each leading to each of three boxes in the next line."""
    top, low = lane("First", "a", "b", "c"), lane("Second", "x", "y", "z")
    edges = [FlowEdge("start", t.id) for t in top]
    edges += [FlowEdge(t.id, b.id, "progression") for t in top for b in low]
    return chart([*top, *low], edges, ("First", "Second"))


def skipping() -> Flowchart:
    """Arrows that skip lines, beside boxes of the lines they pass."""
    nodes = [*lane("One", "a", "b"), *lane("Two", "c", "d"), *lane("Three", "e"),
             *lane("Four", "f", "g")]
    edges = [FlowEdge("start", "a"), FlowEdge("start", "b"), FlowEdge("a", "c"),
             FlowEdge("b", "d"), FlowEdge("c", "e"), FlowEdge("a", "f", "progression"),
             FlowEdge("b", "g", "intolerance"), FlowEdge("d", "g")]
    return chart(nodes, edges, ("One", "Two", "Three", "Four"))


def looping() -> Flowchart:
    """A loop back up the chart, a loop back within a line, and a free-standing note."""
    nodes = [*lane("One", "a"), *lane("Two", "b", "c"),
             FlowNode("note", "A note at any point", "note", lane="Two")]
    edges = [FlowEdge("start", "a"), FlowEdge("a", "b", "progression"),
             FlowEdge("b", "c", "progression"),
             FlowEdge("c", "a", "intolerance", label="back to the start"),
             FlowEdge("c", "b", "next")]
    return chart(nodes, edges, ("One", "Two"))


def worded() -> Flowchart:
    """Arrows with words, shared by arrows that leave one box for one reason."""
    nodes = [*lane("One", "a"), *lane("Two", "b", "c", "d")]
    edges = [FlowEdge("start", "a"), FlowEdge("a", "b", "yes"), FlowEdge("a", "c", "yes"),
             FlowEdge("a", "d", "no")]
    conditions = (Condition("yes", "the test is positive"),
                  Condition("no", "the test is negative"))
    return chart(nodes, edges, ("One", "Two"), conditions=conditions)


SYNTHETIC = {"fan-in of five": fan_in, "complete 3x3": complete, "long skips": skipping,
             "loops and a free box": looping, "words on arrows": worded}


@pytest.mark.parametrize("params", ALL, ids=["down", "narrow", "across"])
@pytest.mark.parametrize("name", list(SYNTHETIC))
def test_every_arrow_can_be_traced(name, params):
    if name == "complete 3x3" and params.across:
        pytest.skip("nine arrows between short boxes side by side: see the next test")
    routed = drawn(SYNTHETIC[name](), params)
    assert problems(of_routed(routed)) == []
    assert routed.clashes == 0


def test_the_search_never_picks_a_layout_where_arrows_run_together():
    # Left to right, nine arrows between boxes only a line high have no room to keep apart
    # (the router says so: clashes); the arrangement chosen is one where they do.
    flowchart = complete()
    assert drawn(flowchart, ALL[2]).clashes > 0
    rooms = [{False: (500.0, 700.0), True: (700.0, 500.0)}]
    chosen = LAYOUTS.whole(flowchart, {}, lambda key: rooms)
    assert chosen.clashes == 0 and problems(of_routed(chosen)) == []


def test_a_fan_in_of_five_enters_by_five_ports_and_never_crosses():
    routed = drawn(fan_in())
    into = [r.points[-1] for r in routed.routes if r.link.head == "z"]
    assert len({round(p[0], 1) for p in into}) == 5  # a port of its own for each
    assert crossing_count(of_routed(routed)) == 0


def test_arrows_that_must_cross_do_so_at_right_angles_and_are_counted():
    routed = drawn(complete())
    found = metrics.crossings(of_routed(routed).arrows)
    assert all(c.angle == 90.0 for c in found)
    assert routed.crossings == len(found)


def test_a_loop_goes_round_the_outside():
    routed = drawn(looping())
    loop = next(r for r in routed.routes if r.link.head == "a" and r.link.tail != "start")
    right = max(box.right for box in routed.boxes.values())
    assert max(x for x, _ in loop.points) > right  # beyond every box


def test_words_on_an_arrow_sit_on_it():
    drawing = of_routed(drawn(worded()))
    assert len(drawing.labels) == 2
    assert metrics.stray_labels(drawing.arrows, drawing.labels, drawing.owners()) == []


def test_tracks_keep_two_arrows_off_one_line():
    # a leaves down at 50; b comes in from above at 51: b must turn above a
    done = assign([Seg("a", 0.0, 50.0), Seg("b", 51.0, 100.0)])
    assert done.track["b"] < done.track["a"] and done.clashes == 0


def test_a_fan_out_to_the_left_never_crosses_itself():
    done = assign([Seg("a", 100.0, 10.0), Seg("b", 110.0, 30.0), Seg("c", 120.0, 50.0)])
    assert done.crossings == 0 and done.count == 3


SETTINGS = settings(max_examples=int(os.environ.get("HANDOUTS_FUZZ_EXAMPLES", "25")),
                    deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
LANES = ("One", "Two", "Three")


@st.composite
def charts(draw) -> Flowchart:
    """Draw a chart: boxes in three lanes, arrows forward and back, some with words."""
    count = draw(st.integers(2, 10))
    nodes = [FlowNode(f"n{i}", "Box " + "x" * draw(st.integers(1, 30)),
                      draw(st.sampled_from(["treatment", "decision", "outcome", "note"])),
                      lane=draw(st.sampled_from(LANES))) for i in range(count)]
    edges = [FlowEdge("start", nodes[0].id)]
    for i, node in enumerate(nodes[1:], start=1):
        if draw(st.integers(0, 5)):
            edges.append(FlowEdge(draw(st.sampled_from(["start", *[n.id for n in nodes[:i]]])),
                                  node.id, draw(st.sampled_from(
                                      ["next", "progression", "intolerance", "yes"]))))
    if draw(st.booleans()):
        source, target = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
        edges.append(FlowEdge(source.id, target.id, "intolerance", label="back"))
    unique = list({(e.source, e.target, e.when): e for e in edges}.values())
    return chart(nodes, unique, LANES, conditions=(Condition("yes", "yes"),),
                 default_when=draw(st.sampled_from(["", "progression"])))


@SETTINGS
@given(flowchart=charts(), params=st.sampled_from(ALL))
def test_generated_charts_can_be_traced(flowchart, params):
    routed = drawn(flowchart, params)
    assert problems(of_routed(routed)) == []
