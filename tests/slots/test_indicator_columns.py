"""Indicator tables whose columns are not the national form's: a description column beside the
三级指标 (指标说明 / 指标内容), a score table with no level columns, explanations that run to
several sentences. The tables are made here from the forms' words (TEMPLATES.md), not copied
from a report, and flattened the ways reports arrive (one cell per line, cells between '|'
lines or blank lines, run on, tabs).
"""
from __future__ import annotations

import pytest

from extract.config import Config, replace_models
from extract.pipeline import extract_path

from tests.conftest import pool_reader

CFG = replace_models(Config(), use_models=False)

# an evaluation framework's explanation: several sentences, far longer than any name or value
LONG = ("项目立项是否符合国家法律法规、国民经济发展规划和相关政策；是否符合行业发展规划和政策要求；是否与部门职责范围相符，"
        "属于部门履职所需；是否属于公共财政支持范围，是否符合中央、地方事权支出责任划分原则；是否与相关部门同类项目或部门内部"
        "相关项目重复。")

FLAT = {
    "cells": lambda rows: "\n".join("\n".join(c for c in r if c) for r in rows),
    "bars": lambda rows: "\n|\n".join("\n|\n".join(c for c in r if c) for r in rows),
    "bars_kept": lambda rows: "\n".join("|\n" + "\n|\n".join(r) + "\n|" for r in rows),
    "blank": lambda rows: "\n\n".join("\n\n".join(c for c in r if c) for r in rows),
    "blank_bars": lambda rows: "\n\n|\n\n".join("\n\n|\n\n".join(c for c in r if c) for r in rows),
    "run_on": lambda rows: " ".join(" ".join(c for c in r if c) for r in rows),
    "tabs": lambda rows: "\n".join("\t".join(r) for r in rows),
}
RENDER = {   # FLAT and the flattenings only some tables are tried in
    **FLAT,
    "single": lambda rows: "\n".join(" ".join(c for c in r if c) for r in rows),
    "pipes": lambda rows: "\n".join("| " + " | ".join(r) + " |" for r in rows),
    "cell_pipe": lambda rows: "\n".join("\n".join(c + " |" if c else "|" for c in r) for r in rows),
}


def _read(tmp_path, table: str) -> list[dict]:
    p = tmp_path / "t.txt"
    p.write_text("2021年度农村综合改革项目支出绩效自评表\n项目名称\t农村综合改革项目\n绩效指标\n" + table
                 + "\n总分\t\t\t\t\t100\t99\n", encoding="utf-8")
    return extract_path(p, CFG)["indicators"]


def _v(x):
    return None if x is None else x.get("value")


@pytest.mark.parametrize("flat", sorted(FLAT))
def test_a_description_column_after_the_name_is_the_rows_content_not_its_name(tmp_path, flat):
    head = ["一级指标", "二级指标", "三级指标", "指标说明", "年度指标值", "实际完成值", "分值", "得分"]
    rows = [["产出指标", "数量指标", "新建村道", "反映村道硬化的里程", "≥12公里", "12.5公里", "20", "20"],
            ["", "", "改造危房", "反映危房改造的户数", "≥35户", "35户", "20", "18"],
            ["", "质量指标", "验收合格率", "反映工程质量", "100%", "100%", "10", "10"],
            ["效益指标", "社会效益指标", "受益人口", "反映受益群众的人数", "≥1200人", "1350人", "30", "30"]]
    items = _read(tmp_path, FLAT[flat]([head] + rows))
    assert [(i["name"], i["content"], _v(i["target"]), _v(i["actual"]), i["weight"], i["score"]) for i in items] == [
        ("新建村道", "反映村道硬化的里程", 12, 12.5, 20, 20), ("改造危房", "反映危房改造的户数", 35, 35, 20, 18),
        ("验收合格率", "反映工程质量", 100, 100, 10, 10), ("受益人口", "反映受益群众的人数", 1200, 1350, 30, 30)]
    assert [i["level2"] for i in items] == ["数量指标", "数量指标", "质量指标", "社会效益指标"]


@pytest.mark.parametrize("flat", sorted(FLAT))
@pytest.mark.parametrize("long", [False, True])
def test_a_score_table_with_no_level_columns_reads_name_description_weight_and_score(tmp_path, flat, long):
    # 三级指标 | 指标说明 | 分值 | 评分: no 一级/二级 column, no target or actual; the header's
    # 分值 and 评分 say the figures after each name are its weight and score
    head = ["三级指标", "指标说明", "分值", "评分"]
    rows = [["新建村道", "完成新建村道硬化12公里", "10", "10"], ["改造危房", "完成农村危房改造35户", "10", "9"],
            ["验收合格率", "工程验收合格率达到100%", "10", "10"], ["受益人口", "受益群众1200人以上", "20", "20"]]
    if long:                           # explanations of several sentences do not end the table
        rows = [[r[0], r[1] + LONG, *r[2:]] for r in rows]
    items = _read(tmp_path, FLAT[flat]([head] + rows))
    assert [(i["name"], i["weight"], i["score"]) for i in items] == [
        ("新建村道", 10, 10), ("改造危房", 10, 9), ("验收合格率", 10, 10), ("受益人口", 20, 20)]


@pytest.mark.parametrize("flat", ["cells", "bars", "run_on"])
def test_an_explanation_column_of_running_text_does_not_end_the_table(tmp_path, flat):
    head = ["一级指标", "二级指标", "三级指标", "指标说明", "分值", "评分"]
    rows = [["项目决策", "项目立项", "立项依据充分性", LONG, "5", "5"],
            ["", "", "立项程序规范性", "项目申请、设立过程是否符合相关要求。" + LONG, "5", "4"],
            ["项目管理", "资金管理", "资金到位率", "实际到位资金与预算资金的比率。" + LONG, "10", "10"]]
    items = _read(tmp_path, FLAT[flat]([head] + rows))
    assert [(i["name"], i["weight"], i["score"], i["level1"]) for i in items] == [
        ("立项依据充分性", 5, 5, "项目决策"), ("立项程序规范性", 5, 4, "项目决策"), ("资金到位率", 10, 10, "项目管理")]


def test_a_row_whose_figures_ran_into_its_words_is_not_a_name_beside_a_description():
    # p081: 评价指标 | 评价内容 | 指标名称 | 指标说明 | 目标值 | 分值 | 备注, each row's cells run
    # together; '享受资助人数达到预计值210010' (2100 | 10, or 210 | 010 …) is no name, and the next
    # row's cell is not its description
    items = {i["name"]: i for i in pool_reader(lambda path: extract_path(path, CFG)["indicators"])("p081")}
    assert "资金支出率" in items and items["资金支出率"]["target"]["value"] == 95
    assert not any(n.startswith("享受资助人数") and i.get("content") for n, i in items.items())


def _wrapped(cell: str, width: int = 20) -> str:
    return "\n".join(cell[k:k + width] for k in range(0, len(cell), width))


WRAPPED = {       # each cell's text wrapped inside its cell at 20 characters, as a narrow column prints it
    "bars": lambda rows: "\n|\n".join("\n|\n".join(_wrapped(c) for c in r if c) for r in rows),
    "bars_kept": lambda rows: "\n".join("|\n" + "\n|\n".join(_wrapped(c) for c in r) + "\n|" for r in rows),
    "cell_pipe": lambda rows: "\n".join("\n".join(_wrapped(c) + " |" for c in r if c) for r in rows),
    "cell_pipe_kept": lambda rows: "\n".join("\n".join(_wrapped(c) + " |" if c else "|" for c in r) for r in rows),
    "blank_lines": lambda rows: "\n\n".join("\n\n".join(_wrapped(c) for c in r if c) for r in rows),
    "blank_lines_kept": lambda rows: "\n\n".join("\n\n".join(_wrapped(c) for c in r) for r in rows),
}


@pytest.mark.parametrize("flat", sorted(WRAPPED))
def test_a_cell_wrapped_over_lines_is_one_cell_up_to_its_pipe(tmp_path, flat):
    # one cell per line with a '|' line between cells, or 'cell |' lines: the lines before the
    # pipe that closes a cell are that cell's text, however many the column's width made; with a
    # blank line after every cell, text lines right below each other are one cell
    head = ["一级指标", "二级指标", "三级指标", "指标说明", "分值", "评分"]
    rows = [["产出指标", "数量指标", "新建村道", "完成新建村道硬化12公里" + LONG, "10", "10"],
            ["", "", "改造危房", "完成农村危房改造35户" + LONG, "10", "9"],
            ["效益指标", "社会效益指标", "受益人口", "受益群众1200人以上" + LONG, "20", "20"]]
    items = _read(tmp_path, WRAPPED[flat]([head] + rows))
    assert [(i["name"], i["weight"], i["score"]) for i in items] == [
        ("新建村道", 10, 10), ("改造危房", 10, 9), ("受益人口", 20, 20)]
    assert items[1]["content"].startswith("完成农村危房改造35户项目立项") and items[1]["content"].endswith("重复。")


def test_bars_that_frame_rows_do_not_join_the_cells_between_them():
    from extract.slots.cell_stream import stream_cells
    text = "|\n三级指标\n分值\n评分\n|\n新建村道\n10\n10\n|\n改造危房\n10\n9\n|"
    assert [c.sq for c in stream_cells(text) if c.sq] == ["三级指标", "分值", "评分", "新建村道", "10", "10", "改造危房", "10", "9"]


def test_a_short_line_above_a_cell_pipe_line_is_a_cell_of_its_own():
    from extract.slots.cell_stream import stream_cells
    text = "\n".join(["绩效指标", "三级指标 |", "指标说明 |", "分值 |", "评分 |", "新建村道 |", "完成新建村道硬化 |", "10 |",
                      "10 |"])
    assert [c.sq for c in stream_cells(text)][:2] == ["绩效指标", "三级指标"]


SCORE_ROWS = [["项目决策", "项目立项", "立项依据充分性", "5", "5"], ["", "", "立项程序规范性", "5", "4"],
              ["", "绩效目标", "绩效目标合理性", "5", "5"], ["项目管理", "资金管理", "资金到位率", "10", "10"],
              ["", "组织实施", "管理制度健全性", "5", "5"], ["项目产出", "产出数量", "实际完成率", "20", "20"],
              ["项目效益", "社会效益", "受益群众覆盖率", "20", "18"]]


@pytest.mark.parametrize("flat", ["tabs", "cells", "single", "run_on"])
def test_a_score_table_whose_header_was_lost_reads_its_figures_as_weight_and_score(tmp_path, flat):
    # an older framework's score table (一级 · 二级 · 三级 · 分值 · 得分) with no header row: anchored
    # by its level names, its two bare figures per row are the weight and a score no larger, not a
    # target and an actual; a level name no list has (绩效目标, 组织实施) is no row
    render = RENDER[flat]
    p = tmp_path / "t.txt"
    p.write_text("2021年度项目支出绩效评价报告\n绩效评价指标得分情况\n" + render(SCORE_ROWS) + "\n总分\t100\t92\n",
                 encoding="utf-8")
    items = extract_path(p, CFG)["indicators"]
    assert [(i["name"], i["target"], i["weight"], i["score"]) for i in items] == [
        (r[2], None, float(r[3]), float(r[4])) for r in SCORE_ROWS]
    assert items[0]["level1"] == "项目决策" and items[-1]["level1"] == "效益指标"


def test_cells_a_blank_line_apart_join_only_wrapped_text_not_header_words_or_figures():
    from extract.slots.cell_stream import stream_cells
    cells = ["三级指标", "指标说明", "分值", "评分", "新建村道", "完成新建村道硬化十二公里\n并验收合格", "10", "10",
             "改造危房", "完成农村危房改造三十五户", "10", "9", "受益人口", "受益群众一千二百人以上", "20", "20"]
    text = "绩效指标\n" + "\n\n".join(cells)
    assert [c.sq for c in stream_cells(text) if c.sq] == ["绩效指标"] + [c.replace("\n", "") for c in cells]


@pytest.mark.parametrize("sep", ["\n", " "])
def test_a_headerless_form_with_qualitative_targets_is_read_by_its_arithmetic(tmp_path, sep):
    # the national form with its header lost (an image): most targets in words (效果明显, 符合相关
    # 规定), so few look like figures; each row's weight, a score no larger and weights adding up to
    # at most 100 say which cells are which
    rows = [["产出指标", "数量指标", "委托业务项目数量", "≥50个", "50个", "20", "20"],
            ["", "质量指标", "经费支出合规性", "严格执行相关制度规定", "达成预期指标", "20", "20"],
            ["", "时效指标", "提交报告及时性", "在计划时间内完成", "达成预期指标", "10", "10"],
            ["", "成本指标", "单项业务成本", "符合相关规定", "达成预期指标", "10", "9"],
            ["效益指标", "社会效益指标", "对基建市场公平的影响", "效果明显", "达成预期指标", "20", "20"],
            ["", "可持续影响指标", "对基建制度的持续性影响", "效果明显", "达成预期指标", "10", "10"]]
    p = tmp_path / "t.txt"
    p.write_text("2021年度项目支出绩效自评表\n项目名称\t项目\n绩效指标\n"
                 + "\n".join(sep.join(c for c in r if c) for r in rows) + "\n总分\t\t\t\t\t100\n", encoding="utf-8")
    items = extract_path(p, CFG)["indicators"]
    assert [(i["name"], (i["actual"] or {}).get("raw"), i["weight"], i["score"]) for i in items] == [
        (r[2], r[4], float(r[5]), float(r[6])) for r in rows]
    assert items[1]["target"]["raw"] == "严格执行相关制度规定" and items[4]["level1"] == "效益指标"


@pytest.mark.parametrize("flat", ["cells", "single", "run_on", "tabs"])
@pytest.mark.parametrize("note", ["存在问题：部分农户未按期完成改造，下一步加强督促", "改进措施：加强督促", "说明：受疫情影响进度滞后"])
def test_a_deviation_cell_opening_with_a_section_word_does_not_end_the_table(tmp_path, flat, note):
    # the 偏差原因分析及改进措施 cell's text may open with 存在问题： / 改进措施： / 说明：; the words
    # alone are the sections after the form, with text after them they are the cell's
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    rows = [["产出指标", "数量指标", "新建村道", "≥12公里", "12.5公里", "20", "20", ""],
            ["", "", "改造危房", "≥35户", "30户", "20", "16", note],
            ["", "质量指标", "验收合格率", "100%", "100%", "20", "20", ""],
            ["效益指标", "社会效益指标", "受益人口", "≥1200人", "1350人", "30", "30", ""]]
    render = RENDER[flat]
    items = _read(tmp_path, render([head] + rows))
    assert [(i["name"], i["weight"], i["score"]) for i in items] == [
        ("新建村道", 20, 20), ("改造危房", 20, 16), ("验收合格率", 20, 20), ("受益人口", 30, 30)]
    assert items[1]["deviation"] == note


CQ_HEAD = ["指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数(%)", "指标权重(分)",
           "指标得分(分)", "是否核心指标"]
CQ_ROWS = [["财政供养人员控制率", "%", "定量指标", "100", "", "92", "100", "2", "2", "否"],
           ["预算完成率", "%", "定量指标", "70", "", "76", "100", "2", "2", "是"],
           ["管理制度健全性", "", "定性指标", "高", "", "高", "100", "3", "3", "否"],
           ["播发稿件数量", "篇", "定量指标", "2200", "", "2859", "100", "10", "10", "是"]]


@pytest.mark.parametrize("flat", ["tabs", "pipes", "cells", "cell_pipe", "run_on"])
def test_a_provincial_form_with_a_score_share_column_reads_weight_and_score_from_their_own_columns(tmp_path, flat):
    # 得分系数(%) is a share (100), not the score; 指标权重(分) and 指标得分(分) are the weight and
    # the score; a bare figure ('2200') alone in its cell is no row whose cells ran together
    render = RENDER[flat]
    p = tmp_path / "t.txt"
    p.write_text("2021年度部门整体绩效自评表\n部门名称\t某局\n" + render([CQ_HEAD] + CQ_ROWS) + "\n", encoding="utf-8")
    items = extract_path(p, CFG)["indicators"]
    assert [(i["name"], i["target"]["raw"], i["actual"]["raw"], i["weight"], i["score"]) for i in items] == [
        ("财政供养人员控制率", "100%", "92%", 2, 2), ("预算完成率", "70%", "76%", 2, 2), ("管理制度健全性", "高", "高", 3, 3),
        ("播发稿件数量", "2200篇", "2859篇", 10, 10)]


OLD_HEAD = ["一级指标", "二级指标", "三级指标", "评分标准", "分值", "得分"]
OLD_ROWS = [["项目决策(20分)", "项目立项(10分)", "立项依据充分性", "依据充分得满分", "5", "5"],
            ["", "", "立项程序规范性", "程序规范得满分", "5", "4"],
            ["", "绩效目标(10分)", "绩效目标合理性", "目标合理得满分", "5", "5"],
            ["", "", "绩效指标明确性", "指标明确得满分", "5", "5"],
            ["项目过程(30分)", "资金管理(20分)", "资金到位率", "到位率100%得满分", "10", "10"],
            ["", "", "预算执行率", "执行率100%得满分", "10", "9"],
            ["", "组织实施(10分)", "管理制度健全性", "制度健全得满分", "10", "10"]]


@pytest.mark.parametrize("flat", sorted(FLAT))
def test_an_older_framework_table_keeps_its_levels_by_their_points_and_its_rate_rows(tmp_path, flat):
    # 项目决策(20分) | 项目立项(10分) | 立项依据充分性 | 评分标准 | 分值 | 得分: a level cell with its points
    # above a name heads the rows below (绩效目标(10分), 资金管理(20分) are in no list), and 预算执行率 is
    # the framework's indicator, not the funding table's 执行率 column
    p = tmp_path / "t.txt"
    p.write_text("2021年度项目支出绩效评价报告\n" + FLAT[flat]([OLD_HEAD] + OLD_ROWS) + "\n", encoding="utf-8")
    items = extract_path(p, CFG)["indicators"]
    assert [(i["name"], i["weight"], i["score"]) for i in items] == [(r[2], float(r[4]), float(r[5])) for r in OLD_ROWS]
    assert [(i["level1"], i["level2"]) for i in items] == [
        ("项目决策", "项目立项"), ("项目决策", "项目立项"), ("项目决策", "绩效目标"), ("项目决策", "绩效目标"),
        ("项目过程", "资金管理"), ("项目过程", "资金管理"), ("项目过程", "组织实施")]


@pytest.mark.parametrize("flat", sorted(FLAT))
def test_an_indicator_named_by_a_funding_word_and_what_it_measures_is_a_row(tmp_path, flat):
    # 项目资金使用合规性, 项目资金到位率, 财政拨款支付及时率: a rate or a quality of the funds is an
    # indicator; the funding table's labels (年度资金总额, 财政拨款, 执行率) stay no row
    rows = [["产出指标", "数量指标", "培训农户人数", "≥200人次", "236人次", "20", "20"],
            ["", "质量指标", "项目资金使用合规性", "合规", "合规", "10", "10"],
            ["", "时效指标", "项目资金到位率", "100%", "100%", "10", "10"],
            ["", "", "财政拨款支付及时率", "100%", "95%", "10", "9"],
            ["效益指标", "社会效益指标", "受益农户数", "≥120户", "131户", "30", "30"]]
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    items = _read(tmp_path, FLAT[flat]([head] + rows))
    assert [(i["name"], i["weight"], i["score"]) for i in items] == [(r[2], float(r[5]), float(r[6])) for r in rows]


def test_funding_labels_are_not_measure_names():
    from extract.slots.indicator_table import measure_name
    assert all(measure_name(n) for n in ("预算执行率", "项目资金到位率", "项目资金使用合规性", "财政拨款支付及时率"))
    assert not any(measure_name(n) for n in ("执行率", "年度资金总额", "其中：财政拨款", "上年结转资金", "全年执行数"))


def test_a_title_above_cell_pipe_lines_is_not_joined_to_the_first_header_word():
    # '2022年度项目绩效目标表' then '指标类型 |': a full line above a header word is the title, not
    # the first piece of a wrapped cell
    from extract.slots.cell_stream import stream_cells
    lines = ["2022年度项目绩效目标表", "指标类型 |", "指标名称 |", "指标值 |", "数量指标 |", "培训农户人数 |", "≥200人次 |",
             "质量指标 |", "验收合格率 |", "100% |"]
    assert [c.sq for c in stream_cells("\n".join(lines)) if c.sq][:2] == ["2022年度项目绩效目标表", "指标类型"]


PROJ_ROWS = [["投入", "项目立项", "项目立项规范性", "5", "5"], ["", "资金落实", "资金到位率", "5", "4"],
             ["过程", "业务管理", "管理制度健全性", "10", "9"], ["产出", "项目产出", "实际完成率", "10", "10"],
             ["", "", "完成及时率", "10", "10"], ["效果", "项目效益", "经济效益", "5", "5"], ["", "", "社会效益", "5", "4"],
             ["", "", "服务对象满意度", "5", "5"]]


@pytest.mark.parametrize("flat", ["cells", "single", "run_on", "bars"])
def test_the_older_project_framework_keeps_its_second_levels_and_whole_names(tmp_path, flat):
    # 产出 | 项目产出 | 实际完成率, 效果 | 项目效益 | 经济效益 (TEMPLATES.md, 财预〔2013〕53号): a 一级-like word
    # right under the 一级 that opened the block is its 二级; 项目立项规范性 alone on its line is a
    # name, not the level 项目立项 with a row '规范性' run into it
    render = RENDER[flat]
    p = tmp_path / "t.txt"
    p.write_text("2021年度项目支出绩效评价报告\n" + render([["一级指标", "二级指标", "三级指标", "分值", "得分"]] + PROJ_ROWS)
                 + "\n", encoding="utf-8")
    items = extract_path(p, CFG)["indicators"]
    assert [(i["name"], i["weight"], i["score"]) for i in items] == [(r[2], float(r[3]), float(r[4])) for r in PROJ_ROWS]
    assert [i["level2"] for i in items] == ["项目立项", "资金落实", "业务管理", "项目产出", "项目产出", "项目效益", "项目效益",
                                           "项目效益"]


F2020 = [["决策", "项目立项", "立项依据充分性", "3", "3"], ["", "", "立项程序规范性", "3", "3"],
         ["", "绩效目标", "绩效目标合理性", "3", "2"], ["", "资金投入", "预算编制科学性", "4", "4"],
         ["过程", "资金管理", "资金到位率", "5", "5"], ["", "", "预算执行率", "5", "4"], ["", "组织实施", "管理制度健全性", "5", "5"],
         ["产出", "产出数量", "实际完成率", "10", "10"], ["效益", "项目效益", "社会效益", "10", "9"], ["", "", "服务对象满意度", "10", "9"]]


@pytest.mark.parametrize("head", [True, False])
@pytest.mark.parametrize("flat", ["tabs", "pipes", "single", "cells", "run_on", "cell_pipe", "bars", "blank"])
def test_the_2020_evaluation_framework_reads_with_or_without_its_header(tmp_path, flat, head):
    # 财预〔2020〕10号's framework: 决策 (项目立项 · 绩效目标 · 资金投入) · 过程 (资金管理 · 组织实施) ·
    # 产出 · 效益 (项目效益), 三级 names with 分值 and 得分; a row named by a level's word (服务对象满意度
    # | 10 | 9) is a row
    render = RENDER[flat]
    rows = ([["一级指标", "二级指标", "三级指标", "分值", "得分"]] if head else []) + F2020
    p = tmp_path / "t.txt"
    p.write_text("2021年度项目支出绩效评价报告\n" + render(rows) + "\n", encoding="utf-8")
    items = extract_path(p, CFG)["indicators"]
    assert [(i["name"], i["weight"], i["score"]) for i in items] == [(r[2], float(r[3]), float(r[4])) for r in F2020]
    assert [i["level2"] for i in items][:5] == ["项目立项", "项目立项", "绩效目标", "资金投入", "资金管理"]


@pytest.mark.parametrize("flat", ["cells", "single", "run_on", "bars", "blank"])
def test_a_headerless_block_whose_second_levels_no_list_has_is_anchored_by_its_first_level(tmp_path, flat):
    # 产出指标 | 重点工作 | 开展县域结对交流活动 | ≥5次 …: no header, and a 二级 name of the
    # department's own; the 一级 name, a short phrase, a name and a figure open the block
    rows = [["产出指标", "重点工作", "开展县域结对交流活动", "≥5次", "6次", "20", "20"],
            ["", "", "科技特派员培训人数", "≥200人", "236人", "20", "20"],
            ["", "常规工作", "公文办理及时率", "100%", "100%", "10", "10"],
            ["效益指标", "社会效益指标", "群众知晓率", "≥90%", "93%", "30", "28"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10"]]
    render = RENDER[flat]
    p = tmp_path / "t.txt"
    p.write_text("2021年度部门整体支出绩效自评表\n" + render(rows) + "\n", encoding="utf-8")
    items = extract_path(p, CFG)["indicators"]
    assert [(i["name"], i["target"]["raw"], i["weight"], i["score"], i["level1"]) for i in items] == [
        (r[2], r[3], float(r[5]), float(r[6]), lv) for r, lv in zip(rows, ["产出指标"] * 3 + ["效益指标", "满意度指标"])]


def test_a_long_table_with_its_empty_cells_kept_is_read_to_its_last_row(tmp_path):
    # 90 rows, one cell per line between '|' lines with the empty cells kept: ~900 cells in one body
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    rows = [["产出指标" if k == 0 else "", "数量指标" if k == 0 else "", f"第{k + 1}项工作任务完成数", f"≥{k + 2}个",
             f"{k + 3}个", "1", "1", ""] for k in range(90)]
    items = _read(tmp_path, "\n".join("|\n" + "\n|\n".join(r) + "\n|" for r in [head] + rows))
    assert len(items) == 90 and items[-1]["name"] == "第90项工作任务完成数" and items[-1]["actual"]["value"] == 92


@pytest.mark.parametrize("flat", sorted(set(FLAT) - {"bars_kept"}))
def test_a_second_level_no_list_has_heads_its_rows_under_the_first_level(tmp_path, flat):
    # 产出指标 | 重点工作 | 开展县域结对交流活动 …: the short phrase with no figure right under the 一级
    # name and before a row is the 二级 of the rows below (not yet where the copy kept every empty
    # cell between '|' lines: the row reads, its 二级 stays empty)
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    rows = [["产出指标", "重点工作", "开展县域结对交流活动", "≥5次", "6次", "20", "20"],
            ["", "", "科技特派员培训人数", "≥200人", "236人", "20", "20"],
            ["效益指标", "社会效益指标", "群众知晓率", "≥90%", "93%", "30", "28"]]
    items = _read(tmp_path, FLAT[flat]([head] + rows))
    assert [(i["name"], i["level1"], i["level2"]) for i in items] == [
        ("开展县域结对交流活动", "产出指标", "重点工作"), ("科技特派员培训人数", "产出指标", "重点工作"),
        ("群众知晓率", "效益指标", "社会效益指标")]


PTS_ROWS = [["决策", "20", "项目立项", "6", "立项依据充分性", "3", "3"], ["", "", "", "", "立项程序规范性", "3", "3"],
            ["", "", "绩效目标", "6", "绩效目标合理性", "3", "2"], ["", "", "", "", "绩效指标明确性", "3", "3"],
            ["过程", "25", "资金管理", "15", "资金到位率", "5", "5"], ["", "", "", "", "预算执行率", "5", "4"],
            ["", "", "组织实施", "10", "管理制度健全性", "5", "5"]]


@pytest.mark.parametrize("flat", ["tabs", "single", "cells", "run_on", "bars", "blank"])
def test_a_score_table_with_points_on_its_levels_reads_without_its_header(tmp_path, flat):
    # 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分 with the header lost: 决策 | 20 | 项目立项 | 6 |
    # 立项依据充分性 | 3 | 3 — the levels' own points are no row's figures
    render = RENDER[flat]
    p = tmp_path / "t.txt"
    p.write_text("2021年度项目支出绩效评价报告\n" + render(PTS_ROWS) + "\n", encoding="utf-8")
    items = extract_path(p, CFG)["indicators"]
    assert [(i["name"], i["weight"], i["score"], i["level2"]) for i in items] == [
        ("立项依据充分性", 3, 3, "项目立项"), ("立项程序规范性", 3, 3, "项目立项"), ("绩效目标合理性", 3, 2, "绩效目标"),
        ("绩效指标明确性", 3, 3, "绩效目标"), ("资金到位率", 5, 5, "资金管理"), ("预算执行率", 5, 4, "资金管理"),
        ("管理制度健全性", 5, 5, "组织实施")]


@pytest.mark.parametrize("flat", ["tabs", "pipes", "single", "cells", "run_on", "bars", "blank"])
def test_a_score_table_with_points_on_its_levels_and_a_criteria_column(tmp_path, flat):
    # 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 评分标准 | 得分: 'name | 3 | text | 3' reads like a
    # level with its points followed by another name; there only the levels' known words are levels
    head = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评分标准", "得分"]
    rows = [["决策", "20", "项目立项", "6", "立项依据充分性", "3", "依据充分得3分", "3"],
            ["", "", "", "", "立项程序规范性", "3", "程序规范得3分", "3"],
            ["", "", "绩效目标", "6", "绩效目标合理性", "3", "目标合理得3分", "2"],
            ["过程", "25", "资金管理", "15", "资金到位率", "5", "到位率100%得5分", "5"],
            ["", "", "", "", "预算执行率", "5", "执行率100%得5分", "4"]]
    render = RENDER[flat]
    p = tmp_path / "t.txt"
    p.write_text("2021年度项目支出绩效评价报告\n" + render([head] + rows) + "\n", encoding="utf-8")
    items = extract_path(p, CFG)["indicators"]
    assert [(i["name"], i["weight"], i["score"]) for i in items] == [(r[4], float(r[5]), float(r[7])) for r in rows]


@pytest.mark.parametrize("flat", ["tabs", "single", "cells", "run_on", "bars", "blank"])
def test_a_score_table_with_level_points_and_criteria_reads_without_its_header(tmp_path, flat):
    rows = [["决策", "20", "项目立项", "6", "立项依据充分性", "3", "依据充分得3分", "3"],
            ["", "", "", "", "立项程序规范性", "3", "程序规范得3分", "3"],
            ["", "", "绩效目标", "6", "绩效目标合理性", "3", "目标合理得3分", "2"],
            ["过程", "25", "资金管理", "15", "资金到位率", "5", "到位率100%得5分", "5"],
            ["", "", "", "", "预算执行率", "5", "执行率100%得5分", "4"]]
    render = RENDER[flat]
    p = tmp_path / "t.txt"
    p.write_text("2021年度项目支出绩效评价报告\n" + render(rows) + "\n", encoding="utf-8")
    items = extract_path(p, CFG)["indicators"]
    assert [(i["name"], i["weight"], i["score"]) for i in items] == [(r[4], float(r[5]), float(r[7])) for r in rows]
