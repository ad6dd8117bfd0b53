"""Every case file of tests/cases, one runner: each ``<kind>.json`` holds texts and the values the
extractor of that kind must find in them, in the shape of Recognizers-Text test cases.

A file is ``{"_about": …, "kind": …, "cases": [{"name", "text", "values": […], "context"?,
"warnings"?}]}``. Each value is a dict of the fields a person read off the text plus
``match``, ``start`` and ``end``: the words that state the value and their character offsets in
``text`` (``text[start:end] == match``; the offsets were found by locating the words in the text,
not copied from the extractor). ``context`` is what goes before ``text`` to make it a plan (a
header, a title that gives the period); offsets count from the start of ``text``. Keys starting
with ``_`` are notes and are not compared.

``KINDS`` maps a kind to the function that runs the pipeline's extractor of that kind over a
case and gives its values as dicts with the same keys, and says how the span is checked:
``exact`` (the extractor's own span of the value, mapped back to the text, must be the case's),
``within`` (the extractor gives the span of the clause that states the value: the case's span
must lie inside it and its words in the quote). Values are compared field by field, in order,
or as a set for kinds whose order is not the text's (``ordered=False``). A kind with
``warnings=True`` also compares the warnings the extractor gives the text (``warnings``,
default none).

``KEHOACH_REGEN=1`` (alias ``KEHOACH_REGEN_GOLDEN=1``) rewrites the expected values of every case
it runs, and the goldens of tests/test_golden.py, from the extractor's output: only after a
reviewed change, saying in the commit which values moved and why. Never in CI: writing refuses
when ``CI`` is set, and the guard ``test_regeneration_flag_is_off_in_ci`` of tests/test_golden.py
fails.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from extractors.agencies import find_agencies
from extractors.budgets import extract_budgets
from extractors.document import Document
from extractors.indicators import assign_indicators
from extractors.phases import PhaseIndex
from extractors.readers import build_document, read_text
from extractors.record import extract_document
from extractors.responsibilities import extract_responsibilities
from extractors.structure import parse_structure
from extractors.targets import extract_targets

CASES = Path(__file__).with_name("cases")
REGEN = "1" in (os.environ.get("KEHOACH_REGEN"), os.environ.get("KEHOACH_REGEN_GOLDEN"))
"""The one regeneration flag of goldens and cases (``KEHOACH_REGEN_GOLDEN`` is its old name)."""


def regenerating() -> bool:
    """Whether to rewrite expected values; fails the test instead when run in CI."""
    if REGEN and os.environ.get("CI"):
        pytest.fail("KEHOACH_REGEN=1 rewrites goldens and cases: never set it in CI")
    return REGEN


Got = tuple[list[dict], list[str]]


def _span(doc: Document, start: int, end: int, offset: int) -> dict:
    """A span of the document's text as offsets in the case's text (``offset``: its context's length)."""
    s, e = doc.source_span(start, end)
    return {"start": s - offset, "end": e - offset}


def targets(text: str, context: str) -> Got:
    """The targets ``extract_document`` finds in a plan made of ``text`` (no period, no program):
    a phrase is a fragment of a plan, which ``extract_document`` would class ``other`` and give no
    targets, so this runs the target extractors of the pipeline itself."""
    doc = build_document(context + text)
    structure = parse_structure(doc)
    found, _ = assign_indicators(doc, extract_targets(doc, structure, PhaseIndex(doc, structure, None, None)), None)
    fields = ("value", "value_max", "unit", "per", "comparator", "baseline_year")
    return [{**_span(doc, t.match.start, t.match.end, len(context)), **{f: getattr(t, f) for f in fields}} for t in found], []


def amounts(text: str, context: str) -> Got:
    """The budgets and the amount warnings of the budget extractor over ``text`` (no period): a
    fragment, which ``extract_document`` would give no budgets."""
    doc = build_document(context + text)
    budgets, warnings = extract_budgets(doc, parse_structure(doc), None)
    values = [
        {"within": _span(doc, b.evidence.start, b.evidence.end, len(context)), "quote": b.evidence.quote,
         "amount_vnd": b.amount_vnd, "amount_in_words": b.amount_in_words}
        for b in budgets
    ]
    return values, [w.code for w in warnings if w.code.startswith("amount")]


def deadlines(text: str, context: str) -> Got:
    """The deadlines of the plan made of ``context`` (its header and title) and ``text``."""
    doc = build_document(context + text)
    record = extract_document(doc, "t", "t.txt")
    assert record.kind == "local_plan"
    fields = ("year", "quarter", "day", "month", "recurrence", "agency")
    return [
        {**_span(doc, d.evidence.start, d.evidence.end, len(context)),
         "due": d.due.isoformat() if d.due else None, **{f: getattr(d, f) for f in fields}}
        for d in record.deadlines
    ], []


def phases(text: str, context: str) -> Got:
    """The targets of the plan made of ``context`` and ``text`` with their phase, and all its warnings."""
    doc = build_document(context + text)
    record = extract_document(doc, "case", "case")
    return [
        {**_span(doc, t.match.start, t.match.end, len(context)), "year_start": t.year_start, "year_end": t.year_end, "indicator": t.indicator}
        for t in record.targets
    ], [w.code for w in record.warnings]


def agencies(text: str, context: str) -> Got:
    """Every agency of the alias table named in ``text``, in order."""
    assert not context
    return [{"start": m.start, "end": m.end, "name": m.name, "successor": m.successor} for m in find_agencies(text)], []


def responsibilities(text: str, context: str) -> Got:
    """The (agency, role) records of the responsibility extractor over ``text`` read as a file."""
    doc = read_text((context + text).encode("utf-8"))
    return [
        {**_span(doc, r.evidence.start, r.evidence.end, len(context)), "agency": r.agency, "role": r.role}
        for r in extract_responsibilities(doc, parse_structure(doc))
    ], []


@dataclass(frozen=True)
class Kind:
    extract: Callable[[str, str], Got]
    span: str = "exact"
    ordered: bool = True
    warnings: bool = False
    optional: tuple[str, ...] = ()
    """Fields compared only where a case's value states them (regeneration keeps them there alone)."""


KINDS = {
    "targets": Kind(targets),
    "amounts": Kind(amounts, span="within", warnings=True),
    "deadlines": Kind(deadlines),
    "phases": Kind(phases, warnings=True),
    "agencies": Kind(agencies, optional=("successor",)),
    "responsibilities": Kind(responsibilities, ordered=False),
}
SPAN = ("match", "start", "end")


def load(kind: str) -> dict:
    return json.loads((CASES / f"{kind}.json").read_text("utf-8"))


def dump(data: dict) -> str:
    """A case file as it is kept: a case per few lines, a value per line."""
    def j(v) -> str:
        return json.dumps(v, ensure_ascii=False)

    head = [f'  "{k}": {j(v)},' for k, v in data.items() if k != "cases"]
    cases = []
    for case in data["cases"]:
        lines = [f"    {{{j('name')}: {j(case['name'])},"]
        lines += [f"     {j(k)}: {j(v)}," for k, v in case.items() if k not in ("name", "values")]
        values = case["values"]
        if values:
            lines.append('     "values": [')
            lines.append(",\n".join(f"       {j(v)}" for v in values) + "]}")
        else:
            lines.append('     "values": []}')
        cases.append("\n".join(lines))
    return "{\n" + "\n".join(head) + '\n  "cases": [\n' + ",\n".join(cases) + "\n  ]\n}\n"


def params():
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        kind = data.get("kind", path.stem)
        for case in data["cases"]:
            yield pytest.param(kind, case, id=f"{kind}:{case.get('name')}")


def _clean(value: dict) -> dict:
    return {k: v for k, v in value.items() if not k.startswith("_")}


def _key(value: dict) -> tuple:
    """The order of an unordered kind's values in its file: by span, then fields."""
    return (value.get("start", 0), json.dumps(_clean(value), ensure_ascii=False, sort_keys=True))


def _regenerate(kind: str, case: dict, got: list[dict], warnings: list[str]) -> None:
    """Writes the extractor's values for ``case`` into its file: its fields and exact spans; a
    ``within`` kind keeps the case's words and span, every kind the optional fields and notes
    (``_…``) its values stated."""
    spec, text, old = KINDS[kind], case["text"], case["values"]
    values = []
    for i, g in enumerate(got):
        value = {k: v for k, v in g.items() if k not in ("within", "quote", "start", "end")}
        if spec.span == "exact":
            value = {"match": text[g["start"] : g["end"]], "start": g["start"], "end": g["end"], **value}
        elif i < len(old) and all(k in old[i] for k in SPAN):
            value = {k: old[i][k] for k in SPAN} | value  # the words are the person's
        if spec.ordered:
            before = old[i] if i < len(old) else {}
        else:
            before = next((o for o in old if all(o.get(k) == value.get(k) for k in value if k not in spec.optional)), {})
        for k in spec.optional:
            if k not in before:
                value.pop(k, None)
        value |= {k: v for k, v in before.items() if k.startswith("_")}
        if spec.ordered or value not in values:
            values.append(value)
    if not spec.ordered:
        values.sort(key=_key)
    data = load(kind)
    for c in data["cases"]:
        if c["name"] == case["name"]:
            c["values"] = values
            if spec.warnings:
                c.pop("warnings", None)
                if warnings:
                    c["warnings"] = warnings
    if regenerating():
        (CASES / f"{kind}.json").write_text(dump(data), "utf-8")


@pytest.mark.parametrize("kind, case", list(params()))
def test_case(kind: str, case: dict):
    spec, text = KINDS[kind], case["text"]
    want = [_clean(v) for v in case["values"]]
    for v in want:  # the case itself: its words are at its span
        if "start" in v:
            assert text[v["start"] : v["end"]] == v["match"], f"the case's span of {v['match']!r} is wrong"
    got, warnings = spec.extract(text, case.get("context", ""))
    if regenerating():
        _regenerate(kind, case, got, warnings)
        return
    if spec.warnings:
        assert warnings == case.get("warnings", [])
    if spec.span == "within":
        assert len(got) == len(want)
        for g, w in zip(got, want, strict=False):
            assert g["within"]["start"] <= w["start"] and w["end"] <= g["within"]["end"], f"{w['match']!r} is outside the clause {g['quote']!r}"
            assert w["match"] in g["quote"]
        want = [{k: v for k, v in w.items() if k not in SPAN} for w in want]
    else:
        want = [{k: v for k, v in w.items() if k != "match"} for w in want]
    if spec.ordered:
        assert [{k: g.get(k) for k in w} for g, w in zip(got, want, strict=False)] == want and len(got) == len(want)
    else:
        keys = sorted({k for w in want for k in w}) or ["agency"]
        as_set = lambda values: {json.dumps([v.get(k) for k in keys], ensure_ascii=False) for v in values}  # noqa: E731
        assert sorted(as_set(got)) == sorted(as_set(want))


def test_every_case_file_is_of_a_kind_with_an_extractor():
    files = {p.stem: json.loads(p.read_text("utf-8")) for p in CASES.glob("*.json")}
    assert {stem: data["kind"] for stem, data in files.items()} == {stem: stem for stem in files}
    assert set(files) <= set(KINDS)
    for data in files.values():
        names = [c["name"] for c in data["cases"]]
        assert len(names) == len(set(names)), "case names are pytest ids: make them unique"


def test_case_files_are_kept_as_regeneration_writes_them():
    """So a regeneration's diff shows only the values that moved."""
    for path in CASES.glob("*.json"):
        assert path.read_text("utf-8") == dump(json.loads(path.read_text("utf-8"))), path.name
