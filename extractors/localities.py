"""Localities: "huyện Càng Long" is a district of Trà Vinh, "thành phố Hà Nội" a province.

Names, levels and the province a district belonged to come from the gazetteer of the
``vietnamadminunits`` package (the 63 provinces and their districts before the 2025
reorganisation), not from a hand-kept list.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from extractors import patterns


@dataclass(frozen=True)
class Place:
    name: str
    level: str
    province: str


def _clean_type(word: str) -> str:
    return regex.sub(r"\s+", " ", word.lower()).rstrip(".")


@dataclass(frozen=True)
class _Gazetteer:
    provinces: dict[str, str]
    """short name -> full name ("Hà Nội" -> "Thành phố Hà Nội")"""
    districts: dict[str, list[tuple[str, str]]]
    """short name -> [(type, province short name)]"""
    wards: dict[str, list[tuple[str, str]]]
    """short name -> [(type, province short name)]"""


@cache
def _gazetteer() -> _Gazetteer:
    """The pre-2025 units from the ``vietnamadminunits`` data file, read directly: importing
    the package builds both of its parsers and takes 0.54 s, the file 0.04 s."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnamadminunits package is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "parser_legacy.json"
    data = json.loads(path.read_text("utf-8"))
    provinces = {p["provinceShort"]: p["province"] for p in data["DICT_PROVINCE"].values()}
    short = {key: p["provinceShort"] for key, p in data["DICT_PROVINCE"].items()}
    districts: dict[str, list[tuple[str, str]]] = {}
    for key, units in data["DICT_PROVINCE_DISTRICT"].items():
        for d in units.values():
            districts.setdefault(d["districtShort"], []).append((d["districtType"].lower(), short[key]))
    wards: dict[str, list[tuple[str, str]]] = {}
    for key, by_district in data["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].items():
        for units in by_district.values():
            for w in units.values():
                if not isinstance(w["wardShort"], str):  # 5 empty entries (NaN) in the data file
                    continue
                kind = w["wardType"] if isinstance(w["wardType"], str) else w["ward"].removesuffix(w["wardShort"])
                wards.setdefault(w["wardShort"], []).append((kind.strip().lower(), short[key]))
    return _Gazetteer(provinces, districts, wards)


def _unique(candidates: list[tuple[str, str]], type_word: str) -> str | None:
    """The province of the one unit of this type with this name; None when none or several."""
    provinces = {province for t, province in candidates if t == type_word}
    return provinces.pop() if len(provinces) == 1 else None


@cache
def resolve(type_word: str, name: str) -> Place | None:
    """Resolve a locality phrase (type word and capitalised name) as of before July 2025."""
    kinds: dict[str, str] = patterns.load("metadata")["locality_types"]
    kind = kinds.get(_clean_type(type_word))
    if kind is None:
        return None
    g = _gazetteer()
    if kind in ("province", "city"):
        full = g.provinces.get(name)
        if full is not None and (kind == "province" or full.startswith("Thành phố")):
            return Place(name, "province", name)
        if kind == "province":
            return None
    label = "thành phố" if kind == "city" else _clean_type(type_word)
    if kind in ("city", "district"):
        province = _unique(g.districts.get(name, []), label)
        return Place(name, "district", province) if province else None
    province = _unique(g.wards.get(name, []), label)
    return Place(name, "commune", province) if province else None


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
