"""Defaults of the nightly job, kept apart so that the CLI can show them without importing
Prefect or SQLAlchemy."""

DEFAULT_CRON = "0 2 * * *"
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
MAX_ATTEMPTS = 3
"""Runs a failing file is tried with the same bytes before it is only reported."""
