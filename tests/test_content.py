"""The shipped clinical content keeps the corrections of the November and December 2026
clinical reviews: each harmful error stays gone from the printed text, every claim can be
checked, and what the sources at hand cannot settle says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.render.kinds import statements
from handouts.spec.project import load_project
from handouts.spec.signoff import open_items
from handouts.spec.sources import cites

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
    # December 2026, M1: St John's wort matters with every drug, not only lorlatinib
    ("alk-taking-your-medicine", "Do not take St John's wort, a herbal medicine, with any of "
     "these drugs", "such as St John's wort, must not be taken with lorlatinib"),
    # M2: never a double dose, and each drug's rule
    ("alk-taking-your-medicine", "Never take a double dose", "read the leaflet in the box"),
    ("alk-taking-your-medicine", "Brigatinib (Alunbrig) Do not make it up", ""),
    ("alk-taking-your-medicine", "If your next dose is 12 hours away or more", ""),
    # M3 and M4: the commonest effects, and the warning signs
    ("alk-taking-your-medicine", "Diarrhoea, feeling sick and being sick", ""),
    ("alk-taking-your-medicine", "signs of high blood sugar", "you feel faint or dizzy"),
    # M5: breast-feeding and heart tests
    ("alk-taking-your-medicine", "With lorlatinib, wait until 7 days after your last dose", ""),
    ("alk-taking-your-medicine", "With crizotinib or lorlatinib, your team will also check "
     "your heart", "With crizotinib, you may also have tests of your heart"),
    # M6: lorlatinib after first-line brigatinib is off-label
    ("alk-progression", "this use is off-label, and funded by NHS England", ""),
    ("alk-sequencing", "or brigatinib (off-label)", ""),
    # M8: interactions and the brigatinib restart rule
    ("alk-side-effects", "restart at 90 mg once daily for 7 days", ""),
    ("alk-side-effects", "carbamazepine and phenytoin are among them for every drug", ""),
    # B-1: crizotinib liver tests weekly (UK), not every 2 weeks
    ("alk-side-effects", "once a week for the first 2 months, then once a month", ""),
    # Made worse 3: the ALINA whole-population result is back
    ("alk-early-stage", "93.6% and 63.7% alive and disease-free at 2 years", ""),
    # N3: chemotherapy is not the end of the pathway
    ("alk-sequencing", "After chemotherapy, NICE recommends atezolizumab alone", ""),
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
           "inhibitors), progression (NICE, 2019a, section 1.1; NICE, 2025, section 3, the " \
           "CROWN paragraph after 3.2)" in text


def needs_locator(key: str) -> bool:
    """Whether a reference is guidance, an SmPC or a leaflet: cited with where in it."""
    reference = PROJECT.bibliography.get(key)
    assert reference is not None
    title = str(reference.get("title", "")).lower()
    return (reference.get("genre") == "Technology appraisal guidance"
            or "guideline" in title or "summary of product characteristics" in title
            or "package leaflet" in title)


def test_every_clinical_citation_says_where_in_the_source():
    missing = [f"{where}: {cite.key}" for handout in PROJECT.handouts
               for cite, where in cites(handout) if needs_locator(cite.key) and not cite.locator]
    assert missing == []
    assert sum(needs_locator(c.key) for h in PROJECT.handouts for c, _ in cites(h)) > 200


def test_every_quoted_passage_is_one_a_handout_cites():
    """A quote keyed by a locator no citation writes is a typo in one or the other."""
    cited = {(c.key, c.locator) for h in PROJECT.handouts for c, _ in cites(h)}
    orphans = [(r.key, locator) for r in PROJECT.bibliography.references
               for locator, _ in r.quotes if (r.key, locator) not in cited]
    assert orphans == []
    quoted = sum(bool(PROJECT.bibliography.get(k).quote(loc))  # type: ignore[union-attr]
                 for k, loc in cited)
    assert quoted > 0.8 * len(cited)


def test_what_no_one_has_read_is_marked_and_open():
    """December 2026 review, E-7 and ESMO: TA406 and the ESMO 2023 guideline are cited but
    unread; every handout citing them lists them as open items."""
    unread = {r.key for r in PROJECT.bibliography.references if not r.read}
    assert unread == {"nice-ta406", "hendriks2023"}
    for handout in PROJECT.handouts:
        cited = {c.key for c, _ in cites(handout)}
        items = open_items(statements(handout), PROJECT.bibliography)
        assert {i.source for i in items if i.source} == cited & unread


def test_the_settled_schedules_no_longer_await_confirmation():
    """December 2026 review, B-1 to B-4: settled from EU/EEA product information."""
    rows = {s.place: s for s in statements(PROJECT.handout("alk-side-effects"))
            if s.place.startswith("Monitoring, table row")}
    for drug in ("Alectinib (Alecensa)", "Brigatinib (Alunbrig)", "Lorlatinib (Lorviqua)"):
        assert not rows[f"Monitoring, table row “{drug}”"].awaiting, drug
    crizotinib = rows["Monitoring, table row “Crizotinib (Xalkori)”"]
    assert "once a week for the first 2 months" in crizotinib.text
    assert crizotinib.awaiting  # its QTc, heart rate and blood count schedules are still open
    sequencing = " ".join(s.text for s in statements(PROJECT.handout("alk-sequencing")))
    assert "read only in the Swiss product information" not in sequencing


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
    oncology_line = [s.text for s in statements(handout) if ", list item" in s.place]
    assert oncology_line and not [s for s in oncology_line
                                  if any(words in s for words in EMERGENCIES)]
