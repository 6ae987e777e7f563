"""Small generators of PDF files for the bad-input tests (no library writes these)."""
from __future__ import annotations

import os


def minimal_pdf(n_pages: int, text: str = "Hello", encrypt: bool = False) -> bytes:
    """A valid PDF of `n_pages` pages sharing one content stream; optionally encrypted
    (standard handler, revision 2) with a user password we do not give."""
    content = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    first_page = 5
    objs: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    }
    kids = []
    for i in range(n_pages):
        num = first_page + i
        kids.append(f"{num} 0 R")
        objs[num] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                     b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
    objs[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {n_pages} >>".encode()
    enc_num = first_page + n_pages
    if encrypt:
        o, u = os.urandom(32).hex(), os.urandom(32).hex()
        objs[enc_num] = f"<< /Filter /Standard /V 1 /R 2 /O <{o}> /U <{u}> /P -4 >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
    trailer = f"trailer\n<< /Size {size} /Root 1 0 R"
    if encrypt:
        ident = os.urandom(16).hex()
        trailer += f" /Encrypt {enc_num} 0 R /ID [<{ident}> <{ident}>]"
    out += (trailer + f" >>\nstartxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def image_pdf(png_path, out_path) -> None:
    """A 'scanned' PDF: the page image only, no text layer (as a scanner writes it)."""
    from PIL import Image
    Image.open(png_path).convert("RGB").save(out_path, "PDF", resolution=150.0)
