"""Find earlier versions of a spec in git history: the only code here that runs git."""

from __future__ import annotations

import tempfile
from pathlib import Path

from handouts.errors import HandoutsError
from handouts.model.handout import Handout
from handouts.process import run
from handouts.spec.bibliography import FILE_NAME, Bibliography
from handouts.spec.project import load_project


def _git(*args: str) -> str:
    return run("git", list(args), install="install git (apt-get install git)").decode("utf-8")


def versions_of(path: Path) -> list[tuple[str, str]]:
    """Return (commit, file text) for each commit that changed ``path``, newest first."""
    commits = _git("log", "--format=%H", "--", str(path)).split()
    return [(sha, _git("show", f"{sha}:{path.as_posix()}")) for sha in commits]


def file_at(commit: str, path: Path) -> str | None:
    """Return ``path`` as it was at ``commit``, or None if it did not exist."""
    try:
        return _git("show", f"{commit}:{path.as_posix()}")
    except HandoutsError:
        return None


def handout_at_version(spec: Path, version: str) -> tuple[Handout, Bibliography]:
    """Return a handout as its spec stood in the newest commit that gave it ``version``.

    Each candidate is loaded, with the bibliography of its commit, from a scratch folder.
    """
    seen = []
    for sha, text in versions_of(spec):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "specs"
            folder.mkdir()
            (folder / spec.name).write_text(text, "utf-8")
            references = file_at(sha, spec.parent / FILE_NAME)
            if references is not None:
                (folder / FILE_NAME).write_text(references, "utf-8")
            project = load_project(folder)
        if not project.handouts or project.shared_errors():
            continue
        handout = project.handouts[0]
        seen.append(handout.version)
        if handout.version == version:
            return handout, project.bibliography
    known = ", ".join(dict.fromkeys(seen)) or "none"
    raise HandoutsError(f"{spec}: no commit has version {version} (versions in history: {known})")
