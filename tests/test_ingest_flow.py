"""The Prefect ingest flow, the store and the comparison table, end to end on the samples."""

import shutil

import pandas as pd
import pytest
from sqlalchemy import select

from conftest import ROOT, sample_files


@pytest.fixture()
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'kehoach.db'}"


def test_ingest_twice_stores_once_and_a_bad_file_does_not_stop_the_batch(prefect_harness, db, tmp_path):
    from flows.ingest import ingest_flow
    from flows.store import Store, document_paths, documents, failures

    inbox = tmp_path / "hộp thư đến"
    shutil.copytree(ROOT / "samples", inbox, ignore=shutil.ignore_patterns("*.py"))
    (inbox / "hỏng.pdf").write_bytes(b"PK\x03\x04 a zip renamed")
    shutil.copy(inbox / "kinhtedothi_tin-tuc_ha-noi-ke-hoach-141.txt", inbox / "same bytes, other name.txt")

    first = ingest_flow([str(inbox)], db)
    statuses = {f.path.split("/")[-1]: f.status for f in first.files}
    assert statuses["hỏng.pdf"] == "failed"
    assert [f.reason for f in first.files if f.status == "failed"] == ["not a PDF (no %PDF header)"]
    assert first.count("new") == len(sample_files())
    assert first.count("unchanged") == 1  # the copy under another name

    store = Store(db)
    assert store.count(documents) == len(sample_files())
    paths = store.paths()
    assert max(len(p) for p in paths.values()) == 2
    with store.engine.connect() as conn:
        assert [r.path.split("/")[-1] for r in conn.execute(select(failures.c.path))] == ["hỏng.pdf"]

    second = ingest_flow([str(inbox)], db)
    assert second.count("new") == 0
    assert second.count("unchanged") == len(sample_files()) + 1
    assert store.count(documents) == len(sample_files())
    assert store.count(document_paths) == len(sample_files()) + 1
    with store.engine.connect() as conn:
        (attempts,) = conn.execute(select(failures.c.attempts)).one()
    assert attempts == 2


def test_new_extractor_version_replaces_records(prefect_harness, db, monkeypatch):
    import flows.ingest
    from flows.store import Store, targets

    sample = str(ROOT / "samples/ha-noi_141-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt")
    flows.ingest.ingest_flow([sample], db)
    before = Store(db).count(targets)
    monkeypatch.setattr(flows.ingest, "EXTRACTOR_VERSION", "999.0.0")
    summary = flows.ingest.ingest_flow([sample], db)
    assert [f.status for f in summary.files] == ["re-extracted"]
    assert Store(db).count(targets) == before == 15


def test_compare_builds_the_table_from_the_database(db, tmp_path):
    from extractors.record import extract_file
    from flows.compare import build_tables, comparison_table, write_tables
    from flows.store import Store

    store = Store(db)
    for sample in sample_files():
        store.save(extract_file(sample.relative_to(ROOT)), "test")
    records = store.records()
    table = comparison_table(records)
    assert list(table.columns) == ["row", "phase", "Hà Nội", "Càng Long (Trà Vinh)", "Thái Nguyên (Thái Nguyên)"]

    def cell(locality, phase, value):
        rows = table[(table["phase"] == phase) & (table[locality] == value)]
        return len(rows)

    assert cell("Hà Nội", "2021-2025", "≥ 60%") == 1
    assert cell("Hà Nội", "2021-2025", "85-90%") == 1
    assert cell("Hà Nội", "2026-2030", "duy trì 100%") == 1
    assert cell("Hà Nội", "2021-2030", "2.000-3.000 người/năm") == 1
    assert cell("Càng Long (Trà Vinh)", "2021-2025", "+20% vs 2020") == 1
    assert cell("Thái Nguyên (Thái Nguyên)", "2026-2030", "+30% vs 2025") == 1
    assert "2026-2030" not in set(table.loc[table["Càng Long (Trà Vinh)"].notna(), "phase"])

    paths = write_tables(build_tables(records), tmp_path / "out")
    csv = pd.read_csv(paths[0], encoding="utf-8-sig")
    assert csv.shape == table.shape
    assert "'+20% vs 2020" in set(csv["Càng Long (Trà Vinh)"])  # formula-safe in spreadsheets
    xlsx = pd.read_excel(paths[-1], sheet_name=None)
    assert set(xlsx) == {"comparison", "targets", "budgets"}
    # the Càng Long plan is stored twice (PDF and text): its budget counts once
    assert xlsx["budgets"]["amount_vnd"].tolist() == [75_000_000]
