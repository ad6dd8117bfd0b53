"""The Prefect ingest flow and the store, end to end on the samples."""

import shutil

import pytest
from sqlalchemy import select

from conftest import ROOT, sample_files


@pytest.mark.slow
@pytest.mark.prefect
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


@pytest.mark.prefect
def test_new_extractor_version_replaces_records(prefect_harness, db, monkeypatch):
    import flows.ingest
    from flows.store import Store, targets

    sample = str(ROOT / "samples/ha-noi_141-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt")
    flows.ingest.ingest_flow([sample], db)
    before = Store(db).count(targets)
    monkeypatch.setattr(flows.ingest, "extractor_version", lambda: "999.0.0")
    summary = flows.ingest.ingest_flow([sample], db)
    assert [f.status for f in summary.files] == ["re-extracted"]
    assert Store(db).count(targets) == before == 15


def test_extraction_from_many_threads_at_once_on_a_cold_start():
    """Prefect runs the tasks of a batch in threads: the shared spaCy pipeline and matchers must
    be built once and give every thread the same answer (a fresh process once failed here)."""
    from concurrent.futures import ThreadPoolExecutor

    from extractors import indicators
    from extractors.record import extract_file

    indicators.nlp.cache_clear()
    indicators._population_matcher.cache_clear()
    indicators._INDICATOR_MATCHERS.clear()
    files = [str(p.relative_to(ROOT)) for p in sample_files() if "ban-scan" not in p.name] * 2
    with ThreadPoolExecutor(max_workers=8) as pool:
        records = list(pool.map(extract_file, files))
    alone = {f: extract_file(f) for f in set(files)}
    for f, record in zip(files, records, strict=False):
        assert record == alone[f], f
