"""Vietnamese numbers: "75.000.000" and "1,5" as digits, "bảy mươi lăm triệu" as words."""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from extractors import patterns


def digits_pattern() -> regex.Pattern[str]:
    return patterns.rule("numbers", "digits")


def parse_number(text: str) -> int | float:
    """Parse a digit string written the Vietnamese way: "." groups thousands, "," is decimal."""
    s = text.strip()
    if regex.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    if "." in s:
        value = float(s)
        return int(value) if value.is_integer() else value
    return int(s)


@cache
def _word_tables() -> dict[str, Any]:
    return patterns.load("numbers")["words"]


def parse_words(text: str) -> int | None:
    """Parse Vietnamese number words ("bảy mươi lăm triệu đồng" -> 75000000); None if not a number."""
    tables = _word_tables()
    units: dict[str, int] = tables["units"]
    scales: dict[str, int] = tables["scales"]
    cleaned = text.lower()
    for word in sorted(tables["ignore"], key=len, reverse=True):
        cleaned = regex.sub(rf"(?<!\w){regex.escape(word)}(?!\w)", " ", cleaned)
    tokens = regex.findall(r"\w+", cleaned)
    if not tokens:
        return None
    total = 0      # completed scale groups
    group = 0      # value below the current scale (0-999, or more before a large scale)
    small = 0      # value below a hundred being built
    last = None
    seen = False
    stated = False  # a unit word was given for the value being built ("không" counts)
    for tok in tokens:
        if tok in units and not (tok == "mốt" and last not in tables["tens"]):
            value = units[tok]
            if tok in ("lăm", "nhăm") and last not in tables["tens"] + tables["ten"]:
                return None
            small += value
            stated = True
        elif tok in tables["ten"]:
            small += 10
        elif tok in tables["tens"]:
            if small == 0 or small > 9:
                return None
            small *= 10
        elif tok in tables["hundred"]:
            group += (small if stated else 1) * 100  # "không trăm" is 0 hundreds, "trăm" alone 100
            small, stated = 0, False
        elif tok in tables["zero_tens"]:
            pass
        elif tok in scales:
            scale = scales[tok]
            chunk = (group + small) if (group or stated) else 1
            if scale >= 1_000_000_000:
                total = (total + chunk) * scale
            else:
                total += chunk * scale
            group = small = 0
            stated = False
        else:
            return None
        seen = True
        last = tok
    return total + group + small if seen else None
