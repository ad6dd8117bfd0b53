"""List markers that open a numbered item or heading ("I.", "2.1.", "a)", "- a)", "+"), from structure.yaml.

Used by the structure parser, and by the PDF reader to tell where a paragraph starts.
"""

from __future__ import annotations

from functools import cache

import regex

from extractors import patterns


@cache
def _marker_rules() -> list[tuple[str, regex.Pattern[str]]]:
    conf = patterns.load("structure")
    rules = []
    for m in conf["markers"]:
        flags = 0 if m.get("case") == "sensitive" else regex.IGNORECASE
        rules.append((m["kind"], regex.compile(rf"(?:{conf['decoration']})?(?P<m>{m['pattern']})(?=\s|$)", flags)))
    return rules


def list_marker(text: str) -> tuple[str, str, int] | None:
    """(kind, marker, body offset) for a line that starts with a list marker."""
    lead = len(text) - len(text.lstrip())
    for kind, rule in _marker_rules():
        m = rule.match(text, lead)
        if m:
            body = m.end()
            while body < len(text) and text[body].isspace():
                body += 1
            return kind, m.group("m"), body
    return None




def starts_item(previous: str, line: str) -> bool:
    """Does ``line`` open a list item, after ``previous``? Not when a hard wrap cut a range
    of years or numbers at its dash ("… giai đoạn 2026" / "- 2030 phấn đấu …")."""
    found = list_marker(line)
    if found is None:
        return False
    if found[0] == "dash" and regex.match(r"\s*[-–—]\s*\d", line) and regex.search(r"\d\s*$", previous):
        return False
    # "… trước ngày 15 tháng" / "12." or "… theo Điều" / "5. của Luật …": a number the wrap
    # put first on the line, in a sentence that goes on (no stop before it, nothing or lower
    # case after it)
    body = line[found[2] :]
    # "… xuất nhập khẩu" / "– cảng cạn; …": a dash between two words of a sentence that
    # goes on (no stop or colon before it, lower case after it)
    if found[0] == "dash" and regex.search(r"\p{L}\s*$", previous) and body.lstrip()[:1].islower():
        return False
    if found[0] != "dash" and regex.search(r"[\p{L}\d]\s*$", previous) and (not body.strip() or body[:1].islower()):
        return False
    return True
