"""The nightly job: ingest every inbox, extract again from their stored text the plans stored
under older rules, then rebuild the comparison tables and the report from the whole database
(every plan ever loaded, not only tonight's). ``kehoach serve`` schedules it as a
Prefect deployment; ``kehoach nightly`` runs it once, now."""

from __future__ import annotations

from pathlib import Path

from flows.prefect_env import configure

configure()

from prefect import flow, task  # noqa: E402

from derive.tables import build_tables  # noqa: E402
from flows.compare import write_tables  # noqa: E402
from flows.defaults import MAX_ATTEMPTS  # noqa: E402
from flows.ingest import ingest  # noqa: E402
from flows.report import write_report  # noqa: E402
from flows.store import Store  # noqa: E402


@task(name="compare")
def compare_tables(db_url: str, out_dir: str) -> list[str]:
    """Write the comparison tables and the HTML report of every stored record; returns the files written."""
    records = Store(db_url).records()
    tables = build_tables(records)
    written = write_tables(tables, Path(out_dir))
    return [str(p) for p in [*written, write_report(records, tables, Path(out_dir), source=db_url)]]


@flow(name="kehoach-nightly", log_prints=False)
def nightly_flow(
    inboxes: list[str],
    db_url: str,
    out_dir: str = "out",
    archive_dir: str | None = None,
    max_attempts: int = MAX_ATTEMPTS,
    dask_address: str | None = None,
    progress: bool = False,
) -> dict:
    summary = ingest(
        inboxes, db_url, dask_address=dask_address, archive_dir=archive_dir, max_attempts=max_attempts, progress=progress,
        reextract_stale=True,
    )
    written = compare_tables(db_url, out_dir)
    totals = {k: v for k, v in summary.as_dict().items() if k != "files"}
    return {"ingest": totals, "tables": written}
