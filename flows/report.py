"""The HTML report: one self-contained file (styles and scripts inlined, no network) built from
the tables of ``flows.compare`` and the stored records.

- First view: the comparison with Quyết định 112 (and any other program file): indicators by
  phase as rows, the national value (marked when provisional), then each locality's value
  coloured by its verdict; sortable by any column, filterable by province, level and phase.
- A chart per indicator: each locality's value against the national line (inline SVG).
- Every value links to its evidence: the quoted sentence with the number highlighted, the
  document number and the page; a section per plan lists everything extracted from it.

All text from documents goes through Jinja2's autoescaping: a plan containing ``<script>``
renders as text.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from derive.coverage import coverage, summary
from derive.tables import column_label, corrected_note, local_plans, written
from schemas import PlanRecord
from schemas.program import program

TEMPLATES = Path(__file__).with_name("templates")
VERDICT_CLASS = {
    "above": "above",
    "equal": "equal",
    "below": "below",
    "silent": "silent",
    "out of period": "out",
    "not comparable": "nc",
}


@dataclass
class Evidence:
    id: str
    before: str
    match: str
    after: str
    locality: str
    doc_number: str | None
    page: int
    plan: str  # anchor of the plan's section
    corrected: str | None = None


@dataclass
class Cell:
    value: str | None
    verdict: str
    evidence: str | None  # Evidence.id
    sort: float | None
    corrected: str | None = None


@dataclass
class Row:
    program: str
    indicator: str | None
    label: str
    label_en: str | None
    phase: str
    national: str | None
    national_status: str | None
    cells: dict[str, list[Cell]] = field(default_factory=dict)


@dataclass
class Column:
    label: str
    province: str | None
    level: str | None
    plan: str


def plan_anchor(doc_id: str) -> str:
    return f"plan-{doc_id[:12]}"


def _split_quote(quote: str, start: int, match_start: int | None, match_end: int | None) -> tuple[str, str, str]:
    """The quote cut around the matched number (offsets are in the document; the quote starts at ``start``)."""
    if match_start is None or match_end is None:
        return quote, "", ""
    a, b = int(match_start) - start, int(match_end) - start
    if not 0 <= a <= b <= len(quote):
        return quote, "", ""
    return quote[:a], quote[a:b], quote[b:]


def _number(v: Any) -> float | None:  # a cell of a pandas table
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def comparison_rows(long: pd.DataFrame, plans: list[PlanRecord]) -> tuple[list[Row], list[Evidence]]:
    """Rows of the comparison and the evidence of every value in them."""
    anchors = {p.doc_id: plan_anchor(p.doc_id) for p in plans}
    rows: dict[tuple, Row] = {}
    evidence: list[Evidence] = []
    for rec in long.to_dict("records"):
        rec = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rec.items()}
        key = (rec["program"], rec["indicator"] or rec["subject"], rec["phase"])
        row = rows.setdefault(
            key,
            Row(
                program=rec["program"],
                indicator=rec["indicator"],
                label=rec["label_vi"] or rec["subject"] or "",
                label_en=rec["label_en"],
                phase=rec["phase"],
                national=rec["national"],
                national_status=rec["national_status"],
            ),
        )
        ev_id = None
        if rec["quote"] is not None:
            ev_id = f"ev-{len(evidence) + 1}"
            before, match, after = _split_quote(rec["quote"], int(rec["start"]), rec.get("match_start"), rec.get("match_end"))
            evidence.append(
                Evidence(
                    ev_id, before, match, after, rec["locality"], rec["doc_number"], int(rec["page"]), anchors[rec["doc_id"]], rec.get("corrected")
                )
            )
        row.cells.setdefault(rec["locality"], []).append(
            Cell(rec["value"], rec["verdict"], ev_id, _number(rec["value_min"]), rec.get("corrected"))
        )
    return list(rows.values()), evidence


@dataclass
class Bar:
    label: str
    value: float
    text: str
    verdict: str
    evidence: str | None


@dataclass
class Chart:
    title: str
    phase: str
    unit: str
    national: float | None
    national_text: str | None
    provisional: bool
    bars: list[Bar]
    silent: list[str]
    scale: float


def charts(rows: list[Row]) -> list[Chart]:
    """One chart per indicator and phase that at least one locality states a value for."""
    out = []
    for row in rows:
        if row.indicator is None:
            continue
        bars, silent = [], []
        for locality, cells in row.cells.items():
            stated = [c for c in cells if c.sort is not None]
            if not stated:
                if any(c.verdict == "silent" for c in cells):
                    silent.append(locality)
                continue
            c = stated[0]
            assert c.sort is not None  # stated: a sort value
            bars.append(Bar(locality, c.sort, c.value or "", VERDICT_CLASS.get(c.verdict.split(" (")[0], "nc"), c.evidence))
        if not bars:
            continue
        spec = program(row.program)
        assert spec is not None, row.program  # the rows come from the program files
        indicator = spec.indicator(row.indicator)
        national = indicator.national_for(row.phase) if indicator else None
        national_value = float(national.value) if national and national.comparator != "increase_by" else None
        scale = max([b.value for b in bars] + ([national_value] if national_value is not None else [])) or 1.0
        out.append(
            Chart(
                title=row.label,
                phase=row.phase,
                unit=indicator.unit if indicator else "",
                national=national_value,
                national_text=row.national,
                provisional=row.national_status == "unverified",
                bars=bars,
                silent=silent,
                scale=scale * 1.1,
            )
        )
    return out


def plan_sections(records: list[PlanRecord], plans: list[PlanRecord]) -> list[dict]:
    """Everything extracted from each stored document, plans first."""
    in_comparison = {p.doc_id for p in plans}
    ordered = plans + sorted((r for r in records if r.doc_id not in in_comparison), key=lambda r: r.source)
    sections = []
    for r in ordered:
        sections.append(
            {
                "anchor": plan_anchor(r.doc_id),
                "title": column_label(r) if r.kind == "local_plan" else (r.title.value if r.title else r.source),
                "record": r,
                "targets": [
                    {
                        "t": t,
                        "written": written(t),
                        "parts": _split_quote(t.evidence.quote, t.evidence.start, t.match.start, t.match.end),
                        "corrected": corrected_note(t),
                    }
                    for t in r.targets
                ],
            }
        )
    return sections


@dataclass
class Dot:
    name: str
    status: str
    x: float
    y: float
    detail: str


def coverage_maps(records: list[PlanRecord], program: str = "qd112") -> list[dict]:
    """The provinces of 2021 and of today as dots placed by their coordinates, coloured by coverage."""
    maps = []
    for as_of, title in ((2021, "63 tỉnh, thành năm 2021"), (2025, "34 tỉnh, thành từ 1/7/2025")):
        table = coverage(records, program, as_of)
        dots = []
        for row in table.to_dict("records"):
            parts = [str(row[k]) for k in ("province_plan", "district_plans") if isinstance(row[k], str)]
            if isinstance(row["news"], str):
                parts.append(f"{len(row['news'].split('; '))} tin bài")
            detail = "; ".join(parts)
            dots.append(Dot(row["province"], row["status"], round((row["lon"] - 102.0) * 34, 1), round((23.6 - row["lat"]) * 34, 1), detail))
        maps.append({"title": title, "dots": dots, "summary": summary(table), "covered": [d for d in dots if d.status != "missing"]})
    return maps


def render(records: list[PlanRecord], tables: dict[str, pd.DataFrame], source: str = "", program_id: str = "qd112") -> str:
    """The report of ``records`` against the national program ``program_id``: its number, name
    and labels come from the program file."""
    national = program(program_id)
    if national is None:
        raise ValueError(f"no program file with id {program_id!r}")
    plans = local_plans(records)
    long = tables["targets"]
    rows, evidence = comparison_rows(long, plans) if not long.empty else ([], [])
    labels = list(dict.fromkeys(long["locality"])) if not long.empty else []
    by_label = {column_label(p): p for p in plans}
    columns = [
        Column(
            label=label,
            province=place.province if (place := by_label[label].locality) else None,
            level=place.level if place else None,
            plan=plan_anchor(by_label[label].doc_id),
        )
        for label in labels
    ]
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("report.html.j2")
    return template.render(
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        source=source,
        rows=rows,
        columns=columns,
        evidence=evidence,
        charts=charts(rows),
        sections=plan_sections(records, plans),
        verdict_class=VERDICT_CLASS,
        provinces=sorted({c.province for c in columns if c.province}),
        levels=[lv for lv in ("province", "district", "commune") if any(c.level == lv for c in columns)],
        phases=sorted({r.phase for r in rows}),
        style=(TEMPLATES / "report.css").read_text("utf-8"),
        script=(TEMPLATES / "report.js").read_text("utf-8"),
        documents=len(records),
        maps=coverage_maps(records, program_id),
        program=national,
    )


def write_report(records: list[PlanRecord], tables: dict[str, pd.DataFrame], out_dir: Path, source: str = "") -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.html"
    path.write_text(render(records, tables, source), "utf-8")
    return path
