"""The rule files name values of the record by their keys (a comparator cue, a role, a
recurrence, a budget's scope): every such key is a value the record allows, so an edit that
mistypes one fails here, not in a stored record (schemas/record.py's ``Literal``s)."""

from __future__ import annotations

import typing

import pytest

from extractors import patterns
from schemas.record import BudgetScope, Comparator, Recurrence, Role

# (rule file, key path, the Literal its keys are values of, values no rule gives: set by structure)
RULE_KEYS = [
    ("targets", ("comparators",), Comparator, {"exactly", "range"}),  # no cue: a bare number, a range
    ("agencies", ("roles",), Role, set()),
    ("agencies", ("labelled_roles",), Role, {"requested"}),
    ("agencies", ("table_columns",), Role, {"requested"}),
    ("agencies", ("cell_roles",), Role, {"requested"}),
    ("deadlines", ("recurrence",), Recurrence, set()),
    ("budgets", ("scope",), BudgetScope, {"activity"}),  # the default: an amount with no cue
]


@pytest.mark.parametrize(("name", "path", "literal", "structural"), RULE_KEYS, ids=[f"{n}.{'.'.join(p)}" for n, p, _, _ in RULE_KEYS])
def test_the_keys_of_a_rule_file_are_the_values_of_the_record(name, path, literal, structural):
    rules = patterns.load(name)
    for key in path:
        rules = rules[key]
    allowed = set(typing.get_args(literal))
    assert set(rules) <= allowed, f"{name}.yaml {'.'.join(path)}: {sorted(set(rules) - allowed)} are not values of the record"
    assert set(rules) | structural == allowed, f"{name}.yaml {'.'.join(path)} gives no rule for {sorted(allowed - set(rules) - structural)}"
