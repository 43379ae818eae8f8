"""The sign-off sheet's table of statements: each beside the words of the passage it cites,
with a column to mark it correct or needing a change and room for the correction."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer, Table

from handouts.layout.quoting import html_text
from handouts.render.styles import MUTED, Doc, table_style
from handouts.spec.bibliography import Bibliography
from handouts.spec.signoff import source_name
from handouts.spec.statements import Statement
from handouts.versions.changed import Changes

NO_SOURCE = "no source"
NO_QUOTE = "no quote"
NOT_READ = "not yet read"
CHECK_BOX = "☐"
GRID = colors.HexColor("#888888")
HEAD = colors.HexColor("#e6e6e6")
OPEN = colors.HexColor("#fff3d1")


def source_cells(statement: Statement, bibliography: Bibliography,
                 quoted: dict[tuple[str, str], int] | None = None, number: int = 0) -> list[str]:
    """Return what the sheet prints beside a statement, one entry per source it cites: the
    source as readers know it, its locator, and the quoted wording of the passage (or 'no
    quote'); or 'no source'.

    ``quoted`` records which statement first printed each passage's quote (by source and
    locator): a passage quoted before is referred back to, not printed again.
    """
    if not statement.cites:
        return [f"<b>{NO_SOURCE}</b>"]
    quoted = {} if quoted is None else quoted
    parts = []
    for cite in statement.cites:
        reference = bibliography.get(cite.key)
        name = source_name(reference) if reference else cite.key
        where = f", {html_text(cite.locator)}" if cite.locator else ""
        quote = reference.quote(cite.locator) if reference and cite.locator else ""
        first = quoted.setdefault((cite.key, " ".join(cite.locator.split())), number)
        if quote and first != number:
            said = f"<font color='#3d3d3d'>quoted at statement {first}</font>"
        elif quote:
            said = f"<font color='#3d3d3d'>“{html_text(quote)}”</font>"
        else:
            said = f"<b>{NO_QUOTE}</b>"
        unread = f" <b>({NOT_READ})</b>" if reference is not None and not reference.read else ""
        parts.append(f"<b>{html_text(name)}</b>{where}{unread}: {said}")
    return parts


def statements_table(statements: Sequence[Statement], changes: Changes | None,
                     bibliography: Bibliography, doc: Doc) -> list[Flowable]:
    """Return the statements table, on turned pages: one row per statement and source it
    cites, so that a statement citing many sources may run on to the next page between
    them; ``changes`` marks what is new or changed."""
    s = doc.styles
    width = doc.frame(turned=True)[0]
    cell = s["cell"]
    place = ParagraphStyle("place", cell, textColor=MUTED, fontSize=9, leading=11.5)
    small = ParagraphStyle("source", cell, fontSize=9.5, leading=12)
    widths = [f * width for f in (0.04, 0.30, 0.42, 0.115, 0.125)]
    head = [Paragraph(f"<b>{h}</b>", cell) for h in
            ("#", "Statement, and where it is printed", "Source, and the words of the passage",
             "Correct / needs change", "Correction")]
    rows: list[list[Flowable]] = [head]
    lines: list[tuple[object, ...]] = [("LINEBELOW", (0, 0), (-1, 0), 0.5, GRID)]
    marks = changes.marks if changes else {}
    quoted: dict[tuple[str, str], int] = {}
    for number, statement in enumerate(statements, start=1):
        mark = marks.get(number - 1, "")
        flag = f" <b>[{mark}]</b>" if mark else ""
        first = len(rows)
        for index, source in enumerate(source_cells(statement, bibliography, quoted, number)):
            said: Flowable | list[Flowable] = Paragraph("", cell)
            if index == 0:
                said = [Paragraph(f"{html_text(statement.place)}{flag}", place),
                        Paragraph(html_text(statement.text), cell)]
            rows.append([Paragraph(str(number) if index == 0 else "", cell), said,
                         Paragraph(source, small),
                         Paragraph(f"{CHECK_BOX} correct<br/>{CHECK_BOX} needs change"
                                   if index == 0 else "", cell),
                         Spacer(1, 24 if index == 0 else 0)])
            if index:
                lines.append(("LINEABOVE", (2, len(rows) - 1), (2, len(rows) - 1), 0.25,
                              HEAD))
        lines.append(("LINEABOVE", (0, first), (-1, first), 0.5, GRID))
        if statement.awaiting:
            lines.append(("BACKGROUND", (0, first), (1, len(rows) - 1), OPEN))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(
        ("BOX", (0, 0), (-1, -1), 0.5, GRID),
        ("LINEAFTER", (0, 0), (-2, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        *lines,
    ))
    return [NextPageTemplate("turned"), PageBreak(),
            Paragraph(f"4. Statements ({len(statements)})", ParagraphStyle(
                "h2-open", s["h2"], keepWithNext=0)),
            Paragraph("Shaded: the statement says it awaits confirmation (an open item). "
                      "[new] and [changed]: since the version compared with in part 3. A "
                      "statement citing several sources has a line for each.", s["small"]),
            table, NextPageTemplate("page"), PageBreak()]
