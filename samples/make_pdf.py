"""Make the text-layer PDF samples from the text samples, as an official plan looks printed.

A4, 20 mm left / 15 mm right margins, DejaVu Serif 13 pt (a Unicode serif font with every
Vietnamese glyph), bold centred document type and title, justified paragraphs with a gap
between them, and the page number at the top of every page after the first.

    .venv/bin/python samples/make_pdf.py   # needs the dev extra (fpdf2) and fonts-dejavu-core
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align

HERE = Path(__file__).parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SOURCES = {
    "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt": "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.pdf",
    "ha-noi_141-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt": "ha-noi_141-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.pdf",
}
CENTRED = re.compile(r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CỘNG HÒA.*|Độc lập.*)$")


class Plan(FPDF):
    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font("serif", size=11)
            self.cell(0, 6, str(self.page_no()), align=Align.C, new_x="LMARGIN", new_y="NEXT")
            self.ln(2)


def write_paragraphs(pdf: FPDF, text: str) -> None:
    """Set the paragraphs of a text sample as a printed plan: the type line and title bold and centred."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    title_next = False
    for par in paragraphs:
        par = par.replace("**", "").replace("*mm*", "mm")
        centred = bool(CENTRED.match(par)) or title_next
        bold = centred or (par.isupper() and len(par) < 80)
        pdf.set_font("serif", "B" if bold else "", 13)
        pdf.multi_cell(0, 6.5, par, align=Align.C if centred else Align.J, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        title_next = par in ("KẾ HOẠCH", "QUYẾT ĐỊNH")


def new_plan(title: str) -> Plan:
    pdf = Plan(format="A4")
    pdf.set_margins(20, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("serif", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.set_title(title)
    pdf.add_page()
    return pdf


def render(text: str, out: Path) -> None:
    pdf = new_plan(out.stem)
    write_paragraphs(pdf, text)
    pdf.output(str(out))


def main() -> int:
    for src, dst in SOURCES.items():
        render((HERE / src).read_text("utf-8"), HERE / dst)
        print(f"wrote {HERE / dst}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
