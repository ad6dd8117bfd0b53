"""Budgets: "Tổng kinh phí … giai đoạn 2021-2025 là 75.000.000 (bảy mươi lăm triệu đồng)"."""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from extractors import patterns
from extractors.accents import fold
from extractors.document import Document, Span
from extractors.numbers import digits_pattern, parse_number, parse_words
from extractors.phases import find_phases
from extractors.segment import containing, sentences
from extractors.structure import Structure, captions, reporting_table, reports
from schemas import Budget, ExtractionWarning


@cache
def _rules() -> dict[str, Any]:
    conf = patterns.load("budgets")
    return {
        "amount": patterns.compile_rule(conf["amount"].replace("NUM", f"(?:{digits_pattern().pattern})")),
        "in_words": patterns.compile_rule(conf["in_words"]),
        "words_amount": patterns.compile_rule(conf["words_amount"]),
        "context": patterns.compile_rule(conf["context"]),
        "scope": {k: patterns.compile_rule(v) for k, v in conf["scope"].items()},
        "scales": conf["scales"],
        "section_heading": patterns.compile_rule(conf["section_heading"], sensitive=True),
        "section_end": patterns.compile_rule(conf["section_end"]),
        "sources": {k: patterns.compile_rule(v) for k, v in conf["sources"].items()},
        "table_amount_header": patterns.compile_rule(conf["table"]["amount_header"]),
        "table_total_row": patterns.compile_rule(conf["table"]["total_row"]),
        "table_cost": patterns.compile_rule(conf["table"]["cost"]),
    }


def funding_sources(text: str) -> list[str]:
    """The kinds of funding ``text`` names, in the order of ``budgets.yaml``."""
    return [name for name, rule in _rules()["sources"].items() if rule.search(text)]


def funding_section(doc: Document, structure: Structure) -> list[int]:
    """Indices of the blocks under the plan's funding heading ("III. KINH PHÍ THỰC HIỆN")."""
    rules = _rules()
    out: list[int] = []
    for i, block in enumerate(structure.blocks):
        if block.heading and rules["section_heading"].match(fold(doc.flat(block.span))):
            for j in range(i + 1, len(structure.blocks)):
                if rules["section_end"].match(doc.flat(structure.blocks[j].span)):
                    break
                if i in structure.parents[j] and j not in out:  # "1. Kinh phí" under "IV. KINH PHÍ …": once
                    out.append(j)
    return sorted(out)


def extract_budgets(
    doc: Document, structure: Structure, period: tuple[int, int] | None
) -> tuple[list[Budget], list[ExtractionWarning]]:
    rules = _rules()
    budgets: list[Budget] = []
    warnings: list[ExtractionWarning] = []
    funding = set(funding_section(doc, structure))
    planned = [i for i in range(len(structure.blocks)) if not reports(doc, structure, i)]
    for block in (structure.blocks[i] for i in planned):
        text = doc.flat(block.span)
        if not rules["context"].search(text):
            continue
        block_sentences = sentences(doc, block.span)
        taken: list[tuple[int, int]] = []
        for m in rules["amount"].finditer(text):
            start, end = block.span.start + m.start(), block.span.start + m.end()
            sentence = containing(block_sentences, start)
            prefix = doc.flat(Span(sentence.start, start))
            if not rules["context"].search(prefix):
                continue
            amount = parse_number(m["num"])
            if m["scale"]:
                amount = amount * rules["scales"][m["scale"].lower()]
            words_value = None
            words = rules["in_words"].match(text, m.end())
            if words:
                words_value = parse_words(words["words"])
                end = block.span.start + words.end()
            if not (m["currency"] or m["scale"] or words_value is not None):
                continue
            amount = int(round(amount))
            if amount < 1000:
                continue
            taken.append((start, end))
            budgets.append(_stated(doc, sentence, start, end, prefix, period, amount, words_value))
            if words_value is not None and words_value != amount:
                warnings.append(
                    ExtractionWarning(
                        code="amount_words_mismatch",
                        message=f"amount {amount:,} in digits but {words_value:,} in words; digits kept",
                        evidence=doc.evidence(start, end),
                    )
                )
        for m in rules["words_amount"].finditer(text):
            start, end = block.span.start + m.start(), block.span.start + m.end()
            if any(s < end and start < e for s, e in taken):
                continue
            sentence = containing(block_sentences, start)
            prefix = doc.flat(Span(sentence.start, start))
            value = parse_words(m["words"])
            if not rules["context"].search(prefix) or value is None or value < 1000:
                continue
            budgets.append(_stated(doc, sentence, start, end, prefix, period, value, value))
    for i in planned:
        block = structure.blocks[i]
        table_budgets, table_warnings = _table(doc, structure, block.span, period, costed=i in funding)
        if table_budgets:
            inside = [b for b in budgets if block.span.start <= b.evidence.start < block.span.end]
            grand = next((b for b in table_budgets if b.scope == "total"), None)
            for stated in inside:  # "Tổng kinh phí: 75.000.000 …" written next to the table
                if grand is not None and stated.scope == "total" and stated.amount_vnd != grand.amount_vnd:
                    warnings.append(ExtractionWarning(
                        code="budget_total_mismatch",
                        message=f"the text states {stated.amount_vnd:,} but the table's total is {grand.amount_vnd:,}",
                        evidence=stated.evidence,
                    ))
            budgets = [b for b in budgets if b not in inside] + table_budgets
            warnings += table_warnings
    budgets.sort(key=lambda b: b.evidence.start)
    budgets += _sources_without_amount(doc, structure, budgets, period)
    return budgets, warnings


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table(
    doc: Document, structure: Structure, span: Span, period: tuple[int, int] | None, costed: bool
) -> tuple[list[Budget], list[ExtractionWarning]]:
    """A budget table as the readers write tables ("| Năm | Kinh phí (đồng) |", or activities by
    year "| Nội dung | 2021 | 2022 | … | Tổng cộng |"): one budget per amount cell, with its activity
    and year, and the table's grand total; every stated total is checked against its cells. A
    table is the plan's money when it sits in the funding section (``costed``) or its header or
    caption names the cost ("Dự toán kinh phí thực hiện …"); a table of the province's revenue
    or of indicators by year is not."""
    rules = _rules()
    lines = [ln for ln in doc.lines() if span.start <= ln.start < span.end and doc.text[ln.start : ln.end].lstrip().startswith("|")]
    if len(lines) < 3:
        return [], []
    header = _cells(doc.text[lines[0].start : lines[0].end])
    if reporting_table(doc, structure, lines[0].start):
        return [], []
    if not costed and not any(rules["table_cost"].search(text) for text in (*header, *captions(doc, structure, lines[0].start))):
        return [], []
    years = {i: int(h) for i, h in enumerate(header) if regex.fullmatch(r"(?:năm\s+)?(?:19|20)\d\d", h, regex.IGNORECASE) for h in [h[-4:]]}
    amount_columns = [i for i, h in enumerate(header) if rules["table_amount_header"].search(h)]
    if not years and not amount_columns:
        return [], []
    total_column = amount_columns[-1] if amount_columns else None
    unit = 1_000_000 if any(regex.search(r"triệu", header[i], regex.IGNORECASE) for i in [*years, *amount_columns]) else 1
    start_year, end_year = period or (None, None)
    budgets: list[Budget] = []
    warnings: list[ExtractionWarning] = []
    column_sums: dict[int, int] = {}
    grand: Budget | None = None

    def amount(cell: str) -> int | None:
        number = regex.match(rf"\s*({digits_pattern().pattern})", cell)
        return int(round(parse_number(number.group(1)) * unit)) if number else None

    def check(stated: int, parts: int, where: Span, what: str) -> None:
        if stated != parts:
            warnings.append(ExtractionWarning(
                code="budget_total_mismatch",
                message=f"{what}: the table states {stated:,} but its cells add up to {parts:,}",
                evidence=doc.evidence(where.start, where.end),
            ))

    for line in lines[1:]:
        cells = _cells(doc.text[line.start : line.end])
        if regex.fullmatch(r"[-:\s]+", "".join(cells)):
            continue
        label = next((c for i, c in enumerate(cells) if i not in years and i not in amount_columns and c and not regex.fullmatch(r"\d{1,2}", c)), "")
        evidence = doc.evidence(line.start, line.end)
        is_total = bool(rules["table_total_row"].match(label))
        by_year = {i: amount(cells[i]) for i in years if i < len(cells)}
        row_total = amount(cells[total_column]) if total_column is not None and total_column < len(cells) else None
        if years:
            if is_total:
                for i, value in by_year.items():
                    if value is not None:
                        check(value, column_sums.get(i, 0), Span(line.start, line.end), f"total of {years[i]}")
            else:
                for i, value in by_year.items():
                    if value:
                        column_sums[i] = column_sums.get(i, 0) + value
                        budgets.append(
                            Budget(
                                amount_vnd=value,
                                period_start=years[i],
                                period_end=years[i],
                                scope="activity",
                                activity=label or None,
                                evidence=evidence,
                            )
                        )
                if row_total is not None:
                    check(row_total, sum(v or 0 for v in by_year.values()), Span(line.start, line.end), f"total of '{label}'")
        elif row_total is not None and not is_total:
            year = regex.fullmatch(r"(?:năm\s+)?((?:19|20)\d\d)", label, regex.IGNORECASE)
            budgets.append(Budget(
                amount_vnd=row_total,
                period_start=int(year.group(1)) if year else start_year,
                period_end=int(year.group(1)) if year else end_year,
                scope="per_year" if year else "activity",
                activity=None if year else label or None,
                evidence=evidence,
            ))
        if is_total and row_total is not None and total_column is not None:  # a row total is read from total_column
            words = rules["in_words"].search(cells[total_column])
            grand = Budget(amount_vnd=row_total, period_start=start_year, period_end=end_year, scope="total",
                           amount_in_words=parse_words(words["words"]) if words else None, evidence=evidence)
    if grand is not None and budgets:
        check(grand.amount_vnd or 0, sum(b.amount_vnd or 0 for b in budgets), Span(grand.evidence.start, grand.evidence.end), "grand total")
    return budgets + ([grand] if grand else []), warnings



def _sources_without_amount(
    doc: Document, structure: Structure, budgets: list[Budget], period: tuple[int, int] | None
) -> list[Budget]:
    """A paragraph of the funding section that names sources but no amount: a budget with those
    sources and no amount ("Nguồn ngân sách nhà nước bố trí trong dự toán …")."""
    out = []
    for i in funding_section(doc, structure):
        span = structure.blocks[i].span
        if any(span.start <= b.evidence.start < span.end for b in budgets):
            continue
        for sentence in sentences(doc, span):
            sources = funding_sources(doc.flat(sentence))
            if sources:
                out.append(
                    Budget(
                        amount_vnd=None,
                        period_start=period[0] if period else None,
                        period_end=period[1] if period else None,
                        scope="total",
                        sources=sources,
                        evidence=doc.evidence(sentence.start, sentence.end),
                    )
                )
                break
    return out


def _stated(
    doc: Document, sentence: Span, start: int, end: int, prefix: str, period: tuple[int, int] | None,
    amount: int, in_words: int | None,
) -> Budget:
    """A budget stated in a sentence: its years and scope from the words before it, its sources from the sentence."""
    start_year, end_year, scope = _period_and_scope(doc, sentence, start, prefix, period)
    return Budget(
        amount_vnd=amount,
        period_start=start_year,
        period_end=end_year,
        scope=scope,
        amount_in_words=in_words,
        sources=funding_sources(doc.flat(sentence)),
        evidence=doc.evidence(sentence.start, max(end, sentence.end)),
    )


def _period_and_scope(doc: Document, sentence: Span, start: int, prefix: str, period: tuple[int, int] | None) -> tuple[int | None, int | None, str]:
    """The years an amount is for (a phase stated before it in its sentence, else the plan's period) and its scope."""
    rules = _rules()
    phases = find_phases(doc.flat(Span(sentence.start, start)), sentence.start)
    ranged = [p for p in phases if p.start is not None]
    start_year, end_year = (ranged[-1].start, ranged[-1].end) if ranged else (period or (None, None))
    scope = "activity"
    if rules["scope"]["per_year"].search(prefix):
        scope = "per_year"
    elif rules["scope"]["total"].search(prefix):
        scope = "total"
    return start_year, end_year, scope
