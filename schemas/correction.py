"""A researcher's correction of one extracted value: the single definition, stored apart from
the extracted record and applied on top of every extraction of the same document.

A correction finds its value by the document's content hash (``doc_id``), the kind of value,
and the value's own quote (``quote``), told apart from values sharing that quote by the words
that state it (``match``: a target's "Ít nhất 50%", an agency as written, a deadline's task)
and, last, by where the quote starts (``start``). A new extractor version that still reads the
same sentence therefore meets the same correction; one that no longer does reports it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ValueKind = Literal["target", "responsibility", "deadline", "budget", "metadata"]
Action = Literal["change", "remove", "add"]
METADATA_FIELDS = ("doc_number", "doc_type", "title", "issue_date", "issuer", "locality")


class Correction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    doc_id: str = Field(description="sha256 of the document's bytes.")
    kind: ValueKind
    action: Action
    quote: str | None = Field(default=None, description="The value's quote as extracted (not for metadata).")
    match: str | None = Field(default=None, description="Tells apart values that share a quote.")
    start: int | None = Field(default=None, description="The quote's start, the last resort to tell values apart.")
    field: str | None = Field(
        default=None,
        description="change: the field (a target's value, value_max, comparator, unit, phase, indicator, population; "
        "a responsibility's role or agency; a budget's amount_vnd; a deadline's due or year; a metadata field).",
    )
    old: Any = Field(default=None, description="The value before, recorded when the correction was made.")
    new: Any = Field(default=None, description="change: the new value; add: the whole value, with its evidence.")
    author: str
    reason: str
    created_at: dt.datetime
