"""Advice that must stand out, in a shaded box: ``- callout: {title, text, sources}``."""

from __future__ import annotations

from markupsafe import Markup
from reportlab.platypus import Flowable, Paragraph

from handouts.layout.quoting import html_text
from handouts.model.handout import Block, Callout
from handouts.render.boxes import boxed
from handouts.render.kinds import Kind, Page, Web, no_problems
from handouts.render.web import fill
from handouts.spec.markup import parse_cite, plain_text
from handouts.spec.statements import Context, Statement, said

ASIDE = """<aside class="box" aria-labelledby="{{ id }}{{ (' ' ~ slug ~ '-title') if pack }}">
<h{{ level }} id="{{ id }}">{{ title }}</h{{ level }}>
<p>{{ text }}</p>
</aside>
"""


def pdf(block: Block, page: Page) -> list[Flowable]:
    callout, styles = block.callout, page.doc.styles
    assert callout is not None
    return [boxed([Paragraph(html_text(callout.title), styles["h3"]),
                   Paragraph(page.doc.with_sources(callout.text, callout.sources),
                             styles["body"])], page.doc, title=callout.title)]


def html(block: Block, web: Web) -> Markup:
    callout = block.callout
    assert callout is not None
    return fill(ASIDE, id=f"{web.slug}-aside-{web.number}", slug=web.slug, pack=web.pack,
                level=web.level, title=callout.title,
                text=web.writer.sources(callout.text, callout.sources))


def statements(block: Block, context: Context) -> list[Statement]:
    callout = block.callout
    assert callout is not None
    return said(f"{context.place}, box “{plain_text(callout.title)}”", callout.text,
                callout.where.at("text"), tuple(map(parse_cite, callout.sources)))


def reading(block: Block) -> list[str]:
    callout = block.callout
    return [callout.title + ".", callout.text] if callout else []


KIND = Kind("callout", Callout | None, no_problems, pdf, html, statements, reading,
            example="- callout: {title: An EXAMPLE box, text: Protect the skin.}")
