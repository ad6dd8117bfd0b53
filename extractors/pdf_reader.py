"""Text-layer PDFs, read with pdfplumber, page by page.

Physical lines are kept; a vertical gap or a first-line indent starts a new
paragraph (written as a blank line, as in the text samples); a line that is only
a page number at the top or bottom of a page is dropped.
"""

from __future__ import annotations

import io
import statistics

import regex

from extractors.document import Document
from extractors.errors import ReadError
from extractors.markers import list_marker
from extractors.readers import build_document

_PAGE_NUMBER = regex.compile(r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$")
_ENDS_BLOCK = regex.compile(r"[.:;!?…]\s*$|/\.\s*$")


def _page_lines(page) -> list[dict]:
    lines = [ln for ln in page.extract_text_lines(keep_blank_chars=False) if ln["text"].strip()]
    if lines and _PAGE_NUMBER.match(lines[0]["text"]):
        lines = lines[1:]
    if lines and _PAGE_NUMBER.match(lines[-1]["text"]):
        lines = lines[:-1]
    return lines


def _paragraph_breaks(lines: list[dict]) -> list[bool]:
    """For each line, whether a new paragraph starts at it."""
    if not lines:
        return []
    heights = [ln["bottom"] - ln["top"] for ln in lines]
    height = statistics.median(heights)
    left = min(ln["x0"] for ln in lines)
    breaks = [True]
    for prev, cur in zip(lines, lines[1:]):
        gap = cur["top"] - prev["bottom"]
        indented = cur["x0"] - left > height * 0.8
        breaks.append(gap > height * 0.6 or (indented and _ENDS_BLOCK.search(prev["text"]) is not None))
    return breaks


def read_pdf(data: bytes) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if not data:
        raise ReadError("empty file")
    if not data.startswith(b"%PDF"):
        raise ReadError("not a PDF (no %PDF header)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise ReadError("encrypted PDF (password required)") from None
    except Exception as exc:  # pdfminer raises PDFSyntaxError and many other types on damage
        raise ReadError(f"damaged PDF ({type(exc).__name__})") from None
    parts: list[str] = []
    page_starts: list[int] = []
    pos = 0
    prev_last = ""
    with pdf:
        try:
            pages = list(pdf.pages)
        except Exception as exc:
            raise ReadError(f"damaged PDF ({type(exc).__name__})") from None
        for page in pages:
            try:
                lines = _page_lines(page)
            except Exception as exc:
                raise ReadError(f"damaged PDF page {page.page_number} ({type(exc).__name__})") from None
            breaks = _paragraph_breaks(lines)
            for i, (line, new_par) in enumerate(zip(lines, breaks)):
                text = line["text"].strip()
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
    raw = "".join(parts)
    if not raw.strip():
        raise ReadError("no text layer (a scanned PDF needs OCR)")
    return build_document(raw + "\n", page_starts)
