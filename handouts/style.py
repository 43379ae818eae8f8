"""The look of a flowchart: one table of shapes, line styles and grayscale-safe colours.

Meaning is carried by shape and line style; fills are light tints so that black
text stays readable on a black-and-white photocopy.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT_FAMILY = "DejaVu Sans"
INK = "#1a1a1a"
LANE_FILL = "#f2f2f2"
LANE_BORDER = "#b3b3b3"

NODE_FONT_SIZE = 11.0
DETAIL_FONT_SIZE = 10.0
EDGE_FONT_SIZE = 10.0
LANE_FONT_SIZE = 11.0
LABEL_WIDTH = 18  # characters per line inside a box
"""Smallest text in a chart; the handout never scales a chart below 8 pt on paper."""
SMALLEST_FONT_SIZE = min(NODE_FONT_SIZE, DETAIL_FONT_SIZE, EDGE_FONT_SIZE)


@dataclass(frozen=True)
class NodeStyle:
    """How one kind of node is drawn, and what the legend says of it."""

    shape: str
    style: str
    fill: str
    legend: str
    penwidth: float = 1.2


NODE_STYLES: dict[str, NodeStyle] = {
    "start": NodeStyle("box", "rounded,filled,bold", "#d5e3f0", "Where the pathway starts", 2.0),
    "treatment": NodeStyle("box", "filled", "#ffffff", "A treatment option"),
    "decision": NodeStyle("diamond", "filled", "#fff3d1", "A decision to be made"),
    "outcome": NodeStyle("box", "rounded,filled", "#e6f2e0", "Where the pathway leads"),
    "note": NodeStyle("note", "filled", "#fffbe6", "A note on the chart"),
}


@dataclass(frozen=True)
class EdgeStyle:
    """How one kind of transition is drawn and worded."""

    style: str
    words: str
    legend: str
    penwidth: float = 1.4


EDGE_STYLES: dict[str, EdgeStyle] = {
    "next": EdgeStyle("solid", "", "Leads on to"),
    "progression": EdgeStyle("solid", "progression", "If the cancer grows (progression)", 2.0),
    "intolerance": EdgeStyle("dashed", "intolerance", "If side effects are too severe", 2.0),
    "progression-or-intolerance": EdgeStyle(
        "bold", "progression or intolerance", "If the cancer grows or side effects are too severe",
        2.0,
    ),
}

UNCONFIRMED_STYLE = "dotted"
UNCONFIRMED_WORDS = "unconfirmed"
UNCONFIRMED_LEGEND = "Not confirmed by a source: see the notes"
