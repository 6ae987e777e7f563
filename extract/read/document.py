"""The document model every reader fills and every later stage reads.

One `Document` holds the text exactly as the project extracted it (the text that
`jixiao text` prints): every span in a record is an offset into it. Readers of
structured formats (PDF, DOCX, XLSX, HTML) build that text themselves and hand over
their tables as `Table`s whose cells point into it; the text reader hands over only
the text, and `layout.analyse` recovers blocks and tables from it. Pages are kept as
offset ranges so that any span can tell its page.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterator, Optional

HEADING, PARAGRAPH, TABLE = "heading", "paragraph", "table"


@dataclass
class Span:
    start: int
    end: int
    page: Optional[int] = None

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "page": self.page}


@dataclass
class Cell:
    """One cell of a table; `text` is the cell's content with layout whitespace folded.

    `start`/`end` are offsets into `Document.text` of the raw cell content. A merged
    cell sits at its top-left grid position with `rowspan`/`colspan` > 1; positions it
    covers hold empty cells (as flattened text gives them), so consumers that carry
    merged level cells down work the same for every reader.
    """
    text: str
    start: int
    end: int
    row: int = 0
    col: int = 0
    rowspan: int = 1
    colspan: int = 1
    page: Optional[int] = None

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    def span(self) -> Span:
        return Span(self.start, self.end, self.page)


@dataclass
class Row:
    cells: list[Cell]
    start: int
    end: int
    page: Optional[int] = None

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def __len__(self) -> int:
        return len(self.cells)


@dataclass
class Table:
    rows: list[Row]
    start: int
    end: int
    source: str = "text"        # how it was recovered: tabs, lines, pipes, runs, pdf, docx, xlsx, html
    page: Optional[int] = None
    unit: Optional[str] = None  # a 单位：万元 header above or inside the table scales its money

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Block:
    kind: str                   # heading | paragraph | table
    start: int
    end: int
    page: Optional[int] = None
    table: Optional[Table] = None


@dataclass
class Page:
    number: int                 # 1-based
    start: int
    end: int


@dataclass
class Document:
    text: str
    path: str = ""
    format: str = "txt"
    id: str = ""                # sha256 of the file's bytes
    blocks: list[Block] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def page_at(self, offset: int) -> Optional[int]:
        """The page holding `offset`, or None for formats without pages."""
        if not self.pages:
            return None
        i = bisect.bisect_right(self.pages, offset, key=lambda p: p.start) - 1
        return self.pages[max(i, 0)].number

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.page_at(start))

    def tables(self) -> Iterator[Table]:
        for b in self.blocks:
            if b.kind == TABLE and b.table is not None:
                yield b.table

    @property
    def n_pages(self) -> Optional[int]:
        return len(self.pages) or None
