"""The national program as data: the program file agrees with the reference data it was
written from, and a second program is a new file and nothing else."""

import json
from pathlib import Path

import pytest

from extractors.readers import build_document
from extractors.record import extract_document
from schemas.program import programs

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = json.loads((ROOT / "tests/reference/qd112_national_targets.json").read_text("utf-8"))


def _national():
    (qd112,) = [p for p in programs() if p.id == "qd112"]
    return qd112, [(ind, n) for ind in qd112.indicators for n in ind.national]


def test_program_file_names_the_decision():
    qd112, _ = _national()
    assert (qd112.number, qd112.date.isoformat()) == (REFERENCE["decision"], REFERENCE["issue_date"])
    assert [(p.start, p.end) for p in qd112.phases] == [(2021, 2025), (2026, 2030)]


def test_every_reference_target_is_in_the_program_file_with_its_status():
    _, national = _national()
    by_quote = {n.quote: n for _, n in national}
    for ref in REFERENCE["targets"]:
        n = by_quote[ref["quote"]]
        assert (n.phase, n.value, n.value_max, n.comparator, n.baseline_year, n.status, n.sources) == (
            ref["phase"], ref["value"], ref["value_max"], ref["comparator"], ref["baseline_year"], ref["status"], ref["sources"]
        ), ref["quote"]
    (other,) = REFERENCE["other"]
    n = by_quote[other["quote"]]
    assert (n.value, n.status, n.sources) == (other["value"], other["status"], other["sources"])
    assert len(national) == len(REFERENCE["targets"]) + len(REFERENCE["other"])


def test_indicators_are_unique_and_name_known_populations():
    from schemas.program import populations

    qd112, _ = _national()
    ids = [i.id for i in qd112.indicators]
    assert len(ids) == len(set(ids))
    known = {p.id for p in populations()}
    assert all(set(i.population) <= known for i in qd112.indicators)


DISABILITY_PROGRAM = """
id: qd1190
number: 1190/QĐ-TTg
date: 2020-08-05
issuer: Thủ tướng Chính phủ
title: Chương trình trợ giúp người khuyết tật giai đoạn 2021-2030
name_cues: [chương trình trợ giúp người khuyết tật]
phases: [{start: 2021, end: 2025}, {start: 2026, end: 2030}]
indicators:
  - id: disabled_health_care
    label_vi: Người khuyết tật được tiếp cận dịch vụ y tế
    label_en: People with disabilities with access to health services
    unit: percent
    cues: [dịch vụ y tế, chăm sóc sức khỏe]
    national:
      - {phase: 2021-2025, value: 80, comparator: at_least, status: summary, quote: "80% người khuyết tật được tiếp cận dịch vụ y tế"}
  - id: disabled_inclusion
    label_vi: Người khuyết tật được hỗ trợ hòa nhập cộng đồng
    label_en: People with disabilities supported to live in the community
    unit: percent
    cues: [hòa nhập cộng đồng]
"""

DISABILITY_PLAN = """UBND HUYỆN MỸ ĐỨC

Số: 12/KH-UBND

Mỹ Đức, ngày 10 tháng 3 năm 2021

KẾ HOẠCH

Thực hiện Chương trình trợ giúp người khuyết tật giai đoạn 2021 - 2030 trên địa bàn huyện Mỹ Đức

Thực hiện Quyết định số 1190/QĐ-TTg ngày 05/8/2020 của Thủ tướng Chính phủ phê duyệt Chương trình trợ giúp người khuyết tật giai đoạn 2021 - 2030, UBND huyện ban hành Kế hoạch như sau:

I. MỤC TIÊU

1. Giai đoạn 2021 - 2025

- Phấn đấu 85% người khuyết tật được tiếp cận dịch vụ y tế, chăm sóc sức khỏe.

- Ít nhất 60% cán bộ làm công tác trợ giúp người khuyết tật được đào tạo, bồi dưỡng.

- Ít nhất 70% người khuyết tật có nhu cầu được hỗ trợ hoà nhập cộng đồng.
"""  # noqa: E501 - a plan's paragraph is one line of its text


def _disability_plan():
    return extract_document(build_document(DISABILITY_PLAN), "disability", "my-duc_12-KH-UBND.txt")


def test_a_plan_for_another_decision_gets_no_indicator_of_qd112():
    record = _disability_plan()
    assert record.program_id is None
    assert [t.match.text for t in record.targets] == ["85%", "Ít nhất 60%", "Ít nhất 70%"]
    assert [t.indicator for t in record.targets] == [None, None, None]  # "đào tạo, bồi dưỡng" is a QĐ 112 cue, not applied
    assert "program_unknown" in [w.code for w in record.warnings]


def test_a_second_program_is_one_new_file(tmp_path, monkeypatch):
    (tmp_path / "qd1190.yaml").write_text(DISABILITY_PROGRAM, "utf-8")
    monkeypatch.setenv("KEHOACH_PROGRAMS", str(tmp_path))
    assert [p.id for p in programs()] == ["qd112", "qd1190"]
    record = _disability_plan()
    assert record.program_id == "qd1190"
    assert [(r.number, r.program) for r in record.references] == [("1190/QĐ-TTg", "qd1190")]
    # "hoà nhập" in the plan matches the cue "hòa nhập": tokens are compared in underthesea's normal form
    assert [t.indicator for t in record.targets] == ["disabled_health_care", None, "disabled_inclusion"]


def test_a_broken_program_file_is_named(tmp_path, monkeypatch):
    (tmp_path / "broken.yaml").write_text("id: x\nnumber: 1/QĐ-TTg\n", "utf-8")
    monkeypatch.setenv("KEHOACH_PROGRAMS", str(tmp_path))
    with pytest.raises(ValueError, match="broken.yaml"):
        programs()


REAL_5G_PLAN = ROOT / "tests/gold_real/ceb89a53c7b93f00.md"  # Nghệ An, 987/KH-UBND, implements 71/NQ-CP


def test_a_real_plan_of_another_programme_joins_the_comparison_when_its_program_file_is_added(monkeypatch):
    from derive.tables import build_tables
    from extractors.record import extract_file

    without = extract_file(REAL_5G_PLAN.relative_to(ROOT))
    assert without.program_id is None
    assert "program_unknown" in [w.code for w in without.warnings]
    assert {t.indicator for t in without.targets} == {None}

    monkeypatch.setenv("KEHOACH_PROGRAMS", str(ROOT / "tests/programs"))
    record = extract_file(REAL_5G_PLAN.relative_to(ROOT))
    assert record.program_id == "nq71"
    assert "program_unknown" not in [w.code for w in record.warnings]
    covered = [t for t in record.targets if t.indicator == "coverage_5g_industrial_parks"]
    assert [(t.value, t.unit, t.year_start, t.year_end) for t in covered][:1] == [(100, "%", 2026, 2030)]
    comparison = build_tables([record])["comparison"]
    row = comparison[(comparison["program"] == "nq71") & (comparison["indicator"] == "coverage_5g_industrial_parks")]
    assert len(row) == 1 and "Nghệ An" in " ".join(map(str, comparison.columns))
