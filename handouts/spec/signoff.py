"""What a sign-off must settle: the open items of a handout, and its sources named as readers
know them.

An open item is a statement that says it awaits confirmation (or a chart step marked
``unconfirmed``), or a cited source whose entry says ``read: false``. The sign-off sheet
lists them; a handout marked approved may not have any (``handouts check --strict``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from handouts.errors import Location, Problem
from handouts.model.handout import Handout
from handouts.spec.bibliography import Bibliography, Reference
from handouts.spec.sources import cited_keys
from handouts.spec.statements import Statement


@dataclass(frozen=True)
class OpenItem:
    """One thing the sign-off sheet lists as not yet settled."""

    text: str
    """What is open, in words."""
    where: Location
    """Where the spec says it (for an unread source: its first citation)."""
    numbers: tuple[int, ...]
    """The numbers of the statements it concerns, as the sheet numbers them (from 1)."""
    source: str = ""
    """For an unread source: its bibliography id."""


def source_name(reference: Reference) -> str:
    """Return a source as its readers know it: 'NICE TA1103', 'Peters et al. 2017, New
    England Journal of Medicine', or its self-describing title."""
    data = dict(reference.csl)
    authors = data.get("author") or ()
    first = authors[0] if authors else {}
    year = _year(data)
    if data.get("number") and first.get("literal"):
        return f"{first['literal']} {data['number']}"
    container = data.get("container-title", "")
    if data.get("type") in ("article-journal", "paper-conference"):
        if first.get("family"):
            more = " et al." if len(authors) > 1 else ""
            return f"{first['family']}{more} {year}, {container}".strip(", ")
        return f"{container} {year}: {data.get('title', '')}"
    title = str(data.get("title", reference.key))
    if ":" in title:
        return title
    who = first.get("literal") or container
    return f"{who}: {title}" if who else title


def names(handout: Handout, bibliography: Bibliography) -> dict[str, str]:
    """Return each source a handout cites, by id, named as its readers know it."""
    return {key: source_name(ref) for key in cited_keys(handout)
            if (ref := bibliography.get(key)) is not None}


def _year(data: dict[str, object]) -> str:
    issued = data.get("issued")
    if isinstance(issued, dict):
        parts = issued.get("date-parts") or [[]]
        return str(parts[0][0]) if parts and parts[0] else ""
    return ""


def open_items(found: list[Statement], bibliography: Bibliography) -> list[OpenItem]:
    """Return the open items of a handout's statements, in the order the sheet lists them:
    each statement awaiting confirmation, then each cited source not yet read."""
    items = [OpenItem(f"{s.place}: {s.text}", s.where, (number,))
             for number, s in enumerate(found, start=1) if s.awaiting]
    unread: dict[str, list[tuple[int, Statement]]] = defaultdict(list)
    for number, statement in enumerate(found, start=1):
        for key in dict.fromkeys(c.key for c in statement.cites):
            reference = bibliography.get(key)
            if reference is not None and not reference.read:
                unread[key].append((number, statement))
    for key, cited in unread.items():
        reference = bibliography.get(key)
        assert reference is not None
        items.append(OpenItem(f"{source_name(reference)} has not been read: what it is "
                              f"cited for rests on other reports", cited[0][1].where,
                              tuple(n for n, _ in cited), key))
    return items


def approval_problems(handout: Handout, found: list[Statement], bibliography: Bibliography,
                      strict: bool) -> list[Problem]:
    """Return one located problem per open item of a handout marked approved (``found``:
    its statements): its sheet would list them, so it cannot be approved as it stands (an
    error in a release)."""
    if handout.status != "approved":
        return []
    problems = []
    for item in open_items(found, bibliography):
        reference = bibliography.get(item.source) if item.source else None
        if reference is not None:
            said = (f"it cites {source_name(reference)}, which no one has read (read: false, "
                    f"{bibliography.path}:{reference.location.line})")
            hint = "read the source and remove read: false, or cite another"
        else:
            said = f"it says this awaits confirmation: {item.text!r}"
            hint = "confirm it and reword it, or remove it"
        problems.append(Problem(item.where, f"{handout.slug} {handout.version} is approved, "
                                            f"but {said}",
                                f"{hint}; or set status: draft until it is settled",
                                warning=not strict))
    return problems
