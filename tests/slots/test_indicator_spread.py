"""Tables a copy printed out of row order (extract/slots/indicator_spread.py): column by column,
or every row's values spread in one block before the names."""
from __future__ import annotations

import re

from extract.slots.cell_stream import stream_cells
from extract.slots.indicator_spread import _column_major, _spread, _spread_by_points


def test_spread_block_with_more_names_than_rows_is_not_paired():
    # names and value rows that do not come out as many: which goes with which is not known
    head = "一级指标 二级指标 三级指标 年度 指标值 实际 完成值 分值 得分 =100% 100% 10 10 >=90% 95% 20 18 产出指标 数量指标 "
    assert len(_spread(stream_cells(head + "甲项完成率 丙项满意度 总分"))) == 2
    assert _spread(stream_cells(head + "甲项完成率 乙项完成率 丙项满意度 总分")) == []


def test_spread_block_levels_in_row_order_and_rows_without_points():
    # the value block first, then each row's level names (merged ones printed once) and name:
    # a 二级 heads the names after it when every 二级 printed heads at least one; 分值/得分
    # left empty: rows of 指标值 | 完成值, framed by figures and the repeated result words.
    text = ("一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 ≥3次 达成预期指标 100% 达成预期指标 "
            "2023年内 达成预期指标 产出指标 数量指标 开展交流活动 质量指标 验收合格率 时效指标 完成时间 总分")
    rows = _spread(stream_cells(text))
    assert [(r["level2"], r["name"].sq, r["values"]["target"].sq, r["values"]["actual"].sq) for r in rows] == [
        ("数量指标", "开展交流活动", "≥3次", "达成预期指标"), ("质量指标", "验收合格率", "100%", "达成预期指标"),
        ("时效指标", "完成时间", "2023年内", "达成预期指标")]
    two_under_one = text.replace("时效指标 完成时间", "完成时间")
    assert [r["level2"] for r in _spread(stream_cells(two_under_one))] == ["数量指标", "质量指标", "质量指标"]


def test_column_major_merged_levels_spread_by_their_printed_weights():
    # column by column, each merged level printed once with its block's weight: the rows whose
    # 分值 add up to it, in order, are its rows; without printed weights no level is guessed
    assert _spread_by_points([20, 10], [10, 10, 10]) == [2, 1]
    assert _spread_by_points([20, 10], [10, 5, 10]) is None
    head = "一级指标\n产出指标(30分)\n效益指标(10分)\n二级指标\n数量指标(20分)\n时效指标(10分)\n社会效益指标(10分)\n"
    rest = ("三级指标\n甲数量\n乙数量\n丙及时率\n丁效益\n年度指标值\n≥1个\n≥2个\n100%\n明显\n"
            "实际完成值\n1个\n2个\n100%\n明显\n分值\n10\n10\n10\n10\n得分\n10\n10\n9\n10")
    rows = _column_major(stream_cells(head + rest))
    assert [(r["level1"], r["level2"]) for r in rows] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "时效指标"), ("效益指标", "社会效益指标")]
    bare = re.sub(r"\(\d+分\)", "", head)
    assert [r["level2"] for r in _column_major(stream_cells(bare + rest))] == [None] * 4
