"""Characters, ruling lines and table cells of one PDF page, read with PDFium.

PDFium (pypdfium2) parses a page about 30× faster than pdfminer.six, so we take the
characters with their boxes and the path objects (ruling lines, cell borders drawn as
thin rectangles) from it, and hand the lines to pdfplumber's own table-finding
functions (snap and join edges, intersections, cells, tables): the same algorithm
as `pdfplumber.Page.find_tables()` with its default "lines" settings, without the
pdfminer parse. Coordinates are pdfplumber's: points, `top` measured from the top.
"""
from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c
from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

SNAP, JOIN, INTERSECT, MIN_EDGE = 3.0, 3.0, 3.0, 3.0
THIN = 3.0          # a filled rectangle thinner than this is a ruling line


class Char:
    """One glyph: its text, box (top measured from the page top), font size and centre."""
    __slots__ = ("text", "x0", "x1", "top", "bottom", "size", "cx", "cy")

    def __init__(self, text: str, x0: float, x1: float, top: float, bottom: float, size: float):
        self.text, self.x0, self.x1, self.top, self.bottom, self.size = text, x0, x1, top, bottom, size
        self.cx, self.cy = (x0 + x1) / 2, (top + bottom) / 2

    def __repr__(self) -> str:
        return f"Char({self.text!r}, {self.x0:.1f}, {self.top:.1f})"


BBox = tuple[float, float, float, float]   # x0, top, x1, bottom


def page_chars(textpage, height: float) -> list[Char]:
    """Every character PDFium reads on the page, with the spaces it infers from gaps."""
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw)
    rect = pdfium_c.FS_RECTF()
    out: list[Char] = []
    get_unicode, is_generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    is_hyphen, loose_box = pdfium_c.FPDFText_IsHyphen, pdfium_c.FPDFText_GetLooseCharBox
    for i in range(n):
        code = get_unicode(raw, i)
        if code in (0, 10, 13):
            continue            # PDFium's inferred line breaks; its inferred spaces are kept
        if code in (2, 0xFFFE) or (code == 0x2D and is_hyphen(raw, i) == 1):
            code = 0x2D         # a hyphen at a line end, which PDFium reports as a soft hyphen
        elif code < 32 and is_generated(raw, i) == 1:
            continue
        if 0xD800 <= code <= 0xDFFF:   # a surrogate half: take the pair as one character
            if code >= 0xDC00:
                continue
            nxt = get_unicode(raw, i + 1) if i + 1 < n else 0
            text = chr(0x10000 + ((code - 0xD800) << 10) + (nxt - 0xDC00)) if 0xDC00 <= nxt <= 0xDFFF else "\ufffd"
        else:
            text = chr(code)
        loose_box(raw, i, rect)
        top, bottom = height - rect.top, height - rect.bottom
        out.append(Char(text, rect.left, rect.right, top, bottom, bottom - top))
    return out


def has_image(page) -> bool:
    """Whether the page draws an image (at its top level: how scanners write pages)."""
    raw = page.raw
    return any(pdfium_c.FPDFPage_GetObject(raw, i) and
               pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, i)) == pdfium_c.FPDF_PAGEOBJ_IMAGE
               for i in range(pdfium_c.FPDFPage_CountObjects(raw)))


def _matrix(obj) -> tuple[float, ...]:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def page_edges(page, height: float) -> list[dict]:
    """Horizontal and vertical ruling segments of the page as pdfplumber edge dicts."""
    edges: list[dict] = []
    raw = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        _collect(pdfium_c.FPDFPage_GetObject(raw, i), None, height, edges, 0)
    return edges


def _collect(obj, outer, height: float, edges: list[dict], depth: int) -> None:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
        m = _matrix(obj) if outer is None else _compose(_matrix(obj), outer)
        for k in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            _collect(pdfium_c.FPDFFormObj_GetObject(obj, k), m, height, edges, depth + 1)
        return
    if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
        return
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
    if not fill.value and not stroke.value:
        return
    m = _matrix(obj) if outer is None else _compose(_matrix(obj), outer)
    for (x0, y0), (x1, y1) in _segments(obj, m):
        _add_edge(edges, x0, y0, x1, y1, height)
    if fill.value:   # a cell border drawn as a thin filled rectangle is one line
        xs, ys = _points(obj, m)
        if xs and ys:
            w, h = max(xs) - min(xs), max(ys) - min(ys)
            if h < THIN <= w:
                y = (max(ys) + min(ys)) / 2
                _add_edge(edges, min(xs), y, max(xs), y, height)
            elif w < THIN <= h:
                x = (max(xs) + min(xs)) / 2
                _add_edge(edges, x, min(ys), x, max(ys), height)


def _points(obj, m) -> tuple[list[float], list[float]]:
    xs, ys = [], []
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = m
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        xs.append(a * x.value + c * y.value + e)
        ys.append(b * x.value + d * y.value + f)
    return xs, ys


def _segments(obj, m):
    """Straight segments of a path in page space (move/line/close; curves skipped)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = m
    start = prev = None
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = prev = pt
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
            yield prev, pt
        prev = pt
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            yield pt, start
            prev = start


def _add_edge(edges: list[dict], x0: float, y0: float, x1: float, y1: float, height: float) -> None:
    if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= 1:
        lo, hi = min(x0, x1), max(x0, x1)
        top = height - (y0 + y1) / 2
        edges.append({"x0": lo, "x1": hi, "top": top, "bottom": top, "width": hi - lo, "height": 0.0,
                      "orientation": "h", "object_type": "line"})
    elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= 1:
        top, bottom = height - max(y0, y1), height - min(y0, y1)
        x = (x0 + x1) / 2
        edges.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                      "orientation": "v", "object_type": "line"})


def closing_edges(edges: list[dict]) -> list[dict]:
    """Top and bottom lines for every run of vertical rules.

    At a page break a word processor may leave a table open (no bottom line under the
    last row, no top line over the first): without them pdfplumber finds no cell there
    and the row's text is lost. Adding the lines where the vertical rules start and end,
    where no line is drawn across already, closes those rows."""
    verticals = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: e["top"])
    groups: list[list[dict]] = []
    for e in verticals:
        if groups and e["top"] <= max(g["bottom"] for g in groups[-1]) + JOIN:
            groups[-1].append(e)
        else:
            groups.append([e])
    horizontals = [e for e in edges if e["orientation"] == "h"]
    out = []
    for g in groups:
        xs = {round(e["x0"]) for e in g}
        if len(xs) < 2:
            continue
        x0, x1 = min(e["x0"] for e in g), max(e["x0"] for e in g)
        for y in (min(e["top"] for e in g), max(e["bottom"] for e in g)):
            if any(abs(h["top"] - y) <= SNAP and h["x0"] <= x0 + SNAP and h["x1"] >= x1 - SNAP for h in horizontals):
                continue            # the table is closed there already
            out.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
                        "orientation": "h", "object_type": "line"})
    return out


def find_tables(edges: list[dict]) -> list[list[BBox]]:
    """Cell boxes of each ruled table, as pdfplumber's "lines" strategy finds them when the
    table's outer top and bottom lines are given explicitly."""
    if not edges:
        return []
    merged = merge_edges(edges + closing_edges(edges), SNAP, SNAP, JOIN, JOIN)
    merged = [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"]) >= MIN_EDGE]
    if not any(e["orientation"] == "v" for e in merged) or not any(e["orientation"] == "h" for e in merged):
        return []
    cells = intersections_to_cells(edges_to_intersections(merged, INTERSECT, INTERSECT))
    return [t for t in cells_to_tables(cells) if len(t) >= 2]
