"""The command line as an editor meets it: exit codes, messages, and what is written."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from handouts import __version__
from handouts.cli import main

from .conftest import MINIMAL


def test_broken_spec_exits_1_with_located_messages_and_writes_nothing(write_spec, tmp_path,
                                                                     capsys):
    spec = write_spec(MINIMAL.replace("to: lorlatinib, when", "to: lorlatnib, when"))
    out = tmp_path / "build"
    out.mkdir()
    (out / "old.pdf").write_bytes(b"yesterday's good handout")
    assert main(["build", str(spec), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "specs/spec.yaml:18:25: flowchart.edges[1].to: unknown node 'lorlatnib' "
        "(did you mean 'lorlatinib'?)\n"
        "handouts: 1 problem in 1 file; nothing was written\n")
    assert [p.name for p in out.iterdir()] == ["old.pdf"]
    assert (out / "old.pdf").read_bytes() == b"yesterday's good handout"


def test_one_bad_spec_does_not_stop_the_others(write_spec, tmp_path, capsys):
    good = write_spec(MINIMAL, "good.yaml")
    bad = write_spec(MINIMAL.replace("slug: mini", "slug: bad").replace("status: draft",
                                                                         "status: ok"), "bad.yaml")
    assert main(["build", str(good), str(bad), "-o", "out", "--profile", "a4"]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        "specs/bad.yaml:7:9: status: 'ok' is not one of: draft, approved\n"
        "handouts: 1 problem in 1 file; not built: specs/bad.yaml; the rest was built\n")
    assert "out/mini-v1.0.0.pdf" in captured.out.splitlines()
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert {e["slug"] for e in manifest["files"]} == {"mini"}
    assert (tmp_path / "out" / "index.html").is_file()


def test_check_validates_and_writes_nothing(write_spec, tmp_path, capsys):
    write_spec(MINIMAL)
    assert main(["check"]) == 0
    assert capsys.readouterr().err == "handouts: 1 spec valid\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["specs"]


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["publish"])
    assert exited.value.code == 2
    assert "invalid choice: 'publish'" in capsys.readouterr().err


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"handouts {__version__}\n"


def test_schema_describes_the_spec_format(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["required"] == ["slug", "title", "audience", "version", "updated",
                                  "review_due", "status"]
    chart = schema["properties"]["flowchart"]
    node = chart["properties"]["nodes"]["additionalProperties"]
    assert node["properties"]["kind"]["enum"] == ["start", "treatment", "decision", "outcome",
                                                  "note"]
    assert "id" not in node["properties"]
    edge = chart["properties"]["edges"]["items"]
    assert edge["required"] == ["from", "to"]


def test_missing_specs_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert capsys.readouterr().err.startswith("specs: no such folder")


def test_python_m_is_the_same_command(write_spec, tmp_path):
    write_spec(MINIMAL.replace("version: 1.0.0", "version: 1"))
    done = subprocess.run([sys.executable, "-m", "handouts", "check"], capture_output=True,
                          text=True, cwd=tmp_path, check=False)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "specs/spec.yaml:4:10: version: '1' is not valid (write MAJOR.MINOR.PATCH, e.g. 2.0.0)")
    assert "Traceback" not in done.stderr


def test_missing_graphviz_is_a_clear_error(write_spec, monkeypatch, capsys):
    write_spec(MINIMAL)
    monkeypatch.setenv("PATH", "/nonexistent")
    assert main(["build", "-o", "out"]) == 1
    assert capsys.readouterr().err == (
        "handouts: error: Graphviz 'dot' was not found on PATH: install Graphviz "
        "(Debian/Ubuntu: apt-get install graphviz; or run make)\n")


@pytest.mark.needs_dot
def test_a_parallel_build_prints_nothing_but_the_files(write_spec, tmp_path):
    """Workers end quietly: no traceback from a worker told to stop when the work is done."""
    for n in range(4):
        write_spec(MINIMAL.replace("slug: mini", f"slug: mini-{n}"), f"mini-{n}.yaml")
    for _ in range(3):  # a worker's stray traceback came on some runs only
        done = subprocess.run([sys.executable, "-m", "handouts", "build", "-q", "-j", "2",
                               "-o", str(tmp_path / "out")], capture_output=True, text=True,
                              cwd=tmp_path)
        assert (done.returncode, done.stderr) == (0, "")
