"""The target phrases of tests/cases/targets.json, one test each: every target found, with
its words, span and resolution, and nothing else.

A phrase is a fragment of a plan, not a plan: ``extract_document`` would class it ``other``
and give it no targets, so the cases run the target extractors of the pipeline themselves."""

import json
from pathlib import Path

import pytest

from extractors.indicators import assign_indicators
from extractors.phases import PhaseIndex
from extractors.readers import build_document
from extractors.structure import parse_structure
from extractors.targets import extract_targets

CASES = json.loads(Path(__file__).with_name("cases").joinpath("targets.json").read_text("utf-8"))["cases"]
FIELDS = ("value", "value_max", "unit", "per", "comparator", "baseline_year")


def targets_of(text: str) -> list:
    """The targets ``extract_document`` finds in a plan made of ``text`` (no period, no program)."""
    doc = build_document(text)
    structure = parse_structure(doc)
    targets, _ = assign_indicators(doc, extract_targets(doc, structure, PhaseIndex(doc, structure, None, None)), None)
    return targets


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_target_case(case):
    got = [
        {"match": t.match.text, "start": t.match.start, "end": t.match.end, **{f: getattr(t, f) for f in FIELDS}}
        for t in targets_of(case["text"])
    ]
    want, after = [], 0
    for r in case["results"]:  # in the order of the text: a phrase stated twice is found twice
        start = case["text"].index(r["match"], after)
        after = start + 1
        want.append({**r, "start": start, "end": start + len(r["match"])})
    assert got == want
