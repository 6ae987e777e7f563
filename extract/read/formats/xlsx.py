"""XLSX reports: every sheet, merged ranges as merged cells, figures as Excel shows them.

A sheet's used range (empty edges trimmed) is cut at empty rows; in each block, rows
holding a single filled cell before the first wider row (titles, notes) become
paragraphs and the rest is a table. Cached values of
formulas are read (`data_only`), never recomputed. A float cell is written the way its
number format displays it ("0.00" -> 2 decimals, "0.00%" -> a percent) and a
"General" float with at most 15 significant digits, which is what Excel shows and
what removes binary noise such as 0.30000000000000004; integers stay integers.
`meta["sheet_ranges"]` says which text each sheet gave: (sheet name, start, end), so that
a workbook with one report per sheet can be cut into its reports (`extract.read.parts`).
"""
from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Optional

from extract.config import Limits
from extract.read.document import HEADING, Document
from extract.read.errors import ReadError
from extract.read.formats._grid import Grid, GridCell, TextBuilder
from extract.read.formats._guard import guarded
from extract.read.formats._zip import open_ooxml

DEFAULT_SHEET = re.compile(r"^(sheet|工作表)\s*\d+$", re.I)
_DECIMALS = re.compile(r"0\.(0+)")


@guarded("XLSX")
def read_xlsx(data: bytes, path: str, limits: Limits) -> Document:
    """Read one XLSX file (see the module docstring); every failure is a ReadError."""
    open_ooxml(data, "XLSX", limits, "xl/workbook.xml")
    import openpyxl
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except Exception as e:  # openpyxl raises many kinds on damaged parts
        raise ReadError("corrupt", f"the XLSX file cannot be parsed ({type(e).__name__}: {e}); "
                        "re-save it from Excel or LibreOffice") from None
    out = TextBuilder()
    ranges: list[tuple[str, int, int]] = []     # (sheet, start, end) of each sheet's text
    for ws in wb.worksheets:
        if getattr(ws, "sheet_state", "visible") != "visible":
            continue
        first = len(out.blocks)
        _emit_sheet(ws, out, show_title=len(wb.worksheets) > 1 or not DEFAULT_SHEET.match(ws.title))
        if len(out.blocks) > first:
            ranges.append((ws.title, out.blocks[first].start, out.pos))
    doc = out.document("xlsx", path, {"sheets": [ws.title for ws in wb.worksheets], "sheet_ranges": ranges})
    if not doc.text.strip():
        raise ReadError("empty", "the workbook has no filled cells: nothing to extract")
    return doc


def _emit_sheet(ws, out: TextBuilder, show_title: bool) -> None:
    grid = sheet_grid(ws)
    if not grid:
        return
    if show_title:
        out.paragraph(ws.title, HEADING)
    for part in _segments(grid):
        start = 0
        while start < len(part) and _single(part[start]):
            out.paragraph(_single(part[start]))
            start += 1
        if start < len(part):
            out.table(part[start:], "xlsx")


def _segments(grid: Grid) -> list[Grid]:
    """Blocks of rows separated by empty rows that no merged cell reaches into.

    Notes typed below a form, one per cell with a blank row between, come out as
    paragraphs instead of one-cell rows of the form."""
    parts: list[Grid] = [[]]
    for row in grid:
        if all(c is not None and not c.text.strip() for c in row):
            if parts[-1]:
                parts.append([])
        else:
            parts[-1].append(row)
    return [p for p in parts if p]


def _single(row: list[Optional[GridCell]]) -> str:
    """The text of a row holding exactly one filled cell (a title row), else ""."""
    filled = [c for c in row if c is not None and c.text.strip()]
    return filled[0].text if len(filled) == 1 and all(c is None or c.rowspan == 1 for c in row) else ""


def sheet_grid(ws) -> Grid:
    """The sheet's used cells as a grid, merged ranges resolved, empty edges trimmed."""
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered.add((r, c))
    cells: dict[tuple[int, int], str] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None and (cell.row, cell.column) not in covered:
                text = display(cell.value, cell.number_format)
                if text.strip():
                    cells[(cell.row, cell.column)] = text
    if not cells:
        return []
    r0, c0 = min(r for r, _ in cells), min(c for _, c in cells)
    r1 = max(r + merged.get((r, c), (1, 1))[0] - 1 for r, c in cells)
    c1 = max(c + merged.get((r, c), (1, 1))[1] - 1 for r, c in cells)
    grid: Grid = []
    for r in range(r0, r1 + 1):
        line: list[Optional[GridCell]] = []
        for c in range(c0, c1 + 1):
            if (r, c) in covered:
                line.append(None)
                continue
            rs, cs = merged.get((r, c), (1, 1))
            line.append(GridCell(cells.get((r, c), ""), rowspan=rs, colspan=cs))
        grid.append(line)
    return grid


def display(value, number_format: str = "General") -> str:
    """A cell value as Excel displays it (numbers never carry float noise)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return _with_format(Decimal(value), number_format)
    if isinstance(value, float):
        return _with_format(Decimal(repr(value)), number_format)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _with_format(d: Decimal, fmt: str) -> str:
    fmt = (fmt or "General").split(";")[0]
    percent = "%" in fmt
    if percent:
        d = d * 100
    m = _DECIMALS.search(fmt)
    if m:
        text = f"{d:.{len(m.group(1))}f}"
    elif fmt == "General" or not any(ch in fmt for ch in "0#"):
        text = _general(d)
    else:
        text = f"{d:.0f}"
    if "," in fmt and "#,##" in fmt:
        whole, _, frac = text.partition(".")
        sign = "-" if whole.startswith("-") else ""
        whole = f"{int(whole.lstrip('-') or 0):,}"
        text = sign + whole + ("." + frac if frac else "")
    return text + ("%" if percent else "")


def _general(d: Decimal) -> str:
    """At most 15 significant digits, plain notation, no trailing zeros."""
    text = f"{float(d):.15g}"
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
