"""Say what changed between two versions of a handout, in words a reviewer can sign off."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from handouts.errors import HandoutsError, SpecError
from handouts.model.handout import Handout
from handouts.model.walk import plain
from handouts.spec.bibliography import Bibliography
from handouts.spec.files import display_path
from handouts.spec.project import load_project
from handouts.versions.canonical import content
from handouts.versions.history import handout_at_version

IDENTITY = ("id", "heading", "title", "version")  # what names an item in a list


def handout_diff(old: Handout, new: Handout, old_bib: Bibliography,
                 new_bib: Bibliography) -> list[str]:
    """Return one line per change from ``old`` to ``new``, references included."""
    before = {**plain(old), "references": content(old, old_bib)["references"]}
    after = {**plain(new), "references": content(new, new_bib)["references"]}
    return changes(before, after, "")


def changes(old: Any, new: Any, path: str) -> list[str]:
    """Return the changes between two plain values at ``path``."""
    if isinstance(old, dict) and isinstance(new, dict):
        lines = []
        for key in [*old, *(k for k in new if k not in old)]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in new:
                lines.append(f"removed {sub}: {summary(old[key])}")
            elif key not in old:
                lines.append(f"added {sub}: {summary(new[key])}")
            else:
                lines += changes(old[key], new[key], sub)
        return lines
    if isinstance(old, list) and isinstance(new, list):
        return _list_changes(old, new, path)
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > 80:
        return [f"{path}: {edit}" for edit in text_edits(old, new)]
    if old != new:
        return [f"{path}: {summary(old)} → {summary(new)}"]
    return []


def text_edits(old: str, new: str) -> list[str]:
    """Return the word-level edits that turn one long text into another.

    >>> text_edits("Lorlatinib after another TKI only.",
    ...            "Lorlatinib first line or after another TKI.")
    ["'' → 'first line or'", "'TKI only.' → 'TKI.'"]
    """
    a, b = old.split(), new.split()
    edits = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            edits.append(f"{' '.join(a[i1:i2])!r} → {' '.join(b[j1:j2])!r}")
    return edits


def _identity(item: Any) -> str | None:
    if isinstance(item, dict):
        if "from" in item and "to" in item:
            return f"{item['from']} → {item['to']}"
        for key in IDENTITY:
            if isinstance(item.get(key), str):
                return str(item[key])
    return None


def _list_changes(old: list[Any], new: list[Any], path: str) -> list[str]:
    old_ids = [_identity(i) for i in old]
    new_ids = [_identity(i) for i in new]
    if None in old_ids or None in new_ids or len(set(old_ids)) < len(old_ids):
        lines = []
        for i in range(max(len(old), len(new))):
            sub = f"{path}[{i}]"
            if i >= len(new):
                lines.append(f"removed {sub}: {summary(old[i])}")
            elif i >= len(old):
                lines.append(f"added {sub}: {summary(new[i])}")
            else:
                lines += changes(old[i], new[i], sub)
        return lines
    before = dict(zip(old_ids, old))
    after = dict(zip(new_ids, new))
    lines = [f"removed {path}: {summary(before[name])}" for name in before if name not in after]
    lines += [f"added {path}: {summary(after[name])}" for name in after if name not in before]
    for name in before:
        if name in after:
            lines += changes(before[name], after[name], f"{path}[{name}]")
    return lines


def summary(value: Any) -> str:
    """Return a short description of a value for a change line."""
    if isinstance(value, dict):
        name = _identity(value)
        label = value.get("label") or value.get("title")
        return " ".join(str(p) for p in (name, f"({label})" if label and label != name else "")
                        if p) or "{…}"
    if isinstance(value, list):
        return "[" + ", ".join(summary(v) for v in value) + "]"
    return repr(value)


def diff_command(what: list[str], folder: Path) -> list[str]:
    """Return the change lines between OLD.yaml and NEW.yaml, or SLUG OLD NEW from git."""
    if len(what) == 2:
        pair = [_file_version(Path(p)) for p in what]
    else:
        slug, *versions = what
        project = load_project(folder)
        handout = project.handout(slug)
        if handout is None:
            raise HandoutsError(f"no handout {slug!r} in {folder}")
        pair = [handout_at_version(Path(handout.where.path), v) for v in versions]
    (old, old_bib), (new, new_bib) = pair
    lines = handout_diff(old, new, old_bib, new_bib)
    count = f"{len(lines)} change{'s' * (len(lines) != 1)}"
    return [f"{new.slug}: {old.version} → {new.version}: {count}", *(f"  {x}" for x in lines)]


def _file_version(path: Path) -> tuple[Handout, Bibliography]:
    """Return the handout in a spec file, with the bibliography beside it."""
    if not path.is_file():
        raise HandoutsError(f"{path}: no such file" if not path.exists() else
                            f"{path}: not a file")
    project = load_project(path.parent)
    errors = project.errors_in(display_path(path)) + project.shared_errors()
    if errors:
        raise SpecError(errors)
    handout = next((h for h in project.handouts if h.where.path == display_path(path)), None)
    if handout is None:
        raise HandoutsError(f"{path}: not a handout spec")
    return handout, project.bibliography
