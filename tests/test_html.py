"""The HTML editions: real structure for screen readers, checked by axe-core in headless
Chromium, readable from 320 px up; and plain language for patients."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handouts.spec.project import load_project

from .conftest import MINIMAL, ROOT, SPECS, built

pytestmark = pytest.mark.needs_dot
PROJECT = load_project(SPECS)
BROWSER = ROOT / "tests" / "browser"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium"
                                        if Path("/usr/bin/chromium").is_file() else None)
needs_browser = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("node") is None
    or not (BROWSER / "node_modules" / "axe-core").is_dir(),
    reason="needs chromium, node and tests/browser/node_modules (make test installs them)")


@pytest.fixture(scope="module")
def shelf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html")
    built(SPECS, out)
    return out


def editions(shelf: Path) -> list[Path]:
    return sorted(shelf.glob("*.html"), key=lambda p: p.name)


class Page(HTMLParser):
    """What a check of a page's structure needs: its elements and their attributes."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def test_every_handout_and_pack_has_an_html_edition_listed_first(shelf):
    manifest = json.loads((shelf / "manifest.json").read_text("utf-8"))
    html = {e["slug"] for e in manifest["files"] if e["kind"] in ("handout-html", "pack-html")}
    assert html == {h.slug for h in PROJECT.handouts} | {p.slug for p in PROJECT.packs}
    page = (shelf / "index.html").read_text("utf-8")
    for handout in PROJECT.handouts:
        card = page[page.index(f'id="{handout.slug}"'):]
        links = [card.index(f"{handout.slug}-v{handout.version}{end}") for end in
                 (".html", ".pdf")]
        assert links[0] < links[1]  # the web page comes before the PDFs


def test_the_structure_a_screen_reader_needs(shelf):
    for path in editions(shelf):
        text = path.read_text("utf-8")
        page = Page(text)
        assert '<html lang="en-GB">' in text, path.name
        assert len(page.all("h1")) == 1, path.name
        levels = [int(name[1]) for name, _ in page.tags if name in {"h1", "h2", "h3", "h4",
                                                                    "h5", "h6"}]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (path.name, levels)
        assert not page.all("script")
        for table in range(len(page.all("table"))):
            assert len(page.all("caption")) > table
        assert all(th.get("scope") in ("col", "row") for th in page.all("th")), path.name
        for svg in page.all("svg"):
            assert svg.get("role") == "img" and svg.get("aria-labelledby"), path.name
        ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
        assert len(ids) == sum(1 for _, attrs in page.tags if "id" in attrs), "duplicate ids"
        for link in page.all("a"):
            if link.get("href", "").startswith("#"):
                assert link["href"][1:] in ids, (path.name, link["href"])


def test_charts_are_inline_svg_then_the_chart_in_words_and_the_downloads(shelf):
    handout = PROJECT.handout("alk-sequencing")
    text = (shelf / f"{handout.slug}-v{handout.version}.html").read_text("utf-8")
    assert "<title id=" in text and "<desc id=" in text
    words = text.index("The chart in words")
    assert text.index("<svg") < words
    assert '<ul class="next">' in text and "If the cancer progresses on Alectinib" in text
    assert f'href="{handout.slug}-flowchart-v{handout.version}.svg"' in text
    assert 'class="cite" href="#ref-nice-ta536"' in text  # citations link to the list


def test_steps_are_an_ordered_list_and_callouts_are_asides(shelf):
    handout = PROJECT.handout("alk-progression")
    page = Page((shelf / f"{handout.slug}-v{handout.version}.html").read_text("utf-8"))
    assert any(attrs.get("class") == "steps" for attrs in page.all("ol"))
    assert all(attrs.get("aria-labelledby") for attrs in page.all("aside"))


@needs_browser
def test_axe_finds_nothing_and_no_page_scrolls_sideways(shelf, tmp_path):
    pages = [str(p) for p in editions(shelf)]
    done = subprocess.run(["node", str(BROWSER / "check.mjs"), str(tmp_path), *pages],
                          capture_output=True, text=True, timeout=600, check=False,
                          env={"CHROMIUM": CHROMIUM or "", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    assert set(results) == set(pages)
    found = {f"{Path(page).name} at {width} px": result["violations"]
             for page, widths in results.items() for width, result in widths.items()
             if result["violations"]}
    assert found == {}
    wide = {f"{Path(page).name} at {width} px": result["overflow"]
            for page, widths in results.items() for width, result in widths.items()
            if result["overflow"] > 0}
    assert wide == {}
    for widths in results.values():
        for width, result in widths.items():
            png = Path(result["screenshot"]).read_bytes()
            assert int.from_bytes(png[16:20], "big") == int(width)


def test_the_patient_handout_reads_at_age_12_and_says_whom_to_call(shelf):
    handout = PROJECT.handout("alk-taking-your-medicine")
    done = subprocess.run(["python", "-m", "handouts", "check", "specs"], cwd=ROOT,
                          capture_output=True, text=True, check=False,
                          env={"PATH": str(ROOT / ".venv" / "bin") + ":/usr/bin:/bin"})
    line = next(ln for ln in done.stderr.splitlines() if handout.slug in ln and "reading" in ln)
    age = float(line.split("reading age about ")[1].split()[0])
    assert age <= 12 and "SMOG grade" in line
    text = (shelf / f"{handout.slug}-v{handout.version}.html").read_text("utf-8")
    assert "call the 24-hour acute oncology line at once, day or night" in text
    assert "[@" not in text and "(European Medicines Agency" not in text.split("Sources:")[0]


def test_a_patient_handout_in_hard_words_is_warned(write_spec):
    words = ("Pharmacokinetic considerations necessitate individualised therapeutic "
             "monitoring of hepatotoxicity and cardiovascular abnormalities. ")
    path = write_spec(MINIMAL.replace("audience: clinician", "audience: patient")
                      + f"summary: {words * 12}\n")
    from handouts.publish.build import Request, run

    report = run(Request(path.parent, (path,)))
    warned = [str(p) for p in report.problems if "reading age" in p.message]
    assert len(warned) == 1 and "at most 12" in warned[0]
    assert warned[0].startswith("specs/spec.yaml:3:1: audience: warning: a patient handout")


def test_the_reading_age_is_textstats_smog_without_its_whole_dictionary():
    """The grade is textstat's own, word for word; only the words used are looked up."""
    import textstat

    from handouts.render.kinds import texts_of
    from handouts.spec.reading import prose, smog_grade

    for handout in PROJECT.handouts:
        text = prose(handout, texts_of)
        assert smog_grade(text) == pytest.approx(textstat.smog_index(text), abs=1e-9)
