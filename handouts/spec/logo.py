"""Check the publisher's logo before any handout prints it: a real PNG or JPEG image of a
sensible size, inside the project."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from handouts.errors import SpecError
from handouts.spec.regular import read_regular

TYPES = (".png", ".jpg", ".jpeg")
MAX_BYTES = 5_000_000
MAX_SIDE = 4000
"""Pixels on the longer side: a logo prints about 40 mm wide, 470 pixels at 300 dpi."""


def logo_problem(logo: Path, display: str, root: Path) -> tuple[str, str] | None:
    """Return what is wrong with the logo file ``logo`` (called ``display`` in messages),
    and how to fix it; None if it is a PNG or JPEG image that can be printed.

    The file must be inside ``root``; it is decoded in full, as the PDF will embed it.
    """
    from PIL import Image  # only when there is a logo: most projects have none

    if logo.suffix.lower() not in TYPES:
        return f"the logo {display!r} is not a PNG or JPEG file", "give a .png or .jpg file"
    try:
        data = read_regular(logo, display, MAX_BYTES, root)
    except SpecError as exc:
        return f"the logo {display!r}: {exc.problems[0].message}", exc.problems[0].hint
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=["PNG", "JPEG"])
            width, height = image.size
            if max(width, height) > MAX_SIDE:
                return (f"the logo {display!r} is {width}×{height} pixels, more than "
                        f"{MAX_SIDE} on a side", "save it smaller: 1000 pixels wide is plenty "
                                                 "for print")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return (f"the logo {display!r} is more than {MAX_SIDE} pixels on a side",
                "save it smaller: 1000 pixels wide is plenty for print")
    except Image.UnidentifiedImageError:  # its message names an object's memory address
        return (f"the logo {display!r} is not a PNG or JPEG image",
                "export it again from an image editor as PNG or JPEG")
    except (OSError, SyntaxError, ValueError) as exc:
        return (f"the logo {display!r} cannot be read as an image ({exc})",
                "export it again from an image editor as PNG or JPEG")
    return None
