"""Sources that are not plans, checked against what they report on.

- A news article about a plan (``about`` = the plan's number) corroborates or contradicts
  the plan's targets, indicator by indicator; a contradiction is a warning on both records.
- A summary of a national decision is checked against the program file: each of its
  targets becomes a row of the checks table, and a target the program file has otherwise,
  or not at all, a warning on the summary.

These warnings are derived, like the tables: they are on the records of the comparison
tables and the report, not stored, so a corrected program file or plan changes them at the
next ``compare``. Pure functions of records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from derive.verdict import same_value
from schemas import ExtractionWarning, PlanRecord, Target
from schemas.phase import Phase, phase_label
from schemas.program import NationalTarget, Program
from schemas.program import program as program_by_id

NationalResult = Literal["match", "mismatch", "unknown"]


@dataclass(frozen=True)
class Check:
    source: str
    kind: str
    target: Target
    result: str
    """corroborates | contradicts | not in plan | matches program | differs from program | not in program"""
    other_source: str | None = None
    other: Target | None = None
    other_status: str | None = None
    national: NationalTarget | None = None


def _overlap(a: Target, b: Target) -> bool:
    pa, pb = Phase.of(a.year_start, a.year_end), Phase.of(b.year_start, b.year_end)
    return pa is None or pb is None or pa.overlaps(pb)


def reported_plan(article: PlanRecord, plans: list[PlanRecord]) -> PlanRecord | None:
    """The plan an article is about: same number and, when both name one, same locality."""
    if article.about is None:
        return None
    for plan in plans:
        if plan.doc_number is None or plan.doc_number.value != article.about.number:
            continue
        if article.locality and plan.locality and article.locality.name != plan.locality.name:
            continue
        return plan
    return None


def news_checks(article: PlanRecord, plan: PlanRecord) -> list[Check]:
    out = []
    for t in article.targets:
        if t.indicator is None:
            continue
        candidates = [p for p in plan.targets if p.indicator == t.indicator and _overlap(p, t)]
        same = next((p for p in candidates if same_value(p, t)), None)
        if same is not None:
            out.append(Check(article.source, article.kind, t, "corroborates", plan.source, same))
        elif candidates:
            out.append(Check(article.source, article.kind, t, "contradicts", plan.source, candidates[0]))
        else:
            out.append(Check(article.source, article.kind, t, "not in plan", plan.source))
    return out


def national_checks(targets: list[Target], program: Program) -> list[tuple[Target, NationalTarget | None, NationalResult]]:
    """Each target of a summary of the national decision against the program file."""
    out: list[tuple[Target, NationalTarget | None, NationalResult]] = []
    for t in targets:
        indicator = program.indicator(t.indicator) if t.indicator else None
        national = indicator.national_for(phase_label(t.year_start, t.year_end)) if indicator else None
        if national is None:
            out.append((t, None, "unknown"))
        else:
            out.append((t, national, "match" if same_value(t, national) else "mismatch"))
    return out


def summary_checks(summary: PlanRecord) -> list[Check]:
    program = program_by_id(summary.program_id) if summary.program_id else None
    if program is None:
        return []
    results = {"match": "matches program", "mismatch": "differs from program", "unknown": "not in program"}
    return [
        Check(summary.source, summary.kind, t, results[result], program.id, None, national.status if national else None, national)
        for t, national, result in national_checks(summary.targets, program)
    ]


def run_checks(records: list[PlanRecord], plans: list[PlanRecord]) -> list[Check]:
    """Every check of every article and summary among ``records`` (plans as deduplicated by the caller)."""
    checks: list[Check] = []
    for r in records:
        if r.kind == "news":
            plan = reported_plan(r, plans)
            if plan is not None:
                checks += news_checks(r, plan)
        elif r.kind == "national_program":
            checks += summary_checks(r)
    return checks


def _national_warning(c: Check) -> ExtractionWarning | None:
    t, phase = c.target, phase_label(c.target.year_start, c.target.year_end)
    if c.result == "not in program":
        what = f"indicator {t.indicator} has no national target for {phase}" if t.indicator else "it maps to no indicator"
        return ExtractionWarning(
            code="national_target_unknown",
            message=f"'{t.match.text}' ({phase}) is not in the program file {c.other_source}: {what}",
            evidence=t.evidence,
        )
    national = c.national
    if c.result == "differs from program" and national is not None:
        bound = f"-{national.value_max}" if national.value_max is not None else ""
        return ExtractionWarning(
            code="national_target_mismatch",
            message=(
                f"'{t.match.text}' for {t.indicator} {phase} differs from the program file "
                f"({national.comparator} {national.value}{bound}, {national.status})"
            ),
            evidence=t.evidence,
        )
    return None


def with_check_warnings(records: list[PlanRecord], checks: list[Check]) -> list[PlanRecord]:
    """``records`` with the warnings the checks give: on both sides of every contradiction, and
    on a summary for each target the program file has otherwise or not at all."""
    extra: dict[str, list[ExtractionWarning]] = {}
    for c in checks:
        national = _national_warning(c)
        if national is not None:
            extra.setdefault(c.source, []).append(national)
        if c.result != "contradicts" or c.other is None or c.other_source is None:
            continue
        phase = phase_label(c.target.year_start, c.target.year_end)
        extra.setdefault(c.source, []).append(
            ExtractionWarning(
                code="contradicts_plan",
                message=f"'{c.target.match.text}' ({c.target.indicator}, {phase}) but the plan {c.other_source} says '{c.other.match.text}'",
                evidence=c.target.evidence,
            )
        )
        extra.setdefault(c.other_source, []).append(
            ExtractionWarning(
                code="contradicted_by_source",
                message=f"'{c.other.match.text}' ({c.other.indicator}) but {c.source} reports '{c.target.match.text}'",
                evidence=c.other.evidence,
            )
        )
    return [r.model_copy(update={"warnings": r.warnings + extra[r.source]}) if r.source in extra else r for r in records]
