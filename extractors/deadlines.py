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
from extractors.tables import rows_under_headers
from extractors.segment import clauses, sentences
from extractors.structure import Structure
from schemas import Deadline, Target

WHAT_WORDS = 14

Time = tuple[dt.date | None, int | None, int | None, int | None, int | None]
"""(due, year, quarter, month, day), as ``_date_parts`` reads them."""


@cache
def _rules() -> dict:
    conf = patterns.load("deadlines")
    compiled = {
        key: patterns.compile_rule(conf[key])
        for key in ("obligations", "date", "day_of_month", "month", "quarter", "year", "time_label", "time_column", "bare_year", "open_ended", "period_statement")
    }
    compiled["recurrence"] = {k: patterns.compile_rule(v) for k, v in conf["recurrence"].items()}
    compiled["not_obligations"] = patterns.compile_rule(conf["not_obligations"], sensitive=True)
    compiled["phase_work"] = patterns.compile_rule(conf["phase_work"], sensitive=True)
    compiled["quarter_numbers"] = {k.upper(): v for k, v in conf["quarter_numbers"].items()}
    return compiled


def _what(text: str) -> str:
    words = text.strip(" -+•,.;:").split()
    return " ".join(words[:WHAT_WORDS]) + ("…" if len(words) > WHAT_WORDS else "")


def _without_marker(text: str) -> str:
    found = list_marker(text)
    return text[found[2] :] if found else text


def _agency_at(doc: Document, structure: Structure) -> dict[int, str]:
    """For each block of a responsibility item, the agency the item names; else the agency
    that a heading above the block opens with ("1. Sở Tài chính", "a) UBND xã, phường …"),
    else the lead of its task ("Đơn vị chủ trì: Sở Khoa học và Công nghệ" before it)."""
    owner: dict[int, str] = {}
    for item in section_items(doc, structure):
        agencies = item_agencies(doc, item.heading)
        if len(agencies) != 1:
            continue
        for span in item.body:
            owner[span.start] = agencies[0].name
    lead_label = patterns.compile_rule(patterns.load("agencies")["labelled_roles"]["lead"])
    heading_agency: dict[int, str | None] = {}
    last_lead: tuple[int, str] | None = None
    for i, block in enumerate(structure.blocks):
        text = doc.flat(block.span)
        m = lead_label.search(text)
        if m:
            found = find_agencies(text[m.end() :], block.span.start + m.end())
            if found:
                last_lead = (i, found[0].name)
        if block.span.start in owner or block.body.start in owner:
            continue
        for parent in reversed(structure.parents[i]):
            if parent not in heading_agency:
                named = item_agencies(doc, structure.blocks[parent].body)
                heading_agency[parent] = named[0].name if len(named) == 1 and named[0].kind != "other" else None
            if heading_agency[parent]:
                owner[block.span.start] = heading_agency[parent]
                break
        else:
            parents = structure.parents[i]
            if last_lead and (not parents or last_lead[0] > parents[-1]):
                owner[block.span.start] = last_lead[1]
    return owner


def _date_parts(rules: dict, text: str, labelled: bool = False) -> Time:
    """(due, year, quarter, month, day) of the last time a clause states; a span is due at its
    end. ``labelled``: the text is the value of a time label or a table's time cell."""
    found: list[tuple[int, tuple]] = []
    for m in rules["date"].finditer(text):
        d, mth = int(m["d"]), int(m["m"])
        if m["y"]:
            try:
                found.append((m.start(), (dt.date(int(m["y"]), mth, d), None, None, None, None)))
            except ValueError:
                pass
        elif 1 <= d <= 31 and 1 <= mth <= 12:
            found.append((m.start(), (None, None, None, mth, d)))
    for m in rules["day_of_month"].finditer(text):
        found.append((m.start(), (None, None, None, None, int(m["d"]))))
    for m in rules["month"].finditer(text):
        if (m["by"] or labelled) and not any(start <= m.start() < start + 12 for start, _ in found) and 1 <= int(m["m"]) <= 12:
            found.append((m.start(), (None, int(m["y"]), None, int(m["m"]), None)))
    for m in rules["quarter"].finditer(text):
        found.append((m.start(), (None, int(m["y"]), rules["quarter_numbers"][m["q"].upper()], None, None)))
    for m in rules["year"].finditer(text):
        if not any(abs(start - m.start()) < 12 for start, _ in found):
            found.append((m.start(), (None, int(m["y"]), None, None, None)))
    if not found:
        return None, None, None, None, None
    return max(found, key=lambda f: f[0])[1]


def _recurrences(rules: dict, text: str) -> list[tuple[str, str]]:
    """Each recurrence a clause states, with the part of the clause that goes with it:
    "định kỳ hàng tháng (trước ngày 16 hàng tháng), 6 tháng (trước ngày 16/6), tổng kết năm
    (trước ngày 20/11 hàng năm)" is monthly on the 16th, semiannual on 16/6, annual on 20/11."""
    found = sorted((m.start(), name) for name, rule in rules["recurrence"].items() for m in rule.finditer(text))
    segments: list[tuple[str, int]] = []
    for start, name in found:
        if not segments or segments[-1][0] != name:
            segments.append((name, start))
    out = []
    for k, (name, start) in enumerate(segments):
        end = segments[k + 1][1] if k + 1 < len(segments) else len(text)
        out.append((name, text[start:end] if len(segments) > 1 else text))
    return out


def _agency_of(doc: Document, block_span: Span, clause: Span, text: str, owner: str | None) -> str | None:
    if owner is not None:
        return owner
    opening = find_agencies(text[:60], clause.start)
    if opening and opening[0].start - clause.start <= 12:
        return opening[0].name
    # "…, các ban, ngành và UBND các xã …; đồng thời, định kỳ hàng năm báo cáo …"
    sentence = next((s for s in sentences(doc, block_span) if s.start <= clause.start < s.end), None)
    before = find_agencies(doc.flat(Span(sentence.start, clause.start)), sentence.start) if sentence else []
    return before[0].name if before else None


def _labelled_time(rules: dict, text: str) -> Time | None:
    """The time of a "Thời gian thực hiện: …" value or a table's time cell: a date, a month, a
    quarter, a year, or the end of a span of years ("2025 - 2030")."""
    if rules["open_ended"].match(text):
        return None
    parts = _date_parts(rules, text, labelled=True)
    if any(p is not None for p in parts):
        return parts
    years = list(rules["bare_year"].finditer(text))
    return (None, int(years[-1]["y"]), None, None, None) if years else None


def _before(deadline: Deadline, issued: dt.date | None) -> bool:
    """A time before the document was issued is a past event, not a deadline."""
    if issued is None:
        return False
    if deadline.due is not None:
        return deadline.due < issued
    if deadline.year is not None and deadline.month is not None:
        return (deadline.year, deadline.month) < (issued.year, issued.month)
    return deadline.year is not None and deadline.year < issued.year


def extract_deadlines(doc: Document, structure: Structure, targets: list[Target], issued: dt.date | None = None) -> list[Deadline]:
    """Every deadline of the document (``issued``: its date of issue, before which nothing is due)."""
    found = _text_deadlines(doc, structure, targets) + _table_deadlines(doc)
    return [d for d in found if not _before(d, issued)]


def _text_deadlines(doc: Document, structure: Structure, targets: list[Target]) -> list[Deadline]:
    rules = _rules()
    owners = _agency_at(doc, structure)
    target_starts = [t.match.start for t in targets]
    out: list[Deadline] = []
    for block in structure.blocks:
        owner = owners.get(block.body.start) or owners.get(block.span.start)
        body_text = doc.flat(block.body)
        if body_text.startswith("|") or (block.heading and block.phase is not None):
            continue  # a table row (see _table_deadlines); a heading that states a phase ("Mục tiêu đến hết năm 2026")
        phase = rules["phase_work"].match(body_text)
        if phase:
            clause = next(iter(clauses(doc, block.body)))
            out.append(_deadline(doc, clause, phase.group("what"), (None, int(phase.group("end")), None, None, None), owner))
            continue
        for clause in clauses(doc, block.span):
            text = doc.flat(clause)
            if rules["not_obligations"].search(text) or any(clause.start <= t < clause.end for t in target_starts):
                continue
            if rules["period_statement"].search(text) or rules["open_ended"].search(text):
                continue
            label = rules["time_label"].search(text)
            times: list[tuple[str | None, tuple]] = []
            recurrences = _recurrences(rules, text)
            if recurrences:
                for name, part in recurrences:
                    parts = _date_parts(rules, part)
                    if parts[0] is None and parts[4] is None and not rules["obligations"].search(text):
                        continue
                    times.append((name, parts))
            elif label:
                parts = _labelled_time(rules, text[label.end() :])
                if parts:
                    times.append((None, parts))
            else:
                parts = _date_parts(rules, text)
                if any(p is not None for p in parts):
                    times.append((None, parts))
            if not times:
                continue
            agency = _agency_of(doc, block.span, clause, text, owner)
            for recurrence, parts in times:
                out.append(_deadline(doc, clause, _without_marker(text), parts, agency, recurrence))
    return out


def _deadline(doc: Document, span: Span, what: str, time: Time, agency: str | None, recurrence: str | None = None) -> Deadline:
    due, year, quarter, month, day = time
    return Deadline(
        evidence=doc.evidence(span.start, span.end),
        what=_what(what),
        due=due,
        year=year,
        quarter=quarter,
        day=day,
        month=month,
        recurrence=recurrence,
        agency=agency,
    )


def _table_deadlines(doc: Document) -> list[Deadline]:
    """A table of tasks with a time column ("Thời gian thực hiện"): each row's time, for the
    row's first lead agency ("Cơ quan chủ trì")."""
    rules = _rules()
    columns = {"time": rules["time_column"], "lead": patterns.compile_rule(patterns.load("agencies")["table_columns"]["lead"])}
    out: list[Deadline] = []
    for header, row in rows_under_headers(doc, columns):
        if "time" not in header:
            continue
        cells = row.cells
        heads = [doc.flat(c) for c in cells]
        time_col, lead_col = header["time"], header.get("lead")
        parts = _labelled_time(rules, heads[time_col])
        if not parts:
            continue
        agencies = find_agencies(heads[lead_col], cells[lead_col].start) if lead_col is not None else []
        task = next((h for h in heads if len(h) > 20), heads[0])
        out.append(_deadline(doc, Span(cells[0].start, cells[-1].end), task, parts, agencies[0].name if agencies else None))
    return out
