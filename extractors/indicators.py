"""Which program indicator a target sets, and which population it counts.

spaCy does the matching: a blank Vietnamese pipeline (no pyvi, nothing downloaded) whose
tokenizer splits off punctuation, and two ``PhraseMatcher``s fed from data, one with the
cue phrases of the program's indicators (``schemas/programs/*.yaml``) and one with the
population phrases (``schemas/populations.yaml``). No indicator is named in code.
Tokens are compared by a norm that underthesea's ``text_normalize`` gives them (lower
case, tone mark placed the modern way), so a plan that writes "hoá" or "Uỷ" matches a cue
written "hóa" or "ủy"; the samples already mix the two styles.

For each target, the words it is judged on (its *scope*) run from the end of the target
before it in the same clause (or the clause start) to the start of the next one (or the
clause end): "Đạt 60% số cơ quan … bố trí nhân sự …, mỗi đơn vị có ít nhất từ 01 đến 02
cán bộ" gives the 60% the words about assigning staff and the "01 đến 02" the words about
the staff themselves.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

import regex
import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from underthesea import text_normalize

from extractors import patterns
from extractors.document import Document, Span
from schemas import ExtractionWarning, Target
from schemas.program import Indicator, Program, populations, unit_kind

POPULATION_WINDOW = 25
"""A population phrase starting this many characters after a target's number is what it counts."""


@cache
def _norm(word: str) -> str:
    """Lower case with the tone mark where underthesea puts it: "hoá" and "hóa", "Uỷ" and "ủy" match."""
    return text_normalize(word.lower())


class _NormalisingTokenizer:
    """spaCy's rule tokenizer, then every token's NORM set by ``_norm``; matchers compare NORMs."""

    def __init__(self, tokenizer: Tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        for token in doc:
            token.norm_ = _norm(token.text)
        return doc


@cache
def nlp() -> Language:
    """Blank Vietnamese spaCy pipeline (no pyvi): whitespace tokens, punctuation split off, norms set."""
    vi = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    rules = spacy.blank("xx").Defaults
    assert rules.prefixes and rules.suffixes and rules.infixes  # the multi-language defaults have all three
    vi.tokenizer = _NormalisingTokenizer(
        Tokenizer(
            vi.vocab,
            prefix_search=compile_prefix_regex(rules.prefixes).search,
            suffix_search=compile_suffix_regex(rules.suffixes).search,
            infix_finditer=compile_infix_regex(rules.infixes).finditer,
        )
    )
    return vi


def _patterns(phrases: list[str]) -> list:
    return [nlp().make_doc(unicodedata.normalize("NFC", p)) for p in phrases]


@cache
def _population_matcher() -> PhraseMatcher:
    matcher = PhraseMatcher(nlp().vocab, attr="NORM")
    for pop in populations():
        matcher.add(pop.id, _patterns(pop.cues))
    return matcher


_INDICATOR_MATCHERS: dict[int, PhraseMatcher] = {}


def _indicator_matcher(program: Program) -> PhraseMatcher:
    key = id(program)
    if key not in _INDICATOR_MATCHERS:
        matcher = PhraseMatcher(nlp().vocab, attr="NORM")
        for ind in program.indicators:
            matcher.add(ind.id, _patterns(ind.cues))
        _INDICATOR_MATCHERS[key] = matcher
    return _INDICATOR_MATCHERS[key]


@dataclass(frozen=True)
class Cue:
    label: str
    phrase: str
    start: int
    end: int


def _cues(matcher: PhraseMatcher, text: str, offset: int) -> list[Cue]:
    tokens = nlp().make_doc(text)
    found = []
    for match_id, s, e in matcher(tokens):
        span = tokens[s:e]
        strings = matcher.vocab.strings  # type: ignore[attr-defined]  # spaCy's phrasematcher.pyi omits vocab
        found.append(Cue(strings[match_id], span.text.lower(), offset + span.start_char, offset + span.end_char))
    return sorted(found, key=lambda c: (c.start, -c.end))


def _scopes(doc: Document, targets: list[Target]) -> list[tuple[int, int]]:
    """For each target, the character range of its clause that speaks about it; for the values
    of a table row ("| 1 | Tỷ lệ cơ sở … | 60% | 90% |"), the cells before the first of them."""
    out = []
    for t in targets:
        same = sorted(
            (o for o in targets if o.evidence.start == t.evidence.start and o.evidence.end == t.evidence.end),
            key=lambda o: o.match.start,
        )
        if doc.text.startswith("|", t.evidence.start):
            out.append((t.evidence.start, same[0].match.start))
            continue
        i = next(k for k, o in enumerate(same) if o is t)
        start = same[i - 1].match.end if i > 0 else t.evidence.start
        end = same[i + 1].match.start if i + 1 < len(same) else t.evidence.end
        out.append((start, end))
    return out


def _population(target: Target, cues: list[Cue], follows: str, text: str = "", offset: int = 0) -> str | None:
    """The population phrase right after the number; else, when no noun follows the number
    (``follows``, the text after it: "Tỷ lệ cơ sở … đạt 60%."), the first of its clause. A
    number followed by what it counts ("100% các điểm …", "3.000 lượt nhân lực") counts that,
    not a population named elsewhere in the clause ("tổ chức tuyên truyền", "cơ sở vật chất")."""
    after = [c for c in cues if target.match.start <= c.start <= target.match.end + POPULATION_WINDOW]
    if after:
        return after[0].label
    if regex.match(r"\s*\p{L}", follows):
        return None
    heads = [c for c in cues if _heads_the_count(text, offset, c)]
    return heads[0].label if heads else None


def _heads_the_count(text: str, offset: int, cue: Cue) -> bool:
    """Whether a cue of the clause names what is counted ("Tỷ lệ cơ sở …", "số cơ quan …", "các
    xã, phường …"), not a place the counted thing is in ("tài khoản tại ngân hàng hoặc các tổ
    chức …", "đào tạo … trong các cơ sở giáo dục"), nor a verb or adjective ("tổ chức tuyên
    truyền", "phạm tội có tổ chức"): ``population_head`` of targets.yaml."""
    conf = patterns.load("targets")["population_head"]
    before = text[: cue.start - offset]
    return bool(patterns.compile_rule(conf["before"]).search(before)) and not patterns.compile_rule(conf["place"]).search(before)


def _fits(ind: Indicator, target: Target, population: str | None) -> bool:
    if ind.unit != unit_kind(target.unit) or ind.per != target.per:
        return False
    if ind.comparators is not None and target.comparator not in ind.comparators:
        return False
    return not (population and ind.population and population not in ind.population)


def _choose(program: Program, target: Target, population: str | None, cues: list[Cue]) -> tuple[Indicator | None, list[str]]:
    """The fitting indicator with most distinct cues; ties go to the cue nearest the number."""
    scored = []
    for ind in program.indicators:
        if not _fits(ind, target, population):
            continue
        mine = [c for c in cues if c.label == ind.id]
        if not mine:
            continue
        nearest = min(min(abs(c.start - target.match.start), abs(c.end - target.match.end)) for c in mine)
        scored.append((-len({c.phrase for c in mine}), nearest, ind))
    if not scored:
        return None, []
    scored.sort(key=lambda s: (s[0], s[1]))
    best = scored[0]
    tied = [s[2].id for s in scored if s[0] == best[0] and s[1] == best[1]]
    if len(tied) > 1:
        return None, tied
    return best[2], []


def assign_indicators(
    doc: Document, targets: list[Target], program: Program | None
) -> tuple[list[Target], list[ExtractionWarning]]:
    """The targets with ``indicator`` (when ``program`` is known) and ``population`` filled in."""
    with _LOCK:  # spaCy's pipeline and matchers are built once and shared: one thread at a time
        return _assign(doc, targets, program)


_LOCK = threading.Lock()


def _assign(doc: Document, targets: list[Target], program: Program | None) -> tuple[list[Target], list[ExtractionWarning]]:
    out: list[Target] = []
    warnings: list[ExtractionWarning] = []
    activities = {u.lower() for u in patterns.load("targets")["activity_units"]}
    for target, (start, end) in zip(targets, _scopes(doc, targets), strict=False):
        if target.unit in activities:
            out.append(target.model_copy(update={"indicator": None, "population": None}))
            continue
        text = doc.flat(Span(start, end))
        follows = doc.flat(Span(target.match.end, max(end, target.match.end)))
        population = _population(target, _cues(_population_matcher(), text, start), follows, text, start)
        indicator = None
        if program is not None:
            indicator, tied = _choose(program, target, population, _cues(_indicator_matcher(program), text, start))
            if tied:
                warnings.append(
                    ExtractionWarning(
                        code="indicator_ambiguous",
                        message=f"'{target.match.text}' fits {', '.join(tied)} equally; left without an indicator",
                        evidence=target.evidence,
                    )
                )
        if population is None and indicator is not None and len(indicator.population) == 1:
            population = indicator.population[0]
        out.append(target.model_copy(update={"indicator": indicator.id if indicator else None, "population": population}))
    return out, warnings
