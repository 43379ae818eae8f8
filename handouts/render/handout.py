"""Lay out a handout as ReportLab flowables, in reading order."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from handouts.layout.quoting import html_text
from handouts.model.content import Handout
from handouts.render.blocks import alert_box, boxed, section_flowables
from handouts.render.chart import Layout, chart_section
from handouts.render.citations import Citer
from handouts.render.page import UNCONTROLLED, DocInfo, styles
from handouts.spec.markup import to_markup
from handouts.versions.release import is_overdue

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
AUDIENCE = {"clinician": "For healthcare professionals", "patient": "For patients and carers"}


def long_date(day: object) -> str:
    """Format a date as '1 October 2025', independent of the machine's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"  # type: ignore[attr-defined]


def short_date(day: object) -> str:
    """Format a date as '1 Oct 2025', for page footers."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"  # type: ignore[attr-defined]


def doc_info(handout: Handout, what: str = "", url: str = "") -> DocInfo:
    """Return the PDF metadata, footer lines and watermark of a handout."""
    title = f"{handout.title}{what}"
    footer = (f"Version {handout.version} · Updated {short_date(handout.updated)} · Review due "
              f"{short_date(handout.review_due)} · {title}")
    notice = UNCONTROLLED
    if is_overdue(handout):
        notice = f"REVIEW OVERDUE since {long_date(handout.review_due)}. {UNCONTROLLED}"
    elif handout.status == "draft":
        notice = f"DRAFT: not yet clinically reviewed. {UNCONTROLLED}"
    return DocInfo(title=title, author=handout.producer,
                   subject=handout.subtitle or handout.title, footer=footer, notice=notice,
                   watermark="DRAFT" if handout.status == "draft" else "", url=url)


def references_section(citer: Citer) -> list[Flowable]:
    """Return the reference list, Harvard style, each entry with a hanging indent."""
    entries = citer.reference_list()
    if not entries:
        return []
    s = styles()
    return [Paragraph("References", s["h2"]),
            *(Paragraph(entry, s["reference"]) for entry in entries)]


def governance(handout: Handout) -> list[str]:
    """Return the facts that say which handout this is and whether it is current."""
    if handout.status == "approved" and handout.approved_on:
        status = f"Approved by {handout.approved_by} on {long_date(handout.approved_on)}"
    else:
        status = "Draft: not yet clinically reviewed"
    return [AUDIENCE[handout.audience], f"Version {handout.version}",
            f"Updated {long_date(handout.updated)}",
            f"Review due {long_date(handout.review_due)}", status]


def governance_alerts(handout: Handout) -> list[Flowable]:
    """Return the overdue banner and the 'what changed' box under the title, as needed."""
    s = styles()
    parts: list[Flowable] = []
    if is_overdue(handout):
        parts.append(alert_box(
            f"REVIEW OVERDUE: this handout was due for review on "
            f"{long_date(handout.review_due)}. Check for a newer version before using it."))
    change = next((c for c in handout.changelog if c.version == handout.version), None)
    if change:
        body = [Paragraph(f"What changed in version {html_text(change.version)}", s["h3"]),
                *(Paragraph(to_markup(text, lambda keys: ""), s["bullet"], bulletText="•")
                  for text in change.changes)]
        parts.append(boxed(body))
    return parts


def fact_line(facts: list[str]) -> str:
    """Join facts with middle dots; a line may break between facts, never inside a date."""
    return " · ".join(html_text(f).replace(" ", "\u00a0") for f in facts)


def title_block(handout: Handout) -> list[Flowable]:
    """Return the title, subtitle and the line of governance facts."""
    s = styles()
    parts: list[Flowable] = [Paragraph(html_text(handout.title), s["title"])]
    if handout.subtitle:
        parts.append(Paragraph(html_text(handout.subtitle), s["subtitle"]))
    parts.append(Paragraph(fact_line(governance(handout)), s["meta"]))
    parts.append(Spacer(1, 8))
    return parts + governance_alerts(handout)


def about_section(handout: Handout, url: str = "") -> list[Flowable]:
    """Return who produced the handout, how to reach them, and where the latest version is."""
    s = styles()
    parts = [Paragraph("About this handout", s["h2"]),
             Paragraph(f"<b>Produced by</b> {html_text(handout.producer)}", s["body"]),
             Paragraph(f"<b>Contact</b> {html_text(handout.contact)}", s["body"])]
    if url:
        parts.append(Paragraph(f"<b>Latest version</b> <a href=\"{html_text(url)}\">"
                               f"{html_text(url)}</a> (the QR code at the foot of each page "
                               "leads there too)", s["body"]))
    return [KeepTogether(parts)]


def paragraphs(text: str, citer: Citer) -> list[Flowable]:
    """Return one paragraph per blank-line-separated block of ``text``."""
    s = styles()
    return [Paragraph(to_markup(" ".join(p.split()), citer.cite), s["body"])
            for p in text.split("\n\n") if p.strip()]


def handout_story(handout: Handout, svg: bytes | None, citer: Citer,
                  url: str = "", across: Layout | None = None) -> list[Flowable]:
    """Return every flowable of the handout, in reading order."""
    story = title_block(handout) + paragraphs(handout.summary, citer)
    if svg is not None:
        story += chart_section(handout, svg, citer, url=url, across=across)
    for section in handout.sections:
        story += section_flowables(section, citer)
    return story + references_section(citer) + about_section(handout, url)


def flowchart_story(handout: Handout, svg: bytes, citer: Citer, url: str = "") -> list[Flowable]:
    """Return the download of a flowchart: a compact title, chart, key, caveats, references."""
    s = styles()
    chart = handout.flowchart
    assert chart is not None
    head: list[Flowable] = [Paragraph(html_text(chart.title or handout.title), s["h1"]),
                            Paragraph(fact_line(governance(handout)), s["meta"]),
                            Spacer(1, 6)]
    return chart_section(handout, svg, citer, head, url) + references_section(citer)
