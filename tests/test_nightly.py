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
    assert "run 2 at " in text and ": 6 seen, 0 new, 6 unchanged, 0 re-extracted, 0 failed in " in text


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


def test_a_document_already_stored_by_this_extractor_is_not_read_again(prefect_harness, tmp_path, monkeypatch, db):
    import flows.ingest
    from flows.ingest import ingest_flow

    inbox = _inbox(tmp_path / "inbox", 3)
    ingest_flow([str(inbox)], db)
    shutil.copy(inbox / sorted(p.name for p in inbox.iterdir())[0], inbox / "cùng nội dung, tên khác.txt")

    def must_not_extract(data, path):
        raise AssertionError(f"{path} was extracted again")

    monkeypatch.setattr(flows.ingest, "extract_bytes", must_not_extract)
    second = ingest_flow([str(inbox)], db)
    assert [f.status for f in second.files] == ["unchanged"] * 4  # the cache: content hash and extractor version
    from flows.store import Store, document_paths

    assert Store(db).count(document_paths) == 4
