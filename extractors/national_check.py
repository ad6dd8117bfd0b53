"""Checks of a record's targets against what is known: its own period, the program file."""

from __future__ import annotations

from extractors.verdict import same_value
from schemas import ExtractionWarning, Period, Target
from schemas.program import Program


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


def check_national(targets: list[Target], program: Program) -> list[ExtractionWarning]:
    """A summary of the national decision: every target it states must be the program file's."""
    out = []
    for t in targets:
        phase = phase_label(t.year_start, t.year_end)
        indicator = program.indicator(t.indicator) if t.indicator else None
        national = indicator.national_for(phase) if indicator else None
        if national is None:
            what = f"indicator {t.indicator} has no national target for {phase}" if indicator else "it maps to no indicator"
            out.append(
                ExtractionWarning(
                    code="national_target_unknown",
                    message=f"'{t.match.text}' ({phase}) is not in the program file {program.id}: {what}",
                    evidence=t.evidence,
                )
            )
        elif not same_value(t, national):
            out.append(
                ExtractionWarning(
                    code="national_target_mismatch",
                    message=(
                        f"'{t.match.text}' for {t.indicator} {phase} differs from the program file "
                        f"({national.comparator} {national.value}"
                        + (f"-{national.value_max}" if national.value_max is not None else "")
                        + f", {national.status})"
                    ),
                    evidence=t.evidence,
                )
            )
    return out
