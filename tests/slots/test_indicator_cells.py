"""Indicator tables read as a stream of cells, whatever the flattening (pool texts, read
from ../shared, never copied).

The header words say which columns follow the indicator's name; the closed set of
一级/二级 names marks the levels; each row is a name and at most one cell per value
column, in order, whether the paste kept the empty cells or not.
"""
from __future__ import annotations

import re

import pytest

from extract.config import Config, replace_models
from extract.pipeline import extract_path
from extract.slots.cell_stream import _header_at, stream_cells

from tests.conftest import POOL, pool_reader

CFG = replace_models(Config(), use_models=False)


@pytest.fixture(scope="module")
def rows():
    return pool_reader(lambda path: extract_path(path, CFG)["indicators"])


def _value(v):
    return None if v is None else (v["op"], v["value"], v["unit"]) if v["value"] is not None else v["raw"]


def by_name(items: list[dict]) -> dict[str, dict]:
    return {i["name"]: i for i in items}


def test_one_line_with_spaces_and_no_empty_cells(rows):
    # p046: the whole form on one line; qualitative targets, the repeated result phrase
    # 达成预期指标 as the actual, weight and score at the end of each row.
    items = by_name(rows("p046"))
    assert len(items) == 9
    r = items["经费支出合规性"]
    assert (r["level1"], r["level2"]) == ("产出指标", "质量指标")
    assert r["target"]["raw"] == "严格执行相关制度规定" and r["actual"]["raw"] == "达成预期指标"
    assert (r["weight"], r["score"]) == (8, 8)
    r = items["基建工程委托业务项目数量"]
    assert _value(r["target"]) == (">=", 50, "个")
    assert _value(r["actual"]) == ("=", 50, "个")          # a bare actual takes its target's unit
    assert items["对推动基建项目“四项制度”健全和落实的持续性影响"]["level2"] == "可持续影响指标"


def test_one_cell_per_line_with_pipes_and_empty_cells(rows):
    # p050: 'cell |' lines, '|' for an empty cell; 指标性质 | 指标值 | 度量单位 read as one target.
    items = by_name(rows("p050"))
    r = items["发放(缴纳)覆盖率"]
    assert _value(r["target"]) == ("=", 100, "%")
    assert r["weight"] == 60 and r["score"] is None and r["actual"] is None
    assert items["足额保障率(参保率)"]["level2"] == "社会效益指标"


def test_placeholder_rows_and_levels_split_over_lines(rows):
    # p055: '一级 / 指标' header, '(50分)' level cells, '指标2:' / '……' template rows,
    # '经济效益 / 指标' and '可持续影 / 响指标' level names broken over lines.
    items = by_name(rows("p055"))
    assert len(items) == 9
    r = items["工程质量合格"]
    assert (r["weight"], r["score"], r["target"]) == (10, 10, None)
    assert items["全市安全度汛"]["level2"] == "经济效益指标"
    assert items["已建工程良性运行"]["level2"] == "可持续影响指标"
    r = items["服务对象满意度"]
    assert (r["level1"], r["level2"]) == ("满意度指标", "服务对象满意度指标")
    assert _value(r["actual"]) == ("=", 100, "%")


def test_template_hints_are_not_part_of_the_name(rows):
    # p099: space-separated rows; '( ≥**个 )' hints left in the 三级 cells.
    items = by_name(rows("p099"))
    assert len(items) == 16
    assert _value(items["贫困地区旅游景点开发数量"]["target"]) == (">=", 4, "个")
    assert _value(items["流转土地补助标准"]["target"]) == ("<=", 475, "元/亩")


def test_blank_line_cells_with_repeated_long_term_columns(rows):
    # p097: 二级指标(长期) 三级指标(长期) 指标值(长期) 二级指标(年度) 三级指标(年度) 指标值(年度).
    items = by_name(rows("p097"))
    assert len(items) == 7
    assert _value(items["重点建设工程安排数量"]["target"]) == ("=", 2, None)
    assert items["学生、家长、社会满意度"]["level1"] == "满意度指标"


# --- a declaration's money block ------------------------------------------------------------
def _fields(name: str) -> dict:
    rec = extract_path(POOL / f"{name}.txt", CFG)
    out = {}
    for f in rec["fields"]:
        out.setdefault(f["slot"], f["value"]["value"])
    return out


def test_declaration_money_block_label_then_figure():
    # p098: '资金情况(万元) / 资金总额 / 10 / 其中:财政拨款 / 10 / 其他资金 / 0', one cell per line.
    f = _fields("p098")
    assert f["funding.total.initial_budget"] == 10
    assert f["funding.fiscal.initial_budget"] == 10
    assert f["funding.other.initial_budget"] == 0


def test_declaration_money_block_takes_the_year_beside_the_medium_term():
    # p100: '中期资金总额: | 68.50 | 年度资金总额: | 51.35 |' and the same for 财政拨款 / 其他资金.
    f = _fields("p100")
    assert f["funding.total.initial_budget"] == 51.35
    assert f["funding.fiscal.initial_budget"] == 51.35
    assert f["funding.other.initial_budget"] == 0


def test_funding_row_that_lost_its_empty_cells_is_aligned_by_kind():
    # p055: '年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分' over
    # '年度资金总额: 880 880 880 10 10': the rate cell is empty, so 10 | 10 are 分值 | 得分.
    f = _fields("p055")
    assert f["funding.total.initial_budget"] == 880
    assert f["funding.total.weight"] == 10 and f["funding.total.score"] == 10
    assert "funding.total.execution_rate" not in f
    assert f["funding.fiscal.executed"] == 880


def test_rate_cell_printed_without_percent():
    # p046: '年度资金总额: 0 0 0 10 0 0' under six columns: the fifth is the 执行率 though it has no %.
    f = _fields("p046")
    assert f["funding.total.execution_rate"] == 0 and f["funding.total.weight"] == 10
    assert f["funding.fiscal.initial_budget"] == 90 and f["funding.fiscal.executed"] == 89.974


# --- figures glued across cells ----------------------------------------------------------------
from extract.slots.funding_cells import Tok, _assign  # noqa: E402


def _glued(header: list[str], *cells: str, totals=None) -> dict:
    got = _assign(header, [Tok(c, 0, len(c), fig=True) for c in cells], totals=totals)
    return {k: float(d) for k, (_, d, _) in got.items()}


def test_glued_amounts_and_rate_split_where_the_rate_holds():
    # p077: '1484631.00%' under 全年预算数(A) | 全年执行数(B) | 执行率(B/A): 148 | 46 | 31.00% (46/148 = 31.08 %).
    assert _glued(["full_year_budget", "executed", "execution_rate"], "1484631.00%") == \
        {"full_year_budget": 148, "executed": 46, "execution_rate": 31}


def test_glued_weight_between_amounts_and_rate_checked_by_the_score():
    # p066: '202010100.00%' then '10' under 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分:
    # 20 | 20 | 10 | 100.00% | 10 is the one split where rate and score (rate x weight) both hold.
    assert _glued(["full_year_budget", "executed", "weight", "execution_rate", "score"], "202010100.00%", "10") == \
        {"full_year_budget": 20, "executed": 20, "weight": 10, "execution_rate": 100, "score": 10}


def test_glued_sub_row_equal_to_its_total():
    # p066: '本年财政拨款2020' below a 20 | 20 total, its siblings blank: 20 | 20.
    assert _glued(["full_year_budget", "executed", "weight", "execution_rate", "score"], "2020",
                  totals={"full_year_budget": 20, "executed": 20}) == {"full_year_budget": 20, "executed": 20}


def test_glued_figure_with_no_consistent_split_gives_no_value():
    # '12345678%': no split makes executed / budget equal the rate: nothing is taken.
    assert _glued(["full_year_budget", "executed", "execution_rate"], "12345678%") == {}


def test_rows_whose_cells_ran_together_line_by_line(rows):
    # p080: header '绩效指标一级指标二级指标指标内容指标值' in one cell, each row one line with its
    # cells run together ('产出指标数量指标农村义务教育学校改造覆盖率100%'): cut by the level names
    # at the start and the figure at the end.
    items = by_name(rows("p080"))
    r = items["农村义务教育学校改造覆盖率"]
    assert (r["level1"], r["level2"]) == ("产出指标", "数量指标")
    assert _value(r["target"]) == ("=", 100, "%")
    assert items["学校满意度"]["level2"] == "服务对象满意度指标"
    assert _value(items["学校满意度"]["target"]) == (">=", 90, "%")


def test_a_cell_wrapped_onto_the_next_line_is_not_a_row(rows):
    # p101: '各种强制免率、屠宰率' / '及检疫率' is one name broken over two lines.
    assert not any(i["name"].startswith("及") for i in rows("p101"))


def test_run_on_declaration_with_cost_first_level(rows):
    # p095: the whole form run together; 成本指标 over 经济成本指标 is a 一级; '百分比' is %;
    # '服务对象满意度服务对象满意度%=99百分比': the repeated level name is the indicator's name;
    # the next form's title ends the table.
    items = by_name(rows("p095"))
    r = items["博物馆绩效考核指标完成率"]
    assert _value(r["target"]) == ("=", 100, "%")
    assert not any("项目名称" in n for n in items)


def test_run_on_total_row_glued():
    # p066: '……总分100100注:' run together: the weights add up to 100, so the score is 100.
    assert _fields("p066")["evaluation.self_score"] == 100


def test_levels_told_by_their_weights(rows):
    # p088: '一级指 标 二级指标 三级指标 得分' (a header cell split), then 部门决策(25分) 目标任务(15分)
    # 相关性(5分) 5 …: a 'name(N分)' cell followed by one worth less heads the rows below;
    # 综合管 理(30分) is worth more than the 一级 before it, so it is a 一级 too.
    items = by_name(rows("p088"))
    r = items["相关性"]
    assert (r["level1"], r["level2"], r["weight"], r["score"]) == ("部门决策", "目标任务", 5, 5)
    assert items["测算依据"]["level2"] == "预算编制" and items["测算依据"]["score"] == 2
    r = items["省级财力专项预算分配时限"]
    assert (r["level1"], r["level2"], r["weight"], r["score"]) == ("综合管理", "专项资金分配时限", 1, 1)


def test_column_major_flattening(rows):
    # p096: '三级指标 新建高校(校区) 工程质量达标率(%) 开工率(%) 年度目标值 7 100% 100%':
    # the names under their header, then the values of each value column, paired by position.
    items = by_name(rows("p096"))
    assert _value(items["新建高校(校区)"]["target"]) == ("=", 7, None)
    assert _value(items["开工率(%)"]["target"]) == ("=", 100, "%")


def test_declaration_money_block_with_yearly_budget_label_and_range_weights(rows):
    # p054: '当年年度预算 65 / 其中:财政资金 65 / 其中:其它资金 0'; the level cell '成本指标(0-20)分'
    # carries a weight range, and '(40-50)分' alone is no indicator.
    f = _fields("p054")
    assert f["funding.total.initial_budget"] == 65
    assert f["funding.fiscal.initial_budget"] == 65
    assert f["funding.other.initial_budget"] == 0
    items = by_name(rows("p054"))
    r = items["项目建设成本"]
    assert (r["level1"], r["level2"], r["weight"]) == ("成本指标", "经济成本指标", 10)
    assert _value(r["target"]) == ("<=", 65, "万元")


def test_levels_carry_over_a_header_repeated_after_a_page_break():
    from extract.read.textnorm import view_of
    from extract.slots.indicator_cells import read_stream
    text = ("一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
            "产出指标 质量指标 合格率 ≥95% 98% 10 9\n-1-\n"
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
            "验收通过率 100% 100% 10 10\n")
    rows, _ = read_stream(view_of(text))
    assert [(r["level1"], r["level2"], r["name"].text) for r in rows] == [
        ("产出指标", "质量指标", "合格率"), ("产出指标", "质量指标", "验收通过率")]


def test_adjusted_target_and_score_coefficient_columns():
    # Chongqing department form (as p070, without its OCR noise): 年初指标值 | 调整指标值 | 全年完成值 |
    # 得分系数(%) | 指标权重 | 指标得分 | 是否核心指标. The adjusted target is usually empty: a figure
    # goes there last; the coefficient is not the actual.
    from extract.read.textnorm import view_of
    from extract.slots.indicator_cells import read_stream
    text = ("指标名称 计量单位 指标性质 年初指标值 调整指标值 全年完成值 得分系数(%) 指标权重(分) 指标得分(分) 是否核心指标\n"
            "财政供养人员控制率 % 定量指标 100% 92% 100% 2 2 否\n"
            "党性教育培训次数 次 定量指标 ≥6次 12次 100% 5 5 是\n")
    rows, _ = read_stream(view_of(text))
    got = [(r["name"].text, r["values"]["target"].text, r["values"]["actual"].text,
            r["values"]["weight"].text, r["values"]["score"].text) for r in rows]
    assert got == [("财政供养人员控制率", "100%", "92%", "2", "2"), ("党性教育培训次数", "≥6次", "12次", "5", "5")]


def test_run_on_row_ending_in_glued_weight_and_score():
    # '…合格率≥95%98%109': 分值 10 and 得分 9 run together — the one cut with score <= weight <= 100.
    from extract.slots.indicator_cells import _row_from_chunk
    from extract.slots.indicator_table import glued_points
    assert glued_points("合格率≥95%98%109")[:2] == (10, 9)
    assert glued_points("培训人数≥100人120人1010")[:2] == (10, 10)
    assert glued_points("合格率98%1") is None
    cols = ["target", "actual", "weight", "score", "deviation"]
    assert _row_from_chunk("合格率≥95%98%109", cols) == ("合格率", "≥95%", "98%", 9, 10)


def test_glued_figure_with_no_split_tells_the_reviewer(tmp_path):
    # a total row '12345678%' under 年初预算数 | 全年预算数 | 全年执行数 | 执行率: no value, and the
    # document says why (figures_unsplit).
    path = tmp_path / "glued.txt"
    path.write_text("项目支出绩效自评表\n年初预算数 全年预算数 全年执行数 执行率\n年度资金总额 12345678%\n", encoding="utf-8")
    rec = extract_path(path, CFG)
    assert not any(f["slot"].startswith("funding.") for f in rec["fields"])
    assert "figures_unsplit" in rec["review"]["reasons"]


def test_regional_target_table_with_one_column_per_place(rows):
    # p093 (a budget notice with its target table): 一级指标 | 二级指标 | 三级指标 | 指 标 解 释 |
    # 西坪镇尧山村 | 桃舟乡吾培村 | … — a header word spaced out letter by letter, then one target
    # column per village.
    items = by_name(rows("p093"))
    r = items["开展小型水利工程建设(个)"]
    assert (r["level1"], r["level2"]) == ("产出指标", "数量指标")
    assert _value(r["target"]) == ("=", 1, "个") and r["score"] is None


def test_pool_table_layouts_meet_the_bar(tmp_path):
    # Every pool report the sources list as a table (39): indicator rows F1 0.851 and precision
    # 0.989 when this was written (0.632 and 0.863 before the cell stream and the row filter).
    import csv
    import json
    import sys

    from tests.conftest import POOL_GOLD, SHARED
    sys.path.insert(0, str(SHARED / "eval"))
    from score import load_gold, score
    kinds = {r[0][:-4]: r[6] for r in csv.reader(open(POOL / "SOURCES.tsv", encoding="utf-8"), delimiter="\t")
             if r and r[0].endswith(".txt")}
    names = sorted(n for n, k in kinds.items() if k == "table")
    gold = {n: g for n, g in load_gold(str(POOL_GOLD)).items() if n in names}
    preds = {n: extract_path(POOL / f"{n}.txt", CFG) for n in names}
    res = score(gold, preds)
    assert res["indicators"]["f1"] >= 0.83, res["indicators"]
    assert res["indicators"]["precision"] >= 0.97, res["indicators"]


def test_run_on_rows_with_the_weight_before_the_target(rows):
    # p066: 分值 printed before 年度指标值, every row run together: '…改善状况10显著提升显著提升10'
    # is one row (its 分值 10, then target = actual, then 得分 10), not a row ending at 10; and
    # '项目计划总投资1020万元20万元10' under 成本指标 is the cost target, not a funding line.
    items = by_name(rows("p066"))
    row = items["群众生产生活条件改善状况"]
    assert (_value(row["target"]), _value(row["actual"]), row["weight"], row["score"]) == ("显著提升", "显著提升", 10, 10)
    cost = items["项目计划总投资"]
    assert cost["level2"] == "成本指标"
    assert (_value(cost["target"]), cost["weight"], cost["score"]) == (("=", 20, "万元"), 10, 10)
    assert len(items) == 9


def test_run_on_target_table_keeps_worded_rows_between_level_names_p095(rows):
    r = by_name(rows("p095"))
    assert r["对当地文物保护、文化传承影响"]["target"]["raw"] == "长远"      # a closed qualitative word ends the row
    assert r["提升博物馆绿化水平"]["target"]["raw"] == "提升"
    assert r["提升博物馆绿化水平"]["level2"] == "生态环境成本指标"
    assert _value(r["服务对象满意度%"]["target"]) == ("=", 99, "%")        # the next form's title is not the row's
    assert len(rows("p095")) == 9                                   # 增加岗位 is no closed word: that row is left out


def test_hard_wrapped_one_line_table_reads_as_unwrapped(rows, tmp_path):
    # p046's one-line form hard-wrapped at a page width (a PDF copied as text: lines cut
    # mid-cell and mid-word). The grid reader takes the lines for rows of pieces; the cell
    # stream reads the text unwrapped, and its rows, with levels and values, are kept.
    text = (POOL / "p046.txt").read_text(encoding="utf-8")
    path = tmp_path / "wrapped.txt"
    path.write_text("\n".join(text[k:k + 30] for k in range(0, len(text), 30)), encoding="utf-8")
    got = by_name(extract_path(path, CFG)["indicators"])
    want = by_name(rows("p046"))
    assert set(got) == set(want)
    for name, r in want.items():
        assert [got[name][a] for a in ("level1", "level2", "weight", "score")] == \
            [r[a] for a in ("level1", "level2", "weight", "score")]
        assert _value(got[name]["target"]) == _value(r["target"])


def test_rows_run_together_ending_in_the_result_phrase(rows, tmp_path):
    # p065 with every space taken out (a web table copied as text, cells glued, one row per
    # line): '质量指标科技特派员创业能力提升创业能力提升达成预期指标2020'. The phrase three or more
    # rows end in (达成预期指标) is the actual; 分值/得分 '2020' split where score <= weight;
    # the target is the name's tail printed once more (带动农民增收 | 农民增收).
    text = (POOL / "p065.txt").read_text(encoding="utf-8")
    path = tmp_path / "glued.txt"
    path.write_text(re.sub(r"[ \u3000]+", "", text), encoding="utf-8")
    got = by_name(extract_path(path, CFG)["indicators"])
    assert set(got) == set(by_name(rows("p065")))
    r = got["科技特派员创业能力提升"]
    assert (r["level2"], r["target"]["raw"], r["actual"]["raw"], r["weight"], r["score"]) == \
        ("质量指标", "创业能力提升", "达成预期指标", 20, 20)
    assert got["带动农民增收"]["target"]["raw"] == "农民增收"
    assert got["2022年底之前"]["target"]["raw"] == "2022年底之前"


def test_glued_row_ending_in_words_with_no_repeat_is_not_cut():
    # the name and a worded target run together with nothing saying where one ends: no row
    from extract.slots.indicator_cells import _phrase_row
    cols = ["target", "actual", "weight", "score"]
    assert _phrase_row("经费支出合规性严格执行相关制度规定达成预期指标88", cols, "达成预期指标") is None
    assert _phrase_row("带动农民增收农民增收达成预期指标1010", cols, "达成预期指标") == \
        ("带动农民增收", "农民增收", "达成预期指标", 10, 10)


def test_pdf_copy_with_the_value_cells_spread_before_the_names(rows):
    # p082 (a PDF copied as text): the header words, then every row's 指标值 | 完成值 | 分值 |
    # 得分 in one block (=100% 100% 10 10 =100% 100% 20 20 及时 及时 20 20 …), then the names
    # among the level names, a name's last line left after the block (与委托运营方结算完成 … 率).
    # The block splits into whole rows, the names are as many, the 二级 names too: by position.
    items = rows("p082")
    assert [i["name"] for i in items] == ["与委托运营方结算完成率", "合同结算条款完成率", "费用结算及时性",
                                          "与委托运营方合同完成率", "场馆开放满意度"]
    assert [i["level2"] for i in items] == ["数量指标", "质量指标", "时效指标", "社会效益指标", "服务对象满意度指标"]
    assert [(i["weight"], i["score"]) for i in items] == [(10, 10), (20, 20), (20, 20), (30, 30), (10, 10)]
    assert _value(items[4]["target"]) == (">=", 90, "%") and items[2]["target"]["raw"] == "及时"


def test_one_cell_per_line_with_a_name_repeated_row_after_row_is_not_hard_wrapped(tmp_path):
    # the same long name on many rows makes many lines of one length: no page width, the
    # line after each name is its target, not the rest of the name
    name = "兑现科技创新政策奖补，实施一批科技计划项目等"
    cells = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "产出指标", "数量指标"]
    for k in range(6):
        cells += [name, f"≥{k + 3}个", f"{k + 3}个", "5", "5"]
    path = tmp_path / "cells.txt"
    path.write_text("项目支出绩效自评表\n" + "\n".join(cells) + "\n总分\n100\n", encoding="utf-8")
    got = extract_path(path, CFG)["indicators"]
    assert [(i["name"], i["target"]["raw"], i["weight"]) for i in got] == [(name, f"≥{k + 3}个", 5) for k in range(6)]


def test_one_line_table_with_every_space_lost(tmp_path):
    # p046 with every space taken out: the whole form one glued line. The result phrase is told
    # by the rows ending in it before their 分值/得分 ('…规定达成预期指标88时效指标'); a row ends
    # at its 完成值+分值+得分 ('≥100百分比10088' → 100 | 8 | 8: no single row holds more than the
    # 50 points 产出指标 has as a whole); a worded target with nothing saying where the name
    # ends (经费支出合规性严格执行相关制度规定) gives no row.
    text = (POOL / "p046.txt").read_text(encoding="utf-8")
    path = tmp_path / "glued.txt"
    path.write_text(re.sub(r"[ \u3000\t]+", "", text), encoding="utf-8")
    got = by_name(extract_path(path, CFG)["indicators"])
    r = got["委托业务报告合格率"]
    assert (_value(r["actual"]), r["weight"], r["score"]) == (("=", 100, "%"), 8, 8)
    r = got["对维护基建市场公平的影响程度"]
    assert (r["target"]["raw"], r["actual"]["raw"], r["weight"], r["score"]) == ("效果明显", "达成预期指标", 10, 10)
    assert "经费支出合规性" not in got and len(got) == 6


def test_level_name_printed_among_the_header_words(rows):
    # p069 (a workbook copied as text): '一级 指标 二级指标 数量指标 三级指标 年度目标指标值
    # 享受社会保险补贴人员数量 4443': the first row's merged 二级 cell landed among the header
    # words; it heads the body. 年度目标指标值 is a target column.
    r = by_name(rows("p069"))["享受社会保险补贴人员数量"]
    assert r["level2"] == "数量指标" and _value(r["target"]) == ("=", 4443, None)
    cells = stream_cells("一级 指标 二级指标 数量指标 三级指标 年度目标指标值 甲 5")
    held: list = []
    assert _header_at(cells, 0, held)[0] == ["level1", "level2", "name", "target"]
    assert [c.text for c in held] == ["数量指标"]


def test_glued_row_after_its_levels_ending_in_a_closed_qualitative_word(rows):
    # p080: '效益指标可持续影响指标义务教育优质均衡发展情况稳步提高' on its own line: the levels
    # peeled off by the closed vocabulary, the value the closed word the row ends in (稳步提高)
    r = by_name(rows("p080"))["义务教育优质均衡发展情况"]
    assert (r["level2"], r["target"]["raw"]) == ("可持续影响指标", "稳步提高")


def test_rows_run_together_between_spaces_on_one_line(rows, tmp_path):
    # p080 with its lines joined by spaces (a web page's rows on one line): each row's cells
    # glued, rows apart: '质量指标校舍维修改造质量合格率100% 购置设施设备质量合格率100% …'.
    # A name glued to a figure is cut only where no figure follows in the next cell.
    text = (POOL / "p080.txt").read_text(encoding="utf-8")
    path = tmp_path / "oneline.txt"
    path.write_text(re.sub(r"\s+", " ", text), encoding="utf-8")
    got = by_name(extract_path(path, CFG)["indicators"])
    want = by_name(rows("p080"))
    assert set(got) == set(want)
    assert all((got[n]["level2"], _value(got[n]["target"])) == (r["level2"], _value(r["target"])) for n, r in want.items())
    from extract.slots.indicator_cells import _glued_cell
    assert _glued_cell("购置设施设备质量合格率100%", "学校满意度")
    assert not _glued_cell("贫困地区旅游基础设施建设质量达标率100%", ">=98%")


def test_ascii_two_character_comparators_stay_with_their_figure():
    from extract.slots.indicator_cells import _row_from_chunk
    row = _row_from_chunk("贫困地区旅游基础设施建设工程>=20平方米", ["target"])
    assert row[:2] == ("贫困地区旅游基础设施建设工程", ">=20平方米")


def test_glued_target_and_weight_with_no_cut_give_no_value():
    # '出差人数正向=84' under 目标值 | 分值: 8 | 4 or 84 and no 分值 — no figure is guessed
    from extract.slots.indicator_cells import _row_from_chunk
    assert _row_from_chunk("出差人数正向=84", ["target", "weight"]) is None
    # where the target ends in its unit or %, the figure after it is the 分值, never an actual
    # the header does not have
    assert _row_from_chunk("工作任务完成率=100%4", ["target", "weight"]) == ("工作任务完成率", "=100%", None, None, 4)
    assert _row_from_chunk("出差人次=24人/次4", ["target", "unit", "weight"]) == ("出差人次", "=24人/次", None, None, 4)


def test_space_table_hard_wrapped_with_trailing_spaces(rows, tmp_path):
    # p065 (one row per line, cells apart by spaces, an empty last cell left as trailing
    # spaces) with every line cut every 30 characters: trailing spaces are no cell boundary,
    # so the text is read unwrapped; the grid's rows are the cut lines' pieces, the stream's
    # rows are the form's.
    text = (POOL / "p065.txt").read_text(encoding="utf-8")
    path = tmp_path / "wrapped.txt"
    path.write_text("\n".join(ln[k:k + 30] for ln in text.split("\n") for k in range(0, max(len(ln), 1), 30)),
                    encoding="utf-8")
    got = by_name(extract_path(path, CFG)["indicators"])
    want = by_name(rows("p065"))
    assert set(got) == set(want)
    assert all((got[n]["weight"], got[n]["score"]) == (r["weight"], r["score"]) for n, r in want.items())


def test_glued_row_of_name_weight_and_score_alone(rows, tmp_path):
    # p055 with every space taken out: '质量指标指标1:工程质量合格1010' — a row with no 指标值
    # or 完成值, its 分值/得分 split where exactly one cut has score <= weight
    text = (POOL / "p055.txt").read_text(encoding="utf-8")
    path = tmp_path / "glued.txt"
    path.write_text(re.sub(r"[ \u3000\t]+", "", text), encoding="utf-8")
    got = by_name(extract_path(path, CFG)["indicators"])
    r = got["工程质量合格"]
    assert (r["level2"], r["target"], r["weight"], r["score"]) == ("质量指标", None, 10, 10)
    assert got["保护全市人口财产不受损失"]["level2"] == "社会效益指标"


def test_glued_rows_under_a_header_that_opens_with_other_words(rows):
    # p081 (a workbook copied as text, each row's cells glued): the header '评价指标评价内容指标名称
    # 指标说明目标值分值备注' is cut from 指标名称 on; '资金支出率达到目标值95%10' gives 95% and
    # 分值 10; '享受资助人数达到预计值210010' (2100 | 10 or 21001 | 0) gives no row.
    items = by_name(rows("p081"))
    r = next(v for k, v in items.items() if k.startswith("资金支出率"))
    assert (_value(r["target"]), r["weight"]) == (("=", 95, "%"), 10)
    r = next(v for k, v in items.items() if k.startswith("资助对象满意度"))
    assert (r["target"]["raw"], r["weight"]) == ("95%以上", 10)
    assert not any(k.startswith("享受资助人数") for k in items)


def _stream_reasons(body: str) -> dict[str, list[str]]:
    from extract.read.document import Document
    from extract.read.textnorm import view_of
    from extract.slots.indicator_cells import from_stream
    text = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n" + body
    items, _ = from_stream(Document(text=text), view_of(text))
    return {i.name: i.reasons for i in items}


def test_a_row_whose_cells_two_readings_place_alike_well_is_a_guess():
    # '培训次数 45 59 10' under 指标值 | 完成值 | 分值 | 得分, its empty cell lost: three bare figures for four
    # columns, and nothing in them says which column is empty (45 | 59 | 10 as target, actual, weight or
    # target, weight, score: both fit as well). The reading keeps one and says it is a guess; the row
    # below, four cells for four columns, is none.
    got = _stream_reasons("产出指标 数量指标 培训次数 45 59 10\n质量指标 合格率 ≥95% 98% 10 9\n"
                          "时效指标 完成及时率 100% 100% 10 10\n")
    assert got["培训次数"] == ["row_uncertain"]
    assert got["合格率"] == [] and got["完成及时率"] == []


def test_how_close_the_next_reading_comes_is_measured_for_each_row():
    # the best reading's rows and, per row, by how much the best reading that reads it otherwise
    # falls short: nothing for a row whose every cell fits only its column
    from extract.read.textnorm import view_of
    from extract.slots.indicator_cells import read_stream
    text = ("一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
            "产出指标 数量指标 培训次数 45 59 10\n质量指标 合格率 ≥95% 98% 10 9\n")
    rows, _ = read_stream(view_of(text))
    margins = {r["name"].text: r["margin"] for r in rows}
    assert margins["培训次数"] == 0
    assert margins["合格率"] > 1


def test_a_row_under_no_second_level_where_the_header_names_the_column_is_sent_to_review():
    # the form the header names (一级指标 | 二级指标 | 三级指标 …) prints a 二级 over every row, merged
    # down its rows; a row read under none lost its level cell in the copy: its level2 is unread, not
    # absent. Rows under a 二级 are not doubted for it.
    got = _stream_reasons("产出指标 合格率 ≥95% 98% 10 9\n数量指标 培训人数 ≥100人 120人 10 10\n")
    assert got["合格率"] == ["level_unread"]
    assert got["培训人数"] == []


def test_a_header_without_a_second_level_column_expects_none():
    from extract.read.document import Document
    from extract.read.textnorm import view_of
    from extract.slots.indicator_cells import from_stream
    text = "一级指标 三级指标 年度指标值 实际完成值 分值 得分\n产出指标 合格率 ≥95% 98% 10 9\n"
    items, _ = from_stream(Document(text=text), view_of(text))
    assert [(i.name, i.level2, i.reasons) for i in items] == [("合格率", None, [])]


def test_a_comparator_column_holding_no_comparator_leaves_the_target_op_a_default():
    # 指标性质 | 指标值 | 度量单位 (TEMPLATES: ≧ | 100 | %): the form prints the target's comparator in a
    # cell of its own. Where that cell holds a word (正向, 定量) and the figure none, the '=' the target
    # gets is the reading's default, for review; a comparator in the cell is read, and no doubt.
    from extract.read.document import Document
    from extract.read.textnorm import view_of
    from extract.slots.indicator_cells import from_stream
    text = ("一级指标 二级指标 三级指标 指标性质 指标值 度量单位 完成值 分值 得分\n"
            "产出指标 数量指标 培训人数 正向 100 人 120 10 10\n"
            "质量指标 合格率 ≥ 95 % 98 10 9\n")
    items, _ = from_stream(Document(text=text), view_of(text))
    got = {i.name: (i.target.op, i.target.value, i.target.unit, i.reasons) for i in items}
    assert got["培训人数"] == ("=", 100, "人", ["comparator_unread"])
    assert got["合格率"] == (">=", 95, "%", [])
