"""PDFs, page by page: the text layer read with pypdfium2, scanned pages OCR'd.

pypdfium2 reads text runs with their boxes (about 900 pages/s here, against 15-20 for
pdfplumber, with the same text). Runs on one baseline form a line; a vertical gap or a
first-line indent starts a new paragraph (written as a blank line, as in the text
samples); a line that is only a page number at the top or bottom of a page is dropped. A
page with no usable text but an image is a scan: it is rendered and read by Tesseract
(``extractors.ocr``), and the document records which pages were OCR'd and how confident
Tesseract was.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import regex

from extractors import patterns
from extractors.document import Document
from extractors.errors import ReadError
from extractors.markers import list_marker
from extractors.readers import build_document

_PAGE_NUMBER = regex.compile(r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$")
_ENDS_BLOCK = regex.compile(r"[.:;!?…]\s*$|/\.\s*$")


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float = 0.0
    paragraph: object = None
    """For OCR'd lines, Tesseract's (block, paragraph): a change starts a paragraph."""


@dataclass(frozen=True)
class OcrReport:
    pages: list[int]
    confidence: float | None


def _text_lines(page, textpage) -> list[Line]:
    height = page.get_height()
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", "").replace("\n", " ")
        if not text.strip():
            continue
        # The run's box is tight around its glyphs ("quan." is shorter than "Lồng"): take the
        # height of the font from the loose box of its first character instead.
        first = textpage.get_index(left + 0.5, (bottom + top) / 2, 2, 2)
        if first is not None and first >= 0:
            _, bottom, _, top = textpage.get_charbox(first, loose=True)
        runs.append(Line(text, height - top, height - bottom, left, right))
    runs.sort(key=lambda r: (r.top, r.x0))
    lines: list[Line] = []
    for run in runs:
        last = lines[-1] if lines else None
        if last is not None and abs(last.top - run.top) < (run.bottom - run.top) * 0.5 and run.x0 >= last.x1 - 1:
            last.text += ("" if run.x0 - last.x1 < 1 else " ") + run.text
            last.x1, last.bottom = run.x1, max(last.bottom, run.bottom)
        else:
            lines.append(run)
    return lines


def _drop_page_numbers(lines: list[Line]) -> list[Line]:
    if lines and _PAGE_NUMBER.match(lines[0].text):
        lines = lines[1:]
    if lines and _PAGE_NUMBER.match(lines[-1].text):
        lines = lines[:-1]
    return lines


def _paragraph_breaks(lines: list[Line]) -> list[bool]:
    """For each line, whether a new paragraph starts at it."""
    if not lines:
        return []
    height = statistics.median(ln.bottom - ln.top for ln in lines)
    left = min(ln.x0 for ln in lines)
    breaks = [True]
    for prev, cur in zip(lines, lines[1:]):
        if cur.paragraph is not None:
            breaks.append(cur.paragraph != prev.paragraph)
            continue
        gap = cur.top - prev.bottom
        indented = cur.x0 - left > height * 0.8
        breaks.append(gap > height * 0.6 or (indented and _ENDS_BLOCK.search(prev.text) is not None))
    return breaks


def _ocr_lines(page, dpi: int) -> tuple[list[Line], float]:
    from extractors.ocr import ocr_image

    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    found = ocr_image(image)
    lines = [Line(ln.text, ln.top, ln.bottom, ln.x0, paragraph=ln.paragraph) for ln in found]
    confidence = statistics.mean(ln.confidence for ln in found) if found else 0.0
    return lines, confidence


def _has_image(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())


def read_pdf_with_report(data: bytes) -> tuple[Document, OcrReport]:
    import pypdfium2

    conf = patterns.load("reading")
    if not data:
        raise ReadError("empty file")
    if not data.startswith(b"%PDF"):
        raise ReadError("not a PDF (no %PDF header)")
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError("encrypted PDF (password required)") from None
        raise ReadError(f"damaged PDF ({str(exc).split(':')[0]})") from None
    try:
        count = len(pdf)
        if count == 0:
            raise ReadError("PDF without pages")
        if count > conf["pdf"]["max_pages"]:
            raise ReadError(f"{count} pages, over the limit of {conf['pdf']['max_pages']} for a plan")
        parts: list[str] = []
        page_starts: list[int] = []
        pos, prev_last = 0, ""
        ocr_pages: list[int] = []
        confidences: list[float] = []
        needs_ocr: str | None = None
        for number in range(count):
            page = pdf[number]
            textpage = page.get_textpage()
            lines = _text_lines(page, textpage)
            if sum(len(ln.text.strip()) for ln in lines) < conf["pdf"]["min_text_chars"] and _has_image(page):
                if len(ocr_pages) >= conf["ocr"]["max_pages"]:
                    raise ReadError(f"over {conf['ocr']['max_pages']} scanned pages, the OCR limit for one file")
                from extractors.ocr import tesseract_ready

                needs_ocr = tesseract_ready()
                if needs_ocr is None:
                    lines, confidence = _ocr_lines(page, conf["ocr"]["dpi"])
                    ocr_pages.append(number + 1)
                    confidences.append(confidence)
            lines = _drop_page_numbers(lines)
            for i, (line, new_par) in enumerate(zip(lines, _paragraph_breaks(lines))):
                text = line.text.strip()
                if i == 0 and parts:
                    # Across a page break a paragraph goes on unless the last line closed it.
                    new_par = bool(_ENDS_BLOCK.search(prev_last) or list_marker(text))
                sep = ("\n\n" if new_par else "\n") if parts else ""
                parts.append(sep)
                pos += len(sep)
                if i == 0:
                    page_starts.append(pos)
                parts.append(text)
                pos += len(text)
                prev_last = text
            if not lines:
                page_starts.append(pos)
    except pypdfium2.PdfiumError as exc:
        raise ReadError(f"damaged PDF ({str(exc).split(':')[0]})") from None
    finally:
        pdf.close()
    raw = "".join(parts)
    if not raw.strip():
        if needs_ocr:
            raise ReadError(f"a scanned PDF needs OCR, but {needs_ocr}")
        raise ReadError("no text: neither a text layer nor a legible scan")
    report = OcrReport(ocr_pages, round(statistics.mean(confidences), 1) if confidences else None)
    return build_document(raw + "\n", page_starts), report


def read_pdf(data: bytes) -> Document:
    return read_pdf_with_report(data)[0]
