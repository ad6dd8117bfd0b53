"""The database: one row per document (identified by the sha256 of its bytes), its paths, its
reading (the text it was extracted from), its values by kind (targets, budgets,
responsibilities, deadlines: tables generated from the record's models), the files that
failed, the runs, and researchers' corrections.
SQLite by default, any SQLAlchemy URL.
The tables below are the newest schema; ``flows/migrations`` brings a database to it (Alembic),
and a test checks that the two agree.

Saving is idempotent: the same bytes again (under any name) add a path and nothing else;
a record from a newer extractor version replaces the old one in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from functools import cache

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Row
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import IntegrityError

from derive.corrections import Outcome, apply_corrections
from extractors.document import Document
from extractors.errors import ReadError
from extractors.readers import file_bytes
from flows import migrate
from flows.defaults import MAX_ATTEMPTS
from flows.value_tables import rows, value_table
from schemas import PlanRecord, SourceText
from schemas.correction import Correction

DEFAULT_DB_URL = "sqlite:///kehoach.db"
VALUE_KINDS = ("targets", "responsibilities", "deadlines", "budgets", "references")

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("doc_number", String(64)),
    Column("doc_type", String(64)),
    Column("issue_date", Date),
    Column("locality", String(128)),
    Column("locality_level", String(16)),
    Column("province", String(128)),
    Column("title", Text),
    Column("extractor_version", String(32), nullable=False),
    Column("record", Text, nullable=False),
    # the record with researchers' corrections applied (``Store._write_values``, the one place
    # they are applied); null only for a document a migration left to be corrected again
    Column("corrected", Text),
    Column("first_seen", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

document_paths = Table(
    "document_paths",
    metadata,
    Column("doc_id", String(64), ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    Column("path", Text, primary_key=True),
    Column("seen_at", DateTime, nullable=False),
)

targets = value_table("targets", metadata)
budgets = value_table("budgets", metadata)
responsibilities = value_table("responsibilities", metadata)
deadlines = value_table("deadlines", metadata)
VALUE_TABLES = {"targets": targets, "budgets": budgets, "responsibilities": responsibilities, "deadlines": deadlines}
"""The columns researchers query, one table per kind of value (``flows/value_tables.py``)."""

document_texts = Table(
    "document_texts",
    metadata,
    Column("doc_id", String(64), ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    Column("source_text", Text, nullable=False),
)
"""Each document's reading (``schemas.SourceText`` as JSON): what re-extraction starts from."""

failures = Table(
    "failures",
    metadata,
    Column("path", Text, primary_key=True),
    Column("reason", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_attempt", DateTime, nullable=False),
    Column("content_id", String(64)),
    Column("first_attempt", DateTime),
)
"""Files that could not be loaded: the reason, how many nights they were tried, and the hash of
the bytes that failed (null when the file could not be read at all)."""


corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.doc_id"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("action", String(8), nullable=False),
    Column("quote", Text),
    Column("match", Text),
    Column("start", Integer),
    Column("field", String(32)),
    Column("old", Text),
    Column("new", Text),
    Column("author", String(128), nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("status_message", Text, nullable=False),
    Column("checked_at", DateTime, nullable=False),
)
"""Researchers' corrections (``schemas.correction.Correction``, old and new values as JSON), and
whether each still applied at the last extraction of its document."""


class CorrectionError(ValueError):
    """A correction that does not apply to the document; the message says why in one line."""


def correction_from_row(row: Row) -> Correction:  # a row of ``corrections``
    fields = {k: getattr(row, k) for k in Correction.model_fields}
    fields.update(old=json.loads(row.old) if row.old else None, new=json.loads(row.new) if row.new else None)
    return Correction.model_validate(fields)


runs = Table(
    "runs",
    metadata,
    Column("run_id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime, nullable=False),
    Column("summary", Text, nullable=False),
)
"""One row per ingest run: its summary as JSON (files seen, new, unchanged, re-extracted, failed, seconds per stage)."""


def db_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get("KEHOACH_DB_URL") or DEFAULT_DB_URL


def absolute_url(url: str) -> str:
    """The same URL with a relative SQLite path made absolute (for runs started in another folder)."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix + ":memory:":
        return prefix + os.path.abspath(url[len(prefix):])
    return url


@cache
def engine_for(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(conn: DBAPIConnection, _record: object) -> None:  # pragma: no cover - trivial
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

    else:
        engine = create_engine(url, pool_pre_ping=True)
    migrate.upgrade(engine)
    return engine


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _document_row(record: PlanRecord, version: str) -> dict[str, object]:
    loc = record.locality
    return {
        "doc_id": record.doc_id,
        "kind": record.kind,
        "doc_number": record.doc_number.value if record.doc_number else None,
        "doc_type": record.doc_type.value if record.doc_type else None,
        "issue_date": record.issue_date.value if record.issue_date else None,
        "locality": loc.name if loc else None,
        "locality_level": loc.level if loc else None,
        "province": loc.province if loc else None,
        "title": record.title.value if record.title else None,
        "extractor_version": version,
        "record": record.model_dump_json(),
    }


def _child_rows(record: PlanRecord) -> dict[str, list[dict]]:
    """The rows of each table of values: the columns researchers query; the full record is in ``documents.record``."""
    return {name: rows(record.doc_id, getattr(record, name), table) for name, table in VALUE_TABLES.items()}


class Store:
    def __init__(self, url: str | None = None):
        self.url = db_url(url)
        self.engine = engine_for(self.url)

    def save(self, record: PlanRecord, version: str, path: str | None = None, text: SourceText | None = None) -> str:
        """Store a record, and the reading it was extracted from when given; returns "new",
        "unchanged" or "re-extracted"."""
        try:
            return self._save(record, version, path or record.source, text)
        except IntegrityError:
            # Another worker stored the same bytes between our read and our insert.
            return self._save(record, version, path or record.source, text)

    def _save(self, record: PlanRecord, version: str, path: str, text: SourceText | None = None) -> str:
        now = _now()
        with self.engine.begin() as conn:
            existing = conn.execute(
                select(documents.c.extractor_version).where(documents.c.doc_id == record.doc_id)
            ).first()
            if existing is None:
                status = "new"
                conn.execute(insert(documents).values(**_document_row(record, version), first_seen=now, updated_at=now))
            elif existing.extractor_version == version:
                status = "unchanged"
            else:
                status = "re-extracted"
                conn.execute(
                    update(documents)
                    .where(documents.c.doc_id == record.doc_id)
                    .values(**_document_row(record, version), updated_at=now)
                )
            if status != "unchanged":
                self._write_values(conn, record)
            if text is not None:
                self._write_text(conn, record.doc_id, text)
            known = conn.execute(
                select(document_paths.c.path).where(
                    document_paths.c.doc_id == record.doc_id, document_paths.c.path == path
                )
            ).first()
            if known is None:
                conn.execute(insert(document_paths).values(doc_id=record.doc_id, path=path, seen_at=now))
            conn.execute(delete(failures).where(failures.c.path == path))
        return status

    def _write_values(self, conn: Connection, raw: PlanRecord) -> list[Outcome]:
        """Apply the document's corrections to its extracted record, then write the rows people
        query (the document's columns, targets, budgets) from the corrected record, and each
        correction's status. ``documents.record`` keeps the record as extracted."""
        stored = [correction_from_row(r) for r in conn.execute(select(corrections).where(corrections.c.doc_id == raw.doc_id))]
        corrected, outcomes = apply_corrections(raw, stored)
        columns = {k: v for k, v in _document_row(corrected, "").items() if k not in ("record", "extractor_version")}
        conn.execute(update(documents).where(documents.c.doc_id == raw.doc_id).values(**columns, corrected=corrected.model_dump_json()))
        for name, values in _child_rows(corrected).items():
            table = VALUE_TABLES[name]
            conn.execute(delete(table).where(table.c.doc_id == raw.doc_id))
            if values:
                conn.execute(insert(table), values)
        now = _now()
        for o in outcomes:
            conn.execute(
                update(corrections)
                .where(corrections.c.id == o.correction.id)
                .values(status=o.status, status_message=o.message, checked_at=now)
            )
        return outcomes

    def _write_text(self, conn: Connection, doc_id: str, text: SourceText) -> None:
        """Keep the reading a record was just extracted from (a file read again replaces it)."""
        values = {"source_text": text.model_dump_json()}
        done = conn.execute(update(document_texts).where(document_texts.c.doc_id == doc_id).values(**values))
        if not done.rowcount:
            conn.execute(insert(document_texts).values(doc_id=doc_id, **values))

    def stored_text(self, doc_id: str) -> SourceText | None:
        """The reading a document's record was extracted from, if the store keeps it."""
        with self.engine.connect() as conn:
            row = conn.execute(select(document_texts.c.source_text).where(document_texts.c.doc_id == doc_id)).first()
        return SourceText.model_validate_json(row.source_text) if row else None

    def stale(self, version: str) -> list[dict]:
        """The documents stored under another extractor version than ``version``: their id, the
        version, whether their text is stored (else re-extraction needs a file), their paths."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(documents.c.doc_id, documents.c.extractor_version, document_texts.c.doc_id.label("text"))
                .select_from(documents.outerjoin(document_texts, document_texts.c.doc_id == documents.c.doc_id))
                .where(documents.c.extractor_version != version)
                .order_by(documents.c.doc_id)
            ).all()
        paths = self.paths()
        return [
            {
                "doc_id": r.doc_id,
                "extractor_version": r.extractor_version,
                "text_stored": r.text is not None,
                "paths": sorted(paths.get(r.doc_id, [])),
            }
            for r in rows
        ]

    def add_correction(self, correction: Correction) -> Outcome:
        """Store a correction and apply it at once, in one transaction; ``CorrectionError`` (and
        nothing stored) when it does not apply to the document as extracted."""
        now = _now()
        with self.engine.begin() as conn:
            row = conn.execute(select(documents.c.record).where(documents.c.doc_id == correction.doc_id)).first()
            if row is None:
                raise CorrectionError(f"no stored document {correction.doc_id[:12]}")
            values = correction.model_dump(exclude={"id"})
            values.update(
                old=json.dumps(values["old"], ensure_ascii=False, default=str), new=json.dumps(values["new"], ensure_ascii=False, default=str)
            )
            new_id = conn.execute(
                insert(corrections).values(**values, status="new", status_message="", checked_at=now).returning(corrections.c.id)
            ).scalar_one()
            outcomes = self._write_values(conn, PlanRecord.model_validate_json(row.record))
            (outcome,) = [o for o in outcomes if o.correction.id == new_id]
            if outcome.status != "applied":  # nothing is stored: the id it would have had means nothing
                raise CorrectionError(outcome.message.replace(f"correction {new_id} ", "correction ", 1))
        return outcome

    def corrections(self, doc_id: str | None = None) -> list[tuple[Correction, str, str]]:
        """Stored corrections with their status ("applied", "unmatched", "invalid") and its reason."""
        query = select(corrections).order_by(corrections.c.id)
        if doc_id is not None:
            query = query.where(corrections.c.doc_id == doc_id)
        with self.engine.connect() as conn:
            return [(correction_from_row(r), r.status, r.status_message) for r in conn.execute(query)]

    def stored_file(self, doc_id: str) -> tuple[str, bytes] | None:
        """(path, bytes) of the first path this document was seen at that still holds its bytes
        (same content hash); None when none does."""
        from extractors.record import content_id  # the extractors, only when a file is read

        for path in self.paths().get(doc_id, []):
            try:
                data = file_bytes(path)
            except (ReadError, OSError):
                continue
            if content_id(data) == doc_id:
                return path, data
        return None

    def reading(self, doc_id: str) -> tuple[Document, bool] | None:
        """The document as its reader made it, under the current rules: from its stored text
        (no file read, no OCR), else from a file that still holds its bytes; with whether that
        came from a file (whose reading the caller may keep). None when neither is there."""
        from extractors.readers import read_bytes, rebuild  # the extractors, only when a document is read

        text = self.stored_text(doc_id)
        if text is not None:
            return rebuild(text), False
        stored = self.stored_file(doc_id)
        if stored is None:
            return None
        path, data = stored
        return read_bytes(data, os.path.splitext(path)[1]), True

    def raw_record(self, doc_id: str) -> PlanRecord | None:
        """The record as extracted, before corrections."""
        with self.engine.connect() as conn:
            row = conn.execute(select(documents.c.record).where(documents.c.doc_id == doc_id)).first()
        return PlanRecord.model_validate_json(row.record) if row else None

    def find(self, ref: str) -> str | None:
        """The doc_id a user means: a full id, a unique prefix of one (8+ characters), or a path it was seen at."""
        with self.engine.connect() as conn:
            by_path = conn.execute(select(document_paths.c.doc_id).where(document_paths.c.path.in_([ref, os.path.abspath(ref)]))).first()
            if by_path:
                return by_path.doc_id
            if len(ref) < 8:
                return None
            ids = conn.execute(select(documents.c.doc_id).where(documents.c.doc_id.like(f"{ref}%")).limit(2)).all()
        return ids[0].doc_id if len(ids) == 1 else None

    def known(self, doc_id: str, version: str, path: str) -> bool:
        """Whether these bytes are stored by this extractor version; if so, remember ``path`` too
        and clear its failure. The ingest cache: keyed on content and version, never on a path."""
        with self.engine.begin() as conn:
            row = conn.execute(select(documents.c.extractor_version).where(documents.c.doc_id == doc_id)).first()
            if row is None or row.extractor_version != version:
                return False
            seen = conn.execute(
                select(document_paths.c.path).where(document_paths.c.doc_id == doc_id, document_paths.c.path == path)
            ).first()
            if seen is None:
                conn.execute(insert(document_paths).values(doc_id=doc_id, path=path, seen_at=_now()))
            conn.execute(delete(failures).where(failures.c.path == path))
        return True

    def record_failure(self, path: str, reason: str, content: str | None = None) -> None:
        """Count one more failed attempt at ``path``; new bytes (another ``content``) start the count again."""
        now = _now()
        with self.engine.begin() as conn:
            row = conn.execute(select(failures.c.attempts, failures.c.content_id).where(failures.c.path == path)).first()
            if row is None:
                conn.execute(
                    insert(failures).values(
                        path=path, reason=reason, attempts=1, last_attempt=now, first_attempt=now, content_id=content
                    )
                )
                return
            changed = content is not None and row.content_id is not None and content != row.content_id
            conn.execute(
                update(failures)
                .where(failures.c.path == path)
                .values(
                    reason=reason,
                    attempts=1 if changed else row.attempts + 1,
                    last_attempt=now,
                    content_id=content or row.content_id,
                    **({"first_attempt": now} if changed else {}),
                )
            )

    def given_up(self, path: str, content: str | None, max_attempts: int) -> str | None:
        """Why ``path`` is not tried again tonight: it failed ``max_attempts`` times with these same
        bytes (or unreadable). ``None`` when it should be tried."""
        with self.engine.connect() as conn:
            row = conn.execute(select(failures).where(failures.c.path == path)).first()
        if row is None or row.attempts < max_attempts:
            return None
        if content is not None and row.content_id is not None and content != row.content_id:
            return None
        return f"gave up after {row.attempts} attempts (last: {row.reason})"

    def add_path(self, doc_id: str, path: str) -> None:
        with self.engine.begin() as conn:
            seen = conn.execute(
                select(document_paths.c.path).where(document_paths.c.doc_id == doc_id, document_paths.c.path == path)
            ).first()
            if seen is None:
                conn.execute(insert(document_paths).values(doc_id=doc_id, path=path, seen_at=_now()))

    def records(self, corrected: bool = True) -> list[PlanRecord]:
        """Every stored record, with researchers' corrections applied as they were when its values
        were last written (``corrected=False``: as extracted)."""
        column = documents.c.corrected if corrected else documents.c.record
        with self.engine.connect() as conn:
            pending = conn.execute(select(documents.c.doc_id).where(column.is_(None))).scalars().all()
        for doc_id in pending:  # left by a migration: corrected once, here, and kept
            with self.engine.begin() as conn:
                row = conn.execute(select(documents.c.record).where(documents.c.doc_id == doc_id)).one()
                self._write_values(conn, PlanRecord.model_validate_json(row.record))
        with self.engine.connect() as conn:
            rows = conn.execute(select(column).order_by(documents.c.doc_id)).scalars().all()
        return [PlanRecord.model_validate_json(r) for r in rows]

    def paths(self) -> dict[str, list[str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(document_paths.c.doc_id, document_paths.c.path)).all()
        out: dict[str, list[str]] = {}
        for r in rows:
            out.setdefault(r.doc_id, []).append(r.path)
        return out

    def record_run(self, started_at: dt.datetime, summary: dict) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(runs).values(started_at=started_at, finished_at=_now(), summary=json.dumps(summary, ensure_ascii=False)))

    def status(self, last_runs: int = 5, max_attempts: int = MAX_ATTEMPTS, version: str | None = None) -> dict:
        """What the database holds: documents by kind, values by kind, localities, failures
        (waiting for a retry, or given up after ``max_attempts``), the last runs, and (given the
        current ``version``) the documents stored under other rules."""
        with self.engine.connect() as conn:
            by_kind = {kind: n for kind, n in conn.execute(select(documents.c.kind, func.count()).group_by(documents.c.kind)).all()}
            localities = conn.execute(
                select(documents.c.locality, documents.c.locality_level, documents.c.province, func.count())
                .where(documents.c.locality.is_not(None))
                .group_by(documents.c.locality, documents.c.locality_level, documents.c.province)
                .order_by(documents.c.province, documents.c.locality)
            ).all()
            failed = conn.execute(
                select(failures.c.path, failures.c.reason, failures.c.attempts, failures.c.first_attempt, failures.c.last_attempt)
                .order_by(failures.c.path)
            ).all()
            last = conn.execute(select(runs).order_by(runs.c.run_id.desc()).limit(last_runs)).all()
        return {
            "documents": sum(by_kind.values()),
            "by_kind": by_kind,
            "paths": self.count(document_paths),
            "localities": [{"name": n, "level": lv, "province": p, "documents": c} for n, lv, p, c in localities],
            "values": self.value_counts(),
            "corrections": self._correction_states(),
            "failures": [
                {
                    "path": f.path,
                    "reason": f.reason,
                    "attempts": f.attempts,
                    "state": "given up" if f.attempts >= max_attempts else "waiting for retry",
                    "first_attempt": f.first_attempt.isoformat() if f.first_attempt else None,
                    "last_attempt": f.last_attempt.isoformat(),
                }
                for f in failed
            ],
            "runs": [
                {"run_id": r.run_id, "started_at": r.started_at.isoformat(), "finished_at": r.finished_at.isoformat(), **json.loads(r.summary)}
                for r in last
            ],
            **({"extractor_version": version, "stale": self.stale(version)} if version else {}),
        }

    def _correction_states(self) -> dict:
        stored = self.corrections()
        return {
            "total": len(stored),
            "applied": sum(1 for _, state, _ in stored if state == "applied"),
            "not_applied": [
                {"id": c.id, "doc_id": c.doc_id, "state": state, "message": message} for c, state, message in stored if state != "applied"
            ],
        }

    def value_counts(self) -> dict[str, int]:
        """Extracted values stored, by kind (targets, responsibilities, deadlines, budgets, references)."""
        counts = dict.fromkeys(VALUE_KINDS, 0)
        for record in self.records():
            for kind in VALUE_KINDS:
                counts[kind] += len(getattr(record, kind))
        return counts

    def count(self, table: Table) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()
