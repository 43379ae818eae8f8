"""ReportLab's private attributes, each checked against the installed ReportLab: a new
ReportLab release that changes one of them fails here, not in a handout."""

from __future__ import annotations

import datetime
import io
import re
from typing import ClassVar

import reportlab
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.tableofcontents import TableOfContents

from handouts.render import rlprivate

from .conftest import ROOT

STYLE = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)


def version(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text)[:2])


def test_the_installed_reportlab_is_a_supported_one_and_pyproject_pins_the_same_range():
    low, high = rlprivate.SUPPORTED
    assert low <= version(reportlab.Version) < high, reportlab.Version
    pin = re.search(r'"reportlab>=([\d.]+),<([\d.]+)"', (ROOT / "pyproject.toml").read_text())
    assert pin, "pyproject.toml pins reportlab as >=LOW,<HIGH"
    assert (version(pin[1]), version(pin[2] + ".0")) == (low, high)


class Probe(Flowable):
    """Records what the private helpers say about the frame it is laid out in."""

    seen: ClassVar[list[tuple[bool, float, float]]] = []

    def wrap(self, avail_width, avail_height):
        frame = rlprivate.frame_of(self)
        Probe.seen.append((rlprivate.at_top(frame), rlprivate.cursor(frame),
                           rlprivate.used(frame)))
        return 10, 10

    def draw(self):
        pass


def doc(out, frame_class=Frame, first=None) -> BaseDocTemplate:
    document = BaseDocTemplate(out, pagesize=(200, 300), invariant=1)
    document.addPageTemplates([
        PageTemplate("page", [frame_class(0, 0, 200, 300, id="page", topPadding=0,
                                          bottomPadding=0)]),
        PageTemplate("turned", [frame_class(0, 0, 300, 200, id="turned", topPadding=0,
                                            bottomPadding=0)], pagesize=(300, 200))])
    return document


def test_a_flowable_sees_its_frame_its_cursor_and_whether_it_is_still_empty():
    Probe.seen = []
    doc(io.BytesIO()).build([Probe(), Spacer(1, 50), Probe()])
    assert Probe.seen == [(True, 300.0, 0.0), (False, 240.0, 60.0)]


def test_a_frame_moves_sideways():
    frame = Frame(10, 0, 100, 100, leftPadding=4)
    rlprivate.move_frame(frame, 30)
    assert (frame._x1, frame._x) == (30, 34)
    assert frame._getAvailableWidth() == 100 - 4 - frame._rightPadding  # the same width


def test_a_keep_together_shows_its_parts():
    parts = [Paragraph("a", STYLE), Paragraph("b", STYLE)]
    assert rlprivate.parts(KeepTogether(parts)) == parts
    assert rlprivate.parts(parts[0]) == []


def test_layout_marks_are_undone():
    heading = Paragraph("Heading", ParagraphStyle("h", STYLE, keepWithNext=1))
    marks = rlprivate.layout_marks(heading)
    assert marks is rlprivate.UNSET  # the style says so, not the flowable
    heading.__dict__["keepWithNext"] = 0  # what ReportLab does to a heading it kept
    heading._postponed = 1
    rlprivate.clear_layout_marks(heading, marks)
    assert heading.getKeepWithNext() == 1 and not hasattr(heading, "_postponed")


def test_a_canvas_holds_its_pages_back_and_draws_them_out_in_order():
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(200, 300), invariant=1)
    assert rlprivate.page_size(canvas) == (200.0, 300.0)
    held = []
    for word in ("first", "second"):
        canvas.drawString(10, 10, word)
        held.append(rlprivate.hold_page(canvas))
    assert canvas.getPageNumber() == 3
    for state in held:
        rlprivate.restore_page(canvas, state)
        canvas.drawString(10, 30, f"page {canvas.getPageNumber()}")
        canvas.showPage()
    canvas.save()
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert [" ".join(sorted(p.split())) for p in pages] == ["1 first page", "2 page second"]


def test_a_page_skipped_is_never_emitted():
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.drawString(10, 10, "gone")
    rlprivate.skip_page(canvas)
    canvas.drawString(10, 10, "kept")
    canvas.showPage()
    canvas.save()
    reader = PdfReader(out)
    assert [p.extract_text().strip() for p in reader.pages] == ["kept"]


def test_a_document_starts_at_a_given_page_in_a_given_template():
    out = io.BytesIO()
    document = doc(out)
    pages = []

    def begin():
        BaseDocTemplate.handle_documentBegin(document)
        rlprivate.start_at(document, 5, "turned")

    document.handle_documentBegin = begin
    document.afterPage = lambda: pages.append((document.page, document.canv.getPageNumber(),
                                               document.pageTemplate.id))
    document.build([Paragraph("x", STYLE)])
    assert pages == [(5, 5, "turned")]
    assert PdfReader(out).pages[0].mediabox.width == 300


def test_a_build_that_does_not_save_writes_nothing():
    out = io.BytesIO()
    document = doc(out)
    rlprivate.no_save(document)
    document.build([Paragraph("x", STYLE)])
    assert out.getvalue() == b""


def test_a_plain_build_tells_the_contents_what_each_page_holds():
    toc = TableOfContents()
    document = doc(io.BytesIO())
    document.afterFlowable = lambda f: document.notify("TOCEntry", (0, "x", document.page))
    rlprivate.listen(document, [toc])
    document.build([toc, Paragraph("x", STYLE)])
    assert toc._entries[-1][:3] == (0, "x", 1)


def test_a_flowable_placed_unseen_moves_the_cursor_and_draws_nothing():
    class Unseen(Frame):
        def add(self, flowable, canv, trySplit=0):
            return rlprivate.place_unseen(self, flowable, canv, trySplit)

    out = io.BytesIO()
    Probe.seen = []
    doc(out, Unseen).build([Paragraph("hidden words", STYLE), Spacer(1, 20), Probe()])
    assert Probe.seen == [(False, 300 - 12 - 20, 32.0)]
    assert "hidden" not in PdfReader(out).pages[0].extract_text()


def test_a_tables_rows_and_header():
    table = Table([["a"], ["b"], ["c"]], rowHeights=[10, 20, 30], repeatRows=1)
    table.wrap(100, 100)
    assert rlprivate.row_heights(table) == [10.0, 20.0, 30.0]
    assert rlprivate.repeated_rows(table) == 1
    assert rlprivate.repeated_rows(Table([["a"], ["b"]], repeatRows=(0, 1))) == 2


def test_a_pdf_is_dated_the_day_given_whatever_the_environment_says(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760000000")  # 2025-10-09: not the day given
    made = []
    for _ in range(2):
        out = io.BytesIO()
        canvas = Canvas(out)
        rlprivate.date_document(canvas, datetime.date(2025, 1, 1))
        canvas.drawString(10, 10, "x")
        canvas.save()
        made.append(out.getvalue())
    assert b"/CreationDate (D:20250101000000+00'00')" in made[0]
    assert b"/ModDate (D:20250101000000+00'00')" in made[0]
    assert made[0] == made[1]  # its /ID, seeded by the day, too


PRIVATE = re.compile(r"(?<!self)\.(_(?:atTop|x1?|y2?|geom|leftPadding|topPadding|add|content|"
                     r"postponed|pagesize|startPage|pageNumber|doSave|indexingFlowables|"
                     r"rowHeights|doctemplateAttr|doc|timeStamp))\b|[\"'](_content|_postponed)[\"']")


def test_no_other_module_touches_them():
    touching = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
                for path in sorted((ROOT / "handouts").rglob("*.py"))
                if path.name != "rlprivate.py"
                for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
                if PRIVATE.search(line)]
    assert touching == []
