"""The signature block: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Chữ Xuân Dũng"."""

from __future__ import annotations

import regex

from extractors import patterns
from extractors.document import Document, Span
from schemas import Signer

NAME_WITHIN = 6
"""The signer's name stands within this many lines after the title ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / [signature] / Name")."""


def _is_title(doc: Document, line: Span, title_rule: regex.Pattern[str]) -> bool:
    text = doc.text[line.start : line.end]
    return text.strip().isupper() and bool(title_rule.search(text))


def _is_name(name: str, name_rule: regex.Pattern[str]) -> bool:
    """A person's name: two to five words, each capitalised and none in capitals."""
    return bool(name_rule.match(name)) and all(w[0].isupper() and not (len(w) > 1 and w.isupper()) for w in name.split())


def _name_after(doc: Document, following: list[Span], name_rule: regex.Pattern[str]) -> tuple[str, int] | None:
    """The first name in ``following`` (on one line, or split over two lines of its cell:
    "Bùi / Xuân Cường"), and where it ends."""
    for k, first in enumerate(following[:NAME_WITHIN]):
        for last in following[k : k + 2]:
            name = regex.sub(r"\s+", " ", doc.text[first.start : last.end]).strip()
            if _is_name(name, name_rule):
                return name, last.end
    return None


def find_signer(doc: Document) -> Signer | None:
    """The signature block: a title line in capitals followed by a person's name. A document
    with appendices, or a decision with its plan attached, has blocks in several places: the
    one next to the first "Nơi nhận:" (the document's own), else the last one."""
    titles: dict[str, str] = patterns.load("metadata")["signer_titles"]
    alternatives = "|".join(regex.escape(t).replace(r"\ ", r"\s+") for t in sorted(titles, key=len, reverse=True))
    title_rule = regex.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    name_rule = patterns.rule("metadata", "person_name")
    lines = [line for line in doc.lines() if doc.text[line.start : line.end].strip()]
    blocks: list[Signer] = []
    for i, line in enumerate(lines):
        if not _is_title(doc, line, title_rule):
            continue
        if i + 1 < len(lines) and _is_title(doc, lines[i + 1], title_rule):
            continue  # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": the block's title is its last line
        found = _name_after(doc, lines[i + 1 : i + 2 + NAME_WITHIN], name_rule)
        if found is None:
            continue
        title_match = list(title_rule.finditer(doc.text, line.start, line.end))[-1]
        name, end = found
        blocks.append(
            Signer(
                name=name,
                title=titles[regex.sub(r"\s+", " ", title_match.group())],
                evidence=doc.evidence(title_match.start(), end),
            )
        )
    if not blocks:
        return None
    recipients = patterns.rule("metadata", "recipients").search(doc.text)
    if recipients is None:
        return blocks[-1]
    return min(blocks, key=lambda b: abs(b.evidence.start - recipients.start()))
