"""A table with a header row: ``- table: {columns, rows, widths, caption, index, sources}``.

It prints as a grid whose header repeats on each page, or, too wide for the page (A5, large
print), as one card per row; a row too tall for a page is an error at its line. On the web
its rows become cards on a narrow screen. Its title is its caption, or else its section's
heading.
"""

from __future__ import annotations

from markupsafe import Markup
from reportlab.platypus import Flowable

from handouts.errors import Problem
from handouts.model.handout import Block, Table
from handouts.render.kinds import Kind, Page, Web
from handouts.render.tables import table_flowables
from handouts.render.web import fill
from handouts.spec.markup import citations, parse_cite, plain_text
from handouts.spec.statements import Context, Statement

GRID = """<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{{ id }}">
<table class="cards">
<caption id="{{ id }}"><span class="vh">Table: </span>{{ caption }}</caption>
<thead><tr>{% for col in columns %}<th scope="col">{{ col }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in rows %}<tr>{% for cell in row %}{% if loop.first %}<th scope="row" data-label="{{ columns[loop.index0] }}">{{ cell }}</th>{% else %}<td data-label="{{ columns[loop.index0] }}">{{ cell }}</td>{% endif %}{% endfor %}</tr>
{% endfor %}
</tbody>
</table>
</div>
"""  # noqa: E501  (one table row of HTML a line)


def check(block: Block) -> list[Problem]:
    """Check that every row has one cell per column, and there is a width per column."""
    table = block.table
    if table is None or not table.where.sound("columns", "rows"):
        return []
    problems = []
    count = len(table.columns)
    for i, row in enumerate(table.rows):
        if len(row) != count:
            problems.append(Problem(table.where.at(f"rows[{i}]"),
                                    f"row has {len(row)} cells but the table has {count} columns",
                                    "give every row one cell per column; write '' for an "
                                    "empty cell"))
    if table.widths and len(table.widths) != count and table.where.sound("widths"):
        problems.append(Problem(table.where.at("widths"),
                                f"{len(table.widths)} widths for {count} columns",
                                "give one relative width per column, e.g. [1, 2, 2]"))
    return problems


def pdf(block: Block, page: Page) -> list[Flowable]:
    assert block.table is not None
    return table_flowables(block.table, page.doc, page.heading)


def html(block: Block, web: Web) -> Markup:
    table = block.table
    assert table is not None
    caption = web.writer.sources(table.caption or web.heading, table.sources)
    return fill(GRID, id=f"{web.slug}-table-{web.number}", caption=caption,
                columns=table.columns,
                rows=[[web.writer.text(cell) for cell in row] for row in table.rows])


def statements(block: Block, context: Context) -> list[Statement]:
    """Each row, its cells under their columns' names, with the table's sources."""
    table = block.table
    assert table is not None
    shared = tuple(map(parse_cite, table.sources))
    found = []
    for number, row in enumerate(table.rows):
        cells = "; ".join(f"{plain_text(head)}: {cell}"
                          for head, cell in zip(table.columns, row) if cell.strip())
        found.append(Statement(f"{context.place}, table row “{plain_text(row[0])}”",
                               plain_text(cells), (*citations(cells), *shared),
                               table.where.at(f"rows[{number}]")))
    return found


def reading(block: Block) -> list[str]:
    return [f"{cell}." for row in block.table.rows for cell in row] if block.table else []


KIND = Kind("table", Table | None, check, pdf, html, statements, reading, introduced=True,
            example="- table:\n    columns: [Drug, Dose]\n    rows: [[EXAMPLE drug, 600 mg]]")
