"""Who does what: the agencies a plan assigns work to, with their role and tasks.

Read from the "TỔ CHỨC THỰC HIỆN" section, item by item ("1. Sở Lao động - Thương binh và
Xã hội" and the paragraphs under it, or "2. Phòng Giáo dục và Đào tạo chủ trì, phối hợp
với …" in one paragraph), from tables of tasks ("Cơ quan chủ trì | Cơ quan phối hợp"), from
labelled lines ("Đơn vị chủ trì: …") and from "Giao X chủ trì …" anywhere. A role per task:
``lead`` (the task says chủ trì), ``coordinate`` (it opens with phối hợp), ``responsible``
(anything else assigned); ``requested`` for every task of an item that opens with "Đề nghị"
(each organisation named is its own record). One record per agency and role, with its
tasks. Names resolve through the alias table of ``extractors.agencies``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extractors import patterns
from extractors.accents import fold
from extractors.agencies import Mention, find_agencies, kind_of
from extractors.document import Document, Span
from extractors.segment import sentences
from extractors.structure import Structure
from extractors.tables import rows_under_headers
from schemas import Responsibility, Task

LEADING_AGENCY_SLACK = 3
"""An item names its agency when a name starts within this many characters of its text."""


@dataclass(frozen=True)
class Item:
    heading: Span
    """The item's own paragraph, after its list marker."""
    body: list[Span]
    """Its paragraphs, its own included."""


@cache
def _conf() -> dict:
    conf = patterns.load("agencies")
    return {
        "roles": {k: patterns.compile_rule(v) for k, v in conf["roles"].items()},
        "coordinates_with": patterns.compile_rule(conf["coordinates_with"]),
        "coordinates_end": patterns.compile_rule(conf["coordinates_end"], sensitive=True),
        "assignments": [patterns.compile_rule(a, sensitive=True) for a in conf["assignments"]],
        "section_heading": patterns.compile_rule(conf["section_heading"], sensitive=True),
        "section_end": patterns.compile_rule(conf["section_end"]),
        "labelled": {k: patterns.compile_rule(v) for k, v in conf["labelled_roles"].items()},
        "labelled_end": patterns.compile_rule(conf["labelled_end"]),
        "columns": {k: patterns.compile_rule(v) for k, v in conf["table_columns"].items()},
    }


def section_items(doc: Document, structure: Structure) -> list[Item]:
    """The numbered items of every "TỔ CHỨC THỰC HIỆN" (or "PHÂN CÔNG NHIỆM VỤ" …) section, each
    with its paragraphs."""
    conf = _conf()
    blocks = structure.blocks
    items: list[Item] = []
    i = 0
    while i < len(blocks):
        if not conf["section_heading"].match(fold(doc.flat(blocks[i].span))):
            i += 1
            continue
        rank = blocks[i].rank or 0
        i += 1
        in_section: list[Item] = []
        item_kind = None  # the items are the first kind of marker under the heading: "1.", or "a)" under "2. Trách nhiệm thực hiện"
        while i < len(blocks):
            block = blocks[i]
            text = doc.flat(block.span)
            if conf["section_end"].match(text) or (block.heading and (block.rank or 0) <= rank):
                break
            if item_kind is None and block.kind in ("number", "decimal", "letter"):
                item_kind = block.kind
            if block.kind == item_kind:
                in_section.append(Item(block.body, [block.body]))
            elif in_section:
                in_section[-1].body.append(block.span)
            i += 1
        items += in_section
    return items + _agency_items(doc, structure, items)


def _agency_items(doc: Document, structure: Structure, found: list[Item]) -> list[Item]:
    """Items outside those sections that are headed by an agency and a colon ("a) Sở Tài
    chính: …", "2. Sở Y tế:") or by nothing but an agency ("1. Sở Nông nghiệp và Môi trường"
    under "IV. NHIỆM VỤ CỤ THỂ"), each with the blocks under it."""
    taken = {item.heading.start for item in found} | {s.start for item in found for s in item.body}
    blocks = structure.blocks
    out: list[Item] = []
    for i, block in enumerate(blocks):
        if block.kind not in ("number", "decimal", "letter") or block.body.start in taken or block.span.start in taken:
            continue
        text = doc.flat(block.body)
        agencies = item_agencies(doc, block.body)
        if not agencies:
            continue
        rest = text[agencies[-1].end - block.body.start :]
        named = find_agencies(text, block.body.start, unknown=True)  # not a heading taken for a name
        alone = not rest.strip() and bool(named) and named[0].start - block.body.start <= LEADING_AGENCY_SLACK
        if not (regex.match(r"\s*:", rest) or alone):
            continue  # "a) Sở Tài chính: …", or "1. Sở Nông nghiệp và Môi trường" alone over its tasks
        item = Item(block.body, [block.body])
        for later in blocks[i + 1 :]:
            if later.rank is not None and block.rank is not None and later.rank <= block.rank and later.marker:
                break
            if later.heading and (later.rank or 0) <= (block.rank or 0):
                break
            item.body.append(later.span)
        out.append(item)
    return out


def item_agencies(doc: Document, span: Span) -> list[Mention]:
    """The agencies an item names at its start: "Sở Y tế, Sở Giáo dục và Đào tạo, Công an tỉnh …"."""
    text = doc.flat(span)
    mentions = find_agencies(text, span.start, unknown=True)
    lead: list[Mention] = []
    pos = span.start
    for m in mentions:
        gap = doc.flat(Span(pos, m.start))
        if (not lead and m.start - span.start <= LEADING_AGENCY_SLACK) or (lead and regex.fullmatch(r"\s*(?:,|và|;)?\s*", gap)):
            lead.append(m)
            pos = m.end
        else:
            break
    if lead:
        return lead
    # an agency the table does not know, named alone on the item's line: "3. Phòng Kinh tế"
    words = text.strip()
    if len(words) <= 90 and not regex.search(r"[.;:]", words) and words[:1].isupper():
        return [Mention(span.start, span.end, words, kind_of(words), None, words)]
    return []


def task_role(task: str) -> str:
    """The role a task gives the agency it is assigned to: it leads what it "chủ trì", it
    coordinates when the task opens with "phối hợp", else it is responsible for it."""
    roles = _conf()["roles"]
    if roles["lead"].search(task):
        return "lead"
    if roles["coordinate"].match(task.lstrip(" ,:;.-–+•")):
        return "coordinate"
    return "responsible"


def _coordinates_with(doc: Document, spans: list[Span], own: set[str]) -> list[str]:
    out: list[str] = []
    rule = _conf()["coordinates_with"]
    for span in spans:
        text = doc.flat(span)
        for m in rule.finditer(text):
            clause_end = _conf()["coordinates_end"].search(text[m.end() :])
            stop = m.end() + (clause_end.start() if clause_end else len(text) - m.end())
            for mention in find_agencies(text[m.end() : stop]):
                if mention.name not in own and mention.name not in out:
                    out.append(mention.name)
    return out


def _tasks(doc: Document, item: Item, after: int) -> list[tuple[str, list[Task]]]:
    """The item's tasks, with the role each gives: the heading's text after the agencies is
    one task, each paragraph or bullet under it another (its sentences are its quotes)."""
    out = []
    for span in item.body:
        start = max(span.start, after) if span.start <= after < span.end else span.start
        if span.end <= after:
            continue
        body = doc.trim(Span(start, span.end))
        text = doc.flat(body)
        if len(text.strip(" ,.;:-")) < 8:
            continue
        quotes = []
        for sentence in sentences(doc, body):
            trimmed = doc.trim(Span(max(sentence.start, body.start), sentence.end))
            if len(doc.flat(trimmed).strip(" ,.;:-")) >= 8:
                quotes.append(Task(evidence=doc.evidence(trimmed.start, trimmed.end)))
        out.append((task_role(text), quotes))
    return out


def extract_responsibilities(doc: Document, structure: Structure) -> list[Responsibility]:
    out: list[Responsibility] = []
    for item in section_items(doc, structure):
        heading_text = doc.flat(item.heading)
        requested = _conf()["roles"]["requested"].search(heading_text)
        if requested:
            head = Span(item.heading.start + requested.end(), item.heading.end)
            first = sentences(doc, head)
            # "Đề nghị:" alone, its organisations on the lines below
            named = first[0] if first else (item.body[1] if len(item.body) > 1 else None)
            agencies = find_agencies(doc.flat(named), named.start, unknown=True) if named is not None else []
        else:
            agencies = item_agencies(doc, item.heading)
        if not agencies:
            continue
        after = agencies[-1].end
        own = {a.name for a in agencies}
        coordinates = _coordinates_with(doc, item.body, own)
        tasks = _tasks(doc, item, after)
        if requested:
            every = [t for _, quotes in tasks for t in quotes]
            out += [_record(doc, agency, "requested", every, coordinates) for agency in agencies]
            continue
        for role, quotes in tasks:
            out += [_record(doc, agency, role, quotes, coordinates) for agency in agencies]
    out += _assignments(doc, structure, {(r.agency, r.evidence.start) for r in out})
    out += _labelled(doc, structure)
    out += _task_tables(doc)
    return merge(out)


def merge(found: list[Responsibility]) -> list[Responsibility]:
    """One record per agency and role, in order of first mention, with every task it is given."""
    out: dict[tuple[str, str], Responsibility] = {}
    for r in found:
        key = (r.agency, r.role)
        if key not in out:
            out[key] = r
            continue
        kept = out[key]
        tasks = kept.tasks + [t for t in r.tasks if t not in kept.tasks]
        coordinates = kept.coordinates_with + [c for c in r.coordinates_with if c not in kept.coordinates_with]
        out[key] = kept.model_copy(update={"tasks": tasks, "coordinates_with": coordinates})
    return list(out.values())


def _labelled(doc: Document, structure: Structure) -> list[Responsibility]:
    """"Đơn vị chủ trì: Sở Khoa học và Công nghệ.", "Cơ quan phối hợp: …" wherever a plan writes them."""
    conf = _conf()
    out = []
    for block in structure.blocks:
        text = doc.flat(block.span)
        for role, rule in conf["labelled"].items():
            for m in rule.finditer(text):
                end = conf["labelled_end"].search(text, m.end())
                stop = end.start() if end else len(text)
                task = Task(evidence=doc.evidence(block.span.start, block.span.end))
                for agency in find_agencies(text[m.end() : stop], block.span.start + m.end(), unknown=True):
                    out.append(_record(doc, agency, role, [task], []))
    return out


def _task_tables(doc: Document) -> list[Responsibility]:
    """Tables of tasks: the agencies of a "Cơ quan chủ trì" column lead, of a "phối hợp" one coordinate."""
    out: list[Responsibility] = []
    for header, row in rows_under_headers(doc, _conf()["columns"]):
        cells = row.cells
        task = Task(evidence=doc.evidence(cells[0].start, cells[-1].end))
        for role, i in header.items():
            for agency in find_agencies(doc.flat(cells[i]), cells[i].start, unknown=True):
                out.append(_record(doc, agency, role, [task], []))
    return out


def _record(doc: Document, agency: Mention, role: str, tasks: list[Task], coordinates: list[str]) -> Responsibility:
    return Responsibility(
        evidence=doc.evidence(agency.start, agency.end),
        agency=agency.name,
        as_written=agency.as_written,
        kind=agency.kind,
        role=role,
        tasks=tasks,
        coordinates_with=coordinates,
        successor=agency.successor,
    )


def _assignments(doc: Document, structure: Structure, seen: set[tuple[str, int]]) -> list[Responsibility]:
    """"Giao Sở Lao động - Thương binh và Xã hội chủ trì …" outside the section."""
    out = []
    for block in structure.blocks:
        text = doc.flat(block.span)
        for rule in _conf()["assignments"]:
            for m in rule.finditer(text):
                for agency in find_agencies(m.group("agency"), block.span.start + m.start("agency")):
                    if any(name == agency.name for name, _ in seen):
                        continue
                    sentence = next(s for s in sentences(doc, block.span) if s.start <= agency.start < s.end)
                    out.append(_record(doc, agency, "lead", [Task(evidence=doc.evidence(sentence.start, sentence.end))], []))
                    seen.add((agency.name, agency.start))
    return out
