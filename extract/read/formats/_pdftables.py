"""PDF tables: a grid from cell boxes, the text of each cell, and tables that cross pages.

pdfplumber's algorithm gives each table as a list of cell boxes. The column and row
boundaries are the distinct x and y values of those boxes; a box spanning several of
them is a merged cell (rowspan/colspan at its top-left position, the positions it
covers empty). A character belongs to the cell under its centre.

A table continued on the next page comes back as two tables. When the second starts a
page with nothing but page furniture between them and has the same column boundaries,
its rows are appended (a repeated header row is dropped). Two things the page break
does to rows are undone:
  * a row split across the break: the new page starts with a row whose leading cells
    are empty and whose filled cells continue filled cells of the last row, with no
    figure of its own; its text is appended to those cells;
  * a merged cell cut by the break: an empty cell at the top of the new page below a
    vertically merged cell of the last row extends that merged cell.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from extract.read.formats._grid import Grid, GridCell
from extract.read.formats._pdfpage import BBox, Char
from extract.read.formats._pdftext import join_wrapped, to_lines

COL_TOL = 3.0
FIGURE = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")


@dataclass
class PdfTable:
    grid: Grid
    xs: list[float]
    ys: list[float]
    bbox: BBox
    page: int
    row_pages: list[int] = field(default_factory=list)


def _cluster(values: Sequence[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    i = bisect.bisect_left(bounds, v)
    if i == len(bounds) or (i > 0 and v - bounds[i - 1] < bounds[i] - v):
        i -= 1
    return i


def build_table(cells: Sequence[BBox], chars: Sequence[Char], page: int) -> tuple[PdfTable, list[Char]]:
    """The table of these cell boxes with the text of `chars` (those inside its box).

    Returns the table and the characters inside its box that fell in no cell."""
    xs = _cluster([v for c in cells for v in (c[0], c[2])])
    ys = _cluster([v for c in cells for v in (c[1], c[3])])
    n_rows, n_cols = max(len(ys) - 1, 1), max(len(xs) - 1, 1)
    grid: Grid = [[None] * n_cols for _ in range(n_rows)]
    owner: list[list[Optional[tuple[int, int]]]] = [[None] * n_cols for _ in range(n_rows)]
    for x0, top, x1, bottom in cells:
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        if c1 <= c0 or r1 <= r0 or grid[r0][c0] is not None:
            continue
        grid[r0][c0] = GridCell("", rowspan=r1 - r0, colspan=c1 - c0, page=page)
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner[r][c] = (r0, c0)
    texts: dict[tuple[int, int], list[Char]] = {}
    stray: list[Char] = []
    for ch in chars:
        r = min(max(bisect.bisect_right(ys, ch.cy) - 1, 0), n_rows - 1)
        c = min(max(bisect.bisect_right(xs, ch.cx) - 1, 0), n_cols - 1)
        o = owner[r][c]
        if o is None:
            stray.append(ch)
        else:
            texts.setdefault(o, []).append(ch)
    for (r, c), cs in texts.items():
        grid[r][c].text = join_wrapped([ln.text for ln in to_lines(cs)])
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return PdfTable(grid, xs, ys, bbox, page, [page] * n_rows), stray


def owner_at(grid: Grid, r: int, c: int) -> Optional[tuple[int, int]]:
    """Grid position of the cell that covers (r, c)."""
    for rr in range(r, -1, -1):
        for cc in range(c, -1, -1):
            cell = grid[rr][cc] if cc < len(grid[rr]) else None
            if cell is not None and rr + cell.rowspan > r and cc + cell.colspan > c:
                return rr, cc
    return None


def same_columns(a: PdfTable, b: PdfTable) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= COL_TOL for x, y in zip(a.xs, b.xs))


def join_continued(prev: PdfTable, nxt: PdfTable) -> None:
    """Append `nxt`, the continuation of `prev` on the next page, to `prev`."""
    _drop_repeated_header(prev, nxt)
    if nxt.grid and _is_split_row(prev, nxt):
        _merge_split_row(prev, nxt)
    if nxt.grid:
        _extend_cut_merges(prev, nxt)
    prev.grid.extend(nxt.grid)
    prev.row_pages.extend(nxt.row_pages)


def _texts(row: list[Optional[GridCell]]) -> list[str]:
    return [c.text if c is not None else "" for c in row]


def _drop_repeated_header(prev: PdfTable, nxt: PdfTable) -> None:
    first = nxt.grid[0] if nxt.grid else []
    if (first and any(_texts(first)) and _texts(first) == _texts(prev.grid[0])
            and all(c is None or c.rowspan == 1 for c in first)):
        _remove_first_row(nxt)


def _remove_first_row(t: PdfTable) -> None:
    if len(t.grid) > 1:
        for c, cell in enumerate(t.grid[0]):
            if cell is not None and cell.rowspan > 1:
                t.grid[1][c] = GridCell(cell.text, cell.rowspan - 1, cell.colspan, t.row_pages[1])
    del t.grid[0]
    del t.row_pages[0]


def _last_row_cells(prev: PdfTable) -> list[Optional[GridCell]]:
    last = len(prev.grid) - 1
    out = []
    for c in range(len(prev.grid[last])):
        o = owner_at(prev.grid, last, c)
        out.append(prev.grid[o[0]][o[1]] if o else None)
    return out


def _is_split_row(prev: PdfTable, nxt: PdfTable) -> bool:
    first = nxt.grid[0]
    above = _last_row_cells(prev)
    filled = [c for c, cell in enumerate(first) if cell is not None and cell.text]
    if not filled or (first[0] is not None and first[0].text) or first[0] is None and 0 in filled:
        return False
    for c in filled:
        if c >= len(above) or above[c] is None or not above[c].text:
            return False
        if FIGURE.match(first[c].text):
            return False
    above_filled = {id(a) for a in above if a is not None and a.text}
    return len({id(above[c]) for c in filled}) < len(above_filled)


def _merge_split_row(prev: PdfTable, nxt: PdfTable) -> None:
    above = _last_row_cells(prev)
    for c, cell in enumerate(nxt.grid[0]):
        if cell is not None and cell.text and above[c] is not None:
            above[c].text = join_wrapped([above[c].text, cell.text])
            cell.text = ""
    _remove_first_row(nxt)


def _extend_cut_merges(prev: PdfTable, nxt: PdfTable) -> None:
    last = len(prev.grid) - 1
    for c, cell in enumerate(nxt.grid[0]):
        if cell is None or cell.text:
            continue
        o = owner_at(prev.grid, last, c)
        if o is None or o[1] != c:
            continue
        top = prev.grid[o[0]][o[1]]
        if top.colspan != cell.colspan or (top.rowspan == 1 and o[0] == last) or not top.text:
            continue
        top.rowspan = last - o[0] + 1 + cell.rowspan
        nxt.grid[0][c] = None
