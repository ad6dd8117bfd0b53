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
from itertools import pairwise
from typing import Any

from extractors import patterns
from extractors.agencies import find_agencies
from extractors.document import Document, Span
from extractors.markers import list_marker
from extractors.responsibilities import cell_agencies, item_agencies, learned_names, section_items
from extractors.segment import clauses, sentences
from extractors.structure import Structure
from extractors.tables import HEADER_CELL_CHARS, rows_under_headers, tables
from schemas import Deadline, Target

WHAT_WORDS = 14

Time = tuple[dt.date | None, int | None, int | None, int | None, int | None]
"""(due, year, quarter, month, day), as ``_date_parts`` reads them."""


@cache
def _rules() -> dict:
    conf = patterns.load("deadlines")
    compiled: dict[str, Any] = {
        key: patterns.compile_rule(conf[key])
        for key in (
            "delegates", "assigns", "date_and", "month_number", "not_subject", "lead_label", "doer_label", "obligations", "event_date",
            "doer_verb", "list_join", "not_doer", "date", "day_of_month", "month", "quarter", "year", "time_label", "time_column",
            "bare_year", "open_ended", "period_statement", "event_year", "task_join", "periodic", "any_year", "done_cell",
        )
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
    """For each block of a responsibility item, the first agency the item names ("Sở Y tế, Sở
    Giáo dục và Đào tạo: …" is Sở Y tế's); else the agency that a heading above the block opens
    with ("1. Sở Tài chính", "a) UBND xã, phường …"), else the lead of its task ("Đơn vị chủ trì:
    Sở Khoa học và Công nghệ", or "Cơ quan thực hiện: Sở Nội vụ …" before it)."""
    owner: dict[int, str] = {}
    rules = _rules()
    for item in section_items(doc, structure):
        agencies = item_agencies(doc, item.heading)
        if not agencies:
            continue
        name = _delegate(doc, item.heading, agencies[-1].end) or agencies[0].name
        for span in item.body:
            if span.start != item.heading.start and _opens_with_agency(doc, span):
                break  # "Ủy ban nhân dân Thành phố yêu cầu các Sở, ban, ngành …": a paragraph after the items
            owner.setdefault(span.start, name)
    heading_agency: dict[int, str | None] = {}
    last_lead: tuple[int, str] | None = None
    for i, block in enumerate(structure.blocks):
        text = doc.flat(block.span)
        m = rules["lead_label"].search(text) or rules["doer_label"].search(text)
        if m:
            found = find_agencies(text[m.end() :], block.span.start + m.end(), unknown=True)
            if found:
                last_lead = (i, found[0].name)
        if block.span.start in owner or block.body.start in owner:
            continue
        if block.marker:
            named = item_agencies(doc, block.body)
            if named and named[0].kind != "other":
                owner[block.span.start] = named[0].name  # "1. Các Sở, ngành, UBND các xã, phường …: … Định kỳ hàng tháng …"
                continue
        for parent in reversed(structure.parents[i]):
            if parent not in heading_agency:
                named = item_agencies(doc, structure.blocks[parent].body)
                heading_agency[parent] = named[0].name if named and named[0].kind != "other" else None
            agency = heading_agency[parent]
            if agency:
                owner[block.span.start] = agency
                break
        else:
            parents = structure.parents[i]
            if last_lead and (not parents or last_lead[0] > parents[-1]):
                owner[block.span.start] = last_lead[1]
    return owner


def _delegate(doc: Document, heading: Span, after: int) -> str | None:
    """The agency an item's agency has do its tasks: "Sở Nông nghiệp và Môi trường chỉ đạo Chi
    cục Biển đảo và Thủy sản thực hiện các nội dung sau:" gives them to the Chi cục."""
    rest = doc.flat(Span(after, heading.end))
    m = _rules()["delegates"].match(rest)
    if not m:
        return None
    named = find_agencies(rest[m.end() :], after + m.end(), unknown=True)
    return named[0].name if named and named[0].start - (after + m.end()) <= 3 else None


def _opens_with_agency(doc: Document, span: Span) -> bool:
    """An unmarked paragraph whose sentence opens with an agency of its own."""
    text = doc.flat(span)
    if list_marker(text):
        return False
    named = find_agencies(text[:60], span.start)
    return bool(named) and named[0].start - span.start <= 3


def _date_parts(rules: dict, text: str, labelled: bool = False) -> Time:
    """(due, year, quarter, month, day) of the last time a clause states; a span is due at its
    end. ``labelled``: the text is the value of a time label or a table's time cell."""
    found = _date_list(rules, text, labelled)
    return found[-1] if found else (None, None, None, None, None)


def _date_list(rules: dict, text: str, labelled: bool = False, recurring: bool = False) -> list[Time]:
    """The last time a clause states with the times joined to it by "và" or a comma: "vào
    tháng 4 và tháng 8 năm 2026" is month 4 and month 8, "trước ngày 01/6 và 15/11 hằng năm"
    the 1st of June and the 15th of November; a span ("Tháng 11 - 12/2025") is due at its end.
    ``recurring``: the clause states a recurrence, so the days in brackets of the observances it
    lists ("Ngày Môi trường thế giới (05/6), … (01 - 08/6)") are its days, each once."""
    found: list[tuple[int, int, Time]] = []  # (position, group, time)
    if recurring:
        events = list(rules["event_date"].finditer(text))
        for m in events:
            d, mth = int(m["d"]), int(m["m"])
            time = (None, None, None, mth, d)
            if 1 <= d <= 31 and 1 <= mth <= 12 and time not in [t for _, _, t in found]:
                found.append((m.start(), events[0].start(), time))
    for m in rules["date"].finditer(text):
        group = m.start()
        while m:
            d, mth = int(m["d"]), int(m["m"])
            if m["y"]:
                try:
                    found.append((m.start(), group, (dt.date(int(m["y"]), mth, d), None, None, None, None)))
                except ValueError:
                    pass
            elif 1 <= d <= 31 and 1 <= mth <= 12:
                found.append((m.start(), group, (None, None, None, mth, d)))
            m = rules["date_and"].match(text, m.end())
    for m in rules["day_of_month"].finditer(text):
        found.append((m.start(), m.start(), (None, None, None, None, int(m["d"]))))
    for m in rules["month"].finditer(text):
        if (m["by"] or labelled) and not any(start <= m.start() < start + 12 for start, _, _ in found) and 1 <= int(m["m"]) <= 12:
            year = int(m["y"])
            for also in rules["month_number"].finditer(m["also"] or ""):
                if 1 <= int(also["m"]) <= 12:
                    found.append((m.start(), m.start(), (None, year, None, int(also["m"]), None)))
            found.append((m.start() + 1, m.start(), (None, year, None, int(m["m"]), None)))
    for m in rules["quarter"].finditer(text):
        found.append((m.start(), m.start(), (None, int(m["y"]), rules["quarter_numbers"][m["q"].upper()], None, None)))
    for m in rules["year"].finditer(text):
        if not any(abs(start - m.start()) < 12 for start, _, _ in found):
            found.append((m.start(), m.start(), (None, int(m["y"]), None, None, None)))
    if not found:
        return []
    last = max(found, key=lambda f: f[0])[1]
    return [time for _, group, time in sorted(found, key=lambda f: f[0]) if group == last]


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
    """The item's agency; else the agency the clause's sentence assigns the work to ("UBND Thành
    phố yêu cầu các Sở, ban, ngành …; định kỳ … báo cáo"); else the one the clause opens with;
    else the subject of its sentence ("…, các ban, ngành và UBND các xã …; đồng thời, định kỳ
    hàng năm báo cáo …")."""
    if owner is not None:
        return owner
    rules = _rules()
    sentence = next((s for s in sentences(doc, block_span) if s.start <= clause.start < s.end), None)
    start = sentence.start if sentence else clause.start
    for mention in find_agencies(doc.flat(Span(start, clause.end)), start):
        if rules["assigns"].search(doc.flat(Span(start, mention.start))):
            return mention.name
    opening = find_agencies(text[:60], clause.start)
    if opening and opening[0].start - clause.start <= 12:
        return opening[0].name
    doer = _doer(doc, clause)
    if doer:
        return doer
    for mention in find_agencies(doc.flat(Span(start, clause.start)), start):
        lead_in = doc.flat(Span(start, mention.start)).rsplit(";", 1)[-1]
        if not rules["not_subject"].search(lead_in):
            return mention.name  # the subject, not "trách nhiệm của các sở, ban, ngành …"
    return None


def _doer(doc: Document, clause: Span) -> str | None:
    """The first of a run of agencies ("các sở ngành, UBND các xã, phường") that the verb of
    the task follows at once ("… xây dựng dự toán kinh phí"), not one the clause sends the work
    to ("gửi Sở Tài chính tổng hợp")."""
    rules = _rules()
    mentions = find_agencies(doc.flat(clause), clause.start)
    first = 0
    for k, mention in enumerate(mentions):
        if k > first and not rules["list_join"].fullmatch(doc.flat(Span(mentions[k - 1].end, mention.start))):
            first = k
        if rules["doer_verb"].match(doc.flat(Span(mention.end, clause.end))):
            if not rules["not_doer"].search(doc.flat(Span(clause.start, mentions[first].start))):
                return mentions[first].name
    return None


def _labelled_time(rules: dict, text: str) -> list[Time] | None:
    """The time of a "Thời gian thực hiện: …" value or a table's time cell: a date, a month, a
    quarter, a year, or the end of a span of years ("2025 - 2030")."""
    if rules["open_ended"].match(text):
        return None
    found = _date_list(rules, text, labelled=True)
    if found:
        return found
    years = list(rules["bare_year"].finditer(text))
    return [(None, int(years[-1]["y"]), None, None, None)] if years else None


def _labelled_times(rules: dict, text: str) -> list[tuple[str | None, Time]]:
    """The times of a time label's value or a table's time cell: its recurrences ("Hằng năm",
    "Thường xuyên, hằng năm", "Theo kế hoạch công tác hàng năm"), else its time."""
    recurrences = _recurrences(rules, text)
    if recurrences:
        return [(name, parts) for name, part in recurrences for parts in (_date_list(rules, part) or [(None,) * 5])]
    return [(None, parts) for parts in _labelled_time(rules, text) or []]


def _states_period(rules: dict, cell: str, period: tuple[int, int] | None) -> bool:
    """Does a time cell state nothing but the plan's own span of years ("2026 - 2030",
    "Giai đoạn 2026-2030")?"""
    if period is None or period[0] == period[1] or _recurrences(rules, cell):
        return False
    years = [int(m.group()) for m in rules["any_year"].finditer(cell)]
    return years == list(period) and not _date_list(rules, cell, labelled=True)


def _before(deadline: Deadline, issued: dt.date | None) -> bool:
    """A time before the document was issued is a past event, not a deadline."""
    if issued is None:
        return False
    if deadline.due is not None:
        return deadline.due < issued
    if deadline.year is not None and deadline.month is not None:
        return (deadline.year, deadline.month) < (issued.year, issued.month)
    return deadline.year is not None and deadline.year < issued.year


def extract_deadlines(
    doc: Document, structure: Structure, targets: list[Target], issued: dt.date | None = None,
    period: tuple[int, int] | None = None,
) -> list[Deadline]:
    """Every deadline of the document (``issued``: its date of issue; a time before it in running
    text is a past event, but a task's labelled time or time cell stays its deadline; ``period``:
    the plan's own years, which a time cell that states just them does not make a deadline)."""
    found = _text_deadlines(doc, structure, targets) + _table_deadlines(doc, structure, period)
    return [d for d, labelled in found if labelled or not _before(d, issued)]


def _text_deadlines(doc: Document, structure: Structure, targets: list[Target]) -> list[tuple[Deadline, bool]]:
    rules = _rules()
    owners = _agency_at(doc, structure)
    target_starts = [t.match.start for t in targets]
    out: list[tuple[Deadline, bool]] = []
    cells = _untimed_cells(doc)
    for block in structure.blocks:
        owner = owners.get(block.body.start) or owners.get(block.span.start)
        body_text = doc.flat(block.body)
        rows_at = _first_row(doc, block.span)
        if rows_at is not None:
            if rows_at > block.span.start:  # a caption with no blank line before the table
                out += _clause_deadlines(doc, doc.trim(Span(block.span.start, rows_at)), owner, target_starts)
            for cell in (c for c in cells if block.span.start <= c.start < block.span.end):
                out += _clause_deadlines(doc, cell, None, target_starts)
            continue  # a table with a time column: see _table_deadlines
        if block.heading and block.phase is not None:
            continue  # a heading that states a phase ("Mục tiêu đến hết năm 2026")
        phase = rules["phase_work"].match(body_text)
        if phase:
            clause = next(iter(clauses(doc, block.body)))
            out.append((_deadline(doc, clause, phase.group("what"), (None, int(phase.group("end")), None, None, None), owner), False))
            continue
        out += _clause_deadlines(doc, block.span, owner, target_starts)
    return out


def _first_row(doc: Document, span: Span) -> int | None:
    """Where the first table row of a block starts, if it has one."""
    at = span.start
    for line in doc.text[span.start : span.end].split("\n"):
        if line.startswith("|"):
            return at
        at += len(line) + 1
    return None


def _untimed_cells(doc: Document) -> list[Span]:
    """The cells of the tables with no time column, but a row's first (its number): their
    text is read as running text ("| 2 | … | Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở,
    ngành, UBND cấp xã thực hiện công bố dữ liệu mở hằng năm … |"). A table with no header
    of its own and the width of a timed one above it is that table going on after a page
    break: ``_table_deadlines`` reads it."""
    rule = _rules()["time_column"]
    out: list[Span] = []
    timed_width = None
    for table in tables(doc):
        width = max(len(row.cells) for row in table)
        if any(len(doc.flat(c)) <= HEADER_CELL_CHARS and rule.search(doc.flat(c)) for row in table for c in row.cells):
            timed_width = width
            continue
        if timed_width is not None and width in (timed_width, timed_width + 1):
            continue
        timed_width = None
        out += [c for row in table for c in row.cells[1:] if c.end > c.start]
    return out


def _clause_deadlines(doc: Document, span: Span, owner: str | None, target_starts: list[int]) -> list[tuple[Deadline, bool]]:
    """The deadlines of the clauses of a paragraph (or a table's cell)."""
    rules = _rules()
    out: list[tuple[Deadline, bool]] = []
    for clause in (task for whole in clauses(doc, span) for task in _tasks(doc, whole)):
        text = doc.flat(clause)
        if rules["not_obligations"].search(text) or any(clause.start <= t < clause.end for t in target_starts):
            continue
        if rules["period_statement"].search(text) or rules["open_ended"].search(text):
            continue
        label = rules["time_label"].search(text)
        times: list[tuple[str | None, tuple]] = []
        recurrences = _recurrences(rules, text)
        if recurrences:
            labelled = bool(label) and any(rules["recurrence"][name].search(text[label.end() :]) for name, _ in recurrences)
            for name, part in recurrences:
                dated = _date_list(rules, part, recurring=True)
                if not any(p[0] or p[4] for p in dated) and not labelled and not rules["obligations"].search(text):
                    continue
                times += [(name, parts) for parts in dated or [(None,) * 5]]
        elif label:
            times += _labelled_times(rules, text[label.end() :])
        else:
            dated = _date_list(rules, text)
            periodic = bool(rules["periodic"].search(text))
            times += [("annual" if periodic and p[4] and p[3] and not p[0] else None, p) for p in dated]
        times += _event_times(rules, text, times)
        if not times:
            continue
        agency = _agency_of(doc, span, clause, text, owner)
        for recurrence, parts in times:
            out.append((_deadline(doc, clause, _without_marker(text), parts, agency, recurrence), bool(label)))
    return out


def _tasks(doc: Document, clause: Span) -> list[Span]:
    """A clause cut where a second task of the same subject is joined to it ("… xây dựng kế hoạch
    chi tiết hằng năm và định kỳ báo cáo … trước ngày 20/11"): each task has its own time."""
    text = doc.flat(clause)
    cuts = [m.start() for m in _rules()["task_join"].finditer(text)]
    bounds = [0, *cuts, len(text)]
    return [Span(clause.start + a, clause.start + b) for a, b in pairwise(bounds) if b > a]


def _event_times(rules: dict, text: str, found: list[tuple[str | None, Time]]) -> list[tuple[str | None, Time]]:
    """Each review or report a clause holds in a year ("năm 2025 sơ kết 5 năm, năm 2030 tổng kết
    10 năm"), but a year the clause's other times already give."""
    years = {parts[1] for _, parts in found}
    out: list[tuple[str | None, Time]] = []
    for m in rules["event_year"].finditer(text):
        year = int(m["y"])
        if year not in years:
            out.append((None, (None, year, None, None, None)))
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


def _table_deadlines(doc: Document, structure: Structure, period: tuple[int, int] | None) -> list[tuple[Deadline, bool]]:
    """A table of tasks with a time column ("Thời gian thực hiện"): each row's time, for the
    row's first lead agency ("Cơ quan chủ trì"), else its first body of a "Đơn vị thực hiện"
    column, read as responsibilities read the cell (a name written in full on a heading is the
    same name in a cell that cuts it short). A cell stating the plan's own years ("2026 - 2030"
    in a plan for 2026-2030) is the whole plan, no deadline but the task's own recurrence; a row
    marked done ("(đã thực hiện)") has none."""
    rules = _rules()
    agency_columns = patterns.load("agencies")["table_columns"]
    columns = {"time": rules["time_column"], **{role: patterns.compile_rule(agency_columns[role]) for role in ("lead", "responsible")}}
    out: list[tuple[Deadline, bool]] = []
    learned: dict | None = None
    for header, row in rows_under_headers(doc, columns):
        if "time" not in header:
            continue
        cells = row.cells
        heads = [doc.flat(c) for c in cells]
        time_col, lead_col = header["time"], header.get("lead", header.get("responsible"))
        if any(len(h) <= HEADER_CELL_CHARS and rules["done_cell"].search(h) for h in heads):
            continue  # "Kế hoạch (đã thực hiện)": a task done before the plan
        task = next((h for h in heads if len(h) > 20), heads[0])
        times = _labelled_times(rules, heads[time_col])
        if _states_period(rules, heads[time_col], period):
            # the whole plan long; the task may still repeat ("Hàng năm thực hiện sát hạch …")
            times = [(name, (None,) * 5) for name, _ in _recurrences(rules, task)]
        if not times:
            continue
        if learned is None:
            learned = learned_names(doc, structure)
        agencies = cell_agencies(doc, cells[lead_col], learned) if lead_col is not None else []
        for recurrence, parts in times:
            out.append((_deadline(doc, Span(cells[0].start, cells[-1].end), task, parts, agencies[0].name if agencies else None, recurrence), True))
    return out
