"""Localities: "huyện Càng Long" is a district of Trà Vinh, "thành phố Hà Nội" a province.

Names, levels, codes, the province a district belonged to, and the province it belongs to
since the 1 July 2025 reorganisation (Trà Vinh into Vĩnh Long) come from the data of the
``vietnamadminunits`` package (the 63 provinces, their districts and communes before the
reform, and its legacy-to-2025 converter), not from a hand-kept list.
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
    code: str | None = None
    province_code: str | None = None
    current_province: str | None = None
    """The province it belongs to since the 1 July 2025 reorganisation."""


def _clean_type(word: str) -> str:
    return regex.sub(r"\s+", " ", word.lower()).rstrip(".")


@dataclass(frozen=True)
class _Gazetteer:
    provinces: dict[str, tuple[str, str, str]]
    """short name -> (full name, code, province since 2025): "Trà Vinh" -> ("Tỉnh Trà Vinh", "84", "Vĩnh Long")"""
    districts: dict[str, list[tuple[str, str, str]]]
    """short name -> [(type, province short name, code)]"""
    wards: dict[str, list[tuple[str, str, str]]]
    """short name -> [(type, province short name, code)]"""


@cache
def _data(name: str) -> dict:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnamadminunits package is not installed")
    return json.loads((Path(list(spec.submodule_search_locations)[0]) / "data" / name).read_text("utf-8"))


@cache
def _gazetteer() -> _Gazetteer:
    """The pre-2025 units, with their codes and the province each became part of in 2025, from the
    ``vietnamadminunits`` data files, read directly: importing the package builds both of its
    parsers and takes 0.54 s, the files 0.05 s."""
    data = _data("parser_legacy.json")
    new = _data("parser_from_2025.json")["DICT_PROVINCE"]
    merged_into = {old: new[key]["provinceShort"] for key, olds in _data("converter_2025.json")["DICT_PROVINCE"].items() for old in olds}
    provinces = {
        p["provinceShort"]: (p["province"], p["provinceCode"], merged_into.get(key, p["provinceShort"]))
        for key, p in data["DICT_PROVINCE"].items()
    }
    short = {key: p["provinceShort"] for key, p in data["DICT_PROVINCE"].items()}
    districts: dict[str, list[tuple[str, str, str]]] = {}
    for key, units in data["DICT_PROVINCE_DISTRICT"].items():
        for d in units.values():
            districts.setdefault(d["districtShort"], []).append((d["districtType"].lower(), short[key], d["districtCode"]))
    wards: dict[str, list[tuple[str, str, str]]] = {}
    for key, by_district in data["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].items():
        for units in by_district.values():
            for w in units.values():
                if not isinstance(w["wardShort"], str):  # 5 empty entries (NaN) in the data file
                    continue
                kind = w["wardType"] if isinstance(w["wardType"], str) else w["ward"].removesuffix(w["wardShort"])
                wards.setdefault(w["wardShort"], []).append((kind.strip().lower(), short[key], str(w["wardCode"])))
    return _Gazetteer(provinces, districts, wards)


def _place(name: str, level: str, province: str, code: str | None) -> Place:
    _, province_code, current = _gazetteer().provinces[province]
    return Place(name, level, province, code, province_code, current)


def _unique(candidates: list[tuple[str, str, str]], type_word: str) -> tuple[str, str] | None:
    """(province, code) of the one unit of this type with this name; None when none or several."""
    found = {(province, code) for t, province, code in candidates if t == type_word}
    return found.pop() if len(found) == 1 else None


@cache
def resolve(type_word: str, name: str) -> Place | None:
    """Resolve a locality phrase (type word and capitalised name) as of before July 2025."""
    kinds: dict[str, str] = patterns.load("metadata")["locality_types"]
    kind = kinds.get(_clean_type(type_word))
    if kind is None:
        return None
    g = _gazetteer()
    if kind in ("province", "city"):
        filed = patterns.load("metadata")["province_aliases"].get(name, name)
        entry = g.provinces.get(filed)
        if entry is not None and (kind == "province" or entry[0].startswith("Thành phố") or filed != name):
            return _place(name, "province", filed, entry[1])
        if kind == "province":
            return None
    label = "thành phố" if kind == "city" else _clean_type(type_word)
    if kind in ("city", "district"):
        found = _unique(g.districts.get(name, []), label)
        return _place(name, "district", found[0], found[1]) if found else None
    found = _unique(g.wards.get(name, []), label)
    return _place(name, "commune", found[0], found[1]) if found else None


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


@dataclass(frozen=True)
class Province:
    name: str
    code: str
    lat: float
    lon: float
    current: str
    """The province it is, or is part of, since 1 July 2025 (itself for the 34)."""


@cache
def provinces(as_of: int = 2025) -> list[Province]:
    """The provinces of before the 1 July 2025 reorganisation (``as_of=2021``: 63) or after it
    (34), with their codes and coordinates, from the ``vietnamadminunits`` data."""
    if as_of < 2025:
        legacy = _data("parser_legacy.json")["DICT_PROVINCE"].values()
        merged = _gazetteer().provinces
        return [Province(p["provinceShort"], p["provinceCode"], p["provinceLat"], p["provinceLon"], merged[p["provinceShort"]][2]) for p in legacy]
    current = _data("parser_from_2025.json")["DICT_PROVINCE"].values()
    return [Province(p["provinceShort"], p["provinceCode"], p["provinceLat"], p["provinceLon"], p["provinceShort"]) for p in current]


@cache
def province_names() -> frozenset[str]:
    """The name of every province, of before the 2025 reorganisation and after it."""
    return frozenset(p.name for year in (2021, 2025) for p in provinces(year))


@cache
def district_count(province: str) -> int:
    """How many districts (and towns, cities) a province had before July 2025."""
    key = next(k for k, p in _data("parser_legacy.json")["DICT_PROVINCE"].items() if p["provinceShort"] == province)
    return len(_data("parser_legacy.json")["DICT_PROVINCE_DISTRICT"][key])
