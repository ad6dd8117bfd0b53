"""Scoring an extraction against an expected record: precision, recall and F1 per field.

Records are compared as the JSON ``kehoach extract`` writes (the expected one holds only
the fields that were annotated; only those are scored), micro-averaged over documents:
- a metadata field is a hit when the extracted value equals the gold one, a false hit when
  something else (or something where gold says null) was extracted, a miss when gold has a
  value and the extraction does not;
- lists are matched as multisets of keys: targets on (value, value_max, comparator, phase,
  indicator), references on number, budgets on (amount, period), responsibilities on
  (agency, role), deadlines on (due, year, quarter, day, month, recurrence, agency); and each target attribute on its own
  (``targets.value``, ``targets.phase``, …) over targets paired by value and position.

Pure functions of records; ``flows/evaluate.py`` finds the gold files and extracts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from schemas.phase import phase_label

META: dict[str, Callable[[dict], Any]] = {
    "kind": lambda r: r.get("kind"),
    "doc_number": lambda r: (r.get("doc_number") or {}).get("value"),
    "doc_type": lambda r: (r.get("doc_type") or {}).get("value"),
    "issue_date": lambda r: (r.get("issue_date") or {}).get("value"),
    "issuer": lambda r: (r.get("issuer") or {}).get("name"),
    "locality": lambda r: r.get("locality") and (r["locality"]["name"], r["locality"]["level"], r["locality"]["province"]),
    "title": lambda r: (r.get("title") or {}).get("value"),
    "period": lambda r: r.get("period") and (r["period"]["start"], r["period"]["end"]),
    "signer": lambda r: (r.get("signer") or {}).get("name"),
    "about": lambda r: (r.get("about") or {}).get("number"),
}


def _phase(t: dict) -> str:
    return phase_label(t.get("year_start"), t.get("year_end"))


TARGET_ATTRIBUTES: dict[str, Callable[[dict], Any]] = {
    "value": lambda t: (t["value"], t.get("value_max")),
    "comparator": lambda t: t.get("comparator"),
    "phase": _phase,
    "indicator": lambda t: t.get("indicator"),
    "population": lambda t: t.get("population"),
    "per": lambda t: t.get("per"),
    "baseline_year": lambda t: t.get("baseline_year"),
}

LISTS: dict[str, Callable[[dict], Any]] = {
    "targets": lambda t: (t["value"], t.get("value_max"), t.get("comparator"), _phase(t), t.get("indicator")),
    "references": lambda r: r["number"],
    "budgets": lambda b: (b.get("amount_vnd"), b.get("period_start"), b.get("period_end")),
    "responsibilities": lambda r: (r.get("agency"), r.get("role")),
    "deadlines": lambda d: (d.get("due"), d.get("year"), d.get("quarter"), d.get("day"), d.get("month"), d.get("recurrence"), d.get("agency")),
}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)


@dataclass
class Error:
    document: str
    field: str
    kind: str  # miss | false hit
    value: str
    quote: str | None


@dataclass
class Evaluation:
    documents: list[str] = field(default_factory=list)
    scores: dict[str, Score] = field(default_factory=dict)
    errors: list[Error] = field(default_factory=list)

    def score(self, name: str) -> Score:
        return self.scores.setdefault(name, Score())

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "fields": {
                name: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision, "recall": s.recall, "f1": s.f1}
                for name, s in self.scores.items()
            },
            "errors": [e.__dict__ for e in self.errors],
        }


def _quote(item: dict) -> str | None:
    return (item.get("evidence") or {}).get("quote")


def _score_meta(ev: Evaluation, doc: str, name: str, gold: Any, got: Any) -> None:
    s = ev.score(name)
    if gold is not None and got == gold:
        s.tp += 1
        return
    if got is not None:
        s.fp += 1
        ev.errors.append(Error(doc, name, "false hit", repr(got), None))
    if gold is not None:
        s.fn += 1
        ev.errors.append(Error(doc, name, "miss", repr(gold), None))


def _score_list(ev: Evaluation, doc: str, name: str, gold: list[dict], got: list[dict], key: Callable[[dict], Any]) -> None:
    s = ev.score(name)
    want, have = Counter(key(g) for g in gold), Counter(key(g) for g in got)
    s.tp += sum((want & have).values())
    s.fp += sum((have - want).values())
    s.fn += sum((want - have).values())
    extra, missing = have - want, want - have
    for item in got:
        k = key(item)
        if extra[k] > 0:
            extra[k] -= 1
            ev.errors.append(Error(doc, name, "false hit", repr(k), _quote(item)))
    for item in gold:
        k = key(item)
        if missing[k] > 0:
            missing[k] -= 1
            ev.errors.append(Error(doc, name, "miss", repr(k), _quote(item)))


def _pairs(gold: list[dict], got: list[dict]) -> list[tuple[dict, dict]]:
    """Gold and extracted targets paired: same value first, then nearest in the text. A gold
    target without evidence (an annex row annotated by value) goes first with an extracted one
    that agrees with it on every attribute, else with the first of its value in order."""
    free = list(range(len(got)))
    pairs = []
    rest = []
    for g in gold:
        same = [i for i in free if all(read(g) == read(got[i]) for read in TARGET_ATTRIBUTES.values())]
        if "evidence" not in g and same:
            free.remove(same[0])
            pairs.append((g, got[same[0]]))
        else:
            rest.append(g)
    for g in rest:
        def distance(i: int, g: dict = g) -> tuple:
            a, b = g.get("evidence", {}).get("start"), got[i].get("evidence", {}).get("start")
            return (got[i]["value"] != g["value"], abs(a - b) if a is not None and b is not None else i)

        if free:
            best = min(free, key=distance)
            if got[best]["value"] == g["value"]:
                free.remove(best)
                pairs.append((g, got[best]))
    return pairs


def _score_target_attributes(ev: Evaluation, gold: list[dict], got: list[dict]) -> None:
    pairs = _pairs(gold, got)
    for attr, read in TARGET_ATTRIBUTES.items():
        if not any(attr in g or (attr == "phase" and "year_end" in g) for g in gold):
            continue
        s = ev.score(f"targets.{attr}")
        correct = sum(read(g) == read(p) for g, p in pairs)
        s.tp += correct
        s.fp += len(got) - correct
        s.fn += len(gold) - correct


def evaluate_record(ev: Evaluation, doc: str, gold: dict, got: dict) -> None:
    for name, read in META.items():
        if name in gold:
            _score_meta(ev, doc, name, read(gold), read(got))
    for name, key in LISTS.items():
        if name in gold:
            _score_list(ev, doc, name, gold[name], got.get(name, []), key)
    if "targets" in gold:
        _score_target_attributes(ev, gold["targets"], got.get("targets", []))
