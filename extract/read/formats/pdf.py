"""PDF reports: text in reading order, ruled tables as cell grids, the page of everything.

The page count is checked first (a 1000-page file is refused before any page is
parsed). Characters and ruling lines come from PDFium (see `_pdfpage`), tables from
pdfplumber's line algorithm, so a page costs a few milliseconds. On each page the
text outside tables becomes paragraphs (wrapped lines joined back), the tables become
grids (`_pdftables`), and both are laid out top to bottom; a table continued on the
next page is joined to its first part. Page numbers in the top or bottom margin
("— 1 —", "第 1 页", "1/5", a lone digit) are page furniture and left out.

A PDF without a usable text layer (a scan, or fonts without a ToUnicode map, which
read as junk) is OCRed with tesseract when it is installed, else refused with
`scanned_pdf`: an empty record would look like success. Scanned pages inside a typed
PDF (a signed table attached to the report) are OCRed as well, or named in
`meta["pages_not_read"]` when tesseract is missing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Union

from extract.config import Limits
from extract.read.document import HEADING, Document
from extract.read.errors import ReadError
from extract.read.formats import ocr
from extract.read.formats._grid import TextBuilder, pages_from_blocks
from extract.read.formats._guard import guarded
from extract.read.formats._pdfpage import Char, find_tables, has_image, page_chars, page_edges
from extract.read.formats._pdftables import PdfTable, build_table, join_continued, same_columns
from extract.read.formats._pdftext import Line, join_wrapped, to_lines

MARGIN = 0.1            # top/bottom share of the page where page numbers live
PAGE_NUMBER = re.compile(
    r"^(?:[—–\-－－_~·\s]*\d{1,4}[—–\-－－_~·\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$", re.I)
NEW_PARAGRAPH = re.compile(r"^(?:第[一二三四五六七八九十百]+[章节部分条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d)|附件|附表)")
MIN_TEXT_CHARS = 20     # fewer readable characters per page on average: no text layer


@dataclass
class Para:
    text: str
    top: float
    page: int
    heading: bool = False
    first: Optional[Line] = None       # first and last lines, to tell a paragraph cut by a page break
    last: Optional[Line] = None
    left: float = 0.0                  # the page's text margins
    right: float = 0.0
    at_bottom: bool = False            # the page's last text, down at the bottom margin
    continues: bool = False            # the second half of a paragraph cut by the page break


Item = Union[Para, PdfTable]


@guarded("PDF")
def read_pdf(data: bytes, path: str, limits: Limits) -> Document:
    """Read one PDF file (see the module docstring); every failure is a ReadError."""
    import pypdfium2 as pdfium
    pdf = _open(data, pdfium)
    try:
        n = len(pdf)
        if n > limits.max_pages:
            raise ReadError("too_many_pages", f"the PDF has {n} pages, over the limit of {limits.max_pages}; "
                            "split it or raise [limits] max_pages in jixiao.toml")
        if n == 0:
            raise ReadError("empty", "the PDF has no pages: nothing to extract")
        pages: list[list[Item]] = []
        all_chars: list[list[Char]] = []
        for i in range(n):
            page = pdf[i]
            height = page.get_height()
            chars = page_chars(page.get_textpage(), height)
            all_chars.append(chars)
            pages.append(_page_items(chars, page_edges(page, height), i + 1, height))
        if not _has_text_layer(all_chars):
            return _read_scanned(pdf, path, limits)
        scanned = [i for i, chars in enumerate(all_chars)
                   if sum(1 for c in chars if not c.text.isspace()) < MIN_TEXT_CHARS and has_image(pdf[i])]
        meta: dict = {"text_layer": True}
        if scanned:
            _ocr_scanned_pages(pdf, scanned, pages, limits, meta)
        doc = _render(_join_tables(pages), n, path)
        doc.meta.update(meta)
        return doc
    finally:
        pdf.close()


def _open(data: bytes, pdfium):
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise ReadError("encrypted", "the PDF is encrypted with a password; "
                            "remove the password (or ask the sender for an open copy) and retry") from None
        raise ReadError("corrupt", f"the PDF cannot be parsed ({msg}); it is damaged or truncated: "
                        "re-export it from the original document") from None


# ---------------------------------------------------------------- text layer quality

def _readable(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF
            or 0x20 < o < 0x7F or 0x2000 <= o <= 0x206F or ch in "≥≤≧≦×÷√±")


def _has_text_layer(pages: list[list[Char]]) -> bool:
    """Enough readable characters: not a scan, and not glyph codes without ToUnicode."""
    chars = [c.text for cs in pages for c in cs[:2000] if not c.text.isspace()]   # a sample per page
    if len(chars) < MIN_TEXT_CHARS * len(pages) * 0.5 and len(chars) < 200:
        return False
    good = sum(1 for ch in chars if _readable(ch))
    cjk = sum(1 for ch in chars if "\u4e00" <= ch <= "\u9fff")
    if good / len(chars) < 0.7:
        return False
    # glyph ids read as ASCII: mostly punctuation/control-range symbols and no words
    letters = sum(1 for ch in chars if ch.isalnum())
    return cjk > 0 or letters / len(chars) > 0.5


def _read_scanned(pdf, path: str, limits: Limits) -> Document:
    lang = ocr.require_tesseract()
    per_page = max(10.0, limits.timeout_seconds / max(len(pdf), 1))
    items = [p for i in range(len(pdf)) for p in _ocr_paras(pdf, i, lang, per_page)]
    if not items:
        raise ReadError("scanned_pdf", "scanned PDF: OCR found no text on any page (blank or unreadable scan)")
    doc = _render(items, len(pdf), path)
    doc.meta.update({"text_layer": False, "ocr": "tesseract " + lang})
    return doc


def _ocr_paras(pdf, i: int, lang: str, timeout: float) -> list[Para]:
    """Paragraphs tesseract reads on page i (blank lines separate them)."""
    text = ocr.ocr_page(pdf[i], lang, timeout)
    return [Para(join_wrapped(block.splitlines()), 0.0, i + 1)
            for block in re.split(r"\n\s*\n", text) if block.strip()]


def _ocr_scanned_pages(pdf, scanned: list[int], pages: list[list[Item]], limits: Limits, meta: dict) -> None:
    """Scanned pages inside a text PDF (a signed 自评表 attached to a typed report): OCR them
    when tesseract is there; otherwise say which pages were not read."""
    try:
        lang = ocr.require_tesseract()
    except ReadError:
        meta["pages_not_read"] = [i + 1 for i in scanned]
        meta["warning"] = f"scanned pages {meta['pages_not_read']} not read: {ocr.INSTALL}"
        return
    per_page = max(10.0, limits.timeout_seconds / max(len(scanned), 1))
    for i in scanned:
        pages[i] = _ocr_paras(pdf, i, lang, per_page)
    meta["ocr_pages"] = [i + 1 for i in scanned]


# ---------------------------------------------------------------- one page

def _page_items(chars: list[Char], edges: list[dict], page_no: int, height: float) -> list[Item]:
    tables: list[PdfTable] = []
    free = chars
    for cells in find_tables(edges):
        x0 = min(c[0] for c in cells); top = min(c[1] for c in cells)
        x1 = max(c[2] for c in cells); bottom = max(c[3] for c in cells)
        inside = [ch for ch in free if x0 <= ch.cx <= x1 and top <= ch.cy <= bottom]
        if not inside:
            continue
        table, stray = build_table(cells, inside, page_no)
        if len(table.grid) * len(table.grid[0]) < 2:
            continue
        tables.append(table)
        stray_ids = {id(ch) for ch in stray}      # inside the box but in no cell: stays text
        taken = {id(ch) for ch in inside if id(ch) not in stray_ids}
        free = [ch for ch in free if id(ch) not in taken]
    lines = _strip_page_numbers(to_lines(free), height)
    items: list[Item] = list(tables)
    items.extend(_paragraphs(lines, [t.bbox for t in tables], page_no))
    items.sort(key=lambda it: it.bbox[1] if isinstance(it, PdfTable) else it.top)
    if items and isinstance(items[-1], Para) and items[-1].last is not None:
        items[-1].at_bottom = items[-1].last.bottom > height * (1 - 2 * MARGIN)
    return items


def _strip_page_numbers(lines: list[Line], height: float) -> list[Line]:
    """Without page numbers in the top and bottom margins."""
    return [ln for ln in lines
            if not ((ln.bottom < height * MARGIN or ln.top > height * (1 - MARGIN)) and PAGE_NUMBER.match(ln.text))]


def _paragraphs(lines: list[Line], table_boxes: list[tuple], page_no: int) -> list[Para]:
    """Wrapped lines joined into paragraphs; a table between two lines separates them."""
    if not lines:
        return []
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    paras: list[Para] = []
    group: list[Line] = [lines[0]]
    for prev, ln in zip(lines, lines[1:]):
        size = max(prev.size, ln.size, 1.0)
        table_between = any(prev.bottom <= b[1] and b[3] <= ln.top + 1 for b in table_boxes)
        continues = (not table_between
                     and ln.top - prev.bottom <= 0.8 * size
                     and abs(prev.size - ln.size) <= 1.0
                     and _wraps(prev, ln, left, right))
        if continues:
            group.append(ln)
        else:
            paras.append(_para(group, page_no, left, right))
            group = [ln]
    paras.append(_para(group, page_no, left, right))
    return paras


def _wraps(prev: Line, ln: Line, left: float, right: float) -> bool:
    """`ln` continues `prev`: prev is full up to the width of ln's first word, ln not indented."""
    size = max(prev.size, ln.size, 1.0)
    return (prev.x1 + ln.lead >= right - 2 * size and ln.x0 <= left + size
            and not NEW_PARAGRAPH.match(ln.text))


def _para(lines: list[Line], page_no: int, left: float, right: float) -> Para:
    return Para(join_wrapped([ln.text for ln in lines]), lines[0].top, page_no,
                first=lines[0], last=lines[-1], left=left, right=right)


# ---------------------------------------------------------------- across pages

def _join_tables(pages: list[list[Item]]) -> list[Item]:
    """All items in reading order; tables continued over a page break joined, paragraphs
    cut by it marked to continue."""
    flat: list[Item] = []
    for items in pages:
        for k, it in enumerate(items):
            if (k == 0 and isinstance(it, PdfTable) and flat and isinstance(flat[-1], PdfTable)
                    and flat[-1].row_pages[-1] == it.page - 1 and same_columns(flat[-1], it)):
                join_continued(flat[-1], it)
                continue
            if k == 0 and isinstance(it, Para) and flat and isinstance(flat[-1], Para):
                prev = flat[-1]
                it.continues = (prev.page == it.page - 1 and prev.at_bottom and prev.last is not None
                                and it.first is not None
                                and _wraps(prev.last, it.first, min(prev.left, it.left), prev.right))
            flat.append(it)
    return flat


def _render(items: list[Item], n_pages: int, path: str) -> Document:
    out = TextBuilder()
    for it in items:
        if isinstance(it, PdfTable):
            out.table(it.grid, "pdf", page=it.page, row_pages=it.row_pages)
        else:
            out.paragraph(it.text, HEADING if it.heading else "paragraph", page=it.page, continues=it.continues)
    doc = out.document("pdf", path)
    if not doc.text.strip():
        raise ReadError("scanned_pdf", "the PDF has a text layer without text")
    doc.pages = pages_from_blocks(doc.blocks, n_pages, len(doc.text))
    return doc
