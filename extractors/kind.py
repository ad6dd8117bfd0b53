"""What a document is: a local plan, the national program (or a summary of it), news, or other."""

from __future__ import annotations

from extractors import patterns
from extractors.references import is_national
from schemas import Reference, TextValue


def classify(number: TextValue | None, doc_type: TextValue | None, about: Reference | None, issues_plan: bool = False) -> str:
    """``issues_plan``: the document's title or its Điều 1 issues or approves a plan (see
    ``header.issues_plan``): a decision that does is a plan, one on anything else is not."""
    conf = patterns.load("metadata")
    plan_types = set(conf["plan_types"])
    if number is not None:
        if is_national(number.value):
            return "national_program"
        if doc_type is not None and doc_type.value in plan_types:
            return "local_plan"
        if doc_type is not None and doc_type.value in conf["plan_issuing_types"] and issues_plan:
            return "local_plan"
        return "other"
    if about is not None:
        if is_national(about.number):
            return "national_program"
        if about.doc_type in plan_types:
            return "news"
    return "other"
