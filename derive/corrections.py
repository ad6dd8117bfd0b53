"""Applying researchers' corrections to an extracted record: a pure function, run on top of
every extraction, so that a correction made once stays made (``schemas.correction``).

Each correction comes out ``applied``, ``unmatched`` (its value is no longer extracted: the
quote or the words changed) or ``invalid`` (the new value does not fit the record), with a
one-line reason; nothing is dropped silently. A corrected or added value carries
``corrected`` (who, when, why, the old value); a removed one leaves a ``corrected_removed``
warning on the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from pydantic import BaseModel, ValidationError

from schemas import (
    Budget,
    CorrectionNote,
    DateValue,
    Deadline,
    ExtractionWarning,
    Issuer,
    Locality,
    PlanRecord,
    Responsibility,
    Target,
    TextValue,
)
from schemas.correction import METADATA_FIELDS, Correction
from schemas.phase import Phase

ListValue = Target | Responsibility | Deadline | Budget
"""A value of one of the record's lists of values (``LISTS``)."""
LISTS: dict[str, tuple[str, type[ListValue]]] = {
    "target": ("targets", Target),
    "responsibility": ("responsibilities", Responsibility),
    "deadline": ("deadlines", Deadline),
    "budget": ("budgets", Budget),
}
FIXED = {"evidence", "match", "corrected", "tasks"}


@dataclass
class Outcome:
    correction: Correction
    status: str  # applied | unmatched | invalid
    message: str


def identity(kind: str, value: ListValue) -> str | None:
    """The words that tell a value apart from others with the same quote."""
    if kind == "target":
        return cast(Target, value).match.text
    if kind == "responsibility":
        return cast(Responsibility, value).as_written
    if kind == "deadline":
        return cast(Deadline, value).what
    if kind == "budget":
        return cast(Budget, value).activity
    return None


def is_corrected(record: PlanRecord) -> bool:
    """Whether a researcher corrected, added or removed any value of this record."""
    values = [v for name, _ in LISTS.values() for v in getattr(record, name)]
    values += [v for v in (getattr(record, f) for f in METADATA_FIELDS) if v is not None]
    return any(v.corrected for v in values) or any(w.code == "corrected_removed" for w in record.warnings)


def find(kind: str, values: list[ListValue], c: Correction) -> int | None:
    """Index of the value a correction is about, or None."""
    found = [
        i
        for i, v in enumerate(values)
        if v.evidence.quote == c.quote and (c.match is None or identity(kind, v) == c.match)
    ]
    if len(found) > 1 and c.start is not None:
        found = [i for i in found if values[i].evidence.start == c.start] or found
    return found[0] if found else None


def describe(c: Correction) -> str:
    what = c.match or (c.quote[:60] + "…" if c.quote and len(c.quote) > 60 else c.quote) or c.field
    return f"correction {c.id} ({c.action} {c.kind}{' ' + c.field if c.field else ''}: {what!r})"


def _note(c: Correction, old: object = None) -> CorrectionNote:
    return CorrectionNote(correction_id=c.id or 0, author=c.author, at=c.created_at, reason=c.reason, field=c.field, old=old)


def _updates(value: BaseModel, field: str, new: object) -> dict:
    if field == "phase":  # "2021-2025" or "2025"
        phase = Phase.parse(str(new))
        return {"year_start": phase.start, "year_end": phase.end}
    if field in FIXED or field not in type(value).model_fields:
        raise ValueError(f"{type(value).__name__} has no field {field!r} that can be corrected")
    return {field: new}


def _old(value: BaseModel, field: str) -> object:
    if field == "phase":  # a target's
        return f"{cast(Target, value).year_start}-{cast(Target, value).year_end}"
    return getattr(value, field)


def _changed(value: BaseModel, c: Correction) -> BaseModel:
    data = value.model_dump()
    data.update(_updates(value, c.field or "", c.new))
    data["corrected"] = _note(c, _old(value, c.field or "")).model_dump()
    return type(value).model_validate(data)


def _apply_metadata(record: PlanRecord, c: Correction) -> PlanRecord:
    if c.field not in METADATA_FIELDS:
        raise ValueError(f"metadata field must be one of {', '.join(METADATA_FIELDS)}")
    current = getattr(record, c.field)
    if c.action == "remove":
        return record.model_copy(update={c.field: None})
    if current is None or c.action == "add":
        new = dict(c.new) if isinstance(c.new, dict) else None
        if new is None or "evidence" not in new:
            raise ValueError(f"{c.field} is not extracted: give the whole value with its evidence")
        new["corrected"] = _note(c).model_dump()
        return record.model_copy(update={c.field: _field_model(c.field).model_validate(new)})
    data = current.model_dump()
    key = "name" if c.field in ("issuer", "locality") else "value"
    old = data.get(key)
    if isinstance(c.new, dict):
        data.update(c.new)
    else:
        data[key] = c.new
    data["corrected"] = _note(c, old).model_dump()
    return record.model_copy(update={c.field: type(current).model_validate(data)})


def _field_model(field: str) -> type[BaseModel]:
    models: dict[str, type[BaseModel]] = {"issue_date": DateValue, "issuer": Issuer, "locality": Locality}
    return models.get(field, TextValue)


def apply_one(record: PlanRecord, c: Correction) -> tuple[PlanRecord, Outcome]:
    try:
        if c.kind == "metadata":
            return _apply_metadata(record, c), Outcome(c, "applied", f"{describe(c)} applied")
        name, model = LISTS[c.kind]
        values = list(getattr(record, name))
        if c.action == "add":
            new = model.model_validate({**dict(c.new or {}), "corrected": _note(c).model_dump()})
            if any(v.evidence.quote == new.evidence.quote and identity(c.kind, v) == identity(c.kind, new) for v in values):
                return record, Outcome(c, "applied", f"{describe(c)}: the extractor now finds this value itself")
            values.append(new)
        else:
            i = find(c.kind, values, c)
            if i is None:
                return record, Outcome(c, "unmatched", f"{describe(c)} no longer matches an extracted value")
            if c.action == "remove":
                removed = values.pop(i)
                warning = ExtractionWarning(
                    code="corrected_removed",
                    message=f"{c.kind} {identity(c.kind, removed) or ''!s} removed by {c.author}: {c.reason}".replace("  ", " "),
                    evidence=removed.evidence,
                )
                record = record.model_copy(update={"warnings": [*record.warnings, warning]})
            else:
                values[i] = _changed(values[i], c)
        return record.model_copy(update={name: values}), Outcome(c, "applied", f"{describe(c)} applied")
    except (ValidationError, ValueError, TypeError, KeyError) as exc:
        reason = str(exc).splitlines()[0] if not isinstance(exc, ValidationError) else exc.errors()[0]["msg"]
        return record, Outcome(c, "invalid", f"{describe(c)} cannot be applied: {reason}")


def apply_corrections(record: PlanRecord, corrections: list[Correction]) -> tuple[PlanRecord, list[Outcome]]:
    """The record with every correction of its document applied, in the order they were made."""
    outcomes = []
    for c in sorted((c for c in corrections if c.doc_id == record.doc_id), key=lambda c: (c.created_at, c.id or 0)):
        record, outcome = apply_one(record, c)
        outcomes.append(outcome)
    return record, outcomes
