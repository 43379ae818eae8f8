"""Check what types alone cannot: references between parts of a spec, and dates."""

from __future__ import annotations

from collections import defaultdict

from handouts.errors import Problem
from handouts.model.content import BLOCK_KINDS, Block, Flowchart, Handout, Table
from handouts.spec.convert import did_you_mean


def check_parts(parts: list[object]) -> list[Problem]:
    """Check each whole part of a spec, even when the spec as a whole did not convert."""
    problems: list[Problem] = []
    for part in parts:
        if isinstance(part, Handout):
            problems += check_handout(part)
        elif isinstance(part, Flowchart):
            problems += check_flowchart(part)
        elif isinstance(part, Block):
            problems += check_block(part)
        elif isinstance(part, Table):
            problems += check_table(part)
    return problems


def check_block(block: Block) -> list[Problem]:
    """Check that a block was written with exactly one kind of content."""
    written = [k for k, _, _ in block.where.keys if k in BLOCK_KINDS]
    if len(written) == 1:
        return []
    what = "has no content" if not written else f"mixes {' and '.join(written)}"
    return [Problem(block.where.at(), f"a block {what}",
                    "write each of text, bullets, numbered, steps, table or callout as its own "
                    "list item (- text: ...)")]


def check_table(table: Table) -> list[Problem]:
    """Check that every row has one cell per column, and the widths fit the columns."""
    problems = []
    count = len(table.columns)
    for i, row in enumerate(table.rows):
        if len(row) != count:
            problems.append(Problem(table.where.at(f"rows[{i}]"),
                                    f"row has {len(row)} cells but the table has {count} columns",
                                    "give every row one cell per column; write '' for an "
                                    "empty cell"))
    if table.widths:
        if len(table.widths) != count:
            problems.append(Problem(table.where.at("widths"),
                                    f"{len(table.widths)} widths for {count} columns"))
        elif not all(_positive(w) for w in table.widths):
            problems.append(Problem(table.where.at("widths"),
                                    "widths must be positive numbers, e.g. [1, 2, 2]"))
    return problems


def _positive(text: str) -> bool:
    try:
        return float(text) > 0
    except ValueError:
        return False


def check_handout(handout: Handout) -> list[Problem]:
    """Return the problems of a handout's own fields that types do not catch."""
    problems: list[Problem] = []
    if handout.status == "approved":
        for key in ("approved_by", "approved_on"):
            if not getattr(handout, key):
                problems.append(Problem(handout.where.at("status"),
                                        f"an approved handout needs {key}",
                                        "say who signed it off and when, or set status: draft"))
    seen: dict[str, int] = {}
    for i, change in enumerate(handout.changelog):
        if change.version in seen:
            problems.append(Problem(handout.where.at(f"changelog[{i}]"),
                                    f"changelog has two entries for {change.version}"))
        seen[change.version] = i
    if handout.review_due <= handout.updated:
        problems.append(Problem(
            handout.where.at("review_due"),
            f"review date {handout.review_due} is not after the updated date {handout.updated}",
            "set review_due to when the content must next be reviewed",
        ))
    return problems


def check_flowchart(chart: Flowchart) -> list[Problem]:
    """Check lanes, edge ends, reachability and cycles of a flowchart."""
    problems: list[Problem] = []
    ids = [node.id for node in chart.nodes]
    seen_lanes: set[str] = set()
    for i, lane in enumerate(chart.lanes):
        if lane in seen_lanes:
            problems.append(Problem(chart.where.at(f"lanes[{i}]"),
                                    f"lane {lane!r} is listed twice"))
        seen_lanes.add(lane)
    for node in chart.nodes:
        if node.lane and node.lane not in seen_lanes:
            hint = "add it to flowchart.lanes" if not did_you_mean(node.lane, chart.lanes) else ""
            problems.append(Problem(
                node.where.at("lane"),
                f"unknown lane {node.lane!r}" + (did_you_mean(node.lane, chart.lanes)
                                                 or f"; lanes are: {', '.join(chart.lanes)}"),
                hint,
            ))
        elif chart.lanes and not node.lane and node.kind not in ("start", "note"):
            problems.append(Problem(node.where.at(), "missing lane",
                                    "say which of flowchart.lanes it belongs to"))
    children: dict[str, list[str]] = defaultdict(list)
    pairs: set[tuple[str, str]] = set()
    for edge in chart.edges:
        for key, end in (("from", edge.source), ("to", edge.target)):
            if end not in ids:
                problems.append(Problem(edge.where.at(key),
                                        f"unknown node {end!r}" + did_you_mean(end, ids)))
        if (edge.source, edge.target) in pairs:
            problems.append(Problem(edge.where.at(),
                                    f"edge {edge.source} -> {edge.target} is listed twice"))
        pairs.add((edge.source, edge.target))
        children[edge.source].append(edge.target)
    if problems:
        return problems
    starts = [node.id for node in chart.nodes if node.kind == "start"]
    if not starts:
        problems.append(Problem(chart.where.at("nodes"), "no node has kind: start",
                                "mark where the chart begins with kind: start"))
    reached = _reachable(starts, children)
    targets = {target for _, target in pairs}
    linked = {end for pair in pairs for end in pair}  # a note on no edge stands on its own
    unreached = [n for n in chart.nodes if n.id not in reached
                 and not (n.kind == "note" and n.id not in linked)]
    # Report the roots only: fixing a root reaches what hangs below it.
    roots = [n for n in unreached if n.id not in targets] or unreached[:1]
    for node in roots if starts else []:
        problems.append(Problem(node.where.at(), f"nothing leads to node {node.id!r}",
                                "add an edge to it from an earlier step, or remove it"))
    cycle = _find_cycle(ids, children)
    if cycle:
        problems.append(Problem(chart.where.at("edges"),
                                "the edges form a loop: " + " -> ".join(cycle),
                                "a sequencing chart must not return to an earlier step"))
    return problems


def _reachable(starts: list[str], children: dict[str, list[str]]) -> set[str]:
    """Return the ids reachable from ``starts`` (including them)."""
    reached, todo = set(starts), list(starts)
    while todo:
        for child in children[todo.pop()]:
            if child not in reached:
                reached.add(child)
                todo.append(child)
    return reached


def _find_cycle(ids: list[str], children: dict[str, list[str]]) -> list[str]:
    """Return one cycle as a list of ids (first id repeated at the end), or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for child in children[node]:
            if state.get(child) == 1:
                return stack[stack.index(child):] + [child]
            if child not in state:
                found = visit(child)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for node in ids:
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []
