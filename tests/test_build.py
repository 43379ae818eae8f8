"""Build real PDFs and downloads with Graphviz and ReportLab, and read them back."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.spec.project import load_handout

from .conftest import MINIMAL, SPECS, built

pytestmark = pytest.mark.needs_dot

DRUGS = ["Alectinib", "Brigatinib", "Ceritinib", "Crizotinib", "Lorlatinib"]
SEQUENCING = load_handout(SPECS / "alk-sequencing.yaml")
HANDOUT = f"alk-sequencing-v{SEQUENCING.version}.pdf"
SHEET = f"alk-sequencing-flowchart-v{SEQUENCING.version}"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    """Build every shipped spec once into a fresh folder."""
    out = tmp_path_factory.mktemp("build")
    built(SPECS, out)
    return out


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def fonts_of(pdf: Path) -> dict[str, bool]:
    """Return each font name used in the PDF and whether its file is embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(pdf).pages:
        resources = page["/Resources"]
        fonts = resources.get("/Font", {})
        objects = [resources.get("/XObject", {})[k].get_object()
                   for k in resources.get("/XObject", {})]
        for xobject in objects:
            fonts.update(xobject.get("/Resources", {}).get("/Font", {}))
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


def test_sequencing_handout_content(shipped):
    pdf = shipped / HANDOUT
    reader = PdfReader(pdf)
    text = text_of(pdf)
    for drug in DRUGS:
        assert drug in text
    assert f"Version {SEQUENCING.version}" in text
    assert "Page 1 of " in text
    assert len(reader.pages) >= 2
    assert reader.metadata.title == "ALK-positive advanced lung cancer"
    assert reader.metadata.subject
    assert reader.metadata.author


@pytest.mark.parametrize("name", [HANDOUT, f"{SHEET}.pdf"])
def test_every_font_is_embedded_dejavu(shipped, name):
    fonts = fonts_of(shipped / name)
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts
    assert all("DejaVuSans" in font for font in fonts), fonts


def test_flowchart_is_vector_text_not_a_bitmap(shipped):
    page_texts = [p.extract_text() for p in PdfReader(shipped / HANDOUT).pages]
    chart_page = next(t for t in page_texts if "where the pathway starts" in t)  # its key
    assert "after crizotinib" in chart_page
    assert "intolerance" in chart_page


SELF_CONTAINED = ["NICE sequencing of ALK inhibitors", f"Version {SEQUENCING.version}",
                  "Review due", "DRAFT", "where the pathway starts", "[TA536]", "Sources"]


def test_the_svg_download_stands_alone(shipped):
    svg = (shipped / f"{SHEET}.svg").read_text("utf-8")
    assert svg.lstrip().startswith("<?xml") and "'DejaVu Sans'" in svg
    texts = " ".join(re.findall(r">([^<>]+)</text>", svg))
    for drug in DRUGS:
        assert drug in texts
    for words in SELF_CONTAINED:  # title, version, dates, status, key and sources
        assert words in texts, words
    assert 'fill="#ffffff"' in svg.split("<text", 1)[0] or "fill: rgb(100%,100%,100%)" in svg


def test_the_png_download_is_white_300_dpi_and_readable(shipped, tmp_path):
    png = (shipped / f"{SHEET}.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    assert png[25] == 2  # colour type 2: RGB, no alpha: never transparent
    phys = png.index(b"pHYs")
    assert png[phys + 4:phys + 12] == (11811).to_bytes(4, "big") * 2  # 300 dpi, in metres
    assert png[phys + 12] == 1


def test_the_flowchart_pdf_is_one_page_that_stands_alone(shipped):
    sheet = PdfReader(shipped / f"{SHEET}.pdf")
    assert len(sheet.pages) == 1
    text = sheet.pages[0].extract_text()
    for words in SELF_CONTAINED:
        assert words in text, words


def test_manifest_lists_every_output_with_its_hash(shipped):
    manifest = json.loads((shipped / "manifest.json").read_text("utf-8"))
    files = {entry["file"]: entry for entry in manifest["files"]}
    site = ("manifest.json", "index.html", "thumbs", ".lock", ".cache")  # .lock: builds take
    # turns; .cache: the chart engine's decisions
    assert set(files) == {p.relative_to(shipped).as_posix() for p in shipped.rglob("*")
                          if p.is_file() and p.relative_to(shipped).parts[0] not in site}
    for name, entry in files.items():
        data = (shipped / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
    entry = files[HANDOUT]
    assert (entry["slug"], entry["version"], entry["spec"]) == (
        "alk-sequencing", SEQUENCING.version, "specs/alk-sequencing.yaml")
    assert (entry["status"], entry["review_due"]) == ("draft", str(SEQUENCING.review_due))
    assert entry["content_hash"].startswith("sha256:")


def test_builds_are_byte_identical(shipped, tmp_path):
    built(SPECS, tmp_path)
    files = [p.relative_to(shipped) for p in shipped.rglob("*") if p.is_file()]
    assert "index.html" in map(str, files) and len(files) > 20
    for name in files:  # the download page and its thumbnails too
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name


def test_awkward_characters_print_literally(write_spec, tmp_path):
    label = 'A<b> & "q" {x} \\n ≥ – µ'
    spec = write_spec(MINIMAL.replace("label: Alectinib", f"label: '{label}'"))
    built([spec], tmp_path / "out")
    text = text_of(tmp_path / "out" / "mini-v1.0.0.pdf")
    assert label in " ".join(text.split())  # the chart wraps the label over two lines


def link_targets(pdf: Path) -> list[str]:
    """Return the URI of every link annotation in a PDF, in page order."""
    uris = []
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A", {})
            if "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def test_reference_list_links_each_doi_and_url(write_spec, tmp_path):
    from .test_references import BIBLIOGRAPHY, CITING

    spec = write_spec(CITING)
    write_spec(BIBLIOGRAPHY, "references.yaml")
    built([spec], tmp_path / "out")
    pdf = tmp_path / "out" / "mini-v1.0.0.pdf"
    assert link_targets(pdf) == ["https://www.nice.org.uk/guidance/ta536",
                                 "https://www.nice.org.uk/guidance/ta500",
                                 "https://doi.org/10.1056/NEJMoa1704795"]
    text = " ".join(text_of(pdf).split())
    assert "Alectinib delayed progression (Peters et al., 2017)." in text
    assert "TA536; TA500" in text  # the chart's source marks


def test_sequencing_reference_list_is_golden(shipped):
    from .test_dot import GOLDEN

    text = text_of(shipped / HANDOUT)
    section = text[text.rindex("References\n"):text.index("About this handout")]
    furniture = (r"(DRAFT – not for clinical use.*|Version .* · Review due .*|Page \d+ of \d+|"
                 r"Printed copies .*|ALK-positive advanced lung cancer)")  # the footer's title
    section = "\n".join(line for line in section.split("\n")
                        if not re.fullmatch(furniture, line.strip()))
    # One entry a line, whatever the line breaks on the page: an entry starts with its
    # author, "NICE (2018" or "Surname, I.".
    section = re.sub(r"(?:(?<=\.)|(?<=References)) "
                     r"(?=[A-Z][^.()]{0,60} \((?:\d{4}|no date)|[A-Z][\w-]+, [A-Z]\.)", "\n",
                     " ".join(section.split())) + "\n"
    golden = GOLDEN / "alk-sequencing-references.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(section, encoding="utf-8")
    assert section == golden.read_text(encoding="utf-8")


def test_the_chart_in_words_mentions_every_node_in_every_download(shipped):
    from handouts.flowchart.words import chart_in_words

    chart = SEQUENCING.flowchart
    words = " ".join(chart_in_words(chart))
    assert all(node.label in words for node in chart.nodes)
    assert "If the cancer progresses on Alectinib (first line)" in words
    svg = (shipped / f"{SHEET}.svg").read_text("utf-8")
    assert f'<title id="title">{chart.title}</title>' in svg
    assert '<desc id="desc">The chart starts from:' in svg
    text = (shipped / f"{SHEET}.txt").read_text("utf-8")
    assert text.startswith(f"{chart.title}\n") and f"Version {SEQUENCING.version}" in text
    handout = " ".join(text_of(shipped / HANDOUT).split())
    assert "The chart in words" in handout and "Third line: Lorlatinib" in handout
