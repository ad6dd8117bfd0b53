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


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def test_a_portal_table_row_maps_each_cell_to_its_source():
    raw = "Dự toán:\n\n|\nSTT\n|\nNội dung\n|\nKinh phí\n|\n|\n1\n|\n  Tuyên truyền\nnâng cao\n|\n3.000.000\n|\n|\n"
    doc = read_bytes(raw.encode(), ".md")
    assert "| 1 | Tuyên truyền nâng cao | 3.000.000 |" in doc.text
    for word in ("Tuyên truyền", "nâng cao", "3.000.000", "Kinh phí"):
        i = doc.text.index(word)
        s, e = doc.source_span(i, i + len(word))
        assert raw[s:e] == word


def test_a_portal_pages_matter_after_the_document_is_dropped():
    raw = (
        "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\n\nSố: 89/2025/QĐ-UBND\n\nQUYẾT ĐỊNH\n\nĐiều 1. Phân cấp.\n\n"
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTống Thanh Hải\n|\n"
        "Quyết định 89/2025/QĐ-UBND phân cấp tuyển dụng viên chức\nVăn bản này chưa cập nhật nội dung Tiếng Anh\n"
        "## Văn bản liên quan\nBan hành:\n08/11/2025\nQuý khách Đăng nhập vào thì sẽ\ncó 1 người khác bị Đăng xuất.\n"
    )
    doc = read_bytes(raw.encode(), ".md")
    assert doc.text.rstrip().endswith("Tống Thanh Hải")
    assert "Đăng xuất" not in doc.text and "Văn bản liên quan" not in doc.text


def test_a_text_without_blank_lines_gets_its_paragraphs_back():
    # a greedily wrapped text (at 60 columns) with no blank line: headings, tasks without
    # their dashes, a list marker alone on its line, a place and date after a letter's subject
    raw = "\n".join([
        "Số: 4085/UBND-ĐT",
        "V/v rà soát và chuẩn hóa dữ liệu số nhà sau sắp xếp",
        "Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm 2025",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1.",
        "Mục đích: Xác định số lượng, cơ cấu, hiện trạng sử dụng tài",
        "sản công tại cơ quan, tổ chức, đơn vị.",
        "1. Phòng Y tế",
        "Chủ trì, phối hợp với các ban ngành, đoàn thể có liên quan",
        "tổ chức triển khai thực hiện Kế hoạch này; thường xuyên theo",
        "dõi, kiểm tra, giám sát việc thực hiện Kế hoạch của các xã.",
        "Phối hợp với Cơ quan Tổ chức - Nội vụ xây dựng mạng lưới các",
        "cộng tác viên công tác xã hội tại các xã và thị trấn.",
    ]) + "\n"
    doc = read_bytes(raw.encode(), ".txt")
    assert _paragraphs(doc.text) == [
        "Số: 4085/UBND-ĐT",
        "V/v rà soát và chuẩn hóa dữ liệu số nhà sau sắp xếp",
        "Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm 2025",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích: Xác định số lượng, cơ cấu, hiện trạng sử dụng tài sản công tại cơ quan, tổ chức, đơn vị.",
        "1. Phòng Y tế",
        "Chủ trì, phối hợp với các ban ngành, đoàn thể có liên quan tổ chức triển khai thực hiện Kế hoạch này; "
        "thường xuyên theo dõi, kiểm tra, giám sát việc thực hiện Kế hoạch của các xã.",
        "Phối hợp với Cơ quan Tổ chức - Nội vụ xây dựng mạng lưới các cộng tác viên công tác xã hội tại các xã và thị trấn.",
    ]


def test_a_word_or_pdf_rows_padding_cells_are_dropped():
    raw = "| TT | Chỉ tiêu | Giai đoạn |  |\n|  |  | Năm 2026 | Năm 2027 |\n| 1 | Cà phê | 27.000 | 27.500 |\n"
    doc = read_bytes(raw.encode(), ".txt")
    assert doc.text.split("\n")[:3] == ["| TT | Chỉ tiêu | Giai đoạn |", "| Năm 2026 | Năm 2027 |", "| 1 | Cà phê | 27.000 | 27.500 |"]
    i = doc.text.index("Năm 2026")
    s, e = doc.source_span(i, i + 8)
    assert raw[s:e] == "Năm 2026"
