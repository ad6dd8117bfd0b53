"""Plain text (.txt, .md): UTF-8 or UTF-16 with a BOM; a form feed starts a new page; text typed
in a legacy Vietnamese font (TCVN3, VNI) is converted (``extractors.legacy``).

Plain text has no magic number: it is read by its suffix only, never sniffed.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.document import Document
from extractors.errors import ReadError
from extractors.legacy import convert, detect
from extractors.reading import Reader, build_document


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
        single_byte = data.decode("cp1252", errors="replace")
        if detect(single_byte):  # a TCVN3 or VNI file saved in a single-byte code page
            return single_byte
        raise ReadError(f"not UTF-8 text (byte {exc.start} of {name})") from None


def read_text(data: bytes) -> Document:
    """A ``.txt``/``.md`` file; a form feed starts a new page. Text typed in a legacy
    Vietnamese font (TCVN3, VNI) is converted; offsets then index the converted text."""
    raw = decode_text(data)
    notes: tuple[str, ...] = ()
    encoding = detect(raw)
    if encoding:
        raw = convert(raw, encoding)
        notes = (f"text in the legacy {encoding} encoding converted to Unicode",)
    starts = [0] + [i + 1 for i, ch in enumerate(raw) if ch == "\f"]
    return replace(build_document(raw, starts), notes=notes)


READER = Reader("text", frozenset({".txt", ".md", ".text", ".markdown"}), read_text)
