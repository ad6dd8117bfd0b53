"""The reading view: layout artefacts of a text taken out, every character still mapped.

Readers produce text as the source lays it out: a legal portal writes the two-column header
of an administrative document (Nghị định 30/2020/NĐ-CP) as table cells between lone ``|``
lines, Word and PDF tables come as ``| a | b |`` rows, the portal puts its own metadata and
notices before the document, rules ("-------") underline the header, headings carry ``#``,
footnote markers ("[1]") sit in sentences, and some sources have no blank lines at all.
``reading_view`` rewrites the normalised text so that every extractor sees one form:

- a *layout table* (the header, the signature block: any table holding a header element)
  becomes one paragraph per cell; a *data table* (three columns or more) one ``| a | b | c |``
  line per row, the form the PDF and Word readers write;
- the portal's metadata table, its notices and whatever comes before the document's first
  header element are dropped; rule lines, heading marks and footnote markers too;
- a blank line where a new unit starts on the next line without one: a header element, a
  list item, the grounds of a document ("Căn cứ …"), a change between capitals and not; a
  text with no blank lines at all gets a paragraph per line but where a hard wrap goes on.

Each pass is a list of edits ``(start, end, replacement)``; a replacement's characters map to
the source offset of the text they replace, so ``offsets`` stays non-decreasing and a quote
still leads back to its page and source span. The rules are in ``patterns/reading.yaml``.
"""

from __future__ import annotations

from functools import cache

import regex

from extractors import patterns
from extractors.markers import starts_item

Edit = tuple[int, int, str]


@cache
def _rules() -> dict:
    conf = patterns.load("reading")["layout"]
    return {
        "element": patterns.compile_rule("|".join(f"(?:{p})" for p in conf["header_elements"]), sensitive=True),
        "starts_unit": patterns.compile_rule("|".join(f"(?:{p})" for p in conf["unit_starts"]), sensitive=True),
        "ends_unit": patterns.compile_rule("|".join(f"(?:{p})" for p in conf["unit_ends"]), sensitive=True),
        "anchor": patterns.compile_rule("|".join(f"(?:{p})" for p in conf["document_starts"]), sensitive=True),
        "rule_line": patterns.compile_rule(conf["rule_line"]),
        "heading_mark": patterns.compile_rule(conf["heading_mark"]),
        "footnote": patterns.compile_rule(conf["footnote_marker"]),
        "boilerplate": patterns.compile_rule("|".join(f"(?:{p})" for p in conf["boilerplate"])),
        "portal_label": patterns.compile_rule(
            r"^\s*(?:" + "|".join(conf["portal_metadata_labels"]) + r")\s*:?\s*$"
        ),
        "portal_row": patterns.compile_rule(
            r"^\s*\|?\s*(?:" + "|".join(conf["portal_metadata_labels"]) + r")\s*:?\s*\|.*$"
        ),
        "data_min_columns": conf["data_table_min_columns"],
        "min_blank_share": conf["min_blank_line_share"],
        "max_wrap_width": conf["max_wrap_width"],
        "wrap_share": conf["wrap_share"],
        "anchor_within": conf["document_start_within"],
    }


def apply_edits(text: str, offsets: list[int], edits: list[Edit]) -> tuple[str, list[int]]:
    """``text`` with ``edits`` applied (sorted, not overlapping) and the offsets carried over."""
    if not edits:
        return text, offsets
    out: list[str] = []
    new_offsets: list[int] = []
    pos = 0
    for start, end, replacement in sorted(edits):
        if start < pos:
            continue  # overlaps an earlier edit: keep the first
        out.append(text[pos:start])
        new_offsets.extend(offsets[pos:start])
        out.append(replacement)
        new_offsets.extend([offsets[start]] * len(replacement))
        pos = end
    out.append(text[pos:])
    new_offsets.extend(offsets[pos:])
    return "".join(out), new_offsets


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def is_layout_text(text: str) -> bool:
    """Does this table text hold an element of a document's header or signature block?"""
    return bool(_rules()["element"].search(text))


def _clean_lines(text: str) -> list[Edit]:
    """Rule lines, heading marks, footnote markers, portal notices and metadata rows."""
    r = _rules()
    edits: list[Edit] = []
    for start, end in _lines(text):
        line = text[start:end]
        if r["rule_line"].fullmatch(line) or r["boilerplate"].fullmatch(line.strip()) or r["portal_row"].match(line):
            if line:
                edits.append((start, end, ""))
            continue
        mark = r["heading_mark"].match(line)
        if mark:
            edits.append((start, start + mark.end(), ""))
        for m in r["footnote"].finditer(line):
            edits.append((start + m.start(), start + m.end(), ""))
    return edits


def _cell_tables(text: str) -> list[Edit]:
    """Tables written one cell per run of lines between lone "|" lines (a legal portal's form).

    Two "|" lines in a row end a table row. A table whose cells name portal metadata is
    dropped; a layout table gives a paragraph per cell; a data table a line per row.
    """
    r = _rules()
    lines = _lines(text)
    edits: list[Edit] = []
    i = 0
    while i < len(lines):
        if text[lines[i][0] : lines[i][1]].strip() != "|":
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and text[lines[j + 1][0] : lines[j + 1][1]].strip():
            j += 1
        region = lines[i : j + 1]
        i = j + 1
        rows: list[list[list[tuple[int, int]]]] = [[]]
        cell: list[tuple[int, int]] = []
        previous_pipe = False
        for span in region:
            if text[span[0] : span[1]].strip() == "|":
                if cell:
                    rows[-1].append(cell)
                    cell = []
                elif previous_pipe and rows[-1]:
                    rows.append([])
                previous_pipe = True
                continue
            cell.append(span)
            previous_pipe = False
        if cell:
            rows[-1].append(cell)
        rows = [row for row in rows if row]
        # the portal's own metadata: a label cell and the value after it
        kept_rows = []
        for row in rows:
            kept: list[list[tuple[int, int]]] = []
            skip_next = False
            for c in row:
                if skip_next:
                    skip_next = False
                    edits.append((c[0][0], c[-1][1], ""))
                    continue
                if r["portal_label"].match(text[c[0][0] : c[-1][1]]):
                    edits.append((c[0][0], c[-1][1], ""))
                    skip_next = True
                    continue
                kept.append(c)
            if kept:
                kept_rows.append(kept)
        rows = kept_rows
        if not rows:
            edits += [(a, b, "") for a, b in region if text[a:b].strip() == "|"]
            continue
        start, end = region[0][0], region[-1][1]
        body = "\n".join(text[c[0][0] : c[-1][1]] for row in rows for c in row)
        if max(len(row) for row in rows) >= r["data_min_columns"] and not is_layout_text(body):
            pieces = ["| " + " | ".join(" ".join(text[a:b].strip() for a, b in c) for c in row) + " |" for row in rows]
            edits = [e for e in edits if not start <= e[0] < end]
            edits += _rewrite(start, end, rows, pieces)
        else:
            # cells become paragraphs: each emptied "|" line is the blank line between two
            edits += [(a, b, "") for a, b in region if text[a:b].strip() == "|"]
    return edits


def _rewrite(start: int, end: int, rows: list, pieces: list[str]) -> list[Edit]:
    """Replace a table region by its row lines, each row mapped to where it began."""
    edits: list[Edit] = []
    row_starts = [row[0][0][0] for row in rows]
    bounds = [start] + row_starts[1:] + [end]
    for k, piece in enumerate(pieces):
        edits.append((bounds[k], bounds[k + 1], piece + ("\n" if k + 1 < len(pieces) else "")))
    return edits


def _layout_rows(text: str) -> list[Edit]:
    """A "| a | b |" row (or "a | b") holding a header element: a paragraph per cell."""
    edits: list[Edit] = []
    for start, end in _lines(text):
        line = text[start:end]
        if "|" not in line or not is_layout_text(line):
            continue
        for m in regex.finditer(r"\s*\|\s*", line):
            at_edge = m.start() == 0 or m.end() == len(line)
            edits.append((start + m.start(), start + m.end(), "" if at_edge else "\n\n"))
    return edits


def _preamble(text: str) -> list[Edit]:
    """Whatever comes before the document's first header element (a portal's page chrome)."""
    r = _rules()
    m = r["anchor"].search(text, 0, r["anchor_within"])
    if m is None:
        return []
    cut = text.rfind("\n", 0, m.start()) + 1
    return [(0, cut, "")] if cut > 0 and text[:cut].strip() else []


def _paragraph_breaks(text: str) -> list[Edit]:
    """A blank line before each line that starts a new unit, where the source has none: a
    list item, a header element, the grounds of a document or an article, a change between
    capitals and not. A text with (almost) no blank lines of its own
    has a paragraph per line, but where a line continues a hard-wrapped one: the line before
    it runs to the wrap width or ends without a stop, or it starts in lower case."""
    r = _rules()
    spans = _lines(text)
    lengths = sorted(b - a for a, b in spans if text[a:b].strip())
    if not lengths:
        return []
    filled = [i for i, (a, b) in enumerate(spans) if text[a:b].strip()]
    blank = sum(1 for a, b in spans[filled[0] : filled[-1]] if not text[a:b].strip())
    by_line = blank < r["min_blank_share"] * len(lengths)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    wrapped = width <= r["max_wrap_width"]
    edits: list[Edit] = []
    previous = None
    for start, end in spans:
        line = text[start:end].strip()
        if not line:
            previous = None
            continue
        if previous is not None and not (line.startswith("|") and previous.startswith("|")):  # rows of one table
            upper, was_upper = is_upper_line(line), is_upper_line(previous)
            new_unit = (
                starts_item(previous, line)
                or r["element"].match(line)
                or r["starts_unit"].match(line)
                or r["ends_unit"].search(previous)
                or (upper != was_upper and _has_letters(line) and _has_letters(previous))
                or (upper and was_upper and _is_type_line(previous))
            )
            if by_line and not new_unit and not (upper and was_upper):
                continues = wrapped and (
                    len(previous) >= r["wrap_share"] * width or line[0].islower() or previous[-1] not in ".;:!?…"
                )
                new_unit = not continues
            if new_unit:
                edits.append((start, start, "\n"))
        previous = line
    return edits


def _has_letters(line: str) -> bool:
    return any(c.isalpha() for c in line)


def is_upper_line(text: str) -> bool:
    """Are all the letters of ``text`` capitals (a header line, a title, a heading)?"""
    letters = regex.sub(r"[^\p{L}]", "", text)
    return bool(letters) and letters.isupper()


def _is_type_line(line: str) -> bool:
    types = patterns.load("metadata")["doc_types"]
    return any(line.casefold() == t.casefold() for t in types)


def reading_view(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """The clean reading view of normalised ``text`` (see the module's docstring)."""
    for step in (_clean_lines, _cell_tables, _layout_rows, _preamble, _paragraph_breaks):
        text, offsets = apply_edits(text, offsets, step(text))
    return text, offsets
