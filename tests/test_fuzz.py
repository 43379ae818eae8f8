"""Property-based fuzzing: whatever an editor types, check and build keep their promises.

- Nothing escapes as an exception: every outcome is a report.
- Every error is one located line: the file, a line number when the file has lines.
- Whenever `check` passes a spec, `build` writes it (the check-means-build promise).
- A chart drawn to be valid is valid and builds.

The number of examples is modest by default; set HANDOUTS_FUZZ_EXAMPLES for a longer run,
e.g. `HANDOUTS_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_fuzz.py`.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.publish.build import Report, Request, run

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
LOCATED = re.compile(r"^specs/spec\.yaml(:\d+:\d+)?: \S")


def outcome(text: str | bytes, build: bool) -> tuple[Report, Report | None]:
    """Check one spec, and build it if asked and the check passed; return both reports.

    Asserts the promises every outcome keeps, whatever the input.
    """
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "specs"
        folder.mkdir()
        (folder / "references.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
        path = folder / "spec.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        cwd = os.getcwd()
        os.chdir(scratch)
        try:
            checked = run(Request(Path("specs"), profiles=("a4",)))
            for problem in checked.errors:
                line = str(problem)
                assert "\n" not in line and LOCATED.match(line), line
            if checked.errors or not build:
                return checked, None
            out = Path(scratch) / "out"
            done = run(Request(Path("specs"), profiles=("a4",), out=out))
            assert not done.errors, [str(p) for p in done.errors]  # check passed: build must
            assert (out / "mini-v1.0.0.pdf").is_file() or list(out.glob("*.pdf"))
            return checked, done
        finally:
            os.chdir(cwd)


def set_in(data, keys, value):
    for key in keys[:-1]:
        data = data[key]
    data[keys[-1]] = value


@pytest.mark.needs_dot
def test_the_unmutated_spec_builds():
    _, done = outcome(yaml.safe_dump(BASE, allow_unicode=True), build=True)
    assert done is not None and done.built == ["specs/spec.yaml"]


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_give_located_errors(data):
    checked, _ = outcome(data, build=False)
    assert checked.errors  # random bytes are never a whole valid spec


@pytest.mark.needs_dot
@FUZZ
@given(st.data())
def test_mutated_specs_are_reported_or_built(data):
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
    outcome(text, build=True)


@pytest.mark.needs_dot
@FUZZ
@given(st.sampled_from(TEXT_FIELDS), st.text(max_size=300))
def test_any_unicode_in_any_text_field_is_reported_or_built(field, value):
    spec = yaml.safe_load(yaml.safe_dump(BASE))
    set_in(spec, field, value)
    outcome(yaml.safe_dump(spec, allow_unicode=True), build=True)


KINDS = ["start", "treatment", "decision", "outcome", "note"]
WHEN = ["next", "progression", "intolerance", "progression-or-intolerance"]
LANES = ["First line", "Second line", "Third line"]
WORDS = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co")), min_size=1, max_size=40)


@st.composite
def any_flowcharts(draw) -> str:
    """Draw a random flowchart: any kinds, lanes, and edges between any nodes, even unknown."""
    ids = [f"n{i}" for i in range(draw(st.integers(1, 7)))]
    nodes = {}
    for node in ids:
        entry = {"label": draw(st.text(min_size=1, max_size=30)),
                 "kind": draw(st.sampled_from(KINDS))}
        if draw(st.booleans()):
            entry["lane"] = draw(st.sampled_from([*LANES, "Nowhere"]))
        nodes[node] = entry
    edges = [{"from": draw(st.sampled_from([*ids, "missing"])), "to": draw(st.sampled_from(ids)),
              "when": draw(st.sampled_from([*WHEN, "undeclared"]))}
             for _ in range(draw(st.integers(0, 10)))]
    return _spec({"lanes": LANES, "nodes": nodes, "edges": edges})


@st.composite
def valid_flowcharts(draw) -> str:
    """Draw a flowchart that is valid by construction: a start, lanes, reachable boxes,
    loops and free-standing boxes allowed, words of any script."""
    count = draw(st.integers(1, 9))
    ids = [f"n{i}" for i in range(count)]
    nodes: dict[str, dict] = {"s": {"label": draw(WORDS), "kind": "start"}}
    edges = []
    for i, node in enumerate(ids):
        nodes[node] = {"label": draw(WORDS),
                       "kind": draw(st.sampled_from(["treatment", "decision", "outcome", "note"])),
                       "lane": draw(st.sampled_from(LANES))}
        if draw(st.booleans()):
            nodes[node]["detail"] = draw(WORDS)
        if draw(st.integers(0, 5)) == 0:
            continue  # a free-standing box: no arrows at all
        source = draw(st.sampled_from(["s", *[n for n in ids[:i] if any(
            e["to"] == n for e in edges)]]))
        edges.append({"from": source, "to": node, "when": draw(st.sampled_from(WHEN))})
    linked = [e["to"] for e in edges]
    if linked and draw(st.booleans()):  # a loop back, e.g. a re-challenge
        edges.append({"from": draw(st.sampled_from(linked)), "to": draw(st.sampled_from(linked)),
                      "when": "intolerance", "label": "re-challenge"})
    return _spec({"lanes": LANES, "nodes": nodes, "edges": _unique(edges)})


def _unique(edges: list[dict]) -> list[dict]:
    seen, out = set(), []
    for edge in edges:
        key = (edge["from"], edge["to"], edge["when"])
        if key not in seen:
            seen.add(key)
            out.append(edge)
    return out


def _spec(chart: dict) -> str:
    spec = {**{k: v for k, v in BASE.items() if k not in ("flowchart", "sections")},
            "flowchart": chart}
    return yaml.safe_dump(spec, allow_unicode=True)


@settings(max_examples=EXAMPLES * 4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(any_flowcharts())
def test_random_flowcharts_are_checked_without_crashing(text):
    outcome(text, build=False)


@pytest.mark.needs_dot
@settings(max_examples=max(10, EXAMPLES // 2), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(valid_flowcharts())
def test_valid_flowcharts_pass_check_and_build(text):
    checked, done = outcome(text, build=True)
    assert not checked.errors, [str(p) for p in checked.errors]
    assert done is not None and done.built == ["specs/spec.yaml"]
