"""Write outputs atomically and keep the manifest of what ``build/`` holds."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from handouts.errors import BuildError


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


def _temporary(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Readers see either the old file or the new one, never a half-written file.
    """
    atomic_write_all({path: data})


def atomic_write_all(files: dict[Path, bytes]) -> None:
    """Write several files so that a failure while writing changes none of them.

    Every file is first written in full beside its target; only then are they all
    moved into place, which a rename does at once.
    """
    written: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            written[path] = _temporary(path, data)
        for path, tmp in written.items():
            os.replace(tmp, path)
    finally:
        for tmp in written.values():
            tmp.unlink(missing_ok=True)


def manifest_entry(output: Output) -> dict[str, object]:
    """Describe one output for the manifest."""
    return {
        "file": output.name,
        "kind": output.kind,
        "profile": output.profile,
        "slug": output.slug,
        "title": output.title,
        "version": output.version,
        "updated": output.updated,
        "spec": output.spec,
        "content_hash": output.content_hash,
        "status": output.status,
        "review_due": output.review_due,
        "bytes": len(output.data),
        "sha256": hashlib.sha256(output.data).hexdigest(),
    }


def write_outputs(outputs: list[Output], folder: Path, generator: str) -> Path:
    """Write every output, then the manifest merged with entries of files still present.

    A failure to write (a full disk, a read-only folder) changes none of the outputs.
    """
    try:
        return _write_outputs(outputs, folder, generator)
    except OSError as exc:
        where = exc.filename or folder
        raise BuildError(f"cannot write to {where}: {exc.strerror or exc}; nothing in "
                         f"{folder} was changed") from None


def _write_outputs(outputs: list[Output], folder: Path, generator: str) -> Path:
    atomic_write_all({folder / output.name: output.data for output in outputs})
    manifest = folder / "manifest.json"
    lock = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel builds (make -j) merge one at a time
        entries = {str(e["file"]): e for e in _read_entries(manifest)
                   if (folder / str(e.get("file", ""))).is_file()}
        entries.update({o.name: manifest_entry(o) for o in outputs})
        document = {"generator": generator, "files": [entries[k] for k in sorted(entries)]}
        atomic_write(manifest, (json.dumps(document, indent=2, ensure_ascii=False) + "\n")
                     .encode())
    finally:
        os.close(lock)  # also releases the lock
    return manifest


def _read_entries(manifest: Path) -> list[dict[str, object]]:
    """Return the entries of an existing manifest, or none if it is missing or unreadable."""
    try:
        files = json.loads(manifest.read_text("utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [e for e in files if isinstance(e, dict) and "file" in e]
