"""Shared test helpers: the project's paths, a spec writer, and the Graphviz marker."""

from __future__ import annotations

import os
import shutil
import struct
import textwrap
import zlib
from pathlib import Path

import pytest

from handouts.errors import SpecError
from handouts.publish.build import Report, Request, run
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
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return Path("specs") / name

    return write


def build(specs: Path | list[Path], out: Path | None = None,
          profiles: tuple[str, ...] = ("a4",), **options) -> Report:
    """Check (or, given ``out``, build) a specs folder or some spec files, as the CLI does."""
    paths = [specs] if isinstance(specs, Path) else list(specs)
    if len(paths) == 1 and paths[0].is_dir():
        folder, targets = paths[0], ()
    else:
        folder, targets = paths[0].parent, tuple(paths)
    return run(Request(folder, targets, profiles, out=out, **options))


def built(specs: Path | list[Path], out: Path | None = None,
          profiles: tuple[str, ...] = ("a4",), **options) -> Report:
    """Build and assert that nothing went wrong."""
    report = build(specs, out, profiles, **options)
    if report.errors:
        raise SpecError(report.errors)
    return report


def errors(specs: Path | list[Path], **options) -> list[str]:
    """Return the errors a check finds, as printed."""
    return [str(p) for p in build(specs, **options).errors]


def png(width: int, height: int) -> bytes:
    """Return a small grey PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0,
                                                             0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
