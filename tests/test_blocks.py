"""Sections and their blocks, as a reader finds them in the PDF."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from handouts.cli import main

from .conftest import MINIMAL, built, errors
from .test_references import BIBLIOGRAPHY

pytestmark = pytest.mark.needs_dot

PACK = """\
slug: pathway
title: A pathway
version: 1.0.0
updated: 2025-01-01
drug_index: effects
handouts: [mini, effects]
"""

BLOCKS = """\
sections:
  - heading: Text and lists
    blocks:
      - text: A paragraph with **bold** words and a citation [@peters2017].
      - bullets: [First bullet, Second bullet]
      - numbered: [First number, Second number]
  - heading: Steps
    blocks:
      - steps:
          - {title: Re-test, what: Take a liquid biopsy., when: At progression.}
          - {title: Treat locally, what: Radiotherapy to the growing site.}
  - heading: Table and callout
    blocks:
      - table:
          caption: Doses
          columns: [Drug, Dose]
          rows:
            - [Alectinib, 600 mg twice daily]
      - callout:
          title: Protect the skin
          text: Use SPF 50 or higher [@nice-ta536].
"""


def build_text(write_spec, tmp_path, spec: str) -> list[str]:
    path = write_spec(spec)
    write_spec(BIBLIOGRAPHY, "references.yaml")
    built([path], tmp_path / "out")
    reader = PdfReader(tmp_path / "out" / "mini-v1.0.0.pdf")
    return [page.extract_text() for page in reader.pages]


def test_every_block_renders_in_order(write_spec, tmp_path):
    text = " ".join(" ".join(build_text(write_spec, tmp_path, MINIMAL + BLOCKS)).split())
    expected = ["Text and lists", "A paragraph with bold words and a citation (Peters et al., "
                "2017).", "• First bullet", "• Second bullet", "1. First number",
                "2. Second number", "Steps", "1 Re-test Take a liquid biopsy. When: At "
                "progression.", "2 Treat locally", "Table and callout", "Doses", "Drug Dose",
                "Alectinib 600 mg twice daily", "Protect the skin Use SPF 50 or higher (NICE, "
                "2018).", "References NICE (2018)"]
    positions = [text.index(part) for part in expected]
    assert positions == sorted(positions)


MARKUP = 'Dose <5 mg & "more" <b>x</b>'
"""Text that looks like markup: ReportLab would read it as markup if it were not escaped."""


def test_text_that_looks_like_markup_prints_as_written(write_spec, tmp_path):
    quoted = MARKUP.replace('"', '\\"')
    spec = MINIMAL + f"""\
sections:
  - heading: "{quoted} heading"
    blocks:
      - steps:
          - {{title: "{quoted} step", what: Take it.}}
      - table:
          columns: ["{quoted} column", Dose]
          rows:
            - [Alectinib, 600 mg]
      - callout: {{title: "{quoted} callout", text: Protect the skin.}}
"""
    text = " ".join(build_text(write_spec, tmp_path, spec))
    for where in ("heading", "step", "column", "callout"):
        assert f"{MARKUP} {where}" in text


def test_a_long_table_repeats_its_header_on_every_page(write_spec, tmp_path):
    rows = "".join(f"            - [Drug {i}, Dose {i}]\n" for i in range(120))
    spec = MINIMAL + f"""\
sections:
  - heading: Long table
    blocks:
      - table:
          columns: [Drug name, Usual dose]
          rows:
{rows}"""
    pages = build_text(write_spec, tmp_path, spec)
    with_rows = [p for p in pages if "Drug 1" in p or "Drug 119" in p or "Drug 60" in p]
    assert len(with_rows) >= 2
    assert all("Drug name" in p and "Usual dose" in p for p in with_rows)


def test_a_row_taller_than_a_page_is_a_located_error(write_spec, tmp_path, capsys):
    huge = " ".join(["word"] * 590)  # under 3,000 characters, over a page tall
    spec = MINIMAL + f"""\
sections:
  - heading: Big
    blocks:
      - table:
          columns: [A, B]
          rows:
            - [small, small]
            - [big, {huge}]
"""
    write_spec(spec)
    assert main(["build", "-o", "out"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("specs/spec.yaml:26:15: sections[0].blocks[0].table.rows[1]: row is "
                          "too tall to fit on a page (")
    assert "split it into several rows, or shorten its cells" in err
    assert "Traceback" not in err and "LayoutError" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("block, message", [
    ("      - {text: A, bullets: [B]}\n",
     "specs/spec.yaml:22:9: sections[0].blocks[0]: a block mixes text and bullets"),
    ("      - table: {columns: [A, B], rows: [[1, 2, 3]]}\n",
     "specs/spec.yaml:22:41: sections[0].blocks[0].table.rows[0]: row has 3 cells but the "
     "table has 2 columns"),
])
def test_malformed_blocks(write_spec, block, message):
    spec = MINIMAL + "sections:\n  - heading: H\n    blocks:\n" + block
    assert errors([write_spec(spec)])[0].startswith(message)


EFFECTS = MINIMAL.replace("slug: mini", "slug: effects").split("flowchart:")[0] + """\
sections:
  - heading: Side effects
    blocks:
      - table:
          index: drugs
          columns: [Drug, Effects]
          rows:
            - [Alectinib (Alecensa), Constipation]
"""
MEDICINES = MINIMAL.replace(
    "alectinib: {label: Alectinib, lane: First line}",
    "alectinib: {label: Alectinib, lane: First line, drug: true}").replace(
    "lorlatinib: {label: Lorlatinib, lane: Second line}",
    "lorlatinib: {label: Lorlatinib, lane: Second line, drug: true}\n"
    "    rebiopsy: {label: A new biopsy, lane: Second line}\n"
    "    sabr: {label: Stereotactic radiotherapy (SABR), lane: Second line}\n"
    "    radiosurgery: {label: Radiosurgery to the brain, lane: Second line}\n"
    "    trial: {label: A clinical trial, lane: Second line}") + """\
    - {from: alectinib, to: rebiopsy, when: progression}
    - {from: alectinib, to: sabr, when: progression}
    - {from: alectinib, to: radiosurgery, when: progression}
    - {from: alectinib, to: trial, when: progression}
"""


def test_every_medicine_on_a_chart_needs_a_side_effect_entry(write_spec):
    """Only boxes marked drug: true need a row: a biopsy, SABR, radiosurgery and a trial,
    treatments all, are valid without one."""
    chart = write_spec(MEDICINES, "chart.yaml")
    write_spec(EFFECTS, "effects.yaml")
    write_spec(PACK, "packs/pathway.yaml")
    assert errors(chart.parent) == [
        "specs/chart.yaml:15:18: flowchart.nodes.lorlatinib.label: 'Lorlatinib' has no "
        "side-effect entry (add a row for it to the drug table in specs/effects.yaml, the drug "
        "index of pack pathway; or, if the table does not cover it, remove its drug: true)"]


def test_a_box_that_is_not_marked_as_a_medicine_needs_no_row(write_spec):
    chart = write_spec(MEDICINES.replace(", drug: true}", "}"), "chart.yaml")
    write_spec(EFFECTS, "effects.yaml")
    write_spec(PACK, "packs/pathway.yaml")
    assert errors(chart.parent) == []


def test_only_a_treatment_is_a_medicine_and_the_old_opt_out_says_what_to_do(write_spec):
    spec = write_spec(MINIMAL.replace("{label: Diagnosis, kind: start}",
                                      "{label: Diagnosis, kind: start, drug: true}").replace(
        "{label: Lorlatinib, lane: Second line}",
        "{label: Lorlatinib, lane: Second line, drug_table: false}"))
    assert errors(spec) == [
        "specs/spec.yaml:13:44: flowchart.nodes.start.drug: a start box cannot be a medicine "
        "(set kind: treatment, or remove drug: true)",
        "specs/spec.yaml:15:56: flowchart.nodes.lorlatinib.drug_table: 'drug_table' is no "
        "longer used (mark each medicine the pack's drug table lists with drug: true instead; "
        "other boxes need nothing)"]


def test_a_chart_in_no_pack_is_not_checked_against_another_pathways_drugs(write_spec):
    chart = write_spec(MINIMAL.replace("slug: mini", "slug: egfr"), "egfr.yaml")
    write_spec(MINIMAL, "chart.yaml")
    write_spec(MINIMAL.replace("slug: mini", "slug: effects").split("flowchart:")[0] + """\
sections:
  - heading: Side effects
    blocks:
      - table: {index: drugs, columns: [Drug, Effects], rows: [[Alectinib, x], [Lorlatinib, y]]}
""", "effects.yaml")
    write_spec(PACK, "packs/pathway.yaml")
    assert errors(chart.parent) == []
