"""Readers: a file's bytes in, a ``Document`` out (text with page and offset for every character).

Every format has a ``reading.Reader`` in its own module (``text_reader``, ``pdf_reader``,
``docx_reader``, ``html_reader``, ``image_reader``), listed in ``READERS``. ``read_bytes`` takes
the reader of the file's suffix unless the content surely is another format. What is sniffed:
a PDF by its "%PDF-" header, a Word file as a zip archive holding ``word/document.xml``, a PNG,
JPEG or TIFF image by its magic number. So a Word file named ".doc", a scan saved as ".pdf" but
in JPEG, or a PDF with no suffix is read for what it is. Plain text and web pages are never
sniffed (any text may hold markup), and a file whose suffix is unknown and whose content sniffs
as nothing is refused.
"""

from __future__ import annotations

import errno
from pathlib import Path

from extractors import docx_reader, html_reader, image_reader, pdf_reader, text_reader
from extractors.document import Document
from extractors.errors import ReadError
from extractors.reading import Reader, build_document, rebuild, stored_text
from extractors.text_reader import decode_text, read_text

# build_document, stored_text and rebuild (reading) and read_text and decode_text (text_reader)
# are imported from here by the flows and the tests
__all__ = [
    "KNOWN_SUFFIXES", "READERS", "SUPPORTED_SUFFIXES", "build_document", "decode_text", "file_bytes",
    "read_bytes", "read_file", "read_text", "reader_for", "rebuild", "stored_text",
]


def _old_word(data: bytes) -> Document:
    raise ReadError("old Word format (.doc): save it as .docx or PDF")


OLD_WORD = Reader("old Word", frozenset({".doc"}), _old_word, readable=False)
"""Old Word files are picked up by a batch only to say how to convert them."""

READERS: tuple[Reader, ...] = (
    text_reader.READER, pdf_reader.READER, docx_reader.READER, html_reader.READER, image_reader.READER, OLD_WORD,
)
"""Every format ``read_bytes`` knows."""


def _by_suffix(readers: tuple[Reader, ...]) -> dict[str, Reader]:
    """Each suffix's reader; a suffix claimed by two readers is an error of ``READERS``."""
    found: dict[str, Reader] = {}
    for reader in readers:
        for suffix in reader.suffixes:
            if suffix in found:
                raise ValueError(f"suffix {suffix} claimed by the {found[suffix].name} and {reader.name} readers")
            found[suffix] = reader
    return found


_BY_SUFFIX = _by_suffix(READERS)

SUPPORTED_SUFFIXES = {s for r in READERS if r.readable for s in r.suffixes}
KNOWN_SUFFIXES = set(_BY_SUFFIX)
"""What a batch picks up: the readable formats, and old .doc files (to say how to convert them)."""


def reader_for(data: bytes, suffix: str) -> Reader | None:
    """The reader of ``suffix`` (any case) when the content does not surely belong to another
    format, else the one it sniffs as; None when neither knows the file."""
    named = _BY_SUFFIX.get(suffix.lower())
    if named is not None and named.sniff is not None and named.sniff(data):
        return named
    sniffed = next((r for r in READERS if r.sniff is not None and r is not named and r.sniff(data)), None)
    return sniffed or named


def read_bytes(data: bytes, suffix: str) -> Document:
    """Read a file's bytes by its suffix, or by its content (``reader_for``), into a ``Document``;
    raise ``ReadError`` with the reason."""
    reader = reader_for(data, suffix)
    if reader is None:
        raise ReadError(f"unsupported file type '{suffix.lower() or '(none)'}'")
    return reader.read(data)


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
