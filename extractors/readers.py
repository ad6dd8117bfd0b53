"""Readers: a file's bytes in, a ``Document`` out (text with page and offset for every character)."""

from __future__ import annotations

import bisect
from pathlib import Path

from extractors.document import Document
from extractors.errors import ReadError
from extractors.normalize import normalize

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


def build_document(raw: str, raw_page_starts: list[int] | None = None) -> Document:
    """Normalise ``raw`` and carry its page starts over to the normalised text."""
    text, offsets = normalize(raw)
    starts = raw_page_starts or [0]
    page_starts = [bisect.bisect_left(offsets, s, hi=len(text)) for s in starts]
    return Document(text=text, source_offsets=offsets, page_starts=page_starts)


def decode_text(data: bytes, name: str = "text") -> str:
    """Decode a plain-text file: UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if not data.strip():
        raise ReadError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError("damaged UTF-16 text") from None
    if b"\x00" in data[:4096]:
        raise ReadError("binary content, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 text (byte {exc.start} of {name})") from None


def read_text(data: bytes) -> Document:
    """A ``.txt``/``.md`` file; a form feed starts a new page."""
    raw = decode_text(data)
    starts = [0] + [i + 1 for i, ch in enumerate(raw) if ch == "\f"]
    return build_document(raw, starts)


def read_bytes(data: bytes, suffix: str) -> Document:
    """Read a file's bytes by its suffix into a ``Document``; raise ``ReadError`` with the reason."""
    suffix = suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(f"unsupported file type '{suffix or '(none)'}'")
    if suffix in PDF_SUFFIXES:
        from extractors.pdf_reader import read_pdf

        return read_pdf(data)
    return read_text(data)


def read_file(path: str | Path) -> tuple[bytes, Document]:
    """The bytes of ``path`` and the ``Document`` read from them."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError("file not found") from None
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    return data, read_bytes(data, path.suffix)
