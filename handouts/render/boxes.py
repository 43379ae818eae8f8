"""A shaded box with a heavy rule at its left, that may split across pages.

A box that would leave most of a page empty if moved whole splits instead: its first part
keeps at least a few lines, and the rest goes on with '(continued)' after the box's
first line, so the reader knows what it continues. A short box never splits.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph

from handouts.layout.quoting import html_text

PAD_X = 12.0
PAD_Y = 4.0
RULE = 5.0
NEVER_SPLIT = 6
"""Body lines: a box this short moves whole to the next page rather than split."""
FIRST_PART = 4
"""Lines a split leaves at the foot of a page, at least (a box's title counts as one)."""
LAST_PART = 2
"""Lines a split carries to the next page, at least, besides its '(continued)' line."""


class Box(Flowable):
    """Flowables in a box: a fill, a thin border, and a heavy rule down its left side."""

    def __init__(self, body: list[Flowable], width: float, fill: Any, border: Any, rule: Any,
                 label_style: Any, leading: float, continues: str = "",
                 space: tuple[float, float] = (4.0, 8.0)) -> None:
        super().__init__()
        self.spaceBefore, self.spaceAfter = space
        self.body, self.width = body, width
        self.fill, self.border, self.rule = fill, border, rule
        self.label_style, self.leading = label_style, leading
        self.continues = continues

    @property
    def inner(self) -> float:
        return self.width - PAD_X - PAD_X / 2 - RULE / 2

    def _measure(self, height: float = 1e6) -> list[float]:
        return [f.wrap(self.inner, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                for f in self.body]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = sum(self._measure()) + 2 * PAD_Y
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        heights = self._measure()
        if sum(heights) < NEVER_SPLIT * self.leading:
            return []
        room = avail_height - 2 * PAD_Y - self.spaceBefore - self.spaceAfter - 1
        first: list[Flowable] = []
        used = 0.0
        for i, (flowable, height) in enumerate(zip(self.body, heights)):
            if used + height <= room:
                first.append(flowable)
                used += height
                continue
            parts = flowable.split(self.inner, room - used - flowable.getSpaceBefore())
            head, rest = (parts[0], parts[1:]) if len(parts) > 1 else (None, [flowable])
            if head is not None:
                first.append(head)
                used += head.wrap(self.inner, room)[1] + head.getSpaceBefore()
            carried = sum(heights[i:]) - (used - sum(heights[:i]))
            if used < FIRST_PART * self.leading or carried < LAST_PART * self.leading:
                return []
            label = Paragraph(f"{html_text(self.continues)} (continued)" if self.continues
                              else "(continued)", self.label_style)
            later = [label, *rest, *self.body[i + 1:]]
            part = self._like(first)
            if part.wrap(avail_width, avail_height)[1] > avail_height - self.spaceBefore:
                return []
            return [part, self._like(later)]
        return [self]

    def _like(self, body: list[Flowable]) -> Box:
        return Box(body, self.width, self.fill, self.border, self.rule, self.label_style,
                   self.leading, self.continues, (self.spaceBefore, self.spaceAfter))

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.fill)
        canvas.setStrokeColor(self.border)
        canvas.setLineWidth(1)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        canvas.setStrokeColor(self.rule)
        canvas.setLineWidth(RULE)
        canvas.line(RULE / 2, 0, RULE / 2, self.height)
        canvas.restoreState()
        y = self.height - PAD_Y
        for flowable in self.body:
            y -= flowable.getSpaceBefore()
            _, drawn = flowable.wrap(self.inner, 1e6)
            flowable.drawOn(canvas, PAD_X, y - drawn)
            y -= drawn + flowable.getSpaceAfter()
