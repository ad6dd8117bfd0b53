"""Golden files: the hand-checked record of every sample, compared field by field.

Regenerate with ``KEHOACH_REGEN=1 pytest tests/test_golden.py`` (the one flag of goldens and
cases, defined in tests/test_cases.py; ``KEHOACH_REGEN_GOLDEN=1`` is its old name) only after a
reviewed change, and say in the commit message which values moved and why.
"""

import json
import os
from pathlib import Path

import pytest

from conftest import GOLDEN, ROOT, sample_files
from extractors.record import extract_file
from record_diff import diff
from test_cases import REGEN, regenerating


def golden_path(sample: Path) -> Path:
    return GOLDEN / f"{sample.name}.json"


def samples():
    """Every sample; the scans are OCR'd (8-10 s each), so their cases are `slow`."""
    return [pytest.param(p, marks=pytest.mark.slow) if "scan" in p.name else p for p in sample_files()]


@pytest.mark.parametrize("sample", samples(), ids=lambda p: p.name)
def test_sample_matches_golden(sample: Path):
    record = extract_file(sample.relative_to(ROOT)).model_dump(mode="json")
    path = golden_path(sample)
    if regenerating():
        path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    problems = diff(expected, record)
    assert not problems, "\n".join(problems)


def test_every_sample_has_a_golden_file():
    missing = [s.name for s in sample_files() if not golden_path(s).exists()]
    assert not missing


def test_regeneration_flag_is_off_in_ci():
    assert not (REGEN and os.environ.get("CI")), "KEHOACH_REGEN=1 rewrites the goldens and the cases: never set it in CI"


@pytest.mark.parametrize("sample", samples(), ids=lambda p: p.name)
def test_quotes_are_the_document_text(sample: Path):
    """Every evidence quote is exactly the normalised document text at its span."""
    from extractors.readers import read_file

    _, doc = read_file(sample)
    record = extract_file(sample.relative_to(ROOT)).model_dump(mode="json")

    def walk(node):
        if isinstance(node, dict):
            ev = node.get("evidence")
            if ev:
                assert ev["quote"] == doc.text[ev["start"] : ev["end"]].replace("\n", " ")
                assert ev["page"] == doc.page_at(ev["start"])
            if "match" in node and isinstance(node["match"], dict):
                m = node["match"]
                assert m["text"] == doc.text[m["start"] : m["end"]].replace("\n", " ")
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(record)
