"""Forms of real plans that assign work (extractors/responsibilities.py, patterns/agencies.yaml):
each snippet is written the way real Vietnamese plans write it, with the records it must give."""

import pytest

from extractors.agencies import find_agencies
from extractors.readers import read_text
from extractors.responsibilities import extract_responsibilities, is_vague, task_role
from extractors.structure import parse_structure


def records(text: str) -> set[tuple[str, str]]:
    doc = read_text(text.encode("utf-8"))
    return {(r.agency, r.role) for r in extract_responsibilities(doc, parse_structure(doc))}


SECTION = "IV. TỔ CHỨC THỰC HIỆN\n\n"


def test_sub_headings_a_b_give_their_role_to_the_bullets_marker_and_all():
    text = SECTION + (
        "1. Sở Công Thương\n\n"
        "a) Chủ trì, phối hợp với các sở, ban, ngành và cơ quan, đơn vị có liên quan\n\n"
        "- Tổ chức chương trình tập huấn kiến thức về hội nhập kinh tế quốc tế.\n\n"
        "b) Phối hợp với các sở, ngành, UBND các xã, phường\n\n"
        "- Hỗ trợ các nhà đầu tư đến đầu tư phát triển hạ tầng thương mại.\n"
    )
    assert records(text) == {("Sở Công Thương", "lead"), ("Sở Công Thương", "coordinate"), ("Sở Công Thương", "responsible")}


@pytest.mark.parametrize(
    "task, role",
    [
        ("b) Phối hợp với Công an thành phố tham mưu bố trí vốn.", "coordinate"),
        ("- Chủ động phối hợp với chủ đầu tư hạ tầng cung cấp thông tin.", "coordinate"),
        ("- Tổng hợp, báo cáo cấp thẩm quyền (UBND thành phố và các Bộ chủ trì dự án) theo quy định.", "responsible"),
        ("- Chủ trì, phối hợp với các đơn vị liên quan tổ chức tập huấn.", "lead"),
    ],
)
def test_task_role(task, role):
    assert task_role(task) == role


def test_name_going_on_in_lower_case_after_va_or_a_comma_on_its_own_heading():
    text = SECTION + (
        "1. Ban Quản lý các khu công nghệ cao và khu công nghiệp\n\n"
        "- Tổ chức triển khai xây dựng hạ tầng 5G theo quy hoạch.\n\n"
        "2. Trung tâm Xúc tiến đầu tư, thương mại và du lịch\n\n"
        "- Tổ chức các chương trình hội chợ thương mại quảng bá sản phẩm.\n"
    )
    assert records(text) == {
        ("Ban Quản lý các khu công nghệ cao và khu công nghiệp", "responsible"),
        ("Trung tâm Xúc tiến đầu tư, thương mại và du lịch", "responsible"),
    }


def test_a_name_learned_from_its_heading_is_read_in_full_in_a_table_cell():
    text = SECTION + (
        "1. Ban Quản lý các khu công nghệ cao và khu công nghiệp\n\n"
        "- Tổ chức triển khai xây dựng hạ tầng 5G theo quy hoạch.\n\n"
        "| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp |\n"
        "| 1 | Khảo sát hạ tầng viễn thông | Ban Quản lý các khu công nghệ cao và khu công nghiệp | Các doanh nghiệp đầu tư hạ tầng |\n"
    )
    assert records(text) == {
        ("Ban Quản lý các khu công nghệ cao và khu công nghiệp", "responsible"),
        ("Ban Quản lý các khu công nghệ cao và khu công nghiệp", "lead"),
        ("Các doanh nghiệp đầu tư hạ tầng", "coordinate"),
    }


def test_after_several_names_what_follows_va_is_one_more_body():
    text = SECTION + (
        "1. Sở Văn hóa, Thể thao và Du lịch, Sở Tư pháp và hệ thống truyền thanh cơ sở\n\n"
        "- Tăng cường thông tin, tuyên truyền về kế hoạch hỗ trợ.\n"
    )
    assert records(text) == {
        ("Sở Văn hóa, Thể thao và Du lịch", "responsible"),
        ("Sở Tư pháp", "responsible"),
        ("Hệ thống truyền thanh cơ sở", "responsible"),
    }


def test_openers_giao_yeu_cau_tren_co_so():
    text = SECTION + (
        "1. Trên cơ sở nội dung Kế hoạch nêu trên, các sở, ban, ngành tỉnh, Ủy ban nhân dân các phường, xã,"
        " đặc khu xây dựng kế hoạch triển khai; chịu trách nhiệm trước UBND tỉnh.\n\n"
        "2. Giao Sở Tư pháp theo dõi, đôn đốc các cơ quan, đơn vị triển khai thực hiện Kế hoạch này.\n\n"
        "Ủy ban nhân dân Thành phố yêu cầu các Sở, ban, ngành Thành phố, UBND phường, xã và các doanh"
        " nghiệp viễn thông nghiêm túc triển khai thực hiện.\n"
    )
    assert records(text) == {
        ("Các sở, ban, ngành", "responsible"),
        ("UBND xã, phường, đặc khu", "responsible"),
        ("Sở Tư pháp", "responsible"),
        ("UBND xã, phường", "responsible"),
        ("Các doanh nghiệp viễn thông", "responsible"),
    }


def test_head_of_a_body_apposition_and_member_list_outside_the_section():
    text = (
        "III. NHIỆM VỤ CỤ THỂ\n\n"
        "1.1. Trưởng Ban Chỉ đạo\n\n"
        "- Phụ trách chung, trực tiếp điều hành, chỉ đạo việc kiểm kê.\n\n"
        "- Phối hợp với các cơ quan Trung ương trong việc chỉ đạo kiểm kê.\n\n"
        "1.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo\n\n"
        "- Tuyên truyền, phổ biến các quy định về quản lý tài sản công.\n\n"
        "Thời gian thực hiện: Tháng 11 - 12/2025.\n\n"
        "1.3. Các cơ quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: Xây dựng, Nông nghiệp và Môi trường,"
        " Văn hóa, Thể thao và Du lịch)\n\n"
        "- Phối hợp hướng dẫn các cơ quan, đơn vị thực hiện kiểm kê.\n"
    )
    assert records(text) == {
        ("Ban Chỉ đạo", "responsible"),
        ("Ban Chỉ đạo", "coordinate"),
        ("Sở Tài chính", "responsible"),
        ("Sở Xây dựng", "coordinate"),
        ("Sở Nông nghiệp và Môi trường", "coordinate"),
        ("Sở Văn hóa, Thể thao và Du lịch", "coordinate"),
    }


def test_names_before_the_colon_and_vague_bodies():
    text = SECTION + (
        "1. Các cơ sở nuôi trồng thủy sản: Theo dõi, giám sát môi trường tại cơ sở nuôi.\n\n"
        "2. Các cơ quan, đơn vị, địa phương thuộc tỉnh: Căn cứ chức năng, nhiệm vụ được giao xây dựng kế hoạch.\n\n"
        "3. Các cơ quan thông tin, truyền thông của tỉnh: Đẩy mạnh công tác tuyên truyền.\n\n"
        "4. Các đoàn thể, tổ chức xã hội:\n\n"
        "Huy động hội viên tham gia vệ sinh môi trường.\n"
    )
    assert records(text) == {
        ("Các cơ sở nuôi trồng thủy sản", "responsible"),
        ("Các cơ quan thông tin, truyền thông", "responsible"),
        ("Các đoàn thể, tổ chức xã hội", "responsible"),
    }
    assert is_vague("các cơ quan, đơn vị, địa phương có liên quan") and not is_vague("Các cơ sở nuôi trồng thủy sản")


def test_de_nghi_names_end_at_the_colon_and_keep_cac():
    text = SECTION + (
        "1. Đề nghị Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng, Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh,"
        " Kiểm toán nhà nước khu vực II tăng cường công tác bảo vệ bí mật nhà nước.\n\n"
        "2. Đề nghị Công ty Điện lực: Khẩn trương khắc phục sự cố, ưu tiên cấp điện cho cơ sở y tế.\n\n"
        "3. Đề nghị các doanh nghiệp sản xuất, chế biến và xuất khẩu hàng hóa\n\n"
        "- Thường xuyên phối hợp, cung cấp thông tin với các sở, ngành.\n"
    )
    assert records(text) == {
        ("Văn phòng Tỉnh ủy", "requested"),
        ("Các Ban Xây dựng Đảng", "requested"),
        ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "requested"),
        ("Kiểm toán nhà nước khu vực II", "requested"),
        ("Công ty Điện lực", "requested"),
        ("Các doanh nghiệp sản xuất, chế biến và xuất khẩu hàng hóa", "requested"),
    }


def test_a_body_that_directs_another_to_do_the_tasks():
    text = SECTION + (
        "1. Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Biển đảo và Thủy sản thực hiện các nội dung sau:\n\n"
        "- Lập dự toán kinh phí trình cấp có thẩm quyền phê duyệt.\n\n"
        "- Phối hợp với UBND các xã, phường triển khai quan trắc.\n"
    )
    assert records(text) == {
        ("Sở Nông nghiệp và Môi trường", "responsible"),
        ("Chi cục Biển đảo và Thủy sản", "responsible"),
        ("Chi cục Biển đảo và Thủy sản", "coordinate"),
    }


def test_labels_with_more_words_and_agencies_after_a_semicolon():
    text = (
        "- Xây dựng chuyên mục về xây dựng pháp luật.\n\n"
        "Đơn vị chủ trì thực hiện: Báo và Phát thanh, Truyền hình tỉnh; Sở Tư pháp, các cơ quan, đơn vị.\n\n"
        "Đơn vị phối hợp thực hiện: Sở Khoa học và Công nghệ; Trung tâm Thông tin tỉnh; các cơ quan liên quan.\n\n"
        "Cơ quan phối hợp: Bảo hiểm xã hội Thành phố, Trung tâm Dịch vụ việc làm Thành phố (Sở Nội vụ).\n"
    )
    assert records(text) == {
        ("Báo và Phát thanh, Truyền hình", "lead"),
        ("Sở Tư pháp", "lead"),
        ("Sở Khoa học và Công nghệ", "coordinate"),
        ("Trung tâm Thông tin tỉnh", "coordinate"),
        ("Bảo hiểm xã hội", "coordinate"),
        ("Trung tâm Dịch vụ việc làm", "coordinate"),
    }


@pytest.mark.parametrize(
    "text, name",
    [
        ("Sở Văn hóa, Thể thao và Du lịch chủ trì", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở Văn hoá, Thể thao và Du lịch chủ trì", "Sở Văn hóa, Thể thao và Du lịch"),
        ("các sở, ban, ngành, đoàn thể cấp tỉnh", "Các sở, ban, ngành"),
        ("Đề nghị Ủy ban MTTQ thành phố và các Đoàn thể", "Các đoàn thể"),
    ],
)
def test_aliases(text, name):
    assert find_agencies(text)[-1].name == name


def test_no_agency_inside_other_words():
    assert find_agencies("ưu tiên cấp điện cho cơ sở y tế") == []
    assert [m.name for m in find_agencies("các đoàn thể, tổ chức chính trị - xã hội")] == ["Các tổ chức chính trị - xã hội"]


def test_sentence_case_section_under_a_longer_heading_with_bulleted_agencies():
    text = (
        "V. THỜI GIAN VÀ TRÁCH NHIỆM THỰC HIỆN\n\n"
        "1. Thời gian thực hiện\n\n"
        "Đợt thi đua được triển khai từ ngày ban hành Kế hoạch.\n\n"
        "2. Trách nhiệm thực hiện\n\n"
        "- Các cơ quan, đơn vị căn cứ Kế hoạch này để phát động, triển khai Đợt thi đua.\n\n"
        "- Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị-xã hội phát huy thành quả của các phong trào thi đua.\n\n"
        "- Sở Văn hóa, Thể thao và Du lịch phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy chỉ đạo các cơ quan truyền thông.\n\n"
        "- Hội đồng Thi đua - Khen thưởng các cấp phân công rõ trách nhiệm các thành viên.\n\n"
        "- Sở Nội vụ hướng dẫn khen thưởng Đợt thi đua; phối hợp với các cơ quan, đơn vị liên quan đôn đốc.\n"
    )
    assert records(text) == {
        ("Ủy ban Mặt trận Tổ quốc Việt Nam", "requested"),
        ("Các tổ chức chính trị - xã hội", "requested"),
        ("Sở Văn hóa, Thể thao và Du lịch", "coordinate"),
        ("Hội đồng Thi đua - Khen thưởng các cấp", "responsible"),
        ("Sở Nội vụ", "responsible"),
    }


def test_heading_names_with_their_locality_then_a_class_of_bodies_and_common_short_forms():
    text = SECTION + (
        "13. Báo và Phát thanh, Truyền hình tỉnh và các cơ quan báo chí đóng trên địa bàn\n\n"
        "Chủ trì, phối hợp chặt chẽ với Sở Khoa học và Công nghệ triển khai tuyên truyền về nội dung Kế hoạch.\n\n"
        "14. Tỉnh đoàn\n\n"
        "Phát động đoàn viên thanh niên làm lực lượng nòng cốt tuyên truyền kỹ năng số.\n\n"
        "15. Liên đoàn Lao động, Hội Nông dân, Liên minh Hợp tác xã\n\n"
        "Xây dựng kế hoạch hành động, chỉ đạo hệ thống tổ chức thành viên tham gia.\n\n"
        "16. Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội\n\n"
        "Phát huy vai trò trong tuyên truyền, vận động Nhân dân, giám sát triển khai Kế hoạch.\n"
    )
    assert records(text) == {
        ("Báo và Phát thanh, Truyền hình", "lead"),
        ("Các cơ quan báo chí", "lead"),
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "responsible"),
        ("Liên đoàn Lao động", "responsible"),
        ("Hội Nông dân", "responsible"),
        ("Liên minh Hợp tác xã", "responsible"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam", "responsible"),
        ("Các tổ chức chính trị - xã hội", "responsible"),
    }


def test_a_bullet_that_names_its_own_body_and_one_task_per_bullet():
    text = SECTION + (
        "18. Các doanh nghiệp công nghệ số\n\n"
        "a) Doanh nghiệp viễn thông, bưu chính ưu tiên đầu tư nâng cấp hạ tầng số.\n\n"
        "b) Chủ động xây dựng Kế hoạch triển khai thực hiện. Phối hợp chặt chẽ với Sở Khoa học và Công nghệ để đảm bảo tiến độ.\n"
    )
    assert records(text) == {("Các doanh nghiệp công nghệ số", "responsible"), ("Các doanh nghiệp viễn thông", "responsible")}


def test_clauses_of_a_lead_cell_with_a_role_word_of_their_own():
    text = (
        "PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU\n\n"
        "| TT | Chỉ tiêu | Chủ trì |\n"
        "| 1 | Phát triển từ 05 bộ dữ liệu mở mỗi năm. | Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện công bố dữ liệu mở hằng năm. |\n"
        "| 2 | Tỷ lệ người dân trưởng thành có chữ ký số đạt 80%. | Tỉnh đoàn |\n"
        "| 3 | Tỷ trọng đào tạo các ngành STEM đạt 30%. | Sở GD&ĐT, Sở Nội vụ; Sở Khoa học và Công nghệ thúc đẩy, theo dõi, báo cáo chỉ tiêu |\n"
    )
    assert records(text) == {
        ("Sở Khoa học và Công nghệ", "lead"),
        ("Các sở, ban, ngành", "responsible"),
        ("UBND cấp xã", "responsible"),
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "lead"),
        ("Sở Giáo dục và Đào tạo", "lead"),
        ("Sở Nội vụ", "lead"),
    }


def test_committees_of_named_communes_are_one_body():
    text = (
        "IV. NHIỆM VỤ CỤ THỂ\n\n"
        "12. Ủy ban nhân dân các xã: Gia Thuận, Tân Điền, Gò Công Đông, Tân Phú Đông\n\n"
        "- Xây dựng kế hoạch cụ thể hóa các nhiệm vụ và giải pháp tại địa phương.\n\n"
        "- Phối hợp với các đơn vị liên quan tổ chức tuyên truyền nâng cao nhận thức.\n\n"
        "- Chủ trì xây dựng, bố trí kinh phí thực hiện các nhiệm vụ của Kế hoạch.\n"
    )
    name = "UBND các xã Gia Thuận, Tân Điền, Gò Công Đông, Tân Phú Đông"
    assert records(text) == {(name, "responsible"), (name, "coordinate"), (name, "lead")}


def test_province_after_a_name_and_a_slip_of_one_diacritic():
    text = SECTION + (
        "9. Sở Văn hóa, Thể thao và Du lịch, Cổng Thông tin điện tử tính: Tuyên truyền kịp thời tình hình mưa lũ.\n\n"
        "12. Đề nghị Công ty Điện lực Đắk Lắk: Khẩn trương kiểm tra, khắc phục sự cố lưới điện.\n"
    )
    assert records(text) == {
        ("Sở Văn hóa, Thể thao và Du lịch", "responsible"),
        ("Cổng Thông tin điện tử tỉnh", "responsible"),
        ("Công ty Điện lực", "requested"),
    }


def test_a_section_heading_in_capitals_cut_in_two_paragraphs():
    text = (
        "VI. TỔ\n\nCHỨC THỰC HIỆN\n\n"
        "1. Căn cứ Kế hoạch này, các sở, ban, ngành cấp tỉnh nghiên cứu triển khai thực hiện.\n\n"
        "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các Đoàn thể tỉnh phối hợp tuyên truyền.\n"
    )
    assert records(text) == {
        ("Các sở, ban, ngành", "responsible"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam", "requested"),
        ("Các đoàn thể", "requested"),
    }


@pytest.mark.parametrize(
    "task, role",
    [
        # the lead of others, in the preamble of the item's own task
        ("a) Trên cơ sở đề xuất của các cơ quan, đơn vị được giao nhiệm chủ trì nhiệm vụ, Sở Tài chính tổng hợp nhu cầu kinh phí.", "responsible"),
        # the province the agency's name ended with, then the role
        ("Đồng Nai chủ động phối hợp với Sở Khoa học và Công nghệ xây dựng kế hoạch tuyên truyền.", "coordinate"),
        # the task's own subject, a body the table does not know
        ("c) Các doanh nghiệp công nghệ số phối hợp với đầu mối các bộ, ngành xây dựng chương trình đào tạo.", "coordinate"),
    ],
)
def test_task_role_after_a_preamble_a_province_or_a_subject(task, role):
    assert task_role(task) == role


def test_items_that_open_with_their_body_or_with_khuyen_khich():
    text = SECTION + (
        "14. Các sở, ban ngành, cơ quan thuộc tỉnh chủ trì xây dựng các nội dung phát triển kinh tế số.\n\n"
        "15. Báo và Phát thanh, Truyền hình Đồng Nai chủ động phối hợp với Sở Khoa học và Công nghệ xây dựng kế hoạch tuyên truyền.\n\n"
        "16. Khuyến khích Liên đoàn Lao động tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã xây dựng kế hoạch hành động.\n"
    )
    assert records(text) == {
        ("Các sở, ban, ngành", "lead"),
        ("Báo và Phát thanh, Truyền hình", "coordinate"),
        ("Liên đoàn Lao động tỉnh", "responsible"),
        ("Hội Nông dân", "responsible"),
        ("Liên minh Hợp tác xã", "responsible"),
    }


def test_a_task_table_with_a_thuc_hien_column_and_a_header_over_the_number_column():
    text = SECTION + (
        "| STT | Nhiệm vụ | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện |\n"
        "| 1 | Triển khai nền tảng hóa đơn điện tử | Thuế Đồng Nai | Sở Tài chính | 2026 |\n"
        "| II | Phát triển dữ liệu |\n"
        "| Nội dung | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện |\n"
        "| 2.1 | Kiện toàn Ban Chỉ đạo | Sở Khoa học và Công nghệ | Sở Nội vụ | 2025 |\n"
    )
    assert records(text) == {
        ("Thuế", "responsible"), ("Sở Tài chính", "coordinate"),
        ("Sở Khoa học và Công nghệ", "responsible"), ("Sở Nội vụ", "coordinate"),
    }
