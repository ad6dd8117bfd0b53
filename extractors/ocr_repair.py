"""Repairs of the characters OCR confuses where they matter most: document numbers, dates
and article numbers ("Số: 5S/KH-UBND", "ngày 2O tháng 6", "Điều L"). Each rule of
``patterns/reading.yaml`` names the group to repair; one character replaces one, so every
offset stays where it was.
"""

from __future__ import annotations

from functools import cache

import regex

from extractors import patterns


@cache
def _rules() -> tuple[list[regex.Pattern[str]], dict[str, str]]:
    conf = patterns.load("reading")
    return [regex.compile(r) for r in conf["ocr_repairs"]], conf["ocr_confusions"]


def repair(text: str) -> str:
    rules, confusions = _rules()
    chars = list(text)
    for rule in rules:
        for m in rule.finditer(text):
            for i in range(m.start("fix"), m.end("fix")):
                chars[i] = confusions.get(chars[i], chars[i])
    return "".join(chars)
