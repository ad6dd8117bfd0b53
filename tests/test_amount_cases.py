"""The money forms of tests/cases/amounts.json: each amount found, in đồng, with its words cross-checked."""

import json
from pathlib import Path

import pytest

from extractors.readers import build_document
from extractors.record import extract_document

CASES = json.loads(Path(__file__).with_name("cases").joinpath("amounts.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["match"] for c in CASES])
def test_amount_case(case):
    record = extract_document(build_document(case["text"]), "case", "case")
    (budget,) = record.budgets
    assert (budget.amount_vnd, budget.amount_in_words) == (case["amount_vnd"], case["amount_in_words"])
    assert case["match"] in budget.evidence.quote
    assert [w.code for w in record.warnings if w.code.startswith("amount")] == ([case["warning"]] if "warning" in case else [])


def test_a_budget_table_gives_a_row_per_year_and_its_total_is_checked():
    table = (
        "Tổng kinh phí thực hiện Kế hoạch giai đoạn 2021 - 2025:\n"
        "| Năm | Kinh phí (đồng) |\n| --- | --- |\n| 2021 | 15.000.000 |\n| 2022 | 20.000.000 |\n"
        "| Tổng cộng | 40.000.000 (bốn mươi triệu đồng) |\n"
    )
    record = extract_document(build_document(table), "t", "t.txt")
    assert [(b.amount_vnd, b.period_start, b.scope) for b in record.budgets] == [
        (15_000_000, 2021, "per_year"), (20_000_000, 2022, "per_year"), (40_000_000, 2021, "total")
    ]
    assert record.budgets[-1].amount_in_words == 40_000_000
    (warning,) = [w for w in record.warnings if w.code == "budget_total_mismatch"]
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
