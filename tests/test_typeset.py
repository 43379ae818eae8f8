"""Typesetting: the layout the balancer measured (drawing nothing, laid out again only from
the page before each fault) is the layout printed, page for page, in every edition."""

from __future__ import annotations

import datetime

import pytest

from handouts.flowchart.engine import ChartLayouts
from handouts.model.profile import PROFILES
from handouts.render import page
from handouts.render.documents import handout_pdf, pack_pdf
from handouts.spec.project import load_project

from .conftest import SPECS

pytestmark = pytest.mark.needs_dot
PROJECT = load_project(SPECS)
LAYOUTS = ChartLayouts()


def key(drawn) -> list[tuple[int, int, float]]:
    return [(d.page, d.origin, round(d.height, 3)) for d in drawn]


@pytest.mark.parametrize("edition", ["a4", "a5", "letter", "large-print"])
def test_what_was_measured_is_what_is_printed(monkeypatch, edition):
    seen = []
    balance = page.balance

    def measured(lay_out, roles, rules):
        breaks, layout = balance(lay_out, roles, rules)
        seen.append(layout)
        return breaks, layout

    typeset = page.Typesetter.typeset

    def printed(self, flowables, layout):
        out = typeset(self, flowables, layout)
        seen.append(self.drawn)
        return out

    monkeypatch.setattr(page, "balance", measured)
    monkeypatch.setattr(page.Typesetter, "typeset", printed)
    day = datetime.date(2026, 12, 1)
    for handout in PROJECT.handouts:
        handout_pdf(handout, PROJECT.bibliography, PROFILES[edition], day, PROJECT.settings,
                    LAYOUTS)
    (pack,) = PROJECT.packs
    pack_pdf(pack, PROJECT.pack_handouts(pack), PROJECT.bibliography, PROFILES[edition], day,
             PROJECT.settings, LAYOUTS)
    pairs = list(zip(seen[::2], seen[1::2]))
    assert len(pairs) == len(PROJECT.handouts) + 1
    for layout, drawn in pairs:  # after the story, a booklet's notes and back cover
        assert key(drawn)[:len(layout.drawn)] == key(layout.drawn)
        assert all(d.page >= layout.pages for d in drawn[len(layout.drawn):])
