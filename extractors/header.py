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
    letter = letter_subject(doc, structure)
    if letter is not None:
        span = structure.blocks[letter].span
        return TextValue(value=patterns.load("metadata")["letter_type"], evidence=doc.evidence(span.start, span.end)), letter - 1
    return None, None


def letter_subject(doc: Document, structure: Structure) -> int | None:
    """The index of a letter's "V/v …" block in the header."""
    rule = patterns.rule("metadata", "letter_subject")
    for i, block in enumerate(structure.blocks[:HEADER_PARAGRAPHS]):
        if rule.match(doc.flat(block.span)):
            return i
    return None


def issues_plan(doc: Document, structure: Structure, title_value: TextValue | None) -> bool:
    """Does the document issue or approve a plan: its title, or its "Điều 1", says so."""
    rule = patterns.rule("metadata", "issues_plan")
    if title_value is not None and rule.search(title_value.value):
        return True
    article = patterns.rule("metadata", "issuing_article")
    for block in structure.blocks:
        text = doc.flat(block.span)
        if article.match(text):
            return bool(rule.search(text[:300]))
    return False


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
        return TextValue(value=regex.sub(r"\s+", " ", doc.flat(span)).strip().rstrip("."), evidence=doc.evidence(span.start, span.end))
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


def period(
    doc: Document, structure: Structure, title_value: TextValue | None, issued: DateValue | None = None, typed: bool = False
) -> Period | None:
    """The period the document covers. A document with a type line (``typed``) states it in
    its title: "giai đoạn 2026 - 2030"; "đến năm 2030" from the year of issue; "năm 2026"
    alone; the years of documents its preamble cites are not its own. An article states it
    in its headline or early in its text."""
    spans = [Span(title_value.evidence.start, title_value.evidence.end)] if title_value else []
    if not typed:
        spans += [b.span for b in structure.blocks[:HEADER_PARAGRAPHS]]
    for span in spans:
        text = doc.flat(span)
        phases = find_phases(text, span.start)
        for phase in phases:
            if phase.start is not None and phase.end > phase.start:
                return Period(start=phase.start, end=phase.end, evidence=doc.evidence(phase.span.start, phase.span.end))
        if not typed:
            continue
        for phase in phases:
            if phase.start is None and issued is not None and issued.value.year <= phase.end:
                return Period(start=issued.value.year, end=phase.end, evidence=doc.evidence(phase.span.start, phase.span.end))
        m = patterns.rule("metadata", "single_year").search(text)
        if m:
            year = int(m["year"])
            return Period(start=year, end=year, evidence=doc.evidence(span.start + m.start(), span.start + m.end()))
    return None
