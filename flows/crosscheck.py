"""Sources that are not plans, checked against what they report on.

- A news article about a plan (``about`` = the plan's number) corroborates or contradicts
  the plan's targets, indicator by indicator; a contradiction is a warning on both records.
- A summary of a national decision is checked against the program file (the extractor
  already warns on a mismatch; here each of its targets becomes a row of the checks table).

Pure functions of records; the comparison command calls them.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.national_check import national_checks
from extractors.verdict import same_value
from schemas import ExtractionWarning, PlanRecord, Target
from schemas.program import program as program_by_id


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


def _years(t: Target) -> tuple[int, int] | None:
    if t.year_end is None:
        return None
    return (t.year_start or t.year_end, t.year_end)


def _overlap(a: Target, b: Target) -> bool:
    ya, yb = _years(a), _years(b)
    if ya is None or yb is None:
        return True
    return ya[0] <= yb[1] and yb[0] <= ya[1]


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


def summary_checks(summary: PlanRecord) -> list[Check]:
    program = program_by_id(summary.program_id) if summary.program_id else None
    if program is None:
        return []
    results = {"match": "matches program", "mismatch": "differs from program", "unknown": "not in program"}
    return [
        Check(summary.source, summary.kind, t, results[result], program.id, None, national.status if national else None)
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


def with_contradictions(records: list[PlanRecord], checks: list[Check]) -> list[PlanRecord]:
    """``records`` with a warning on both sides of every contradiction."""
    extra: dict[str, list[ExtractionWarning]] = {}
    for c in checks:
        if c.result != "contradicts" or c.other is None or c.other_source is None:
            continue
        phase = f"{c.target.year_start}-{c.target.year_end}"
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
