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
    "start": NodeStyle("rounded", "#d5e3f0", "Start of the pathway", 2.6),
    "treatment": NodeStyle("box", "#ffffff", "A treatment", 1.0),
    "decision": NodeStyle("diamond", "#fff3d1", "A decision to be made", 1.0),
    "outcome": NodeStyle("rounded", "#e6f2e0", "End of the pathway", 1.0, double=True),
    "note": NodeStyle("note", "#fffbe6", "A note", 1.0),
    "condition": NodeStyle("plain", "#ffffff", "Why the next step follows", 0.6),
    "stub": NodeStyle("plain", "#ffffff", "The arrow goes on in another part", 0.6),
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
    "next": EdgeStyle((), "", "Leads on to (open arrowhead)", 1.0, open_head=True),
    "progression": EdgeStyle((), "progression", "Progression: the cancer grows", 1.4,
                             phrase="If the cancer progresses on"),
    "intolerance": EdgeStyle((5, 3), "intolerance", "Intolerance: side effects are too "
                             "severe (dashed)", 1.4,
                             phrase="If side effects are too severe on"),
    "progression-or-intolerance": EdgeStyle(
        (), "progression or intolerance", "Progression or intolerance (thick)", 3.0,
        phrase="If the cancer progresses, or side effects are too severe, on"),
}
CUSTOM = EdgeStyle((), "", "", 1.4)
"""The line of an arrow that follows a condition the chart declares."""

UNCONFIRMED_DASH = (1.2, 2.4)
UNCONFIRMED_LEGEND = "Not confirmed: see the notes"
FUNDING_DASH = (4, 2)
FUNDING_LEGEND = "Funding is limited"


def edge_style(when: str) -> EdgeStyle:
    """Return the line of an arrow following ``when``: built in, or the custom line."""
    return EDGE_STYLES.get(when, CUSTOM)
