"""The error corpus: one small spec per failure mode, each with its message pinned exactly.

Each file in tests/errors/ is built on its own; the expected standard error is in the
.err file beside it. After an intended change of wording, regenerate them with
`UPDATE_GOLDEN=1 make test` and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from handouts.cli import main

CORPUS = Path(__file__).parent / "errors"
CASES = sorted(p for p in CORPUS.glob("*.yaml") if p.name != "references.yaml")


@pytest.mark.needs_dot
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_each_broken_spec_gives_its_pinned_message(case, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    shutil.copy(case, tmp_path / "specs" / case.name)
    shutil.copy(CORPUS / "references.yaml", tmp_path / "specs")
    status = main(["build", f"specs/{case.name}", "-o", "out", "--profile", "a4"])
    err = capsys.readouterr().err
    expected = case.with_suffix(".err")
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(err, encoding="utf-8")
    assert (status, err) == (1, expected.read_text(encoding="utf-8"))
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
    # check finds exactly what build finds: the same lines, the same exit status
    assert main(["check", f"specs/{case.name}", "--profile", "a4"]) == 1
    checked = capsys.readouterr().err.splitlines()
    assert checked[:-1] == err.splitlines()[:-1]
