"""Sentences and clauses inside a paragraph, as spans of the document text."""

from __future__ import annotations

import regex

from extractors.document import Document, Span

_SENTENCE_END = regex.compile(r"(?<=[.!?…])\s+(?=[\p{Lu}\d\"“(+-])|(?<=\.\))\s+")
_CLAUSE_END = regex.compile(r"(?<=[;])\s+|(?<=[.!?…])\s+(?=[\p{Lu}\d\"“(+-])")


def _split(doc: Document, span: Span, boundary: regex.Pattern[str]) -> list[Span]:
    text = doc.flat(span)
    out, pos = [], 0
    for m in boundary.finditer(text):
        out.append(doc.trim(Span(span.start + pos, span.start + m.start())))
        pos = m.end()
    out.append(doc.trim(Span(span.start + pos, span.end)))
    return [s for s in out if s.end > s.start]


def sentences(doc: Document, span: Span) -> list[Span]:
    return _split(doc, span, _SENTENCE_END)


def clauses(doc: Document, span: Span) -> list[Span]:
    """Sentences, further cut at semicolons: "…dịch vụ công tác xã hội; 85% - 90% người…"."""
    return _split(doc, span, _CLAUSE_END)


def containing(spans: list[Span], offset: int) -> Span:
    for s in spans:
        if s.start <= offset < s.end:
            return s
    return spans[-1]
