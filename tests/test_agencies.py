"""The alias table: the ways plans write an agency resolve to one name (extractors/patterns/agencies.yaml)."""

import pytest

from extractors.agencies import find_agencies, kind_of

LDTBXH = "Sở Lao động - Thương binh và Xã hội"


@pytest.mark.parametrize(
    "text, name",
    [
        ("Sở Lao động - Thương binh và Xã hội chủ trì", LDTBXH),
        ("Sở LĐTB&XH Hà Nội chủ trì", LDTBXH),
        ("Sở LĐTBXH chủ trì", LDTBXH),
        ("giao Sở LĐ-TB&XH hướng dẫn", LDTBXH),
        ("Phòng GD&ĐT chủ trì", "Phòng Giáo dục và Đào tạo"),
        ("Phòng GDĐT hướng dẫn các trường", "Phòng Giáo dục và Đào tạo"),
        ("Phòng Giáo dục và Đào tạo thành phố", "Phòng Giáo dục và Đào tạo"),
        ("Ủy ban MTTQ Thành phố", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
        ("MTTQ VN huyện", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
        ("Công an Thành phố chủ trì", "Công an tỉnh, thành phố"),
        ("UBND quận, huyện, thị xã chỉ đạo", "UBND quận, huyện, thị xã"),
        ("Ủy ban nhân dân các xã, thị trấn", "UBND xã, phường, thị trấn"),
        ("Đoàn TNCS Hồ Chí Minh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ],
)
def test_alias_resolves_to_the_canonical_agency(text, name):
    assert find_agencies(text)[0].name == name


def test_successor_since_2025_and_unknown_agencies():
    (so,) = find_agencies("Sở LĐTBXH")
    assert so.successor.startswith("Sở Nội vụ") and "Sở Y tế" in so.successor
    assert find_agencies("Trung tâm Bảo trợ xã hội tỉnh") == []
    assert kind_of("Trung tâm Y tế huyện") == "other" and kind_of("Hội Người cao tuổi") == "mass_organisation"


@pytest.mark.parametrize(
    "name, kept",
    [
        ("Công ty Điện lực Đắk Lắk", "Công ty Điện lực"),
        ("Đài Phát thanh và Truyền hình Hà Nội", "Đài Phát thanh và Truyền hình"),
        ("Trường Đại học Cần Thơ", "Trường Đại học Cần Thơ"),
        ("Đoàn TNCS Hồ Chí Minh", "Đoàn TNCS Hồ Chí Minh"),
    ],
)
def test_province_after_a_name_is_its_locality(name, kept):
    from extractors.agencies import drop_province

    assert drop_province(name) == kept


@pytest.mark.parametrize(
    "text, name",
    [
        ("Tỉnh đoàn chủ trì", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
        ("Thành đoàn phối hợp", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
        ("Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ],
)
def test_common_short_forms(text, name):
    assert find_agencies(text)[0].name == name


def test_toan_tinh_doan_ket_is_no_youth_union():
    assert find_agencies("nhân dân toàn tỉnh đoàn kết một lòng") == []
