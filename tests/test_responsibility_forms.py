"""The role a task's words give its agency (``task_role``) and what is too vague to be an agency
(``is_vague``), in extractors/responsibilities.py. The forms of real plans that assign work, each
text with the records it must give, are the cases of tests/cases/responsibilities.json (run by
tests/test_cases.py)."""

import pytest

from extractors.responsibilities import is_vague, task_role


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


def test_vague_bodies():
    assert is_vague("các cơ quan, đơn vị, địa phương có liên quan") and not is_vague("Các cơ sở nuôi trồng thủy sản")
