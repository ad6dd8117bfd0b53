"""Checks of a record's targets against what is known: its own period, the program file."""

from __future__ import annotations

from typing import Literal

from extractors.verdict import same_value
from schemas import ExtractionWarning, Period, Target
from schemas.program import NationalTarget, Program


def phase_label(year_start: int | None, year_end: int | None) -> str:
    if year_start and year_end:
        return f"{year_start}-{year_end}"
    return str(year_end or "")


def check_periods(targets: list[Target], period: Period | None) -> list[ExtractionWarning]:
    """A plan for 2021-2025 has no target for 2026-2030: flag any that falls outside its period."""
    if period is None:
        return []
    return [
        ExtractionWarning(
            code="target_outside_period",
            message=f"'{t.match.text}' is for {phase_label(t.year_start, t.year_end)}, outside the plan's period {period.start}-{period.end}",
            evidence=t.evidence,
        )
        for t in targets
        if (t.year_start and t.year_start < period.start) or (t.year_end and t.year_end > period.end)
    ]


def national_checks(
    targets: list[Target], program: Program
) -> list[tuple[Target, NationalTarget | None, Literal["match", "mismatch", "unknown"]]]:
    """Each target of a summary of the national decision against the program file."""
    out: list[tuple[Target, NationalTarget | None, Literal["match", "mismatch", "unknown"]]] = []
    for t in targets:
        indicator = program.indicator(t.indicator) if t.indicator else None
        national = indicator.national_for(phase_label(t.year_start, t.year_end)) if indicator else None
        if national is None:
            out.append((t, None, "unknown"))
        else:
            out.append((t, national, "match" if same_value(t, national) else "mismatch"))
    return out


def check_national(targets: list[Target], program: Program) -> list[ExtractionWarning]:
    """Warnings for the targets of a summary that the program file does not have, or has otherwise."""
    out = []
    for t, national, result in national_checks(targets, program):
        phase = phase_label(t.year_start, t.year_end)
        if result == "unknown":
            what = f"indicator {t.indicator} has no national target for {phase}" if t.indicator else "it maps to no indicator"
            out.append(
                ExtractionWarning(
                    code="national_target_unknown",
                    message=f"'{t.match.text}' ({phase}) is not in the program file {program.id}: {what}",
                    evidence=t.evidence,
                )
            )
        elif result == "mismatch" and national is not None:
            bound = f"-{national.value_max}" if national.value_max is not None else ""
            out.append(
                ExtractionWarning(
                    code="national_target_mismatch",
                    message=(
                        f"'{t.match.text}' for {t.indicator} {phase} differs from the program file "
                        f"({national.comparator} {national.value}{bound}, {national.status})"
                    ),
                    evidence=t.evidence,
                )
            )
    return out
