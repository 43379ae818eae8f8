"""``handouts preview``: one warm process that rebuilds a handout when its spec is saved.

It watches every file a build reads but the package's code (the specs, the packs, the
bibliography, the release record, handouts.yaml, the logo and the fonts), by polling their
size and modification time, which sees every editor's way of saving. A saved handout is
checked and built again by the pipeline ``handouts check`` runs, in memory, in its A4
edition and its HTML edition, reusing the files, chart layouts and citation lists of earlier
builds (in caches of bounded size, so its memory stays flat however long it runs); its page
in the browser reloads itself. While a spec is invalid, its page lists the problems
(file:line:col, message, hint) in place of the handout. It serves 127.0.0.1 only, and
writes nothing to build/.
"""

from __future__ import annotations

import html
import json
import re
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from handouts.errors import Location, Problem
from handouts.flowchart.engine import ChartLayouts
from handouts.fonts import font_files
from handouts.publish.build import Request, run
from handouts.publish.context import Build
from handouts.publish.deps import shared_inputs
from handouts.spec.files import display_path
from handouts.spec.project import SETTINGS_FILE, find_packs, find_specs

HOST = "127.0.0.1"
POLL_SECONDS = 0.05
IDLE_SECONDS = 30.0
"""How long a connection may stay open without sending a request."""
LONG_POLL = 20.0
"""How long a page's request for the next build waits before it is answered anyway: less
than IDLE_SECONDS, so the connection is never closed under it."""
STOP_SECONDS = 1.0
"""How long stopping waits for the watcher to finish a rebuild before leaving it."""
STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
LAYOUTS = 96
"""Chart layouts the preview keeps: those of about two versions of one large chart (a chart
edit lays out some 40 candidates), so a save that leaves the chart alone reuses its layout,
and a hundred chart edits take no more memory than two."""


@dataclass(frozen=True)
class Shown:
    """What the preview shows for one spec: its latest build, or why there is none."""

    spec: str
    generation: int
    title: str = ""
    pdf: bytes | None = None
    html: bytes | None = None
    problems: tuple[Problem, ...] = ()
    seconds: float = 0.0

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that stop the handout being built."""
        return [p for p in self.problems if not p.warning]

    def state(self, building: bool) -> dict[str, object]:
        """Return what the page polls for: the generation, and whether a build is running."""
        return {"spec": self.spec, "generation": self.generation, "ok": self.pdf is not None,
                "building": building, "problems": [str(p) for p in self.problems],
                "seconds": round(self.seconds, 3)}


def watched(folder: Path, build: Build | None) -> dict[Path, tuple[int, int]]:
    """Return the size and modification time of every file a preview depends on: each spec
    and pack, the project's shared files and the fonts."""
    paths = [*find_specs(folder), *find_packs(folder), folder.parent / SETTINGS_FILE,
             *(shared_inputs(build.project) if build else ()), *font_files().values()]
    found = {}
    for path in paths:
        try:
            info = path.stat()
        except OSError:  # deleted, or being replaced by a save
            continue
        found[path] = (info.st_mtime_ns, info.st_size)
    return found


@dataclass
class Previewer:
    """Builds handouts on demand and again whenever a file they depend on changes."""

    folder: Path
    build: Build | None = None
    _shown: dict[str, Shown] = field(default_factory=dict)
    _files: dict[Path, tuple[int, int]] = field(default_factory=dict)
    _generation: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _news: threading.Condition = field(default_factory=threading.Condition)
    _fonts: dict[Path, tuple[int, int]] = field(default_factory=dict)
    building: set[str] = field(default_factory=set)

    def stems(self) -> list[str]:
        """Return the name (without .yaml) of every handout spec, in order."""
        return [p.stem for p in find_specs(self.folder)]

    def show(self, stem: str) -> Shown:
        """Return the latest build of one spec, building it the first time it is asked for."""
        shown = self._shown.get(stem)
        if shown is not None:
            return shown
        with self._lock:
            if stem not in self._shown:
                self._build([stem], self.build or self._load())
            return self._shown[stem]

    def wait_past(self, stem: str, generation: int, timeout: float = 60.0,
                  building: bool | None = None) -> Shown:
        """Return the build of ``stem`` once one newer than ``generation`` is shown (and no
        rebuild of it is running), or, given ``building``, once whether one is running is
        no longer that; raise TimeoutError after ``timeout`` seconds."""
        def ready() -> bool:
            shown = self._shown.get(stem)
            busy = stem in self.building
            return shown is not None and ((shown.generation > generation and not busy)
                                          or (building is not None and busy != building))
        with self._news:
            if not self._news.wait_for(ready, timeout):
                raise TimeoutError(f"no new build of {stem} within {timeout:g} s")
            return self._shown[stem]

    def refresh(self) -> list[str]:
        """Build again every shown spec that a changed file affects; return their stems."""
        with self._lock:
            if self.build is None:
                self._load()
                return []
            files = watched(self.folder, self.build)
            if files == self._files:
                return []
            changed = {p for p in files.keys() | self._files.keys()
                       if files.get(p) != self._files.get(p)}
            specs = {p.stem for p in changed if p in find_specs(self.folder)}
            shared = bool(changed - {self.folder / f"{s}.yaml" for s in specs})
            stems = [s for s in self._shown if shared or s in specs]
            stems += sorted(s for s in specs if s not in self._shown and s in self.stems())
            try:
                build = self._load()
            except Exception as exc:  # a bug in reading the project: said on every page
                traceback.print_exc()
                for stem in stems:
                    self._show(stem, self._failed(stem, "read the project", exc))
                return stems
            self._build(stems, build)
            return stems

    def _load(self) -> Build:
        """Read the project again (only the files that changed), keeping the caches."""
        if self.build is None:
            self.build = Build.open(self.folder, layouts=ChartLayouts(size=LAYOUTS))
            self._fonts = {p: (p.stat().st_mtime_ns, p.stat().st_size)
                           for p in font_files().values()}
        else:
            self.build = self.build.again()
        self._files = watched(self.folder, self.build)
        return self.build

    def _build(self, stems: list[str], build: Build) -> None:
        for stem in stems:
            with self._news:
                self.building.add(stem)
                self._news.notify_all()
            try:
                started = time.perf_counter()
                try:
                    shown = self._build_one(stem, build)
                except Exception as exc:  # a preview must outlive any bug: show it
                    traceback.print_exc()
                    shown = self._failed(stem, "build this handout", exc)
                self._show(stem, replace(shown, seconds=time.perf_counter() - started))
            finally:
                self.building.discard(stem)
                with self._news:
                    self._news.notify_all()

    def _show(self, stem: str, shown: Shown) -> None:
        """Show a new build (or its problems) of one spec, as a new generation."""
        with self._news:
            self._generation += 1
            self._shown[stem] = replace(shown, generation=self._generation)
            self._news.notify_all()

    def _failed(self, stem: str, doing: str, exc: Exception) -> Shown:
        """Return what is shown when the preview itself failed: the error, never old pages."""
        path = display_path(self.folder / f"{stem}.yaml")
        return Shown(path, 0, problems=(Problem(
            Location(path), f"the preview could not {doing}: {exc!r}",
            "run `handouts check` to see the error in full"),))

    def _fonts_changed(self) -> list[Problem]:
        """Return a problem for each font file replaced since the preview started: fonts are
        loaded once, so a new one needs a new preview."""
        now = {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in font_files().values()
               if p.exists()}
        return [Problem(Location(str(path)), "this font file changed since the preview "
                        "started", "stop the preview (Ctrl-C) and start it again to use it")
                for path, seen in self._fonts.items() if now.get(path) != seen]

    def _build_one(self, stem: str, build: Build) -> Shown:
        spec = self.folder / f"{stem}.yaml"
        path = display_path(spec)
        if not spec.exists():  # a FIFO exists: its problem is said
            return Shown(path, 0, problems=(Problem(Location(path), "no such spec",
                                                    "save the spec in the specs folder"),))
        handout = next((h for h in build.project.read if h.where.path == path), None)
        title = handout.title if handout is not None else stem
        fonts = self._fonts_changed()
        if fonts:
            return Shown(path, 0, title, problems=tuple(fonts))
        report = run(Request(self.folder, (spec,), ("a4",), packs=False, downloads=False,
                             unreleased_ok=True), build)
        made = {o.profile: o.data for o in report.outputs if o.spec == path}
        problems = tuple(sorted(set(report.problems)))
        if report.errors or "a4" not in made:
            return Shown(path, 0, title, problems=problems)
        return Shown(path, 0, title, made["a4"], made.get("html"), problems)


def page(stem: str, shown: Shown) -> bytes:
    """Return the preview page of one spec: its PDF, or its problems in its place."""
    title = html.escape(shown.title or stem)
    listed = "".join(f"<li>{html.escape(str(p))}</li>" for p in shown.problems)
    if shown.pdf is not None:
        body = (f'<p class="bar"><a href="/{stem}.pdf">PDF</a> · <a href="/{stem}.html">HTML '
                f"edition</a> · built in {shown.seconds * 1000:.0f} ms</p>"
                + (f'<ul class="warnings">{listed}</ul>' if listed else "")
                + f'<iframe title="{title}, A4 edition" src="/{stem}.pdf?g={shown.generation}">'
                  "</iframe>")
    else:
        stop = "1 problem stops" if len(shown.errors) == 1 else \
            f"{len(shown.errors)} problems stop"
        body = (f'<h2>{stop} this handout being built</h2><ul class="problems">{listed}</ul>'
                "<p>Fix them and save: this page updates itself.</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} (preview)</title>
<style>body{{font-family:DejaVu Sans,sans-serif;margin:0 1rem;color:#111}}
iframe{{width:100%;height:calc(100vh - 7rem);border:1px solid #888}}
.problems li{{color:#8b0000;margin:.5rem 0;font-family:monospace}}
.warnings li{{color:#5a3d00;font-family:monospace}}#busy{{visibility:hidden}}</style></head>
<body><h1>{title} <small id="busy">updating…</small></h1>{body}
<p><a href="/">All handouts</a></p>
<script>
const seen = {shown.generation};
let busy = 0;
async function poll() {{
  try {{
    const state = await (await fetch(`/{stem}/state?after=${{seen}}&busy=${{busy}}`,
                                     {{cache: "no-store"}})).json();
    busy = state.building ? 1 : 0;
    document.getElementById("busy").style.visibility = busy ? "visible" : "hidden";
    if (state.generation !== seen) {{ location.reload(); return; }}
    poll();
  }} catch (e) {{ setTimeout(poll, 1000); }}
}}
poll();
</script></body></html>""".encode()


def index(previewer: Previewer) -> bytes:
    """Return the list of handouts to preview."""
    items = "".join(f'<li><a href="/{html.escape(quote(s, safe=""))}">{html.escape(s)}</a></li>'
                    for s in previewer.stems())
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>handouts "
            f"preview</title></head><body><h1>Handouts</h1><ul>{items}</ul>"
            "<p>Open one; it rebuilds itself each time you save its spec.</p></body></html>"
            ).encode()


def handler(previewer: Previewer) -> type[BaseHTTPRequestHandler]:
    """Return the request handler class serving ``previewer``."""

    class Handler(BaseHTTPRequestHandler):
        timeout = IDLE_SECONDS  # a connection that sends nothing for this long is closed

        def do_GET(self) -> None:
            port = self.server.server_address[1]  # type: ignore[index]
            if (self.headers.get("Host") or "").lower() not in (f"{HOST}:{port}",
                                                                 f"localhost:{port}"):
                return self._send(b"this preview answers only to its own address\n",
                                  "text/plain", HTTPStatus.MISDIRECTED_REQUEST)
            route = self.path.split("?", 1)[0].strip("/")
            stem, _, rest = route.partition("/")
            name, dot, suffix = stem.rpartition(".") if "." in stem else (stem, "", "")
            if not route:
                return self._send(index(previewer), "text/html; charset=utf-8")
            if not STEM.fullmatch(name) or name not in previewer.stems():
                return self._send(b"no such handout\n", "text/plain", HTTPStatus.NOT_FOUND)
            shown = previewer.show(name)
            if rest == "state":
                asked = parse_qs(urlsplit(self.path).query)
                after, busy = asked.get("after", [""])[0], asked.get("busy", [""])[0]
                if after.isdigit():  # wait for the next build (a long poll), not for time
                    try:
                        shown = previewer.wait_past(name, int(after), LONG_POLL,
                                                    busy == "1" if busy else None)
                    except TimeoutError:
                        shown = previewer.show(name)
                state = shown.state(name in previewer.building)
                return self._send(json.dumps(state).encode(), "application/json")
            if not dot and not rest:
                return self._send(page(name, shown), "text/html; charset=utf-8")
            data = {"pdf": shown.pdf, "html": shown.html}.get(suffix) if not rest else None
            if data is None:
                return self._send(page(name, shown), "text/html; charset=utf-8",
                                  HTTPStatus.NOT_FOUND if rest or suffix not in ("pdf", "html")
                                  else HTTPStatus.UNPROCESSABLE_ENTITY)
            kind = "application/pdf" if suffix == "pdf" else "text/html; charset=utf-8"
            return self._send(data, kind)

        def _send(self, data: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal shows rebuilds, not every poll

    return Handler


class PreviewServer(ThreadingHTTPServer):
    """The preview's web server, and the thread that watches the files."""

    daemon_threads = True

    def __init__(self, previewer: Previewer, port: int = 8000,
                 report: Callable[[str], None] = lambda line: None) -> None:
        self.previewer = previewer
        self._stop = threading.Event()
        self._report = report
        self._watcher = threading.Thread(target=self._watch, name="preview-watch", daemon=True)
        super().__init__((HOST, port), handler(previewer))  # closes itself if it cannot bind

    @property
    def url(self) -> str:
        """Return the address the preview is served at."""
        return f"http://{HOST}:{self.server_address[1]}/"

    def start(self) -> None:
        """Start watching the files (serving starts with ``serve_forever``)."""
        self.previewer.refresh()
        self._watcher.start()

    def _watch(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            try:
                for stem in self.previewer.refresh():
                    shown = self.previewer.show(stem)
                    said = (f"built in {shown.seconds * 1000:.0f} ms" if shown.pdf else
                            f"{len(shown.errors)} problem(s)")
                    self._report(f"{shown.spec}: {said}")
            except Exception:  # never stop watching: the next save may fix it
                traceback.print_exc()

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """Say in one line that a browser went away mid-answer; show any other error."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            self._report(f"preview: the browser at port {client_address[1]} went away before "
                         f"the answer was sent ({error.strerror or 'timed out'})")
        else:
            super().handle_error(request, client_address)  # type: ignore[arg-type]

    def server_close(self) -> None:
        """Stop watching, then stop serving, whatever the watcher is doing."""
        self._stop.set()
        if self._watcher.is_alive():
            self._watcher.join(STOP_SECONDS)  # a daemon thread: it ends with the process
        super().server_close()
