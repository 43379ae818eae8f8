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
    "note": NodeStyle("note", "filled", "#fffbe6", "A note"),
}


@dataclass(frozen=True)
class EdgeStyle:
    """How one kind of transition is drawn and worded."""

    style: str
    words: str
    legend: str
    penwidth: float = 1.4
    arrowhead: str = "normal"
    phrase: str = "After"  # how the chart in words introduces the step


EDGE_STYLES: dict[str, EdgeStyle] = {
    "next": EdgeStyle("solid", "", "Leads on to (open arrowhead)", 1.0, "onormal"),
    "progression": EdgeStyle("solid", "progression", "Progression: the cancer grows", 1.6,
                             phrase="If the cancer progresses on"),
    "intolerance": EdgeStyle("dashed", "intolerance", "Intolerance: side effects too severe",
                             1.6, phrase="If side effects are too severe on"),
    "progression-or-intolerance": EdgeStyle(
        "solid", "progression or intolerance", "Progression or intolerance (thick)", 3.2,
        phrase="If the cancer progresses, or side effects are too severe, on"),
}

UNCONFIRMED_STYLE = "dotted"
UNCONFIRMED_WORDS = "unconfirmed"
UNCONFIRMED_LEGEND = "Not confirmed: see the notes"
