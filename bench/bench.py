"""Benchmark handouts against a naive ReportLab script and against an earlier commit.

    python bench/bench.py [--reps N] [--baseline COMMIT] [--out bench/results.json]

Every row runs in fresh child processes, the rows interleaved (rep 1 of every row, then rep
2, ...) so that a busy moment of the machine falls on all of them alike. Wall time is
measured from outside; peak memory is the largest resident set of any one process the row
started (``os.wait4``). Medians, ranges and ratios go to stdout as a Markdown table, every
sample to --out as JSON. See bench/README.md for what each row times.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_project

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = PROJECT / ".venv" / "bin" / "python"
HANDOUTS = [str(PYTHON), "-m", "handouts"]
BASELINE = "34d2015"
"""The commit issue 23 measured: the "now" of its targets (the touched-spec make 1.5× as
fast, the preview's save → PDF at most 0.2 s)."""
SPEEDUP = 1.5
PREVIEW_MOST = 0.2
MAKE_FLAGS = ["-o", ".venv/.ready", "-o", ".venv/.system-deps", "-o", ".venv/.test-deps"]


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def timed(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run one command; return its wall time (s) and peak RSS (MB) of its largest process."""
    started = time.perf_counter()
    child = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env={**os.environ, **(env or {})})
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"bench: {' '.join(args)} failed in {cwd}:\n{errors.decode()}")
    return seconds, usage.ru_maxrss // 1024


def fresh(folder: Path) -> Path:
    """Return an empty output folder inside ``folder``."""
    out = Path(tempfile.mkdtemp(prefix="out-", dir=folder))
    shutil.rmtree(out)
    return out


def copy_project(source: Path, dest: Path, only: list[str] | None = None) -> Path:
    """Copy a project's specs and settings (or, with ``only``, just those specs)."""
    if (source / "handouts.yaml").exists():  # earlier commits had no settings file
        shutil.copy(source / "handouts.yaml", dest / "handouts.yaml")
    if only is None:
        shutil.copytree(source / "specs", dest / "specs")
    else:
        (dest / "specs").mkdir()
        for name in [*only, "references.yaml", "releases.lock"]:
            if (source / "specs" / name).exists():
                shutil.copy(source / "specs" / name, dest / "specs" / name)
    return dest


class Preview:
    """A running `handouts preview` of a project copy, timed from save to updated state."""

    def __init__(self, root: Path, spec: str) -> None:
        self.root, self.spec = root, root / "specs" / f"{spec}.yaml"
        self.name = spec
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed with the preview)
        self.child = subprocess.Popen([*HANDOUTS, "preview", "--port", "0"], cwd=root,
                                      stdout=subprocess.PIPE, stderr=self.errors, text=True)
        assert self.child.stdout is not None
        line = self.child.stdout.readline()
        if "http://" not in line:
            self.errors.seek(0)
            raise SystemExit(f"bench: the preview did not start:\n{self.errors.read().decode()}")
        self.url = line[line.index("http://"):].split()[0]
        self.original = self.spec.read_text("utf-8")
        self.edits = 0
        self.state()  # the first build, untimed

    def state(self, after: int | None = None) -> dict:
        query = "" if after is None else f"?after={after}"
        with urllib.request.urlopen(f"{self.url}{self.name}/state{query}",
                                    timeout=60) as response:
            return json.load(response)

    def save_to_updated(self) -> tuple[float, int]:
        """Save an edit (a changed title); return the time until the new PDF is served."""
        seen = self.state()["generation"]
        self.edits += 1
        text = self.original.replace("\ntitle: ", f"\ntitle: (edit {self.edits}) ", 1)
        started = time.perf_counter()
        self.spec.write_text(text, "utf-8")
        state = self.state(after=seen)  # answered as soon as the new build is done
        if state["generation"] == seen or not state["ok"]:
            raise SystemExit(f"bench: the edit was not built: {state['problems']}")
        with urllib.request.urlopen(f"{self.url}{self.name}.pdf", timeout=60) as response:
            response.read()
        return time.perf_counter() - started, self.peak()

    def peak(self) -> int:
        status = Path(f"/proc/{self.child.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines()
                        if line.startswith("VmHWM"))) // 1024

    def close(self) -> None:
        self.child.terminate()
        self.child.wait()
        self.errors.close()
        self.spec.write_text(self.original, "utf-8")


def baseline_tree(commit: str, scratch: Path) -> Path | None:
    """Check out ``commit`` into scratch (sharing this .venv); None if git cannot."""
    tree = scratch / f"baseline-{commit}"
    done = subprocess.run(["git", "-C", str(PROJECT), "worktree", "add", "--detach", str(tree),
                           commit], capture_output=True, text=True)
    if done.returncode != 0:
        log(f"no baseline: {done.stderr.strip()}")
        return None
    (tree / ".venv").symlink_to(PROJECT / ".venv")
    return tree


def rows(scratch: Path, baseline: Path | None) -> dict[str, Callable[[], tuple[float, int]]]:
    """Set up every row's inputs; return, by row name, a function that runs it once."""
    single = scratch / "single"
    spec = write_project(single, 1)[0]
    batches = {n: scratch / f"batch{n}" for n in (8, 32)}
    for n, folder in batches.items():
        write_project(folder, n)
    dot = single / "chart.dot"
    dot.write_text(subprocess.run([str(PYTHON), "-c", DOT_OF_SPEC, str(spec)], cwd=PROJECT,
                                  capture_output=True, text=True, check=True).stdout)
    shipped = copy_project(PROJECT, Path(tempfile.mkdtemp(dir=scratch)))
    one = copy_project(PROJECT, Path(tempfile.mkdtemp(dir=scratch)), ["alk-sequencing.yaml"])
    made = copy_project(PROJECT, Path(tempfile.mkdtemp(dir=scratch)))
    make = ["make", "-C", str(PROJECT), "--no-print-directory", *MAKE_FLAGS,
            f"SPECS={made / 'specs'}", f"BUILD={made / 'build'}"]
    subprocess.run(make, check=True, capture_output=True)
    touched = made / "specs" / "alk-surveillance.yaml"

    def build(folder: Path, *args: str) -> Callable[[], tuple[float, int]]:
        return lambda: timed([*HANDOUTS, "build", "-q", *args, "-o", str(fresh(scratch))], folder)

    def touch_make(command: list[str], spec_file: Path, cwd: Path = PROJECT,
                   env: dict[str, str] | None = None) -> Callable[[], tuple[float, int]]:
        def run() -> tuple[float, int]:
            os.utime(spec_file)
            return timed(command, cwd, env)
        return run

    def floor() -> tuple[float, int]:
        a = timed([str(PYTHON), "-c", "import reportlab.platypus, yaml"], single)
        b = timed(["dot", "-Tsvg", "-o", os.devnull, str(dot)], single)
        return a[0] + b[0], max(a[1], b[1])

    table: dict[str, Callable[[], tuple[float, int]]] = {
        "floor: python imports + dot -Tsvg": floor,
        "naive ReportLab script": lambda: timed(
            [str(PYTHON), str(PROJECT / "bench" / "naive.py"), str(spec),
             str(fresh(scratch)) + ".pdf"], single),
        "cold single, A4 + downloads": build(single, "--profile", "a4"),
        "batch of 8, A4 + downloads": build(batches[8], "--profile", "a4"),
        "batch of 32, A4 + downloads": build(batches[32], "--profile", "a4"),
        "sequencing, cold single A4": build(one, "--profile", "a4"),
        "shipped: all handouts + pack, 4 profiles": build(shipped),
        "make after touching one spec": touch_make(make, touched),
    }
    if baseline is not None:
        env = {"PYTHONPATH": str(baseline)}
        old = copy_project(baseline, Path(tempfile.mkdtemp(dir=scratch)))
        old_make = ["make", "-C", str(baseline), "--no-print-directory", *MAKE_FLAGS,
                    f"SPECS={old / 'specs'}", f"BUILD={old / 'build'}"]
        subprocess.run(old_make, check=True, capture_output=True, env={**os.environ, **env})
        table[f"{BASELINE_NAME}: shipped, 4 profiles"] = lambda: timed(
            [*HANDOUTS, "build", "-q", "--profile", "all", "-o", str(fresh(scratch))], old,
            env)
        table[f"{BASELINE_NAME}: make after touching one spec"] = touch_make(
            old_make, old / "specs" / "alk-surveillance.yaml", env=env)
    return table


BASELINE_NAME = "baseline"
DOT_OF_SPEC = """
import sys, yaml
sys.path.insert(0, "bench")
from naive import chart_dot
spec = yaml.safe_load(open(sys.argv[1]))
print(chart_dot(spec["flowchart"]))
"""


def summary(samples: dict[str, list[tuple[float, int]]]) -> list[str]:
    """Return the Markdown table of medians, ranges, peak memory and ratios to naive."""
    naive = statistics.median(s for s, _ in samples["naive ReportLab script"])
    lines = ["| row | median | range | × naive | peak RSS |", "|---|---|---|---|---|"]
    medians = {}
    for name, runs in samples.items():
        times = [s for s, _ in runs]
        medians[name] = median = statistics.median(times)
        lines.append(f"| {name} | {median * 1000:.0f} ms | {min(times) * 1000:.0f}–"
                     f"{max(times) * 1000:.0f} ms | {median / naive:.2f} | "
                     f"{max(m for _, m in runs)} MB |")
    per_extra = (medians["batch of 32, A4 + downloads"]
                 - medians["batch of 8, A4 + downloads"]) / 24
    lines.append(f"| each extra chart handout in a batch ((32 − 8) / 24) | {per_extra * 1000:.0f} "
                 f"ms | | {per_extra / naive:.2f} | |")
    lines += ["", "Targets:"]
    preview = medians.get("preview: save → updated PDF (sequencing)")
    checks = [("cold single ≤ 1.0× naive", medians["cold single, A4 + downloads"], naive, 1.0),
              ("each extra chart handout ≤ 0.3× naive", per_extra, naive, 0.3)]
    for text, value, against, limit in checks:
        ratio = value / against
        lines.append(f"- {text}: {ratio:.2f}× — {'met' if ratio <= limit else 'NOT met'}")
    if preview is not None:
        lines.append(f"- preview: save → updated PDF at most {PREVIEW_MOST:g} s: "
                     f"{preview:.3f} s — {'met' if preview <= PREVIEW_MOST else 'NOT met'}")
    for row in ("shipped, 4 profiles", "make after touching one spec"):
        old = medians.get(f"{BASELINE_NAME}: {row}")
        now = medians.get("shipped: all handouts + pack, 4 profiles" if "shipped" in row
                          else row)
        if old is not None and now is not None:
            lines.append(f"- {row} at least {SPEEDUP:g}× as fast as {BASELINE}: "
                         f"{old / now:.2f}× — {'met' if old / now >= SPEEDUP else 'NOT met'}")
    peak = max(m for runs in samples.values() for _, m in runs)
    lines.append(f"- peak memory ≤ 100 MB per process: {peak} MB — "
                 f"{'met' if peak <= 100 else 'NOT met'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reps", type=int, default=5, help="runs of each row (default 5)")
    p.add_argument("--baseline", default=BASELINE, help="the commit to compare with, or "
                   "'none' (default: %(default)s, where this round started)")
    p.add_argument("--out", type=Path, default=PROJECT / "bench" / "results.json")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="handouts-bench-") as tmp:
        scratch = Path(tmp)
        tree = None if args.baseline == "none" else baseline_tree(args.baseline, scratch)
        try:
            log("setting up (synthetic projects, copies, first make)")
            table = rows(scratch, tree)
            watched = copy_project(PROJECT, Path(tempfile.mkdtemp(dir=scratch)))
            preview = Preview(watched, "alk-sequencing")
            table["preview: save → updated PDF (sequencing)"] = preview.save_to_updated
            samples: dict[str, list[tuple[float, int]]] = {name: [] for name in table}
            try:
                for rep in range(args.reps):
                    log(f"rep {rep + 1} of {args.reps}")
                    for name, run in table.items():
                        samples[name].append(run())
            finally:
                preview.close()
        finally:
            if tree is not None:
                subprocess.run(["git", "-C", str(PROJECT), "worktree", "remove", "--force",
                                str(tree)], capture_output=True)
    lines = summary(samples)
    print("\n".join(lines))
    machine = {"nproc": os.cpu_count(), "python": platform.python_version(),
               "platform": platform.platform(), "reps": args.reps,
               "baseline": args.baseline, "date": time.strftime("%Y-%m-%d %H:%M")}
    args.out.write_text(json.dumps({"machine": machine, "table": lines, "samples": {
        name: [{"seconds": round(s, 4), "peak_mb": m} for s, m in runs]
        for name, runs in samples.items()}}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
