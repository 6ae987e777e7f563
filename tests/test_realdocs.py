"""Real published workbooks (../shared/realdocs/files, read in place, never copied): the
values a careful reader finds in them (../shared/realdocs/README.md).

r03 is a 项目支出绩效自评表 whose funding header carries a note in brackets and whose
figures sit in the row below with no row label; its indicator table names its columns
with words split over two lines (指标 权重, 全年 完成值) and mixes both levels in one
指标类型 column. r05 is a department's 绩效目标表: 基本支出 | 项目支出 beside 收入来源, and
an 一级/二级/三级 indicator table.
"""
from __future__ import annotations

import re

import pytest

from extract.config import Config
from extract.pipeline import extract_path

from tests.conftest import SHARED

FILES = SHARED / "realdocs" / "files"


@pytest.fixture(scope="module")
def records():
    cache: dict[str, dict] = {}

    def get(name: str) -> dict:
        if name not in cache:
            path = FILES / name
            if not path.exists():
                pytest.fail(f"{path} is missing: the shared realdocs must sit beside the project root")
            cache[name] = extract_path(path, Config())       # what `jixiao extract` gives, models on
        return cache[name]
    return get


def fields(rec: dict) -> dict:
    return {f["slot"]: f["value"]["value"] for f in rec.get("fields", [])}


def indicator(rec: dict, name: str) -> dict:
    found = [i for i in rec["indicators"] if "".join(i["name"].split()) == name]
    assert len(found) == 1, [i["name"] for i in rec["indicators"]]
    return found[0]


# --- r03: 重庆渝中区 2021年度项目支出绩效自评表 ------------------------------------------------
def test_a_header_is_named_by_its_words_before_the_bracket_and_its_figures_sit_below(records):
    """'全年预算数（A）（上年结转+年初预算+本年追加追减预算（不含年底收回））' is the 全年预算数
    column (the 年初预算 in its note is not), and 7574 | 6643 in the row under the header,
    with no row label of their own, are the project's total."""
    f = fields(records("r03.xlsx"))
    assert f["funding.total.full_year_budget"] == 7574
    assert f["funding.total.executed"] == 6643
    assert "funding.total.initial_budget" not in f


def test_indicator_columns_named_over_two_lines(records):
    """指标 性质 | 指标值 | 计量 单位 | 指标 权重 | 全年 完成值: comparator, target, unit, weight, actual."""
    item = indicator(records("r03.xlsx"), "城镇新增就业人数")
    assert item["target"]["op"] == ">=" and item["target"]["value"] == 39500 and item["target"]["unit"] == "人"
    assert item["actual"]["value"] == 49358
    assert item["weight"] == 5


def test_one_type_column_for_both_levels(records):
    """指标类型 holds a first level (产出类指标 → 产出指标, carried down its rows) or a second one
    (数量指标); a type of neither closed set (管理类指标) is the table's own first level."""
    rec = records("r03.xlsx")
    assert indicator(rec, "新增区级创业孵化基地数量")["level2"] == "数量指标"
    assert indicator(rec, "公益性岗位补贴发放准确率")["name"] == "公益性岗位补贴发放准确率"   # a wrap, no space
    assert indicator(rec, "社会保险补贴发放准确率")["level1"] == "产出指标"
    assert indicator(rec, "低保就业补贴发放及时率")["level1"] == "产出指标"
    assert indicator(rec, "城镇新增就业人数")["level1"] == "效益指标"
    assert indicator(rec, "公共就业服务满意度")["level1"] == "满意度指标"
    assert indicator(rec, "预算执行率")["level1"] == "管理类指标"
    assert len(rec["indicators"]) == 16


def test_unit_none_is_no_unit(records):
    """指标性质 无 | 指标值 合规 | 计量单位 无: the target is 合规, not 合规无."""
    item = indicator(records("r03.xlsx"), "资金使用合规性")
    assert item["name"] == "资金使用合规性"
    assert item["target"]["raw"] == "合规"
    assert item["actual"]["raw"] == "合规"
    assert item["weight"] == 10


# --- r05: 湛江市人社局 2024年市级部门整体预算绩效目标表 ----------------------------------------------
def test_department_budget_block(records):
    """部门预算支出 | 预算金额 beside 收入来源 | 预算金额: 基本支出 10,891.62 (one figure, its
    thousands comma kept), 项目支出 61915.77, 财政拨款 72807.38, 其他资金 0."""
    f = fields(records("r05.xlsx"))
    assert f["expenditure.basic"] == 10891.62
    assert f["expenditure.project"] == 61915.77
    assert f["funding.fiscal.initial_budget"] == 72807.38
    assert f["funding.other.initial_budget"] == 0


def test_people_the_budget_pays_for_are_not_the_headcount(records):
    """财政供养人员数 737 counts everyone the budget pays (retirees included, by the usual
    definition), not the 实有人数/在职人数 of staff.actual: the record does not state it."""
    f = fields(records("r05.xlsx"))
    assert "staff.actual" not in f and "staff.authorized" not in f


def test_declaration_indicators_with_both_levels(records):
    rec = records("r05.xlsx")
    assert len(rec["indicators"]) == 19
    assert all(i["level1"] and i["level2"] for i in rec["indicators"])
    assert {i["level1"] for i in rec["indicators"]} == {"产出指标", "效益指标", "满意度指标"}
    assert all(i["actual"] is None and i["weight"] is None for i in rec["indicators"])


@pytest.mark.parametrize("name", ["r04.xlsx", "r06.xlsx"])
def test_neighbours_still_read(records, name):
    """r04 (项目申报表) and r06 (the r05 form for 2023) keep their indicator tables."""
    rec = records(name)
    assert len(rec["indicators"]) >= 13
    assert all(i["level1"] and i["level2"] for i in rec["indicators"])


@pytest.mark.parametrize("sep", [" | ", "   "])
def test_the_same_form_flattened_reads_the_same_total(tmp_path, sep):
    """r03's text with its cells joined by pipes or runs of spaces (what a PDF gives): the
    cell stream drops the bracketed note and reads the figures under the header as its row."""
    from extract.read.formats import read_path
    text = read_path(FILES / "r03.xlsx").text
    flat = tmp_path / "r03.txt"
    flat.write_text("\n".join(re.sub(r"\t+", sep, line) for line in text.split("\n")), encoding="utf-8")
    f = fields(extract_path(flat, Config()))
    assert f["funding.total.full_year_budget"] == 7574
    assert f["funding.total.executed"] == 6643
    assert "funding.total.initial_budget" not in f


def test_the_same_indicator_table_with_pipes(tmp_path):
    """r03's indicator table with its cells joined by pipes (empty cells lost): the header is
    one row that starts with its type and name columns, so its own order holds (指标 权重
    before 全年 完成值); 产出类指标 / 管理类指标 are levels in the 指标类型 column."""
    from extract.read.formats import read_path
    text = read_path(FILES / "r03.xlsx").text
    flat = tmp_path / "r03.txt"
    flat.write_text("\n".join(re.sub(r"\t+", " | ", line) for line in text.split("\n")), encoding="utf-8")
    rec = extract_path(flat, Config())
    item = indicator(rec, "城镇新增就业人数")
    assert item["level1"] == "效益指标"
    assert item["target"]["value"] == 39500 and item["actual"]["value"] == 49358 and item["weight"] == 5
    assert indicator(rec, "预算执行率")["level1"] == "管理类指标"
    assert indicator(rec, "预算执行率")["weight"] == 8
    assert len(rec["indicators"]) == 16


@pytest.mark.parametrize("name", ["r07.pdf", "r08.pdf"])
def test_three_public_budget_and_actual_columns_are_no_funding_row(records, name):
    """A 部门决算's 三公 table: 预算数 | 决算数 repeated under each part, the figures right
    below with no row label. The columns repeat (groups named in the row above), so the
    figures are not the project's total: the 三公 budget 0.95 / 2.85 is no funding."""
    f = fields(records(name))
    assert f.get("funding.total.full_year_budget") not in (0.95, 2.85)
    assert f.get("funding.total.executed") not in (0.95, 0.39)


def test_a_declaration_states_budgets_not_spending(records):
    """r04 is a 项目申报表: '普惠金融发展支出25万元' is a budget line, nothing was executed yet."""
    rec = records("r04.xlsx")
    assert fields(rec)["report.kind"] == "target_declaration"
    assert not [s for s in fields(rec) if s.endswith(".executed")]


def test_money_per_person_and_month_is_kept_as_written(records):
    rows = records("r05.xlsx")["indicators"]
    pension = next(r for r in rows if r["name"].startswith("城乡居民基础养老金"))
    assert (pension["target"]["value"], pension["target"]["unit"]) == (190, "元/人/月")


def test_a_second_level_printed_as_its_short_form(records):
    rows = records("r05.xlsx")["indicators"]
    assert {r["level2"] for r in rows if r["level1"] == "满意度指标"} == {"服务对象满意度指标"}
