"""Print-ready pages: each rule a hospital print reviewer checks, tested on every page of
every edition of the shipped handouts and pack (A4, A5 and its booklet, Letter, large
print)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph, SimpleDocTemplate

from handouts.fonts import register_fonts
from handouts.model.profile import PROFILES
from handouts.render.booklet import booklet_order, impose
from handouts.render.harvard import link_urls
from handouts.render.styles import paragraph_styles
from handouts.spec.project import load_project

from .conftest import MINIMAL, SPECS, built, errors, png
from .pages import BLANK_ON_PURPOSE, read_pages

pytestmark = pytest.mark.needs_dot
PROJECT = load_project(SPECS)
EDITIONS = ("a4", "a5", "letter", "large-print")
BODY = {"a4": 12.0, "a5": 12.0, "letter": 12.0, "large-print": 16.0}


@pytest.fixture(scope="module")
def shelf(tmp_path_factory) -> Path:
    """Every shipped handout and the pack, in every edition."""
    out = tmp_path_factory.mktemp("print")
    built(SPECS, out, EDITIONS)
    return out


def documents(shelf: Path) -> list[tuple[Path, str]]:
    """Return each built document with its edition (the booklet files left out)."""
    found = []
    for pdf in sorted(shelf.glob("*.pdf")):
        if "flowchart" in pdf.name or pdf.name.endswith("-booklet.pdf"):
            continue
        edition = next((e for e in EDITIONS[1:] if pdf.stem.endswith(f"-{e}")), "a4")
        found.append((pdf, edition))
    return found


def test_no_page_is_nearly_empty(shelf):
    """A page holds four lines or more, unless it says it is left blank or is for notes."""
    short = []
    for pdf, edition in documents(shelf):
        for page in read_pages(pdf):
            words = [ln for ln in page.content()
                     if not (ln.bold and ln.size > BODY[edition] + 0.4)]
            if len(words) < 4 and not page.spare:
                short.append(f"{pdf.name} page {page.number}: {len(words)} lines")
    assert short == []


def test_no_heading_ends_a_page(shelf):
    alone = []
    for pdf, edition in documents(shelf):
        for page in read_pages(pdf):
            content = page.content()
            if content and not page.spare and content[-1].bold \
                    and content[-1].size > BODY[edition] + 0.4:
                alone.append(f"{pdf.name} page {page.number}: {content[-1].text!r}")
    assert alone == []


def test_a5_is_a_booklet_with_mirrored_margins_and_an_imposed_file(shelf):
    gutter = PROFILES["a5"].gutter
    for pdf, edition in documents(shelf):
        if edition != "a5":
            continue
        pages = read_pages(pdf)
        assert len(pages) % 4 == 0, pdf.name
        notes = [p.number for p in pages if p.spare and p.content()[0].text == "Notes"]
        assert notes == list(range(len(pages) - len(notes), len(pages))), pdf.name
        assert len(notes) < 4  # the padding, before the back cover
        lefts = {p.number % 2: min(ln.x for ln in p.content()) for p in pages[:2]}
        assert lefts[1] - lefts[0] == pytest.approx(gutter, abs=1.0), pdf.name  # the fold
        sheets = PdfReader(pdf.with_name(f"{pdf.stem}-booklet.pdf"))
        assert len(sheets.pages) == len(pages) // 2
        box = sheets.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 across
        preferences = sheets.trailer["/Root"]["/ViewerPreferences"]  # how to print it
        assert (preferences["/Duplex"], preferences["/PrintScaling"]) == (
            "/DuplexFlipShortEdge", "/None")
        first_side = sheets.pages[0].extract_text()
        title = pages[0].content()[0].text
        assert title.split()[0] in first_side  # page 1 is on the right of the outer sheet


def test_booklet_order_reads_in_order_when_folded():
    order = booklet_order(12)
    assert sorted(p for side in order for p in side) == list(range(12))
    assert order[:2] == [(11, 0), (1, 10)]  # the outer sheet: back and front


def test_the_booklet_file_is_the_same_bytes_every_time(shelf):
    a5 = shelf / f"alk-surveillance-v{PROJECT.handout('alk-surveillance').version}-a5.pdf"
    assert impose(a5.read_bytes()) == impose(a5.read_bytes())
    assert impose(a5.read_bytes()) == a5.with_name(f"{a5.stem}-booklet.pdf").read_bytes()


def test_the_pack_starts_each_handout_on_a_right_hand_page_and_lists_its_references(shelf):
    for pdf, _ in documents(shelf):
        if not pdf.name.startswith("alk-pack"):
            continue
        reader = PdfReader(pdf)
        outline = [(item.title, reader.get_destination_page_number(item) + 1)
                   for item in reader.outline]
        assert [title for title, _ in outline][-1] == "References"
        assert {h.title for h in PROJECT.handouts} <= {t for t, _ in outline}
        assert all(page % 2 == 1 for _, page in outline), (pdf.name, outline)
        pages = read_pages(pdf)
        for page in pages:
            if page.number % 2 == 0 and any(p == page.number + 1 for _, p in outline) \
                    and page.spare:
                assert page.content()[0].text == BLANK_ON_PURPOSE
        contents = pages[0].text()
        assert "References" in contents


def test_large_print_has_no_italics_and_no_text_under_16_pt(shelf):
    for pdf, edition in documents(shelf):
        if edition != "large-print":
            continue
        lines = [ln for page in read_pages(pdf) for ln in page.lines]
        assert not [ln.font for ln in lines if "Oblique" in ln.font or "Italic" in ln.font]
        small = sorted({(ln.size, ln.text[:30]) for ln in lines if ln.size < 15.95})
        assert small == [], pdf.name


def test_footer_and_title_block_never_leave_a_word_or_a_dot_alone(shelf):
    for pdf, _ in documents(shelf):
        pages = read_pages(pdf)
        for page in pages:
            for line in page.footer():
                assert len(line.text.split()) > 1, (pdf.name, page.number, line.text)
        for line in pages[0].content()[:12]:
            assert not line.text.endswith("·") and not line.text.startswith("·"), line.text


def test_the_pdf_is_dated_when_its_content_last_changed(shelf):
    for handout in PROJECT.handouts:
        pdf = shelf / f"{handout.slug}-v{handout.version}.pdf"
        info = PdfReader(pdf).metadata
        assert info.creation_date.date() == handout.updated
        assert info.modification_date.date() == handout.updated


def test_card_labels_are_bold_and_what_they_label_is_not(shelf):
    handout = PROJECT.handout("alk-side-effects")
    for edition in ("a5", "large-print"):
        pdf = shelf / f"{handout.slug}-v{handout.version}-{edition}.pdf"
        lines = [ln for page in read_pages(pdf) for ln in page.content()]
        labels = [ln for ln in lines if ln.text.startswith("Usual dose:")]
        assert len(labels) == 5, pdf.name
        for line in labels:
            (label, font), *rest = line.runs
            assert label == "Usual dose:" and "Bold" in font, line
            assert rest and "Bold" not in rest[0][1], line  # the dose itself: regular
        assert any(ln.text.startswith("Drug: Crizotinib (Xalkori)") and ln.bold
                   for ln in lines)


def test_a_long_box_splits_across_pages_and_says_it_continues(shelf):
    handout = PROJECT.handout("alk-side-effects")
    pdf = shelf / f"{handout.slug}-v{handout.version}-a5.pdf"
    text = " ".join(page.text() for page in read_pages(pdf))
    assert re.search(r"\w+ \(\w+\) \(continued\)", text)


def test_web_addresses_break_after_a_slash_never_inside_a_word(tmp_path):
    url = "https://www.cancerresearchuk.org/find-a-clinical-trial/what-are-clinical-trials/x"
    style = paragraph_styles(PROFILES["a5"])["reference"]
    register_fonts()
    for width in (220, 260, 300, 340):  # an A5 reference list is about 330 pt wide
        out = io.BytesIO()
        doc = SimpleDocTemplate(out, pagesize=(width + 40, 600), leftMargin=20, rightMargin=20)
        doc.build([Paragraph(link_urls(f"Available at: {url} (Accessed: 1 May 2026)."),
                             style)])
        lines = [ln.strip() for ln in PdfReader(io.BytesIO(out.getvalue())).pages[0]
                 .extract_text().splitlines()]
        pieces = [ln for ln in lines if "/" in ln or ln.startswith(("www", "find", "what"))]
        for line in pieces[:-1]:
            assert line.endswith("/") or "(Accessed" in line, (width, lines)


def test_text_that_points_to_a_table_is_warned(write_spec):
    table = ("sections:\n  - heading: Doses\n    blocks:\n"
             "      - text: The table sets out the doses.\n"
             "      - table: {columns: [Drug, Dose], rows: [[A, B]]}\n")
    path = write_spec(MINIMAL + table)
    problems = [str(p) for p in load_project(path.parent).problems if p.warning]
    assert problems == [
        "specs/spec.yaml:22:9: sections[0].blocks[0].text: warning: the text refers to a "
        "table, but in the narrow editions (A5, large print) a wide table prints as one card "
        "per row (refer to what it shows, or to 'below', instead of 'the table')"]


def test_a_citation_every_cell_shares_is_said_once(write_spec, tmp_path):
    table = ("sections:\n  - heading: Doses\n    blocks:\n"
             "      - table:\n          caption: Usual doses\n"
             "          columns: [Drug, Dose]\n"
             "          rows:\n"
             "            - [Alectinib, '600 mg twice daily [@x, section 3]']\n"
             "            - [Brigatinib, '180 mg once daily [@x, section 3]']\n")
    path = write_spec(MINIMAL + table)
    write_spec("references:\n  - {id: x, type: report, title: Leaflets, issued: 2020}\n",
               "references.yaml")
    built([path], tmp_path / "out")
    text = " ".join(PdfReader(tmp_path / "out" / "mini-v1.0.0.pdf").pages[0].extract_text()
                    .split())
    assert text.count("section 3") == 1
    assert "Usual doses (Leaflets, 2020, section 3)" in text


def test_the_leaflet_carries_the_publishers_name_logo_reference_phone_and_formats(
        write_spec, tmp_path):
    path = write_spec(MINIMAL.replace("producer: Test producer\ncontact: test@example.org\n",
                                      ""))
    (tmp_path / "logo.png").write_bytes(png(40, 20))
    (tmp_path / "handouts.yaml").write_text(
        "publisher:\n  name: Anytown NHS Trust\n  phone: 01234 567890\n  logo: logo.png\n"
        "  reference: LUNG-{slug}-{major}\n")
    built([path], tmp_path / "out")
    pdf = PdfReader(tmp_path / "out" / "mini-v1.0.0.pdf")
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    for words in ("Published by Anytown NHS Trust", "Phone 01234 567890",
                  "Leaflet reference LUNG-mini-1", "Other formats This information is also "
                  "available in large print"):
        assert words in text
    images = pdf.pages[0]["/Resources"].get("/XObject", {})
    assert any(images[k].get_object()["/Subtype"] == "/Image" for k in images)


def test_a_missing_logo_or_a_bad_reference_scheme_is_a_located_error(write_spec, tmp_path):
    path = write_spec(MINIMAL)
    (tmp_path / "handouts.yaml").write_text(
        "publisher:\n  logo: logo.png\n  reference: LUNG-{name}\n")
    assert errors([path]) == [
        "handouts.yaml:2:3: publisher.logo: no logo file 'logo.png' beside handouts.yaml "
        "(check the name, relative to handouts.yaml)",
        "handouts.yaml:3:3: publisher.reference: the leaflet reference 'LUNG-{name}' uses "
        "'{name}' (use only {slug}, {version} and {major}, with nothing inside the braces but "
        "the name, e.g. LUNG-{slug}-{major})"]

