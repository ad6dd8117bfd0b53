"""Agencies named in a plan, resolved to one canonical name through the alias table
(``patterns/agencies.yaml``): "Sở LĐTB&XH", "Sở LĐTBXH" and "Sở Lao động - Thương binh và
Xã hội" are one agency, with who holds its tasks since the 2025 reorganisation."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extractors import patterns


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    kind: str
    successor: str | None
    as_written: str


@cache
def _table() -> tuple[regex.Pattern[str], list[dict]]:
    entries = patterns.load("agencies")["agencies"]
    alternatives = []
    for i, entry in enumerate(entries):
        alternatives.append(f"(?P<a{i}>" + "|".join(f"(?:{a})" for a in entry["aliases"]) + ")")
    rule = regex.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", regex.IGNORECASE)
    return rule, entries


def find_agencies(text: str, offset: int = 0) -> list[Mention]:
    """Every agency of the alias table named in ``text`` (positions shifted by ``offset``), in order."""
    rule, entries = _table()
    out = []
    for m in rule.finditer(text):
        i = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        entry = entries[i]
        out.append(Mention(m.start() + offset, m.end() + offset, entry["name"], entry["kind"], entry.get("successor"), m.group()))
    return out


def kind_of(name: str) -> str:
    """The kind of an agency the table does not know, from its first words."""
    lowered = name.lower()
    for start, kind in sorted(patterns.load("agencies")["kinds_by_first_word"].items(), key=lambda kv: -len(kv[0])):
        if lowered.startswith(start):
            return kind
    return "other"
