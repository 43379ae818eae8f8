"""Release a version with the SHA-256 of its files, and rebuild an earlier one from git.

``handouts release`` makes a handout's (or pack's) files in memory, by the code a build
runs, and records the SHA-256 of each in the release record. ``handouts archive`` takes
the commit that first recorded an earlier version, makes its files again from the content
it held then (the spec, bibliography and settings of that commit, as on the day it was
released), and writes them into the build folder beside the current files; the version's
page then marks each file identical to the one released, or rebuilt from the released
content when its bytes differ.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import tempfile
from dataclasses import replace
from pathlib import Path

from handouts import __version__
from handouts.errors import HandoutsError
from handouts.flowchart.engine import ChartLayouts
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.publish.context import Build
from handouts.publish.outputs import MANIFEST, Output, write_outputs
from handouts.publish.render_all import document_files as render_document
from handouts.publish.site import write_site
from handouts.publish.versionpages import IDENTICAL, REBUILT, gather, pages
from handouts.spec.clock import today
from handouts.spec.files import display_path
from handouts.spec.project import Project, load_project
from handouts.versions.canonical import content_hash, pack_hash
from handouts.versions.history import project_at, release_commits
from handouts.versions.release import Document, Release, read_lock, release, version_key
from handouts.versions.standing import changelog_dates

KEPT = "kept: the file released"


def document_files(project: Project, document: Document, day: datetime.date) -> list[Output]:
    """Return every file a build writes for a handout or pack, made in memory, as on
    ``day``."""
    return render_document(Build(project.folder, project, day, ChartLayouts()), document)


def sums(outputs: list[Output]) -> dict[str, str]:
    """Return the SHA-256 of each output, by name."""
    return {o.name: hashlib.sha256(o.data).hexdigest() for o in outputs}


def release_document(folder: Path, slug: str, level: str | None) -> str:
    """Release the handout or pack ``slug`` of the specs ``folder``, recording its files'
    SHA-256; return the released version."""
    project = load_project(folder)
    day = today()
    pack = next((p for p in project.packs if p.slug == slug), None)
    if pack is None:
        handout = project.valid_handout(slug)
        return release(handout, content_hash(handout, project.bibliography), project.folder,
                       level, day, lambda made: sums(document_files(project, made, day)))
    members = project.pack_handouts(pack)
    lock = read_lock(project.folder)
    unreleased = [f"{h.slug} {h.version}" for h in members
                  if h.version not in lock.get(h.slug, {})]
    if unreleased:
        raise HandoutsError(f"{slug} holds versions not yet released ({', '.join(unreleased)})"
                            ": release them first (handouts release SLUG)")
    if project.shared_errors():
        raise HandoutsError(f"{project.shared_errors()[0]}")
    digest = pack_hash(pack, {h.slug: content_hash(h, project.bibliography) for h in members})
    return release(pack, digest, project.folder, level, day,
                   lambda made: sums(document_files(project, made, day)),
                   {h.slug: h.version for h in members})


def archive(folder: Path, slug: str, versions: list[str], out: Path) -> list[str]:
    """Rebuild earlier released versions of ``slug`` into ``out`` from the commits that
    released them; return a line for each file: identical, rebuilt, or kept."""
    project = load_project(folder)
    lock = read_lock(project.folder)
    releases = lock.get(slug, {})
    document: Document | None = project.handout(slug) or next(
        (p for p in project.packs if p.slug == slug), None)
    if document is None or not releases:
        raise HandoutsError(f"no released handout or pack {slug!r} in {display_path(folder)}")
    current = document.version
    versions = versions or [v for v in sorted(releases, key=version_key) if v != current]
    for version in versions:
        if version not in releases:
            known = ", ".join(sorted(releases, key=version_key))
            raise HandoutsError(f"{slug} {version} was never released (released: {known})")
        if version == current:
            raise HandoutsError(f"{slug} {version} is the current version: handouts build "
                                "makes its files")
    commits = release_commits(project.folder)
    said: list[str] = []
    outputs: list[Output] = []
    present = _present(out)
    for version in versions:
        made = rebuild(project, document, version, releases[version], commits)
        recorded = dict(releases[version].files)
        for output in made:
            digest = hashlib.sha256(output.data).hexdigest()
            if recorded.get(output.name) and present.get(output.name) == recorded[output.name]:
                said.append(f"{out / output.name}: {KEPT}")
            elif output.name in present and not recorded:
                said.append(f"{out / output.name}: kept: already in {out}, and the release "
                            "record holds no SHA-256 to check it against")
            else:
                outputs.append(output)
                said.append(f"{out / output.name}: "
                            f"{IDENTICAL if recorded.get(output.name) == digest else REBUILT}")
    handouts = [document] if isinstance(document, Handout) else []
    packs = [document] if isinstance(document, Pack) else []
    found = gather(project, handouts, packs, lock, today())
    write_outputs(outputs, out, f"handouts {__version__}", then=write_site,
                  late=lambda entries: pages(found, entries))
    return said


def rebuild(project: Project, document: Document, version: str, record: Release,
            commits: dict[tuple[str, str], str]) -> list[Output]:
    """Return the files of an earlier version, made from the commit that released it, as
    on the day it was released."""
    commit = commits.get((document.slug, version))
    if commit is None:
        raise HandoutsError(f"no commit records {document.slug} {version} in "
                            f"{display_path(project.folder)}/releases.lock: commit the "
                            "release record, then archive")
    dates = changelog_dates(document.changelog) if isinstance(document, Handout) else {}
    spec = Path(document.where.path).name
    names = [spec] if isinstance(document, Handout) else [
        f"packs/{spec}", *(Path(h.where.path).name if (h := project.handout(s)) else
                           f"{s}.yaml" for s, _ in record.holds)]
    with tempfile.TemporaryDirectory(prefix="handouts-archive-") as scratch:
        old = project_at(project.folder, commit, names, Path(scratch))
        then = old.handout(document.slug) or next(
            (p for p in old.packs if p.slug == document.slug), None)
        if then is None or old.shared_errors() or then.version != version:
            raise HandoutsError(f"{document.slug} {version} cannot be read from commit "
                                f"{commit[:12]}, which released it")
        if _digest(old, then) != record.content:
            raise HandoutsError(f"{document.slug} {version} in commit {commit[:12]} is not the "
                                "content the release record holds")
        day = record.released or dates.get(version) or then.updated
        made = document_files(old, then, day)
    return [replace(o, spec=document.where.path) for o in made]


def _digest(project: Project, document: Document) -> str:
    if isinstance(document, Handout):
        return content_hash(document, project.bibliography)
    return pack_hash(document, {h.slug: content_hash(h, project.bibliography)
                                for h in project.pack_handouts(document)})


def _present(out: Path) -> dict[str, str]:
    """Return the SHA-256 of each file the build folder's manifest lists, by name."""
    try:
        files = json.loads((out / MANIFEST).read_text("utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return {}
    listed = [e["file"] for e in files if isinstance(e, dict) and isinstance(e.get("file"), str)
              and e["file"] == Path(e["file"]).name]
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in listed
            if (out / name).is_file() and not (out / name).is_symlink()}
