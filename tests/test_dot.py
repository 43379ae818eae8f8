"""Golden tests of the DOT text of every shipped flowchart (no Graphviz needed).

Regenerate after an intended change with `make golden`, then review the diff.
"""

from __future__ import annotations

import os

import pytest

from handouts.layout.dot import flowchart_dot
from handouts.spec.project import load_handout

from .conftest import ROOT, SHIPPED

GOLDEN = ROOT / "tests" / "golden"


CHARTED = [p for p in SHIPPED if load_handout(p).flowchart is not None]


@pytest.mark.parametrize("spec", CHARTED, ids=lambda p: p.stem)
def test_dot_matches_golden(spec):
    handout = load_handout(spec)
    dot = flowchart_dot(handout.slug, handout.flowchart)
    golden = GOLDEN / f"{handout.slug}.dot"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(dot, encoding="utf-8")
    assert dot == golden.read_text(encoding="utf-8")


def test_awkward_text_is_literal_in_dot(write_spec):
    from .conftest import MINIMAL

    spec = write_spec(MINIMAL.replace("label: Alectinib", 'label: "A<b> & \\"q\\" {x} \\\\n"'))
    dot = flowchart_dot("mini", load_handout(spec).flowchart)
    assert '"alectinib" [label=<A&lt;b&gt; &amp; &quot;q&quot; {x} \\n>' in dot


def test_lanes_become_clusters_in_order(write_spec):
    from .conftest import MINIMAL

    dot = flowchart_dot("mini", load_handout(write_spec(MINIMAL)).flowchart)
    first = dot.index('subgraph "cluster_1"')
    assert dot.index('"alectinib" [') > first
    assert dot.index('"lorlatinib" [') > dot.index('subgraph "cluster_2"') > first
    assert '"lane-1" [label=<<B>First<BR/>line</B>>' in dot
    assert '{rank=same; "lane-2"; "lorlatinib"}' in dot


def test_transitions_have_distinct_line_styles_and_words(write_spec):
    from .conftest import MINIMAL

    text = MINIMAL.replace("when: progression}", "when: intolerance}")
    dot = flowchart_dot("mini", load_handout(write_spec(text)).flowchart)
    assert '"alectinib" -> "lorlatinib" [style="dashed", penwidth="1.6", label=<intolerance>]' in dot
    assert '"start" -> "alectinib" [style="solid", penwidth="1.0", arrowhead="onormal"]' in dot
