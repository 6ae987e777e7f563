"""Build a Document's text, blocks and pages from paragraphs and cell grids.

Every structured reader (PDF, DOCX, XLSX, HTML) ends with the same job: lay out
paragraphs and tables as one text, one table row per line with cells separated by
tabs (the flattened form of the seeds), and keep the offset of every cell so that
`doc.text[cell.start:cell.end] == cell.text`. Doing it in one place keeps the offsets
right for every format.

A grid is a list of rows; each row a list of `GridCell` or None. A merged cell sits at
its top-left position with rowspan/colspan; the positions it covers are None and come
out as empty cells ("" text, zero-length span), as the extraction core expects.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from extract.read.document import HEADING, PARAGRAPH, TABLE, Block, Cell, Document, Page, Row, Table

_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def fold(text: str) -> str:
    """One line of cell text: tabs and newlines would break the row/cell layout."""
    return _SPACE.sub(" ", text).strip()


@dataclass
class GridCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    page: Optional[int] = None


Grid = list[list[Optional[GridCell]]]


def normalise_grid(grid: Grid) -> Grid:
    """Rectangular copy of `grid`: rows padded with None, spans clipped to the grid."""
    n_rows = len(grid)
    n_cols = max((len(r) for r in grid), default=0)
    out: Grid = []
    for r, row in enumerate(grid):
        new = list(row) + [None] * (n_cols - len(row))
        for c, cell in enumerate(new):
            if cell is not None:
                cell.rowspan = max(1, min(cell.rowspan, n_rows - r))
                cell.colspan = max(1, min(cell.colspan, n_cols - c))
        out.append(new)
    return out


def drop_empty_rows(grid: Grid) -> Grid:
    """Without rows whose every cell is empty or covered (spacer rows in sheets and HTML).

    Rowspans of merged cells that reached into a dropped row shrink accordingly."""
    keep = [r for r, row in enumerate(grid) if any(c is not None and c.text.strip() for c in row)]
    if len(keep) == len(grid):
        return grid
    kept = set(keep)
    for r, row in enumerate(grid):
        for c in row:
            if c is not None and c.rowspan > 1:
                c.rowspan = max(1, sum(1 for k in range(r, r + c.rowspan) if k in kept))
    return [grid[r] for r in keep]


class TextBuilder:
    """Append paragraphs and tables; hands out a Document with consistent offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.blocks: list[Block] = []
        self.pages: list[Page] = []
        self._page_start: Optional[int] = None
        self._page_no: Optional[int] = None

    @property
    def pos(self) -> int:
        return self._pos

    def _write(self, s: str) -> None:
        self._parts.append(s)
        self._pos += len(s)

    def _newline(self) -> None:
        if self._pos:
            self._write("\n")

    def start_page(self, number: int) -> None:
        self.end_page()
        self._newline()
        self._page_no, self._page_start = number, self._pos

    def end_page(self) -> None:
        if self._page_no is not None:
            self.pages.append(Page(self._page_no, self._page_start or 0, self._pos))
            self._page_no = None

    def paragraph(self, text: str, kind: str = PARAGRAPH, page: Optional[int] = None,
                  continues: bool = False) -> Optional[Block]:
        """A paragraph on its own line; `continues` glues it to the text before (a paragraph
        that a page break cut in two stays one line of text, each half with its page)."""
        text = text.strip("\n")
        if not text.strip():
            return None
        if not continues:
            self._newline()
        start = self._pos
        self._write(text)
        block = Block(kind=HEADING if kind == HEADING else PARAGRAPH, start=start, end=self._pos, page=page)
        self.blocks.append(block)
        return block

    def table(self, grid: Grid, source: str, page: Optional[int] = None,
              row_pages: Optional[Sequence[Optional[int]]] = None) -> Optional[Block]:
        """Render `grid` one row per line; None positions become empty cells."""
        grid = normalise_grid(grid)
        if not grid or not any(c is not None and c.text.strip() for row in grid for c in row):
            return None
        self._newline()
        t_start = self._pos
        rows: list[Row] = []
        for r, grow in enumerate(grid):
            if r:
                self._write("\n")
            rpage = row_pages[r] if row_pages is not None and r < len(row_pages) else page
            r_start = self._pos
            cells: list[Cell] = []
            for c, gc in enumerate(grow):
                if c:
                    self._write("\t")
                if gc is None:
                    cells.append(Cell("", self._pos, self._pos, r, c, page=rpage))
                    continue
                text = fold(gc.text)
                start = self._pos
                self._write(text)
                cells.append(Cell(text, start, self._pos, r, c, gc.rowspan, gc.colspan,
                                  page=gc.page if gc.page is not None else rpage))
            rows.append(Row(cells, r_start, self._pos, page=rpage))
        table = Table(rows, t_start, self._pos, source=source, page=page)
        block = Block(kind=TABLE, start=t_start, end=self._pos, page=page, table=table)
        self.blocks.append(block)
        return block

    def document(self, fmt: str, path: str = "", meta: Optional[dict] = None) -> Document:
        self.end_page()
        return Document(text="".join(self._parts), path=path, format=fmt, blocks=self.blocks,
                        pages=self.pages, meta=dict(meta or {}))


def pages_from_blocks(blocks: list[Block], n_pages: int, text_len: int) -> list[Page]:
    """Page offset ranges from the pages of blocks and table rows (text is in page order).

    A page starts where its first paragraph or table row starts; a page without text is
    an empty range where the next page starts, so every offset has exactly one page."""
    first: dict[int, int] = {}
    for b in blocks:
        if b.table is not None:
            for row in b.table.rows:
                if row.page is not None:
                    first.setdefault(row.page, row.start)
        elif b.page is not None:
            first.setdefault(b.page, b.start)
    starts = [0] * (n_pages + 1)
    starts[n_pages] = text_len
    for p in range(n_pages, 0, -1):
        starts[p - 1] = min(first.get(p, starts[p]), starts[p])
    starts[0] = 0
    return [Page(p + 1, starts[p], starts[p + 1]) for p in range(n_pages)]
