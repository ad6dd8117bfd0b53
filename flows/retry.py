"""Which failures are worth another try: the transient ones (the database busy or unreachable, a
network share that stalls), never a file that is corrupt, unsupported or not a plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prefect.tasks import exponential_backoff
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

from extractors.errors import ReadError

if TYPE_CHECKING:
    from prefect import Task
    from prefect.client.schemas.objects import State, TaskRun

TRANSIENT = (OperationalError, InterfaceError, DisconnectionError, TimeoutError, ConnectionError, OSError)


def is_transient(exc: BaseException) -> bool:
    """A database or I/O error that may pass; a ``ReadError`` (the file itself is bad) never does."""
    return isinstance(exc, TRANSIENT) and not isinstance(exc, ReadError)


def retry_transient(task: Task[..., Any], task_run: TaskRun, state: State) -> bool:
    """Prefect ``retry_condition_fn``: retry only when the task failed with a transient error."""
    try:
        state.result()
    except BaseException as exc:  # noqa: BLE001 - the task's own exception, re-raised by Prefect
        return is_transient(exc)
    return False


def backoff(base_seconds: float, retries: int) -> list[float]:
    """Delays before each retry: base, 2×base, 4×base…"""
    return exponential_backoff(backoff_factor=base_seconds)(retries) if base_seconds > 0 else [0.0] * retries
