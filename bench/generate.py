"""Write a synthetic library of handout specs, for benchmarking.

    python bench/generate.py OUT_DIR N

writes N specs into OUT_DIR/specs/: the shipped specs/alk-*.yaml copied in rotation, each
with a unique slug ``<original-slug>-synth-NNNN`` (only the top-level ``slug:`` line is
rewritten), plus a copy of specs/references.yaml so that every citation resolves. The pack
(specs/pack.yaml) and the release record (specs/releases.lock) are not copied: the copies are
unreleased, unpacked handouts. Validate the result with ``cd OUT_DIR && handouts check``.

Only the standard library is used, so any Python 3.10+ can run it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SOURCE = PROJECT / "specs"
BIBLIOGRAPHY = "references.yaml"
SLUG_LINE = re.compile(r"^slug:[ \t]*(?P<slug>[^\s#]+)[ \t]*(?:#.*)?$", re.MULTILINE)


def templates(source: Path = SOURCE) -> list[tuple[Path, str, str]]:
    """Return (path, text, slug) of each shipped handout spec, in name order."""
    found = []
    for path in sorted(source.glob("alk-*.yaml")):
        text = path.read_text("utf-8")
        matches = list(SLUG_LINE.finditer(text))
        if len(matches) != 1:
            raise SystemExit(f"{path}: expected one top-level 'slug:' line, found {len(matches)}")
        found.append((path, text, matches[0]["slug"]))
    if not found:
        raise SystemExit(f"no specs/alk-*.yaml in {source}")
    return found


def generate(out_dir: Path, count: int, source: Path = SOURCE) -> list[Path]:
    """Write ``count`` specs and the bibliography into ``out_dir/specs``; return the specs."""
    specs = out_dir / "specs"
    specs.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / BIBLIOGRAPHY, specs / BIBLIOGRAPHY)
    shipped = templates(source)
    width = max(4, len(str(count - 1)))
    written = []
    for i in range(count):
        _, text, slug = shipped[i % len(shipped)]
        new_slug = f"{slug}-synth-{i:0{width}d}"
        # Replace only the top-level slug line; everything else stays byte-identical.
        new_text = SLUG_LINE.sub(f"slug: {new_slug}", text, count=1)
        path = specs / f"{new_slug}.yaml"
        path.write_text(new_text, "utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    p.add_argument("count", type=int, metavar="N", help="how many specs to write")
    args = p.parse_args(argv)
    if args.count < 1:
        p.error("N must be at least 1")
    existing = sorted((args.out_dir / "specs").glob("*.yaml")) if args.out_dir.is_dir() else []
    stale = [s for s in existing if s.name != BIBLIOGRAPHY]
    if stale:
        print(f"generate: {args.out_dir / 'specs'} already holds {len(stale)} spec(s); "
              "use an empty folder", file=sys.stderr)
        return 2
    written = generate(args.out_dir, args.count)
    print(f"wrote {len(written)} specs and {BIBLIOGRAPHY} to {args.out_dir / 'specs'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
