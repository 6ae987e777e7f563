"""Every reader's offsets: each cell, row and block points at its own text in doc.text."""
from __future__ import annotations

import pytest

from extract.read.formats import read_path

from reader_helpers import FIXTURES, STEMS, assert_offsets

FORMATS = ("pdf", "docx", "xlsx", "html")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_offsets_point_at_cell_text(fmt, stem):
    doc = read_path(FIXTURES / fmt / f"{stem}.{fmt}")
    assert doc.format == fmt
    assert_offsets(doc)


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_pages_cover_the_text_without_gaps(stem):
    doc = read_path(FIXTURES / "pdf" / f"{stem}.pdf")
    assert doc.pages and doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
    assert all(a.end == b.start for a, b in zip(doc.pages, doc.pages[1:]))
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
