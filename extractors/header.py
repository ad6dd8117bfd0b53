"""The header of a document: its type, date of issue, title and period."""

from __future__ import annotations

import regex

from extractors import patterns
from extractors.accents import fold
from extractors.document import Document, Span
from extractors.phases import find_phases
from extractors.references import HEADER_PARAGRAPHS, make_date, type_from_code
from extractors.structure import Structure
from schemas import DateValue, Period, TextValue


def doc_type(doc: Document, structure: Structure, number: TextValue | None) -> tuple[TextValue | None, int | None]:
    """The type line ("KẾ HOẠCH", or a scan's "KÉ HOẠCH") and the index of its block."""
    types = {fold(t): t for t in patterns.load("metadata")["doc_types"]}
    for i, block in enumerate(structure.blocks[:HEADER_PARAGRAPHS]):
        text = doc.flat(block.span).strip()
        if text.isupper() and fold(text) in types:
            return TextValue(value=types[fold(text)], evidence=doc.evidence(block.span.start, block.span.end)), i
    if number is not None:
        from_code = type_from_code(number.value)
        if from_code:
            return TextValue(value=from_code, evidence=number.evidence), None
    return None, None


def issue_date(doc: Document) -> tuple[DateValue | None, tuple[str, Span] | None]:
    """The date of issue and the place written before it ("Hà Nội, ngày 07 tháng 6 năm 2021")."""
    head = doc.text[:4000]
    m = patterns.rule("metadata", "place_date").search(head)
    if m:
        date = make_date(m["d"], m["m"], m["y"])
        if date:
            start = m.start("place")
            place = (m["place"].strip(), Span(m.start("place"), m.end("place")))
            return DateValue(value=date, evidence=doc.evidence(start, m.end())), place
    m = patterns.rule("metadata", "published").search(doc.text[:1500])
    if m:
        date = make_date(m["d"], m["m"], m["y"])
        if date:
            return DateValue(value=date, evidence=doc.evidence(m.start(), m.end())), None
    return None, None


def title(doc: Document, structure: Structure, type_index: int | None) -> TextValue | None:
    """The paragraph after the type line; for an article, its headline."""
    if type_index is not None and type_index + 1 < len(structure.blocks):
        span = structure.blocks[type_index + 1].span
        return TextValue(value=doc.flat(span), evidence=doc.evidence(span.start, span.end))
    meta = patterns.rule("metadata", "article_meta")
    locality = patterns.rule("metadata", "locality")
    for block in structure.blocks[:8]:
        text = doc.flat(block.span).strip()
        if len(text) < 15 or text.isupper() or meta.match(text):
            continue
        only_place = locality.fullmatch(text)
        if only_place:
            continue
        return TextValue(value=text, evidence=doc.evidence(block.span.start, block.span.end))
    return None


def period(doc: Document, structure: Structure, title_value: TextValue | None) -> Period | None:
    """The period the document covers: stated in its title, else early in its text."""
    spans = [Span(title_value.evidence.start, title_value.evidence.end)] if title_value else []
    spans += [b.span for b in structure.blocks[:HEADER_PARAGRAPHS]]
    for span in spans:
        for phase in find_phases(doc.flat(span), span.start):
            if phase.start is not None and phase.end > phase.start:
                return Period(start=phase.start, end=phase.end, evidence=doc.evidence(phase.span.start, phase.span.end))
    return None


def is_upper_line(text: str) -> bool:
    letters = regex.sub(r"[^\p{L}]", "", text)
    return bool(letters) and letters.isupper()
