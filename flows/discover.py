"""Finding the documents of a batch: files given directly, and folders searched recursively."""

from __future__ import annotations

from pathlib import Path

from extractors.readers import KNOWN_SUFFIXES


def discover(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """(files to process, [(path, reason)] for paths that do not exist)."""
    files: list[str] = []
    missing: list[tuple[str, str]] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES and not any(x.startswith(".") for x in rel):
                    files.append(str(f))
        elif p.exists():
            files.append(str(p))
        else:
            missing.append((given, "file not found"))
    return list(dict.fromkeys(files)), missing
