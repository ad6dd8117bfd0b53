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
