"""The alias table's helpers (extractors/patterns/agencies.yaml): the kind of an agency the table
does not know, and a province after a name. What find_agencies names in a text, and how it
resolves each way of writing an agency, are the cases of tests/cases/agencies.json (run by
tests/test_cases.py)."""

import pytest

from extractors.agencies import kind_of


def test_kind_of_an_agency_the_table_does_not_know():
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
