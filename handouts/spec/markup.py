"""The small, safe inline markup of spec text, read into tokens.

Editors may write ``**bold**``, ``*italic*``, ``[words](https://address)`` and citations
as Pandoc writes them: ``[@key]``, ``[@key, section 3]`` or ``[@key1; @key2, p. 4]``.
Everything else is text: ``<``, ``&`` and the rest print literally. Each renderer
(PDF, HTML) formats the tokens in its own language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CITATION = re.compile(r"\[(@[^\[\]]+)\]")
TOKEN = re.compile(
    r"\[(?P<cite>@[^\[\]]+)\]"
    r"|\[(?P<words>[^\[\]]+)\]\((?P<url>https?://[^()\s]+)\)"
    r"|\*\*(?P<bold>[^*]+)\*\*"
    r"|\*(?P<italic>[^*\s][^*]*)\*"
)


@dataclass(frozen=True)
class Cite:
    """One cited source, with where in it the claim is made (its locator), if given."""

    key: str
    locator: str = ""


@dataclass(frozen=True)
class Token:
    """A run of text: plain, bold, italic, a link (``url``) or citations (``cites``)."""

    kind: str
    text: str = ""
    url: str = ""
    cites: tuple[Cite, ...] = ()


def parse_cite(text: str) -> Cite:
    """Read one source as written in ``sources`` or after an ``@``: a key, then a locator.

    >>> parse_cite("nice-ta1103, section 3")
    Cite(key='nice-ta1103', locator='section 3')
    >>> parse_cite(" @peters2017 ")
    Cite(key='peters2017', locator='')
    """
    key, _, locator = text.strip().lstrip("@").partition(",")
    return Cite(key.strip(), " ".join(locator.split()))


def _cites(group: str) -> tuple[Cite, ...]:
    return tuple(parse_cite(part) for part in group.split(";") if part.strip())


def citation_keys(text: str) -> list[str]:
    """Return the keys cited in ``text``, in order.

    >>> citation_keys("As trials showed [@peters2017; @camidge2018], and [@nice-ta536, 1.1].")
    ['peters2017', 'camidge2018', 'nice-ta536']
    """
    return [c.key for c in citations(text)]


def citations(text: str) -> list[Cite]:
    """Return every citation in ``text``, with its locator, in order."""
    return [cite for group in CITATION.findall(text) for cite in _cites(group)]


def tokens(text: str) -> list[Token]:
    """Read ``text`` into tokens; text between marks is kept exactly as written.

    >>> [t.kind for t in tokens("**Avoid** sun [@a] [NICE](https://nice.org.uk)")]
    ['bold', 'text', 'cite', 'text', 'link']
    """
    out: list[Token] = []
    last = 0
    for match in TOKEN.finditer(text):
        if match.start() > last:
            out.append(Token("text", text[last:match.start()]))
        last = match.end()
        if match["cite"]:
            out.append(Token("cite", cites=_cites(match["cite"])))
        elif match["url"]:
            out.append(Token("link", match["words"], url=match["url"]))
        elif match["bold"]:
            out.append(Token("bold", match["bold"]))
        else:
            out.append(Token("italic", match["italic"]))
    if last < len(text):
        out.append(Token("text", text[last:]))
    return out


def plain_text(text: str) -> str:
    """Return ``text`` without its marks and citations, as a reader would say it.

    >>> plain_text("**Avoid** the sun [@a, p. 2].")
    'Avoid the sun.'
    """
    words = "".join(t.text for t in tokens(text) if t.kind != "cite")
    return re.sub(r"\s+([.,;:])", r"\1", " ".join(words.split()))
