"""Numbered steps, each a boxed panel: ``- steps: [{title, what, when, sources}]``."""

from __future__ import annotations

from markupsafe import Markup
from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from handouts.layout.quoting import html_text
from handouts.model.handout import Block, Step
from handouts.render.blocks import fits_page
from handouts.render.kinds import Kind, Page, Web, no_problems
from handouts.render.pagebreaks import keep_together
from handouts.render.styles import INK, Doc, table_style
from handouts.render.web import fill
from handouts.spec.markup import parse_cite, plain_text
from handouts.spec.statements import Context, Statement, said

STEP_FILL = colors.HexColor("#dbe5f0")
STEPS = """<ol class="steps">
{% for step in steps %}<li><p class="step-title"><strong>{{ step.title }}</strong></p>
<p>{{ step.what }}</p>
{% if step.when %}<p><strong>When:</strong> {{ step.when }}</p>{% endif %}
</li>
{% endfor %}</ol>
"""


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


def pdf(block: Block, page: Page) -> list[Flowable]:
    return [fits_page(step_panel(i, step, page.doc), page.doc, step.where.at(), "step")
            for i, step in enumerate(block.steps, start=1)]


def html(block: Block, web: Web) -> Markup:
    writer = web.writer
    return fill(STEPS, steps=[{"title": step.title,
                               "what": writer.sources(step.what, step.sources),
                               "when": writer.text(step.when) if step.when else ""}
                              for step in block.steps])


def statements(block: Block, context: Context) -> list[Statement]:
    """What each step says, and when it applies, with the step's sources."""
    return [s for number, step in enumerate(block.steps, start=1)
            for label, text in (("", step.what), (", when", step.when)) if text
            for s in said(f"{context.place}, step {number} ({plain_text(step.title)}){label}",
                          text, step.where.at("what" if not label else "when"),
                          tuple(map(parse_cite, step.sources)))]


def reading(block: Block) -> list[str]:
    return [text for step in block.steps for text in (step.title + ".", step.what, step.when)]


KIND = Kind("steps", tuple[Step, ...], no_problems, pdf, html, statements, reading,
            example="- steps:\n    - {title: An EXAMPLE step, what: Take a liquid biopsy.}")
