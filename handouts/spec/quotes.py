"""Read a reference's notes for reviewers: whether its text was read, and its quoted passages.

Beside its CSL fields, a bibliography entry may say ``read: false`` (no one has read the
source's own text yet: what it is cited for rests on other reports) and give ``quotes``, the
supporting wording of each passage it is cited for, keyed by the locator that citations
write (``section 1.1``). The sign-off sheet prints a citation's quote beside the statement,
and lists the handout's unread sources as open items. Neither note is printed in a handout.
"""

from __future__ import annotations

from collections.abc import Callable

from handouts.spec.yamltree import INVALID, Mapping, Node, Scalar

NOTE_FIELDS = ("read", "quotes")
"""The fields of an entry that are the project's notes, not CSL."""
Complain = Callable[[Node, str, str, str], None]
"""Report a problem: the node, its key path, what is wrong, and how to fix it."""


def locator_key(locator: str) -> str:
    """Return a locator as quotes are keyed: its words, single-spaced.

    >>> locator_key("section  3,\\n paragraph 2")
    'section 3, paragraph 2'
    """
    return " ".join(locator.split())


def read_flag(node: Node, keypath: str, complain: Complain) -> bool:
    """Read ``read: true`` or ``read: false``; anything else is a problem (and counts as
    unread, the safer reading)."""
    if isinstance(node, Scalar) and node.kind == "bool":
        return node.text.strip().lower() in ("true", "yes", "on")
    if not (isinstance(node, Scalar) and node.kind == INVALID):
        complain(node, keypath, "expected true or false",
                 "write read: false until someone has read the source itself")
    return False


def read_quotes(node: Node, keypath: str, complain: Complain) -> tuple[tuple[str, str], ...]:
    """Read ``quotes``: a mapping of locator to the passage's words, each once."""
    if not isinstance(node, Mapping):
        complain(node, keypath, "expected a mapping of locator to quoted words",
                 "e.g. quotes: {section 1.1: \"Lorlatinib can be used as an option ...\"}")
        return ()
    found: dict[str, str] = {}
    for key, value in node.items:
        where = f"{keypath}[{key.text!r}]"
        locator = locator_key(key.text)
        if not locator:
            complain(key, where, "empty locator", "key each quote by the locator citations "
                                                 "write, e.g. section 1.1")
        elif locator in found:
            complain(key, where, f"a second quote for {locator!r}",
                     "give each passage one quote; join the sentences with '…'")
        elif not isinstance(value, Scalar) or value.kind in ("null", INVALID) \
                or not value.text.strip():
            if not (isinstance(value, Scalar) and value.kind == INVALID):
                complain(value, where, "expected the quoted words", "copy the passage's "
                                       "wording exactly, in quotes")
        else:
            found[locator] = " ".join(value.text.split())
    return tuple(found.items())
