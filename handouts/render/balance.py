"""Find the pages a print reviewer would send back, and the page breaks that fix them.

Plain data in, break decisions out: nothing here knows ReportLab. A layout says what was
drawn on each page (from which item of the story, and how tall) and how much room each
page has; each item of the story has a role. The balancer asks for the layout again with
one more page break at a time, laid out again only from the page before the fault, and
keeps a break only if it leaves fewer faults. The faults:

- a lead (a heading, a table's caption, a lead-in ending with a colon) with less than two
  lines after it on its page: it starts the next page instead;
- a page less than 30% full: it takes whole blocks from the end of the page before, as
  long as that page stays 30% full;
- in a booklet, a run of items that must be read together (a list of warning signs too
  long for a page) split across a page turn: it starts on the next page, a left-hand one,
  so that it lies open on one spread.

The last page, and pages left blank on purpose, are never short.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass


class Role(enum.Enum):
    """What an item of the story is to the balancer."""

    CONTENT = "content"
    LEAD = "lead"
    """A heading, caption or lead-in: never the last thing on a page."""
    SPACE = "space"
    """Spacing or a conditional break: it goes with what follows."""
    FORCED = "forced"
    """A page break or a change of page template: nothing before it can join what follows."""
    RECTO = "recto"
    """Start on a right-hand page: a page drawn from it alone is left blank on purpose."""


@dataclass(frozen=True)
class Drawn:
    """One piece drawn: on which page, from which item of the story, how tall (points)."""

    page: int
    origin: int
    height: float
    lead: bool = False


@dataclass(frozen=True)
class Layout:
    """Where a story fell: every piece drawn, in order, and the room on each page."""

    drawn: tuple[Drawn, ...]
    rooms: tuple[float, ...]
    """The height of each page's text frame, page 1 first."""
    starts: tuple[tuple[int, str] | None, ...] = ()
    """For the typesetter: the item each page starts afresh with, and its page template
    (None where a page goes on with an item begun on the page before)."""
    breaks: frozenset[int] = frozenset()
    """The page breaks it was laid out with (before these items of the story)."""

    @property
    def pages(self) -> int:
        return len(self.rooms)

    def on(self, page: int) -> list[Drawn]:
        """Return what was drawn on ``page``, in order."""
        return [d for d in self.drawn if d.page == page]

    def first_page(self, index: int) -> int:
        """Return the page on which the item ``index``, or the first one after it, is drawn
        (the last page if none is)."""
        return min((d.page for d in self.drawn if d.origin >= index), default=self.pages)


@dataclass(frozen=True)
class Rules:
    """What a print reviewer checks, in points and fractions of a page."""

    leading: float
    """The body text's line height."""
    after_lead: float = 2.0
    """Lines of text that follow a lead on its page, at least."""
    least_fill: float = 0.30
    """The share of its room a page fills, at least."""
    spreads: tuple[tuple[int, int], ...] = ()
    """Runs of the story (first and last index) that may cross pages only within a spread
    of a booklet: from a left-hand (even) page to the right-hand one beside it."""


@dataclass(frozen=True)
class Fault:
    """A page a reviewer would send back, and the item a page break before which might fix
    it (None if no break can)."""

    page: int
    what: str
    fix: int | None


LEAD_AT_FOOT = "a heading ends the page"
SHORT = "the page is nearly empty"
TURN = "what must be read together goes over a page turn"


def faults(layout: Layout, roles: Sequence[Role], rules: Rules) -> list[Fault]:
    """Return each fault of a layout, page by page: first the leads with too little after
    them on their page, then the page itself if it is too empty."""
    pages: dict[int, list[Drawn]] = defaultdict(list)
    for drawn in layout.drawn:
        pages[drawn.page].append(drawn)
    last = layout.pages
    found: list[Fault] = []
    for page in range(1, last + 1):
        entries = pages.get(page, [])
        for i, entry in enumerate(entries):
            after = sum(e.height for e in entries[i + 1:])
            if entry.lead and page < last and after < rules.after_lead * rules.leading:
                found.append(Fault(page, LEAD_AT_FOOT, break_before(roles, entry.origin)))
        if page < last and not blank(entries, roles):
            least = rules.least_fill * layout.rooms[page - 1]
            used = sum(e.height for e in entries)
            if used < least:
                found.append(Fault(page, SHORT, _fill_from_before(
                    used, least, pages.get(page - 1, []), layout.rooms[page - 2]
                    if page > 1 else 0.0, roles, rules)))
    for first, last_index in rules.spreads:
        on = sorted({d.page for d in layout.drawn if first <= d.origin <= last_index})
        if len(on) == 2 and on[0] % 2 == 1:
            found.append(Fault(on[0], TURN, break_before(roles, first)))
    return found


def blank(entries: list[Drawn], roles: Sequence[Role]) -> bool:
    """Tell whether a page is left blank on purpose: drawn only from RECTO items."""
    return all(roles[e.origin] is Role.RECTO for e in entries)


def _fill_from_before(used: float, least: float, before: list[Drawn], room: float,
                      roles: Sequence[Role], rules: Rules) -> int | None:
    """Return where to break so that a short page takes, from the end of the page before,
    as many whole blocks as it needs (with the leads that go with them), or None if that
    page would then be too empty itself."""
    for origin in sorted({e.origin for e in before}, reverse=True):
        moved = sum(e.height for e in before if e.origin >= origin)
        if used + moved >= least + rules.leading:  # a line to spare: a block split in two
            # is shorter once whole, by the spacing its two parts had
            candidate = break_before(roles, origin)
            if candidate is None:
                return None
            kept = sum(e.height for e in before if e.origin < candidate)
            return candidate if kept >= rules.least_fill * room else None
    return None


def chain_start(roles: Sequence[Role], index: int) -> int:
    """Return where the run of items that must stay with ``index`` begins: the leads and
    spacing just before it."""
    while index > 0 and roles[index - 1] in (Role.LEAD, Role.SPACE):
        index -= 1
    return index


def break_before(roles: Sequence[Role], index: int) -> int | None:
    """Return where a page break moves ``index`` to the next page with the leads before it
    (the spacing before them stays), or None if nothing before it could stay: it starts the
    story, or a forced page break comes just before."""
    start = chain_start(roles, index)
    while start < index and roles[start] is Role.SPACE:
        start += 1
    before = start - 1
    while before >= 0 and roles[before] is Role.SPACE:
        before -= 1
    if before < 0 or roles[before] in (Role.FORCED, Role.RECTO):
        return None
    return start


def add_break(breaks: frozenset[int], index: int, roles: Sequence[Role]) -> frozenset[int]:
    """Return ``breaks`` with one before ``index``, less any break that would now part a
    lead (or spacing) from what follows it: the new break takes that one's place."""
    kept = set(breaks)
    for later in sorted(b for b in breaks if b > index):
        if all(role in (Role.LEAD, Role.SPACE) for role in roles[index:later]):
            kept.discard(later)
    return frozenset(kept | {index})


LayOut = Callable[[frozenset[int], Layout | None, int], Layout]
"""Lay the story out with page breaks before these items; the pages before the given one
are as in the layout given (None: lay it all out)."""

TRIES = 8
"""Layouts tried at most, besides the first: this many, and three more for each fault the
first layout has."""


def worse(found: list[Fault]) -> tuple[int, tuple[int, ...]]:
    """Return how bad a layout's faults are, to keep the best layout: fewer faults are
    better, and as many, the one whose first fault is further on."""
    return len(found), order(found)


def order(found: list[Fault]) -> tuple[int, ...]:
    """Return a layout's faults in reading order, to follow its progress: a layout whose
    first fault is further on is further on (fixing a fault may push one a page on, where
    the next break fixes it; page breaks are fixed in reading order)."""
    return tuple(-page for page in sorted(f.page for f in found))


def trials(breaks: frozenset[int], index: int, roles: Sequence[Role]) -> list[frozenset[int]]:
    """Return the breaks to try for a fault a break before ``index`` might fix: that break
    added, then (if there are any) without the breaks after it, which earlier faults asked
    for and which may now only get in the way."""
    added = add_break(breaks, index, roles)
    alone = frozenset(b for b in breaks if b < index) | {index}
    return [added] if alone == added else [added, alone]


def balance(lay_out: LayOut, roles: Sequence[Role], rules: Rules) -> tuple[frozenset[int],
                                                                           Layout]:
    """Lay the story out again and again, each time with one more page break before the item
    that might fix the first fault it can, laid out again from the page before it; go on
    from a layout whose first fault is further on (or as far on, but another fault, which
    another break may fix), and return the breaks of the best layout seen (the fewest
    faults), and that layout. A break tried is tried again only with other breaks than
    before (a later fix may have taken it away, leaving its fault)."""
    breaks: frozenset[int] = frozenset()
    layout = lay_out(breaks, None, 1)
    bad = faults(layout, roles, rules)
    best = (breaks, layout, bad)
    tried: set[tuple[int, frozenset[int]]] = set()
    budget = TRIES + 3 * len(bad)
    while budget > 0:
        fix = next((f.fix for f in bad if f.fix is not None and (f.fix, breaks) not in tried),
                   None)
        if fix is None:
            break
        tried.add((fix, breaks))
        for trial in trials(breaks, fix, roles):
            budget -= 1
            tried_layout = lay_out(trial, layout, layout.first_page(fix))
            found = faults(tried_layout, roles, rules)
            if order(found) < order(bad) or (order(found) == order(bad) and found != bad):
                breaks, layout, bad = trial, tried_layout, found
                if worse(found) < worse(best[2]):
                    best = (breaks, layout, bad)
                break
    return polish(best, lay_out, roles, rules, budget)


def polish(best: tuple[frozenset[int], Layout, list[Fault]], lay_out: LayOut,
           roles: Sequence[Role], rules: Rules, budget: int) -> tuple[frozenset[int], Layout]:
    """Return the best layout after trying, once each, the break that might fix each fault
    it still has: the search may have left a fault that it fixed on the way elsewhere."""
    for fault in list(best[2]):
        if fault.fix is None or fault.fix in best[0]:
            continue
        for trial in trials(best[0], fault.fix, roles)[:max(budget, 0)]:
            budget -= 1
            tried = lay_out(trial, best[1], best[1].first_page(fault.fix))
            found = faults(tried, roles, rules)
            if worse(found) < worse(best[2]):
                best = (trial, tried, found)
                break
    return best[0], best[1]
