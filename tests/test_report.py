"""The HTML report and the XLSX export, without a browser: self-contained, every document text
escaped, formula-like cells kept as text, and the spreadsheet formatted for reading."""

import re

import openpyxl
import pytest

from conftest import SAMPLES

HOSTILE = "<script>alert('kehoach')</script> =HYPERLINK(\"http://evil.example\") "


@pytest.fixture(scope="module")
def hostile_records(tmp_path_factory):
    """The five sample texts, and Càng Long's plan with markup and a formula written into a target line."""
    from extractors.record import extract_file

    folder = tmp_path_factory.mktemp("hostile")
    text = (SAMPLES / "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt").read_text("utf-8")
    assert "\n- Đạt 60% cơ quan" in text
    text = text.replace("55/KH-UBND", "56/KH-UBND")  # another plan: the same one twice is compared once
    (folder / "hostile.txt").write_text(text.replace("\n- Đạt 60% cơ quan", "\n=" + HOSTILE + "Đạt 60% cơ quan", 1), "utf-8")
    return [extract_file(p) for p in sorted(SAMPLES.glob("*.txt"))] + [extract_file(folder / "hostile.txt")]


def test_the_report_is_one_file_with_nothing_fetched_and_document_text_escaped(hostile_records, tmp_path):
    from derive.tables import build_tables
    from flows.report import write_report

    hostile = hostile_records[-1]
    assert any(HOSTILE.strip() in t.evidence.quote for t in hostile.targets)  # the markup reached a quote
    html = write_report(hostile_records, build_tables(hostile_records), tmp_path).read_text("utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;kehoach&#39;)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # the report's own, inlined
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)  # no network
    assert not re.search(r"<link\b|@import|url\(", html)


def test_every_value_links_to_its_quote_with_the_number_marked(hostile_records, tmp_path):
    from derive.tables import build_tables
    from flows.report import write_report

    html = write_report(hostile_records[:5], build_tables(hostile_records[:5]), tmp_path).read_text("utf-8")
    links = re.findall(r'<a class="value" href="#(ev-\d+)">([^<]+)</a>', html)
    panels = dict(re.findall(r'<div class="evidence" id="(ev-\d+)".*?<mark>([^<]*)</mark>', html, re.S))
    assert links and {ev for ev, _ in links} <= set(panels)
    # The training target 2021-2025: Hà Nội "≥ 50%", Càng Long "≥ 30%", Thái Nguyên's office "100%", each
    # with the words that state it marked in its quote
    row = re.search(r'<tr data-phase="2021-2025" data-indicator="staff_training">(.*?)</tr>', html, re.S).group(1)
    cells = re.findall(r'<a class="value" href="#(ev-\d+)">([^<]+)</a>', row)
    assert [(value, panels[ev]) for ev, value in cells] == [("≥ 50%", "Ít nhất 50%"), ("≥ 30%", "Ít nhất có 30%"), ("100%", "100%")]
    assert re.search(rf'id="{cells[0][0]}".*?Hà Nội · 141/KH-UBND · trang 1', html, re.S)


def test_xlsx_is_formatted_and_formula_like_text_stays_text(hostile_records, tmp_path):
    from derive.tables import build_tables
    from flows.compare import write_tables

    write_tables(build_tables(hostile_records), tmp_path)
    wb = openpyxl.load_workbook(tmp_path / "comparison.xlsx")
    assert set(wb.sheetnames) >= {"comparison", "targets", "budgets", "responsibilities", "deadlines"}
    ws = wb["comparison"]
    header = [c.value for c in ws[1]]
    assert ws.freeze_panes == "H2" and header[5] == "national"  # row keys stay in view
    assert all(c.font.bold for c in ws[1])
    assert ws.cell(row=2, column=6).fill.fgColor.rgb.endswith("FFF8C5")
    column = header.index("Càng Long (Trà Vinh): verdict") + 1
    verdicts = {ws.cell(row=r, column=column).value: ws.cell(row=r, column=column).fill.fgColor.rgb for r in range(2, ws.max_row + 1)}
    assert verdicts["equal"].endswith("DDF0FF") and verdicts["silent"].endswith("EEEEEE")
    assert ws.column_dimensions["C"].width > 20
    budgets = wb["budgets"]
    col = [c.value for c in budgets[1]].index("amount_vnd") + 1
    amounts = [budgets.cell(row=r, column=col) for r in range(2, budgets.max_row + 1) if budgets.cell(row=r, column=col).value]
    assert amounts and all(c.number_format == '#,##0 "₫"' for c in amounts)
    formula_like = [c for s in wb for row in s.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert formula_like and all(c.data_type == "s" for c in formula_like)
    csv = (tmp_path / "targets.csv").read_text("utf-8-sig")
    assert "'=<script>" in csv and '\n"=' not in csv and ",=" not in csv


def test_the_report_names_the_national_program_from_its_program_file(hostile_records, monkeypatch):
    """No program is named in the template: an edit of the program file's number or label is
    what the report shows."""
    from derive.tables import build_tables
    from flows import report
    from schemas.program import program

    template = (report.TEMPLATES / "report.html.j2").read_text("utf-8")
    assert "112" not in template and "công tác xã hội" not in template
    qd112 = program("qd112")
    edited = qd112.model_copy(update={"short_name": "CT 112 (sửa)", "number": "112/QĐ-TTg-sửa"})
    monkeypatch.setattr(report, "program", lambda pid: edited if pid == "qd112" else program(pid))
    html = report.render(hostile_records, build_tables(hostile_records))
    assert "Quốc gia (CT 112 (sửa))" in html and "Quyết định 112/QĐ-TTg-sửa" in html and "(QĐ 112)" not in html
