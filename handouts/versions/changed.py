"""Say what changed between two versions in a clinician's words: boxes and arrows added or
removed, the wording of a step changed, a source added; never a YAML path or a line number.

Both versions are compared as the statements they print (``handouts.spec.statements``): chart
boxes, arrows, captions and key entries by what they are, prose in reading order.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from handouts.spec.statements import Statement

KINDS = {"box": "Box", "arrow": "Arrow", "caption": "Caption", "key": "Key entry",
         "unconfirmed": "Note under the chart"}
LONG = 220
"""Quote at most this many characters of an added or removed statement."""
CONTEXT = 4
"""Words shown either side of a change in wording."""


@dataclass
class Changes:
    """What changed, line by line, and which statements of the new version are new or
    reworded (by their index in its statements); ``tally`` counts the changes by what
    changed and how, e.g. ('box', 'added'): 2."""

    lines: list[str] = field(default_factory=list)
    marks: dict[int, str] = field(default_factory=dict)
    tally: dict[tuple[str, str], int] = field(default_factory=dict)
    kinds: list[tuple[str, str]] = field(default_factory=list)
    """What changed and how, for each line."""

    def add(self, what: str, how: str, line: str, count: int = 1) -> None:
        """Say one change (or ``count`` alike in one line)."""
        self.lines.append(line)
        self.kinds.append((what, how))
        self.tally[what, how] = self.tally.get((what, how), 0) + count


def quoted(text: str) -> str:
    """Return text in quotation marks, cut short if it is long.

    >>> quoted("Alectinib")
    '“Alectinib”'
    """
    return f"“{text if len(text) <= LONG else text[:LONG].rsplit(' ', 1)[0] + ' …'}”"


def edits(old: str, new: str) -> str:
    """Return the changes that turn one wording into another, each with a few words either
    side.

    >>> edits("After crizotinib: brigatinib.", "After crizotinib: brigatinib or ceritinib.")
    '“… After crizotinib: [brigatinib. → brigatinib or ceritinib.] …”'
    """
    a, b = old.split(), new.split()
    said = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(a[max(0, i1 - CONTEXT):i1])
        after = " ".join(a[i2:i2 + CONTEXT])
        gone, come = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        change = f"[+ {come}]" if not gone else f"[− {gone}]" if not come else \
            f"[{gone} → {come}]"
        said.append(f"“… {' '.join(p for p in (before, change, after) if p)} …”")
    return "; ".join(said)


def changes_in_words(old: list[Statement], new: list[Statement],
                     old_sources: dict[str, str], new_sources: dict[str, str]) -> Changes:
    """Return what changed from ``old`` to ``new`` statements, and from the sources each
    cites (id → name as readers know it)."""
    found = Changes()
    located = _items(old, new, found, {**old_sources, **new_sources})
    located += _prose(old, new, found, {**old_sources, **new_sources})
    if located:
        found.add("citation", "located", f"Where in the source (section or paragraph) now "
                  f"given, the sources unchanged: {len(located)} statement"
                  f"{'s' * (len(located) != 1)} ({', '.join(located)})", len(located))
    for key, name in new_sources.items():
        if key not in old_sources:
            found.add("source", "added", f"Source added: {name}")
    for key, name in old_sources.items():
        if key not in new_sources:
            found.add("source", "removed", f"Source removed: {name}")
    return found


def _cited(statement: Statement, names: dict[str, str]) -> str:
    said = [f"{names.get(c.key, c.key)}{', ' + c.locator if c.locator else ''}"
            for c in statement.cites]
    return "; ".join(said) or "no source"


def _kind(item: str) -> str:
    return KINDS.get(item.split(" ", 1)[0], "Item")


def _thing(item: str) -> str:
    """Return what a chart statement is, in the tally's words: 'box', 'key entry'."""
    return _kind(item).lower()


def _items(old: list[Statement], new: list[Statement], found: Changes,
           names: dict[str, str]) -> list[str]:
    """Compare the chart statements, each known by what it is; return those whose citations
    changed only in their locators."""
    before = {s.item: s for s in old if s.item}
    after = {s.item: (i, s) for i, s in enumerate(new) if s.item}
    located = []
    for item, (index, statement) in after.items():
        if item not in before:
            found.add(_thing(item), "added", f"{_kind(item)} added: {quoted(statement.text)}")
            found.marks[index] = "new"
            continue
        was = before[item]
        if was.text != statement.text:
            short = max(len(was.text), len(statement.text)) <= LONG
            found.add(_thing(item), "reworded", f"{_kind(item)} reworded: " + (
                f"{quoted(was.text)} → {quoted(statement.text)}" if short
                else edits(was.text, statement.text)))
            found.marks[index] = "changed"
        if _cited(was, names) != _cited(statement, names):
            found.marks.setdefault(index, "changed")
            if [c.key for c in was.cites] == [c.key for c in statement.cites]:
                located.append(f"{_kind(item).lower()} {quoted(statement.text)}")
            else:
                found.add("citation", "changed", f"Sources of {_kind(item).lower()} "
                          f"{quoted(statement.text)} changed: {_cited(was, names)} → "
                          f"{_cited(statement, names)}")
    for item, s in before.items():
        if item not in after:
            found.add(_thing(item), "removed", f"{_kind(item)} removed: {quoted(s.text)}")
    return located


def _section(statement: Statement) -> str:
    return statement.place.split(",", 1)[0]


def _part(statement: Statement) -> str:
    """Return what a prose statement is, in the tally's words: a table row or a passage."""
    return "table row" if ", table row " in statement.place else "passage"


def _prose(old: list[Statement], new: list[Statement], found: Changes,
           names: dict[str, str]) -> list[str]:
    """Compare the prose, in reading order, sentence run by sentence run; return the places
    whose citations changed only in their locators."""
    before = [s for s in old if not s.item]
    indexed = [(i, s) for i, s in enumerate(new) if not s.item]
    after = [s for _, s in indexed]
    old_sections = {_section(s) for s in before}
    new_sections = {_section(s) for s in after}
    added = [h for h in dict.fromkeys(map(_section, after)) if h not in old_sections]
    removed = [h for h in dict.fromkeys(map(_section, before)) if h not in new_sections]
    for heading in added:
        found.add("section", "added", f"Section added: {quoted(heading)}, every statement in "
                                      "it new")
    for heading in removed:
        found.add("section", "removed", f"Section removed: {quoted(heading)}")
    located: list[str] = []
    matcher = difflib.SequenceMatcher(a=[s.text for s in before], b=[s.text for s in after],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for was, (index, now) in zip(before[i1:i2], indexed[j1:j2]):
                if _cited(was, names) == _cited(now, names):
                    continue
                found.marks[index] = "changed"
                if [c.key for c in was.cites] == [c.key for c in now.cites]:
                    located.append(now.place)
                else:
                    found.add("citation", "changed", f"Sources changed in {now.place}: "
                              f"{_cited(was, names)} → {_cited(now, names)}")
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for was, (index, now) in zip(before[i1:i1 + pairs], indexed[j1:j1 + pairs]):
            found.add(_part(now), "reworded", f"Wording changed in {now.place}: "
                                              f"{edits(was.text, now.text)}")
            found.marks[index] = "changed"
        for index, now in indexed[j1 + pairs:j2]:
            found.marks[index] = "new"
            if _section(now) not in added:
                found.add(_part(now), "added", f"Added in {now.place}: {quoted(now.text)}")
        for was in before[i1 + pairs:i2]:
            if _section(was) not in removed:
                found.add(_part(was), "removed", f"Removed from {was.place}: "
                                                 f"{quoted(was.text)}")
    return list(dict.fromkeys(located))


PLURAL = {"box": "boxes", "arrow": "arrows", "caption": "captions", "key entry": "key entries",
          "note under the chart": "notes under the chart", "table row": "table rows",
          "section": "sections", "passage": "passages of text", "source": "sources",
          "citation": "statements"}
HOW = {"located": ("now says where in its source", "now say where in their sources"),
       "changed": ("cites other sources", "cite other sources")}
ORDER = (("On the chart", ("box", "arrow", "caption", "key entry", "note under the chart")),
         ("In the tables", ("table row",)), ("In the text", ("section", "passage")),
         ("Sources", ("source", "citation")))


def in_brief(changes: Changes) -> list[str]:
    """Return the changes counted, one line for the chart, the tables, the text and the
    sources: the semantic difference in a sentence each.

    >>> for line in in_brief(Changes(tally={("box", "added"): 2, ("box", "removed"): 1,
    ...                                     ("arrow", "added"): 1, ("table row", "added"): 3})):
    ...     print(line)
    On the chart: 2 boxes added, 1 removed; 1 arrow added.
    In the tables: 3 table rows added.
    """
    said = []
    for heading, things in ORDER:
        parts = []
        for thing in things:
            counts = [(how, n) for (what, how), n in changes.tally.items() if what == thing]
            counts.sort(key=lambda c: ("added", "removed", "reworded", "changed",
                                       "located").index(c[0]))
            words = [f"{n} {HOW.get(how, (how, how))[n != 1]}" for how, n in counts]
            if words:
                name = thing if counts[0][1] == 1 else PLURAL[thing]
                words[0] = f"{counts[0][1]} {name} {words[0].split(' ', 1)[1]}"
                parts.append(", ".join(words))
        if parts:
            said.append(f"{heading}: {'; '.join(parts)}.")
    return said
