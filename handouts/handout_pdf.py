"""Lay out a handout as ReportLab flowables, in reading order."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from .blocks_pdf import section_flowables
from .chart_pdf import chart_section
from .citations import Citer
from .markup import to_markup
from .model import Handout
from .pdf import DocInfo, styles
from .quoting import html_text

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
AUDIENCE = {"clinician": "For healthcare professionals", "patient": "For patients and carers"}


def long_date(day: "object") -> str:
    """Format a date as '1 October 2025', independent of the machine's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"  # type: ignore[attr-defined]


def doc_info(handout: Handout, what: str = "") -> DocInfo:
    """Return the PDF metadata and footer line of a handout."""
    title = f"{handout.title}{what}"
    return DocInfo(
        title=title,
        author=handout.producer,
        subject=handout.subtitle or handout.title,
        footer=f"{title} · Version {handout.version} · Updated {long_date(handout.updated)}",
    )


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
    status = ("Draft: not yet clinically reviewed" if handout.status == "draft"
              else "Approved")
    return [AUDIENCE[handout.audience], f"Version {handout.version}",
            f"Updated {long_date(handout.updated)}",
            f"Review due {long_date(handout.review_due)}", status]


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
    parts.append(Spacer(1, 10))
    return parts


def about_section(handout: Handout) -> list[Flowable]:
    """Return who produced the handout and how to reach them."""
    s = styles()
    return [KeepTogether([
        Paragraph("About this handout", s["h2"]),
        Paragraph(f"<b>Produced by</b> {html_text(handout.producer)}", s["body"]),
        Paragraph(f"<b>Contact</b> {html_text(handout.contact)}", s["body"]),
    ])]


def paragraphs(text: str, citer: Citer) -> list[Flowable]:
    """Return one paragraph per blank-line-separated block of ``text``."""
    s = styles()
    return [Paragraph(to_markup(" ".join(p.split()), citer.cite), s["body"])
            for p in text.split("\n\n") if p.strip()]


def handout_story(handout: Handout, svg: bytes | None, citer: Citer) -> list[Flowable]:
    """Return every flowable of the handout, in reading order."""
    story = title_block(handout) + paragraphs(handout.summary, citer)
    if svg is not None:
        story += chart_section(handout, svg, citer)
    for section in handout.sections:
        story += section_flowables(section, citer)
    return story + references_section(citer) + about_section(handout)


def flowchart_story(handout: Handout, svg: bytes, citer: Citer) -> list[Flowable]:
    """Return the download of a flowchart: a compact title, chart, key, caveats, references."""
    s = styles()
    chart = handout.flowchart
    assert chart is not None
    head: list[Flowable] = [Paragraph(html_text(chart.title or handout.title), s["h1"]),
                            Paragraph(fact_line(governance(handout)), s["meta"]),
                            Spacer(1, 6)]
    return chart_section(handout, svg, citer, head) + references_section(citer)
