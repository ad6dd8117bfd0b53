"""The extractor's version: what a stored record was extracted under.

``EXTRACTOR_VERSION`` (set by hand for a release) plus a digest of everything that decides
the values: the extractor's code, its rule files (``extractors/patterns/*.yaml``), the record
schema and its data (``schemas/``), and every national program file in use, those of
``$KEHOACH_PROGRAMS`` included. A researcher who adds an alias or fixes a cue changes the
version, so every record extracted under the old rules is stale and the next ingest or nightly
run extracts it again (from its stored text: ``extractors.readers.rebuild``).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from extractors import EXTRACTOR_VERSION

_ROOTS = ("extractors", "schemas")
_KINDS = ("*.py", "*.yaml", "*.yml", "*.json")
DIGEST_CHARS = 12


def rule_files() -> list[Path]:
    """Every file whose content decides an extracted value, in a stable order."""
    from schemas.program import program_files

    here = Path(__file__).resolve().parent.parent
    files = {p.resolve() for root in _ROOTS for kind in _KINDS for p in (here / root).rglob(kind) if "__pycache__" not in p.parts}
    files |= {p.resolve() for p in program_files()}
    return sorted(files, key=lambda p: (_name(p, here), str(p)))


def _name(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:  # a program file of $KEHOACH_PROGRAMS: its name, not where it sits
        return f"programs/{path.name}"


def rules_digest(files: list[Path] | None = None) -> str:
    """A digest of the names and bytes of ``files`` (default: ``rule_files()``)."""
    here = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in files if files is not None else rule_files():
        digest.update(_name(path, here).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:DIGEST_CHARS]


@cache
def extractor_version() -> str:
    """``EXTRACTOR_VERSION+digest`` ("0.5.0+3f9a2c41d0e7"), computed once per process: the rules a
    process has loaded are the rules it extracts with."""
    return f"{EXTRACTOR_VERSION}+{rules_digest()}"
