"""The XLSX reader: every sheet, merged ranges, numbers as Excel displays them."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from extract.read.errors import ReadError
from extract.read.formats import read_bytes, read_path
from extract.read.formats.xlsx import display

from reader_helpers import (FIXTURES, SEED_000, assert_offsets, cell_with, indicator_rows,
                            indicator_table, seed_000_indicator_rows)


@pytest.mark.parametrize("value, fmt, shown", [
    (0.1 + 0.2, "General", "0.3"),
    (2369.3, "General", "2369.3"),
    (6999.67, "0.00", "6999.67"),
    (42.0, "0.00", "42.00"),
    (1.0185, "0.00%", "101.85%"),
    (0.3199, "0.00%", "31.99%"),
    (0.85, "0%", "85%"),
    (12345.5, "#,##0.00", "12,345.50"),
    (10, "General", "10"),
    (1e20, "General", "100000000000000000000"),
    (dt.datetime(2024, 3, 27), "yyyy-mm-dd", "2024-03-27"),
])
def test_numbers_are_shown_as_excel_shows_them(value, fmt, shown):
    assert display(value, fmt) == shown


def test_seed_table_comes_back_with_its_figures():
    doc = read_path(FIXTURES / "xlsx" / f"{SEED_000}.xlsx")
    rows = indicator_rows(indicator_table(doc))
    assert rows == seed_000_indicator_rows(join_broken=False)
    assert ("积极开展科技特派员工作、可持续发展实验区建设", "≧40个", "≧40个", "4", "4") in rows
    line = next(ln for ln in doc.text.splitlines() if ln.startswith("资金情况"))
    assert line.split("\t")[:8] == ["资金情况（万元）", "年度资金总额", "2369.3", "9412.7", "6999.67", "10", "101.85%", "9.82"]


def test_merged_ranges_are_merged_cells():
    doc = read_path(FIXTURES / "xlsx" / f"{SEED_000}.xlsx")
    table = indicator_table(doc)
    output = cell_with(table, "产出指标")
    assert output.rowspan == 15
    assert all(table.rows[r].cells[output.col].text == "" for r in range(output.row + 1, output.row + 15))


def test_every_sheet_is_read_title_rows_become_paragraphs():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "部门整体"
    ws["A1"] = "2023年部门整体支出绩效自评表"
    ws.merge_cells("A1:C1")
    ws.append(["项目", "预算数", "执行数"])
    ws.append(["年度资金总额", 0.1 + 0.2, 5537.52])
    ws2 = wb.create_sheet("项目支出")
    ws2.append(["指标", "分值"])
    ws2.append(["满意度", 10])
    buf = io.BytesIO()
    wb.save(buf)
    doc = read_bytes(buf.getvalue(), "two.xlsx")
    assert doc.text == ("部门整体\n2023年部门整体支出绩效自评表\n项目\t预算数\t执行数\n年度资金总额\t0.3\t5537.52\n"
                        "项目支出\n指标\t分值\n满意度\t10")
    assert len(list(doc.tables())) == 2
    assert_offsets(doc)


def test_corrupt_xlsx(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"junk" * 50)
    with pytest.raises(ReadError) as e:
        read_path(path)
    assert e.value.code == "corrupt"
