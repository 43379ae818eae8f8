"""Lists: ``- bullets: [...]`` and ``- numbered: [...]``, one item an entry."""

from __future__ import annotations

from markupsafe import Markup
from reportlab.platypus import Flowable, Paragraph

from handouts.model.handout import Block
from handouts.render.blocks import list_flowables
from handouts.render.kinds import Kind, Page, Web, no_problems
from handouts.render.web import fill
from handouts.spec.markup import citations
from handouts.spec.statements import Context, Statement, said

LIST = "<{{ tag }}>\n{% for item in items %}<li>{{ item }}</li>\n{% endfor %}</{{ tag }}>\n"


def items(block: Block) -> tuple[str, ...]:
    """Return the items of a list, bulleted or numbered."""
    return block.bullets or block.numbered


def pdf(block: Block, page: Page) -> list[Flowable]:
    style = page.doc.styles["bullet" if block.bullets else "numbered"]
    return list_flowables([Paragraph(page.doc.markup(item), style,
                                     bulletText="•" if block.bullets else f"{i}.")
                           for i, item in enumerate(items(block), start=1)], page.doc,
                          page.announced)


def html(block: Block, web: Web) -> Markup:
    return fill(LIST, tag="ul" if block.bullets else "ol",
                items=[web.writer.text(item) for item in items(block)])


def statements(block: Block, context: Context) -> list[Statement]:
    """Each item on its own; an item with no citation of its own carries those of the
    paragraph that introduces the list."""
    return [s for number, item in enumerate(items(block), start=1)
            for s in said(f"{context.place}, list item {number}", item,
                          block.where.at(f"{block.kind}[{number - 1}]"),
                          () if citations(item) else context.lead)]


KINDS = (
    Kind("bullets", tuple[str, ...], no_problems, pdf, html, statements,
         lambda block: list(block.bullets), introduced=True,
         example="- bullets: [An EXAMPLE point, Another point]"),
    Kind("numbered", tuple[str, ...], no_problems, pdf, html, statements,
         lambda block: list(block.numbered), introduced=True,
         example="- numbered: [An EXAMPLE first step, A second]"),
)
