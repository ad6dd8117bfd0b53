"""Record models and reference data."""

from schemas.record import (
    Budget,
    DateValue,
    Evidence,
    MatchSpan,
    Deadline,
    ExtractionWarning,
    Issuer,
    Locality,
    Period,
    PlanRecord,
    Provenance,
    Reference,
    Responsibility,
    Signer,
    Target,
    TextValue,
)

__all__ = [
    "Budget",
    "DateValue",
    "Evidence",
    "MatchSpan",
    "Deadline",
    "ExtractionWarning",
    "Issuer",
    "Locality",
    "Period",
    "PlanRecord",
    "Provenance",
    "Reference",
    "Responsibility",
    "Signer",
    "Target",
    "TextValue",
]
