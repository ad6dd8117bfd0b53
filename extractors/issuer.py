"""Who issued a document, and the locality it belongs to."""

from __future__ import annotations

import regex

from extractors import patterns
from extractors.document import Document, Span
from extractors.layout import is_upper_line
from extractors.localities import Place, find_places
from extractors.references import HEADER_PARAGRAPHS
from extractors.structure import Structure
from schemas import Issuer, Locality, Reference, TextValue


def _recase(doc: Document, upper: str) -> str:
    """The body's own spelling of a header written in capitals ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")."""
    pattern = r"\s+".join(regex.escape(w) for w in upper.split())
    for m in regex.finditer(rf"(?i)(?<!\w){pattern}(?!\w)", doc.text):
        if not m.group().isupper():
            return regex.sub(r"\s+", " ", m.group())
    return upper[:1] + upper[1:].lower()


def _expand(text: str) -> str:
    """Spell out the abbreviations of ``metadata.yaml``: "UBND TP Hà Nội" -> "UBND thành phố Hà Nội"."""
    for abbr in patterns.load("metadata")["abbreviations"]:
        rule = patterns.compile_rule(abbr["pattern"], abbr.get("case") == "sensitive")
        text = rule.sub(abbr["replace"], text)
    return text


def _header_issuer(doc: Document, structure: Structure, number: TextValue) -> Issuer | None:
    """The issuing body printed in capitals above the number: "UBND TP THÁI NGUYÊN PHÒNG GIÁO DỤC…"."""
    conf = patterns.load("metadata")
    motto = patterns.rule("metadata", "motto")
    committee = patterns.rule("metadata", "people_committee")
    starts = "|".join(regex.escape(s) for s in conf["department_starts"])
    for block in structure.blocks:
        if block.span.start >= number.evidence.start:
            break
        text = doc.flat(block.span)
        cut = motto.search(text)
        head = (text[: cut.start()] if cut else text).strip()
        if not head or len(head) > 160 or not is_upper_line(head):
            continue
        if not (committee.match(head) or regex.match(rf"(?:{starts})\s", head)):
            continue
        # a department after the committee: "UBND TP THÁI NGUYÊN PHÒNG GIÁO DỤC …" (not the "BAN" of "ỦY BAN")
        own = committee.match(head)
        split = regex.compile(rf"(?<=\S)\s+(?=(?:{starts})\s)").search(head, own.end() if own else 0)
        parent_text, name_text = (head[: split.start()], head[split.end() :]) if split else (None, head)
        end = block.span.start + len(text[: cut.start()].rstrip()) if cut else block.span.end
        prov = doc.evidence(block.span.start, end)
        name = _expand(_recase(doc, name_text)) if not committee.match(name_text) else _committee(name_text)
        parent = _committee(parent_text) if parent_text and committee.match(parent_text) else parent_text
        return Issuer(name=name, parent=parent, evidence=prov)
    return None


def _committee(text: str) -> str:
    """"UBND TP THÁI NGUYÊN" -> "UBND thành phố Thái Nguyên"."""
    text = _expand(regex.sub(r"\s+", " ", text.strip()))
    types = sorted(patterns.load("metadata")["locality_types"], key=len, reverse=True)
    alternatives = "|".join(regex.escape(t).replace(r"\ ", r"\s+") for t in types)
    m = regex.match(rf"(?i)UBND\s+({alternatives})\s+(.+)", text)
    if not m:
        return text
    return f"UBND {m.group(1).lower()} {m.group(2).title()}"


def find_issuer(doc: Document, structure: Structure, number: TextValue | None, place: Place | None) -> Issuer | None:
    header = _header_issuer(doc, structure, number) if number is not None else None
    if header is not None:
        return header
    rule = patterns.rule("metadata", "issuer_sentence")
    for block in structure.blocks[: HEADER_PARAGRAPHS + 4]:
        m = rule.search(doc.flat(block.span))
        if m:
            start = block.span.start + m.start("issuer")
            return Issuer(name=_committee(m.group("issuer")), evidence=doc.evidence(start, block.span.start + m.end("issuer")))
    # "Số: 55/KH-UBND" issued at "Càng Long": the people's committee of that place.
    if number is not None and number.value.endswith("-UBND") and place is not None:
        kind = patterns.load("metadata")["committee_type_words"][place.level]
        return Issuer(name=f"UBND {kind} {place.name}", evidence=number.evidence)
    return None


def find_locality(doc: Document, spans: list[Span]) -> tuple[Place, Span] | None:
    """The first locality the gazetteer knows in the given spans (issuer, title, place line…).

    The whole span is the evidence: "TP" is spelt out before resolving, which moves offsets.
    """
    for span in spans:
        text = doc.flat(span)
        for candidate in (_expand(text), _committee(text) if is_upper_line(text) else None):
            places = find_places(candidate) if candidate else []
            if places:
                return places[0][1], span
    return None


def locality_value(doc: Document, found: tuple[Place, Span] | None) -> Locality | None:
    if found is None:
        return None
    place, span = found
    return Locality(
        name=place.name,
        level=place.level,
        province=place.province,
        code=place.code,
        province_code=place.province_code,
        current_province=place.current_province,
        evidence=doc.evidence(span.start, span.end),
    )


def about_locality(doc: Document, about: Reference | None, structure: Structure) -> tuple[Place, Span] | None:
    """For an article: the locality of the body that issued the plan it reports on."""
    if about is None:
        return None
    block = structure.block_at(about.evidence.start)
    if block is None:
        return None
    span = structure.blocks[block].span
    return find_locality(doc, [Span(span.start, about.evidence.end)])
