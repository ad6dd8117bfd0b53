"""Which national program a document implements or reports on.

A plan says so in its preamble or title: "Thực hiện Quyết định số 112/QĐ-TTg …",
"Kế hoạch thực hiện Chương trình phát triển công tác xã hội …". The programs, their
numbers and the phrases that name them come from the program files
(``schemas/programs/``). The link is recorded on a reference (``Reference.program``):
the citation of the program's decision, or, for a plan that names the program without
citing it, a reference whose quote is the name. A plan that implements a decision with
no program file (1190/QĐ-TTg on disability, say) links to nothing, so it is never mixed
into another program's comparison.
"""

from __future__ import annotations

import regex

from extractors.document import Document, Span
from extractors.references import HEADER_PARAGRAPHS, type_from_code
from extractors.structure import Structure
from schemas import Reference, TextValue
from schemas.program import Program


def preamble(structure: Structure, title: TextValue | None) -> list[Span]:
    """The title and the paragraphs before the first heading (at most the header's length)."""
    spans = [Span(title.evidence.start, title.evidence.end)] if title else []
    for block in structure.blocks[:HEADER_PARAGRAPHS]:
        if block.heading:
            break
        spans.append(block.span)
    return spans


def _phrase(text: str) -> regex.Pattern[str]:
    words = r"\s+".join(regex.escape(w) for w in text.split())
    return regex.compile(rf"(?<!\w){words}(?!\w)", regex.IGNORECASE)


def link_program(
    doc: Document,
    structure: Structure,
    title: TextValue | None,
    references: list[Reference],
    about: Reference | None,
    programs: tuple[Program, ...],
) -> tuple[list[Reference], Reference | None, Program | None]:
    """``references`` and ``about`` with the program link set, and the program.

    The first program cited by number in the preamble (or reported on) wins; else the
    first one named there.
    """
    spans = preamble(structure, title)

    def inside(start: int) -> bool:
        return any(s.start <= start < s.end for s in spans)

    by_number = {p.number: p for p in programs}
    if about is not None and about.number in by_number:
        program = by_number[about.number]
        about = about.model_copy(update={"program": program.id})
        references = [r.model_copy(update={"program": program.id}) if r.number == about.number else r for r in references]
        return references, about, program
    for i, ref in enumerate(references):
        if ref.number in by_number and inside(ref.evidence.start):
            program = by_number[ref.number]
            references = list(references)
            references[i] = ref.model_copy(update={"program": program.id})
            return references, about, program
    named: list[tuple[int, int, Program]] = []
    for program in programs:
        for cue in program.name_cues:
            for span in spans:
                m = _phrase(cue).search(doc.flat(span))
                if m:
                    named.append((span.start + m.start(), span.start + m.end(), program))
    if not named:
        return references, about, None
    start, end, program = min(named, key=lambda t: t[0])
    link = Reference(
        number=program.number,
        doc_type=type_from_code(program.number),
        program=program.id,
        evidence=doc.evidence(start, end),
    )
    return [*references, link], about, program
