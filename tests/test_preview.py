"""`handouts preview`: a saved spec shows as a new PDF; an invalid one shows its problems."""

from __future__ import annotations

import io
import json
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.publish.preview import Previewer, PreviewServer
from tests.conftest import MINIMAL, png
from tests.test_release import CHANGELOG

pytestmark = pytest.mark.needs_dot


@pytest.fixture
def preview(write_spec) -> Iterator[tuple[PreviewServer, Path]]:
    """Serve a project of one spec on a free port; return the server and the spec."""
    spec = write_spec(MINIMAL, "mini.yaml")
    server = PreviewServer(Previewer(Path("specs")), 0)
    server.start()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server, spec
    server.shutdown()
    server.server_close()
    thread.join()


def get(server: PreviewServer, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(server.url + path.lstrip("/"), timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def settled(server: PreviewServer) -> int:
    """Let the preview take in every change made so far (as its watcher would, now), and
    return the generation it shows of the spec."""
    server.previewer.refresh()
    return server.previewer.show("mini").generation


def save(spec: Path, text: str) -> None:
    """Save as editors do: write a file beside it, then rename it over the spec, so the
    preview never reads half a save."""
    draft = spec.with_name(f".{spec.name}.swp")
    draft.write_text(text, "utf-8")
    os.replace(draft, spec)


def next_generation(server: PreviewServer, seen: int) -> dict:
    """Return the state of the first build after generation ``seen``, as a page asks for
    it: a request the preview answers when that build is done (no waiting for time)."""
    status, body = get(server, f"/mini/state?after={seen}")
    state = json.loads(body)
    assert status == 200 and state["generation"] > seen, "the preview did not rebuild"
    return state


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_saving_a_spec_serves_the_new_pdf(preview):
    server, spec = preview
    status, first = get(server, "/mini.pdf")
    assert status == 200 and "A small chart" in pdf_text(first)
    seen = settled(server)
    save(spec, MINIMAL.replace("A small chart", "A renamed chart"))
    state = next_generation(server, seen)
    assert state["ok"] and state["problems"] == []
    status, again = get(server, "/mini.pdf")
    assert status == 200 and "A renamed chart" in pdf_text(again)
    status, page = get(server, "/mini")
    assert b"A renamed chart" in page and b'src="/mini.pdf?g=' in page
    status, web = get(server, "/mini.html")
    assert status == 200 and b"A renamed chart" in web and b"A small chart" not in web


def test_an_invalid_spec_shows_its_problems_in_place_of_the_handout(preview):
    server, spec = preview
    seen = settled(server)
    save(spec, MINIMAL.replace("status: draft", "status: finished"))
    state = next_generation(server, seen)
    assert state["problems"] == ["specs/mini.yaml:7:9: status: 'finished' is not one of: "
                                 "draft, approved"]
    status, page = get(server, "/mini")
    assert status == 200 and b"<iframe" not in page
    assert b"1 problem stops this handout being built" in page
    assert b"specs/mini.yaml:7:9: status: &#x27;finished&#x27; is not one of" in page
    status, body = get(server, "/mini.pdf")  # never the stale PDF
    assert status == 422 and b"specs/mini.yaml:7:9" in body


def test_a_half_written_save_is_shown_then_fixed(preview):
    server, spec = preview
    seen = settled(server)
    save(spec, MINIMAL[:200])  # what an editor may leave mid-write
    state = next_generation(server, seen)
    assert state["ok"] is False
    save(spec, MINIMAL)
    assert next_generation(server, state["generation"])["ok"]


def test_it_serves_this_computer_only(preview):
    server, _ = preview
    assert server.server_address[0] == "127.0.0.1"
    assert get(server, "/")[0] == 200
    assert get(server, "/no-such-handout")[0] == 404
    assert get(server, "/../handouts.yaml")[0] == 404


def test_a_busy_port_is_one_clear_line(preview, capsys):
    server, _ = preview
    from handouts.cli import main

    assert main(["preview", "--port", str(server.server_address[1])]) == 1
    assert capsys.readouterr().err == (
        f"handouts: error: cannot serve on port {server.server_address[1]}: Address already "
        "in use; choose another with --port\n")


def test_a_port_out_of_range_is_a_usage_error(capsys):
    from handouts.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["preview", "--port", "99999"])
    assert stop.value.code == 2
    assert "'99999' is not a port number (0 to 65535)" in capsys.readouterr().err


def test_an_edit_not_yet_released_is_shown_with_a_warning(preview):
    from handouts.cli import main

    server, spec = preview
    seen = settled(server)
    save(spec, MINIMAL + CHANGELOG)
    next_generation(server, seen)
    assert main(["release", "mini"]) == 0
    seen = settled(server)  # the release record changed: taken in before the next save
    save(spec, MINIMAL.replace("A small chart", "A renamed chart") + CHANGELOG)
    state = next_generation(server, seen)
    assert state["ok"], state["problems"]
    assert any("warning: mini: content differs from released version 1.0.0" in p
               for p in state["problems"])
    assert b"content differs from released version" in get(server, "/mini")[1]


def test_it_watches_every_input_a_build_reads_but_the_code(preview):
    """What make's dependency files list for a build, the preview watches too (but the
    package's own code, which a running process cannot take in)."""
    from handouts.publish.deps import PACKAGE, inputs
    from handouts.publish.preview import watched

    server, _ = preview
    build = server.previewer.build
    (Path("specs") / "references.yaml").write_text("references: []\n")
    (Path("specs") / "releases.lock").write_text("{}\n")
    Path("logo.png").write_bytes(png(40, 20))
    save(Path("handouts.yaml"), "publisher:\n  logo: logo.png\n")
    settled(server)
    build = server.previewer.build
    needed = {Path(p).resolve() for p in inputs(build.project, list(build.project.handouts), [])
              if not Path(p).resolve().is_relative_to(PACKAGE)}
    assert {p.name for p in needed} >= {"mini.yaml", "references.yaml", "releases.lock",
                                        "handouts.yaml", "logo.png", "DejaVuSans.ttf"}
    assert needed <= {p.resolve() for p in watched(Path("specs"), build)}


def test_a_new_logo_is_printed_at_once(preview):
    server, _ = preview
    Path("logo.png").write_bytes(png(40, 20))
    seen = settled(server)
    save(Path("handouts.yaml"), "publisher:\n  logo: logo.png\n")
    next_generation(server, seen)
    assert image_sizes(get(server, "/mini.pdf")[1]) == [(40, 20)]
    seen = settled(server)
    draft = Path(".logo.png.swp")
    draft.write_bytes(png(60, 20))
    os.replace(draft, "logo.png")  # the logo replaced, nothing else
    assert next_generation(server, seen)["ok"]
    assert image_sizes(get(server, "/mini.pdf")[1]) == [(60, 20)]


def test_a_new_release_record_takes_back_its_warning(preview, tmp_path):
    """An edit not yet released is said; the release record replaced by one that records
    it (as a release made elsewhere and pulled in would) takes the warning back."""
    from handouts.cli import main

    server, spec = preview
    seen = settled(server)
    save(spec, MINIMAL + CHANGELOG)
    next_generation(server, seen)
    assert main(["release", "mini"]) == 0
    seen = settled(server)
    edited = MINIMAL.replace("A small chart", "A renamed chart") + CHANGELOG
    save(spec, edited)
    assert any("content differs" in p for p in next_generation(server, seen)["problems"])
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "specs").mkdir(parents=True)
    (elsewhere / "specs" / "mini.yaml").write_text(edited)
    assert main(["release", "mini", "--project", str(elsewhere)]) == 0
    seen = settled(server)
    save(Path("specs/releases.lock"), (elsewhere / "specs" / "releases.lock").read_text())
    state = next_generation(server, seen)
    assert state["ok"] and not any("content differs" in p for p in state["problems"])


def test_a_changed_font_is_said_not_printed_in_the_old_one(preview, tmp_path, monkeypatch):
    from handouts.fonts import font_files
    from handouts.publish import preview as preview_module

    server, _ = preview
    copies = {}
    for name, path in font_files().items():
        copies[name] = tmp_path / path.name
        copies[name].write_bytes(path.read_bytes())
    monkeypatch.setattr(preview_module, "font_files", lambda: copies)
    server.previewer._fonts = {}  # as if the preview had started with the copies
    server.previewer.build = None
    server.previewer._shown.clear()
    assert get(server, "/mini.pdf")[0] == 200
    seen = settled(server)
    regular = next(iter(copies.values()))
    regular.write_bytes(regular.read_bytes() + b"\0")
    state = next_generation(server, seen)
    assert state["problems"] == [
        f"{regular}: this font file changed since the preview started (stop the preview "
        "(Ctrl-C) and start it again to use it)"]
    assert get(server, "/mini.pdf")[0] == 422


def image_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """Return the size in pixels of each image on the first page of a PDF."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return [image.image.size for image in page.images]
