"""Comparator cues: the words before a target's number that say how it compares ("ít nhất",
"tối thiểu", "trên", "≥", "dưới", "giảm xuống còn"; ``targets.yaml``, ``comparators``), in
running text (``targets``) and in table cells (``target_tables``) alike."""

from __future__ import annotations

from functools import cache

import regex

from extractors import patterns


@cache
def _comparators() -> dict[str, regex.Pattern[str]]:
    return {k: patterns.compile_rule(v) for k, v in patterns.load("targets")["comparators"].items()}


def comparator_of(prefix: str) -> tuple[str | None, int]:
    """The comparator cue that ends ``prefix``, and where in ``prefix`` the cue starts."""
    for name, rule in _comparators().items():
        m = rule.search(prefix)
        if m:
            return name, m.start()
    return None, len(prefix)
