"""The preview under attack and faults (issue 25): hostile file names, other hosts, idle and
vanishing browsers, a FIFO among the specs, a stop signal, settings that break."""

from __future__ import annotations

import http.client
import os
import selectors
import signal
import socket
import struct
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from handouts.publish import preview as preview_module
from handouts.publish.preview import Previewer, PreviewServer

from .conftest import MINIMAL, ROOT
from .test_hostile_input import links_of
from .test_preview import (
    get,
    next_generation,
    preview,  # noqa: F401  (the fixture 'served' builds on)
    save,
    settled,
)

pytestmark = pytest.mark.needs_dot
HOSTILE = 'zz"><img src=x onerror=alert(1)>'


class Said(list):
    """The lines the preview reports, and an event for when there are enough of them."""

    def __init__(self, enough: int = 3) -> None:
        super().__init__()
        self.enough, self.done = enough, threading.Event()

    def append(self, line: str) -> None:
        super().append(line)
        if len(self) >= self.enough:
            self.done.set()


@pytest.fixture
def served(preview, monkeypatch) -> tuple[PreviewServer, Said]:  # noqa: F811
    """Serve a project of one spec; return the server and the lines it reports."""
    server, _ = preview
    said = Said()
    monkeypatch.setattr(server, "_report", said.append)
    return server, said


def test_a_hostile_file_name_is_escaped_in_the_index(served, write_spec):
    server, _ = served
    write_spec(MINIMAL.replace("slug: mini", "slug: zz"), f"{HOSTILE}.yaml")
    status, page = get(server, "/")
    assert status == 200
    assert b"<img" not in page
    assert {"href": "/zz%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E"} in links_of(page)
    assert b"zz&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</a>" in page


def request(server: PreviewServer, host: str | None) -> int:
    """Ask for the index with a given Host header (None: send none, as HTTP/1.0 may)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    connection.putrequest("GET", "/", skip_host=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def test_only_the_previews_own_address_is_answered(served):
    server, _ = served
    port = server.server_address[1]
    assert request(server, f"127.0.0.1:{port}") == 200
    assert request(server, f"localhost:{port}") == 200
    for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1:{port + 1}",
                 "127.0.0.1", None):  # DNS rebinding: another name for this address
        assert request(server, host) == 421, host


def test_an_idle_connection_is_closed(write_spec, monkeypatch):
    assert preview_module.IDLE_SECONDS == 30
    monkeypatch.setattr(preview_module, "IDLE_SECONDS", 0.2)
    write_spec(MINIMAL, "mini.yaml")
    server = PreviewServer(Previewer(Path("specs")), 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        with socket.create_connection(server.server_address, timeout=20) as idle:
            assert idle.recv(1) == b""  # closed by the preview, long before 20 s
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_browser_that_goes_away_mid_answer_is_one_line(served, monkeypatch, capsys):
    server, said = served
    get(server, "/mini.pdf")  # built once, so that answering is quick
    gone = threading.Event()
    real = server.previewer.show

    def show_after_the_browser_left(stem):
        gone.wait(20)
        return real(stem)

    monkeypatch.setattr(server.previewer, "show", show_after_the_browser_left)
    for _ in range(3):
        gone.clear()
        browser = socket.create_connection(server.server_address, timeout=20)
        browser.sendall(f"GET /mini.pdf HTTP/1.1\r\nHost: 127.0.0.1:{server.server_address[1]}"
                        "\r\n\r\n".encode())
        browser.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        browser.close()  # a reset, as a closed tab sends
        gone.set()
    said.done.wait(20)
    assert len(said) == 3, said
    assert all(line.startswith("preview: the browser at port ") and "went away before the "
               "answer was sent" in line for line in said), said
    assert "Traceback" not in capsys.readouterr().err


def test_settings_that_break_are_shown_not_the_old_build(served, tmp_path):
    server, _ = served
    assert get(server, "/mini.pdf")[0] == 200
    seen = settled(server)
    save(tmp_path / "handouts.yaml", "base_url: 'https://[::1'\n")
    state = next_generation(server, seen)
    assert not state["ok"]
    assert state["problems"] == [
        "handouts.yaml:1:1: base_url: the address is malformed (Invalid IPv6 URL) (write it as "
        "https://host/path; an IPv6 host goes in brackets, https://[2001:db8::1]/)"]
    assert get(server, "/mini.pdf")[0] == 422


def test_a_project_that_cannot_be_read_is_shown_not_the_old_build(served, monkeypatch):
    server, _ = served
    assert get(server, "/mini.pdf")[0] == 200
    seen = settled(server)

    def broken(build):
        raise RuntimeError("a bug")

    monkeypatch.setattr(preview_module.Build, "again", broken)
    save(Path("specs/mini.yaml"), MINIMAL.replace("A small chart", "A new title"))
    state = next_generation(server, seen)
    assert state["problems"] == [
        "specs/mini.yaml: the preview could not read the project: RuntimeError('a bug') (run "
        "`handouts check` to see the error in full)"]
    assert get(server, "/mini.pdf")[0] == 422


def wait_for(stream, text: str, timeout: float = 60) -> str:
    """Return what a child process wrote up to a line holding ``text``; fail after
    ``timeout`` seconds, rather than hang."""
    seen = ""
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while text not in seen:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                pytest.fail(f"no {text!r} within {timeout} s; got {seen!r}")
            chunk = os.read(stream.fileno(), 4096).decode()
            if not chunk:
                pytest.fail(f"the process ended before {text!r}; got {seen!r}")
            seen += chunk
    return seen


def preview_process(cwd: Path, prelude: str = "") -> subprocess.Popen[bytes]:
    code = textwrap.dedent(prelude) + ("\nfrom handouts.cli import main\n"
                                       "raise SystemExit(main(['preview', '--port', '0']))\n")
    return subprocess.Popen([sys.executable, "-c", code], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def stopped(proc: subprocess.Popen[bytes], how: signal.Signals) -> int:
    """Send ``how``; return the exit status, failing (and killing it) if it does not stop."""
    proc.send_signal(how)
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        pytest.fail(f"the preview ignored {how.name}")


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_fifo_among_the_specs_neither_wedges_nor_keeps_the_preview_running(write_spec,
                                                                              tmp_path, how):
    write_spec(MINIMAL, "mini.yaml")
    os.mkfifo(tmp_path / "specs" / "zz.yaml")
    proc = preview_process(tmp_path)
    said = wait_for(proc.stdout, "(Ctrl-C to stop)")
    url = said.split(" at ")[1].split()[0]
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/zz")
    page = connection.getresponse().read()
    assert b"specs/zz.yaml: this is a named pipe (FIFO), not a file" in page
    assert stopped(proc, how) == 0
    assert proc.stderr is not None and b"Traceback" not in proc.stderr.read()


STUCK_WATCHER = """
import sys, threading
from handouts.publish.preview import Previewer
real, calls = Previewer.refresh, []
def refresh(self):
    calls.append(1)
    if len(calls) > 1:  # the watcher, in a rebuild that never ends
        print("watcher stuck", file=sys.stderr, flush=True)
        threading.Event().wait()
    return real(self)
Previewer.refresh = refresh
"""


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_the_preview_stops_whatever_the_watcher_is_doing(write_spec, tmp_path, how):
    write_spec(MINIMAL, "mini.yaml")
    proc = preview_process(tmp_path, STUCK_WATCHER)
    wait_for(proc.stderr, "watcher stuck")
    assert stopped(proc, how) == 0
