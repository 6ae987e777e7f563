"""Funding figures stated in a project report's sentences (extract/slots/prose.py): a sum of the
year's money is the budget where its 其中 parts add up to it (the arithmetic is the evidence)."""
from __future__ import annotations

from extract.config import Config, replace_models
from extract.pipeline import extract_path

CFG = replace_models(Config(), use_models=False)
_HEAD = "2023年度道路养护项目支出绩效自评报告\n一、项目基本情况\n"


def _funding(tmp_path, body: str) -> dict:
    p = tmp_path / "report.txt"
    p.write_text(_HEAD + body + "\n", encoding="utf-8")
    return {x["slot"]: x["value"]["value"] for x in extract_path(p, CFG)["fields"] if x["slot"].startswith("funding.total")}


def test_a_sum_whose_parts_add_up_to_it_is_the_years_budget(tmp_path):
    got = _funding(tmp_path, "2023年度专项资金道路养护资金总计100万元，其中中央资金60万元，省级资金40万元。项目按时完成。")
    assert got.get("funding.total.full_year_budget") == 100
    got = _funding(tmp_path, "本项目的资金共100万元，其中：中央资金60万元，省级资金40万元。")
    assert got.get("funding.total.full_year_budget") == 100


def test_parts_of_a_block_with_no_unit_take_the_sums(tmp_path):
    got = _funding(tmp_path, "计划支付资金合计（万元） （年度预算资金总额）： 100 \n其中：中央补助 60 \n市级资金 40 \n")
    assert got.get("funding.total.full_year_budget") == 100


def test_a_sum_whose_parts_do_not_add_up_is_no_budget(tmp_path):
    got = _funding(tmp_path, "本项目的资金共100万元，其中：中央资金60万元，省级资金30万元。")
    assert "funding.total.full_year_budget" not in got


def test_the_parts_may_be_followed_by_other_figures_of_the_sentence(tmp_path):
    got = _funding(tmp_path, "本项目的资金共100万元，其中：中央资金60万元，省级资金40万元，实际支出90万元。")
    assert got.get("funding.total.full_year_budget") == 100


def test_a_spending_rate_names_the_budget_and_the_spending_it_relates(tmp_path):
    """执行率 = 全年执行数 ÷ 全年预算数: the one pair of amounts before the rate that it relates are the
    budget and the spending, whatever words name them."""
    got = _funding(tmp_path, "2023年投入道路养护200万元，全年完成养护投入180万元，资金使用率90%。")
    assert (got.get("funding.total.full_year_budget"), got.get("funding.total.executed"),
            got.get("funding.total.execution_rate")) == (200, 180, 90)


def test_a_rate_no_pair_of_amounts_relates_gives_nothing(tmp_path):
    got = _funding(tmp_path, "2023年投入道路养护200万元，全年完成养护投入150万元，资金使用率90%。")
    assert not {"funding.total.executed", "funding.total.execution_rate"} & set(got)


def test_a_rate_after_the_spending_is_the_rate_of_the_budget_and_spending_read(tmp_path):
    got = _funding(tmp_path, "本年度下达道路养护项目资金共计200万元。\n二、资金使用情况\n"
                             "截至年底，项目实际使用资金180万元，资金结转20万元，资金使用率90%。")
    assert got.get("funding.total.execution_rate") == 90


def _fields(tmp_path, text: str) -> dict:
    p = tmp_path / "dept.txt"
    p.write_text(text, encoding="utf-8")
    return {x["slot"]: x["value"]["value"] for x in extract_path(p, CFG)["fields"]}


def test_a_departments_budgeted_spending_whose_parts_add_up_is_its_spending_where_none_other_is_stated(tmp_path):
    text = ("某某县农业农村局2023年部门整体支出绩效自评报告\n一、部门基本情况\n2023年部门预算收入1000万元。\n"
            "2023年部门预算支出为1000万元。其中，基本支出700万元，项目支出300万元。\n")
    assert _fields(tmp_path, text).get("expenditure.total") == 1000
    # the parts do not add up: no total
    assert "expenditure.total" not in _fields(tmp_path, text.replace("项目支出300", "项目支出200"))
    # a spending stated as spent stands
    spent = text + "2023年部门决算支出980万元。\n"
    assert _fields(tmp_path, spent).get("expenditure.total") == 980


def test_subsidies_paid_out_are_the_projects_spending(tmp_path):
    """A subsidy project spends its money by paying it out (发放补助资金) or states its 执行金额."""
    got = _funding(tmp_path, "全年实际完成补贴农户1200户，发放补助资金为86.5万元。")
    assert got.get("funding.total.executed") == 86.5
    got = _funding(tmp_path, "本项目执行金额86.5万元。")
    assert got.get("funding.total.executed") == 86.5


def test_the_initial_budget_named_with_its_source_between_年初_and_预算(tmp_path):
    got = _funding(tmp_path, "（一）年初财政预算安排资金120万元，已全部拨付到位。")
    assert got == {"funding.total.initial_budget": 120}


def test_a_budget_revenue_and_its_fiscal_part_after_the_full_stop(tmp_path):
    """'…部门预算收入1000万元。其中，公共预算财政经费拨款1000万元': the total's 其中 list goes on after
    its full stop; the part that adds up to it is the fiscal row of the same (initial) column."""
    p = tmp_path / "budget.txt"
    p.write_text("某某县农业农村局2023年部门预算\n一、部门预算收入\n2023年部门预算收入1000万元。其中，公共预算财政经费拨款"
                 "1000万元，其中上年结转的收入100万元。\n", encoding="utf-8")
    got = {x["slot"]: x["value"]["value"] for x in extract_path(p, CFG)["fields"]}
    assert got.get("funding.fiscal.initial_budget") == 1000
    p.write_text(p.read_text(encoding="utf-8").replace("拨款1000", "拨款900"), encoding="utf-8")
    assert "funding.fiscal.initial_budget" not in {x["slot"] for x in extract_path(p, CFG)["fields"]}


def test_an_allocation_with_its_carryover_in_brackets(tmp_path):
    got = _funding(tmp_path, "2023年度预算计划安排120万元（含上年度结转20万元），实际下达市本级100万元。")
    assert got.get("funding.total.full_year_budget") == 120
    p = tmp_path / "report.txt"
    carry = {x["slot"]: x["value"]["value"] for x in extract_path(p, CFG)["fields"] if x["slot"].startswith("funding.carry")}
    assert carry == {"funding.carryover.full_year_budget": 20}


def test_the_form_rows_among_the_parts_of_a_sum_that_adds_up(tmp_path):
    """Parts by level of government are no rows of the form (GOLD.md); a part named 其他资金 is, where
    the parts add up to the budget or to the spending they divide."""
    p = tmp_path / "report.txt"
    p.write_text(_HEAD + "本项目全年预算调整为150万元。调整后资金的来源为：中央财政补助60万元，省级财政补助40万元，"
                 "市财政补助30万元，其他资金20万元。\n项目资金实际使用140万元，其中：中央财政补助资金60万元，市财政配套补助"
                 "资金60万元，其他资金20万元。\n", encoding="utf-8")
    got = {x["slot"]: x["value"]["value"] for x in extract_path(p, CFG)["fields"] if x["slot"].startswith("funding.")}
    assert got == {"funding.total.full_year_budget": 150, "funding.other.full_year_budget": 20,
                   "funding.total.executed": 140, "funding.other.executed": 20}
    p.write_text(p.read_text(encoding="utf-8").replace("其他资金20万元。\n项目", "其他资金10万元。\n项目"), encoding="utf-8")
    got = {x["slot"] for x in extract_path(p, CFG)["fields"]}
    assert "funding.other.full_year_budget" not in got
