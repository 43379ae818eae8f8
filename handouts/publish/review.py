"""Write the sign-off sheet of one handout: ``handouts review SLUG``.

The handout's files are made in memory by the code ``handouts build`` runs, so the SHA-256
the sheet prints is that of each file a build writes, and the page images are of the A4
edition itself. The sheet is written whatever it finds: open items are listed, not refused.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from pypdf import PdfReader

from handouts.atomic import atomic_write
from handouts.errors import SpecError, ToolError
from handouts.model.handout import Handout
from handouts.model.profile import PROFILES
from handouts.process import run as run_tool
from handouts.publish.build import Request, run
from handouts.publish.context import Build
from handouts.publish.outputs import Output
from handouts.render.documents import handout_doc
from handouts.render.harvard import citer_for
from handouts.render.kinds import statements
from handouts.render.review import Baseline, Sheet, key_words, review_pdf
from handouts.render.styles import Doc
from handouts.spec.bibliography import Bibliography
from handouts.spec.signoff import names, open_items
from handouts.spec.sources import cited_keys
from handouts.spec.statements import Statement
from handouts.versions.changed import changes_in_words
from handouts.versions.history import baseline

REVIEW_FOLDER = "review"
"""Under the build folder: sign-off sheets are for reviewers, not for the download page."""
PAGE_DPI = 150
"""The resolution of the page images: the chart's smallest text stays legible."""
INSTALL_HINT = "install poppler (Debian/Ubuntu: apt-get install poppler-utils)"


def page_images(pdf: bytes) -> list[bytes]:
    """Return each page of a PDF as a PNG image, drawn by poppler's pdftoppm."""
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    return [run_tool("pdftoppm", ["-png", "-r", str(PAGE_DPI), "-f", str(page), "-l", str(page),
                             "-singlefile", "-"], data=pdf, install=INSTALL_HINT,
                name="poppler's 'pdftoppm'", what=f"drawing page {page} of the A4 edition")
            for page in range(1, count + 1)]


def sheet_statements(build: Build, handout: Handout,
                     bibliography: Bibliography) -> list[Statement]:
    """Return a handout's statements as its sheet lists them: the urgent line and each
    chart's key in the words the A4 edition prints."""
    settings = build.settings
    doc = handout_doc(handout, bibliography, PROFILES["a4"], build.day, settings, build.layouts)
    urgent = settings.publisher.urgent_line() if handout.audience == "patient" else ""
    return statements(handout, urgent, key_words(doc))


def build_sheet(build: Build, handout: Handout, files: list[Output]) -> Sheet:
    """Gather what the sign-off sheet of ``handout`` prints, given every file a build of it
    makes (``files``)."""
    project = build.project
    printed = next(o for o in files if o.profile == "a4")
    said = sheet_statements(build, handout, project.bibliography)
    try:
        found = baseline(Path(handout.where.path), handout.version)
    except ToolError as exc:  # not a git repository, or no git: the sheet says so
        found, unknown = None, str(exc)
    else:
        unknown = ""
    changes, base = None, None
    if found:
        old, old_bib, approved = found
        before = sheet_statements(build, old, old_bib)
        changes = changes_in_words(before, said, names(old, old_bib),
                                   names(handout, project.bibliography))
        base = Baseline(old.version, approved, old.approved_by, old.approved_on)
    return Sheet(handout, said, open_items(said, project.bibliography),
                 [(o.name, hashlib.sha256(o.data).hexdigest()) for o in files],
                 page_images(printed.data), printed.name, changes, base, unknown)


def write_review(build: Build, slug: str, out: Path) -> Path:
    """Write the sign-off sheet of handout ``slug`` under the build folder ``out``; return
    its path. The handout is checked and made, in every edition, by the pipeline a build
    runs; a problem that would stop its build stops the sheet."""
    project = build.project
    spec = project.spec_of(slug)
    report = run(Request(build.folder, (spec,), packs=False), build)
    if report.errors:
        raise SpecError(report.errors)
    handout = project.valid_handout(slug)
    sheet = build_sheet(build, handout, report.outputs)
    citer = citer_for(project.bibliography, tuple(cited_keys(handout)))
    doc = Doc(PROFILES["a4"], citer, build.day, project.settings.publisher)  # clinicians' type
    pdf = review_pdf(sheet, project.bibliography, doc)
    path = out / REVIEW_FOLDER / f"{handout.slug}-v{handout.version}-review.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, pdf)
    return path
