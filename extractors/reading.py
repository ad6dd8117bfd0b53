"""What every format reader builds on: the ``Reader`` interface, ``build_document`` (a reader's
raw text in, a ``Document`` out), and the stored form of a reading (``stored_text``, ``rebuild``).

A format reader imports this module, never ``extractors.readers``, which imports the readers.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, replace

from extractors.document import Document
from extractors.layout import reading_view
from extractors.normalize import normalize
from schemas import SourceText


@dataclass(frozen=True)
class Reader:
    """One file format, as ``extractors.readers.read_bytes`` sees it."""

    name: str
    suffixes: frozenset[str]
    """The lower-case suffixes files of this format are named with (".pdf")."""
    read: Callable[[bytes], Document]
    """The file's bytes in, a ``Document`` out; ``ReadError`` with the reason when it cannot."""
    sniff: Callable[[bytes], bool] | None = None
    """True when the bytes surely are this format, whatever the file's name (a magic number);
    None for a format its content cannot tell safely (plain text, web pages)."""
    readable: bool = True
    """False for a format known only to be refused with a reason (old Word .doc)."""


def build_document(raw: str, raw_page_starts: list[int] | None = None) -> Document:
    """Normalise ``raw``, take its layout out (``layout.reading_view``) and carry its page starts over to the normalised text."""
    text, offsets = reading_view(*normalize(raw))
    starts = raw_page_starts or [0]
    page_starts = [bisect.bisect_left(offsets, s, hi=len(text)) for s in starts]
    return Document(text=text, source_offsets=offsets, page_starts=page_starts, raw=raw, raw_page_starts=tuple(starts))


def stored_text(doc: Document) -> SourceText:
    """What the store keeps of a document's reading: the reader's raw text and page map, and
    what OCR and the reader noted (not the reading view, which the current rules make again)."""
    return SourceText(
        raw=doc.raw, page_starts=list(doc.raw_page_starts), ocr_pages=list(doc.ocr_pages),
        ocr_confidence=doc.ocr_confidence, notes=list(doc.notes),
    )


def rebuild(text: SourceText) -> Document:
    """The document a reader made, from its stored text, read again under the current rules
    (no file read, no OCR)."""
    return replace(
        build_document(text.raw, text.page_starts),
        ocr_pages=tuple(text.ocr_pages), ocr_confidence=text.ocr_confidence, notes=tuple(text.notes),
    )
