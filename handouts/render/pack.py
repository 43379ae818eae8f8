"""Lay out the combined pack: a cover with contents, every handout, one reference list."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.platypus import Flowable, Paragraph, Spacer

from handouts.layout.dates import long_date, short_date
from handouts.layout.quoting import html_text
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.render.handout import (
    back_cover,
    doc_info,
    ending,
    fact_line,
    handout_body,
    publisher_lines,
    references_section,
)
from handouts.render.page import UNCONTROLLED, DocInfo, contents
from handouts.render.pagebreaks import PartStart, StartRecto
from handouts.render.styles import Doc


def pack_info(pack: Pack, handouts: list[Handout], doc: Doc, url: str = "") -> DocInfo:
    """Return the PDF metadata, and the footer of the pack's own pages (cover, references)."""
    drafts = any(h.status == "draft" for h in handouts)
    return DocInfo(title=pack.title, author=doc.publisher.name or "handouts",
                   subject=pack.subtitle or pack.title,
                   facts=[f"Pack version {pack.version}", f"Updated {short_date(pack.updated)}"],
                   notice=UNCONTROLLED, draft=drafts, url=url,
                   date=pack.updated, where=pack.where.at())


def part_info(pack: Pack, handout: Handout, doc: Doc, url: str = "") -> DocInfo:
    """Return the footer of a handout's pages in the pack: the handout's own title, version
    and dates (a page taken out says what it is), and the pack's version."""
    info = doc_info(handout, doc, url=url)
    return replace(info, facts=[*info.facts, f"Pack version {pack.version}"])


@dataclass(frozen=True)
class Part:
    """One handout of a pack: the handout, how it is set (a patient handout as for patients),
    and its pages' footer."""

    handout: Handout
    doc: Doc
    info: DocInfo


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


def pack_story(pack: Pack, parts: list[Part], doc: Doc, info: DocInfo) -> list[Flowable]:
    """Return the pack's flowables: cover, each handout from a right-hand page (printed
    double-sided, each can be taken out whole) as it is printed alone, its pages' footer its
    own, then the references, listed in the contents. A booklet (A5) says who publishes it
    on its back cover instead of after the references."""
    story = cover(pack, [p.handout for p in parts], doc)
    for part in parts:
        story += [StartRecto(doc.styles["body"]), PartStart(part.info, part.doc.profile),
                  *handout_body(part.handout, part.doc)]
    references = references_section(doc)
    if references:
        references[0].in_contents = True  # type: ignore[attr-defined]
    about = [] if doc.profile.gutter else about_pack(pack, doc)
    return story + [StartRecto(doc.styles["body"]), PartStart(info, doc.profile),
                    *ending(references, about)]


def pack_back_cover(pack: Pack, doc: Doc, url: str = "") -> list[Flowable]:
    """Return the pack's back cover, in an edition printed as a booklet."""
    facts = [f"Pack version {pack.version}", f"Updated {long_date(pack.updated)}"]
    name = f"{pack.slug}-v{pack.version}{doc.profile.suffix}-booklet.pdf"
    return back_cover(pack.title, facts, doc, name, url)
