"""Released versions: a lock of content hashes, so no content changes under an old version."""

from __future__ import annotations

import json
import re
from pathlib import Path

from handouts.atomic import atomic_write
from handouts.errors import HandoutsError, Location, Problem, SpecError
from handouts.model.fields import SEMVER
from handouts.model.handout import Handout
from handouts.spec.files import display_path
from handouts.spec.project import load_project
from handouts.spec.regular import read_regular
from handouts.spec.yamltree import Mapping, Scalar, read_yaml
from handouts.versions.canonical import content_hash

LOCK_FILE = "releases.lock"
LEVELS = ("major", "minor", "patch")
MAX_LOCK_BYTES = 10_000_000


def bump(version: str, level: str) -> str:
    """Return ``version`` with one part raised.

    >>> bump("2.0.3", "minor")
    '2.1.0'
    """
    major, minor, patch = (int(part) for part in version.split("."))
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def read_lock(folder: Path) -> dict[str, dict[str, str]]:
    """Return the recorded hash of each released version of each handout."""
    path = folder / LOCK_FILE
    if not path.exists() and not path.is_symlink():
        return {}
    display = display_path(path)
    try:
        data = json.loads(read_regular(path, display, MAX_LOCK_BYTES, folder).decode("utf-8"))
    except ValueError as exc:
        raise SpecError([Problem(Location(display), f"cannot read the release record: {exc}",
                                 "restore it from version control")]) from None
    return lock_entries(data, display)


def lock_entries(data: object, display: str) -> dict[str, dict[str, str]]:
    """Return the release record read from JSON, checked entry by entry; raise SpecError
    at the first entry of the wrong shape.

    >>> lock_entries({"alk": {"1.0.0": "sha256:ab"}}, "releases.lock")
    {'alk': {'1.0.0': 'sha256:ab'}}
    """
    def wrong(keypath: str, message: str) -> SpecError:
        return SpecError([Problem(Location(display, keypath=keypath), message,
                                  "restore it from version control")])

    if not isinstance(data, dict):
        raise wrong("", "the release record must be a mapping of slug: {version: hash}, not "
                        + _kind(data))
    lock: dict[str, dict[str, str]] = {}
    for slug, versions in data.items():
        if not isinstance(versions, dict):
            raise wrong(slug, f"expected a mapping of version: hash, not {_kind(versions)}")
        for version, digest in versions.items():
            if not re.match(SEMVER, version):
                raise wrong(f"{slug}.{version}", f"{version!r} is not a version "
                                                 "(MAJOR.MINOR.PATCH)")
            if not isinstance(digest, str) or not digest.startswith("sha256:"):
                raise wrong(f"{slug}.{version}", "expected a hash ('sha256:...'), not "
                                                 + _kind(digest))
        lock[slug] = dict(versions)
    return lock


def _kind(value: object) -> str:
    """Name a JSON value's type as an editor would."""
    return ("a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict)
            else "true or false" if isinstance(value, bool) else "null" if value is None
            else "a number" if isinstance(value, (int, float)) else f"text ({value!r})")


def write_lock(folder: Path, lock: dict[str, dict[str, str]]) -> None:
    """Write the release record, sorted so that its diffs stay small."""
    ordered = {slug: dict(sorted(lock[slug].items(), key=lambda kv: _key(kv[0])))
               for slug in sorted(lock)}
    atomic_write(folder / LOCK_FILE, (json.dumps(ordered, indent=2) + "\n").encode())


def check_release(handout: Handout, digest: str, lock: dict[str, dict[str, str]]) -> list[Problem]:
    """Return a problem if a released version's content changed, or a version went back."""
    released = lock.get(handout.slug, {})
    where = handout.where.at("version")
    version = handout.version
    if version in released and released[version] != digest:
        patch, minor, major = (f"--{lvl} ({bump(version, lvl)})" for lvl in reversed(LEVELS))
        return [Problem(where, f"{handout.slug}: content differs from released version "
                               f"{version}", f"release it as a new version: handouts release "
                                             f"{handout.slug} {patch}, {minor} or {major}")]
    newest = max(released, key=_key, default=None)
    if newest and _key(version) < _key(newest):
        return [Problem(where, f"{handout.slug}: version {version} is older than released "
                               f"version {newest}", f"use a version after {newest}")]
    return []


def release(handout: Handout, digest: str, folder: Path, level: str | None) -> str:
    """Record a handout's content as released; bump its version first if ``level`` says so.

    Return the released version. The spec must carry a changelog entry for it.
    """
    lock = read_lock(folder)
    released = lock.setdefault(handout.slug, {})
    version = handout.version
    if level:
        version = bump(max([version, *released], key=_key), level)
    elif version in released:
        if released[version] == digest:
            raise HandoutsError(f"{handout.slug} {version} is already released with this content")
        raise HandoutsError(f"{handout.slug}: content differs from released version {version}; "
                            "choose --patch, --minor or --major")
    if not any(change.version == version for change in handout.changelog):
        raise SpecError([Problem(
            handout.where.at("changelog"), f"no changelog entry for version {version}",
            f"add to changelog: - {{version: {version}, date: YYYY-MM-DD, changes: [...]}}")])
    if version != handout.version:
        set_version(Path(handout.where.path), version)
    released[version] = digest
    write_lock(folder, lock)
    return version


def set_version(path: Path, version: str) -> None:
    """Rewrite the value of the top-level ``version`` key, leaving the rest of the file as is."""
    tree, _ = read_yaml(path, str(path))
    node = next(value for key, value in tree.items if key.text == "version") \
        if isinstance(tree, Mapping) else None
    if not isinstance(node, Scalar):
        raise HandoutsError(f"{path}: no version to change")
    lines = path.read_text("utf-8").splitlines(keepends=True)
    line = lines[node.line - 1]
    start = line.index(node.text, node.column - 1)
    lines[node.line - 1] = line[:start] + version + line[start + len(node.text):]
    atomic_write(path, "".join(lines).encode("utf-8"))


def releases_problems(handouts: list[Handout], hashes: dict[str, str],
                      folder: Path) -> list[Problem]:
    """Check every handout against the folder's release record."""
    lock = read_lock(folder)
    return [p for h in handouts for p in check_release(h, hashes[h.slug], lock)]


def release_slug(folder: Path, slug: str, level: str | None) -> str:
    """Release the handout ``slug`` of the specs ``folder``; return the released version."""
    project = load_project(folder)
    handout = project.valid_handout(slug)
    return release(handout, content_hash(handout, project.bibliography), project.folder, level)
