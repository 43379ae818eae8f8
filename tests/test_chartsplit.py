"""Splitting a chart keeps every box once and every arrow somewhere, and each continuation
box says which box it stands for, its line of therapy, its page and why."""

from __future__ import annotations

from handouts.flowchart.graph import PAGE
from handouts.flowchart.split import split_chart, units
from handouts.spec.project import load_handout

from .conftest import ROOT, SPECS

FIXTURE = ROOT / "tests" / "fixtures" / "egfr-pathway.yaml"
CHART = load_handout(SPECS / "alk-sequencing.yaml").flowchart


def test_a_chart_is_split_at_lane_boundaries_first():
    lanes = units(CHART)
    assert [set(u) for u in lanes] == [
        {"alectinib", "brigatinib", "lorlatinib", "ceritinib", "crizotinib"},
        {"brigatinib-2l", "ceritinib-2l", "lorlatinib-2l"}, {"lorlatinib-3l"},
        {"chemotherapy", "trial"}]


def test_each_part_keeps_its_boxes_and_every_arrow_lands_somewhere():
    first, rest = units(CHART)[0], sum(units(CHART)[1:], ())
    parts = split_chart(CHART, [first, rest])
    real = {n.id for n in CHART.nodes}
    kept = [n.id for p in parts for n in p.chart.nodes if n.id in real]
    assert sorted(kept) == sorted(real)  # every box once
    for edge in CHART.edges:
        homes = [p for p in parts if {edge.source, edge.target} <= {n.id for n in p.chart.nodes}]
        stubbed = [p for p in parts if any(e.source == edge.source and e.target.startswith(
            "to-") for e in p.chart.edges)]
        assert homes or stubbed, edge


def test_a_box_arrows_leave_for_is_named_with_its_line_page_and_why():
    parts = split_chart(CHART, [units(CHART)[0], sum(units(CHART)[1:], ())])
    stubs = {n.label: n.id for n in parts[0].chart.nodes if n.id.startswith("to-")}
    # progression is the chart's default_when: its arrows need no words, nor their boxes
    assert f"To Lorlatinib (second line), page {PAGE}" in stubs
    assert f"To Brigatinib (second line), page {PAGE}, on progression or intolerance" in stubs
    assert f"To Lorlatinib (second line), page {PAGE}: during, or within 6 months of " \
           "finishing" in stubs
    stub = stubs[f"To Lorlatinib (second line), page {PAGE}"]
    assert parts[0].stubs[stub] == (1,)  # the part it continues in
    into = [e for e in parts[0].chart.edges if e.target == stub]
    assert {e.source for e in into} == {"alectinib", "brigatinib", "ceritinib"}


def test_arrows_that_arrive_say_where_they_come_from():
    parts = split_chart(CHART, [units(CHART)[0], sum(units(CHART)[1:], ())])
    arriving = {n.label for n in parts[1].chart.nodes if n.id.startswith("from-")}
    assert f"From Alectinib, Brigatinib or Ceritinib (first line, page {PAGE}), on " \
           "progression" in arriving  # in the order the spec gives them
    assert f"From Relapse after adjuvant alectinib (page {PAGE}): during, or within 6 " \
           "months of finishing" in arriving
    into = {e.target for e in parts[1].chart.edges if e.source.startswith("from-")}
    assert "lorlatinib-2l" in into


def test_a_lane_too_large_for_a_page_is_cut_only_as_far_as_it_must():
    chart = load_handout(FIXTURE).flowcharts[0]
    whole, by_depth = units(chart), units(chart, {"Second line": 1})
    assert len(by_depth) == len(whole) + 2  # the second line's three depths
    pieces = units(chart, {"First line": 3})
    first = [u for u in pieces if set(u) <= {n.id for n in chart.nodes
                                             if n.lane == "First line"}]
    assert all(len(u) <= 2 for u in first) and sum(map(len, first)) == 7
