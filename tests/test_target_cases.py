"""The target phrases of tests/cases/targets.json, one test each: every target found, with
its words, span and resolution, and nothing else."""

import json
from pathlib import Path

import pytest

from extractors.readers import build_document
from extractors.record import extract_document

CASES = json.loads(Path(__file__).with_name("cases").joinpath("targets.json").read_text("utf-8"))["cases"]
FIELDS = ("value", "value_max", "unit", "per", "comparator", "baseline_year")


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_target_case(case):
    record = extract_document(build_document(case["text"]), "case", "case")
    got = [
        {"match": t.match.text, "start": t.match.start, "end": t.match.end, **{f: getattr(t, f) for f in FIELDS}}
        for t in record.targets
    ]
    want = []
    for r in case["results"]:
        start = case["text"].index(r["match"])
        want.append({**r, "start": start, "end": start + len(r["match"])})
    assert got == want
