"""Turn a flowchart into DOT text: pure functions, tested as text."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

from handouts.layout import look as st
from handouts.layout.quoting import dot_id, html_text, wrap
from handouts.model.chart import Flowchart, FlowEdge, FlowNode


def attr_list(attrs: dict[str, object]) -> str:
    """Format DOT attributes; values starting with '<' are HTML-like labels.

    >>> attr_list({"shape": "box", "label": "<A<BR/>B>", "penwidth": 1.5})
    '[shape="box", label=<A<BR/>B>, penwidth="1.5"]'
    """
    parts = []
    for key, value in attrs.items():
        text = str(value)
        parts.append(f"{key}={text}" if text.startswith("<") else f"{key}={dot_id(text)}")
    return "[" + ", ".join(parts) + "]"


def html_lines(text: str, width: int, size: float | None = None, italic: bool = False) -> str:
    """Wrap and escape ``text`` as the lines of an HTML-like label."""
    lines = "<BR/>".join(html_text(line) for line in wrap(text, width))
    if italic:
        lines = f"<I>{lines}</I>"
    return f'<FONT POINT-SIZE="{size}">{lines}</FONT>' if size else lines


def source_marks(sources: Iterable[str], markers: Mapping[str, str]) -> str:
    """Return the compact markers of ``sources`` joined, e.g. 'TA500, TA1103'.

    >>> source_marks(["nice-ta500", "x"], {"nice-ta500": "TA500", "x": "Peters et al., 2017"})
    'TA500; Peters et al., 2017'
    """
    return "; ".join(dict.fromkeys(markers[key] for key in sources if key in markers))


def node_label(node: FlowNode, markers: Mapping[str, str]) -> str:
    """Return a node's HTML-like label: its words, detail, sources and any caveat."""
    parts = [html_lines(node.label, st.LABEL_WIDTH)]
    if node.detail:
        parts.append(html_lines(node.detail, st.LABEL_WIDTH + 4, st.DETAIL_FONT_SIZE))
    marks = source_marks(node.sources, markers)
    if marks:
        parts.append(html_lines(marks, st.LABEL_WIDTH + 4, st.DETAIL_FONT_SIZE, italic=True))
    if node.unconfirmed:
        parts.append(html_lines(f"({st.UNCONFIRMED_WORDS})", 30, st.DETAIL_FONT_SIZE, True))
    return "<" + "<BR/>".join(parts) + ">"


def node_line(node: FlowNode, markers: Mapping[str, str]) -> str:
    """Return the DOT statement for one node."""
    look = st.NODE_STYLES[node.kind]
    styles = look.style + (f",{st.UNCONFIRMED_STYLE}" if node.unconfirmed else "")
    attrs = {"label": node_label(node, markers), "shape": look.shape, "style": styles,
             "fillcolor": look.fill, "penwidth": look.penwidth}
    return f"{dot_id(node.id)} {attr_list(attrs)}"


def edge_words(edge: FlowEdge) -> str:
    """Return the words on an edge: its label, or the wording of its transition."""
    words = edge.label or st.EDGE_STYLES[edge.when].words
    if edge.unconfirmed:
        words = f"{words} ({st.UNCONFIRMED_WORDS})" if words else st.UNCONFIRMED_WORDS
    return words


def edge_line(edge: FlowEdge, markers: Mapping[str, str], shown: Iterable[str] = ()) -> str:
    """Return the DOT statement for one edge; its label names sources not ``shown`` already."""
    look = st.EDGE_STYLES[edge.when]
    attrs: dict[str, object] = {
        "style": st.UNCONFIRMED_STYLE if edge.unconfirmed else look.style,
        "penwidth": look.penwidth,
    }
    if look.arrowhead != "normal":
        attrs["arrowhead"] = look.arrowhead
    words = edge_words(edge)
    marks = source_marks([k for k in edge.sources if k not in set(shown)], markers)
    lines = [html_lines(words, 14)] if words else []
    if marks:
        lines.append(html_lines(marks, 16, italic=True))
    if lines:
        attrs["label"] = "<" + "<BR/>".join(lines) + ">"
    return f"{dot_id(edge.source)} -> {dot_id(edge.target)} {attr_list(attrs)}"


def defaults() -> list[str]:
    """Return the graph, node and edge defaults every chart shares."""
    font = {"fontname": st.FONT_FAMILY, "fontcolor": st.INK}
    return [
        "graph " + attr_list({**font, "fontsize": st.LANE_FONT_SIZE, "nodesep": 0.08,
                              "newrank": "true",
                              "ranksep": 0.25, "pad": 0.08, "bgcolor": "transparent"}),
        "node " + attr_list({**font, "fontsize": st.NODE_FONT_SIZE, "color": st.INK,
                             "margin": "0.14,0.07"}),
        "edge " + attr_list({**font, "fontsize": st.EDGE_FONT_SIZE, "color": st.INK,
                             "arrowsize": 0.8}),
    ]


def block(header: str, lines: Iterable[str], indent: str = "  ") -> list[str]:
    """Return a braced block of statements."""
    return [f"{header} {{", *(indent + line for line in lines), "}"]


def lane_lines(lane: str, nodes: list[FlowNode], markers: Mapping[str, str]) -> list[str]:
    """Return a lane's cluster body: a shaded band holding its nodes."""
    attrs = {"label": "", "style": "rounded,filled", "fillcolor": st.LANE_FILL,
             "color": st.LANE_BORDER, "margin": 10}
    return ["graph " + attr_list(attrs), *(node_line(n, markers) for n in nodes)]


def lane_titles(lanes: list[tuple[str, list[FlowNode]]]) -> list[str]:
    """Return a column of lane titles at the left, each level with its lane's first row."""
    lines = []
    titles = [dot_id(f"lane-{i}") for i in range(1, len(lanes) + 1)]
    for title, (lane, nodes) in zip(titles, lanes):
        words = "<BR/>".join(html_text(line) for line in wrap(lane, 9))
        lines.append(f"{title} " + attr_list({"label": f"<<B>{words}</B>>", "shape": "plaintext",
                                              "fontsize": st.LANE_FONT_SIZE}))
        if nodes:
            lines.append(f"{{rank=same; {title}; {dot_id(nodes[0].id)}}}")
    lines += [f"{a} -> {b} [style=\"invis\"]" for a, b in itertools.pairwise(titles)]
    return lines


def flowchart_dot(name: str, chart: Flowchart, markers: Mapping[str, str] | None = None,
                  across: bool = False) -> str:
    """Return the DOT text of a chart, lanes top to bottom as clusters (left to right if
    ``across``, for a landscape page).

    ``markers`` maps a source id to the compact mark printed for it, e.g. 'TA536'.
    """
    markers = markers or {}
    sources = {node.id: node.sources for node in chart.nodes}
    body = defaults() + (["graph [rankdir=\"LR\"]"] if across else [])
    by_lane: dict[str, list[FlowNode]] = {lane: [] for lane in chart.lanes}
    loose: list[FlowNode] = []
    for node in chart.nodes:
        by_lane.get(node.lane, loose).append(node)
    for i, (lane, nodes) in enumerate(by_lane.items(), start=1):
        body += block(f"subgraph {dot_id(f'cluster_{i}')}", lane_lines(lane, nodes, markers))
    body += lane_titles(list(by_lane.items()))
    body += [node_line(n, markers) for n in loose]
    body += [edge_line(e, markers, sources[e.target]) for e in chart.edges]
    return "\n".join(block(f"digraph {dot_id(name)}", body)) + "\n"
