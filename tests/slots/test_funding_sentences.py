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
