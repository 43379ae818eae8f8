"""Every way a spec can be wrong gives one located line, exactly as pinned here."""

from __future__ import annotations

import pytest

from handouts.errors import SpecError
from handouts.spec.project import load_handout

from .conftest import MINIMAL, errors


def problems(write_spec, text: str) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load_handout(write_spec(text))
    return [str(p) for p in caught.value.problems]


CASES = {
    "unknown node with did-you-mean": (
        ("to: lorlatinib, when", "to: lorlatnib, when"),
        "specs/spec.yaml:18:25: flowchart.edges[1].to: unknown node 'lorlatnib' "
        "(did you mean 'lorlatinib'?)",
    ),
    "unknown edge start": (
        ("{from: start,", "{from: begin,"),
        "specs/spec.yaml:17:8: flowchart.edges[0].from: unknown node 'begin' (name a box by "
        "its key under flowchart.nodes: start, alectinib, lorlatinib)",
    ),
    "a label where the id belongs": (
        ("to: lorlatinib, when", "to: Lorlatinib, when"),
        "specs/spec.yaml:18:25: flowchart.edges[1].to: unknown node 'Lorlatinib' (did you mean "
        "'lorlatinib', the id of the box 'Lorlatinib'?)",
    ),
    "undeclared lane": (
        ("lane: Second line}", "lane: Second lin}"),
        "specs/spec.yaml:15:37: flowchart.nodes.lorlatinib.lane: unknown lane 'Second lin' "
        "(did you mean 'Second line'?) (declare it in flowchart.lanes, or correct the spelling)",
    ),
    "lane never declared": (
        ("lane: Second line}", "lane: Fourth line}"),
        "specs/spec.yaml:15:37: flowchart.nodes.lorlatinib.lane: lane 'Fourth line' is not "
        "declared in flowchart.lanes (First line, Second line) (add it to flowchart.lanes, in "
        "reading order)",
    ),
    "unknown key": (
        ("contact:", "contcat:"),
        "specs/spec.yaml:9:1: contcat: unknown key 'contcat' (did you mean 'contact'?) "
        "(valid keys: slug, title, audience, version, updated, review_due, status, subtitle, "
        "summary, flowchart, flowcharts, sections, emergency, reading_age, producer, contact, approved_by, "
        "approved_on, changelog)",
    ),
    "wrong choice": (
        ("audience: clinician", "audience: clinicians"),
        "specs/spec.yaml:3:11: audience: 'clinicians' is not one of: clinician, patient "
        "(did you mean 'clinician'?)",
    ),
    "version not semantic": (
        ("version: 1.0.0", "version: 1.0"),
        "specs/spec.yaml:4:10: version: '1.0' is not valid (write MAJOR.MINOR.PATCH, e.g. 2.0.0)",
    ),
    "date that does not exist": (
        ("updated: 2025-01-01", "updated: 2025-02-30"),
        "specs/spec.yaml:5:10: updated: '2025-02-30' is not a date "
        "(write a real date as YYYY-MM-DD, e.g. 2025-10-01)",
    ),
    "list where text belongs": (
        ("title: A small chart", "title: [A, B]"),
        "specs/spec.yaml:2:8: title: expected text, got a list",
    ),
    "unknown transition": (
        ("when: progression}", "when: progresion}"),
        "specs/spec.yaml:18:41: flowchart.edges[1].when: unknown condition 'progresion' (did "
        "you mean 'progression'?)",
    ),
    "node nothing reaches": (
        ("    - {from: start, to: alectinib}\n", ""),
        "specs/spec.yaml:14:16: flowchart.nodes.alectinib: nothing leads to node 'alectinib' "
        "(add an edge to it from an earlier step, or remove its arrows to make it a "
        "free-standing box)",
    ),
    "duplicate node id": (
        ("    lorlatinib: {label: Lorlatinib, lane: Second line}\n",
         "    lorlatinib: {label: Lorlatinib, lane: Second line}\n"
         "    lorlatinib: {label: Lorlatinib 2, lane: Second line}\n"),
        "specs/spec.yaml:16:5: duplicate key 'lorlatinib' (first at line 15) "
        "(remove one of them; YAML would silently keep only the last)",
    ),
    "missing required key": (
        ("status: draft\n", ""),
        "specs/spec.yaml:1:1: missing required key 'status' "
        "(draft until a clinician has signed it off, then approved.)",
    ),
    "edge listed twice": (
        ("    - {from: alectinib, to: lorlatinib, when: progression}\n",
         "    - {from: alectinib, to: lorlatinib, when: progression}\n"
         "    - {from: alectinib, to: lorlatinib, when: progression}\n"),
        "specs/spec.yaml:19:7: flowchart.edges[2]: edge alectinib -> lorlatinib is listed twice",
    ),
    "condition nobody declared": (
        ("when: progression}", "when: T790M positive}"),
        "specs/spec.yaml:18:41: flowchart.edges[1].when: unknown condition 'T790M positive' (use "
        "one of next, progression, intolerance, progression-or-intolerance, or declare it under "
        "flowchart.conditions: T790M positive: {label: ..., explain: ...})",
    ),
    "control character": (
        ("label: Alectinib,", 'label: "Alec\\btinib",'),
        "specs/spec.yaml:14:17: flowchart.nodes.alectinib.label: an invisible control character "
        "(U+0008) is in the text (delete it; it cannot be printed)",
    ),
    "review on the day of the update": (
        ("review_due: 2026-01-01", "review_due: 2025-01-01"),
        "specs/spec.yaml:6:1: review_due: review date 2025-01-01 is not after the updated date "
        "2025-01-01 (set review_due to when the content must next be reviewed)",
    ),
    "changelog entry written twice": (
        ("contact: test@example.org\n", "contact: test@example.org\nchangelog:\n"
         "  - {version: 1.0.0, date: 2025-01-01, changes: [First version.]}\n"
         "  - {version: 1.0.0, date: 2025-01-02, changes: [First version, again.]}\n"),
        "specs/spec.yaml:12:5: changelog[1]: changelog has two entries for 1.0.0",
    ),
    "review before update": (
        ("review_due: 2026-01-01", "review_due: 2024-01-01"),
        "specs/spec.yaml:6:1: review_due: review date 2024-01-01 is not after the updated date "
        "2025-01-01 (set review_due to when the content must next be reviewed)",
    ),
    "yaml tag": (
        ("title: A small chart", "title: !!python/object:os.system echo"),
        "specs/spec.yaml:2:8: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not "
        "allowed (remove the tag; write plain values)",
    ),
    "alias": (
        ("title: A small chart", "title: &t A small chart\nsubtitle: *t"),
        "specs/spec.yaml:3:11: YAML aliases (*name) are not allowed (write the value out in full)",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_problem_is_one_pinned_line(write_spec, case):
    (old, new), expected = CASES[case]
    assert old in MINIMAL
    assert problems(write_spec, MINIMAL.replace(old, new)) == [expected]


def test_every_problem_of_every_spec_is_reported_at_once(write_spec):
    a = write_spec(MINIMAL.replace("version: 1.0.0", "version: one"), "a.yaml")
    b = write_spec(MINIMAL.replace("slug: mini", "slug: other")
                   .replace("lane: Second line}", "lane: Third line}")
                   .replace("status: draft", "status: done"), "b.yaml")
    assert a.parent == b.parent
    assert [p.split(": ")[0] for p in errors(a.parent)] == [
        "specs/a.yaml:4:10", "specs/b.yaml:7:9", "specs/b.yaml:15:37"]


def test_a_chart_placed_twice(write_spec):
    placed = MINIMAL.replace("flowchart:\n", "flowcharts:\n  main:\n").replace(
        "\n  ", "\n    ").replace("\n    main:", "\n  main:") + """\
sections:
  - heading: The chart
    blocks:
      - chart: main
      - chart: main
"""
    assert problems(write_spec, placed) == [
        "specs/spec.yaml:24:9: sections[0].blocks[1].chart: chart 'main' is placed twice"]
    once = load_handout(write_spec(placed.replace("      - chart: main\n", "", 1)))
    assert [b.chart for b in once.sections[0].blocks] == ["main"]


def test_two_specs_with_one_slug(write_spec):
    a = write_spec(MINIMAL, "a.yaml")
    write_spec(MINIMAL, "b.yaml")
    assert errors(a.parent) == [
        "specs/b.yaml:1:1: slug: slug 'mini' is already used by specs/a.yaml "
        "(give each handout its own slug)"]


@pytest.mark.parametrize("text, expected", [
    ("", "specs/spec.yaml: the file is empty (start from an example in the README)"),
    ("slug: [unclosed\n", "specs/spec.yaml:1:7: YAML syntax error: this [ is never closed (add "
                          "the closing ])"),
    ("slug: x\n\ttitle: y\n", "specs/spec.yaml:2:1: YAML syntax error: a tab character in the "
                              "indentation (indent with spaces, not tabs)"),
    ("- a\n- b\n", "specs/spec.yaml:1:1: the top level must be a mapping of keys (start with "
                 "slug:, title:, audience: ... as in the README)"),
])
def test_file_level_problems(write_spec, text, expected):
    assert problems(write_spec, text) == [expected]


def test_not_utf8(write_spec, tmp_path):
    path = write_spec(MINIMAL)
    (tmp_path / path).write_bytes(MINIMAL.encode().replace(b"A small", b"A sm\xe4ll"))
    with pytest.raises(SpecError) as caught:
        load_handout(path)
    assert [str(p) for p in caught.value.problems] == [
        "specs/spec.yaml: the file is not UTF-8 text (byte 22 is 0xe4) (save it as UTF-8)"]


def test_a_note_on_no_edge_is_allowed_but_an_unreached_treatment_is_not(write_spec):
    note = MINIMAL.replace("  edges:\n", "    aside: {label: A free note, kind: note}\n  edges:\n")
    assert load_handout(write_spec(note)).flowchart.nodes[-1].id == "aside"
    lost = note.replace("kind: note}", "lane: First line}")
    assert load_handout(write_spec(lost)).flowchart.nodes[-1].lane == "First line"
    lost = lost.replace("  edges:\n", "  edges:\n    - {from: aside, to: lorlatinib}\n")
    assert problems(write_spec, lost) == [
        "specs/spec.yaml:16:12: flowchart.nodes.aside: nothing leads to node 'aside' (add an "
        "edge to it from an earlier step, or remove its arrows to make it a free-standing box)"]
