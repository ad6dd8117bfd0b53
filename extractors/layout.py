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
  header element are dropped, and so is the page's own matter after the document (its
  title of it, related documents, login notices); rule lines, heading marks and footnote
  markers too; a row's empty cells at its ends (a Word or PDF table's padding) go, and a
  paragraph that is only a list marker ("VI.") joins the one after it;
- a blank line where a new unit starts on the next line without one: a header element, a
  list item, the grounds of a document ("Căn cứ …"), a change between capitals and not; a
  text with no blank lines at all gets a paragraph per line but where a hard wrap goes on.

Each pass is a list of edits ``(start, end, replacement)``; a replacement's characters map to
the source offset of the text they replace, so ``offsets`` stays non-decreasing and a quote
still leads back to its page and source span. The rules are in ``patterns/reading.yaml``.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import regex

from extractors import patterns
from extractors.markers import list_marker, starts_item

Edit = tuple[int, int, str]


@cache
def _rules() -> dict:
    conf = patterns.load("reading")["layout"]
    return {
        "element": patterns.compile_rule("|".join(f"(?:{p})" for p in conf["header_elements"]), sensitive=True),
        "starts_unit": patterns.compile_rule("|".join(f"(?:{p})" for p in conf["unit_starts"]), sensitive=True),
        "starts_task": patterns.compile_rule("|".join(f"(?:{p})" for p in conf["task_starts"]), sensitive=True),
        "ends_unit": patterns.compile_rule("|".join(f"(?:{p})" for p in conf["unit_ends"]), sensitive=True),
        "trailer": patterns.compile_rule("|".join(f"(?:{p})" for p in conf["page_trailer"]), sensitive=True),
        "trailer_title": patterns.compile_rule(conf["page_trailer_title"], sensitive=True),
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
        "short_line_share": conf["short_line_share"],
        "greedy_wrap_max_share": conf["greedy_wrap_max_share"],
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
            edits = [e for e in edits if not start <= e[0] < end]
            edits += _rewrite(text, start, end, rows)
        else:
            # cells become paragraphs: each emptied "|" line is the blank line between two
            edits += [(a, b, "") for a, b in region if text[a:b].strip() == "|"]
    return edits


def _rewrite(text: str, start: int, end: int, rows: list) -> list[Edit]:
    """Replace a table region by its "| a | b |" row lines. Only what lies between the cells'
    words is rewritten (the "|" lines, line ends, indents), so each cell's characters keep
    their own source offsets; a separator maps to where the text it replaces began."""
    edits: list[Edit] = []
    row_starts = [row[0][0][0] for row in rows]
    bounds = [start] + row_starts[1:] + [end]
    for k, row in enumerate(rows):
        tokens: list[str | tuple[int, int]] = ["| "]  # separators and (start, end) of cell text
        for j, cell in enumerate(row):
            if j:
                tokens.append(" | ")
            for i, (a, b) in enumerate(cell):
                if i:
                    tokens.append(" ")
                line = text[a:b]
                lead = len(line) - len(line.lstrip())
                tokens.append((a + lead, a + max(lead, len(line.rstrip()))))
        tokens.append(" |" + ("\n" if k + 1 < len(rows) else ""))
        pos, pending = bounds[k], ""
        for token in tokens:
            if isinstance(token, str):
                pending += token
                continue
            edits.append((pos, token[0], pending))
            pos, pending = token[1], ""
        edits.append((pos, bounds[k + 1], pending))
    return [e for e in edits if e[0] != e[1] or e[2]]


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


def _row_edges(text: str) -> list[Edit]:
    """Empty cells at the ends of a "| a | b |" row (a Word or PDF table pads a row that
    spans or sits under merged cells: "|  |  | Năm 2026 | Năm 2027 |") are dropped, so a
    row reads as a portal writes it ("| Năm 2026 | Năm 2027 |")."""
    edits: list[Edit] = []
    for start, end in _lines(text):
        line = text[start:end]
        if not (line.startswith("|") and line.rstrip().endswith("|")):
            continue
        pipes = [i for i, ch in enumerate(line) if ch == "|"]
        cells = [line[a + 1 : b] for a, b in pairwise(pipes)]
        if len(cells) < 2 or not any(c.strip() for c in cells):
            continue
        lead = next(k for k, c in enumerate(cells) if c.strip())
        trail = next(k for k, c in enumerate(reversed(cells)) if c.strip())
        if lead:
            edits.append((start + pipes[0], start + pipes[lead], ""))
        if trail:
            edits.append((start + pipes[-1 - trail] + 1, start + pipes[-1] + 1, ""))
    return edits


def _preamble(text: str) -> list[Edit]:
    """Whatever comes before the document's first header element (a portal's page chrome)."""
    r = _rules()
    m = r["anchor"].search(text, 0, r["anchor_within"])
    if m is None:
        return []
    cut = text.rfind("\n", 0, m.start()) + 1
    return [(0, cut, "")] if cut > 0 and text[:cut].strip() else []


def _trailer(text: str) -> list[Edit]:
    """What a portal page puts after the document, to the end of the page: its own title of
    the document, the related documents, its notices ("Văn bản này chưa cập nhật nội dung
    Tiếng Anh", "## Văn bản liên quan", "Quý khách Đăng nhập vào thì …")."""
    r = _rules()
    lines = [(a, b) for a, b in _lines(text) if text[a:b].strip()]
    for k, (a, b) in enumerate(lines):
        if r["trailer"].match(text, a + len(text[a:b]) - len(text[a:b].lstrip())):
            if k and r["trailer_title"].match(text[lines[k - 1][0] : lines[k - 1][1]].strip()):
                a = lines[k - 1][0]
            cut = text.rfind("\n", 0, a) + 1
            return [(cut, len(text), "")] if cut > 0 else []
    return []


def _lone_markers(text: str) -> list[Edit]:
    """A paragraph that is only a list marker ("VI.", "1.", "a)"; a Word file or a PDF sets
    the number of a heading apart) goes with the paragraph after it: the blank lines between
    them are dropped."""
    edits: list[Edit] = []
    spans = _lines(text)
    for k, (start, end) in enumerate(spans):
        if not _is_lone_marker(text[start:end].strip()) or (k and text[spans[k - 1][0] : spans[k - 1][1]].strip()):
            continue  # (a number a wrap put alone on a line after its sentence's "tháng" is none)
        n = k + 1
        while n < len(spans) and not text[spans[n][0] : spans[n][1]].strip():
            n += 1
        if n > k + 1 and n < len(spans) and not text[spans[n][0] : spans[n][1]].lstrip().startswith("|"):
            edits.append((end + 1, spans[n][0], ""))
    return edits


def _paragraph_breaks(text: str) -> list[Edit]:
    """A blank line before each line that starts a new unit, where the source has none: a
    list item, a header element, the grounds of a document or an article, a change between
    capitals and not, a line after a separator ("* *"). A line that is only a list marker
    ("1.") goes with the line after it, and a line is read together with the next one where
    a unit's opening words were cut ("Căn" / "cứ …", "Nghệ An, ngày 26" / "tháng 11 …").
    A text with (almost) no blank lines of its own has a paragraph per line, but where a line
    continues a hard-wrapped one: it starts in lower case, or the line before it runs to the
    wrap width, or that line ends without a stop and is no heading (a numbered line, or a line
    the next one's first word would have fitted on, of a wrapped text)."""
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
    greedy = _greedy(text, spans, r["short_line_share"] * width) <= r["greedy_wrap_max_share"]
    edits: list[Edit] = []
    previous = None
    paragraph: list[str] = []  # the lines of the paragraph so far
    for k, (start, end) in enumerate(spans):
        line = text[start:end].strip()
        if not line:
            previous = None
            paragraph = []
            continue
        following = text[spans[k + 1][0] : spans[k + 1][1]].strip() if k + 1 < len(spans) else ""
        joined = f"{line} {following}" if following else line
        new_unit = False
        lone_item = previous is not None and _is_lone_marker(previous) and paragraph == [previous]
        if previous is not None and not (line.startswith("|") and previous.startswith("|")) and not lone_item:
            upper, was_upper = is_upper_line(line), is_upper_line(previous)
            # a number alone on a line that ends a sentence ("trước ngày 15 tháng" / "12." /
            # "2. Phòng …") opens no item
            wrapped_number = (
                _is_lone_marker(line) and not was_upper and regex.search(r"[\p{L}\d]\s*$", previous)
                and (not following or list_marker(following) is not None)
            )
            new_unit = bool(
                starts_item(previous, line if wrapped_number else joined)
                or (any(r[rule].match(t) for rule in ("element", "starts_unit") for t in (line, joined)) and not _opened_above(previous, line))
                or r["ends_unit"].search(previous)
                or (upper != was_upper and _has_letters(line) and _has_letters(previous))
                or (upper and was_upper and _is_type_line(previous))
                or (not _has_words(previous) and _has_words(line))
                # a table's rows and the text after them, or before them but for the sentence
                # that introduces them ("… cụ thể:")
                or (by_line and line.startswith("|") != previous.startswith("|") and not previous.endswith(":"))
            )
            if by_line and not new_unit and not (upper and was_upper):
                # a heading ends short; in a text whose wrapper also cuts a paragraph's first
                # line short (not greedy), only a heading's last line of two or more tells
                room = r["short_line_share"] * width
                short = len(previous) + 1 + len(line.split()[0]) <= room
                # (a line cut short that the next one goes on from opens a paragraph)
                opens = following[:1].islower() and list_marker(following) is None and len(line) + 1 + len(following.split()[0]) <= room
                heading = short and (greedy or len(paragraph) >= 2 or opens) and (
                    _is_heading(" ".join(paragraph)) or list_marker(line) is not None
                )
                so_far = " ".join(paragraph)
                # a task after a sentence, or after a numbered heading (an agency: "13. Báo
                # và" / "Phát thanh, … đóng trên địa bàn" / "Chủ trì, phối hợp …")
                task = (previous[-1] in ".;" or _is_heading(so_far)) and r["starts_task"].match(line)
                continues = wrapped and not task and (
                    line[0].islower()
                    or so_far.count("(") > so_far.count(")")  # "(Trong đó: VNPT:" / "25 trạm, …)"
                    or len(previous) >= r["wrap_share"] * width
                    or (previous[-1] not in ".;:!?…" and not heading)
                )
                new_unit = not continues
            if new_unit:
                edits.append((start, start, "\n"))
        paragraph = [line] if new_unit or previous is None else paragraph + [line]
        previous = line
    return edits


def _greedy(text: str, spans: list[tuple[int, int]], room: float) -> float:
    """The share of the lines a paragraph goes on after (the next one starts in lower case)
    that had room for the next line's first word: about 0 in a greedily wrapped text."""
    pairs = [(text[a:b].strip(), text[c:d].strip()) for (a, b), (c, d) in pairwise(spans)]
    going_on = [(p, n) for p, n in pairs if p and n and n[0].islower()]
    if not going_on:
        return 0.0
    return sum(1 for p, n in going_on if len(p) + 1 + len(n.split()[0]) <= room) / len(going_on)


def _is_heading(line: str) -> bool:
    """A line that opens with a list marker and has words after it ("1. Mục tiêu chung"; not
    "+ Sở", a paragraph's first word the source set apart)."""
    found = list_marker(line)
    return found is not None and len(line[found[2] :].split()) >= 2


def _is_lone_marker(line: str) -> bool:
    """A line that is only a list marker ("1.", "1.1.", "a)", "-"): its item goes on below it."""
    found = list_marker(line)
    return found is not None and not line[found[2] :].strip()


def _opened_above(previous: str, line: str) -> bool:
    """Does a header element or a unit's opening begin on the line above and run into this
    one ("Thành phố Hồ Chí" / "Minh, ngày 18 tháng 11 năm 2025")? Then this line opens none."""
    r = _rules()
    both = f"{previous} {line}"
    for rule in ("element", "starts_unit"):
        if r[rule].match(previous):
            return False
        m = r[rule].match(both)
        if m and m.end() > len(previous) + 1:
            return True
    return False


def _has_words(line: str) -> bool:
    return any(c.isalnum() for c in line)


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
    for step in (_clean_lines, _trailer, _cell_tables, _layout_rows, _row_edges, _preamble, _lone_markers, _paragraph_breaks):
        text, offsets = apply_edits(text, offsets, step(text))
    return text, offsets
