"""What is kept on one page and what may split, laid out by ReportLab on a small page: lists,
boxes (cards, callouts), tables, and the end of a handout."""

from __future__ import annotations

import datetime
import io

import pytest
from pypdf import PdfReader
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)

from handouts.fonts import register_fonts
from handouts.model.handout import Table as TableSpec
from handouts.model.profile import PROFILES
from handouts.model.settings import Publisher
from handouts.render.blocks import list_flowables
from handouts.render.boxes import boxed
from handouts.render.handout import ending
from handouts.render.harvard import Citer
from handouts.render.styles import Doc
from handouts.render.tables import table_flowables
from handouts.spec.bibliography import Bibliography

DOC = Doc(PROFILES["a4"], Citer(Bibliography(""), []), datetime.date(2026, 1, 1), Publisher())
LARGE = Doc(PROFILES["large-print"], DOC.citer, DOC.today, Publisher())
STYLES = DOC.styles


def pages_of(flowables, doc: Doc = DOC, leave: float = 60.0) -> list[str]:
    """Lay out ``flowables`` below a spacer that leaves ``leave`` points of the first page;
    return the text of each page, its whitespace made single."""
    out = io.BytesIO()
    width, height = doc.frame()
    register_fonts()
    page = BaseDocTemplate(out, pagesize=(width + 80, height + 80))
    page.addPageTemplates([PageTemplate("page", [Frame(40, 40, width, height, leftPadding=0,
                                                       rightPadding=0, topPadding=0,
                                                       bottomPadding=0)])])
    page.build([Spacer(width, height - leave)] * (leave > 0) + list(flowables))
    return [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]


def page_of(pages: list[str], words: str) -> list[int]:
    return [n for n, text in enumerate(pages, start=1) if words in text]


def test_a_list_that_fits_in_half_a_page_moves_whole_to_the_next():
    items = [Paragraph(f"warning sign number {n}", STYLES["bullet"], bulletText="•")
             for n in range(1, 10)]
    pages = pages_of(list_flowables(items, DOC), leave=80)
    assert [page_of(pages, f"number {n}") for n in (1, 9)] == [[2], [2]]


def test_a_list_a_sentence_announces_stays_whole_if_it_fits_on_a_page():
    signs = [Paragraph(f"warning sign {n:02} " + "word " * 40, STYLES["bullet"], bulletText="•")
             for n in range(1, 13)]  # about two thirds of a page
    pages = pages_of(list_flowables(signs, DOC, announced=True), leave=300)
    assert page_of(pages, "sign 01") == page_of(pages, "sign 12") == [2]
    pages = pages_of(list_flowables(signs, DOC), leave=300)  # not announced: it splits
    assert page_of(pages, "sign 01") == [1]


def items(count: int) -> list[Paragraph]:
    return [Paragraph(f"item {n:02} " + "word " * 30, STYLES["bullet"], bulletText="•")
            for n in range(1, count + 1)]


def per_page(pages: list[str], count: int) -> list[int]:
    """Return how many of ``count`` items (or rows) each page holds."""
    return [sum(f"item {n:02}" in text or f"Drug{n:02}" in text for n in range(1, count + 1))
            for text in pages]


def test_a_longer_list_splits_between_items_never_leaving_one_alone():
    first = per_page(pages_of(list_flowables(items(40), DOC), leave=0), 40)[0]
    alone = first + 1  # one item more than a page holds: the last would be alone
    held = per_page(pages_of(list_flowables(items(alone), DOC), leave=0), alone)
    assert held[-1] >= 2, held
    one = pages_of(list_flowables(items(40), DOC), leave=40)  # room for one item only
    assert per_page(one, 40)[0] != 1


def card(lines: int, words: int = 12) -> list[Paragraph]:
    return [Paragraph(f"<b>Field {n}:</b> " + "text " * words + f"end of field {n}.",
                      STYLES["body"]) for n in range(1, lines + 1)]


def test_a_box_shorter_than_a_third_of_the_page_never_splits():
    body = card(8)  # about a quarter of an A4 page
    pages = pages_of([boxed(body, DOC, title="Crizotinib")], leave=120)
    assert page_of(pages, "Field 1:") == page_of(pages, "Field 8:") == [2]
    assert "continued" not in " ".join(pages)


@pytest.mark.parametrize("leave", [300, 330, 360, 390])
def test_a_taller_box_splits_between_its_paragraphs_under_its_title(leave):
    body = card(9, words=80)  # more than a third of the page, each field six lines
    pages = pages_of([boxed(body, DOC, title="Crizotinib")], leave=leave)
    assert len(pages) == 2 and page_of(pages, "Field 1:") == [1]
    split = next(n for n in range(1, 10) if page_of(pages, f"Field {n}:") == [2])
    assert pages[1].startswith(f"Crizotinib (continued) Field {split}:")
    assert pages[0].endswith(f"end of field {split - 1}.")  # not in the middle of a field


def test_a_box_in_large_print_never_splits_unless_it_is_taller_than_two_thirds_of_a_page():
    def box(fields: int):
        return boxed([Paragraph(f"<b>Field {n}:</b> " + "text " * 12, LARGE.styles["body"])
                      for n in range(1, fields + 1)], LARGE, title="Crizotinib")

    pages = pages_of([box(8)], LARGE, leave=300)  # about 60% of a page: whole, on page 2
    assert page_of(pages, "Field 1:") == page_of(pages, "Field 8:") == [2]
    pages = pages_of([box(11)], LARGE, leave=300)  # about 85%: it splits
    assert page_of(pages, "Field 1:") == [1] and "Crizotinib (continued)" in pages[1]


def table(rows: int, caption: str = "Usual doses") -> TableSpec:
    return TableSpec(columns=("Drug", "Usual dose"),
                     rows=tuple((f"Drug{n:02}", "a dose " * 6) for n in range(1, rows + 1)),
                     caption=caption)


def test_a_table_header_never_stands_with_fewer_than_two_rows():
    one_row = 46.0  # a header and one row fit here, after text, not two
    pages = pages_of(table_flowables(table(30, caption=""), DOC, "Doses"), leave=one_row)
    assert per_page(pages, 30)[0] == 0 and "Drug Usual dose" not in pages[0]


def test_a_table_never_leaves_one_row_alone_on_its_last_page():
    first = per_page(pages_of(table_flowables(table(60), DOC), leave=0), 60)[0]
    alone = first + 1  # one row more than the first page holds: it would be alone
    held = per_page(pages_of(table_flowables(table(alone), DOC), leave=0), alone)
    assert held[-1] >= 2, held


def test_a_continued_table_repeats_its_caption_and_header():
    pages = pages_of(table_flowables(table(60), DOC), leave=200)
    assert len(pages) >= 3
    assert pages[1].startswith("Usual doses (continued) Drug Usual dose Drug")
    assert pages[2].startswith("Usual doses (continued) Drug Usual dose Drug")


def test_the_end_of_a_handout_stays_on_the_page_when_it_fits():
    """The about block, kept with the last references, is one KeepTogether: nested in
    another, ReportLab would take it for taller than any page and move it whole."""
    references = [Paragraph("References", STYLES["h2"]),
                  *(Paragraph(f"Reference {n}.", STYLES["reference"]) for n in range(1, 6))]
    about = [Paragraph("About this handout", STYLES["h2"]),
             Paragraph("Published by a trust.", STYLES["body"])]
    assert len(pages_of(ending(references, about), leave=400)) == 1
    kept = [KeepTogether(about)]  # as about_section() once gave it
    assert len(pages_of(ending(references, kept), leave=400)) == 1


@pytest.mark.parametrize("profile, leading", [("a4", {0, 1}), ("a5", {1})])
def test_the_paragraphs_that_open_a_section_stay_with_its_list_where_all_fit_a_page(
        profile, leading):
    """'Get help straight away': its two opening paragraphs lead into the list of signs. In
    A4 heading, paragraphs and list fit one page, so both paragraphs are never last on a
    page; on an A5 page they cannot, so only the one that announces the list is."""
    from reportlab.platypus import Paragraph

    from handouts.flowchart.engine import ChartLayouts
    from handouts.model.profile import for_audience
    from handouts.model.settings import Settings
    from handouts.render.documents import handout_doc
    from handouts.render.kinds import Page, kind_of, leads
    from handouts.spec.project import load_project

    from .conftest import SPECS

    project = load_project(SPECS)
    patient = project.handout("alk-taking-your-medicine")
    section = next(s for s in patient.sections if s.heading == "Get help straight away")
    doc = handout_doc(patient, project.bibliography,
                      for_audience(PROFILES[profile], "patient"), datetime.date(2026, 12, 6),
                      Settings(), ChartLayouts())
    made = [kind_of(b).pdf(b, Page(doc, patient, section.heading)) for b in section.blocks]
    heading = Paragraph(section.heading, doc.styles["section"])
    assert [b.kind for b in section.blocks] == ["text", "text", "bullets"]
    assert leads(section, made, heading, doc.frame()) == leading
