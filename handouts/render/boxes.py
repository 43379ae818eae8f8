"""A shaded box with a heavy rule at its left, that may split across pages.

A box that would leave most of a page empty if moved whole splits instead, between two of
its paragraphs (inside one only if that one alone is too long to keep whole): its first part
keeps at least a few lines, and the rest goes on under its title and '(continued)', so the
reader knows what it continues. A box shorter than a third of the page never splits, nor
does a box in large print unless it is taller than two thirds of the page (it could share a
page with nothing else).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from handouts.layout.quoting import html_text
from handouts.render.styles import ACCENT, INK, Doc

CALLOUT_FILL = colors.HexColor("#f1f1f1")
ALERT_FILL = colors.HexColor("#ffe9a8")

PAD_X = 12.0
PAD_Y = 4.0
RULE = 5.0
NEVER_SPLIT = 1 / 3
"""Of the page's height: a box shorter than this moves whole to the next page, never
splits; so does a paragraph in a box."""
WHOLE = 2 / 3
"""Of the page's height: in large print, a box no taller than this never splits."""
FIRST_PART = 4
"""Lines a split leaves at the foot of a page, at least (a box's title counts as one)."""
LAST_PART = 2
"""Lines a split carries to the next page, at least, besides its '(continued)' line."""


class Box(Flowable):
    """Flowables in a box: a fill, a thin border, and a heavy rule down its left side.

    ``page`` is the height of the page's text frame; ``whole``: never split a box that fits
    in two thirds of it (large print)."""

    def __init__(self, body: list[Flowable], width: float, fill: Any, border: Any, rule: Any,
                 label_style: Any, leading: float, continues: str = "",
                 space: tuple[float, float] = (4.0, 8.0), page: float = 1e6,
                 whole: bool = False) -> None:
        super().__init__()
        self.spaceBefore, self.spaceAfter = space
        self.body, self.width = body, width
        self.fill, self.border, self.rule = fill, border, rule
        self.label_style, self.leading = label_style, leading
        self.continues = continues
        self.page, self.whole = page, whole

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
        keep = NEVER_SPLIT * self.page
        total = sum(heights) + 2 * PAD_Y
        if total < keep or (self.whole and total <= WHOLE * self.page):
            return []
        room = avail_height - 2 * PAD_Y - self.spaceBefore - self.spaceAfter - 1
        cut, used = 0, 0.0
        while cut < len(heights) and used + heights[cut] <= room:
            used += heights[cut]
            cut += 1
        if cut == len(heights):
            return [self]
        first, rest = list(self.body[:cut]), list(self.body[cut:])
        if heights[cut] > keep:  # too long to keep whole: split inside it
            inside = rest[0].split(self.inner, room - used - rest[0].getSpaceBefore())
            if len(inside) > 1:
                first.append(inside[0])
                rest[:1] = inside[1:]
                used += inside[0].wrap(self.inner, room)[1] + inside[0].getSpaceBefore()
        carried = sum(heights) - used
        if not first or used < FIRST_PART * self.leading \
                or carried < LAST_PART * self.leading:
            return []
        label = Paragraph(f"<b>{html_text(self.continues)}</b> (continued)" if self.continues
                          else "(continued)", self.label_style)
        part = self._like(first)
        if part.wrap(avail_width, avail_height)[1] > avail_height - self.spaceBefore:
            return []
        return [part, self._like([label, *rest])]

    def _like(self, body: list[Flowable]) -> Box:
        return Box(body, self.width, self.fill, self.border, self.rule, self.label_style,
                   self.leading, self.continues, (self.spaceBefore, self.spaceAfter),
                   self.page, self.whole)

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


def boxed(body: list[Paragraph], doc: Doc, rule: object = ACCENT,
          fill: object = CALLOUT_FILL, title: str = "") -> Flowable:
    """Return paragraphs in a shaded box with a heavy left rule; a long box may split
    across pages, its second part headed by its title (or first line) and '(continued)'.
    In large print a box never splits unless it is taller than two thirds of the page."""
    s = doc.styles
    width, height = doc.frame()
    return Box(list(body), width, fill, INK, rule, s["body"], s["body"].leading,
               continues=title or (body[0].getPlainText() if body else ""), page=height,
               whole=bool(doc.profile.least))
