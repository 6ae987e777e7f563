"""DOCX reports: paragraphs and tables in body order, merged cells as one cell.

We read the grid from the XML (`w:gridSpan`, `w:vMerge`, `w:gridBefore`) rather than
from python-docx's `table.cell(r, c)`, which repeats a merged cell's text in every
position it covers: here a merged cell has its text once, at its top-left position
with rowspan/colspan, and the covered positions are empty cells.

Nested tables (a table inside a cell: common when a whole form is one outer table)
are rendered as their own tables right after the parent table, not flattened into
the parent cell, so that an indicator table nested in a layout table is still a
table for the extraction core. The parent cell keeps only its own paragraphs.
Headers, footers, comments and text boxes are left out.
"""
from __future__ import annotations

import io
from typing import Iterator, Optional

from extract.config import Limits
from extract.read.document import HEADING, PARAGRAPH, Document
from extract.read.errors import ReadError
from extract.read.formats._grid import Grid, GridCell, TextBuilder
from extract.read.formats._guard import guarded
from extract.read.formats._zip import open_ooxml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, TBL, TR, TC, SDT, SDT_CONTENT = W + "p", W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent"
HEADING_STYLES = ("heading", "title", "标题")
# runs of a paragraph: plain, in hyperlinks, inserted (tracked), in simple fields, smart tags
# and inline content controls; deleted text (w:del) is not part of the document
RUNS = ("w:r | w:hyperlink | w:ins/w:r | w:fldSimple/w:r | w:smartTag/w:r | w:sdt/w:sdtContent/w:r"
        " | w:customXml/w:r")


@guarded("DOCX")
def read_docx(data: bytes, path: str, limits: Limits) -> Document:
    """Read one DOCX file (see the module docstring); every failure is a ReadError."""
    open_ooxml(data, "DOCX", limits, "word/document.xml")
    import docx  # python-docx; imported here so other formats do not pay for it
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises KeyError, ValueError, lxml errors …
        raise ReadError("corrupt", f"the DOCX file cannot be parsed ({type(e).__name__}: {e}); "
                        "re-save it from Word or LibreOffice") from None
    styles = _style_names(document)
    out = TextBuilder()
    for el in _body_items(document.element.body):
        if el.tag == P:
            kind = HEADING if _is_heading(el, styles) else PARAGRAPH
            out.paragraph(_p_text(el), kind)
        else:
            _emit_table(el, out)
    doc = out.document("docx", path)
    if not doc.text.strip():
        raise ReadError("empty", "the DOCX file holds no text (only images or an empty page?); "
                        "if it is a scan, save it as PDF and OCR it")
    return doc


def _body_items(parent) -> Iterator:
    """Paragraphs and tables of the body in order, looking inside content controls."""
    for el in parent.iterchildren():
        if el.tag in (P, TBL):
            yield el
        elif el.tag == SDT:
            for content in el.iterchildren(SDT_CONTENT):
                yield from _body_items(content)


def _p_text(p) -> str:
    return "".join(getattr(e, "text", "") or "" for e in p.xpath(RUNS))


def _style_names(document) -> dict[str, str]:
    return {s.style_id: (s.name or "") for s in document.styles if getattr(s, "style_id", None)}


def _is_heading(p, styles: dict[str, str]) -> bool:
    ids = p.xpath("w:pPr/w:pStyle/@w:val")
    if ids and styles.get(ids[0], ids[0]).lower().startswith(HEADING_STYLES):
        return True
    return bool(p.xpath("w:pPr/w:outlineLvl"))


def _emit_table(tbl, out: TextBuilder) -> None:
    nested: list = []
    grid = table_grid(tbl, nested)
    out.table(grid, "docx")
    for inner in nested:
        _emit_table(inner, out)


def table_grid(tbl, nested: Optional[list] = None) -> Grid:
    """The real grid of a w:tbl; nested w:tbl elements are appended to `nested`."""
    grid: Grid = []
    owner: dict[int, tuple[int, GridCell]] = {}   # column -> (start row, cell) of the cell there
    for r, tr in enumerate(tbl.iterchildren(TR)):
        row: list[Optional[GridCell]] = []
        before = tr.xpath("w:trPr/w:gridBefore/@w:val")
        col = int(before[0]) if before else 0
        row.extend([None] * col)
        for tc in _row_cells(tr):
            span = _int(tc.xpath("w:tcPr/w:gridSpan/@w:val"), 1)
            vmerge = tc.xpath("w:tcPr/w:vMerge")
            is_continue = bool(vmerge) and vmerge[0].get(W + "val") in (None, "continue")
            above = owner.get(col)
            if is_continue and above is not None:
                start_row, cell = above
                cell.rowspan = r - start_row + 1
                row.extend([None] * span)
            else:
                cell = GridCell(_cell_text(tc, nested), colspan=span)
                row.append(cell)
                row.extend([None] * (span - 1))
                for c in range(col, col + span):
                    owner[c] = (r, cell)
            col += span
        grid.append(row)
    return grid


def _row_cells(tr) -> Iterator:
    for el in tr.iterchildren():
        if el.tag == TC:
            yield el
        elif el.tag == SDT:
            for content in el.iterchildren(SDT_CONTENT):
                yield from content.iterchildren(TC)


def _cell_text(tc, nested: Optional[list]) -> str:
    lines = []
    for el in _body_items(tc):
        if el.tag == P:
            lines.append(_p_text(el))
        elif nested is not None:
            nested.append(el)
    return "\n".join(lines)


def _int(values: list, default: int) -> int:
    try:
        return max(1, int(values[0])) if values else default
    except ValueError:
        return default
