"""Tables: a grid whose header repeats on every page it crosses, or, too wide for the page,
one card per row.

A table splits only between rows, with at least two rows on each side of the break, and
its second part opens with its title and '(continued)' above the repeated header; a table
of three rows or fewer never splits.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from handouts.errors import Problem, SpecError
from handouts.layout.quoting import html_text
from handouts.model.handout import Table as TableSpec
from handouts.render import rlprivate
from handouts.render.boxes import boxed
from handouts.render.pagebreaks import ROOM_BELOW_HEADING, keep_together
from handouts.render.styles import INK, Doc, table_style

GRID = colors.HexColor("#8c8c8c")
HEADER_FILL = colors.HexColor("#e3e3e3")
SMALL_TABLE = 3
"""Rows: a table this short is kept on one page."""
LEAST_ROWS = 2
"""Rows a split leaves on each side of the break, at least."""


class ContinuedTable(Table):
    """A table that splits only between rows, two at least on each side, its second part
    headed by its title and '(continued)'."""

    title = ""
    title_style: ParagraphStyle | None = None

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        heights = rlprivate.row_heights(self)
        head = rlprivate.repeated_rows(self)
        used, fits = sum(heights[:head]), 0
        for height in heights[head:]:
            if used + height > avail_height:
                break
            used, fits = used + height, fits + 1
        fits = min(fits, len(heights) - head - LEAST_ROWS)
        if fits < LEAST_ROWS:
            return []
        parts = super().split(avail_width, sum(heights[:head + fits]) + 0.01)
        if len(parts) != 2:
            return parts
        for part in parts:
            part.title, part.title_style = self.title, self.title_style  # type: ignore[attr-defined]
        if self.title_style is None:
            return parts
        label = Paragraph(f"{html_text(self.title)} (continued)" if self.title
                          else "(continued)", self.title_style)
        label.keepWithNext = 1  # type: ignore[attr-defined]
        return [parts[0], label, parts[1]]


def column_widths(spec: TableSpec, width: float) -> list[float]:
    """Share ``width`` among the columns by their relative widths (equal by default)."""
    weights = [float(w) for w in spec.widths] or [1.0] * len(spec.columns)
    return [width * w / sum(weights) for w in weights]


def table_flowables(spec: TableSpec, doc: Doc, heading: str = "") -> list[Flowable]:
    """Return a table whose header repeats on every page it crosses, its title (its caption,
    or else ``heading``, its section's) and '(continued)' above the repeat.

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
    table = ContinuedTable([header, *rows], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.title, table.title_style = spec.caption or heading, s["caption"]
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

    Every cell keeps its column's header as a label, in bold, so the eye finds each; the
    first cell, which names the row (and the card), is bold throughout.
    """
    s = doc.styles
    panels: list[Flowable] = []
    for row in spec.rows:
        body = [
            Paragraph(f"<b>{html_text(column)}:</b> " + (f"<b>{doc.markup(cell)}</b>" if not j
                                                         else doc.markup(cell)), s["body"])
            for j, (column, cell) in enumerate(zip(spec.columns, row)) if cell.strip()]
        title = Paragraph(doc.markup(row[0]), s["body"]).getPlainText().strip()
        panels.append(boxed(body, doc, rule=GRID, fill=colors.white, title=title))
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
