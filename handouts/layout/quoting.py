"""Escape text in exactly one place per target language: DOT and ReportLab markup."""

from __future__ import annotations

import html
import textwrap


def dot_id(name: str) -> str:
    r"""Quote a DOT identifier so any characters stay literal.

    >>> dot_id('alectinib')
    '"alectinib"'
    >>> dot_id('a"b\\c')
    '"a\\"b\\\\c"'
    """
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def html_text(text: str) -> str:
    """Escape text for a Graphviz HTML-like label or ReportLab paragraph markup.

    >>> html_text('ALK <G1202R> & "L1196M" {x}')
    'ALK &lt;G1202R&gt; &amp; &quot;L1196M&quot; {x}'
    """
    return html.escape(text, quote=True)


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` characters, at spaces or hyphens.

    >>> wrap("Platinum-based chemotherapy or ABCP", 16)
    ['Platinum-based', 'chemotherapy or', 'ABCP']
    """
    return textwrap.wrap(" ".join(text.split()), width, break_long_words=False) or [""]
