"""Phases of whole plans: a target outside the plan's period and its warning, a cited document's
span. The heading forms plans use for phases are the cases of tests/cases/phases.json (run by
tests/test_cases.py)."""

from extractors.readers import build_document
from extractors.record import extract_document

HEAD = (
    "Số: 12/KH-UBND\n\nMỹ Đức, ngày 10 tháng 3 năm 2021\n\nKẾ HOẠCH\n\n"
    "Thực hiện Chương trình phát triển công tác xã hội giai đoạn {period} trên địa bàn huyện Mỹ Đức\n\nI. MỤC TIÊU\n\n"
)


def test_a_2021_2025_plan_has_no_2026_2030_target():
    body = "- Ít nhất 30% cán bộ được đào tạo, bồi dưỡng.\n\nGIAI ĐOẠN 2026 - 2030\n\n- Ít nhất 50% cán bộ được đào tạo, bồi dưỡng.\n"
    record = extract_document(build_document(HEAD.format(period="2021-2025") + body), "case", "short plan")
    assert [(t.year_start, t.year_end) for t in record.targets] == [(2021, 2025), (2026, 2030)]
    assert [w.code for w in record.warnings] == ["target_outside_period"]
    assert "outside the plan's period 2021-2025" in record.warnings[0].message


def test_a_cited_document_s_span_is_no_phase_of_the_plan():
    """"Đến năm 2030" in a plan to 2030 issued in 2025 runs from 2025, not from the 2021 of a
    planning document it cites further on ("Quy hoạch tỉnh thời kỳ 2021 - 2030")."""
    text = (
        "Số: 556/KH-UBND\n\nĐồng Tháp, ngày 19 tháng 11 năm 2025\n\nKẾ HOẠCH\n\n"
        "Khai thác, sử dụng bền vững tài nguyên, bảo vệ môi trường biển và hải đảo đến năm 2030\n\n"
        "I. MỤC TIÊU\n\n- Đến năm 2030, tỷ lệ thu gom, xử lý rác thải nhựa tại các bãi biển, khu du lịch biển đạt 100%.\n\n"
        "II. NHIỆM VỤ\n\n- Chủ trì tổ chức triển khai lập điều chỉnh Quy hoạch tỉnh Đồng Tháp thời kỳ 2021 - 2030, "
        "tầm nhìn đến năm 2050.\n"
    )
    record = extract_document(build_document(text), "case", "cited span")
    assert (record.period.start, record.period.end) == (2025, 2030)
    assert [(t.value, t.year_start, t.year_end) for t in record.targets] == [(100, 2025, 2030)]
