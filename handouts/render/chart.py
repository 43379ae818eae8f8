"""Lay out a flowchart for the page: the vector chart scaled to fit, its key and caveats."""

from __future__ import annotations

import copy
import functools
import io
from collections.abc import Callable

from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)
from svglib.svglib import svg2rlg

from handouts.errors import BuildError, Location, Problem, SpecError
from handouts.layout import look as st
from handouts.layout.quoting import html_text
from handouts.layout.split import lane_groups, split_chart
from handouts.layout.words import chart_in_words
from handouts.model.chart import Flowchart
from handouts.model.handout import Handout
from handouts.render.fonts import register_fonts
from handouts.render.styles import Doc, table_style

MIN_PRINTED_FONT_SIZE = 8.0


class ChartTooLarge(SpecError):
    """The chart cannot be printed legibly in the room it has."""


@functools.lru_cache(maxsize=8)
def _parsed(svg: bytes) -> Drawing:
    """Convert SVG to a drawing once; callers scale their own copies."""
    drawing = svg2rlg(io.BytesIO(svg))
    if drawing is None:
        raise BuildError("the flowchart's SVG from Graphviz could not be read")
    drawing.initialFontName = register_fonts()
    return drawing


def chart_drawing(svg: bytes, max_width: float, max_height: float, where: Location) -> Drawing:
    """Turn Graphviz SVG into a vector drawing scaled to fit, never below 8 pt text."""
    drawing = copy.deepcopy(_parsed(svg))
    scale = min(1.0, max_width / drawing.width, max_height / drawing.height)
    if st.SMALLEST_FONT_SIZE * scale < MIN_PRINTED_FONT_SIZE - 0.05:
        raise ChartTooLarge([Problem(
            where, f"the flowchart is too large to print legibly (its smallest text would be "
                   f"{st.SMALLEST_FONT_SIZE * scale:.1f} pt; 8 pt is the minimum)",
            "shorten labels, put fewer boxes side by side, or split the chart in two")])
    drawing.scale(scale, scale)
    drawing.width *= scale
    drawing.height *= scale
    drawing.hAlign = "CENTER"
    return drawing


def _node_sample(kind: str) -> Drawing:
    """Draw a small sample of a node kind for the legend."""
    look = st.NODE_STYLES[kind]
    d = Drawing(40, 20, initialFontName=register_fonts())
    fill, ink = colors.HexColor(look.fill), colors.HexColor(st.INK)
    common = {"fillColor": fill, "strokeColor": ink, "strokeWidth": look.penwidth * 0.75}
    if look.shape == "diamond":
        d.add(Polygon([2, 10, 20, 19, 38, 10, 20, 1], **common))
    elif look.shape == "note":
        d.add(Polygon([2, 2, 2, 18, 31, 18, 38, 11, 38, 2], **common))
        d.add(PolyLine([31, 18, 31, 11, 38, 11], strokeColor=ink, strokeWidth=0.7))
    else:
        radius = 4 if "rounded" in look.style else 0
        d.add(Rect(2, 3, 36, 14, rx=radius, ry=radius, **common))
    return d


DASHES = {"solid": None, "bold": None, "dashed": [4, 2.5], "dotted": [1, 2]}


def _edge_sample(line_style: str, width: float, arrowhead: str = "normal") -> Drawing:
    """Draw a small arrow in a line style for the legend."""
    d = Drawing(40, 20, initialFontName=register_fonts())
    ink = colors.HexColor(st.INK)
    d.add(Line(2, 10, 31, 10, strokeColor=ink, strokeWidth=width * 0.75,
               strokeDashArray=DASHES[line_style]))
    open_head = arrowhead == "onormal"
    d.add(Polygon([30, 13.5, 38, 10, 30, 6.5], fillColor=colors.white if open_head else ink,
                  strokeColor=ink, strokeWidth=0.8))
    return d


def _marker_sample(doc: Doc) -> Drawing:
    """Draw an example source mark for the legend, at the profile's smallest key text."""
    font, size = register_fonts() + "-Oblique", doc.profile.size(8.5)
    width = max(40.0, stringWidth("TA536", font, size) + 4)
    d = Drawing(width, size * 2, initialFontName=register_fonts())
    d.add(String(width / 2, size * 0.6, "TA536", fontName=font, fontSize=size,
                 textAnchor="middle", fillColor=colors.HexColor(st.INK)))
    return d


def legend(chart: Flowchart, doc: Doc) -> Table:
    """Return a three-column legend of the node kinds and arrows the chart uses."""
    s = doc.styles["small"]
    items: list[tuple[Drawing, str]] = []
    for kind, look in st.NODE_STYLES.items():
        if any(n.kind == kind for n in chart.nodes):
            items.append((_node_sample(kind), look.legend))
    for when, edge_look in st.EDGE_STYLES.items():
        if any(e.when == when for e in chart.edges):
            items.append((_edge_sample(edge_look.style, edge_look.penwidth, edge_look.arrowhead),
                          edge_look.legend))
    if any(e.unconfirmed for e in chart.edges) or any(n.unconfirmed for n in chart.nodes):
        items.append((_edge_sample(st.UNCONFIRMED_STYLE, 1.4), st.UNCONFIRMED_LEGEND))
    if doc.citer.keys:
        items.append((_marker_sample(doc), "Source: see References"))
    columns = 3
    rows = [[cell for item in items[i:i + columns]
             for cell in (item[0], Paragraph(html_text(item[1]), s))]
            for i in range(0, len(items), columns)]
    rows[-1] += [""] * (2 * columns - len(rows[-1]))
    width = doc.frame()[0]
    sample = max(44.0, *(item[0].width + 4 for item in items))
    table = Table(rows, colWidths=[sample, width / columns - sample] * columns, hAlign="LEFT")
    table.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ))
    return table


def caveats(chart: Flowchart) -> list[str]:
    """Return each unconfirmed step of a chart as a sentence, in chart order."""
    labels = {n.id: n.label for n in chart.nodes}
    lines = [f"{n.label}: {n.unconfirmed}" for n in chart.nodes if n.unconfirmed]
    for edge in chart.edges:
        if edge.unconfirmed:
            words = edge.label or st.EDGE_STYLES[edge.when].words
            step = f"{labels[edge.source]} → {labels[edge.target]}"
            lines.append(f"{step} ({words}): {edge.unconfirmed}" if words
                         else f"{step}: {edge.unconfirmed}")
    return lines


def height_of(flowables: list[Flowable], width: float) -> float:
    """Return the height ``flowables`` take when stacked in a frame ``width`` wide."""
    total = 0.0
    for f in flowables:
        total += f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


Layout = Callable[[Flowchart], bytes]
"""Lays out a chart (or a part of one) left to right and returns its SVG."""


def chart_section(handout: Handout, svg: bytes, doc: Doc,
                  head: list[Flowable] | None = None, url: str = "",
                  across: Layout | None = None) -> list[Flowable]:
    """Return the flowchart with heading, caption and key, then caveats and the chart in words.

    ``head`` replaces the chart's own heading (the download sheet has a title block
    instead). Upright profiles scale ``svg`` to the room left on its page. Profiles that
    turn charts sideways (large print, A5) lay the chart out left to right with
    ``across`` on landscape pages, split by lines of therapy into as few parts as keep
    its text at the profile's size. Where nothing fits, the chart in words stands in,
    with a pointer to the A4 print and the download.
    """
    chart = handout.flowchart
    assert chart is not None
    s = doc.styles
    heading = head or [Paragraph(html_text(chart.title or "Flowchart"), s["h2"])]
    below: list[Flowable] = [Spacer(1, 6), Paragraph("Key", s["h3"]),
                             legend(chart, doc)]
    if doc.profile.chart_landscape and across is not None:
        pages = turned_pages(chart, heading, across, doc)
        if pages:
            parts = [NextPageTemplate("turned"), PageBreak(), *pages,
                     NextPageTemplate("page"), PageBreak(), *below]
        else:
            parts = [*heading, too_large_note(url, doc)]
    else:
        above = list(heading)
        if chart.caption:
            above.append(Paragraph(doc.markup(chart.caption), s["small"]))
        above.append(Spacer(1, 6))
        width, height = doc.frame()
        room = height - height_of(above + below, width) - 12
        try:
            drawing = chart_drawing(svg, width, room, chart.where.at())
            parts = [KeepTogether([*above, drawing, *below])]
        except ChartTooLarge:
            if doc.profile.name == "a4":
                raise
            parts = [*heading, too_large_note(url, doc)]
    notes = caveats(chart)
    if notes:
        parts.append(Paragraph("Not yet confirmed", s["h3"]))
        parts += [Paragraph(doc.markup(n), s["bullet"], bulletText="•")
                  for n in notes]
    parts.append(Paragraph("The chart in words", s["h3"]))
    parts += [Paragraph(html_text(sentence), s["bullet"], bulletText="•")
              for sentence in chart_in_words(chart)]
    return parts


def too_large_note(url: str, doc: Doc) -> Flowable:
    """Say that the chart cannot be printed legibly here, and where to find it."""
    where = f" or download it from {url}" if url else ""
    return Paragraph(f"The flowchart is too large to print legibly on "
                     f"{doc.profile.name.upper()} paper. See it in the A4 handout"
                     f"{html_text(where)}; here it is in words.", doc.styles["body"])


def turned_pages(chart: Flowchart, heading: list[Flowable], across: Layout,
                 doc: Doc) -> list[Flowable]:
    """Return the chart on landscape pages, left to right, in as few parts as keep its text
    at the profile's chart size; failing that, at the largest size of at least 8 pt; or []
    if no split reaches 8 pt."""
    s = doc.styles
    hint = Paragraph("Read from left to right: each column is a line of treatment.", s["small"])
    width, height = doc.frame(turned=True)
    room = height - height_of([*heading, hint, Spacer(1, 6)], width) - 12
    least = MIN_PRINTED_FONT_SIZE / st.SMALLEST_FONT_SIZE
    wanted = doc.profile.chart_text / st.SMALLEST_FONT_SIZE
    options: list[tuple[float, list[Drawing]]] = []
    for count in range(1, len(chart.lanes) + 1):
        parts = split_chart(chart, lane_groups(chart.lanes, count)) if count > 1 else [chart]
        drawings = [copy.deepcopy(_parsed(across(part))) for part in parts]
        options.append((min(min(wanted, width / d.width, room / d.height) for d in drawings),
                        drawings))
        if options[-1][0] >= wanted - 1e-6:
            break
    # Fewer parts read more easily: take the fewest within a tenth of the largest text.
    top = max(scale for scale, _ in options)
    scale, drawings = next(option for option in options if option[0] >= 0.9 * top)
    if scale < least - 1e-6:
        return []
    pages: list[Flowable] = []
    for number, drawing in enumerate(drawings, start=1):
        drawing.scale(scale, scale)
        drawing.width *= scale
        drawing.height *= scale
        drawing.hAlign = "CENTER"
        title = heading if len(drawings) == 1 else [
            Paragraph(f"{heading[0].getPlainText()} (part {number} of {len(drawings)})",
                      heading[0].style)]
        if number > 1:
            pages.append(PageBreak())
        pages.append(KeepTogether([*title, hint, Spacer(1, 6), drawing]))
    return pages
