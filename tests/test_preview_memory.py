"""The preview's memory stays flat however long it runs: a hundred chart edits, each a new
layout, take no more than the README's 100 MB (and no more than twenty edits took)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.needs_dot
EDITS = 100
MOST_MB = 100


def peak_mb(pid: int) -> int:
    """Return the most memory a process has held (its VmHWM), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines()
                    if line.startswith("VmHWM"))) // 1024


def test_a_hundred_chart_edits_keep_the_preview_under_100_mb(tmp_path):
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copy(ROOT / "handouts.yaml", tmp_path / "handouts.yaml")
    spec = tmp_path / "specs" / "alk-sequencing.yaml"
    original = spec.read_text("utf-8")
    assert "detail: for non-squamous disease" in original
    child = subprocess.Popen([sys.executable, "-m", "handouts", "preview", "--port", "0"],
                             cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        url = line[line.index("http://"):].split()[0]

        def state(after: int | None = None) -> dict:
            query = f"?after={after}" if after is not None else ""
            with urllib.request.urlopen(f"{url}alk-sequencing/state{query}",
                                        timeout=60) as answer:
                return json.load(answer)

        seen = state()["generation"]
        peaks = {}
        for edit in range(1, EDITS + 1):  # each edit changes a box: a new layout each time
            draft = spec.with_name(".alk-sequencing.yaml.swp")
            draft.write_text(original.replace("detail: for non-squamous disease",
                                              f"detail: for non-squamous disease ({edit})"))
            os.replace(draft, spec)
            now = state(seen)
            assert now["generation"] > seen and now["ok"], now["problems"]
            seen = now["generation"]
            if edit in (20, EDITS):
                peaks[edit] = peak_mb(child.pid)
    finally:
        child.terminate()
        child.wait(30)
    assert peaks[EDITS] <= MOST_MB, peaks
    assert peaks[EDITS] - peaks[20] <= 10, peaks  # flat: the caches were full by then
