"""One national-form indicator table (TEMPLATES.md: 一级指标 · 二级指标 · 三级指标 · 年度指标值 ·
实际完成值 · 分值 · 得分 · 偏差原因分析及改进措施), flattened the ways reports arrive, reads
back to the same rows. The table is made here from the form's words, not copied from a report.
"""
from __future__ import annotations

import re

import pytest

from extract.config import Config, replace_models
from extract.pipeline import extract_path

CFG = replace_models(Config(), use_models=False)

HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
ROWS = [
    ["产出指标", "数量指标", "培训农户人数", "≥200人次", "236人次", "20", "20", ""],
    ["", "", "新建机耕道", "≥3公里", "3.2公里", "15", "15", ""],
    ["", "质量指标", "验收合格率", "100%", "100%", "15", "15", ""],
    ["效益指标", "社会效益指标", "受益农户数", "≥120户", "131户", "30", "30", ""],
    ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "95%", "10", "9", ""],
]
WANT = [("培训农户人数", 200, 236, 20, 20), ("新建机耕道", 3, 3.2, 15, 15), ("验收合格率", 100, 100, 15, 15),
        ("受益农户数", 120, 131, 30, 30), ("受益群众满意度", 90, 95, 10, 9)]


def _read(tmp_path, table: str) -> list[dict]:
    p = tmp_path / "t.txt"
    p.write_text("2021年度农村综合改革项目支出绩效自评表\n项目名称\t农村综合改革项目\n绩效指标\n" + table
                 + "\n总分\t\t\t\t\t100\t99\n", encoding="utf-8")
    return extract_path(p, CFG)["indicators"]


def _rows(items):
    return [(i["name"], (i.get("target") or {}).get("value"), (i.get("actual") or {}).get("value"),
             i.get("weight"), i.get("score")) for i in items]


def test_tab_separated_form_reads_every_row(tmp_path):
    assert _rows(_read(tmp_path, "\n".join("\t".join(r) for r in [HEAD] + ROWS))) == WANT


def test_a_header_printed_over_two_rows_names_its_columns_by_the_joined_words(tmp_path):
    # '年度 | 实际' over '指标值 | 完成值': the second header row is the lower half of the same cells
    head = ("一级指标\t二级指标\t三级指标\t年度\t实际\t分值\t得分\t偏差原因分析\n"
            "\t\t\t指标值\t完成值\t\t\t及改进措施")
    items = _read(tmp_path, head + "\n" + "\n".join("\t".join(r) for r in ROWS))
    assert _rows(items) == WANT
    assert [i["level2"] for i in items] == ["数量指标", "数量指标", "质量指标", "社会效益指标", "服务对象满意度指标"]


@pytest.mark.parametrize("brk", ["\f\n- 2 -", "第 1 页", "第1页 共3页", "2/3"])
def test_a_table_continued_after_a_page_break_keeps_its_rows_and_levels(tmp_path, brk):
    top = "\n".join("\t".join(r) for r in [HEAD] + ROWS[:2])
    rest = "\n".join("\t".join(r) for r in ROWS[2:])
    assert _rows(_read(tmp_path, top + "\n" + brk + "\n" + rest)) == WANT          # header not repeated
    items = _read(tmp_path, top + "\n" + brk + "\n" + "\t".join(HEAD) + "\n" + rest)  # header repeated
    assert _rows(items) == WANT
    assert items[2]["level1"] == "产出指标" and items[2]["level2"] == "质量指标"


def test_rows_of_a_closed_table_do_not_carry_their_levels_into_the_next_table(tmp_path):
    one = "\n".join("\t".join(r) for r in [HEAD] + ROWS[:2]) + "\n总分\t\t\t\t\t35\t35"
    two = "\n".join("\t".join(r) for r in [HEAD] + [["", "", "另一表的指标", "≥1个", "1个", "5", "5", ""]])
    items = _read(tmp_path, one + "\n第 1 页\n" + two)
    assert items[-1]["name"] == "另一表的指标" and items[-1]["level1"] is None


def test_cells_each_on_its_own_line_between_bar_lines_read_as_one_cell_per_line(tmp_path):
    # a web table copied as 'cell' / '|' / 'cell' / '|' …: the bar line is a boundary, not an empty cell
    one_per_line = "\n|\n".join("\n|\n".join(c for c in r if c) for r in [HEAD] + ROWS)
    assert _rows(_read(tmp_path, one_per_line)) == WANT


def test_a_name_may_start_with_a_connector_word_when_cells_come_one_per_line(tmp_path):
    # 及时… and 与…完成率 are names, not the wrapped rest of the cell above
    rows = [["产出指标", "数量指标", "与合作方结算完成率", "100%", "100%", "20", "20", ""],
            ["", "时效指标", "及时(按期)开工率", "≥90%", "95%", "30", "30", ""]]
    items = _read(tmp_path, "\n".join("\n".join(c for c in r if c) for r in [HEAD] + rows))
    assert _rows(items) == [("与合作方结算完成率", 100, 100, 20, 20), ("及时(按期)开工率", 90, 95, 30, 30)]
    assert [i["level2"] for i in items] == ["数量指标", "时效指标"]


def test_cells_run_together_on_one_line_keep_the_weight_and_the_score(tmp_path):
    # a web page's table copied as text: 培训农户人数≥200人次236人次2020 — 分值 20 and 得分 20 cut
    # where exactly one cut has score <= weight <= 100
    items = _read(tmp_path, "\n".join("".join(r) for r in [HEAD] + ROWS))
    assert _rows(items) == WANT


def test_a_table_flattened_column_by_column_pairs_its_columns_by_position(tmp_path):
    # each header word followed by its column's cells; worded values (显著提升) count as values
    rows = [r[:] for r in ROWS]
    rows[3][4] = "显著提升"
    rows[1][3] = "按计划完成"             # a column of mostly words is still a value column
    cols = "\n".join("\n".join([HEAD[j]] + [r[j] for r in rows if r[j]]) for j in range(2, 7))
    items = _read(tmp_path, cols)
    assert [i["name"] for i in items] == [w[0] for w in WANT]
    assert items[3]["actual"]["raw"] == "显著提升" and [i["score"] for i in items] == [20, 15, 15, 30, 9]
    assert items[1]["target"]["raw"] == "按计划完成"


def test_weight_and_score_run_into_the_actual_cell_are_cut_only_where_one_cut_holds(tmp_path):
    # '236人次2020' under 实际完成值 with 分值/得分 empty: 20 | 20 is the one cut with score <= weight <= 100
    rows = [r[:4] + [r[4] + r[5] + r[6], "", ""] + r[7:] for r in ROWS]
    items = _read(tmp_path, "\n".join("\t".join(r) for r in [HEAD] + rows))
    assert _rows(items) == WANT
    # 95%19: 1 | 9 breaks score <= weight, 19 alone is no pair: nothing is guessed
    from extract.slots.indicator_table import _glued_points_after_value
    assert _glued_points_after_value("95%19") is None
    assert _glued_points_after_value("已完成55") == ("已完成", 5, 5)


def test_tab_rows_that_lost_their_empty_cells_are_read_by_what_their_first_cell_is(tmp_path):
    # '质量指标\t验收合格率\t100%…': fewer cells than the header's columns and none empty — the
    # merged 一级 cell was dropped, not kept empty; a level name starts the row at its level column
    rows = [[c for c in r if c] for r in ROWS]
    items = _read(tmp_path, "\n".join("\t".join(r) for r in [HEAD] + rows))
    assert _rows(items) == WANT
    assert [i["level2"] for i in items] == ["数量指标", "数量指标", "质量指标", "社会效益指标", "服务对象满意度指标"]


@pytest.mark.parametrize("sep", ["\t", "\n"])
def test_older_and_provincial_header_words_name_the_same_columns(tmp_path, sep):
    # TEMPLATES.md: 预期值 (target), 全年实际值 (actual), 权重 (weight), 自评分 (score)
    head = ["一级指标", "二级指标", "三级指标", "预期值", "全年实际值", "权重", "自评分", "未完成原因分析及改进措施"]
    rows = ROWS if sep == "\t" else [[c for c in r if c] for r in ROWS]
    assert _rows(_read(tmp_path, "\n".join(sep.join(r) for r in [head] + rows))) == WANT


def test_a_table_run_on_and_hard_wrapped_at_the_page_width_is_read_as_if_unwrapped(tmp_path):
    # a PDF copied as text: the run-on table broken every 24 characters, mid-cell
    flat = " ".join(" ".join(c for c in r if c) for r in [HEAD] + ROWS)
    wrapped = "\n".join(flat[k:k + 24] for k in range(0, len(flat), 24))
    assert _rows(_read(tmp_path, wrapped)) == _rows(_read(tmp_path, flat)) == WANT
    from extract.read.layout import unwrapped
    from extract.read.textnorm import view_of
    v = unwrapped(view_of(wrapped + "\n"))
    assert v.text.strip() == flat and v.original(0, 4) == flat[:4]


def test_prose_indicators_of_a_hard_wrapped_report_read_as_its_unwrapped_twin(tmp_path):
    # the narrative reader reads sentences on the unwrapped view: a break every 20 characters
    # is no sentence boundary
    body = ("一、项目绩效目标\n项目绩效目标：完成培训农户人数200人次，新建机耕道3公里，验收合格率达到100%，受益群众满意度达到90%以上。\n"
            "二、项目绩效目标完成情况\n截至年底，实际培训农户人数236人次，新建机耕道3.2公里，验收合格率100%，受益群众满意度95%。\n")
    head = ("2021年度农村综合改革项目支出绩效自评报告\n一、项目概况\n本项目由县农业农村局组织实施，围绕农村人居环境整治和"
            "农业生产条件改善，开展农户技能培训、机耕道建设等工作，各乡镇按照实施方案要求推进项目建设，资金管理规范。\n")
    p1, p2 = tmp_path / "a.txt", tmp_path / "b.txt"
    p1.write_text(head + body, encoding="utf-8")
    wrapped = "\n".join("\n".join(ln[k:k + 20] for k in range(0, len(ln), 20)) for ln in body.split("\n"))
    p2.write_text("\n".join("\n".join(ln[k:k + 20] for k in range(0, len(ln), 20)) for ln in head.split("\n")) + wrapped,
                  encoding="utf-8")
    a, b = (extract_path(p, CFG)["indicators"] for p in (p1, p2))
    def key(items):       # the raw keeps the text as printed, wrap included ('100\n%')
        return [(i["name"], *((v["op"], v["value"], v["unit"]) if v else None for v in (i.get("target"), i.get("actual"))))
                for i in items]
    assert len(a) == 4 and key(a) == key(b)


@pytest.mark.parametrize("sep", [" ", "  "])
def test_a_space_between_a_figure_and_its_unit_does_not_cut_the_cell(tmp_path, sep):
    # '100 %' as PDF copies print it: one value in a space-separated row
    rows = [[c.replace("%", " %").replace("人次", " 人次") for c in r] for r in ROWS]
    items = _read(tmp_path, "\n".join(sep.join(c for c in r if c) for r in [HEAD] + rows))
    assert [(n, t, a) for n, t, a, _, _ in _rows(items)] == [(n, t, a) for n, t, a, _, _ in WANT]


def test_a_column_letter_in_full_width_brackets_is_a_marker_of_a_run_on_header(tmp_path):
    # 年初目标值 （A） 实际完成值 （B）: as (A) (B), the letters are no column of their own
    head = ["一级指标", "二级指标", "三级指标", "年初目标值 （A）", "实际完成值 （B）", "分值", "得分"]
    flat = "".join("".join(c for c in r[:7] if c) for r in [head] + ROWS)
    half = flat.replace("（", "(").replace("）", ")")
    assert _rows(_read(tmp_path, flat)) == _rows(_read(tmp_path, half))


@pytest.mark.parametrize("op", ["≥", "不低于", "大于等于"])
def test_a_comparator_column_in_words_gives_the_target_its_comparator(tmp_path, op):
    # 指标性质 | 指标值 | 度量单位: '不低于 | 200 | 人次' is ≥200人次
    head = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分"]
    row = ["产出指标", "数量指标", "培训农户人数", op, "200", "人次", "236", "20", "20"]
    for sep in (" | ", "\t"):
        items = _read(tmp_path, "\n".join(sep.join(r) for r in [head, row]))
        t = items[0]["target"]
        assert (t["op"], t["value"], t["unit"]) == (">=", 200, "人次")


def test_rows_of_a_space_separated_table_of_even_length_are_not_taken_for_a_wrapped_text():
    from extract.read.layout import unwrapped
    from extract.read.textnorm import view_of
    rows = "\n".join("  ".join(c for c in r if c) for r in [HEAD] + ROWS * 3)
    assert unwrapped(view_of(rows)).text == view_of(rows).text


def test_a_column_by_column_table_with_a_level_name_on_every_row_keeps_the_levels(tmp_path):
    full, l1, l2 = [], "", ""
    for r in ROWS:
        l1, l2 = r[0] or l1, r[1] or l2
        full.append([l1, l2] + r[2:])
    items = _read(tmp_path, "\n".join("\n".join([HEAD[j]] + [r[j] for r in full]) for j in range(7)))
    assert [(i["level1"], i["level2"]) for i in items] == [(r[0], r[1]) for r in full]
    assert _rows(items) == WANT


def test_a_header_cell_holding_a_line_break_keeps_its_row_whole(tmp_path):
    # a DOCX cell '一级\n指标' pasted as text: the break inside the cell is not a row end
    head = "\t".join(h[:len(h) // 2] + "\n" + h[len(h) // 2:] for h in HEAD)
    assert _rows(_read(tmp_path, head + "\n" + "\n".join("\t".join(r) for r in ROWS))) == WANT
    from extract.read.layout import join_header_breaks
    assert join_header_breaks("一级\n指标\t二级\n指标\t分\n值") == "一级 指标\t二级 指标\t分 值"
    assert join_header_breaks("产出\t数量\n指标\t5") == "产出\t数量\n指标\t5"     # a level, not a header cell


def test_pipe_rows_that_kept_their_empty_cells_are_read_by_position(tmp_path):
    # '| | | 新建机耕道 | ≥3公里 | …': the empty level cells kept, so every cell stands in its column;
    # a row broken across a page ('| | | | | 3.2公里 | | |' under it) then rejoins its row
    rows = [r[:] for r in ROWS]
    text = "\n".join("| " + " | ".join(r) + " |" for r in [HEAD] + rows)
    assert _rows(_read(tmp_path, text)) == WANT
    broken = [r[:] for r in ROWS]
    broken[1][2] = "新建机"
    cont = ["", "", "耕道", "", "", "", "", ""]
    text = "\n".join("| " + " | ".join(r) + " |" for r in [HEAD] + broken[:2] + [cont] + broken[2:])
    assert _rows(_read(tmp_path, text)) == WANT


def test_a_row_opening_with_a_pipe_under_a_header_without_outer_pipes_has_an_empty_first_cell(tmp_path):
    text = "\n".join(" | ".join(r) for r in [HEAD] + ROWS)     # ' |  | 新建机耕道 | …'
    items = _read(tmp_path, text)
    assert _rows(items) == WANT
    assert [i["level2"] for i in items] == ["数量指标", "数量指标", "质量指标", "社会效益指标", "服务对象满意度指标"]


def test_a_markdown_table_with_line_breaks_in_its_header_cells(tmp_path):
    head = "| " + " | ".join(h[:len(h) // 2] + "<br>" + h[len(h) // 2:] for h in HEAD) + " |"
    text = "\n".join([head, "|" + ":---:|" * len(HEAD)] + ["| " + " | ".join(r) + " |" for r in ROWS])
    assert _rows(_read(tmp_path, text)) == WANT


def test_tab_rows_whose_cells_hold_line_breaks_are_one_row(tmp_path):
    # a DOCX/web cell wrapped inside its column: '基建工程委托\n业务项目数量\t≥50个…'
    def cut(r):               # the name cell wraps every 4 characters
        return r[:2] + ["\n".join(r[2][k:k + 4] for k in range(0, len(r[2]), 4))] + r[3:]
    text = "\n".join("\t".join(r) for r in [HEAD] + [cut(r) for r in ROWS])
    items = _read(tmp_path, text)
    assert [(re.sub(r"\s+", "", n), t, a, w, s) for n, t, a, w, s in _rows(items)] == WANT
    from extract.read.layout import join_tab_cells
    # a figure cell does not wrap: '…\t拨款' over '387.5\t…' is two rows
    assert join_tab_cells("a\tb\tc\td\nx\ty\tz\tw\n年度资金\t其中：拨款\n387.5\t387.5\t—\n") == \
        "a\tb\tc\td\nx\ty\tz\tw\n年度资金\t其中：拨款\n387.5\t387.5\t—\n"


def test_pipe_cells_wrapped_inside_their_column_read_whole_in_the_cell_stream(tmp_path):
    def cut(c):
        return "\n".join(c[k:k + 4] for k in range(0, len(c), 4)) if len(c) > 4 and not c[0].isdigit() else c
    text = "\n".join("| " + " | ".join(cut(c) for c in r) + " |" for r in [HEAD] + ROWS)
    assert [re.sub(r"\s+", "", n) for n, *_ in _rows(_read(tmp_path, text))] == [w[0] for w in WANT]


def test_a_row_opening_with_a_level_name_continues_no_cell():
    from extract.read.layout import join_tab_cells
    text = "一级指标\t二级指标\t三级指标\t指标值\n效益指标\t经济效益 指标\t减轻负担\n社会效益 指标\t知晓率\t98%\n"
    assert join_tab_cells(text) == text


def test_pipe_rows_that_dropped_trailing_cells_but_kept_their_leading_ones_stay_in_place(tmp_path):
    text = "\n".join("| " + " | ".join(r if k == 0 else r[:7]) + " |" for k, r in enumerate([HEAD] + ROWS))
    items = _read(tmp_path, text)
    assert _rows(items) == WANT and items[1]["level2"] == "数量指标"


def test_an_evaluation_framework_table_with_row_numbers_and_a_description_column_one_cell_per_line(tmp_path):
    # 序号 | 一级 | 二级 | 三级指标 | 指标说明 | 分值 | 评分: the row number is no cell of the row and the
    # description (with its figures in words) is the row's content, not a name glued to a value
    head = ["序号", "一级指标", "二级指标", "三级指标", "指标说明", "分值", "评分"]
    rows = [["1", "产出指标", "数量指标", "新建村道", "完成新建村道硬化12公里", "10", "10"],
            ["2", "", "", "改造危房", "完成农村危房改造35户", "10", "9"],
            ["3", "效益指标", "社会效益指标", "受益人口", "受益群众1200人以上", "20", "20"]]
    items = _read(tmp_path, "\n".join("\n".join(c for c in r if c) for r in [head] + rows))
    assert [(i["name"], i["content"], i["weight"], i["score"], i["level2"]) for i in items] == [
        ("新建村道", "完成新建村道硬化12公里", 10, 10, "数量指标"), ("改造危房", "完成农村危房改造35户", 10, 9, "数量指标"),
        ("受益人口", "受益群众1200人以上", 20, 20, "社会效益指标")]
