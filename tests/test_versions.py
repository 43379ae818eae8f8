"""Is my printed copy current? Every printed copy's QR code opens the page of its version,
which says whether it is current, or when and by which version it was superseded, and what
changed since, in words; every released version has one, listed on the download page."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handouts.cli import main
from handouts.errors import SpecError
from handouts.versions.release import lock_entries

from .conftest import MINIMAL, ROOT
from .test_html import BROWSER, CHROMIUM, needs_browser

pytestmark = pytest.mark.needs_dot
URL = "https://handouts.nhs.uk/lung"
SETTINGS = f"base_url: {URL}\nprofiles: [a4]\n"
CHANGELOG = "changelog:\n  - {version: 1.0.0, date: 2025-01-01, changes: [First version.]}\n"
JULY = "1751328000"  # 2025-07-01
DECEMBER = "1796601600"  # 2026-12-07
RELEASED = list(json.loads((ROOT / "specs" / "releases.lock").read_text())["alk-sequencing"])
"""The released versions of the shipped sequencing handout, oldest first."""
CURRENT = RELEASED[-1]
NEXT = ".".join([*CURRENT.split(".")[:2], str(int(CURRENT.split(".")[2]) + 1)])
"""The version the tests release the sequencing handout as, in a copy of the project."""
needs_qr = pytest.mark.skipif(not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
                              reason="needs zbarimg (zbar-tools) and pdftoppm (poppler-utils): "
                                     "run scripts/system-deps.sh --tests")


BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "div", "td", "th", "tr", "section", "caption",
          "summary", "ul", "ol", "br"}


class Text(HTMLParser):
    """A page's words, as a reader sees them, and its links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self.sources: list[str] = []
        self.lang = ""
        self.skip = False
        self.feed(html)
        self.text = " ".join("".join(self.parts).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.skip = tag in ("style", "title")
        if tag in BLOCKS:
            self.parts.append(" ")
        if tag == "html":
            self.lang = found.get("lang") or ""
        if tag == "a":
            self.links.append(found.get("href") or "")
        if "src" in found or tag in ("link", "script"):
            self.sources.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.skip = False
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def read(path: Path) -> Text:
    return Text(path.read_text("utf-8"))


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def commit(folder: Path, message: str) -> None:
    git(folder, "add", "-A")
    git(folder, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A git repository holding a released spec, mini 1.0.0, and its settings."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "spec.yaml").write_text(MINIMAL + CHANGELOG)
    (tmp_path / "handouts.yaml").write_text(SETTINGS)
    git(tmp_path, "init", "-q")
    assert main(["release", "mini"]) == 0
    commit(tmp_path, "release mini 1.0.0")
    return tmp_path


def release_1_1_0(folder: Path, monkeypatch) -> None:
    """Reword a box, add an arrow, and release the result as 1.1.0 on 1 July 2025."""
    spec = folder / "specs" / "spec.yaml"
    spec.write_text(spec.read_text()
                    .replace("label: Alectinib", "label: Alectinib 600 mg")
                    .replace("    - {from: start, to: alectinib}\n",
                             "    - {from: start, to: alectinib}\n"
                             "    - {from: start, to: lorlatinib}\n")
                    + "  - {version: 1.1.0, date: 2025-07-01, changes: [Lorlatinib may come "
                      "first. The dose of alectinib is given.]}\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JULY)
    assert main(["release", "mini", "--minor"]) == 0
    commit(folder, "release mini 1.1.0")


def add_pack(folder: Path) -> None:
    """Add a pack of the one handout, mini-pack 1.0.0."""
    (folder / "specs" / "packs").mkdir()
    (folder / "specs" / "packs" / "pack.yaml").write_text(
        "slug: mini-pack\ntitle: A pack\nversion: 1.0.0\nupdated: 2025-01-01\n"
        "handouts: [mini]\n")


def scanned(pdf: Path) -> str:
    """Return what the QR code on page 1 of a PDF says, read as a phone would."""
    image = pdf.parent.parent / "scanned"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(image)], check=True, timeout=60)
    done = subprocess.run(["zbarimg", "--quiet", "--raw", f"{image}.png"], capture_output=True,
                          text=True, timeout=60, check=False)
    return done.stdout.strip()


def follow(url: str, build: Path) -> Path:
    """Return the file in the build folder that ``url``, on the published site, is."""
    assert url.startswith(URL + "/"), url
    return build / url[len(URL) + 1:]


@needs_qr
def test_the_qr_code_opens_its_versions_page_which_turns_superseded(project, monkeypatch):
    build = project / "build"
    assert main(["build", "-o", "build", "--quiet"]) == 0
    old_pdf = build / "mini-v1.0.0.pdf"
    url = scanned(old_pdf)
    assert url == f"{URL}/versions/mini/1.0.0.html"
    page = read(follow(url, build))
    assert "For copies of the handout's version 1.0.0, released 1 June 2025." in page.text
    assert "This is the current version" in page.text
    assert "Superseded" not in page.text

    release_1_1_0(project, monkeypatch)
    assert main(["build", "-o", "build", "--quiet"]) == 0
    page = read(follow(scanned(old_pdf), build))  # the same paper, scanned again
    assert page.lang == "en-GB"
    text = page.text
    assert "Superseded on 1 July 2025 by version 1.1.0 — do not use this copy" in text
    assert "The current version is version 1.1.0, released 1 July 2025." in text
    assert "This is the current version" not in text
    # what changed, in words: counted, then the boxes and arrows, then the changelog
    assert "What changed from version 1.0.0 to version 1.1.0" in text
    assert "On the chart: 1 box reworded; 1 arrow added, 2 reworded." in text
    assert ("Arrow added: “From Diagnosis (start) to Lorlatinib (second line): an arrow "
            "without words”") in text
    assert "Box reworded: “Alectinib (first line)” → “Alectinib 600 mg (first line)”" in text
    assert "Version 1.1.0, 1 July 2025 Lorlatinib may come first. The dose of alectinib is " \
           "given." in text
    assert "flowchart." not in text and "(line " not in text  # no YAML paths, no lines
    # the current files, linked, and the review date
    assert "../../mini-v1.1.0.pdf" in page.links
    assert "Version 1.1.0: review due 1 January 2026; draft, not yet clinically reviewed." \
        in text
    new = read(follow(scanned(build / "mini-v1.1.0.pdf"), build))
    assert "This is the current version" in new.text
    assert "What changed in version 1.1.0" in new.text


def test_a_version_page_needs_nothing_from_the_network(project):
    assert main(["build", "-o", "build", "--quiet"]) == 0
    page = read(project / "build" / "versions" / "mini" / "1.0.0.html")
    assert page.sources == []  # no image, stylesheet or script to fetch: the CSS is inline
    assert all(not re.match(r"[a-z]+:", link) for link in page.links), page.links
    for link in page.links:
        target = link.split("#")[0]
        assert not target or (project / "build" / "versions" / "mini" / target).resolve() \
            .is_file(), link


def test_old_release_records_read_and_new_entries_hold_what_was_released(project):
    lock = json.loads((project / "specs" / "releases.lock").read_text())
    entry = lock["mini"]["1.0.0"]
    assert entry["content"].startswith("sha256:")
    assert entry["released"] == "2025-06-01" and entry["updated"] == "2025-01-01"
    assert entry["title"] == "A small chart"
    assert main(["build", "-o", "build", "--quiet"]) == 0
    built = {name: hashlib.sha256((project / "build" / name).read_bytes()).hexdigest()
             for name in entry["files"]}
    assert entry["files"] == built and "mini-v1.0.0.pdf" in built  # the very same bytes
    # a record of the first form, the hash alone, still reads
    old = lock_entries({"mini": {"1.0.0": entry["content"]}}, "releases.lock")
    assert old["mini"]["1.0.0"].content == entry["content"]
    assert old["mini"]["1.0.0"].released is None


@pytest.mark.parametrize("entry,message", [
    ({"content": "sha256:ab", "released": "1 June"}, "mini.1.0.0.released: expected a date "
     "(YYYY-MM-DD), not text ('1 June')"),
    ({"content": "sha256:ab", "files": {"../x.pdf": "00"}}, "mini.1.0.0.files: '../x.pdf' is "
     "not a plain file name or slug"),
    ({"content": "sha256:ab", "files": {"x.pdf": "abc"}}, "mini.1.0.0.files.x.pdf: expected "
     "a SHA-256 (hex), not text ('abc')"),
    ({"content": "sha256:ab", "withdrawn": {"date": "2025-01-02", "reason": " "}},
     "mini.1.0.0.withdrawn.reason: say why the version was withdrawn"),
    ({"content": "sha256:ab", "colour": "red"}, "mini.1.0.0.colour: unknown key (expected "
     "content, released, updated, title, files, holds, withdrawn)"),
    ({"released": "2025-01-02"}, "mini.1.0.0.content: expected a hash ('sha256:...'), not "
     "null"),
])
def test_a_damaged_release_record_is_one_located_problem(entry, message):
    with pytest.raises(SpecError) as caught:
        lock_entries({"mini": {"1.0.0": entry}}, "specs/releases.lock")
    assert str(caught.value) == f"specs/releases.lock: {message} (restore it from version " \
                                "control)"


def test_a_withdrawn_version_says_so_and_why(project, capsys):
    assert main(["withdraw", "mini", "1.0.0", "--reason", "The dose of alectinib was wrong."]) \
        == 0
    assert capsys.readouterr().out == "withdrew mini 1.0.0\n"
    assert main(["build", "-o", "build"]) == 0
    assert ("specs/spec.yaml:4:1: version: warning: mini 1.0.0 was withdrawn on 2025-06-01 "
            "(The dose of alectinib was wrong.), yet it is built as the current version "
            "(release a corrected version, or remove the spec)") in capsys.readouterr().err
    text = read(project / "build" / "versions" / "mini" / "1.0.0.html").text
    assert "Withdrawn on 1 June 2025 — do not use this copy" in text
    assert "Why: The dose of alectinib was wrong." in text
    assert "No version replaces it yet." in text
    assert "This is the current version" not in text
    assert main(["check", "--strict"]) == 1
    # and it cannot be withdrawn twice, nor can a version never released
    assert main(["withdraw", "mini", "1.0.0", "--reason", "Again."]) == 1
    assert capsys.readouterr().err.endswith(
        "handouts: error: mini 1.0.0 was already withdrawn on 2025-06-01\n")
    assert main(["withdraw", "mini", "9.0.0", "--reason", "No."]) == 1
    assert capsys.readouterr().err.endswith(
        "handouts: error: mini 9.0.0 was never released (released versions: 1.0.0)\n")


def test_archive_rebuilds_an_earlier_version_and_marks_its_files(project, monkeypatch, capsys):
    release_1_1_0(project, monkeypatch)
    assert main(["build", "-o", "build", "--quiet"]) == 0
    page = project / "build" / "versions" / "mini" / "1.0.0.html"
    assert "The files of version 1.0.0 Not kept here." in read(page).text
    capsys.readouterr()
    assert main(["archive", "mini", "1.0.0"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"build/mini-{name}: identical to the file released"
        for name in ("flowchart-v1.0.0.pdf", "flowchart-v1.0.0.svg", "flowchart-v1.0.0.png",
                     "flowchart-v1.0.0.txt", "v1.0.0.pdf", "v1.0.0.html")]
    lock = json.loads((project / "specs" / "releases.lock").read_text())
    released = lock["mini"]["1.0.0"]["files"]
    for name, digest in released.items():
        assert hashlib.sha256((project / "build" / name).read_bytes()).hexdigest() == digest
    text = read(page).text.split("The files of version 1.0.0")[1]
    assert text.count("identical to the file released") == len(released)
    assert "rebuilt" not in text
    manifest = json.loads((project / "build" / "manifest.json").read_text())
    assert {"mini-v1.0.0.pdf", "mini-v1.1.0.pdf"} <= {e["file"] for e in manifest["files"]}
    # the next build keeps the marks: they come from the files the folder holds
    assert main(["build", "-o", "build", "--quiet"]) == 0
    assert read(page).text.split("The files of version 1.0.0")[1].count(
        "identical to the file released") == len(released)


def test_archive_says_rebuilt_when_the_bytes_differ(project, monkeypatch, capsys):
    release_1_1_0(project, monkeypatch)
    monkeypatch.setattr("handouts.render.furniture.DRAFT_WORDS",
                        "DRAFT – not for clinical use (drawn by newer code)")
    assert main(["archive", "mini", "1.0.0"]) == 0
    said = capsys.readouterr().out
    assert "build/mini-v1.0.0.pdf: rebuilt from the released content\n" in said
    assert "build/mini-flowchart-v1.0.0.txt: identical to the file released\n" in said
    text = read(project / "build" / "versions" / "mini" / "1.0.0.html").text
    assert "mini-v1.0.0.pdf rebuilt from the released content" in text
    assert "mini-flowchart-v1.0.0.txt identical to the file released" in text


def test_archive_refuses_what_it_cannot_rebuild(project, monkeypatch, capsys):
    assert main(["archive", "mini", "1.0.0"]) == 1
    assert capsys.readouterr().err == ("handouts: error: mini 1.0.0 is the current version: "
                                       "handouts build makes its files\n")
    release_1_1_0(project, monkeypatch)
    assert main(["archive", "mini", "0.9.0"]) == 1
    assert capsys.readouterr().err == ("handouts: error: mini 0.9.0 was never released "
                                       "(released: 1.0.0, 1.1.0)\n")
    spec = project / "specs" / "spec.yaml"  # two more releases, neither committed
    spec.write_text(spec.read_text() + "  - {version: 1.1.1, date: 2025-07-02, changes: [A.]}\n"
                    "  - {version: 1.1.2, date: 2025-07-03, changes: [B.]}\n")
    assert main(["release", "mini", "--patch"]) == main(["release", "mini", "--patch"]) == 0
    capsys.readouterr()
    assert main(["archive", "mini", "1.1.1"]) == 1
    assert capsys.readouterr().err == ("handouts: error: no commit records mini 1.1.1 in "
                                       "specs/releases.lock: commit the release record, then "
                                       "archive\n")


def test_the_download_page_and_manifest_list_every_version(project, monkeypatch):
    release_1_1_0(project, monkeypatch)
    assert main(["build", "-o", "build", "--quiet"]) == 0
    manifest = json.loads((project / "build" / "manifest.json").read_text())
    pages = {e["file"]: e for e in manifest["files"] if e["kind"] == "version-page"}
    assert set(pages) == {"versions/mini/1.0.0.html", "versions/mini/1.1.0.html"}
    old = pages["versions/mini/1.0.0.html"]
    assert (old["standing"], old["released"], old["successor"], old["superseded_on"],
            old["summary"]) == ("superseded", "2025-06-01", "1.1.0", "2025-07-01",
                                "First version.")
    assert pages["versions/mini/1.1.0.html"]["standing"] == "current"
    for name, entry in pages.items():
        assert entry["sha256"] == hashlib.sha256((project / "build" / name).read_bytes()) \
            .hexdigest()
    index = (project / "build" / "index.html").read_text()
    text = Text(index).text
    assert ("Version history Version 1.1.0 of A small chart, released 1 July 2025 Current "
            "version Lorlatinib may come first. Version 1.0.0 of A small chart, released 1 "
            "June 2025 Superseded on 1 July 2025 by version 1.1.0 First version.") in text
    assert {"versions/mini/1.0.0.html", "versions/mini/1.1.0.html"} <= set(Text(index).links)


def test_version_pages_are_the_same_bytes_whatever_the_day(project, monkeypatch):
    release_1_1_0(project, monkeypatch)
    assert main(["build", "-o", "one", "--quiet"]) == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01: still before review
    assert main(["build", "-o", "two", "--quiet"]) == 0
    for page in (project / "one" / "versions" / "mini").iterdir():
        assert page.read_bytes() == (project / "two" / "versions" / "mini" / page.name) \
            .read_bytes()


def test_a_pack_is_released_with_the_versions_it_holds(project, monkeypatch, capsys):
    add_pack(project)
    assert main(["release", "mini-pack"]) == 0
    lock = json.loads((project / "specs" / "releases.lock").read_text())
    assert lock["mini-pack"]["1.0.0"]["holds"] == {"mini": "1.0.0"}
    assert "mini-pack-v1.0.0.pdf" in lock["mini-pack"]["1.0.0"]["files"]
    commit(project, "release the pack")
    release_1_1_0(project, monkeypatch)
    capsys.readouterr()
    assert main(["build", "-o", "build"]) == 1  # the pack changed under 1.0.0: not built
    assert capsys.readouterr().err.splitlines()[-2:] == [
        "specs/packs/pack.yaml:3:1: version: mini-pack: content differs from released "
        "version 1.0.0: it now holds mini 1.1.0 (release it as a new version: handouts "
        "release mini-pack --patch (1.0.1), --minor (1.1.0) or --major (2.0.0))",
        "handouts: 1 problem in 1 file; not built: specs/packs/pack.yaml; the rest was built"]
    assert not (project / "build" / "mini-pack-v1.0.0.pdf").exists()
    assert main(["release", "mini-pack", "--minor"]) == 0
    commit(project, "release the pack again")
    assert main(["build", "-o", "build", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["archive", "mini-pack"]) == 0  # from the commit that released it
    assert capsys.readouterr().out == (
        "build/mini-pack-v1.0.0.pdf: identical to the file released\n"
        "build/mini-pack-v1.0.0.html: identical to the file released\n")
    text = read(project / "build" / "versions" / "mini-pack" / "1.0.0.html").text
    assert "Superseded on 1 July 2025 by version 1.1.0 — do not use this copy" in text
    assert "mini-pack-v1.0.0.pdf identical to the file released" in text
    assert "A small chart version 1.0.0 of A small chart version 1.1.0" in text  # then, now
    assert "Holds 1 handout; new since the version before: A small chart 1.1.0." in text


def test_a_pack_holding_an_unreleased_version_is_not_released(project, capsys):
    add_pack(project)
    spec = project / "specs" / "spec.yaml"
    spec.write_text(spec.read_text().replace("version: 1.0.0", "version: 1.0.1", 1)
                    + "  - {version: 1.0.1, date: 2025-02-01, changes: [Typo.]}\n")
    assert main(["release", "mini-pack"]) == 1
    assert capsys.readouterr().err == ("handouts: error: mini-pack holds versions not yet "
                                       "released (mini 1.0.1): release them first (handouts "
                                       "release SLUG)\n")


def test_a_link_in_place_of_the_versions_folder_is_refused(project, tmp_path_factory,
                                                          capsys):
    outside = tmp_path_factory.mktemp("outside")
    (project / "build").mkdir()
    (project / "build" / "versions").symlink_to(outside, target_is_directory=True)
    assert main(["build", "-o", "build", "--quiet"]) == 1
    assert capsys.readouterr().err.endswith(
        "build/versions is a link, which could lead out of build: remove it, and build "
        "again\n")
    assert list(outside.iterdir()) == []


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """A clone of this project, with its git history, in which the sequencing handout is
    released again as the next patch version (NEXT) and built."""
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    copy = tmp_path_factory.mktemp("copy") / "project"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(copy)], check=True,
                   capture_output=True, timeout=120)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(copy)
        (copy / "handouts.yaml").write_text(SETTINGS)
        commit(copy, "publish at an address, A4 only")
        spec = copy / "specs" / "alk-sequencing.yaml"
        text = spec.read_text()
        assert text.count("The oncology team chooses the first treatment;") == 1
        spec.write_text(text.replace(
            "The oncology team chooses the first treatment;",
            "The oncology team chooses the first treatment with the patient;").replace(
            "changelog:\n", f"changelog:\n  - version: {NEXT}\n    date: 2026-12-07\n    changes:"
            "\n      - \"The summary says that the first treatment is chosen with the "
            "patient.\"\n"))
        monkeypatch.setenv("SOURCE_DATE_EPOCH", DECEMBER)
        assert main(["release", "alk-sequencing", "--patch"]) == 0
        assert main(["release", "alk-pack", "--patch"]) == 0  # which holds it
        commit(copy, f"release alk-sequencing {NEXT} and the pack that holds it")
        assert main(["build", "specs/alk-sequencing.yaml", "-o", "build", "--quiet"]) == 0
    return copy


def test_in_a_copy_of_the_project_each_old_version_says_what_replaced_it(copy):
    """The shipped history: every released version of the sequencing handout has its page,
    and a new release turns the current one superseded."""
    pages = copy / "build" / "versions" / "alk-sequencing"
    assert sorted(p.name for p in pages.iterdir()) == [f"{v}.html" for v in [*RELEASED, NEXT]]
    assert RELEASED[:7] == ["1.0.0", "2.0.0", "3.0.0", "3.1.0", "3.1.1", "4.0.0", "4.0.1"]
    was = read(pages / f"{CURRENT}.html").text
    assert f"Superseded on 7 December 2026 by version {NEXT} — do not use this copy" in was
    assert "Wording changed in Summary, paragraph 4: “… team chooses the first " \
           "[treatment; → treatment with the patient;] when the cancer progresses, …”" in was
    old = read(pages / "2.0.0.html").text
    assert "Superseded on 27 November 2026 by version 3.0.0 — do not use this copy" in old
    assert f"The current version is version {NEXT}, released 7 December 2026." in old
    assert "Box added: “Relapse after adjuvant alectinib (start)”" in old
    assert "Box removed: “After first-line lorlatinib, no NICE source found (second line)”" \
        in old
    for version in [*RELEASED[2:], NEXT]:
        assert f"Version {version}, " in old  # each later changelog entry, in its words
    assert "Version 2.0.0, 26 November 2026" not in old
    first = read(pages / "1.0.0.html").text
    assert "Superseded on 26 November 2026 by version 2.0.0 — do not use this copy" in first
    assert "Box added: “Lorlatinib (first line)”" in first  # NICE TA1103, in 2025


def check_in_browser(pages: list[Path], out: Path) -> None:
    """Run axe-core on each page at 320 and 1280 px; fail on a violation or a page that
    scrolls sideways."""
    done = subprocess.run(["node", str(BROWSER / "check.mjs"), str(out), *map(str, pages)],
                          capture_output=True, text=True, timeout=600, check=False,
                          env={"CHROMIUM": CHROMIUM or "", "PATH": "/usr/bin:/bin",
                               "CHECK_WIDTHS": "320,1280"})
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    assert set(results) == set(map(str, pages))
    assert {f"{p} at {w} px": r["violations"] for p, ws in results.items()
            for w, r in ws.items() if r["violations"]} == {}
    assert {f"{p} at {w} px": r["overflow"] for p, ws in results.items()
            for w, r in ws.items() if r["overflow"] > 0} == {}
    assert {w for ws in results.values() for w in ws} == {"320", "1280"}


@needs_browser
def test_axe_finds_nothing_on_a_version_page_and_none_scrolls_sideways(copy, tmp_path):
    pages = sorted((copy / "build" / "versions" / "alk-sequencing").glob("*.html"))
    for page in pages:
        assert read(page).lang == "en-GB"
    check_in_browser([*pages, copy / "build" / "index.html"], tmp_path)


@needs_browser
def test_axe_finds_nothing_on_withdrawn_and_pack_pages(project, monkeypatch, tmp_path):
    add_pack(project)
    assert main(["release", "mini-pack"]) == 0
    assert main(["withdraw", "mini", "1.0.0", "--reason", "A <b>wrong</b> dose."]) == 0
    assert main(["build", "-o", "build", "--quiet"]) == 0
    withdrawn = project / "build" / "versions" / "mini" / "1.0.0.html"
    assert "A <b>wrong</b> dose." in read(withdrawn).text  # as words, never markup
    check_in_browser([withdrawn, project / "build" / "versions" / "mini-pack" / "1.0.0.html"],
                     tmp_path / "shots")
