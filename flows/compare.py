"""Writes the comparison tables (``derive.tables``): a CSV per table, ``comparison.xlsx`` with
a sheet per table, formatted to be read, and ``targets.parquet``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from derive.tables import ROW_KEYS

if TYPE_CHECKING:  # imported where used
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@")


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula ("+20% vs 2020") get a leading quote."""
    return df.map(lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_START) else v)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """One CSV per table, comparison.xlsx with a sheet per table, and targets.parquet."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, df in tables.items():
        paths.append(out_dir / f"{name}.csv")
        csv_safe(df).to_csv(paths[-1], index=False, encoding="utf-8-sig")
    paths.append(out_dir / "targets.parquet")
    tables["targets"].to_parquet(paths[-1], index=False)
    paths.append(out_dir / "comparison.xlsx")
    with pd.ExcelWriter(paths[-1], engine="openpyxl") as xlsx:
        for name, df in tables.items():
            df.to_excel(xlsx, sheet_name=name, index=False)
            format_sheet(xlsx.sheets[name], df)
    return paths


VERDICT_FILLS = {"above": "DAFBE1", "equal": "DDF0FF", "below": "FFE1DE", "silent": "EEEEEE", "out of period": "EEEEEE"}
NATIONAL_FILL = "FFF8C5"
VND_FORMAT = '#,##0 "₫"'


def format_sheet(ws: Worksheet, df: pd.DataFrame) -> None:
    """A sheet people can read: bold frozen header (and the row keys of the comparison), column
    widths, verdict colours on the verdict and value cells, the national column shaded, VND
    amounts with a thousands separator; a text cell that starts like a formula stays text."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = list(df.columns)
    keys = [c for c in ROW_KEYS if c in columns]
    # types-openpyxl types ws.cell as Cell | MergedCell and the setter as taking only a Cell (or a coordinate)
    ws.freeze_panes = ws.cell(row=2, column=len(keys) + 1 if keys == ROW_KEYS else 1)  # type: ignore[assignment]
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F6F8FA")
    for i, name in enumerate(columns, 1):
        letter = get_column_letter(i)
        values = [str(v) for v in df[name].head(500) if v is not None and not (isinstance(v, float) and pd.isna(v))]
        ws.column_dimensions[letter].width = min(max([len(str(name))] + [len(v) for v in values]) + 2, 60)
        verdict_of = f"{name}: verdict" if f"{name}: verdict" in columns else (name if str(name).endswith("verdict") else None)
        for row in range(2, len(df) + 2):
            cell = ws.cell(row=row, column=i)
            if cell.data_type == "f":
                cell.data_type = "s"  # "=…", "+20% vs 2020": shown as written, never run
            if name == "national":
                cell.fill = PatternFill("solid", fgColor=NATIONAL_FILL)
            elif name == "amount_vnd":
                cell.number_format = VND_FORMAT
            elif verdict_of is not None:
                verdict = ws.cell(row=row, column=columns.index(verdict_of) + 1).value
                fill = VERDICT_FILLS.get(str(verdict).split(" (")[0].split(": ")[-1]) if verdict else None
                if fill:
                    cell.fill = PatternFill("solid", fgColor=fill)
