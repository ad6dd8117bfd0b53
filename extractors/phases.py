"""Periods and phases: "giai đoạn 2021 - 2025", "Đến năm 2025", "Từ năm 2026 đến năm 2030".

The phase of a value comes from the nearest heading that states one, else from the
sentence it sits in, else from a phase stated in the running text before it (news
and summaries write "Theo Kế hoạch, đến năm 2025, …" and go on in unmarked paragraphs,
or introduce a list with "… của giai đoạn 1 là:"; a list item does not inherit the
phase of the item before it), else from the document's period.
"""

from __future__ import annotations

from extractors.document import Document, Span
from extractors.phase_mentions import Phase, find_phases, is_phase_heading
from extractors.structure import Structure

__all__ = ["Phase", "PhaseIndex", "find_phases", "is_phase_heading"]


class PhaseIndex:
    """Answers "which phase does the value at this offset belong to?" for one document."""

    def __init__(self, doc: Document, structure: Structure, period: tuple[int, int] | None, issued: int | None = None):
        self.doc = doc
        self.structure = structure
        self.period = period
        self.issued = issued
        """The year of issue: an "until" phase of a plan with no period runs from it."""
        first_heading = next((b.span.start for b in structure.blocks if b.heading), 0)
        self._body_start = first_heading
        """Phases stated before the first heading (the preamble citing other documents) start no phase of the plan."""
        self._ordinals: dict[str, tuple[int, int]] = {}
        self._mentions: list[Phase] = []
        self._headings: list[Phase] = [b.phase for b in structure.blocks if b.phase is not None]
        """Phases that head a part of the plan ("1. Mục tiêu đến hết năm 2026"): the phase before
        a heading's is the heading before it, not a year cited in running text ("Chiến lược …
        đến năm 2025" in the Mục đích)."""
        self._sticky: dict[int, tuple[Phase, bool] | None] = {}
        sticky: tuple[Phase, bool] | None = None
        for i, block in enumerate(structure.blocks):
            if block.heading:
                sticky = None
            self._sticky[i] = sticky
            text = doc.flat(block.span)
            resolved = [self._resolve_ordinal(p) for p in find_phases(text, block.span.start)]
            mentions = [p for p in resolved if p is not None]
            self._mentions.extend(mentions)
            if mentions and not block.heading:
                sticky = (mentions[-1], text.rstrip().endswith(":"))

    def _resolve_ordinal(self, phase: Phase) -> Phase | None:
        if phase.ordinal is None:
            return phase
        if phase.start is not None:
            self._ordinals[phase.ordinal] = (phase.start, phase.end)
            return phase
        known = self._ordinals.get(phase.ordinal)
        if known is None:
            return None
        return Phase(known[0], known[1], phase.span, phase.ordinal)

    def _years(self, phase: Phase, sentence: Span | None = None, heading: bool = False) -> tuple[int | None, int]:
        """Fill the start of an "until" phase from the phase before it or the period.

        "a) Đến năm 2025 … b) Đến năm 2030" are successive phases (2026-2030), but
        milestones in one sentence ("đến năm 2023 đạt 40%; đến năm 2025 đạt 60%") each
        count from the start of the plan's period.
        """
        if phase.start is not None:
            return phase.start, phase.end
        pool = self._headings if heading else self._mentions
        earlier = [p for p in pool if self._body_start <= p.span.start < phase.span.start and p.end < phase.end]
        same_sentence = sentence is not None and earlier and earlier[-1].span.start >= sentence.start
        if earlier and not same_sentence:
            return earlier[-1].end + 1, phase.end
        if not earlier:
            # "đến năm 2030" where the text states the phase ending then ("Giai đoạn 2026 - 2030"),
            # e.g. a news headline restating a target of that phase; a phase of the plan lies in
            # its period, so a span starting before it names another document's time ("Quy hoạch
            # tỉnh thời kỳ 2021 - 2030" cited in a plan for 2025-2030), not a phase
            stated = [p for p in self._mentions if p.start is not None and p.end == phase.end and self._body_start <= p.span.start]
            period = self.period
            stated = [
                p for p in stated if period is None or ((p.start, p.end) != tuple(period) and p.start is not None and p.start >= period[0])
            ]
            if stated:
                return stated[0].start, phase.end
        if self.period and self.period[0] <= phase.end:
            return self.period[0], phase.end
        if self.period is None and self.issued is not None and self.issued <= phase.end:
            return self.issued, phase.end
        return None, phase.end

    def phase_at(self, block_index: int, sentence: Span, position: int) -> tuple[int | None, int | None]:
        """(year_start, year_end) for a value at ``position`` in ``sentence`` of block ``block_index``."""
        heading = self.structure.heading_phase(block_index)
        if heading is not None:
            return self._years(heading, heading=True)
        in_sentence = [p for p in self._mentions if sentence.start <= p.span.start < sentence.end]
        before = [p for p in in_sentence if p.span.start < position]
        if before:
            return self._years(before[-1], sentence)
        if in_sentence:
            return self._years(in_sentence[0], sentence)
        block = self.structure.blocks[block_index]
        earlier_here = [p for p in self._mentions if block.span.start <= p.span.start < sentence.start]
        if earlier_here and not block.heading:
            return self._years(earlier_here[-1])
        sticky = self._sticky.get(block_index)
        if sticky is not None and (block.marker is None or sticky[1]):
            return self._years(sticky[0])
        if self.period:
            return self.period
        return None, None
