"""make rebuilds what changed and nothing else; a build with nothing to do starts no Python."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.needs_dot


def make(*args: str, **env: str) -> str:
    done = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", *args],
                          capture_output=True, text=True, env={**os.environ, **env},
                          check=True)
    return done.stdout


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A copy of the shipped specs, built once with make into a scratch folder."""
    if not (ROOT / ".venv" / ".ready").exists() or shutil.which("make") is None:
        pytest.skip("needs make and the project's .venv (run `make` first)")
    root = tmp_path_factory.mktemp("lib")
    shutil.copytree(ROOT / "specs", root / "specs")
    paths = {"SPECS": str(root / "specs"), "BUILD": str(root / "build")}
    make(*(f"{k}={v}" for k, v in paths.items()))
    return root, [f"{k}={v}" for k, v in paths.items()]


def test_nothing_to_do_runs_nothing(library):
    _, args = library
    assert make(*args) == ""


def test_touching_one_spec_rebuilds_only_it_and_the_pack(library):
    root, args = library
    before = {p.name: p.stat().st_mtime_ns for p in (root / "build").glob("*.pdf")}
    os.utime(root / "specs" / "alk-surveillance.yaml")
    commands = [line for line in make(*args).splitlines() if line.startswith(".venv/bin/")]
    assert [c.split()[1] for c in commands] == ["check", "build", "pack", "site"]
    assert commands[1].endswith(f" -o {root}/build {root}/specs/alk-surveillance.yaml")
    after = {p.name: p.stat().st_mtime_ns for p in (root / "build").glob("*.pdf")}
    changed = sorted(name for name in after if after[name] != before.get(name))
    profiles = ["-a5", "-large-print", "-letter", ""]
    assert changed == sorted([*(f"alk-pack-v1.0.0{p}.pdf" for p in profiles),
                              *(f"alk-surveillance-v1.0.0{p}.pdf" for p in profiles)])
    assert make(*args) == ""
