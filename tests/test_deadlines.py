"""Deadlines of plan texts (tests/cases/deadlines.json): time, recurrence and agency."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.readers import build_document
from extractors.record import extract_document

CASES = json.loads((Path(__file__).parent / "cases" / "deadlines.json").read_text("utf-8"))["cases"]
HEADER = "Số: 12/KH-UBND\n\nThanh Hóa, ngày 20 tháng 4 năm 2026\n\nKẾ HOẠCH\n\n{title}\n\n"
TITLE = "Thực hiện công tác năm 2026"


def _key(d) -> list:
    return [d.due.isoformat() if d.due else None, d.year, d.quarter, d.day, d.month, d.recurrence, d.agency]


@pytest.mark.parametrize("case", CASES, ids=[c["name"][:40] for c in CASES])
def test_deadlines_of_a_text(case):
    header = HEADER.format(title=case.get("title", TITLE))  # the title gives the plan's period
    record = extract_document(build_document(header + case["text"]), "t", "t.txt")
    assert record.kind == "local_plan"
    assert [_key(d) for d in record.deadlines] == case["deadlines"]
