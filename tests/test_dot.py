"""Golden tests of the DOT text of every chart, and what the DOT promises (no Graphviz needed).

Regenerate the golden files after an intended change with `make golden`, then review the
diff. Graphviz only orders fixed-size boxes along their rows: no word of a chart reaches it
but as a comment, and it draws no arrow (the router does).
"""

from __future__ import annotations

import os
import re

import pytest

from handouts.flowchart.dot import Params, flowchart_dot, vias
from handouts.flowchart.graph import FONT_SIZE, PAD_X, chart_graph
from handouts.fonts import chart_measure
from handouts.spec.project import load_handout

from .conftest import MINIMAL, ROOT, SHIPPED

GOLDEN = ROOT / "tests" / "golden"
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))
MEASURE = chart_measure(FONT_SIZE)
CHARTS = [(spec, chart.id) for spec in [*SHIPPED, *FIXTURES] for chart in
          load_handout(spec).charts]


DEFAULT = Params()


def dot_of(handout, chart, params=DEFAULT):
    graph = chart_graph(chart, {}, MEASURE, params.wrap, per_row=params.per_row)
    return flowchart_dot(handout.slug, graph, params)


@pytest.mark.parametrize("spec, chart_id", CHARTS,
                         ids=[f"{s.stem}-{c or 'flowchart'}" for s, c in CHARTS])
def test_dot_matches_golden(spec, chart_id):
    handout = load_handout(spec)
    chart = next(c for c in handout.charts if c.id == chart_id)
    dot = dot_of(handout, chart)
    golden = GOLDEN / f"{handout.slug}{'-' + chart_id if chart_id else ''}.dot"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(dot, encoding="utf-8")
    assert dot == golden.read_text(encoding="utf-8")


def test_every_shipped_and_fixture_chart_has_a_golden_file():
    assert len(CHARTS) >= 3
    assert {p.name for p in GOLDEN.glob("*.dot")} == {
        f"{load_handout(s).slug}{'-' + c if c else ''}.dot" for s, c in CHARTS}


def test_no_word_of_a_chart_reaches_graphviz_but_as_a_comment(write_spec):
    label = r'one \N \G \E \T \H \L \n \l \r {x} <b> & "q"'
    handout = load_handout(write_spec(MINIMAL.replace("label: Alectinib",
                                                      f"label: '{label}'")))
    dot = dot_of(handout, handout.flowchart)
    assert 'label=""' in dot and "label=<" not in dot
    lines = [line for line in dot.splitlines() if "one " in line]
    assert len(lines) == 1 and 'comment="one \\\\N \\\\G' in lines[0]
    words = " ".join(line.text for box in chart_graph(handout.flowchart, {}, MEASURE, 120)
                     .boxes for line in box.lines)
    assert "one \\N \\G \\E \\T \\H \\L \\n \\l \\r {x} <b> &" in words  # printed as written


def test_each_row_keeps_the_specs_order(write_spec):
    handout = load_handout(write_spec(MINIMAL.replace(
        "    lorlatinib: {label: Lorlatinib, lane: Second line}\n",
        "    lorlatinib: {label: Lorlatinib, lane: Second line}\n"
        "    zeta: {label: Zeta, lane: First line}\n"
        "    beta: {label: Beta, lane: First line}\n").replace(
        "  edges:\n", "  edges:\n    - {from: start, to: zeta}\n    - {from: start, to: beta}\n")))
    dot = dot_of(handout, handout.flowchart)
    assert '{rank=same; "row1"; "alectinib"; "zeta"; "beta"}' in dot
    assert '"alectinib" -> "zeta" [style="invis"]' in dot
    assert '"zeta" -> "beta" [style="invis"]' in dot


def test_an_arrow_that_skips_rows_keeps_a_gap_in_each_row_it_passes(write_spec):
    handout = load_handout(write_spec(MINIMAL.replace(
        "lanes: [First line, Second line]", "lanes: [First line, Middle, Second line]")
        .replace("    lorlatinib: {label: Lorlatinib, lane: Second line}\n",
                 "    lorlatinib: {label: Lorlatinib, lane: Second line}\n"
                 "    middle: {label: Middle, lane: Middle}\n")
        .replace("  edges:\n", "  edges:\n    - {from: alectinib, to: middle}\n")))
    graph = chart_graph(handout.flowchart, {}, MEASURE, 120)
    passing = vias(graph)
    skip = next(link for link in graph.links if link.head == "lorlatinib")
    assert len(passing[skip.id]) >= 1
    dot = flowchart_dot("x", graph)
    for via in passing[skip.id]:
        assert f'"{via}" [width="0.1111", height="0.0139", shape="point"]' in dot


def test_arrows_that_leave_for_one_reason_share_one_box_of_words(write_spec):
    shipped = SHIPPED[[p.stem for p in SHIPPED].index("alk-sequencing")].read_text("utf-8")
    both = "{from: crizotinib, to: ceritinib-2l, when: progression-or-intolerance,"
    handout = load_handout(write_spec(shipped.replace(
        "{from: crizotinib, to: ceritinib-2l, when: progression,", both)))
    graph = chart_graph(handout.flowchart, {}, MEASURE, 120)
    from_crizotinib = [link for link in graph.links if link.tail == "crizotinib"]
    assert len(from_crizotinib) == 1
    words = graph.box(from_crizotinib[0].head)
    assert words.kind == "condition"
    assert " ".join(line.text for line in words.lines) == "progression or intolerance"
    assert {link.head for link in graph.links if link.tail == words.id} == {
        "brigatinib-2l", "ceritinib-2l"}


def test_a_loop_back_is_left_to_the_router():
    handout = load_handout(FIXTURES[0])
    dot = dot_of(handout, handout.flowcharts[0])
    graph = chart_graph(handout.flowcharts[0], {}, MEASURE, 120)
    loop = next(link for link in graph.links if link.back and link.head == "docetaxel")
    assert f'"{loop.tail}" -> "docetaxel"' not in dot  # routed round the outside


def test_every_box_is_wide_enough_for_its_words():
    for spec, chart_id in CHARTS:
        chart = next(c for c in load_handout(spec).charts if c.id == chart_id)
        for wrap in (70.0, 150.0):
            for box in chart_graph(chart, {}, MEASURE, wrap).boxes:
                widest = max((MEASURE(line.text, line.bold) for line in box.lines), default=0)
                assert widest + (2 * PAD_X if box.kind not in ("condition", "spine") else 0) \
                    <= box.width, (spec.stem, box.id)


def test_sizes_in_dot_are_the_measured_boxes():
    handout = load_handout(SHIPPED[[p.stem for p in SHIPPED].index("alk-sequencing")])
    graph = chart_graph(handout.flowchart, {}, MEASURE, 120)
    dot = flowchart_dot("x", graph)
    box = graph.box("alectinib")
    width = re.search(r'"alectinib" \[width="([\d.]+)", height="([\d.]+)"', dot)
    assert width is not None
    assert float(width.group(1)) * 72 == pytest.approx(box.width, abs=0.01)
