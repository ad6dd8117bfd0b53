"""Targets stated in tables: indicators as rows, years or phases as columns.

"| STT | Chỉ tiêu | Đến năm 2025 | Đến năm 2030 |" over "| 1 | Tỷ lệ … | 60% | 90% |", or an
annex "| TT | Chỉ tiêu | ĐVT | ƯTH Năm 2025 | Năm 2026 | … | Năm 2030 |" (a second header
row under a spanning "GIAI ĐOẠN 2026 - 2030" is aligned to the right of the rows). Each
number under a phase column is a target of that phase; estimates and results ("ƯTH",
"Thực hiện") are not. The cue words in a cell ("Ít nhất 50%", "Tối thiểu 60%") give its
comparator, as in running text.
"""

from __future__ import annotations

from functools import cache

import regex

from extractors import patterns
from extractors.document import Document, Span
from extractors.numbers import parse_number
from extractors.phases import find_phases
from extractors.tables import Row, tables
from extractors.targets import comparator_of
from schemas import Target


@cache
def _rules() -> dict:
    conf = patterns.load("targets")["table"]
    return {
        "phase": patterns.compile_rule(conf["phase_column"]),
        "past": patterns.compile_rule(conf["past_column"], sensitive=True),
        "unit": patterns.compile_rule(conf["unit_column"]),
        "value": patterns.compile_rule(conf["value"]),
    }


def _column_phases(doc: Document, header: list[Row], width: int, start: int | None) -> dict[int, tuple[int | None, int]]:
    """Column index -> (year_start, year_end) for the header rows of a table ``width`` cells wide."""
    rules = _rules()
    out: dict[int, tuple[int | None, int]] = {}
    for row in header:
        offset = width - len(row.cells)  # a second header row sits under the rightmost columns
        previous_end = None
        for i, cell in enumerate(row.cells):
            text = doc.flat(cell).strip()
            if not rules["phase"].match(text) or rules["past"].search(text):
                continue
            phases = find_phases(text)
            if phases:
                phase = phases[0]
                year_start = phase.start
                if year_start is None:
                    year_start = previous_end + 1 if previous_end else start
            else:
                year = int(regex.search(r"(?:19|20)\d\d", text).group())
                phase_end, year_start = year, year
                out[i + offset] = (year_start, phase_end)
                previous_end = phase_end
                continue
            out[i + offset] = (year_start, phase.end)
            previous_end = phase.end
    return out


def table_targets(doc: Document, period: tuple[int, int] | None, issued: int | None) -> tuple[list[Target], list[Span]]:
    """The targets of every table with phase columns, and the row lines they were read from."""
    rules = _rules()
    start = period[0] if period else issued
    found: list[Target] = []
    used: list[Span] = []
    for table in tables(doc):
        width = max(len(r.cells) for r in table)
        header = [r for r in table[:3] if any(rules["phase"].match(doc.flat(c).strip()) for c in r.cells)]
        if not header:
            continue
        columns = _column_phases(doc, header, width, start)
        if not columns:
            continue
        first = table[0]
        unit_col = next((i for i, c in enumerate(first.cells) if rules["unit"].match(doc.flat(c).strip())), None)
        for row in table:
            if row in header or len(row.cells) != width:
                continue
            subject = next((doc.flat(c).strip() for c in row.cells if regex.search(r"\p{L}{3}", doc.flat(c))), "")
            unit_text = doc.flat(row.cells[unit_col]).strip().lower() if unit_col is not None else None
            used.append(row.line)
            for i, (year_start, year_end) in columns.items():
                cell = row.cells[i]
                m = rules["value"].match(doc.flat(cell))
                if not m:
                    continue
                cue, _ = comparator_of(m["cue"]) if m["cue"].strip() else (None, 0)
                unit = "%" if m["pct"] else (unit_text or "")
                if not unit:
                    continue
                found.append(
                    Target(
                        evidence=doc.evidence(row.line.start, row.line.end),
                        value=parse_number(m["v"]),
                        unit=unit,
                        comparator=cue or "exactly",
                        year_start=year_start,
                        year_end=year_end,
                        subject=subject[:120],
                        match=doc.match(cell.start, cell.end),
                    )
                )
    return found, used
