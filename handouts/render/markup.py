"""Format spec markup tokens as ReportLab paragraph markup."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from handouts.layout.quoting import html_text
from handouts.model.urls import link_target
from handouts.spec.markup import Cite, tokens


def to_markup(text: str, cite: Callable[[Sequence[Cite]], str]) -> str:
    """Return ``text`` as ReportLab markup; ``cite`` formats citations as markup.

    >>> to_markup("**Avoid** sun <b> & [NICE](https://nice.org.uk) [@a]", lambda c: "(A, 2020)")
    '<b>Avoid</b> sun &lt;b&gt; &amp; <a href="https://nice.org.uk">NICE</a> (A, 2020)'
    """
    out: list[str] = []
    for token in tokens(text):
        if token.kind == "cite":
            said = cite(token.cites)
            if not said and out:  # a citation left out takes its space with it
                out[-1] = out[-1].rstrip()
            out.append(said)
        elif token.kind == "link":
            out.append(f'<a href="{html_text(link_target(token.url))}">'
                       f"{html_text(token.text)}</a>")
        elif token.kind == "bold" or token.kind == "italic":
            out.append(f"<b>{html_text(token.text)}</b>")
        else:
            out.append(html_text(token.text))
    return "".join(out)
