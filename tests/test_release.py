"""Versions, releases, diffs and governance: nothing changes under an old version unnoticed."""

from __future__ import annotations

import json
import subprocess

import pytest
from pypdf import PdfReader

from handouts.cli import main

from .conftest import MINIMAL, ROOT, built

CHANGELOG = "changelog:\n  - {version: 1.0.0, date: 2025-01-01, changes: [First version.]}\n"


@pytest.fixture
def released(write_spec, tmp_path, capsys):
    """A spec released as 1.0.0, with its release record."""
    spec = write_spec(MINIMAL + CHANGELOG)
    assert main(["release", "mini"]) == 0
    assert capsys.readouterr().out == "released mini 1.0.0\n"
    return spec


@pytest.mark.needs_dot  # a release makes its files, to record their SHA-256
def test_release_records_a_hash_per_version(released, tmp_path):
    lock = json.loads((tmp_path / "specs" / "releases.lock").read_text())
    assert list(lock) == ["mini"] and list(lock["mini"]) == ["1.0.0"]
    assert lock["mini"]["1.0.0"]["content"].startswith("sha256:")


@pytest.mark.needs_dot  # a release makes its files, to record their SHA-256
def test_changed_content_under_the_same_version_fails_check(released, tmp_path, capsys):
    path = tmp_path / released
    path.write_text(path.read_text().replace("label: Lorlatinib", "label: Lorlatinib 100 mg"))
    assert main(["check"]) == 1
    assert capsys.readouterr().err == (
        "specs/spec.yaml:4:1: version: mini: content differs from released version 1.0.0 "
        "(release it as a new version: handouts release mini --patch (1.0.1), --minor (1.1.0) "
        "or --major (2.0.0))\nhandouts: 1 problem in 1 file; nothing was written\n")


@pytest.mark.needs_dot  # a release makes its files, to record their SHA-256
def test_moving_keys_and_reindenting_is_not_a_change(released, tmp_path, capsys):
    path = tmp_path / released
    text = path.read_text()
    moved = "producer: Test producer\n" + text.replace("producer: Test producer\n", "")
    path.write_text(moved.replace("    - {from: start, to: alectinib}",
                                  "    -   from: start\n        to: alectinib"))
    assert main(["check"]) == 0


@pytest.mark.needs_dot  # a release makes its files, to record their SHA-256
def test_release_with_a_bump_needs_a_changelog_entry(released, tmp_path, capsys):
    path = tmp_path / released
    path.write_text(path.read_text().replace("label: Lorlatinib", "label: Lorlatinib 100 mg"))
    assert main(["release", "mini", "--minor"]) == 1
    assert capsys.readouterr().err.startswith(
        "specs/spec.yaml:19:1: changelog: no changelog entry for version 1.1.0 (add to "
        "changelog: - {version: 1.1.0, date: YYYY-MM-DD, changes: [...]})")
    path.write_text(path.read_text() + "  - {version: 1.1.0, date: 2025-03-01, "
                                       "changes: [Dose added.]}\n")
    assert main(["release", "mini", "--minor"]) == 0
    assert "version: 1.1.0\n" in path.read_text()
    assert main(["check"]) == 0


@pytest.mark.needs_dot  # a release makes its files, to record their SHA-256
def test_diff_names_what_changed(released, tmp_path, capsys):
    old = tmp_path / "old.yaml"
    old.write_text((tmp_path / released).read_text())
    new = tmp_path / released
    new.write_text(new.read_text().replace("\nversion: 1.0.0", "\nversion: 2.0.0")
                   .replace("lorlatinib: {label: Lorlatinib, lane: Second line}",
                            "lorlatinib: {label: Lorlatinib, lane: First line}")
                   .replace("    - {from: alectinib, to: lorlatinib, when: progression}\n",
                            "    - {from: start, to: lorlatinib}\n"))
    capsys.readouterr()
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out == (
        "mini: 1.0.0 → 2.0.0: 4 changes\n"
        "  version: '1.0.0' → '2.0.0'\n"
        "  flowchart.nodes[lorlatinib].lane: 'Second line' → 'First line'\n"
        "  removed flowchart.edges: alectinib → lorlatinib\n"
        "  added flowchart.edges: start → lorlatinib\n")


def test_diff_of_the_sequencing_versions_in_git_history_names_lorlatinib(capsys, monkeypatch):
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    monkeypatch.chdir(ROOT)
    assert main(["diff", "alk-sequencing", "1.0.0", "2.0.0"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("alk-sequencing: 1.0.0 → 2.0.0:")
    assert "  added flowchart.nodes: lorlatinib (Lorlatinib)\n" in out
    assert "  added flowchart.edges: diagnosis → lorlatinib\n" in out
    assert "  added references.nice-ta1103:" in out


def test_an_overdue_handout_warns_and_fails_strict(write_spec, capsys, monkeypatch, tmp_path):
    write_spec(MINIMAL)
    (tmp_path / "handouts.yaml").write_text("base_url: https://handouts.nhs.uk/lung\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769904000")  # 2026-02-01, after review_due
    assert main(["check"]) == 0
    warning = ("specs/spec.yaml:6:1: review_due: {}mini 1.0.0 was due for review on 2026-01-01: "
               "it prints as REVIEW OVERDUE (review the content, then release it with a new "
               "review_due)\n")
    assert capsys.readouterr().err == warning.format("warning: ") + "handouts: 1 spec valid\n"
    assert main(["check", "--strict"]) == 1
    assert capsys.readouterr().err.startswith(warning.format(""))


@pytest.mark.needs_dot
def test_draft_overdue_and_approved_handouts_say_so_on_every_page(write_spec, tmp_path,
                                                                  monkeypatch):
    spec = write_spec(MINIMAL + CHANGELOG)
    built([spec], tmp_path / "draft")
    pages = [p.extract_text() for p in PdfReader(tmp_path / "draft/mini-v1.0.0.pdf").pages]
    for text in pages:
        assert "DRAFT – not for clinical use: not yet clinically reviewed" in text
        assert "Version 1.0.0 · Updated 1 Jan 2025 · Review due 1 Jan 2026" in text
        assert "Printed copies are uncontrolled." in text
    assert "What changed in version 1.0.0" in pages[0]

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769904000")
    built([spec], tmp_path / "late")
    text = PdfReader(tmp_path / "late/mini-v1.0.0.pdf").pages[0].extract_text()
    assert "REVIEW OVERDUE: this handout was due for review on 1 January 2026" in text

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748736000")
    approved = write_spec(MINIMAL.replace("status: draft", "status: approved\napproved_by: Dr A "
                                          "Example, oncologist\napproved_on: 2025-01-02"))
    built([approved], tmp_path / "ok")
    text = PdfReader(tmp_path / "ok/mini-v1.0.0.pdf").pages[0].extract_text()
    assert "Approved by Dr A Example, oncologist on 2 January 2025" in " ".join(text.split())
    assert "DRAFT" not in text


def test_approved_needs_who_and_when(write_spec, capsys):
    write_spec(MINIMAL.replace("status: draft", "status: approved"))
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        "specs/spec.yaml:7:1: status: an approved handout needs approved_by (say who signed it "
        "off and when, or set status: draft)",
        "specs/spec.yaml:7:1: status: an approved handout needs approved_on (say who signed it "
        "off and when, or set status: draft)"]


@pytest.mark.needs_dot
def test_building_a_new_version_keeps_the_old_versions_files(write_spec, tmp_path):
    spec = write_spec(MINIMAL)
    out = tmp_path / "out"
    built([spec], out)
    old = (out / "mini-v1.0.0.pdf").read_bytes()
    (tmp_path / spec).write_text(MINIMAL.replace("version: 1.0.0", "version: 1.1.0")
                                 .replace("label: Lorlatinib", "label: Lorlatinib 100 mg"))
    built([spec], out)
    assert (out / "mini-v1.0.0.pdf").read_bytes() == old
    manifest = json.loads((out / "manifest.json").read_text())
    assert {e["file"] for e in manifest["files"]} >= {"mini-v1.0.0.pdf", "mini-v1.1.0.pdf"}
