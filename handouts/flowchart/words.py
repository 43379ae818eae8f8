"""Say a flowchart in words: an ordered, plain-language walk for readers who cannot see it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from handouts.flowchart import look
from handouts.flowchart.graph import back_edges, drawn_rows, when_words
from handouts.model.chart import Flowchart, FlowEdge, FlowNode
from handouts.spec.markup import Cite, parse_cite


def either(items: list[str], word: str = "or") -> str:
    """Join items as a reader would say them.

    >>> either(["alectinib", "brigatinib", "lorlatinib"])
    'alectinib, brigatinib or lorlatinib'
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def named(node: FlowNode, lane: bool = False) -> str:
    """Return a node's label with its detail and funding (and, if asked, its line of
    therapy), e.g. 'Lorlatinib (second line; after crizotinib)'; a detail that has
    brackets of its own follows a colon instead, never brackets within brackets.

    >>> named(FlowNode("x", "Lorlatinib", detail="after crizotinib", lane="Second line"), True)
    'Lorlatinib (second line; after crizotinib)'
    >>> named(FlowNode("x", "A trial", detail="ask at every step (general advice)"))
    'A trial: ask at every step (general advice)'
    """
    where = f"{node.lane[:1].lower()}{node.lane[1:]}" if lane and node.lane else ""
    extra = [part for part in (node.detail, node.funding) if part]
    if any("(" in part for part in extra):
        head = f"{node.label} ({where})" if where else node.label
        return f"{head}: {'; '.join(extra)}"
    said = "; ".join([where, *extra] if where else extra)
    return f"{node.label} ({said})" if said else node.label


def placed(node: FlowNode) -> str:
    """Return a node's label with its lane, e.g. 'Lorlatinib (second line)'."""
    return f"{node.label} ({node.lane[:1].lower()}{node.lane[1:]})" if node.lane else node.label


def introduce(chart: Flowchart, edge: FlowEdge, source: str) -> str:
    """Return how a step from ``source`` is introduced, e.g. 'If the cancer progresses on
    Alectinib (first line)' or 'After Re-test (second line), if T790M positive'."""
    if edge.label or edge.when not in look.EDGE_STYLES:
        return f"After {source}, if {when_words(chart, edge)}"
    return f"{look.EDGE_STYLES[edge.when].phrase} {source}"


@dataclass(frozen=True)
class Step:
    """What may follow one box for one reason: 'If the cancer progresses on X: A or B.'"""

    intro: str
    choices: tuple[str, ...]
    notes: tuple[str, ...] = ()
    """What note boxes and unconfirmed arrows add."""


@dataclass(frozen=True)
class Walk:
    """A chart as a reader walks it: where it starts, each lane's boxes, then each step from
    each box, in the order the chart is drawn, and the boxes no arrow touches."""

    starts: tuple[str, ...]
    lanes: tuple[tuple[str, tuple[str, ...]], ...]
    steps: tuple[Step, ...]
    loose: tuple[str, ...]


def chart_walk(chart: Flowchart) -> Walk:
    """Return the walk through a chart: the structure the chart in words says."""
    nodes = {n.id: n for n in chart.nodes}
    linked = {end for e in chart.edges for end in (e.source, e.target)}
    starts = tuple(named(n) for n in chart.nodes if n.kind == "start")
    lanes = []
    for lane in chart.lanes:
        members = [n for n in chart.nodes if n.lane == lane and n.kind != "note"
                   and n.id in linked]
        if members:
            lanes.append((lane, tuple(named(n) for n in members)))
    rows = drawn_rows(chart)
    spec = {n.id: i for i, n in enumerate(chart.nodes)}
    back = {chart.edges[i] for i in back_edges(chart)}
    steps = []
    for source in sorted(nodes, key=lambda n: (rows[n], spec[n])):
        groups: dict[str, list[FlowEdge]] = defaultdict(list)
        for edge in chart.edges:
            if edge.source == source and not (nodes[source].kind == "start"
                                              and edge.when == "next" and not edge.label):
                groups[introduce(chart, edge, placed(nodes[source]))].append(edge)
        for words, edges in groups.items():
            choices = tuple(("back to " if e in back else "") + named(nodes[e.target], True)
                            for e in edges if nodes[e.target].kind != "note")
            notes = tuple([note_words(nodes[e.target]) for e in edges
                           if nodes[e.target].kind == "note"]
                          + [f"Not confirmed after {nodes[source].label}: {e.unconfirmed}"
                             for e in edges if e.unconfirmed])
            steps.append(Step(words, choices, notes))
    loose = tuple(named(n) for n in chart.nodes if n.id not in linked and n.kind != "start")
    return Walk(starts, tuple(lanes), tuple(steps), loose)


def chart_in_words(chart: Flowchart) -> list[str]:
    """Return sentences that walk through the chart in the order it is drawn: where it
    starts, each lane, then each step from each box, box by box, row by row."""
    walk = chart_walk(chart)
    sentences = [f"The chart starts from: {start}." for start in walk.starts]
    sentences += [f"{lane}: {either(list(members))}." for lane, members in walk.lanes]
    for step in walk.steps:
        said = f"{step.intro}: {either(list(step.choices))}." if step.choices \
            else f"{step.intro}:"
        sentences.append(said + "".join(f" {note}" for note in step.notes))
    sentences += [f"Apart from the arrows: {box}." for box in walk.loose]
    return sentences


def note_words(note: FlowNode) -> str:
    """Return a note as a sentence: its label, and why or what it says."""
    said = note.unconfirmed or note.detail
    return f"{note.label}: {said}" if said else f"{note.label}."


def text_download(title: str, facts: list[str], sentences: list[str]) -> bytes:
    """Return the plain-text download of a chart: its title, version facts and the walk."""
    lines = [title, "=" * len(title), "", *facts, "", *(f"- {s}" for s in sentences)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def caveats(chart: Flowchart) -> list[str]:
    """Return each unconfirmed step of a chart as a sentence, in chart order."""
    labels = {n.id: n.label for n in chart.nodes}
    lines = [f"{n.label}: {n.unconfirmed}" for n in chart.nodes if n.unconfirmed]
    for edge in chart.edges:
        if edge.unconfirmed:
            words = when_words(chart, edge)
            step = f"{labels[edge.source]} → {labels[edge.target]}"
            lines.append(f"{step} ({words}): {edge.unconfirmed}" if words
                         else f"{step}: {edge.unconfirmed}")
    return lines


def step_sources(chart: Flowchart) -> list[tuple[str, list[Cite]]]:
    """Return each box and arrow that cites sources, named in words, with its citations
    and their locators, in chart order: what a reviewer checks the chart against."""
    nodes = {n.id: n for n in chart.nodes}
    steps = [(placed(n) if n.lane else n.label, n.sources) for n in chart.nodes if n.sources]
    for edge in chart.edges:
        if edge.sources:
            words = when_words(chart, edge)
            step = f"{placed(nodes[edge.source])} to {placed(nodes[edge.target])}"
            steps.append((f"{step}, {words}" if words else step, edge.sources))
    return [(step, [parse_cite(s) for s in sources]) for step, sources in steps]


def box_names(chart: Flowchart) -> Callable[[str], str]:
    """Return how a drawn chart names each box, for the titles of its parts in an image:
    'Lorlatinib (second line; after crizotinib)'; a box the chart does not declare (a
    condition's words, a continuation) by its id."""
    nodes = {n.id: n for n in chart.nodes}
    return lambda box_id: named(nodes[box_id], True) if box_id in nodes else box_id


def arrow_names(chart: Flowchart) -> Callable[[str, str, str], str]:
    """Return how a drawn chart says each arrow in words: 'From Alectinib (first line) to
    Lorlatinib (second line), on progression'."""
    nodes = {n.id: n for n in chart.nodes}
    said = {(e.source, e.target, e.when): when_words(chart, e) for e in chart.edges}

    def name(node_id: str) -> str:
        return placed(nodes[node_id]) if node_id in nodes else node_id

    def words(source: str, target: str, when: str) -> str:
        why = said.get((source, target, when), "")
        return f"From {name(source)} to {name(target)}" + (f", on {why}" if why and when in
                                                           look.EDGE_STYLES else
                                                           f", {why}" if why else "")
    return words
