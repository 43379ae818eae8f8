"""`handouts review SLUG`: the sign-off sheet a clinician approves a version from."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pypdf import PdfReader

from handouts.spec.project import load_project
from handouts.spec.statements import sentences, statements

from .conftest import MINIMAL, ROOT, SPECS

pytestmark = pytest.mark.needs_dot
PROJECT = load_project(SPECS)


def text_of(pdf) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def review(slug: str, cwd, out) -> str:
    done = subprocess.run([sys.executable, "-m", "handouts", "review", slug, "-o", str(out)],
                          cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("slug", [h.slug for h in PROJECT.handouts])
def test_every_shipped_handout_has_a_sign_off_sheet(slug, tmp_path):
    handout = PROJECT.handout(slug)
    path = review(slug, ROOT, tmp_path)
    assert path == str(tmp_path / "review" / f"{slug}-v{handout.version}-review.pdf")
    text = text_of(path)
    found = statements(handout)
    assert f"Statements ({len(found)})" in text
    assert "What changed" in text and "Sign-off" in text
    for label in ("Name", "Role", "Date", "Signature", f"Approve version {handout.version}"):
        assert label in text
    locators = {c.locator for s in found for c in s.cites if c.locator}
    assert all(f", {locator})" in text or f", {locator};" in text for locator in locators)
    if slug == "alk-sequencing":
        assert "section 3.3" in locators


def test_statements_keep_their_citations_and_show_what_is_unsupported():
    assert sentences("A is so [@x, p. 2]. B follows. C too [@y]. D.") == [
        "A is so [@x, p. 2].", "B follows.", "C too [@y].", "D."]
    handout = PROJECT.handout("alk-early-stage")
    found = statements(handout)
    criteria = [s for s in found if s.text.startswith("ECOG performance status 0 or 1")]
    assert [c.key for c in criteria[0].cites] == ["nhse-ale2"]  # from the list's lead-in
    nice = next(s for s in found if "NICE recommends alectinib" in s.text)
    assert [(c.key, c.locator) for c in nice.cites] == [("nice-ta1014", "section 1.1")]


def test_the_sheet_compares_with_the_last_approved_version(tmp_path):
    """In a project whose history has an approved 1.0.0, a released 1.1.0 and now 2.0.0,
    the review of 2.0.0 lists the changes since 1.0.0, the last approved."""
    (tmp_path / "specs").mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    def commit(text: str, message: str) -> None:
        (tmp_path / "specs" / "spec.yaml").write_text(text)
        git("add", "-A")
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message)

    git("init", "-q")
    approved = MINIMAL.replace("status: draft", "status: approved\napproved_by: Dr A Example\n"
                               "approved_on: 2025-12-01")
    commit(approved, "1.0.0")
    commit(MINIMAL.replace("version: 1.0.0", "version: 1.1.0")
           .replace("label: Alectinib", "label: Alectinib 600 mg"), "1.1.0")
    (tmp_path / "specs" / "spec.yaml").write_text(
        MINIMAL.replace("version: 1.0.0", "version: 2.0.0")
        .replace("label: Alectinib", "label: Alectinib 450 mg"))
    text = text_of(review("mini", tmp_path, tmp_path / "build"))
    assert "Changes since version 1.0.0, the last approved version (approved, by Dr A " \
           "Example on 1 December 2025)" in text
    assert "'Alectinib' → 'Alectinib 450 mg'" in text
