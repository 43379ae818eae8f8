"""Find earlier versions of a spec in git history: the only code here that runs git."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import yaml

from handouts.errors import HandoutsError, SpecError
from handouts.model.handout import Handout
from handouts.process import run
from handouts.spec.bibliography import FILE_NAME, Bibliography
from handouts.spec.project import SETTINGS_FILE, Project, load_project
from handouts.versions.canonical import content_hash
from handouts.versions.release import LOCK_FILE, lock_entries

INSTALL = "install git (apt-get install git)"


def _git(*args: str) -> str:
    return run("git", list(args), install=INSTALL).decode("utf-8")


def blobs(folder: Path, wanted: list[str]) -> list[bytes | None]:
    """Return each of ``wanted``, 'COMMIT:PATH' with PATH relative to ``folder``, as it was
    at that commit (None where it did not exist), read by one git process."""
    if not wanted:
        return []
    asked = "".join(f"{w.partition(':')[0]}:./{w.partition(':')[2]}\n" for w in wanted)
    out = run("git", ["-C", str(folder), "cat-file", "--batch"], data=asked.encode("utf-8"),
              install=INSTALL, what="reading the project's history")
    found: list[bytes | None] = []
    at = 0
    for _ in wanted:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":  # missing, or not a file
            found.append(None)
            continue
        size = int(header[2])
        found.append(out[at:at + size])
        at += size + 1
    return found


def release_commits(folder: Path) -> dict[tuple[str, str], str]:
    """Return, for each (slug, version) the release record of ``folder`` has held, the
    commit that first recorded it; nothing outside a git repository (ToolError)."""
    commits = run("git", ["-C", str(folder), "log", "--format=%H", "--reverse", "--",
                          LOCK_FILE], install=INSTALL,
                  what="reading the project's history").decode().split()
    found: dict[tuple[str, str], str] = {}
    for commit, data in zip(commits, blobs(folder, [f"{c}:{LOCK_FILE}" for c in commits])):
        try:
            lock = lock_entries(json.loads(data or b"null"), LOCK_FILE)
        except (ValueError, SpecError):
            continue  # a damaged record in history: its versions are found in a later one
        for slug, versions in lock.items():
            for version in versions:
                found.setdefault((slug, version), commit)
    return found


def released_content(folder: Path, spec: str, commits: dict[str, str],
                     digests: dict[str, str]) -> dict[str, tuple[Handout, Bibliography]]:
    """Return each version of the handout in the file ``spec`` of the specs ``folder`` as the
    commit that released it left it (``commits``: version → commit), with its bibliography;
    only those whose content hash is the one recorded (``digests``), so that a page says
    what changed since the content that was released and nothing else."""
    versions = sorted(commits)
    wanted = [f"{commits[v]}:{name}" for v in versions for name in (spec, FILE_NAME)]
    texts = blobs(folder, wanted)
    found = {}
    for index, version in enumerate(versions):
        text, references = texts[2 * index:2 * index + 2]
        if text is None:
            continue
        with tempfile.TemporaryDirectory() as scratch:
            specs = Path(scratch) / "specs"
            specs.mkdir()
            (specs / spec).write_bytes(text)
            if references is not None:
                (specs / FILE_NAME).write_bytes(references)
            project = load_project(specs)
        if project.handouts and not project.shared_errors():
            handout = project.handouts[0]
            if content_hash(handout, project.bibliography) == digests.get(version):
                found[version] = (handout, project.bibliography)
    return found


def project_at(folder: Path, commit: str, names: list[str], scratch: Path) -> Project:
    """Return the project as ``commit`` left the files ``names`` of the specs ``folder``,
    with its bibliography, settings and logo, loaded from the folder ``scratch``."""
    specs = scratch / "specs"
    wanted = [*dict.fromkeys([*names, FILE_NAME, f"../{SETTINGS_FILE}"])]
    for name, data in zip(wanted, blobs(folder, [f"{commit}:{n}" for n in wanted])):
        if data is not None:
            path = specs / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    project = load_project(specs)
    logo = project.settings.publisher.logo
    if not logo and (scratch / SETTINGS_FILE).exists():  # named, but not yet in the scratch
        logo = _logo_named(scratch / SETTINGS_FILE)
        data = blobs(folder, [f"{commit}:../{logo}"])[0] if logo else None
        if data is not None:
            (scratch / logo).parent.mkdir(parents=True, exist_ok=True)
            (scratch / logo).write_bytes(data)
            project = load_project(specs)
    return project


def _logo_named(settings: Path) -> str:
    """Return the logo a settings file names, if it is a plain path inside the project."""
    try:
        data = yaml.safe_load(settings.read_text("utf-8"))
        logo = str(data["publisher"]["logo"])
    except (yaml.YAMLError, KeyError, TypeError, UnicodeDecodeError):
        return ""
    parts = PurePosixPath(logo).parts
    return logo if parts and not logo.startswith("/") and ".." not in parts else ""


def versions_of(path: Path) -> list[tuple[str, str]]:
    """Return (commit, file text) for each commit that changed ``path``, newest first; git
    runs in the file's own folder, whatever the working folder."""
    here = ("-C", str(path.parent))
    commits = _git(*here, "log", "--format=%H", "--", path.name).split()
    return [(sha, _git(*here, "show", f"{sha}:./{path.name}")) for sha in commits]


def file_at(commit: str, path: Path) -> str | None:
    """Return ``path`` as it was at ``commit``, or None if it did not exist."""
    try:
        return _git("-C", str(path.parent), "show", f"{commit}:./{path.name}")
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
