"""Budget scenarios beyond the one-amount cases of tests/cases/amounts.json (run by
tests/test_cases.py): tables by year and by activity with their totals checked and the warnings'
messages, sources without an amount, the table of a sample PDF.

A table alone is a fragment of a plan, not a plan: ``extract_document`` would class it
``other`` and give it no budgets, so the fragments run the pipeline's budget extractor itself
(``budgets_of``); whole plans go through ``extract_document``."""

from extractors.budgets import extract_budgets
from extractors.readers import build_document
from extractors.record import extract_document
from extractors.structure import parse_structure
from schemas import Budget, ExtractionWarning


def budgets_of(text: str, period: tuple[int, int] | None = None) -> tuple[list[Budget], list[ExtractionWarning]]:
    """The budgets and budget warnings ``extract_document`` gives a plan made of ``text`` with that period."""
    doc = build_document(text)
    return extract_budgets(doc, parse_structure(doc), period)


def test_a_budget_table_gives_a_row_per_year_and_its_total_is_checked():
    table = (
        "Tổng kinh phí thực hiện Kế hoạch giai đoạn 2021 - 2025:\n"
        "| Năm | Kinh phí (đồng) |\n| --- | --- |\n| 2021 | 15.000.000 |\n| 2022 | 20.000.000 |\n"
        "| Tổng cộng | 40.000.000 (bốn mươi triệu đồng) |\n"
    )
    budgets, warnings = budgets_of(table, period=(2021, 2025))  # the period its sentence states
    assert [(b.amount_vnd, b.period_start, b.scope) for b in budgets] == [
        (15_000_000, 2021, "per_year"), (20_000_000, 2022, "per_year"), (40_000_000, 2021, "total")
    ]
    assert budgets[-1].amount_in_words == 40_000_000
    (warning,) = [w for w in warnings if w.code == "budget_total_mismatch"]
    assert "40,000,000" in warning.message and "35,000,000" in warning.message


def test_sources_without_an_amount_are_budgets_without_an_amount():
    text = (
        "Số: 3/KH-UBND\n\nKẾ HOẠCH\n\nThực hiện Chương trình phát triển công tác xã hội giai đoạn 2021 - 2025\n\n"
        "III. KINH PHÍ THỰC HIỆN\n\n1. Ngân sách tỉnh và ngân sách huyện bố trí trong dự toán hằng năm.\n\n"
        "2. Nguồn xã hội hóa, các nguồn hợp pháp khác theo quy định của pháp luật về ngân sách nhà nước.\n"
    )
    record = extract_document(build_document(text), "t", "t.txt")
    assert [(b.amount_vnd, b.sources) for b in record.budgets] == [
        (None, ["provincial", "district"]), (None, ["socialisation", "other"])
    ]


def test_a_table_of_activities_by_year_is_checked_cell_by_cell():
    table = (
        "Tổng kinh phí thực hiện Kế hoạch giai đoạn 2021 - 2022 là 30.000.000 đồng, cụ thể:\n"
        "| Nội dung hoạt động | 2021 | 2022 | Tổng cộng |\n"
        "| Tuyên truyền | 3.000.000 | 3.000.000 | 6.000.000 |\n"
        "| Tập huấn | 6.000.000 | 7.000.000 | 12.000.000 |\n"
        "| Tổng cộng | 9.000.000 | 10.000.000 | 19.000.000 |\n"
    )
    budgets, warnings = budgets_of(table)
    cells = [(b.activity, b.period_start, b.amount_vnd) for b in budgets if b.scope == "activity"]
    assert cells == [
        ("Tuyên truyền", 2021, 3_000_000), ("Tuyên truyền", 2022, 3_000_000), ("Tập huấn", 2021, 6_000_000), ("Tập huấn", 2022, 7_000_000)
    ]
    messages = [w.message for w in warnings if w.code == "budget_total_mismatch"]
    assert messages == [
        "the text states 30,000,000 but the table's total is 19,000,000",
        "total of 'Tập huấn': the table states 12,000,000 but its cells add up to 13,000,000",
    ]


def test_the_budget_table_sample_pdf():
    """samples/…_bang-du-toan-kinh-phi.pdf: the Càng Long plan costed in a ruled table of 4 activities × 5 years."""
    from conftest import ROOT
    from extractors.record import extract_file

    record = extract_file(ROOT / "samples/cang-long_55-KH-UBND_2021_bang-du-toan-kinh-phi.pdf")
    cells = [b for b in record.budgets if b.scope == "activity"]
    assert len(cells) == 17  # 20 cells, 3 of them "-"
    assert sum(b.amount_vnd for b in cells) == 75_000_000
    assert [(b.activity, b.period_start, b.amount_vnd) for b in cells][-2:] == [
        ("Sơ kết, tổng kết", 2023, 3_000_000), ("Sơ kết, tổng kết", 2025, 9_000_000)
    ]
    (total,) = [b for b in record.budgets if b.scope == "total" and b.amount_vnd]
    assert (total.amount_vnd, total.period_start, total.period_end) == (75_000_000, 2021, 2025)
    assert not [w for w in record.warnings if w.code == "budget_total_mismatch"]
