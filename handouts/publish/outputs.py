"""Write outputs atomically and keep the manifest of what ``build/`` holds."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from handouts.atomic import atomic_write, atomic_write_all
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
