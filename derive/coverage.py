"""Which provinces have a plan loaded for a national program, which only a news article about
one, and which nothing: for the 63 provinces of 2021 (plans issued before the 1 July 2025
reorganisation) and for the 34 of today (every plan, by the province its locality is part of
now). Districts are named where plans are district plans.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from derive.tables import column_label, local_plans
from extractors.localities import district_count, provinces
from schemas import Locality, PlanRecord

REORGANISATION = dt.date(2025, 7, 1)
STATUS_ORDER = {"plan": 0, "news only": 1, "missing": 2}


def _place(r: PlanRecord) -> Locality:
    """The locality of a record kept for having one."""
    assert r.locality is not None
    return r.locality


def _issued_before_reform(r: PlanRecord) -> bool:
    return r.issue_date is None or r.issue_date.value < REORGANISATION


def coverage(records: list[PlanRecord], program: str = "qd112", as_of: int = 2021) -> pd.DataFrame:
    """One row per province (63 with ``as_of=2021``, 34 with 2025): status ``plan``, ``news only``
    or ``missing``, the plans (province-level, and district or department plans by name), and
    the news articles."""
    plans = [r for r in local_plans(records) if r.program_id == program and r.locality is not None]
    news = [r for r in records if r.kind == "news" and r.program_id == program and r.locality is not None]
    old = as_of < 2025
    if old:
        plans = [r for r in plans if _issued_before_reform(r)]

    def where(r: PlanRecord) -> str:
        return _place(r).province if old else (_place(r).current_province or _place(r).province)

    rows = []
    for p in provinces(as_of):
        mine = [r for r in plans if where(r) == p.name]
        told = [r for r in news if where(r) == p.name]
        own = [r for r in mine if _place(r).level == "province"]
        below = [r for r in mine if _place(r).level != "province"]
        status = "plan" if mine else "news only" if told else "missing"
        rows.append(
            {
                "province": p.name,
                "code": p.code,
                "status": status,
                "province_plan": "; ".join(r.doc_number.value if r.doc_number else r.source for r in own) or None,
                "district_plans": "; ".join(dict.fromkeys(column_label(r) for r in below)) or None,
                "districts_covered": (
                    f"{len({_place(r).name for r in below if _place(r).level == 'district'})} of {district_count(p.name)}"
                    if old and below
                    else None
                ),
                "news": "; ".join(dict.fromkeys(r.source for r in told)) or None,
                "now_part_of": p.current if old and p.current != p.name else None,
                "former_provinces_without_plan": None if old else _former_without_plan(p.name, mine),
                "lat": p.lat,
                "lon": p.lon,
            }
        )
    table = pd.DataFrame(rows)
    return table.sort_values(["status", "code"], key=lambda c: c.map(STATUS_ORDER) if c.name == "status" else c).reset_index(drop=True)


def _former_without_plan(province: str, plans: list[PlanRecord]) -> str | None:
    """For a province of today, the provinces of 2021 it absorbed that have no plan of their own."""
    formers = [q.name for q in provinces(2021) if q.current == province]
    covered = {_place(r).province for r in plans}
    missing = [name for name in formers if name not in covered]
    return ", ".join(missing) if plans and missing else None


def summary(table: pd.DataFrame) -> dict[str, int]:
    return {status: int((table["status"] == status).sum()) for status in STATUS_ORDER}
