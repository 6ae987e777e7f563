"""The HTML reader: charset, the report without the site around it, rowspan/colspan."""
from __future__ import annotations

import pytest

from extract.read.errors import ReadError
from extract.read.formats import read_bytes, read_path
from extract.read.formats.html import decode_html

from reader_helpers import (FIXTURES, SEED_000, assert_offsets, cell_with, indicator_rows,
                            indicator_table, seed_000_indicator_rows)


def test_gbk_page_is_decoded_from_its_meta_charset():
    doc = read_path(FIXTURES / "html" / f"{SEED_000}.html")
    assert doc.meta["encoding"] == "gb18030"
    assert doc.text.startswith("部门整体自评表\n(2023 年)\n")


def test_navigation_header_footer_and_scripts_are_left_out():
    doc = read_path(FIXTURES / "html" / f"{SEED_000}.html")
    for junk in ("首页", "政策文件", "版权所有", "var nav", "第 1 页", "td{border"):
        assert junk not in doc.text


def test_rowspan_and_colspan_make_the_grid():
    doc = read_path(FIXTURES / "html" / f"{SEED_000}.html")
    table = indicator_table(doc)
    assert indicator_rows(table) == seed_000_indicator_rows(join_broken=False)
    output = cell_with(table, "产出指标")
    assert output.rowspan == 15
    assert cell_with(table, "部门(单位) 名称").colspan == 2


def test_same_text_as_the_docx_version():
    html = read_path(FIXTURES / "html" / f"{SEED_000}.html")
    docx = read_path(FIXTURES / "docx" / f"{SEED_000}.docx")
    assert html.text == docx.text


def test_charset_without_declaration():
    page = "<html><body><p>资金总额</p></body></html>"
    assert decode_html(page.encode("utf-8")) == (page, "utf-8")
    assert decode_html(page.encode("gbk"))[0] == page


def test_layout_tables_are_flow_data_tables_are_tables():
    page = """<html><body><table><tr><td><p>绩效自评报告</p>
      <table><tr><th>指标</th><th>目标值</th></tr><tr><td rowspan="2">数量</td><td>≥30 家</td></tr>
      <tr><td>45 家</td></tr></table></td></tr></table></body></html>"""
    doc = read_bytes(page.encode("utf-8"), "x.html")
    assert doc.text == "绩效自评报告\n指标\t目标值\n数量\t≥30 家\n\t45 家"
    (table,) = doc.tables()
    assert table.rows[1].cells[0].rowspan == 2
    assert_offsets(doc)


def test_page_without_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>load()</script><nav>首页</nav></body></html>", encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read_path(path)
    assert e.value.code == "empty"
