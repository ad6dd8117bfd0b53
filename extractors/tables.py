"""Tables of the reading view: every reader writes a table row as one "| a | b | c |" line
(the PDF and Word readers from real tables, ``layout`` from a portal's cells and markdown)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from extractors.document import Document, Span

_RULE_CELL = regex.compile(r"\s*:?-{3,}:?\s*")
_ROW_NUMBER = regex.compile(r"(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}|[a-zđ])")
HEADER_CELL_CHARS = 40
"""A header cell is short ("Cơ quan chủ trì", "Thời gian thực hiện"); a longer one is data."""


@dataclass(frozen=True)
class Row:
    line: Span
    cells: list[Span]


def table_rows(doc: Document) -> list[Row]:
    """Each row line of the reading view with its cells (a markdown rule row "| --- |" is none)."""
    rows = []
    for line in doc.lines():
        text = doc.text[line.start : line.end]
        if not (text.startswith("|") and text.rstrip().endswith("|") and text.count("|") >= 3):
            continue
        cells, pos = [], line.start + 1
        for part in text.strip()[1:-1].split("|"):
            cells.append(doc.trim(Span(pos, pos + len(part))))
            pos += len(part) + 1
        if all(_RULE_CELL.fullmatch(doc.text[c.start : c.end]) or c.start == c.end for c in cells):
            continue
        rows.append(Row(line, cells))
    return rows


def _inside_table(line: str) -> bool:
    """A line between two rows that keeps them in one table: blank, a rule row "| --- |", or a
    row of one cell ("| Tổng I + II |", "| 240.000 |": a merged cell the reading view wrote alone)."""
    line = line.strip()
    return not line or (line.startswith("|") and ("-" in line or (len(line) > 1 and line.endswith("|"))))


def tables(doc: Document) -> list[list[Row]]:
    """Runs of row lines with nothing but rule rows, one-cell rows or blank lines between them."""
    out: list[list[Row]] = []
    for row in table_rows(doc):
        if out:
            gap = doc.text[out[-1][-1].line.end : row.line.start]
            if all(_inside_table(line) for line in gap.split("\n")):
                out[-1].append(row)
                continue
        out.append([row])
    return out


def rows_under_headers(doc: Document, columns: dict[str, regex.Pattern[str]]) -> Iterator[tuple[dict[str, int], Row]]:
    """Each row under a header row that names some of ``columns`` (a short cell the column's
    pattern finds), with the index of each column it named; rows of another width are skipped,
    but for a row with one cell more that opens with its number, under a header whose first
    cell spans the number column too ("| Nội dung | Đơn vị thực hiện | …" over "| 1.1 | Kiện
    toàn … | Sở … | …"): its columns are one further right."""
    header: dict[str, int] = {}
    width = 0
    for row in table_rows(doc):
        if header and len(row.cells) == width + 1 and _ROW_NUMBER.fullmatch(doc.flat(row.cells[0])):
            yield {name: i + 1 for name, i in header.items()}, row
            continue
        found: dict[str, int] = {}
        for i, cell in enumerate(row.cells):
            text = doc.flat(cell)
            if len(text) <= HEADER_CELL_CHARS:
                for name, rule in columns.items():
                    if name not in found and rule.search(text):
                        found[name] = i
        if found:
            header, width = found, len(row.cells)
        elif header and len(row.cells) == width:
            yield header, row
