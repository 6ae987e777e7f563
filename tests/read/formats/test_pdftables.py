"""Joining a table continued on the next page: the rules of `_pdftables.join_continued`."""
from __future__ import annotations

from extract.read.formats._grid import GridCell
from extract.read.formats._pdftables import PdfTable, join_continued, same_columns

XS = [0.0, 100.0, 200.0, 300.0]


def table(rows, page, xs=XS) -> PdfTable:
    grid = [[GridCell(t, page=page) if isinstance(t, str) else t for t in row] for row in rows]
    return PdfTable(grid, list(xs), [], (0, 0, 0, 0), page, [page] * len(rows))


def texts(t: PdfTable):
    return [[c.text if c is not None else None for c in row] for row in t.grid]


def test_rows_are_appended_and_keep_their_page():
    a = table([["指标", "目标值", "完成值"], ["新增高企", "30", "45"]], 1)
    b = table([["培训", "10", "10"]], 2)
    join_continued(a, b)
    assert texts(a)[-1] == ["培训", "10", "10"] and a.row_pages == [1, 1, 2]


def test_a_repeated_header_row_is_dropped():
    a = table([["指标", "目标值", "完成值"], ["新增高企", "30", "45"]], 1)
    b = table([["指标", "目标值", "完成值"], ["培训", "10", "10"]], 2)
    join_continued(a, b)
    assert texts(a) == [["指标", "目标值", "完成值"], ["新增高企", "30", "45"], ["培训", "10", "10"]]


def test_a_split_row_is_merged_into_the_row_above():
    a = table([["产出", "开展科技活动周宣传", "成功举办"]], 1)
    b = table([["", "活动", "1 次"], ["质量", "达标率", "100%"]], 2)
    join_continued(a, b)
    assert texts(a) == [["产出", "开展科技活动周宣传活动", "成功举办1 次"], ["质量", "达标率", "100%"]]
    assert a.row_pages == [1, 2]


def test_a_new_row_with_its_own_figures_is_not_a_split_row():
    a = table([["产出", "新增高企", "30"]], 1)
    b = table([["", "培训", "10"]], 2)           # leading cell empty (merged 产出 above), but a figure
    join_continued(a, b)
    assert texts(a) == [["产出", "新增高企", "30"], ["", "培训", "10"]]


def test_a_merged_cell_cut_by_the_break_extends_its_rowspan():
    top = GridCell("产出指标", rowspan=2, page=1)
    a = table([[top, "新增高企", "30"], [None, "培训", "10"]], 1)
    cut = GridCell("", rowspan=2, page=2)
    b = table([[cut, "宣传", "5"], [None, "验收", "8"]], 2)
    join_continued(a, b)
    assert top.rowspan == 4
    assert texts(a)[2] == [None, "宣传", "5"] and texts(a)[3] == [None, "验收", "8"]


def test_columns_must_line_up():
    assert same_columns(table([["a"]], 1), table([["b"]], 2, [1.0, 101.0, 199.0, 302.0]))
    assert not same_columns(table([["a"]], 1), table([["b"]], 2, [0.0, 150.0, 300.0]))
