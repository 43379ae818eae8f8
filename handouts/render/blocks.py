"""Lay out sections and their blocks: paragraphs, lists, step panels, tables and callouts."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from handouts.errors import Location, Problem, SpecError
from handouts.layout.quoting import html_text
from handouts.model.handout import Block, Callout, Handout, Section, Step
from handouts.render import rlprivate
from handouts.render.boxes import ALERT_FILL, boxed
from handouts.render.chart import chart_flowables
from handouts.render.pagebreaks import ROOM_BELOW_HEADING, keep_together
from handouts.render.styles import INK, Doc, table_style
from handouts.render.tables import table_flowables

STEP_FILL = colors.HexColor("#dbe5f0")


def section_flowables(section: Section, doc: Doc, handout: Handout) -> list[Flowable]:
    """Return a section: its heading (never last on a page), then each block; a paragraph
    that introduces a list or a table is never last on a page either.

    The heading is not bound to its first block, so a long table after it can
    start on the same page and split, instead of moving whole and leaving a gap.
    """
    out: list[Flowable] = [CondPageBreak(ROOM_BELOW_HEADING),
                           Paragraph(html_text(section.heading), doc.styles["section"])]
    before: Block | None = None
    for block, after in zip(section.blocks, [*section.blocks[1:], None]):
        announced = before is not None and before.text.rstrip().endswith(":")
        flowables = block_flowables(block, doc, handout, section.heading, announced)
        if block.text and after is not None and (after.bullets or after.numbered
                                                 or after.table is not None):
            for flowable in flowables:
                flowable.handouts_lead = True  # type: ignore[attr-defined]
        out += flowables
        before = block
    return out + sources_line(section, doc)


def sources_line(part: object, doc: Doc) -> list[Flowable]:
    """Return the sources of a section, said once at its end, where citations are not
    printed in the text (patient handouts)."""
    said = doc.sources_of(part) if doc.sources_last else ""
    return [Paragraph(said, doc.styles["small"])] if said else []


def block_flowables(block: Block, doc: Doc, handout: Handout, heading: str = "",
                    announced: bool = False) -> list[Flowable]:
    """Return the flowables of one block (``heading``: its section's; ``announced``: a
    sentence ending with a colon introduces it)."""
    s = doc.styles
    if block.chart:
        chart = next(c for c in handout.flowcharts if c.id == block.chart)
        return chart_flowables(chart, chart.title or "Flowchart", doc, "h3")
    if block.text:
        return [Paragraph(doc.markup(block.text), s["body"])]
    if block.bullets:
        return list_flowables([Paragraph(doc.markup(item), s["bullet"], bulletText="•")
                               for item in block.bullets], doc, announced)
    if block.numbered:
        return list_flowables([Paragraph(doc.markup(item), s["numbered"], bulletText=f"{i}.")
                               for i, item in enumerate(block.numbered, start=1)], doc,
                              announced)
    if block.steps:
        return [fits_page(step_panel(i, step, doc), doc, step.where.at(), "step")
                for i, step in enumerate(block.steps, start=1)]
    if block.table is not None:
        return table_flowables(block.table, doc, heading)
    if block.callout is not None:
        return [callout_box(block.callout, doc)]
    return []


WHOLE_LIST = 1 / 2
"""Of the page's height: a list no taller than this is never split across pages; nor is a
list that a sentence ending with a colon announces (a list of warning signs, say), if it
fits on a page at all."""
ENDS = 2
"""Items a longer list keeps together at its start and at its end, if they are short."""
SHORT_ENDS = 1 / 4
"""Of the page's height: the most those items may take."""


def list_flowables(items: list[Paragraph], doc: Doc, announced: bool = False) -> list[Flowable]:
    """Return the items of a list: kept on one page if the list fits in half of it (or, if
    ``announced``, if it fits on it); otherwise split only between items, never leaving a
    short item alone at the foot of a page or at the top of the next."""
    width, height = doc.frame()
    tall = [item.wrap(width, height)[1] + item.getSpaceAfter() for item in items]
    if sum(tall) <= (1 if announced else WHOLE_LIST) * height:
        return [keep_together([*items, Spacer(1, 4)])]
    out: list[Flowable] = list(items)
    if len(items) > 2 * ENDS and sum(tall[-ENDS:]) <= SHORT_ENDS * height:
        out[-ENDS:] = [keep_together(items[-ENDS:])]
    if len(items) > 2 * ENDS and sum(tall[:ENDS]) <= SHORT_ENDS * height:
        out[:ENDS] = [keep_together(items[:ENDS])]
    if announced:  # too long for a page: a booklet opens it on one spread
        for flowable in out:
            flowable.handouts_spread = id(items[0])  # type: ignore[attr-defined]
    return [*out, Spacer(1, 4)]


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


def callout_box(callout: Callout, doc: Doc) -> Flowable:
    """Return advice that must stand out: a shaded box with a heavy left rule."""
    s = doc.styles
    return boxed([Paragraph(html_text(callout.title), s["h3"]),
                  Paragraph(doc.with_sources(callout.text, callout.sources), s["body"])], doc,
                 title=callout.title)


def alert_box(text: str | list[Paragraph], doc: Doc) -> Flowable:
    """Return a warning no reader can miss: bold text (or the paragraphs given) in a box with
    a heavy black rule."""
    body = text if isinstance(text, list) else [
        Paragraph(f"<b>{html_text(text)}</b>", doc.styles["body"])]
    return boxed(body, doc, rule=INK, fill=ALERT_FILL)


