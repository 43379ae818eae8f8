"""Print profiles: the paper and type sizes one spec can be printed at (plain numbers)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

ProfileName = Literal["a4", "a5", "letter", "large-print"]

MM = 72 / 25.4
"""Points in a millimetre."""
SAFE = 10 * MM
"""Nothing is printed nearer the paper's edge than this: the draft band, the footer and the
QR code included (many office printers leave 4-6 mm unprinted, some more)."""
BAND_GAP = 1 * MM
"""Between the draft band and the text."""
FOOTER_LEADING = 1.2
"""Of the footer's size: the space between its lines."""
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
    chart_least: float = 9.0
    """A flowchart's text may not print smaller than this: below it, it is an error."""
    chart_enough: float = 9.0
    """A flowchart whose text reaches this is not split over more pages to make it larger."""
    chart_most: float = 12.0
    """A small flowchart is not enlarged past this."""
    gutter: float = 0.0
    """Extra margin at the fold, for an edition printed as a folded booklet (A5): set, the
    pages have mirrored margins and the page count is padded to a multiple of four."""
    read: float = 0.0
    """Text a reader reads (a table's cells) is set no smaller than this: a patient's tables
    at the 14 pt of their body text."""

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
        return width - 2 * self.margin - self.gutter, height - self.top - self.bottom_of(turned)

    @property
    def band(self) -> tuple[float, float]:
        """Return where the draft band is: its top, down from the paper's top edge (inside
        the safe area), and its height."""
        return SAFE, self.footer * 1.25

    @property
    def top(self) -> float:
        """Return the top margin: the margin, or more if the draft band needs it, so that
        text starts clear of the band."""
        edge, height = self.band
        return max(self.margin, edge + height + BAND_GAP)

    def left(self, page: int) -> float:
        """Return the left margin of a page (numbered from 1): in a booklet the fold is at
        the left of a right-hand (odd) page and at the right of a left-hand one."""
        return self.margin + (self.gutter if page % 2 else 0.0)

    @property
    def footer(self) -> float:
        """Return the size of footer text: small (9 pt), but the large print size in large
        print."""
        return self.least if self.least else 9.0

    @property
    def qr(self) -> float:
        """Return the side of the QR code to the latest version: larger in large print."""
        return (20 if self.least else 16) * MM

    gap: float = 2 * MM
    """Between the text and the footer's rule."""
    footer_lines: int = 4
    """How many lines the footer takes: its title, facts and notice, and the latest
    version's address if it fits in this many."""
    turned_lines: int = 0
    """How many it takes on a turned page, whose footer is wider (0: as many)."""

    @property
    def bottom(self) -> float:
        """Return the bottom margin of an upright page."""
        return self.bottom_of(False)

    def bottom_of(self, turned: bool) -> float:
        """Return the bottom margin: the footer's lines or its QR code, under a rule, inside
        the safe area."""
        count = (self.turned_lines or self.footer_lines) if turned else self.footer_lines
        lines = count * FOOTER_LEADING * self.footer + 0.35 * self.footer
        return SAFE + max(self.qr, lines) + self.gap


PROFILES = {
    "a4": Profile("a4", A4, 14 * MM, 12.0),
    "a5": Profile("a5", A5, 10 * MM, 12.0, chart_most=11.0, gutter=5 * MM),
    "letter": Profile("letter", LETTER, 14 * MM, 12.0),
    "large-print": Profile("large-print", A4, 14 * MM, 16.0, least=16.0, chart_least=16.0,
                           chart_enough=16.0, chart_most=18.0),
}
"""RNIB clear print: at least 12 pt, 14 pt for patients; large print 16 pt or more."""


def for_audience(profile: Profile, audience: str) -> Profile:
    """Return the profile set for an audience: patients get at least 14 pt body text, and
    tables in the same size."""
    if audience == "patient" and profile.body < 14:
        profile = replace(profile, body=14.0, read=14.0)
    return profile


AUDIENCE = {"clinician": "For healthcare professionals", "patient": "For patients and carers"}
"""Whom a handout is for, as its title block and the download page say it."""


def booklet_printing(booklet: str) -> str:
    """Return how to print a booklet file (A5 pages imposed on A4), as its back cover and the
    download page say it.

    >>> booklet_printing("the file x-a5-booklet.pdf")[:64]
    'Print the file x-a5-booklet.pdf double-sided on A4 paper, flippi'
    """
    return (f"Print {booklet} double-sided on A4 paper, flipping on the short edge, at actual "
            "size (100%, not 'fit to page'). Fold the stack of sheets in half: the pages read "
            "in order.")
