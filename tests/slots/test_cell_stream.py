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


def test_header_words_no_list_has_between_the_names_and_the_points():
    # 指标解释说明 and 评分要点 are no header words of the forms; standing between 三级指标 and 分值
    # they are columns of their own, so 分值 and 评分 keep their places
    cells = stream_cells("序号\n一级指标\n二级指标\n三级指标\n指标解释说明\n评分要点\n分值\n评分\n备注\n1\n决策")
    cols, j = _header_at(cells, 1)
    assert cols == ["level1", "level2", "name", "skip", "skip", "weight", "score", "skip"]
    assert cells[j].text == "1"


def test_unknown_words_not_followed_by_points_end_the_header():
    # a phrase after the names that no points column follows is the body's first row, not a column
    cells = stream_cells("一级指标\n二级指标\n三级指标\n产出指标\n数量指标\n培训人数\n完成情况")
    assert "skip" not in _header_at(cells, 0)[0]
    cells = stream_cells("一级指标\n二级指标\n三级指标\n指标解释\n分值\n得分\n产出指标\n数量指标\n培训农户人数\n"
                         "参训农户数\n10\n10")
    cols, j = _header_at(cells, 0)
    assert cols == ["level1", "level2", "name", "skip", "weight", "score"]
    assert cells[j].text == "产出指标"


def test_a_stray_tab_in_a_cell_between_bars_is_no_cell():
    lines = ["三级指标", "|", "指标解释", "|", "分值", "|", "得分", "|", "|",
             "立项依据充分性", "|", "项目立项符合国家法律法规\t", "|", "3", "|", "2.5", "|", "|",
             "立项程序规范性", "|", "按照规定的程序申请设立\t", "|", "2", "|", "2", "|", "|"]
    texts = [c.text for c in stream_cells("\n".join(lines))]
    at = texts.index("项目立项符合国家法律法规")
    assert [t for t in texts[at:at + 3]] == ["项目立项符合国家法律法规", "3", "2.5"]


def test_a_cell_alone_on_its_line_wrapped_inside_its_bracket_is_one_cell():
    # '相关性(5 分)' printed with every gap a line break: the short line closing the bracket is the
    # same cell's rest, not a cell of its own (it would shift the row's 分值 and 得分)
    texts = [c.text for c in stream_cells("三级指标\n得分\n相关性(5\n分)\n5\n明确性(5\n分)\n5")]
    assert texts == ["三级指标", "得分", "相关性(5分)", "5", "明确性(5分)", "5"]
    # a closed bracket, or a long line after an open one, is no such rest
    assert [c.text for c in stream_cells("相关性(5分)\n分)\n5")] == ["相关性(5分)", "分)", "5"]
    assert [c.text for c in stream_cells("培训人数(\n参训农户人数达到预期目标)\n5")][1] == "参训农户人数达到预期目标)"
