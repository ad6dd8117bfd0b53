"""Loads the rule files in ``extractors/patterns/``: patterns are data, not code.

Each YAML file holds named regular expressions (``regex`` module syntax, matched
case-insensitively unless a rule says ``case: sensitive``) and plain lists or
mappings. A researcher adds a cue phrase by editing the YAML.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import regex
import yaml


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed YAML file ``extractors/patterns/<name>.yaml``."""
    text = resources.files("extractors").joinpath("patterns", f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def compile_rule(pattern: str, sensitive: bool = False) -> regex.Pattern[str]:
    flags = 0 if sensitive else regex.IGNORECASE
    return regex.compile(pattern, flags)


def rule(name: str, key: str) -> regex.Pattern[str]:
    """Compile the pattern at ``key`` of file ``name`` (a string, or a list joined by ``|``)."""
    value = load(name)[key]
    if isinstance(value, dict):
        sensitive = value.get("case") == "sensitive"
        value = value["pattern"]
    else:
        sensitive = False
    if isinstance(value, list):
        value = "|".join(f"(?:{v})" for v in value)
    return compile_rule(value, sensitive)
