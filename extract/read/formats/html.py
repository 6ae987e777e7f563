"""HTML report pages: the body text and its tables, without the site around them.

Government sites publish reports as pages in UTF-8 or GBK. The charset comes from a
BOM, then the `<meta charset>` / `http-equiv` declaration, then a strict UTF-8 try,
then GB18030 (a superset of GBK and GB2312). Scripts, styles, navigation, site
header/footer, forms and elements whose id/class name them (nav, menu, footer,
breadcrumb …) are removed before reading.

Tables follow the HTML grid rules (rowspan/colspan, cells covered by them empty). A
table holding another table, or with a single column or row, is page layout: its
cells are read as ordinary flow and only the inner data tables are tables.

Pathological nesting fails fast: a page whose elements nest deeper than `MAX_DEPTH` (real
report pages stay far below it; 100 000 nested `<div>`s took minutes) is `too_deep`.
"""
from __future__ import annotations

import re
from typing import Optional

from extract.config import Limits
from extract.read.document import HEADING, Document
from extract.read.errors import ReadError
from extract.read.formats._grid import Grid, GridCell, TextBuilder, drop_empty_rows, fold
from extract.read.formats._guard import guarded

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)
DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
             "button", "select", "input", "template", "svg", "object")
BOILERPLATE = re.compile(r"(^|[\s_\-])(nav|navbar|menu|header|head|top|footer|foot|bottom|breadcrumb|crumb|"
                         r"sidebar|side|share|copyright|banner|search|login|toolbar)([\s_\-\d]|$)", re.I)
BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
              "blockquote", "pre", "center", "dd", "dt", "dl", "tr", "td", "th", "body"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
MAX_DEPTH = 256          # elements inside elements; the reader walks the tree recursively
ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "utf8": "utf-8"}


def decode_html(data: bytes) -> tuple[str, str]:
    """The page text and the encoding it was read in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8"
    m = META_CHARSET.search(data[:8192])
    if m:
        name = m.group(1).decode("ascii").lower()
        name = ALIASES.get(name, name)
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace"), "gb18030"


@guarded("HTML")
def read_html(data: bytes, path: str, limits: Limits) -> Document:
    """Read one HTML file (see the module docstring); every failure is a ReadError."""
    from bs4 import BeautifulSoup
    text, encoding = decode_html(data)
    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception as e:
        raise ReadError("corrupt", f"the HTML cannot be parsed ({type(e).__name__}: {e})") from None
    body = soup.body or soup
    if _deeper_than(body, MAX_DEPTH):
        raise ReadError("too_deep", f"the HTML nests elements more than {MAX_DEPTH} deep, which no report page "
                        "does (a generated or damaged page); save the report itself (PDF, DOCX or its text)")
    _strip_boilerplate(body)
    out = TextBuilder()
    _Walker(out).walk(body)
    doc = out.document("html", path, {"encoding": encoding})
    if not doc.text.strip():
        raise ReadError("empty", "the HTML page has no text outside navigation and scripts "
                        "(a page that loads its content with JavaScript?); save the report itself")
    return doc


def _deeper_than(root, limit: int) -> bool:
    """Whether any element under `root` is more than `limit` elements deep (no recursion)."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in node.contents if getattr(c, "name", None) is not None)
    return False


def _strip_boilerplate(body) -> None:
    for tag in body.find_all(DROP_TAGS):
        tag.decompose()
    for tag in body.find_all(True):
        # not bs4's `tag.decomposed`: its lookup of `_decomposed` searches the whole subtree for a
        # tag of that name, which made this loop quadratic (minutes on a deeply nested page)
        if tag.__dict__.get("_decomposed") or tag.attrs is None:
            continue
        names = " ".join([tag.get("id") or ""] + list(tag.get("class") or []))
        if names.strip() and BOILERPLATE.search(names) and not tag.find("table"):
            tag.decompose()


class _Walker:
    """Flow text into paragraphs; data tables into grids."""

    def __init__(self, out: TextBuilder):
        self.out = out
        self.buf: list[str] = []
        self.kind = "paragraph"

    def flush(self) -> None:
        text = fold("".join(self.buf))
        if text:
            self.out.paragraph(text, self.kind)
        self.buf, self.kind = [], "paragraph"

    def walk(self, node) -> None:
        for child in node.children:
            name = getattr(child, "name", None)
            if name is None:
                if type(child).__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction", "CData"):
                    continue
                self.buf.append(str(child))
            elif name == "br":
                self.flush()
            elif name == "table":
                self.flush()
                if is_layout_table(child):
                    self.walk_layout(child)
                else:
                    self.out.table(table_grid(child), "html")
            elif name in BLOCK_TAGS:
                self.flush()
                if name in HEADINGS:
                    self.kind = HEADING
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def walk_layout(self, table) -> None:
        for tr in _rows(table):
            for cell in tr.find_all(["td", "th"], recursive=False):
                self.walk(cell)
                self.flush()


def _rows(table) -> list:
    rows = []
    for child in table.children:
        if getattr(child, "name", None) == "tr":
            rows.append(child)
        elif getattr(child, "name", None) in ("thead", "tbody", "tfoot"):
            rows.extend(child.find_all("tr", recursive=False))
    return rows


def is_layout_table(table) -> bool:
    """A table used for page layout, not data."""
    if table.find("table") is not None:
        return True
    rows = _rows(table)
    widths = [len(tr.find_all(["td", "th"], recursive=False)) for tr in rows]
    return len(rows) < 2 or max(widths, default=0) < 2


def table_grid(table) -> Grid:
    """The HTML table model: cells placed in the first free slot, spans reserving slots."""
    grid: Grid = []
    taken: set[tuple[int, int]] = set()
    for r, tr in enumerate(_rows(table)):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in taken:
                c += 1
            rs, cs = _span(td.get("rowspan")), _span(td.get("colspan"))
            for rr in range(r, r + rs):
                while len(grid) <= rr:
                    grid.append([])
                for cc in range(c, c + cs):
                    taken.add((rr, cc))
                    row = grid[rr]
                    row.extend([None] * (cc + 1 - len(row)))
            grid[r][c] = GridCell(_cell_text(td), rowspan=rs, colspan=cs)
            c += cs
    n_rows = len(_rows(table))
    return drop_empty_rows(grid[:n_rows])


def _cell_text(td) -> str:
    """The cell's text; line breaks and inner paragraphs become spaces, inline runs join."""
    for br in td.find_all("br"):
        br.replace_with(" ")
    for block in td.find_all(["p", "div", "li"]):
        block.append(" ")
    return fold(td.get_text())


def _span(value: Optional[str]) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1
