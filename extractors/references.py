"""Document numbers: the plan's own ("Số: 141 /KH-UBND") and every one it cites."""

from __future__ import annotations

import datetime as dt
from functools import cache

import regex

from extractors import patterns
from extractors.accents import fold
from extractors.document import Document, Span
from extractors.segment import clauses, containing
from extractors.structure import Structure
from schemas import Reference, TextValue

HEADER_PARAGRAPHS = 12


@cache
def number_rule() -> regex.Pattern[str]:
    return patterns.rule("metadata", "number")


def normalize_number(text: str) -> str:
    """"154 /KH- UBND" -> "154/KH-UBND"; "550/LĐT BXH-BTXH" -> "550/LĐTBXH-BTXH"."""
    return regex.sub(r"\s+", "", text).replace("–", "-")


@cache
def _code_forms() -> dict[str, str]:
    conf = patterns.load("metadata")
    codes = [*conf["mixed_case_codes"], *conf["type_codes"], *conf["national_codes"]]
    return {code.upper(): code for code in codes if code != code.upper()}


def cited_form(number: str) -> str:
    """A cited number with its codes in their usual case: "32/CT-TTG" -> "32/CT-TTg"."""
    forms = _code_forms()
    return regex.sub(r"\p{Lu}+", lambda m: forms.get(m.group(), m.group()), number)


def _portal_page_start(doc: Document, structure: Structure, own: str | None) -> int:
    """Where a legal portal's page resumes after the document (its headline naming the document
    by type and own number), else the end of the text."""
    if not own:
        return len(doc.text)
    conf = patterns.load("metadata")
    types = "|".join(r"\s+".join(map(regex.escape, name.split())) for name in conf["doc_types"])
    own_pattern = r"\s*".join(map(regex.escape, own))
    rule = patterns.compile_rule(conf["portal_headline"].replace("TYPES", types).replace("OWN", own_pattern))
    printed = own_number(doc, structure)  # the headline comes after the header's "Số: …"
    m = rule.search(doc.text, printed.evidence.end if printed else 0)
    return m.start() if m else len(doc.text)


def make_date(d: str, m: str, y: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def type_from_code(number: str) -> str | None:
    """"141/KH-UBND" is a Kế hoạch: the first code after the numeric part names the type."""
    codes: dict[str, str] = patterns.load("metadata")["type_codes"]
    for part in regex.split(r"[/-]", number):
        if part in codes:
            return codes[part]
    return None


def is_national(number: str) -> bool:
    national = set(patterns.load("metadata")["national_codes"])
    return regex.split(r"[/-]", number)[-1] in national


def _type_before(prefix: str) -> str | None:
    """The document type written just before a number: "Quyết định số 112/…"."""
    tail = fold(prefix[-40:])
    best: tuple[int, str] | None = None
    for name in patterns.load("metadata")["doc_types"]:
        m = regex.search(rf"{regex.escape(fold(name))}\s+(?:SO\s*)?:?\s*$", tail)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


def own_number(doc: Document, structure: Structure) -> TextValue | None:
    conf = patterns.load("metadata")["own_number"]
    rule = patterns.compile_rule(conf["pattern"].replace("NUMBER", number_rule().pattern), conf.get("case") == "sensitive")
    for block in structure.blocks[:HEADER_PARAGRAPHS]:
        text = doc.flat(block.span)
        m = rule.search(text)
        if m and m.start() < 40:
            start, end = block.span.start + m.start(), block.span.start + m.end()
            return TextValue(value=normalize_number(m.group("number")), evidence=doc.evidence(start, end))
    return None


def find_references(doc: Document, structure: Structure, exclude: str | None = None) -> list[Reference]:
    """Every cited document number, once each, in order of first citation."""
    conf = patterns.load("metadata")
    after_rule = patterns.compile_rule(conf["date_after"])
    before_rule = patterns.compile_rule(conf["date_before"])
    seen: set[str] = {cited_form(exclude).casefold()} if exclude else set()
    out: list[Reference] = []
    page_start = _portal_page_start(doc, structure, exclude)
    for block in structure.blocks:
        if block.span.start >= page_start:
            break
        text = doc.flat(block.span)
        block_clauses = None
        for m in number_rule().finditer(text):
            number = cited_form(normalize_number(m.group()))
            start, end = block.span.start + m.start(), block.span.start + m.end()
            if number.casefold() in seen or "/" not in number or start >= page_start:
                continue
            block_clauses = block_clauses or clauses(doc, block.span)
            clause = containing(block_clauses, start)
            prefix = doc.flat(Span(clause.start, start))
            quote_start, quote_end = start, end
            issue_date = None
            after = after_rule.match(text, m.end())
            if after:
                issue_date = make_date(after["d"], after["m"], after["y"])
                quote_end = block.span.start + after.end()
            else:
                before = before_rule.search(prefix)
                if before:
                    issue_date = make_date(before["d"], before["m"], before["y"])
            doc_type = _type_before(prefix)
            if doc_type:
                typed = regex.search(r"(?i)" + r"\s+".join(doc_type.split()) + r"\s+(?:số\s*)?:?\s*$", prefix)
                if typed:
                    quote_start = clause.start + typed.start()
            seen.add(number.casefold())
            out.append(
                Reference(
                    number=number,
                    doc_type=doc_type or type_from_code(number),
                    issue_date=issue_date,
                    evidence=doc.evidence(quote_start, quote_end),
                )
            )
    return out


def find_about(doc: Document, structure: Structure, references: list[Reference]) -> Reference | None:
    """The document an article reports on: the first one it says was issued ("ban hành … số N")."""
    rule = patterns.rule("metadata", "about")
    for ref in references:
        line_start = max(0, ref.evidence.start - 120)
        # the quote may start at the type word ("Kế hoạch số 141/…"): look before the number
        number_at = doc.text.find(ref.number.split("/")[0], ref.evidence.start)
        prefix = doc.text[line_start:number_at].replace("\n", " ")
        if rule.search(prefix):
            return ref
    return None
