"""Lay out a flowchart for the page: each part with its heading and key, then its notes and
the chart in words.

The layout search picks, for the edition's paper, the direction, wrapping, orientation and
split that print the chart's text largest; each part of a split chart gets a page of its
own, turned if that suits it, with the key repeated and its continued arrows pointing to
the pages they go on.
"""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

from handouts.layout.chartgraph import FONT_SIZE, PAGE, Box
from handouts.layout.key import KeyItem, key_items
from handouts.layout.quoting import html_text
from handouts.layout.search import Targets
from handouts.layout.words import caveats, chart_in_words, either, step_sources
from handouts.model.chart import Flowchart
from handouts.model.profile import Profile
from handouts.render.chartdraw import chart_drawing
from handouts.render.chartkey import key_drawing
from handouts.render.charts import Drawn, too_small
from handouts.render.page import located
from handouts.render.styles import Doc
from handouts.spec.sources import cited_keys

GAP = 6.0


def key_text(profile: Profile) -> float:
    """Return the size of a chart key's text: small, never below the chart's least size."""
    return max(profile.chart_least, profile.size(10.5) if profile.paper[0] > 500 else 9.0)


def targets(profile: Profile) -> Targets:
    """Return the sizes a chart's text should reach in an edition."""
    return Targets(profile.chart_least, profile.chart_enough,
                   max(profile.chart_most, profile.least))


class ChartPart(Flowable):
    """One part of a chart, drawn when its page is known (for 'continued on page N')."""

    def __init__(self, drawn: Drawn, index: int) -> None:
        super().__init__()
        self.drawn = drawn
        self.index = index
        self.width = drawn.placed.width * drawn.scale
        height = chart_drawing(drawn.graph, drawn.placed, drawn.scale, drawn.across).height
        self.height = height
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        page = self.canv.getPageNumber()

        def resolve(box: Box, text: str) -> str:
            pages = [str(page + part - self.index) for part in box.target_parts]
            return text.replace(PAGE, either(pages, "and"))

        drawing = chart_drawing(self.drawn.graph, self.drawn.placed, self.drawn.scale,
                                self.drawn.across, resolve)
        renderPDF.draw(drawing, self.canv, 0, 0)


def marks_of(chart: Flowchart, doc: Doc) -> dict[str, str]:
    """Return the compact source mark of each reference the chart cites."""
    return {key: doc.citer.marker(key) for key in cited_keys(chart)}


def chart_flowables(chart: Flowchart, title: str, doc: Doc,
                    heading_style: str = "h2") -> list[Flowable]:
    """Return the chart's parts (heading, chart, key), its notes and the chart in words."""
    s = doc.styles
    layouts = doc.layouts
    key_size = key_text(doc.profile)
    marks = marks_of(chart, doc)

    def heading(part: int, parts: int) -> list[Flowable]:
        words = title if parts == 1 else f"{title} (part {part} of {parts})"
        return [Paragraph(html_text(words), s[heading_style]), Spacer(1, GAP)]

    def room(items: tuple[KeyItem, ...]) -> dict[bool, tuple[float, float]]:
        return {turned: _room(doc, turned, heading(2, 2), list(items), key_size)
                for turned in (False, True)}

    wanted = targets(doc.profile)
    choice, parts = layouts.plan(chart, marks, room, wanted)
    if choice.size < wanted.least - 0.05:
        raise too_small(chart, choice, wanted, doc.profile.name, [p.graph for p in parts])
    split = len(parts) > 1
    out: list[Flowable] = []
    for number, part in enumerate(parts, start=1):
        width = doc.frame(part.turned)[0]
        drawn = located(ChartPart(part, number - 1), chart.where.at())
        body = [*heading(number, len(parts)), drawn, Spacer(1, GAP),
                key_drawing(key_items(chart, [part.graph]), width, key_size)]
        if part.turned or number > 1:  # each part after the first starts a page of its own
            out += [NextPageTemplate("turned" if part.turned else "page"), PageBreak()]
        out.append(KeepTogether(body))
    if split or any(p.turned for p in parts):
        out += [NextPageTemplate("page"), PageBreak()]
    if chart.caption:
        out.append(Paragraph(doc.markup(chart.caption), s["body"]))
    notes = caveats(chart)
    if notes:
        out.append(Paragraph("Not yet confirmed", s["h3"]))
        out += [Paragraph(doc.markup(n), s["bullet"], bulletText="•") for n in notes]
    out.append(Paragraph("The chart in words", s["h3"]))
    out += [Paragraph(html_text(sentence), s["bullet"], bulletText="•")
            for sentence in chart_in_words(chart)]
    steps = step_sources(chart)
    if steps:
        out.append(Paragraph("Where each step comes from", s["h3"]))
        out += [Paragraph(f"{html_text(step)} {doc.citer.cite(cites)}", s["bullet"],
                          bulletText="•") for step, cites in steps]
    return out


def _room(doc: Doc, turned: bool, heading: list[Flowable], items: list[KeyItem],
          key_size: float) -> tuple[float, float]:
    """Return the room a chart part has on a page: the frame less heading and key."""
    width, height = doc.frame(turned)
    above = sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                for f in heading)
    key = key_drawing(items, width, key_size).height
    return width, height - above - key - 2 * GAP - FONT_SIZE
