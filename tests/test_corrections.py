"""Corrections that stick: made in the terminal or from a file, stored apart, applied on top of
every re-extraction (matched by content hash and the value's quote), reported when they no
longer match, marked in the tables and the report, and usable as gold by `kehoach eval`."""

import datetime as dt
import json

import pandas as pd
import pytest

from conftest import ROOT
from test_cli import kehoach

HANOI = "samples/ha-noi_141-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt"
CANG_LONG = "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt"


def _training(record):
    (t,) = [t for t in record.targets if t.indicator == "staff_training" and t.year_end == 2025]
    return t


def _correction(record, **fields):
    from schemas.correction import Correction

    t = _training(record)
    base = dict(doc_id=record.doc_id, kind="target", action="change", quote=t.evidence.quote, match=t.match.text,
                start=t.evidence.start, author="lan", reason="bản gốc ghi 55%", created_at=dt.datetime(2026, 11, 22, 9))
    return Correction(**{**base, **fields})


def test_apply_changes_removes_adds_and_reports_what_no_longer_matches():
    from derive.corrections import apply_corrections
    from extractors.record import extract_file

    record = extract_file(HANOI)
    t = _training(record)
    changed, outcomes = apply_corrections(record, [
        _correction(record, id=1, field="value", old=50, new=55),
        _correction(record, id=2, field="phase", new="2021-2023", created_at=dt.datetime(2026, 11, 22, 10)),
        _correction(record, id=3, quote="a sentence no extractor reads", created_at=dt.datetime(2026, 11, 22, 11), field="value", new=1),
        _correction(record, id=4, field="comparator", new="about", created_at=dt.datetime(2026, 11, 22, 12)),
    ])
    assert [o.status for o in outcomes] == ["applied", "applied", "unmatched", "invalid"]
    assert outcomes[2].message == "correction 3 (change target value: 'Ít nhất 50%') no longer matches an extracted value"
    after = [x for x in changed.targets if x.evidence.quote == t.evidence.quote and x.match.text == t.match.text][0]
    assert (after.value, after.year_start, after.year_end) == (55, 2021, 2023)
    assert (after.corrected.correction_id, after.corrected.field, after.corrected.old) == (2, "phase", "2021-2025")
    assert record.targets == extract_file(HANOI).targets  # the extracted record itself is untouched

    removed, (outcome,) = apply_corrections(record, [_correction(record, id=5, action="remove")])
    assert outcome.status == "applied" and len(removed.targets) == len(record.targets) - 1
    assert removed.warnings[-1].code == "corrected_removed" and removed.warnings[-1].evidence == t.evidence


@pytest.mark.prefect
def test_a_correction_survives_a_re_extraction_with_a_new_extractor_version(prefect_harness, monkeypatch, db, tmp_path):
    import flows.ingest
    from derive.tables import build_tables
    from flows.ingest import ingest_flow
    from flows.report import render
    from flows.store import Store

    ingest_flow([HANOI, CANG_LONG], db)
    store = Store(db)
    record = next(r for r in store.records() if r.source == HANOI)
    store.add_correction(_correction(record, field="value", old=50, new=55))
    monkeypatch.setattr(flows.ingest, "extractor_version", lambda: "99.0.0")
    summary = ingest_flow([HANOI, CANG_LONG], db)
    assert [f.status for f in summary.files] == ["re-extracted", "re-extracted"]
    assert json.loads(store.raw_record(record.doc_id).model_dump_json())["targets"] == json.loads(record.model_copy().model_dump_json())["targets"]
    corrected = next(r for r in store.records() if r.doc_id == record.doc_id)
    assert _training(corrected).value == 55 and _training(corrected).corrected.author == "lan"
    (c, state, _), = store.corrections(record.doc_id)
    assert state == "applied" and c.old == 50 and c.new == 55
    from sqlalchemy import select

    from flows.store import targets

    with store.engine.connect() as conn:  # the rows researchers query carry the corrected value
        query = select(targets.c.value).where(targets.c.doc_id == record.doc_id, targets.c.indicator == "staff_training")
        values = [r.value for r in conn.execute(query)]
    assert 55 in values and 50 not in values[:1]
    tables = build_tables(store.records())
    comparison = tables["comparison"].set_index(["indicator", "phase"])
    assert comparison.loc[("staff_training", "2021-2025"), "Hà Nội"] == "≥ 55% ✎"
    long = tables["targets"]
    row = long[(long["locality"] == "Hà Nội") & (long["indicator"] == "staff_training") & (long["phase"] == "2021-2025")].iloc[0]
    assert row["corrected"] == "corrected by lan on 2026-11-22: bản gốc ghi 55% (extracted value: 50)"
    html = render(store.records(), tables)
    assert 'title="corrected by lan on 2026-11-22: bản gốc ghi 55% (extracted value: 50)">✎ đã sửa</span>' in html


@pytest.mark.prefect
def test_a_correction_that_no_longer_matches_is_reported_and_kept(prefect_harness, monkeypatch, db):
    import flows.ingest
    from flows.ingest import ingest_flow
    from flows.store import Store

    ingest_flow([HANOI], db)
    store = Store(db)
    record = store.records()[0]
    store.add_correction(_correction(record, field="value", old=50, new=55))
    real = flows.ingest.extract_document

    def reworded(doc, doc_id, source):  # a new extractor that cuts the training sentence differently
        r = real(doc, doc_id, source)
        targets = [
            t.model_copy(update={"evidence": t.evidence.model_copy(update={"quote": t.evidence.quote[2:]})}) if t.indicator == "staff_training" else t
            for t in r.targets
        ]
        return r.model_copy(update={"targets": targets})

    monkeypatch.setattr(flows.ingest, "extract_document", reworded)
    monkeypatch.setattr(flows.ingest, "extractor_version", lambda: "99.0.0")
    (result,) = ingest_flow([HANOI], db).files
    assert result.notices == ["correction 1 (change target value: 'Ít nhất 50%') no longer matches an extracted value"]
    status = store.status()["corrections"]
    assert (status["total"], status["applied"], status["not_applied"][0]["state"]) == (1, 0, "unmatched")
    assert "correction 1 (change target value: 'Ít nhất 50%') no longer matches" in kehoach("status", "--db", db).stdout


@pytest.mark.prefect
def test_correct_from_a_csv_file_and_review_in_the_terminal(prefect_harness, db, tmp_path):
    from flows.ingest import ingest_flow
    from flows.store import Store

    ingest_flow([HANOI, CANG_LONG], db)
    store = Store(db)
    cang_long = next(r for r in store.records() if r.source == CANG_LONG)
    budget = cang_long.budgets[0]
    batch = tmp_path / "sửa.csv"
    pd.DataFrame([
        {"doc": CANG_LONG, "ref": "b1", "field": "amount_vnd", "new": str(budget.amount_vnd + 1000), "reason": "cộng nhầm", "author": "minh"},
        # the office leads some tasks and coordinates another: two values with one quote, so named by ref
        {"doc": cang_long.doc_id[:10], "ref": "r1", "field": "role", "new": "responsible", "reason": "đọc lại"},
        {"doc": CANG_LONG, "ref": "t99", "field": "value", "new": "1", "reason": "x"},
        {"doc": CANG_LONG, "ref": "m", "field": "doc_number", "new": "55/KH-UBND-X", "reason": "thử"},
        {"doc": "nope", "ref": "t1", "field": "value", "new": "1", "reason": "x"},
    ]).to_csv(batch, index=False)
    result = kehoach("correct", str(batch), "--db", db, "--author", "hoa")
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "3 of 5 corrections stored"
    assert result.stderr.splitlines() == [
        f"kehoach: {batch}:4: no target t99 (the document has {len(cang_long.targets)})",
        f"kehoach: {batch}:6: no stored document 'nope'",
    ]
    after = next(r for r in store.records() if r.source == CANG_LONG)
    assert after.budgets[0].amount_vnd == budget.amount_vnd + 1000 and after.budgets[0].corrected.author == "minh"
    assert after.responsibilities[0].role == "responsible" and after.responsibilities[0].corrected.author == "hoa"
    assert after.doc_number.value == "55/KH-UBND-X"

    commands = "\n".join([
        "t1 value 65", "đúng là 65%",           # change, with its reason
        "t2 remove", "trùng",                     # remove
        "add target", "- Ít nhất 50% số cán bộ", "Ít nhất 50%",
        "{value: 50, unit: '%', comparator: at_least, phase: 2021-2025, indicator: staff_training}", "thiếu",
        "t1 colour red", "?",                      # refused: no such field
        "q",
    ]) + "\n"
    hanoi = next(r for r in store.records() if r.source == HANOI)
    result = kehoach("review", HANOI, "--db", db, "--author", "lan", input_text=commands)
    assert result.returncode == 0, result.stderr
    assert "t1   ≥ 60%  staffing_coverage  2021-2025  (trang 1)" in result.stdout
    assert (
        "kehoach: correction (change target colour: 'Ít nhất 60%') cannot be applied: Target has no field 'colour' that can be corrected"
        in result.stdout
    )
    assert result.stdout.splitlines()[-1].endswith("3 corrections stored")  # after the last prompt
    after = next(r for r in store.records() if r.source == HANOI)
    assert after.targets[0].value == 65 and len(after.targets) == len(hanoi.targets)  # one removed, one added
    added = after.targets[-1]
    assert (added.match.text, added.value, added.corrected.field) == ("Ít nhất 50%", 50, None)
    assert added.evidence.quote == "- Ít nhất 50% số cán bộ" and added.evidence.page == 1

    evaluation = json.loads(kehoach("eval", "--corrected", "--db", db, "--format", "json").stdout)
    assert sorted(evaluation["documents"]) == [CANG_LONG, HANOI]
    assert evaluation["fields"]["targets"]["fn"] >= 2 and evaluation["fields"]["budgets"]["fn"] == 1  # the corrections are the extractor's misses


@pytest.mark.slow
@pytest.mark.prefect
def test_coverage_of_the_samples(prefect_harness, db, tmp_path):
    from flows.ingest import ingest_flow

    ingest_flow([str(ROOT / "samples")], db)
    result = kehoach("coverage", "--db", db, "--json", "--out", str(tmp_path))
    tables = json.loads(result.stdout)
    old = {r["province"]: r for r in tables["2021"]}
    assert len(old) == 63 and len(tables["2025"]) == 34
    covered = {name for name, r in old.items() if r["status"] == "plan"}
    assert covered == {"Hà Nội", "Trà Vinh", "Thái Nguyên"}
    assert {r["status"] for name, r in old.items() if name not in covered} == {"missing"}
    assert old["Trà Vinh"]["district_plans"] == "Càng Long (Trà Vinh)" and old["Trà Vinh"]["now_part_of"] == "Vĩnh Long"
    assert old["Hà Nội"]["province_plan"] == "141/KH-UBND" and old["Hà Nội"]["news"]
    new = {r["province"]: r for r in tables["2025"]}
    assert {n for n, r in new.items() if r["status"] == "plan"} == {"Hà Nội", "Vĩnh Long", "Thái Nguyên"}
    assert new["Vĩnh Long"]["former_provinces_without_plan"] == "Bến Tre, Vĩnh Long"
    text = kehoach("coverage", "--db", db, "--out", str(tmp_path)).stdout
    assert "qd112, 63 provinces of 2021 (plans issued before 1 July 2025): 3 with a plan, 0 with only news, 60 missing" in text


def test_a_yaml_batch_reads_as_the_csv_one(tmp_path):
    from flows.corrections import load_batch, scalar
    from flows.store import CorrectionError

    batch = tmp_path / "sửa.yaml"
    batch.write_text(
        "- {doc: samples/a.txt, ref: t3, field: phase, new: 2026-2030, reason: đọc lại}\n"
        "- doc: samples/a.txt\n  kind: target\n  action: add\n  quote: '- Ít nhất 50% số cán bộ'\n"
        "  new: {value: 50, unit: '%', comparator: at_least}\n  reason: thiếu\n",
        "utf-8",
    )
    rows = load_batch(batch)
    assert rows[0]["new"] == "2026-2030" and rows[1]["new"] == {"value": 50, "unit": "%", "comparator": "at_least"}
    assert [scalar(x) for x in ("55", "0.5", "lead", "null", "2025-12-31")] == [55, 0.5, "lead", None, "2025-12-31"]
    batch.write_text("doc: a\n", "utf-8")
    with pytest.raises(CorrectionError, match="a YAML corrections file is a list of mappings"):
        load_batch(batch)


def test_of_one_plan_stored_twice_the_comparison_shows_the_corrected_copy():
    from derive.corrections import apply_corrections
    from derive.tables import build_tables
    from extractors.record import extract_file

    text, pdf = extract_file(HANOI), extract_file(HANOI.replace(".txt", ".pdf"))
    assert pdf.source < text.source  # uncorrected, the PDF would be the copy compared
    corrected, _ = apply_corrections(text, [_correction(text, id=1, field="value", old=50, new=55)])
    comparison = build_tables([pdf, corrected])["comparison"].set_index(["indicator", "phase"])
    assert comparison.loc[("staff_training", "2021-2025"), "Hà Nội"] == "≥ 55% ✎"
