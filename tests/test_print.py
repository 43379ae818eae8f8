"""Print-ready pages: each rule a hospital print reviewer checks, tested on every page of
every edition of the shipped handouts and pack (A4, A5 and its booklet, Letter, large
print), built as a trust would print them: with a real-looking address (so every page has
its QR code) and a publisher with a phone number and a leaflet reference scheme."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph, SimpleDocTemplate

from handouts.fonts import register_fonts
from handouts.model.profile import MM, PROFILES, SAFE
from handouts.render.booklet import booklet_order, impose
from handouts.render.chart import title_of
from handouts.render.harvard import link_urls
from handouts.render.styles import paragraph_styles
from handouts.spec.project import load_project

from .conftest import MINIMAL, SPECS, built, errors, png
from .pages import BLANK_ON_PURPOSE, Page, read_pages

pytestmark = pytest.mark.needs_dot
PROJECT = load_project(SPECS)
EDITIONS = ("a4", "a5", "letter", "large-print")
BODY = {"a4": 12.0, "a5": 12.0, "letter": 12.0, "large-print": 16.0}
SETTINGS = """\
base_url: https://handouts.nhs.uk/alk
publisher:
  name: Anytown Hospitals NHS Foundation Trust
  phone: 01234 567890
  reference: LUNG-{slug}-{major}
  urgent_phone: 01234 567999
"""
PATIENT = PROJECT.handout("alk-taking-your-medicine")
(PACK,) = PROJECT.packs
LEAST_FILL = 0.29
"""30%, as the balancer measures it, less what a PDF's text cannot show: the padding and
border under a box's or a table's last line."""


@pytest.fixture(scope="module")
def shelf(tmp_path_factory) -> Path:
    """Every shipped handout and the pack, in every edition, as a trust would publish them."""
    root = tmp_path_factory.mktemp("print")
    shutil.copytree(SPECS, root / "specs")
    (root / "handouts.yaml").write_text(SETTINGS, encoding="utf-8")
    built(root / "specs", root / "out", EDITIONS)
    return root / "out"


def documents(shelf: Path) -> list[tuple[Path, str]]:
    """Return each built document with its edition (the booklet files left out)."""
    found = []
    for pdf in sorted(shelf.glob("*.pdf")):
        if "flowchart" in pdf.name or pdf.name.endswith("-booklet.pdf"):
            continue
        edition = next((e for e in EDITIONS[1:] if pdf.stem.endswith(f"-{e}")), "a4")
        found.append((pdf, edition))
    return found


def text_pages(pdf: Path, edition: str) -> list[Page]:
    """Return the pages of text of a document: not those left blank on purpose or ruled
    for notes, nor an A5 booklet's back cover if it has a page of its own."""
    pages = [page for page in read_pages(pdf) if not page.spare]
    title = PdfReader(pdf).metadata.title
    if edition == "a5" and title.startswith(pages[-1].content()[0].text):
        pages = pages[:-1]  # the back cover opens with the title; shared, text comes first
    return pages


CHART = re.compile(r"\(part \d+ of \d+\)|Box: a treatment|where the pathway starts")
"""A page that shows a flowchart or its key: how those fall is the chart engine's to say."""


def test_no_page_but_the_last_is_less_than_30_percent_full(shelf):
    """A page left blank on purpose, a notes page, a booklet's back cover and the last page
    of text are the only ones that may be emptier (and a flowchart's pages)."""
    empty = []
    for pdf, edition in documents(shelf):
        top = PROFILES[edition].top
        for page in text_pages(pdf, edition)[:-1]:
            if page.fill(top) < LEAST_FILL and not CHART.search(page.text()):
                empty.append(f"{pdf.name} page {page.number}: {page.fill(top):.0%}")
    assert empty == []


def test_every_part_of_a_split_chart_has_its_page_with_its_key(shelf):
    """A continuation box names the page of the part it leads to, counting one page a part:
    a part's key spilling onto a page of its own (as a two-line heading once made it in
    large print) would send a reader to the wrong page. So each part is on the page after
    the one before, and no page shows a key without the heading of its chart or part."""
    titles = {title_of(c) for h in PROJECT.handouts for c in h.charts}
    wrong, split = [], 0
    for pdf, _ in documents(shelf):
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
        held = {(int(part), int(count), number) for number, text in enumerate(pages, 1)
                for part, count in re.findall(r"\(part (\d+) of (\d+)\)", text)}
        split += bool(held)
        wrong += [f"{pdf.name}: part {part} of {count} on page {number}, part {part - 1} "
                  f"not on page {number - 1}" for part, count, number in held
                  if part > 1 and (part - 1, count, number - 1) not in held]
        wrong += [f"{pdf.name}: page {number} shows a key without its chart"
                  for number, text in enumerate(pages, 1) if "Box: a treatment" in text
                  and not any(title in text for title in titles)]
    assert sorted(wrong) == []
    assert split  # the test has split charts to look at (A5, large print)


def test_a_sections_sources_never_open_a_page(shelf):
    """Where a patient handout says its sources once at the end of each section, that line
    stays on the page of the section's end: alone at the top of a page, it reads as
    belonging to what follows."""
    opening = [f"{pdf.name} page {page.number}" for pdf, edition in documents(shelf)
               for page in text_pages(pdf, edition)[1:]
               if page.content() and page.content()[0].text.startswith("Sources:")]
    assert opening == [], opening


def test_the_urgent_number_on_the_web_is_a_link_to_call_and_never_breaks(shelf):
    """On a phone the patient handout's 24-hour number is one tap away, and all on one line."""
    for page in (f"{PATIENT.slug}-v{PATIENT.version}.html", f"{PACK.slug}-v{PACK.version}.html"):
        html = (shelf / page).read_text("utf-8")
        assert '<a class="tel" href="tel:01234567999">01234 567999</a>' in html, page
    css = (SPECS.parent / "handouts" / "render" / "templates" / "handout.css").read_text()
    assert ".tel{white-space:nowrap" in css


def test_no_heading_ends_a_page(shelf):
    alone = []
    for pdf, edition in documents(shelf):
        for page in read_pages(pdf):
            content = page.content()
            if content and not page.spare and content[-1].bold \
                    and content[-1].size > BODY[edition] + 0.4:
                alone.append(f"{pdf.name} page {page.number}: {content[-1].text!r}")
    assert alone == []


def words_of(text: str, last: bool) -> str:
    """Return a few words of spec text as a page prints them: its last (before any
    citation) or its first."""
    plain = " ".join(re.sub(r"\[@[^\]]*\]|\*\*", "", text).split()).rstrip(" .:")
    return " ".join(plain.split()[-7:] if last else plain.split()[:4])


def test_a_paragraph_that_introduces_a_list_or_table_stays_with_it(shelf):
    pairs = []
    for handout in PROJECT.handouts:
        for section in handout.sections:
            for block, after in zip(section.blocks, section.blocks[1:]):
                first = (after.bullets or after.numbered or
                         ([after.table.columns[0]] if after.table else []))
                if block.text and first:
                    pairs.append((handout, words_of(block.text, True),
                                  words_of(first[0], False)))
    assert len(pairs) >= 5
    for pdf, _ in documents(shelf):
        read = read_pages(pdf)
        pages = [re.sub(r" ([,.;:)])", r"\1", " ".join(page.text().split()))
                 for page in read]  # bold and regular runs joined as printed
        for handout, end, start in pairs:
            if not pdf.name.startswith((handout.slug + "-v", PACK.slug)):
                continue
            title = " ".join(handout.title.split())
            ending = [n for n, text in enumerate(pages) if end in text
                      and title in " ".join(" ".join(ln.text for ln in read[n].footer()).split())]
            assert ending and all(start in pages[n] for n in ending), (pdf.name, end, start)


def test_the_list_of_warning_signs_is_never_split(shelf):
    """'Get help straight away': every sign on one page, in every edition, the pack's too;
    in A5, where the signs at 14 pt are taller than a page, on the two pages of one spread,
    the booklet lying open at them."""
    signs = [item.split(" [@")[0][:40] for section in PATIENT.sections
             for block in section.blocks for item in block.bullets
             if section.heading == "Get help straight away"]
    assert len(signs) >= 8
    for pdf, edition in documents(shelf):
        if not pdf.name.startswith((PATIENT.slug, PACK.slug)):
            continue
        texts = [" ".join(page.text().split()) for page in read_pages(pdf)]
        pages = [n for n, text in enumerate(texts, start=1)
                 if any(sign[:30] in text for sign in signs)]
        if edition == "a5":
            assert (len(pages) <= 2 and pages[0] % 2 == 0) or len(pages) == 1, (pdf.name, pages)
        else:
            assert len(pages) == 1, (pdf.name, pages)
        assert all(any(sign[:30] in texts[n - 1] for n in pages) for sign in signs)


def grids(edition_shelf: list[tuple[Path, str]]):
    """Yield each table printed as a grid: its document, title, columns and row names."""
    for handout in PROJECT.handouts:
        for section in handout.sections:
            for block in section.blocks:
                table = block.table
                if table is None:
                    continue
                for pdf, edition in edition_shelf:
                    if pdf.name.startswith(f"{handout.slug}-v"):
                        yield pdf, edition, table.caption or section.heading, table


def test_a_table_never_parts_its_header_from_two_rows_and_says_where_it_continues(shelf):
    seen = 0
    for pdf, _, title, table in grids(documents(shelf)):
        header = " ".join(table.columns)
        names = [row[0].split()[0] for row in table.rows]
        pages = [page for page in read_pages(pdf)
                 if any(ln.text == header and ln.bold for ln in page.content())]
        for n, page in enumerate(pages):
            lines = [ln.text for ln in page.content()]
            below = lines[lines.index(header) + 1:]
            rows = [name for name in names if any(ln.startswith(name) for ln in below)]
            assert len(rows) >= 2, (pdf.name, page.number, rows)
            above = lines[lines.index(header) - 1]
            if n:  # the same table, continued
                assert above == f"{title} (continued)", (pdf.name, page.number, above)
            else:
                assert not above.endswith("(continued)"), (pdf.name, page.number)
            seen += n
    assert seen >= 2  # continued tables in the shipped handouts


def test_large_print_never_splits_a_card_and_no_card_breaks_mid_phrase(shelf):
    cards = {f"{row[0]} (continued)" for _, _, _, table in grids(documents(shelf))
             for row in table.rows}
    for pdf, edition in documents(shelf):
        pages = read_pages(pdf)
        text = [" ".join(page.text().split()) for page in pages]
        if edition == "large-print":  # a box splits only if it is taller than 2/3 of a page
            continued = [ln.text for page in pages for ln in page.content()
                         if ln.text in cards]
            assert continued == [], pdf.name
        if pdf.name.startswith("alk-side-effects"):  # the review's "(listed as" / "serious)"
            split = [n for n, t in enumerate(text, start=1)
                     if "bradycardia (listed" in t and "serious)" not in t]
            assert split == [], pdf.name


def test_the_patient_handout_is_set_for_patients_in_the_pack_too(shelf):
    for pdf, edition in documents(shelf):
        if not pdf.name.startswith(PACK.slug):
            continue
        pages = read_pages(pdf)
        part = [p for p in pages if PATIENT.title in " ".join(ln.text for ln in p.footer())]
        assert part, pdf.name
        body = max(ln.size for p in part for ln in p.content()
                   if ln.text.startswith("Your ALK inhibitor is a cancer drug"))
        assert body == (16.0 if edition == "large-print" else 14.0), pdf.name
        first = " ".join(part[0].text().split())
        assert first.index("Call 999 at once") < first.index("If you feel very unwell")
        signs = [ln.text for p in part for ln in p.content() if ln.text.startswith("• ")]
        assert signs and not any("European Medicines Agency" in s for s in signs), signs
        assert sum(ln.text.startswith("Sources:") for p in part for ln in p.content()) >= 5


def test_every_page_of_the_pack_says_which_handout_and_version_it_is(shelf):
    for pdf, _ in documents(shelf):
        if not pdf.name.startswith(PACK.slug):
            continue
        pages = read_pages(pdf)
        owners = []
        for page in pages:
            footer = " ".join(" ".join(ln.text for ln in page.footer()).split())
            handout = next((h for h in PROJECT.handouts if " ".join(h.title.split()) in footer),
                           None)
            if handout is None:
                assert PACK.title in footer and f"Pack version {PACK.version}" in footer
                owners.append(PACK.slug)
            else:
                assert f"Version {handout.version}" in footer, (pdf.name, page.number)
                assert f"Pack version {PACK.version}" in footer, (pdf.name, page.number)
                owners.append(handout.slug)
        assert set(owners) == {h.slug for h in PROJECT.handouts} | {PACK.slug}
        assert owners[0] == owners[-1] == PACK.slug  # the cover; the references


def test_a_booklet_ends_on_its_back_cover_with_notes_before_it(shelf):
    for pdf, edition in documents(shelf):
        if edition != "a5":
            continue
        pages = read_pages(pdf)
        back = " ".join(pages[-1].text().split())
        version = re.search(r"-v([\d.]+)-a5", pdf.name)[1]
        reference = f"LUNG-{pdf.name.split('-v')[0]}-{version.split('.')[0]}"
        for words in ("Published by Anytown Hospitals NHS Foundation Trust",
                      "Phone 01234 567890", f"ersion {version}", "Other formats This "
                      "information is also available in large print",
                      f"Print the file {pdf.stem}-booklet.pdf double-sided on A4 paper, "
                      "flipping on the short edge, at actual size (100%"):
            assert words in back, (pdf.name, words)
        if not pdf.name.startswith(PACK.slug):
            assert f"Leaflet reference {reference}" in back, pdf.name
        notes = [p.number for p in pages if p.spare and p.content()[0].text == "Notes"]
        assert notes == list(range(len(pages) - len(notes), len(pages))), pdf.name
        first_side = PdfReader(pdf.with_name(f"{pdf.stem}-booklet.pdf")).pages[0].extract_text()
        assert "To print this booklet" in first_side  # on screen, before anyone prints


def test_every_footer_gives_the_whole_title_at_9_pt_or_more(shelf):
    for pdf, edition in documents(shelf):
        title = " ".join(PdfReader(pdf).metadata.title.split())
        least = 16.0 if edition == "large-print" else 9.0
        for page in read_pages(pdf):
            footer = page.footer()
            words = " ".join(" ".join(ln.text for ln in footer).split())
            assert title in words or pdf.name.startswith(PACK.slug), (pdf.name, page.number)
            assert min(ln.size for ln in footer) >= least, (pdf.name, page.number)
            assert page.band() or "DRAFT" not in page.text()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_nothing_is_printed_within_10_mm_of_the_paper_edge(shelf, tmp_path):
    """Many office printers leave 4-6 mm unprinted: the draft band, the footer and the QR
    code stay inside a 10 mm safe area (drawn at 36 dpi: 14 pixels)."""
    from PIL import Image

    edge = int(SAFE / 72 * 36) - 1  # a pixel's leeway for antialiasing
    for pdf, _ in documents(shelf):
        subprocess.run(["pdftoppm", "-r", "36", "-gray", str(pdf), str(tmp_path / pdf.stem)],
                       check=True, timeout=120)
        for image in sorted(tmp_path.glob(f"{pdf.stem}-*.pgm")):
            page = Image.open(image)
            width, height = page.size
            strips = [(0, 0, width, edge), (0, height - edge, width, height),
                      (0, 0, edge, height), (width - edge, 0, width, height)]
            darkest = [page.crop(strip).getextrema()[0] for strip in strips]
            assert min(darkest) >= 200, (image.name, darkest)  # white, or nearly
            image.unlink()
    assert SAFE == 10 * MM


def test_journal_titles_are_italic_except_in_large_print(shelf):
    journals = 0
    for pdf, edition in documents(shelf):
        lines = [ln for page in read_pages(pdf) for ln in page.content()]
        if edition == "large-print":
            assert not [ln for ln in lines if any("Oblique" in f for _, f in ln.runs)]
            continue
        for line in lines:
            named = [(text, font) for text, font in line.runs if "Journal of" in text]
            if named and line.size < BODY[edition]:  # a reference list entry
                assert all("Oblique" in font for _, font in named), (pdf.name, line.runs)
                journals += 1
    assert journals > 20


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
        lefts = {p.number % 2: min(ln.x for ln in p.footer()) for p in pages[:2]}
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

