"""Phases stated in text: "giai đoạn 2021 - 2025", "Đến năm 2025", "Từ năm 2026 đến năm 2030",
"giai đoạn 1" (rules: ``phases.yaml``), and the headings that state nothing but one.

``structure`` marks phase headings with these and ``phases`` gives each value its phase from
them; neither imports the other's module for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors import patterns
from extractors.document import Span


@dataclass(frozen=True)
class Phase:
    start: int | None
    end: int
    span: Span
    ordinal: str | None = None


def find_phases(text: str, offset: int = 0) -> list[Phase]:
    """Every phase stated in ``text`` (positions shifted by ``offset``), in order, not overlapping."""
    found: list[tuple[int, int, Phase]] = []
    for key in ("range", "until", "ordinal_ref"):
        for m in patterns.rule("phases", key).finditer(text):
            groups = m.groupdict()
            start = int(groups["start"]) if groups.get("start") else None
            end = int(groups["end"]) if groups.get("end") else 0
            if start is not None and not (start <= end <= start + 20):
                continue
            phase = Phase(start, end, Span(m.start() + offset, m.end() + offset), groups.get("ordinal"))
            found.append((m.start(), -(m.end() - m.start()), phase))
    found.sort(key=lambda t: (t[0], t[1]))
    out: list[Phase] = []
    for _, _, phase in found:
        if out and phase.span.start < out[-1].span.end:
            continue
        out.append(phase)
    return out


def is_phase_heading(text: str, offset: int = 0) -> Phase | None:
    """The phase, if ``text`` (at ``offset`` in the document) states nothing but a phase ("a) Đến năm 2025")."""
    phases = find_phases(text, offset)
    if len(phases) != 1 or phases[0].span.start - offset > 12:
        return None
    tail = text[phases[0].span.end - offset :]
    if patterns.rule("phases", "heading_tail").fullmatch(tail):
        return phases[0]
    return None
