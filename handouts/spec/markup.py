"""A small, safe inline markup for spec text, turned into ReportLab paragraph markup.

Editors may write ``**bold**``, ``*italic*``, ``[words](https://address)`` and
citations ``[@key]`` or ``[@key1; @key2]``. Everything else is text: ``<``, ``&``
and the rest print literally.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handouts.layout.quoting import html_text

CITATION = re.compile(r"\[(@[^\[\]]+)\]")
TOKEN = re.compile(
    r"\[(?P<cite>@[^\[\]]+)\]"
    r"|\[(?P<words>[^\[\]]+)\]\((?P<url>https?://[^()\s]+)\)"
    r"|\*\*(?P<bold>[^*]+)\*\*"
    r"|\*(?P<italic>[^*\s][^*]*)\*"
)


def citation_keys(text: str) -> list[str]:
    """Return the keys cited in ``text``, in order.

    >>> citation_keys("As trials showed [@peters2017; @camidge2018], and [@nice-ta536].")
    ['peters2017', 'camidge2018', 'nice-ta536']
    """
    return [key for group in CITATION.findall(text) for key in _keys(group)]


def _keys(group: str) -> list[str]:
    return [part.strip().lstrip("@").strip() for part in group.split(";") if part.strip()]


def to_markup(text: str, cite: Callable[[list[str]], str]) -> str:
    """Return ``text`` as ReportLab markup; ``cite`` formats a list of keys as markup.

    >>> to_markup("**Avoid** sun <b> & [NICE](https://nice.org.uk) [@a]", lambda k: "(A, 2020)")
    '<b>Avoid</b> sun &lt;b&gt; &amp; <a href="https://nice.org.uk">NICE</a> (A, 2020)'
    """
    out: list[str] = []
    last = 0
    for match in TOKEN.finditer(text):
        out.append(html_text(text[last:match.start()]))
        last = match.end()
        if match["cite"]:
            out.append(cite(_keys(match["cite"])))
        elif match["url"]:
            out.append(f'<a href="{html_text(match["url"])}">{html_text(match["words"])}</a>')
        elif match["bold"]:
            out.append(f"<b>{html_text(match['bold'])}</b>")
        else:
            out.append(f"<i>{html_text(match['italic'])}</i>")
    out.append(html_text(text[last:]))
    return "".join(out)
