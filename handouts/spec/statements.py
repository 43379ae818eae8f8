"""Every statement a handout makes, with the sources it cites: what a clinician signs off.

A statement is a run of sentences ending in a citation (or one list item, table row, step,
chart box or arrow), in reading order, with the citations written in it and their
locators. Sentences after a paragraph's last citation stand on their own, citing nothing,
so the reviewer sees what is unsupported. The items of a list whose lead-in ends with a
colon carry the lead-in's citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handouts.model.chart import Flowchart
from handouts.model.handout import Block, Handout
from handouts.spec.markup import Cite, citations, parse_cite, plain_text

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z*\"'(])")
"""Where one sentence ends and the next begins, outside citations."""


@dataclass(frozen=True)
class Statement:
    """One thing a handout says, where it says it, and what supports it."""

    place: str
    """Where it is printed: the section, and the part of it."""
    text: str
    cites: tuple[Cite, ...]
    line: int
    """The spec line it is written on, for the editor."""


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


def _said(place: str, text: str, line: int, extra: tuple[Cite, ...] = ()) -> list[Statement]:
    """Return the statements of one paragraph: each run of sentences up to a citation."""
    found, run = [], []
    for sentence in sentences(text):
        run.append(sentence)
        if citations(sentence):
            found.append(" ".join(run))
            run = []
    found += run
    return [Statement(place, plain_text(chunk), (*citations(chunk), *extra), line)
            for chunk in found if plain_text(chunk)]


def _block(place: str, block: Block, lead: tuple[Cite, ...] = ()) -> list[Statement]:
    line = block.where.line
    if block.text:
        return _said(place, block.text, line)
    if block.bullets or block.numbered:
        return [s for item in (block.bullets or block.numbered)
                for s in _said(f"{place}, list", item, line, () if citations(item) else lead)]
    if block.steps:
        return [s for number, step in enumerate(block.steps, start=1)
                for label, text in (("", step.what), (", when", step.when)) if text
                for s in _said(f"{place}, step {number} ({plain_text(step.title)}){label}", text,
                               step.where.line or line, tuple(map(parse_cite, step.sources)))]
    if block.table:
        table = block.table
        shared = tuple(map(parse_cite, table.sources))
        found = []
        for row in table.rows:
            cells = "; ".join(f"{plain_text(head)}: {cell}"
                              for head, cell in zip(table.columns, row) if cell.strip())
            found.append(Statement(f"{place}, table row {plain_text(row[0])}",
                                   plain_text(cells), (*citations(cells), *shared),
                                   table.where.line or line))
        return found
    if block.callout:
        callout = block.callout
        return _said(f"{place}, box: {plain_text(callout.title)}", callout.text,
                     callout.where.line or line, tuple(map(parse_cite, callout.sources)))
    return []


def chart_statements(chart: Flowchart) -> list[Statement]:
    """Return each box and arrow of a chart as a statement, with its sources."""
    place = f"Chart: {chart.title}" if chart.title else "Chart"
    nodes = {n.id: n for n in chart.nodes}
    found = []
    for node in chart.nodes:
        words = " ".join(p for p in (node.label, node.detail, node.funding) if p)
        lane = f" ({node.lane})" if node.lane else ""
        found.append(Statement(f"{place}, box", f"{words}{lane}",
                               tuple(map(parse_cite, node.sources)), node.where.line))
    for edge in chart.edges:
        if edge.source in nodes and edge.target in nodes and (edge.sources or edge.when != "next"):
            words = edge.label or edge.when.replace("-", " ")
            text = (f"{nodes[edge.source].label} ({nodes[edge.source].lane or 'start'}) to "
                    f"{nodes[edge.target].label} ({nodes[edge.target].lane or 'start'}): {words}")
            found.append(Statement(f"{place}, arrow", text,
                                   tuple(map(parse_cite, edge.sources)), edge.where.line))
    for unsure in [n for n in chart.nodes if n.unconfirmed] + [e for e in chart.edges
                                                                if e.unconfirmed]:
        found.append(Statement(f"{place}, not yet confirmed", unsure.unconfirmed, (),
                               unsure.where.line))
    return found


def statements(handout: Handout) -> list[Statement]:
    """Return everything ``handout`` says, in reading order, each with its citations."""
    found = _said("Urgent box", handout.emergency, handout.where.at("emergency").line) \
        if handout.audience == "patient" else []
    found += _said("Summary", handout.summary, handout.where.at("summary").line)
    placed = {b.chart for s in handout.sections for b in s.blocks if b.chart}
    for chart in handout.charts:
        if chart.id not in placed:
            found += chart_statements(chart)
    charts = {c.id: c for c in handout.charts}
    for section in handout.sections:
        lead: tuple[Cite, ...] = ()
        for block in section.blocks:
            if block.chart:
                found += chart_statements(charts[block.chart])
            else:
                found += _block(plain_text(section.heading), block, lead)
            lead = tuple(citations(block.text)) if block.text.rstrip().endswith(":") else ()
    return found
