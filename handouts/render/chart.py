"""Print a flowchart in a handout: each part with its heading and key, the caption kept with
the chart, then its notes, the chart in words and where each step comes from.

The chart's one arrangement (handouts.flowchart) prints wherever it is large enough; an
edition whose pages cannot hold it (A5, large print) prints it in parts, each on a page of
its own with its own key, its continuation boxes naming the pages they lead to.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

from handouts.errors import Problem, SpecError
from handouts.flowchart.engine import Drawn, Plan
from handouts.flowchart.graph import FONT_SIZE, PAGE, Box
from handouts.flowchart.key import KeyItem, key_groups
from handouts.flowchart.pdf import drawing
from handouts.flowchart.scene import MARGIN, Scene, scene
from handouts.flowchart.search import Rooms, Targets
from handouts.flowchart.words import (
    arrow_names,
    box_names,
    caveats,
    chart_in_words,
    either,
    step_sources,
)
from handouts.fonts import chart_measure
from handouts.layout.quoting import html_text
from handouts.model.chart import Flowchart
from handouts.model.profile import PROFILES, Profile
from handouts.render.page import located
from handouts.render.styles import Doc, Styles, paragraph_styles
from handouts.spec.sources import cited_keys

GAP = 6.0
EDITIONS = {"a4": "A4", "a5": "A5", "letter": "US Letter", "large-print": "large print"}
REFERENCE_EDITIONS = ("a4", "letter")
"""The pages a chart's one arrangement is chosen for: every edition shows it where it fits."""


def key_text(profile: Profile) -> float:
    """Return the size of a chart key's text: small, never below the chart's least size."""
    return max(profile.chart_least, profile.size(10.5) if profile.paper[0] > 500 else 9.0)


def targets(profile: Profile) -> Targets:
    """Return the sizes a chart's text should reach in an edition."""
    return Targets(profile.chart_least, profile.chart_enough,
                   max(profile.chart_most, profile.least))


def key_drawing(items: Sequence[KeyItem], width: float, size: float) -> Flowable:
    """Return a chart's key as a drawing ``width`` wide, its text at ``size`` points."""
    groups, height = key_groups(items, width, size, chart_measure(size))
    return drawing(Scene(width, height, tuple(groups)))


def page_resolver(page: int, index: int) -> object:
    """Return how a continuation box on page ``page`` (part ``index``) names its page."""
    def resolve(box: Box, text: str) -> str:
        return text.replace(PAGE, either([str(page + part - index)
                                          for part in box.target_parts], "and"))
    return resolve


class ChartPart(Flowable):
    """One part of a chart, drawn when its page is known (for 'page N' in its boxes)."""

    def __init__(self, chart: Flowchart, drawn: Drawn) -> None:
        super().__init__()
        self.chart, self.drawn = chart, drawn
        self.width = (drawn.routed.width + 2 * MARGIN) * drawn.scale
        self.height = (drawn.routed.height + 2 * MARGIN) * drawn.scale
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        resolve = page_resolver(self.canv.getPageNumber(), self.drawn.index)
        shown = scene(self.drawn.routed, box_names(self.chart), arrow_names(self.chart),
                      resolve)  # type: ignore[arg-type]
        renderPDF.draw(drawing(shown, self.drawn.scale), self.canv, 0, 0)


def marks_of(chart: Flowchart, doc: Doc) -> dict[str, str]:
    """Return the compact source mark of each reference the chart cites."""
    return {key: doc.citer.marker(key) for key in cited_keys(chart)}


PART_STYLE = "h3"
"""A part of a split chart is headed a level down (at most): its heading, which names the
part, then fits one line where the chart's own title would take two (large print)."""


def part_style(style: str, whole: bool) -> str:
    """Return the style of a chart's heading: ``style`` for a chart printed whole, a part's
    style for a part."""
    return style if whole else PART_STYLE


def heading(title: str, part: int, parts: int, style: object) -> list[Flowable]:
    """Return a chart's heading, naming the part when it is split."""
    words = title if parts == 1 else f"{title} (part {part} of {parts})"
    return [Paragraph(html_text(words), style), Spacer(1, GAP)]


KEY_SIDE = 0.3
"""On a turned page the key goes beside the chart, in this share of the page's width."""


def title_of(chart: Flowchart) -> str:
    """Return the title a chart's heading prints."""
    return chart.title or "Flowchart"


LONGEST_PART = 10
"""The part number a heading is measured with, in case it makes the heading wrap: two
digits, as in '(part 10 of 10)'."""


@functools.lru_cache(maxsize=256)
def room_on(profile: Profile, turned: bool, items: tuple[KeyItem, ...], style: str = "h2",
            caption: str = "", title: str = "A chart", whole: bool = False
            ) -> tuple[float, float]:
    """Return the room a chart part has on a page of ``profile``: the frame less its
    heading (``title``, naming the part unless the chart is ``whole``), the caption, and
    the key, which goes below the chart, or beside it on a turned page where it fits there.
    A heading that wraps takes its lines: a part must fit its page with its key, or the
    pages its continuation boxes name would be wrong."""
    width, height = profile.frame(turned)
    styles = paragraph_styles(profile)
    parts = 1 if whole else LONGEST_PART
    head = heading(title, parts, parts, styles[part_style(style, whole)])
    if caption:
        head.append(Paragraph(caption, styles["body"]))
    above = sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                for f in head)
    if key_beside(profile, turned, items):
        return width * (1 - KEY_SIDE) - 2 * GAP, height - above - GAP - FONT_SIZE
    key = key_drawing(items, width, key_text(profile)).height
    return width, height - above - key - 2 * GAP - FONT_SIZE


@functools.lru_cache(maxsize=256)
def key_beside(profile: Profile, turned: bool, items: tuple[KeyItem, ...]) -> bool:
    """Tell whether a chart's key goes beside it: on a turned page, where the key fits a
    column of its own."""
    if not turned:
        return False
    width, height = profile.frame(turned)
    return key_drawing(items, width * KEY_SIDE, key_text(profile)).height < height / 2


class Beside(Flowable):
    """A chart with its key beside it, on a turned page: both top-aligned."""

    def __init__(self, chart: Flowable, key: Flowable, width: float) -> None:
        super().__init__()
        self.chart, self.key, self.width = chart, key, width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        heights = [f.wrap(avail_width, avail_height)[1] for f in (self.chart, self.key)]
        self.height = max(heights)
        return self.width, self.height

    def draw(self) -> None:
        _, chart_h = self.chart.wrap(self.width, self.height)
        key_w, key_h = self.key.wrap(self.width, self.height)
        self.chart.drawOn(self.canv, 0, self.height - chart_h)
        self.key.drawOn(self.canv, self.width - key_w, self.height - key_h)


@functools.lru_cache(maxsize=64)
def reference_rooms(items: tuple[KeyItem, ...], caption: str = "",
                    title: str = "A chart") -> list[Rooms]:
    """Return the room on the reference pages (A4 and Letter, for healthcare
    professionals), under a chart's heading and caption: its one arrangement is chosen to
    print well on them."""
    return [{turned: room_on(PROFILES[name], turned, items, "h2", caption, title, True)
             for turned in (False, True)} for name in REFERENCE_EDITIONS]


@dataclass(frozen=True)
class Keyed:
    """A room function, with what it depends on besides its arguments (``key``): the chart
    engine keeps its decisions by that key (and by the package's code)."""

    call: Callable[..., Any]
    key: tuple[object, ...]

    def __call__(self, *args: Any) -> Any:
        return self.call(*args)


def reference(chart: Flowchart, doc: Doc) -> Keyed:
    """Return the room on the reference pages for ``chart``, by the entries of its key: the
    A4 and Letter handouts under its caption, and the A4 download with its sources."""
    caption = doc.markup(chart.caption) if chart.caption else ""
    sources = tuple(sheet_sources(chart, doc))
    title = title_of(chart)
    return Keyed(lambda items: [*reference_rooms(items, caption, title),
                                {turned: sheet_room(PROFILES["a4"], turned, items, sources,
                                                    title, True)
                                 for turned in (False, True)}],
                 ("reference", caption, sources, title))


def sheet_sources(chart: Flowchart, doc: Doc) -> list[str]:
    """Return the sources behind a chart's marks as a download page lists them: each mark
    with its citation (the handout's reference list, and the image downloads, give them in
    full)."""
    return [f"[{mark}] {html_text(doc.citer.brief(key, address=False).split('.')[0])}"
            for key, mark in marks_of(chart, doc).items()]


SOURCE_POINTS = 9.0
"""The sources under a download's chart, set solid: no smaller than the chart's text."""


def sources_table(sources: Sequence[str], width: float, styles: Styles) -> list[Flowable]:
    """Return the sources behind a chart's marks as one paragraph: mark, citation; ..."""
    if not sources:
        return []
    style = ParagraphStyle("source", styles["small"], fontSize=SOURCE_POINTS,
                           leading=SOURCE_POINTS * 1.25, spaceAfter=0)
    said = "; ".join(sources) + (". The handout's reference list gives each in full.")
    return [Paragraph(f"<b>Sources</b> {said}", style)]


@functools.lru_cache(maxsize=64)
def sheet_room(profile: Profile, turned: bool, items: tuple[KeyItem, ...],
               sources: tuple[str, ...], title: str = "A chart",
               whole: bool = False) -> tuple[float, float]:
    """Return the room a chart has on its download page: the frame less its heading
    (``title``, naming the part unless the chart is ``whole``), its key and its sources."""
    width, height = profile.frame(turned)
    styles = paragraph_styles(profile)
    parts = 1 if whole else LONGEST_PART
    used = sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
               for f in [*heading(title, parts, parts, styles[part_style("h2", whole)]),
                         *sources_table(sources, width, styles)])
    if key_beside(profile, turned, items):
        return width * (1 - KEY_SIDE) - 2 * GAP, height - used - 3 * GAP
    key = key_drawing(items, width, key_text(profile)).height
    return width, height - used - key - 3 * GAP


def plan_chart(chart: Flowchart, doc: Doc, style: str = "h2") -> Plan:
    """Return how ``chart`` prints in the document's edition; raise a located problem if no
    way prints its text large enough."""
    wanted = targets(doc.profile)

    caption = doc.markup(chart.caption) if chart.caption else ""

    title = title_of(chart)

    def rooms(items: tuple[KeyItem, ...], whole: bool) -> Rooms:
        return {turned: room_on(doc.profile, turned, items, style, caption if whole else "",
                                title, whole)
                for turned in (False, True)}

    room = Keyed(rooms, ("edition", doc.profile, style, caption, title))
    plan = doc.layouts.plan(chart, marks_of(chart, doc), room, wanted, reference(chart, doc))
    if plan.size < wanted.least - 0.05:
        raise too_small(chart, plan, wanted, doc.profile.name)
    return plan


def chart_and_key(chart: Flowchart, part: Drawn, doc: Doc,
                  size: float | None = None) -> list[Flowable]:
    """Return a part of a chart and its key: the key below it on an upright page, beside
    it on a turned one."""
    width = doc.frame(part.turned)[0]
    size = size or key_text(doc.profile)
    drawn = located(ChartPart(chart, part), chart.where.at())
    if key_beside(doc.profile, part.turned, part.key):
        return [Beside(drawn, key_drawing(part.key, width * KEY_SIDE, size), width)]
    return [drawn, Spacer(1, GAP), key_drawing(part.key, width, size)]


def chart_flowables(chart: Flowchart, title: str, doc: Doc,
                    heading_style: str = "h2") -> list[Flowable]:
    """Return the chart's parts (heading, chart, key; the caption with the last), its notes,
    the chart in words and where each step comes from."""
    s = doc.styles
    try:
        plan = plan_chart(chart, doc, heading_style)
    except SpecError as exc:
        if doc.profile.name in REFERENCE_EDITIONS:
            raise
        doc.layouts.note(replace(exc.problems[0], warning=True, hint=IN_WORDS_HINT))
        return [Paragraph(html_text(title), s[heading_style]),
                Paragraph(IN_WORDS, s["body"]), *chart_text(chart, doc)]
    out: list[Flowable] = []
    count = len(plan.parts)
    for number, part in enumerate(plan.parts, start=1):
        body = heading(title, number, count, s[part_style(heading_style, count == 1)])
        if plan.whole and chart.caption:  # how to read it: with the chart, never apart
            body.append(Paragraph(doc.markup(chart.caption), s["body"]))
        body += chart_and_key(chart, part, doc)
        if part.turned or number > 1:  # each part after the first starts a page of its own
            out += [NextPageTemplate("turned" if part.turned else "page"), PageBreak()]
        out.append(KeepTogether(body))
    if count > 1 or any(p.turned for p in plan.parts):
        out += [NextPageTemplate("page"), PageBreak()]
    if not plan.whole and chart.caption:  # after the parts, and never split itself
        out.append(KeepTogether([Paragraph(doc.markup(chart.caption), s["body"])]))
    return out + chart_text(chart, doc)


IN_WORDS = ("This flowchart has too many boxes to print large enough on these pages. The "
            "chart in words below says all that it shows; the A4 handout and the flowchart "
            "download show it drawn.")
IN_WORDS_HINT = ("this edition prints the chart in words instead; to print it drawn, shorten "
                 "the longest labels, or split the chart into several under flowcharts:")


def chart_text(chart: Flowchart, doc: Doc) -> list[Flowable]:
    """Return what follows a chart: its unconfirmed steps, the chart in words, and where
    each step comes from."""
    s = doc.styles
    out: list[Flowable] = []
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
        out += [Paragraph(f"{html_text(step)} {doc.cite(cites)}", s["bullet"],
                          bulletText="•") for step, cites in steps]
    return out


def too_small(chart: Flowchart, plan: Plan, wanted: Targets, edition: str) -> SpecError:
    """Return the located problem of a chart that no layout prints large enough."""
    smallest = min(plan.parts, key=lambda p: p.scale)
    lane_of = {n.id: n.lane for n in chart.nodes}
    held = {lane_of[box] for box in plan.groups[smallest.index]}
    lanes = [lane for lane in chart.lanes if lane in held]
    count = sum(b.kind in ("treatment", "decision", "outcome", "note", "start")
                for b in smallest.graph.boxes)
    longest = sorted(chart.nodes, key=lambda n: -len(n.label + n.detail))[:2]
    named = ", ".join(f"{n.id!r} ({len(n.label + n.detail)} characters)" for n in longest)
    lane = (f"its part that prints smallest, {', '.join(map(repr, lanes))}, holds {count} "
            "boxes; " if lanes else "")
    shown = EDITIONS.get(edition, edition)
    return SpecError([Problem(
        chart.where.at(), f"the flowchart cannot print legibly in the {shown} edition: at "
                          f"best its text is {plan.size:.1f} pt ({wanted.least:g} pt is the "
                          f"least): {lane}its longest boxes are {named}",
        "shorten the longest labels and details, move boxes to another line of therapy, or "
        "split the chart into several under flowcharts:")])
