"""Check what types alone cannot: references between parts of a spec, dates and lengths."""

from __future__ import annotations

import re
import unicodedata

from handouts.errors import Problem
from handouts.model.chart import Flowchart
from handouts.model.handout import BLOCK_KINDS, Block, Handout
from handouts.spec.check_chart import check_flowchart
from handouts.spec.sources import texts

MAX_PARAGRAPH = 3000
"""Characters in one paragraph, list item or cell: longer text is split by the editor."""


def check_parts(built: list[object]) -> list[Problem]:
    """Check each part of a spec, however much of it was written wrongly: a check leaves out
    the keys a part's ``where.damaged`` names, which are already reported."""
    problems: list[Problem] = []
    for part in built:
        if isinstance(part, Handout):
            problems += check_handout(part) + check_texts(part)
        elif isinstance(part, Flowchart):
            problems += check_flowchart(part)
        elif isinstance(part, Block):
            problems += check_block(part)
    return problems


def check_block(block: Block) -> list[Problem]:
    """Check that a block was written with exactly one kind of content."""
    written = [k for k, _, _ in block.where.keys if k in BLOCK_KINDS]
    if len(written) == 1 or not block.where.sound():
        return []
    what = "has no content" if not written else f"mixes {' and '.join(written)}"
    kinds = f"{', '.join(BLOCK_KINDS[:-1])} or {BLOCK_KINDS[-1]}"
    return [Problem(block.where.at(), f"a block {what}",
                    f"write each of {kinds} as its own list item (- text: ...)")]


def check_handout(handout: Handout) -> list[Problem]:
    """Return the problems of a handout's own fields that types do not catch."""
    problems: list[Problem] = []
    if handout.status == "approved" and handout.where.sound("status"):
        for key in ("approved_by", "approved_on"):
            if not getattr(handout, key) and handout.where.sound(key):
                problems.append(Problem(handout.where.at("status"),
                                        f"an approved handout needs {key}",
                                        "say who signed it off and when, or set status: draft"))
    seen: dict[str, int] = {}
    for i, change in enumerate(handout.changelog):
        if not change.where.sound("version"):
            continue
        if change.version in seen:
            problems.append(Problem(handout.where.at(f"changelog[{i}]"),
                                    f"changelog has two entries for {change.version}"))
        seen[change.version] = i
    if handout.where.sound("review_due", "updated") and handout.review_due <= handout.updated:
        problems.append(Problem(
            handout.where.at("review_due"),
            f"review date {handout.review_due} is not after the updated date {handout.updated}",
            "set review_due to when the content must next be reviewed",
        ))
    return problems + _placed_charts(handout)


def _placed_charts(handout: Handout) -> list[Problem]:
    """Check that each 'chart' block names one of the handout's charts, once."""
    ids = [chart.id for chart in handout.flowcharts]
    placed: set[str] = set()
    problems = []
    for block in (b for s in handout.sections for b in s.blocks if b.chart):
        if block.chart not in ids:
            listed = ", ".join(ids) or "none: declare them under flowcharts"
            problems.append(Problem(block.where.at("chart"), f"unknown chart {block.chart!r}",
                                    f"the handout's charts are: {listed}"))
        elif block.chart in placed:
            problems.append(Problem(block.where.at("chart"),
                                    f"chart {block.chart!r} is placed twice"))
        placed.add(block.chart)
    return problems


TABLE_WORDS = re.compile(r"\b(the|this|that)\s+(\w+\s+)?table\b|\btable (below|above)\b",
                         re.IGNORECASE)
"""Words that point to a table as a table, e.g. 'the table sets out', 'the warnings table'."""


def check_texts(handout: Handout) -> list[Problem]:
    """Check every text's length; warn of right-to-left text, which prints reversed, and of
    words that point to a table that may print as cards."""
    problems = []
    has_table = any(b.table for s in handout.sections for b in s.blocks)
    for text, where in texts(handout):
        longest = max((len(p) for p in text.split("\n\n")), default=0)
        if longest > MAX_PARAGRAPH and "flowchart" not in where.keypath:
            problems.append(Problem(where, f"a paragraph of {longest:,} characters; a handout "
                                           f"paragraph holds at most {MAX_PARAGRAPH:,}",
                                    "split it into shorter paragraphs or list items"))
        control = next((ch for ch in text if unicodedata.category(ch) in ("Cc", "Cs", "Co")
                        and ch not in "\n\t"), None)
        if control is not None:
            problems.append(Problem(where, f"an invisible control character (U+{ord(control):04X}) "
                                           "is in the text", "delete it; it cannot be printed"))
        if has_table and TABLE_WORDS.search(text) and "changelog" not in where.keypath:
            problems.append(Problem(where, "the text refers to a table, but in the narrow "
                                           "editions (A5, large print) a wide table prints as "
                                           "one card per row", "refer to what it shows, or to "
                                    "'below', instead of 'the table'", warning=True))
        if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
            problems.append(Problem(where, "right-to-left text (such as Arabic or Hebrew) "
                                           "would print reversed", "give a translation as "
                                    "its own handout in another format", warning=True))
    return problems
