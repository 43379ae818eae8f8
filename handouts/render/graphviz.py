"""Lay out DOT text with Graphviz's ``dot``."""

from __future__ import annotations

from handouts.process import run

INSTALL_HINT = "install Graphviz (Debian/Ubuntu: apt-get install graphviz; or run make)"


def run_dot(dot_text: str, fmt: str, *options: str) -> bytes:
    """Lay out ``dot_text`` with ``dot`` and return the output in format ``fmt``."""
    return run("dot", [f"-T{fmt}", *options], data=dot_text.encode("utf-8"),
               install=INSTALL_HINT, name="Graphviz 'dot'", timeout=30.0,
               slow="simplify the flowchart, or check the Graphviz installation")
