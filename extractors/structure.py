"""Document structure: paragraphs as blocks with their list marker, rank and heading phase."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

import regex

from extractors import patterns
from extractors.document import Document, Span
from extractors.layout import is_upper_line
from extractors.markers import list_marker, starts_item
from extractors.phase_mentions import Phase, is_phase_heading


@dataclass(frozen=True)
class Block:
    span: Span
    body: Span
    """The text after the marker."""
    marker: str | None
    kind: str | None
    rank: float | None
    heading: bool
    phase: Phase | None = None
    """For a heading that states nothing but a phase: that ``phases.Phase``."""


@dataclass(frozen=True)
class Structure:
    blocks: list[Block]
    parents: list[tuple[int, ...]]
    """For each block, the indices of the headings it sits under, outermost first."""

    def block_at(self, offset: int) -> int | None:
        for i, block in enumerate(self.blocks):
            if block.span.start <= offset < block.span.end:
                return i
        return None

    def heading_phase(self, index: int) -> Phase | None:
        """The phase of the nearest heading above block ``index`` that states one."""
        for parent in reversed(self.parents[index]):
            if self.blocks[parent].phase is not None:
                return self.blocks[parent].phase
        return None


def split_items(doc: Document, paragraphs: list[Span]) -> list[Span]:
    """A line that opens with a list marker starts a block of its own, as it does in the
    PDF reader: "- a) Từ năm 2021 đến năm 2025" / "- Xây dựng …" on consecutive lines are two."""
    out: list[Span] = []
    lines = doc.lines()
    line_starts = [line.start for line in lines]
    for para in paragraphs:
        start = para.start
        first = bisect.bisect_left(line_starts, para.start)
        previous = ""
        for line in lines[first:]:
            if line.start >= para.end:
                break
            text = doc.text[line.start : line.end]
            if para.start < line.start and starts_item(previous, text):
                out.append(doc.trim(Span(start, line.start)))
                start = line.start
            previous = text
        out.append(doc.trim(Span(start, para.end)))
    return [s for s in out if s.end > s.start]


def join_continuations(doc: Document, paragraphs: list[Span]) -> list[Span]:
    """Rejoin a paragraph that a page break cut in two: a long paragraph that stops
    mid-sentence, followed by one with no list marker ("… ngành" / "Lao động - Thương binh …")."""
    conf = patterns.load("structure")
    ends_sentence = patterns.compile_rule(conf["sentence_end"])
    out: list[Span] = []
    for span in paragraphs:
        if out:
            prev = doc.flat(out[-1])
            if (
                len(prev) >= conf["continuation_min_chars"]
                and not ends_sentence.search(prev)
                and list_marker(doc.flat(span)) is None
                and not is_upper_line(prev)  # a title in capitals is not cut by a page break
                and not is_upper_line(doc.flat(span))
            ):
                out[-1] = Span(out[-1].start, span.end)
                continue
        out.append(span)
    return out


def parse_structure(doc: Document) -> Structure:
    conf = patterns.load("structure")
    ranks: dict[str, float] = conf["ranks"]
    max_chars: int = conf["heading_max_chars"]
    blocks: list[Block] = []
    parents: list[tuple[int, ...]] = []
    stack: list[int] = []
    for span in join_continuations(doc, split_items(doc, doc.paragraphs())):
        text = doc.flat(span)
        found = list_marker(text)
        kind, marker, body_at = found if found else (None, None, 0)
        body = Span(span.start + body_at, span.end)
        body_text = text[body_at:]
        phase = is_phase_heading(body_text, body.start)
        if kind is None and phase is not None:
            kind = "phase_line"
        rank = ranks.get(kind) if kind else None
        short = len(body_text) <= max_chars and not body_text.rstrip().endswith((".", ";", ","))
        heading = bool(rank is not None and (short or phase is not None))
        if kind is None and len(body_text) <= 60 and body_text.rstrip().endswith(":"):
            heading, rank = True, ranks["phase_line"]  # "Mục tiêu cụ thể:" in articles
        if rank is not None:
            while stack and (blocks[stack[-1]].rank or 0) >= rank:
                stack.pop()
        parents.append(tuple(stack))
        blocks.append(Block(span, body, marker, kind, rank, heading, phase))
        if heading:
            stack.append(len(blocks) - 1)
    return Structure(blocks, parents)


@cache
def _reporting() -> regex.Pattern[str]:
    return patterns.compile_rule(patterns.load("structure")["reporting_heading"])


def reports(doc: Document, structure: Structure, index: int) -> bool:
    """Does block ``index`` sit in a section that reports rather than plans (the present, the
    past, a forecast: "I. TÌNH HÌNH THỰC HIỆN …", "II. DỰ BÁO …"), by its own heading or one
    above it?"""
    return any(
        _reporting().match(doc.flat(structure.blocks[i].body))
        for i in (*structure.parents[index], index)
        if structure.blocks[i].heading
    )


def captions(doc: Document, structure: Structure, first_row: int) -> list[str]:
    """The text introducing the table whose first row starts at ``first_row``: its paragraph's
    words before the row, and the paragraphs just above ("Mẫu biểu số 01" / "DỰ BÁO MỘT SỐ CHỈ
    TIÊU …"), nearest first (the reading view has no emphasis markers left)."""
    index = structure.block_at(first_row)
    if index is None:
        return []
    own = doc.text[structure.blocks[index].span.start : first_row]
    found = [own] if own.strip() else []
    for i in range(index - 1, max(-1, index - 1 - patterns.load("structure")["caption_paragraphs"]), -1):
        text = doc.flat(structure.blocks[i].span)
        if text.lstrip().startswith("|"):
            break
        found.append(text)
    return [c.strip() for c in found]


def reporting_table(doc: Document, structure: Structure, first_row: int) -> bool:
    """Is the table whose first row starts at ``first_row`` a report (in a section that reports,
    or captioned so: "DỰ BÁO MỘT SỐ CHỈ TIÊU …")?"""
    index = structure.block_at(first_row)
    if index is None:
        return False
    return reports(doc, structure, index) or any(_reporting().match(c) for c in captions(doc, structure, first_row))
