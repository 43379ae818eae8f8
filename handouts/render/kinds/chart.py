"""One of the handout's flowcharts, placed among the blocks: ``- chart: ID``."""

from __future__ import annotations

from markupsafe import Markup
from reportlab.platypus import Flowable

from handouts.model.handout import Block
from handouts.render.chart import chart_flowables, title_of
from handouts.render.kinds import Kind, Page, Web, no_problems
from handouts.spec.statements import Context, Statement, chart_statements


def pdf(block: Block, page: Page) -> list[Flowable]:
    chart = next(c for c in page.handout.flowcharts if c.id == block.chart)
    return chart_flowables(chart, title_of(chart), page.doc, "h3")


def html(block: Block, web: Web) -> Markup:
    return web.chart(block.chart) + Markup("\n")


def statements(block: Block, context: Context) -> list[Statement]:
    return chart_statements(context.charts[block.chart], context.key)


KIND = Kind("chart", str, no_problems, pdf, html, statements,
            lambda block: [],  # a chart is read as its own short sentences, not as prose
            example="- chart: main")
