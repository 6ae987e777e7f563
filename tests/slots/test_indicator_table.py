"""Indicator tables: carry-down, page-break rejoin, template rows, totals."""
from extract.pipeline import extract_document
from extract.read.formats import read_path

from tests.conftest import SEEDS


def _extract(name):
    return extract_document(read_path(SEEDS / f"{name}.txt"))


def test_a_row_broken_across_a_page_is_rejoined_seed_000():
    ex = _extract("000_a14a1736b6f849a3")
    row = next(i for i in ex.indicators if i.actual and i.actual.value == 807.95)
    assert row.level2 == "成本指标"
    assert row.name == "兑现科技创新政策奖补，实施一批科技计划项目等"
    assert row.content == "按《关于推动科技术创新发展的若干政策》进行奖补。"
    assert row.target.raw == "实际按下拨文件为准" and row.target.value is None
    eco = next(i for i in ex.indicators if i.level2 == "生态效益指标")
    assert eco.content.endswith("不予以支持。")


def test_merged_level_cells_carry_down_and_empty_template_rows_are_left_out_seed_000():
    ex = _extract("000_a14a1736b6f849a3")
    assert len(ex.indicators) == 18                      # the 经济效益指标 row has no name: left out
    assert [i.level1 for i in ex.indicators].count("产出指标") == 14
    sat = ex.indicators[-1]
    assert (sat.level1, sat.level2, sat.weight, sat.score) == ("满意度指标", "服务对象满意度指标", 10, 10)


def test_total_row_gives_the_self_score_when_the_table_has_scores():
    assert _extract("000_a14a1736b6f849a3").number("evaluation.self_score") == 99.82
    # seed 001's 得分 column is empty: its 总分 100 is the weight total, not a self-score
    assert _extract("001_8d2ed8e02b6fd233").field("evaluation.self_score") is None


def test_names_drop_list_ordinals_and_units_come_from_the_name_bracket_seed_001():
    ex = _extract("001_8d2ed8e02b6fd233")
    first = ex.indicators[0]
    assert first.name == "新增高企业认定（个）"
    assert (first.target.value, first.target.unit, first.actual.value) == (45, "个", 59)
    assert len(ex.indicators) == 13


def test_a_declaration_keeps_compound_targets_raw_and_canonical_levels_seed_004():
    ex = _extract("004_6f163e2949542c61")
    assert [i.level2 for i in ex.indicators][4:] == ["经济效益指标", "社会效益指标", "生态效益指标",
                                                   "可持续影响指标", "服务对象满意度指标"]
    assert ex.indicators[0].target.raw == "100家、180家" and ex.indicators[0].target.value is None
    assert ex.indicators[-1].level1 == "效益指标"


def test_header_and_funding_lines_are_not_indicator_rows():
    from extract.slots.indicator_table import not_an_indicator
    from extract.slots.normalize import parse_value
    from extract.slots.record import Indicator
    assert not_an_indicator(Indicator(name="二级指标", target=parse_value("三级指标"))) == "header"
    assert not_an_indicator(Indicator(name="考值参分指标值(八)全年实际值(B)得分未完成原因分析", target=parse_value("4项"))) == "header"
    assert not_an_indicator(Indicator(name="目总投资", target=parse_value("174.78万元"))) == "funding"
    assert not_an_indicator(Indicator(name="西坪镇尧山村| | 桃舟乡吾培村")) == "cells"
    assert not_an_indicator(Indicator(name="成本指标(0-20)分", target=parse_value("经济成本指标"))) == "level_as_value"
    assert not_an_indicator(Indicator(name="学生受资助人数", target=parse_value("≧735人次"))) is None


def test_rows_of_several_cells_run_together_are_not_indicators():
    from extract.slots.indicator_table import not_an_indicator
    from extract.slots.normalize import parse_value
    from extract.slots.record import Indicator
    # p048's OCR: a level's '(5分)' glued before the name; four figures inside one 'name'
    assert not_an_indicator(Indicator(name="(5分)公用经费标准5符合相关文件要求", target=parse_value("5"))) == "run_on"
    assert not_an_indicator(Indicator(name="目立项相关性2一按照学校管理2可行性2实际工作需求2适当性", target=parse_value("2项"))) == "run_on"
    assert not_an_indicator(Indicator(name="举办科技培训10场次，发布科技成果信息100条", target=parse_value("≥10场次"))) is None
    # a name that is a whole sentence counting things, each figure with its measure, is one row's name
    assert not_an_indicator(Indicator(name="完成全县12个乡镇、45个行政村农村饮水工程，新建供水管网36公里、改造管网18公里，"
                                           "保障2.3万农村居民饮水安全", target=parse_value("≥5处"))) is None
