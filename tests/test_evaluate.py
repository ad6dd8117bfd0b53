"""``kehoach eval``: scores against gold records, and every miss and false hit named."""

import json
import shutil

import pytest

from conftest import GOLDEN, ROOT
from test_cli import kehoach


@pytest.mark.slow  # the CLI over every sample, the two scans OCR'd
def test_eval_on_the_golden_files_scores_every_annotated_field():
    result = kehoach("eval", str(GOLDEN), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["documents"]) == len(list(GOLDEN.glob("*.json")))
    fields = report["fields"]
    for name in ("kind", "doc_number", "issue_date", "locality", "period", "targets", "targets.indicator", "targets.phase", "budgets"):
        assert fields[name]["f1"] == 1.0, name
    assert fields["targets"]["tp"] == sum(len(json.loads(p.read_text("utf-8"))["targets"]) for p in GOLDEN.glob("*.json"))
    assert report["errors"] == []


def test_eval_names_each_miss_and_false_hit(tmp_path):
    """A gold record that disagrees with the document: Hà Nội's training target written as 40%."""
    gold = json.loads((GOLDEN / "ha-noi_141-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt.json").read_text("utf-8"))
    (training,) = [t for t in gold["targets"] if t["match"]["text"] == "Ít nhất 50%"]
    training["value"] = 40
    partial = {"source": gold["source"], "kind": "local_plan", "doc_number": {"value": "14/KH-UBND"}, "targets": gold["targets"]}
    shutil.copy(ROOT / gold["source"], tmp_path / "ha-noi.txt")
    (tmp_path / "ha-noi.txt.json").write_text(json.dumps(partial, ensure_ascii=False), "utf-8")

    result = kehoach("eval", str(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    row = {line.split()[0]: line.split()[1:] for line in lines[2:] if line and not line.startswith(" ")}
    assert row["targets"][:3] == ["14", "1", "1"]
    assert row["doc_number"][:3] == ["0", "1", "1"]
    assert "title" not in row  # not annotated, not scored
    assert any(line.strip().startswith("miss") and "(40, None, 'at_least', '2021-2025', 'staff_training')" in line for line in lines)
    assert any(line.strip().startswith("false hit") and "Ít nhất 50% số cán bộ" in line for line in lines)


def test_eval_of_a_folder_without_gold_is_an_error(tmp_path):
    result = kehoach("eval", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == f"kehoach: {tmp_path}: no gold records (*.json) in this folder"


# The variant gold set (tests/gold/): documents written in the style of the samples by another
# hand, never tuned on. These floors are the F1 measured when the set was written (one point
# below, rounded down): raise them when the extractor improves, never lower them to pass.
VARIANT_FLOORS = {
    "kind": 1.0, "doc_number": 1.0, "issuer": 1.0, "issue_date": 1.0, "period": 1.0, "references": 1.0,
    "locality": 0.85, "title": 0.99, "targets": 0.99, "targets.value": 0.99, "targets.phase": 0.99,
    "targets.indicator": 0.99, "targets.population": 0.99, "budgets": 0.99,
    "responsibilities": 0.93, "deadlines": 0.99,
}


def test_eval_on_the_variant_gold_set_keeps_its_floors():
    result = kehoach("eval", str(ROOT / "tests/gold"), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["documents"]) == 5
    scores = {name: report["fields"][name]["f1"] for name in VARIANT_FLOORS}
    assert {n: s for n, s in scores.items() if s < VARIANT_FLOORS[n]} == {}


# The real documents (tests/gold_real/): 36 documents of ../shared/corpus/portal/ annotated by
# hand (tests/ANNOTATION.md). Floors one point below the F1 measured when they were last
# raised (every field at least 0.95, as issue 15 asks). tests/unseen_real/ is scored in the README and the
# notes only: it is never tuned to, so it holds no floor.
# (36 documents since round 4: the 6 added last were annotated and scored before tuning; their
# remaining misses, listed in the README, hold responsibilities at 98.5 and deadlines at 97.3)
REAL_FLOORS = {
    "kind": 1.0, "doc_number": 1.0, "doc_type": 1.0, "issue_date": 1.0, "issuer": 1.0, "locality": 1.0,
    "title": 1.0, "period": 1.0, "signer": 1.0, "references": 0.99,
    "targets": 0.99, "responsibilities": 0.98, "deadlines": 0.97, "budgets": 0.99,
    "targets.value": 0.99, "targets.comparator": 0.99, "targets.phase": 0.99, "targets.population": 0.98, "targets.per": 0.98,
}


@pytest.mark.slow  # the CLI over the 36 real documents
def test_eval_on_the_real_gold_set_keeps_its_floors():
    result = kehoach("eval", str(ROOT / "tests/gold_real"), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["documents"]) == len(list((ROOT / "tests/gold_real").glob("*.json"))) >= 20
    scores = {name: report["fields"][name]["f1"] for name in REAL_FLOORS}
    assert {n: s for n, s in scores.items() if s < REAL_FLOORS[n]} == {}


def test_targets_without_evidence_pair_with_the_extracted_target_that_agrees_most():
    """An annex annotated by value (no offsets): two rows of 20000 with different years are
    paired year with year, so a right extraction scores every attribute right; a wrong year is
    still a phase error."""
    from derive.scoring import Evaluation, _score_target_attributes

    def target(year: int, start: int | None = None) -> dict:
        t = {"value": 20000, "value_max": None, "comparator": "exactly", "year_start": year, "year_end": year}
        return t | ({"evidence": {"start": start}} if start is not None else {})

    ev = Evaluation()
    _score_target_attributes(ev, [target(2029), target(2030)], [target(2030, 10), target(2029, 50)])
    assert (ev.score("targets.phase").tp, ev.score("targets.phase").fp) == (2, 0)
    ev = Evaluation()
    _score_target_attributes(ev, [target(2029), target(2030)], [target(2030, 10), target(2028, 50)])
    assert (ev.score("targets.phase").tp, ev.score("targets.phase").fn) == (1, 1)
