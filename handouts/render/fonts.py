"""Find the DejaVu Sans faces and register them with ReportLab and svglib, once."""

from __future__ import annotations

import functools
from pathlib import Path

from handouts.errors import ToolError

FAMILY = "DejaVuSans"
FACES = {
    FAMILY: "DejaVuSans.ttf",
    f"{FAMILY}-Bold": "DejaVuSans-Bold.ttf",
    f"{FAMILY}-Oblique": "DejaVuSans-Oblique.ttf",
    f"{FAMILY}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
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


STYLES = {FAMILY: ("normal", "normal"), f"{FAMILY}-Bold": ("bold", "normal"),
          f"{FAMILY}-Oblique": ("normal", "italic"),
          f"{FAMILY}-BoldOblique": ("bold", "italic")}


@functools.cache
def register_fonts() -> str:
    """Register DejaVu Sans (four faces) with ReportLab and svglib, once; return the family.

    svglib registers each face with ReportLab as it maps it, so each file is read once,
    and Graphviz's "DejaVu Sans" resolves without asking fontconfig.
    """
    from reportlab.lib.fonts import addMapping
    from svglib import fonts as svg_fonts

    for name, path in font_files().items():
        weight, style = STYLES[name]
        registered, _ = svg_fonts.register_font("DejaVu Sans", str(path), weight, style, name)
        if registered is None:
            raise ToolError(f"the font {path} could not be read: {INSTALL_HINT}")
    for bold, italic, face in ((0, 0, ""), (1, 0, "-Bold"), (0, 1, "-Oblique"),
                               (1, 1, "-BoldOblique")):
        addMapping(FAMILY, bold, italic, FAMILY + face)
    return FAMILY


@functools.cache
def _covered() -> frozenset[int]:
    """Return the characters the regular face has glyphs for."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(font_files()[FAMILY])).charToGlyph)


def missing_glyphs(text: str) -> str:
    """Return the characters of ``text`` the font cannot draw (they print as empty boxes).

    >>> missing_glyphs("Lorlatinib ≥ 100 mg 中")
    '中'
    """
    covered = _covered()
    return "".join(dict.fromkeys(ch for ch in text if ord(ch) not in covered
                                 and not ch.isspace() and ord(ch) >= 0x20
                                 and ch not in "\u200d\ufe0f"))
