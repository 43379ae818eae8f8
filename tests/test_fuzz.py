"""Property-based fuzzing: whatever an editor types, the outcome is a build or project errors.

The number of examples is modest by default; set HANDOUTS_FUZZ_EXAMPLES for a longer run,
e.g. `HANDOUTS_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_fuzz.py`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.errors import HandoutsError
from handouts.publish.build import build_project
from handouts.spec.project import load_project

from .conftest import MINIMAL
from .test_blocks import BLOCKS
from .test_references import BIBLIOGRAPHY

EXAMPLES = int(os.environ.get("HANDOUTS_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
BASE = yaml.safe_load(MINIMAL + BLOCKS)
TEXT_FIELDS = [("title",), ("producer",), ("contact",), ("subtitle",), ("summary",),
               ("flowchart", "nodes", "alectinib", "label"),
               ("flowchart", "nodes", "alectinib", "detail"),
               ("flowchart", "lanes", 0),
               ("flowchart", "edges", 1, "label"),
               ("sections", 0, "heading"), ("sections", 0, "blocks", 0, "text"),
               ("sections", 0, "blocks", 1, "bullets", 0),
               ("sections", 2, "blocks", 0, "table", "rows", 0, 1),
               ("sections", 2, "blocks", 1, "callout", "text")]


def outcome(text: str | bytes, build: bool) -> bool:
    """Load (and maybe build) one spec; only success (True) or a project error may come out."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "specs"
        folder.mkdir()
        (folder / "references.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
        path = folder / "spec.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        try:
            project = load_project([path])
            if build:
                build_project(project, Path(scratch) / "out")
        except HandoutsError:
            return False
        return True


def set_in(data, keys, value):
    for key in keys[:-1]:
        data = data[key]
    data[keys[-1]] = value


@pytest.mark.needs_dot
def test_the_unmutated_spec_builds():
    assert outcome(yaml.safe_dump(BASE, allow_unicode=True), build=True)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    outcome(data, build=False)


@FUZZ
@given(st.data())
def test_mutated_specs(data):
    text = MINIMAL + BLOCKS
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["delete", "insert", "duplicate-line"]))
        if action == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, 20)):]
        elif action == "insert":
            text = text[:at] + data.draw(st.sampled_from(
                ["\t", ":", "- ", "{", "[", "&a ", "*a", "!!python/object ", "'", '"', "\n  ",
                 "@", "#", "%", "\\", "\x00", "é", "≥"])) + text[at:]
        else:
            lines = text.splitlines(keepends=True)
            i = min(at % max(len(lines), 1), len(lines) - 1)
            text = "".join(lines[:i + 1] + lines[i:])
    outcome(text, build=False)


@pytest.mark.needs_dot
@FUZZ
@given(st.sampled_from(TEXT_FIELDS), st.text(max_size=300))
def test_any_unicode_in_any_text_field_builds_or_is_reported(field, value):
    spec = yaml.safe_load(yaml.safe_dump(BASE))
    set_in(spec, field, value)
    outcome(yaml.safe_dump(spec, allow_unicode=True), build=True)


@st.composite
def flowcharts(draw) -> str:
    """Draw a random flowchart: any kinds, lanes, and edges between any nodes."""
    lanes = ["First line", "Second line", "Third line"]
    ids = [f"n{i}" for i in range(draw(st.integers(1, 7)))]
    nodes = {}
    for node in ids:
        entry = {"label": draw(st.text(min_size=1, max_size=30)),
                 "kind": draw(st.sampled_from(["start", "treatment", "decision", "outcome",
                                               "note"]))}
        if draw(st.booleans()):
            entry["lane"] = draw(st.sampled_from([*lanes, "Nowhere"]))
        if draw(st.booleans()):
            entry["unconfirmed"] = "not yet confirmed"
        nodes[node] = entry
    edges = [{"from": draw(st.sampled_from([*ids, "missing"])), "to": draw(st.sampled_from(ids)),
              "when": draw(st.sampled_from(["next", "progression", "intolerance",
                                            "progression-or-intolerance"]))}
             for _ in range(draw(st.integers(0, 10)))]
    spec = {**{k: v for k, v in BASE.items() if k not in ("flowchart", "sections")},
            "flowchart": {"lanes": lanes, "nodes": nodes, "edges": edges}}
    return yaml.safe_dump(spec, allow_unicode=True)


@settings(max_examples=EXAMPLES * 8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(flowcharts())
def test_random_flowcharts_are_checked_without_crashing(text):  # cheap: 8 times as many
    outcome(text, build=False)


@pytest.mark.needs_dot
@settings(max_examples=max(5, EXAMPLES // 5), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(flowcharts())
def test_random_valid_flowcharts_build(text):
    outcome(text, build=True)
