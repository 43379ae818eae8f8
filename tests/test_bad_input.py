"""Bad input that once crashed, hung or buried its cause: each is one located line now."""

from __future__ import annotations

import pytest

from handouts.cli import main

from .conftest import MINIMAL
from .test_references import BIBLIOGRAPHY, CITING


def run(capsys, *args: str) -> tuple[int, list[str]]:
    status = main(["check", "--profile", "a4", *args])
    return status, capsys.readouterr().err.splitlines()


def chain(count: int) -> str:
    nodes = "".join(f"    n{i}: {{label: Step {i}, lane: First line}}\n" for i in range(count))
    edges = "".join(f"    - {{from: n{i}, to: n{i + 1}}}\n" for i in range(count - 1))
    return MINIMAL.split("flowchart:")[0] + ("flowchart:\n  lanes: [First line]\n  nodes:\n"
                                            "    s: {label: Start, kind: start}\n" + nodes
                                            + "  edges:\n    - {from: s, to: n0}\n" + edges)


@pytest.mark.needs_dot
def test_a_chain_of_a_thousand_boxes_is_one_located_line(write_spec, capsys):
    write_spec(chain(1000))
    status, err = run(capsys)
    assert status == 1
    assert err == [
        "specs/spec.yaml:12:3: flowchart.nodes: the chart has 1001 boxes; a chart prints legibly "
        "with at most 120 (split it into several charts under flowcharts:, each with its own "
        "title)",
        "handouts: 1 problem in 1 file; nothing was written"]


@pytest.mark.needs_dot
def test_a_chain_of_a_hundred_boxes_prints_over_pages_or_says_why(write_spec, capsys):
    write_spec(chain(100))
    status, err = run(capsys)
    assert status in (0, 1) and "Traceback" not in "\n".join(err)
    assert all(line.startswith(("specs/spec.yaml:", "handouts:")) for line in err)


def test_a_huge_paragraph_is_refused_where_it_is_written(write_spec, capsys):
    write_spec(MINIMAL + "summary: " + "word " * 80_000 + "\n")  # 400 kB in one paragraph
    status, err = run(capsys)
    assert (status, err) == (1, [
        "specs/spec.yaml:19:1: summary: a paragraph of 399,999 characters; a handout paragraph "
        "holds at most 3,000 (split it into shorter paragraphs or list items)",
        "handouts: 1 problem in 1 file; nothing was written"])


def test_a_broken_bibliography_is_reported_once_not_once_per_citation(write_spec, capsys):
    write_spec(CITING)
    write_spec(BIBLIOGRAPHY.replace("  - id: nice-ta536", "  - id: [nice-ta536"),
               "references.yaml")
    status, err = run(capsys)
    assert status == 1
    assert [line.split(": ")[0] for line in err[:-1]] == ["specs/references.yaml:15:9"]
    assert "unknown reference" not in "\n".join(err)


@pytest.mark.needs_dot
@pytest.mark.parametrize("text, warning", [
    ("Wear a hat 🧢 in the sun", "'🧢' cannot be printed in the handout's font and would show as "
                               "empty boxes (use words instead)"),
    ("ألم في الصدر", "right-to-left text (such as Arabic or Hebrew) would print reversed (give a "
                      "translation as its own handout in another format)"),
])
def test_text_the_pdf_cannot_show_is_a_located_warning(write_spec, capsys, text, warning):
    write_spec(MINIMAL + f"summary: {text}\n")
    status, err = run(capsys)
    assert status == 0
    assert f"specs/spec.yaml:19:1: summary: warning: {warning}" in err
