"""A phase: the years a target, a plan, a budget or a national value is for.

A record stores a phase as two years (``year_start``/``year_end`` of a target, ``start``/
``end`` of a period, ``period_start``/``period_end`` of a budget) and a program file or a
correction writes it as text ("2021-2025", or "2025" for one year). This module is the one
place that reads that text and writes the label, so "2021 - 2025", "2021–2025" and
"2021-2025" are one phase everywhere.
"""

from __future__ import annotations

import regex
from pydantic import BaseModel, ConfigDict, model_validator

_TEXT = regex.compile(r"\s*((?:19|20)\d\d)\s*(?:[-–—]\s*((?:19|20)\d\d)\s*)?")


class Phase(BaseModel):
    """From ``start`` to ``end``, both included."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: int
    end: int

    @model_validator(mode="after")
    def _ordered(self) -> Phase:
        if self.end < self.start:
            raise ValueError(f"a phase ends before it starts: {self.start}-{self.end}")
        return self

    @classmethod
    def parse(cls, text: str | int) -> Phase:
        """``"2021-2025"`` (any dash, spaces allowed) or one year ``"2025"``; ValueError otherwise."""
        m = _TEXT.fullmatch(str(text))
        if m is None:
            raise ValueError(f"not a phase: {text!r} (write '2021-2025' or '2025')")
        start = int(m.group(1))
        return cls(start=start, end=int(m.group(2) or start))

    @classmethod
    def of(cls, start: int | None, end: int | None) -> Phase | None:
        """The phase of two stored years: a target "by 2025" (no start) is the year 2025."""
        if end is None:
            return None
        return cls(start=start or end, end=end)

    @property
    def label(self) -> str:
        return f"{self.start}-{self.end}"

    def overlaps(self, other: Phase) -> bool:
        return self.start <= other.end and other.start <= self.end


def phase_label(start: int | None, end: int | None) -> str:
    """How tables and messages write a target's years: "2021-2025", "2025" when only the end
    is stated ("đến năm 2025"), "" when neither is."""
    if start and end:
        return f"{start}-{end}"
    return str(end or "")
