"""The chart's look survives a black-and-white photocopy: checked by numbers, not by eye."""

from __future__ import annotations

import pytest

from handouts.flowchart import look as st


def luminance(hex_colour: str) -> float:
    """Return the relative luminance (WCAG 2) of a colour such as '#1a1a1a'."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("kind", list(st.NODE_STYLES))
def test_text_on_every_fill_has_strong_contrast_in_grayscale(kind):
    # Luminance is what a grayscale copy keeps, so this is the contrast on the copy.
    assert contrast(st.INK, st.NODE_STYLES[kind].fill) >= 12
    assert contrast(st.INK, st.LANE_FILL) >= 12


def test_node_kinds_differ_by_shape_or_outline_not_colour_alone():
    kinds = ["start", "treatment", "decision", "outcome", "note"]  # what an editor writes
    looks = {(st.NODE_STYLES[k].shape, st.NODE_STYLES[k].penwidth, st.NODE_STYLES[k].double)
             for k in kinds}
    assert len(looks) == len(kinds)
    start, end = st.NODE_STYLES["start"], st.NODE_STYLES["outcome"]
    assert start.penwidth >= 2 * end.penwidth and end.double  # by border, not only tint


def test_transitions_differ_by_line_style_not_colour_alone():
    looks = {(s.dash, s.penwidth, s.open_head) for s in st.EDGE_STYLES.values()}
    assert len(looks) == len(st.EDGE_STYLES)
    assert st.UNCONFIRMED_DASH not in {s.dash for s in st.EDGE_STYLES.values()}
    assert st.FUNDING_DASH != st.UNCONFIRMED_DASH


def test_fills_stay_light_so_boxes_print_as_pale_grey():
    assert all(luminance(s.fill) > 0.7 for s in st.NODE_STYLES.values())


def test_page_fills_behind_text_keep_strong_contrast():
    from handouts.render import boxes, tables
    from handouts.render import styles as pdf
    from handouts.render.kinds import steps

    for fill in (boxes.CALLOUT_FILL, steps.STEP_FILL, boxes.ALERT_FILL,
                 tables.HEADER_FILL):
        assert contrast(st.INK, "#" + fill.hexval()[2:]) >= 12
    assert contrast("#" + pdf.ACCENT.hexval()[2:], "#ffffff") >= 7  # headings, AAA
    assert contrast("#" + pdf.MUTED.hexval()[2:], "#ffffff") >= 7  # footers
