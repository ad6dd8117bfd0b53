"""Word files (.docx), read with python-docx: paragraphs and tables in document order.

Each paragraph becomes a paragraph of the text (a blank line between them, as in the text
samples); a table becomes one line per row, cells separated by " | " between "|" marks,
the way the text samples write tables, but for a table that holds the document's header or
signature block (``layout.is_layout_text``): its cells, column after column, are paragraphs. A page break in the file (explicit, or where Word
last laid out a new page) starts a new page. Text in a legacy Vietnamese font (.VnTime,
VNI-Times) is converted to Unicode (``extractors.legacy``).
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from extractors.document import Document
from extractors.errors import ReadError
from extractors.layout import is_layout_text
from extractors.legacy import convert_run
from extractors.reading import Reader, build_document

if TYPE_CHECKING:  # python-docx is imported where used
    from docx.oxml.xmlchemy import BaseOxmlElement

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _run_font(run: BaseOxmlElement) -> str | None:
    fonts = run.find(f"{W}rPr/{W}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")


def _paragraph(p: BaseOxmlElement, default_font: str | None, notes: set[str]) -> tuple[str, bool]:
    """The text of a ``w:p`` element, and whether a page break comes before it."""
    out, page_break = [], False
    for run in p.iter(f"{W}r"):
        for child in run:
            if child.tag == f"{W}t":
                font = _run_font(run) or default_font
                text, encoding = convert_run(child.text or "", font)
                if encoding:
                    notes.add(encoding)
                out.append(text)
            elif child.tag == f"{W}tab":
                out.append("\t")
            elif child.tag == f"{W}br" and child.get(f"{W}type") == "page":
                page_break = page_break or not "".join(out).strip()
            elif child.tag == f"{W}lastRenderedPageBreak":
                page_break = page_break or not "".join(out).strip()
    return "".join(out), page_break


def read_docx(data: bytes) -> Document:
    import docx

    if not data:
        raise ReadError("empty file")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError("not a Word file (.docx is a zip archive)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, PackageNotFoundError … on damage
        raise ReadError(f"damaged Word file ({type(exc).__name__})") from None
    default_font = None
    try:
        style = document.styles["Normal"]
        default_font = style.font.name
    except KeyError:
        pass
    parts: list[str] = []
    page_starts = [0]
    notes: set[str] = set()
    pos = 0
    for block in document.element.body.iterchildren():
        if block.tag == f"{W}p":
            text, page_break = _paragraph(block, default_font, notes)
            lines = [text]
        elif block.tag == f"{W}tbl":
            page_break = False
            lines = []
            rows = [
                [[_paragraph(p, default_font, notes)[0] for p in cell.iter(f"{W}p")] for cell in row.iter(f"{W}tc")]
                for row in block.iter(f"{W}tr")
            ]
            if is_layout_text("\n".join(t for row in rows for cell in row for t in cell)):
                # the header or signature block set in a table: its cells column after
                # column, a paragraph each ("ỦY BAN NHÂN DÂN / TỈNH X / Số: …" | "CỘNG HÒA … / …, ngày …")
                columns = max(len(row) for row in rows)
                for c in range(columns):
                    for row in rows:
                        if c < len(row) and any(t.strip() for t in row[c]):
                            lines.append("\n".join(t for t in row[c] if t.strip()) + "\n")
            else:
                for row in rows:
                    lines.append("| " + " | ".join(" ".join(cell).strip() for cell in row) + " |")
        else:
            continue
        text = "\n".join(lines).strip()
        if page_break and parts:
            page_starts.append(pos + 2)
        if not text:
            continue
        sep = "\n\n" if parts else ""
        parts.append(sep + text)
        pos += len(sep) + len(text)
    raw = "".join(parts)
    if not raw.strip():
        raise ReadError("no text in this Word file")
    doc = build_document(raw + "\n", page_starts)
    if notes:
        from dataclasses import replace

        doc = replace(doc, notes=tuple(f"text in a legacy {e} font converted to Unicode" for e in sorted(notes)))
    return doc


def is_docx(data: bytes) -> bool:
    """Sniffed: a Word file is a zip archive holding ``word/document.xml``."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


READER = Reader("Word", frozenset({".docx"}), read_docx, sniff=is_docx)
