"""The plan record: the single definition of what kehoach extracts from one document.

Every extracted value carries its ``evidence``: ``quote`` is the exact text of the
document it was read from, ``page`` the 1-based page, and ``start``/``end`` the
character span of the quote in the document's normalised text (Unicode NFC,
markdown emphasis removed, line breaks inside a quote shown as spaces; see
``extractors.document.Document``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

DocKind = Literal["local_plan", "national_program", "news", "other"]
LocalityLevel = Literal["province", "district", "commune"]
Comparator = Literal["exactly", "at_least", "at_most", "range", "increase_by", "maintain"]
Role = Literal["lead", "coordinate", "requested", "responsible"]
Recurrence = Literal["annual", "semiannual", "quarterly", "monthly"]
BudgetScope = Literal["total", "per_year", "activity"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceText(_Model):
    """A document's reading as the store keeps it beside its record: the reader's raw text (of
    a PDF's text layer, the OCR of a scan, a Word file's paragraphs and tables, …), the offsets
    in it where pages 2, 3, … begin, and what OCR and the reader noted. The reading view and
    every value are made from it again under the current rules, without the file."""

    raw: str
    page_starts: list[int] = Field(default_factory=lambda: [0])
    ocr_pages: list[int] = Field(default_factory=list)
    ocr_confidence: float | None = None
    notes: list[str] = Field(default_factory=list)


class Evidence(_Model):
    """Where a value was read: the exact quote, its page and its character span."""

    quote: str
    page: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class MatchSpan(_Model):
    """The words inside the quote that state the value ("Ít nhất 60%")."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class CorrectionNote(_Model):
    """On a value a researcher corrected or added (``kehoach review``, ``kehoach correct``):
    who, when, why, and what the extractor had said."""

    correction_id: int
    author: str
    at: dt.datetime
    reason: str
    field: str | None = Field(default=None, description="The field changed; null for a value added by hand.")
    old: Any = Field(default=None, description="The extracted value of that field.")


class Provenance(_Model):
    """Base of every extracted value: it carries its evidence, and ``corrected`` when a
    researcher corrected or added it (absent from the JSON otherwise)."""

    evidence: Evidence
    corrected: CorrectionNote | None = None

    @model_serializer(mode="wrap")
    def _without_empty_correction(self, handler: SerializerFunctionWrapHandler) -> dict:
        data = handler(self)
        if isinstance(data, dict) and data.get("corrected", 0) is None:
            del data["corrected"]
        return data


class TextValue(Provenance):
    value: str


class DateValue(Provenance):
    value: dt.date


class Issuer(Provenance):
    name: str = Field(description="The issuing body, e.g. 'UBND thành phố Hà Nội'.")
    parent: str | None = Field(
        default=None, description="For a department or office, the body it belongs to."
    )


class Locality(Provenance):
    name: str = Field(description="Name as issued, without its type word, e.g. 'Càng Long'.")
    level: LocalityLevel
    province: str = Field(description="The province it belonged to when the document was issued.")
    code: str | None = Field(default=None, description="Its official code (General Statistics Office), before 2025.")
    province_code: str | None = Field(default=None, description="The code of that province, before 2025.")
    current_province: str | None = Field(
        default=None, description="The province it belongs to since the 1 July 2025 reorganisation."
    )


class Period(Provenance):
    start: int
    end: int


class Reference(Provenance):
    number: str = Field(description="Normalised document number, e.g. '112/QĐ-TTg'.")
    doc_type: str | None = None
    issue_date: dt.date | None = None
    program: str | None = Field(
        default=None,
        description=(
            "Set on the reference to the national program the document implements or reports on: the id of "
            "its program file (schemas/programs/<id>.yaml). A plan that names the program only by its name "
            "gets a reference whose quote is that name."
        ),
    )


class Signer(Provenance):
    name: str
    title: str | None = None


class Target(Provenance):
    """A quantified aim. The evidence quotes the clause; ``match`` the words that state the number."""

    value: int | float
    value_max: int | float | None = None
    unit: str = Field(description="'%' or the counted noun as written ('người', 'cán bộ', …).")
    per: str | None = Field(
        default=None, description="For rates: 'year', 'unit' (per agency/facility) or 'commune'."
    )
    comparator: Comparator
    year_start: int | None = None
    year_end: int | None = None
    baseline_year: int | None = None
    indicator: str | None = Field(
        default=None, description="Id of the program indicator this target sets (the program is the record's `program_id`)."
    )
    population: str | None = Field(
        default=None, description="Who or what is counted: facilities, staff, children, people_in_difficulty, …"
    )
    subject: str = Field(description="What is counted, as written, shortened for tables.")
    match: MatchSpan


class Task(Provenance):
    """A sentence that assigns work to an agency."""


class Responsibility(Provenance):
    """An agency and what the plan asks of it. The evidence quotes where it is named."""

    agency: str = Field(description="Canonical name from the alias table (extractors/patterns/agencies.yaml).")
    as_written: str
    kind: str = Field(description="department, office, committee, police, mass_organisation, school, group, other")
    role: Role
    tasks: list[Task] = Field(default_factory=list)
    coordinates_with: list[str] = Field(default_factory=list)
    successor: str | None = Field(
        default=None, description="Who holds the agency's tasks since the 2025 reorganisation, when that changed."
    )


class Deadline(Provenance):
    """A dated or recurring obligation. ``due`` when a full date is given, else ``year``
    with its ``month`` or ``quarter`` when stated ("trong tháng 11/2025", "quý II năm 2026");
    ``day``/``month`` for a date without a year ("trước ngày 15/12 hằng năm")."""

    what: str
    due: dt.date | None = None
    year: int | None = None
    quarter: int | None = Field(default=None, ge=1, le=4)
    day: int | None = None
    month: int | None = None
    recurrence: Recurrence | None = None
    agency: str | None = None


class Budget(Provenance):
    amount_vnd: int | None
    period_start: int | None = None
    period_end: int | None = None
    scope: BudgetScope = "total"
    sources: list[str] = Field(default_factory=list)
    amount_in_words: int | None = Field(
        default=None, description="The amount as stated in words, when the plan also gives it."
    )
    activity: str | None = Field(default=None, description="For a row of a budget table: its activity, as written.")


class ExtractionWarning(_Model):
    code: str
    message: str
    evidence: Evidence | None = None


class PlanRecord(_Model):
    """Everything kehoach knows about one document."""

    doc_id: str = Field(description="sha256 of the file's bytes.")
    source: str = Field(description="The path as given.")
    kind: DocKind
    about: Reference | None = Field(
        default=None, description="For news and summaries: the document reported on."
    )
    doc_number: TextValue | None = None
    doc_type: TextValue | None = None
    issue_date: DateValue | None = None
    issuer: Issuer | None = None
    locality: Locality | None = None
    title: TextValue | None = None
    period: Period | None = None
    references: list[Reference] = Field(default_factory=list)
    signer: Signer | None = None
    targets: list[Target] = Field(default_factory=list)
    responsibilities: list[Responsibility] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    budgets: list[Budget] = Field(default_factory=list)
    warnings: list[ExtractionWarning] = Field(default_factory=list)

    @property
    def program_id(self) -> str | None:
        """The national program this document implements or reports on (see ``Reference.program``)."""
        for ref in [*self.references, *([self.about] if self.about else [])]:
            if ref.program:
                return ref.program
        return None
