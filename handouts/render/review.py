"""Typeset the sign-off sheet of a handout: what a reviewing clinician reads and signs.

It lists what changed since the last approved version, every statement with the source and
section that supports it (and says where none does), the references, and a sign-off block.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from handouts.layout.dates import long_date
from handouts.layout.quoting import html_text
from handouts.model.handout import Change, Handout
from handouts.model.profile import PROFILES
from handouts.render.handout import governance, references_section
from handouts.render.page import DocInfo, render
from handouts.render.styles import Doc, table_style
from handouts.spec.statements import Statement

NO_SOURCE = "no source"
CHECK_BOX = "☐"


@dataclass(frozen=True)
class Baseline:
    """The version a review compares with, and why that one."""

    version: str
    approved: bool
    """True: the last approved version; False: no version was approved, so the last release."""
    approved_by: str = ""
    approved_on: datetime.date | None = None


def review_pdf(handout: Handout, statements: list[Statement], changes: list[str],
               baseline: Baseline | None, doc: Doc) -> bytes:
    """Return the sign-off sheet of ``handout`` as PDF bytes."""
    s = doc.styles
    title = f"Clinical sign-off: {handout.title}"
    story: list[Flowable] = [
        Paragraph(html_text(title), s["title"]),
        Paragraph(html_text(" · ".join(governance(handout))), s["meta"]),
        Paragraph(
            f"Read each statement of version {handout.version} against the source and the "
            f"section cited, tick it, and sign at the end. A statement marked "
            f"<b>{NO_SOURCE}</b> cites nothing: decide whether it needs a source.", s["body"]),
    ]
    story += _changes(handout, changes, baseline, doc)
    story += _statements(statements, doc)
    story += references_section(doc)
    story += _sign_off(handout, doc)
    info = DocInfo(title=title, author=doc.publisher.name or "handouts",
                   subject=f"Sign-off sheet for {handout.slug} version {handout.version}",
                   facts=[f"Sign-off: {handout.slug}", f"Version {handout.version}"],
                   notice="For the reviewing clinician: not for patients.",
                   draft=False, date=handout.updated, where=handout.where.at())
    return render(story, info, PROFILES["a4"])


def _changes(handout: Handout, changes: list[str], baseline: Baseline | None,
             doc: Doc) -> list[Flowable]:
    s = doc.styles
    out: list[Flowable] = [Paragraph("What changed", s["h2"])]
    if baseline is None:
        out.append(Paragraph("This is the first version: every statement is new.", s["body"]))
        return out
    if baseline.approved:
        who = f", by {html_text(baseline.approved_by)}" if baseline.approved_by else ""
        when = f" on {long_date(baseline.approved_on)}" if baseline.approved_on else ""
        out.append(Paragraph(f"Changes since version {baseline.version}, the last approved "
                             f"version (approved{who}{when}).", s["body"]))
    else:
        out.append(Paragraph(f"No version has been approved yet. Changes since version "
                             f"{baseline.version}, the version released before this one.",
                             s["body"]))
    entries = [c for c in handout.changelog if _newer(c, baseline.version)]
    for change in entries:
        out.append(Paragraph(f"Version {change.version} ({long_date(change.date)}), as its "
                             "changelog says:", s["h3"]))
        out += [Paragraph(html_text(text), s["bullet"], bulletText="•") for text in change.changes]
    out.append(Paragraph("Every change to the text, as the diff finds it:", s["h3"]))
    out += [Paragraph(html_text(line), s["bullet"], bulletText="•") for line in changes] or [
        Paragraph("None.", s["body"])]
    return out


def _newer(change: Change, version: str) -> bool:
    def key(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in v.split("."))
    return key(change.version) > key(version)


def _statements(statements: list[Statement], doc: Doc) -> list[Flowable]:
    s = doc.styles
    cell, small = s["cell"], s["cell"]
    width = doc.frame()[0]
    widths = [0.06 * width, 0.2 * width, 0.42 * width, 0.26 * width, 0.06 * width]
    head = [Paragraph(f"<b>{h}</b>", cell) for h in ("#", "Where", "Statement", "Source", "OK")]
    rows = [head]
    for number, statement in enumerate(statements, start=1):
        source = doc.citer.cite(statement.cites) if statement.cites else f"<b>{NO_SOURCE}</b>"
        rows.append([Paragraph(str(number), small),
                     Paragraph(f"{html_text(statement.place)} (line {statement.line})", small),
                     Paragraph(html_text(statement.text), cell), Paragraph(source, small),
                     Paragraph(CHECK_BOX, cell)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ))
    # the heading keeps with the table's first rows only: a long table may start mid-page
    heading = ParagraphStyle("h2-open", s["h2"], keepWithNext=0)
    return [CondPageBreak(120), Paragraph(f"Statements ({len(statements)})", heading), table]


def _sign_off(handout: Handout, doc: Doc) -> list[Flowable]:
    s = doc.styles
    width = doc.frame()[0]
    blank = "&nbsp;"
    rows = [[Paragraph(f"<b>{label}</b>", s["cell"]), Paragraph(blank, s["cell"])]
            for label in ("Name", "Role", "Date", "Signature")]
    rows.append([Paragraph("<b>Decision</b>", s["cell"]),
                 Paragraph(f"{CHECK_BOX} Approve version {handout.version} as printed"
                           f"<br/>{CHECK_BOX} Changes needed (list them below)", s["cell"])])
    rows.append([Paragraph("<b>Comments</b>", s["cell"]), Spacer(1, 90)])
    table = Table(rows, colWidths=[0.22 * width, 0.78 * width])
    table.setStyle(table_style(
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ))
    after = (f"Once approved, set <b>status: approved</b>, <b>approved_by</b> and "
             f"<b>approved_on</b> in <i>{html_text(handout.where.path)}</i>, and release it.")
    return [KeepTogether([Paragraph("Sign-off", s["h2"]), table, Spacer(1, 6),
                          Paragraph(after, s["body"])])]
