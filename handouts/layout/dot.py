"""Turn a chart's graph into DOT text for Graphviz to place: pure functions, tested as text.

Graphviz only places boxes of the sizes given and routes the arrows between them; it never
sees or sets any text (each box's words are kept as a comment, for the reader of the DOT).
Rows are ranks whose order is fixed by invisible edges; an invisible 'spine' column, first
in every row, keeps the rows in order and leaves room for the lane titles.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from handouts.layout import look
from handouts.layout.chartgraph import ChartGraph, Link
from handouts.layout.quoting import dot_id

POINTS = 72.0  # Graphviz measures node sizes in inches


@dataclass(frozen=True)
class Params:
    """How one candidate layout is asked for."""

    across: bool = False
    """Left to right (lanes as columns), for a landscape page; else top to bottom."""
    wrap: float = 120.0
    """The width, in points at the chart's size, that box texts are wrapped to."""
    nodesep: float = 0.18
    ranksep: float = 0.22
    per_row: int = 0
    """At most this many boxes side by side in a row (0: no limit)."""


def attr_list(attrs: dict[str, object]) -> str:
    """Format DOT attributes, every value quoted.

    >>> attr_list({"shape": "box", "width": 1.5, "comment": 'a "b"'})
    '[shape="box", width="1.5", comment="a \\\\"b\\\\""]'
    """
    return "[" + ", ".join(f"{k}={dot_id(str(v))}" for k, v in attrs.items()) + "]"


def block(header: str, lines: Iterable[str], indent: str = "  ") -> list[str]:
    """Return a braced block of statements."""
    return [f"{header} {{", *(indent + line for line in lines), "}"]


def inches(points: float) -> str:
    """Return a length in points as inches, to four places.

    >>> inches(36)
    '0.5000'
    """
    return f"{points / POINTS:.4f}"


def node_line(graph: ChartGraph, box_id: str, across: bool = False) -> str:
    """Return the DOT statement of one box: fixed size, its shape, its words as a comment.

    Left to right, lane titles go in a strip above the chart, so the spine takes no room.
    """
    box = graph.box(box_id)
    if box.kind == "spine" and across:
        return f"{dot_id(box.id)} {attr_list({'width': '0.01', 'height': '0.01'})}"
    shape = {"diamond": "diamond"}.get(look.NODE_STYLES.get(box.kind, look.NODE_STYLES[
        "treatment"]).shape, "box")
    attrs: dict[str, object] = {"width": inches(box.width), "height": inches(box.height),
                                "shape": shape if box.kind != "spine" else "plaintext"}
    words = " / ".join(line.text for line in box.lines)
    if words:
        attrs["comment"] = words
    return f"{dot_id(box.id)} {attr_list(attrs)}"


def edge_line(link: Link) -> str:
    """Return the DOT statement of one link; a loop back does not place the rows."""
    attrs: dict[str, object] = {"id": link.id}
    if not link.arrow:
        attrs["arrowhead"] = "none"
    if link.back:
        attrs["constraint"] = "false"
    return f"{dot_id(link.tail)} -> {dot_id(link.head)} {attr_list(attrs)}"


def flowchart_dot(name: str, graph: ChartGraph, params: Params = Params()) -> str:
    """Return the DOT text that places ``graph`` as ``params`` ask."""
    body = [
        "graph " + attr_list({"rankdir": "LR" if params.across else "TB",
                              "nodesep": params.nodesep, "ranksep": params.ranksep,
                              "newrank": "true", "splines": "spline", "pad": "0.05"}),
        "node " + attr_list({"fixedsize": "true", "label": "", "margin": "0"}),
        "edge " + attr_list({"arrowsize": "0.8"}),
    ]
    for row in graph.rows:
        body.append("{rank=same; " + "; ".join(dot_id(b) for b in row) + "}")
        body += [f"{dot_id(a)} -> {dot_id(b)} [style=\"invis\"]"
                 for a, b in itertools.pairwise(row)]
    body += [f"{dot_id(a[0])} -> {dot_id(b[0])} [style=\"invis\"]"
             for a, b in itertools.pairwise(graph.rows)]
    body += [node_line(graph, box.id, params.across) for box in graph.boxes]
    body += [edge_line(link) for link in graph.links]
    return "\n".join(block(f"digraph {dot_id(name)}", body)) + "\n"
