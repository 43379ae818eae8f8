"""Print profiles: type sizes measured from the PDFs, names, and the QR code that leads online."""

from __future__ import annotations

import math
import shutil
import subprocess
from collections import Counter

import pytest
from pypdf import PdfReader

from .conftest import MINIMAL
from .conftest import built as build_and_check
from .test_blocks import BLOCKS
from .test_references import BIBLIOGRAPHY

pytestmark = pytest.mark.needs_dot
URL = "https://handouts.nhs.uk/alk"
PATIENT = MINIMAL.replace("audience: clinician", "audience: patient") + \
    "summary: A paragraph with words for patients.\n"


def sizes(pdf, footer: bool = False) -> list[Counter]:
    """Return, for each page, how many characters are set at each size (in points).

    The footer (the bottom 110 points of the page) is left out unless ``footer``.
    """
    pages = []
    for page in PdfReader(pdf).pages:
        counts: Counter = Counter()

        def visit(text, cm, tm, font, size, counts=counts):
            scale = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2])) * \
                math.sqrt(abs(cm[0] * cm[3] - cm[1] * cm[2]))
            low = tm[5] * cm[3] + cm[5] < 110
            if text.strip() and size and (footer or not low):
                counts[round(size * scale, 1)] += len(text.strip())

        page.extract_text(visitor_text=visit)
        pages.append(counts)
    return pages


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("profiles")
    (root / "specs").mkdir()
    (root / "specs" / "references.yaml").write_text(BIBLIOGRAPHY)
    (root / "specs" / "mini.yaml").write_text(MINIMAL + BLOCKS)
    (root / "specs" / "patient.yaml").write_text(PATIENT.replace("slug: mini", "slug: patient"))
    (root / "handouts.yaml").write_text(f"base_url: {URL}\n")
    build_and_check(root / "specs", root / "out", ("a4", "a5", "letter", "large-print"))
    return root / "out"


def size_of(pdf, phrase: str) -> float:
    """Return the size, in points, at which ``phrase`` is set in a PDF."""
    found = []
    for page in PdfReader(pdf).pages:
        def visit(text, cm, tm, font, size):
            if text.startswith(phrase):
                found.append(round(size * math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2])), 1))
        page.extract_text(visitor_text=visit)
    return found[0]


@pytest.mark.parametrize("name, body", [("mini-v1.0.0.pdf", 12), ("mini-v1.0.0-a5.pdf", 12),
                                        ("mini-v1.0.0-letter.pdf", 12),
                                        ("mini-v1.0.0-large-print.pdf", 16),
                                        ("patient-v1.0.0.pdf", 14)])
def test_body_text_size_per_profile(built, name, body):
    assert size_of(built / name, "A paragraph with") == body


def test_paper_sizes(built):
    def paper(name):
        box = PdfReader(built / name).pages[0].mediabox
        return round(float(box.width)), round(float(box.height))

    assert paper("mini-v1.0.0.pdf") == (595, 842)
    assert paper("mini-v1.0.0-a5.pdf") == (420, 595)
    assert paper("mini-v1.0.0-letter.pdf") == (612, 792)


def test_every_page_gives_the_address_in_words(built):
    for page in PdfReader(built / "mini-v1.0.0.pdf").pages:
        assert f"Latest version: {URL}/versions/mini/1.0.0.html" in page.extract_text()


@pytest.mark.skipif(not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
                    reason="needs zbarimg (zbar-tools) and pdftoppm (poppler-utils): "
                           "run scripts/system-deps.sh --tests")
@pytest.mark.parametrize("name", ["mini-v1.0.0.pdf", "mini-v1.0.0-a5.pdf",
                                  "mini-v1.0.0-large-print.pdf"])
def test_the_qr_code_decodes_to_the_handouts_address(built, tmp_path, name):
    last = len(PdfReader(built / name).pages)
    for page in sorted({1, last}):  # drawn once, then placed on every page
        subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", str(page), "-l", str(page),
                        "-singlefile", str(built / name), str(tmp_path / "page")],
                       check=True, timeout=60)
        done = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "page.png")],
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.stdout.strip() == f"{URL}/versions/mini/1.0.0.html", page


def test_large_print_sets_every_text_at_16_pt_or_more_the_chart_included(built):
    pages = sizes(built / "mini-v1.0.0-large-print.pdf", footer=True)
    assert min(size for counts in pages for size in counts) >= 16.0
