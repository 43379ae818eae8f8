"""Lay out a handout as ReportLab flowables, in reading order."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Paragraph, Spacer

from handouts.layout.dates import long_date, short_date
from handouts.layout.quoting import html_text
from handouts.model.handout import Handout
from handouts.model.profile import AUDIENCE, MM, booklet_printing
from handouts.render.blocks import alert_box, with_sources
from handouts.render.boxes import boxed
from handouts.render.chart import chart_flowables, title_of
from handouts.render.harvard import breakable
from handouts.render.kinds import section_flowables
from handouts.render.markup import to_markup
from handouts.render.page import UNCONTROLLED, DocInfo
from handouts.render.pagebreaks import keep_together
from handouts.render.styles import Doc


def doc_info(handout: Handout, doc: Doc, what: str = "", url: str = "") -> DocInfo:
    """Return the PDF metadata and the footer's facts and notice of a handout (in large
    print, whose footer is set at 16 pt, only the facts that date it: version, review due)."""
    title = f"{handout.title}{what}"
    facts = [f"Version {handout.version}", f"Updated {short_date(handout.updated)}",
             f"Review due {short_date(handout.review_due)}"]
    if doc.profile.least:
        del facts[1]
    notice = UNCONTROLLED
    if doc.overdue(handout):
        notice = f"REVIEW OVERDUE since {long_date(handout.review_due)}. {UNCONTROLLED}"
    return DocInfo(title=title, author=handout.producer or doc.publisher.name or "handouts",
                   subject=handout.subtitle or handout.title, facts=facts, notice=notice,
                   draft=handout.status == "draft", url=url, date=handout.updated,
                   where=handout.where.at())


def references_section(doc: Doc) -> list[Flowable]:
    """Return the reference list, Harvard style, each entry with a hanging indent."""
    entries = doc.citer.reference_list()
    if not entries:
        return []
    s = doc.styles
    return [Paragraph("References", s["h2"]),
            *(Paragraph(doc.upright(entry), s["reference"]) for entry in entries)]


def governance(handout: Handout) -> list[str]:
    """Return the facts that say which handout this is and whether it is current."""
    if handout.status == "approved" and handout.approved_on:
        status = f"Approved by {handout.approved_by} on {long_date(handout.approved_on)}"
    else:
        status = "Draft: not yet clinically reviewed"
    return [AUDIENCE[handout.audience], f"Version {handout.version}",
            f"Updated {long_date(handout.updated)}",
            f"Review due {long_date(handout.review_due)}", status]


def governance_alerts(handout: Handout, doc: Doc) -> list[Flowable]:
    """Return the overdue banner and the 'what changed' box under the title, as needed."""
    s = doc.styles
    parts: list[Flowable] = []
    if doc.overdue(handout):
        parts.append(alert_box(
            f"REVIEW OVERDUE: this handout was due for review on "
            f"{long_date(handout.review_due)}. Check for a newer version before using it.", doc))
    change = next((c for c in handout.changelog if c.version == handout.version), None)
    if change:
        body = [Paragraph(f"What changed in version {html_text(change.version)}", s["h3"]),
                *(Paragraph(to_markup(text, lambda cites: ""), s["bullet"], bulletText="•")
                  for text in change.changes)]
        parts.append(boxed(body, doc))
    return parts


def fact_line(facts: list[str], style: ParagraphStyle, width: float) -> str:
    """Join facts with middle dots into lines that fit ``width``: a line breaks between
    facts, never inside one, and never ends or starts with a dot."""
    lines: list[str] = []
    for fact in facts:
        joined = f"{lines[-1]} · {fact}" if lines else fact
        if lines and stringWidth(joined, style.fontName, style.fontSize) <= width:
            lines[-1] = joined
        else:
            lines.append(fact)
    return "<br/>".join(html_text(line) for line in lines)


def title_block(handout: Handout, doc: Doc) -> list[Flowable]:
    """Return the publisher's logo, the title, subtitle and the line of governance facts,
    then (for patients) whom to call, and the notices of this version."""
    s = doc.styles
    parts: list[Flowable] = logo(doc) + [Paragraph(html_text(handout.title), s["title"])]
    if handout.subtitle:
        parts.append(Paragraph(html_text(handout.subtitle), s["subtitle"]))
    parts.append(Paragraph(fact_line(governance(handout), s["meta"], doc.frame()[0]),
                           s["meta"]))
    parts.append(Spacer(1, 8))
    return parts + urgent_box(handout, doc) + governance_alerts(handout, doc)


LOGO_HEIGHT = 15 * MM


def logo(doc: Doc) -> list[Flowable]:
    """Return the publisher's logo, right-aligned above the title, if the settings name one."""
    if not doc.publisher.logo:
        return []
    reader = ImageReader(doc.publisher.logo)
    width, height = reader.getSize()
    image = Image(doc.publisher.logo, width=LOGO_HEIGHT * width / height, height=LOGO_HEIGHT)
    image.hAlign = "RIGHT"
    return [image, Spacer(1, 4)]


def about_section(handout: Handout, doc: Doc, url: str = "") -> list[Flowable]:
    """Return who publishes the handout, its leaflet reference, how to reach them, other
    formats, and where the latest version is: what every NHS leaflet carries at its end.

    The parts are returned loose: ending() keeps them together with the last references
    (a KeepTogether inside another measures as taller than any page, and moves whole)."""
    s = doc.styles
    parts = [Paragraph("About this handout", s["h2"]), *publisher_lines(doc, handout)]
    if url:
        parts.append(Paragraph(f"<b>Latest version</b> {link(url)} (the QR code at the foot of "
                               "each page leads there too)", s["body"]))
    return parts


def link(url: str) -> str:
    """Return a link whose words may break after a '/', never inside a word."""
    return f'<a href="{html_text(url)}">{breakable(html_text(url))}</a>'


def publisher_lines(doc: Doc, handout: Handout | None = None,
                    style: str = "body") -> list[Flowable]:
    """Return who publishes (and, if the spec says, who wrote) the document, whom to call,
    the leaflet reference and how to ask for other formats."""
    s = {"body": doc.styles[style]}
    publisher = doc.publisher
    reference = publisher.leaflet_reference(handout.slug, handout.version) if handout else ""
    facts = [("Published by", publisher.name),
             ("Written by", handout.producer if handout else ""),
             ("Phone", publisher.phone),
             ("Contact", handout.contact if handout else ""),
             ("Leaflet reference", reference)]
    lines = [Paragraph(f"<b>{name}</b> {html_text(value)}", s["body"])
             for name, value in facts if value]
    if publisher.other_formats:
        lines.append(Paragraph(f"<b>Other formats</b> {html_text(publisher.other_formats)}",
                               s["body"]))
    return lines


def paragraphs(text: str, doc: Doc) -> list[Flowable]:
    """Return one paragraph per blank-line-separated block of ``text``."""
    s = doc.styles
    return [Paragraph(doc.markup(" ".join(p.split())), s["body"])
            for p in text.split("\n\n") if p.strip()]


def unplaced_charts(handout: Handout, doc: Doc) -> list[Flowable]:
    """Return the charts no 'chart' block places: they follow the summary, in order."""
    placed = {b.chart for s in handout.sections for b in s.blocks if b.chart}
    return [f for chart in handout.charts if chart.id not in placed or not chart.id
            for f in chart_flowables(chart, title_of(chart), doc)]


def urgent_box(handout: Handout, doc: Doc) -> list[Flowable]:
    """Return, for a patient handout, whom to call when unwell: first, where no one can miss
    it; with a line to write the number on if the settings give none."""
    if handout.audience != "patient":
        return []
    s = doc.styles
    body = [Paragraph(f"<b>{doc.markup(handout.emergency)}</b>", s["body"])] \
        if handout.emergency else []
    body.append(Paragraph(f"<b>{html_text(doc.publisher.urgent_line())}</b>", s["body"]))
    if not doc.publisher.urgent_phone:
        body.append(Paragraph("Number: " + "_" * 24, s["body"]))
    return with_sources([alert_box(body, doc)], handout.emergency, doc)


def handout_story(handout: Handout, doc: Doc, url: str = "") -> list[Flowable]:
    """Return every flowable of the handout, in reading order: a booklet (A5) says who
    publishes it on its back cover, not at the end of its text."""
    story = handout_body(handout, doc)
    about = [] if doc.profile.gutter else about_section(handout, doc, url)
    return story + ending(references_section(doc), about)


def handout_body(handout: Handout, doc: Doc) -> list[Flowable]:
    """Return the handout from its title to its last section."""
    story = title_block(handout, doc)
    story += with_sources(paragraphs(handout.summary, doc), handout.summary, doc)
    story += unplaced_charts(handout, doc)
    for section in handout.sections:
        story += section_flowables(section, doc, handout)
    return story


def back_cover(title: str, facts: list[str], doc: Doc, booklet: str, url: str = "",
               handout: Handout | None = None) -> list[Flowable]:
    """Return the back cover of a booklet: what it is and which version, who publishes it,
    how to reach them, its leaflet reference and other formats, then how to print it; set
    small (never below 12 pt for patients, 16 pt in large print), to share the last page
    of text when it can."""
    s = doc.styles
    parts: list[Flowable] = [Paragraph(html_text(title), s["h3"]),
                             Paragraph(fact_line(facts, s["small"], doc.frame()[0]),
                                       s["small"]),
                             *publisher_lines(doc, handout, "small")]
    if url:
        parts.append(Paragraph(f"<b>Latest version</b> {link(url)}", s["small"]))
    how = booklet_printing(f"the file {booklet}")
    parts.append(boxed([Paragraph(f"<b>To print this booklet:</b> {html_text(how)}",
                                  s["small"])], doc))
    return parts


def handout_back_cover(handout: Handout, doc: Doc, url: str = "") -> list[Flowable]:
    """Return a handout's back cover, in an edition printed as a booklet."""
    facts = [f"Version {handout.version}", f"Updated {long_date(handout.updated)}",
             f"Review due {long_date(handout.review_due)}"]
    name = f"{handout.slug}-v{handout.version}{doc.profile.suffix}-booklet.pdf"
    return back_cover(handout.title, facts, doc, name, url, handout)


WHOLE_LIST = 3
"""A reference list of this many entries or fewer is kept on one page."""


def ending(references: list[Flowable], about: list[Flowable]) -> list[Flowable]:
    """Return the references and the about block, the block kept on one page with the last
    references, so that it never stands alone on a last page."""
    whole = len(references) <= 1 + WHOLE_LIST  # the heading and a few entries: never part
    tail = references if whole else references[-2:]
    return references[:len(references) - len(tail)] + [keep_together([*tail, *about])]
