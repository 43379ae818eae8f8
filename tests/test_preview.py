"""`handouts preview`: a saved spec shows as a new PDF; an invalid one shows its problems."""

from __future__ import annotations

import io
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.publish.preview import Previewer, PreviewServer
from tests.conftest import MINIMAL
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


def next_generation(server: PreviewServer, seen: int) -> dict:
    """Wait (up to 30 s) for the spec's page to move past generation ``seen``."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        state = json.loads(get(server, "/mini/state")[1])
        if state["generation"] != seen and not state["building"]:
            return state
        time.sleep(0.05)
    raise AssertionError("the preview did not rebuild within 30 s")


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_saving_a_spec_serves_the_new_pdf(preview):
    server, spec = preview
    status, first = get(server, "/mini.pdf")
    assert status == 200 and "A small chart" in pdf_text(first)
    seen = json.loads(get(server, "/mini/state")[1])["generation"]
    spec.write_text(MINIMAL.replace("A small chart", "A renamed chart"), "utf-8")
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
    seen = json.loads(get(server, "/mini/state")[1])["generation"]
    spec.write_text(MINIMAL.replace("status: draft", "status: finished"), "utf-8")
    state = next_generation(server, seen)
    while not any("finished" in p for p in state["problems"]):  # it saw the save half-done
        state = next_generation(server, state["generation"])
    status, page = get(server, "/mini")
    assert status == 200 and b"<iframe" not in page
    assert b"1 problem stops this handout being built" in page
    assert b"specs/mini.yaml:7:9: status: &#x27;finished&#x27; is not one of" in page
    status, body = get(server, "/mini.pdf")  # never the stale PDF
    assert status == 422 and b"specs/mini.yaml:7:9" in body


def test_a_half_written_save_is_shown_then_fixed(preview):
    server, spec = preview
    seen = json.loads(get(server, "/mini/state")[1])["generation"]
    spec.write_text(MINIMAL[:200], "utf-8")  # what an editor may leave mid-write
    seen = next_generation(server, seen)["generation"]
    assert json.loads(get(server, "/mini/state")[1])["ok"] is False
    spec.write_text(MINIMAL, "utf-8")
    assert next_generation(server, seen)["ok"]


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
    seen = json.loads(get(server, "/mini/state")[1])["generation"]
    spec.write_text(MINIMAL + CHANGELOG, "utf-8")
    seen = next_generation(server, seen)["generation"]  # the preview has seen this save
    assert main(["release", "mini"]) == 0
    spec.write_text(MINIMAL.replace("A small chart", "A renamed chart") + CHANGELOG, "utf-8")
    state = next_generation(server, seen)
    for _ in range(2):  # a release takes a while (it makes the files): under load, the
        if any("content differs" in p for p in state["problems"]):  # preview may first
            break  # finish a build of the half-done first save, seen whole only now
        state = next_generation(server, state["generation"])
    assert state["ok"], state["problems"]
    assert any("warning: mini: content differs from released version 1.0.0" in p
               for p in state["problems"])
    assert b"content differs from released version" in get(server, "/mini")[1]
