"""Splitting a chart keeps every box once and every arrow somewhere, and says where it goes."""

from __future__ import annotations

from handouts.layout.chartgraph import tiers
from handouts.layout.search import split_units
from handouts.layout.split import split_chart
from handouts.spec.project import load_handout

from .conftest import ROOT, SPECS

FIXTURE = ROOT / "tests" / "fixtures" / "egfr-pathway.yaml"


def test_each_part_keeps_its_tiers_and_every_arrow_lands_somewhere():
    chart = load_handout(SPECS / "alk-sequencing.yaml").flowchart
    units = tiers(chart)
    groups = split_units([t for t, _ in units], [n for _, n in units], 2)
    assert groups == [[("First line", 0)], [("Second line", 0), ("Third line", 0),
                                            ("After ALK inhibitors", 0)]]
    parts = split_chart(chart, groups)
    real = {n.id for n in chart.nodes}
    kept = [n.id for p in parts for n in p.chart.nodes if n.id in real]
    assert sorted(kept) == sorted(real)  # every box once
    first, second = ({n.id for n in p.chart.nodes if n.id in real} for p in parts)
    crossing = [e for e in chart.edges if e.source in first and e.target in second]
    assert crossing
    for edge in crossing:  # one 'continued' box for the arrows that leave...
        assert any(e.source == edge.source and e.target == "to-later"
                   for e in parts[0].chart.edges)
        # ... and one 'from page N: why' box per reason where they arrive
        assert any(e.source.startswith("from-part-1-") and e.target == edge.target
                   for e in parts[1].chart.edges)
    assert parts[0].stubs == {"to-later": (1,)}
    stub = next(n for n in parts[1].chart.nodes if n.id == "from-part-1-progression")
    assert (stub.label, stub.detail) == ("from page {n}", "progression")


def test_a_lane_too_large_for_a_page_splits_between_its_depths():
    chart = load_handout(FIXTURE).flowcharts[0]
    second = [(t, n) for t, n in tiers(chart) if t[0] == "Second line"]
    assert second == [(("Second line", 0), 4), (("Second line", 1), 2), (("Second line", 2), 1)]
    parts = split_chart(chart, [[t] for t, _ in tiers(chart)])
    assert len(parts) == len(tiers(chart))
    assert {n.id for n in parts[2].chart.nodes if not n.id.startswith(("to-", "from-"))} == {
        "osimertinib-2l", "continue-tki"}
