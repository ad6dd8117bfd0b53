"""``kehoach eval GOLD``: precision, recall and F1 of the extractor against annotated documents.

GOLD is a folder of expected records (``*.json``, the shape of ``kehoach extract`` output,
holding only the fields that were annotated). The document of ``x.txt.json`` is ``x.txt``
beside it, else the record's ``source`` (relative to the working directory). Only the
fields present in a gold record are scored, as ``derive.scoring`` says.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from derive.scoring import Evaluation, evaluate_record
from schemas import PlanRecord

if TYPE_CHECKING:  # imported where used: SQLAlchemy takes a while to import
    from flows.store import Store


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
