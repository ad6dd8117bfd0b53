"""The ingest flow on a Dask cluster (prefect-dask): a local cluster of two worker processes
stands in for several machines; every document is stored once, by the workers."""

import os

import pytest

from test_nightly import _consistent, _inbox

pytestmark = [pytest.mark.prefect, pytest.mark.slow]  # and a local Dask cluster of two worker processes


def test_ingest_on_a_dask_cluster_of_worker_processes(prefect_harness, tmp_path, monkeypatch, db):
    from distributed import LocalCluster
    from prefect.settings import PREFECT_API_URL

    from flows.ingest import ingest
    from flows.store import Store, documents

    # Workers are other processes: they reach the same Prefect server and database by URL.
    monkeypatch.setenv("PREFECT_API_URL", PREFECT_API_URL.value())
    inbox = _inbox(tmp_path / "inbox", 8)
    (inbox / "hỏng.pdf").write_bytes(b"not a pdf")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        worker_pids = {nanny.pid for nanny in cluster.workers.values()}
        summary = ingest([str(inbox)], db, dask_address=cluster.scheduler_address)
    assert summary.count("new") == 8 and summary.count("failed") == 1
    assert summary.files[-1].reason == "not a PDF (no %PDF header)"
    pids = {int(f.worker.rsplit(":", 1)[1]) for f in summary.files}
    assert pids == worker_pids and os.getpid() not in pids  # both workers took documents
    assert Store(db).count(documents) == 8
    _consistent(db)
