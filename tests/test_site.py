"""The download page, build/index.html: well formed, every link real, checked in a browser."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from handouts.errors import BuildError, ToolError
from handouts.publish.downloads import CSS, download_page, human_size
from handouts.publish.site import make_thumbnails, write_site
from handouts.spec.project import load_project

from .conftest import SPECS, built

PROJECT = load_project(SPECS)

PDFTOPPM = shutil.which("pdftoppm")
CHROMIUM = shutil.which("chromium") or next(
    (p for p in ("/usr/bin/chromium",) if Path(p).is_file()), None)
BROWSER_TIMEOUT = 120  # seconds, for one run of headless chromium
needs_pdftoppm = pytest.mark.skipif(
    PDFTOPPM is None, reason="poppler's 'pdftoppm' is not installed "
    "(apt-get install poppler-utils, or run sh scripts/system-deps.sh --tests)")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="'chromium' is not installed "
    "(apt-get install chromium, or run sh scripts/system-deps.sh --tests)")

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


# ---------------------------------------------------------------------------------------
# A small checker: every tag closed, in order; and what the page links and shows


class Page(HTMLParser):
    """Parse a page strictly enough to catch unclosed or misnested tags."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.errors: list[str] = []
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.headings: list[int] = []
        self.links: list[dict] = []  # {href, text, attrs, code}: each <a> in the page
        self.sources: list[str] = []
        self.images: list[dict[str, str]] = []
        self.tags: list[str] = []
        self.doctype = ""
        self.html_attrs: dict[str, str] = {}
        self.metas: list[dict[str, str]] = []
        self.text_parts: list[str] = []
        self._link: dict | None = None
        self._code: list[str] | None = None
        self._last_link: dict | None = None
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"never closed: {self.stack}")

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "html":
            self.html_attrs = attributes
        if tag == "meta":
            self.metas.append(attributes)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a":
            self._link = {"href": attributes.get("href", ""), "text": [], "attrs": attributes,
                          "code": None}
            self.links.append(self._link)
        if tag == "img":
            self.images.append(attributes)
            self.sources.append(attributes.get("src", ""))
        if tag == "code":
            self._code = []
        if tag in VOID:
            return
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.errors.append(f"self-closing <{tag}/> is not HTML")
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag for the void element <{tag}>")
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
            return
        self.stack.pop()
        if tag == "a" and self._link is not None:
            self._link["text"] = "".join(self._link["text"])
            self._last_link, self._link = self._link, None
        if tag == "code" and self._code is not None:
            if self._last_link is not None and self._last_link["code"] is None \
                    and "li" in self.stack:
                self._last_link["code"] = "".join(self._code)
            self._code = None

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in ("style", "title"):
            return
        self.text_parts.append(data)
        if self._link is not None:
            self._link["text"].append(data)
        if self._code is not None:
            self._code.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text_parts))

    def file_links(self) -> list[dict]:
        return [link for link in self.links if not link["href"].startswith("#")]


def check_structure(page: Page) -> None:
    """Assert what every download page must be: valid, accessible, script-free."""
    assert page.errors == []
    assert page.doctype.lower() == "doctype html"
    assert page.html_attrs.get("lang") == "en-GB"
    assert any(m.get("charset") == "utf-8" for m in page.metas)
    assert any(m.get("name") == "viewport" and "width=device-width" in m.get("content", "")
               for m in page.metas)
    assert "script" not in page.tags and "iframe" not in page.tags
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    for before, after in zip(page.headings, page.headings[1:]):
        assert after <= before + 1, f"heading h{after} follows h{before}"
    for image in page.images:
        assert image.get("alt", "").strip(), image
        assert image.get("width", "").isdigit() and image.get("height", "").isdigit(), image
    for link in page.links:
        assert link["text"].strip(), link


def resolve(folder: Path, url: str) -> Path:
    """Return the file a relative URL on the page points to; fail on anything else."""
    parts = urlsplit(url)
    assert not parts.scheme and not parts.netloc, f"not a relative link: {url}"
    target = (folder / unquote(parts.path)).resolve()
    assert target.is_relative_to(folder.resolve()), f"outside the folder: {url}"
    assert target.is_file(), f"no such file: {url}"
    return target


# ---------------------------------------------------------------------------------------
# The page of the shipped specs


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Build every shipped spec and the pack into a fresh folder, then its download page."""
    if PDFTOPPM is None:
        pytest.skip("poppler's 'pdftoppm' is not installed (apt-get install poppler-utils, "
                    "or run sh scripts/system-deps.sh --tests)")
    out = tmp_path_factory.mktemp("site")
    built(SPECS, out)
    assert write_site(out) == out / "index.html"
    return out


@pytest.fixture(scope="module")
def manifest(site) -> dict:
    return json.loads((site / "manifest.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def page(site) -> Page:
    return Page((site / "index.html").read_text("utf-8"))


@pytest.mark.needs_dot
def test_page_is_valid_accessible_html(page):
    check_structure(page)


@pytest.mark.needs_dot
def test_every_link_and_image_resolves_to_a_file_in_the_folder(site, page):
    for link in page.links:
        if link["href"].startswith("#"):
            assert link["href"][1:] in page.ids, link["href"]
        else:
            resolve(site, link["href"])
    assert page.sources
    for source in page.sources:
        assert resolve(site, source).read_bytes().startswith(b"\x89PNG")


@pytest.mark.needs_dot
def test_every_file_is_linked_with_its_size_and_sha256(site, manifest, page):
    links = {unquote(link["href"]): link for link in page.file_links()}
    pages = {name for name in links if name.startswith("versions/")}  # version histories
    assert pages == {e["file"] for e in manifest["files"] if e["kind"] == "version-page"}
    entries = {entry["file"]: entry for entry in manifest["files"]}
    assert set(links) == set(entries)  # every file the manifest lists, and nothing else
    for name in pages:
        assert links.pop(name)["text"].startswith("Version ")
    for name, link in links.items():
        data = (site / name).read_bytes()
        entry = entries[name]
        assert link["code"] == entry["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert entry["bytes"] == len(data)
        assert f"({human_size(len(data))})" in link["text"], link["text"]


@pytest.mark.needs_dot
def test_link_text_says_what_each_file_is(manifest, page):
    texts = {unquote(link["href"]): link["text"] for link in page.file_links()}
    paper = {"": "A4", "a4": "A4", "a5": "A5", "letter": "US Letter",
             "large-print": "large print", "html": "", "a5-booklet": "A5 booklet"}
    for entry in (e for e in manifest["files"] if e["kind"] != "version-page"):
        text = texts[entry["file"]]
        document = f"PDF, {paper[entry['profile']]}"
        web = "Web page, for screen readers and phones ("
        expected = {"handout-pdf": document, "pack-pdf": document, "handout-html": web,
                    "pack-html": web,
                    "flowchart-pdf": "Flowchart PDF (", "flowchart-svg": "Flowchart SVG",
                    "flowchart-png": "Flowchart PNG", "flowchart-txt": "Flowchart as plain text"}
        assert text.startswith(expected[entry["kind"]]), text
        assert entry["title"] in text  # for a screen reader's list of links, out of context


@pytest.mark.needs_dot
def test_page_shows_every_handout_with_dates_and_status(manifest, page):
    text = page.text
    titles = {entry["title"] for entry in manifest["files"]}
    assert len(titles) == len(PROJECT.handouts) + len(PROJECT.packs)
    for title in titles:
        assert title in text
    for handout in PROJECT.handouts:  # each one's last update and review date, as people write them
        for day in (handout.updated, handout.review_due):
            assert f"{day.day} {day:%B %Y}" in text
    assert text.count("Draft: not yet clinically reviewed") == len(titles)
    pack = next(e for e in manifest["files"] if e["kind"] == "pack-pdf")
    pack_section = text.index("The complete pack")
    assert text.index(pack["title"], pack_section) < text.index("Handouts, one by one")


@pytest.mark.needs_dot
def test_thumbnails_show_page_one_of_each_handout(site, manifest, page):
    slugs = {entry["slug"] for entry in manifest["files"]}
    assert {p.stem for p in (site / "thumbs").glob("*.png")} == slugs
    png = (site / "thumbs" / "alk-sequencing.png").read_bytes()
    width, height = (int.from_bytes(png[i:i + 4], "big") for i in (16, 20))
    assert (width, height) == (pytest.approx(248, abs=2), pytest.approx(351, abs=2))  # 30 dpi
    alts = [image["alt"] for image in page.images]
    assert len(alts) == len(slugs)
    version = next(e["version"] for e in manifest["files"] if e["slug"] == "alk-sequencing")
    assert any("ALK-positive advanced lung cancer" in alt and version in alt for alt in alts)


@pytest.mark.needs_dot
def test_same_build_gives_the_same_page(site):
    before = {p: p.read_bytes() for p in [site / "index.html", *(site / "thumbs").iterdir()]}
    write_site(site)
    assert {p: p.read_bytes() for p in before} == before
    assert not [p for p in site.rglob("*.tmp")]


# ---------------------------------------------------------------------------------------
# A real browser: the page loads, and looks right on a phone and on a desktop


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--hide-scrollbars",
               f"--user-data-dir={profile}", *args]
    try:
        return subprocess.run(command, capture_output=True, timeout=BROWSER_TIMEOUT,
                              check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium took longer than {BROWSER_TIMEOUT} s: {' '.join(args)}")


@pytest.mark.needs_dot
@needs_chromium
def test_browser_loads_the_page(site, manifest, tmp_path):
    done = chromium("--dump-dom", (site / "index.html").as_uri(), profile=tmp_path / "profile")
    dom = done.stdout.decode("utf-8", "replace")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    assert '<html lang="en-GB">' in dom
    for title in {entry["title"] for entry in manifest["files"]}:
        assert escape_text(title) in dom


def escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.needs_dot
@needs_chromium
@pytest.mark.parametrize("width,height", [(412, 900), (1280, 900)], ids=["phone", "desktop"])
def test_browser_screenshots(site, tmp_path, width, height):
    shot = tmp_path / "shot.png"
    done = chromium(f"--screenshot={shot}", f"--window-size={width},{height}",
                    (site / "index.html").as_uri(), profile=tmp_path / "profile")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) \
        == (width, height)
    assert len(png) > 20_000  # a rendered page, not a blank one


# ---------------------------------------------------------------------------------------
# The page as a pure function of the manifest: no Graphviz or tools needed


def entry(file: str, kind: str, slug: str = "alk", title: str = "ALK guide",
          version: str = "1.0.0", profile: str = "", status: str = "draft",
          size: int = 412_300) -> dict:
    return {"file": file, "kind": kind, "profile": profile, "slug": slug, "title": title,
            "version": version, "updated": "2026-11-26", "review_due": "2027-11-26",
            "status": status, "spec": f"specs/{slug}.yaml", "content_hash": "sha256:00",
            "bytes": size, "sha256": hashlib.sha256(file.encode()).hexdigest()}


def links_of(html: str) -> dict[str, str]:
    return {unquote(link["href"]): link["text"] for link in Page(html).file_links()}


def test_profiles_and_flowchart_formats_are_each_linked_in_order():
    files = [entry("alk-v2.0.0-letter.pdf", "handout-pdf", version="2.0.0", profile="letter"),
             entry("alk-v2.0.0.pdf", "handout-pdf", version="2.0.0", profile=""),
             entry("alk-v2.0.0-large.pdf", "handout-pdf", version="2.0.0",
                   profile="large-print"),
             entry("alk-v2.0.0-a5.pdf", "handout-pdf", version="2.0.0", profile="a5"),
             entry("alk-flowchart-v2.0.0.txt", "flowchart-txt", version="2.0.0", size=2048),
             entry("alk-flowchart-v2.0.0.svg", "flowchart-svg", version="2.0.0"),
             entry("alk-flowchart-v2.0.0.pdf", "flowchart-pdf", version="2.0.0",
                   size=1_364_374)]
    html = download_page({"generator": "handouts 0.1.0", "files": files}, {})
    check_structure(Page(html))
    texts = [text.split(" of ALK guide")[0] for text in links_of(html).values()]
    assert texts == ["PDF, A4 (412 kB)", "PDF, A5 (412 kB)", "PDF, US Letter (412 kB)",
                     "PDF, large print (412 kB)", "Flowchart PDF (1.4 MB)",
                     "Flowchart SVG, scalable image (412 kB)",
                     "Flowchart as plain text (2.0 kB)"]
    assert "26 November 2026" in html and "Version" in html


def test_pack_comes_first_and_handouts_by_title():
    files = [entry("b.pdf", "handout-pdf", slug="b", title="Brigatinib"),
             entry("a.pdf", "handout-pdf", slug="a", title="alectinib"),
             entry("z.pdf", "pack-pdf", slug="z", title="Zed pack")]
    text = Page(download_page({"files": files}, {"a": "thumbs/a.png"})).text
    assert text.index("Zed pack") < text.index("alectinib") < text.index("Brigatinib")
    assert "Zed pack handouts: downloads" in text


def test_every_text_from_the_manifest_is_escaped():
    evil = '<script>alert("x")</script> & <b>'
    files = [entry("a&b <x>.pdf", "handout-pdf", slug='s"><img src=x>', title=evil,
                   version='1<2', status="<i>odd</i>"),
             entry("javascript:alert(1)", "flowchart-svg", slug='s"><img src=x>'),
             entry("../outside.pdf", "handout-pdf", slug="up"),
             entry("//evil.example/x.pdf", "handout-pdf", slug="net")]
    html = download_page({"generator": "<gen>", "files": files},
                         {'s"><img src=x>': "thumbs/s.png"})
    page = Page(html)
    check_structure(page)
    assert "<script" not in html and "<gen>" not in html and "<i>odd" not in html
    assert evil in page.text and "Status: <i>odd</i>" in page.text
    hrefs = [link["href"] for link in page.file_links()]
    assert unquote(hrefs[0]) == "a&b <x>.pdf"
    assert all(not urlsplit(h).scheme and not urlsplit(h).netloc for h in hrefs), hrefs
    assert not any(".." in h or h.startswith("/") for h in hrefs), hrefs


def test_statuses_and_superseded_versions():
    files = [entry("alk-v1.9.0.pdf", "handout-pdf", version="1.9.0"),
             entry("alk-v1.10.0.pdf", "handout-pdf", version="1.10.0", status="approved")]
    html = download_page({"files": files}, {})
    check_structure(Page(html))
    text = Page(html).text
    assert "Approved: clinically reviewed" in text and "Draft:" not in text
    assert text.index("alk-v1.10.0.pdf") < text.index("Earlier version 1.9.0 (superseded)") \
        < text.index("alk-v1.9.0.pdf")


def test_page_is_deterministic_and_needs_no_clock():
    files = [entry("alk-v1.0.0.pdf", "handout-pdf")]
    first = download_page({"files": list(files)}, {"alk": "thumbs/alk.png"})
    assert first == download_page({"files": list(reversed(files))}, {"alk": "thumbs/alk.png"})
    assert download_page({"files": []}, {}).count("No handouts") == 1


def test_text_colours_have_enough_contrast():
    def luminance(colour: str) -> float:
        if len(colour) == 4:  # #rgb
            colour = "#" + "".join(c * 2 for c in colour[1:])
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def ratio(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    pairs = [("#1b1f24", "#f2f4f7"), ("#fff", "#17324d"), ("#cfe0f0", "#17324d"),
             ("#eef3f8", "#17324d"), ("#0a4f9a", "#fff"), ("#47515e", "#fff"),
             ("#3a4450", "#f2f4f7"), ("#4d3500", "#fff3cd"), ("#0d4420", "#e4f4e9"),
             ("#47515e", "#f2f4f7"), ("#1b1f24", "#e6eaef")]
    for foreground, background in pairs:
        assert foreground in CSS and background in CSS
        assert ratio(foreground, background) >= 4.5, (foreground, background)


def test_missing_pdftoppm_names_the_package(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    (tmp_path / "alk-v1.0.0.pdf").write_bytes(b"%PDF-1.4")  # a thumbnail to draw
    with pytest.raises(ToolError, match="poppler-utils"):
        make_thumbnails(tmp_path, {"files": [entry("alk-v1.0.0.pdf", "handout-pdf")]})


def test_site_needs_a_built_folder(tmp_path):
    with pytest.raises(BuildError, match="build the handouts first"):
        write_site(tmp_path)
    assert not (tmp_path / "index.html").exists()


# ---------------------------------------------------------------------------------------
# What a print room and a clinic need to know before they print


@pytest.mark.needs_dot
def test_each_handout_says_whom_it_is_for_and_no_two_titles_read_alike(site, page):
    text = page.text
    for handout in PROJECT.handouts:
        card = text[text.index(handout.title, text.index("Handouts, one by one")):]
        audience = {"patient": "For patients and carers",
                    "clinician": "For healthcare professionals"}[handout.audience]
        assert card.startswith(f"{handout.title} {audience} {handout.subtitle}"), card[:200]
    (pack,) = PROJECT.packs
    assert f"{pack.title}: the complete pack For healthcare professionals" in text
    source = (site / "index.html").read_text("utf-8")
    contents = re.findall(r'<li><a href="#[^"]+">([^<]+)</a></li>', source)
    assert len(contents) == len(set(contents)) == len(PROJECT.handouts) + 1
    assert all(a not in b and b not in a for a in contents for b in contents if a != b), \
        contents  # the pack's title is no longer a part of the sequencing handout's


@pytest.mark.needs_dot
def test_the_page_says_how_to_print_each_edition(page):
    text = page.text
    section = text[text.index("How to print"):text.index("The complete pack")]
    for words in ("A4, US Letter and large print: print at actual size (100%",
                  "A5 booklet: Print the A5 booklet file double-sided on A4 "
                  "paper, flipping on the short edge, at actual size"):
        assert words in section


def test_a_booklet_says_how_to_print_it_beside_its_link():
    files = [entry("alk-v1.0.0-a5-booklet.pdf", "handout-pdf", profile="a5-booklet"),
             entry("alk-v1.0.0-a5.pdf", "handout-pdf", profile="a5")]
    text = Page(download_page({"files": files}, {})).text
    after = text[text.index("alk-v1.0.0-a5-booklet.pdf"):]
    assert after.startswith("alk-v1.0.0-a5-booklet.pdf To print: double-sided on A4, flip on "
                            "the short edge, at actual size (100%), then fold in half.")
    plain = text[text.index("alk-v1.0.0-a5.pdf"):]
    assert "To print" not in plain[:plain.index("SHA-256")]


def test_the_page_names_the_publisher_and_how_to_reach_them():
    files = [entry("alk-v1.0.0.pdf", "handout-pdf")]
    publisher = {"name": "Anytown NHS Trust", "phone": "01234 567890",
                 "other_formats": "Ask for large print."}
    page = Page(download_page({"files": files, "publisher": publisher}, {}))
    check_structure(page)
    assert "Published by Anytown NHS Trust. Questions about a handout: phone 01234 567890." \
        in page.text
    assert "Published by Anytown NHS Trust, phone 01234 567890. Ask for large print." \
        in page.text
    assert "Published by" not in Page(download_page({"files": files}, {})).text


@pytest.mark.needs_dot
def test_the_publisher_comes_from_handouts_yaml(write_spec, tmp_path):
    from .conftest import MINIMAL

    path = write_spec(MINIMAL)
    (tmp_path / "handouts.yaml").write_text(
        "publisher:\n  name: Anytown NHS Trust\n  phone: 01234 567890\n")
    built([path], tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert manifest["publisher"]["name"] == "Anytown NHS Trust"
    text = Page((tmp_path / "out" / "index.html").read_text("utf-8")).text
    assert "Published by Anytown NHS Trust. Questions about a handout: phone 01234 567890." \
        in text
