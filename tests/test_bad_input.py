"""Every kind of bad input: a one-line reason naming the file, the batch goes on, nothing
already stored changes. The files are made here, from the samples where a real file is needed."""

import shutil

import pytest
from PIL import Image

from conftest import ROOT
from extractors.errors import ReadError
from extractors.readers import build_document, read_bytes, read_file
from extractors.record import extract_document

CANG_LONG_PDF = ROOT / "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.pdf"


def _pdf_with_pages(n: int, text_page: bool = False) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(n):
        pdf.add_page()
    if text_page:
        pdf.add_font("serif", "", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
        pdf.set_font("serif", size=12)
        pdf.add_page()
        pdf.multi_cell(
            0,
            6,
            "Số: 12/KH-UBND\n\nKẾ HOẠCH\n\nThực hiện Chương trình phát triển công tác xã hội giai đoạn 2021 - 2025\n\n"
            "- Ít nhất 40% cán bộ được đào tạo, bồi dưỡng.",
        )
    return bytes(pdf.output())


def _encrypted_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "secret plan")
    return bytes(pdf.output())


def _png(color: int = 255) -> bytes:
    import io

    buf = io.BytesIO()
    Image.new("L", (1240, 1754), color).save(buf, format="PNG")
    return buf.getvalue()


def _scan_of_a_blank_page() -> bytes:
    import io

    buf = io.BytesIO()
    Image.new("L", (1654, 2339), 255).save(buf, format="PDF", resolution=200)
    return buf.getvalue()


BAD = {
    "empty text": (b"", ".txt", r"^empty file$"),
    "empty PDF": (b"", ".pdf", r"^empty file$"),
    "empty Word file": (b"", ".docx", r"^empty file$"),
    "empty web page": (b"  ", ".html", r"^empty file$"),
    "truncated PDF": (CANG_LONG_PDF.read_bytes()[:9000], ".pdf", r"^damaged PDF|^no text"),
    "encrypted PDF": (_encrypted_pdf(), ".pdf", r"^encrypted PDF \(password required\)$"),
    "zip renamed .pdf": (b"PK\x03\x04" + b"\x00" * 60, ".pdf", r"^not a PDF \(no %PDF header\)$"),
    "zip renamed .docx is fine, a text renamed .docx is not": (b"Ke hoach", ".docx", r"^not a Word file"),
    "PDF of blank pages": (_pdf_with_pages(3), ".pdf", r"^no text: neither a text layer nor a legible scan$"),
    "scan of a blank page": (_scan_of_a_blank_page(), ".pdf", r"^no text: neither a text layer nor a legible scan$"),
    "image with no text": (_png(), ".png", r"^no text found in this image$"),
    "not an image": (b"\x89PNG\r\n\x1a\n broken", ".png", r"^not a readable image"),
    "500-page PDF": (_pdf_with_pages(500), ".pdf", r"^500 pages, over the limit of 300 for a plan$"),
    "old Word format": (b"\xd0\xcf\x11\xe0 old doc", ".doc", r"^old Word format \(\.doc\): save it as \.docx or PDF$"),
    "not HTML": (b"just some words", ".html", r"^not an HTML page$"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_is_a_one_line_reason(name):
    data, suffix, reason = BAD[name]
    with pytest.raises(ReadError, match=reason) as raised:
        read_bytes(data, suffix)
    assert "\n" not in str(raised.value)


def test_a_blank_page_among_text_pages_is_skipped():
    doc = read_bytes(_pdf_with_pages(1, text_page=True), ".pdf")
    assert doc.page_count == 2
    assert doc.page_at(doc.text.index("Ít nhất 40%")) == 2


def test_a_file_that_is_not_vietnamese_gives_a_warning_and_no_values():
    text = "The social work program sets targets: at least 60% of agencies assign staff by 2025, and 30% of staff are trained. " * 3
    record = extract_document(build_document(text), "en", "english.txt")
    assert [w.code for w in record.warnings] == ["not_vietnamese"]
    assert record.targets == [] and record.budgets == []


def test_a_vietnamese_document_that_is_not_a_plan_says_so():
    text = (
        "Thời tiết Hà Nội hôm nay\n\nTrời nhiều mây, có mưa rào và dông vài nơi, nhiệt độ từ 24 đến 30 độ. "
        "Người dân nên mang theo áo mưa khi ra đường và chú ý an toàn giao thông trong những ngày tới. "
        "Phấn đấu đạt 100% người dân được cảnh báo sớm; tập huấn cho 500 cán bộ, kinh phí 20.000.000 đồng."
    )
    record = extract_document(build_document(text), "weather", "thoi-tiet.txt")
    assert record.kind == "other"
    assert [w.code for w in record.warnings] == ["not_a_plan"]
    # kehoach reads the body of plans only: what reads like a target or a budget here is neither
    assert record.targets == [] and record.budgets == [] and record.responsibilities == []


def test_a_path_with_vietnamese_characters_and_spaces(tmp_path):
    folder = tmp_path / "kế hoạch năm 2021"
    folder.mkdir()
    path = folder / "Kế hoạch 55 Càng Long.pdf"
    shutil.copy(CANG_LONG_PDF, path)
    _, doc = read_file(path)
    assert "75.000.000" in doc.text


@pytest.mark.prefect
def test_bad_files_in_a_batch_change_nothing_stored(prefect_harness, tmp_path, monkeypatch, db):
    import flows.ingest
    from flows.ingest import ingest_flow
    from flows.store import Store, documents, failures

    good = tmp_path / "tốt"
    shutil.copytree(ROOT / "samples", good, ignore=shutil.ignore_patterns("*.py", "*ban-scan*"))
    ingest_flow([str(good)], db)
    store = Store(db)
    before = {r.doc_id: r.model_dump_json() for r in store.records()}

    bad = tmp_path / "hỏng và lạ"
    bad.mkdir()
    for i, name in enumerate(BAD):
        data, suffix, _ = BAD[name]
        (bad / f"tệp {i}{suffix}").write_bytes(data)
    vanishing = bad / "sẽ biến mất.txt"
    vanishing.write_text("Số: 1/KH-UBND", "utf-8")
    real_discover = flows.ingest.discover

    def discover_then_delete(paths):  # the file is found, then removed before it is read
        found = real_discover(paths)
        vanishing.unlink()
        return found

    monkeypatch.setattr(flows.ingest, "discover", discover_then_delete)
    summary = ingest_flow([str(bad), str(bad / "không có.pdf")], db)
    failed = {f.path.rsplit("/", 1)[-1]: f.reason for f in summary.files if f.status == "failed"}
    assert len(failed) == len(BAD) + 2  # every bad file, the vanished one, the path that never existed
    assert failed["không có.pdf"] == "file not found"
    assert failed["sẽ biến mất.txt"] == "file not found"
    assert all(reason and "\n" not in reason for reason in failed.values())
    after = {r.doc_id: r.model_dump_json() for r in store.records()}
    assert {k: after[k] for k in before} == before  # nothing stored before has changed
    assert store.count(documents) == len(before)
    assert store.count(failures) == len(failed)


@pytest.mark.prefect
def test_a_file_changed_between_two_runs_is_a_new_document_and_the_old_one_stays(prefect_harness, tmp_path, db):
    from flows.ingest import ingest_flow
    from flows.store import Store

    path = tmp_path / "kế hoạch.txt"
    source = ROOT / "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt"
    path.write_text(source.read_text("utf-8"), "utf-8")
    first = ingest_flow([str(path)], db)
    path.write_text(source.read_text("utf-8").replace("75.000.000", "80.000.000"), "utf-8")
    second = ingest_flow([str(path)], db)
    assert [f.status for f in first.files + second.files] == ["new", "new"]
    records = Store(db).records()
    assert sorted(b.amount_vnd for r in records for b in r.budgets if b.amount_vnd) == [75_000_000, 80_000_000]
