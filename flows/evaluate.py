"""``kehoach eval GOLD``: precision, recall and F1 of the extractor against annotated documents.

GOLD is a folder of expected records (``*.json``, the shape of ``kehoach extract`` output,
holding only the fields that were annotated). The document of ``x.txt.json`` is ``x.txt``
beside it, else the record's ``source`` (relative to the working directory). Only the
fields present in a gold record are scored.

Scoring, micro-averaged over documents:
- a metadata field is a hit when the extracted value equals the gold one, a false hit when
  something else (or something where gold says null) was extracted, a miss when gold has a
  value and the extraction does not;
- lists are matched as multisets of keys: targets on (value, value_max, comparator, phase,
  indicator), references on number, budgets on (amount, period), responsibilities on
  (agency, role), deadlines on (due, year, quarter, day, month, recurrence, agency); and each target attribute on its own
  (``targets.value``, ``targets.phase``, …) over targets paired by value and position.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemas import PlanRecord

if TYPE_CHECKING:  # imported where used: SQLAlchemy takes a while to import
    from flows.store import Store

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
    return f"{t.get('year_start')}-{t.get('year_end')}"


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


def document_for(gold_path: Path, gold: dict) -> Path:
    beside = gold_path.with_suffix("")
    if beside.suffix and beside.exists():
        return beside
    return Path(gold["source"])


def evaluate(gold_dir: Path, extract: Callable[[Path], PlanRecord]) -> Evaluation:
    ev = Evaluation()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        doc = document_for(gold_path, gold)
        ev.documents.append(str(doc))
        got = json.loads(extract(doc).model_dump_json())
        evaluate_record(ev, str(doc), gold, got)
    return ev


def evaluate_corrected(store: Store) -> Evaluation:
    """Score the extractor against the documents researchers corrected: the corrected record is
    the gold, a fresh extraction of the stored reading (or of a file that still holds its bytes;
    when neither is there, the record as stored) the prediction. Every correction thus also
    measures the extractor."""
    from extractors.record import extract_document

    ev = Evaluation()
    corrected = {c.doc_id for c, _, _ in store.corrections()}
    for record in store.records():
        if record.doc_id not in corrected:
            continue
        found = store.reading(record.doc_id)
        got = extract_document(found[0], record.doc_id, record.source) if found else store.raw_record(record.doc_id)
        assert got is not None, record.doc_id  # a stored record has its raw record
        ev.documents.append(record.source)
        evaluate_record(ev, record.source, json.loads(record.model_dump_json()), json.loads(got.model_dump_json()))
    return ev


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:.1f}"


def format_table(ev: Evaluation) -> str:
    lines = [f"{len(ev.documents)} documents", f"{'field':24} {'tp':>5} {'fp':>5} {'fn':>5} {'P %':>6} {'R %':>6} {'F1 %':>6}"]
    for name, s in ev.scores.items():
        lines.append(f"{name:24} {s.tp:5} {s.fp:5} {s.fn:5} {_pct(s.precision):>6} {_pct(s.recall):>6} {_pct(s.f1):>6}")
    if ev.errors:
        lines.append("")
        lines.append(f"{len(ev.errors)} errors:")
        for e in ev.errors:
            quote = f' — "{e.quote[:100]}"' if e.quote else ""
            lines.append(f"  {e.kind:9} {e.field}: {e.value} in {e.document}{quote}")
    return "\n".join(lines)
