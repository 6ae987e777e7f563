"""Real layouts from the pool (read from ../shared, never copied): the values their gold gives.

Each test is one kind of layout the rules must read: a pipe funding table whose cells
lost their alignment, a one-cell-per-line form, a run-on preview, traditional script
with pinyin glosses, titles behind page metadata.
"""
from __future__ import annotations

import pytest

from extract.config import Config, replace_models
from extract.pipeline import extract_path

from tests.conftest import pool_reader

CFG = replace_models(Config(), use_models=False)


@pytest.fixture(scope="module")
def records():
    return pool_reader(lambda path: extract_path(path, CFG))


def fields(rec: dict) -> dict:
    out = {}
    for f in rec.get("fields", []):
        out.setdefault(f["slot"], f["value"]["value"])
    return out


def test_pipe_funding_row_shifted_against_its_header(records):
    # p016: '全年预算数(A) | 全年执行数(B) | 预算执行率…' over '年度资金总额: | 808.1 | 692.98 | 86% |';
    # '其中:中央财政资金' is a government-level split, not 财政拨款.
    f = fields(records("p016"))
    assert f["funding.total.full_year_budget"] == 808.1
    assert f["funding.total.executed"] == 692.98
    assert f["funding.total.execution_rate"] == 86
    assert not any(k.startswith("funding.fiscal") for k in f)
    assert f["report.project_name"] == "就业补助资金"
    assert f["report.department"] == "淮南市田家庵区人力资源和社会保障局"


def test_pipe_funding_with_code_prefixed_project_name(records):
    # p019: the project code before the name is dropped; '其中:财政资金' is the fiscal row.
    f = fields(records("p019"))
    assert f["report.project_name"] == "2023年全县安可替代补助资金项目"
    assert f["funding.total.initial_budget"] == 0
    assert f["funding.total.full_year_budget"] == 3.36
    assert f["funding.total.executed"] == 3.36
    assert f["funding.total.execution_rate"] == 100
    assert f["funding.fiscal.full_year_budget"] == 3.36


def test_funding_amounts_in_yuan_with_a_blank_column(records):
    # p021: amounts in 元 (÷10000); one amount column blank, the rate agrees with the other two.
    f = fields(records("p021"))
    assert f["funding.total.full_year_budget"] == pytest.approx(38.766462)
    assert f["funding.total.executed"] == pytest.approx(38.766462)
    assert f["funding.total.execution_rate"] == 100
    assert "funding.total.initial_budget" not in f


def test_one_cell_per_line_funding_table(records):
    # p018: header cells and the row's figures one per line.
    f = fields(records("p018"))
    assert f["funding.total.initial_budget"] == 99
    assert f["funding.total.weight"] == 10
    assert f["funding.total.score"] == 10
    assert f["funding.fiscal.execution_rate"] == 100


def test_run_on_preview_with_glued_figures(records):
    # p039: traditional script with pinyin, a whole form on one line: '合計6363100%'.
    f = fields(records("p039"))
    assert f["report.kind"] == "project_self_eval_table"
    assert f["report.department"] == "蔡甸區園林和林業局"
    assert f["report.project_name"] == "區級森林防火專項經費"
    assert f["funding.total.full_year_budget"] == 63
    assert f["funding.total.execution_rate"] == 100
    assert f["funding.fiscal.executed"] == 63


def test_section_weight_from_the_funding_block_header(records):
    # p035: '預算執行情況(萬元)(20分)' gives the funding row's weight.
    f = fields(records("p035"))
    assert f["funding.total.weight"] == 20
    assert f["funding.total.score"] == 20
    assert f["funding.total.full_year_budget"] == 10


def test_dept_table_rows_of_expenditure_types(records):
    # p043: 基本支出 / 项目支出 rows under 年初预算数(A) | 全年执行数(B) give expenditure actuals.
    f = fields(records("p043"))
    assert f["funding.total.initial_budget"] == 1172.55
    assert f["funding.total.executed"] == 1268.72
    assert f["expenditure.basic"] == 914.97
    assert f["expenditure.project"] == 353.75
    assert "report.fiscal_year" not in f            # only a 填报日期 is stated


def test_title_behind_page_metadata(records):
    # p002: the title is the value of a '名称: | … |' metadata cell; the department the 发布机构.
    f = fields(records("p002"))
    assert f["report.kind"] == "project_self_eval_report"
    assert f["report.fiscal_year"] == 2023
    assert f["report.department"] == "枞阳县卫生健康委员会"
    assert "国家基本公共卫生服务" in f["report.project_name"]


def test_traditional_narrative_with_labelled_lines(records):
    # p013: 項目名稱: / 評價年度: / 預算部門單位(公章): lines, pinyin glosses dropped.
    f = fields(records("p013"))
    assert f["report.kind"] == "project_self_eval_report"
    assert f["report.fiscal_year"] == 2022
    assert f["report.department"] == "遂溪縣水務局"
    assert f["report.project_name"] == "遂溪縣山內水庫等13宗水庫除險加固工程"


def test_publisher_abbreviation_completed_from_the_text(records):
    # p012: 发布机构 '市水利局', written in full in the text as 重庆市水利局.
    assert fields(records("p012"))["report.department"] == "重庆市水利局"


def test_signature_line_is_the_department(records):
    # p007: the report is signed 中共保山市委办公室 at its end.
    assert fields(records("p007"))["report.department"] == "中共保山市委办公室"


def indicators(rec: dict) -> dict:
    return {i["name"]: i for i in rec.get("indicators", [])}


def test_pipe_indicator_rows_with_a_flattened_two_row_header(records):
    # p021: the header's cells out of order, the first data row run into it, a row broken
    # over three lines ('减轻…负担 |', '| 有效 |', '| 有效 | 10 | 10 |'), totals after a note.
    rec = records("p021")
    ind = indicators(rec)
    assert ind["学生受资助人数"]["target"]["op"] == ">=" and ind["学生受资助人数"]["target"]["value"] == 735
    assert ind["学生受资助人数"]["actual"]["value"] == 735 and ind["学生受资助人数"]["actual"]["unit"] == "人次"
    assert ind["生均补助标准达标率"]["level2"] == "成本指标"
    assert ind["减轻贫困学生家庭经济负担"]["target"]["raw"] == "有效"
    assert ind["减轻贫困学生家庭经济负担"]["weight"] == 10
    assert ind["家长满意度"]["level2"] == "服务对象满意度指标"
    assert ind["家长满意度"]["score"] == 10
    f = fields(rec)
    assert f["evaluation.self_score"] == 96
    assert f["evaluation.grade"] == "优"
    assert f["funding.fiscal.executed"] == pytest.approx(38.766462)
    assert "funding.fiscal.initial_budget" not in f


def test_space_separated_indicator_rows(records):
    # p028: '数量指标 指标1.药品抽验品种 ≥3 4'; a name-only template row is kept.
    ind = indicators(records("p028"))
    assert ind["药品抽验品种"]["target"]["op"] == ">=" and ind["药品抽验品种"]["target"]["value"] == 3
    assert ind["药品抽验品种"]["actual"]["value"] == 4
    assert ind["培训人员覆盖率"]["level2"] == "质量指标"
    assert "不合格产品处置率" in ind


def test_outline_indicators_under_level_headings(records):
    # p040: '数量指标:布防飞机数量≥6架,实际布防6架' -> target and actual of one indicator.
    ind = indicators(records("p040"))
    assert ind["布防飞机数量"]["target"]["op"] == ">=" and ind["布防飞机数量"]["target"]["value"] == 6
    assert ind["布防飞机数量"]["actual"]["value"] == 6
    assert ind["飞机飞行时长"]["actual"]["value"] == 909.93
    # p023: 'name: 一个季度…一次,共4次' under (1)数量指标 / (2)成本指标 headings: actuals.
    ind = indicators(records("p023"))
    assert ind["开展工作督导"]["actual"]["value"] == 4
    assert ind["开展技术指导"]["level2"] == "成本指标"


def test_run_on_indicator_table_cut_at_its_repeated_result_phrase(records):
    # p039: '產出數量滅火設備配備率100%1000件達成預期指標監控系統…' on one line, traditional script.
    ind = indicators(records("p039"))
    assert ind["滅火設備配備率"]["level2"] == "数量指标"
    assert ind["滅火設備配備率"]["target"]["value"] == 100
    assert ind["滅火設備配備率"]["actual"]["value"] == 1000
    assert ind["森林火災火因查明率"]["target"]["op"] == ">=" and ind["森林火災火因查明率"]["target"]["value"] == 95
    assert ind["森林火災火因查明率"]["actual"]["raw"] == "達成預期指標"
    assert ind["森林火災受害面積"]["target"]["op"] == "<"
    assert ind["人員傷亡事故"]["level2"] == "经济效益指标"


def test_one_cell_per_line_indicator_table(records):
    # p027: levels, '指标1:name', target, actual, score, each on its own line.
    ind = indicators(records("p027"))
    assert ind["违法案件查办率"]["level2"] == "质量指标"
    assert ind["违法案件查办率"]["actual"]["value"] == 100
    assert ind["违法案件查办率"]["score"] == 4
    assert ind["食品监管专项工作整体完成时间"]["level2"] == "时效指标"
    assert ind["辖区内公众食品安全科普知识素养"]["target"]["raw"] == "逐步提高"
    assert ind["辖区内公众食品安全科普知识素养"]["level1"] == "效益指标"


def test_vertical_label_unit_value_form(records):
    # p006: '计划安排资金 (万元) |' then '1208.75 |' on the next line; 计划安排 is the initial budget.
    f = fields(records("p006"))
    assert f["funding.total.initial_budget"] == 1208.75
    assert f["funding.total.executed"] == 991.51
    assert f["report.project_name"] == "低保专项"
    assert f["report.fiscal_year"] == 2016          # 项目起止时间 2016年1月起至2016年12月止


def test_declaration_run_on_budget_by_source(records):
    # p011: '年度资金总额及构成总额10606.7522万元财政拨款:6923.3552万元…三、其他:3683.3970万元'
    f = fields(records("p011"))
    assert f["report.kind"] == "target_declaration"
    assert f["funding.total.initial_budget"] == pytest.approx(10606.7522)
    assert f["funding.fiscal.initial_budget"] == pytest.approx(6923.3552)
    assert f["funding.other.initial_budget"] == pytest.approx(3683.397)


def test_project_named_in_the_body_when_there_is_no_title(records):
    # p034: '…渌口区2023年度残保金专项项目绩效评价综合评价得分80.10分'; p036: '对2019-2021年道路保洁项目开展…'.
    f = fields(records("p034"))
    assert f["report.kind"] == "project_self_eval_report"
    assert f["report.project_name"] == "残保金专项项目"
    assert f["evaluation.self_score"] == 80.1
    assert f["evaluation.grade"] == "良"
    f = fields(records("p036"))
    assert f["report.project_name"] == "道路保洁项目"
    assert f["evaluation.self_score"] == 85.82


def test_task_and_completion_sections(records):
    # p042: '1.项目任务。…任务1850人,其中…900人,…' and '5.任务完成。…已完成培训人数1850人'.
    ind = records("p042")["indicators"]
    by_value = {(i.get("target") or {}).get("value"): i for i in ind}
    assert by_value[1850]["actual"]["value"] == 1850
    assert by_value[900]["actual"] is None
    assert len(ind) == 6


def test_project_funds_stated_in_sentences(records):
    # p029: the total '收到财政资金共2330.9万元' wins over the first part (中央下达…1372.7万元);
    # '2023年支出2310.4万元' is the spending.
    f = fields(records("p029"))
    assert f["funding.total.full_year_budget"] == 2330.9
    assert f["funding.total.executed"] == 2310.4
    # p026 (traditional script): '上級財政下達我區…補貼資金9765萬元' / '發放資金9765萬元'.
    f = fields(records("p026"))
    assert f["report.department"] == "臨河區農牧和科技局"
    assert f["funding.total.full_year_budget"] == 9765
    assert f["funding.total.executed"] == 9765
    # p023: a rate stated of 资金 in a project's report is the project's rate.
    assert fields(records("p023"))["funding.total.execution_rate"] == 100
