"""Serving the nightly deployment. Prefect schedules runs only through an API server: with
``PREFECT_API_URL`` set, kehoach uses that server; without it, it starts one on this machine
(``prefect server start`` on 127.0.0.1, its database in ``PREFECT_HOME``) for as long as it serves."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

from flows.prefect_env import configure

configure()

from prefect.schedules import Cron  # noqa: E402
from prefect.settings import PREFECT_API_URL, temporary_settings  # noqa: E402

from flows.nightly import nightly_flow  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def local_server(port: int | None = None, timeout: float = 90.0) -> Iterator[str]:
    """A Prefect server on 127.0.0.1 for the duration of the block; yields its API URL."""
    port = port or _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(api_url):
            if server.poll() is not None:
                raise RuntimeError(f"the Prefect server exited with status {server.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the Prefect server did not answer within {timeout:.0f} s")
            time.sleep(0.5)
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            yield api_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


@contextlib.contextmanager
def api_server() -> Iterator[str]:
    """The Prefect server in ``PREFECT_API_URL``, or a local one started for the occasion."""
    if PREFECT_API_URL.value():
        yield PREFECT_API_URL.value()
    else:
        with local_server() as url:
            yield url


def serve(
    inboxes: list[str],
    db_url: str,
    out_dir: str,
    cron: str,
    timezone: str,
    name: str = "nightly",
    archive_dir: str | None = None,
    max_attempts: int | None = None,
    dask_address: str | None = None,
) -> None:
    """Serve the nightly deployment (blocks until interrupted). One run at a time."""
    parameters: dict[str, Any] = {"inboxes": [os.path.abspath(p) for p in inboxes], "db_url": db_url, "out_dir": os.path.abspath(out_dir)}
    if archive_dir:
        parameters["archive_dir"] = os.path.abspath(archive_dir)
    if max_attempts is not None:
        parameters["max_attempts"] = max_attempts
    if dask_address:
        parameters["dask_address"] = dask_address
    with api_server() as url:
        print(f"serving kehoach-nightly/{name} on {url}: {cron} ({timezone}), inboxes {', '.join(parameters['inboxes'])}", flush=True)
        nightly_flow.serve(
            name=name,
            schedules=[Cron(cron, timezone=timezone)],
            parameters=parameters,
            global_limit=1,
            print_starting_message=False,
        )
