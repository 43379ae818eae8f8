"""Lay out sections and their blocks: paragraphs, lists, step panels, tables and callouts."""

from __future__ import annotations

import re
from dataclasses import replace

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from handouts.errors import Location, Problem, SpecError
from handouts.layout.quoting import html_text
from handouts.model.handout import Block, Callout, Handout, Section, Step
from handouts.model.handout import Table as TableSpec
from handouts.render import rlprivate
from handouts.render.boxes import Box
from handouts.render.chart import chart_flowables
from handouts.render.styles import ACCENT, INK, Doc, table_style

GRID = colors.HexColor("#8c8c8c")
HEADER_FILL = colors.HexColor("#e3e3e3")
CALLOUT_FILL = colors.HexColor("#f1f1f1")
STEP_FILL = colors.HexColor("#dbe5f0")
ALERT_FILL = colors.HexColor("#ffe9a8")


SMALL_TABLE = 3  # rows: a table this short is kept on one page
ROOM_BELOW_HEADING = 110.0  # points: a heading lower on the page than this starts a new page


def keep_together(flowables: list[Flowable]) -> KeepTogether:
    """Return flowables kept on one page, any KeepTogether among them opened up: one inside
    another would measure as taller than any page, and move whole to the next."""
    flat: list[Flowable] = []
    for flowable in flowables:
        inner = isinstance(flowable, KeepTogether)
        flat += rlprivate.parts(keep_together(rlprivate.parts(flowable))) if inner \
            else [flowable]
    return KeepTogether(flat)


def section_flowables(section: Section, doc: Doc, handout: Handout) -> list[Flowable]:
    """Return a section: its heading (never last on a page), then each block.

    The heading is not bound to its first block, so a long table after it can
    start on the same page and split, instead of moving whole and leaving a gap.
    """
    out: list[Flowable] = [CondPageBreak(ROOM_BELOW_HEADING),
                           Paragraph(html_text(section.heading), doc.styles["section"])]
    for block in section.blocks:
        out += block_flowables(block, doc, handout)
    return out + sources_line(section, doc)


def sources_line(part: object, doc: Doc) -> list[Flowable]:
    """Return the sources of a section, said once at its end, where citations are not
    printed in the text (patient handouts)."""
    said = doc.sources_of(part) if doc.sources_last else ""
    return [Paragraph(said, doc.styles["small"])] if said else []


def block_flowables(block: Block, doc: Doc, handout: Handout) -> list[Flowable]:
    """Return the flowables of one block."""
    s = doc.styles
    if block.chart:
        chart = next(c for c in handout.flowcharts if c.id == block.chart)
        return chart_flowables(chart, chart.title or "Flowchart", doc, "h3")
    if block.text:
        return [Paragraph(doc.markup(block.text), s["body"])]
    if block.bullets:
        return [*(Paragraph(doc.markup(item), s["bullet"], bulletText="•")
                  for item in block.bullets), Spacer(1, 4)]
    if block.numbered:
        return [*(Paragraph(doc.markup(item), s["numbered"], bulletText=f"{i}.")
                  for i, item in enumerate(block.numbered, start=1)), Spacer(1, 4)]
    if block.steps:
        return [fits_page(step_panel(i, step, doc), doc, step.where.at(), "step")
                for i, step in enumerate(block.steps, start=1)]
    if block.table is not None:
        return table_flowables(block.table, doc)
    if block.callout is not None:
        return [callout_box(block.callout, doc)]
    return []


def fits_page(flowable: Flowable, doc: Doc, where: Location, what: str) -> Flowable:
    """Return ``flowable``, or raise a located problem if it is taller than a page."""
    width, height = doc.frame()
    parts = rlprivate.parts(flowable) or [flowable]  # a KeepTogether measures its parts
    tall = sum(part.wrap(width, 100_000)[1] for part in parts)
    if tall > height:
        raise SpecError([Problem(where, f"this {what} is too tall to fit on a page ({tall:.0f} "
                                        f"pt, {height:.0f} pt at most)",
                                 "shorten it, or split it into several")])
    return flowable


def step_panel(number: int, step: Step, doc: Doc) -> Flowable:
    """Return one numbered step as a boxed panel: a large number beside its text."""
    s = doc.styles
    body: list[Flowable] = [Paragraph(html_text(step.title), s["h3"]),
                            Paragraph(doc.with_sources(step.what, step.sources), s["body"])]
    if step.when:
        body.append(Paragraph(f"<b>When:</b> {doc.markup(step.when)}", s["body"]))
    width = doc.frame()[0]
    panel = Table([[Paragraph(str(number), s["step_number"]), body]],
                  colWidths=[40, width - 40])
    panel.setStyle(table_style(
        ("BOX", (0, 0), (-1, -1), 1, INK),
        ("BACKGROUND", (0, 0), (0, 0), STEP_FILL),
        ("LINEAFTER", (0, 0), (0, 0), 1, INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (1, 0), (1, 0), 8),
    ))
    return keep_together([panel, Spacer(1, 8)])


def boxed(body: list[Paragraph], doc: Doc, rule: object = ACCENT,
          fill: object = CALLOUT_FILL) -> Flowable:
    """Return paragraphs in a shaded box with a heavy left rule; a long box may split
    across pages, its second part headed by its first line and '(continued)'."""
    s = doc.styles
    return Box(list(body), doc.frame()[0], fill, INK, rule, s["body"], s["body"].leading,
               continues=body[0].getPlainText() if body else "")


def callout_box(callout: Callout, doc: Doc) -> Flowable:
    """Return advice that must stand out: a shaded box with a heavy left rule."""
    s = doc.styles
    return boxed([Paragraph(html_text(callout.title), s["h3"]),
                  Paragraph(doc.with_sources(callout.text, callout.sources), s["body"])], doc)


def alert_box(text: str | list[Paragraph], doc: Doc) -> Flowable:
    """Return a warning no reader can miss: bold text (or the paragraphs given) in a box with
    a heavy black rule."""
    body = text if isinstance(text, list) else [
        Paragraph(f"<b>{html_text(text)}</b>", doc.styles["body"])]
    return boxed(body, doc, rule=INK, fill=ALERT_FILL)


def column_widths(spec: TableSpec, width: float) -> list[float]:
    """Share ``width`` among the columns by their relative widths (equal by default)."""
    weights = [float(w) for w in spec.widths] or [1.0] * len(spec.columns)
    return [width * w / sum(weights) for w in weights]


def table_flowables(spec: TableSpec, doc: Doc) -> list[Flowable]:
    """Return a table whose header repeats on every page it crosses.

    A row too tall for a page cannot be split cleanly, so it is reported as a
    problem at its line in the spec instead.
    """
    s = doc.styles
    spec = cite_once(spec)
    widths = column_widths(spec, doc.frame()[0])
    out: list[Flowable] = []
    if spec.caption or spec.sources:
        caption = doc.with_sources(spec.caption, spec.sources)
        out += [CondPageBreak(ROOM_BELOW_HEADING), Paragraph(caption, s["caption"])]
    if not words_fit(spec, widths, doc):
        return out + stacked_rows(spec, doc)
    header = [Paragraph(html_text(c), s["cell_head"]) for c in spec.columns]
    rows = [[Paragraph(doc.markup(cell), s["cell"]) for cell in row]
            for row in spec.rows]
    _check_row_heights(spec, header, rows, widths, doc)
    table = Table([header, *rows], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, INK),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ))
    if len(spec.rows) <= SMALL_TABLE:  # a short table reads badly split across pages
        return out + [keep_together([table, Spacer(1, 8)])]
    return out + [table, Spacer(1, 8)]


TRAILING_CITATION = re.compile(r"\s*\[(@[^\[\]]+)\]\s*$")


def cite_once(spec: TableSpec) -> TableSpec:
    """Return a table whose cells all end with the same citation with that citation said
    once, after its caption, instead of in every cell."""
    cells = [cell for row in spec.rows for cell in row[1:] if cell.strip()]
    ends = {m.group(1) if (m := TRAILING_CITATION.search(cell)) else None for cell in cells}
    if len(cells) < 2 or len(ends) != 1 or None in ends:
        return spec
    shared = [part.strip().lstrip("@") for part in ends.pop().split(";")]  # type: ignore[union-attr]
    rows = tuple((row[0], *(TRAILING_CITATION.sub("", cell) for cell in row[1:]))
                 for row in spec.rows)
    return replace(spec, rows=rows, sources=(*spec.sources, *shared))


def words_fit(spec: TableSpec, widths: list[float], doc: Doc) -> bool:
    """Tell whether every word of every column fits its column's width unbroken."""
    style = doc.styles["cell_head"]  # bold: the widest face used in a table
    for column, width in enumerate(widths):
        cells = [spec.columns[column], *(row[column] for row in spec.rows)]
        words = (word for cell in cells for word in cell.split())
        widest = max((stringWidth(w, style.fontName, style.fontSize) for w in words), default=0)
        if widest > width - 10:  # the cell's padding
            return False
    return True


def stacked_rows(spec: TableSpec, doc: Doc) -> list[Flowable]:
    """Return a table too wide for the page as one boxed card per row (large print, A5).

    Every cell keeps its column's header as a label, in regular weight; the first cell,
    which names the row, is set in bold.
    """
    s = doc.styles
    panels: list[Flowable] = []
    for row in spec.rows:
        body = [
            Paragraph(f"{html_text(column)}: " + (f"<b>{doc.markup(cell)}</b>" if not j
                                                   else doc.markup(cell)), s["body"])
            for j, (column, cell) in enumerate(zip(spec.columns, row)) if cell.strip()]
        panels.append(boxed(body, doc, rule=GRID, fill=colors.white))
    return panels


def _check_row_heights(spec: TableSpec, header: list[Paragraph], rows: list[list[Paragraph]],
                       widths: list[float], doc: Doc) -> None:
    """Raise a located problem for each row that would not fit on a page under the header."""
    def height(cells: list[Paragraph]) -> float:
        return max(c.wrap(w - 10, 100_000)[1] for c, w in zip(cells, widths)) + 8

    room = doc.frame()[1] - height(header) - 40
    problems = [
        Problem(spec.where.at(f"rows[{i}]"),
                f"row is too tall to fit on a page ({height(row):.0f} pt, {room:.0f} pt at most)",
                "split it into several rows, or shorten its cells")
        for i, row in enumerate(rows) if height(row) > room
    ]
    if problems:
        raise SpecError(problems)
