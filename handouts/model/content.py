"""The in-memory model of a handout spec: plain, frozen data.

Field docstrings (``doc=``) are what an editor sees in ``handouts schema`` and in
editor autocompletion, so they are written for editors.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from handouts.errors import Location

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
        """Return the location of ``key`` in this mapping (or of the mapping itself).

        ``key`` may index into a list, e.g. 'rows[2][1]'; the nearest position known is used.
        """
        if key is None:
            return Location(self.path, self.line, self.column, self.keypath)
        keypath = f"{self.keypath}.{key}" if self.keypath else key
        positions = {name: (line, column) for name, line, column in self.keys}
        probe = key
        while probe not in positions and probe.endswith("]"):
            probe = probe[:probe.rindex("[")]
        line, column = positions.get(probe, (self.line, self.column))
        return Location(self.path, line, column, keypath)


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
class Step:
    """One numbered step, e.g. of what may happen when the cancer progresses."""

    title: str = spec_field("A short name for the step, e.g. 'Re-test the cancer'.")
    what: str = spec_field("What happens in this step.")
    when: str = spec_field("When the step applies.", "")
    sources: tuple[str, ...] = spec_field("Bibliography ids that support it.", ())
    where: Where = _where()


@dataclass(frozen=True)
class Table:
    """A table with a header row; long cells wrap, and the header repeats on each page."""

    columns: tuple[str, ...] = spec_field("The header of each column.")
    rows: tuple[tuple[str, ...], ...] = spec_field(
        "The rows, each a list with one cell per column.")
    widths: tuple[str, ...] = spec_field(
        "Relative column widths, e.g. [1, 2, 2]; equal when left out.", ())
    caption: str = spec_field("A sentence above the table saying what it shows.", "")
    index: Literal["drugs"] | None = spec_field(
        "What the first column names: 'drugs' makes each row the side-effect entry of that "
        "drug, which every drug on a flowchart needs.", None)
    sources: tuple[str, ...] = spec_field("Bibliography ids that support the whole table.", ())
    where: Where = _where()


@dataclass(frozen=True)
class Callout:
    """Advice that must stand out, in a box with a heavy border."""

    title: str = spec_field("The advice in a few words, e.g. 'Protect the skin from the sun'.")
    text: str = spec_field("The advice in full.")
    sources: tuple[str, ...] = spec_field("Bibliography ids that support it.", ())
    where: Where = _where()


BLOCK_KINDS = ("text", "bullets", "numbered", "steps", "table", "callout")


@dataclass(frozen=True)
class Block:
    """One piece of a section: write exactly one of its keys."""

    one_key: ClassVar[bool] = True
    text: str = spec_field("A paragraph.", "")
    bullets: tuple[str, ...] = spec_field("A bulleted list, one item per entry.", ())
    numbered: tuple[str, ...] = spec_field("A numbered list, one item per entry.", ())
    steps: tuple[Step, ...] = spec_field("Numbered steps shown as panels.", ())
    table: Table | None = spec_field("A table.", None)
    callout: Callout | None = spec_field("A boxed piece of advice.", None)
    where: Where = _where()

    @property
    def kind(self) -> str:
        """Return which key the block was written with."""
        return next((k for k in BLOCK_KINDS if getattr(self, k)), "")


@dataclass(frozen=True)
class Section:
    """A headed part of the handout."""

    heading: str = spec_field("The section's heading.")
    blocks: tuple[Block, ...] = spec_field(
        "Its content, in order: text, bullets, numbered, steps, table or callout.")
    where: Where = _where()


@dataclass(frozen=True)
class Change:
    """What changed in one version, for the reviewer and the reader."""

    version: str = spec_field("The version this entry describes, e.g. 2.0.0.", pattern=SEMVER,
                              pattern_hint="write MAJOR.MINOR.PATCH, e.g. 2.0.0")
    date: datetime.date = spec_field("When the change was made (YYYY-MM-DD).")
    changes: tuple[str, ...] = spec_field("What changed, one sentence each.")
    where: Where = _where()


GOVERNANCE_FIELDS = ("version", "updated", "review_due", "status", "approved_by",
                     "approved_on", "changelog")
"""Fields that say which version a handout is and who signed it off, not what it says."""


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
    flowchart: Flowchart | None = spec_field(
        "A flowchart, printed after the summary.", None)
    sections: tuple[Section, ...] = spec_field("The handout's sections, in order.", ())
    approved_by: str = spec_field(
        "Who signed the content off (name and role); required when status is approved.", "")
    approved_on: datetime.date | None = spec_field(
        "When it was signed off (YYYY-MM-DD); required when status is approved.", None)
    changelog: tuple[Change, ...] = spec_field(
        "What changed in each version, newest first; the current version needs an entry.", ())
    where: Where = _where()


@dataclass(frozen=True)
class Pack:
    """A combined PDF of several handouts, with a contents page and one reference list."""

    slug: str = spec_field("Short name used in the file name, e.g. alk-pack.", pattern=SLUG,
                           pattern_hint="use lower-case letters, digits and single hyphens")
    title: str = spec_field("The pack's title, on its first page.")
    version: str = spec_field("Semantic version of the pack, e.g. 1.0.0.", pattern=SEMVER,
                              pattern_hint="write MAJOR.MINOR.PATCH, e.g. 1.0.0")
    updated: datetime.date = spec_field("When the pack last changed (YYYY-MM-DD).")
    producer: str = spec_field("Who produces it.")
    contact: str = spec_field("Where readers send feedback or questions.")
    handouts: tuple[str, ...] = spec_field("The slugs of the handouts it holds, in order.")
    subtitle: str = spec_field("A line under the title.", "")
    where: Where = _where()
