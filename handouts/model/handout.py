"""The in-memory model of a handout spec: plain, frozen data.

Field docstrings (``doc=``) are what an editor sees in ``handouts schema`` and in
editor autocompletion, so they are written for editors.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar, Literal

from handouts.model.chart import Flowchart
from handouts.model.fields import (
    SEMVER,
    SEMVER_HINT,
    SLUG,
    SLUG_HINT,
    Where,
    spec_field,
    where_field,
)

Audience = Literal["clinician", "patient"]
Status = Literal["draft", "approved"]
SOURCES_DOC = ("Bibliography ids that support it, each optionally with a locator, e.g. "
               "['nice-ta536, section 1.1'].")


@dataclass(frozen=True)
class Step:
    """One numbered step, e.g. of what may happen when the cancer progresses."""

    title: str = spec_field("A short name for the step, e.g. 'Re-test the cancer'.")
    what: str = spec_field("What happens in this step.")
    when: str = spec_field("When the step applies.", "")
    sources: tuple[str, ...] = spec_field(SOURCES_DOC, ())
    where: Where = where_field()


@dataclass(frozen=True)
class Table:
    """A table with a header row; long cells wrap, and the header repeats on each page."""

    columns: tuple[str, ...] = spec_field("The header of each column.")
    rows: tuple[tuple[str, ...], ...] = spec_field(
        "The rows, each a list with one cell per column.")
    widths: tuple[float, ...] = spec_field(
        "Relative column widths, e.g. [1, 2, 2]; equal when left out.", ())
    caption: str = spec_field("A sentence above the table saying what it shows.", "")
    index: Literal["drugs"] | None = spec_field(
        "What the first column names: 'drugs' makes each row the side-effect entry of that "
        "drug, which every drug on a chart of the same pack needs.", None)
    sources: tuple[str, ...] = spec_field("Sources that support the whole table.", ())
    where: Where = where_field()


@dataclass(frozen=True)
class Callout:
    """Advice that must stand out, in a box with a heavy border."""

    title: str = spec_field("The advice in a few words, e.g. 'Protect the skin from the sun'.")
    text: str = spec_field("The advice in full.")
    sources: tuple[str, ...] = spec_field(SOURCES_DOC, ())
    where: Where = where_field()


BLOCK_KINDS = ("text", "bullets", "numbered", "steps", "table", "callout", "chart")


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
    chart: str = spec_field("The id of one of the handout's flowcharts, to print here.", "")
    where: Where = where_field()

    @property
    def kind(self) -> str:
        """Return which key the block was written with."""
        return next((k for k in BLOCK_KINDS if getattr(self, k)), "")


@dataclass(frozen=True)
class Section:
    """A headed part of the handout."""

    heading: str = spec_field("The section's heading.")
    blocks: tuple[Block, ...] = spec_field(
        "Its content, in order: text, bullets, numbered, steps, table, callout or chart.")
    where: Where = where_field()


@dataclass(frozen=True)
class Change:
    """What changed in one version, for the reviewer and the reader."""

    version: str = spec_field("The version this entry describes, e.g. 2.0.0.", pattern=SEMVER,
                              pattern_hint=SEMVER_HINT)
    date: datetime.date = spec_field("When the change was made (YYYY-MM-DD).")
    changes: tuple[str, ...] = spec_field("What changed, one sentence each.")
    where: Where = where_field()


GOVERNANCE_FIELDS = ("version", "updated", "review_due", "status", "approved_by",
                     "approved_on", "changelog", "producer", "contact")
"""Fields that say which version a handout is, who issues it and who signed it off: not
what it says, so not part of its released content."""


@dataclass(frozen=True)
class Handout:
    """One handout: its metadata and its content."""

    slug: str = spec_field("Short name used in file names, e.g. alk-sequencing.",
                           pattern=SLUG, pattern_hint=SLUG_HINT)
    title: str = spec_field("The handout's title.")
    audience: Audience = spec_field("Who reads it: clinician or patient.")
    version: str = spec_field("Semantic version MAJOR.MINOR.PATCH, e.g. 2.0.0.",
                              pattern=SEMVER, pattern_hint=SEMVER_HINT)
    updated: datetime.date = spec_field("When the content last changed (YYYY-MM-DD).")
    review_due: datetime.date = spec_field("When it must next be reviewed (YYYY-MM-DD).")
    status: Status = spec_field("draft until a clinician has signed it off, then approved.")
    subtitle: str = spec_field("A line under the title.", "")
    summary: str = spec_field("An opening paragraph; separate paragraphs by a blank line.", "")
    flowchart: Flowchart | None = spec_field(
        "A flowchart, printed after the summary unless a 'chart' block places it.", None)
    flowcharts: tuple[Flowchart, ...] = spec_field(
        "Several flowcharts, keyed by id (e.g. advanced, adjuvant), each with its own title "
        "and downloads; 'chart' blocks place them.", (), keyed="id")
    sections: tuple[Section, ...] = spec_field("The handout's sections, in order.", ())
    emergency: str = spec_field(
        "For patient handouts: when to call 999 at once, with its sources; printed first in "
        "the urgent box, above the 24-hour line, e.g. 'Call 999 if you find it hard to "
        "breathe [@source]'.", "")
    reading_age: int | None = spec_field(
        "For patient handouts: the highest reading age the text may need (default 12).", None)
    producer: str = spec_field(
        "Who wrote it, if not the publisher named in handouts.yaml.", "")
    contact: str = spec_field(
        "Where readers send feedback, if not the publisher's phone in handouts.yaml.", "")
    approved_by: str = spec_field(
        "Who signed the content off (name and role); required when status is approved.", "")
    approved_on: datetime.date | None = spec_field(
        "When it was signed off (YYYY-MM-DD); required when status is approved.", None)
    changelog: tuple[Change, ...] = spec_field(
        "What changed in each version, newest first; the current version needs an entry.", ())
    where: Where = where_field()

    @property
    def charts(self) -> tuple[Flowchart, ...]:
        """Return every flowchart of the handout, the single one first."""
        return ((self.flowchart,) if self.flowchart else ()) + self.flowcharts
