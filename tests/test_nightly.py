"""Nightly runs: a run's summary is stored and `status` reports it; a run killed mid-batch loses
nothing and leaves no partial record; two runs at once store every document once."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conftest import ROOT
from test_cli import kehoach

TEXTS = sorted((ROOT / "samples").glob("*.txt"))


def _inbox(folder, copies: int):
    """``copies`` distinct plan files (each sample text with a number appended: different bytes)."""
    folder.mkdir()
    for i in range(copies):
        source = TEXTS[i % len(TEXTS)]
        (folder / f"{i:03d} {source.name}").write_text(source.read_text("utf-8") + f"\n\nBản sao {i}\n", "utf-8")
    return folder


def _consistent(db: str) -> None:
    """Every stored document has exactly the target and budget rows its record lists."""
    from flows.store import Store, budgets, documents, targets

    store = Store(db)
    with store.engine.connect() as conn:
        counts = dict(conn.execute(select(targets.c.doc_id, func.count()).group_by(targets.c.doc_id)).all())
        budget_counts = dict(conn.execute(select(budgets.c.doc_id, func.count()).group_by(budgets.c.doc_id)).all())
        ids = [r.doc_id for r in conn.execute(select(documents.c.doc_id))]
    for record in store.records():
        assert counts.get(record.doc_id, 0) == len(record.targets), record.source
        assert budget_counts.get(record.doc_id, 0) == len(record.budgets), record.source
    assert len(ids) == len(set(ids))


@pytest.mark.prefect
def test_two_consecutive_runs_are_summarised_and_status_reports_them(prefect_harness, tmp_path, db):
    from flows.ingest import ingest_flow

    inbox = _inbox(tmp_path / "hộp thư", 6)
    first = ingest_flow([str(inbox)], db).as_dict()
    second = ingest_flow([str(inbox)], db).as_dict()
    assert (first["new"], second["new"], second["unchanged"]) == (6, 0, 6)
    assert set(first["stages"]) == {"discover", "extract_and_store"}
    result = kehoach("status", "--db", db, "--json")
    status = json.loads(result.stdout)
    assert status["documents"] == 6
    assert [r["new"] for r in status["runs"]] == [0, 6]  # newest first
    assert status["runs"][0]["paths"] == [str(inbox)]
    text = kehoach("status", "--db", db).stdout
    assert text.splitlines()[0].endswith(": 6 documents (4 local_plan, 1 national_program, 1 news), 6 paths")
    assert "run 2 at " in text and ": 6 seen, 0 new, 6 unchanged, 0 re-extracted, 0 failed, 0 given up in " in text


@pytest.mark.slow
@pytest.mark.prefect
def test_a_run_killed_mid_batch_loses_nothing_and_leaves_no_partial_record(prefect_home, tmp_path, db):
    inbox = _inbox(tmp_path / "inbox", 40)
    env = {**os.environ, "PREFECT_HOME": str(prefect_home)}
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "ingest", str(inbox), "--db", db], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    from flows.store import Store, documents

    store = Store(db)
    deadline = time.monotonic() + 120
    while store.count(documents) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI, its Prefect server and every thread, mid-batch
    proc.wait()
    stored = store.count(documents)
    assert 0 < stored < 40, "the kill came before or after the batch: not a mid-batch test"
    _consistent(db)
    again = kehoach("ingest", str(inbox), "--db", db, "--json")
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout.splitlines()[-1])
    assert (summary["new"], summary["unchanged"]) == (40 - stored, stored)
    assert store.count(documents) == 40
    _consistent(db)


@pytest.mark.prefect
def test_two_runs_at_once_store_each_document_once(prefect_harness, tmp_path, db):
    from flows.ingest import ingest_flow
    from flows.store import Store, document_paths, documents

    inbox = _inbox(tmp_path / "inbox", 20)
    with ThreadPoolExecutor(max_workers=2) as pool:
        a, b = pool.map(lambda _: ingest_flow([str(inbox)], db), range(2))
    assert a.count("failed") == b.count("failed") == 0
    assert a.count("new") + b.count("new") == 20  # each document is new in exactly one run
    store = Store(db)
    assert store.count(documents) == 20 and store.count(document_paths) == 20
    _consistent(db)


@pytest.mark.prefect
def test_a_document_already_stored_by_this_extractor_is_not_read_again(prefect_harness, tmp_path, monkeypatch, db):
    import flows.ingest
    from flows.ingest import ingest_flow

    inbox = _inbox(tmp_path / "inbox", 3)
    ingest_flow([str(inbox)], db)
    shutil.copy(inbox / sorted(p.name for p in inbox.iterdir())[0], inbox / "cùng nội dung, tên khác.txt")

    def must_not_read(data, suffix):
        raise AssertionError("a stored file was read again")

    def must_not_extract(doc, doc_id, path):
        raise AssertionError(f"{path} was extracted again")

    monkeypatch.setattr(flows.ingest, "read_bytes", must_not_read)
    monkeypatch.setattr(flows.ingest, "extract_document", must_not_extract)
    second = ingest_flow([str(inbox)], db)
    assert [f.status for f in second.files] == ["unchanged"] * 4  # the cache: content hash and extractor version
    from flows.store import Store, document_paths

    assert Store(db).count(document_paths) == 4


def _bad_pdf(path):
    path.write_bytes(b"not a pdf at all")
    return path


@pytest.mark.prefect
def test_transient_errors_are_retried_with_backoff_and_bad_files_are_not(prefect_harness, tmp_path, monkeypatch, db):
    from sqlalchemy.exc import OperationalError

    import flows.ingest
    from flows.ingest import ingest_flow
    from flows.store import Store

    inbox = _inbox(tmp_path / "inbox", 2)
    bad = _bad_pdf(inbox / "hỏng.pdf")
    flaky, steady = sorted(str(p) for p in inbox.glob("*.txt"))
    calls: dict[str, int] = {}
    real_save, real_read = Store.save, flows.ingest.file_bytes

    def save(self, record, version, path=None, text=None):
        calls[record.source] = calls.get(record.source, 0) + 1
        if record.source == flaky and calls[flaky] <= 2:
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return real_save(self, record, version, path, text)

    def read(path):
        calls[f"read {path}"] = calls.get(f"read {path}", 0) + 1
        return real_read(path)

    monkeypatch.setattr(Store, "save", save)
    monkeypatch.setattr(flows.ingest, "file_bytes", read)
    summary = ingest_flow([str(inbox)], db, retries=3, retry_delay=0.01)
    status = {Path(f.path).name: f.status for f in summary.files}
    assert status == {Path(flaky).name: "new", Path(steady).name: "new", bad.name: "failed"}
    assert calls[flaky] == 3 and calls[steady] == 1  # two transient failures, then stored
    assert calls[f"read {bad}"] == 1  # a bad file is not retried
    assert [(f["path"], f["attempts"]) for f in Store(db).status()["failures"]] == [(str(bad), 1)]


@pytest.mark.prefect
def test_a_transient_error_that_outlives_its_retries_fails_that_file_only(prefect_harness, tmp_path, monkeypatch, db):
    from sqlalchemy.exc import OperationalError

    from flows.ingest import ingest_flow
    from flows.store import Store

    inbox = _inbox(tmp_path / "inbox", 3)
    victim = sorted(str(p) for p in inbox.iterdir())[1]
    real_save = Store.save

    def save(self, record, version, path=None, text=None):
        if record.source == victim:
            raise OperationalError("INSERT", {}, Exception("server closed the connection unexpectedly"))
        return real_save(self, record, version, path, text)

    monkeypatch.setattr(Store, "save", save)
    summary = ingest_flow([str(inbox)], db, retries=2, retry_delay=0.01)
    assert [f.status for f in summary.files] == ["new", "failed", "new"]
    assert summary.files[1].reason.startswith("transient error, 3 tries: OperationalError: ")
    assert Store(db).status()["failures"][0]["path"] == victim


@pytest.mark.prefect
def test_a_failing_file_is_retried_on_later_nights_up_to_the_limit_then_reported(prefect_harness, tmp_path, db):
    from flows.ingest import ingest_flow
    from flows.store import Store

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bad = _bad_pdf(inbox / "kế hoạch.pdf")
    nights = [ingest_flow([str(inbox)], db, max_attempts=2).files[0] for _ in range(3)]
    assert [f.status for f in nights] == ["failed", "failed", "skipped"]
    assert nights[2].reason == "gave up after 2 attempts (last: not a PDF (no %PDF header))"
    (failure,) = Store(db).status(max_attempts=2)["failures"]
    assert (failure["attempts"], failure["state"]) == (2, "given up")
    assert "(given up, attempts: 2)" in kehoach("status", "--db", db, "--max-attempts", "2").stdout
    assert "(waiting for retry, attempts: 2)" in kehoach("status", "--db", db).stdout  # the default limit is 3
    bad.write_bytes(b"still not a pdf, but other bytes")  # new bytes: tried again at once
    assert ingest_flow([str(inbox)], db, max_attempts=2).files[0].status == "failed"
    shutil.copy(ROOT / "samples" / "ha-noi_141-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.pdf", bad)  # fixed upstream
    assert ingest_flow([str(inbox)], db, max_attempts=2).files[0].status == "new"
    assert Store(db).status()["failures"] == []


@pytest.mark.prefect
def test_archive_moves_a_file_only_after_its_record_is_committed(prefect_harness, tmp_path, monkeypatch, db):
    import flows.ingest
    from flows.ingest import ingest_flow
    from flows.store import Store

    inbox = _inbox(tmp_path / "inbox", 2)
    (inbox / "tháng 11").mkdir()
    nested = inbox / "tháng 11" / "kế hoạch.txt"
    nested.write_text(TEXTS[2].read_text("utf-8"), "utf-8")
    bad = _bad_pdf(inbox / "hỏng.pdf")
    archive = tmp_path / "lưu trữ"
    before = {p.relative_to(inbox): p.read_bytes() for p in inbox.rglob("*") if p.is_file()}
    real_extract = flows.ingest.extract_document
    crash_on = sorted(str(p) for p in inbox.glob("*.txt"))[0]

    def extract(doc, doc_id, path):  # a bug in an extractor for one file: that file must stay in the inbox
        if path == crash_on:
            raise ValueError("extractor bug")
        return real_extract(doc, doc_id, path)

    monkeypatch.setattr(flows.ingest, "extract_document", extract)
    summary = ingest_flow([str(inbox)], db, archive_dir=str(archive))
    assert sorted(f.status for f in summary.files) == ["failed", "failed", "new", "new"]
    left = {p.relative_to(inbox) for p in inbox.rglob("*") if p.is_file()}
    assert left == {Path(crash_on).relative_to(inbox), bad.relative_to(inbox)}
    moved = {p.relative_to(archive): p.read_bytes() for p in archive.rglob("*") if p.is_file()}
    assert moved == {k: v for k, v in before.items() if k not in left}  # same bytes, same place below the inbox
    paths = [p for ps in Store(db).paths().values() for p in ps]
    assert str(archive / "tháng 11" / "kế hoạch.txt") in paths and str(nested) in paths

    monkeypatch.setattr(flows.ingest, "extract_document", real_extract)
    nested.parent.mkdir(exist_ok=True)
    nested.write_bytes(before[nested.relative_to(inbox)])  # the same plan dropped in again
    again = {Path(f.path).name: f.status for f in ingest_flow([str(inbox)], db, archive_dir=str(archive)).files}
    assert again == {Path(crash_on).name: "new", "kế hoạch.txt": "unchanged", bad.name: "failed"}
    assert sorted(p.relative_to(archive) for p in archive.rglob("*") if p.is_file()) == sorted(
        k for k in before if k != bad.relative_to(inbox)
    )  # the duplicate is not archived twice
    assert [p.name for p in inbox.rglob("*") if p.is_file()] == [bad.name]
