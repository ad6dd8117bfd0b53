"""Field-by-field comparison of records, so a regression names the value that moved."""

from __future__ import annotations

from typing import Any


def diff(expected: Any, actual: Any, path: str = "") -> list[str]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in expected.keys() | actual.keys():
            where = f"{path}.{key}" if path else key
            if key not in actual:
                out.append(f"{where}: missing (expected {expected[key]!r})")
            elif key not in expected:
                out.append(f"{where}: unexpected {actual[key]!r}")
            else:
                out.extend(diff(expected[key], actual[key], where))
        return sorted(out)
    if isinstance(expected, list) and isinstance(actual, list):
        out = []
        for i in range(max(len(expected), len(actual))):
            where = f"{path}[{i}]"
            if i >= len(actual):
                out.append(f"{where}: missing {_short(expected[i])}")
            elif i >= len(expected):
                out.append(f"{where}: unexpected {_short(actual[i])}")
            else:
                out.extend(diff(expected[i], actual[i], where))
        return out
    if expected != actual:
        return [f"{path}: expected {expected!r}, got {actual!r}"]
    return []


def _short(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("match", "number", "value", "amount_vnd", "name"):
            if key in value:
                return f"{key}={value[key]!r}"
    return repr(value)[:120]
