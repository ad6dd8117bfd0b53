"""Funding sections as real plans write them (sources without an amount), and cited numbers as
real documents print them (tests/ANNOTATION.md, "Real documents")."""

import pytest

from extractors.budgets import funding_sources
from extractors.readers import build_document
from extractors.record import extract_document

HEAD = "Số: 7/KH-UBND\n\nKẾ HOẠCH\n\nPhát triển hạ tầng số giai đoạn 2026 - 2030\n\n"


def _record(body: str):
    return extract_document(build_document(HEAD + body), "t", "t.txt")


@pytest.mark.parametrize(
    "text, sources",
    [
        ("- Nguồn dự phòng phòng chống thiên tai và dịch bệnh.", ["reserve"]),
        ("1. Nguồn ngân sách: Hàng năm, các sở xây dựng dự toán kinh phí gửi Sở Tài chính.", ["state"]),
        ("Do các doanh nghiệp đầu tư, triển khai bằng nguồn vốn của doanh nghiệp.", ["enterprise"]),
        ("Do các nhà đầu tư chủ động tự đảm bảo kinh phí.", ["enterprise"]),
        ("Các doanh nghiệp chủ động bố trí kinh phí và các nguồn lực của doanh nghiệp.", ["enterprise"]),
        ("Sở Tài chính bố trí kinh phí chi thường xuyên theo quy định.", ["state"]),
        ("- Hỗ trợ từ trung ương, tổ chức quốc tế và các nguồn hợp pháp khác.", ["central", "international", "other"]),
        ("- Từ ngân sách tỉnh, ngân sách địa phương theo phân cấp.", ["provincial", "local"]),
        ("Ưu tiên sử dụng Ngân sách Thành phố hoặc theo hình thức Hợp tác công tư (PPP).", ["provincial", "public_private"]),
        ("2. Kinh phí đóng góp của người dân, doanh nghiệp (nếu có).", ["socialisation"]),
        ("2. Nguồn xã hội hóa từ các doanh nghiệp, HTX và các nguồn huy động hợp pháp khác.", ["socialisation", "other"]),
        ("a) Các sở, ngành, địa phương có trách nhiệm chủ động bố trí kinh phí từ dự toán được giao.", ["state"]),
        ("b) Kinh phí đầu tư tập trung cho hạ tầng; kinh phí thường xuyên dành cho đào tạo, tuyên truyền.", ["state"]),
        ("c) Doanh nghiệp, tổ chức, cơ sở giáo dục tự chủ tài chính có trách nhiệm bố trí nguồn lực phù hợp.", ["self_financed"]),
        ("đ) Tận dụng các quỹ khoa học công nghệ để tài trợ đổi mới sáng tạo.", ["funds"]),
        ("Chủ động khai thác các nguồn lực ngoài ngân sách.", ["non_budget"]),
        ("b) Ưu tiên kinh phí từ ngân sách để thực hiện nhiệm vụ, giải pháp thuộc Kế hoạch này.", ["budget"]),
        ("- Nguồn kinh phí đầu tư chi để thực hiện các nhiệm vụ, dự án: Đầu tư xây dựng các hệ thống thông tin.", ["investment"]),
        ("c) Các doanh nghiệp, cơ sở giáo dục bố trí kinh phí từ ngân sách tự chủ của mình.", ["self_financed"]),
        # the law of the state budget is no source, nor is a unit's own budgeting
        ("Các cơ quan lập dự toán, quyết toán theo quy định của Luật Ngân sách nhà nước.", []),
        ("Các đơn vị chủ động bố trí kinh phí để thực hiện.", []),
    ],
)
def test_funding_sources(text, sources):
    assert funding_sources(text) == sources


def test_a_funding_heading_with_resources_and_one_budget_per_item():
    record = _record(
        "IV. KINH PHÍ VÀ NGUỒN LỰC THỰC HIỆN\n\n"
        "1. Kinh phí thực hiện lồng ghép từ các chương trình, dự án, vốn ngân sách Nhà nước được phân bổ hằng năm.\n\n"
        "2. Kinh phí đóng góp của người dân, doanh nghiệp và các hình thức hợp tác công tư khác (nếu có).\n\n"
        "V. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính tham mưu bố trí kinh phí từ ngân sách tỉnh.\n"
    )
    assert [(b.amount_vnd, b.period_start, b.period_end, b.scope, b.sources) for b in record.budgets] == [
        (None, 2026, 2030, "total", ["state", "national_target_programs"]),
        (None, 2026, 2030, "total", ["socialisation", "public_private"]),
    ]


def test_a_solution_on_the_money_alone_is_the_funding_section():
    """A plan with no "Kinh phí thực hiện" section: its solution "6. Bảo đảm kinh phí" is it (a
    heading on the money alone, wherever it sits), each item naming a source one budget; a
    solution that adds other matters ("Huy động nguồn lực, bảo đảm kinh phí, nguồn nhân lực")
    is not."""
    record = _record(
        "V. GIẢI PHÁP\n\n5. Huy động nguồn lực, bảo đảm kinh phí, nguồn nhân lực thực hiện\n\n"
        "a) Ngân sách Thành phố đảm bảo kinh phí theo phân cấp ngân sách hiện hành.\n\n"
        "6. Bảo đảm\nkinh phí\n\nKinh phí là điều kiện thực thi, là cam kết hành động.\n\n"
        "a) Các sở, ngành, địa phương có trách nhiệm chủ động bố trí kinh phí từ dự toán được giao.\n\n"
        "b) Thúc đẩy vai trò doanh nghiệp tư nhân trong việc xây dựng, vận hành nền tảng số dùng chung.\n\n"
        "c) Tận dụng các quỹ khoa học công nghệ để tài trợ, hỗ trợ đổi mới sáng tạo.\n\n"
        "VI. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính tham mưu bố trí kinh phí.\n"
    )
    assert [(b.amount_vnd, b.period_start, b.period_end, b.sources) for b in record.budgets] == [
        (None, 2026, 2030, ["state"]),
        (None, 2026, 2030, ["funds"]),
    ]


def test_a_funding_section_inside_another_counts_its_items_once():
    record = _record(
        "V. NGUỒN KINH PHÍ\n\n1. Kinh phí thực hiện\n\n- Ngân sách tỉnh bố trí hằng năm.\n\n"
        "- Nguồn dự phòng ngân sách tỉnh.\n\nVI. TỔ CHỨC THỰC HIỆN\n\nCác sở triển khai.\n"
    )
    assert [b.sources for b in record.budgets] == [["provincial"], ["provincial", "reserve"]]


def test_the_funding_section_ends_at_the_recipients_list():
    record = _record(
        "VI. KINH PHÍ THỰC HIỆN\n\n- Từ ngân sách tỉnh theo phân cấp.\n\n"
        "Nơi nhận:\n\n- Sở Tài chính (nguồn ngân sách nhà nước);\n\n- Lưu: VT.\n"
    )
    assert [b.sources for b in record.budgets] == [["provincial"]]


def test_a_number_with_a_space_after_its_ampersand_is_one_number():
    record = _record("Căn cứ Công văn số 15972/SXD-QLN& TTBĐS ngày 14 tháng 11 năm 2025 của Sở Xây dựng và Kế hoạch số 515/KH-BCA-BNN&MT.\n")
    assert [r.number for r in record.references] == ["15972/SXD-QLN&TTBĐS", "515/KH-BCA-BNN&MT"]


def test_a_number_printed_in_capitals_is_cited_in_its_usual_case_once():
    text = (
        "Số: 7/KH-UBND\n\nKẾ HOẠCH\n\nTHỰC HIỆN CHỈ THỊ SỐ 32/CT-TTG NGÀY 21/10/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ\n\n"
        "Thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 và Chương trình số 08-CTR/TU.\n"
    )
    record = extract_document(build_document(text), "t", "t.txt")
    assert [r.number for r in record.references] == ["32/CT-TTg", "08-CTr/TU"]


def test_numbers_on_a_portals_page_after_the_document_are_not_cited():
    text = (
        "UBND TỈNH CÀ MAU\n\nSố: 01814/QĐ-UBND\n\nQUYẾT ĐỊNH\n\nCông bố thủ tục hành chính nội bộ\n\n"
        "Căn cứ Quyết định số 1085/QĐ-TTg ngày 15/9/2022 của Thủ tướng Chính phủ;\n\n"
        "Điều 1. Công bố kèm theo Quyết định này thủ tục hành chính nội bộ.\n\n"
        "Nơi nhận:\n\n- Như Điều 3;\n\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A\n\n"
        "Quyết định 01814/QĐ-UBND năm 2025 công bố thủ tục hành chính nội bộ trên địa bàn tỉnh Cà Mau\n"
        "Văn bản liên quan\nQuyết định 1186/QĐ-UBND năm 2025 công bố thủ tục hành chính\n\n"
        "Kính gửi: Quý Thành viên, Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân yêu cầu xác nhận.\n"
    )
    record = extract_document(build_document(text), "t", "t.txt")
    assert [r.number for r in record.references] == ["1085/QĐ-TTg"]


REPORTING_PLAN = (
    "Số: 204/KH-UBND\n\nCà Mau, ngày 24 tháng 11 năm 2025\n\nKẾ HOẠCH\n\n"
    "Tài chính - ngân sách nhà nước 03 năm 2026 - 2028\n\n"
    "I. TÌNH HÌNH THỰC HIỆN NĂM 2025\n\n"
    "Tổng chi ngân sách địa phương năm 2025 được Hội đồng nhân dân tỉnh giao là 26.811,096 tỷ đồng.\n\n"
    "II. DỰ BÁO CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI\n\n"
    "- Tổng sản phẩm trong tỉnh (GRDP) tăng khoảng 10%.\n\n- Giải quyết việc làm cho khoảng 59.000 người.\n\n"
    "III. KINH PHÍ THỰC HIỆN\n\n"
    "Tổng kinh phí thực hiện Kế hoạch là 500.000.000 đồng từ ngân sách tỉnh.\n\n"
    "Mẫu biểu số 01\n\nDỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU\n\n"
    "| STT | Nội dung | Đơn vị tính | Năm 2026 | Năm 2027 | Năm 2028 |\n"
    "| 1 | Tốc độ tăng trưởng GRDP | % | 10,00 | 10,00 | 10,00 |\n"
    "| 2 | Vốn đầu tư phát triển toàn xã hội | Tỷ đồng | 80.000 | 90.000 | 100.000 |\n\n"
    "Mẫu biểu số 02\n\nBIỂU TỔNG HỢP DỰ TOÁN THU NSNN\n\n"
    "| STT | Nội dung | Dự toán HĐND tỉnh quyết định | Năm 2026 | Năm 2027 |\n"
    "| 1 | Thuế thu nhập cá nhân | 1.010.000 | 1.110.000 | 1.170.000 |\n"
    "| 2 | Lệ phí trước bạ | 302.000 | 320.000 | 330.000 |\n"
)


def test_what_a_plan_reports_or_forecasts_is_no_target_and_no_budget():
    """Sections and tables of the present, the past and a forecast hold no targets, and money
    outside the plan's cost (the province's revenue and spending) is no budget."""
    from extractors.readers import build_document
    from extractors.record import extract_document

    record = extract_document(build_document(REPORTING_PLAN), "t", "t.txt")
    assert record.targets == []
    assert [(b.amount_vnd, b.sources) for b in record.budgets] == [(500_000_000, ["provincial"])]
