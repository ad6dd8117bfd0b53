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
from extractors.agencies import Mention, find_agencies, kind_of, spell_out
from extractors.document import Document, Span
from extractors.layout import is_upper_line
from extractors.localities import province_names
from extractors.markers import list_marker
from extractors.segment import sentences
from extractors.structure import Block, Structure
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
        "leading_place": patterns.compile_rule(conf["leading_place"], sensitive=True),
        "subject_join": patterns.compile_rule(conf["subject_join"]),
        "group_subject": patterns.compile_rule(conf["group_subject"], sensitive=True),
        "coordinates_with": patterns.compile_rule(conf["coordinates_with"]),
        "coordinates_end": patterns.compile_rule(conf["coordinates_end"], sensitive=True),
        "assignments": [patterns.compile_rule(a, sensitive=True) for a in conf["assignments"]],
        "section_heading": patterns.compile_rule(conf["section_heading"], sensitive=True),
        "section_end": patterns.compile_rule(conf["section_end"]),
        "labelled": {k: patterns.compile_rule(v) for k, v in conf["labelled_roles"].items()},
        "labelled_end": patterns.compile_rule(conf["labelled_end"]),
        "columns": {k: patterns.compile_rule(v) for k, v in conf["table_columns"].items()},
        "cell_roles": {k: patterns.compile_rule(v) for k, v in conf["cell_roles"].items()},
        "not_task": patterns.compile_rule(conf["not_task"]),
        "vague": _vague_rule(conf["vague_words"]),
        "known": {entry["name"] for entry in conf["agencies"]},
        **_item_rules(conf["item_agencies"]),
    }


ITEM_RULES = {
    # key: case-sensitive?
    "opener": True, "paragraph_opener": True, "person_title": True, "gap": True, "after_names": False,
    "apposition": True, "members": False, "shared_head": True, "shared_separator": False, "group_start": True,
    "locality_tail": True, "continuation": True, "vague_tail": True, "delegates": False, "delegates_end": False,
    "named_places": True,
}


def _item_rules(conf: dict) -> dict:
    """The rules of ``item_agencies`` in agencies.yaml, checked: each one there, and a pattern."""
    missing = [k for k in [*ITEM_RULES, "max_words", "named_places_name"] if k not in conf]
    if missing:
        raise ValueError(f"agencies.yaml: item_agencies lacks {', '.join(missing)}")
    out: dict = {k: patterns.compile_rule(conf[k], sensitive=case) for k, case in ITEM_RULES.items()}
    if not isinstance(conf["max_words"], int):
        raise ValueError("agencies.yaml: item_agencies.max_words must be a whole number")
    out["max_words"] = conf["max_words"]
    out["named_places_name"] = str(conf["named_places_name"])
    return out


def _vague_rule(words: list[str]) -> regex.Pattern[str]:
    """A name made of nothing but these words (and separators) is a vague body."""
    if not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise ValueError("agencies.yaml: vague_words must be a list of words")
    alternatives = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?:[\s,;:.\-–()]*(?:(?<!\w)(?:{alternatives})(?!\w))?)*[\s,;:.\-–()]*", regex.IGNORECASE)


def is_vague(name: str) -> bool:
    """"các cơ quan, đơn vị, địa phương có liên quan": no agency of its own."""
    return bool(_conf()["vague"].fullmatch(name))


def section_items(doc: Document, structure: Structure) -> list[Item]:
    """The numbered items of every "TỔ CHỨC THỰC HIỆN" (or "PHÂN CÔNG NHIỆM VỤ" …) section, each
    with its paragraphs; an unnumbered paragraph of the section that assigns work of its own
    ("Yêu cầu các sở, ban, ngành …", "UBND Thành phố yêu cầu …") is an item too."""
    conf = _conf()
    blocks = structure.blocks
    items: list[Item] = []
    i = 0
    while i < len(blocks):
        heading = _section_heading(doc, blocks, i)
        if not heading:
            i += 1
            continue
        rank = blocks[i].rank or 0
        i += heading
        in_section: list[Item] = []
        section: list[Block] = []
        while i + len(section) < len(blocks):
            block = blocks[i + len(section)]
            if conf["section_end"].match(doc.flat(block.span)) or (block.heading and (block.rank or 0) <= rank):
                break
            section.append(block)
        # the items are the first kind of marker under the heading: "1.", or "a)" under "2.
        # Trách nhiệm thực hiện"; the bullets of a section that numbers none ("- Sở Nội vụ …")
        kinds = [b.kind for b in section]
        item_kind = next((k for k in kinds if k in ("number", "decimal", "letter")), "dash" if "dash" in kinds else None)
        for block in section:
            text = doc.flat(block.span)
            if block.kind == item_kind:
                in_section.append(Item(block.body, [block.body]))
            elif block.kind is None and conf["paragraph_opener"].match(text) and _heading(doc, block.body)[0]:
                in_section.append(Item(block.body, [block.body]))
            elif in_section:
                in_section[-1].body.append(block.span)
        i += len(section)
        items += in_section
    return items + _agency_items(doc, structure, items)


def _section_heading(doc: Document, blocks: list, i: int) -> int:
    """How many blocks the heading of a section that assigns work takes at ``blocks[i]``: 1,
    or 2 for a heading in capitals cut in two ("VI. TỔ" / "CHỨC THỰC HIỆN"); 0 if none."""
    rule = _conf()["section_heading"]
    text = doc.flat(blocks[i].span)
    if rule.match(fold(text)):
        return 1
    if i + 1 < len(blocks) and blocks[i].marker and blocks[i + 1].marker is None:
        more = doc.flat(blocks[i + 1].span)
        if is_upper_line(text) and is_upper_line(more) and rule.match(fold(text + " " + more)):
            return 2
    return 0


def _agency_items(doc: Document, structure: Structure, found: list[Item]) -> list[Item]:
    """Items outside those sections that are headed by an agency and a colon ("a) Sở Tài
    chính: …", "2. Sở Y tế:"), by nothing but an agency ("1. Sở Nông nghiệp và Môi trường"
    under "IV. NHIỆM VỤ CỤ THỂ", "1.1. Trưởng Ban Chỉ đạo"), by an agency and what it is
    ("1.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo") or by a list of members ("1.3. Các
    cơ quan tham mưu … (gồm các Sở: Xây dựng, Tài chính, …)"), each with the blocks under it."""
    conf = _conf()
    taken = {item.heading.start for item in found} | {s.start for item in found for s in item.body}
    blocks = structure.blocks
    out: list[Item] = []
    for i, block in enumerate(blocks):
        if block.kind not in ("number", "decimal", "letter") or block.body.start in taken or block.span.start in taken:
            continue
        agencies, end, how = _heading(doc, block.body)
        if how not in ("lead", "members"):
            continue  # a heading taken for a name as a whole is read only where work is assigned
        rest = doc.flat(Span(end, block.body.end))
        vague = conf["vague_tail"].match(rest)
        if vague and is_vague(vague.group("rest")):
            rest = rest[vague.end() :]
        if not (conf["after_names"].match(rest) or (block.heading and how == "lead" and conf["apposition"].match(rest))):
            continue
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
    return _heading(doc, span)[0]


def _known(m: Mention) -> bool:
    return m.name in _conf()["known"]


def _in_brackets(text: str, at: int) -> bool:
    """Is ``text[at]`` inside "( … )"? ("Trung tâm Dịch vụ việc làm (Sở Nội vụ)": the parent, no agency of the list.)"""
    before = text[:at]
    return before.count("(") > before.count(")")


def _name(doc: Document, start: int, end: int, written: str | None = None) -> Mention | None:
    """An agency the table does not know, as written from ``start`` to ``end``: the locality
    after it dropped, abbreviations spelt out, a capital first; None for a vague body."""
    conf = _conf()
    written = written if written is not None else doc.flat(Span(start, end))
    name = regex.sub(r"\s+", " ", written).strip(" ,;:.-–")
    cut = conf["locality_tail"].search(name)
    if cut and cut.start() > 0:
        name = name[: cut.start()]
    name = spell_out(name)
    if not name or is_vague(name) or len(name.split()) > conf["max_words"]:
        return None
    name = name[:1].upper() + name[1:]
    return Mention(start, end, name, kind_of(name), None, written.strip())


def _plural(doc: Document, m: Mention, floor: int) -> Mention:
    """"các Ban Xây dựng Đảng": several bodies of a name the table does not know keep their "Các"."""
    if _known(m):
        return m
    before = doc.text[max(floor, m.start - 4) : m.start]
    if regex.fullmatch(r"(?i)các\s+", before) and not m.name.lower().startswith("các "):
        return Mention(m.start - len(before), m.end, "Các " + m.name, m.kind, m.successor, before + m.as_written)
    return m


def _shared_head(doc: Document, text: str, offset: int) -> list[Mention]:
    """"các Sở: Xây dựng, Nông nghiệp và Môi trường, Tài chính, Văn hóa, Thể thao và Du lịch":
    one head word for every name; each is read against the alias table with its head first."""
    conf = _conf()
    m = conf["shared_head"].search(text)
    if not m:
        return []
    head = m.group("head")
    out: list[Mention] = []
    pos = m.end()
    while pos < len(text):
        rest = text[pos:]
        candidate = f"{head} {rest}"
        found = [a for a in find_agencies(candidate) if a.start == 0]
        if found and found[0].end > len(head) + 1:
            length = found[0].end - len(head) - 1
            out.append(Mention(offset + pos, offset + pos + length, found[0].name, found[0].kind, found[0].successor, text[pos : pos + length]))
        else:
            stop = regex.search(r"\s*(?:[,;)]|\s+và\s+|$)", rest)
            length = stop.start() if stop else len(rest)
            if length <= 0:
                break
            named = _name(doc, offset + pos, offset + pos + length, f"{head} {text[pos : pos + length]}")
            if named is None:
                break
            out.append(named)
        pos += length
        sep = conf["shared_separator"].match(text[pos:])
        if not sep or sep.end() == 0:
            break
        pos += sep.end()
    return out


def _heading(doc: Document, span: Span) -> tuple[list[Mention], int, str | None]:
    """The agencies an item's heading names, where their names end, and how they were read:
    ``lead`` (names at its start, after an opener such as "Giao", "Yêu cầu", "Trên cơ sở …,"
    or the title of the body's head), ``members`` (a member list), ``line`` / ``colon`` (a
    name the table does not know: the whole line, or what comes before the colon)."""
    conf = _conf()
    text = doc.flat(span)
    start = 0
    opened = conf["opener"].match(text)
    if opened:
        start = opened.end()
    titled = conf["person_title"].match(text[start:])
    if titled:
        start += titled.end()
    base = span.start + start
    places = conf["named_places"].match(text)
    if places and not opened and not titled:
        name = conf["named_places_name"].format(**{k: regex.sub(r"\s+", " ", v) for k, v in places.groupdict().items()})
        end = span.start + places.end("list")
        return [Mention(span.start, end, name, "committee", None, text[: places.end("list")].strip())], end, "lead"
    mentions = [m for m in find_agencies(text[start:], base, unknown=True) if not _in_brackets(text, m.start - span.start)]
    lead: list[Mention] = []
    pos = base
    for m in mentions:
        gap = doc.flat(Span(pos, m.start))
        if (not lead and m.start - base <= LEADING_AGENCY_SLACK) or (lead and conf["gap"].fullmatch(gap)):
            lead.append(_plural(doc, m, span.start))
            pos = m.end
        else:
            break
    if lead:
        return _continued(doc, span, lead)
    members = conf["members"].search(text)
    if members:
        inner = members.group("list")
        found = _shared_head(doc, inner, span.start + members.start("list"))
        if not found:
            found = [m for m in find_agencies(inner, span.start + members.start("list"), unknown=True)]
        if found:
            return found, found[-1].end, "members"
    if opened or titled:
        return [], span.start, None
    # a name the table does not know, alone on the item's line ("3. Phòng Kinh tế", "Các đoàn
    # thể, tổ chức xã hội:"), or before its colon ("4. Các cơ sở nuôi trồng thủy sản: Theo dõi …")
    words = text.strip()
    line = words[:-1] if words.endswith(":") else words
    plural = bool(conf["group_start"].match(line))  # "Các đoàn thể, tổ chức xã hội:", not "Nhiệm vụ chung:"
    if len(line) <= 90 and line[:1].isupper() and not regex.search(r"[.;:]", line) and (plural or line == words):
        named = _name(doc, span.start, span.start + len(text.rstrip()), line)
        return ([named], named.end, "line") if named else ([], span.start, None)
    colon = text.find(":")
    if colon > 0 and conf["group_start"].match(text.lstrip()) and not regex.search(r"[.;]", text[:colon]):
        named = _name(doc, span.start, span.start + colon)
        if named:
            return [named], named.end, "colon"
    return [], span.start, None


def _continued(doc: Document, span: Span, lead: list[Mention]) -> tuple[list[Mention], int, str]:
    """What goes on in lower case after the last name of a heading: more of a name the table
    does not know when the heading names one body ("Ban Quản lý các khu công nghệ cao và khu
    công nghiệp"), one more body after a list ("…, Sở Văn hóa, Thể thao và Du lịch và hệ thống
    truyền thanh cơ sở") or after "và các …"."""
    conf = _conf()
    last = lead[-1]
    tail = doc.flat(Span(last.end, span.end))
    c = conf["continuation"].match(tail)
    if not c or is_vague(c.group("rest")):
        return lead, last.end, "lead"
    rest = c.group("rest")
    rest_start, rest_end = last.end + c.start("rest"), last.end + c.end("rest")
    separate = len(lead) > 1 or regex.match(r"(?i)(?:các|những)\s", rest)
    if separate:
        named = _name(doc, rest_start, rest_end)
        return (lead + [named], rest_end, "lead") if named else (lead, last.end, "lead")
    if _known(last) and last.kind != "group":
        return lead, last.end, "lead"
    named = _name(doc, last.start, rest_end)
    if named is None:
        return lead, last.end, "lead"
    return lead[:-1] + [named], rest_end, "lead"


def _learned(doc: Document, found: list[Mention], learned: dict[str, Mention]) -> list[Mention]:
    """A name the plan writes in full where an item is headed by it is the same name where it
    recurs cut short by a "và" or a comma ("Ban Quản lý các khu công nghệ cao và khu công
    nghiệp" in a table cell), or spelt with other capitals and dashes."""
    out = []
    for m in found:
        if not _known(m):
            same = next((full for written, full in learned.items() if _spelling(written) == _spelling(m.as_written)), None)
            if same is not None:  # "Ngân hàng Nhà nước Việt nam Chi nhánh …" for "… Việt Nam - Chi nhánh …"
                out.append(Mention(m.start, m.end, same.name, same.kind, same.successor, m.as_written))
                continue
            for written, full in learned.items():
                if len(written) <= len(m.as_written):
                    continue
                rule = regex.compile(r"\s+".join(regex.escape(w) for w in written.split()) + r"(?!\w)")
                whole = rule.match(doc.text, m.start)
                if whole:
                    m = Mention(m.start, whole.end(), full.name, full.kind, full.successor, doc.flat(Span(m.start, whole.end())))
                    break
        out.append(m)
    return out


def _spelling(name: str) -> str:
    """A name with case, dashes and punctuation aside: how two spellings of one name compare."""
    return " ".join(regex.sub(r"[^\p{L}\p{N}]+", " ", name).casefold().split())


def task_role(task: str) -> str:
    """The role a task gives the agency it is assigned to: it leads what it "chủ trì", it
    coordinates when the task opens with "phối hợp", else it is responsible for it."""
    roles = _conf()["roles"]
    marker = list_marker(task)
    if marker is not None:
        task = task[marker[2] :]  # "b) Phối hợp với …"
    task = _without_place(_without_subject(task))  # "c) Các doanh nghiệp công nghệ số phối hợp với …"
    if roles["lead"].search(regex.sub(r"\([^()]*\)", " ", task)):  # not "(… các Bộ chủ trì dự án)"
        return "lead"
    if roles["coordinate"].match(task.lstrip(" ,:;.-–+•")):
        return "coordinate"
    return "responsible"


def _without_subject(task: str) -> str:
    """A task without the agencies it opens with as its subject ("Các doanh nghiệp công nghệ số
    phối hợp với …", "Báo và Phát thanh, Truyền hình Đồng Nai chủ động …")."""
    pos = len(task) - len(task.lstrip())
    for m in find_agencies(task, 0, unknown=True):
        if m.start != pos:
            break
        pos = m.end
        joined = _conf()["subject_join"].match(task, pos)
        if joined:
            pos = joined.end()
    if not pos:
        group = _conf()["group_subject"].match(task)  # a body the table does not know
        return task[group.end() :] if group else task
    return task[pos:]


def _without_place(task: str) -> str:
    """A task without the province its agency's name ended with ("Đồng Nai chủ động phối hợp
    …", "tỉnh Đồng Nai chủ trì …")."""
    found = _conf()["leading_place"].match(task)
    if found and found.group("name") in province_names():
        return task[found.end() :]
    return task


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


def _tasks(doc: Document, item: Item, after: int) -> list[tuple[int, str, list[Task]]]:
    """The item's tasks, with the role each gives: the heading's text after the agencies is
    one task, each paragraph or bullet under it another (its sentences are its quotes); each
    with the index of its paragraph in the item. A line such as "Thời gian thực hiện: …" is
    no task."""
    out = []
    for index, span in enumerate(item.body):
        start = max(span.start, after) if span.start <= after < span.end else span.start
        if span.end <= after:
            continue
        body = doc.trim(Span(start, span.end))
        text = doc.flat(body)
        if len(text.strip(" ,.;:-)")) < 8:
            continue
        marker = list_marker(text)
        if _conf()["not_task"].match(text[marker[2] :] if marker else text):
            continue
        quotes = []
        for sentence in sentences(doc, body):
            trimmed = doc.trim(Span(max(sentence.start, body.start), sentence.end))
            if len(doc.flat(trimmed).strip(" ,.;:-")) >= 8:
                quotes.append(Task(evidence=doc.evidence(trimmed.start, trimmed.end)))
        out.append((index, task_role(text), quotes))
    return out


def _requested(doc: Document, item: Item, requested: regex.Match) -> list[Mention]:
    """The organisations an item opening with "Đề nghị" names, up to the colon of its tasks."""
    head = Span(item.heading.start + requested.end(), item.heading.end)
    first = sentences(doc, head)
    # "Đề nghị:" alone, its organisations on the lines below
    named = first[0] if first else (item.body[1] if len(item.body) > 1 else None)
    if named is None:
        return []
    text = doc.flat(named)
    colon = text.find(":")
    if colon > 0 and text[:colon].strip(" -"):
        named = Span(named.start, named.start + colon)
        text = text[:colon]
    found = [_plural(doc, m, named.start) for m in find_agencies(text, named.start, unknown=True) if not _in_brackets(text, m.start - named.start)]
    if found:
        return found
    # "Đề nghị các doanh nghiệp sản xuất, chế biến và xuất khẩu hàng hóa"
    line = text.strip()
    if line and len(line) <= 90 and not regex.search(r"[.;]", line):
        lead = len(text) - len(text.lstrip())
        named_body = _name(doc, named.start + lead, named.start + lead + len(line), line)
        return [named_body] if named_body else []
    return []


def extract_responsibilities(doc: Document, structure: Structure) -> list[Responsibility]:
    conf = _conf()
    out: list[Responsibility] = []
    learned: dict[str, Mention] = {}
    for item in section_items(doc, structure):
        heading_text = doc.flat(item.heading)
        requested = conf["roles"]["requested"].search(heading_text)
        delegates: list[Mention] = []
        if requested:
            agencies = _requested(doc, item, requested)
            after = agencies[-1].end if agencies else item.heading.start
        else:
            agencies, after, how = _heading(doc, item.heading)
            _learn(agencies, how, learned)
            delegates = _delegates(doc, item, after)
        if not agencies:
            continue
        own = {a.name for a in agencies}
        coordinates = _coordinates_with(doc, item.body, own)
        tasks = _tasks(doc, item, after)
        if requested:
            every = [t for _, _, quotes in tasks for t in quotes]
            out += [_record(doc, agency, "requested", every, coordinates) for agency in agencies]
            continue
        for index, role, quotes in tasks:
            doers = delegates if delegates and index > 0 else agencies
            out += [_record(doc, agency, role, quotes, coordinates) for agency in doers]
            if index > 0:
                out += [_record(doc, agency, role, quotes, coordinates) for agency in _own_subject(doc, item.body[index], own)]
    out += _assignments(doc, structure, {(r.agency, r.evidence.start) for r in out})
    out += _labelled(doc, structure, learned)
    out += _task_tables(doc, learned)
    return merge(out)


def _own_subject(doc: Document, span: Span, own: set[str]) -> list[Mention]:
    """A paragraph under an item that names the body it is for at its start, by a name of the
    alias table ("18. Các doanh nghiệp công nghệ số" / "a) Doanh nghiệp viễn thông, bưu chính
    ưu tiên đầu tư …"): that body is given the task too."""
    text = doc.flat(span)
    marker = list_marker(text)
    at = marker[2] if marker else 0
    found = find_agencies(text[at:], span.start + at)
    if found and found[0].start - span.start - at <= LEADING_AGENCY_SLACK and found[0].name not in own:
        return [found[0]]
    return []


def _learn(agencies: list[Mention], how: str | None, learned: dict[str, Mention]) -> None:
    """Keep each name the table does not know that an item's heading writes in full."""
    if how == "lead":
        learned.update({regex.sub(r"\s+", " ", a.as_written): a for a in agencies if not _known(a)})


def learned_names(doc: Document, structure: Structure) -> dict[str, Mention]:
    """The names the plan writes in full on the headings of its items (see ``_learned``): the
    reading of a later table cell or label that cuts them short."""
    conf = _conf()
    learned: dict[str, Mention] = {}
    for item in section_items(doc, structure):
        if not conf["roles"]["requested"].search(doc.flat(item.heading)):
            agencies, _, how = _heading(doc, item.heading)
            _learn(agencies, how, learned)
    return learned


def cell_agencies(doc: Document, cell: Span, learned: dict[str, Mention] | None = None) -> list[Mention]:
    """The agencies a cell of a table of tasks names, as ``_task_tables`` reads them: names the
    plan wrote in full on a heading read in full; a cell that names no agency the table or a
    head word knows is one body as written ("Các doanh nghiệp đầu tư hạ tầng"), unless vague."""
    text = doc.flat(cell)
    found = [_plural(doc, a, cell.start) for a in find_agencies(text, cell.start, unknown=True) if not _in_brackets(text, a.start - cell.start)]
    found = _learned(doc, found, learned or {})
    if not found:
        line = text.strip()
        lead = len(text) - len(text.lstrip())
        if line and len(line) <= 90 and line[:1].isupper() and not regex.search(r"[.;:]", line):
            named = _name(doc, cell.start + lead, cell.start + lead + len(line), line)
            found = [named] if named else []
    return found


def _delegates(doc: Document, item: Item, after: int) -> list[Mention]:
    """"Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Biển đảo và Thủy sản thực hiện các nội
    dung sau:" — the body its tasks are for, when it directs another to do them."""
    conf = _conf()
    if len(item.body) < 2 or not (item.heading.start <= after < item.heading.end):
        return []
    tail = doc.flat(Span(after, item.heading.end))
    cue = conf["delegates"].match(tail)
    if not cue or not conf["delegates_end"].search(tail):
        return []
    found = find_agencies(tail[cue.end() :], after + cue.end(), unknown=True)
    return found[:1] if found and found[0].start - (after + cue.end()) <= LEADING_AGENCY_SLACK else []


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


def _labelled(doc: Document, structure: Structure, learned: dict[str, Mention] | None = None) -> list[Responsibility]:
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
                named = text[m.end() : stop]
                found = [
                    a
                    for a in find_agencies(named, block.span.start + m.end(), unknown=True)
                    if not _in_brackets(named, a.start - block.span.start - m.end())
                ]
                for agency in _learned(doc, found, learned or {}):
                    out.append(_record(doc, agency, role, [task], []))
    return out


def _task_tables(doc: Document, learned: dict[str, Mention] | None = None) -> list[Responsibility]:
    """Tables of tasks: the agencies of a "Cơ quan chủ trì" column lead, of a "phối hợp" one
    coordinate; a cell that names no agency the table or a head word knows is one body as
    written ("Các doanh nghiệp đầu tư hạ tầng"), unless it is a vague one."""
    out: list[Responsibility] = []
    for header, row in rows_under_headers(doc, _conf()["columns"]):
        cells = row.cells
        task = Task(evidence=doc.evidence(cells[0].start, cells[-1].end))
        for role, i in header.items():
            found = cell_agencies(doc, cells[i], learned)
            for agency, own in zip(found, _clause_roles(doc, cells[i], found), strict=False):
                out.append(_record(doc, agency, own or role, [task], []))
    return out


def _clause_roles(doc: Document, cell: Span, found: list[Mention]) -> list[str | None]:
    """The role each agency of a cell is given by the word after the agencies of its clause
    ("…; Các sở, ngành, UBND cấp xã thực hiện công bố …"), None where there is none."""
    text = doc.flat(cell)
    def clause(m: Mention) -> int:
        return text.count(";", 0, max(0, m.start - cell.start))
    out: list[str | None] = []
    for m in found:
        same = [a for a in found if clause(a) == clause(m)]
        after = text[same[-1].end - cell.start :]
        after = after.split(";", 1)[0]
        out.append(next((role for role, rule in _conf()["cell_roles"].items() if rule.match(after)), None))
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
