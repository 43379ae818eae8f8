"""One check run reports every problem of every spec, pack and edition, at once; a pack
checked alone has its handouts checked; nothing built is never success."""

from __future__ import annotations

import re
import shutil

import pytest

from handouts.cli import main
from handouts.publish import build as build_module

from .conftest import MINIMAL, ROOT

pytestmark = pytest.mark.needs_dot
CORPUS = ROOT / "tests" / "errors"

ALPHA = """\
slug: alpha
title: Alpha, a chart for clinicians
audience: clinician
version: 1.0.0
updated: 2025-01-01
review_due: 2025-01-01
status: draft
flowchart:
  lanes: [First line, Second line]
  nodes:
    start: {label: Diagnosis, kind: start}
    alectinib: {label: Alectinib, lane: First line, drug: true, colour: red}
    lorlatinib: {label: Lorlatinib, lane: Second lin, kind: treatmnt, sources: [nice-ta5366]}
  edges:
    - {from: start, to: alectinib}
    - {from: alectinib, to: lorlatnib, when: progresion}
sections:
  - heading: Doses
    blocks:
      - table:
          index: drugs
          columns: [Drug, Dose]
          rows:
            - [Crizotinib, 250 mg twice a day]
            - [Brigatinib, 90 mg, then 180 mg]
"""
BETA = """\
slug: beta
title: Beta, for patients
audience: patient
version: 1.0.0
updated: 2025-01-01
review_due: 2026-01-01
status: draft
reading_age: twelve
emergency: Call 999 if you find it hard to breathe [@nice-ta536].
flowcharts:
  main:
    title: Your treatment
    lanes: [First line]
    nodes:
      start: {label: Diagnosis, kind: start}
      alectinib: {label: Alectinib, lane: First line}
    edges:
      - {from: start, to: alectinib}
sections:
  - heading: Your treatment
    blocks:
      - chart: main
      - text: You take it with food [@nosuch].
        bullets: [Twice a day]
  - heading: Again
    blocks:
      - chart: main
changelog:
  - {version: 1.0.0, date: 2025-01-01, changes: [First version.]}
  - {version: 1.0.0, date: 2025-01-01, changes: [Written twice.]}
"""
PATH = """\
slug: path
title: A pathway
version: 1.0.0
updated: 2025-01-01
drug_index: alpha
handouts: [alpha, beta, gamma]
"""


def test_one_check_reports_every_problem_of_two_specs_and_a_pack(write_spec, capsys):
    """Fifteen planted errors, of every stage (YAML types, keys, the chart, citations, the
    table, dates, blocks, the changelog, the pack and its drug index), in one run."""
    write_spec(ALPHA, "alpha.yaml")
    write_spec(BETA, "beta.yaml")
    write_spec(PATH, "packs/path.yaml")
    shutil.copy(CORPUS / "references.yaml", "specs/references.yaml")
    assert main(["check", "--profile", "a4"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "specs/alpha.yaml:6:1: review_due: review date 2025-01-01 is not after the updated "
        "date 2025-01-01 (set review_due to when the content must next be reviewed)",
        "specs/alpha.yaml:12:17: flowchart.nodes.alectinib.label: 'Alectinib' has no "
        "side-effect entry (add a row for it to the drug table in specs/alpha.yaml, the drug "
        "index of pack path; or, if the table does not cover it, remove its drug: true)",
        "specs/alpha.yaml:12:65: flowchart.nodes.alectinib.colour: unknown key 'colour' (valid "
        "keys: label, kind, lane, detail, sources, unconfirmed, funding, drug)",
        "specs/alpha.yaml:13:37: flowchart.nodes.lorlatinib.lane: unknown lane 'Second lin' "
        "(did you mean 'Second line'?) (declare it in flowchart.lanes, or correct the "
        "spelling)",
        "specs/alpha.yaml:13:61: flowchart.nodes.lorlatinib.kind: 'treatmnt' is not one of: "
        "start, treatment, decision, outcome, note (did you mean 'treatment'?)",
        "specs/alpha.yaml:13:81: flowchart.nodes.lorlatinib.sources[0]: unknown reference "
        "'nice-ta5366' (did you mean 'nice-ta536'?) (add it to specs/references.yaml, or "
        "correct the id)",
        "specs/alpha.yaml:16:25: flowchart.edges[1].to: unknown node 'lorlatnib' (did you "
        "mean 'lorlatinib'?)",
        "specs/alpha.yaml:16:40: flowchart.edges[1].when: unknown condition 'progresion' (did "
        "you mean 'progression'?)",
        "specs/alpha.yaml:25:15: sections[0].blocks[0].table.rows[1]: row has 3 cells but the "
        "table has 2 columns (give every row one cell per column; write '' for an empty cell)",
        "specs/beta.yaml:8:14: reading_age: 'twelve' is not a whole number greater than 0 "
        "(write a whole number, e.g. 12)",
        "specs/beta.yaml:23:9: sections[0].blocks[1]: a block mixes text and bullets (write "
        "each of text, bullets, numbered, steps, table, callout or chart as its own list item "
        "(- text: ...))",
        "specs/beta.yaml:23:9: sections[0].blocks[1].text: unknown reference 'nosuch' (add it "
        "to specs/references.yaml, or correct the id)",
        "specs/beta.yaml:27:9: sections[1].blocks[0].chart: chart 'main' is placed twice",
        "specs/beta.yaml:30:5: changelog[1]: changelog has two entries for 1.0.0",
        "specs/packs/path.yaml:6:25: handouts[2]: unknown handout 'gamma' (name the slug of a "
        "valid spec in the specs folder)",
        "handouts: 15 problems in 3 files; nothing was written"]


TALL = MINIMAL.split("flowchart:")[0] + """\
sections:
  - heading: Doses
    blocks:
      - table:
          columns: [Drug, What to do]
          rows:
            - [Alectinib, {cell}]
            - [Lorlatinib, Once a day]
            - [Brigatinib, Once a day]
            - [Crizotinib, Twice a day]
""".replace("{cell}", " ".join(["Take the capsules with food at the same time each day and "
                                "tell the team about any new symptom such as a cough or "
                                "breathlessness or swelling."] * 8))


def test_each_edition_a_row_fails_in_is_told(write_spec, capsys):
    """A row that fits A4 and Letter but not A5 or large print is reported for both."""
    write_spec(TALL)
    assert main(["check", "--profile", "all"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "too tall" in line]
    assert [re.sub(r"\(\d+ pt, \d+ pt at most\)", "(N pt, M pt at most)", line)
            for line in errors] == [
        f"specs/spec.yaml:16:15: sections[0].blocks[0].table.rows[0]: row is too tall to fit "
        f"on a page (N pt, M pt at most) in the {edition} edition (split it into several "
        "rows, or shorten its cells)" for edition in ("A5", "large print")]


EFFECTS = MINIMAL.replace("slug: mini", "slug: effects").split("flowchart:")[0] + """\
sections:
  - heading: Side effects
    blocks:
      - table: {index: drugs, columns: [Drug, Effects], rows: [[Alectinib, Constipation]]}
"""
ROS1 = """\
slug: ros1
title: ROS1 pathway
version: 1.0.0
updated: 2025-01-01
drug_index: effects
handouts: [mini, effects]
"""


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_pack_named_alone_checks_its_handouts(write_spec, capsys, command):
    write_spec(MINIMAL.replace("lane: Second line}", "lane: Second line, drug: true}"),
               "mini.yaml")
    write_spec(EFFECTS, "effects.yaml")
    pack = write_spec(ROS1, "packs/ros1.yaml")
    assert main([command, str(pack), "--profile", "a4"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "specs/mini.yaml:15:18: flowchart.nodes.lorlatinib.label: 'Lorlatinib' has no "
        "side-effect entry (add a row for it to the drug table in specs/effects.yaml, the drug "
        "index of pack ros1; or, if the table does not cover it, remove its drug: true)")
    assert err[-1].startswith("handouts: 1 problem in 1 file; ")


def test_a_pack_named_alone_is_built_when_its_handouts_are_valid(write_spec, capsys):
    write_spec(MINIMAL, "mini.yaml")
    write_spec(EFFECTS, "effects.yaml")
    pack = write_spec(ROS1, "packs/ros1.yaml")
    assert main(["check", str(pack), "--profile", "a4"]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "handouts: 1 spec valid"


def test_nothing_built_is_never_success(write_spec, capsys, monkeypatch):
    """Were a renderer to make nothing and say nothing, the run still fails, saying what
    was not built."""
    write_spec(MINIMAL, "mini.yaml")
    monkeypatch.setattr(build_module, "render_all",
                        lambda work, jobs: [([], [])] * (len(work.handouts) + len(work.packs)))
    assert main(["check", "--profile", "a4"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "specs/mini.yaml: was not built (check it and the handouts it holds: handouts check "
        "specs/mini.yaml)",
        "handouts: 1 problem in 1 file; nothing was written"]
