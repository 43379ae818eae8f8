"""A paragraph: ``- text: ...``, with bold, italic, links and citations."""

from __future__ import annotations

from markupsafe import Markup
from reportlab.platypus import Flowable, Paragraph

from handouts.model.handout import Block
from handouts.render.kinds import Kind, Page, Web, no_problems
from handouts.render.web import fill
from handouts.spec.statements import Context, Statement, said


def pdf(block: Block, page: Page) -> list[Flowable]:
    return [Paragraph(page.doc.markup(block.text), page.doc.styles["body"])]


def html(block: Block, web: Web) -> Markup:
    return fill("<p>{{ text }}</p>\n", text=web.writer.text(block.text))


def statements(block: Block, context: Context) -> list[Statement]:
    return said(context.place, block.text, block.where.at("text"))


KIND = Kind("text", str, no_problems, pdf, html, statements, lambda block: [block.text],
            example="- text: An EXAMPLE paragraph [@peters2017].")
