"""The one error type readers raise for input they cannot read."""


class ReadError(Exception):
    """A file kehoach cannot read; the message says why in one line."""
