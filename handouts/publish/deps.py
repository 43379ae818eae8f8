"""Tell make what a build read, as compilers do with -MMD, so make rebuilds only what changed."""

from __future__ import annotations

from pathlib import Path

from handouts.model.content import Handout
from handouts.publish.outputs import atomic_write
from handouts.render.fonts import font_files
from handouts.spec.bibliography import FILE_NAME
from handouts.spec.project import Project
from handouts.versions.release import LOCK_FILE


def inputs(project: Project, handouts: list[Handout] | None = None) -> list[str]:
    """Return every file the build of ``project`` (or of some handouts) depended on."""
    files = [h.where.path for h in (project.handouts if handouts is None else handouts)]
    folders = dict.fromkeys(Path(p).parent for p in files)
    for folder in folders:
        files += [str(folder / name) for name in (FILE_NAME, LOCK_FILE)
                  if (folder / name).exists()]
    if project.pack is not None and handouts is None:
        files.append(project.pack.where.path)
    package = Path(__file__).parent.parent
    files += sorted(str(p) for p in package.rglob("*.py"))
    files += [str(p) for p in font_files().values()]
    return list(dict.fromkeys(files))


def write_depfiles(folder: Path, project: Project) -> None:
    """For each handout built, write FOLDER/<spec>.d and touch FOLDER/<spec>.stamp."""
    for handout in project.handouts:
        stem = Path(handout.where.path).stem
        write_depfile(folder / f"{stem}.d", project, [handout])
        (folder / f"{stem}.stamp").touch()


def write_depfile(path: Path, project: Project, handouts: list[Handout] | None = None) -> None:
    """Write a make rule: the stamp beside ``path`` depends on every input of the build.

    Each input also gets an empty rule, so that a deleted file does not stop make (like -MP).
    """
    target = path.with_suffix(".stamp")
    deps = inputs(project, handouts)
    rule = f"{target}: " + " \\\n  ".join(deps)
    text = "\n".join([rule, "", *(f"{dep}:" for dep in deps)]) + "\n"
    atomic_write(path, text.encode("utf-8"))
