"""Helpers for the reader tests: the fixture files, the seed's indicator rows, table lookups."""
from __future__ import annotations

import re
from pathlib import Path

from extract.read.document import Document, Table

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "corpus" / "fixtures"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
SEED_000 = "000_a14a1736b6f849a3"
STEMS = ["000_a14a1736b6f849a3", "001_8d2ed8e02b6fd233", "002_70434b0b5ae2a5f1",
         "003_a0527484f83c9cee", "004_6f163e2949542c61"]
# seed 000's indicator table: 三级指标, 目标值, 完成值, 分值, 得分
COLS_000 = (3, 5, 6, 7, 8)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def seed_000_indicator_rows(join_broken: bool = True) -> list[tuple[str, ...]]:
    """(name, target, actual, weight, score) of every row of seed 000's indicator table.

    The seed is the text of a PDF in which one row (成本指标 / 兑现科技创新…) was broken over a
    page; a reader of the report reads it as one row, and so must our PDF reader when our PDF
    breaks the page there too. In DOCX/XLSX/HTML, which have no pages, it stays two rows."""
    lines = (SEEDS / f"{SEED_000}.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if "\t三级指标\t" in ln)
    rows: list[list[str]] = []
    for ln in lines[start + 1:]:
        cells = [squash(c) for c in ln.split("\t")]
        if len(cells) <= 8 or not cells[3]:
            continue
        if join_broken and rows and not any(cells[i] for i in (0, 1, 6, 7, 8)):
            # the source PDF broke this row over a page: its second half continues the cells
            rows[-1] = [a + b for a, b in zip(rows[-1], (cells[i] for i in COLS_000))]
            continue
        rows.append([cells[i] for i in COLS_000])
    return [tuple(r) for r in rows]


def indicator_table(doc: Document) -> Table:
    for t in doc.tables():
        if any(squash(c.text) == "三级指标" for r in t.rows for c in r.cells):
            return t
    raise AssertionError("no table with a 三级指标 header")


def indicator_rows(table: Table) -> list[tuple[str, ...]]:
    header = next(i for i, r in enumerate(table.rows) if any(squash(c.text) == "三级指标" for c in r.cells))
    out = []
    for row in table.rows[header + 1:]:
        texts = [squash(c.text) for c in row.cells]
        if len(texts) > 8 and texts[3]:
            out.append(tuple(texts[i] for i in COLS_000))
    return out


def cell_with(table: Table, text: str):
    return next(c for r in table.rows for c in r.cells if c.text == text)


def assert_offsets(doc: Document) -> None:
    """Every cell, row and block points at its own text in doc.text."""
    for t in doc.tables():
        for row in t.rows:
            assert doc.text[row.start:row.end] == "\t".join(c.text for c in row.cells)
            for c in row.cells:
                assert doc.text[c.start:c.end] == c.text, (c.row, c.col, c.text)
    for b in doc.blocks:
        assert 0 <= b.start <= b.end <= len(doc.text)
        if b.table is None:
            assert doc.text[b.start:b.end].strip()
