"""Localities: "huyện Càng Long" is a district of Trà Vinh, "thành phố Hà Nội" a province.

Names, levels and the province a district belonged to come from the gazetteer of the
``vietnamadminunits`` package (the 63 provinces and their districts before the 2025
reorganisation), not from a hand-kept list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extractors import patterns


@dataclass(frozen=True)
class Place:
    name: str
    level: str
    province: str


def _clean_type(word: str) -> str:
    return regex.sub(r"\s+", " ", word.lower()).rstrip(".")


@cache
def resolve(type_word: str, name: str) -> Place | None:
    """Resolve a locality phrase (type word and capitalised name) as of before July 2025."""
    from vietnamadminunits import ParseMode, parse_address

    kinds: dict[str, str] = patterns.load("metadata")["locality_types"]
    kind = kinds.get(_clean_type(type_word))
    if kind is None:
        return None

    def parse(text: str, level: int):
        try:
            return parse_address(text, mode=ParseMode.LEGACY, level=level)
        except Exception:  # the parser raises on names it does not know
            return None

    if kind in ("province", "city"):
        unit = parse(name, 1)
        if unit is not None and unit.short_province == name and (kind == "province" or unit.province.startswith("Thành phố")):
            return Place(name, "province", unit.short_province)
        if kind == "province":
            return None
    label = {"city": "thành phố", "district": type_word.lower()}.get(kind, type_word.lower())
    if kind in ("city", "district"):
        for text in (f"{label} {name}", f"{label} {name}, {name}"):
            unit = parse(text, 2)
            if unit is not None and unit.short_district == name:
                return Place(name, "district", unit.short_province)
        return None
    unit = parse(f"{type_word.lower()} {name}", 3)
    if unit is not None and unit.short_ward == name:
        return Place(name, "commune", unit.short_province)
    return None


def find_places(text: str) -> list[tuple[regex.Match[str], Place]]:
    """Every locality phrase in ``text`` that the gazetteer knows."""
    out = []
    for m in patterns.rule("metadata", "locality").finditer(text):
        words = m.group("name").split()
        # "huyện Càng Long Trà Vinh": try the longest name first
        for k in range(len(words), 0, -1):
            place = resolve(m.group("type"), " ".join(words[:k]))
            if place is not None:
                out.append((m, place))
                break
    return out
