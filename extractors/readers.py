"""Readers: a file's bytes in, a ``Document`` out (text with page and offset for every character)."""

from __future__ import annotations

import bisect
import errno
from dataclasses import replace
from pathlib import Path

from extractors.document import Document
from extractors.errors import ReadError
from extractors.layout import reading_view
from extractors.normalize import normalize

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES | HTML_SUFFIXES | IMAGE_SUFFIXES
KNOWN_SUFFIXES = SUPPORTED_SUFFIXES | {".doc"}
"""What a batch picks up: the readable formats, and old .doc files (to say how to convert them)."""


def build_document(raw: str, raw_page_starts: list[int] | None = None) -> Document:
    """Normalise ``raw``, take its layout out (``layout.reading_view``) and carry its page starts over to the normalised text."""
    text, offsets = reading_view(*normalize(raw))
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
        from extractors.legacy import detect

        single_byte = data.decode("cp1252", errors="replace")
        if detect(single_byte):  # a TCVN3 or VNI file saved in a single-byte code page
            return single_byte
        raise ReadError(f"not UTF-8 text (byte {exc.start} of {name})") from None


def read_text(data: bytes) -> Document:
    """A ``.txt``/``.md`` file; a form feed starts a new page. Text typed in a legacy
    Vietnamese font (TCVN3, VNI) is converted; offsets then index the converted text."""
    from extractors.legacy import convert, detect

    raw = decode_text(data)
    notes: tuple[str, ...] = ()
    encoding = detect(raw)
    if encoding:
        raw = convert(raw, encoding)
        notes = (f"text in the legacy {encoding} encoding converted to Unicode",)
    starts = [0] + [i + 1 for i, ch in enumerate(raw) if ch == "\f"]
    return replace(build_document(raw, starts), notes=notes)


def read_bytes(data: bytes, suffix: str) -> Document:
    """Read a file's bytes by its suffix into a ``Document``; raise ``ReadError`` with the reason."""
    suffix = suffix.lower()
    if suffix not in KNOWN_SUFFIXES:
        raise ReadError(f"unsupported file type '{suffix or '(none)'}'")
    if suffix in PDF_SUFFIXES:
        from extractors.pdf_reader import read_pdf

        return read_pdf(data)
    if suffix in DOCX_SUFFIXES:
        from extractors.docx_reader import read_docx

        return read_docx(data)
    if suffix in IMAGE_SUFFIXES:
        from extractors.image_reader import read_image

        return read_image(data)
    if suffix in HTML_SUFFIXES:
        from extractors.html_reader import read_html

        return read_html(data)
    if suffix == ".doc":
        raise ReadError("old Word format (.doc): save it as .docx or PDF")
    return read_text(data)


PERMANENT_ERRNOS = frozenset({errno.ENOENT, errno.EISDIR, errno.EACCES, errno.EPERM, errno.ENAMETOOLONG, errno.ELOOP, errno.ENOTDIR})
"""Errors that reading again will not cure; any other ``OSError`` propagates unchanged."""


def file_bytes(path: str | Path) -> bytes:
    """The bytes of ``path``, read once; ``ReadError`` when they cannot be read for good."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ReadError("file not found") from None
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except OSError as exc:
        if exc.errno not in PERMANENT_ERRNOS:
            raise  # an I/O error of the disk or the share (EIO, ESTALE, ETIMEDOUT…): the caller may try again
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None


def read_file(path: str | Path) -> tuple[bytes, Document]:
    """The bytes of ``path`` and the ``Document`` read from them."""
    data = file_bytes(path)
    return data, read_bytes(data, Path(path).suffix)
