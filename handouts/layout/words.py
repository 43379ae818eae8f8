"""Say a flowchart in words: an ordered, plain-language walk for readers who cannot see it."""

from __future__ import annotations

from collections import defaultdict
from xml.sax.saxutils import escape as xml_escape

from handouts.layout import look as st
from handouts.model.chart import Flowchart, FlowEdge, FlowNode


def either(items: list[str], word: str = "or") -> str:
    """Join items as a reader would say them.

    >>> either(["alectinib", "brigatinib", "lorlatinib"])
    'alectinib, brigatinib or lorlatinib'
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def named(node: FlowNode) -> str:
    """Return a node's label with its detail, e.g. 'Lorlatinib (after crizotinib)'."""
    return f"{node.label} ({node.detail})" if node.detail else node.label


def placed(node: FlowNode) -> str:
    """Return a node's label with its lane, e.g. 'Lorlatinib (second line)'."""
    return f"{node.label} ({node.lane.lower()})" if node.lane else node.label


def chart_in_words(chart: Flowchart) -> list[str]:
    """Return sentences that walk through the chart: where it starts, each lane, each step."""
    nodes = {n.id: n for n in chart.nodes}
    into: dict[str, list[FlowEdge]] = defaultdict(list)
    for edge in chart.edges:
        into[edge.target].append(edge)
    sentences = [f"The chart starts from: {named(n)}." for n in chart.nodes if n.kind == "start"]
    for lane in chart.lanes:
        members = [n for n in chart.nodes if n.lane == lane and n.kind != "note"]
        if members:
            sentences.append(f"{lane}: {either([named(n) for n in members])}.")
    steps: dict[tuple[str, str], list[FlowNode]] = defaultdict(list)
    caveats: dict[tuple[str, str], str] = defaultdict(str)
    for node in chart.nodes:
        groups: dict[str, list[FlowEdge]] = defaultdict(list)
        for edge in into[node.id]:
            if nodes[edge.source].kind != "start":
                look = st.EDGE_STYLES[edge.when]
                groups[f"If {edge.label} on" if edge.label else look.phrase].append(edge)
        for phrase, edges in groups.items():
            key = (phrase, either([placed(nodes[e.source]) for e in edges]))
            steps[key].append(node)
            caveats[key] += "".join(f" Not confirmed after {nodes[e.source].label}: "
                                    f"{e.unconfirmed}" for e in edges if e.unconfirmed)
    for (phrase, sources), targets in steps.items():
        notes = [n for n in targets if n.kind == "note"]
        choices = [named(n) for n in targets if n.kind != "note"]
        said = f"{phrase} {sources}: {either(choices)}." if choices else f"{phrase} {sources}:"
        said += "".join(f" {n.label}: {n.unconfirmed or n.detail}" for n in notes)
        sentences.append(said + caveats[(phrase, sources)])
    reached = {n.id for targets in steps.values() for n in targets}
    sentences += [f"Note: {n.label}: {n.unconfirmed or n.detail}" for n in chart.nodes
                  if n.kind == "note" and n.id not in reached]
    return sentences


def described_svg(svg: bytes, title: str, sentences: list[str]) -> bytes:
    """Return Graphviz SVG with a <title> and <desc> saying the chart in words, for screen
    readers and for anyone who opens the download without seeing it."""
    text = svg.decode("utf-8")
    start = text.index("<svg")
    end = text.index(">", start) + 1
    words = xml_escape(" ".join(sentences))
    head = f"\n<title>{xml_escape(title)}</title>\n<desc>{words}</desc>"
    return (text[:end] + head + text[end:]).encode("utf-8")


def text_download(title: str, facts: list[str], sentences: list[str]) -> bytes:
    """Return the plain-text download of a chart: its title, version facts and the walk."""
    lines = [title, "=" * len(title), "", *facts, "", *(f"- {s}" for s in sentences)]
    return ("\n".join(lines) + "\n").encode("utf-8")
