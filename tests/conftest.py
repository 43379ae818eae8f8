"""Shared test helpers: the project's paths, a spec writer, and the Graphviz marker."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

from handouts.spec.project import find_specs

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
SHIPPED = find_specs(SPECS)

MINIMAL = """\
slug: mini
title: A small chart
audience: clinician
version: 1.0.0
updated: 2025-01-01
review_due: 2026-01-01
status: draft
producer: Test producer
contact: test@example.org
flowchart:
  lanes: [First line, Second line]
  nodes:
    start: {label: Diagnosis, kind: start}
    alectinib: {label: Alectinib, lane: First line}
    lorlatinib: {label: Lorlatinib, lane: Second line}
  edges:
    - {from: start, to: alectinib}
    - {from: alectinib, to: lorlatinib, when: progression}
"""


AS_OF = "1748736000"  # 2025-06-01: tests judge review dates against a fixed day


def pytest_configure(config: pytest.Config) -> None:
    """Judge review dates (and date PDFs) by a fixed day, so no test changes with the calendar."""
    os.environ["SOURCE_DATE_EPOCH"] = AS_OF


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip tests that need Graphviz, saying why, when ``dot`` is not installed."""
    if shutil.which("dot"):
        return
    skip = pytest.mark.skip(reason="Graphviz 'dot' is not installed (run `make` to install it)")
    for item in items:
        if "needs_dot" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def write_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Return a function that writes a spec under tmp_path/specs and returns its path.

    The working folder becomes tmp_path, so messages show 'specs/NAME'.
    """
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()

    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / "specs" / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return Path("specs") / name

    return write
