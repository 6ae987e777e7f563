"""The cell stream (extract/slots/cell_stream.py): a flattened table cut into cells, and the
forms' header words that name its columns however a copy split, marked or ran them together."""
from __future__ import annotations

from extract.slots.cell_stream import _header_at, _split_header_cells, stream_cells


def test_header_split_over_cells_and_markers():
    cells = stream_cells("一级\n指标\n二级指标 三级指标 年度指标值 全年 完成值 分值(分) 得分 偏差原因分析及\n改进措施\n产出指标")
    cols, j = _header_at(cells, 0)
    assert cols == ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"]
    assert cells[j].text == "产出指标"


def test_two_row_header_flattened_is_put_in_the_forms_order():
    cells = stream_cells("年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | "
                         "三级指标 | 指标性质 | 指标值 | 度量单位 | 产出指标 |")
    cols, _ = _header_at(cells, 0)
    assert cols == ["level1", "level2", "name", "op", "target", "unit", "actual", "weight", "score", "deviation"]


def test_header_run_together_after_a_title_and_with_other_words():
    cells = stream_cells("绩效指标(权重分值90分,其中产出指标权重分值50分)一级指标二级指标三级指标指标性质指标方向目标值计量单位分值备注")
    got = _split_header_cells(cells)
    assert [c.text for c in got][1:] == ["一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "目标值", "计量单位",
                                         "分值", "备注"]
    assert _header_at(got, 1)[0][:3] == ["level1", "level2", "name"]
