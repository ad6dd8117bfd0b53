"""The ingest flow: discover files, then one task per document (read, extract, store).

The flow orchestrates only: reading is ``extractors.readers.read_bytes`` (and ``rebuild`` from
a stored reading), extraction ``extractors.record.extract_document``, storage
``flows.store.Store``, moving processed files ``flows.archive``.

- Tasks run on a thread pool as wide as the machine (OCR runs in tesseract processes, so a
  batch with scans keeps both cores busy), or on a Dask cluster (``dask_address``).
- The cache is keyed on the file's content hash and the extractor version (``extractor_version``:
  the release and a digest of the code, rules and program files), never on a path or a run:
  known bytes are not read again. Each reading is stored, so that a record extracted under
  other rules is extracted again from it (``reextract_stale``) without its file.
- A transient error (database busy or unreachable, a stalled share) is retried with
  exponential backoff; a bad file is not, it becomes a failure with its reason, tried again on
  later nights up to ``max_attempts`` with the same bytes, then only reported.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from flows.prefect_env import configure

configure()

from prefect import flow, task  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner  # noqa: E402

from extractors.errors import ReadError  # noqa: E402
from extractors.readers import file_bytes, read_bytes, stored_text  # noqa: E402
from extractors.record import NOTICE_CODES, content_id, extract_document  # noqa: E402
from extractors.version import extractor_version  # noqa: E402
from flows import archive  # noqa: E402
from flows.defaults import MAX_ATTEMPTS  # noqa: E402
from flows.discover import discover  # noqa: E402
from flows.retry import backoff, is_transient, retry_transient  # noqa: E402
from flows.store import Store  # noqa: E402
from schemas import PlanRecord  # noqa: E402

STATUSES = ("new", "unchanged", "re-extracted", "failed", "skipped")


@dataclass
class FileResult:
    path: str
    status: str  # one of STATUSES; "skipped": failed max_attempts times with these bytes
    doc_id: str | None = None
    reason: str | None = None
    notices: list[str] = field(default_factory=list)
    """Warnings a user should see at once ("not_a_plan: …"): ``NOTICE_CODES``."""
    archived: str | None = None
    worker: str | None = None
    """host:pid of the process that handled the file."""


@dataclass
class IngestSummary:
    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    """Seconds per stage: discover, extract_and_store, re_extract."""

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    def as_dict(self) -> dict:
        return {
            "seen": len(self.files),
            **{s: self.count(s) for s in STATUSES},
            "seconds": round(self.seconds, 2),
            "stages": {k: round(v, 2) for k, v in self.stages.items()},
            "failures": {f.path: f.reason for f in self.files if f.status in ("failed", "skipped")},
            "files": [asdict(f) for f in self.files],
        }


def _worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _failed(store: Store, path: str, reason: str, content: str | None) -> FileResult:
    store.record_failure(path, reason, content)
    return FileResult(path, "failed", doc_id=content, reason=reason, worker=_worker())


@task(name="extract-and-store", task_run_name="{path}", retry_condition_fn=retry_transient)
def process_document(
    path: str, db_url: str, max_attempts: int = MAX_ATTEMPTS, archive_to: str | None = None
) -> FileResult:
    store = Store(db_url)
    try:
        data = file_bytes(path)
    except ReadError as exc:
        if gave_up := store.given_up(path, None, max_attempts):
            return FileResult(path, "skipped", reason=gave_up, worker=_worker())
        return _failed(store, path, str(exc), None)
    doc_id = content_id(data)
    if gave_up := store.given_up(path, doc_id, max_attempts):
        return FileResult(path, "skipped", doc_id=doc_id, reason=gave_up, worker=_worker())
    notices: list[str] = []
    version = extractor_version()
    if store.known(doc_id, version, path):  # same bytes, same extractor: nothing to redo
        status = "unchanged"
    else:
        try:
            doc = read_bytes(data, Path(path).suffix)
        except ReadError as exc:
            return _failed(store, path, str(exc), doc_id)
        record = extract_document(doc, doc_id, path)
        status = store.save(record, version, path, stored_text(doc))
        notices = _notices(store, record)
    result = FileResult(path, status, doc_id=doc_id, notices=notices, worker=_worker())
    if archive_to:  # the record is committed: the file may leave the inbox
        moved = archive.move(path, Path(archive_to))
        store.add_path(doc_id, str(moved))
        result.archived = str(moved)
    return result


def _notices(store: Store, record: PlanRecord) -> list[str]:
    notices = [f"{w.code}: {w.message}" for w in record.warnings if w.code in NOTICE_CODES]
    return notices + [message for _, state, message in store.corrections(record.doc_id) if state != "applied"]


@task(name="re-extract", task_run_name="{doc_id}", retry_condition_fn=retry_transient)
def reextract_document(doc_id: str, db_url: str) -> FileResult:
    """Extract a stored document again under the current rules, from the reading the store
    keeps (no file read, no OCR); a document stored before readings were kept is read from one
    of its paths that still holds the same bytes, and its reading kept from then on."""
    store = Store(db_url)
    old = store.raw_record(doc_id)
    if old is None:
        return FileResult(doc_id, "failed", doc_id=doc_id, reason="no stored document")
    try:
        found = store.reading(doc_id)
    except ReadError as exc:
        return FileResult(old.source, "failed", doc_id=doc_id, reason=str(exc), worker=_worker())
    if found is None:
        reason = "stored under older rules, with no stored text and none of its files left to read it again"
        return FileResult(old.source, "failed", doc_id=doc_id, reason=reason, worker=_worker())
    doc, from_file = found
    record = extract_document(doc, doc_id, old.source)
    status = store.save(record, extractor_version(), old.source, stored_text(doc) if from_file else None)
    return FileResult(old.source, status, doc_id=doc_id, notices=_notices(store, record), worker=_worker())


def _error_reason(exc: BaseException, tries: int) -> str:
    kind = f"transient error, {tries} tries" if is_transient(exc) else "internal error"
    return f"{kind}: {type(exc).__name__}: {exc}".splitlines()[0]


def task_runner(dask_address: str | None = None) -> TaskRunner[Any]:
    """Threads as many as cores on this machine, or the Dask cluster at ``dask_address``
    (``tcp://host:8786``), whose workers must see the same file paths and database."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    return ThreadPoolTaskRunner(max_workers=os.cpu_count() or 2)


@flow(name="kehoach-ingest", log_prints=False, task_runner=task_runner())
def ingest_flow(
    paths: list[str],
    db_url: str,
    archive_dir: str | None = None,
    max_attempts: int = MAX_ATTEMPTS,
    retries: int = 3,
    retry_delay: float = 10.0,
    progress: bool = False,
    reextract_stale: bool = False,
) -> IngestSummary:
    """Ingest ``paths`` (files and folders) into ``db_url``; moves each processed file to
    ``archive_dir`` once its record is committed, when given. ``reextract_stale``: then extract
    again, from their stored text, the documents stored under other rules (``extractor_version``)."""
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    files, missing = discover(paths)
    summary = IngestSummary()
    summary.stages["discover"] = time.perf_counter() - started
    store = Store(db_url)
    for path, reason in missing:
        store.record_failure(path, reason)
        summary.files.append(FileResult(path, "failed", reason=reason))
    run = process_document.with_options(retries=retries, retry_delay_seconds=backoff(retry_delay, retries))
    futures = {
        run.submit(
            path,
            db_url,
            max_attempts,
            str(archive.destination(path, paths, archive_dir)) if archive_dir else None,
        ): path
        for path in files
    }
    results: dict[str, FileResult] = {}
    for done, future in enumerate(as_completed(list(futures)), 1):
        path = futures[future]
        try:
            results[path] = future.result()
        except Exception as exc:  # a bug, or a transient error that outlived its retries: the batch goes on
            reason = _error_reason(exc, retries + 1)
            store.record_failure(path, reason)
            results[path] = FileResult(path, "failed", reason=reason)
        if progress:
            print(f"[{done}/{len(files)}] {results[path].status} {path}", file=sys.stderr, flush=True)
    summary.files.extend(results[path] for path in files)
    summary.stages["extract_and_store"] = time.perf_counter() - started - summary.stages["discover"]
    if reextract_stale:
        began = time.perf_counter()
        again = reextract_document.with_options(retries=retries, retry_delay_seconds=backoff(retry_delay, retries))
        stale = [s["doc_id"] for s in store.stale(extractor_version())]
        for doc_id, future in zip(stale, [again.submit(doc_id, db_url) for doc_id in stale], strict=False):
            try:
                summary.files.append(future.result())
            except Exception as exc:  # a bug or a lasting transient error: the other documents go on
                summary.files.append(FileResult(doc_id, "failed", doc_id=doc_id, reason=_error_reason(exc, retries + 1)))
        summary.stages["re_extract"] = time.perf_counter() - began
    summary.seconds = time.perf_counter() - started
    record = {k: v for k, v in summary.as_dict().items() if k != "files"}
    store.record_run(started_at, {"paths": list(paths), **record})
    return summary


def ingest(paths: list[str], db_url: str, dask_address: str | None = None, **options: Any) -> IngestSummary:
    """Run ``ingest_flow`` on the task runner for ``dask_address``."""
    return ingest_flow.with_options(task_runner=task_runner(dask_address))(paths, db_url, **options)
