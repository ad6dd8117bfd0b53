"""The comparison with Quyết định 112, from the database, on the samples.

Values are read off the samples by hand: Hà Nội commits "Ít nhất 50%" of staff trained by
2025 against the national "Ít nhất có 30%", Càng Long "Ít nhất có 30%".
"""

from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, sample_files
from derive.tables import ROW_KEYS, build_tables
from extractors.readers import build_document
from extractors.record import extract_document, extract_file
from flows.compare import write_tables
from flows.store import Store

HA_NOI, CANG_LONG = "Hà Nội", "Càng Long (Trà Vinh)"
THAI_NGUYEN = "Thái Nguyên (Thái Nguyên) · Phòng Giáo dục và Đào tạo"
NEWS = ROOT / "samples/kinhtedothi_tin-tuc_ha-noi-ke-hoach-141.txt"
SUMMARY = ROOT / "samples/hai-phong_tom-tat_quyet-dinh-112-QD-TTg.txt"

# The records fixture extracts every sample, the two scans too (OCR, about 18 s).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'kehoach.db'}")
    for sample in sample_files():  # every sample, the PDFs too: a plan stored twice counts once
        store.save(extract_file(sample.relative_to(ROOT)), "test")
    return store.records()


@pytest.fixture(scope="module")
def tables(records):
    return build_tables(records)


def row(tables, indicator, phase):
    table = tables["comparison"]
    (found,) = table[(table["indicator"] == indicator) & (table["phase"] == phase)].to_dict("records")
    return found


def test_columns_are_localities_by_level_then_departments_under_their_locality(tables):
    localities = [HA_NOI, CANG_LONG, THAI_NGUYEN]
    assert list(tables["comparison"].columns) == ROW_KEYS + [c for loc in localities for c in (loc, f"{loc}: verdict")]


def test_training_target_against_the_national_30_percent(tables):
    r = row(tables, "staff_training", "2021-2025")
    assert (r["national"], r["national_status"]) == ("≥ 30%", "verbatim")
    assert (r[HA_NOI], r[f"{HA_NOI}: verdict"]) == ("≥ 50%", "above")
    assert (r[CANG_LONG], r[f"{CANG_LONG}: verdict"]) == ("≥ 30%", "equal")
    assert (r[THAI_NGUYEN], r[f"{THAI_NGUYEN}: verdict"]) == ("100%", "above")


def test_silent_out_of_period_and_provisional(tables):
    growth = row(tables, "disadvantaged_support_growth", "2021-2025")
    assert (pd.isna(growth[HA_NOI]), growth[f"{HA_NOI}: verdict"]) == (True, "silent")  # Hà Nội sets a coverage rate instead
    assert growth[f"{CANG_LONG}: verdict"] == "equal"
    later = row(tables, "staff_training", "2026-2030")
    assert (later["national"], later["national_status"]) == ("50%", "unverified")
    assert later[f"{HA_NOI}: verdict"] == "equal (provisional)"
    assert later[f"{CANG_LONG}: verdict"] == "out of period"  # Càng Long's plan covers 2021-2025 only
    children = row(tables, "children_support", "2021-2025")
    assert (children[HA_NOI], children[f"{HA_NOI}: verdict"]) == ("100%", "above")
    assert (children[CANG_LONG], children[f"{CANG_LONG}: verdict"]) == ("≥ 85%", "equal")


def test_long_table_has_one_row_per_locality_indicator_phase(tables):
    long = tables["targets"]
    mapped = long[long["indicator"].notna()]
    assert not mapped.duplicated(["locality", "indicator", "phase"]).any()
    universe = mapped[["indicator", "phase"]].drop_duplicates()
    assert len(mapped) == 3 * len(universe)
    training = long[(long["indicator"] == "staff_training") & (long["locality"] == HA_NOI) & (long["phase"] == "2021-2025")]
    (quote,) = training["quote"]
    assert quote.startswith("- Ít nhất 50% số cán bộ")
    assert set(long["verdict"]) <= {"above", "equal", "below", "silent", "out of period", "not comparable"}


def test_news_corroborates_its_plan_and_is_no_column(tables):
    checks = tables["checks"]
    news = checks[checks["source"].str.endswith(NEWS.name)]
    assert set(news["result"]) == {"corroborates"}
    assert len(news) == 14
    web_page = checks[checks["source"].str.endswith(NEWS.with_suffix(".html").name)]
    assert list(web_page["result"]) == list(news["result"])  # the same article saved from the portal
    docs = tables["documents"]
    assert not docs.loc[docs["kind"] == "news", "in_comparison"].any()


def test_summary_agrees_with_the_program_file(tables):
    checks = tables["checks"]
    summary = checks[checks["source"].str.endswith(SUMMARY.name)]
    assert list(summary["result"]) == ["matches program"] * 7


def _doctored(path: Path, old: str, new: str, tmp_path: Path):
    text = path.read_text("utf-8")
    assert old in text
    return extract_document(build_document(text.replace(old, new)), f"doctored-{path.stem}", f"doctored/{path.name}")


def test_a_contradicting_article_is_a_warning_on_both(records, tmp_path):
    article = _doctored(NEWS, "có ít nhất 60% cơ sở", "có ít nhất 70% cơ sở", tmp_path)
    others = [r for r in records if r.kind != "news"]
    tables = build_tables(others + [article])
    checks = tables["checks"]
    (contradiction,) = checks[checks["result"] == "contradicts"].to_dict("records")
    assert (contradiction["value"], contradiction["against_value"], contradiction["indicator"]) == ("≥ 70%", "≥ 60%", "staffing_coverage")
    docs = tables["documents"].set_index("source")
    assert "contradicts_plan" in docs.loc["doctored/" + NEWS.name, "warnings"]
    (plan_source,) = [s for s in docs.index if "ha-noi_141" in s and docs.loc[s, "in_comparison"]]
    assert "contradicted_by_source" in docs.loc[plan_source, "warnings"]


def test_a_summary_that_differs_from_the_program_is_reported(tmp_path):
    summary = _doctored(SUMMARY, "Đạt 60% số cơ quan", "Đạt 65% số cơ quan", tmp_path)
    assert summary.warnings == []  # the check derives from the record and the program file: not stored
    tables = build_tables([summary])
    assert list(tables["checks"]["result"]).count("differs from program") == 1
    (warnings,) = tables["documents"]["warnings"]
    assert "national_target_mismatch" in warnings and "65%" in warnings and "verbatim" in warnings


def test_a_plan_for_another_decision_is_left_out(records):
    from test_program import DISABILITY_PLAN

    other = extract_document(build_document(DISABILITY_PLAN), "disability", "my-duc_12-KH-UBND.txt")
    tables = build_tables(records + [other])
    assert not any("Mỹ Đức" in c for c in tables["comparison"].columns)
    docs = tables["documents"].set_index("source")
    assert not docs.loc["my-duc_12-KH-UBND.txt", "in_comparison"]


def test_tables_are_written_as_csv_xlsx_and_parquet(tables, tmp_path):
    paths = write_tables(tables, tmp_path / "out")
    names = ["comparison", "targets", "checks", "documents", "budgets", "responsibilities", "lead_matrix", "deadlines"]
    assert {p.name for p in paths} == {f"{n}.csv" for n in names} | {"targets.parquet", "comparison.xlsx"}
    csv = pd.read_csv(tmp_path / "out/comparison.csv", encoding="utf-8-sig")
    assert csv.shape == tables["comparison"].shape
    assert "'+20% vs 2020" in set(csv[CANG_LONG])  # formula-safe in spreadsheets
    parquet = pd.read_parquet(tmp_path / "out/targets.parquet")
    assert len(parquet) == len(tables["targets"])
    assert set(parquet["national_status"].dropna()) == {"verbatim", "summary", "unverified"}
    xlsx = pd.read_excel(tmp_path / "out/comparison.xlsx", sheet_name=None)
    assert set(xlsx) == set(names)
    budgets = xlsx["budgets"]
    # Càng Long, stored as text, PDF, scan and budget-table PDF, counts once: one total
    assert budgets.loc[budgets["scope"] == "total", "amount_vnd"].dropna().tolist() == [75_000_000]  # Càng Long, stored as PDF and text, counts once


def test_responsibilities_and_which_kinds_lead_where(tables):
    resp = tables["responsibilities"]
    # one row per (locality, agency, role); the PDF and text copies of a plan count once
    assert not resp.duplicated(["locality", "agency", "role"]).any()
    rows = resp[(resp["locality"] == CANG_LONG) & (resp["agency"] == "Phòng Lao động - Thương binh và Xã hội")].to_dict("records")
    # a role per task: it leads two, and coordinates the network of social-work staff
    assert [(row["role"], row["tasks"], row["kind"]) for row in rows] == [("lead", 2, "office"), ("coordinate", 1, "office")]
    matrix = tables["lead_matrix"].set_index("kind")
    assert (matrix.loc["department", HA_NOI], matrix.loc["police", HA_NOI], matrix.loc["office", CANG_LONG]) == (4, 1, 5)
    assert matrix[THAI_NGUYEN].sum() == 0  # the education office's plan names no lead agency
    deadlines = tables["deadlines"]
    assert len(deadlines[deadlines["locality"] == CANG_LONG]) == 5


def test_grouped_by_the_provinces_since_2025(records):
    table = build_tables(records, group_by="current_province")["comparison"]
    assert [c for c in table.columns if c not in ROW_KEYS] == [
        "Hà Nội", "Hà Nội: verdict", "Vĩnh Long", "Vĩnh Long: verdict", "Thái Nguyên", "Thái Nguyên: verdict"
    ]
    (row,) = table[(table["indicator"] == "staff_training") & (table["phase"] == "2021-2025")].to_dict("records")
    assert row["Vĩnh Long"] == "Càng Long (Trà Vinh): ≥ 30%"  # Trà Vinh is part of Vĩnh Long since 1 July 2025
    assert row["Vĩnh Long: verdict"] == "Càng Long (Trà Vinh): equal"


def test_localities_carry_codes_and_todays_province(records):
    by_name = {r.locality.name: r.locality for r in records if r.kind == "local_plan"}
    cang_long = by_name["Càng Long"]
    assert (cang_long.code, cang_long.province, cang_long.province_code, cang_long.current_province) == ("844", "Trà Vinh", "84", "Vĩnh Long")
    assert (by_name["Hà Nội"].level, by_name["Hà Nội"].code) == ("province", "01")
    assert (by_name["Thái Nguyên"].level, by_name["Thái Nguyên"].code, by_name["Thái Nguyên"].current_province) == ("district", "164", "Thái Nguyên")
