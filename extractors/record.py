"""One document in, one ``PlanRecord`` out: the extractors composed in data-flow order.

file -> reader (``Document``) -> structure -> extractors -> ``PlanRecord``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractors.budgets import extract_budgets
from extractors.deadlines import extract_deadlines
from extractors.document import Document, Span
from extractors.header import doc_type, issue_date, issues_plan, period, title
from extractors.indicators import assign_indicators
from extractors.issuer import about_locality, find_issuer, find_locality, locality_value
from extractors.kind import classify
from extractors.language import is_vietnamese
from extractors.localities import Place
from extractors.period_check import check_periods
from extractors.phases import PhaseIndex
from extractors.program_link import link_program
from extractors.readers import file_bytes, read_bytes
from extractors.references import find_about, find_references, own_number
from extractors.responsibilities import extract_responsibilities
from extractors.signer import find_signer
from extractors.structure import parse_structure
from extractors.targets import extract_targets
from schemas import ExtractionWarning, PlanRecord
from schemas.program import programs

NOTICE_CODES = frozenset({"not_vietnamese", "not_a_plan", "program_unknown", "ocr", "reading"})
"""Warnings the command line shows at once, one line each, besides keeping them in the record."""


def reading_notes(doc: Document) -> list[ExtractionWarning]:
    """What the reader did that bears on every value: OCR (which pages, how confident), conversions."""
    out = []
    if doc.ocr_pages:
        pages = ", ".join(map(str, doc.ocr_pages))
        out.append(
            ExtractionWarning(
                code="ocr",
                message=f"pages {pages} read by OCR (Tesseract vie), mean word confidence {doc.ocr_confidence}%",
            )
        )
    out += [ExtractionWarning(code="reading", message=note) for note in doc.notes]
    return out


def extract_document(doc: Document, doc_id: str, source: str) -> PlanRecord:
    structure = parse_structure(doc)
    number = own_number(doc, structure)
    dtype, type_index = doc_type(doc, structure, number)
    date, place_line = issue_date(doc)
    title_value = title(doc, structure, type_index)
    period_value = period(doc, structure, title_value, date, typed=type_index is not None)
    references = find_references(doc, structure, exclude=number.value if number else None)
    about = find_about(doc, structure, references) if number is None else None
    kind = classify(number, dtype, about, issues_plan(doc, structure, title_value))
    references, about, program = link_program(doc, structure, title_value, references, about, programs())

    located: tuple[Place, Span] | None = None
    if kind == "news":
        located = about_locality(doc, about, structure)
    elif kind == "local_plan":
        spans = [b.span for b in structure.blocks[:4]]
        if title_value is not None:
            spans.append(Span(title_value.evidence.start, title_value.evidence.end))
        if place_line is not None:
            spans.append(place_line[1])
        located = find_locality(doc, spans)
    place = located[0] if located else None
    issuer = None
    if number is not None and kind != "news":
        issuer = find_issuer(doc, structure, number, place)
    if issuer is not None and kind in ("local_plan", "other"):
        from_issuer = find_locality(doc, [Span(issuer.evidence.start, issuer.evidence.end)])
        if from_issuer is not None:
            located = from_issuer

    year_range = (period_value.start, period_value.end) if period_value else None
    phases = PhaseIndex(doc, structure, year_range, date.value.year if date else None)
    targets, warnings = assign_indicators(doc, extract_targets(doc, structure, phases), program)
    budgets, budget_warnings = extract_budgets(doc, structure, year_range)
    warnings += budget_warnings
    warnings += reading_notes(doc)
    if not is_vietnamese(doc.text):
        warnings.append(ExtractionWarning(code="not_vietnamese", message="the text is not Vietnamese; nothing was extracted from it"))
        targets, budgets = [], []
    elif kind == "other":
        targets, budgets = [], []  # kehoach reads the body of plans only (tests/ANNOTATION.md, "Real documents")
        warnings.append(
            ExtractionWarning(code="not_a_plan", message="no plan, national program or article about one was recognised")
        )
    if kind == "local_plan":
        warnings += check_periods(targets, period_value)
        if program is None:
            warnings.append(
                ExtractionWarning(
                    code="program_unknown",
                    message="the plan names no national program kehoach has a program file for; its targets have no indicator",
                )
            )
    return PlanRecord(
        doc_id=doc_id,
        source=source,
        kind=kind,
        about=about,
        doc_number=number,
        doc_type=dtype,
        issue_date=date,
        issuer=issuer,
        locality=locality_value(doc, located),
        title=title_value,
        period=period_value,
        references=references,
        signer=find_signer(doc) if kind in ("local_plan", "national_program", "other") else None,
        targets=targets,
        responsibilities=extract_responsibilities(doc, structure) if kind == "local_plan" else [],
        deadlines=extract_deadlines(doc, structure, targets, date.value if date else None, year_range) if kind == "local_plan" else [],
        budgets=budgets,
        warnings=warnings,
    )


def extract_file(path: str | Path) -> PlanRecord:
    """Read and extract one file; raises ``ReadError`` with the reason when it cannot be read."""
    return extract_bytes(file_bytes(path), path)


def extract_bytes(data: bytes, path: str | Path) -> PlanRecord:
    """Extract a file's bytes already read (``path`` gives the format and the recorded source)."""
    return extract_document(read_bytes(data, Path(path).suffix), content_id(data), str(path))


def content_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
