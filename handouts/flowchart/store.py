"""Keep the chart engine's decisions on disk, by content, so that a later build skips the
search: which arrangement a chart takes, and how it splits on each kind of page.

A decision is a small JSON file named by a hash of everything it depends on (the chart,
its marks, the room it was chosen for, and the engine's own code), so a decision is only
ever reused for exactly the inputs it was made for; laying a chart out from a decision
gives the same bytes as searching again. A missing, unreadable or damaged file is simply
a decision not yet made.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from handouts import __version__

PACKAGE = Path(__file__).resolve().parent.parent


@functools.cache
def fingerprint() -> str:
    """Return a hash of the package's code and the fonts it measures with: a decision made
    by other code, or with other fonts, is never reused."""
    from handouts.fonts import font_files

    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(path.read_bytes())
    for font in sorted(font_files().values()):
        digest.update(font.read_bytes())
    return digest.hexdigest()[:16]


class Decisions:
    """Decisions by key, read from and written to ``folder`` (None keeps nothing)."""

    def __init__(self, folder: Path | None, write: bool = True) -> None:
        self.folder = folder
        self.write = write

    def _path(self, key: object) -> Path | None:
        if self.folder is None:
            return None
        name = hashlib.sha256(f"{fingerprint()} {key!r}".encode()).hexdigest()[:40]
        return self.folder / f"{name}.json"

    def get(self, key: object) -> Any:
        """Return the decision made for ``key``, or None."""
        path = self._path(key)
        if path is None:
            return None
        try:
            return json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: object, value: Any) -> None:
        """Keep a decision; a folder that cannot be written keeps nothing, and says nothing."""
        path = self._path(key)
        if path is None or not self.write:
            return
        tmp = ""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(value, out, sort_keys=True)
            os.replace(tmp, path)
        except OSError:
            if tmp:
                Path(tmp).unlink(missing_ok=True)
