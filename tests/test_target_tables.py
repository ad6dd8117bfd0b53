"""Targets read from tables and phase headings as real plans write them, and no targets from a
document that is not a plan."""

from extractors.readers import build_document
from extractors.record import extract_document
from extractors.structure import parse_structure
from extractors.tables import tables
from extractors.target_tables import header_grid, table_targets

# An annex as portals print it: a year row whose cells each span two sub-columns, a sub-header
# row ("Lượng (Tấn)" / a money column), a row numbering the columns, one-cell rows of merged
# totals, then the data rows.
ANNEX = """PHỤ LỤC 02

| TT | Sản phẩm | Kế hoạch 2026 | Kế hoạch 2027 |
| Lượng (Tấn) | Giá trị tham gia xuất khẩu (Nghìn USD) | Lượng (Tấn) | Giá trị tham gia xuất khẩu (Nghìn USD) |
| 1 | 2 | 3 | 4 | 5 | 6 |
| Tổng I + II |
| 240.000 |
| 1 | Xoài | 13.500 | 7.000 | 14.800 | 7.800 |
| 2 | Nhãn | 6.400 | 24.700 | 7.100 | 26.100 |
"""

# The same annex as a Word table writes it: every row full width, the span of the year cells
# as empty cells at the end of the first row, the cells that span both rows as empty cells at
# the start of the second.
ANNEX_WORD = """| TT | Sản phẩm | Kế hoạch 2026 | Kế hoạch 2027 |  |  |
|  |  | Lượng (Tấn) | Giá trị tham gia xuất khẩu (Nghìn USD) | Lượng (Tấn) | Giá trị tham gia xuất khẩu (Nghìn USD) |
|  | 1 | 2 | 3 | 4 | 5 |
| 240.000 |  |  |  |  |  |
| 1 | Xoài | 13.500 | 7.000 | 14.800 | 7.800 |
| 2 | Nhãn | 6.400 | 24.700 | 7.100 | 26.100 |
"""

# A spanning phase over a row of years, with a unit column and an estimate column.
PHASE_OVER_YEARS = """| TT | Chỉ tiêu | ĐVT | ƯTH Năm 2025 | GIAI ĐOẠN 2026 - 2030 |
| Năm 2026 | Năm 2030 |
| I | CÂY CÔNG NGHIỆP |
| - | Diện tích | Ha | 26.120 | 27.000 | 30.000 |
| - | Giá trị sản xuất | Tỷ đồng | 1.200 | 1.300 | 1.500 |
"""


def _table_targets(text: str):
    doc = build_document(text)
    found, _ = table_targets(doc, parse_structure(doc), (2026, 2030), 2025)
    return [(t.value, t.unit, t.year_start, t.year_end, t.subject) for t in found]


def test_a_year_row_over_sub_columns_gives_each_quantity_its_year_and_unit():
    assert _table_targets(ANNEX) == [
        (13500, "tấn", 2026, 2026, "Xoài"),
        (14800, "tấn", 2027, 2027, "Xoài"),
        (6400, "tấn", 2026, 2026, "Nhãn"),
        (7100, "tấn", 2027, 2027, "Nhãn"),
    ]


def test_the_annex_as_a_word_table_gives_the_same_targets():
    assert _table_targets(ANNEX_WORD) == _table_targets(ANNEX)


def test_the_header_grid_puts_each_year_over_its_two_sub_columns():
    doc = build_document(ANNEX)
    (table,) = tables(doc)  # one-cell rows do not split the table
    grid = header_grid(doc, table, 6)
    assert [[doc.flat(c) for c in cells] for cells in grid][:4] == [
        ["TT"],
        ["Sản phẩm"],
        ["Kế hoạch 2026", "Lượng (Tấn)"],
        ["Kế hoạch 2026", "Giá trị tham gia xuất khẩu (Nghìn USD)"],
    ]


def test_a_phase_over_years_gives_each_year_and_money_rows_are_no_targets():
    assert _table_targets(PHASE_OVER_YEARS) == [
        (27000, "ha", 2026, 2026, "Diện tích"),
        (30000, "ha", 2030, 2030, "Diện tích"),
    ]


PLAN = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI

Số: 310/KH-UBND

Hà Nội, ngày 24 tháng 11 năm 2025

KẾ HOẠCH

PHÁT TRIỂN HẠ TẦNG 5G TRONG CÁC KHU CÔNG NGHIỆP ĐẾN NĂM 2030

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

- Cụ thể hóa Quyết định số 1132/QĐ-TTg phê duyệt Chiến lược hạ tầng số đến năm 2025 và định hướng đến năm 2030.

II. MỤC TIÊU

1. Mục tiêu đến hết năm 2026

- 100% các khu công nghiệp có tối thiểu 1 trạm phát sóng 5G.

2. Mục tiêu đến năm 2030

- 100% nhà đầu tư trong khu công nghiệp được tư vấn phát triển ứng dụng trên nền tảng 5G.
"""


def test_a_phase_heading_follows_the_heading_before_it_not_a_year_cited_in_the_text():
    record = extract_document(build_document(PLAN), "plan", "plan.txt")
    assert record.kind == "local_plan"
    assert [(t.value, t.comparator, t.per, t.year_start, t.year_end) for t in record.targets] == [
        (100, "exactly", None, 2025, 2026),
        (1, "at_least", "unit", 2025, 2026),
        (100, "exactly", None, 2027, 2030),
    ]


def test_a_count_of_activities_has_no_population():
    doc = build_document("- Hằng năm, mỗi năm tổ chức ít nhất 02 hội nghị tập huấn cho cán bộ cấp xã.")
    from extractors.indicators import assign_indicators
    from extractors.phases import PhaseIndex
    from extractors.targets import extract_targets

    structure = parse_structure(doc)
    (target,) = assign_indicators(doc, extract_targets(doc, structure, PhaseIndex(doc, structure, None)), None)[0]
    assert (target.value, target.unit, target.per, target.comparator, target.population) == (2, "hội nghị", "year", "at_least", None)


def test_the_values_of_a_table_row_are_read_against_the_row_label():
    from extractors.indicators import _scopes

    doc = build_document("| STT | Chỉ tiêu | Đến năm 2025 | Đến năm 2030 |\n| 1 | Tỷ lệ cơ sở y tế có nhân sự | 60% | 90% |\n")
    found, _ = table_targets(doc, parse_structure(doc), (2021, 2030), 2021)
    label_end = doc.text.index("| 60%")
    assert [doc.text[s:e].strip(" |") for s, e in _scopes(doc, found)] == ["1 | Tỷ lệ cơ sở y tế có nhân sự"] * 2
    assert all(e == label_end + 2 for _, e in _scopes(doc, found))


NEWS = """Ninh Bình: 95% cơ quan bố trí nhân sự làm công tác xã hội đến năm 2030

Báo Ninh Bình - UBND tỉnh vừa ban hành Kế hoạch số 88/KH-UBND thực hiện Chương trình phát triển công tác xã hội giai đoạn 2021 - 2030.

Theo Kế hoạch, đến năm 2025, tỉnh phấn đấu có ít nhất 70% số cơ quan thực hiện phân công, bố trí nhân sự làm công tác xã hội.

Giai đoạn 2026 - 2030, tỉnh đạt 95% số cơ quan thực hiện phân công, bố trí nhân sự làm công tác xã hội.
"""


def test_a_headline_until_a_year_takes_the_phase_the_text_states_for_it():
    from extractors.phases import PhaseIndex, find_phases

    doc = build_document(NEWS)
    index = PhaseIndex(doc, parse_structure(doc), (2021, 2030), 2021)
    (until,) = find_phases(doc.text[: doc.text.index("\n")])
    assert index._years(until) == (2026, 2030)
