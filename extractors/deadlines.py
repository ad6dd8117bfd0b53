"""Deadlines: every dated or recurring obligation of a plan.

"định kỳ hàng năm báo cáo …" (annual), "trước ngày 15/12 hằng năm" (annual, day 15 of
month 12), "Giai đoạn 2021-2025, xây dựng các mô hình …" (due 2025), "hoàn thành trong năm
2022". A recurrence counts only in a clause with an obligation (báo cáo, lập dự toán, …)
and not one about money or pay ("phụ cấp hàng tháng") or a target ("mỗi năm 300 người").
The agency is the one of the responsibility item the clause sits in, else one the clause
opens with.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from extractors import patterns
from extractors.agencies import find_agencies
from extractors.document import Document, Span
from extractors.markers import list_marker
from extractors.responsibilities import item_agencies, section_items
from extractors.segment import clauses, sentences
from extractors.structure import Structure
from schemas import Deadline, Target

WHAT_WORDS = 14


@cache
def _rules() -> dict:
    conf = patterns.load("deadlines")
    return {
        "recurrence": {k: patterns.compile_rule(v) for k, v in conf["recurrence"].items()},
        "obligations": patterns.compile_rule(conf["obligations"]),
        "not_obligations": patterns.compile_rule(conf["not_obligations"], sensitive=True),
        "date": patterns.compile_rule(conf["date"]),
        "phase_work": patterns.compile_rule(conf["phase_work"], sensitive=True),
        "year": patterns.compile_rule(conf["year"]),
    }


def _what(text: str) -> str:
    words = text.strip(" -+•,.;:").split()
    return " ".join(words[:WHAT_WORDS]) + ("…" if len(words) > WHAT_WORDS else "")


def _without_marker(text: str) -> str:
    found = list_marker(text)
    return text[found[2] :] if found else text


def _agency_at(doc: Document, structure: Structure) -> dict[int, str]:
    """For each block of a responsibility item, the agency the item names."""
    owner: dict[int, str] = {}
    for item in section_items(doc, structure):
        agencies = item_agencies(doc, item.heading)
        if len(agencies) != 1:
            continue
        for span in item.body:
            owner[span.start] = agencies[0].name
    return owner


def extract_deadlines(doc: Document, structure: Structure, targets: list[Target]) -> list[Deadline]:
    rules = _rules()
    owners = _agency_at(doc, structure)
    target_spans = [(t.match.start, t.match.end) for t in targets]
    out: list[Deadline] = []
    for block in structure.blocks:
        owner = owners.get(block.body.start) or owners.get(block.span.start)
        body_text = doc.flat(block.body)
        phase = rules["phase_work"].match(body_text)
        if phase:
            clause = next(iter(clauses(doc, block.body)))
            out.append(
                Deadline(
                    evidence=doc.evidence(clause.start, clause.end),
                    what=_what(phase.group("what")),
                    year=int(phase.group("end")),
                    agency=owner,
                )
            )
            continue
        for clause in clauses(doc, block.span):
            text = doc.flat(clause)
            if rules["not_obligations"].search(text):
                continue
            recurrence = None
            for name, rule in rules["recurrence"].items():
                m = rule.search(text)
                if m and not any(s <= clause.start + m.end() + 12 and clause.start + m.start() <= e for s, e in target_spans):
                    recurrence = name
                    break
            date = rules["date"].search(text)
            year = rules["year"].search(text)
            if recurrence is None and date is None and year is None:
                continue
            if recurrence is not None and date is None and not rules["obligations"].search(text):
                continue
            due = day = month = due_year = None
            if date:
                d, mth = int(date.group("d")), int(date.group("m"))
                if date.group("y"):
                    try:
                        due = dt.date(int(date.group("y")), mth, d)
                    except ValueError:
                        due = None
                elif 1 <= d <= 31 and 1 <= mth <= 12:
                    day, month = d, mth
            if year and due is None:
                due_year = int(year.group("y"))
            agency = owner
            if agency is None:
                opening = find_agencies(text[:60], clause.start)
                agency = opening[0].name if opening and opening[0].start - clause.start <= 12 else None
            if agency is None:  # "…, các ban, ngành và UBND các xã …; đồng thời, định kỳ hàng năm báo cáo …"
                sentence = next((s for s in sentences(doc, block.span) if s.start <= clause.start < s.end), None)
                before = find_agencies(doc.flat(Span(sentence.start, clause.start)), sentence.start) if sentence else []
                agency = before[0].name if before else None
            out.append(
                Deadline(
                    evidence=doc.evidence(clause.start, clause.end),
                    what=_what(_without_marker(text)),
                    due=due,
                    year=due_year or (due.year if due else None),
                    day=day,
                    month=month,
                    recurrence=recurrence,
                    agency=agency,
                )
            )
    return out
