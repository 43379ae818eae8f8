"""Find the DejaVu Sans faces and register them with ReportLab, once."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from handouts.errors import ToolError

FAMILY = "DejaVuSans"
FACES = {
    FAMILY: "DejaVuSans.ttf",
    f"{FAMILY}-Bold": "DejaVuSans-Bold.ttf",
    f"{FAMILY}-Oblique": "DejaVuSans-Oblique.ttf",
}
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu (fonts-dejavu-core)
    "/usr/share/fonts/dejavu-sans-fonts",  # Fedora
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",  # Arch
    "/usr/local/share/fonts/dejavu",
)
INSTALL_HINT = "install the DejaVu fonts (Debian/Ubuntu: apt-get install fonts-dejavu-core)"


def font_files() -> dict[str, Path]:
    """Return the path of each DejaVu Sans face, or raise ToolError naming the package."""
    for folder in map(Path, FONT_DIRS):
        paths = {name: folder / file for name, file in FACES.items()}
        if all(path.is_file() for path in paths.values()):
            return paths
    raise ToolError(f"the DejaVu Sans fonts were not found in {', '.join(FONT_DIRS)}: "
                    + INSTALL_HINT)


@functools.cache
def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, oblique) with ReportLab, once; return the family.

    Only the faces a document uses are embedded in it, and only the glyphs it uses. The
    oblique face is for what Harvard style sets in italics (a journal's title); emphasis in
    a spec is bold (RNIB clear print), and large print has no italics at all.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for name, path in font_files().items():
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except TTFError:
            raise ToolError(f"the font {path} could not be read: {INSTALL_HINT}") from None
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, FAMILY + "-Bold")
    addMapping(FAMILY, 0, 1, FAMILY + "-Oblique")
    addMapping(FAMILY, 1, 1, FAMILY + "-Bold")
    return FAMILY


@functools.cache
def _covered() -> frozenset[int]:
    """Return the characters the regular face has glyphs for."""
    from reportlab.pdfbase.pdfmetrics import getFont

    return frozenset(getFont(register_fonts()).face.charToGlyph)  # the font as registered


def missing_glyphs(text: str) -> str:
    """Return the characters of ``text`` the font cannot draw (they print as empty boxes).

    >>> missing_glyphs("Lorlatinib ≥ 100 mg 中")
    '中'
    """
    covered = _covered()
    return "".join(dict.fromkeys(ch for ch in text if ord(ch) not in covered
                                 and not ch.isspace() and ord(ch) >= 0x20
                                 and ch not in "\u200d\ufe0f"))


def chart_measure(size: float) -> Callable[[str, bool], float]:
    """Return a measure of text width in points at ``size``, in the regular or bold face."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    regular = register_fonts()
    bold = regular + "-Bold"

    @functools.lru_cache(maxsize=4096)  # a chart's words are measured for every candidate
    def measure(text: str, strong: bool) -> float:
        return stringWidth(text, bold if strong else regular, size)

    return measure
