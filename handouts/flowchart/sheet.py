"""A chart that stands alone as an image: its title and version above it, then the chart,
its key, and the sources behind its marks, as one scene (for the SVG and PNG downloads)."""

from __future__ import annotations

from collections.abc import Sequence

from handouts.flowchart import look
from handouts.flowchart.key import KeyItem, key_groups
from handouts.flowchart.scene import Group, Scene, Shape, moved
from handouts.flowchart.wrap import Measure, wrap

PAD = 18.0
"""White space round the sheet."""
DRAFT_FILL = "#e6e6e6"
SOURCE_SIZE = 8.0


def text_group(cls: str, title: str, lines: Sequence[tuple[str, bool, float]], top: float,
               leading: float) -> tuple[Group, float]:
    """Return lines of text (words, bold, size) set from ``top``, and where they end."""
    shapes = []
    y = top
    for text, bold, size in lines:
        y += size * leading
        shapes.append(Shape("text", ((0.0, y - size * 0.3),), text=text, bold=bold,
                            anchor="start", size=size))
    return Group(cls, "", title, tuple(shapes)), y


def sheet_scene(chart: Scene, head: Sequence[tuple[str, bool]], key: Sequence[KeyItem],
                sources: Sequence[str], size: float,
                measure: Measure) -> Scene:
    """Return the sheet: ``head`` lines (the first is the title), the chart centred, its
    key, then its sources, at least as wide as a page's text, with white space round it.
    ``measure(text, bold)`` gives widths at 10 points."""
    width = max(chart.width, 480.0)

    def at(points: float) -> Measure:
        return lambda text, bold: measure(text, bold) * points / 10.0

    lines: list[tuple[str, bool, float]] = []
    draft = ""
    for i, (text, bold) in enumerate(head):
        points = size * 1.5 if i == 0 else size
        for part in wrap(text, width, at(points), bold):
            lines.append((part, bold, points))
        if text.startswith("DRAFT"):
            draft = text
    head_group, y = text_group("head", head[0][0] if head else "", lines, 0.0, 1.3)
    groups: list[Group] = []
    if draft:  # a flat band behind the draft line, as on every printed page
        row = next(i for i, line in enumerate(lines) if line[0].startswith("DRAFT"))
        band_y = sum(line[2] * 1.3 for line in lines[:row]) + lines[row][2] * 0.15
        groups.append(Group("draft", "", draft, (Shape(
            "rect", ((0.0, band_y), (width, lines[row][2] * 1.3)), fill=DRAFT_FILL),)))
    groups.append(head_group)
    y += size
    groups += [moved(g, (width - chart.width) / 2, y) for g in chart.groups]
    y += chart.height + size
    entries, height = key_groups(key, width, size, at(size))
    groups += [moved(g, 0.0, y) for g in entries]
    y += height + size
    if sources:
        small = min(size, SOURCE_SIZE)
        said = [("Sources", True, size)] + [(part, False, small) for text in sources
                                            for part in wrap(text, width, at(small))]
        group, y = text_group("sources", "Sources", said, y, 1.25)
        groups.append(group)
    back = Group("paper", "", "", (Shape("rect", ((-PAD, -PAD), (width + 2 * PAD,
                                                                   y + 2 * PAD)),
                                         fill=look.PAPER),))
    return Scene(width + 2 * PAD, y + 2 * PAD,
                 tuple(moved(g, PAD, PAD) for g in [back, *groups]))
