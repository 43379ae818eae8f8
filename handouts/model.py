"""The in-memory model of a handout spec: plain, frozen data.

Field docstrings (``doc=``) are what an editor sees in ``handouts schema`` and in
editor autocompletion, so they are written for editors.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import Location

Audience = Literal["clinician", "patient"]
Status = Literal["draft", "approved"]
NodeKind = Literal["start", "treatment", "decision", "outcome", "note"]
Transition = Literal["next", "progression", "intolerance", "progression-or-intolerance"]

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
NODE_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
SEMVER = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"


@dataclass(frozen=True)
class Where:
    """Where a mapping came from: its file, key path, and the position of each key."""

    path: str = ""
    keypath: str = ""
    line: int = 0
    column: int = 0
    keys: tuple[tuple[str, int, int], ...] = ()

    def at(self, key: str | None = None) -> Location:
        """Return the location of ``key`` in this mapping (or of the mapping itself)."""
        if key is None:
            return Location(self.path, self.line, self.column, self.keypath)
        keypath = f"{self.keypath}.{key}" if self.keypath else key
        for name, line, column in self.keys:
            if name == key:
                return Location(self.path, line, column, keypath)
        return Location(self.path, self.line, self.column, keypath)


REQUIRED: Any = object()


def spec_field(doc: str, default: Any = REQUIRED, **meta: Any) -> Any:
    """Declare a spec field with an editor-facing description and optional rules.

    ``meta`` may hold ``yaml`` (the key's name in YAML when it differs),
    ``pattern`` with ``pattern_hint``, and ``keyed`` (for a tuple of data classes
    written in YAML as a mapping whose keys fill that field).
    """
    meta["doc"] = doc
    if default is REQUIRED:
        return field(metadata=meta)
    if isinstance(default, (list, dict)):
        raise TypeError("use a tuple default")
    return field(default=default, metadata=meta)


def _where() -> Any:
    return field(default=Where(), compare=False, repr=False, metadata={"skip": True})


@dataclass(frozen=True)
class FlowNode:
    """A box on the flowchart."""

    id: str = spec_field("The node's id, used by edges; taken from its key.")
    label: str = spec_field("The text in the box, e.g. 'Alectinib'.")
    kind: NodeKind = spec_field(
        "start, treatment, decision, outcome or note; each has its own shape.", "treatment"
    )
    lane: str = spec_field("The line of therapy (one of flowchart.lanes) it sits in.", "")
    detail: str = spec_field("A smaller second line, e.g. 'if previously treated'.", "")
    sources: tuple[str, ...] = spec_field(
        "Bibliography ids that support it, e.g. [nice-ta536].", ()
    )
    unconfirmed: str = spec_field(
        "Why this step is not confirmed; drawn dotted and listed under the chart.", ""
    )
    where: Where = _where()


@dataclass(frozen=True)
class FlowEdge:
    """An arrow from one node to the next."""

    source: str = spec_field("The id of the node the arrow starts at.", yaml="from")
    target: str = spec_field("The id of the node the arrow points to.", yaml="to")
    when: Transition = spec_field(
        "Why the next step follows: next, progression, intolerance or "
        "progression-or-intolerance.",
        "next",
    )
    label: str = spec_field("Text on the arrow instead of the wording of 'when'.", "")
    sources: tuple[str, ...] = spec_field("Bibliography ids that support it.", ())
    unconfirmed: str = spec_field(
        "Why this step is not confirmed; drawn dotted and listed under the chart.", ""
    )
    where: Where = _where()


@dataclass(frozen=True)
class Flowchart:
    """A treatment-sequencing flowchart, read top to bottom."""

    nodes: tuple[FlowNode, ...] = spec_field(
        "The boxes, keyed by id, in the order they should appear.", keyed="id"
    )
    lanes: tuple[str, ...] = spec_field(
        "The lines of therapy, top to bottom, e.g. [First line, Second line].", ()
    )
    edges: tuple[FlowEdge, ...] = spec_field("The arrows between boxes.", ())
    title: str = spec_field("A heading above the chart.", "")
    caption: str = spec_field("A sentence under the chart saying how to read it.", "")
    where: Where = _where()


@dataclass(frozen=True)
class Handout:
    """One handout: its metadata and its content."""

    slug: str = spec_field(
        "Short name used in file names, e.g. alk-sequencing.",
        pattern=SLUG,
        pattern_hint="use lower-case letters, digits and single hyphens, e.g. alk-sequencing",
    )
    title: str = spec_field("The handout's title.")
    audience: Audience = spec_field("Who reads it: clinician or patient.")
    version: str = spec_field(
        "Semantic version MAJOR.MINOR.PATCH, e.g. 2.0.0.",
        pattern=SEMVER,
        pattern_hint="write MAJOR.MINOR.PATCH, e.g. 2.0.0",
    )
    updated: datetime.date = spec_field("When the content last changed (YYYY-MM-DD).")
    review_due: datetime.date = spec_field("When it must next be reviewed (YYYY-MM-DD).")
    status: Status = spec_field("draft until a clinician has signed it off, then approved.")
    producer: str = spec_field("Who produces it, printed on the handout.")
    contact: str = spec_field("Where readers send feedback or questions.")
    subtitle: str = spec_field("A line under the title.", "")
    summary: str = spec_field("An opening paragraph; separate paragraphs by a blank line.", "")
    flowchart: Flowchart | None = spec_field("The sequencing flowchart.", None)
    where: Where = _where()
