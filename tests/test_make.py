"""make rebuilds what changed and nothing else; a build with nothing to do starts no Python.

Whoever builds, build/ stays consistent: `handouts build` by hand gives make's bytes and
keeps the manifest and the download page in step, and make notices review dates passing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from .conftest import ROOT

pytestmark = pytest.mark.needs_dot
LATER = "2027-06-01"  # the surveillance handout's review date in the copy below
def version(slug: str) -> str:
    """Return the version a shipped spec has now, as its output names carry it."""
    return re.search(r"^version: (\S+)$", (ROOT / "specs" / f"{slug}.yaml").read_text("utf-8"),
                     re.M).group(1)


SURVEILLANCE = f"alk-surveillance-v{version('alk-surveillance')}"
PACK = f"alk-pack-v{version('packs/alk-pack')}"
EARLY = f"alk-early-stage-v{version('alk-early-stage')}"
AFTER = "1814400000"  # 2027-07-01: after LATER, before the other handouts' review dates


def make(*args: str, **env: str) -> str:
    done = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", *args],
                          capture_output=True, text=True, env={**os.environ, **env},
                          check=True)
    return done.stdout


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A copy of the shipped project, built once with make into a scratch folder."""
    if not (ROOT / ".venv" / ".ready").exists() or shutil.which("make") is None:
        pytest.skip("needs make and the project's .venv (run `make` first)")
    root = tmp_path_factory.mktemp("lib")
    shutil.copytree(ROOT / "specs", root / "specs")
    shutil.copy(ROOT / "handouts.yaml", root / "handouts.yaml")
    spec = root / "specs" / "alk-surveillance.yaml"
    spec.write_text(re.sub(r"review_due: \S+", f"review_due: {LATER}", spec.read_text()))
    paths = {"SPECS": str(root / "specs"), "BUILD": str(root / "build")}
    make(*(f"{k}={v}" for k, v in paths.items()), SOURCE_DATE_EPOCH="1790000000")
    return root, [f"{k}={v}" for k, v in paths.items()]


def mtimes(root):
    return {p.name: p.stat().st_mtime_ns for p in (root / "build").glob("*.*")
            if p.suffix in (".pdf", ".html") and p.name != "index.html"}


def commands(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(".venv/bin/")]


def test_nothing_to_do_runs_nothing(library):
    _, args = library
    assert make(*args, SOURCE_DATE_EPOCH="1790000000") == ""


def test_touching_one_spec_rebuilds_only_it_and_its_pack(library):
    root, args = library
    before = mtimes(root)
    os.utime(root / "specs" / "alk-surveillance.yaml")
    ran = commands(make(*args, SOURCE_DATE_EPOCH="1790000000"))
    assert ran == [f".venv/bin/handouts build --jobs 0 -o {root}/build "
                   f"{root}/specs/alk-surveillance.yaml {root}/specs/packs/alk-pack.yaml"]
    after = mtimes(root)
    changed = sorted(name for name in after if after[name] != before.get(name))
    profiles = ["-a5", "-a5-booklet", "-large-print", "-letter", ""]
    assert changed == sorted([*(f"{PACK}{p}.pdf" for p in profiles), f"{PACK}.html",
                              *(f"{SURVEILLANCE}{p}.pdf" for p in profiles),
                              f"{SURVEILLANCE}.html"])
    assert make(*args, SOURCE_DATE_EPOCH="1790000000") == ""


def test_make_shows_the_warnings_of_what_it_builds(library):
    """make builds as `handouts build` does, warnings and all: an uncited reference or a
    placeholder address is said every time it builds."""
    root, args = library
    os.utime(root / "specs" / "alk-surveillance.yaml")
    done = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", *args],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1790000000"})
    assert f"{root}/handouts.yaml:7:1: base_url: warning: the publishing address is a " \
           "placeholder" in done.stderr
    assert make(*args, SOURCE_DATE_EPOCH="1790000000") == ""


def test_a_review_date_passing_rebuilds_exactly_the_handouts_now_overdue(library):
    root, args = library
    before = mtimes(root)
    ran = commands(make(*args, SOURCE_DATE_EPOCH=AFTER))
    assert ran == [f".venv/bin/handouts build --jobs 0 -o {root}/build "
                   f"{root}/specs/alk-surveillance.yaml {root}/specs/packs/alk-pack.yaml"]
    after = mtimes(root)
    changed = {name for name in after if after[name] != before.get(name)}
    assert {n for n in changed if not n.startswith("alk-pack")} == {
        *(f"{SURVEILLANCE}{p}.pdf" for p in ["-a5", "-a5-booklet", "-large-print", "-letter", ""]),
        f"{SURVEILLANCE}.html"}
    first = PdfReader(root / "build" / f"{SURVEILLANCE}.pdf").pages[0].extract_text()
    assert "REVIEW OVERDUE" in first
    assert make(*args, SOURCE_DATE_EPOCH=AFTER) == ""


def test_building_by_hand_gives_makes_bytes_and_keeps_the_site_consistent(library):
    root, args = library
    build = root / "build"
    make(*args, SOURCE_DATE_EPOCH=AFTER)
    name = f"{EARLY}.pdf"
    made = (build / name).read_bytes()
    (build / name).write_bytes(b"damaged")
    done = subprocess.run([sys.executable, "-m", "handouts", "build",
                           "specs/alk-early-stage.yaml", "-o", "build"], cwd=root,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "SOURCE_DATE_EPOCH": AFTER})
    assert done.returncode == 0, done.stderr
    assert (build / name).read_bytes() == made  # the same bytes as make's
    manifest = json.loads((build / "manifest.json").read_text())
    page = (build / "index.html").read_text()
    for entry in manifest["files"]:
        data = (build / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), entry["file"]
        if entry["kind"] == "version-page":  # in a version history, not a download
            assert f'href="{entry["file"]}"' in page, entry["file"]
        else:
            assert entry["sha256"] in page, entry["file"]
