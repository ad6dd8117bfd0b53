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
    conf = patterns.load("agencies")
    entries = conf["agencies"]
    alternatives = []
    for i, entry in enumerate(entries):
        alternatives.append(f"(?P<a{i}>" + "|".join(f"(?:{a})" for a in entry["aliases"]) + ")")
    # not after a word that makes it something else ("cơ sở y tế" is no "Sở Y tế")
    guard = "".join(rf"(?<!(?<!\w){regex.escape(w)}\s)" for w in conf.get("not_after", []))
    rule = regex.compile(r"(?<!\w)" + guard + "(?:" + "|".join(alternatives) + r")(?!\w)", regex.IGNORECASE)
    return rule, entries


def spell_out(name: str) -> str:
    """A name with the abbreviations of ``abbreviations`` spelt out ("… trong KCN" -> "… trong
    khu công nghiệp", "Văn phòng … và HĐND tỉnh" -> "… và Hội đồng nhân dân tỉnh")."""
    for short, full in patterns.load("agencies").get("abbreviations", {}).items():
        name = regex.sub(rf"(?<!\w){regex.escape(short)}(?!\w)", full, name)
    return name


def find_agencies(text: str, offset: int = 0, unknown: bool = False) -> list[Mention]:
    """Every agency of the alias table named in ``text`` (positions shifted by ``offset``), in
    order; with ``unknown``, also those the table does not know, read by their head word
    (``unknown_agencies``): for text where work is assigned, not for running prose."""
    rule, entries = _table()
    out = []
    for m in rule.finditer(text):
        i = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        entry = entries[i]
        out.append(Mention(m.start() + offset, m.end() + offset, entry["name"], entry["kind"], entry.get("successor"), m.group()))
    if unknown:
        taken = [(m.start - offset, m.end - offset) for m in out]
        out += [
            Mention(s + offset, e + offset, spell_out(name), kind_of(name), None, text[s:e])
            for s, e, name in unknown_agencies(text)
            if not any(a < e and s < b for a, b in taken)
        ]
        out.sort(key=lambda m: m.start)
    return out


@cache
def _unknown_rules() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str], int]:
    conf = patterns.load("agencies")["unknown"]
    def alternatives(words: list[str]) -> str:
        return "|".join(regex.escape(h).replace(r"\ ", r"\s+") for h in sorted(words, key=len, reverse=True))

    heads, lower = alternatives(conf["heads"]), alternatives(conf["lowercase_after"])
    start = regex.compile(rf"(?<![\w])(?:(?:{lower})(?=\s+\p{{L}})|(?:{heads})(?=\s+\p{{Lu}}))")
    end = regex.compile(conf["end"].replace("HEADS", f"(?:{heads})(?!\\w)"))
    return start, end, regex.compile(conf["locality"]), conf["max_words"]


def unknown_agencies(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each agency named by a head word ("Kho bạc Nhà nước khu vực XI")."""
    start_rule, end_rule, locality, max_words = _unknown_rules()
    out = []
    pos = 0
    for m in start_rule.finditer(text):
        if m.start() < pos:
            continue
        end = end_rule.search(text, m.end())
        stop = end.start() if end else len(text)
        name = text[m.start() : stop]
        words = name.split()
        if len(words) < 2 or len(words) > max_words:
            continue
        cut = locality.search(name)
        if cut and cut.start() > 0:
            name = name[: cut.start()]
        name = drop_province(regex.sub(r"\s+", " ", name).strip())
        if len(name.split()) < 2 and name not in _single_heads():
            continue
        out.append((m.start(), m.start() + len(text[m.start() : stop].rstrip()), name))
        pos = stop
    return out


@cache
def _province_tail() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    from extractors.localities import province_names

    conf = patterns.load("agencies")["unknown"]
    names = province_names() - set(conf["province_not_locality"])
    alternatives = "|".join(regex.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
    kept = conf["province_kept_after"]
    heads = "|".join(regex.escape(h).replace(r"\ ", r"\s+") for h in sorted(kept, key=len, reverse=True))
    return regex.compile(rf"\s+(?:{alternatives})$"), regex.compile(rf"(?:{heads})(?!\w)")


def drop_province(name: str) -> str:
    """A name without the province written right after it ("Công ty Điện lực Đắk Lắk" ->
    "Công ty Điện lực", "Thuế Đồng Nai" -> "Thuế"), unless the province is part of such a name ("Trường Đại học Cần Thơ")."""
    tail, kept = _province_tail()
    cut = tail.search(name)
    head = name[: cut.start()] if cut else ""
    if cut and (len(head.split()) >= 2 or head in _single_heads()) and not kept.match(name):
        return head
    return name


@cache
def _single_heads() -> frozenset[str]:
    return frozenset(patterns.load("agencies")["unknown"]["province_dropped_after"])


def kind_of(name: str) -> str:
    """The kind of an agency the table does not know, from its first words."""
    lowered = name.lower()
    for start, kind in sorted(patterns.load("agencies")["kinds_by_first_word"].items(), key=lambda kv: -len(kv[0])):
        if lowered.startswith(start):
            return kind
    return "other"
