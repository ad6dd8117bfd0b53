"""Layout variants of a document: the same words laid out as real sources lay them out.

The metamorphic suite (``test_metamorphic.py``) takes the reading view of every gold
document and writes it again in the layouts a legal portal, a Word file or a PDF bring: the
two-column header of Nghị định 30/2020/NĐ-CP in each of the four reading orders, its cells
one per run of lines between lone ``|`` lines (a portal's form) or on one line between ``|``
marks, hard wraps at 60-100 columns, no blank lines, bold and italic markers cut across lines,
CRLF and non-breaking spaces, footnote markers, a portal's metadata table and notices before
the header; and as a PDF whose header is a ruled two-column table and a DOCX whose header is
a Word table. Each must give the values of the original. The hypothesis strategies that draw
a variant live here, so every test draws them the same way.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from extractors.accents import fold

TYPE_LINE = re.compile(r"^(KE HOACH|QUYET DINH|CHI THI|CHUONG TRINH|THONG BAO|BAO CAO|DE AN)$")
LETTER = re.compile(r"^V/v\s")
MOTTO = re.compile(r"CỘNG HÒA XÃ HỘI|Độc lập\s*-\s*Tự do")
NUMBER = re.compile(r"^Số\s*[:.]")
PLACE_DATE = re.compile(r",\s*ngày\s+[\d\s]{0,6}tháng\s+[\d\s]{0,6}năm\s+\d{4}")
ORDERS = ("columns", "rows", "right_columns", "right_rows")


@dataclass
class Header:
    """The header cells of a document's reading view, and the rest of it."""

    issuer: list[str] = field(default_factory=list)
    motto: list[str] = field(default_factory=list)
    number: list[str] = field(default_factory=list)
    date: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    """Every paragraph from the type line (or a letter's "V/v" line) on."""

    @property
    def found(self) -> bool:
        return bool(self.number or self.issuer)

    def cells(self, order: str) -> list[list[str]]:
        left = [self.issuer, self.number]
        right = [self.motto, self.date]
        by_order = {
            "columns": left + right,
            "rows": [self.issuer, self.motto, self.number, self.date],
            "right_columns": right + left,
            "right_rows": [self.motto, self.issuer, self.date, self.number],
        }
        return [c for c in by_order[order] if c]


def paragraphs(text: str) -> list[str]:
    return [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def split_header(text: str) -> Header:
    """Header cells by what they are (motto, number, place and date, issuing body) up to the type line."""
    paras = paragraphs(text)
    header = Header()
    for i, para in enumerate(paras):
        flat = " ".join(para.split())
        if TYPE_LINE.match(fold(flat).upper()) or LETTER.match(flat) or i >= 12:
            header.body = paras[i:]
            return header
        if MOTTO.search(flat):
            header.motto.append(para)
        elif NUMBER.match(flat):
            header.number.append(para)
        elif PLACE_DATE.search(flat) and len(flat) < 80:
            header.date.append(para)
        elif flat.isupper():
            header.issuer.append(para)
        else:
            header.body = paras[i:]
            return header
    return Header(body=paras)


def _cell(paras: list[str]) -> str:
    return "\n".join(paras)


def render_header(header: Header, order: str, form: str) -> str:
    cells = [_cell(c) for c in header.cells(order)]
    if form == "paragraphs":
        return "\n\n".join(cells)
    if form == "inline":
        rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
        return "\n".join("| " + " | ".join(" ".join(c.split()) for c in row) + " |" for row in rows)
    if form == "portal":
        rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
        return "\n".join("|\n" + "\n|\n".join(row) + "\n|" for row in rows)
    raise ValueError(form)


def wrap(text: str, width: int) -> str:
    """Hard-wrap every line longer than ``width`` (table rows stay whole)."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width or line.lstrip().startswith("|"):
            out.append(line)
            continue
        out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [line])
    return "\n".join(out)


def emphasise(paras: list[str]) -> list[str]:
    """Bold capitals and headings with the closing marker cut onto the next line; italic dates."""
    out = []
    for para in paras:
        flat = " ".join(para.split())
        if PLACE_DATE.search(flat) and len(flat) < 80:
            out.append(f"*{para}*")
        elif flat.isupper() or re.match(r"^[IVX]+\.\s", flat):
            out.append(f"**{para}\n**")
        else:
            out.append(para)
    return out


PORTAL_NOTICE = "Để sử dụng toàn bộ tiện ích nâng cao của Văn Bản Pháp Luật, hãy đăng nhập hoặc đăng ký\n\nĐang tải văn bản..."


def portal_metadata(header: Header) -> str:
    number = " ".join(" ".join(header.number).split()).split(":", 1)[-1].strip() or "—"
    rows = [("Số hiệu:", number), ("Loại văn bản:", "Kế hoạch"), ("Ngày ban hành:", "05/12/2025"), ("Tình trạng:", "Đã biết")]
    return "#\n" + "\n".join(f"**{label}**\n|\n{value}\n|\n|" for label, value in rows)


@dataclass(frozen=True)
class Variant:
    order: str = "columns"
    header_form: str = "paragraphs"
    wrap_width: int | None = None
    blank_lines: bool = True
    emphasis: bool = False
    crlf_nbsp: bool = False
    footnotes: bool = False
    portal_chrome: bool = False

    @property
    def name(self) -> str:
        parts = [self.order, self.header_form]
        parts += [f"wrap{self.wrap_width}"] if self.wrap_width else []
        parts += [] if self.blank_lines else ["no-blank-lines"]
        flags = (("emphasis", self.emphasis), ("crlf-nbsp", self.crlf_nbsp), ("footnotes", self.footnotes), ("portal", self.portal_chrome))
        parts += [n for n, on in flags if on]
        return "+".join(parts)


def render(text: str, variant: Variant) -> str:
    """``text`` (a reading view) laid out as ``variant`` says."""
    header = split_header(text)
    body = emphasise(header.body) if variant.emphasis else list(header.body)
    if variant.footnotes:
        body = [re.sub(r"(\w)([.;])$", r"\1[1]\2", p, count=1) if len(p) > 120 else p for p in body]
    if header.found:
        if variant.emphasis:
            header = Header(
                issuer=emphasise(header.issuer), motto=emphasise(header.motto), number=header.number,
                date=emphasise(header.date), body=body,
            )
        head = render_header(header, variant.order, variant.header_form)
        parts = [head, *body]
        if variant.portal_chrome:
            parts = [PORTAL_NOTICE, portal_metadata(header), *parts]
    else:
        parts = body
    out = "\n\n".join(parts) + "\n"
    if variant.wrap_width:
        out = wrap(out, variant.wrap_width)
    if not variant.blank_lines:
        out = "\n".join(line for line in out.split("\n") if line.strip()) + "\n"
    if variant.crlf_nbsp:
        count = 0

        def nbsp(m: re.Match) -> str:
            nonlocal count
            count += 1
            return "\u00a0" if count % 7 == 0 else " "

        out = re.sub(r" ", nbsp, out).replace("\n", "\r\n")
    return out


NAMED = (
    Variant("columns", "portal", wrap_width=80, emphasis=True, portal_chrome=True),
    Variant("rows", "inline", crlf_nbsp=True, footnotes=True),
    Variant("right_columns", "paragraphs", blank_lines=False),
    Variant("right_rows", "paragraphs", wrap_width=64, emphasis=True),
)
"""The variants every gold document is run through; hypothesis draws more (``variants``)."""


def variants() -> st.SearchStrategy[Variant]:
    return st.builds(
        Variant,
        order=st.sampled_from(ORDERS),
        header_form=st.sampled_from(("paragraphs", "inline", "portal")),
        wrap_width=st.one_of(st.none(), st.integers(60, 100)),
        blank_lines=st.booleans(),
        emphasis=st.booleans(),
        crlf_nbsp=st.booleans(),
        footnotes=st.booleans(),
        portal_chrome=st.booleans(),
    )


FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def header_rows(header: Header) -> list[tuple[str, str]]:
    rows = [(_cell(header.issuer), _cell(header.motto)), (_cell(header.number), _cell(header.date))]
    return [row for row in rows if any(row)]


def blocks(paras: list[str]) -> list[tuple[str, object]]:
    """The body as ("table", rows of cells) for runs of "| a | b |" lines, ("lines", [line…])
    for a block of short lines (three or more, or two near the end: a signature block, a list
    of recipients), else ("text", paragraph)."""
    out: list[tuple[str, object]] = []
    pieces: list[tuple[int, str]] = []
    for k, para in enumerate(paras):  # a paragraph's table rows apart from its text
        text_lines: list[str] = []
        for line in para.split("\n"):
            if line.startswith("|") and line.rstrip().endswith("|"):
                if text_lines:
                    pieces.append((k, "\n".join(text_lines)))
                    text_lines = []
                pieces.append((k, line))
            else:
                text_lines.append(line)
        if text_lines:
            pieces.append((k, "\n".join(text_lines)))
    for k, para in pieces:
        lines = para.split("\n")
        near_end = k >= 0.85 * len(paras)
        if all(line.startswith("|") and line.rstrip().endswith("|") for line in lines):
            rows = [[c.strip() for c in line.strip()[1:-1].split("|")] for line in lines]
            if out and out[-1][0] == "table":
                out[-1][1].extend(rows)
            else:
                out.append(("table", rows))
        elif (
            # (two short lines near the end are a signature's; not a numbered heading the
            # source wrapped, "17. Chi cục" / "Hải quan khu vực V", one paragraph in Word)
            len(lines) > (1 if near_end and not re.match(r"\d+\.\s", lines[0]) else 2)
            and all(len(line) < 45 for line in lines)
            and not any(line[:1].islower() for line in lines[1:])  # a wrapped paragraph goes on in lower case
        ):
            out.append(("lines", lines))
        else:
            out.append(("text", " ".join(para.split())))
    return out


def _draw_table(pdf, content: list[list[str]]) -> None:
    width = max(len(r) for r in content)
    with pdf.table(first_row_as_headings=False, text_align="LEFT") as table:
        for k, cells in enumerate(content):
            padding = [""] * (width - len(cells))
            row = table.row()
            for cell in padding + cells if 0 < k < 3 else cells + padding:
                row.cell(cell)


def _table_fits(content: list[list[str]], size: int) -> bool:
    from fpdf import FPDF

    scratch = FPDF(format="A4")
    scratch.set_margins(20, 20, 15)
    scratch.set_auto_page_break(True, margin=20)
    scratch.add_font("serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    scratch.add_page()
    scratch.set_font("serif", "", size)
    try:
        _draw_table(scratch, content)
    except ValueError:
        return False
    return True


def as_pdf(text: str, out: Path) -> Path:
    """The document as a printed PDF: the header a ruled two-column table, tables ruled, the
    body's paragraphs justified."""
    from fpdf import FPDF
    from fpdf.enums import Align

    header = split_header(text)
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("serif", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("serif", size=11)
    if header.found:
        with pdf.table(col_widths=(75, 100), text_align="CENTER", first_row_as_headings=False) as table:
            for left, right in header_rows(header):
                row = table.row()
                row.cell(left)
                row.cell(right)
        pdf.ln(4)
    for kind, content in blocks(header.body):
        if kind == "table":
            # the largest type a row of which fits on a page, as a printed annex is set (a
            # scratch document tries it first: a row that does not fit leaves the rows before it drawn)
            size = next((size for size in (11, 8, 6, 5) if _table_fits(content, size)), None)
            if size is not None:
                pdf.set_font("serif", "", size)
                _draw_table(pdf, content)
            else:  # a row too tall for a page even so: the rows as lines of text instead
                pdf.set_font("serif", "", 8)
                for cells in content:
                    pdf.multi_cell(0, 4, "| " + " | ".join(cells) + " |", new_x="LMARGIN", new_y="NEXT")
        elif kind == "lines":
            pdf.set_font("serif", "", 11)
            pdf.multi_cell(0, 6, "\n".join(content), align=Align.L, new_x="LMARGIN", new_y="NEXT")
        else:
            upper = content.isupper()
            pdf.set_font("serif", "B" if upper else "", 11)
            pdf.multi_cell(0, 6, content, align=Align.C if upper else Align.J, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(out))
    return out


def as_docx(text: str, out: Path) -> Path:
    """The document as a Word file whose header is a two-column table, its tables Word tables."""
    from docx import Document

    header = split_header(text)
    document = Document()
    if header.found:
        # one row, as Word headers are set: issuing body and number in the left cell, motto
        # and place and date in the right one, a paragraph per line
        table = document.add_table(rows=0, cols=2)
        cells = table.add_row().cells
        for cell, parts in zip(cells, ((header.issuer, header.number), (header.motto, header.date)), strict=False):
            lines = [line for part in parts for para in part for line in para.split("\n")]
            cell.paragraphs[0].text = lines[0] if lines else ""
            for line in lines[1:]:
                cell.add_paragraph(line)
    for kind, content in blocks(header.body):
        if kind == "table":
            width = max(len(r) for r in content)
            table = document.add_table(rows=0, cols=width)
            for k, cells in enumerate(content):
                padding = [""] * (width - len(cells))
                # a second header row sits under the columns at the right (a cell spanning them above)
                for cell, value in zip(table.add_row().cells, padding + cells if 0 < k < 3 else cells + padding, strict=False):
                    cell.text = value
        elif kind == "lines":
            for line in content:
                document.add_paragraph(line)
        else:
            document.add_paragraph(content)
    document.save(str(out))
    return out
