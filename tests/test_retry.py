"""What counts as transient: an I/O error of the disk or share and a database error are; a
file that is missing, unreadable by permission, or bad is not."""

import errno
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from extractors.errors import ReadError
from extractors.readers import file_bytes
from flows.retry import backoff, is_transient


@pytest.mark.parametrize("code", [errno.EIO, errno.ESTALE, errno.ETIMEDOUT, errno.EAGAIN])
def test_an_io_error_of_the_share_propagates_and_is_transient(tmp_path, monkeypatch, code):
    path = tmp_path / "kế hoạch.txt"
    path.write_text("x")

    def stalled(self):
        raise OSError(code, "share stalled")

    monkeypatch.setattr(Path, "read_bytes", stalled)
    with pytest.raises(OSError) as caught:
        file_bytes(path)
    assert is_transient(caught.value)


def test_missing_and_forbidden_files_are_read_errors_and_not_retried(tmp_path, monkeypatch):
    with pytest.raises(ReadError, match="file not found"):
        file_bytes(tmp_path / "không có.pdf")

    def forbidden(self):
        raise PermissionError(errno.EACCES, "Permission denied")

    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    monkeypatch.setattr(Path, "read_bytes", forbidden)
    with pytest.raises(ReadError, match="cannot read file: Permission denied") as caught:
        file_bytes(tmp_path / "a.pdf")
    assert not is_transient(caught.value)
    assert is_transient(OperationalError("SELECT 1", {}, Exception("database is locked")))
    assert not is_transient(ValueError("a bug"))


def test_backoff_doubles():
    assert backoff(10, 3) == [10, 20, 40]
    assert backoff(0, 2) == [0.0, 0.0]
