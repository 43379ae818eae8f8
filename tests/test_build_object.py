"""A run of a command depends on nothing but what it is given: it writes nothing to the
process's environment, dates its PDFs from the specs, and works from any folder given the
project's."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINIMAL, ROOT, built
from .test_release import CHANGELOG
from .test_review import git_project

pytestmark = pytest.mark.needs_dot


def creation_date(pdf: bytes) -> str:
    return re.search(rb"/CreationDate \((D:[^)]*)\)", pdf).group(1).decode()


def test_a_build_never_writes_the_environment(write_spec, tmp_path):
    """Not even in its worker processes: a write to os.environ would fail here."""
    def refuse(*args: object) -> None:
        raise AssertionError(f"the build wrote to the environment: {args}")

    spec = write_spec(MINIMAL)
    saved = os.putenv, os.unsetenv
    os.putenv = os.unsetenv = refuse  # (pytest itself sets PYTEST_CURRENT_TEST around it)
    try:
        report = built(spec, tmp_path / "out", profiles=("a4", "a5"), jobs=2)
    finally:
        os.putenv, os.unsetenv = saved
    pdfs = [p for p in report.written if p.suffix == ".pdf"]
    assert len(pdfs) == 4  # A4, A5, the A5 booklet, the chart's download
    for pdf in (p for p in pdfs if "booklet" not in p.name):  # (pypdf dates it not at all)
        assert creation_date(pdf.read_bytes()) == "D:20250101000000+00'00'", pdf.name


def test_the_same_spec_gives_the_same_bytes_whatever_the_day(write_spec, tmp_path,
                                                           monkeypatch):
    spec = write_spec(MINIMAL)
    made = []
    for day in ("1748736000", "1760000000"):  # 2025-06-01 and 2025-10-09: both before review
        monkeypatch.setenv("SOURCE_DATE_EPOCH", day)
        report = built(spec, tmp_path / day)
        made.append({p.name: p.read_bytes() for p in report.written})
    assert made[0] == made[1]


def handouts(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "handouts", *args], cwd=cwd, text=True,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_every_command_works_from_any_folder_given_the_project(tmp_path):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    commit = git_project(project)
    commit(MINIMAL + CHANGELOG, "1.0.0")
    where = ("--project", str(project))
    done = handouts(elsewhere, "release", "mini", *where)
    assert (done.returncode, done.stdout) == (0, "released mini 1.0.0\n"), done.stderr
    commit(MINIMAL + CHANGELOG, "1.0.0 released")
    changed = (MINIMAL + CHANGELOG).replace("version: 1.0.0", "version: 1.1.0", 1).replace(
        "label: Alectinib", "label: Alectinib 450 mg").replace(
        "changelog:\n", "changelog:\n  - {version: 1.1.0, date: 2025-02-01, changes: [Dose.]}\n")
    commit(changed, "1.1.0")
    assert handouts(elsewhere, "release", "mini", *where).returncode == 0
    commit(changed, "1.1.0 released")
    checked = handouts(elsewhere, "check", "--profile", "a4", *where)
    assert checked.returncode == 0 and "1 spec valid" in checked.stderr, checked.stderr
    made = handouts(elsewhere, "build", "--profile", "a4", *where)
    assert made.returncode == 0, made.stderr
    assert (project / "build" / "mini-v1.1.0.pdf").is_file()
    assert not (elsewhere / "build").exists()
    diffed = handouts(elsewhere, "diff", "mini", "1.0.0", "1.1.0", *where)
    assert diffed.returncode == 0, diffed.stderr
    assert diffed.stdout.splitlines()[:3] == [
        "mini: 1.0.0 → 1.1.0: 3 changes", "  version: '1.0.0' → '1.1.0'",
        "  flowchart.nodes[alectinib].label: 'Alectinib' → 'Alectinib 450 mg'"]
    reviewed = handouts(elsewhere, "review", "mini", *where)
    assert reviewed.returncode == 0, reviewed.stderr
    assert Path(reviewed.stdout.strip()) == project / "build" / "review" / "mini-v1.1.0-review.pdf"
    site = handouts(elsewhere, "site", *where)
    assert site.returncode == 0 and (project / "build" / "index.html").is_file(), site.stderr


def test_a_patient_handouts_reading_level_is_kept_by_its_words(tmp_path):
    """A build keeps each patient handout's reading level in the build folder, by its words:
    the next build uses it instead of measuring again; other words are measured afresh."""
    from dataclasses import replace

    from handouts.flowchart.store import Decisions
    from handouts.publish.build import kept_reading
    from handouts.render.kinds import texts_of
    from handouts.spec.project import load_project
    from handouts.spec.reading import prose

    from .conftest import SPECS

    patient = next(h for h in load_project(SPECS).handouts if h.audience == "patient")
    first = Decisions(tmp_path)
    measured = kept_reading(patient, first)
    first.put(("reading", prose(patient, texts_of)), {"grade": 3.25})  # as if kept before
    first.keep()
    later = Decisions(tmp_path, write=False)
    assert kept_reading(patient, later).grade == 3.25
    changed = replace(patient, summary=patient.summary + " A new sentence.")
    assert kept_reading(changed, later).grade != 3.25
    assert kept_reading(patient, None) == measured
