"""A treatment-sequencing flowchart: boxes, the conditions between them, and arrows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from handouts.model.fields import Where, spec_field, where_field

NodeKind = Literal["start", "treatment", "decision", "outcome", "note"]
TRANSITIONS = ("next", "progression", "intolerance", "progression-or-intolerance")
"""The built-in conditions an arrow may follow; a chart may declare more."""


@dataclass(frozen=True)
class FlowNode:
    """A box on the flowchart."""

    id: str = spec_field("The node's id, used by edges; taken from its key.")
    label: str = spec_field("The text in the box, e.g. 'Alectinib'.")
    kind: NodeKind = spec_field(
        "start, treatment, decision, outcome or note; each has its own shape.", "treatment"
    )
    lane: str = spec_field("The line of therapy (one of flowchart.lanes) it sits in.", "")
    detail: str = spec_field("A second line, e.g. 'if previously treated'.", "")
    sources: tuple[str, ...] = spec_field(
        "Bibliography ids that support it, each optionally with a locator, e.g. "
        "[nice-ta536] or ['nice-ta536, section 1.1'].", ()
    )
    unconfirmed: str = spec_field(
        "Why this step is not confirmed; drawn dotted and listed under the chart.", ""
    )
    funding: str = spec_field(
        "A funding status that limits this option, e.g. 'not routinely funded'; the box is "
        "drawn with a dashed double border and the status is explained in the key.", ""
    )
    drug: bool = spec_field(
        "For a treatment: true when the box is a medicine that a pack's drug table lists "
        "(drug_index), so that the pack checks the table has a row for it. Leave it off "
        "tests, surgery, radiotherapy, trials, and medicines the table does not cover.", False
    )
    where: Where = where_field()

    retired: ClassVar[dict[str, str]] = {
        "drug_table": "mark each medicine the pack's drug table lists with drug: true "
                      "instead; other boxes need nothing"}
    """Keys the format no longer has, and what to write instead."""


@dataclass(frozen=True)
class Condition:
    """A condition an arrow may follow, besides the built-in ones: e.g. a test result."""

    id: str = spec_field("The condition's id, used in an edge's 'when'; taken from its key.")
    label: str = spec_field("The words on the arrow, e.g. 'T790M positive'.")
    explain: str = spec_field(
        "What it means, for the key, e.g. 'the cancer has the T790M resistance mutation'.", ""
    )
    where: Where = where_field()


@dataclass(frozen=True)
class FlowEdge:
    """An arrow from one node to the next."""

    source: str = spec_field("The id of the node the arrow starts at.", yaml="from")
    target: str = spec_field("The id of the node the arrow points to.", yaml="to")
    when: str = spec_field(
        "Why the next step follows: next, progression, intolerance, "
        "progression-or-intolerance, or the id of one of flowchart.conditions.",
        "next",
    )
    label: str = spec_field("Words on the arrow instead of the condition's own.", "")
    sources: tuple[str, ...] = spec_field("Bibliography ids that support it.", ())
    unconfirmed: str = spec_field(
        "Why this step is not confirmed; drawn dotted and listed under the chart.", ""
    )
    where: Where = where_field()


@dataclass(frozen=True)
class Flowchart:
    """A treatment-sequencing flowchart, read from its start along the lines of therapy."""

    nodes: tuple[FlowNode, ...] = spec_field(
        "The boxes, keyed by id, in the order they should appear.", keyed="id"
    )
    id: str = spec_field("The chart's id, used in file names; taken from its key.", "")
    lanes: tuple[str, ...] = spec_field(
        "The lines of therapy, in reading order, e.g. [First line, Second line].", ()
    )
    edges: tuple[FlowEdge, ...] = spec_field("The arrows between boxes.", ())
    conditions: tuple[Condition, ...] = spec_field(
        "Conditions arrows may follow besides the built-in ones, keyed by id.", (),
        keyed="id")
    default_when: str = spec_field(
        "The condition an arrow follows unless it says otherwise, e.g. progression: arrows "
        "that follow it carry no words, and the key says what an arrow without words means.",
        "")
    title: str = spec_field("A heading above the chart.", "")
    caption: str = spec_field("A sentence under the chart saying how to read it.", "")
    where: Where = where_field()
