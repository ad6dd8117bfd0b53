"""Property-based tests: random text through every extractor, random bytes through every
reader. Nothing raises except ``ReadError``, the documented input error, and every quote
is the text at its span."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.budgets import extract_budgets
from extractors.deadlines import extract_deadlines
from extractors.errors import ReadError
from extractors.phases import PhaseIndex
from extractors.readers import SUPPORTED_SUFFIXES, build_document, read_bytes
from extractors.record import extract_document
from extractors.responsibilities import extract_responsibilities
from extractors.structure import parse_structure
from extractors.targets import extract_targets

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
WORDS = [
    "Số:", "KH-UBND", "/", "Kế hoạch", "KẾ HOẠCH", "Quyết định", "112/QĐ-TTg", "ngày", "tháng", "năm", "2021", "2025",
    "giai đoạn", "Đến năm", "Từ năm", "đến", "ít nhất", "tối thiểu", "tăng", "so với", "duy trì", "mỗi năm", "%",
    "60%", "85% - 90%", "01", "02", "cán bộ", "người", "đồng", "75.000.000", "(bảy mươi lăm triệu đồng)", "I.", "1.",
    "a)", "-", "+", "UBND", "huyện", "tỉnh", "thành phố", "Càng Long", "Hà Nội", "chủ trì", "phối hợp", ";", ".", ":",
    "\n", "\n\n", "**", "*", "\f", "Chương trình phát triển công tác xã hội", "đã", "hiện nay", "|",
]
plan_like = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(alphabet=VIETNAMESE + "0123456789 .,;:-%/()\n", max_size=12)), max_size=120
).map(" ".join)
any_text = st.text(max_size=400)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(plan_like, any_text))
def test_random_text_never_breaks_an_extractor(text):
    doc = build_document(text)
    record = extract_document(doc, "random", "random.txt")
    # The body extractors are run whatever the kind: a text classed "other" gets no targets in
    # its record, and they must still hold on it.
    structure = parse_structure(doc)
    targets = extract_targets(doc, structure, PhaseIndex(doc, structure, None))
    budgets, _ = extract_budgets(doc, structure, None)
    values = [*record.targets, *record.budgets, *record.references, *targets, *budgets]
    values += extract_responsibilities(doc, structure) + extract_deadlines(doc, structure, targets, None)
    for value in values:
        ev = value.evidence
        assert ev.quote == doc.text[ev.start : ev.end].replace("\n", " ")
        assert 1 <= ev.page <= doc.page_count


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(sorted(SUPPORTED_SUFFIXES | {".doc", ".exe", ""})))
def test_random_bytes_are_read_or_refused_with_a_reason(data, suffix):
    try:
        read_bytes(data, suffix)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_after_a_pdf_header_are_refused_with_a_reason(tail):
    try:
        read_bytes(b"%PDF-1.7\n" + tail, ".pdf")
    except ReadError as exc:
        assert str(exc)
