"""Tell make what a build read, as compilers do with -MMD, so make rebuilds only what changed.

Besides files, a handout depends on the clock once its review date passes: each build
records, in DIR/due/<review date>, whether that date had passed; make's rule for those
files rewrites one only when its state changes, so make rebuilds exactly the handouts
that have just become overdue.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from handouts.atomic import atomic_write
from handouts.fonts import font_files
from handouts.layout.dates import is_overdue
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.spec.files import display_path
from handouts.spec.project import Project
from handouts.versions.release import LOCK_FILE

PACKAGE = Path(__file__).resolve().parent.parent


def stamp_name(path: str) -> str:
    """Return the stem of a spec's stamp and depfile: packs/x.yaml gives pack-x."""
    p = Path(path)
    return f"pack-{p.stem}" if p.parent.name == "packs" else p.stem


def shared_inputs(project: Project) -> list[Path]:
    """Return the files of the project every build reads besides the specs: the
    bibliography, the release record, the settings and the logo they name."""
    folder = project.folder
    files = [folder / name for name in ("references.yaml", LOCK_FILE)
             if (folder / name).exists()]
    if project.settings_path.exists():
        files.append(project.settings_path)
        if project.settings.publisher.logo:
            files.append(project.settings_path.parent / project.settings.publisher.logo)
    return files


def inputs(project: Project, handouts: list[Handout], extra: list[str]) -> list[str]:
    """Return every file a build of ``handouts`` (and ``extra`` files) read."""
    files = [*extra, *(h.where.path for h in handouts)]
    files += [display_path(p) for p in shared_inputs(project)]
    files += sorted(display_path(p) for p in PACKAGE.rglob("*") if p.suffix in (".py", ".css",
                                                                               ".html"))
    files += [str(p) for p in font_files().values()]
    return list(dict.fromkeys(files))


def write_depfiles(folder: Path, project: Project, handouts: list[Handout], packs: list[Pack],
                   today: datetime.date) -> None:
    """For each handout and pack built, write FOLDER/<stem>.d and touch FOLDER/<stem>.stamp."""
    folder.mkdir(parents=True, exist_ok=True)
    due = folder / "due"  # written first: a stamp must be newer than what it depends on
    for handout in [*handouts, *(h for p in packs for h in project.pack_handouts(p))]:
        state = "overdue" if is_overdue(handout.review_due, today) else "current"
        path = due / handout.review_due.isoformat()
        if not path.exists() or path.read_text() != state + "\n":
            atomic_write(path, (state + "\n").encode())
    for handout in handouts:
        _write(folder, handout.where.path, inputs(project, [handout], []), [handout])
    for pack in packs:
        members = project.pack_handouts(pack)
        _write(folder, pack.where.path, inputs(project, members, [pack.where.path]), members)


def _write(folder: Path, spec: str, deps: list[str], handouts: list[Handout]) -> None:
    """Write one make rule: the stamp depends on every input and on its review dates.

    Each input also gets an empty rule, so that a deleted file does not stop make (like -MP).
    """
    stem = stamp_name(spec)
    target = folder / f"{stem}.stamp"
    clocks = [str(folder / "due" / h.review_due.isoformat()) for h in handouts]
    rule = f"{target}: " + " \\\n  ".join([*deps, *dict.fromkeys(clocks)])
    text = "\n".join([rule, "", *(f"{dep}:" for dep in deps)]) + "\n"
    atomic_write(folder / f"{stem}.d", text.encode("utf-8"))
    target.touch()
