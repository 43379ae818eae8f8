"""Print profiles: the paper and type sizes one spec can be printed at (plain numbers)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

ProfileName = Literal["a4", "a5", "letter", "large-print"]

MM = 72 / 25.4
"""Points in a millimetre."""
A4 = (210 * MM, 297 * MM)
A5 = (148 * MM, 210 * MM)
LETTER = (8.5 * 72, 11 * 72)


def landscape(paper: tuple[float, float]) -> tuple[float, float]:
    """Return a paper size turned on its side (the longer edge across).

    >>> landscape((100.0, 200.0))
    (200.0, 100.0)
    """
    return max(paper), min(paper)


@dataclass(frozen=True)
class Profile:
    """How a document is set: paper, margins, type sizes, and where its chart goes."""

    name: str
    paper: tuple[float, float]
    margin: float
    body: float
    """Body text size in points; every other size scales with it."""
    least: float = 0.0
    """No text smaller than this (large print: 16 pt, the RNIB's large print)."""
    chart_landscape: bool = False
    """Print the flowchart across landscape pages, lines of therapy left to right."""
    chart_text: float = 8.0
    """The size the chart's smallest text should reach; never below 8 pt."""

    @property
    def suffix(self) -> str:
        """Return what output names add for this profile ('' for standard A4)."""
        return "" if self.name == "a4" else f"-{self.name}"

    def size(self, points: float) -> float:
        """Return a standard (12 pt body) size set for this profile."""
        return max(points * self.body / 12.0, self.least)

    def frame(self, turned: bool = False) -> tuple[float, float]:
        """Return the width and height of the text frame, on a turned page if asked."""
        width, height = landscape(self.paper) if turned else self.paper
        return width - 2 * self.margin, height - self.margin - self.bottom

    @property
    def footer(self) -> float:
        """Return the size of footer text: small, but never below 12 pt in large print."""
        return 12.0 if self.least else 8.5

    @property
    def bottom(self) -> float:
        """Return the bottom margin, which holds up to four footer lines and a QR code."""
        return self.margin + max(16 * MM, 4 * 1.3 * self.footer) + 4 * MM


PROFILES = {
    "a4": Profile("a4", A4, 14 * MM, 12.0),
    "a5": Profile("a5", A5, 11 * MM, 12.0, chart_landscape=True),
    "letter": Profile("letter", LETTER, 14 * MM, 12.0),
    "large-print": Profile("large-print", A4, 14 * MM, 16.0, least=16.0, chart_landscape=True,
                           chart_text=12.0),
}
"""RNIB clear print: at least 12 pt, 14 pt for patients; large print 16 pt or more."""


def for_audience(profile: Profile, audience: str) -> Profile:
    """Return the profile set for an audience: patients get at least 14 pt body text."""
    if audience == "patient" and profile.body < 14:
        return replace(profile, body=14.0)
    return profile
