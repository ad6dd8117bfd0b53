"""Every sample format gives the record of the text it was made from: a scan (OCR), Word in
Unicode and in the legacy .VnTime font, a web page. Values are compared, not spans (each
format has its own text), and the reader's notes are the only extra warnings."""

import json
import shutil

import pytest

from conftest import GOLDEN, ROOT
from extractors.errors import ReadError
from extractors.legacy import convert, detect
from extractors.ocr_repair import repair
from extractors.readers import read_bytes, read_file

PAIRS = [
    ("cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi_ban-scan.pdf", "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.pdf", "ocr"),
    ("cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi_ban-scan.tif", "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.pdf", "ocr"),
    ("cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi_font-VnTime.docx", "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt", "reading"),
    ("thai-nguyen_619-KH-GDDT_2021_ke-hoach-phong-giao-duc.docx", "thai-nguyen_619-KH-GDDT_2021_ke-hoach-phong-giao-duc.txt", None),
    ("kinhtedothi_tin-tuc_ha-noi-ke-hoach-141.html", "kinhtedothi_tin-tuc_ha-noi-ke-hoach-141.txt", None),
]


# What OCR may still misread: the subject, shown as written ("mổ côi" for "mồ côi" in the 1-bit
# TIFF). Every value (numbers, comparators, phases, indicators, metadata) must be equal.
AS_WRITTEN = {"evidence", "match", "subject"}


def _values(record: dict) -> dict:
    def strip(v):
        if isinstance(v, dict):
            return {k: strip(x) for k, x in v.items() if k not in AS_WRITTEN}
        if isinstance(v, list):
            return [strip(x) for x in v]
        return v

    return {k: strip(v) for k, v in record.items() if k not in ("doc_id", "source", "warnings")}


@pytest.mark.parametrize("made, original, note", PAIRS, ids=[p[0].rsplit(".", 1)[1] + ":" + p[0][:20] for p in PAIRS])
def test_each_format_gives_the_record_of_its_original(made, original, note):
    got = json.loads((GOLDEN / f"{made}.json").read_text("utf-8"))
    want = json.loads((GOLDEN / f"{original}.json").read_text("utf-8"))
    assert _values(got) == _values(want)
    assert [w["code"] for w in got["warnings"]] == ([note] if note else []) + [w["code"] for w in want["warnings"]]


@pytest.mark.slow  # OCR of six pages
def test_the_scan_says_which_pages_were_ocrd_and_how_well_they_read():
    rapidfuzz = pytest.importorskip("rapidfuzz")
    _, scan = read_file(ROOT / "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi_ban-scan.pdf")
    _, text = read_file(ROOT / "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.pdf")
    assert scan.ocr_pages == (1, 2, 3, 4, 5, 6)
    assert scan.ocr_confidence > 90
    cer = rapidfuzz.distance.Levenshtein.distance(" ".join(text.text.split()), " ".join(scan.text.split())) / len(text.text)
    assert cer < 0.01


def test_a_scan_without_tesseract_is_a_clear_error(monkeypatch):
    from extractors import ocr

    monkeypatch.setattr(shutil, "which", lambda name: None)
    ocr.tesseract_ready.cache_clear()
    try:
        data = (ROOT / "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi_ban-scan.pdf").read_bytes()
        with pytest.raises(
            ReadError,
            match=r"^a scanned PDF needs OCR, but Tesseract is not installed \(install the Debian packages tesseract-ocr and tesseract-ocr-vie\)$",
        ):
            read_bytes(data, ".pdf")
    finally:
        ocr.tesseract_ready.cache_clear()


@pytest.mark.parametrize(
    "ocr_text, repaired",
    [
        ("Số: 5S/KH-UBND", "Số: 55/KH-UBND"),
        ("Càng Long, ngày 2O tháng 6 năm 2O2l", "Càng Long, ngày 20 tháng 6 năm 2021"),
        ("Điều L. Phê duyệt Kế hoạch", "Điều 1. Phê duyệt Kế hoạch"),
        ("Thực hiện Quyết định số 1l2/QĐ-TTg", "Thực hiện Quyết định số 112/QĐ-TTg"),
        ("Số lượng cán bộ năm Linh", "Số lượng cán bộ năm Linh"),  # words, not numbers: untouched
    ],
)
def test_ocr_confusions_in_numbers_and_dates_are_repaired(ocr_text, repaired):
    assert repair(ocr_text) == repaired


LEGACY = [
    ("tcvn3", "Céng hßa X· héi chñ nghÜa ViÖt Nam. KÕ ho¹ch thùc hiÖn Ch­¬ng tr×nh ph¸t triÓn c«ng t¸c x· héi giai ®o¹n 2021 - 2025, Ýt nhÊt 60%"),
    (
        "vni",
        "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Keá hoaïch thöïc hieän "
        "Chöông trình phaùt trieån coâng taùc xaõ hoäi giai ñoaïn 2021 - 2025, ít nhaát 60%",
    ),
]
UNICODE = "Cộng hòa xã hội chủ nghĩa Việt Nam. Kế hoạch thực hiện Chương trình phát triển công tác xã hội giai đoạn 2021 - 2025, ít nhất 60%"


@pytest.mark.parametrize("encoding, text", LEGACY)
def test_legacy_text_is_detected_and_converted(encoding, text):
    assert detect(text) == encoding
    assert convert(text, encoding).lower() == UNICODE.lower()


def test_unicode_and_foreign_text_are_not_taken_for_legacy():
    assert detect(UNICODE) is None
    assert detect("Café résumé naïve à la carte déjà vu, the plan was approved by the committee.") is None
    for sample in (ROOT / "samples").glob("*.txt"):
        assert detect(sample.read_text("utf-8")) is None, sample.name


def test_a_tcvn3_text_file_in_a_single_byte_code_page_is_read():
    doc = read_bytes(LEGACY[0][1].encode("cp1252"), ".txt")
    assert doc.text.lower().startswith(UNICODE.lower())
    assert doc.notes == ("text in the legacy tcvn3 encoding converted to Unicode",)


def test_converted_legacy_text_gets_modern_tone_placement():
    # VNI "hoaø", "thuyû" are typed with the tone on the last vowel: "hoà", "thuỷ" -> "hòa", "thủy"
    assert convert("xaõ hoäi hoaø nhaäp, thuyû lôïi", "vni") == "xã hội hòa nhập, thủy lợi"


def test_a_pdf_typed_in_a_tcvn3_font_is_converted(monkeypatch):
    """The PDF names the font of each text run; a run in ".VnTime" (here the name pdfium reports
    is replaced, since no TCVN3 font ships with Debian) is converted."""
    from fpdf import FPDF

    import extractors.pdf_reader as pdf_reader

    pdf = FPDF()
    pdf.add_font("serif", "", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    pdf.set_font("serif", size=12)
    pdf.add_page()
    # without "Ch­¬ng": fpdf2 does not draw U+00AD (TCVN3's ư) with a Unicode font, a .VnTime font would
    pdf.multi_cell(0, 6, LEGACY[0][1].replace(" Ch\xad¬ng", ""))
    monkeypatch.setattr(pdf_reader, "_font_name", lambda textpage, index: "ABCDEF+.VnTime")
    doc = read_bytes(bytes(pdf.output()), ".pdf")
    assert " ".join(doc.text.split()).lower() == UNICODE.replace(" Chương", "").lower()
    assert doc.notes == ("text in a legacy tcvn3 font converted to Unicode",)


def test_font_names_tell_the_encoding():
    from extractors.legacy import encoding_of_font

    assert [encoding_of_font(f) for f in ("ABCDEF+.VnTime", ".VnTimeH", "VNI-Times", "Times New Roman", None)] == [
        "tcvn3", "tcvn3", "vni", None, None
    ]
