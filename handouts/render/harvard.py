"""Format citations and reference lists in Harvard style (Cite Them Right) with citeproc-py.

citeproc-py does the formatting from the CSL style it ships. Two things it leaves
out are done here, as CSL specifies them: year suffixes that tell apart works
with the same author and year ("NICE, 2018a"), and "et al." for a name list that
ends in ``{literal: others}``.
"""

from __future__ import annotations

import functools
import html
import re
import string
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from handouts.model.urls import link_target
from handouts.spec.bibliography import ET_AL, Bibliography
from handouts.spec.markup import Cite

STYLE = "harvard-cite-them-right"
ET_AL_MIN = 4  # the style's et-al-min: from this many names on, "First et al."
LINK = re.compile(r"https?://[^\s<]+?(?=[.,;)]?(?:\s|$|<))")


class _Tag(str):
    tag = ""

    def __new__(cls, text: str) -> _Tag:
        return super().__new__(cls, f"<{cls.tag}>{text}</{cls.tag}>" if cls.tag else text)


class ReportLabMarkup:
    """A citeproc-py formatter that writes ReportLab paragraph markup."""

    @staticmethod
    def preformat(text: object) -> str:
        return html.escape(str(text), quote=False)

    class Italic(_Tag):
        tag = "i"

    class Oblique(Italic):
        pass

    class Bold(_Tag):
        tag = "b"

    class Light(_Tag):
        pass

    class Underline(_Tag):
        tag = "u"

    class Superscript(_Tag):
        tag = "super"

    class Subscript(_Tag):
        tag = "sub"

    class SmallCaps(_Tag):
        pass


BREAK = '<font size="0.01"> </font>'
"""A line-break opportunity that prints as nothing: ReportLab breaks lines only at spaces."""


def breakable(url: str) -> str:
    """Return a web address as markup that may break after a '/' of its path, never inside
    a word (ReportLab would otherwise cut a long address anywhere).

    >>> breakable("https://a.org/b/c") == 'https://a.org/' + BREAK + 'b/' + BREAK + 'c'
    True
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    return scheme + sep + rest.replace("/", "/" + BREAK).removesuffix(BREAK)


def link_urls(markup: str) -> str:
    """Make each web address in formatted markup a link to itself, breakable after a '/'.

    The link's target is the address as written (the markup unescaped), percent-encoded
    where an address may not hold a character, then escaped as an attribute: a quote in
    a search address or a title can neither break the markup nor add an attribute.

    >>> link_urls("Available at: https://doi.org/10.1056/X.") == (
    ...     'Available at: <a href="https://doi.org/10.1056/X">https://doi.org/'
    ...     + BREAK + '10.1056/' + BREAK + 'X</a>.')
    True
    >>> link_urls('https://e.org/?q="a"&amp;b').split(">")[0]
    '<a href="https://e.org/?q=%22a%22&amp;b"'
    """
    def linked(match: re.Match[str]) -> str:
        target = html.escape(link_target(html.unescape(match.group(0))), quote=True)
        return f'<a href="{target}">{breakable(match.group(0))}</a>'

    return LINK.sub(linked, markup)


def _escaped(value: Any) -> Any:
    """Escape every string in CSL data: citeproc-py copies variables into its output as-is."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value


def _csl_item(data: dict[str, Any]) -> dict[str, Any]:
    """Prepare an entry for citeproc-py: text escaped, a trailing {literal: others} as 'et al.'."""
    data = _escaped(data)
    for role in ("author", "editor"):
        names = data.get(role)
        if names and names[-1].get("literal") == ET_AL:
            known = names[:-1]
            data[role] = known + [{"family": ET_AL}] * max(1, ET_AL_MIN - len(known))
    return data


@functools.cache
def _style() -> Any:
    """Parse the CSL style once per process."""
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(STYLE, locale="en-GB", validate=False)


class Citer:
    """Citations and the reference list of one document, for the keys it cites."""

    def __init__(self, bibliography: Bibliography, keys: Iterable[str]) -> None:
        self.keys = list(dict.fromkeys(keys))
        self._items = {k: _csl_item(bibliography.get(k).data())  # type: ignore[union-attr]
                       for k in self.keys}
        self._numbers = {k: bibliography.get(k).get("number", "")  # type: ignore[union-attr]
                         for k in self.keys}
        bib = self._bibliography()
        suffixes = self._year_suffixes(bib)
        for key, suffix in suffixes.items():
            self._items[key]["year-suffix"] = suffix
        self._bib = self._bibliography() if suffixes else bib
        self._cited: dict[tuple[Cite, ...], str] = {}
        self._entries: list[str] | None = None

    def _bibliography(self) -> Any:
        from citeproc import Citation, CitationItem, CitationStylesBibliography
        from citeproc.source.json import CiteProcJSON

        style = _style()
        source = CiteProcJSON([self._items[k] for k in self.keys])
        bib = CitationStylesBibliography(style, source, ReportLabMarkup)
        for key in self.keys:
            bib.register(Citation([CitationItem(key)]))
        bib.sort()
        return bib

    def _year_suffixes(self, bib: Any) -> dict[str, str]:
        """Give works whose citations would read alike a, b, c in reference-list order."""
        groups: dict[str, list[str]] = defaultdict(list)
        for key in bib.keys:
            groups[self._render([Cite(key)], bib)].append(key)
        return {key: letter for same in groups.values() if len(same) > 1
                for key, letter in zip(same, string.ascii_lowercase)}

    @staticmethod
    def _render(cites: Iterable[Cite], bib: Any) -> str:
        from citeproc import Citation, CitationItem

        items = [CitationItem(c.key, suffix=f", {html.escape(c.locator, quote=False)}")
                 if c.locator else CitationItem(c.key) for c in cites]
        citation = Citation(items)
        bib.register(citation)  # every key is known already: this only links the two
        return str(bib.cite(citation, lambda item: None))

    def cite(self, cites: Iterable[Cite | str]) -> str:
        """Return the in-text citation as markup, e.g. '(NICE, 2018a, section 3)'.

        Each source is a key or a Cite, whose locator follows the year as written.
        """
        wanted = tuple(c if isinstance(c, Cite) else Cite(c) for c in cites)
        if wanted not in self._cited:  # a handout cites the same sources many times
            self._cited[wanted] = self._render(wanted, self._bib)
        return self._cited[wanted]

    def marker(self, key: str) -> str:
        """Return a compact plain-text marker for a chart: the report number, or the citation.

        The marker leads the reader to the entry in the reference list.
        """
        if self._numbers[key]:
            return str(self._numbers[key])
        return html.unescape(re.sub(r"<[^>]+>", "", self.cite([key]))).strip("()")

    def brief(self, key: str, address: bool = True) -> str:
        """Return a one-line plain-text form of an entry, for a page that stands alone: the
        citation, the title and (if asked) the address, e.g. 'NICE, 2018a. Alectinib for
        ... https://...'.
        """
        item = self._items[key]
        cited = html.unescape(re.sub(r"<[^>]+>", "", self.cite([key]))).strip("()")
        title = html.unescape(str(item.get("title", ""))).rstrip(".")
        url = str(item.get("URL", "")) if address else ""
        return " ".join(part for part in (f"{cited}.", f"{title}." if title else "", url)
                        if part)

    def entry(self, key: str) -> str:
        """Return the reference list entry of one cited key, as markup."""
        entries = dict(zip(self._bib.keys, self.reference_list()))
        return entries[key.lower()]

    def keyed_entries(self) -> list[tuple[str, str]]:
        """Return (key, entry markup) for each entry of the reference list, in its order."""
        return list(zip(self._bib.keys, self.reference_list()))

    def reference_list(self) -> list[str]:
        """Return each entry of the reference list as markup, in Harvard order, linked."""
        if self._entries is None:  # citeproc formats the list once
            self._entries = [link_urls(str(entry)) for entry in self._bib.bibliography()]
        return list(self._entries)


_CITERS: dict[tuple[int, tuple[str, ...]], tuple[Bibliography, Citer]] = {}


def citer_for(bibliography: Bibliography, keys: tuple[str, ...]) -> Citer:
    """Return the citations of ``keys``, formatted once however many editions print them."""
    found = _CITERS.get((id(bibliography), keys))
    if found is None or found[0] is not bibliography:
        if len(_CITERS) > 64:
            _CITERS.clear()
        found = _CITERS[(id(bibliography), keys)] = (bibliography, Citer(bibliography, keys))
    return found[1]
