"""The shipped pack: every spec valid, and the combined PDF with contents and one reference list."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from handouts.spec.project import load_project

from .conftest import SHIPPED, SPECS, built


@pytest.fixture(scope="module")
def project():
    return load_project(SPECS)


def test_shipped_specs_are_valid_and_every_handout_is_in_the_pack(project):
    assert not [p for p in project.problems if not p.warning]
    (pack,) = project.packs
    assert [h.slug for h in project.handouts] == sorted(pack.handouts)
    assert len(project.handouts) == len(SHIPPED)


def test_every_handout_cites_its_sources(project):
    from handouts.spec.sources import cited_keys

    for handout in project.handouts:
        assert cited_keys(handout), handout.slug


@pytest.mark.needs_dot
def test_pack_has_contents_every_handout_and_one_reference_list(project, tmp_path):
    built(SPECS, tmp_path)
    (pack,) = project.packs
    reader = PdfReader(tmp_path / f"{pack.slug}-v{pack.version}.pdf")
    pages = [page.extract_text() for page in reader.pages]
    assert "Contents" in pages[0]
    handouts = project.pack_handouts(pack)
    contents = " ".join(pages[0].split())
    assert all(" ".join(h.title.split()) in contents for h in handouts)
    numbers = [int(n) for n in re.findall(r"\. (\d+)\b", contents)]
    assert [o.title for o in reader.outline] == [*(h.title for h in handouts), "References"]
    starts = [reader.get_destination_page_number(o) + 1 for o in reader.outline]
    assert numbers == starts  # the contents give each handout's first page, and the references'
    for handout, start in zip(handouts, starts):
        assert " ".join(handout.title.split()) in " ".join(pages[start - 1].split())
    assert sum(line == "References" for text in pages[1:] for line in text.splitlines()) == 1
