"""Splitting a chart by lines of therapy keeps every box and every arrow, on some page."""

from __future__ import annotations

from handouts.layout.split import lane_groups, split_chart
from handouts.spec.project import load_handout

from .conftest import SPECS


def test_each_part_keeps_its_lanes_and_every_arrow_lands_somewhere():
    chart = load_handout(SPECS / "alk-sequencing.yaml").flowchart
    parts = split_chart(chart, lane_groups(chart.lanes, 2))
    assert [p.lanes for p in parts] == [("First line", "Second line"),
                                        ("Third line", "After ALK inhibitors")]
    real = {n.id for n in chart.nodes}
    kept = [n.id for p in parts for n in p.nodes if n.id in real]
    assert sorted(kept) == sorted(real)  # every box once
    crossing = [e for e in chart.edges
                if {e.source, e.target} & {n.id for n in parts[1].nodes if n.id in real}
                and {e.source, e.target} & {n.id for n in parts[0].nodes if n.id in real}]
    assert crossing  # the example has arrows from part 1 to part 2
    for edge in crossing:
        assert any(e.source == edge.source and e.target == f"to-{edge.target}"
                   for e in parts[0].edges)
        assert any(e.source == f"from-{edge.source}" and e.target == edge.target
                   for e in parts[1].edges)
    stub = next(n for n in parts[0].nodes if n.id == "to-chemotherapy")
    assert (stub.kind, stub.label, stub.detail) == (
        "note", "continued: Platinum doublet chemotherapy or ABCP (atezolizumab, bevacizumab, "
        "carboplatin, paclitaxel)", "part 2, next page")
