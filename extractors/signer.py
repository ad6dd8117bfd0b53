"""The signature block: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Chữ Xuân Dũng"."""

from __future__ import annotations

import regex

from extractors import patterns
from extractors.document import Document
from schemas import Signer

TAIL_LINES = 40


def find_signer(doc: Document) -> Signer | None:
    titles: dict[str, str] = patterns.load("metadata")["signer_titles"]
    alternatives = "|".join(regex.escape(t).replace(r"\ ", r"\s+") for t in sorted(titles, key=len, reverse=True))
    title_rule = regex.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    name_rule = patterns.rule("metadata", "person_name")
    lines = doc.lines()[-TAIL_LINES:]
    title_at = None
    for i, line in enumerate(lines):
        text = doc.text[line.start : line.end]
        if text.strip().isupper() and title_rule.search(text):
            title_at = i
    if title_at is None:
        return None
    line = lines[title_at]
    title_match = list(title_rule.finditer(doc.text, line.start, line.end))[-1]
    title_text = titles[regex.sub(r"\s+", " ", title_match.group())]
    for follow in lines[title_at + 1 :]:
        text = doc.text[follow.start : follow.end].strip()
        if name_rule.match(text) and not text.isupper():
            start = follow.start + doc.text[follow.start : follow.end].index(text)
            return Signer(
                name=text,
                title=title_text,
                evidence=doc.evidence(line.start + (title_match.start() - line.start), start + len(text)),
            )
    return None
