"""`kehoach serve`: the nightly deployment is registered on the Prefect server with its
schedule (02:00 Asia/Ho_Chi_Minh) and inboxes, and a run of it ingests every inbox and then
rebuilds the comparison tables from the database."""

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from conftest import SAMPLES

pytestmark = pytest.mark.prefect


def test_serve_schedules_the_nightly_job_and_a_run_ingests_then_compares(prefect_harness, tmp_path, db):
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL

    from flows.store import Store

    inboxes = [tmp_path / "hộp thư 1", tmp_path / "hộp thư 2"]
    samples = ["ha-noi_141-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt", "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt"]
    for inbox, sample in zip(inboxes, samples, strict=False):
        inbox.mkdir()
        (inbox / sample).write_bytes((SAMPLES / sample).read_bytes())
    out = tmp_path / "out"
    name = f"test-{tmp_path.name}"  # one deployment per test run: the server outlives each test
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    serve = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", "--inbox", str(inboxes[0]), "--inbox", str(inboxes[1]),
         "--db", db, "--out", str(out), "--name", name],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        with get_client(sync_client=True) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    deployment = client.read_deployment_by_name(f"kehoach-nightly/{name}")
                    break
                except Exception:
                    assert serve.poll() is None, serve.stdout.read()
                    assert time.monotonic() < deadline, "the deployment did not appear"
                    time.sleep(0.5)
        (schedule,) = deployment.schedules
        assert (schedule.schedule.cron, schedule.schedule.timezone, schedule.active) == ("0 2 * * *", "Asia/Ho_Chi_Minh", True)
        assert deployment.parameters["inboxes"] == [str(p) for p in inboxes]
        run = run_deployment(f"kehoach-nightly/{name}", timeout=240)
        assert run.state.is_completed(), run.state
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=60)
    localities = sorted(r.locality.name for r in Store(db).records())
    assert localities == ["Càng Long", "Hà Nội"]
    table = pd.read_csv(out / "comparison.csv")
    assert {"Hà Nội", "Càng Long (Trà Vinh)"} <= set(table.columns)
    assert set(table["Càng Long (Trà Vinh): verdict"].dropna()) >= {"equal"}
