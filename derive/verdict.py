"""How one target value stands against another: the same, above, below, or not comparable.

Used to compare a local target with the national one, a summary of the national decision
with the program file, and a news article with the plan it reports on. Pure functions of
values; the direction ("higher is better") comes from the program file.
"""

from __future__ import annotations

from typing import Literal, Protocol

Verdict = Literal["above", "equal", "below", "not comparable"]


class Value(Protocol):
    # Read-only: a Target's comparator is a Literal, and a NationalTarget is frozen.
    @property
    def value(self) -> int | float: ...
    @property
    def value_max(self) -> int | float | None: ...
    @property
    def comparator(self) -> str: ...
    @property
    def baseline_year(self) -> int | None: ...


def bounds(v: Value) -> tuple[float, float]:
    """The committed range: "85-90%" is (85, 90); "≥ 60%", "60%" and "duy trì 60%" are (60, 60)."""
    low = float(v.value)
    high = float(v.value_max) if v.comparator == "range" and v.value_max is not None else low
    return low, high


def same_value(a: Value, b: Value) -> bool:
    """Both state the same figure (wording such as "đạt" vs "ít nhất" aside)."""
    return bounds(a) == bounds(b) and (a.comparator == "increase_by") == (b.comparator == "increase_by") and (
        a.baseline_year == b.baseline_year
    )


def compare(local: Value, national: Value, direction: str = "higher") -> Verdict:
    """``local`` against ``national``: the lower bounds decide, then the upper bounds."""
    if (local.comparator == "increase_by") != (national.comparator == "increase_by"):
        return "not comparable"
    if local.comparator == "increase_by" and local.baseline_year != national.baseline_year:
        return "not comparable"
    a, b = bounds(local), bounds(national)
    if a == b:
        return "equal"
    above = a > b
    if direction == "lower":
        above = not above
    return "above" if above else "below"
