"""The page balancer on plain data: layouts in, faults and page breaks out (no ReportLab).

A toy paginator stands in for the typesetter: items of given heights, none split, filling
pages of a given room one after another, with a new page before each break.
"""

from __future__ import annotations

import pytest

from handouts.render.balance import (
    LEAD_AT_FOOT,
    SHORT,
    TURN,
    Drawn,
    Fault,
    Layout,
    Role,
    Rules,
    add_break,
    balance,
    break_before,
    chain_start,
    faults,
    order,
)

C, L, S, F, R = Role.CONTENT, Role.LEAD, Role.SPACE, Role.FORCED, Role.RECTO
RULES = Rules(leading=10.0)  # two lines after a lead: 20 points; 30% of 100 points: 30


def paginate(heights: list[float], roles: list[Role], breaks: frozenset[int] = frozenset(),
             room: float = 100.0) -> Layout:
    """Lay out items of these heights on pages of ``room`` points, none split."""
    page, used, drawn = 1, 0.0, []
    for i, (height, role) in enumerate(zip(heights, roles)):
        if (i in breaks or role in (F, R)) and used:
            page, used = page + 1, 0.0
        if used + height > room:
            page, used = page + 1, 0.0
        if height:
            drawn.append(Drawn(page, i, height, role is L))
            used += height
        if role is R:  # the note on a page left blank on purpose
            page, used = page + 1, 0.0
    return Layout(tuple(drawn), (room,) * page, (), breaks)


def page_of(layout: Layout, index: int) -> int:
    return next(d.page for d in layout.drawn if d.origin == index)


def test_a_heading_with_less_than_two_lines_after_it_on_its_page_is_a_fault():
    roles = [C, L, C, C]
    layout = paginate([70, 10, 19.9, 50], roles)  # the heading, then 1.99 lines, on page 1
    assert faults(layout, roles, RULES) == [Fault(1, LEAD_AT_FOOT, 1)]


def test_a_heading_with_two_lines_after_it_on_its_page_is_not():
    roles = [C, L, C, C]
    layout = paginate([70, 10, 20, 50], roles)  # exactly two lines after it
    assert faults(layout, roles, RULES) == []


def test_a_heading_at_the_foot_of_the_last_page_is_not_a_fault():
    roles = [C, C, L]
    layout = paginate([60, 60, 10], roles)  # page 2 is the last: nothing follows it anyway
    assert [f for f in faults(layout, roles, RULES) if f.what == LEAD_AT_FOOT] == []


def test_only_a_lead_is_judged_so():
    roles = [C, C, C, C]
    layout = paginate([70, 10, 15, 50], roles)  # the same heights, no heading
    assert faults(layout, roles, RULES) == []


def test_a_heading_moves_with_the_leads_and_spacing_before_it():
    roles = [C, L, S, L, C, C]
    layout = paginate([60, 10, 5, 10, 10, 60], roles)
    assert faults(layout, roles, RULES) == [Fault(1, LEAD_AT_FOOT, 1)]
    assert chain_start(roles, 3) == 1


def test_a_heading_that_starts_the_story_cannot_move():
    roles = [L, C]
    layout = paginate([95, 50], roles)
    assert faults(layout, roles, RULES)[0] == Fault(1, LEAD_AT_FOOT, None)


def test_a_page_less_than_30_percent_full_takes_blocks_from_the_page_before():
    roles = [C, C, C, C, C]
    layout = paginate([40, 30, 25, 20, 90], roles)  # page 2 holds 20 points, page 3 90
    assert faults(layout, roles, RULES) == [Fault(2, SHORT, 2)]  # 25 + 20 >= 30 + a line


def test_the_page_before_keeps_30_percent():
    roles = [C, C, C, C]
    layout = paginate([20, 75, 10, 95], roles)  # page 2 holds 10 points
    assert faults(layout, roles, RULES) == [Fault(2, SHORT, None)]  # 20 would be left


def test_the_last_page_and_a_page_left_blank_on_purpose_are_never_short():
    roles = [C, C, R, C, C]
    layout = paginate([90, 15, 3, 90, 5], roles)  # page 2: 15 points; 3: blank; 4: last
    assert layout.pages == 4 and page_of(layout, 4) == 4
    assert faults(layout, roles, RULES) == [Fault(2, SHORT, None)]


def test_a_break_goes_before_the_leads_of_a_block_and_after_the_spacing_before_them():
    assert break_before([C, S, L, S, L, C], 5) == 2
    assert break_before([C, C], 1) == 1


def test_nothing_moves_past_a_forced_page_break():
    assert break_before([C, F, S, L, C], 4) is None
    assert break_before([C, R, C], 2) is None
    assert break_before([S, L, C], 2) is None  # nothing before it


def test_a_new_break_replaces_a_later_one_it_would_part_from_its_heading():
    roles = [C, C, L, S, C]
    assert add_break(frozenset({4}), 2, roles) == frozenset({2})
    assert add_break(frozenset({4}), 1, roles) == frozenset({1, 4})


def test_balance_moves_a_heading_to_the_next_page_and_lays_out_from_that_page():
    heights, roles = [30, 30, 30, 10, 30, 30, 30], [C, C, C, L, C, C, C]
    asked = []

    def lay_out(breaks, base, page):
        asked.append((set(breaks), page))
        return paginate(heights, roles, breaks)

    breaks, layout = balance(lay_out, roles, RULES)
    assert breaks == {3}
    assert page_of(layout, 3) == 2 and faults(layout, roles, RULES) == []
    assert asked == [(set(), 1), ({3}, 1)]  # the heading was on page 1


def test_balance_fills_a_short_page_from_the_page_before():
    heights, roles = [50, 20, 25, 20, 90, 90], [C, C, C, C, C, C]
    asked = []

    def lay_out(breaks, base, page):
        asked.append(page)
        return paginate(heights, roles, breaks)

    breaks, layout = balance(lay_out, roles, RULES)
    assert breaks == {2} and faults(layout, roles, RULES) == []
    assert asked == [1, 1]  # the break goes before an item of page 1, the page before


def test_balance_keeps_no_break_that_does_not_help():
    heights, roles = [95, 10, 95], [C, C, C]  # page 2 is short, and nothing can fill it
    breaks, layout = balance(lambda b, base, page: paginate(heights, roles, b), roles, RULES)
    assert breaks == frozenset() and len(faults(layout, roles, RULES)) == 1


@pytest.mark.parametrize("index, page", [(0, 1), (3, 2), (9, 2)])
def test_a_layout_says_where_an_item_first_falls(index, page):
    layout = paginate([60, 30, 30, 30, 30], [C] * 5)
    assert layout.first_page(index) == page


def pages_of(*pages: list[tuple[int, float, bool]], breaks=frozenset()) -> Layout:
    """Return a layout drawn as given: for each page, (origin, height, lead) of each piece."""
    drawn = tuple(Drawn(page, origin, height, lead)
                  for page, pieces in enumerate(pages, start=1)
                  for origin, height, lead in pieces)
    return Layout(drawn, (100.0,) * len(pages), (), frozenset(breaks))


def test_faults_are_in_reading_order():
    assert order([Fault(9, SHORT, None), Fault(18, SHORT, None)]) < \
        order([Fault(9, SHORT, None), Fault(10, SHORT, None)])
    assert order([Fault(8, SHORT, 1), Fault(30, SHORT, 2)]) < order([Fault(7, SHORT, 1)])


def test_balance_goes_on_from_a_layout_whose_first_fault_is_further_on():
    roles = [C, L, C, C, L, C, C]
    layouts = {  # a break before the first heading leaves two faults, both further on
        frozenset(): pages_of([(0, 80, False), (1, 10, True)], [(2, 50, False)],
                              [(3, 60, False)], [(4, 30, True), (5, 20, False)],
                              [(6, 50, False)]),
        frozenset({1}): pages_of([(0, 80, False)], [(1, 10, True), (2, 50, False)],
                                 [(3, 60, False), (4, 30, True)], [(5, 20, False)],
                                 [(6, 50, False)]),
        frozenset({1, 4}): pages_of([(0, 80, False)], [(1, 10, True), (2, 50, False)],
                                    [(3, 60, False)], [(4, 30, True), (5, 20, False)],
                                    [(6, 50, False)]),
    }
    assert len(faults(layouts[frozenset({1})], roles, RULES)) == 2
    breaks, layout = balance(lambda b, base, page: layouts[b], roles, RULES)
    assert breaks == {1, 4} and faults(layout, roles, RULES) == []


def test_balance_returns_the_best_layout_it_saw():
    roles = [C, L, C, C, C]
    first = pages_of([(0, 80, False), (1, 10, True)], [(2, 90, False)], [(3, 50, False)])
    further = pages_of([(0, 80, False)], [(1, 10, True), (2, 80, False)], [(3, 10, False)],
                       [(4, 10, False)], [(4, 50, False)])  # pages 3 and 4: too empty
    layouts = {frozenset(): first, frozenset({1}): further}
    breaks, layout = balance(lambda b, base, page: layouts[b], roles, RULES)
    assert len(faults(further, roles, RULES)) == 2
    assert (breaks, layout) == (frozenset(), first)  # one fault is fewer than two


def test_in_a_booklet_a_long_list_lies_open_on_one_spread():
    roles = [C, L, C, C, C, C]
    spread = Rules(leading=10.0, spreads=((2, 4),))
    over_a_turn = pages_of([(0, 60, False), (1, 10, True), (2, 30, False)],
                           [(3, 60, False), (4, 30, False)], [(5, 50, False)])
    assert faults(over_a_turn, roles, spread) == [Fault(1, TURN, 1)]
    assert faults(over_a_turn, roles, RULES) == []  # not a booklet
    on_a_spread = pages_of([(0, 60, False)], [(1, 10, True), (2, 30, False), (3, 60, False)],
                           [(4, 30, False), (5, 50, False)])
    assert faults(on_a_spread, roles, spread) == []
