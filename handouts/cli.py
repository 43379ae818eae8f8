"""The ``handouts`` command: a thin shell over the library."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .errors import HandoutsError, SpecError

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
                   help="spec files (default: every specs/*.yaml)")
    b.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                   help="output folder (default: build)")
    c = sub.add_parser("check", help="validate specs and write nothing")
    c.add_argument("specs", nargs="*", type=Path, metavar="SPEC",
                   help="spec files (default: every specs/*.yaml)")
    sub.add_parser("schema", help="print the JSON Schema of the spec format")
    return p


def run(args: argparse.Namespace) -> int:
    """Carry out a parsed command; project errors propagate to ``main``."""
    if args.command == "schema":
        from .schema import json_schema

        print(json.dumps(json_schema(), indent=2))
        return 0
    from .spec import find_specs, load_project

    specs = args.specs or find_specs(DEFAULT_SPECS)
    project = load_project(specs, complete=not args.specs)
    for warning in project.warnings:
        print(warning, file=sys.stderr)
    if args.command == "check":
        count = len(project.handouts)
        print(f"handouts: {count} spec{'s' * (count != 1)} valid", file=sys.stderr)
        return 0
    from .build import build_project

    for path in build_project(project, args.out):
        print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 invalid input, 2 usage)."""
    args = parser().parse_args(argv)
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
        print("handouts: interrupted; nothing was changed", file=sys.stderr)
        return 130
