"""The document model every reader produces and every extractor consumes.

``Document.text`` is the normalised text (Unicode NFC, markdown emphasis removed,
line ends as ``\\n``). Every character keeps the offset it had in the reader's raw
text (``source_offsets``) and the page it sits on (``page_at``), so any span an
extractor finds can be quoted and traced back to the source.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from schemas.record import Evidence, MatchSpan


@dataclass(frozen=True)
class Span:
    """A character range ``[start, end)`` of ``Document.text``."""

    start: int
    end: int


@dataclass(frozen=True)
class Document:
    text: str
    source_offsets: list[int]
    """``source_offsets[i]`` is the offset in the raw text of ``text[i]``; one extra entry at the end."""
    page_starts: list[int] = field(default_factory=lambda: [0])
    """Offsets in ``text`` where pages 1, 2, … begin."""
    ocr_pages: tuple[int, ...] = ()
    """Pages whose text was read by OCR (1-based)."""
    ocr_confidence: float | None = None
    """Tesseract's mean word confidence (0-100) over those pages."""
    notes: tuple[str, ...] = ()
    """What the reader had to do that a user should know (a legacy font converted, …)."""
    raw: str = ""
    """The reader's raw text, before normalisation and the reading view: with ``raw_page_starts``
    and the OCR fields, all a later extraction needs to rebuild this document without the file
    (``extractors.readers.rebuild``)."""
    raw_page_starts: tuple[int, ...] = (0,)

    @property
    def page_count(self) -> int:
        return len(self.page_starts)

    def page_at(self, offset: int) -> int:
        """1-based page number of the character at ``offset``."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the raw text that ``text[start:end]`` was made from."""
        if end <= start:
            return self.source_offsets[start], self.source_offsets[start]
        return self.source_offsets[start], self.source_offsets[end - 1] + 1

    def lines(self) -> list[Span]:
        """Every line (without its newline), in order (a new list each call; the spans are made once)."""
        return list(self._lines)

    @cached_property
    def _lines(self) -> tuple[Span, ...]:
        spans, pos = [], 0
        for line in self.text.split("\n"):
            spans.append(Span(pos, pos + len(line)))
            pos += len(line) + 1
        return tuple(spans)

    def paragraphs(self) -> list[Span]:
        """Maximal runs of non-blank lines, trimmed of surrounding white space."""
        out: list[Span] = []
        current: list[Span] = []
        for line in self.lines() + [Span(len(self.text), len(self.text))]:
            if self.text[line.start : line.end].strip():
                current.append(line)
                continue
            if current:
                out.append(self.trim(Span(current[0].start, current[-1].end)))
                current = []
        return out

    def trim(self, span: Span) -> Span:
        start, end = span.start, span.end
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Span(start, end)

    def flat(self, span: Span) -> str:
        """``text[span]`` with line breaks as spaces: same length, same offsets."""
        return self.text[span.start : span.end].replace("\n", " ")

    def evidence(self, start: int, end: int) -> Evidence:
        """The evidence of a value read from ``text[start:end]``."""
        return Evidence(quote=self.flat(Span(start, end)), page=self.page_at(start), start=start, end=end)

    def match(self, start: int, end: int) -> MatchSpan:
        return MatchSpan(text=self.flat(Span(start, end)), start=start, end=end)
