"""The PDF reader: seed reports printed to PDF by LibreOffice come back with their tables."""
from __future__ import annotations

import io
import re
import shutil
import time

import pdfplumber
import pypdfium2 as pdfium
import pytest

from extract.config import Limits
from extract.pipeline import extract_path
from extract.read.errors import ReadError
from extract.read.formats import read_bytes, read_path
from extract.read.formats._pdfpage import find_tables, page_edges
from extract.read.formats._pdfpage import Char
from extract.read.formats.pdf import _has_text_layer

from pdf_makers import image_pdf, junk_glyphs_pdf, minimal_pdf, open_table_pdf
from reader_helpers import (FIXTURES, SEED_000, STEMS, assert_offsets, cell_with, indicator_rows,
                            indicator_table, seed_000_indicator_rows, squash)

PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


def test_indicator_rows_are_the_seeds(pdf_000):
    """Names, targets like `≧40 个`, actuals, weights and scores, row for row."""
    rows = indicator_rows(indicator_table(pdf_000))
    assert rows == seed_000_indicator_rows()
    assert ("积极开展科技特派员工作、可持续发展实验区建设", "≧40个", "≧40个", "4", "4") in rows


def test_the_long_table_is_one_table_over_three_pages(pdf_000):
    table = indicator_table(pdf_000)
    assert len(list(pdf_000.tables())) == 1
    assert sorted(set(r.page for r in table.rows)) == [1, 2, 3]
    assert [p.number for p in pdf_000.pages] == [1, 2, 3]


def test_every_offset_has_the_right_page(pdf_000):
    for row in indicator_table(pdf_000).rows:
        for cell in row.cells:
            assert pdf_000.page_at(cell.start) == cell.page == row.page
    assert pdf_000.page_at(pdf_000.text.index("新认定高新技术企业")) == 2
    assert pdf_000.page_at(pdf_000.text.index("99.82")) == 3


def test_a_row_split_by_the_page_break_is_merged_back(pdf_000):
    """Page 1 ends inside the row of 创新创业服务平台: its 三级指标 continues on page 2."""
    table = indicator_table(pdf_000)
    row = next(r for r in table.rows if any(c.text == "创新创业服务平台" for c in r.cells))
    assert row.cells[3].text == "兑现科技创新政策奖补，实施一批科技计划项目等"
    assert not any(squash(r.cells[3].text) == "施一批科技计划项目等" for r in table.rows)


def test_merged_cells_keep_their_text_once_and_span(pdf_000):
    table = indicator_table(pdf_000)
    output = cell_with(table, "产出指标")
    assert output.rowspan >= 14          # merged down over the 数量/质量/时效/成本 rows, across pages
    for r in range(output.row + 1, output.row + output.rowspan):
        covered = table.rows[r].cells[output.col]
        assert covered.text == "" and covered.start == covered.end
    header = cell_with(table, "部门(单位) 名称")
    assert header.colspan == 2


def test_page_number_footers_are_not_in_cells_or_text(pdf_000):
    assert not PAGE_NUMBER.search(pdf_000.text)
    for t in pdf_000.tables():
        for r in t.rows:
            for c in r.cells:
                assert not PAGE_NUMBER.search(c.text)


@pytest.mark.parametrize("stem", STEMS)
def test_table_cells_are_the_ones_pdfplumber_finds(stem):
    """Lines from PDFium through pdfplumber's algorithm: the same cells as pdfplumber itself."""
    data = (FIXTURES / "pdf" / f"{stem}.pdf").read_bytes()
    pdf = pdfium.PdfDocument(data)
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        for i, page in enumerate(plumber.pages):
            ours = find_tables(page_edges(pdf[i], pdf[i].get_height()))
            theirs = [t.cells for t in page.find_tables()]
            assert sorted(tuple(round(v, 1) for v in c) for t in ours for c in t) == \
                sorted(tuple(round(v, 1) for v in c) for t in theirs for c in t)


def test_prose_lines_are_joined_into_paragraphs():
    doc = read_path(FIXTURES / "pdf" / "003_a0527484f83c9cee.pdf")
    seed_line = "一是负责全市科学技术进步的宏观管理和统筹协调。"
    para = next(b for b in doc.blocks if doc.text[b.start:b.end].startswith(seed_line))
    assert doc.text[para.start:para.end].endswith("参与对全市经济社会发展有重大影响的跨部门、多学科综合性项目的论证与决策。")


def test_a_table_left_open_at_the_page_break_keeps_its_rows():
    """No line under page 1's last row, none over page 2's first: the rows are still cells,
    page 2's first row continues page 1's last, the page numbers stay out."""
    doc = read_bytes(open_table_pdf(), "open.pdf")
    (table,) = doc.tables()
    assert [r.texts() for r in table.rows] == [["Name", "Target", "Note"], ["alpha", "40", "first"],
                                               ["beta", "50", "long note continues"], ["gamma", "60", "last"]]
    assert [r.page for r in table.rows] == [1, 1, 1, 2]
    assert doc.text == "Name\tTarget\tNote\nalpha\t40\tfirst\nbeta\t50\tlong note continues\ngamma\t60\tlast"
    assert_offsets(doc)


# ---------------------------------------------------------------- bad input

def _error(tmp_path, name: str, data: bytes, limits: Limits | None = None) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as e:
        read_path(path, limits)
    record = extract_path(path)
    assert record["error"].startswith(e.value.code) and record["fields"] == []
    assert record["error_code"] == e.value.code
    return e.value.code


def test_corrupt_pdf(tmp_path):
    assert _error(tmp_path, "bad.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40) == "corrupt"


def test_truncated_pdf_is_corrupt_or_readable_never_a_crash(tmp_path):
    data = (FIXTURES / "pdf" / f"{SEED_000}.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    record = extract_path(path)
    assert "error" not in record or record["error_code"] == "corrupt"


def test_encrypted_pdf_without_password(tmp_path):
    assert _error(tmp_path, "locked.pdf", minimal_pdf(1, encrypt=True)) == "encrypted"


def test_zero_byte_pdf(tmp_path):
    assert _error(tmp_path, "empty.pdf", b"") == "empty"


def test_html_saved_as_pdf(tmp_path):
    page = b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>"
    assert _error(tmp_path, "report.pdf", page) == "mislabelled"


def test_thousand_page_pdf_is_refused_before_parsing_pages(tmp_path):
    data = minimal_pdf(1000)
    started = time.perf_counter()
    assert _error(tmp_path, "huge.pdf", data) == "too_many_pages"
    assert time.perf_counter() - started < 10      # bounded: no page was parsed


def test_small_pdf_within_limits_reads(tmp_path):
    doc = read_bytes(minimal_pdf(3, text="Budget 2023"), "x.pdf")
    assert doc.text.split("\n") == ["Budget 2023"] * 3 and len(doc.pages) == 3


def test_junk_text_layer_is_not_a_text_layer():
    """Glyph codes without ToUnicode read as control characters and Latin-1 junk."""
    junk = [Char(ch, 0, 1, 0, 1, 10) for ch in "\x01\x02\x03ÃÄÅÆ\x05\x06" * 50]
    chinese = [Char(ch, 0, 1, 0, 1, 10) for ch in "部门整体支出绩效自评报告" * 20]
    assert not _has_text_layer([junk])
    assert _has_text_layer([chinese])
    assert not _has_text_layer([[], []])


def test_a_junk_text_layer_is_treated_as_a_scan(tmp_path):
    """Glyph codes without ToUnicode are not text: OCR (which finds nothing on these glyphs)
    or scanned_pdf, never a record built from junk."""
    assert _error(tmp_path, "junk.pdf", junk_glyphs_pdf()) == "scanned_pdf"


# ---------------------------------------------------------------- scanned

@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scan")
    pdf = pdfium.PdfDocument(str(FIXTURES / "pdf" / "002_70434b0b5ae2a5f1.pdf"))
    png = tmp / "page.png"
    pdf[0].render(scale=200 / 72).to_pil().save(png)
    out = tmp / "scan.pdf"
    image_pdf(png, out)
    return out


def test_scanned_pdf_without_tesseract_is_an_error(scanned_pdf, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    with pytest.raises(ReadError) as e:
        read_path(scanned_pdf)
    assert e.value.code == "scanned_pdf" and "tesseract-ocr-chi-sim" in e.value.message


@pytest.fixture(scope="module")
def tesseract():
    from extract.read.formats.ocr import tesseract_languages
    langs = tesseract_languages()
    if not langs or "chi_sim" not in langs:
        pytest.skip("tesseract with chi_sim is not installed (scripts/system.d/10-documents.sh)")


@pytest.mark.slow
def test_scanned_pdf_is_ocred_when_tesseract_is_installed(scanned_pdf, tesseract):
    doc = read_path(scanned_pdf)
    assert doc.meta["text_layer"] is False and doc.pages[0].number == 1
    text = squash(doc.text)
    assert "部门整体支出绩效评价报告" in text
    assert "桃源县科学技术局" in text


def test_a_paragraph_cut_by_a_page_break_stays_one_line_with_both_pages():
    doc = read_path(FIXTURES / "pdf" / "003_a0527484f83c9cee.pdf")
    glued = [(a, b) for a, b in zip(doc.blocks, doc.blocks[1:])
             if a.table is None and b.table is None and a.end == b.start]
    assert glued
    for a, b in glued:
        assert b.page == a.page + 1
        assert doc.page_at(a.end - 1) == a.page and doc.page_at(b.start) == b.page
    assert "全年预算执行率为 92.33%" in doc.text      # wrapped before 执行率 on page 10: joined back


@pytest.mark.parametrize("footer", ["— 3 —", "- 3 -", "3", "第 3 页", "第3页，共12页", "共12页 第3页", "3/12", "Page 3 of 12"])
def test_page_number_shapes_in_the_margins_are_dropped(footer):
    from extract.read.formats._pdftext import Line
    from extract.read.formats.pdf import _strip_page_numbers
    height = 800.0
    body = Line("产出指标 3", 50, 500, 400, 410, 10)
    lines = [Line(footer, 280, 320, 20, 30, 10), body, Line(footer, 280, 320, 770, 780, 10)]
    assert _strip_page_numbers(lines, height) == [body]
    assert _strip_page_numbers([Line(footer, 280, 320, 400, 410, 10)], height) != []   # mid-page: kept


@pytest.fixture(scope="module")
def mixed_pdf(scanned_pdf, tmp_path_factory):
    """A typed report (seed 004, 2 pages) with a scanned page attached as page 3."""
    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(str(FIXTURES / "pdf" / "004_6f163e2949542c61.pdf")))
    out.import_pages(pdfium.PdfDocument(str(scanned_pdf)))
    path = tmp_path_factory.mktemp("mixed") / "mixed.pdf"
    out.save(str(path))
    return path


def test_scanned_pages_in_a_text_pdf_are_named_when_not_read(mixed_pdf, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    doc = read_path(mixed_pdf)
    assert doc.meta["pages_not_read"] == [3] and "tesseract" in doc.meta["warning"]
    assert "2020年部门整体支出绩效目标申报表" in squash(doc.text)
    assert [p.number for p in doc.pages] == [1, 2, 3]


@pytest.mark.slow
def test_scanned_pages_in_a_text_pdf_are_ocred(mixed_pdf, tesseract):
    doc = read_path(mixed_pdf)
    assert doc.meta["ocr_pages"] == [3]
    ocr_at = squash(doc.text).index("桃源县科学技术局")
    assert squash(doc.text).index("2020年部门整体支出绩效目标申报表") < ocr_at
    assert doc.page_at(doc.text.index("桃源县")) == 3
    assert list(doc.tables())          # the typed pages keep their tables
