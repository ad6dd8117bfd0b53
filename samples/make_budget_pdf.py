"""Make the budget-table sample: the Càng Long plan as printed, with its funding section set
out the way district plans cost their activities — a ruled table of activities by year with
a total column and a total row, adding up to the plan's 75.000.000 đồng.

    .venv/bin/python samples/make_budget_pdf.py   # needs the dev extra (fpdf2) and fonts-dejavu-core
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).parent
SOURCE = HERE / "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt"
TARGET = HERE / "cang-long_55-KH-UBND_2021_bang-du-toan-kinh-phi.pdf"
YEARS = ["2021", "2022", "2023", "2024", "2025"]
ACTIVITIES = [
    ("Tuyên truyền, nâng cao nhận thức", [3_000_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000]),
    ("Tập huấn cán bộ, cộng tác viên", [6_000_000, 6_000_000, 8_000_000, 8_000_000, 8_000_000]),
    ("Kiểm tra, giám sát, đánh giá", [2_000_000, 2_000_000, 2_000_000, 2_000_000, 4_000_000]),
    ("Sơ kết, tổng kết", [0, 0, 3_000_000, 0, 9_000_000]),
]
MARK = "Tổng kinh phí thực hiện Kế hoạch này giai đoạn 2021-2025 là 75.000.000 (bảy mươi lăm triệu đồng)."


def money(v: int) -> str:
    return f"{v:,}".replace(",", ".") if v else "-"


def main() -> int:
    spec = importlib.util.spec_from_file_location("make_pdf", HERE / "make_pdf.py")
    make_pdf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_pdf)  # type: ignore[union-attr]
    text = SOURCE.read_text("utf-8")
    before, after = text.split(MARK)
    pdf = make_pdf.new_plan(TARGET.stem)
    make_pdf.write_paragraphs(pdf, before)
    pdf.set_font("serif", "", 13)
    pdf.multi_cell(0, 6.5, "Dự toán kinh phí thực hiện Kế hoạch giai đoạn 2021-2025 (đơn vị: đồng):", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("serif", "", 9)
    rows = [["Nội dung hoạt động", *YEARS, "Tổng cộng"]]
    for name, amounts in ACTIVITIES:
        rows.append([name, *map(money, amounts), money(sum(amounts))])
    totals = [sum(a[i] for _, a in ACTIVITIES) for i in range(len(YEARS))]
    rows.append(["Tổng cộng", *map(money, totals), money(sum(totals))])
    with pdf.table(col_widths=(46, 19, 19, 19, 19, 19, 22), text_align=("LEFT", *["RIGHT"] * 6)) as table:
        for row in rows:
            cells = table.row()
            for cell in row:
                cells.cell(cell)
    pdf.ln(3)
    make_pdf.write_paragraphs(pdf, "Tổng kinh phí: 75.000.000 (bảy mươi lăm triệu đồng).\n\n" + after)
    pdf.output(str(TARGET))
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
