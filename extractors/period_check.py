"""A plan's targets against its own period: a plan for 2021-2025 has no target for 2026-2030."""

from __future__ import annotations

from schemas import ExtractionWarning, Period, Target
from schemas.phase import phase_label


def check_periods(targets: list[Target], period: Period | None) -> list[ExtractionWarning]:
    """A warning for each target that falls outside the plan's period."""
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
