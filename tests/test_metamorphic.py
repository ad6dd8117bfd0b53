"""Metamorphic tests: a layout change never moves a value.

Every document of the gold sets (``tests/golden``, ``tests/gold``, ``tests/gold_real``) is
read, written again in other layouts (``layout_variants``: the header in the four reading
orders, ``|`` cells, hard wraps, no blank lines, emphasis markers, CRLF and NBSP, footnote
markers, portal chrome, a PDF with a ruled two-column header, a DOCX with the header in a
Word table), and extracted again: every field must have the original's values. Scans are
run from their reading view like the rest (OCR once).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import GOLDEN, ROOT
from layout_variants import NAMED, Variant, as_docx, as_pdf, render, variants

GOLD_SETS = (GOLDEN, ROOT / "tests" / "gold", ROOT / "tests" / "gold_real")


def gold_documents() -> list[Path]:
    out = []
    for folder in GOLD_SETS:
        for gold in sorted(folder.glob("*.json")):
            beside = gold.with_suffix("")
            source = beside if beside.exists() else ROOT / json.loads(gold.read_text("utf-8"))["source"]
            out.append(source.relative_to(ROOT))
    return out


def values(record: dict) -> dict:
    """What a record says, without where it says it: the fields ``kehoach eval`` scores."""
    from derive.scoring import LISTS, META

    out = {name: get(record) for name, get in META.items()}
    for name, key in LISTS.items():
        out[name] = sorted(map(repr, (key(item) for item in record.get(name) or [])))
    out["targets.detail"] = sorted(
        repr((t["value"], t.get("value_max"), t["unit"], t.get("per"), t["comparator"], t.get("year_start"), t.get("year_end"),
              t.get("baseline_year"), t.get("indicator"), t.get("population")))
        for t in record.get("targets") or []
    )
    out["budgets.detail"] = sorted(
        repr((b.get("amount_vnd"), b.get("period_start"), b.get("period_end"), b.get("scope"))) for b in record.get("budgets") or []
    )
    return out


@cache
def original(path: Path) -> tuple[str, dict]:
    from extractors.readers import read_file
    from extractors.record import extract_bytes

    data, doc = read_file(path)
    return doc.text, values(extract_bytes(data, path).model_dump(mode="json"))


def extract_values(path: Path) -> dict:
    from extractors.record import extract_file

    return values(extract_file(path).model_dump(mode="json"))


def differences(want: dict, got: dict) -> list[str]:
    return [f"{k}: {want[k]!r} -> {got.get(k)!r}" for k in want if want[k] != got.get(k)]


DOCUMENTS = gold_documents()

KNOWN: dict[tuple[str, str], str] = {}
"""Layouts that still move a value, each with its reason. They are expected failures that
must fail (strict): a change that fixes one makes its test pass and has to take it out."""


def cases(variants: list[str]) -> list:
    out = []
    for path in DOCUMENTS:
        for name in variants:
            reason = KNOWN.get((str(path), name))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            out.append(pytest.param(path, name, marks=marks, id=f"{path}-{name}"))
    return out


def check(path: Path, made: Path) -> None:
    _, want = original(path)
    got = extract_values(made)
    assert not differences(want, got), f"{path} as {made.name}:\n" + "\n".join(differences(want, got))


@pytest.mark.metamorphic
@pytest.mark.parametrize(("path", "name"), cases([v.name for v in NAMED]))
def test_a_text_layout_gives_the_same_values(path: Path, name: str, tmp_path: Path):
    variant = next(v for v in NAMED if v.name == name)
    out = tmp_path / "variant.txt"
    out.write_text(render(original(path)[0], variant), "utf-8", newline="")
    check(path, out)


@pytest.mark.metamorphic
@pytest.mark.parametrize(("path", "name"), cases(["pdf"]))
def test_a_pdf_with_a_ruled_header_gives_the_same_values(path: Path, name: str, tmp_path: Path):
    check(path, as_pdf(original(path)[0], tmp_path / "variant.pdf"))


@pytest.mark.metamorphic
@pytest.mark.parametrize(("path", "name"), cases(["docx"]))
def test_a_docx_with_the_header_in_a_word_table_gives_the_same_values(path: Path, name: str, tmp_path: Path):
    check(path, as_docx(original(path)[0], tmp_path / "variant.docx"))


METADATA = ("kind", "doc_number", "doc_type", "issue_date", "issuer", "locality", "title", "period", "signer", "about", "references")


@pytest.mark.metamorphic
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(DOCUMENTS), variant=variants())
def test_any_drawn_layout_gives_the_same_values(path: Path, variant: Variant, tmp_path: Path):
    """Every field for a drawn layout that keeps blank lines; without them (see KNOWN) the
    header and the references, which do not depend on where a paragraph ends."""
    text, want = original(path)
    out = tmp_path / "drawn.txt"
    out.write_text(render(text, variant), "utf-8", newline="")
    got = extract_values(out)
    fields = want if variant.blank_lines else {k: want[k] for k in METADATA}
    assert not differences(fields, got), f"{path} as {variant.name}:\n" + "\n".join(differences(fields, got))
