"""Targets stated in tables: indicators as rows, years or phases as columns.

"| STT | Chỉ tiêu | Đến năm 2025 | Đến năm 2030 |" over "| 1 | Tỷ lệ … | 60% | 90% |", or an
annex "| TT | Chỉ tiêu | ĐVT | ƯTH Năm 2025 | Năm 2026 | … | Năm 2030 |" (a second header
row under a spanning "GIAI ĐOẠN 2026 - 2030" is aligned to the right of the rows), or
"| TT | Sản phẩm | Kế hoạch 2026 | Kế hoạch 2027 |" over "| Lượng (Tấn) | Giá trị (Nghìn USD) | …"
(each year spans a sub-column per quantity; the sub-column's "(…)" gives the unit, and money
is no target), perhaps with a row numbering the columns ("| 1 | 2 | 3 |"). Each
number under a phase column is a target of that phase; estimates and results ("ƯTH",
"Thực hiện") are not. The cue words in a cell ("Ít nhất 50%", "Tối thiểu 60%") give its
comparator, as in running text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extractors import patterns
from extractors.comparators import comparator_of
from extractors.document import Document, Span
from extractors.numbers import parse_number
from extractors.phases import find_phases
from extractors.structure import Structure, reporting_table
from extractors.tables import Row, tables
from schemas import Target


@cache
def _rules() -> dict:
    conf = patterns.load("targets")["table"]
    return {
        "phase": patterns.compile_rule(conf["phase_column"]),
        "past": patterns.compile_rule(conf["past_column"], sensitive=True),
        "unit": patterns.compile_rule(conf["unit_column"]),
        "value": patterns.compile_rule(conf["value"]),
        "header_unit": patterns.compile_rule(conf["header_unit"]),
        "money": patterns.compile_rule(conf["money_unit"]),
        "number": patterns.compile_rule(conf["number_cell"]),
    }


@dataclass(frozen=True)
class Column:
    """A column of targets: its phase, and the unit its header states ("Lượng (Tấn)"), if any."""

    year_start: int | None
    year_end: int
    unit: str | None = None


def header_grid(doc: Document, table: list[Row], width: int) -> list[list[Span]] | None:
    """The header cells over each of the ``width`` columns of ``table``, top first.

    A first row as wide as the table is the header. A narrower first row spans: the row under
    it sits under its rightmost cells (the cells on its left span both rows, "TT", "Chỉ tiêu",
    "ĐVT"), and each of the spanning cells covers an equal share of it ("Kế hoạch 2026" over
    "Lượng (Tấn) | Giá trị (Nghìn USD)"). A Word table writes the same rows full width: the
    first row's empty cells at the end are the span of its last cells, the second row's empty
    cells at the start the cells above that span both rows. None when the rows do not fit."""
    top = _strip(doc, table[0].cells, trailing=True)
    if len(top) == width:
        return [[cell] for cell in table[0].cells]
    if len(table) < 2 or len(top) > width:
        return None
    under = _strip(doc, table[1].cells, trailing=False)
    leading = width - len(under)
    spanning = len(top) - leading
    if leading < 0 or spanning <= 0 or len(under) % spanning:
        return None
    share = len(under) // spanning
    grid = [[cell] for cell in top[:leading]]
    grid += [[top[leading + j // share], cell] for j, cell in enumerate(under)]
    return grid


def _strip(doc: Document, cells: list[Span], trailing: bool) -> list[Span]:
    """``cells`` without the empty ones at the end (``trailing``) or at the start."""
    cells = list(cells)
    while cells and not doc.flat(cells[-1 if trailing else 0]).strip():
        cells.pop(-1 if trailing else 0)
    return cells


def is_number_row(doc: Document, row: Row) -> bool:
    """A row numbering the columns: "| 1 | 2 | 3 | … |" (or "(1) | (2) | …"; empty cells aside)."""
    found = [_rules()["number"].match(doc.flat(c).strip()) for c in row.cells if doc.flat(c).strip()]
    return bool(found) and all(found) and [int(m["n"]) for m in found] == list(range(int(found[0]["n"]), int(found[0]["n"]) + len(found)))


def _phase_of(text: str, previous_end: int | None, start: int | None) -> tuple[int | None, int]:
    phases = find_phases(text)
    if phases:
        year_start = phases[0].start
        if year_start is None:
            year_start = previous_end + 1 if previous_end else start
        return year_start, phases[0].end
    found = regex.search(r"(?:19|20)\d\d", text)
    assert found is not None, text  # the callers pass only a cell the `phase` rule matches: it states a year
    year = int(found.group())
    return year, year


def _grid_columns(doc: Document, grid: list[list[Span]], start: int | None) -> dict[int, Column]:
    """Column index -> its phase and unit: the lowest header cell stating a phase gives the
    phase; a result or estimate ("ƯTH", "Thực hiện") at or under it, or a money unit, drops the
    column."""
    rules = _rules()
    out: dict[int, Column] = {}
    phased: dict[Span, tuple[int | None, int]] = {}
    previous_end = None
    for i, cells in enumerate(grid):
        texts = [doc.flat(c).strip() for c in cells]
        at = max((k for k, t in enumerate(texts) if rules["phase"].match(t)), default=None)
        if at is None or any(rules["past"].search(t) for t in texts[at:]):
            continue
        if cells[at] not in phased:
            phased[cells[at]] = _phase_of(texts[at], previous_end, start)
            previous_end = phased[cells[at]][1]
        unit = None
        for t in texts:
            m = rules["header_unit"].search(t)
            if m:
                unit = regex.sub(r"\s+", " ", m["unit"].lower())
        if unit and rules["money"].search(unit):
            continue
        out[i] = Column(*phased[cells[at]], unit)
    return out


def _column_phases(doc: Document, header: list[Row], width: int, start: int | None) -> dict[int, Column]:
    """Column index -> phase for header rows that are no grid: each row right-aligned."""
    rules = _rules()
    out: dict[int, Column] = {}
    for row in header:
        offset = width - len(row.cells)  # a second header row sits under the rightmost columns
        previous_end = None
        for i, cell in enumerate(row.cells):
            text = doc.flat(cell).strip()
            if not rules["phase"].match(text) or rules["past"].search(text):
                continue
            year_start, year_end = _phase_of(text, previous_end, start)
            out[i + offset] = Column(year_start, year_end)
            previous_end = year_end
    return out


def table_targets(
    doc: Document, structure: Structure, period: tuple[int, int] | None, issued: int | None
) -> tuple[list[Target], list[Span]]:
    """The targets of every table with phase columns, and the row lines they were read from;
    a table that reports (a forecast, the present) has none."""
    rules = _rules()
    start = period[0] if period else issued
    found: list[Target] = []
    used: list[Span] = []
    for table in tables(doc):
        width = max(len(r.cells) for r in table)
        phased = [r for r in table[:3] if any(rules["phase"].match(doc.flat(c).strip()) for c in r.cells)]
        if not phased or reporting_table(doc, structure, table[0].line.start):
            continue
        grid = header_grid(doc, table, width)
        header = table[: 1 if grid is None or all(len(cells) == 1 for cells in grid) else 2]
        if grid is not None and all(r in header for r in phased):
            columns = _grid_columns(doc, grid, start)
        else:
            grid, header = [[c] for c in table[0].cells], phased
            columns = _column_phases(doc, header, width, start)
        if not columns:
            continue
        unit_col = next((i for i, cells in enumerate(grid) if any(rules["unit"].match(doc.flat(c).strip()) for c in cells)), None)
        for row in table:
            if row in header or len(row.cells) != width or is_number_row(doc, row):
                continue
            subject = next((doc.flat(c).strip() for c in row.cells if regex.search(r"\p{L}{3}", doc.flat(c))), "")
            unit_text = doc.flat(row.cells[unit_col]).strip().lower() if unit_col is not None else None
            used.append(row.line)
            for i, column in columns.items():
                cell = row.cells[i]
                m = rules["value"].match(doc.flat(cell))
                if not m:
                    continue
                cue, _ = comparator_of(m["cue"]) if m["cue"].strip() else (None, 0)
                unit = "%" if m["pct"] else (column.unit or unit_text or "")
                if not unit or rules["money"].search(unit):
                    continue
                found.append(
                    Target(
                        evidence=doc.evidence(row.line.start, row.line.end),
                        value=parse_number(m["v"]),
                        unit=unit,
                        comparator=cue or "exactly",
                        year_start=column.year_start,
                        year_end=column.year_end,
                        subject=subject[:120],
                        match=doc.match(cell.start, cell.end),
                    )
                )
    return found, used
