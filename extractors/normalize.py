"""Unicode NFC and markdown-emphasis removal that keep every character's source offset.

Never NFKC: it rewrites digits and symbols that plans use ("½", superscripts) and
changes what the extractors read as numbers.
"""

from __future__ import annotations

import unicodedata

import regex

# Markdown emphasis markers: "**141**", "*mm*". A lone "*" between spaces (a bullet
# or a footnote sign) is kept.
_EMPHASIS = regex.compile(r"\*\*|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])")
_DROPPED = {"\r", "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}
_AS_SPACE = {"\u00a0", "\t", "\u2007", "\u202f", "\u3000"}
# Look-alikes typed for Vietnamese letters: the Icelandic eth for Đ/đ (never NFKC: it changes "²" to "2").
_LOOKALIKES = {"\u00d0": "\u0110", "\u00f0": "\u0111"}


def _drop_marker_only_lines(raw: str, deleted: list[bool]) -> None:
    """A line left empty by its emphasis markers ("**ỦY BAN NHÂN DÂN\n**\nTỈNH …") is no
    paragraph break: its line end goes with its markers."""
    start = 0
    while start <= len(raw):
        end = raw.find("\n", start)
        if end == -1:
            break
        removed = any(deleted[start:end])
        if removed and all(deleted[i] or raw[i].isspace() for i in range(start, end)):
            for i in range(start, end + 1):
                deleted[i] = True
        start = end + 1


def normalize(raw: str) -> tuple[str, list[int]]:
    """Return the normalised text and, for each of its characters, its offset in ``raw``.

    The offsets list has one extra entry, ``len(raw)``, so that an end offset maps too.
    Form feeds become newlines (readers record page starts before calling this).
    """
    deleted = [False] * len(raw)
    for m in _EMPHASIS.finditer(raw):
        for i in range(m.start(), m.end()):
            deleted[i] = True
    _drop_marker_only_lines(raw, deleted)
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        if deleted[i] or raw[i] in _DROPPED:
            i += 1
            continue
        # A cluster: one base character and the combining marks after it.
        cluster_start = i
        chars = [raw[i]]
        i += 1
        while i < n and (deleted[i] or unicodedata.combining(raw[i]) or raw[i] in _DROPPED):
            if not deleted[i] and raw[i] not in _DROPPED:
                chars.append(raw[i])
            i += 1
        piece = unicodedata.normalize("NFC", "".join(chars))
        for ch in piece:
            if ch in _AS_SPACE:
                ch = " "
            elif ch == "\f":
                ch = "\n"
            ch = _LOOKALIKES.get(ch, ch)
            out.append(ch)
            offsets.append(cluster_start)
    offsets.append(n)
    return "".join(out), offsets
