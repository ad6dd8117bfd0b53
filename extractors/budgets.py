"""Budgets: "Tổng kinh phí … giai đoạn 2021-2025 là 75.000.000 (bảy mươi lăm triệu đồng)"."""

from __future__ import annotations

from functools import cache

from extractors import patterns
from extractors.document import Document, Span
from extractors.numbers import digits_pattern, parse_number, parse_words
from extractors.phases import find_phases
from extractors.segment import containing, sentences
from extractors.structure import Structure
from schemas import Budget, ExtractionWarning


@cache
def _rules() -> dict[str, object]:
    conf = patterns.load("budgets")
    return {
        "amount": patterns.compile_rule(conf["amount"].replace("NUM", f"(?:{digits_pattern().pattern})")),
        "in_words": patterns.compile_rule(conf["in_words"]),
        "words_amount": patterns.compile_rule(conf["words_amount"]),
        "context": patterns.compile_rule(conf["context"]),
        "scope": {k: patterns.compile_rule(v) for k, v in conf["scope"].items()},
        "scales": conf["scales"],
    }


def extract_budgets(
    doc: Document, structure: Structure, period: tuple[int, int] | None
) -> tuple[list[Budget], list[ExtractionWarning]]:
    rules = _rules()
    budgets: list[Budget] = []
    warnings: list[ExtractionWarning] = []
    for block in structure.blocks:
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
            start_year, end_year, scope = _period_and_scope(doc, sentence, start, prefix, period)
            taken.append((start, end))
            prov = doc.evidence(sentence.start, max(end, sentence.end))
            budgets.append(
                Budget(
                    amount_vnd=amount,
                    period_start=start_year,
                    period_end=end_year,
                    scope=scope,
                    amount_in_words=words_value,
                    evidence=prov,
                )
            )
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
            start_year, end_year, scope = _period_and_scope(doc, sentence, start, prefix, period)
            budgets.append(
                Budget(
                    amount_vnd=value,
                    period_start=start_year,
                    period_end=end_year,
                    scope=scope,
                    amount_in_words=value,
                    evidence=doc.evidence(sentence.start, max(end, sentence.end)),
                )
            )
    return budgets, warnings


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
