"""The shipped clinical content keeps the corrections of the November 2026 clinical review:
each harmful error stays gone from the printed text, and every claim can be checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.spec.project import load_project
from handouts.spec.sources import cites
from handouts.spec.statements import statements

from .conftest import ROOT, SPECS, built

PROJECT = load_project(SPECS)


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> dict[str, str]:
    """Build the shipped handouts (A4) once; return each one's text, with lines joined."""
    out = tmp_path_factory.mktemp("content")
    built(SPECS, out)
    found = {}
    for handout in PROJECT.handouts:
        pdf = out / f"{handout.slug}-v{handout.version}.pdf"
        words = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
        found[handout.slug] = " ".join(words.split())
    return found


# (handout, words it must print, words it must never print again), one per review item
CORRECTIONS = [
    # 1: what follows first-line lorlatinib
    ("alk-sequencing", "no NHS-funded ALK inhibitor follows first-line lorlatinib",
     "no NICE source found"),
    ("alk-progression", "about 3 to 6 months", "not yet established"),
    # 2: adjuvant alectinib eligibility, in both editions of the staging
    ("alk-early-stage", "no more than 12 weeks since surgery", ""),
    ("alk-early-stage", "8th edition (NHS England)", ""),
    # 3: stage IIIB is treated with curative intent
    ("alk-surveillance", "curative intent", "Usually palliative"),
    # 4: the SmPC monitoring schedules
    ("alk-side-effects", "2, 4 and 8 weeks after starting", ""),
    # 8: the endpoint and population of each brain number
    ("alk-brain-metastases", "in patients with measurable brain lesions only", ""),
    # 10: nothing rests on an unread guideline
    ("alk-progression", "has not yet been read", "test plasma first"),
    # 16: open label is not the opposite of randomised
    ("alk-clinical-trials", "An open-label trial can still be randomised",
     "Open label, not randomised"),
]


@pytest.mark.needs_dot
@pytest.mark.parametrize("slug, present, absent", CORRECTIONS,
                         ids=[f"{s}-{p[:20] or a[:20]}" for s, p, a in CORRECTIONS])
def test_each_correction_of_the_clinical_review_is_printed(texts, slug, present, absent):
    assert present in texts[slug]
    if absent:  # what the handout says, not its changelog, which names what was corrected
        said = " ".join(s.text for s in statements(PROJECT.handout(slug)))
        assert absent.lower() not in said.lower()


@pytest.mark.needs_dot
def test_the_chart_says_where_each_step_comes_from(texts):
    text = texts["alk-sequencing"]
    assert "Where each step comes from" in text
    assert "Alectinib (first line) (NICE, 2018a, section 1.1)" in text
    assert "Lorlatinib (first line) to Platinum–pemetrexed chemotherapy or ABCP (after ALK " \
           "inhibitors), progression (NICE, 2019a, section 3.3; NICE, 2025, section 3)" in text


def needs_locator(key: str) -> bool:
    """Whether a reference is guidance, an SmPC or a leaflet: cited with where in it."""
    reference = PROJECT.bibliography.get(key)
    assert reference is not None
    title = str(reference.get("title", "")).lower()
    return (reference.get("genre") == "Technology appraisal guidance"
            or "guideline" in title or "summary of product characteristics" in title
            or "package leaflet" in title)


def test_every_citation_of_guidance_an_smpc_or_a_leaflet_says_where_in_it():
    missing = [f"{where}: {cite.key}" for handout in PROJECT.handouts
               for cite, where in cites(handout) if needs_locator(cite.key) and not cite.locator]
    assert missing == []
    assert sum(needs_locator(c.key) for h in PROJECT.handouts for c, _ in cites(h)) > 50


def test_check_prints_no_warning_about_the_shipped_specs():
    done = subprocess.run([sys.executable, "-m", "handouts", "check", "specs"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert [line for line in lines if "warning" in line and not
            line.startswith("handouts.yaml:")] == []
    # the notices left are about the settings: the publishing address and the urgent phone
    # number are still placeholders, which only the clinic that prints can fill in
    assert {Path(line.split(":")[0]).name for line in lines if "warning" in line} <= {
        "handouts.yaml"}


EMERGENCIES = ("swell", "hard to breathe", "chest pain")


@pytest.mark.needs_dot
def test_the_patient_handout_sends_emergencies_to_999_first(texts):
    """December 2026 review, H1: a swollen face or throat, trouble breathing and chest pain
    are 999 calls, said in the urgent box before anything else, never the oncology line."""
    text = texts["alk-taking-your-medicine"]
    box = text.index("Call 999")
    assert box < text.index("24-hour acute oncology line") < text.index("What changed")
    said = text[box:text.index("24-hour acute oncology line")]
    assert all(words in said for words in EMERGENCIES)
    handout = PROJECT.handout("alk-taking-your-medicine")
    oncology_line = [s.text for s in statements(handout) if s.place.endswith(", list")]
    assert oncology_line and not [s for s in oncology_line
                                  if any(words in s for words in EMERGENCIES)]
