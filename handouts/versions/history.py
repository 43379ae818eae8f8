"""Find earlier versions of a spec in git history: the only code here that runs git."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
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


def history(spec: Path) -> Iterator[tuple[Handout, Bibliography]]:
    """Yield the handout as each commit that changed ``spec`` left it, newest first, with
    the bibliography of that commit; commits where it did not load are passed over.

    Each is loaded from a scratch folder.
    """
    for sha, text in versions_of(spec):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "specs"
            folder.mkdir()
            (folder / spec.name).write_text(text, "utf-8")
            references = file_at(sha, spec.parent / FILE_NAME)
            if references is not None:
                (folder / FILE_NAME).write_text(references, "utf-8")
            project = load_project(folder)
        if project.handouts and not project.shared_errors():
            yield project.handouts[0], project.bibliography


def handout_at_version(spec: Path, version: str) -> tuple[Handout, Bibliography]:
    """Return a handout as its spec stood in the newest commit that gave it ``version``."""
    seen = []
    for handout, bibliography in history(spec):
        seen.append(handout.version)
        if handout.version == version:
            return handout, bibliography
    known = ", ".join(dict.fromkeys(seen)) or "none"
    raise HandoutsError(f"{spec}: no commit has version {version} (versions in history: {known})")


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def baseline(spec: Path, current: str) -> tuple[Handout, Bibliography, bool] | None:
    """Return what a review of version ``current`` compares with: the newest earlier version
    that was approved, else the newest earlier version; and whether it was approved. None
    if no earlier version is in history."""
    earlier: list[tuple[Handout, Bibliography]] = []
    for handout, bibliography in history(spec):
        if _key(handout.version) >= _key(current):
            continue
        if handout.status == "approved":
            return handout, bibliography, True
        earlier.append((handout, bibliography))
    if not earlier:
        return None
    newest = max(earlier, key=lambda pair: _key(pair[0].version))
    return newest[0], newest[1], False
