"""Break text into lines that fit a width, measured with the real font's metrics."""

from __future__ import annotations

import re
from collections.abc import Callable

Measure = Callable[[str, bool], float]
"""The width in points of a text at a chart's size (bold or not)."""


def wrap(text: str, width: float, measure: Measure, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width``, at spaces, or after a hyphen
    or slash in a word too long for a line; a word that still does not fit stands alone.

    >>> wrap("Platinum-based chemotherapy or ABCP", 90, lambda t, b: 6.0 * len(t))
    ['Platinum-based', 'chemotherapy or', 'ABCP']
    >>> wrap("second-generation", 60, lambda t, b: 6.0 * len(t))
    ['second-', 'generation']
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        pieces = [word] if measure(word, bold) <= width else \
            [p for p in re.split(r"(?<=[-/])", word) if p]
        for i, piece in enumerate(pieces):
            joiner = "" if i > 0 else " "
            trial = f"{current}{joiner}{piece}" if current else piece
            if measure(trial, bold) <= width or not current:
                current = trial
            else:
                lines.append(current)
                current = piece
    return [*lines, current] if current else lines or [""]
