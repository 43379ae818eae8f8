"""The ``handouts`` command: a thin shell over the library, one library call per command."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path

from handouts import __version__
from handouts.errors import HandoutsError, SpecError
from handouts.model.profile import PROFILES

SPECS = "specs"
OUT = "build"
CLOSED_PIPE = 141
"""The exit status of a command whose reader stopped reading (``handouts schema | head``),
as the shell reports for a program stopped by SIGPIPE."""


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``handouts`` command."""
    p = argparse.ArgumentParser(prog="handouts",
                                description="Build print-ready PDF handouts from YAML specs.")
    p.add_argument("--version", action="version", version=f"handouts {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    project = argparse.ArgumentParser(add_help=False)
    project.add_argument("-C", "--project", type=Path, default=Path("."), metavar="DIR",
                         help="the project folder, which holds handouts.yaml, specs/ and "
                              "build/ (default: the current folder)")
    b = sub.add_parser("build", parents=[project],
                       help="check specs, then build the valid ones and their packs")
    c = sub.add_parser("check", parents=[project],
                       help="check specs, laying them out as a build would; write nothing")
    for command in (b, c):
        command.add_argument("specs", nargs="*", type=Path, metavar="SPEC",
                             help="spec or pack files, or the specs folder (default: the "
                                  "project's specs)")
        command.add_argument("--profile", action="append", choices=[*PROFILES, "all"],
                             metavar="NAME", help="build only this edition, repeatable: "
                             f"{', '.join(PROFILES)} or all (default: handouts.yaml's)")
        command.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                             help="typeset in N processes, at most one per CPU (default: 0, one "
                             "per CPU)")
        command.add_argument("-q", "--quiet", action="store_true", help="print no warnings")
    b.add_argument("-o", "--out", type=Path, metavar="DIR",
                   help="output folder (default: the project's build)")
    b.add_argument("--depfiles", type=Path, metavar="DIR",
                   help="for make: write DIR/<spec>.d and touch DIR/<spec>.stamp for each "
                        "spec and pack built")
    c.add_argument("--strict", action="store_true", help="as for a release: also fail on a "
                   "handout past its review date or a placeholder publishing address")
    r = sub.add_parser("release", parents=[project],
                       help="record a handout's (or pack's) content and files as released, "
                            "bumping its version if asked")
    r.add_argument("slug", metavar="SLUG")
    level = r.add_mutually_exclusive_group()
    for name in ("major", "minor", "patch"):
        level.add_argument(f"--{name}", dest="level", action="store_const", const=name,
                           help=f"raise the {name} part of the version first")
    a = sub.add_parser("archive", parents=[project],
                       help="rebuild earlier released versions from the commits that released "
                            "them, beside the current files")
    a.add_argument("slug", metavar="SLUG")
    a.add_argument("versions", nargs="*", metavar="VERSION",
                   help="the versions (default: every released version but the current)")
    a.add_argument("-o", "--out", type=Path, metavar="DIR",
                   help="the build folder (default: the project's build)")
    x = sub.add_parser("withdraw", parents=[project],
                       help="record that a released version must no longer be used, and why")
    x.add_argument("slug", metavar="SLUG")
    x.add_argument("version", metavar="VERSION")
    x.add_argument("--reason", required=True, help="why, in words its version page prints")
    d = sub.add_parser("diff", parents=[project],
                       help="list what changed between two versions of a handout")
    d.add_argument("what", nargs="+", metavar="ARG",
                   help="OLD.yaml NEW.yaml, or SLUG OLD_VERSION NEW_VERSION (from git history)")
    v = sub.add_parser("review", parents=[project],
                       help="write a sign-off sheet for the reviewing clinician: every "
                            "statement and its source, and the changes")
    v.add_argument("slug", metavar="SLUG")
    v.add_argument("-o", "--out", type=Path, metavar="DIR",
                   help="the build folder; the sheet goes in DIR/review (default: the "
                        "project's build)")
    w = sub.add_parser("site", parents=[project],
                       help="write the download page, index.html, for a build folder")
    w.add_argument("-o", "--out", type=Path, metavar="DIR",
                   help="the build folder (default: the project's build)")
    e = sub.add_parser("preview", parents=[project],
                       help="serve the handouts on this computer, each rebuilt (A4 and HTML) "
                            "whenever its spec is saved")
    e.add_argument("folder", nargs="?", type=Path, metavar="SPECS",
                   help="the specs folder (default: the project's specs)")
    e.add_argument("--port", type=port_number, default=8000, help="the port on 127.0.0.1 to serve "
                   "(default: 8000; 0 picks a free one)")
    s = sub.add_parser("schema", help="print the JSON Schema of the spec format, for editors")
    s.add_argument("kind", nargs="?", default="handout", choices=["handout", "pack", "settings"],
                   help="a handout spec (default), a pack (specs/packs/), or handouts.yaml")
    return p


def run(args: argparse.Namespace) -> int:
    """Carry out a parsed command; project errors propagate to ``main``."""
    root = getattr(args, "project", Path("."))
    if not root.is_dir():
        raise HandoutsError(f"no project folder {root}: give --project the folder that holds "
                            "handouts.yaml and specs/")
    specs = root / SPECS
    if getattr(args, "out", "") is None:
        args.out = root / OUT
    out = getattr(args, "out", None)
    if out is not None and out.exists() and not out.is_dir():
        raise HandoutsError(f"{out} is a file, not a folder: give -o a folder (default: "
                            "build)")
    if args.command == "schema":
        from handouts.spec.schema import json_schema

        print(json.dumps(json_schema(args.kind), indent=2))
        return 0
    if args.command == "diff":
        from handouts.versions.diff import diff_command

        if len(args.what) not in (2, 3):
            print("handouts diff: give OLD.yaml NEW.yaml, or SLUG OLD_VERSION NEW_VERSION",
                  file=sys.stderr)
            return 2
        print("\n".join(diff_command(args.what, specs)))
        return 0
    if args.command == "site":
        from handouts.publish.site import write_site

        print(write_site(args.out))
        return 0
    if args.command == "review":
        from handouts.publish.context import Build
        from handouts.publish.review import write_review

        print(write_review(Build.open(specs), args.slug, args.out))
        return 0
    if args.command == "preview":
        return preview(args.folder or specs, args.port)
    if args.command == "release":
        from handouts.publish.archive import release_document

        print(f"released {args.slug} {release_document(specs, args.slug, args.level)}")
        return 0
    if args.command == "archive":
        from handouts.publish.archive import archive

        print("\n".join(archive(specs, args.slug, args.versions, args.out)))
        return 0
    if args.command == "withdraw":
        from handouts.spec.clock import today
        from handouts.versions.release import withdraw

        withdraw(specs, args.slug, args.version, args.reason, today())
        print(f"withdrew {args.slug} {args.version}")
        return 0
    return build(args, specs)


def build(args: argparse.Namespace, specs: Path) -> int:
    """Check or build; print every problem, the files written, and a summary."""
    from handouts.publish.build import Request, run

    folder, targets = where(args.specs, specs)
    profiles = args.profile or []
    cpus = os.cpu_count() or 1
    if args.jobs > cpus:
        print(f"handouts: -j {args.jobs} is more than the {cpus} CPU{'s' * (cpus != 1)} "
              f"here: typesetting in {cpus} process{'es' * (cpus != 1)}", file=sys.stderr)
    request = Request(folder, targets,
                      tuple(PROFILES) if "all" in profiles else tuple(dict.fromkeys(profiles)),
                      min(args.jobs, cpus) if args.jobs > 0 else cpus,
                      getattr(args, "strict", False),
                      getattr(args, "out", None), getattr(args, "depfiles", None))
    report = run(request)
    for problem in report.problems:
        if not (problem.warning and args.quiet):
            print(problem, file=sys.stderr)
    if not args.quiet:
        for note in report.notes:
            print(note, file=sys.stderr)
    for mended in report.mended:
        print(mended, file=sys.stderr)
    for path in report.written:
        print(path)
    errors = report.errors
    if errors:
        files = len({p.location.path for p in errors})
        done = "nothing was written" if not report.written else (
            f"not built: {', '.join(report.refused)}; the rest was built")
        if args.command == "check":
            done = "nothing was written"
        print(f"handouts: {len(errors)} problem{'s' * (len(errors) != 1)} in {files} "
              f"file{'s' * (files != 1)}; {done}", file=sys.stderr)
        return 1
    if args.command == "check":
        count = len(report.built)
        print(f"handouts: {count} spec{'s' * (count != 1)} valid", file=sys.stderr)
    return 0


def port_number(text: str) -> int:
    """Return a port number from 0 to 65535, or refuse it as a usage error."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return int(text)


def preview(folder: Path, port: int) -> int:
    """Serve the preview until interrupted."""
    from handouts.publish.preview import Previewer, PreviewServer

    if not folder.is_dir():
        raise HandoutsError(f"no specs folder {folder}: run handouts from the project folder, "
                            "or give it with --project")
    try:
        server = PreviewServer(Previewer(folder), port,
                               lambda line: print(line, file=sys.stderr, flush=True))
    except OSError as exc:
        raise HandoutsError(f"cannot serve on port {port}: {exc.strerror}; choose another "
                            "with --port") from None
    server.start()
    print(f"handouts: previewing {folder} at {server.url} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("handouts: preview stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0


def where(paths: list[Path], specs: Path) -> tuple[Path, tuple[Path, ...]]:
    """Return the specs folder and the files asked for (none: the whole folder, by default
    the project's ``specs``)."""
    if not paths or (len(paths) == 1 and (paths[0].is_dir() or paths[0] == specs)):
        return (paths[0] if paths else specs), ()
    folders = {p.parent.parent if p.parent.name == "packs" else p.parent for p in paths}
    if len(folders) > 1:
        raise HandoutsError("name specs of one specs folder at a time")
    return folders.pop(), tuple(paths)


def _interrupt(signum: int, frame: object) -> None:
    """Turn SIGTERM into KeyboardInterrupt, so that half-written files are cleaned up."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 invalid input, 2 usage)."""
    args = parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        return run(args)
    except SpecError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        files = len({p.location.path for p in exc.problems})
        count = len(exc.problems)
        print(f"handouts: {count} problem{'s' * (count != 1)} in {files} "
              f"file{'s' * (files != 1)}; nothing was written", file=sys.stderr)
        return 1
    except HandoutsError as exc:
        print(f"handouts: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader stopped reading, as `handouts schema | head` does
        return closed_pipe()
    except OSError as exc:  # a file the command reads or writes, e.g. on a full disk
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"handouts: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("handouts: interrupted; no file was left half-written", file=sys.stderr)
        return 130


def closed_pipe() -> int:
    """Leave quietly when standard output's reader has gone: what is left unsaid goes
    nowhere, rather than fail again, with a traceback, as Python flushes it on exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return CLOSED_PIPE
