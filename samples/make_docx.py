"""Make the Word samples from the text samples.

- the Thái Nguyên education office plan as a .docx in Times New Roman, as offices type them;
- the Càng Long plan as a .docx typed in the pre-Unicode TCVN3 (ABC) fonts .VnTime and
  .VnTimeH (capitals with tone marks are typed in .VnTimeH, which draws the lower-case codes
  as capitals), as many plans of the 2000s and 2010s still are.

    .venv/bin/python samples/make_docx.py   # python-docx is a dependency of kehoach
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import yaml
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).parent
TABLE = yaml.safe_load((HERE.parent / "extractors/patterns/legacy.yaml").read_text("utf-8"))["tcvn3"]
TO_TCVN3 = {v: k for k, v in TABLE.items()}


def _font(run, name: str) -> None:
    run.font.name = name
    run.font.size = Pt(13)
    rpr = run._element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:hAnsi"), name)


def _paragraphs(text: str) -> list[str]:
    return [re.sub(r"\*\*|\*mm\*", "", p).strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def unicode_docx(src: Path, out: Path) -> None:
    document = docx.Document()
    for par in _paragraphs(src.read_text("utf-8")):
        for line in par.split("\n"):
            run = document.add_paragraph().add_run(line.strip())
            _font(run, "Times New Roman")
            run.bold = line.isupper()
    document.save(out)


def _tcvn3_runs(text: str) -> list[tuple[str, str]]:
    """(TCVN3 text, font) runs: capitals that TCVN3 lacks go in .VnTimeH as lower-case codes."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        if ch in TO_TCVN3:
            code, font = TO_TCVN3[ch], ".VnTime"
        elif ch.lower() in TO_TCVN3 and ch != ch.lower():
            code, font = TO_TCVN3[ch.lower()], ".VnTimeH"
        else:
            code, font = ch, ".VnTime"
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + code, font)
        else:
            runs.append((code, font))
    return runs


def tcvn3_docx(src: Path, out: Path) -> None:
    document = docx.Document()
    for par in _paragraphs(src.read_text("utf-8")):
        for line in par.split("\n"):
            p = document.add_paragraph()
            for text, font in _tcvn3_runs(line.strip()):
                _font(p.add_run(text), font)
    document.save(out)


def main() -> int:
    unicode_docx(HERE / "thai-nguyen_619-KH-GDDT_2021_ke-hoach-phong-giao-duc.txt", HERE / "thai-nguyen_619-KH-GDDT_2021_ke-hoach-phong-giao-duc.docx")
    tcvn3_docx(HERE / "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt", HERE / "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi_font-VnTime.docx")
    print("wrote the .docx samples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
