"""`handouts review SLUG`: the sign-off sheet a clinician approves a version from."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.flowchart.graph import condition_words
from handouts.publish.context import Build
from handouts.publish.review import sheet_statements
from handouts.render.kinds import statements
from handouts.spec.project import load_project
from handouts.spec.signoff import open_items, source_name
from handouts.spec.statements import sentences

from .conftest import MINIMAL, ROOT, SPECS, built

pytestmark = pytest.mark.needs_dot
PROJECT = load_project(SPECS)
SEQUENCING = PROJECT.handout("alk-sequencing")


def text_of(pdf) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def review(slug: str, cwd, out) -> str:
    done = subprocess.run([sys.executable, "-m", "handouts", "review", slug, "-o", str(out)],
                          cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module")
def sheet(tmp_path_factory) -> tuple[Path, str]:
    """The sign-off sheet of the shipped sequencing handout, and its text."""
    path = Path(review("alk-sequencing", ROOT, tmp_path_factory.mktemp("review")))
    return path, text_of(path)


@pytest.mark.parametrize("slug", ["alk-taking-your-medicine", "alk-early-stage"])
def test_a_shipped_handout_has_a_sign_off_sheet(slug, tmp_path):
    """A patient handout and a clinician handout without a chart (the sequencing sheet, with
    its chart, is the fixture of the tests below); every part of the sheet is there."""
    handout = PROJECT.handout(slug)
    path = review(slug, ROOT, tmp_path)
    assert path == str(tmp_path / "review" / f"{slug}-v{handout.version}-review.pdf")
    text = text_of(path)
    found = sheet_statements(Build.open(SPECS), handout, PROJECT.bibliography)
    assert f"4. Statements ({len(found)})" in text
    for part in ("1. What you are approving", "2. Open items", "3. What changed",
                 "5. The handout as printed", "6. Sources", "7. Sign-off"):
        assert part in text
    for label in ("Name", "Role", "Date", "Signature", "Pharmacist", "Oncologist",
                  f"Approve version {handout.version}", "correct", "needs change"):
        assert label in text
    locators = {c.locator for s in found for c in s.cites if c.locator}
    assert all(locator in text for locator in locators)
    if handout.audience == "patient":  # the urgent box is among the statements
        assert re.search(r"1 Urgent box (\[changed\] )?Call 999 at once", text)
        assert "Urgent box If you feel very unwell, call the 24-hour acute oncology line" in text


def test_the_approval_is_bound_to_the_files_a_build_writes(sheet, tmp_path):
    """Each file `handouts build` writes for the handout has its SHA-256 on the sheet."""
    _, text = sheet
    report = built([SPECS / "alk-sequencing.yaml"], tmp_path)
    files = [p for p in report.written if p.name.startswith("alk-sequencing-")]
    assert {p.suffix for p in files} >= {".pdf", ".html", ".svg", ".png", ".txt"}
    lines = set(text.split())  # each digest on one line, as sha256sum prints it
    for path in files:
        assert path.name in text
        assert hashlib.sha256(path.read_bytes()).hexdigest() in lines, path.name


def test_every_page_of_the_a4_edition_is_an_image_on_the_sheet(sheet, tmp_path):
    path, text = sheet
    built([SPECS / "alk-sequencing.yaml"], tmp_path)
    printed = PdfReader(tmp_path / f"alk-sequencing-v{SEQUENCING.version}.pdf")
    count = len(printed.pages)
    images = [image for page in PdfReader(path).pages for image in page.images]
    assert len(images) == count
    assert all(image.image.width > 1200 for image in images)  # 150 dpi: the chart legible
    for number in range(1, count + 1):
        assert f"Page {number} of {count}: alk-sequencing-v{SEQUENCING.version}.pdf" in text


def test_each_statement_has_the_wording_of_its_source_passage(sheet):
    _, text = sheet
    # a quote from the bibliography, printed beside the first statement that cites it
    assert "Lorlatinib can be used as an option for ALK-positive advanced" in text
    assert "quoted at statement" in text  # later statements refer back to it
    # sources as readers know them, never 'NICE, 2019a'
    assert "NICE TA1103, section 1.1" in text and "NHS England LOR1, criterion 4" in text
    assert not re.search(r"NICE, 20\d\d[a-z]", text)
    # a citation whose passage is not quoted, of a source no one has read
    assert "NICE TA406, section 1 (not yet read): no quote" in text


def test_every_shipped_handout_says_its_statements_in_place():
    for handout in PROJECT.handouts:
        found = statements(handout)
        assert found and all(s.text and s.place and s.where.line for s in found)


def test_arrows_caption_and_key_are_statements_in_the_words_printed(sheet):
    _, text = sheet
    assert ("From Relapse after adjuvant alectinib (start) to Lorlatinib (first line): "
            "marked “more than 6 months after finishing”") in text
    assert ("From Brigatinib (first line) to Lorlatinib (second line): an arrow without "
            "words, which the key says means progression") in " ".join(text.split())
    assert ("Lorlatinib, after alectinib, ceritinib, or brigatinib (off-label) (second "
            "line)") in text
    assert "late-relapse" not in text and "late relapse" not in text
    assert "caption Read from top to bottom." in text
    assert "key Heavy border: where the pathway starts" in text
    arrows = [s for s in statements(SEQUENCING) if s.place.endswith(", arrow")]
    assert len(arrows) == len(SEQUENCING.flowchart.edges)


def test_the_arrow_words_are_those_the_chart_prints():
    for handout in PROJECT.handouts:
        for chart in handout.charts:
            said = [s.text for s in statements(handout) if s.item.startswith("arrow")]
            for edge, text in zip(chart.edges, said):
                words = condition_words(chart, edge)
                assert (f"marked “{words}”" if words else "an arrow without words") in text
                if edge.when == chart.default_when and not edge.label:
                    assert f"which the key says means {edge.when}" in text


def test_the_open_items_are_listed(sheet):
    _, text = sheet
    part = text[text.index("2. Open items"):text.index("3. What changed")]
    found = open_items(statements(SEQUENCING), PROJECT.bibliography)
    assert len(found) == 3 and part.startswith("2. Open items (3)")
    assert ("What is not yet known, list item 3: The wording of NICE TA406, which recommends "
            "crizotinib as a first treatment, awaits confirmation: it has not been read.") in part
    assert "NICE TA406 has not been read: what it is cited for rests on other reports" in part
    assert all(" ".join(item.text.split()) in part for item in found)


def test_statements_keep_their_citations_and_show_what_is_unsupported():
    assert sentences("A is so [@x, p. 2]. B follows. C too [@y]. D.") == [
        "A is so [@x, p. 2].", "B follows.", "C too [@y].", "D."]
    handout = PROJECT.handout("alk-early-stage")
    found = statements(handout)
    criteria = [s for s in found if s.text.startswith("ECOG performance status 0 or 1")]
    assert [c.key for c in criteria[0].cites] == ["nhse-ale2"]  # from the list's lead-in
    nice = next(s for s in found if "NICE recommends alectinib" in s.text)
    assert [(c.key, c.locator) for c in nice.cites] == [("nice-ta1014", "section 1.1")]


def test_sources_are_named_as_readers_know_them():
    names = {key: source_name(PROJECT.bibliography.get(key))  # type: ignore[arg-type]
             for key in ("nice-ta1103", "nhse-lor1", "peters2017", "ema-pl-xalkori")}
    assert names == {
        "nice-ta1103": "NICE TA1103", "nhse-lor1": "NHS England LOR1",
        "peters2017": "Peters et al. 2017, New England Journal of Medicine",
        "ema-pl-xalkori": "Xalkori (crizotinib): package leaflet, information for the patient"}


def git_project(tmp_path: Path) -> callable:
    """Make tmp_path a git repository with a specs folder; return a commit function."""
    (tmp_path / "specs").mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    def commit(text: str, message: str) -> None:
        (tmp_path / "specs" / "spec.yaml").write_text(text)
        git("add", "-A")
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message)

    git("init", "-q")
    return commit


def test_the_sheet_compares_with_the_last_approved_version_in_words(tmp_path):
    """In a project whose history has an approved 1.0.0, a released 1.1.0 and now 2.0.0,
    the review of 2.0.0 lists the changes since 1.0.0, the last approved, in words."""
    commit = git_project(tmp_path)
    approved = MINIMAL.replace("status: draft", "status: approved\napproved_by: Dr A Example\n"
                               "approved_on: 2025-12-01")
    commit(approved, "1.0.0")
    commit(MINIMAL.replace("version: 1.0.0", "version: 1.1.0")
           .replace("label: Alectinib", "label: Alectinib 600 mg"), "1.1.0")
    (tmp_path / "specs" / "spec.yaml").write_text(
        MINIMAL.replace("version: 1.0.0", "version: 2.0.0")
        .replace("label: Alectinib", "label: Alectinib 450 mg")
        .replace("    - {from: start, to: alectinib}\n",
                 "    - {from: start, to: alectinib}\n    - {from: start, to: lorlatinib}\n"))
    text = text_of(review("mini", tmp_path, tmp_path / "build"))
    assert "Changes since version 1.0.0, the last approved version (approved, by Dr A " \
           "Example on 1 December 2025)" in text
    assert "Box reworded: “Alectinib (first line)” → “Alectinib 450 mg (first line)”" in text
    assert ("Arrow added: “From Diagnosis (start) to Lorlatinib (second line): an arrow "
            "without words”") in text
    assert "flowchart." not in text and "(line " not in text  # no YAML paths, no line numbers
    assert "[changed]" in text and "[new]" in text


APPROVED_OPEN = textwrap.dedent("""\
    summary: >
      Alectinib is an option [@peters2017, abstract]. Its UK dose awaits confirmation.
    """)
BIBLIOGRAPHY = textwrap.dedent("""\
    references:
      - id: peters2017
        type: article-journal
        author: [{family: Peters, given: S.}]
        title: Alectinib versus Crizotinib
        issued: 2017
        read: false
        quotes:
          abstract: "A total of 18 patients (12%) in the alectinib group"
    """)


def approved_project(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    spec = MINIMAL.replace("status: draft", "status: approved\napproved_by: Dr A Example, "
                           "pharmacist; Dr B Example, oncologist\napproved_on: 2025-05-01")
    (tmp_path / "specs" / "spec.yaml").write_text(spec + APPROVED_OPEN)
    (tmp_path / "specs" / "references.yaml").write_text(BIBLIOGRAPHY)


def check(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "handouts", "check", "specs", *options],
                          cwd=tmp_path, capture_output=True, text=True, check=False)


def test_a_release_refuses_an_approved_handout_with_open_items(tmp_path):
    approved_project(tmp_path)
    done = check(tmp_path, "--strict")
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if "is approved" in line]
    assert lines == [
        "specs/spec.yaml:21:1: summary: mini 1.0.0 is approved, but it cites Peters 2017, "
        "which no one has read (read: false, specs/references.yaml:2) (read the source and "
        "remove read: false, or cite another; or set status: draft until it is settled)",
        "specs/spec.yaml:21:1: summary: mini 1.0.0 is approved, but it says this awaits "
        "confirmation: 'Summary: Its UK dose awaits confirmation.' (confirm it and reword "
        "it, or remove it; or set status: draft until it is settled)"]
    # without --strict they are warnings, and review writes the sheet all the same
    done = check(tmp_path)
    assert done.returncode == 0
    assert sum("warning: mini 1.0.0 is approved" in line
               for line in done.stderr.splitlines()) == 2
    text = text_of(review("mini", tmp_path, tmp_path / "build"))
    assert "2. Open items (2)" in text and "“A total of 18 patients (12%)" in text


def test_an_approved_handout_with_nothing_open_passes(tmp_path):
    approved_project(tmp_path)
    (tmp_path / "specs" / "spec.yaml").write_text(
        (tmp_path / "specs" / "spec.yaml").read_text().replace(
            " Its UK dose awaits confirmation.", ""))
    (tmp_path / "specs" / "references.yaml").write_text(
        BIBLIOGRAPHY.replace("    read: false\n", ""))
    done = check(tmp_path, "--strict")
    assert "is approved" not in done.stderr


@pytest.mark.parametrize("entry, message", [
    ("read: maybe", "references[0].read: expected true or false (write read: false until "
                    "someone has read the source itself)"),
    ("quotes: [a, b]", "references[0].quotes: expected a mapping of locator to quoted words "
                       "(e.g. quotes: {section 1.1: \"Lorlatinib can be used as an option "
                       "...\"})"),
    ("quotes: {section 1: ''}", "references[0].quotes['section 1']: expected the quoted "
                                "words (copy the passage's wording exactly, in quotes)"),
    ("quote: {section 1: x}", "references[0].quote: unknown CSL field 'quote' (did you mean "
                              "'quotes'?) (see the CSL variables, e.g. container-title, DOI, "
                              "URL, issued)"),
])
def test_bad_reader_notes_are_located(tmp_path, entry, message):
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "references.yaml").write_text(
        "references:\n  - id: x\n    type: book\n    title: X\n    issued: 2020\n"
        f"    {entry}\n")
    project = load_project(tmp_path / "specs")
    assert [str(p).split(": ", 1)[1] for p in project.problems if not p.warning] == [message]
