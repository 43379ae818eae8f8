"""Faults (issue 25): special files, dead workers, interrupted and concurrent builds, a full
disk. Nothing hangs, and build/ always matches its manifest."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from handouts.cli import main
from handouts.publish import render_all

from .conftest import MINIMAL, ROOT

pytestmark = pytest.mark.needs_dot
CURRENT = MINIMAL.replace("2026-01-01", "2027-01-01")


def handouts(cwd: Path, *args: str, prelude: str = "",
             timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the command in a new process (after ``prelude``, Python that injects a fault);
    fail the test, rather than hang, if it has not ended within ``timeout`` seconds."""
    code = textwrap.dedent(prelude) + f"\nfrom handouts.cli import main\nraise SystemExit(main({list(args)!r}))\n"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"handouts {' '.join(args)} was still running after {timeout} s")
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


# Case 5: special files neither hang nor exhaust memory.

def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


FIFO_SAID = "this is a named pipe (FIFO), not a file (give a regular file saved by an editor)"


@pytest.mark.parametrize("name", ["specs/zz.yaml", "specs/packs/p.yaml", "handouts.yaml",
                                  "specs/references.yaml"])
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_fifo_among_the_inputs_is_one_line_not_a_hang(write_spec, tmp_path, name, command):
    write_spec(CURRENT)
    fifo(tmp_path / name)
    done = handouts(tmp_path, command, *(["-o", "out"] if command == "build" else []),
                    "--profile", "a4", timeout=60)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == f"{name}: {FIFO_SAID}"
    assert "Traceback" not in done.stderr


def test_a_fifo_logo_is_one_line_not_a_hang(write_spec, tmp_path):
    write_spec(CURRENT)
    fifo(tmp_path / "logo.png")
    (tmp_path / "handouts.yaml").write_text("publisher:\n  logo: logo.png\n")
    done = handouts(tmp_path, "check", "--profile", "a4", timeout=60)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == f"handouts.yaml:2:3: publisher.logo: the logo " \
                                          f"'logo.png': {FIFO_SAID}"


def test_a_link_to_dev_zero_is_refused_before_it_is_read(write_spec, tmp_path):
    write_spec(CURRENT)
    (tmp_path / "specs" / "zero.yaml").symlink_to("/dev/zero")
    done = handouts(tmp_path, "check", "--profile", "a4", timeout=60)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "specs/zero.yaml: this file is a link to a file outside the project (keep the file "
        "itself in the project's folder)")


def test_a_huge_file_is_refused_by_its_size_before_it_is_read(write_spec, tmp_path):
    write_spec(CURRENT)
    with open(tmp_path / "specs" / "huge.yaml", "wb") as huge:
        huge.truncate(8 << 30)  # 8 GB, sparse: reading it would take all the memory
    done = handouts(tmp_path, "check", "--profile", "a4", timeout=60, prelude="""
        import resource  # 3 GB of memory at most: reading the file first would run out
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
        """)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == "specs/huge.yaml: the file is larger than 2 MB (is " \
                                          "this the right file?)"


# Case 6: a dead worker ends the build; -j is capped.

KILL_A_WORKER = """
import os, signal
from handouts.publish import render_all
real = render_all.render_handout_part
def dying(handout, digest, part, build):
    if part == "html":  # the OOM killer takes this worker
        os.kill(os.getpid(), signal.SIGKILL)
    return real(handout, digest, part, build)
render_all.render_handout_part = dying
"""


def test_a_killed_worker_ends_the_build_with_one_message(write_spec, tmp_path):
    write_spec(CURRENT)
    done = handouts(tmp_path, "build", "-j", "2", "-o", "out", prelude=KILL_A_WORKER)
    assert done.returncode == 1
    assert done.stderr == (
        "handouts: error: a typesetting process stopped before it finished (killed, or out of "
        "memory?); nothing was written: build again, with fewer processes (-j 1) if memory is "
        "short\n")
    assert not (tmp_path / "out").exists()


def test_jobs_are_capped_at_the_cpu_count(write_spec, monkeypatch, capsys):
    write_spec(CURRENT)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    asked = []
    real = render_all._in_workers
    monkeypatch.setattr(render_all, "_in_workers",
                        lambda work, pieces, jobs: asked.append(jobs) or real(work, pieces, jobs))
    assert main(["check", "-j", "99999", "--profile", "a4"]) == 0
    assert capsys.readouterr().err.splitlines()[0] == (
        "handouts: -j 99999 is more than the 2 CPUs here: typesetting in 2 processes")
    assert asked == [2]


# Case 7: build/ never lies.

def listed_but_different(out: Path) -> list[str]:
    """Return the files of the manifest whose size or SHA-256 differ from the file present."""
    manifest = json.loads((out / "manifest.json").read_text())
    return [e["file"] for e in manifest["files"]
            if not (out / e["file"]).is_file()
            or hashlib.sha256((out / e["file"]).read_bytes()).hexdigest() != e["sha256"]
            or (out / e["file"]).stat().st_size != e["bytes"]]


def renamed(nth: int, then: str) -> str:
    """Return a prelude that runs ``then`` before the ``nth`` move of a temporary file into
    place (the first is the manifest-to-be, the second the first output)."""
    return f"""
    import os, signal
    real, count = os.replace, [0]
    def replace(source, target, **kw):
        if ".tmp" in str(source):
            count[0] += 1
            if count[0] == {nth}:
                {then}
        return real(source, target, **kw)
    os.replace = replace
    """


@pytest.fixture
def built(write_spec, tmp_path):
    """A folder holding yesterday's good build of one spec, and the spec changed since."""
    spec = write_spec(CURRENT)
    assert main(["build", "-o", "out", "--profile", "a4", "--profile", "a5"]) == 0
    spec.write_text(CURRENT.replace("A small chart", "A renamed chart"))
    return tmp_path / "out"


def test_sigterm_while_files_move_into_place_leaves_the_manifest_true(built, tmp_path):
    done = handouts(tmp_path, "build", "-o", "out", "--profile", "a4", "--profile", "a5",
                    prelude=renamed(3, "os.kill(os.getpid(), signal.SIGTERM)"))
    assert done.returncode == 130
    assert done.stderr.endswith("handouts: interrupted; no file was left half-written\n")
    assert listed_but_different(built) == []
    assert "A renamed chart" in (built / "mini-v1.0.0.html").read_text()  # it had finished


def test_a_build_killed_while_files_move_is_mended_by_the_next(built, tmp_path):
    done = handouts(tmp_path, "build", "-o", "out", "--profile", "a4", "--profile", "a5",
                    prelude=renamed(3, "os.kill(os.getpid(), signal.SIGKILL)"))
    assert done.returncode == -signal.SIGKILL
    changed = listed_but_different(built)
    assert changed  # what kill -9 leaves: two new files the manifest does not describe
    other = tmp_path / "specs" / "other.yaml"
    other.write_text(CURRENT.replace("slug: mini", "slug: other"))
    again = handouts(tmp_path, "build", str(other.relative_to(tmp_path)), "-o", "out",
                     "--profile", "a4")
    assert again.returncode == 0
    assert again.stderr.splitlines() == [
        f"out/{name}: manifest.json described an older file (the last build was "
        "interrupted): now lists the file present" for name in sorted(changed)]
    assert listed_but_different(built) == []
    entries = {e["file"]: e for e in json.loads((built / "manifest.json").read_text())["files"]}
    assert entries["other-v1.0.0.pdf"]["slug"] == "other"
    assert all(entries[name]["title"] == "A renamed chart" for name in changed)


def test_a_file_that_matches_no_entry_is_removed_and_said(built, tmp_path, capsys):
    (built / "mini-v1.0.0-a5.pdf").write_bytes(b"not what the manifest lists")
    (tmp_path / "specs" / "spec.yaml").write_text(CURRENT)
    other = tmp_path / "specs" / "other.yaml"
    other.write_text(CURRENT.replace("slug: mini", "slug: other"))
    assert main(["build", "specs/other.yaml", "-o", "out", "--profile", "a4"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "out/mini-v1.0.0-a5.pdf: matched no entry of manifest.json (left by an interrupted "
        "build?): removed; build its spec again to make it"]
    assert listed_but_different(built) == [] and not (built / "mini-v1.0.0-a5.pdf").exists()


def test_files_move_into_place_under_the_folder_lock(built, monkeypatch):
    real, moves = os.replace, []

    def replace(source, target, **kw):
        lock = os.open(built / ".lock", os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            moves.append((Path(target).name, "unlocked"))
        except BlockingIOError:
            moves.append((Path(target).name, "locked"))
        finally:
            os.close(lock)
        return real(source, target, **kw)

    monkeypatch.setattr(os, "replace", replace)
    assert main(["build", "-o", "out", "--profile", "a4"]) == 0
    files = {name for name, _ in moves}
    assert {"mini-v1.0.0.pdf", "manifest.json", "index.html"} <= files
    assert [m for m in moves if m[1] != "locked"] == []


def test_a_full_disk_while_writing_the_manifest_changes_nothing(built, monkeypatch, capsys):
    from .test_hardening import snapshot

    before = snapshot(built)
    from handouts import atomic
    real = atomic._temporary

    def full(path, data):
        if "manifest" in path.name:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data)

    monkeypatch.setattr(atomic, "_temporary", full)
    assert main(["build", "-o", "out", "--profile", "a4", "--profile", "a5"]) == 1
    err = capsys.readouterr().err.splitlines()[-1]
    assert err.startswith("handouts: error: cannot write to ") and err.endswith(
        "No space left on device; nothing in out was changed")
    assert snapshot(built) == before


def test_a_full_disk_while_files_move_says_what_was_written(built, monkeypatch, capsys):
    real, count = os.replace, [0]

    def replace(source, target, **kw):
        if ".tmp" in str(source):
            count[0] += 1
            if count[0] == 3:
                raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real(source, target, **kw)

    monkeypatch.setattr(os, "replace", replace)
    assert main(["build", "-o", "out", "--profile", "a4", "--profile", "a5"]) == 1
    err = capsys.readouterr().err.splitlines()[-1]
    assert err == (
        "handouts: error: cannot write to out/mini-v1.0.0-a5.pdf: No space left on device; "
        "written: mini-v1.0.0.pdf; not written: mini-v1.0.0-a5.pdf, mini-v1.0.0-a5-booklet.pdf, "
        "mini-v1.0.0.html, mini-flowchart-v1.0.0.pdf, mini-flowchart-v1.0.0.svg, "
        "mini-flowchart-v1.0.0.png, mini-flowchart-v1.0.0.txt, versions/mini/1.0.0.html, "
        "manifest.json; the next build lists them correctly in manifest.json")
    monkeypatch.setattr(os, "replace", real)
    assert main(["build", "-o", "out", "--profile", "a4", "--profile", "a5"]) == 0
    assert listed_but_different(built) == []


def test_builds_with_different_inputs_at_once_agree_with_the_manifest(write_spec, tmp_path):
    for i in range(3):
        project = tmp_path / f"p{i}"
        (project / "specs").mkdir(parents=True)
        (project / "specs" / "mini.yaml").write_text(CURRENT.replace("A small chart",
                                                                     f"Chart {i}"))
    procs = [subprocess.Popen([sys.executable, "-m", "handouts", "build", "-o",
                               str(tmp_path / "out"), "--profile", "a4"],
                              cwd=tmp_path / f"p{i}", stdout=subprocess.DEVNULL,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
             for i in range(3)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    assert listed_but_different(tmp_path / "out") == []
