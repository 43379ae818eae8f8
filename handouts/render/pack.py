"""Lay out the combined pack: a cover with contents, every handout, one reference list."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from handouts.layout.dates import long_date, short_date
from handouts.layout.quoting import html_text
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.render.blocks import section_flowables
from handouts.render.handout import (
    ending,
    fact_line,
    paragraphs,
    publisher_lines,
    references_section,
    title_block,
    unplaced_charts,
)
from handouts.render.page import UNCONTROLLED, DocInfo, contents
from handouts.render.pagebreaks import StartRecto
from handouts.render.styles import Doc


def pack_info(pack: Pack, handouts: list[Handout], doc: Doc, url: str = "") -> DocInfo:
    """Return the PDF metadata, footer lines and watermark of the pack."""
    drafts = any(h.status == "draft" for h in handouts)
    notice = UNCONTROLLED
    return DocInfo(title=pack.title, author=doc.publisher.name or "handouts",
                   subject=pack.subtitle or pack.title,
                   facts=[f"Pack version {pack.version}", f"Updated {short_date(pack.updated)}"],
                   notice=notice, draft=drafts, url=url,
                   date=pack.updated, where=pack.where.at())


def cover(pack: Pack, handouts: list[Handout], doc: Doc) -> list[Flowable]:
    """Return the first page: title, what the pack is, its status, and the contents."""
    s = doc.styles
    drafts = [h for h in handouts if h.status == "draft"]
    status = (f"Draft: {len(drafts)} of {len(handouts)} handouts not yet clinically reviewed"
              if drafts else "Every handout approved")
    review = min(h.review_due for h in handouts)
    facts = [f"Pack version {pack.version}", f"Updated {long_date(pack.updated)}",
             f"Next review due {long_date(review)}", status]
    parts: list[Flowable] = [Paragraph(html_text(pack.title), s["cover"])]
    if pack.subtitle:
        parts.append(Paragraph(html_text(pack.subtitle), s["subtitle"]))
    parts += [Paragraph(fact_line(facts, s["meta"], doc.frame()[0]), s["meta"]), Spacer(1, 18),
              Paragraph("Contents", s["h2"]), contents(s)]
    return parts


def about_pack(pack: Pack, doc: Doc) -> list[Flowable]:
    """Return who produced the pack and how to reach them."""
    s = doc.styles
    return [Paragraph("About this pack", s["h2"]),
            *publisher_lines(doc),
            Paragraph("Each handout shows its own version, update and review dates; the "
                      "references of all of them are listed once, above.", s["body"])]


def pack_story(pack: Pack, handouts: list[Handout], doc: Doc) -> list[Flowable]:
    """Return the pack's flowables: cover, each handout from a right-hand page (printed
    double-sided, each can be taken out whole), then the references, listed in the contents."""
    story = cover(pack, handouts, doc)
    for handout in handouts:
        story += [StartRecto(doc.styles["body"]), *title_block(handout, doc),
                  *paragraphs(handout.summary, doc)]
        story += unplaced_charts(handout, doc)
        for section in handout.sections:
            story += section_flowables(section, doc, handout)
    references = references_section(doc)
    if references:
        references[0].in_contents = True  # type: ignore[attr-defined]
    return story + [StartRecto(doc.styles["body"]), *ending(references, about_pack(pack, doc))]
