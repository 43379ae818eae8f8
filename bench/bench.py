"""Benchmark the handouts build: wall time and peak memory of the commands people run.

    python bench/bench.py [--reps N] [--quick] [--out bench/results.json]

Every command runs in its own fresh child process, timed from outside (wall clock), with the
peak resident memory of that child read by GNU time (``/usr/bin/time -f %M``) or, without
it, by ``os.wait4`` on that one child. Results go to --out as JSON and to stdout as a
Markdown table; progress goes to stderr. See bench/README.md for what each row means.

The script needs only the standard library; it drives the project's own .venv and Makefile.
Builds go to temporary folders, except the two ``make`` rows, which use the project's build/
exactly as ``make`` does. The one spec the "touch" row touches gets its timestamps back.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BENCH = PROJECT / "bench"
VENV_PY = PROJECT / ".venv" / "bin" / "python"
HANDOUTS = PROJECT / ".venv" / "bin" / "handouts"
ONE_SPEC = "specs/alk-sequencing.yaml"
TOUCHED_SPEC = "specs/alk-surveillance.yaml"
SETUP_MARKERS = (".venv/.ready", ".venv/.system-deps")
FLOOR_IMPORTS = "import reportlab.platypus, yaml, svglib.svglib, citeproc"
SYNTH_COUNT = 200

# Run with the project's venv python, in the project root: write the DOT text of every
# shipped flowchart, exactly as `handouts build` lays it out for the handout's own PDF.
DUMP_DOT = r"""
import sys
from pathlib import Path
from handouts.spec.project import find_specs, load_project

out = Path(sys.argv[1])
project = load_project(find_specs(Path("specs")), complete=True)
how = "handouts.build.Charts.dot (the build's own DOT, with source marks)"
for handout in project.handouts:
    if handout.flowchart is None:
        continue
    try:
        from handouts.publish.build import Charts
        from handouts.render.harvard import Citer
        from handouts.spec.walk import cited_keys
        citer = Citer(project.bibliography_of(handout), cited_keys(handout))
        text = Charts().dot(handout, citer)
    except Exception:  # the package is being edited: fall back to the pure DOT function
        from handouts.layout.dot import flowchart_dot
        text = flowchart_dot(handout.slug, handout.flowchart, {})
        how = "handouts.dot.flowchart_dot without source marks (Charts.dot failed)"
    (out / f"{handout.slug}.dot").write_text(text, "utf-8")
print(how)
"""


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Running one command in its own child, measuring wall time and peak RSS


class CommandFailed(RuntimeError):
    pass


def gnu_time() -> str | None:
    """Return the path of GNU time if it works here (it must support -f and -o)."""
    exe = "/usr/bin/time"
    if not os.access(exe, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r") as out:
        done = subprocess.run([exe, "-f", "%M", "-o", out.name, "true"],
                              capture_output=True, check=False)
        words = Path(out.name).read_text().split()
    return exe if done.returncode == 0 and words and words[-1].isdigit() else None


TIME_EXE = gnu_time()


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run ``cmd`` once in a fresh child; return (wall seconds, peak RSS in KiB).

    Peak RSS is ru_maxrss of that child as reported by wait4, which on Linux is the largest
    resident set of any single process in its tree (not the sum of concurrent processes).
    """
    with tempfile.TemporaryFile() as err:
        if TIME_EXE:
            with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
                start = time.perf_counter()
                done = subprocess.run([TIME_EXE, "-f", "%M", "-o", rss_file.name, *cmd],
                                      cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=err, check=False)
                wall = time.perf_counter() - start
                status = done.returncode
                lines = Path(rss_file.name).read_text().split()
                rss_kib = int(lines[-1]) if lines and lines[-1].isdigit() else 0
        else:
            start = time.perf_counter()
            child = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=err)
            _, wait_status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
            child.returncode = os.waitstatus_to_exitcode(wait_status)
            status = child.returncode
            rss_kib = usage.ru_maxrss  # KiB on Linux
        if status != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-15:]
            raise CommandFailed(f"{' '.join(cmd)} (in {cwd}) exited with {status}:\n  "
                                + "\n  ".join(tail))
    return wall, rss_kib


# --------------------------------------------------------------------------------------------
# Results


@dataclass
class Row:
    key: str
    label: str
    command: str
    samples: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    note: str = ""
    per_item: int = 0  # when set, the row is a total over this many handouts
    in_floor: bool = False
    informational: bool = False

    def add(self, wall: float, rss: int) -> None:
        self.samples.append(wall)
        self.rss_kib.append(rss)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def as_json(self, floor: float | None) -> dict[str, object]:
        data: dict[str, object] = {
            "label": self.label,
            "command": self.command,
            "reps": len(self.samples),
            "samples_s": [round(s, 4) for s in self.samples],
            "median_s": round(self.median, 4),
            "min_s": round(min(self.samples), 4),
            "max_s": round(max(self.samples), 4),
            "x_floor": round(self.median / floor, 2) if floor else None,
            "peak_rss_mb": round(max(self.rss_kib) / 1024, 1) if self.rss_kib else None,
        }
        if self.per_item:
            data["handouts"] = self.per_item
            data["per_handout_s"] = round(self.median / self.per_item, 4)
        if self.note:
            data["note"] = self.note
        return data


def fmt(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.2f}"


def markdown(rows: list[Row], floor: float) -> str:
    head = ["measurement", "median s", "min s", "max s", "× floor", "peak RSS MB", "command"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        rss = f"{max(row.rss_kib) / 1024:.1f}" if row.rss_kib else ""
        cmd = row.command.replace("|", "\\|")
        label = f"**{row.label}**" if row.key == "floor" else row.label
        lines.append(f"| {label} | {fmt(row.median)} | {fmt(min(row.samples))} | "
                     f"{fmt(max(row.samples))} | {row.median / floor:.1f} | {rss} | `{cmd}` |")
        if row.per_item:
            n = row.per_item
            lines.append(f"| ↳ per handout (÷{n}) | {fmt(row.median / n)} | "
                         f"{fmt(min(row.samples) / n)} | {fmt(max(row.samples) / n)} | "
                         f"{row.median / n / floor:.2f} | | |")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Machine


def first_line(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=30)
    except OSError as exc:
        return f"unavailable ({exc.strerror})"
    text = (done.stdout + done.stderr).strip()
    return text.splitlines()[0] if text else ""


def machine() -> dict[str, object]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    nproc = first_line(["nproc"])
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "nproc": int(nproc) if nproc.isdigit() else os.cpu_count(),
        "cpu_model": model or platform.processor() or "unknown",
        "python": first_line([str(VENV_PY), "-c", "import sys; print(sys.version)"]),
        "python_running_bench": sys.version.split()[0],
        "graphviz": first_line(["dot", "-V"]),
        "make": first_line(["make", "--version"]),
        "handouts": first_line([str(HANDOUTS), "--version"]),
        "kernel": platform.platform(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "rss_method": (f"{TIME_EXE} -f %M" if TIME_EXE else "os.wait4 ru_maxrss"),
    }


# --------------------------------------------------------------------------------------------
# The measurements


def run_reps(row: Row, reps: int, make_cmd, cwd: Path, warmup: bool = False) -> Row:
    """Time ``make_cmd(rep)`` (which returns the command) ``reps`` times."""
    if warmup:
        log(f"{row.label}: warm-up")
        measure(make_cmd(-1), cwd)
    for rep in range(reps):
        wall, rss = measure(make_cmd(rep), cwd)
        row.add(wall, rss)
        log(f"{row.label}: rep {rep + 1}/{reps}: {wall:.3f} s, {rss / 1024:.1f} MB")
    return row


def floor_rows(reps: int, tmp: Path) -> tuple[Row, list[Row], Row]:
    """Measure the floor: python imports, plus one `dot -Tsvg` of each shipped flowchart."""
    dots = tmp / "dot"
    dots.mkdir()
    done = subprocess.run([str(VENV_PY), "-c", DUMP_DOT, str(dots)], cwd=PROJECT,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CommandFailed("could not get the flowcharts' DOT text:\n" + done.stderr[-2000:])
    how = done.stdout.strip()
    charts = sorted(dots.glob("*.dot"))
    log(f"floor: {len(charts)} flowchart(s) ({how})")
    dot = shutil.which("dot") or "dot"
    imports = Row("floor_imports", "floor: python imports", f"python -c \"{FLOOR_IMPORTS}\"",
                  in_floor=True)
    svg = Row("floor_dot_svg", f"floor: dot -Tsvg × {len(charts)} chart(s)",
              " + ".join(f"dot -Tsvg {c.name}" for c in charts) or "(no charts)", in_floor=True)
    png = Row("dot_png", f"(not in floor) dot -Tpng -Gdpi=300 × {len(charts)}",
              " + ".join(f"dot -Tpng -Gdpi=300 {c.name}" for c in charts) or "(no charts)",
              informational=True,
              note="the build also renders each chart as a 300 dpi PNG; shown for scale")
    total = Row("floor", "floor (imports + dot -Tsvg)", "the two rows below, summed",
                note=f"DOT text from {how}; {len(charts)} chart(s): "
                     + ", ".join(c.stem for c in charts))
    imp_cmd = [str(VENV_PY), "-c", FLOOR_IMPORTS]
    log("floor: warm-up")
    measure(imp_cmd, PROJECT)
    for chart in charts:
        measure([dot, "-Tsvg", str(chart), "-o", os.devnull], PROJECT)
    for rep in range(reps):
        t_imp, r_imp = measure(imp_cmd, PROJECT)
        imports.add(t_imp, r_imp)
        t_svg, r_svg, t_png, r_png = 0.0, 0, 0.0, 0
        for chart in charts:
            wall, rss = measure([dot, "-Tsvg", str(chart), "-o", os.devnull], PROJECT)
            t_svg, r_svg = t_svg + wall, max(r_svg, rss)
            wall, rss = measure([dot, "-Tpng", "-Gdpi=300", str(chart), "-o", os.devnull],
                                PROJECT)
            t_png, r_png = t_png + wall, max(r_png, rss)
        svg.add(t_svg, r_svg)
        png.add(t_png, r_png)
        total.add(t_imp + t_svg, max(r_imp, r_svg))
        log(f"floor: rep {rep + 1}/{reps}: {t_imp + t_svg:.3f} s "
            f"(imports {t_imp:.3f}, dot svg {t_svg:.3f}; png {t_png:.3f})")
    return total, [imports, svg], png


def make_flags() -> tuple[list[str], str]:
    """Return make's extra flags: skip the one-time setup rules if they never ran here."""
    missing = [m for m in SETUP_MARKERS if not (PROJECT / m).exists()]
    if not missing:
        return [], ""
    flags = [arg for m in missing for arg in ("-o", m)]
    return flags, (f"{', '.join(missing)} missing, so make runs with {' '.join(flags)} "
                   "(the setup rules would pip-install and apt-get; they are not the build)")


def make_is_idle(flags: list[str]) -> bool:
    """Tell whether ``make`` has nothing to do (``make -q``)."""
    return subprocess.run(["make", "-q", *flags], cwd=PROJECT, capture_output=True,
                          check=False).returncode == 0


def make_rows(reps: int, notes: list[str]) -> tuple[Row, Row]:
    flags, why = make_flags()
    if why:
        notes.append(why)
    shown = " ".join(["make", *flags])
    log("make: bringing build/ up to date (not timed)")
    measure(["make", *flags], PROJECT)
    idle = make_is_idle(flags)
    if not idle:
        notes.append("`make -q` said build/ was still out of date after `make` "
                     "(a spec or the code changed during the run?): the no-op row may not be one")
    noop = Row("make_noop", "no-op make", shown,
               note="build/ up to date; `make -q` agreed" if idle else "make -q disagreed")
    run_reps(noop, reps, lambda rep: ["make", *flags], PROJECT)

    path = PROJECT / TOUCHED_SPEC
    before = path.stat()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    touched = Row("make_touch", "make after touching one spec",
                  f"touch {TOUCHED_SPEC} && {shown}")
    last_touch = None
    try:
        for rep in range(reps):
            os.utime(path)  # = touch
            last_touch = path.stat().st_mtime_ns
            wall, rss = measure(["make", *flags], PROJECT)
            touched.add(wall, rss)
            log(f"{touched.label}: rep {rep + 1}/{reps}: {wall:.3f} s, {rss / 1024:.1f} MB")
    finally:
        now = path.stat()
        if (last_touch is None or now.st_mtime_ns == last_touch) and \
                hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        else:
            notes.append(f"{TOUCHED_SPEC} changed during the run (someone edited it), so its "
                         "timestamps were left as they are")
    return noop, touched


def synthetic_row(reps: int, count: int, tmp: Path, notes: list[str]) -> Row:
    lib = tmp / "synthetic"
    subprocess.run([sys.executable, str(BENCH / "generate.py"), str(lib), str(count)],
                   check=True, stdout=subprocess.DEVNULL)
    build = lib / "build"
    flags, _ = make_flags()
    make_cmd = ["make", "-j2", "-C", str(PROJECT), f"SPECS={lib / 'specs'}",
                f"BUILD={build}", *flags]
    # Does the Makefile honour SPECS= and BUILD=? Ask it what it would run (make -n runs
    # nothing), and use it only if every handouts command it would run names our folders.
    dry = subprocess.run([*make_cmd[:1], "-n", *make_cmd[1:]], cwd=PROJECT,
                         capture_output=True, text=True, check=False)
    runs = [line for line in dry.stdout.splitlines() if "handouts" in line]
    uses_make = dry.returncode == 0 and bool(runs) and all(str(lib) in line for line in runs)
    if uses_make:
        cmd, cwd = make_cmd, PROJECT
        shown = (f"make -j2 -C {PROJECT} SPECS=<tmp>/specs BUILD=<tmp>/build"
                 + (" " + " ".join(flags) if flags else ""))
        how = "the Makefile accepts SPECS= and BUILD=: timed make -j2"
    else:
        cmd, cwd = [str(HANDOUTS), "build", "-o", str(build)], lib
        shown = "cd <tmp> && .venv/bin/handouts build -o <tmp>/build"
        how = ("the Makefile does not (yet) honour SPECS= and BUILD= (make -n would run: "
               + ("; ".join(r.strip() for r in runs[:2]) or "nothing with handouts")
               + "), so timed `handouts build` inside the synthetic folder instead")
    notes.append(f"synthetic library: {how}")
    log(f"synthetic: {how}")
    row = Row("synthetic", f"synthetic library, {count} specs", shown, per_item=count, note=how)
    for rep in range(reps):
        shutil.rmtree(build, ignore_errors=True)
        wall, rss = measure(cmd, cwd)
        row.add(wall, rss)
        log(f"synthetic: rep {rep + 1}/{reps}: {wall:.2f} s ({wall / count:.3f} s per handout), "
            f"{rss / 1024:.1f} MB")
    outputs = len(list(build.glob("*"))) if build.is_dir() else 0
    row.note += f"; {outputs} files in the build folder after the last rep"
    return row


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark the handouts build.")
    p.add_argument("--reps", type=int, help="repetitions per measurement (default 5)")
    p.add_argument("--quick", action="store_true",
                   help="2 repetitions, and 1 of the synthetic library")
    p.add_argument("--synth-reps", type=int,
                   help="repetitions of the synthetic library (default 2; --quick 1)")
    p.add_argument("--synth-n", type=int, default=SYNTH_COUNT,
                   help=f"specs in the synthetic library (default {SYNTH_COUNT})")
    p.add_argument("--out", type=Path, default=BENCH / "results.json",
                   help="where to write the JSON results (default bench/results.json)")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = p.parse_args(argv)
    reps = args.reps or (2 if args.quick else 5)
    synth_reps = args.synth_reps or (1 if args.quick else 2)
    if reps < 1 or synth_reps < 1 or args.synth_n < 1:
        p.error("repetitions and --synth-n must be at least 1")
    for need in (VENV_PY, HANDOUTS):
        if not need.exists():
            p.error(f"{need} is missing: run `make` once to set up the project")
    if not shutil.which("dot"):
        p.error("Graphviz 'dot' is not on PATH")

    info = machine()
    log(f"{info['nproc']} CPU(s), {info['cpu_model']}; {info['graphviz']}; "
        f"RSS via {info['rss_method']}; {reps} reps ({synth_reps} for the synthetic library)")
    notes: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="handouts-bench-"))
    started = time.perf_counter()
    try:
        floor, parts, png = floor_rows(reps, tmp)

        check = run_reps(Row("check_one", "check one spec (validate only)",
                             f"handouts check {ONE_SPEC}"),
                         reps, lambda rep: [str(HANDOUTS), "check", ONE_SPEC], PROJECT,
                         warmup=True)

        def fresh(rep: int) -> str:
            return tempfile.mkdtemp(prefix=f"out-{rep}-", dir=tmp)

        one = run_reps(Row("cold_one", "cold build, one handout",
                           f"handouts build {ONE_SPEC} -o <fresh dir>"),
                       reps, lambda rep: [str(HANDOUTS), "build", ONE_SPEC, "-o", fresh(rep)],
                       PROJECT, warmup=True)
        pack = run_reps(Row("cold_pack", "cold build, all specs + pack",
                            "handouts build -o <fresh dir>"),
                        reps, lambda rep: [str(HANDOUTS), "build", "-o", fresh(rep)],
                        PROJECT, warmup=True)
        noop, touched = make_rows(reps, notes)
        synth = synthetic_row(synth_reps, args.synth_n, tmp, notes)
    except CommandFailed as exc:
        log(f"a command failed, so there are no results:\n{exc}")
        return 1
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    rows = [floor, *parts, png, check, one, pack, noop, touched, synth]
    base = floor.median
    results = {
        "machine": info,
        "reps": reps,
        "synthetic_reps": synth_reps,
        "floor_s": round(base, 4),
        "bench_wall_s": round(time.perf_counter() - started, 1),
        "measurements": {row.key: row.as_json(base) for row in rows},
        "notes": notes,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")

    print(f"handouts benchmark, {info['date']}: {info['nproc']} CPU(s), {info['cpu_model']}; "
          f"Python {info['python'].split()[0]}; {info['graphviz']}; {reps} reps "
          f"({synth_reps} for the synthetic library)\n")
    print(markdown(rows, base))
    if notes:
        print()
        for note in notes:
            print(f"- {note}")
    print(f"\nResults written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
