"""An outline line that runs the form's levels together ('一、产出指标:数量指标:…;质量指标:…'):
each 二级 word opens the items after it, which take it as their level2 (and its 一级), and the
word is no indicator's name. After an inline 成本指标 a cost stays (its level 成本指标, not the level before), a bare sum of
money whose name says no cost restates the budget: no row."""
from extract.read.document import Document
from extract.slots import prose_indicators
from extract.slots.record import Extraction


def _rows(text):
    doc = Document(text=text, path="x.txt", format="txt", id="x", meta={})
    ex = Extraction(document=doc)
    prose_indicators.extract(doc, ex)
    return [(i.name, i.level1, i.level2, i.actual.raw if i.actual else None) for i in ex.indicators]


def test_each_level_word_on_a_run_on_line_opens_the_items_after_it():
    rows = _rows("二、绩效目标完成情况\n一、产出指标：数量指标：培训农民500人；质量指标：培训合格率98%。")
    assert rows == [("培训农民", "产出指标", "数量指标", "500人"),
                    ("培训合格率", "产出指标", "质量指标", "98%")]


def test_the_level_word_is_not_taken_for_the_name():
    rows = _rows("二、绩效目标完成情况\n一、产出指标：数量指标，新建道路12公里。")
    assert [r[0] for r in rows] == ["新建道路"] and rows[0][2] == "数量指标"


def test_an_inline_cost_level_does_not_make_a_budget_sum_a_row():
    rows = _rows("二、绩效目标完成情况\n一、产出指标：成本指标：项目资金500万元；数量指标：培训农民500人。")
    assert "项目资金" not in [r[0] for r in rows]
    assert ("培训农民", "产出指标", "数量指标", "500人") in rows


def test_an_inline_cost_level_keeps_a_cost_under_its_own_level():
    rows = _rows("二、绩效目标完成情况\n一、产出指标：时效指标：完成时间12个月；成本指标：每亩种植成本300元。")
    assert ("每亩种植成本", "产出指标", "成本指标", "300元") in rows
