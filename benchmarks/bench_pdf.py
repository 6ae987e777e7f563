#!/usr/bin/env python3
"""PDF reading speed: our reader (text + tables) against plain-text extraction.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat 3]

Builds a 20-page report from the committed PDF fixtures (seed tables and prose,
LibreOffice-made, CJK fonts) and prints pages per second, single process, for:
our PDF reader (PDFium characters and lines + pdfplumber's table algorithm);
pdfplumber doing the same job (find_tables + chars, pdfminer.six underneath);
pdfminer.six plain text alone; PDFium plain text alone (the floor).
"""
from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
PARTS = [("000_a14a1736b6f849a3", None), ("001_8d2ed8e02b6fd233", None), ("003_a0527484f83c9cee", 10)]


def build_report() -> bytes:
    """20 pages: seed 000 (3), seed 001 (7), the first 10 of seed 003."""
    out = pdfium.PdfDocument.new()
    for stem, n in PARTS:
        src = pdfium.PdfDocument(str(ROOT / "corpus" / "fixtures" / "pdf" / f"{stem}.pdf"))
        out.import_pages(src, list(range(min(n or len(src), len(src)))))
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def ours(data: bytes) -> int:
    from extract.config import Limits
    from extract.read.formats.pdf import read_pdf
    doc = read_pdf(data, "bench.pdf", Limits())
    return len(doc.pages)


def plumber_tables(data: bytes) -> int:
    import pdfplumber
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.chars
        return len(pdf.pages)


def pdfminer_text(data: bytes) -> int:
    from pdfminer.high_level import extract_text
    extract_text(io.BytesIO(data))
    return len(pdfium.PdfDocument(data))


def pdfium_text(data: bytes) -> int:
    pdf = pdfium.PdfDocument(data)
    for i in range(len(pdf)):
        pdf[i].get_textpage().get_text_range()
    return len(pdf)


def measure(fn, data: bytes, repeat: int) -> float:
    best = float("inf")
    pages = 0
    for _ in range(repeat):
        t = time.perf_counter()
        pages = fn(data)
        best = min(best, time.perf_counter() - t)
    return pages / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per method; the best is reported")
    args = ap.parse_args()
    data = build_report()
    n = len(pdfium.PdfDocument(data))
    print(f"report: {n} pages, {len(data)} bytes (seed fixtures 000, 001, 003)")
    rows = [("ours: text + tables (PDFium + pdfplumber algorithm)", ours),
            ("pdfplumber: extract_tables + chars (pdfminer.six)", plumber_tables),
            ("pdfminer.six: plain text only", pdfminer_text),
            ("pypdfium2: plain text only", pdfium_text)]
    for label, fn in rows:
        print(f"{label:<56} {measure(fn, data, args.repeat):8.1f} pages/s")


if __name__ == "__main__":
    main()
