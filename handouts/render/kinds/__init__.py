"""The kinds of block a section holds, each declared whole in a module of its own.

A kind's module defines ``KIND`` (or ``KINDS``): the field of ``model.handout.Block`` it is
written under (what spec/convert.py reads and ``handouts schema`` describes), its checks, and
how it prints (PDF), shows on the web (HTML), is said on the sign-off sheet (statements) and
read for the reading age. Every module of this package is found by itself, and a block of a
kind no module declares is an error at once, never a block silently left out:
tests/test_kinds.py makes every kind's example and finds it in all five.

Adding a kind: its module here, and its field on Block.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from handouts.errors import Problem
from handouts.layout.quoting import html_text
from handouts.model.handout import BLOCK_KINDS, Block, Handout, Section
from handouts.model.walk import spec_fields
from handouts.render.blocks import with_sources
from handouts.render.pagebreaks import ROOM_BELOW_HEADING, height
from handouts.render.styles import Doc
from handouts.render.web import Writer
from handouts.spec.reading import Reading
from handouts.spec.reading import reading as reading_of
from handouts.spec.statements import Context, KeyWords, Statement
from handouts.spec.statements import statements as said_in


@dataclass(frozen=True)
class Page:
    """Where a block prints: the document, its handout, the heading of its section, and
    whether a sentence ending with a colon just before it announces it."""

    doc: Doc
    handout: Handout
    heading: str = ""
    announced: bool = False


@dataclass(frozen=True)
class Web:
    """Where a block shows on the web page: what its HTML needs besides the block."""

    writer: Writer
    """Spec text as HTML, citations linked to the reference list."""
    slug: str
    """The document's id, which the ids of the page's parts start with."""
    number: int
    """The block's number in the document, for the ids of its parts."""
    level: int
    """The level of a heading of the block's own (h3 in a handout)."""
    heading: str = ""
    """The heading of its section."""
    pack: bool = False
    """Whether the page is a pack's (a part's headings are then labelled with its title)."""
    chart: Callable[[str], Markup] = lambda chart_id: Markup("")
    """One of the handout's charts, by id, as the page shows a chart."""


@dataclass(frozen=True)
class Kind:
    """One kind of block: its name (its field on Block) and everything done with it."""

    name: str
    model: Any
    """The type of its field on Block: it must be what Block declares."""
    check: Callable[[Block], list[Problem]]
    """The problems of one block of this kind that its model's types do not catch."""
    pdf: Callable[[Block, Page], list[Flowable]]
    html: Callable[[Block, Web], Markup]
    statements: Callable[[Block, Context], list[Statement]]
    reading: Callable[[Block], list[str]]
    """The text a reader reads in it, for the reading age."""
    example: str
    """One block of the kind, as a spec writes it under ``blocks:``, that prints the word
    EXAMPLE; tests make it (with a chart 'main' and the reference 'peters2017' at hand)."""
    introduced: bool = False
    """A paragraph just before it introduces it, and so is never left last on a page."""


def no_problems(block: Block) -> list[Problem]:
    """Say nothing: a kind whose types say everything."""
    return []


def _discover() -> dict[str, Kind]:
    """Return every kind declared by a module of this package, by name."""
    found: dict[str, Kind] = {}
    for module in pkgutil.iter_modules(__path__):
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        declared = getattr(loaded, "KINDS", None) or (getattr(loaded, "KIND", None),)
        for kind in declared:
            if not isinstance(kind, Kind):
                raise TypeError(f"{loaded.__name__} declares no KIND or KINDS")
            found[kind.name] = kind
    return {name: found[name] for name in sorted(found, key=_order)}


def _order(name: str) -> tuple[int, str]:
    return (BLOCK_KINDS.index(name) if name in BLOCK_KINDS else len(BLOCK_KINDS), name)


KINDS: Mapping[str, Kind] = _discover()
"""Every kind of block, in Block's order."""


def kind_of(block: Block) -> Kind:
    """Return the kind of a block; fail loudly for one no module declares."""
    try:
        return KINDS[block.kind]
    except KeyError:
        raise TypeError(f"block kind {block.kind!r} has no module in handouts.render.kinds: "
                        "add one, as the others are written") from None


def undeclared() -> list[str]:
    """Return each of Block's kinds that no module declares, or declares with another
    type than Block's field (for tests)."""
    hints = typing.get_type_hints(Block)
    fields = {f.name for f in spec_fields(Block)}
    return [name for name in BLOCK_KINDS if name not in KINDS or name not in fields
            or KINDS[name].model != hints[name]] + [
        name for name in KINDS if name not in BLOCK_KINDS]


def blocks(handout: Handout) -> Iterator[Block]:
    """Yield every block of a handout, in order."""
    for section in handout.sections:
        yield from section.blocks


def problems(handout: Handout) -> list[Problem]:
    """Return the problems every block of a handout has, by its kind's checks."""
    return [p for block in blocks(handout) if block.kind for p in kind_of(block).check(block)]


def statements_of(block: Block, context: Context) -> list[Statement]:
    """Return what one block says, for the sign-off sheet."""
    return kind_of(block).statements(block, context)


def texts_of(block: Block) -> list[str]:
    """Return the text a reader reads in one block, for the reading age."""
    return kind_of(block).reading(block) if block.kind else []


def field_of(name: str) -> dataclasses.Field[Any]:
    """Return Block's field for a kind (for tests and the docs)."""
    return next(f for f in spec_fields(Block) if f.name == name)


def statements(handout: Handout, urgent_line: str = "",
               key: KeyWords | None = None) -> list[Statement]:
    """Return everything a handout says, each block as its kind says it (see
    handouts.spec.statements.statements)."""
    return said_in(handout, statements_of, urgent_line, key)


def reading(handout: Handout) -> Reading:
    """Return the reading level of a handout, each block read as its kind reads it."""
    return reading_of(handout, texts_of)


OPENING = 3
"""Paragraphs at most that open a section and lead into a list or table: where they fit on
one page with its heading and the list, they stay there together (so 'Get help straight
away' is not a page turn away from its signs)."""


def leads(section: Section, made: list[list[Flowable]], heading: Flowable,
          room: tuple[float, float]) -> set[int]:
    """Return the blocks of a section (whose flowables are ``made``) never last on a page:
    a paragraph that introduces a list or a table, and the paragraphs before it that open
    the section if all of them, the heading and the list fit in ``room`` (a page)."""
    found = set()
    for i, (block, after) in enumerate(zip(section.blocks, section.blocks[1:])):
        if block.text and kind_of(after).introduced:
            found.add(i)
            if 0 < i < OPENING and all(b.text for b in section.blocks[:i]) and \
                    height([heading, *(f for part in made[:i + 2] for f in part)],
                           room) <= room[1]:
                found.update(range(i))
    return found


def section_flowables(section: Section, doc: Doc, handout: Handout) -> list[Flowable]:
    """Return a section: its heading (never last on a page), then each block as its kind
    prints it, then its sources (where a patient handout says them), kept with its end.

    The heading is not bound to its first block, so a long table after it can
    start on the same page and split, instead of moving whole and leaving a gap.
    """
    heading = Paragraph(html_text(section.heading), doc.styles["section"])
    made: list[list[Flowable]] = []
    for i, block in enumerate(section.blocks):
        announced = i > 0 and section.blocks[i - 1].text.rstrip().endswith(":")
        made.append(kind_of(block).pdf(block, Page(doc, handout, section.heading, announced)))
    for i in leads(section, made, heading, doc.frame()):
        for flowable in made[i]:
            flowable.handouts_lead = True  # type: ignore[attr-defined]
    out: list[Flowable] = [CondPageBreak(ROOM_BELOW_HEADING), heading]
    for flowables in made:
        out += flowables
    return with_sources(out, section, doc)
