"""Scanned pages as image files (PNG, JPEG, TIFF with a frame per page), read by OCR."""

from __future__ import annotations

import io
import statistics
from dataclasses import replace

from extractors import patterns
from extractors.document import Document
from extractors.errors import ReadError
from extractors.pdf_reader import assemble, ocr_pages
from extractors.reading import Reader, build_document


def read_image(data: bytes) -> Document:
    """A scanned page or pages as an image file (PNG, JPEG, TIFF with one frame per page)."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    if not data:
        raise ReadError("empty file")
    try:
        image = Image.open(io.BytesIO(data))
        frames = [frame.convert("L") for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ReadError(f"not a readable image ({type(exc).__name__})") from None
    conf = patterns.load("reading")
    if len(frames) > conf["ocr"]["max_pages"]:
        raise ReadError(f"{len(frames)} pages, over the OCR limit of {conf['ocr']['max_pages']}")
    from extractors.ocr import tesseract_ready

    problem = tesseract_ready()
    if problem:
        raise ReadError(f"an image needs OCR, but {problem}")
    ocr = ocr_pages(dict(enumerate(frames)))
    raw, page_starts = assemble([ocr[n][0] for n in range(len(frames))])
    if not raw.strip():
        raise ReadError("no text found in this image")
    confidence = round(statistics.mean(c for _, c in ocr.values()), 1)
    return replace(build_document(raw + "\n", page_starts), ocr_pages=tuple(range(1, len(frames) + 1)), ocr_confidence=confidence)


MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
"""The first bytes of a PNG, a JPEG and a TIFF (little- and big-endian)."""


def is_image(data: bytes) -> bool:
    """Sniffed: a PNG, JPEG or TIFF by its magic number (``MAGIC``)."""
    return data.startswith(MAGIC)


READER = Reader("image", frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"}), read_image, sniff=is_image)
