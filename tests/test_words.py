"""The chart in words: the same boxes in the same order as the drawing, every feature said."""

from __future__ import annotations

from handouts.flowchart.words import chart_in_words, text_download
from handouts.spec.project import load_handout

from .conftest import ROOT, SPECS

FIXTURE = load_handout(ROOT / "tests" / "fixtures" / "egfr-pathway.yaml")


def test_the_words_follow_the_drawing_lane_by_lane_box_by_box():
    chart = load_handout(SPECS / "alk-sequencing.yaml").flowchart
    words = chart_in_words(chart)
    assert words[0].startswith("The chart starts from: ")
    steps = [s for s in words if s.startswith("If ")]
    sources = [s.split(" on ", 1)[1].split(":")[0] for s in steps]
    assert list(dict.fromkeys(sources))[:5] == [
        "Alectinib (first line)", "Brigatinib (first line)", "Ceritinib (first line)",
        "Crizotinib (first line)", "Lorlatinib (first line)"]  # the spec's order, as drawn


def test_every_feature_of_a_rich_pathway_is_said():
    words = " ".join(chart_in_words(FIXTURE.flowcharts[0]))
    assert ("After Re-test the cancer (second line), if T790M positive: Osimertinib (second "
            "line; after a first- or second-generation inhibitor)") in words
    assert "Amivantamab with lazertinib (not routinely funded)" in words
    assert "if back to chemotherapy: back to Docetaxel (third line)" in words  # a loop
    assert "Apart from the arrows: A clinical trial (at any point, if one is open)." in words
    assert "Not confirmed after Platinum and pemetrexed: Rarely of benefit." in words


def test_each_chart_of_a_spec_has_its_own_words():
    advanced, adjuvant = (chart_in_words(c) for c in FIXTURE.flowcharts)
    assert advanced[0] != adjuvant[0]
    assert adjuvant[0] == ("The chart starts from: Resected EGFR-mutant NSCLC (stage IB to "
                           "IIIA).")


def test_each_step_names_the_line_of_therapy_it_leads_to():
    chart = load_handout(SPECS / "alk-sequencing.yaml").flowchart
    words = chart_in_words(chart)
    assert "If the cancer progresses on Alectinib (first line): Lorlatinib (second line): " \
           "after alectinib, ceritinib, or brigatinib (off-label)." in words


def test_words_never_put_brackets_in_brackets():
    chart = load_handout(SPECS / "alk-sequencing.yaml").flowchart
    text = text_download("T", [], chart_in_words(chart)).decode()
    assert "A clinical trial: ask at every step (general advice)" in text
    assert not any(line.count("(") > 1 and "((" in line.replace(" (", "(") for line in
                   text.splitlines())
    import re
    assert not re.search(r"\([^()]*\([^()]*\)[^()]*\)", text)  # no (a (b) c)
