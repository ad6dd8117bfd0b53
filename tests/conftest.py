import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"

# Prefect must never phone home, and its temporary server needs time on 2 cores.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")

sys.path.insert(0, str(ROOT))


def sample_files() -> list[Path]:
    from extractors.readers import SUPPORTED_SUFFIXES

    return sorted(p for p in SAMPLES.iterdir() if p.suffix in SUPPORTED_SUFFIXES)


@pytest.fixture(scope="session", autouse=True)
def _repo_root_cwd():
    """Sources are recorded as given; tests give them relative to the repository root."""
    old = os.getcwd()
    os.chdir(ROOT)
    yield
    os.chdir(old)


@pytest.fixture(scope="session")
def prefect_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    return home


@pytest.fixture(scope="session")
def prefect_harness(prefect_home):
    """One Prefect test server for the whole session (it takes 10-15 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request, tmp_path):
    """A fresh, empty database: SQLite in a temporary folder, and the PostgreSQL server that
    .ci/run starts ($KEHOACH_TEST_PG_URL; skipped without it). The PostgreSQL case carries the
    `postgres` marker, so a test taking `db` needs no marker of its own for it."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kehoach.db'}"
    url = os.environ.get("KEHOACH_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server ($KEHOACH_TEST_PG_URL is set by .ci/run)")
    from sqlalchemy import text

    from flows import migrate
    from flows.store import engine_for

    engine = engine_for(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    migrate.upgrade(engine)
    return url
