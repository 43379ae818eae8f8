"""Failures outside the spec: Graphviz hanging or failing, interrupted and failed writes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handouts import atomic as write
from handouts.cli import main

from .conftest import MINIMAL

REAL_DOT = shutil.which("dot") or "dot"


def fake_dot(tmp_path: Path, body: str) -> str:
    """Put a fake `dot` first on PATH; return the new PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "dot"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return f"{bin_dir}{os.pathsep}{os.environ['PATH']}"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(write_spec, tmp_path):
    """A folder holding yesterday's good build."""
    write_spec(MINIMAL)
    out = tmp_path / "out"
    assert main(["build", "-o", str(out)]) == 0
    return out


@pytest.mark.needs_dot
def test_a_hanging_graphviz_is_stopped(built, tmp_path, monkeypatch, capsys):
    before = snapshot(built)
    monkeypatch.setenv("PATH", fake_dot(tmp_path, "sleep 30"))
    monkeypatch.setenv("HANDOUTS_DOT_TIMEOUT", "0.5")
    started = time.monotonic()
    assert main(["build", "-o", str(built)]) == 1
    assert time.monotonic() - started < 10
    assert capsys.readouterr().err.endswith(
        "handouts: error: Graphviz 'dot' took longer than 0.5 s and was stopped; simplify the "
        "flowchart, or check the Graphviz installation\n")
    assert snapshot(built) == before


@pytest.mark.needs_dot
def test_a_failing_graphviz_is_reported(built, tmp_path, monkeypatch, capsys):
    before = snapshot(built)
    monkeypatch.setenv("PATH", fake_dot(tmp_path, "echo 'Error: <stdin>: syntax error in line 1' >&2; exit 1"))
    assert main(["build", "-o", str(built)]) == 1
    assert capsys.readouterr().err.endswith(
        "handouts: error: Graphviz 'dot' failed: Error: <stdin>: syntax error in line 1\n")
    assert snapshot(built) == before


@pytest.mark.needs_dot
def test_a_failed_write_changes_nothing(built, monkeypatch, capsys):
    before = snapshot(built)
    calls = []

    def full_disk(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(path))
        return real(path, data)

    real = write._temporary
    monkeypatch.setattr(write, "_temporary", full_disk)
    (Path("specs/spec.yaml")).write_text(MINIMAL.replace("label: Alectinib", "label: Alectinib "
                                                          "600 mg").replace("1.0.0", "1.0.1"))
    assert main(["build", "-o", str(built)]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "nothing in" in err
    assert snapshot(built) == before  # no new version, no temporary files, old files intact


@pytest.mark.needs_dot
def test_sigterm_during_a_build_loses_nothing(built, tmp_path):
    before = snapshot(built)
    env = {**os.environ, "PATH": fake_dot(tmp_path, f"sleep 3; exec {REAL_DOT} \"$@\"")}
    (tmp_path / "specs" / "spec.yaml").write_text(MINIMAL.replace("1.0.0", "1.0.1"))
    proc = subprocess.Popen([sys.executable, "-m", "handouts", "build", "-o", str(built)],
                            cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.endswith("handouts: interrupted; no file was left half-written\n")
    assert snapshot(built) == before


@pytest.mark.needs_dot
def test_parallel_builds_into_one_folder_keep_every_manifest_entry(write_spec, tmp_path):
    names = [f"p{i}" for i in range(4)]
    for name in names:
        write_spec(MINIMAL.replace("slug: mini", f"slug: {name}"), f"{name}.yaml")
    procs = [subprocess.Popen([sys.executable, "-m", "handouts", "build", f"specs/{n}.yaml",
                               "-o", "out"], cwd=tmp_path, stdout=subprocess.DEVNULL)
             for n in names]
    assert [p.wait(timeout=60) for p in procs] == [0] * len(names)
    manifest = (tmp_path / "out" / "manifest.json").read_text()
    assert all(f'"{n}-v1.0.0.pdf"' in manifest for n in names)
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_a_long_list_builds_each_key_table_once_however_many_items_it_locates(write_spec,
                                                                              monkeypatch):
    """Issue 25, case 4: locating each item rebuilt its mapping's table of keys, so a list of
    N items cost N² (50,000 items ran for minutes); now each table is built once."""
    from functools import cached_property

    from handouts.model.fields import Where
    from handouts.spec.project import load_project

    builds = []
    table = Where.positions.func  # type: ignore[attr-defined]
    counted = cached_property(lambda where: builds.append(where) or table(where))
    counted.__set_name__(Where, "positions")
    monkeypatch.setattr(Where, "positions", counted)
    items = ", ".join(f"item {i}" for i in range(5000))
    write_spec(MINIMAL + f"sections:\n  - heading: A long list\n    blocks:\n"
                         f"      - bullets: [{items}]\n")
    project = load_project(Path("specs"))
    assert project.handouts and not [p for p in project.problems if not p.warning]
    assert 0 < len(builds) == len({id(where) for where in builds}) < 50
