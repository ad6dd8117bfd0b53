"""Moving a processed file out of the inbox, only after its record is committed.

The file keeps its path relative to the inbox folder it was found in. The move is safe to
interrupt: the bytes are copied to a temporary name, renamed into place, and only then is the
inbox file removed; a rerun finds identical bytes already archived and just removes the source.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path


def destination(path: str, roots: list[str], archive_dir: str) -> Path:
    """Where ``path`` goes in ``archive_dir``: its path below the inbox folder that contains it,
    or its name when it was given as a file."""
    p = Path(path).resolve()
    for root in roots:
        r = Path(root).resolve()
        if r.is_dir() and p.is_relative_to(r):
            return Path(archive_dir) / p.relative_to(r)
    return Path(archive_dir) / p.name


def _free_name(target: Path) -> Path:
    n = 2
    candidate = target
    while candidate.exists():
        candidate = target.with_name(f"{target.stem} ({n}){target.suffix}")
        n += 1
    return candidate


def move(path: str, target: Path) -> Path:
    """Move ``path`` to ``target`` (or ``target (2)``… when another file holds that name);
    returns where the bytes now are."""
    source = Path(path)
    if target.exists() and filecmp.cmp(source, target, shallow=False):
        source.unlink()
        return target
    target = _free_name(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    shutil.copy2(source, partial)
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    source.unlink()
    return target
