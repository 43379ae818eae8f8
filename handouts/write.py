"""Write outputs atomically and keep the manifest of what ``build/`` holds."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


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


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Readers see either the old file or the new one, never a half-written file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def manifest_entry(output: Output) -> dict[str, object]:
    """Describe one output for the manifest."""
    return {
        "file": output.name,
        "kind": output.kind,
        "slug": output.slug,
        "version": output.version,
        "spec": output.spec,
        "content_hash": output.content_hash,
        "status": output.status,
        "review_due": output.review_due,
        "bytes": len(output.data),
        "sha256": hashlib.sha256(output.data).hexdigest(),
    }


def write_outputs(outputs: list[Output], folder: Path, generator: str) -> Path:
    """Write every output, then the manifest merged with entries of files still present."""
    for output in outputs:
        atomic_write(folder / output.name, output.data)
    manifest = folder / "manifest.json"
    entries = {e["file"]: e for e in _read_entries(manifest)
               if (folder / str(e.get("file", ""))).is_file()}
    entries.update({o.name: manifest_entry(o) for o in outputs})
    document = {"generator": generator, "files": [entries[k] for k in sorted(entries)]}
    atomic_write(manifest, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode())
    return manifest


def _read_entries(manifest: Path) -> list[dict[str, object]]:
    """Return the entries of an existing manifest, or none if it is missing or unreadable."""
    try:
        files = json.loads(manifest.read_text("utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [e for e in files if isinstance(e, dict) and "file" in e]
