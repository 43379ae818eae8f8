"""The ``handouts`` command: a thin shell over the library."""

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
from handouts.render.profiles import PROFILES

DEFAULT_SPECS = Path("specs")
DEFAULT_OUT = Path("build")


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``handouts`` command."""
    p = argparse.ArgumentParser(prog="handouts",
                                description="Build print-ready PDF handouts from YAML specs.")
    p.add_argument("--version", action="version", version=f"handouts {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="validate specs, then build their PDFs and flowcharts")
    b.add_argument("specs", nargs="*", type=Path, metavar="SPEC",
                   help="spec files or folders (default: the specs folder)")
    b.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="render handouts in N processes (default: 1)")
    b.add_argument("--depfiles", type=Path, metavar="DIR",
                   help="for each spec, write DIR/<spec>.d for make and touch DIR/<spec>.stamp")
    k = sub.add_parser("pack", help="build only the combined pack of a specs folder")
    k.add_argument("specs", nargs="?", type=Path, default=DEFAULT_SPECS, metavar="FOLDER",
                   help="the specs folder (default: specs)")
    for command in (b, k):  # what building handouts and building the pack share
        command.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                             help="output folder (default: build)")
        command.add_argument("--depfile", type=Path, metavar="FILE",
                             help="also write a make dependency file for FILE with .stamp "
                                  "for .d")
        command.add_argument("-q", "--quiet", action="store_true", help="print no warnings")
        command.add_argument("--profile", action="append", choices=[*PROFILES, "all"],
                             metavar="NAME", help="print profile, repeatable: "
                             f"{', '.join(PROFILES)} or all (default: a4)")
        command.add_argument("--base-url", default=os.environ.get("HANDOUTS_BASE_URL", ""),
                             metavar="URL", help="where build/ is published: each handout "
                             "links there, in words and a QR code (default: $HANDOUTS_BASE_URL)")
    c = sub.add_parser("check", help="validate specs and write nothing")
    c.add_argument("specs", nargs="*", type=Path, metavar="SPEC",
                   help="spec files or folders (default: the specs folder)")
    c.add_argument("--strict", action="store_true",
                   help="also fail on a handout past its review date (for releases)")
    r = sub.add_parser("release", help="record a handout's content as released, "
                                       "bumping its version if asked")
    r.add_argument("slug", metavar="SLUG")
    level = r.add_mutually_exclusive_group()
    for name in ("major", "minor", "patch"):
        level.add_argument(f"--{name}", dest="level", action="store_const", const=name,
                           help=f"raise the {name} part of the version first")
    d = sub.add_parser("diff", help="list what changed between two versions of a handout")
    d.add_argument("what", nargs="+", metavar="ARG",
                   help="OLD.yaml NEW.yaml, or SLUG OLD_VERSION NEW_VERSION (from git history)")
    w = sub.add_parser("site", help="write the download page, index.html, for a build folder")
    w.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                   help="the build folder (default: build)")
    sub.add_parser("schema", help="print the JSON Schema of the spec format")
    return p


def run(args: argparse.Namespace) -> int:
    """Carry out a parsed command; project errors propagate to ``main``."""
    if args.command == "schema":
        from handouts.spec.schema import json_schema

        print(json.dumps(json_schema(), indent=2))
        return 0
    if args.command == "diff":
        return run_diff(args.what)
    if args.command == "site":
        from handouts.publish.site import write_site

        print(write_site(args.out))
        return 0
    from handouts.spec.project import find_specs, load_project

    given = getattr(args, "specs", None) or [DEFAULT_SPECS]
    given = given if isinstance(given, list) else [given]
    whole_folder = len(given) == 1 and (given[0] == DEFAULT_SPECS or given[0].is_dir())
    specs = find_specs(given[0]) if whole_folder else given
    project = load_project(specs, complete=whole_folder,
                           strict=getattr(args, "strict", False),
                           releasing=args.command == "release")
    for warning in () if getattr(args, "quiet", False) else project.warnings:
        print(warning, file=sys.stderr)
    if args.command == "release":
        from handouts.versions.release import release

        handout = next((h for h in project.handouts if h.slug == args.slug), None)
        if handout is None:
            from handouts.spec.convert import did_you_mean

            slugs = [h.slug for h in project.handouts]
            raise HandoutsError(f"no handout {args.slug!r}" + did_you_mean(args.slug, slugs))
        version = release(handout, project.hashes[handout.slug],
                          Path(handout.where.path).parent, args.level)
        print(f"released {handout.slug} {version}")
        return 0
    if args.command == "check":
        count = len(project.handouts)
        print(f"handouts: {count} spec{'s' * (count != 1)} valid", file=sys.stderr)
        return 0
    from handouts.publish.build import Options, build_pack, build_project

    profiles = getattr(args, "profile", None) or ["a4"]
    options = Options(tuple(PROFILES) if "all" in profiles else tuple(dict.fromkeys(profiles)),
                      args.base_url)
    if args.command == "pack":
        if project.pack is None:
            raise HandoutsError(f"{args.specs}: no pack.yaml in this folder")
        written = build_pack(project, args.out, options)
    else:
        written = build_project(project, args.out, max(1, args.jobs), options)
    for path in written:
        print(path)
    from handouts.publish.deps import write_depfile, write_depfiles

    if args.depfile:
        write_depfile(args.depfile, project)
    if getattr(args, "depfiles", None):
        write_depfiles(args.depfiles, project)
    return 0


def run_diff(what: list[str]) -> int:
    """Print what changed between two spec files, or two versions of one handout."""
    from handouts.spec.project import find_specs, load_handout, load_project
    from handouts.versions.diff import handout_diff

    if len(what) == 2:
        old, new = (load_project([Path(p)]) for p in what)
        pair = [(p.handouts[0], p.bibliography_of(p.handouts[0])) for p in (old, new)]
    elif len(what) == 3:
        from handouts.versions.history import handout_at_version

        slug, *versions = what
        specs = {load_handout(p).slug: p for p in find_specs(DEFAULT_SPECS)}
        if slug not in specs:
            raise HandoutsError(f"no handout {slug!r} in {DEFAULT_SPECS}")
        pair = [handout_at_version(specs[slug], v) for v in versions]
    else:
        print("handouts diff: give OLD.yaml NEW.yaml, or SLUG OLD_VERSION NEW_VERSION",
              file=sys.stderr)
        return 2
    (old_h, old_b), (new_h, new_b) = pair
    lines = handout_diff(old_h, new_h, old_b, new_b)
    print(f"{new_h.slug}: {old_h.version} → {new_h.version}: "
          f"{len(lines)} change{'s' * (len(lines) != 1)}")
    for line in lines:
        print(f"  {line}")
    return 0


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
    except KeyboardInterrupt:
        print("handouts: interrupted; no file was left half-written", file=sys.stderr)
        return 130
