"""Hand-written expectations for the samples, independent of the golden files.

Each tuple was read off the sample by a person: (value as written, comparator, value,
value_max, year_start, year_end, indicator of schemas/programs/qd112.yaml). The goldens hold every field; these hold what a
researcher checks first, so a golden regenerated from a wrong extractor still fails here.
"""

import datetime as dt

import pytest

from extractors.record import extract_file

HA_NOI = "samples/ha-noi_141-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi"
CANG_LONG = "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi"
THAI_NGUYEN = "samples/thai-nguyen_619-KH-GDDT_2021_ke-hoach-phong-giao-duc.txt"
NEWS = "samples/kinhtedothi_tin-tuc_ha-noi-ke-hoach-141.txt"
SUMMARY = "samples/hai-phong_tom-tat_quyet-dinh-112-QD-TTg.txt"

PERCENT_TARGETS = {
    HA_NOI: [
        ("Ít nhất 60%", "at_least", 60, None, 2021, 2025, "staffing_coverage"),
        ("Ít nhất 50%", "at_least", 50, None, 2021, 2025, "staff_training"),
        ("tối thiểu 50%", "at_least", 50, None, 2021, 2025, "service_coverage"),
        ("85% - 90%", "range", 85, 90, 2021, 2025, "disadvantaged_support_coverage"),
        ("100%", "exactly", 100, None, 2021, 2025, "children_support"),
        ("90%", "exactly", 90, None, 2026, 2030, "staffing_coverage"),
        ("tối thiểu 60%", "at_least", 60, None, 2026, 2030, "service_coverage"),
        ("90% - 95%", "range", 90, 95, 2026, 2030, "disadvantaged_support_coverage"),
        ("50%", "exactly", 50, None, 2026, 2030, "staff_training"),
        ("Duy trì 100%", "maintain", 100, None, 2026, 2030, "children_support"),
    ],
    CANG_LONG: [
        ("60%", "exactly", 60, None, 2021, 2025, "staffing_coverage"),
        ("Ít nhất có 30%", "at_least", 30, None, 2021, 2025, "staff_training"),
        ("tối thiểu 50%", "at_least", 50, None, 2021, 2025, "service_coverage"),
        ("tăng 20% so với năm 2020", "increase_by", 20, None, 2021, 2025, "disadvantaged_support_growth"),
        ("ít nhất 85%", "at_least", 85, None, 2021, 2025, "children_support"),
    ],
    THAI_NGUYEN: [
        ("60%", "exactly", 60, None, 2021, 2025, "staffing_coverage"),
        ("100%", "exactly", 100, None, 2021, 2025, "staff_training"),
        ("tối thiểu 50%", "at_least", 50, None, 2021, 2025, "service_coverage"),
        ("tăng tối thiểu 20% so với năm 2020", "increase_by", 20, None, 2021, 2025, "disadvantaged_support_growth"),
        ("100%", "exactly", 100, None, 2021, 2025, "children_support"),
        ("90%", "exactly", 90, None, 2026, 2030, "staffing_coverage"),
        ("tối thiểu 60%", "at_least", 60, None, 2026, 2030, "service_coverage"),
        ("tăng tối thiểu 30% so với năm 2025", "increase_by", 30, None, 2026, 2030, "disadvantaged_support_growth"),
        ("100%", "exactly", 100, None, 2026, 2030, "staff_training"),
        ("Duy trì và bảo đảm 100%", "maintain", 100, None, 2026, 2030, "children_support"),
    ],
}

COUNT_TARGETS = {
    HA_NOI: [
        ("từ 01 đến 02 cán bộ", "range", 1, 2, "unit", 2021, 2025, "staff_per_unit"),
        ("ít nhất từ 01 đến 02 cán bộ", "range", 1, 2, "unit", 2026, 2030, "staff_per_unit"),
        ("ít nhất 01 cộng tác viên", "at_least", 1, None, "commune", 2021, 2030, "collaborator_per_commune"),
        ("300 người", "exactly", 300, None, "year", 2021, 2030, "specialist_training_per_year"),
        ("2.000 - 3.000 người", "range", 2000, 3000, "year", 2021, 2030, "training_volume_per_year"),
    ],
    CANG_LONG: [("ít nhất từ 01 đến 02 cán bộ", "range", 1, 2, "unit", 2021, 2025, "staff_per_unit")],
    THAI_NGUYEN: [
        ("ít nhất từ 01 đến 02 cán bộ", "range", 1, 2, "unit", 2021, 2025, "staff_per_unit"),
        ("ít nhất từ 01 đến 02 cán bộ", "range", 1, 2, "unit", 2026, 2030, "staff_per_unit"),
    ],
}


def _sources(base: str) -> list[str]:
    return [base] if base.endswith(".txt") else [base + ".txt", base + ".pdf"]


@pytest.mark.parametrize("base", list(PERCENT_TARGETS), ids=lambda b: b.split("/")[1][:20])
def test_every_percentage_target_with_its_phase(base):
    for source in _sources(base):
        record = extract_file(source)
        got = [
            (t.match.text, t.comparator, t.value, t.value_max, t.year_start, t.year_end, t.indicator)
            for t in record.targets
            if t.unit == "%"
        ]
        assert got == PERCENT_TARGETS[base], source


@pytest.mark.parametrize("base", list(COUNT_TARGETS), ids=lambda b: b.split("/")[1][:20])
def test_count_targets(base):
    for source in _sources(base):
        record = extract_file(source)
        got = [
            (t.match.text, t.comparator, t.value, t.value_max, t.per, t.year_start, t.year_end, t.indicator)
            for t in record.targets
            if t.unit != "%"
        ]
        assert got == COUNT_TARGETS[base], source


def test_cang_long_budget():
    for source in _sources(CANG_LONG):
        budget, extra = extract_file(source).budgets
        # "Ngoài ra … vận động đóng góp, hỗ trợ hợp pháp …": a source with no amount
        assert (extra.amount_vnd, extra.sources, extra.scope) == (None, ["socialisation"], "total")
        assert (budget.amount_vnd, budget.amount_in_words) == (75_000_000, 75_000_000)
        assert (budget.period_start, budget.period_end, budget.scope) == (2021, 2025, "total")
        assert "75.000.000 (bảy mươi lăm triệu đồng)" in budget.evidence.quote


def _meta(record):
    return {
        "kind": record.kind,
        "doc_number": record.doc_number and record.doc_number.value,
        "doc_type": record.doc_type and record.doc_type.value,
        "issue_date": record.issue_date and record.issue_date.value,
        "issuer": record.issuer and (record.issuer.name, record.issuer.parent),
        "locality": record.locality and (record.locality.name, record.locality.level, record.locality.province),
        "period": record.period and (record.period.start, record.period.end),
        "references": [(r.number, r.doc_type, r.issue_date) for r in record.references],
        "program": [(r.number, r.evidence.quote) for r in record.references if r.program == "qd112"],
        "signer": record.signer and (record.signer.name, record.signer.title),
        "about": record.about and record.about.number,
    }


METADATA = {
    HA_NOI: {
        "kind": "local_plan",
        "doc_number": "141/KH-UBND",
        "doc_type": "Kế hoạch",
        "issue_date": dt.date(2021, 6, 7),
        "issuer": ("UBND thành phố Hà Nội", None),
        "locality": ("Hà Nội", "province", "Hà Nội"),
        "period": (2021, 2030),
        "references": [
            ("112/QĐ-TTg", "Quyết định", dt.date(2021, 1, 22)),
            ("08-CTr/TU", "Chương trình", None),
            ("550/LĐTBXH-BTXH", "Công văn", dt.date(2021, 3, 3)),
        ],
        "program": [("112/QĐ-TTg", "Quyết định số 112/QĐ-TTg ngày 22/01/2021")],
        "signer": ("Chữ Xuân Dũng", "Phó Chủ tịch"),
        "about": None,
    },
    CANG_LONG: {
        "kind": "local_plan",
        "doc_number": "55/KH-UBND",
        "doc_type": "Kế hoạch",
        "issue_date": dt.date(2021, 6, 29),
        "issuer": ("UBND huyện Càng Long", None),
        "locality": ("Càng Long", "district", "Trà Vinh"),
        "period": (2021, 2025),
        "references": [("112/QĐ-TTg", "Quyết định", None)],
        "program": [("112/QĐ-TTg", "Chương trình phát triển công tác xã hội")],
        "signer": ("Huyền Công Tín", "Phó Chủ tịch"),
        "about": None,
    },
    THAI_NGUYEN: {
        "kind": "local_plan",
        "doc_number": "619/KH-GDĐT",
        "doc_type": "Kế hoạch",
        "issue_date": dt.date(2021, 6, 10),
        "issuer": ("Phòng Giáo dục và Đào tạo", "UBND thành phố Thái Nguyên"),
        "locality": ("Thái Nguyên", "district", "Thái Nguyên"),
        "period": (2021, 2030),
        "references": [
            ("138/KH-UBND", "Kế hoạch", dt.date(2021, 6, 4)),
            ("33/2018/TT-BGDĐT", "Thông tư", dt.date(2018, 12, 26)),
            ("112/QĐ-TTg", "Quyết định", None),
        ],
        "program": [("112/QĐ-TTg", "Chương trình phát triển công tác xã hội")],
        "signer": ("Nguyễn Thị Phương Lan", "Phó Trưởng phòng"),
        "about": None,
    },
    NEWS: {
        "kind": "news",
        "doc_number": None,
        "doc_type": None,
        "issue_date": None,
        "issuer": None,
        "locality": ("Hà Nội", "province", "Hà Nội"),
        "period": (2021, 2030),
        "references": [("141/KH-UBND", "Kế hoạch", None), ("112/QĐ-TTg", "Quyết định", None)],
        "program": [("112/QĐ-TTg", "Chương trình phát triển công tác xã hội")],
        "signer": None,
        "about": "141/KH-UBND",
    },
    SUMMARY: {
        "kind": "national_program",
        "doc_number": None,
        "doc_type": None,
        "issue_date": dt.date(2021, 2, 8),
        "issuer": None,
        "locality": None,
        "period": (2021, 2030),
        "references": [("112/QĐ-TTg", "Quyết định", dt.date(2021, 1, 22))],
        "program": [("112/QĐ-TTg", "Quyết định số 112/QĐ-TTg")],
        "signer": None,
        "about": "112/QĐ-TTg",
    },
}


@pytest.mark.parametrize("base", list(METADATA), ids=lambda b: b.split("/")[1][:20])
def test_metadata(base):
    for source in _sources(base):
        assert _meta(extract_file(source)) == METADATA[base], source


def test_titles():
    assert extract_file(CANG_LONG + ".pdf").title.value == (
        "Triển khai thực hiện Chương trình phát triển công tác xã hội giai đoạn 2021 - 2025 "
        "trên địa bàn huyện Càng Long"
    )
    assert extract_file(SUMMARY).title.value == "Đẩy mạnh phát triển công tác xã hội giai đoạn 2021-2030"
    assert extract_file(NEWS).title.value.startswith("Hà Nội duy trì 100% trẻ em")


def test_nothing_but_targets_is_reported():
    """Section numbers, years, document numbers and dates of the plans are not targets."""
    for base in PERCENT_TARGETS:
        for source in _sources(base):
            targets = extract_file(source).targets
            assert len(targets) == len(PERCENT_TARGETS[base]) + len(COUNT_TARGETS[base]), source


# Who does what, read off the "TỔ CHỨC THỰC HIỆN" sections by a person: (canonical agency, role),
# a role per task (a bullet that opens with "Phối hợp" makes its agency coordinate as well).
LSXH, SO_LDTBXH = "Phòng Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"
RESPONSIBILITIES = {
    HA_NOI: [
        (SO_LDTBXH, "lead"), (SO_LDTBXH, "coordinate"), (SO_LDTBXH, "responsible"),
        ("Sở Nội vụ", "responsible"), ("Sở Nội vụ", "coordinate"), ("Sở Giáo dục và Đào tạo", "lead"),
        ("Công an tỉnh, thành phố", "lead"), ("Sở Y tế", "lead"), ("Sở Tư pháp", "coordinate"),
        ("Sở Kế hoạch và Đầu tư", "lead"), ("Sở Tài chính", "coordinate"), ("Sở Thông tin và Truyền thông", "coordinate"),
        ("Các sở, ban, ngành", "responsible"), ("UBND quận, huyện, thị xã", "responsible"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam", "requested"), ("Hội Liên hiệp Phụ nữ", "requested"),
        ("Hội Nông dân", "requested"), ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "requested"),
        ("Các tổ chức chính trị - xã hội", "requested"),
    ],
    CANG_LONG: [
        (LSXH, "lead"), (LSXH, "coordinate"), ("Phòng Giáo dục và Đào tạo", "lead"), ("Phòng Tư pháp", "lead"), ("Phòng Y tế", "lead"),
        ("Phòng Kinh tế - Hạ tầng", "lead"), ("Phòng Tài chính - Kế hoạch", "responsible"),
        ("Phòng Văn hóa và Thông tin", "coordinate"), ("Các ban, ngành, đoàn thể", "coordinate"),
        ("UBND xã, phường, thị trấn", "responsible"), ("Ủy ban Mặt trận Tổ quốc Việt Nam", "requested"),
    ],
    THAI_NGUYEN: [("Phòng Giáo dục và Đào tạo", "responsible"), ("Phòng Giáo dục và Đào tạo", "coordinate"), ("Các trường học", "responsible")],
}

# Every dated or recurring obligation: (recurrence, year, agency).
DEADLINES = {
    HA_NOI: [
        (None, 2025, None), (None, 2030, None),  # "+ Giai đoạn 2021-2025, xây dựng …", "+ Giai đoạn 2026-2030, …"
        ("annual", None, "Các sở, ban, ngành"),  # "lập dự toán ngân sách hàng năm"
        ("annual", None, "Sở Kế hoạch và Đầu tư"),  # "bố trí nguồn lực … Kế hoạch công tác xã hội hàng năm"
    ],
    CANG_LONG: [
        ("annual", None, None),  # "Hàng năm, xây dựng kế hoạch tuyên truyền"
        ("annual", None, "Các ban, ngành, đoàn thể"),  # "lập dự toán ngân sách hàng năm"
        ("annual", None, LSXH),  # "định kỳ hàng năm báo cáo Sở Lao động - Thương binh và Xã hội"
        ("annual", None, "Phòng Tài chính - Kế hoạch"),  # "dự toán ngân sách hàng năm"
        ("annual", None, "Các ban, ngành, đoàn thể"),  # "định kỳ hàng năm báo cáo kết quả … về phòng LĐTBXH"
    ],
    THAI_NGUYEN: [(None, 2025, None), (None, 2030, None), ("annual", None, None)],
}


@pytest.mark.parametrize("base", list(RESPONSIBILITIES), ids=lambda b: b.split("/")[1][:20])
def test_every_agency_with_its_role(base):
    for source in _sources(base):
        record = extract_file(source)
        assert [(r.agency, r.role) for r in record.responsibilities] == RESPONSIBILITIES[base], source
        assert all(r.tasks for r in record.responsibilities)


def test_tasks_coordination_and_successor_of_the_lead_agency():
    (lead,) = [r for r in extract_file(CANG_LONG + ".txt").responsibilities if r.agency == LSXH and r.role == "lead"]
    assert lead.as_written == "Phòng Lao động - Thương binh và Xã hội"
    assert lead.tasks[0].evidence.quote.startswith("Chủ trì, phối hợp với các ban ngành, đoàn thể có liên quan")
    assert lead.coordinates_with == ["Các ban, ngành, đoàn thể", "UBND xã, phường, thị trấn", "Phòng Văn hóa và Thông tin"]
    assert "cấp huyện bãi bỏ từ 01/7/2025" in lead.successor
    so = [r for r in extract_file(HA_NOI + ".txt").responsibilities if r.agency == SO_LDTBXH]
    assert [r.role for r in so] == ["lead", "coordinate", "responsible"]
    assert sum(len(r.tasks) for r in so) == 6 and all(r.successor.startswith("Sở Nội vụ") for r in so)


@pytest.mark.parametrize("base", list(DEADLINES), ids=lambda b: b.split("/")[1][:20])
def test_every_deadline(base):
    for source in _sources(base):
        deadlines = extract_file(source).deadlines
        assert [(d.recurrence, d.year, d.agency) for d in deadlines] == DEADLINES[base], source


def test_assignment_outside_the_section_and_a_dated_deadline():
    from extractors.readers import build_document
    from extractors.record import extract_document

    text = (
        "Số: 7/KH-UBND\n\nMỹ Đức, ngày 10 tháng 3 năm 2021\n\nKẾ HOẠCH\n\n"
        "Thực hiện Chương trình phát triển công tác xã hội giai đoạn 2021 - 2025\n\nI. MỤC TIÊU\n\n"
        "- Ít nhất 40% cán bộ được đào tạo, bồi dưỡng.\n\n"
        "Giao Sở LĐTB&XH chủ trì, hướng dẫn các xã triển khai; hoàn thành trước ngày 30/6/2022.\n"
    )
    record = extract_document(build_document(text), "t", "t.txt")
    assert [(r.agency, r.as_written, r.role) for r in record.responsibilities] == [(SO_LDTBXH, "Sở LĐTB&XH", "lead")]
    assert [(d.due, d.year) for d in record.deadlines] == [(dt.date(2022, 6, 30), None)]  # a full date is `due` alone
