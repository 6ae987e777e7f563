"""Small generators of PDF files for the bad-input tests (no library writes these)."""
from __future__ import annotations

import os


def minimal_pdf(n_pages: int, text: str = "Hello", encrypt: bool = False) -> bytes:
    """A valid PDF of `n_pages` pages each showing `text`; optionally encrypted (standard
    handler, revision 2) with a user password we do not give."""
    content = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    return pdf_from_pages([content] * n_pages, encrypt)


HELVETICA = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_from_pages(contents: list[bytes], encrypt: bool = False, font: str = HELVETICA) -> bytes:
    """A PDF whose pages draw the given content streams (`font` as /F1, US Letter)."""
    objs: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: font.encode(),
    }
    streams: dict[bytes, int] = {}
    kids = []
    num = 4
    for content in contents:
        if content not in streams:
            streams[content] = num
            objs[num] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
            num += 1
    for content in contents:
        kids.append(f"{num} 0 R")
        objs[num] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                     b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % streams[content])
        num += 1
    objs[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(contents)} >>".encode()
    enc_num = num
    if encrypt:
        o, u = os.urandom(32).hex(), os.urandom(32).hex()
        objs[enc_num] = f"<< /Filter /Standard /V 1 /R 2 /O <{o}> /U <{u}> /P -4 >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
    trailer = f"trailer\n<< /Size {size} /Root 1 0 R"
    if encrypt:
        ident = os.urandom(16).hex()
        trailer += f" /Encrypt {enc_num} 0 R /ID [<{ident}> <{ident}>]"
    out += (trailer + f" >>\nstartxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def junk_glyphs_pdf(n_pages: int = 2) -> bytes:
    """Text drawn with a font that maps its codes to private glyph names and has no
    ToUnicode map, as subset fonts of some producers do: the text layer reads as control
    characters and punctuation, not as the report."""
    names = " ".join(f"/g{i:03d}" for i in range(1, 40))
    font = (f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
            f"/Encoding << /Type /Encoding /Differences [1 {names}] >> >>")
    codes = bytes(c for c in range(1, 40) if c not in b"()\\\r\n")
    lines = b"".join(b"BT /F1 12 Tf 72 %d Td (" % (700 - 16 * i) + codes + b") Tj ET\n" for i in range(30))
    return pdf_from_pages([lines] * n_pages, font=font)


def _text(x: float, y: float, s: str, size: int = 10) -> str:
    return f"BT /F1 {size} Tf {x} {y} Td ({s}) Tj ET\n"


def _hline(x0: float, x1: float, y: float) -> str:
    return f"{x0} {y} m {x1} {y} l S\n"


def _vline(x: float, y0: float, y1: float) -> str:
    return f"{x} {y0} m {x} {y1} l S\n"


COLS = (72, 200, 350, 500)


def open_table_pdf() -> bytes:
    """A ruled table broken over two pages the way word processors leave it: no line under
    the last row of page 1 and none over the first row of page 2, whose row continues the
    last row of page 1 (a split row); page numbers "- 1 -" and "- 2 -" at the foot."""
    p1 = "0.5 w\n" + _hline(72, 500, 700) + _hline(72, 500, 680) + _hline(72, 500, 660)
    p1 += "".join(_vline(x, 700, 100) for x in COLS)
    p1 += "".join(_text(x + 6, y, s) for y, row in ((686, ("Name", "Target", "Note")),
                                                   (666, ("alpha", "40", "first")),
                                                   (646, ("beta", "50", "long note")))
                  for x, s in zip(COLS, row))
    p1 += _text(290, 40, "- 1 -")
    p2 = "0.5 w\n" + _hline(72, 500, 720) + _hline(72, 500, 690)
    p2 += "".join(_vline(x, 750, 690) for x in COLS)
    p2 += _text(356, 735, "continues")
    p2 += "".join(_text(x + 6, 700, s) for x, s in zip(COLS, ("gamma", "60", "last")))
    p2 += _text(290, 40, "- 2 -")
    return pdf_from_pages([p1.encode(), p2.encode()])


def image_pdf(png_path, out_path) -> None:
    """A 'scanned' PDF: the page image only, no text layer (as a scanner writes it)."""
    from PIL import Image
    Image.open(png_path).convert("RGB").save(out_path, "PDF", resolution=150.0)
