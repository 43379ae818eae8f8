"""Released versions: the release record, so no content changes under an old version.

``specs/releases.lock`` holds, for each slug and released version, the hash of its content;
since handouts can say which version a printed copy is, also the day it was released, its
title and update date then, the SHA-256 of each file released, the versions a pack held,
and, if it was withdrawn, when and why. An entry of the first form, the hash alone, still
reads: its dates then come from the spec's changelog.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from handouts.atomic import atomic_write
from handouts.errors import HandoutsError, Location, Problem, SpecError
from handouts.model.fields import SEMVER, SLUG
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.spec.files import display_path
from handouts.spec.project import Project
from handouts.spec.regular import read_regular
from handouts.spec.yamltree import Mapping, Scalar, read_yaml
from handouts.versions.canonical import content_hash, pack_hash

LOCK_FILE = "releases.lock"
LEVELS = ("major", "minor", "patch")
MAX_LOCK_BYTES = 10_000_000
SHA256 = re.compile(r"[0-9a-f]{64}\Z")
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
KEYS = ("content", "released", "updated", "title", "files", "holds", "withdrawn")


@dataclass(frozen=True)
class Withdrawal:
    """Why and when a released version was withdrawn."""

    date: datetime.date
    reason: str


@dataclass(frozen=True)
class Release:
    """One released version of a handout or pack, as the release record holds it."""

    content: str
    """The hash of what it says ('sha256:...')."""
    released: datetime.date | None = None
    """The day it was released; None in records made before release dates were kept."""
    updated: datetime.date | None = None
    title: str = ""
    files: tuple[tuple[str, str], ...] = ()
    """Each file released, with its SHA-256 (hex), by name."""
    holds: tuple[tuple[str, str], ...] = ()
    """For a pack: the slug and version of each handout it held."""
    withdrawn: Withdrawal | None = None


Lock = dict[str, dict[str, Release]]
Document = Handout | Pack
"""What can be released: a handout, or a pack of handouts."""


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


def version_key(version: str) -> tuple[int, ...]:
    """Order versions by their numbers: 1.10.0 after 1.9.0."""
    return tuple(int(part) for part in version.split("."))


def read_lock(folder: Path) -> Lock:
    """Return each released version of each handout and pack, as the record holds it."""
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


def lock_entries(data: object, display: str) -> Lock:
    """Return the release record read from JSON, checked entry by entry; raise SpecError
    at the first entry of the wrong shape. An entry is a content hash, or a mapping that
    holds one with what was recorded at release.

    >>> lock_entries({"alk": {"1.0.0": "sha256:ab"}}, "releases.lock")["alk"]["1.0.0"].content
    'sha256:ab'
    >>> lock_entries({"alk": {"1.1.0": {"content": "sha256:cd", "released": "2026-12-07"}}},
    ...              "releases.lock")["alk"]["1.1.0"].released
    datetime.date(2026, 12, 7)
    """
    def wrong(keypath: str, message: str) -> SpecError:
        return SpecError([Problem(Location(display, keypath=keypath), message,
                                  "restore it from version control")])

    if not isinstance(data, dict):
        raise wrong("", "the release record must be a mapping of slug: {version: hash}, not "
                        + _kind(data))
    lock: Lock = {}
    for slug, versions in data.items():
        if not re.match(SLUG, slug):
            raise wrong(slug, f"{slug!r} is not a slug (lower-case letters, digits, hyphens)")
        if not isinstance(versions, dict):
            raise wrong(slug, f"expected a mapping of version: hash, not {_kind(versions)}")
        lock[slug] = {}
        for version, entry in versions.items():
            where = f"{slug}.{version}"
            if not re.match(SEMVER, version):
                raise wrong(where, f"{version!r} is not a version (MAJOR.MINOR.PATCH)")
            try:
                lock[slug][version] = _entry(entry)
            except _Wrong as exc:
                raise wrong(where + exc.key, exc.message) from None
    return lock


class _Wrong(Exception):
    """An entry's part of the wrong shape: where in the entry, and what is wrong."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key, self.message = key, message


def _entry(entry: object) -> Release:
    """Return one version's entry: a hash, or a mapping of what was recorded."""
    if isinstance(entry, str) and entry.startswith("sha256:"):
        return Release(entry)
    if not isinstance(entry, dict):
        raise _Wrong("", f"expected a hash ('sha256:...'), not {_kind(entry)}")
    unknown = next((k for k in entry if k not in KEYS), None)
    if unknown is not None:
        raise _Wrong(f".{unknown}", f"unknown key (expected {', '.join(KEYS)})")
    content = entry.get("content")
    if not isinstance(content, str) or not content.startswith("sha256:"):
        raise _Wrong(".content", f"expected a hash ('sha256:...'), not {_kind(content)}")
    withdrawn = entry.get("withdrawn")
    if withdrawn is not None:
        if not isinstance(withdrawn, dict) or set(withdrawn) != {"date", "reason"}:
            raise _Wrong(".withdrawn", "expected {date: YYYY-MM-DD, reason: ...}, not "
                                       + _kind(withdrawn))
        reason = _text(withdrawn, "reason", ".withdrawn")
        if not reason.strip():
            raise _Wrong(".withdrawn.reason", "say why the version was withdrawn")
        day = _date(withdrawn, "date", ".withdrawn")
        if day is None:
            raise _Wrong(".withdrawn.date", "say when the version was withdrawn (YYYY-MM-DD)")
        withdrawn = Withdrawal(day, reason)
    return Release(content, _date(entry, "released"), _date(entry, "updated"),
                   _text(entry, "title"), _pairs(entry, "files", SHA256, "a SHA-256 (hex)"),
                   _pairs(entry, "holds", re.compile(SEMVER), "a version"), withdrawn)


def _date(entry: dict[str, Any], key: str, at: str = "") -> datetime.date | None:
    value = entry.get(key)
    if value is None:
        return None
    try:
        if isinstance(value, str) and len(value) == 10:
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise _Wrong(f"{at}.{key}", f"expected a date (YYYY-MM-DD), not {_kind(value)}")


def _text(entry: dict[str, Any], key: str, at: str = "") -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        raise _Wrong(f"{at}.{key}", f"expected text, not {_kind(value)}")
    return value


def _pairs(entry: dict[str, Any], key: str, pattern: re.Pattern[str],
           what: str) -> tuple[tuple[str, str], ...]:
    """Return a mapping of names to values, each name a plain file name or slug."""
    value = entry.get(key, {})
    if not isinstance(value, dict):
        raise _Wrong(f".{key}", f"expected a mapping of name: {what}, not {_kind(value)}")
    for name, item in value.items():
        if not FILE_NAME.match(name):
            raise _Wrong(f".{key}", f"{name!r} is not a plain file name or slug")
        if not isinstance(item, str) or not pattern.match(item):
            raise _Wrong(f".{key}.{name}", f"expected {what}, not {_kind(item)}")
    return tuple(sorted(value.items()))


def _kind(value: object) -> str:
    """Name a JSON value's type as an editor would."""
    return ("a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict)
            else "true or false" if isinstance(value, bool) else "null" if value is None
            else "a number" if isinstance(value, (int, float)) else f"text ({value!r})")


def _json(entry: Release) -> object:
    """Return an entry as the record writes it: the hash alone if that is all it holds."""
    if entry == Release(entry.content):
        return entry.content
    data: dict[str, object] = {"content": entry.content}
    for key in ("released", "updated"):
        day = getattr(entry, key)
        if day is not None:
            data[key] = day.isoformat()
    data.update({k: v for k, v in (("title", entry.title), ("files", dict(entry.files)),
                                   ("holds", dict(entry.holds))) if v})
    if entry.withdrawn:
        data["withdrawn"] = {"date": entry.withdrawn.date.isoformat(),
                             "reason": entry.withdrawn.reason}
    return data


def write_lock(folder: Path, lock: Lock) -> None:
    """Write the release record, sorted so that its diffs stay small."""
    ordered = {slug: {version: _json(lock[slug][version])
                      for version in sorted(lock[slug], key=version_key)}
               for slug in sorted(lock)}
    atomic_write(folder / LOCK_FILE, (json.dumps(ordered, indent=2, ensure_ascii=False)
                                      + "\n").encode())


def check_release(document: Document, digest: str, lock: Lock) -> list[Problem]:
    """Return a problem if a released version's content changed, or a version went back."""
    released = lock.get(document.slug, {})
    where = document.where.at("version")
    version = document.version
    if version in released and released[version].content != digest:
        patch, minor, major = (f"--{lvl} ({bump(version, lvl)})" for lvl in reversed(LEVELS))
        return [Problem(where, f"{document.slug}: content differs from released version "
                               f"{version}", f"release it as a new version: handouts release "
                                             f"{document.slug} {patch}, {minor} or {major}")]
    newest = max(released, key=version_key, default=None)
    if newest and version_key(version) < version_key(newest):
        return [Problem(where, f"{document.slug}: version {version} is older than released "
                               f"version {newest}", f"use a version after {newest}")]
    return []


def withdrawn_problems(document: Document, lock: Lock, strict: bool) -> list[Problem]:
    """Warn that a withdrawn version is still built as the current one; refuse it in a
    release."""
    entry = lock.get(document.slug, {}).get(document.version)
    if entry is None or entry.withdrawn is None:
        return []
    return [Problem(document.where.at("version"),
                    f"{document.slug} {document.version} was withdrawn on "
                    f"{entry.withdrawn.date} ({entry.withdrawn.reason}), yet it is built as "
                    "the current version", "release a corrected version, or remove the spec",
                    warning=not strict)]


Files = Callable[[Document], dict[str, str]]
"""Make a document's files in memory and return the SHA-256 of each, by name."""


def release(document: Document, digest: str, folder: Path, level: str | None,
            day: datetime.date, files: Files, holds: dict[str, str] | None = None) -> str:
    """Record a handout's (or pack's) content as released on ``day``, with the SHA-256 of
    the files ``files`` makes of it; bump its version first if ``level`` says so.

    Return the released version. A handout must carry a changelog entry for it; a pack
    records the versions of the handouts it holds (``holds``).
    """
    lock = read_lock(folder)
    released = lock.setdefault(document.slug, {})
    version = document.version
    if level:
        version = bump(max([version, *released], key=version_key), level)
    elif version in released:
        if released[version].content == digest:
            raise HandoutsError(f"{document.slug} {version} is already released with this "
                                "content")
        raise HandoutsError(f"{document.slug}: content differs from released version "
                            f"{version}; choose --patch, --minor or --major")
    if isinstance(document, Handout) and not any(change.version == version
                                                 for change in document.changelog):
        raise SpecError([Problem(
            document.where.at("changelog"), f"no changelog entry for version {version}",
            f"add to changelog: - {{version: {version}, date: YYYY-MM-DD, changes: [...]}}")])
    made = files(replace(document, version=version))  # before anything is written
    if version != document.version:
        set_version(Path(document.where.path), version)
    released[version] = Release(digest, day, document.updated, document.title,
                                tuple(sorted(made.items())), tuple(sorted((holds or {}).items())))
    write_lock(folder, lock)
    return version


def withdraw(folder: Path, slug: str, version: str, reason: str, day: datetime.date) -> None:
    """Record that a released version was withdrawn on ``day``, and why."""
    if not reason.strip():
        raise HandoutsError("say why the version is withdrawn: --reason 'TEXT'")
    lock = read_lock(folder)
    entry = lock.get(slug, {}).get(version)
    if entry is None:
        known = ", ".join(sorted(lock.get(slug, {}), key=version_key)) or "none"
        raise HandoutsError(f"{slug} {version} was never released (released versions: "
                            f"{known})")
    if entry.withdrawn is not None:
        raise HandoutsError(f"{slug} {version} was already withdrawn on "
                            f"{entry.withdrawn.date}")
    lock[slug][version] = replace(entry, withdrawn=Withdrawal(day, reason.strip()))
    write_lock(folder, lock)


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


def release_warnings(project: Project, handouts: list[Handout], packs: list[Pack],
                     strict: bool) -> list[Problem]:
    """Warn of a withdrawn version built as the current one (refused in a release); refuse
    a released pack whose content (its handouts) changed under its version."""
    lock = read_lock(project.folder)
    documents: list[Document] = [*handouts, *packs]
    found = [p for d in documents for p in withdrawn_problems(d, lock, strict)]
    for pack in packs:
        members = project.pack_handouts(pack)
        digest = pack_hash(pack, {h.slug: content_hash(h, project.bibliography)
                                  for h in members})
        record = lock.get(pack.slug, {}).get(pack.version)
        for problem in check_release(pack, digest, lock):
            if record is not None and record.holds:
                changed = [f"{h.slug} {h.version}" for h in members
                           if dict(record.holds).get(h.slug) != h.version]
                if changed:
                    problem = replace(problem, message=f"{problem.message}: it now holds "
                                                       f"{', '.join(changed)}")
            found.append(problem)
    return found
