"""Build real PDFs and downloads with Graphviz and ReportLab, and read them back."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.build import build

from .conftest import MINIMAL, SHIPPED

pytestmark = pytest.mark.needs_dot

DRUGS = ["Alectinib", "Brigatinib", "Ceritinib", "Crizotinib", "Lorlatinib"]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    """Build every shipped spec once into a fresh folder."""
    out = tmp_path_factory.mktemp("build")
    build(SHIPPED, out)
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
    pdf = shipped / "alk-sequencing-v2.0.0.pdf"
    reader = PdfReader(pdf)
    text = text_of(pdf)
    for drug in DRUGS:
        assert drug in text
    assert "Version 2.0.0" in text
    assert "Page 1 of " in text
    assert len(reader.pages) >= 2
    assert reader.metadata.title == "ALK-positive advanced lung cancer"
    assert reader.metadata.subject
    assert reader.metadata.author


@pytest.mark.parametrize("name", ["alk-sequencing-v2.0.0.pdf",
                                  "alk-sequencing-flowchart-v2.0.0.pdf"])
def test_every_font_is_embedded_dejavu(shipped, name):
    fonts = fonts_of(shipped / name)
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts
    assert all("DejaVuSans" in font for font in fonts), fonts


def test_flowchart_is_vector_text_not_a_bitmap(shipped):
    page_texts = [p.extract_text() for p in PdfReader(shipped / "alk-sequencing-v2.0.0.pdf").pages]
    chart_page = next(t for t in page_texts if "Second line" in t)
    assert "after crizotinib" in chart_page
    assert "progression or" in chart_page


def test_flowchart_downloads(shipped):
    svg = (shipped / "alk-sequencing-flowchart-v2.0.0.svg").read_text("utf-8")
    assert svg.lstrip().startswith("<?xml") and "DejaVu Sans" in svg
    for drug in DRUGS:
        assert f">{drug}</text>" in svg
    png = (shipped / "alk-sequencing-flowchart-v2.0.0.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    width = int.from_bytes(png[16:20], "big")
    svg_width = float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))
    assert width == pytest.approx(svg_width * 300 / 72, abs=3)  # 300 dpi
    sheet = PdfReader(shipped / "alk-sequencing-flowchart-v2.0.0.pdf")
    assert "Lorlatinib" in sheet.pages[0].extract_text()


def test_manifest_lists_every_output_with_its_hash(shipped):
    manifest = json.loads((shipped / "manifest.json").read_text("utf-8"))
    files = {entry["file"]: entry for entry in manifest["files"]}
    assert set(files) == {p.name for p in shipped.iterdir() if p.name != "manifest.json"}
    for name, entry in files.items():
        data = (shipped / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
    entry = files["alk-sequencing-v2.0.0.pdf"]
    assert (entry["slug"], entry["version"], entry["spec"]) == (
        "alk-sequencing", "2.0.0", "specs/alk-sequencing.yaml")


def test_builds_are_byte_identical(shipped, tmp_path):
    build(SHIPPED, tmp_path)
    for path in shipped.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_awkward_characters_print_literally(write_spec, tmp_path):
    label = 'A<b> & "q" {x} \\n ≥ – µ'
    spec = write_spec(MINIMAL.replace("label: Alectinib", f"label: '{label}'"))
    build([spec], tmp_path / "out")
    text = text_of(tmp_path / "out" / "mini-v1.0.0.pdf")
    assert label in " ".join(text.split())  # the chart wraps the label over two lines
