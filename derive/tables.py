"""The comparison with the national program: tables built with pandas from records.

Tables (``build_tables``):
- ``comparison``: per program, indicator and phase, the national value with its source
  status, then for each locality its value as written and a verdict (above, equal, below,
  silent, out of period, not comparable); then a row per local target that maps to no
  national indicator. Localities are ordered by level and name; a department's plan sits
  right after its locality's own.
- ``targets``: the same in long format, one row per locality × indicator × phase, with the
  evidence of every value (CSV, XLSX and Parquet).
- ``checks``: news articles against the plans they report on, summaries of the national
  decision against the program file.
- ``documents``: every stored document, with the program it was linked to (a plan linked
  to none is listed here and left out of every comparison).
- ``budgets``, ``responsibilities`` (one row per locality, agency and role, with its number
  of tasks and its successor since 2025), ``lead_matrix`` (agency kinds × localities: how
  many lead) and ``deadlines``.

Pure functions of records (no file, no database): ``flows/compare.py`` writes the tables.
"""

from __future__ import annotations

import pandas as pd

from derive.corrections import is_corrected
from derive.crosscheck import Check, run_checks, with_check_warnings
from derive.verdict import compare as compare_values
from schemas import PlanRecord, Provenance, Target
from schemas.phase import Phase, phase_label
from schemas.program import Indicator, NationalTarget, Program, programs

PER = {"year": "/năm", "unit": "/đơn vị", "commune": "/xã"}
LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}
CORRECTED_MARK = " ✎"
"""After a value in the comparison that a researcher corrected (the long table says who, when, why)."""
ROW_KEYS = ["program", "indicator", "label_vi", "label_en", "phase", "national", "national_status"]


def _num(v: int | float) -> str:
    if float(v).is_integer():
        return f"{int(v):,}".replace(",", ".")
    return str(v).replace(".", ",")


def written(v: Target | NationalTarget, per: str | None = None) -> str:
    """A value the way a table shows it: "≥ 60%", "85-90%", "+20% vs 2020", "1-2 cán bộ/đơn vị"."""
    unit = "%" if v.unit == "%" else f" {v.unit}"
    per = getattr(v, "per", per)
    if v.comparator == "range" and v.value_max is not None:
        text = f"{_num(v.value)}-{_num(v.value_max)}{unit}"
    else:
        text = f"{_num(v.value)}{unit}"
    text = {
        "at_least": f"≥ {text}",
        "at_most": f"≤ {text}",
        "maintain": f"duy trì {text}",
        "increase_by": f"+{text}" + (f" vs {v.baseline_year}" if v.baseline_year else ""),
    }.get(v.comparator, text)
    return text + PER.get(per or "", "")


def locality_label(record: PlanRecord) -> str:
    loc = record.locality
    if loc is None:
        return record.issuer.name if record.issuer else record.source
    return loc.name if loc.level == "province" else f"{loc.name} ({loc.province})"


def column_label(record: PlanRecord) -> str:
    """The locality, and for a department's plan the department: "Thái Nguyên (Thái Nguyên) · Phòng Giáo dục và Đào tạo"."""
    label = locality_label(record)
    if record.issuer is not None and record.issuer.parent:
        return f"{label} · {record.issuer.name}"
    return label


def column_order(record: PlanRecord) -> tuple:
    loc = record.locality
    level = LEVEL_ORDER.get(loc.level, len(LEVEL_ORDER)) if loc else len(LEVEL_ORDER)
    department = bool(record.issuer and record.issuer.parent)
    return (level, locality_label(record), department, column_label(record))


def local_plans(records: list[PlanRecord]) -> list[PlanRecord]:
    """Local plans, each plan once: the same plan stored as a PDF and as text counts once (the
    copy a researcher corrected, else the first by path)."""
    seen: set[tuple] = set()
    out = []
    for r in sorted(records, key=lambda r: (not is_corrected(r), r.source)):
        if r.kind != "local_plan":
            continue
        key = (
            r.doc_number.value if r.doc_number else r.doc_id,
            r.issue_date.value if r.issue_date else None,
            r.locality.name if r.locality else None,
        )
        if key not in seen:
            seen.add(key)
            out.append(r)
    return sorted(out, key=column_order)


def _row(program: Program, plan: PlanRecord, indicator: Indicator | None, phase: str, national: NationalTarget | None) -> dict:
    return {
        "program": program.id,
        "indicator": indicator.id if indicator else None,
        "label_vi": indicator.label_vi if indicator else None,
        "label_en": indicator.label_en if indicator else None,
        "phase": phase,
        "national": written(national, indicator.per) if national and indicator else None,
        "national_status": national.status if national else None,
        "locality": column_label(plan),
        "level": plan.locality.level if plan.locality else None,
        "province": plan.locality.province if plan.locality else None,
        "code": plan.locality.code if plan.locality else None,
        "current_province": plan.locality.current_province if plan.locality else None,
        "doc_number": plan.doc_number.value if plan.doc_number else None,
        "issuer": plan.issuer.name if plan.issuer else None,
    }


def _target_fields(t: Target | None) -> dict:
    if t is None:
        return dict.fromkeys(
            [
                "value", "comparator", "value_min", "value_max", "unit", "per", "baseline_year", "population", "subject",
                "quote", "page", "start", "end", "match_start", "match_end", "corrected",
            ]
        )
    return {
        "value": written(t),
        "comparator": t.comparator,
        "value_min": t.value,
        "value_max": t.value_max,
        "unit": t.unit,
        "per": t.per,
        "baseline_year": t.baseline_year,
        "population": t.population,
        "subject": t.subject,
        "quote": t.evidence.quote,
        "page": t.evidence.page,
        "start": t.evidence.start,
        "end": t.evidence.end,
        "match_start": t.match.start,
        "match_end": t.match.end,
        "corrected": corrected_note(t),
    }


def corrected_note(value: Provenance) -> str | None:
    """"corrected by lan on 2026-11-22: … (extracted: 50)" for a value a researcher corrected or added."""
    note = value.corrected
    if note is None:
        return None
    before = f" (extracted {note.field}: {note.old})" if note.field else " (added by hand)"
    return f"corrected by {note.author} on {note.at:%Y-%m-%d}: {note.reason}{before}"


def _covers(plan: PlanRecord, phase: str) -> bool:
    if plan.period is None:
        return True
    return Phase.parse(phase).overlaps(Phase(start=plan.period.start, end=plan.period.end))


def program_rows(program: Program, plans: list[PlanRecord]) -> list[dict]:
    """One row per plan × (indicator, phase) of the program, and per unmapped target."""
    universe: list[tuple[Indicator, str]] = [(ind, n.phase) for ind in program.indicators for n in ind.national]
    for plan in plans:
        for t in plan.targets:
            ind = program.indicator(t.indicator) if t.indicator else None
            if ind is not None and (ind, phase_label(t.year_start, t.year_end)) not in universe:
                universe.append((ind, phase_label(t.year_start, t.year_end)))
    rows = []
    for plan in plans:
        covered = set()
        for t in plan.targets:
            ind = program.indicator(t.indicator) if t.indicator else None
            phase = phase_label(t.year_start, t.year_end)
            national = ind.national_for(phase) if ind else None
            verdict: str = compare_values(t, national, ind.direction) if national and ind else "not comparable"
            if ind is not None:
                covered.add((ind.id, phase))
            rows.append({**_row(program, plan, ind, phase, national), **_target_fields(t), "verdict": verdict, "doc_id": plan.doc_id})
        for ind, phase in universe:
            if (ind.id, phase) in covered:
                continue
            verdict = "silent" if _covers(plan, phase) else "out of period"
            national = ind.national_for(phase)
            rows.append({**_row(program, plan, ind, phase, national), **_target_fields(None), "verdict": verdict, "doc_id": plan.doc_id})
    order = {(ind.id, phase): i for i, (ind, phase) in enumerate(sorted(universe, key=lambda u: (program.indicators.index(u[0]), u[1])))}
    rank = {column_label(p): i for i, p in enumerate(plans)}
    return sorted(
        rows,
        key=lambda r: (
            r["indicator"] is None,
            order.get((r["indicator"], r["phase"]), 0),
            r["phase"],
            r["subject"] or "" if r["indicator"] is None else "",
            rank[r["locality"]],
        ),
    )


def long_table(records: list[PlanRecord]) -> pd.DataFrame:
    """One row per locality × indicator × phase of every program, with evidence and verdict."""
    plans = local_plans(records)
    rows = []
    for program in programs():
        rows += program_rows(program, [p for p in plans if p.program_id == program.id])
    return pd.DataFrame(rows)



def pivot(long: pd.DataFrame, group_by: str = "locality") -> pd.DataFrame:
    """The long table turned wide: per row, the national value, then value and verdict per column.

    Columns are localities, or with ``group_by="current_province"`` the provinces since the 2025
    reorganisation, each cell naming the locality it comes from ("Càng Long (Trà Vinh): ≥ 30%").
    A verdict against a national value of status "unverified" reads "above (provisional)".
    """
    if long.empty:
        return pd.DataFrame(columns=ROW_KEYS)
    long = long.copy()
    long["row"] = long["indicator"].fillna(long["subject"]).fillna("")
    long["value"] = (long["value"] + CORRECTED_MARK).where(long["corrected"].notna(), long["value"])
    provisional = long["verdict"].isin(["above", "equal", "below"]) & (long["national_status"] == "unverified")
    long["shown_verdict"] = long["verdict"].where(~provisional, long["verdict"] + " (provisional)")
    keys = ["program", "row", "phase"]
    wide = long.drop_duplicates(keys).set_index(keys)[["indicator", "label_vi", "label_en", "national", "national_status"]]
    unmapped = wide["indicator"].isna()
    wide.loc[unmapped, "label_vi"] = wide.index.get_level_values("row")[unmapped]
    if group_by != "locality":
        named = long["locality"] + ": "
        long["value"] = (named + long["value"]).where(long["value"].notna())
        long["shown_verdict"] = named + long["shown_verdict"]
        long["locality"] = long[group_by].fillna("(unknown)")
    localities = list(dict.fromkeys(long["locality"]))
    for loc in localities:
        mine = long[long["locality"] == loc].groupby(keys, sort=False)
        wide[loc] = mine["value"].agg(_join)
        wide[f"{loc}: verdict"] = mine["shown_verdict"].agg(_join)
    wide = wide.reset_index()
    return wide[ROW_KEYS + [c for loc in localities for c in (loc, f"{loc}: verdict")]]


def _join(values: pd.Series) -> str | None:
    return "; ".join(dict.fromkeys(v for v in values if isinstance(v, str))) or None


def checks_table(checks: list[Check]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "source": c.source,
                "kind": c.kind,
                "indicator": c.target.indicator,
                "phase": phase_label(c.target.year_start, c.target.year_end),
                "value": written(c.target),
                "result": c.result,
                "against": c.other_source,
                "against_value": written(c.other) if c.other else None,
                "national_status": c.other_status,
                "quote": c.target.evidence.quote,
                "page": c.target.evidence.page,
                "against_quote": c.other.evidence.quote if c.other else None,
            }
            for c in checks
        ],
        columns=[
            "source", "kind", "indicator", "phase", "value", "result", "against", "against_value", "national_status", "quote", "page", "against_quote"
        ],
    )


def documents_table(records: list[PlanRecord], plans: list[PlanRecord]) -> pd.DataFrame:
    compared = {p.doc_id for p in plans}
    return pd.DataFrame(
        [
            {
                "source": r.source,
                "kind": r.kind,
                "program": r.program_id,
                "doc_number": r.doc_number.value if r.doc_number else None,
                "about": r.about.number if r.about else None,
                "column": column_label(r) if r.kind == "local_plan" else None,
                "in_comparison": r.doc_id in compared and r.program_id is not None,
                "targets": len(r.targets),
                "warnings": "; ".join(f"{w.code}: {w.message}" for w in r.warnings) or None,
                "doc_id": r.doc_id,
            }
            for r in sorted(records, key=lambda r: r.source)
        ]
    )


def budget_table(plans: list[PlanRecord]) -> pd.DataFrame:
    rows = [
        {
            "locality": column_label(r),
            "doc_number": r.doc_number.value if r.doc_number else None,
            "amount_vnd": b.amount_vnd,
            "period": phase_label(b.period_start, b.period_end) if b.period_start else None,
            "scope": b.scope,
            "quote": b.evidence.quote,
            "page": b.evidence.page,
            "corrected": corrected_note(b),
        }
        for r in plans
        for b in r.budgets
    ]
    return pd.DataFrame(rows)


def responsibilities_table(plans: list[PlanRecord]) -> pd.DataFrame:
    """One row per (locality, agency, role): how many tasks, whom it coordinates with, who holds it now."""
    rows = []
    for r in plans:
        for resp in r.responsibilities:
            rows.append(
                {
                    "locality": column_label(r),
                    "doc_number": r.doc_number.value if r.doc_number else None,
                    "agency": resp.agency,
                    "kind": resp.kind,
                    "role": resp.role,
                    "tasks": len(resp.tasks),
                    "coordinates_with": "; ".join(resp.coordinates_with) or None,
                    "successor": resp.successor,
                    "as_written": resp.as_written,
                    "page": resp.evidence.page,
                    "corrected": corrected_note(resp),
                }
            )
    columns = ["locality", "doc_number", "agency", "kind", "role", "tasks", "coordinates_with", "successor", "as_written", "page", "corrected"]
    table = pd.DataFrame(rows, columns=columns)
    return table.groupby(["locality", "doc_number", "agency", "kind", "role"], sort=False, dropna=False).agg(
        tasks=("tasks", "sum"),
        coordinates_with=("coordinates_with", _join),
        successor=("successor", "first"),
        as_written=("as_written", _join),
        page=("page", "min"),
        corrected=("corrected", _join),
    ).reset_index() if not table.empty else table


def lead_matrix(responsibilities: pd.DataFrame, plans: list[PlanRecord]) -> pd.DataFrame:
    """Which kinds of agency lead in which localities: agency kind × locality, number of lead agencies."""
    columns = [column_label(p) for p in plans]
    if responsibilities.empty:
        return pd.DataFrame(columns=["kind", *columns])
    leads = responsibilities[responsibilities["role"] == "lead"]
    matrix = pd.crosstab(leads["kind"], leads["locality"]).reindex(columns=columns, fill_value=0)
    matrix.columns.name = None
    return matrix.reset_index()


def deadlines_table(plans: list[PlanRecord]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "locality": column_label(r),
                "doc_number": r.doc_number.value if r.doc_number else None,
                "what": d.what,
                "due": d.due,
                "year": d.year,
                "quarter": d.quarter,
                "day": d.day,
                "month": d.month,
                "recurrence": d.recurrence,
                "agency": d.agency,
                "quote": d.evidence.quote,
                "page": d.evidence.page,
                "corrected": corrected_note(d),
            }
            for r in plans
            for d in r.deadlines
        ],
        columns=["locality", "doc_number", "what", "due", "year", "quarter", "day", "month", "recurrence", "agency", "quote", "page", "corrected"],
    )


def build_tables(records: list[PlanRecord], group_by: str = "locality") -> dict[str, pd.DataFrame]:
    """Every output table, by name."""
    plans = local_plans(records)
    checks = run_checks(records, plans)
    records = with_check_warnings(records, checks)
    long = long_table(records)
    responsibilities = responsibilities_table(plans)
    return {
        "comparison": pivot(long, group_by),
        "targets": long,
        "checks": checks_table(checks),
        "documents": documents_table(records, local_plans(records)),
        "budgets": budget_table(local_plans(records)),
        "responsibilities": responsibilities,
        "lead_matrix": lead_matrix(responsibilities, plans),
        "deadlines": deadlines_table(plans),
    }
