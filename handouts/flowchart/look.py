"""The look of a flowchart: one table of shapes, line styles and grayscale-safe colours.

Meaning is carried by shape, border and line style; fills are light tints so that black
text stays readable on a black-and-white photocopy, and no two kinds differ by tint alone.
"""

from __future__ import annotations

from dataclasses import dataclass

INK = "#1a1a1a"
LANE_FILL = "#f0f0f0"
LANE_RULE = "#9a9a9a"
PAPER = "#ffffff"


@dataclass(frozen=True)
class NodeStyle:
    """How one kind of box is drawn, and what the key says of it."""

    shape: str
    """box, rounded, diamond, note or plain (a condition: words on the arrows)."""
    fill: str
    legend: str
    penwidth: float = 1.0
    double: bool = False


NODE_STYLES: dict[str, NodeStyle] = {
    "start": NodeStyle("rounded", "#d5e3f0", "Heavy border: where the pathway starts", 2.6),
    "treatment": NodeStyle("box", "#ffffff", "Box: a treatment", 1.0),
    "decision": NodeStyle("diamond", "#fff3d1", "Diamond: a decision", 1.0),
    "outcome": NodeStyle("rounded", "#e6f2e0", "Double border: where the pathway ends", 1.0,
                         double=True),
    "note": NodeStyle("note", "#fffbe6", "Folded corner: a note, not a step", 1.0),
    "condition": NodeStyle("plain", "#ffffff", "Words on an arrow: when it is followed", 0.6),
    "stub": NodeStyle("stub", "#ffffff", "Dashed box: goes on from, or to, another "
                      "page", 0.8),
}


@dataclass(frozen=True)
class EdgeStyle:
    """How one kind of transition is drawn and worded."""

    dash: tuple[float, ...]
    words: str
    legend: str
    penwidth: float = 1.4
    open_head: bool = False
    phrase: str = "After"
    """How the chart in words introduces the step."""


EDGE_STYLES: dict[str, EdgeStyle] = {
    "next": EdgeStyle((), "", "Hollow arrowhead: leads straight on", 1.0, open_head=True),
    "progression": EdgeStyle((), "progression", "Arrow: on progression",
                             1.4, phrase="If the cancer progresses on"),
    "intolerance": EdgeStyle((5, 3), "intolerance", "Dashed arrow: on intolerance (side "
                             "effects too severe)", 1.4,
                             phrase="If side effects are too severe on"),
    "progression-or-intolerance": EdgeStyle(
        (), "progression or intolerance", "Thick arrow: on progression or intolerance", 3.0,
        phrase="If the cancer progresses, or side effects are too severe, on"),
}
CUSTOM = EdgeStyle((), "", "", 1.4)
"""The line of an arrow that follows a condition the chart declares."""

UNCONFIRMED_DASH = (1.2, 2.4)
UNCONFIRMED_LEGEND = "Dotted: not confirmed (see the notes)"
FUNDING_DASH = (4, 2)
STUB_DASH = (3, 2)
FUNDING_LEGEND = "Dashed double border: funding is limited"


def edge_style(when: str) -> EdgeStyle:
    """Return the line of an arrow following ``when``: built in, or the custom line."""
    return EDGE_STYLES.get(when, CUSTOM)
