"""Check a flowchart: lanes, conditions, the ends of every arrow, and what the start reaches.

Loops (a re-challenge) and free-standing boxes (e.g. 'a clinical trial at any point')
are allowed; a box that arrows touch must be reachable from a start.
"""

from __future__ import annotations

from collections import defaultdict

from handouts.errors import Problem
from handouts.model.chart import TRANSITIONS, Flowchart
from handouts.spec.convert import did_you_mean

MAX_LABEL = 200  # characters: a box holds a few words, not a paragraph
MAX_BOXES = 120  # a chart of more boxes cannot print legibly on eight pages


def check_flowchart(chart: Flowchart) -> list[Problem]:
    """Return every problem of a chart's lanes, conditions, edges and reachability."""
    if len(chart.nodes) > MAX_BOXES:
        return [Problem(chart.where.at("nodes"), f"the chart has {len(chart.nodes)} boxes; a "
                                                 f"chart prints legibly with at most {MAX_BOXES}",
                        "split it into several charts under flowcharts:, each with its own "
                        "title")]
    problems = _lanes(chart) + _labels(chart) + [
        Problem(node.where.at("drug"), f"a {node.kind} box cannot be a medicine",
                "set kind: treatment, or remove drug: true")
        for node in chart.nodes
        if node.drug and node.kind != "treatment" and node.where.sound("kind")]
    ids = [node.id for node in chart.nodes]
    labels = {node.label.casefold(): node.id for node in chart.nodes}
    conditions = [c.id for c in chart.conditions]
    for name in conditions:
        if name in TRANSITIONS:
            where = next(c for c in chart.conditions if c.id == name).where
            problems.append(Problem(where.at(), f"condition {name!r} is built in",
                                    "use it without declaring it, or choose another id"))
    if chart.default_when and chart.default_when not in (*TRANSITIONS, *conditions):
        choices = [*TRANSITIONS, *conditions]
        close = did_you_mean(chart.default_when, choices)
        problems.append(Problem(chart.where.at("default_when"),
                                f"unknown condition {chart.default_when!r}" + close,
                                "" if close else f"use one of {', '.join(choices)}"))
    seen: set[tuple[str, str, str]] = set()
    for edge in chart.edges:
        for key, end in (("from", edge.source), ("to", edge.target)):
            if end not in ids and edge.where.sound(key):
                close = _suggest(end, ids, labels)
                problems.append(Problem(edge.where.at(key), f"unknown node {end!r}" + close,
                                        "" if close else "name a box by its key under "
                                        f"flowchart.nodes: {', '.join(ids[:8])}"
                                        + (", ..." if len(ids) > 8 else "")))
        if edge.when not in TRANSITIONS and edge.when not in conditions:
            choices = [*TRANSITIONS, *conditions]
            close = did_you_mean(edge.when, choices)
            problems.append(Problem(
                edge.where.at("when"), f"unknown condition {edge.when!r}" + close,
                "" if close else f"use one of {', '.join(choices)}, or declare it under "
                f"flowchart.conditions: {edge.when}: {{label: ..., explain: ...}}"))
        key3 = (edge.source, edge.target, edge.when)
        if key3 in seen and edge.where.sound():
            problems.append(Problem(edge.where.at(),
                                    f"edge {edge.source} -> {edge.target} is listed twice"))
        seen.add(key3)
    if problems or not chart.where.sound("nodes", "edges"):
        return problems  # where an arrow leads is not known: nothing more to say of reach
    return _reach(chart)


def _suggest(end: str, ids: list[str], labels: dict[str, str]) -> str:
    """Suggest a node id for a misspelt one, or one whose label was written instead."""
    if end.casefold() in labels:
        return f" (did you mean {labels[end.casefold()]!r}, the id of the box {end!r}?)"
    return did_you_mean(end, ids) or did_you_mean(end.casefold(), list(labels)).replace(
        "did you mean", "a box is labelled")


def _lanes(chart: Flowchart) -> list[Problem]:
    problems: list[Problem] = []
    declared: set[str] = set()
    for i, lane in enumerate(chart.lanes):
        if lane in declared:
            problems.append(Problem(chart.where.at(f"lanes[{i}]"),
                                    f"lane {lane!r} is listed twice"))
        declared.add(lane)
    if not chart.where.sound("lanes"):
        return problems
    for node in chart.nodes:
        if not node.where.sound("lane"):
            continue
        if node.lane and node.lane not in declared:
            close = did_you_mean(node.lane, chart.lanes, cutoff=0.8)
            if close:
                message, hint = f"unknown lane {node.lane!r}{close}", \
                    "declare it in flowchart.lanes, or correct the spelling"
            else:
                listed = ", ".join(chart.lanes) or "none yet"
                message, hint = f"lane {node.lane!r} is not declared in flowchart.lanes " \
                    f"({listed})", "add it to flowchart.lanes, in reading order"
            problems.append(Problem(node.where.at("lane"), message, hint))
        elif chart.lanes and not node.lane and node.kind not in ("start", "note") \
                and node.where.sound("kind"):
            problems.append(Problem(node.where.at(), "missing lane",
                                    "say which of flowchart.lanes it belongs to"))
    return problems


def _labels(chart: Flowchart) -> list[Problem]:
    texts = [(n.where, key, getattr(n, key)) for n in chart.nodes for key in ("label", "detail")]
    texts += [(c.where, "label", c.label) for c in chart.conditions]
    texts += [(e.where, "label", e.label) for e in chart.edges]
    return [Problem(where.at(key), f"this text is {len(text):,} characters long; a chart "
                                   f"prints at most {MAX_LABEL}",
                    "keep the words in the box short; say more in a section")
            for where, key, text in texts if len(text) > MAX_LABEL]


def _reach(chart: Flowchart) -> list[Problem]:
    """Report boxes that arrows touch but no path from a start reaches (roots only)."""
    starts = [node.id for node in chart.nodes if node.kind == "start"]
    if not starts:
        return [Problem(chart.where.at("nodes"), "no node has kind: start",
                        "mark where the chart begins with kind: start")]
    children: dict[str, list[str]] = defaultdict(list)
    linked: set[str] = set()
    for edge in chart.edges:
        children[edge.source].append(edge.target)
        linked.update((edge.source, edge.target))
    reached, todo = set(starts), list(starts)
    while todo:
        for child in children[todo.pop()]:
            if child not in reached:
                reached.add(child)
                todo.append(child)
    unreached = [n for n in chart.nodes if n.id in linked and n.id not in reached]
    targets = {e.target for e in chart.edges if e.source != e.target}
    roots = [n for n in unreached if n.id not in targets] or unreached[:1]
    return [Problem(node.where.at(), f"nothing leads to node {node.id!r}",
                    "add an edge to it from an earlier step, or remove its arrows to make it a "
                    "free-standing box") for node in roots]
