"""The ingest flow: discover files, then one task per document (read, extract, store).

The flow orchestrates only: reading and extraction are ``extractors.record.extract_file``,
storage is ``flows.store.Store``.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass, field

from flows.prefect_env import configure

configure()

from prefect import flow, task  # noqa: E402

from extractors import EXTRACTOR_VERSION  # noqa: E402
from extractors.errors import ReadError  # noqa: E402
from extractors.readers import file_bytes  # noqa: E402
from extractors.record import NOTICE_CODES, content_id, extract_bytes  # noqa: E402
from flows.discover import discover  # noqa: E402
from flows.store import Store  # noqa: E402


@dataclass
class FileResult:
    path: str
    status: str  # new | unchanged | re-extracted | failed
    doc_id: str | None = None
    reason: str | None = None
    notices: list[str] = field(default_factory=list)
    """Warnings a user should see at once ("not_a_plan: …"): ``NOTICE_CODES``."""


@dataclass
class IngestSummary:
    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    stages: dict[str, float] = field(default_factory=dict)
    """Seconds per stage: discover, extract_and_store."""

    def as_dict(self) -> dict:
        return {
            "seen": len(self.files),
            **{s: self.count(s) for s in ("new", "unchanged", "re-extracted", "failed")},
            "seconds": round(self.seconds, 2),
            "stages": {k: round(v, 2) for k, v in self.stages.items()},
            "failures": {f.path: f.reason for f in self.files if f.status == "failed"},
            "files": [asdict(f) for f in self.files],
        }


@task(name="extract-and-store", task_run_name="{path}")
def process_document(path: str, db_url: str) -> FileResult:
    store = Store(db_url)
    try:
        data = file_bytes(path)
        doc_id = content_id(data)
        if store.known(doc_id, EXTRACTOR_VERSION, path):  # same bytes, same extractor: nothing to redo
            return FileResult(path, "unchanged", doc_id=doc_id)
        record = extract_bytes(data, path)
    except ReadError as exc:
        store.record_failure(path, str(exc))
        return FileResult(path, "failed", reason=str(exc))
    status = store.save(record, EXTRACTOR_VERSION, path)
    notices = [f"{w.code}: {w.message}" for w in record.warnings if w.code in NOTICE_CODES]
    return FileResult(path, status, doc_id=record.doc_id, notices=notices)


@flow(name="kehoach-ingest", log_prints=False)
def ingest_flow(paths: list[str], db_url: str) -> IngestSummary:
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    files, missing = discover(paths)
    summary = IngestSummary()
    summary.stages["discover"] = time.perf_counter() - started
    store = Store(db_url)
    for path, reason in missing:
        store.record_failure(path, reason)
        summary.files.append(FileResult(path, "failed", reason=reason))
    futures = [(path, process_document.submit(path, db_url)) for path in files]
    for path, future in futures:
        try:
            summary.files.append(future.result())
        except Exception as exc:  # a bug in an extractor must not stop the batch
            reason = f"internal error: {type(exc).__name__}: {exc}".splitlines()[0]
            store.record_failure(path, reason)
            summary.files.append(FileResult(path, "failed", reason=reason))
    summary.stages["extract_and_store"] = time.perf_counter() - started - summary.stages["discover"]
    summary.seconds = time.perf_counter() - started
    record = {k: v for k, v in summary.as_dict().items() if k != "files"}
    store.record_run(started_at, {"paths": list(paths), **record})
    return summary
