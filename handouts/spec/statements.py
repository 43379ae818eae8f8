"""Every statement a handout makes, with the sources it cites: what a clinician signs off.

A statement is a run of sentences ending in a citation (or one list item, table row, step,
chart box, arrow, caption or key entry), in reading order, with the citations written in it
and their locators. Sentences after a paragraph's last citation stand on their own, citing
nothing, so the reviewer sees what is unsupported. The items of a list whose lead-in ends
with a colon carry the lead-in's citations. Chart arrows are said in the words printed on
them, with the line of therapy at both ends.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from handouts.errors import Location
from handouts.model.chart import Flowchart, FlowEdge, FlowNode
from handouts.model.handout import Block, Handout
from handouts.spec.markup import Cite, citations, parse_cite, plain_text

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z*\"'(])")
"""Where one sentence ends and the next begins, outside citations."""
AWAITING = re.compile(r"\bawait(?:s|ing)?\b[^.;:]{0,80}?\bconfirmation\b", re.IGNORECASE)
"""How a handout says that a statement is not yet settled: 'awaits confirmation',
'awaiting confirmation against the UK SmPC', 'await confirmation'."""
KeyWords = Callable[[Flowchart], Sequence[str]]
"""The entries of a chart's key, in the words it prints."""


@dataclass(frozen=True)
class Statement:
    """One thing a handout says, where it says it, and what supports it."""

    place: str
    """Where it is printed, in words: the section, and the part of it."""
    text: str
    cites: tuple[Cite, ...]
    where: Location
    """Where the spec says it, for the editor and for located problems."""
    item: str = ""
    """What a chart statement is, the same from one version to the next ('box alectinib',
    'arrow crizotinib > brigatinib-2l', 'caption', 'key ...'); prose has none."""

    @property
    def line(self) -> int:
        """Return the spec line it is written on."""
        return self.where.line

    @property
    def awaiting(self) -> bool:
        """Tell whether it says it is not yet settled: an open item on the sign-off sheet."""
        return bool(AWAITING.search(self.text)) or self.item.startswith("unconfirmed")


def sentences(text: str) -> list[str]:
    """Split markup text into sentences, keeping each sentence's citations with it.

    >>> sentences("Lorlatinib is an option [@nice-ta1103, section 1.1]. It is new. A [@x].")
    ['Lorlatinib is an option [@nice-ta1103, section 1.1].', 'It is new.', 'A [@x].']
    """
    out, start = [], 0
    depth_free = [m.start() for m in SENTENCE_END.finditer(text)
                  if text.count("[", 0, m.start()) == text.count("]", 0, m.start())]
    for cut in depth_free:
        out.append(text[start:cut].strip())
        start = cut
    out.append(text[start:].strip())
    return [s for s in out if s]


def said(place: str, text: str, where: Location, extra: tuple[Cite, ...] = (),
         item: str = "") -> list[Statement]:
    """Return the statements of one paragraph: each run of sentences up to a citation."""
    found, run = [], []
    for sentence in sentences(text):
        run.append(sentence)
        if citations(sentence):
            found.append(" ".join(run))
            run = []
    found += run
    return [Statement(place, plain_text(chunk), (*citations(chunk), *extra), where, item)
            for chunk in found if plain_text(chunk)]


@dataclass(frozen=True)
class Context:
    """What the statements of a block depend on besides the block itself."""

    place: str
    """Where it is printed, in words: its section (and which paragraph of it)."""
    lead: tuple[Cite, ...] = ()
    """The citations of a paragraph just before it that ends with a colon: the items of a
    list it introduces carry them."""
    charts: typing.Mapping[str, Flowchart] = dataclasses.field(default_factory=dict)
    """The handout's charts, by id."""
    key: KeyWords | None = None


BlockStatements = Callable[[Block, Context], list[Statement]]
"""What a block says, by its kind (handouts.render.kinds declares it for each)."""


def arrow_words(chart: Flowchart, edge: FlowEdge) -> str:
    """Return the words printed on an arrow: its own label, its declared condition's words,
    or those of a built-in condition ('' for a plain 'next' arrow, and for one that follows
    the chart's ``default_when``, which the key explains)."""
    if edge.label:
        return edge.label
    if edge.when == chart.default_when:
        return ""
    declared = {c.id: c.label for c in chart.conditions}
    if edge.when in declared:
        return declared[edge.when]
    return "" if edge.when == "next" else edge.when.replace("-", " ")


def unworded(chart: Flowchart, edge: FlowEdge) -> str:
    """Return how the sheet says an arrow without words: what the key says it means."""
    if edge.when != chart.default_when or edge.label:
        return "an arrow without words"
    declared = {c.id: c.label for c in chart.conditions}
    meaning = declared.get(edge.when, edge.when.replace("-", " "))
    return f"an arrow without words, which the key says means {meaning}"


def box_words(node: FlowNode) -> str:
    """Return a box in words, with its line of therapy: 'Lorlatinib, after crizotinib
    (second line)'."""
    words = ", ".join(p for p in (node.label, node.detail, node.funding) if p)
    return f"{words} ({node.lane[:1].lower()}{node.lane[1:]})" if node.lane else \
        f"{words} ({node.kind if node.kind in ('start', 'note') else 'no line of therapy'})"


def _end(node: FlowNode) -> str:
    lane = f"{node.lane[:1].lower()}{node.lane[1:]}" if node.lane else node.kind
    return f"{node.label} ({lane})"


def chart_statements(chart: Flowchart, key: KeyWords | None = None) -> list[Statement]:
    """Return each box and arrow of a chart as a statement, with its sources, then its
    caption, its key (when ``key`` says it) and what it marks as not yet confirmed."""
    place = f"Chart “{chart.title}”" if chart.title else "Chart"
    nodes = {n.id: n for n in chart.nodes}
    found = [Statement(f"{place}, box", box_words(node), tuple(map(parse_cite, node.sources)),
                       node.where.at(), f"box {node.id}") for node in chart.nodes]
    seen: set[str] = set()
    for edge in chart.edges:
        if edge.source not in nodes or edge.target not in nodes:
            continue
        words = arrow_words(chart, edge)
        marked = f"marked “{words}”" if words else unworded(chart, edge)
        item = f"arrow {edge.source} > {edge.target}"
        item = f"{item} ({edge.when})" if item in seen else item
        seen.add(item)
        found.append(Statement(
            f"{place}, arrow",
            f"From {_end(nodes[edge.source])} to {_end(nodes[edge.target])}: {marked}",
            tuple(map(parse_cite, edge.sources)), edge.where.at(), item))
    if chart.caption:
        found += said(f"{place}, caption", chart.caption, chart.where.at("caption"),
                      item="caption")
    for entry in key(chart) if key else ():
        found.append(Statement(f"{place}, key", entry, (), chart.where.at(), f"key {entry}"))
    for unsure in [n for n in chart.nodes if n.unconfirmed] + [e for e in chart.edges
                                                                if e.unconfirmed]:
        found.append(Statement(f"{place}, not yet confirmed", unsure.unconfirmed, (),
                               unsure.where.at("unconfirmed"), f"unconfirmed {unsure.unconfirmed}"))
    return found


def paragraphs(text: str) -> list[str]:
    """Return the paragraphs of a text: its parts between blank lines."""
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def statements(handout: Handout, blocks: BlockStatements, urgent_line: str = "",
               key: KeyWords | None = None) -> list[Statement]:
    """Return everything ``handout`` says, in reading order, each with its citations.

    ``blocks`` says what each block says, by its kind; ``urgent_line`` is the publisher's
    24-hour line, which a patient handout prints in its urgent box; ``key`` gives the words
    of each chart's key.
    """
    found: list[Statement] = []
    if handout.audience == "patient":
        found += said("Urgent box", handout.emergency, handout.where.at("emergency"))
        if urgent_line:
            found.append(Statement("Urgent box", urgent_line, (), handout.where.at("audience")))
    many = len(paragraphs(handout.summary)) > 1
    for number, paragraph in enumerate(paragraphs(handout.summary), start=1):
        found += said(f"Summary, paragraph {number}" if many else "Summary", paragraph,
                       handout.where.at("summary"))
    placed = {b.chart for s in handout.sections for b in s.blocks if b.chart}
    for chart in handout.charts:
        if chart.id not in placed:
            found += chart_statements(chart, key)
    charts = {c.id: c for c in handout.charts}
    for section in handout.sections:
        lead: tuple[Cite, ...] = ()
        heading = plain_text(section.heading)
        count = sum(1 for b in section.blocks if b.text)
        number = 0
        for block in section.blocks:
            number += bool(block.text)
            place = f"{heading}, paragraph {number}" if block.text and count > 1 else heading
            found += blocks(block, Context(place, lead, charts, key))
            lead = tuple(citations(block.text)) if block.text.rstrip().endswith(":") else ()
    return found
