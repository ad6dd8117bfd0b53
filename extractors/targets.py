"""Quantitative targets: "Ít nhất 60%", "85% - 90%", "tăng 20% so với năm 2020", "mỗi năm 300 người"."""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import cache
from typing import Any

import regex

from extractors import patterns
from extractors.comparators import comparator_of
from extractors.document import Document, Span
from extractors.numbers import digits_pattern, parse_number
from extractors.phases import PhaseIndex, find_phases
from extractors.segment import clauses, containing, sentences
from extractors.structure import Structure, reports
from extractors.target_tables import table_targets
from schemas import Target


@cache
def _rules() -> dict[str, Any]:
    conf = patterns.load("targets")
    num = digits_pattern().pattern
    units = "|".join(regex.escape(u).replace(r"\ ", r"\s+") for u in sorted(conf["units"], key=len, reverse=True))

    def build(p: str) -> regex.Pattern[str]:
        return patterns.compile_rule(p.replace("NUM", f"(?:{num})").replace("UNITS", units))

    return {
        "percent": build(conf["percent"]),
        "count": build(conf["count"]),
        "baseline": patterns.compile_rule(conf["baseline"]),
        "count_cues": patterns.compile_rule(conf["count_cues"]),
        "bare_percent_after": patterns.compile_rule(conf["bare_percent_after"]),
        "rate_cues": patterns.compile_rule(conf["rate_cues"]),
        "recipient_cue": patterns.compile_rule(conf["recipient_cue"]),
        "recipients": {u.lower() for u in conf["recipients"]},
        "past_heading": patterns.compile_rule(conf["past_sections"]["heading"]),
        "past_label": patterns.compile_rule(conf["past_sections"]["label"]),
        "per": {k: patterns.compile_rule(v) for k, v in conf["per"].items()},
        "per_window": conf["per_window"],
        "per_share": {k: patterns.compile_rule(v) for k, v in conf["per_share"].items()},
        "cue_carries": patterns.compile_rule(conf["cue_carries"]),
        "per_after": {k: patterns.compile_rule(v) for k, v in conf["per_after"].items()},
        "per_opening": {k: patterns.compile_rule(v) for k, v in conf["per_opening"].items()},
        "past": patterns.compile_rule(conf["past"]),
        "past_after": patterns.compile_rule(conf["past_after"]),
        "aim": patterns.compile_rule(conf["aim"]),
        "subject_words": conf["subject_words"],
        "restated": conf["restated"],
    }


def _per(prefix: str) -> str | None:
    window = prefix[-_rules()["per_window"] :]
    best: tuple[int, str] | None = None
    for name, rule in _rules()["per"].items():
        for m in rule.finditer(window):
            if best is None or m.end() > best[0]:
                best = (m.end(), name)
    return best[1] if best else None


def _per_around(doc: Document, block: Span, clause: Span, prefix: str, end: int, after_share: bool) -> str | None:
    """What a number is per: from the words before it (a count after a share of units: from
    "có" before it), else right after it ("%/năm"), else from a recurrence its item (or table cell) opens
    with, when its clause states no phase of its own."""
    rules = _rules()
    per = _per(prefix)
    if per is not None:
        return per
    if after_share:
        for name, rule in rules["per_share"].items():
            if rule.search(prefix):
                return name
    after = doc.flat(Span(end, clause.end))
    for name, rule in rules["per_after"].items():
        if rule.match(after):
            return name
    if find_phases(doc.flat(clause)):
        return None
    opening = doc.flat(block)
    for name, rule in rules["per_opening"].items():
        if rule.match(opening):
            return name
    return None


def _describes_present(doc: Document, structure: Structure, index: int) -> bool:
    """A block under a heading, or with a label, that states no aims: the present or the plan's
    reach ("1. Hiện trạng", "I. ĐÁNH GIÁ TÌNH HÌNH THIỆT HẠI", "1. Phạm vi: …"), or rules
    ("3. Tiêu chuẩn khen thưởng")."""
    rules = _rules()
    own = structure.blocks[index]
    if own.marker is not None and rules["past_label"].match(doc.flat(own.body)):
        return True
    return reports(doc, structure, index) or any(
        rules["past_heading"].match(doc.flat(structure.blocks[i].body))
        for i in (*structure.parents[index], index)
        if structure.blocks[i].heading
    )


def _reports_past(before: str, after: str) -> bool:
    """A statistic about the past ("đã hỗ trợ 5.700 đối tượng", "Kết quả …: 100% …", "35% số xã đã có"),
    unless an aim is stated between the past cue and the number ("Năm 2020 đã …; phấn đấu đạt 60%")."""
    rules = _rules()
    cues = list(rules["past"].finditer(before))
    if cues and not rules["aim"].search(before[cues[-1].end() :]):
        return True
    return bool(rules["past_after"].match(after))


def _words(text: str) -> list[str]:
    return text.split()


def _subject(doc: Document, clause: Span, match_start: int, after: int) -> str:
    limit = _rules()["subject_words"]
    following = doc.flat(Span(after, clause.end)).strip(" ,.;:")
    words = _words(following)
    if len(words) >= 2:
        text = " ".join(words[:limit])
        return text + ("…" if len(words) > limit else "")
    preceding = _words(doc.flat(Span(clause.start, match_start)).lstrip(" -+•").rstrip(" ,.;:"))
    text = " ".join(preceding[:limit])
    return text + ("…" if len(preceding) > limit else "")


def _row(doc: Document, position: int) -> tuple[Span, Span] | None:
    """The table row a number sits in, and its cell ("| 3 | Tỷ lệ … đạt 60% | Sở … |"), if any."""
    line_start = doc.text.rfind("\n", 0, position) + 1
    line_end = doc.text.find("\n", position)
    line_end = len(doc.text) if line_end < 0 else line_end
    if not doc.text[line_start:line_end].lstrip().startswith("|"):
        return None
    left = doc.text.rfind("|", line_start, position) + 1
    right = doc.text.find("|", position, line_end)
    cell = doc.trim(Span(left, line_end if right < 0 else right))
    if not cell.start <= position < cell.end:
        return None
    return doc.trim(Span(line_start, line_end)), cell


def _within(doc: Document, clause: Span, part: Span | None) -> Span:
    """The clause of a number in a table row, cut to its row (or cell): a row is no sentence,
    and the clause of "| 3 | Tỷ lệ … đạt 60% | Sở … |" is not the rows before it."""
    if part is None:
        return clause
    return doc.trim(Span(max(part.start, clause.start), min(part.end, clause.end)))


def _statement(doc: Document, clause: Span) -> list[str]:
    """The words of a clause, case, list markers and punctuation aside."""
    text = regex.sub(r"^\s*(?:[-+•]|\(?[\p{L}\d]{1,3}[.)])\s*", "", doc.flat(clause))
    return regex.findall(r"[\p{L}\d][\p{L}\d.,%/]*(?<![.,])", text.lower())


def _restates(words: list[str], earlier: list[str]) -> bool:
    """Whether a clause states again, in the same words, the clause of an earlier target (an
    annex "Phân công thực hiện các chỉ tiêu" repeating the objectives, perhaps with words added
    or left out): no word of one replaced by another (parallel items "giá trị sản phẩm nhãn …
    đạt 30,2 triệu USD, tăng 05-06%/năm" and "… trái cây … đạt trên 48,3 triệu USD, tăng
    05-06%/năm" are two aims), and a share of common words in order that two statements of
    one number for different words ("diện tích rừng ngập mặn đến năm 2030 đạt 1.700 ha" and
    "Phấn đấu đến năm 2030 diện tích rừng ngập mặn ven biển … đạt 1.700 ha") do not reach."""
    if not words or not earlier:
        return False
    same = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, words, earlier, autojunk=False).get_opcodes():
        if op == "equal":
            same += i2 - i1
        elif op == "replace":
            if "".join(words[i1:i2]) != "".join(earlier[j1:j2]):
                return False
            same += min(i2 - i1, j2 - j1)  # the same letters, spaced otherwise ("GRDPtỉnh" read from a PDF cell)
    return 2 * same / (len(words) + len(earlier)) >= _rules()["restated"]["similarity"]


def _candidates(text: str) -> list[tuple[regex.Match[str], str]]:
    """Percent and count matches of a paragraph, without overlaps (percent first)."""
    found = [(m, "percent") for m in _rules()["percent"].finditer(text)]
    taken = [(m.start(), m.end()) for m, _ in found]
    for m in _rules()["count"].finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            found.append((m, "count"))
    return sorted(found, key=lambda t: t[0].start())


def extract_targets(doc: Document, structure: Structure, phases: PhaseIndex) -> list[Target]:
    """Targets in running text, and in tables with a column per phase (``target_tables``)."""
    rules = _rules()
    out, table_lines = table_targets(doc, structure, phases.period, phases.issued)
    in_tables = {line.start for line in table_lines}
    # the targets so far: their key, the words and start of their clause, and the clauses found restating them
    stated: list[tuple[tuple, list[str], int, set[int]]] = []
    for index, block in enumerate(structure.blocks):
        text = doc.flat(block.span)
        if not regex.search(r"\d", text):
            continue
        if any(block.span.start <= start < block.span.end for start in in_tables) and all(
            line.strip().startswith("|") for line in doc.text[block.span.start : block.span.end].split("\n") if line.strip()
        ):
            continue
        if _describes_present(doc, structure, index):
            continue
        block_clauses = clauses(doc, block.span)
        block_sentences = sentences(doc, block.span)
        previous: tuple[str, int, str | None, int] | None = None  # kind, end, cue, clause start of the number before
        for m, kind in _candidates(text):
            start, end = block.span.start + m.start(), block.span.start + m.end()
            before, previous = previous, None
            row, cell = _row(doc, start) or (None, None)
            clause = _within(doc, containing(block_clauses, start), row)
            prefix = doc.flat(Span(clause.start, start))
            if _reports_past(prefix, doc.flat(Span(end, clause.end))):
                continue
            g = m.groupdict()
            is_range = g.get("v1") is not None
            value = parse_number(g["v1"] if is_range else g["v"])
            value_max = parse_number(g["v2"]) if is_range else None
            cue, cue_at = comparator_of(prefix)
            carried = False
            if (
                cue is None
                and before is not None
                and before[2] is not None
                and before[3] == clause.start
                and rules["cue_carries"].match(doc.flat(Span(before[1], start)))
            ):
                cue, carried = before[2], True
            after_share = kind == "count" and before is not None and before[0] == "percent"
            per = _per_around(doc, cell or block.body, clause, prefix, end, after_share)
            unit = "%" if kind == "percent" else regex.sub(r"\s+", " ", g["unit"].lower())
            if kind == "count" and not (
                is_range
                or cue
                or per
                or rules["count_cues"].search(prefix)
                or (unit in rules["recipients"] and rules["recipient_cue"].search(prefix))
            ):
                continue
            if (
                kind == "percent"
                and not (is_range or cue)
                and rules["bare_percent_after"].match(doc.flat(Span(end, clause.end)))
                and not rules["rate_cues"].search(prefix)
            ):
                continue
            if is_range and value_max is not None and value_max < value:
                continue
            baseline = None
            after = end
            if cue == "increase_by":
                b = rules["baseline"].match(doc.flat(Span(end, clause.end)))
                if b:
                    baseline = int(b.group("year"))
                    after = end + b.end()
            comparator = "range" if is_range else (cue or "exactly")
            if comparator == "increase_by" and is_range:
                comparator = "range"
            shown_start = clause.start + cue_at if cue and not carried else start
            previous = (kind, end, cue if cue not in ("range", None) else None, clause.start)
            subject_from = block.span.start + m.start("unit") if kind == "count" else after
            sentence = containing(block_sentences, start)
            year_start, year_end = phases.phase_at(index, sentence, start)
            words = _statement(doc, _within(doc, clause, cell))
            key = (value, value_max, unit, comparator, per, year_start, year_end, baseline)
            same = next(
                (
                    i
                    for i, (k, w, at, restated_by) in enumerate(stated)
                    if k == key and at != clause.start and clause.start not in restated_by and _restates(words, w)
                ),
                None,
            )
            if same is not None:
                stated[same][3].add(clause.start)
                continue
            stated.append((key, words, clause.start, set()))
            out.append(
                Target(
                    evidence=doc.evidence(clause.start, clause.end),
                    value=value,
                    value_max=value_max,
                    unit=unit,
                    per=per,
                    comparator=comparator,
                    year_start=year_start,
                    year_end=year_end,
                    baseline_year=baseline,
                    subject=_subject(doc, clause, shown_start, subject_from),
                    match=doc.match(shown_start, after),
                )
            )
    return out
