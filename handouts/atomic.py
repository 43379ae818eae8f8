"""Write files so that readers see either the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
