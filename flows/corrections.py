"""Making corrections: ``kehoach review`` (interactive, in the terminal) and ``kehoach correct``
(a CSV or YAML file of corrections). Applying them is ``derive.corrections``; storing them
is ``flows.store.Store.add_correction``.

A value is named as ``kehoach review`` lists it (``t3``: the third target, ``r2``, ``d1``,
``b1``; ``m`` for metadata) or by its quote (and ``match`` when several values share one). The
reference is resolved once, when the correction is made, into the value's quote, the words that
state it and its span: that, not the position in a list, is what is stored.
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import yaml

from derive.corrections import LISTS, ListValue, identity
from derive.tables import written
from extractors.errors import ReadError
from flows.store import CorrectionError, Store
from schemas import Budget, Deadline, PlanRecord, Responsibility, Target
from schemas.correction import METADATA_FIELDS, Correction
from schemas.phase import Phase

LETTERS = {"t": "target", "r": "responsibility", "d": "deadline", "b": "budget"}


def default_author() -> str:
    return os.environ.get("KEHOACH_AUTHOR") or getpass.getuser()


def scalar(text: Any) -> Any:
    """A value typed in a terminal or a CSV cell: "55" -> 55, "0.5" -> 0.5, "null" -> None, text as is."""
    if not isinstance(text, str):
        return text
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    return value.isoformat() if isinstance(value, dt.date) else value


def values_of(record: PlanRecord, kind: str) -> list[ListValue]:
    return list(getattr(record, LISTS[kind][0]))


def _shown(kind: str, v: ListValue) -> str:
    mark = " [sửa]" if getattr(v, "corrected", None) else ""
    if kind == "target":
        t = cast(Target, v)
        return f"{written(t)}  {t.indicator or '—'}  {t.year_start}-{t.year_end}{mark}"
    if kind == "responsibility":
        r = cast(Responsibility, v)
        return f"{r.agency}  {r.role}{mark}"
    if kind == "deadline":
        d = cast(Deadline, v)
        return f"{d.due or d.recurrence or d.year or '—'}  {d.what[:60]}{mark}"
    b = cast(Budget, v)
    return f"{b.amount_vnd:,} đồng  {b.scope}{mark}" if b.amount_vnd is not None else f"—  {b.scope}{mark}"


def listing(record: PlanRecord) -> list[str]:
    """What ``kehoach review`` shows: every value with its reference, its page and its quote."""
    lines = []
    for field in METADATA_FIELDS:
        value = getattr(record, field)
        if value is not None:
            shown = getattr(value, "value", None) or getattr(value, "name", None)
            lines.append(f"m {field:11} {shown}{' [sửa]' if value.corrected else ''}")
    for letter, kind in LETTERS.items():
        for i, v in enumerate(values_of(record, kind), 1):
            lines.append(f"{letter}{i:<3} {_shown(kind, v)}  (trang {v.evidence.page})")
            lines.append(f"       “{v.evidence.quote[:160]}{'…' if len(v.evidence.quote) > 160 else ''}”")
    return lines


def _resolve(record: PlanRecord, spec: dict) -> tuple[str, ListValue | None]:
    """(kind, the value named by ``ref`` or by ``quote``/``match``) in the record as it stands."""
    ref = str(spec.get("ref") or "").strip()
    kind = spec.get("kind") or LETTERS.get(ref[:1], "metadata" if ref == "m" else "")
    if kind not in (*LISTS, "metadata"):
        raise CorrectionError(f"unknown kind of value {kind or ref!r}: target, responsibility, deadline, budget or metadata")
    if kind == "metadata":
        return kind, None
    values = values_of(record, kind)
    if ref[1:].isdigit():
        index = int(ref[1:]) - 1
        if not 0 <= index < len(values):
            raise CorrectionError(f"no {kind} {ref} (the document has {len(values)})")
        return kind, values[index]
    if spec.get("action") == "add":
        return kind, None
    found = [v for v in values if v.evidence.quote == spec.get("quote") and spec.get("match") in (None, "", identity(kind, v))]
    if len(found) != 1:
        raise CorrectionError(f"{len(found)} {LISTS[kind][0]} have this quote{' and match' if spec.get('match') else ''}: name one with ref or match")
    return kind, found[0]


def _added(store: Store, doc_id: str, spec: dict) -> dict:
    """The whole value of an ``add``: its fields, and evidence found in the document's own text."""
    new = dict(spec.get("new") or {})
    quote = spec.get("quote") or new.pop("quote", None)
    if not quote:
        raise CorrectionError("a value added by hand needs its quote")
    try:
        found = store.reading(doc_id)
    except ReadError as exc:
        raise CorrectionError(str(exc)) from None
    if found is None:
        raise CorrectionError("the document's text is not stored and its file is not readable at any path it was seen at: cannot check the quote")
    document = found[0]
    flat = document.text.replace("\n", " ")
    start = flat.find(quote)
    if start < 0:
        raise CorrectionError(f"the quote is not in the document: {quote[:80]!r}")
    new["evidence"] = document.evidence(start, start + len(quote)).model_dump()
    if spec.get("kind") == "target":
        words = spec.get("match") or quote
        at = quote.find(words)
        if at < 0:
            raise CorrectionError(f"match {words!r} is not in the quote")
        new.setdefault("match", document.match(start + at, start + at + len(words)).model_dump())
        new.setdefault("subject", quote[:120])
        if "phase" in new:
            phase = Phase.parse(str(new.pop("phase")))
            new.update(year_start=phase.start, year_end=phase.end)
    return new


def make_correction(store: Store, doc_id: str, spec: dict, author: str) -> Correction:
    """A ``Correction`` from what a user gave (``ref`` or ``quote``/``match``, ``field``, ``new``, ``reason``)."""
    record = next(r for r in store.records() if r.doc_id == doc_id)
    action = spec.get("action") or "change"
    kind, value = _resolve(record, {**spec, "action": action})
    reason = str(spec.get("reason") or "").strip()
    if not reason:
        raise CorrectionError("every correction needs a reason")
    field = spec.get("field") or None
    new = spec.get("new")
    if action == "add" and kind != "metadata":
        new = _added(store, doc_id, {**spec, "kind": kind, "new": new if isinstance(new, dict) else scalar(new)})
    elif action == "change" and not field:
        raise CorrectionError("a change needs the field to change")
    else:
        new = scalar(new)
    old = None
    if value is not None and field:
        old = f"{cast(Target, value).year_start}-{cast(Target, value).year_end}" if field == "phase" else getattr(value, field, None)
    elif kind == "metadata" and field and getattr(record, field, None) is not None:
        current = getattr(record, field)
        old = current.name if field in ("issuer", "locality") else current.value
    return Correction(
        doc_id=doc_id,
        kind=kind,
        action=action,
        quote=value.evidence.quote if value is not None else None,
        match=identity(kind, value) if value is not None else None,
        start=value.evidence.start if value is not None else None,
        field=field,
        old=old if not isinstance(old, (dt.date, dt.datetime)) else old.isoformat(),
        new=new,
        author=str(spec.get("author") or author),
        reason=reason,
        created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
    )


def load_batch(path: Path) -> list[dict]:
    """Rows of a corrections file: CSV with a header, or a YAML list of mappings."""
    if path.suffix.lower() in (".yaml", ".yml"):
        rows = yaml.safe_load(path.read_text("utf-8")) or []
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise CorrectionError("a YAML corrections file is a list of mappings")
        return rows
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [{k: v for k, v in row.items() if v not in (None, "")} for row in csv.DictReader(handle)]


def review(store: Store, doc_id: str, author: str, ask: Callable[[str], str], say: Callable[[str], None]) -> int:
    """The interactive loop of ``kehoach review``; returns the number of corrections stored.

    Commands: ``t3 value 55`` (change a field), ``t3 phase 2026-2030``, ``r2 role lead``,
    ``m doc_number 55/KH-UBND``, ``t3 remove``, ``add target``, ``list``, ``q``.
    """
    made = 0
    record = next(r for r in store.records() if r.doc_id == doc_id)
    say(f"{record.source} ({doc_id[:12]})")
    for line in listing(record):
        say(line)
    say("Sửa: <ref> <field> <new value> | <ref> remove | add <kind> | list | q")
    while True:
        try:
            command = ask("> ").strip()
        except EOFError:
            break
        if not command:
            continue
        if command in ("q", "quit", "exit"):
            break
        if command == "list":
            for line in listing(next(r for r in store.records() if r.doc_id == doc_id)):
                say(line)
            continue
        parts = command.split(maxsplit=2)
        try:
            if parts[0] == "add" and len(parts) == 2:
                spec = {"kind": parts[1], "action": "add", "quote": ask("quote: "), "match": ask("match (the words stating the value): ") or None}
                spec["new"] = yaml.safe_load(
                    ask("fields (YAML, e.g. {value: 60, unit: '%', comparator: at_least, phase: 2021-2025, indicator: staffing_coverage}): ") or "{}"
                )
            elif len(parts) == 2 and parts[1] == "remove":
                spec = {"ref": parts[0], "action": "remove"}
            elif len(parts) == 3:
                spec = {"ref": parts[0], "field": parts[1], "new": parts[2]}
            else:
                say("kehoach: not understood; e.g. `t3 value 55`, `t3 remove`, `add target`, `q`")
                continue
            spec["reason"] = ask("reason: ")
            outcome = store.add_correction(make_correction(store, doc_id, spec, author))
        except (CorrectionError, yaml.YAMLError) as exc:
            say(f"kehoach: {exc}")
            continue
        made += 1
        say(f"stored: {outcome.message}")
    return made
