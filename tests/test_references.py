"""The bibliography, citation checks, and Harvard formatting of citations and lists."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from handouts.render.harvard import Citer, breakable
from handouts.spec.project import load_project

from .conftest import MINIMAL, build

BIBLIOGRAPHY = """\
references:
  - id: peters2017
    type: article-journal
    author:
      - {family: Peters, given: S.}
      - literal: others
    title: Alectinib versus Crizotinib in Untreated ALK-Positive Non–Small-Cell Lung Cancer
    container-title: New England Journal of Medicine
    volume: 377
    issue: 9
    page: 829-838
    issued: 2017
    DOI: 10.1056/NEJMoa1704795
  - id: nice-ta536
    type: report
    author: [{literal: NICE}]
    title: Alectinib for untreated ALK-positive advanced non-small-cell lung cancer
    genre: Technology appraisal guidance
    number: TA536
    publisher: National Institute for Health and Care Excellence
    issued: 2018
    URL: https://www.nice.org.uk/guidance/ta536
    accessed: 2025-01-15
  - id: nice-ta500
    type: report
    author: [{literal: NICE}]
    title: Ceritinib for untreated ALK-positive non-small-cell lung cancer
    genre: Technology appraisal guidance
    number: TA500
    issued: 2018
    URL: https://www.nice.org.uk/guidance/ta500
    accessed: 2025-01-15
"""
CITING = MINIMAL.replace(
    "alectinib: {label: Alectinib, lane: First line}",
    "alectinib: {label: Alectinib, lane: First line, sources: [nice-ta536, nice-ta500]}",
) + "summary: Alectinib delayed progression [@peters2017].\n"


@pytest.fixture
def project(write_spec):
    def make(spec: str = CITING, bibliography: str = BIBLIOGRAPHY):
        path = write_spec(spec)
        write_spec(textwrap.dedent(bibliography), "references.yaml")
        return load_project(path.parent)
    return make


def messages(project, **kwargs) -> list[str]:
    return [str(p) for p in project(**kwargs).problems if not p.warning]


def warnings(project) -> list[str]:
    return [str(p) for p in project.problems if p.warning]


def test_valid_project_has_no_warnings(project):
    assert project().problems == ()


def test_unknown_citation_key_with_did_you_mean(project):
    spec = CITING.replace("sources: [nice-ta536,", "sources: [nice-ta563,")
    assert messages(project, spec=spec) == [
        "specs/spec.yaml:14:63: flowchart.nodes.alectinib.sources[0]: unknown reference "
        "'nice-ta563' (did you mean 'nice-ta536'?) (add it to specs/references.yaml, or correct "
        "the id)"]


def test_unknown_citation_in_text(project):
    spec = CITING.replace("[@peters2017]", "[@peter2017]")
    assert messages(project, spec=spec) == [
        "specs/spec.yaml:19:1: summary: unknown reference 'peter2017' (did you mean "
        "'peters2017'?) (add it to specs/references.yaml, or correct the id)"]


def test_duplicate_reference_id(project):
    bib = BIBLIOGRAPHY + BIBLIOGRAPHY.split("\n", 1)[1].split("  - id: nice-ta536")[0]
    assert messages(project, bibliography=bib) == [
        "specs/references.yaml:33:5: references[3]: duplicate reference id 'peters2017' "
        "(first at line 2) (give each reference its own id)"]


def test_malformed_doi(project):
    bib = BIBLIOGRAPHY.replace("DOI: 10.1056/NEJMoa1704795",
                               "DOI: https://doi.org/10.1056/NEJMoa1704795")
    assert messages(project, bibliography=bib) == [
        "specs/references.yaml:13:10: references[0].DOI: malformed DOI "
        "'https://doi.org/10.1056/NEJMoa1704795' (write the bare DOI, e.g. "
        "10.1056/NEJMoa1704795)"]


def test_unknown_csl_field(project):
    bib = BIBLIOGRAPHY.replace("container-title:", "containr-title:")
    assert messages(project, bibliography=bib) == [
        "specs/references.yaml:8:5: references[0].containr-title: unknown CSL field "
        "'containr-title' (did you mean 'container-title'?) (see the CSL variables, e.g. "
        "container-title, DOI, URL, issued)"]


def test_uncited_reference_is_a_warning(project):
    spec = CITING.replace(" [@peters2017]", "")
    assert warnings(project(spec=spec)) == [
        "specs/references.yaml:2:5: references[0]: warning: reference 'peters2017' is not "
        "cited by any handout (cite it, or remove it if it is no longer needed)"]


def test_uncited_is_not_reported_when_building_some_specs_only(project):
    spec = CITING.replace(" [@peters2017]", "")
    project(spec=spec)
    assert build([Path("specs/spec.yaml")]).problems == []


def test_web_source_without_accessed_date_is_a_warning(project):
    bib = BIBLIOGRAPHY.replace("    accessed: 2025-01-15\n", "", 1)
    assert warnings(project(bibliography=bib)) == [
        "specs/references.yaml:14:5: references[1]: warning: web source 'nice-ta536' has no "
        "accessed date (add accessed: YYYY-MM-DD, the day it was last checked)"]


def test_a_source_that_shows_no_date_says_so_and_prints_no_date(project):
    bib = BIBLIOGRAPHY.replace("    issued: 2017\n", "    issued: undated\n", 1)
    proj = project(bibliography=bib)
    assert proj.problems == ()
    assert Citer(proj.bibliography, ["peters2017"]).cite(["peters2017"]) == \
        "(Peters <i>et al.</i>, no date)"
    missing = BIBLIOGRAPHY.replace("    issued: 2017\n", "", 1)
    assert warnings(project(bibliography=missing)) == [
        "specs/references.yaml:2:5: references[0]: warning: reference 'peters2017' has no "
        "issued date (add issued: its year (or issued: undated, if the source shows no "
        "date); until then it prints as 'no date')"]


def test_undated_is_only_for_the_date_of_issue(project):
    bib = BIBLIOGRAPHY.replace("    accessed: 2025-01-15\n", "    accessed: undated\n", 1)
    assert messages(project, bibliography=bib) == [
        "specs/references.yaml:23:15: references[1].accessed: expected a date: a year (2017), "
        "YYYY-MM-DD, or {date-parts: [[2017, 9, 1]]}"]


def test_two_references_with_one_title_are_a_warning(project):
    bib = BIBLIOGRAPHY.replace("title: Ceritinib for untreated ALK-positive non-small-cell",
                               "title: Alectinib for untreated ALK-positive advanced "
                               "non-small-cell")
    assert warnings(project(bibliography=bib)) == [
        "specs/references.yaml:24:5: references[2]: warning: references 'nice-ta536' and "
        "'nice-ta500' have the same title (check both titles against their sources, this one "
        "and line 14's; if one work has two entries, keep one)"]


def test_harvard_citations_and_list(project):
    proj = project()
    citer = Citer(proj.bibliography,
                  ["nice-ta536", "nice-ta500", "peters2017"])
    assert citer.cite(["peters2017"]) == "(Peters <i>et al.</i>, 2017)"
    assert citer.cite(["nice-ta536"]) == "(NICE, 2018a)"  # same author and year as TA500
    assert citer.cite(["nice-ta500"]) == "(NICE, 2018b)"
    assert citer.marker("nice-ta536") == "TA536"
    assert citer.marker("peters2017") == "Peters et al., 2017"
    assert citer.reference_list() == [
        "NICE (2018a) <i>Alectinib for untreated ALK-positive advanced non-small-cell lung "
        "cancer</i>. Technology appraisal guidance TA536. National Institute for Health and Care "
        'Excellence. Available at: <a href="https://www.nice.org.uk/guidance/ta536">'
        f"{breakable('https://www.nice.org.uk/guidance/ta536')}</a> (Accessed: 15 January "
        "2025).",
        "NICE (2018b) <i>Ceritinib for untreated ALK-positive non-small-cell lung cancer</i>. "
        'Technology appraisal guidance TA500. Available at: <a href="https://www.nice.org.uk/'
        f'guidance/ta500">{breakable("https://www.nice.org.uk/guidance/ta500")}</a> (Accessed: '
        "15 January 2025).",
        "Peters, S. <i>et al.</i> (2017) ‘Alectinib versus Crizotinib in Untreated ALK-Positive "
        "Non–Small-Cell Lung Cancer’, <i>New England Journal of Medicine</i>, 377(9), pp. "
        '829–838. Available at: <a href="https://doi.org/10.1056/NEJMoa1704795">'
        f"{breakable('https://doi.org/10.1056/NEJMoa1704795')}</a>.",
    ]


def test_markup_in_titles_is_escaped(project):
    bib = BIBLIOGRAPHY.replace("title: Alectinib versus Crizotinib in Untreated ALK-Positive Non–Small-Cell Lung Cancer",
                               "title: 'A <b> & B: Alectinib versus Crizotinib'")
    proj = project(bibliography=bib)
    citer = Citer(proj.bibliography, ["peters2017"])
    assert "‘A &lt;b&gt; &amp; B: Alectinib versus" in citer.reference_list()[0]
