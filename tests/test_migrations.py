"""Schema migrations: the tables the code uses are exactly what the migrations build, on SQLite
and PostgreSQL; a database from before migrations keeps its data; two processes opening a
fresh database at once both succeed."""

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text

from conftest import ROOT


def test_the_migrations_build_exactly_the_tables_the_code_uses(db):
    from flows import migrate
    from flows.store import Store, metadata

    store = Store(db)
    with store.engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_a_database_from_before_migrations_is_stamped_and_upgraded_without_loss(tmp_path):
    from flows import migrate
    from flows.store import Store, failures

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    migrate.upgrade(engine, migrate.FIRST_REVISION)  # the schema of issue 2, as `create_all` made it
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(
            text("INSERT INTO failures (path, reason, attempts, last_attempt) VALUES ('a.pdf', 'not a PDF', 2, '2026-11-01')")
        )
    engine.dispose()
    store = Store(url)
    assert {c["name"] for c in inspect(store.engine).get_columns("failures")} >= {"content_id", "first_attempt"}
    with store.engine.connect() as conn:
        assert conn.execute(select(failures.c.path, failures.c.attempts)).all() == [("a.pdf", 2)]
        assert migrate.current(conn) == migrate.head()
    store.record_failure("a.pdf", "not a PDF", content="ab" * 32)  # the new columns are written
    assert store.status()["failures"][0]["attempts"] == 3


def test_two_processes_opening_a_fresh_database_at_once_both_succeed(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    code = f"from flows.store import Store; print(Store({url!r}).status()['documents'])"
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [e for _, e in outs]
    assert [o.strip() for o, _ in outs] == ["0", "0", "0"]
