"""Is a text Vietnamese? The share of its words that carry a Vietnamese letter with a mark."""

from __future__ import annotations

import regex

from extractors import patterns


def vietnamese_share(text: str) -> float | None:
    """Share of the words of ``text`` (first 20,000 characters) with a Vietnamese marked letter; None for under 20 words."""
    words = regex.findall(r"\p{L}+", text[:20000])
    if len(words) < 20:
        return None
    marked = regex.compile(patterns.load("reading")["vietnamese_letters"], regex.IGNORECASE)
    return sum(1 for w in words if marked.search(w)) / len(words)


def is_vietnamese(text: str) -> bool:
    share = vietnamese_share(text)
    return share is None or share >= patterns.load("reading")["vietnamese_min_share"]
