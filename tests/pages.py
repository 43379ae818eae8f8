"""Read a built PDF as a print reviewer looks at it: the lines on each page, their size,
font and place, told apart into body text, headings and page furniture."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

BLANK_ON_PURPOSE = "This page is left blank on purpose."
DRAFT_BAND = "DRAFT – not for clinical use"


@dataclass(frozen=True)
class Line:
    """One printed line: its text, font, size and height above the page's foot (points)."""

    text: str
    font: str
    size: float
    y: float
    x: float = 0.0
    """Where the line starts, from the page's left edge."""
    runs: tuple[tuple[str, str], ...] = ()
    """The line's pieces of text in order, each with its font."""

    @property
    def bold(self) -> bool:
        return "Bold" in self.font


@dataclass(frozen=True)
class Page:
    """One page: its lines, and where the frame for the text begins and ends."""

    number: int
    lines: list[Line]
    height: float


    def folio(self) -> Line | None:
        """The footer's line that says 'Page n of m', if the page has one."""
        return next((ln for ln in self.lines if re.search(r"Page \d+ of \d+", ln.text)), None)

    def frame_bottom(self) -> float:
        """Where the text frame ends: the footer's rule (above the page number's line by
        1.35 lines of the footer's size), and the 3 mm gap above it."""
        folio = self.folio()
        assert folio is not None, f"page {self.number} has no page number"
        return folio.y + 1.35 * folio.size + 3 * 72 / 25.4

    def fill(self, top: float) -> float:
        """The share of the text frame, from ``top`` (points down from the paper's top edge)
        to the footer, that the page's content takes: down to its lowest line."""
        content = self.content()
        if not content:
            return 0.0
        frame_top = self.height - top
        lowest = min(ln.y - 0.25 * ln.size for ln in content)
        return (frame_top - lowest) / (frame_top - self.frame_bottom())

    @property
    def footer_top(self) -> float:
        """Where the footer's rule is: everything below is furniture."""
        furniture = [ln.y for ln in self.lines if ln.text.startswith("Page ")
                     or ("Page " in ln.text and " of " in ln.text)]
        return (max(furniture, default=0.0) + 14.0) if furniture else 40.0

    def content(self) -> list[Line]:
        """The lines between the draft band and the footer."""
        return [ln for ln in self.lines if ln.y > self.footer_top
                and not ln.text.startswith(DRAFT_BAND)]

    def band(self) -> list[Line]:
        """The draft band's words, if the page has a draft band."""
        return [ln for ln in self.lines if ln.text.startswith(DRAFT_BAND)]

    def headings(self, body_size: float) -> list[Line]:
        """Content lines set larger and bold: headings, box titles."""
        return [ln for ln in self.content() if ln.bold and ln.size > body_size + 0.4]

    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)

    @property
    def spare(self) -> bool:
        """Whether the page is left blank on purpose, or for notes: no text is expected."""
        content = self.content()
        return bool(content) and (content[0].text in (BLANK_ON_PURPOSE, "Notes"))

    def footer(self) -> list[Line]:
        """The lines of the footer, under its rule."""
        return [ln for ln in self.lines if ln.y < self.footer_top]


def read_pages(pdf: Path) -> list[Page]:
    """Return every page of ``pdf`` with its lines (text runs on one baseline merged): read
    once for as long as the file is unchanged (many tests read the same shelf)."""
    stat = Path(pdf).stat()
    return list(_read_pages(str(pdf), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=512)
def _read_pages(pdf: str, mtime: int, size: int) -> tuple[Page, ...]:
    pages = []
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        runs: list[tuple[float, float, str, str, float]] = []

        def visit(text, cm, tm, font_dict, size, runs=runs):
            if text.strip() and font_dict is not None:
                scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
                y = tm[5] * cm[3] + cm[5] if cm[3] else tm[5]
                x = tm[4] * cm[0] + cm[4] if cm[0] else tm[4]
                runs.append((round(y, 1), size * scale, str(font_dict.get("/BaseFont", "")),
                             text, x))

        page.extract_text(visitor_text=visit)
        merged: dict[float, list[tuple[float, str, str, float]]] = {}
        for y, size, font, text, x in runs:
            merged.setdefault(y, []).append((size, font, text, x))
        lines = [Line(" ".join(t.strip() for _, _, t, _ in parts), parts[0][1],
                      round(max(s for s, _, _, _ in parts), 1), y,
                      round(min(x for _, _, _, x in parts), 1),
                      tuple((t.strip(), f) for _, f, t, _ in sorted(parts, key=lambda p: p[3])))
                 for y, parts in sorted(merged.items(), reverse=True)]
        pages.append(Page(number, lines, float(page.mediabox.height)))
    return tuple(pages)
