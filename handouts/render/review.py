"""Typeset the sign-off sheet of a handout: what a reviewing clinician reads and signs.

In order: the files the approval is bound to (each edition's SHA-256), the open items,
what changed since the last approved version (in words), every statement beside the wording
of the source passage it cites, with a column to mark it correct or needing a change and
room for the correction, every page of the A4 edition as printed, the sources, and two
signatures.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from handouts.flowchart.graph import FONT_SIZE, chart_graph
from handouts.flowchart.key import key_items
from handouts.fonts import chart_measure
from handouts.layout.dates import long_date
from handouts.layout.quoting import html_text
from handouts.model.chart import Flowchart
from handouts.model.handout import Change, Handout
from handouts.model.profile import PROFILES
from handouts.render.chart import marks_of
from handouts.render.handout import governance
from handouts.render.page import DocInfo, render
from handouts.render.review_table import (
    CHECK_BOX,
    GRID,
    HEAD,
    NO_QUOTE,
    NO_SOURCE,
    NOT_READ,
    statements_table,
)
from handouts.render.styles import Doc, table_style
from handouts.spec.bibliography import Bibliography
from handouts.spec.signoff import OpenItem, source_name
from handouts.spec.statements import KeyWords, Statement
from handouts.versions.changed import Changes

SIGNATORIES = ("Pharmacist", "Oncologist")
"""The two people who sign, by the role each usually has."""
WIDE = 10_000.0
"""Wrap a chart's boxes this wide when reading its key: no mark is split across lines."""


@dataclass(frozen=True)
class Baseline:
    """The version a review compares with, and why that one."""

    version: str
    approved: bool
    """True: the last approved version; False: no version was approved, so the last release."""
    approved_by: str = ""
    approved_on: datetime.date | None = None


@dataclass(frozen=True)
class Sheet:
    """Everything a sign-off sheet prints about one version of a handout."""

    handout: Handout
    statements: Sequence[Statement]
    open: Sequence[OpenItem]
    files: Sequence[tuple[str, str]]
    """(file name, SHA-256) of each file a build writes for this version."""
    pages: Sequence[bytes]
    """Each page of the A4 edition, as a PNG image."""
    printed: str
    """The name of the A4 edition's file."""
    changes: Changes | None = None
    baseline: Baseline | None = None
    history: str = ""
    """Why earlier versions could not be read, if they could not."""


def key_words(doc: Doc) -> KeyWords:
    """Return how a chart's key reads in ``doc``: the words of each entry, for the whole
    chart."""
    measure = chart_measure(FONT_SIZE)

    def words(chart: Flowchart) -> list[str]:
        graph = chart_graph(chart, marks_of(chart, doc), measure, WIDE)
        return [item.text for item in key_items(chart, [graph])]
    return words


def review_pdf(sheet: Sheet, bibliography: Bibliography, doc: Doc) -> bytes:
    """Return the sign-off sheet as PDF bytes."""
    s = doc.styles
    handout = sheet.handout
    title = f"Clinical sign-off: {handout.title}"
    story: list[Flowable] = [
        Paragraph(html_text(title), s["title"]),
        Paragraph(html_text(" · ".join(governance(handout))), s["meta"]),
        Paragraph(
            f"Read each statement of version {handout.version} against the wording of the "
            f"source passage beside it, mark it <b>correct</b> or <b>needs change</b>, and "
            f"write any correction in the room given. <b>{NO_SOURCE}</b>: the statement cites "
            f"nothing; <b>{NO_QUOTE}</b>: the passage it cites is not quoted here, so check it "
            f"in the source itself. Both signatories sign at the end.", s["body"]),
    ]
    story += _files(sheet, doc)
    story += _open_items(sheet, doc)
    story += _changes(sheet, doc)
    story += statements_table(sheet.statements, sheet.changes, bibliography, doc)
    story += _pages(sheet, doc)
    story += _sources(sheet, bibliography, doc)
    story += _sign_off(sheet, doc)
    info = DocInfo(title=title, author=doc.publisher.name or "handouts",
                   subject=f"Sign-off sheet for {handout.slug} version {handout.version}",
                   facts=[f"Sign-off: {handout.slug}", f"Version {handout.version}"],
                   notice="For the reviewing clinicians: not for patients.",
                   draft=False, date=handout.updated, where=handout.where.at())
    return render(story, info, PROFILES["a4"])


def _table(rows: list[list[Flowable]], widths: list[float], *extra: tuple[object, ...],
           head: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
    table.setStyle(table_style(
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *((("BACKGROUND", (0, 0), (-1, 0), HEAD),) if head else ()),
        *extra,
    ))
    return table


def _files(sheet: Sheet, doc: Doc) -> list[Flowable]:
    s = doc.styles
    width = doc.frame()[0]
    small = _hash_style(sheet, s["cell"], width)
    rows = [[Paragraph("<b>File</b>", s["cell"]), Paragraph("<b>SHA-256</b>", s["cell"])]]
    rows += [[Paragraph(html_text(name), s["cell"]), Paragraph(digest, small)]
             for name, digest in sheet.files]
    column = max((stringWidth(d, small.fontName, small.fontSize) for _, d in sheet.files),
                 default=0.0) + 2 * CELL_PAD
    return [
        Paragraph("1. What you are approving", s["h2"]),
        Paragraph(f"Version {html_text(sheet.handout.version)} as these files print it, and "
                  f"nothing else: an approval holds for the files whose SHA-256 is listed "
                  f"here (run <i>sha256sum FILE</i> to compare). Every page of "
                  f"<b>{html_text(sheet.printed)}</b> is shown in part 5.", s["body"]),
        _table(rows, [width - column, column]),
    ]


CELL_PAD = 6.0
"""Points: a table cell's padding on each side (ReportLab's default)."""


def _hash_style(sheet: Sheet, cell: ParagraphStyle, width: float) -> ParagraphStyle:
    """Return the style of the SHA-256 column: the largest size, from 8.5 pt down to 7 pt,
    at which every digest fits one line (so it reads as sha256sum prints it) and leaves the
    file names theirs."""
    names = max((stringWidth(n, cell.fontName, cell.fontSize) for n, _ in sheet.files),
                default=0.0) + 2 * CELL_PAD
    for size in (8.5, 8.0, 7.5, 7.0):
        digests = max((stringWidth(d, cell.fontName, size) for _, d in sheet.files),
                      default=0.0) + 2 * CELL_PAD
        if names + digests <= width:
            break
    return ParagraphStyle("hash", cell, fontSize=size, leading=size * 1.3)


def _open_items(sheet: Sheet, doc: Doc) -> list[Flowable]:
    s = doc.styles
    out: list[Flowable] = [Paragraph(f"2. Open items ({len(sheet.open)})", s["h2"])]
    if not sheet.open:
        out.append(Paragraph("None: no statement awaits confirmation, and every source "
                             "cited has been read.", s["body"]))
        return out
    out.append(Paragraph(
        "Not yet settled: each statement that says it awaits confirmation, and each source "
        "cited that no one has read. A handout with open items cannot be released as "
        "approved (<i>handouts check --strict</i> refuses it).", s["body"]))
    for item in sheet.open:
        numbers = ", ".join(map(str, item.numbers))
        label = "statement" if len(item.numbers) == 1 else "statements"
        out.append(Paragraph(f"{html_text(item.text)} <font color='#3d3d3d'>({label} "
                             f"{numbers})</font>", s["bullet"], bulletText="•"))
    return out


def _changes(sheet: Sheet, doc: Doc) -> list[Flowable]:
    s = doc.styles
    out: list[Flowable] = [Paragraph("3. What changed", s["h2"])]
    baseline, handout = sheet.baseline, sheet.handout
    if sheet.history:
        out.append(Paragraph(f"Earlier versions could not be read ({html_text(sheet.history)}), "
                             "so what changed is not shown: read every statement.", s["body"]))
        return out
    if baseline is None or sheet.changes is None:
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
    for change in (c for c in handout.changelog if _newer(c, baseline.version)):
        out.append(Paragraph(f"Version {change.version} ({long_date(change.date)}), as its "
                             "changelog says:", s["h3"]))
        out += [Paragraph(html_text(text), s["bullet"], bulletText="•")
                for text in change.changes]
    out.append(Paragraph("What the handout now says differently, part by part (statements "
                         "marked new or changed in part 4):", s["h3"]))
    out += [Paragraph(html_text(line), s["bullet"], bulletText="•")
            for line in sheet.changes.lines] or [Paragraph("None.", s["body"])]
    return out


def _newer(change: Change, version: str) -> bool:
    def key(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in v.split("."))
    return key(change.version) > key(version)


def _pages(sheet: Sheet, doc: Doc) -> list[Flowable]:
    s = doc.styles
    width, height = doc.frame()
    out: list[Flowable] = [Paragraph("5. The handout as printed", s["h2"]),
                           Paragraph(f"Every page of {html_text(sheet.printed)}, in order, "
                                     "as it prints on A4.", s["body"])]
    above = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                for f in out)
    caption = ParagraphStyle("page-caption", s["small"], spaceAfter=2)
    room = height - above - caption.leading - caption.spaceAfter - 8
    for number, png in enumerate(sheet.pages, start=1):
        image = Image(io.BytesIO(png))
        scale = min(width / image.imageWidth, room / image.imageHeight)
        image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
        framed = Table([[image]], colWidths=[image.drawWidth], rowHeights=[image.drawHeight])
        framed.setStyle(table_style(("BOX", (0, 0), (-1, -1), 0.75, GRID),
                                    *((side, (0, 0), (-1, -1), 0) for side in (
                                        "LEFTPADDING", "RIGHTPADDING", "TOPPADDING",
                                        "BOTTOMPADDING"))))
        out += [*([PageBreak()] if number > 1 else []),
                Paragraph(f"Page {number} of {len(sheet.pages)}: {html_text(sheet.printed)}",
                          caption), framed]
    return out + [PageBreak()]


def _sources(sheet: Sheet, bibliography: Bibliography, doc: Doc) -> list[Flowable]:
    s = doc.styles
    width = doc.frame()[0]
    keys = list(dict.fromkeys(c.key for st in sheet.statements for c in st.cites))
    rows = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in ("Source", "Reference", "Read")]]
    for key in keys:
        reference = bibliography.get(key)
        if reference is None:
            continue
        rows.append([Paragraph(f"<b>{html_text(source_name(reference))}</b>", s["cell"]),
                     Paragraph(doc.citer.entry(key), s["cell"]),
                     Paragraph("yes" if reference.read else f"<b>no: {NOT_READ}</b>",
                               s["cell"])])
    return [Paragraph(f"6. Sources ({len(rows) - 1})", s["h2"]),
            _table(rows, [0.28 * width, 0.6 * width, 0.12 * width])]


def _sign_off(sheet: Sheet, doc: Doc) -> list[Flowable]:
    s = doc.styles
    width = doc.frame()[0]
    handout = sheet.handout
    cell = s["cell"]
    rows = [[Paragraph("", cell), *(Paragraph(f"<b>{role}</b>", cell) for role in SIGNATORIES)]]
    for label in ("Name", "Role", "Date", "Signature"):
        rows.append([Paragraph(f"<b>{label}</b>", cell), Spacer(1, 20), Spacer(1, 20)])
    decision = (f"{CHECK_BOX} Approve version {handout.version} as printed in the files of "
                f"part 1<br/>{CHECK_BOX} Changes needed (marked in part 4)")
    rows.append([Paragraph("<b>Decision</b>", cell), Paragraph(decision, cell),
                 Paragraph(decision, cell)])
    rows.append([Paragraph("<b>Comments</b>", cell), Spacer(1, 70), Spacer(1, 70)])
    table = _table(rows, [0.2 * width, 0.4 * width, 0.4 * width],
                   ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6))
    after = (f"Approval needs both signatures and no open item (part 2). Then set "
             f"<b>status: approved</b>, <b>approved_by</b> (both names and roles) and "
             f"<b>approved_on</b> in <i>{html_text(handout.where.path)}</i>, and release it.")
    return [CondPageBreak(260), KeepTogether([Paragraph("7. Sign-off", s["h2"]), table,
                                              Spacer(1, 6), Paragraph(after, s["body"])])]
