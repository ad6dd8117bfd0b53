"""OCR of page images with Tesseract's Vietnamese model (Debian: tesseract-ocr, tesseract-ocr-vie).

The ``tesseract`` command is called directly (TSV output: every word with its box and
confidence), one page at a time, single-threaded (``OMP_THREAD_LIMIT=1``: on 2 cores this
is 6-8x faster than Tesseract's default threading). Lines keep their geometry so the PDF
reader can rebuild paragraphs as it does for text layers.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from extractors import patterns
from extractors.errors import ReadError

if TYPE_CHECKING:
    from PIL import Image

INSTALL_HINT = "install the Debian packages tesseract-ocr and tesseract-ocr-vie"


@dataclass(frozen=True)
class OcrLine:
    text: str
    top: float
    bottom: float
    x0: float
    paragraph: tuple[int, int]
    confidence: float


@cache
def tesseract_ready() -> str | None:
    """None when Tesseract with Vietnamese can run here, else why not."""
    exe = shutil.which("tesseract")
    if exe is None:
        return f"Tesseract is not installed ({INSTALL_HINT})"
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Tesseract does not run ({exc})"
    if "vie" not in langs:
        return f"Tesseract has no Vietnamese model ({INSTALL_HINT})"
    return None


def ocr_image(image: Image.Image) -> list[OcrLine]:
    """The lines Tesseract reads on ``image`` (a PIL image), top to bottom."""
    problem = tesseract_ready()
    if problem:
        raise ReadError(f"needs OCR, but {problem}")
    conf = patterns.load("reading")["ocr"]
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        out = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "vie", "--psm", str(conf["psm"]), "tsv"],
            input=buf.getvalue(), capture_output=True, timeout=conf["seconds_per_page"], env=env, check=True,
        ).stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        raise ReadError(f"OCR of a page took over {conf['seconds_per_page']} s") from None
    except subprocess.CalledProcessError as exc:
        raise ReadError(f"Tesseract failed: {exc.stderr.decode('utf-8', 'replace').strip()[:120]}") from None
    lines: dict[tuple[int, int, int], list[list[str]]] = {}
    for row in out.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        lines.setdefault((int(cols[2]), int(cols[3]), int(cols[4])), []).append(cols)
    result = []
    for (block, par, _), words in lines.items():
        tops = [int(w[7]) for w in words]
        bottoms = [int(w[7]) + int(w[9]) for w in words]
        confs = [float(w[10]) for w in words if float(w[10]) >= 0]
        result.append(
            OcrLine(
                text=" ".join(w[11] for w in words),
                top=min(tops),
                bottom=max(bottoms),
                x0=min(int(w[6]) for w in words),
                paragraph=(block, par),
                confidence=sum(confs) / len(confs) if confs else 0.0,
            )
        )
    return sorted(result, key=lambda ln: (ln.top, ln.x0))
