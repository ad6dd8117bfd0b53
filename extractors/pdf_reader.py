"""PDFs, page by page: the text layer read with pypdfium2, scanned pages OCR'd.

pypdfium2 reads text runs with their boxes (about 900 pages/s here, against 15-20 for
pdfplumber, with the same text). A page drawn with many ruling lines is also read by
pdfplumber, whose table finder writes each table as "| a | b |" rows in place of its lines. Runs on one baseline form a line; a vertical gap or a
first-line indent starts a new paragraph (written as a blank line, as in the text
samples); a line that is only a page number at the top or bottom of a page is dropped. A
page with no usable text but an image is a scan: it is rendered and read by Tesseract
(``extractors.ocr``), and the document records which pages were OCR'd and how confident
Tesseract was.
"""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

import regex

from extractors import patterns
from extractors.document import Document
from extractors.errors import ReadError
from extractors.legacy import convert_run
from extractors.markers import list_marker
from extractors.reading import Reader, build_document

if TYPE_CHECKING:  # imported where used, not at start-up
    import pypdfium2
    from pdfplumber.page import Page as PlumberPage
    from PIL import Image

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


def _font_name(textpage: pypdfium2.PdfTextPage, index: int) -> str | None:
    import ctypes

    import pypdfium2.raw as pdfium_c

    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    n = pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buf, len(buf), ctypes.byref(flags))
    return buf.value.decode("utf-8", "replace") if n else None


def _text_lines(page: pypdfium2.PdfPage, textpage: pypdfium2.PdfTextPage, legacy: set[str]) -> list[Line]:
    """The lines of a page's text layer; runs in a legacy Vietnamese font are converted (noted in ``legacy``)."""
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
            text, encoding = convert_run(text, _font_name(textpage, first))
            if encoding:
                legacy.add(encoding)
        runs.append(Line(text, height - top, height - bottom, left, right))
    runs.sort(key=lambda r: (r.top, r.x0))
    lines: list[Line] = []
    for run in runs:
        last = lines[-1] if lines else None
        same_baseline = last is not None and abs(last.top - run.top) < (run.bottom - run.top) * 0.5
        gap = run.x0 - last.x1 if last is not None else 0.0
        if last is not None and same_baseline and gap >= -1 and gap < (run.bottom - run.top) * COLUMN_GAP:
            last.text += ("" if gap < 1 else " ") + run.text
            last.x1, last.bottom = run.x1, max(last.bottom, run.bottom)
        else:
            lines.append(run)
    return _columns(lines)


COLUMN_GAP = 2.0
"""Runs on one baseline further apart than this many line heights are cells of two columns
(the header of an administrative document: issuing body | national motto, number | date)."""


def _columns(lines: list[Line]) -> list[Line]:
    """Two-column zones read column after column: the left cells, then the right ones.

    The header of an administrative document (issuing body | national motto; number | place
    and date) and its signature block (recipients | signer) are set in two columns, their
    lines on one baseline or staggered (cells centred vertically). A zone starts where two
    narrow lines close together do not overlap horizontally; it takes every following narrow
    line that keeps to one side of the gap between them, up to a vertical gap or a line that
    crosses it. Each column of a zone becomes its own paragraph (``Line.paragraph``)."""
    if len(lines) < 2:
        return lines
    left_edge, right_edge = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    narrow = [(ln.x1 - ln.x0) < NARROW_SHARE * (right_edge - left_edge) for ln in lines]
    out: list[Line] = []
    i = 0
    while i < len(lines):
        a = lines[i]
        b = lines[i + 1] if i + 1 < len(lines) else None
        height = a.bottom - a.top
        if not (narrow[i] and b is not None and narrow[i + 1] and (b.x0 >= a.x1 or b.x1 <= a.x0)
                and b.top - a.bottom < ZONE_GAP * height):
            out.append(a)
            i += 1
            continue
        split = (a.x1 + b.x0) / 2 if b.x0 >= a.x1 else (b.x1 + a.x0) / 2
        centre = (left_edge + right_edge) / 2
        j = i + 1
        while j + 1 < len(lines):
            nxt, prev = lines[j + 1], lines[j]
            if not narrow[j + 1] or not (nxt.x1 <= split or nxt.x0 >= split):
                break
            if nxt.top - prev.bottom >= ZONE_GAP * height:
                break
            if abs((nxt.x0 + nxt.x1) / 2 - centre) < CENTRED * (right_edge - left_edge):
                break  # the type line, centred on the page, is no cell
            j += 1
        zone = lines[i : j + 1]
        left = [ln for ln in zone if ln.x1 <= split]
        right = [ln for ln in zone if ln.x0 >= split]
        side_by_side = abs(a.top - b.top) < height * 0.5
        if not (side_by_side or (len(left) >= 2 and len(right) >= 2)):
            out.append(a)
            i += 1
            continue
        for column, cells in ((0, left), (1, right)):
            for ln in cells:
                ln.paragraph = ("column", i, column)
        out += left + right
        i = j + 1
    return out


NARROW_SHARE = 0.6
"""A line narrower than this share of the page's text width may be a cell of a two-column zone."""
ZONE_GAP = 1.5
"""A vertical gap of this many line heights ends a two-column zone."""
CENTRED = 0.04
"""A line whose centre is this close to the page's (as a share of its text width) is centred on the page."""


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
    for prev, cur in pairwise(lines):
        if cur.paragraph is not None:
            breaks.append(cur.paragraph != prev.paragraph)
            continue
        gap = cur.top - prev.bottom
        indented = cur.x0 - left > height * 0.8
        breaks.append(gap > height * 0.6 or (indented and _ENDS_BLOCK.search(prev.text) is not None))
    return breaks


def _page_image(page: pypdfium2.PdfPage, dpi: int) -> Image.Image:
    """The page as an image: a scan's own image when it fills the page (no resampling, and
    0.02 s instead of rendering), else the page rendered at ``dpi``."""
    import pypdfium2.raw as pdfium_c

    images = [obj for obj in page.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
    if len(images) == 1:
        left, bottom, right, top = images[0].get_bounds()
        if (right - left) * (top - bottom) >= 0.8 * page.get_width() * page.get_height():
            try:
                return images[0].get_bitmap(render=False).to_pil()
            except Exception:  # an image format pdfium cannot hand over raw: render it instead
                pass
    return page.render(scale=dpi / 72, grayscale=True).to_pil()


def ocr_pages(images: dict[int, Image.Image]) -> dict[int, tuple[list[Line], float]]:
    """OCR every page image, a Tesseract process per core at a time (pdfium is not used here)."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    from extractors.ocr import ocr_image
    from extractors.ocr_repair import repair

    def one(image: Image.Image) -> tuple[list[Line], float]:
        found = ocr_image(image)
        lines = [Line(repair(ln.text), ln.top, ln.bottom, ln.x0, paragraph=ln.paragraph) for ln in found]
        return lines, (statistics.mean(ln.confidence for ln in found) if found else 0.0)

    with ThreadPoolExecutor(max_workers=min(len(images), os.cpu_count() or 1) or 1) as pool:
        results = dict(zip(images, pool.map(one, images.values()), strict=False))
    return results


def _path_count(page: pypdfium2.PdfPage) -> int:
    import pypdfium2.raw as pdfium_c

    return sum(1 for obj in page.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH)


_GROUPED_NUMBER = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_VOWELS = regex.compile(r"[aăâeêioôơuưyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ]+", regex.IGNORECASE)


def _cell_text(page: PlumberPage, bbox: tuple[float, float, float, float] | None, text: str) -> str:
    """A ruled table cell's text on one line. Where the cell was too narrow for a word, the
    PDF broke it inside the word ("13.50" / "0", "NGHIỆ" / "P"): such a line runs to the
    cell's edge (no room for the next line's first letter) and the two pieces make one number
    ("13.500") or one syllable; they are joined without a space."""
    fragments = [" ".join(f.split()) for f in text.split("\n")]
    fragments = [f for f in fragments if f]
    if len(fragments) < 2 or bbox is None:
        return " ".join(fragments)
    x0, top, x1, bottom = bbox
    chars = [c for c in page.chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom and c["text"].strip()]
    by_line: dict[int, list] = {}
    for c in chars:
        by_line.setdefault(round(c["top"]), []).append(c)
    lines = [sorted(v, key=lambda c: c["x0"]) for _, v in sorted(by_line.items())]
    if len(lines) != len(fragments):
        return " ".join(fragments)
    out = fragments[0]
    for k in range(1, len(fragments)):
        before, after = lines[k - 1], lines[k]
        width = statistics.mean(c["x1"] - c["x0"] for c in before)
        full = x1 - before[-1]["x1"] < (after[0]["x1"] - after[0]["x0"]) + width
        tail, head = out.split(" ")[-1], fragments[k].split(" ")[0]
        joined = tail + head
        word = regex.sub(r"^\W+|\W+$", "", joined)
        one = bool(_GROUPED_NUMBER.fullmatch(joined)) or (word.isalpha() and len(_VOWELS.findall(word)) == 1)
        out += ("" if full and one else " ") + fragments[k]
    return out


def _with_tables(lines: list[Line], tables: list) -> list[Line]:
    """The page's lines with each ruled table (pdfplumber) written as "| a | b |" rows in its place."""
    for table in tables:
        x0, top, _, bottom = table.bbox
        rows = table.extract()
        columns = max(len(r) for r in rows)
        # one row of three columns or more is a table too: the header row a page break left
        # at the foot of a page, the table going on over the next one
        if columns < 2 or (len(rows) < 2 and columns < 3):
            continue
        kept = [ln for ln in lines if not (top - 1 <= (ln.top + ln.bottom) / 2 <= bottom + 1)]
        table_lines = []
        for row, cells in zip(table.rows, rows, strict=False):
            texts = [_cell_text(table.page, bbox, c or "") for bbox, c in zip(row.cells, cells, strict=False)]
            text = "| " + " | ".join(texts) + " |"
            table_lines.append(Line(text, row.bbox[1], row.bbox[3], x0))
        lines = sorted(kept + table_lines, key=lambda ln: (ln.top, ln.x0))
    return lines


def _has_image(page: pypdfium2.PdfPage) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())


def assemble(pages: list[list[Line]]) -> tuple[str, list[int]]:
    """The raw text of the pages' lines, paragraphs separated by a blank line, and where each page starts."""
    parts: list[str] = []
    page_starts: list[int] = []
    pos, prev_last = 0, ""
    for lines in pages:
        lines = _drop_page_numbers(lines)
        for i, (line, new_par) in enumerate(zip(lines, _paragraph_breaks(lines), strict=False)):
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
    return "".join(parts), page_starts


def read_pdf(data: bytes) -> Document:
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
    plumber = None  # pdfplumber, opened only for pages with ruled tables
    try:
        count = len(pdf)
        if count == 0:
            raise ReadError("PDF without pages")
        if count > conf["pdf"]["max_pages"]:
            raise ReadError(f"{count} pages, over the limit of {conf['pdf']['max_pages']} for a plan")
        page_lines: list[list[Line]] = []
        scans: dict[int, Image.Image] = {}
        legacy: set[str] = set()
        needs_ocr: str | None = None
        for number in range(count):
            page = pdf[number]
            lines = _text_lines(page, page.get_textpage(), legacy)
            if sum(len(ln.text.strip()) for ln in lines) < conf["pdf"]["min_text_chars"] and _has_image(page):
                if len(scans) >= conf["ocr"]["max_pages"]:
                    raise ReadError(f"over {conf['ocr']['max_pages']} scanned pages, the OCR limit for one file")
                from extractors.ocr import tesseract_ready

                needs_ocr = tesseract_ready()
                if needs_ocr is None:
                    scans[number] = _page_image(page, conf["ocr"]["dpi"])
            if lines and _path_count(page) >= conf["pdf"]["table_min_paths"]:
                if plumber is None:
                    import pdfplumber

                    plumber = pdfplumber.open(io.BytesIO(data))
                lines = _with_tables(lines, plumber.pages[number].find_tables())
            page_lines.append(lines)
    except pypdfium2.PdfiumError as exc:
        raise ReadError(f"damaged PDF ({str(exc).split(':')[0]})") from None
    finally:
        pdf.close()
        if plumber is not None:
            plumber.close()
    ocr = ocr_pages(scans) if scans else {}
    raw, page_starts = assemble([ocr[n][0] if n in ocr else lines for n, lines in enumerate(page_lines)])
    if not raw.strip():
        if needs_ocr:
            raise ReadError(f"a scanned PDF needs OCR, but {needs_ocr}")
        raise ReadError("no text: neither a text layer nor a legible scan")
    confidence = round(statistics.mean(c for _, c in ocr.values()), 1) if ocr else None
    return replace(
        build_document(raw + "\n", page_starts),
        ocr_pages=tuple(n + 1 for n in sorted(ocr)),
        ocr_confidence=confidence,
        notes=tuple(f"text in a legacy {e} font converted to Unicode" for e in sorted(legacy)),
    )


def is_pdf(data: bytes) -> bool:
    """Sniffed: a PDF starts with its "%PDF-" header."""
    return data.startswith(b"%PDF-")


READER = Reader("PDF", frozenset({".pdf"}), read_pdf, sniff=is_pdf)
