"""The registry of block kinds: every kind Block declares has a module saying how it is
checked, printed, shown on the web, said on the sign-off sheet and read for the reading age,
and a block of each kind reaches all five. A kind added to Block without its module, or with
a handler missing, fails here, not silently in one edition."""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import pytest

from handouts.model.handout import BLOCK_KINDS
from handouts.publish.context import Build
from handouts.render.kinds import (
    KINDS,
    Kind,
    kind_of,
    reading,
    statements,
    texts_of,
    undeclared,
)
from handouts.spec.reading import prose

from .conftest import MINIMAL, built

HANDLERS = ("check", "pdf", "html", "statements", "reading")

HANDOUT = MINIMAL.split("flowchart:")[0].replace("slug: mini", "slug: kinds") + """\
flowcharts:
  main:
    title: The chart
    lanes: [First line]
    nodes:
      start: {label: Diagnosis, kind: start}
      drug: {label: EXAMPLE drug, lane: First line}
    edges:
      - {from: start, to: drug}
sections:
  - heading: The block
    blocks:
"""

REFERENCES = """\
references:
  - id: peters2017
    type: article-journal
    title: Alectinib versus crizotinib in untreated ALK-positive non-small-cell lung cancer
    author: [{family: Peters, given: S.}]
    issued: {date-parts: [[2017]]}
    container-title: New England Journal of Medicine
"""


def test_every_kind_of_block_has_a_module_with_every_handler():
    assert undeclared() == []
    assert list(KINDS) == list(BLOCK_KINDS)
    for name, kind in KINDS.items():
        assert kind.name == name
        assert all(callable(getattr(kind, handler)) for handler in HANDLERS), name
        assert kind.example.startswith(f"- {name}:"), name


def test_a_kind_without_a_module_is_an_error_not_a_block_left_out():
    with pytest.raises(TypeError, match=r"has no module in handouts\.render\.kinds"):
        kind_of(type("Odd", (), {"kind": "diagram"})())  # type: ignore[arg-type]


def test_a_handler_left_out_fails_when_the_kind_is_declared():
    with pytest.raises(TypeError):
        Kind("diagram", str, lambda b: [], lambda b, p: [], lambda b, w: "",  # type: ignore
             lambda b, c: [])


def marker(name: str) -> str:
    """Return the word a block of kind ``name`` prints in the test project: EXAMPLETABLE."""
    return f"EXAMPLE{name.upper()}"


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory) -> tuple[Path, Build]:
    """A project whose one handout holds a block of each kind, each printing its own word
    (the chart's box says the chart's), built in A4 and HTML."""
    root = tmp_path_factory.mktemp("kinds")
    specs = root / "specs"
    specs.mkdir()
    blocks = "".join(textwrap.indent(kind.example.replace("EXAMPLE", marker(name)), " " * 6)
                     + "\n" for name, kind in KINDS.items())
    (specs / "kinds.yaml").write_text(HANDOUT.replace("EXAMPLE", marker("chart")) + blocks,
                                      "utf-8")
    (specs / "references.yaml").write_text(REFERENCES, "utf-8")
    built(specs, root / "build", profiles=("a4", "html"))
    return root / "build", Build.open(specs)


def _after(text: str, heading: str, word: str) -> bool:
    """Say whether ``word`` is printed after ``heading`` (in the block's section)."""
    return heading in text and word in text[text.index(heading):]


@pytest.mark.needs_dot
@pytest.mark.parametrize("name", BLOCK_KINDS)
def test_a_block_of_each_kind_reaches_the_pdf_the_web_the_sheet_and_the_reading_age(
        every_kind, name):
    out, build = every_kind
    handout = build.project.handout("kinds")
    word = marker(name)
    pdf = subprocess.run(["pdftotext", str(out / "kinds-v1.0.0.pdf"), "-"], check=True,
                         capture_output=True, text=True).stdout
    html = re.sub(r"<[^>]+>", " ", (out / "kinds-v1.0.0.html").read_text("utf-8"))
    said = [s for s in statements(handout) if word in s.place + s.text]
    assert _after(pdf, "The block", word), "PDF"
    assert _after(html, "The block", word), "HTML"
    assert said and all(s.place.startswith("Chart" if name == "chart" else "The block")
                        for s in said), "sign-off sheet"
    read = prose(handout, texts_of)
    assert (word in read) is (name != "chart"), "reading age"  # a chart is read as its
    # own short sentences, not as prose


def test_the_reading_age_is_read_through_the_kinds(every_kind):
    _, build = every_kind
    handout = build.project.handout("kinds")
    assert reading(handout).age > 0
