"""The comparison table: targets of every stored local plan, one column per locality.

Built with pandas from the database, so it reflects every plan ever loaded.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from schemas import PlanRecord, Target

PER = {"year": "/năm", "unit": "/đơn vị", "commune": "/xã"}
LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}
FORMULA_START = ("=", "+", "-", "@")


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula ("+20% vs 2020") get a leading quote."""
    return df.map(lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_START) else v)


def as_written(t: Target) -> str:
    """A target the way a table shows it: "≥ 60%", "85-90%", "+20% vs 2020", "1-2 cán bộ/đơn vị"."""

    def num(v: int | float) -> str:
        if float(v).is_integer():
            return f"{int(v):,}".replace(",", ".")
        return str(v).replace(".", ",")

    unit = "%" if t.unit == "%" else f" {t.unit}"
    per = PER.get(t.per or "", "")
    if t.comparator == "range" and t.value_max is not None:
        text = f"{num(t.value)}-{num(t.value_max)}{unit}"
    else:
        text = f"{num(t.value)}{unit}"
    text = {
        "at_least": f"≥ {text}",
        "at_most": f"≤ {text}",
        "maintain": f"duy trì {text}",
        "increase_by": f"+{text}" + (f" vs {t.baseline_year}" if t.baseline_year else ""),
    }.get(t.comparator, text)
    return text + per


def locality_label(record: PlanRecord) -> str:
    loc = record.locality
    if loc is None:
        return record.issuer.name if record.issuer else record.source
    return loc.name if loc.level == "province" else f"{loc.name} ({loc.province})"


def phase_label(t: Target) -> str:
    if t.year_start and t.year_end:
        return f"{t.year_start}-{t.year_end}"
    return str(t.year_end or "")


def local_plans(records: list[PlanRecord]) -> list[PlanRecord]:
    """Local plans, each plan once: the same plan stored as a PDF and as text counts once."""
    seen: set[tuple] = set()
    out = []
    for r in sorted(records, key=lambda r: r.source):
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
    return out


def long_table(records: list[PlanRecord]) -> pd.DataFrame:
    """One row per target of every local plan, with its evidence."""
    rows = []
    for r in local_plans(records):
        for t in r.targets:
            rows.append(
                {
                    "locality": locality_label(r),
                    "level": r.locality.level if r.locality else None,
                    "province": r.locality.province if r.locality else None,
                    "doc_number": r.doc_number.value if r.doc_number else None,
                    "issuer": r.issuer.name if r.issuer else None,
                    "row": t.indicator or t.subject,
                    "phase": phase_label(t),
                    "value": as_written(t),
                    "comparator": t.comparator,
                    "value_min": t.value,
                    "value_max": t.value_max,
                    "unit": t.unit,
                    "per": t.per,
                    "baseline_year": t.baseline_year,
                    "quote": t.evidence.quote,
                    "page": t.evidence.page,
                    "start": t.evidence.start,
                    "end": t.evidence.end,
                    "doc_id": r.doc_id,
                }
            )
    return pd.DataFrame(rows)


def pivot(long: pd.DataFrame) -> pd.DataFrame:
    """The long table turned wide: rows (indicator or target text, phase), a column per locality."""
    if long.empty:
        return pd.DataFrame(columns=["row", "phase"])
    rank = long["level"].map(LEVEL_ORDER).fillna(len(LEVEL_ORDER))
    localities = list(dict.fromkeys(long.assign(rank=rank).sort_values(["rank", "locality"])["locality"]))
    wide = long.pivot_table(
        index=["row", "phase"], columns="locality", values="value", aggfunc=lambda v: "; ".join(dict.fromkeys(v)), sort=False
    )
    wide = wide.reindex(columns=localities).reset_index()
    wide.columns.name = None
    return wide.sort_values(["phase", "row"], kind="stable").reset_index(drop=True)


def comparison_table(records: list[PlanRecord]) -> pd.DataFrame:
    """Rows (indicator or target text, phase), one column per locality, values as written."""
    return pivot(long_table(records))


def budget_table(records: list[PlanRecord]) -> pd.DataFrame:
    rows = [
        {
            "locality": locality_label(r),
            "doc_number": r.doc_number.value if r.doc_number else None,
            "amount_vnd": b.amount_vnd,
            "period": f"{b.period_start}-{b.period_end}" if b.period_start else None,
            "scope": b.scope,
            "quote": b.evidence.quote,
            "page": b.evidence.page,
        }
        for r in local_plans(records)
        for b in r.budgets
    ]
    return pd.DataFrame(rows)


def build_tables(records: list[PlanRecord]) -> dict[str, pd.DataFrame]:
    """Every output table, by name: comparison (wide), targets (long) and budgets."""
    long = long_table(records)
    return {"comparison": pivot(long), "targets": long, "budgets": budget_table(records)}


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write one CSV per table and comparison.xlsx with a sheet per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, df in tables.items():
        paths.append(out_dir / f"{name}.csv")
        csv_safe(df).to_csv(paths[-1], index=False, encoding="utf-8-sig")
    paths.append(out_dir / "comparison.xlsx")
    with pd.ExcelWriter(paths[-1], engine="openpyxl") as xlsx:
        for name, df in tables.items():
            df.to_excel(xlsx, sheet_name=name, index=False)
    return paths
