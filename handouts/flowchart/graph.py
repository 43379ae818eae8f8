"""Turn a flowchart into what is drawn: measured boxes in rows, and the links between them.

Every word on a chart is inside a box: a condition on the arrows ('T790M positive') is a
small box on their path, shared by the arrows that leave one box for the same reason, and
the arrows that follow the chart's default condition carry no words at all. Rows follow
the lines of therapy, and boxes in a row keep the spec's order; the chart in words is
written from the same model, so the two always agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from handouts.flowchart import look
from handouts.flowchart.wrap import Measure, wrap
from handouts.model.chart import Flowchart, FlowEdge, FlowNode


@dataclass(frozen=True)
class Line:
    """One line of text in a box."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Box:
    """A box as drawn: its text lines, shape and size in points at the chart's text size."""

    id: str
    lines: tuple[Line, ...]
    kind: str
    """start, treatment, decision, outcome, note; condition (words on arrows); stub (an arrow
    continued on another page); spine (the invisible column that holds the lane titles)."""
    width: float
    height: float
    row: float
    """Its row: a number that orders the rows, then, once they are known, its row's index."""
    lane: int = -1
    unconfirmed: bool = False
    funding: str = ""
    target_parts: tuple[int, ...] = ()
    """For a stub: the parts of a split chart its arrows continue in (or come from)."""


@dataclass(frozen=True)
class Link:
    """A drawn arrow (or, into a condition box, a line without a head)."""

    id: str
    tail: str
    head: str
    when: str
    unconfirmed: bool = False
    back: bool = False
    """Against the reading order (a loop): drawn, but not used to place the rows."""
    arrow: bool = True
    source: str = ""
    """The spec's box the arrow comes from (the tail may be its condition box)."""
    target: str = ""
    """The spec's box it goes to; none for the line into a condition box, which is shared."""


@dataclass(frozen=True)
class ChartGraph:
    """The boxes in rows, in order, the links, and the rows each lane covers."""

    boxes: tuple[Box, ...]
    links: tuple[Link, ...]
    rows: tuple[tuple[str, ...], ...]
    lanes: tuple[tuple[str, int, int], ...] = ()
    """(title, first row, last row) of each lane shown."""
    titles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The wrapped title lines of a lane, by the id of the spine box that carries them."""

    def box(self, box_id: str) -> Box:
        """Return the box with ``box_id``."""
        return next(b for b in self.boxes if b.id == box_id)


PAGE = "{n}"
"""In a stub's words, stands for the page numbers of other parts, filled in when drawn."""
FONT_SIZE = 10.0
"""Every text of a chart is set at one size; the page scales the whole chart."""
LEADING = 1.18
PAD_X, PAD_Y = 5.5, 4.0
Marks = Mapping[str, str]


def condition_words(chart: Flowchart, edge: FlowEdge) -> str:
    """Return the words printed on an arrow: its own label, or its condition's, or none when
    it follows the chart's default condition (the key says what a bare arrow means)."""
    if not edge.label and edge.when == chart.default_when:
        return ""
    return when_words(chart, edge)


def when_words(chart: Flowchart, edge: FlowEdge) -> str:
    """Return the words of an arrow's condition, whether or not they are printed on it."""
    if edge.label:
        return edge.label
    if edge.when in look.EDGE_STYLES:
        return look.EDGE_STYLES[edge.when].words
    return next((c.label for c in chart.conditions if c.id == edge.when), edge.when)


def box_lines(node: FlowNode, marks: Marks) -> list[tuple[str, bool]]:
    """Return a node's texts: its label in bold, then detail, funding and source marks."""
    texts = [(node.label, True)]
    texts += [(node.detail, False)] if node.detail else []
    texts += [(f"({node.funding})", False)] if node.funding else []
    shown = source_marks(node.sources, marks)
    texts += [(f"[{shown}]", False)] if shown else []
    return texts


def source_marks(sources: tuple[str, ...], marks: Marks) -> str:
    """Return the compact marks of ``sources``, each once, e.g. 'TA500; TA1103'.

    >>> source_marks(("nice-ta500", "x, p. 2"), {"nice-ta500": "TA500", "x": "Peters 2017"})
    'TA500; Peters 2017'
    """
    keys = (s.partition(",")[0].strip() for s in sources)
    return "; ".join(dict.fromkeys(marks[k] for k in keys if k in marks))


def measured(box_id: str, texts: list[tuple[str, bool]], kind: str, width: float,
             measure: Measure, row: float, **extra: object) -> Box:
    """Wrap texts to ``width`` points, and size the box around them by its shape."""
    lines = [Line(part, bold) for text, bold in texts for part in wrap(text, width, measure,
                                                                     bold)]
    inner_w = max((measure(line.text, line.bold) for line in lines), default=0.0)
    inner_h = len(lines) * FONT_SIZE * LEADING
    pad_x, pad_y = (PAD_X, PAD_Y) if kind != "condition" else (4.0, 2.0)
    w, h = inner_w + 2 * pad_x, inner_h + 2 * pad_y
    if kind == "decision":  # a diamond holds its text around its middle
        w, h = w * 1.45, h * 1.6
    elif kind == "note":
        w += 8
    return Box(box_id, tuple(lines), kind, float(int(w) + 1), float(int(h) + 1), row,
               **extra)  # type: ignore[arg-type]


Placement = Callable[[str], int]


def chart_graph(chart: Flowchart, marks: Marks, measure: Measure, wrap_width: float,
                stubs: Mapping[str, tuple[int, ...]] | None = None, per_row: int = 0,
                title_width: float = 60.0) -> ChartGraph:
    """Return the drawn graph of ``chart``: boxes wrapped to ``wrap_width`` points.

    ``stubs`` names the boxes of a part of a split chart that stand for arrows continued
    in another part, and that part.
    """
    stubs = stubs or {}
    lanes = {lane: i for i, lane in enumerate(chart.lanes)}
    nodes = {node.id: node for node in chart.nodes}
    back = back_edges(chart)
    rows = _rows(chart, back, per_row, {s for s in stubs if s.startswith("to-")})
    boxes: dict[str, Box] = {}
    for node in chart.nodes:
        kind = "stub" if node.id in stubs else node.kind
        width_of = measure if kind != "stub" else \
            (lambda text, bold: measure(text.replace(PAGE, "88"), bold))  # the page to come
        texts = box_lines(node, marks) if kind != "stub" else [(node.label, False)]
        boxes[node.id] = measured(node.id, texts, kind, wrap_width,
                                  width_of, rows[node.id], lane=lanes.get(node.lane, -1),
                                  unconfirmed=bool(node.unconfirmed), funding=node.funding,
                                  target_parts=stubs.get(node.id, ()))
    links: list[Link] = []
    groups: dict[tuple[str, str, str], list[tuple[int, FlowEdge]]] = defaultdict(list)
    for i, edge in enumerate(chart.edges):  # a continuation box says why in its words
        words = "" if edge.source in stubs or edge.target in stubs else \
            condition_words(chart, edge)
        extra = [s for s in edge.sources if s not in nodes[edge.target].sources]
        groups[(edge.source, words, source_marks(tuple(extra), marks))].append((i, edge))
    for (source, words, shown), edges in groups.items():
        if not words:
            links += [Link(f"e{i}", source, e.target, e.when, bool(e.unconfirmed), i in back,
                           source=source, target=e.target) for i, e in edges]
            continue
        cid = f"c{edges[0][0]}"
        texts = [(words, False)] + ([(f"[{shown}]", False)] if shown else [])
        boxes[cid] = measured(cid, texts, "condition", wrap_width * 0.8, measure,
                              rows[source] + 1, lane=boxes[source].lane)
        when = edges[0][1].when
        doubtful = all(e.unconfirmed for _, e in edges)
        links.append(Link(f"e{edges[0][0]}t", source, cid, when, doubtful, arrow=False,
                          source=source))
        links += [Link(f"e{i}", cid, e.target, e.when, bool(e.unconfirmed), i in back,
                       source=source, target=e.target) for i, e in edges]
    return _with_rows(boxes, links, chart, measure, title_width)


def drawn_rows(chart: Flowchart) -> dict[str, float]:
    """Return the row each box of ``chart`` is drawn in (one row a tier)."""
    return _rows(chart, back_edges(chart))


def _is_back(edge: FlowEdge, nodes: Mapping[str, FlowNode], lanes: Mapping[str, int],
             order: Mapping[str, int]) -> bool:
    """Tell whether an edge runs against the reading order: to an earlier lane or box."""
    tail, head = nodes[edge.source], nodes[edge.target]
    if head.kind == "start" or edge.source == edge.target:
        return True
    if tail.lane in lanes and head.lane in lanes and tail.lane != head.lane:
        return lanes[head.lane] < lanes[tail.lane]
    return order[edge.target] < order[edge.source] and tail.lane == head.lane != ""


def depths(chart: Flowchart, back: set[int]) -> dict[str, int]:
    """Return each box's depth in its lane: the longest run of arrows within the lane to it.

    In spec order an in-lane arrow that is not a loop goes to a later box, so one pass does.
    """
    lane_of = {n.id: n.lane for n in chart.nodes}
    into: dict[str, list[str]] = defaultdict(list)
    for i, e in enumerate(chart.edges):
        if i not in back and lane_of[e.source] == lane_of[e.target] != "":
            into[e.target].append(e.source)
    depth: dict[str, int] = {}
    for node in chart.nodes:
        depth[node.id] = max((depth[s] + 1 for s in into[node.id] if s in depth), default=0)
    return depth


def tiers(chart: Flowchart) -> list[tuple[tuple[str, int], int]]:
    """Return each (lane, depth) tier of a chart in reading order, with its number of boxes:
    the smallest parts a chart may be split into."""
    depth = depths(chart, back_edges(chart))
    counts: dict[tuple[str, int], int] = {}
    for lane in chart.lanes:
        members = [n for n in chart.nodes if n.lane == lane]
        for d in range(max((depth[n.id] for n in members), default=-1) + 1):
            counts[(lane, d)] = sum(depth[n.id] == d for n in members)
    return list(counts.items())


def back_edges(chart: Flowchart) -> set[int]:
    """Return the indexes of the edges that run against the reading order (loops)."""
    lanes = {lane: i for i, lane in enumerate(chart.lanes)}
    order = {node.id: i for i, node in enumerate(chart.nodes)}
    nodes = {node.id: node for node in chart.nodes}
    return {i for i, e in enumerate(chart.edges) if _is_back(e, nodes, lanes, order)}


def _rows(chart: Flowchart, back: set[int], per_row: int = 0,
          last: set[str] | None = None) -> dict[str, float]:
    """Return each box's row: starts at 0, then each lane's boxes by their depth in it,
    then the boxes ``last`` names (where arrows go on to another part).

    Rows alternate: boxes on even rows, the conditions leaving them on the odd row below.
    With ``per_row``, a tier of more boxes than that takes several rows.
    """
    depth = depths(chart, back)
    rows: dict[str, float] = {n.id: 0 for n in chart.nodes if n.kind == "start"}
    base = 3  # row 1 for the start's conditions, row 2 left empty
    for lane in chart.lanes:
        members = [n for n in chart.nodes if n.lane == lane]
        slot = 0
        for d in range(max((depth[n.id] for n in members), default=-1) + 1):
            tier = [n for n in members if depth[n.id] == d]
            size = per_row or len(tier) or 1
            for start in range(0, len(tier), size):
                for node in tier[start:start + size]:
                    rows[node.id] = base + 2 * slot
                slot += 1
        base += 2 * max(slot, 1) + 1  # and an empty row before the next lane: room to turn
    forward = [e for i, e in enumerate(chart.edges) if i not in back]
    outside = [n for n in chart.nodes if not n.lane and n.id not in (last or ())]
    for node in chart.nodes:  # boxes outside lanes follow what leads to them
        if node.id in (last or ()):
            rows[node.id] = base + 1
        elif node.id not in rows:
            before = [rows.get(e.source, 0) for e in forward if e.target == node.id]
            rows[node.id] = max(before) + 2 if before else 0
    if per_row:  # boxes outside lanes that share a row keep to the same width
        shared: dict[float, list[str]] = defaultdict(list)
        for node in outside:
            shared[rows[node.id]].append(node.id)
        for row, ids in shared.items():
            chunks = [ids[i:i + per_row] for i in range(0, len(ids), per_row)]
            for j, chunk in enumerate(chunks):
                for box_id in chunk:
                    rows[box_id] = row + j / len(chunks)
    return rows


def _with_rows(boxes: dict[str, Box], links: list[Link], chart: Flowchart, measure: Measure,
               title_width: float) -> ChartGraph:
    """Order each row (the spec's order; conditions by their box), add the lane titles."""
    sources = {link.head: link.tail for link in links if boxes[link.head].kind == "condition"}
    spec = {box_id: i for i, box_id in enumerate(boxes)}

    def position(box_id: str) -> tuple[int, int]:  # a condition sits under its box
        return (spec[sources[box_id]], spec[box_id]) if box_id in sources else \
            (spec[box_id], -1)

    number = {row: i for i, row in enumerate(sorted({b.row for b in boxes.values()}))}
    boxes = {k: replace(b, row=number[b.row]) for k, b in boxes.items()}  # empty rows go
    spans: list[tuple[str, int, int]] = []
    for i, lane in enumerate(chart.lanes):
        rows_of = [int(b.row) for b in boxes.values() if b.lane == i]
        if rows_of:
            spans.append((lane, min(rows_of), max(rows_of)))
    titles: dict[str, tuple[str, ...]] = {}
    rows: list[tuple[str, ...]] = []
    for row in range(len(number)):
        spine = f"row{row}"
        title = next((lane for lane, first, _ in spans if first == row), "")
        lines = tuple(wrap(title, title_width, measure, True)) if title else ()
        width = max((measure(t, True) for t in lines), default=0.0) + 8
        height = len(lines) * FONT_SIZE * LEADING
        boxes[spine] = Box(spine, tuple(Line(t, True) for t in lines), "spine",
                           float(int(width) + 1) if lines else 1.0,
                           float(int(height) + 1) if lines else 1.0, row)
        if lines:
            titles[spine] = lines
        rows.append((spine, *sorted((b for b in boxes if boxes[b].row == row
                                     and boxes[b].kind != "spine"), key=position)))
    ordered = tuple(boxes[box_id] for row in rows for box_id in row)
    return ChartGraph(ordered, tuple(links), tuple(rows), tuple(spans), titles)
