"""Readers: NFC, emphasis removal with offsets back to the source, pages, and bad input."""

import unicodedata

import pytest

from extractors.errors import ReadError
from extractors.readers import read_bytes, read_file


def test_emphasis_removed_and_offsets_point_back_to_the_source():
    raw = "Số: **141** /KH-UBND\n\nKT. *mm* xong"
    doc = read_bytes(raw.encode(), ".md")
    assert doc.text == "Số: 141 /KH-UBND\n\nKT. mm xong"
    start = doc.text.index("141")
    s, e = doc.source_span(start, start + 3)
    assert raw[s:e] == "141"
    s, e = doc.source_span(doc.text.index("mm"), doc.text.index("mm") + 2)
    assert raw[s:e] == "mm"


def test_nfd_input_becomes_nfc_with_offsets_kept():
    raw = unicodedata.normalize("NFD", "Kế hoạch số 55\nPhòng Giáo dục")
    doc = read_bytes(raw.encode(), ".txt")
    assert doc.text == "Kế hoạch số 55\nPhòng Giáo dục"
    assert unicodedata.is_normalized("NFC", doc.text)
    i = doc.text.index("Phòng")
    s, e = doc.source_span(i, i + len("Phòng"))
    assert unicodedata.normalize("NFC", raw[s:e]) == "Phòng"


def test_numbers_are_never_nfkc_folded():
    doc = read_bytes("Đạt ½ và 10² người".encode(), ".txt")
    assert "½" in doc.text and "²" in doc.text


def test_form_feed_starts_a_page_and_lines_have_pages():
    doc = read_bytes("trang một\n\fTrang hai\nvẫn hai".encode(), ".txt")
    assert doc.page_count == 2
    assert doc.page_at(doc.text.index("Trang hai")) == 2
    assert doc.page_at(doc.text.index("một")) == 1


def test_pdf_keeps_pages_and_matches_the_text_sample():
    _, pdf = read_file("samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.pdf")
    _, txt = read_file("samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt")
    assert pdf.page_count == 6
    assert pdf.page_at(pdf.text.index("75.000.000")) == 4
    assert pdf.page_at(pdf.text.index("Huyền Công Tín")) == 6
    # same words in the same order; only line wrapping differs
    assert pdf.text.split() == txt.text.replace("mm\nHuyền", "mm Huyền").split()


@pytest.mark.parametrize(
    "data,suffix,reason",
    [
        (b"", ".txt", "empty file"),
        (b"   \n", ".md", "empty file"),
        (b"\x00\x01\x02binary", ".txt", "binary content"),
        (b"Vi\xea\xe7t Nam \xfa\xc3(", ".txt", "not UTF-8"),
        (b"\xff\xfe\xfa\xc3(", ".txt", "damaged UTF-16"),
        (b"PK\x03\x04zip-renamed", ".pdf", "not a PDF"),
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF", ".pdf", "PDF"),
        (b"anything", ".exe", "unsupported file type"),
    ],
)
def test_bad_input_is_a_read_error_with_a_reason(data, suffix, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(data, suffix)


def test_missing_file():
    with pytest.raises(ReadError, match="file not found"):
        read_file("samples/does-not-exist.txt")
