"""Write outputs atomically and keep the manifest of what ``build/`` holds, true to its files.

A build writes every file in full beside its target first. Then, holding the build folder's
lock (so builds into one folder take turns) and with interrupts held back, it records the
manifest it is about to make (``.manifest-pending.json``), moves the files into place and
makes that record the manifest. Should the process die midway (kill -9, a power cut), the
next build compares each file with the manifest and that record (SHA-256), lists each file
as the build that wrote it described it, and says what it mended.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from handouts.atomic import atomic_write, deferred_interrupts, discard, folder_lock, temporaries
from handouts.errors import BuildError, HandoutsError

MANIFEST = "manifest.json"
PENDING = ".manifest-pending.json"
SUBFOLDER = re.compile(r"versions/[a-z0-9][a-z0-9-]*/[0-9][0-9.]*\.html\Z")
"""The one kind of file a build writes below the folder: the page of a version."""


Late = Callable[[dict[str, dict[str, object]]], list["Output"]]


@dataclass(frozen=True)
class Output:
    """One generated file, before it is written."""

    name: str
    data: bytes
    kind: str
    slug: str
    version: str
    spec: str
    content_hash: str = ""
    status: str = ""
    review_due: str = ""
    title: str = ""
    updated: str = ""
    profile: str = ""
    audience: str = ""
    subtitle: str = ""


@dataclass(frozen=True)
class Described(Output):
    """An output the manifest says more of: a version page, where its version stands."""

    extra: tuple[tuple[str, str], ...] = ()


def manifest_entry(output: Output) -> dict[str, object]:
    """Describe one output for the manifest."""
    entry = {
        "file": output.name,
        "kind": output.kind,
        "profile": output.profile,
        "slug": output.slug,
        "title": output.title,
        "subtitle": output.subtitle,
        "audience": output.audience,
        "version": output.version,
        "updated": output.updated,
        "spec": output.spec,
        "content_hash": output.content_hash,
        "status": output.status,
        "review_due": output.review_due,
        "bytes": len(output.data),
        "sha256": hashlib.sha256(output.data).hexdigest(),
    }
    extra = output.extra if isinstance(output, Described) else ()
    return {**entry, **{k: v for k, v in extra if k not in entry}}


def write_outputs(outputs: list[Output], folder: Path, generator: str,
                  then: Callable[[Path], object] = lambda folder: None,
                  late: Late = lambda entries: [],
                  publisher: dict[str, str] | None = None) -> list[str]:
    """Write every output and the manifest (merged with the entries of files still
    present, and who publishes them, for the download page), then call ``then`` (the
    download page); return what was mended on the way.

    ``late`` makes more outputs from the manifest's entries, holding the lock (the version
    pages, which list the files of each version present); they are written with the rest.

    A failure to write (a full disk, a read-only folder) says what was written and what
    was not; a failure before anything is moved into place changes nothing.
    """
    try:
        written = temporaries({folder / o.name: o.data for o in outputs})
    except OSError as exc:
        raise _failed(exc, folder, []) from None
    moved: list[Path] = []
    try:
        with folder_lock(folder):
            entries, mended = mend(folder)
            entries.update({o.name: manifest_entry(o) for o in outputs})
            more = late(entries)
            if any(_linked(folder, o.name) for o in more):
                raise BuildError(f"{folder / 'versions'} is a link, which could lead out of "
                                 f"{folder}: remove it, and build again")
            written.update(temporaries({folder / o.name: o.data for o in more}))
            entries.update({o.name: manifest_entry(o) for o in more})
            document = {"generator": generator, "publisher": publisher or {},
                        "files": [entries[k] for k in sorted(entries)]}
            atomic_write(folder / PENDING, (json.dumps(document, indent=2, ensure_ascii=False)
                                            + "\n").encode())
            with deferred_interrupts():
                for path, tmp in written.items():
                    os.replace(tmp, path)
                    moved.append(path)
                os.replace(folder / PENDING, folder / MANIFEST)
                moved.append(folder / MANIFEST)
                try:
                    then(folder)
                except HandoutsError as exc:
                    raise BuildError(f"{exc}; the files and {MANIFEST} were written, but not "
                                     "the download page: run handouts site") from None
    except OSError as exc:
        raise _failed(exc, folder, moved, [*written, folder / MANIFEST]) from None
    finally:
        discard(written)
    return mended


def _failed(exc: OSError, folder: Path, moved: list[Path],
            meant: list[Path] | None = None) -> BuildError:
    """Say why writing failed, and what it changed in ``folder``."""
    where = exc.filename or folder
    said = f"cannot write to {where}: {exc.strerror or exc}"
    missed = [p.relative_to(folder).as_posix() for p in meant or [] if p not in moved]
    if not moved:
        return BuildError(f"{said}; nothing in {folder} was changed")
    return BuildError(f"{said}; written: "
                      f"{', '.join(p.relative_to(folder).as_posix() for p in moved)}; not "
                      f"written: {', '.join(missed)}; the next build lists them correctly in "
                      f"{MANIFEST}")


def mend(folder: Path) -> tuple[dict[str, dict[str, object]], list[str]]:
    """Return the manifest's entries that match the files in ``folder``, and what was
    mended: after an interrupted build, a file moved into place takes the entry its build
    meant for it; a file matching no entry is removed (its spec's next build makes it again).
    """
    listed = _read_entries(folder / MANIFEST)
    meant = _read_entries(folder / PENDING)
    entries: dict[str, dict[str, object]] = {}
    mended: list[str] = []
    for name in sorted(listed.keys() | meant.keys()):
        path = folder / name
        if not path.is_file() or path.is_symlink():
            continue  # removed since: no longer listed
        digest = _sha256(path)
        entry = next((e for e in (listed.get(name), meant.get(name))
                      if e is not None and e.get("sha256") == digest), None)
        if entry is None:
            path.unlink()
            mended.append(f"{folder / name}: matched no entry of {MANIFEST} (left by an "
                          "interrupted build?): removed; build its spec again to make it")
            continue
        if entry is not listed.get(name):
            mended.append(f"{folder / name}: {MANIFEST} described an older file (the last "
                          "build was interrupted): now lists the file present")
        entries[name] = entry
    return entries, mended


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_entries(manifest: Path) -> dict[str, dict[str, object]]:
    """Return the entries of a manifest by file name; none if it is missing or unreadable.

    Only plain file names of the folder count: an entry cannot point elsewhere.
    """
    try:
        files = json.loads(manifest.read_text("utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return {}
    if not isinstance(files, list):
        return {}
    return {e["file"]: e for e in files if isinstance(e, dict) and isinstance(e.get("file"), str)
            and ((e["file"] == Path(e["file"]).name and not e["file"].startswith("."))
                 or (SUBFOLDER.match(e["file"]) and not _linked(manifest.parent, e["file"])))}


def _linked(folder: Path, name: str) -> bool:
    """Tell whether a folder on the way to ``name`` is a link (which could lead out)."""
    parts = Path(name).parts[:-1]
    return any((folder.joinpath(*parts[:i + 1])).is_symlink() for i in range(len(parts)))
