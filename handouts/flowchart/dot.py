"""Ask Graphviz where the boxes go along each row: DOT text from pure functions, tested as text.

Graphviz only orders and spaces boxes of the sizes given along their rows; it never sees a
word (each box's words are kept as a comment, for the reader of the DOT), draws no arrow
and sets no row's depth: the router does those. An arrow that skips rows passes through
each row between as a thin 'via' node, so Graphviz keeps a gap for it between the boxes of
that row, and an invisible 'spine' column, first in every row, leaves room for the lane
titles. Boxes keep the spec's order in their row; vias go where they cross least.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from handouts.flowchart import look
from handouts.flowchart.graph import ChartGraph, Link
from handouts.layout.quoting import dot_id

POINTS = 72.0  # Graphviz measures node sizes in inches
VIA = 8.0
"""The width, in points, a via node keeps free in its row for the arrow that passes."""


@dataclass(frozen=True)
class Params:
    """How one candidate layout is asked for."""

    across: bool = False
    """Left to right (lanes as columns), for a landscape page; else top to bottom."""
    wrap: float = 120.0
    """The width, in points at the chart's size, that box texts are wrapped to."""
    nodesep: float = 0.18
    """The least space between two boxes of a row, in inches."""
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


def row_of(graph: ChartGraph) -> dict[str, int]:
    """Return the row of every box."""
    return {box_id: i for i, row in enumerate(graph.rows) for box_id in row}


def climbs(link: Link, rows: dict[str, int]) -> bool:
    """Tell whether a link goes back up the chart (a loop), or stays in its row: it is
    routed round the outside, not through the rows."""
    return link.back or rows[link.head] <= rows[link.tail]


def vias(graph: ChartGraph) -> dict[str, tuple[str, ...]]:
    """Return, for each link that skips rows, the via node it passes in each row between.

    >>> from handouts.flowchart.graph import Box
    >>> boxes = tuple(Box(i, (), "treatment", 10, 10, r) for i, r in (("a", 0), ("b", 3)))
    >>> g = ChartGraph(boxes, (Link("e0", "a", "b", "next"),), (("a",), (), (), ("b",)))
    >>> vias(g)
    {'e0': ('e0~1', 'e0~2')}
    """
    rows = row_of(graph)
    return {link.id: tuple(f"{link.id}~{r}" for r in range(rows[link.tail] + 1, rows[link.head]))
            for link in graph.links if not climbs(link, rows)
            and rows[link.head] - rows[link.tail] > 1}


def node_line(graph: ChartGraph, box_id: str, across: bool = False) -> str:
    """Return the DOT statement of one box: fixed size, its shape, its words as a comment.

    Left to right, lane titles go in a strip above the chart, so the spine takes no room.
    """
    box = graph.box(box_id)
    if box.kind == "spine" and across:
        return f"{dot_id(box.id)} {attr_list({'width': '0.01', 'height': '0.01'})}"
    shape = "diamond" if look.NODE_STYLES.get(box.kind, look.NODE_STYLES["treatment"]) \
        .shape == "diamond" else "box"
    attrs: dict[str, object] = {"width": inches(box.width), "height": inches(box.height),
                                "shape": shape if box.kind != "spine" else "plaintext"}
    words = " / ".join(line.text for line in box.lines)
    if words:
        attrs["comment"] = words
    return f"{dot_id(box.id)} {attr_list(attrs)}"


def via_line(via: str, across: bool) -> str:
    """Return the DOT statement of a via node: as wide as an arrow needs along its row."""
    size = {"width": inches(1), "height": inches(VIA)} if across else \
        {"width": inches(VIA), "height": inches(1)}
    return f"{dot_id(via)} {attr_list({**size, 'shape': 'point'})}"


def link_lines(link: Link, passes: tuple[str, ...]) -> list[str]:
    """Return the DOT edges of one link: through its vias, which pull harder to keep a long
    arrow straight."""
    ends = [link.tail, *passes, link.head]
    pull = 8 if not link.arrow else 1  # a condition's words sit right under their box
    return [f"{dot_id(a)} -> {dot_id(b)} "
            f"{attr_list({'weight': 4 if a in passes and b in passes else pull})}"
            for a, b in itertools.pairwise(ends)]


def flowchart_dot(name: str, graph: ChartGraph, params: Params = Params()) -> str:
    """Return the DOT text that places ``graph``'s boxes along their rows as ``params`` ask."""
    rows = row_of(graph)
    passing = vias(graph)
    in_row: dict[int, list[str]] = {}
    for passes in passing.values():
        for via in passes:
            in_row.setdefault(int(via.rsplit("~", 1)[1]), []).append(via)
    body = [
        "graph " + attr_list({"rankdir": "LR" if params.across else "TB",
                              "nodesep": params.nodesep, "ranksep": 0.2, "newrank": "true",
                              "splines": "false", "pad": "0"}),
        "node " + attr_list({"fixedsize": "true", "label": "", "margin": "0"}),
    ]
    for i, row in enumerate(graph.rows):
        body.append("{rank=same; " + "; ".join(dot_id(b) for b in [*row, *in_row.get(i, [])])
                    + "}")
        body += [f"{dot_id(a)} -> {dot_id(b)} [style=\"invis\"]"
                 for a, b in itertools.pairwise(row)]
        body += [f"{dot_id(row[0])} -> {dot_id(via)} [style=\"invis\"]"
                 for via in in_row.get(i, [])]  # vias keep right of the lane titles
    body += [f"{dot_id(a[0])} -> {dot_id(b[0])} [style=\"invis\", weight=\"0\"]"
             for a, b in itertools.pairwise(graph.rows)]  # rows in order, titles free to move
    body += [node_line(graph, box.id, params.across) for box in graph.boxes]
    body += [via_line(via, params.across) for passes in passing.values() for via in passes]
    for link in graph.links:
        if not climbs(link, rows):
            body += link_lines(link, passing.get(link.id, ()))
    return "\n".join(block(f"digraph {dot_id(name)}", body)) + "\n"
