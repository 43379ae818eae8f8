"""Hostile and broken input (issue 25): addresses that could run script, quotes in links,
tricks in the settings, files from outside the project. Each is one located line, exit 1."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handouts.cli import main
from handouts.model.settings import Settings

from .conftest import MINIMAL, png
from .test_build import link_targets
from .test_references import BIBLIOGRAPHY, CITING

pytestmark = pytest.mark.needs_dot
LONG_HOST = "https://" + "a" * 3000 + ".nhs.uk/"


def check(capsys, *args: str) -> tuple[int, list[str]]:
    """Run `handouts check`; return the exit status and the lines on stderr."""
    status = main(["check", "--profile", "a4", *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err.splitlines()


@pytest.mark.parametrize("url, said", [
    ("javascript://clinic.nhs.uk/%0aalert(document.domain)%0a//x",
     "the address must start https:// (or http://), not 'javascript:' (give the full web "
     "address, e.g. https://www.example.nhs.uk/handouts)"),
    ("https://clinic nhs.uk/my handouts",
     "the address holds a space or control character (U+0020) (remove it; write a space "
     "that belongs in the address as %20)"),
    ("ftp://clinic.nhs.uk/handouts",
     "the address must start https:// (or http://), not 'ftp:' (give the full web address, "
     "e.g. https://www.example.nhs.uk/handouts)"),
    ("https://[::1",
     "the address is malformed (Invalid IPv6 URL) (write it as https://host/path; an IPv6 "
     "host goes in brackets, https://[2001:db8::1]/)"),
    (LONG_HOST, "the address is 3016 characters long, more than 2000 (give the address of "
                "the page itself, without a long query)"),
    ("https://" + "a" * 64 + ".nhs.uk/", "the address names no valid host ('" + "a" * 64
     + ".nhs.uk') (write a host name such as www.example.nhs.uk after https://)"),
], ids=["javascript", "spaces", "ftp", "ipv6-unclosed", "3000-characters", "long-label"])
def test_a_publishing_address_that_is_not_a_web_address_is_one_located_error(
        write_spec, tmp_path, capsys, url, said):
    write_spec(MINIMAL.replace("2026-01-01", "2027-01-01"))
    (tmp_path / "handouts.yaml").write_text(f"profiles: [a4]\nbase_url: {json.dumps(url)}\n")
    status, lines = check(capsys, "--strict")
    assert status == 1
    assert lines == [f"handouts.yaml:2:1: base_url: {said}",
                     "handouts: 1 problem in 1 file; nothing was written"]


def test_an_address_that_is_not_allowed_is_never_linked():
    assert Settings(base_url="javascript://x.nhs.uk/%0aalert(1)%0a//").url("mini", "1.0.0") == ""
    assert Settings(base_url="https://[::1").url("mini", "1.0.0") == ""
    assert Settings(base_url="https://a.nhs.uk/a b").url("mini", "1.0.0") == ""


class Links(HTMLParser):
    """Every <a> element's attributes, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs))


def links_of(html: bytes) -> list[dict[str, str | None]]:
    parser = Links()
    parser.feed(html.decode("utf-8"))
    return parser.links


def test_a_quote_in_the_publishing_address_is_encoded_in_the_link_and_qr(write_spec, tmp_path):
    write_spec(MINIMAL)
    (tmp_path / "handouts.yaml").write_text('base_url: \'https://clinic.nhs.uk/a"b\'\n')
    assert main(["build", "-o", "out", "--profile", "a4"]) == 0
    target = "https://clinic.nhs.uk/a%22b/versions/mini/1.0.0.html"
    assert {"href": target} in links_of((tmp_path / "out" / "mini-v1.0.0.html").read_bytes())
    assert target in link_targets(tmp_path / "out" / "mini-v1.0.0.pdf")
    if shutil.which("zbarimg") and shutil.which("pdftoppm"):  # the QR code says the same
        subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", "out/mini-v1.0.0.pdf",
                        "page"], check=True, timeout=60)
        done = subprocess.run(["zbarimg", "--quiet", "--raw", "page.png"], capture_output=True,
                              text=True, timeout=60, check=False)
        assert done.stdout.strip() == target


QUOTED = BIBLIOGRAPHY.replace("URL: https://www.nice.org.uk/guidance/ta500",
                              "URL: 'https://pubmed.ncbi.nlm.nih.gov/?term=\"alectinib\"+ALK'")


def test_a_quote_in_a_reference_address_is_linked_encoded(write_spec, tmp_path, capsys):
    spec = write_spec(CITING)
    write_spec(QUOTED, "references.yaml")
    assert main(["build", str(spec), "-o", "out", "--profile", "a4", "--quiet"]) == 0
    target = "https://pubmed.ncbi.nlm.nih.gov/?term=%22alectinib%22+ALK"
    assert target in link_targets(tmp_path / "out" / "mini-v1.0.0.pdf")
    html = (tmp_path / "out" / "mini-v1.0.0.html").read_bytes()
    assert {"href": target} in links_of(html)
    assert b"?term=\"alectinib\"+ALK</a>" in html  # the words as written


def test_a_quote_in_a_title_or_doi_adds_no_attribute_to_a_link(write_spec, tmp_path):
    spec = write_spec(CITING)
    write_spec(BIBLIOGRAPHY.replace(
        "title: Ceritinib for untreated ALK-positive non-small-cell lung cancer",
        "title: 'See https://e.org/\"color=\"red\"target=\"_blank\" for more'")
        .replace("DOI: 10.1056/NEJMoa1704795", "DOI: '10.1056/NEJMoa\"1704795'"),
        "references.yaml")
    assert main(["build", str(spec), "-o", "out", "--profile", "a4", "--quiet"]) == 0
    links = links_of((tmp_path / "out" / "mini-v1.0.0.html").read_bytes())
    assert {"href": "https://e.org/%22color=%22red%22target=%22_blank%22"} in links
    assert {"href": "https://doi.org/10.1056/NEJMoa%221704795"} in links
    assert all(set(link) <= {"href", "class"} for link in links), links
    assert "https://doi.org/10.1056/NEJMoa%221704795" in link_targets(
        tmp_path / "out" / "mini-v1.0.0.pdf")


def test_a_reference_address_that_is_not_a_web_address_is_located(write_spec, capsys):
    write_spec(CITING)
    write_spec(BIBLIOGRAPHY.replace("URL: https://www.nice.org.uk/guidance/ta500",
                                    "URL: javascript:alert(1)"), "references.yaml")
    status, lines = check(capsys)
    assert status == 1
    assert lines[-2:] == [
        "specs/references.yaml:31:10: references[2].URL: URL 'javascript:alert(1)': the "
        "address must start https:// (or http://), not 'javascript:' (give the full web "
        "address, e.g. https://www.example.nhs.uk/handouts)",
        "handouts: 1 problem in 1 file; nothing was written"]


@pytest.mark.parametrize("scheme", ["{slug.foo}", "{slug[a]}", "{slug:>9999999999}",
                                    "{slug.__len__}", "{slug!r}", "{0}"])
def test_a_leaflet_reference_with_more_than_a_name_in_braces_is_located(
        write_spec, tmp_path, capsys, scheme):
    write_spec(MINIMAL.replace("2026-01-01", "2027-01-01"))
    (tmp_path / "handouts.yaml").write_text(f"publisher:\n  reference: 'L-{scheme}'\n")
    status, lines = check(capsys)
    assert status == 1
    assert lines == [f"handouts.yaml:2:3: publisher.reference: the leaflet reference "
                     f"'L-{scheme}' uses '{scheme}' (use only {{slug}}, {{version}} and "
                     "{major}, with nothing inside the braces but the name, e.g. "
                     "LUNG-{slug}-{major})", "handouts: 1 problem in 1 file; nothing was written"]


def huge_png(width: int, height: int) -> bytes:
    """Return a PNG whose header claims ``width`` × ``height`` pixels, with one row of data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0,
                                                             0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * (width + 1))) + chunk(b"IEND", b""))


@pytest.mark.parametrize("data, said", [
    (b"this is not an image\n", "the logo 'logo.png' is not a PNG or JPEG image (export it "
     "again from an image editor as PNG or JPEG)"),
    (huge_png(16000, 16000), "the logo 'logo.png' is more than 4000 pixels on a side (save it "
     "smaller: 1000 pixels wide is plenty for print)"),
    (huge_png(4001, 10), "the logo 'logo.png' is 4001×10 pixels, more than 4000 on a side "
     "(save it smaller: 1000 pixels wide is plenty for print)"),
    (png(40, 20)[:50], "the logo 'logo.png' cannot be read as an image (image file is "
     "truncated) (export it again from an image editor as PNG or JPEG)"),
], ids=["text", "16000x16000", "4001-wide", "truncated"])
def test_a_logo_that_is_no_printable_image_is_located(write_spec, tmp_path, capsys, data, said):
    write_spec(MINIMAL.replace("2026-01-01", "2027-01-01"))
    (tmp_path / "logo.png").write_bytes(data)
    (tmp_path / "handouts.yaml").write_text("publisher:\n  logo: logo.png\n")
    status, lines = check(capsys)
    assert status == 1 and len(lines) == 2
    assert lines[0] == f"handouts.yaml:2:3: publisher.logo: {said}"


def test_a_logo_outside_the_project_is_refused(write_spec, tmp_path, capsys):
    write_spec(MINIMAL.replace("2026-01-01", "2027-01-01"))
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere.png"
    elsewhere.write_bytes(png(40, 20))
    (tmp_path / "logo.png").symlink_to(elsewhere)
    for logo in ("logo.png", f"../{elsewhere.name}"):
        (tmp_path / "handouts.yaml").write_text(f"publisher:\n  logo: {logo}\n")
        status, lines = check(capsys)
        assert status == 1
        assert lines == [f"handouts.yaml:2:3: publisher.logo: the logo '{logo}': this file is "
                         "a link to a file outside the project (keep the file itself in the "
                         "project's folder)", "handouts: 1 problem in 1 file; nothing was "
                                              "written"]


def test_specs_packs_and_settings_linked_from_outside_are_refused_unread(write_spec, tmp_path,
                                                                        capsys):
    write_spec(MINIMAL.replace("2026-01-01", "2027-01-01"))
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("SECRET-PATIENT-DATA: [unclosed\n")
    (outside / "pack.yaml").write_text("slug: evil\ntitle: SECRET pack\nversion: 1.0.0\n"
                                       "updated: 2025-01-01\nhandouts: [mini]\n")
    (tmp_path / "specs" / "evil.yaml").symlink_to(outside / "secret.yaml")
    (tmp_path / "specs" / "packs").mkdir()
    (tmp_path / "specs" / "packs" / "evil.yaml").symlink_to(outside / "pack.yaml")
    (tmp_path / "handouts.yaml").symlink_to(outside / "secret.yaml")
    status, lines = check(capsys)
    assert status == 1
    hint = "this file is a link to a file outside the project (keep the file itself in the " \
           "project's folder)"
    assert lines == [f"handouts.yaml: {hint}", f"specs/evil.yaml: {hint}",
                     f"specs/packs/evil.yaml: {hint}",
                     "handouts: 3 problems in 3 files; nothing was written"]


@pytest.mark.parametrize("lock, said", [
    ("[]", "specs/releases.lock: the release record must be a mapping of slug: {version: "
           "hash}, not a list"),
    ('{"mini": ["1.0.0"]}', "specs/releases.lock: mini: expected a mapping of version: hash, "
                            "not a list"),
    ('{"mini": {"1.0.0": 5}}', "specs/releases.lock: mini.1.0.0: expected a hash "
                               "('sha256:...'), not a number"),
    ('{"mini": {"one": "sha256:ab"}}', "specs/releases.lock: mini.one: 'one' is not a "
                                       "version (MAJOR.MINOR.PATCH)"),
], ids=["list", "versions-list", "hash-number", "not-a-version"])
def test_a_release_record_of_the_wrong_shape_is_one_located_line(write_spec, capsys, lock,
                                                                 said):
    write_spec(MINIMAL.replace("2026-01-01", "2027-01-01"))
    Path("specs/releases.lock").write_text(lock)
    status, lines = check(capsys)
    assert status == 1
    assert lines == [f"{said} (restore it from version control)",
                     "handouts: 1 problem in 1 file; nothing was written"]


def test_review_into_a_file_instead_of_a_folder_is_one_line(write_spec, capsys):
    write_spec(MINIMAL)
    Path("notes.txt").write_text("mine")
    assert main(["review", "mini", "-o", "notes.txt"]) == 1
    assert capsys.readouterr().err == ("handouts: error: notes.txt is a file, not a folder: "
                                       "give -o a folder (default: build)\n")
    assert Path("notes.txt").read_text() == "mine"


def test_diff_of_a_missing_file_says_so(write_spec, capsys):
    write_spec(MINIMAL)
    assert main(["diff", "missing.yaml", "specs/spec.yaml"]) == 1
    assert capsys.readouterr().err == "handouts: error: missing.yaml: no such file\n"


def test_a_list_at_the_top_of_the_settings_gets_the_settings_hint(write_spec, tmp_path, capsys):
    write_spec(MINIMAL.replace("2026-01-01", "2027-01-01"))
    (tmp_path / "handouts.yaml").write_text("- base_url: https://clinic.nhs.uk/\n")
    status, lines = check(capsys)
    assert status == 1
    assert lines == ["handouts.yaml:1:1: the top level must be a mapping of keys (start with "
                     "base_url:, profiles:, publisher: ... as in the README)",
                     "handouts: 1 problem in 1 file; nothing was written"]


def test_a_python_m_check_of_a_hostile_address_prints_no_traceback(write_spec, tmp_path):
    write_spec(MINIMAL)
    (tmp_path / "handouts.yaml").write_text("base_url: 'https://[::1'\n")
    done = subprocess.run([sys.executable, "-m", "handouts", "build", "-o", "out"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_file_that_cannot_be_written_is_one_line(write_spec, monkeypatch, capsys):
    from .test_release import CHANGELOG

    write_spec(MINIMAL + CHANGELOG)
    real = os.replace

    def read_only(source, target, **kw):
        if str(target).endswith("releases.lock"):
            raise OSError(30, "Read-only file system", str(target))
        return real(source, target, **kw)

    monkeypatch.setattr(os, "replace", read_only)
    assert main(["release", "mini"]) == 1
    assert capsys.readouterr().err == ("handouts: error: specs/releases.lock: Read-only file "
                                       "system\n")
