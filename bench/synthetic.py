"""Write synthetic handout projects for the benchmark: the same content for every pipeline.

    python bench/synthetic.py OUT_DIR [COUNT]

writes OUT_DIR/handouts.yaml and OUT_DIR/specs/: COUNT handout specs (default 1), each
about six A4 pages of text in six sections, one table of 5 columns and 6 rows, a 15-box
flowchart in three lanes, citing 13 references of OUT_DIR/specs/references.yaml. The text
is made up (it says so) and deterministic: the same COUNT gives the same files.

Only the standard library is used: the naive baseline (bench/naive.py) reads the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path

REFERENCES = 13
SECTIONS = 6
PARAGRAPHS = 2
TEXT = ("the treatment plan is agreed with each person and reviewed at every visit, and the "
        "team explains what each scan shows and what may happen next, in plain words, with "
        "time for questions")
WORDS = TEXT.split(" ")
LANES = ("First line", "Second line", "Third line")
DRUGS = ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
         "Juliet", "Kilo", "Lima", "Mike")


def sentence(seed: int, cite: int) -> str:
    """Return one made-up sentence of 18 to 26 words, citing one reference."""
    count = 18 + seed % 9
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(count)]
    return " ".join(words).capitalize() + f" [@ref-{cite % REFERENCES + 1:02d}]."


def paragraph(seed: int) -> str:
    return " ".join(sentence(seed * 5 + i, seed * 3 + i) for i in range(5))


def references() -> str:
    """Return a bibliography of 13 journal articles, in CSL YAML."""
    lines = ["references:"]
    for n in range(1, REFERENCES + 1):
        lines += [f"  - id: ref-{n:02d}", "    type: article-journal",
                  f"    author: [{{family: Author{n}, given: A.}}, {{family: Second, given: B.}}]",
                  f"    title: A made-up study number {n} of treatment sequencing in lung "
                  "cancer",
                  "    container-title: Journal of Synthetic Oncology",
                  f"    volume: {n}", f"    page: {n * 10}-{n * 10 + 9}",
                  f"    issued: {2010 + n}", f"    DOI: 10.9999/synthetic.{n:04d}"]
    return "\n".join(lines) + "\n"


def flowchart() -> list[str]:
    """Return a 15-box chart: a start, 13 treatments in three lanes, an outcome."""
    lines = ["flowchart:", f"  lanes: [{', '.join(LANES)}]", "  nodes:",
             "    start: {label: Diagnosis, kind: start}"]
    for i, drug in enumerate(DRUGS):
        lane = LANES[min(i // 5, 2)]
        lines.append(f"    d{i}: {{label: {drug}, lane: {lane}, sources: [ref-{i + 1:02d}]}}")
    lines += ["    end: {label: Best supportive care, kind: outcome, lane: Third line}",
              "  edges:"]
    for i in range(5):
        lines.append(f"    - {{from: start, to: d{i}}}")
    for i in range(5, 13):
        lines.append(f"    - {{from: d{(i - 5) % 5 if i < 10 else i - 5}, to: d{i}, "
                     "when: progression}")
    for i in range(10, 13):
        lines.append(f"    - {{from: d{i}, to: end}}")
    return lines


def table() -> list[str]:
    """Return a table of 5 columns and 6 rows."""
    lines = ["      - table:", "          caption: Made-up follow-up schedule",
             "          columns: [Group, Scans, How often, Who, Notes]", "          rows:"]
    for row in range(6):
        cells = [f"Group {row + 1}", "CT scan of chest and abdomen", f"Every {row + 2} months",
                 "Lung cancer nurse specialist", "Reviewed at each visit"]
        lines.append("            - [" + ", ".join(f'"{c}"' for c in cells) + "]")
    lines.append("          sources: [ref-01]")
    return lines


def spec(slug: str) -> str:
    """Return one synthetic handout spec."""
    lines = [f"slug: {slug}", f"title: Synthetic handout {slug}",
             "subtitle: Made-up text of realistic length, for benchmarking only",
             "audience: clinician", "version: 1.0.0", "updated: 2026-11-01",
             "review_due: 2027-11-01", "status: draft",
             "summary: >", "  " + sentence(1, 0), *flowchart(), "sections:"]
    for s in range(SECTIONS):
        lines += [f"  - heading: Section {s + 1} of the synthetic handout", "    blocks:"]
        for p in range(PARAGRAPHS):
            lines += ["      - text: >", "          " + paragraph(s * PARAGRAPHS + p)]
        if s == 2:
            lines += table()
    return "\n".join(lines) + "\n"


SETTINGS = """\
base_url: https://handouts.example.org/synthetic
profiles: [a4, a5, letter, large-print]
publisher:
  name: Benchmark
"""


def write_project(out: Path, count: int = 1, prefix: str = "synthetic") -> list[Path]:
    """Write a project of ``count`` synthetic handouts into ``out``; return the spec paths."""
    specs = out / "specs"
    specs.mkdir(parents=True, exist_ok=True)
    (out / "handouts.yaml").write_text(SETTINGS, "utf-8")
    (specs / "references.yaml").write_text(references(), "utf-8")
    paths = []
    for n in range(count):
        path = specs / f"{prefix}-{n + 1:03d}.yaml"
        path.write_text(spec(path.stem), "utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    made = write_project(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) == 3 else 1)
    print(f"wrote {len(made)} specs to {Path(sys.argv[1]) / 'specs'}")
