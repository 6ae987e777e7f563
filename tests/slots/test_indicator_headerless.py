"""Indicator rows of a table whose header row no reader found (an image, lost in the copy,
garbled over two lines, in words no list has): anchored by the forms' closed level
vocabulary (TEMPLATES.md), columns told by the cells' shapes. Synthetic forms only."""
from __future__ import annotations

from extract.config import Config, replace_models
from extract.pipeline import extract_path

CFG = replace_models(Config(), use_models=False)

ROWS = [
    ["产出指标", "数量指标", "培训人次", "≥200人次", "230人次", "20", "20"],
    ["", "", "发放补贴户数", "≥150户", "152户", "20", "20"],
    ["", "质量指标", "验收合格率", "100%", "100%", "10", "10"],
    ["效益指标", "社会效益指标", "受益群众人数", "≥3000人", "2800人", "30", "27"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10"],
]


def _read(tmp_path, text: str) -> dict:
    p = tmp_path / "form.txt"
    p.write_text("2022年度项目支出绩效自评表\n项目名称\t乡村培训项目\n" + text + "\n总分\t\t\t\t\t90\t87\n",
                 encoding="utf-8")
    return {i["name"]: i for i in extract_path(p, CFG)["indicators"]}


def _v(x):
    return None if x is None else (x["op"], x["value"], x["unit"])


def test_rows_without_a_header_are_read_by_their_level_names_and_shapes(tmp_path):
    got = _read(tmp_path, "\n".join("\t".join(r) for r in ROWS))
    assert list(got) == ["培训人次", "发放补贴户数", "验收合格率", "受益群众人数", "群众满意度"]
    r = got["受益群众人数"]
    assert (r["level1"], r["level2"]) == ("效益指标", "社会效益指标")
    assert _v(r["target"]) == (">=", 3000, "人") and _v(r["actual"]) == ("=", 2800, "人")
    assert (r["weight"], r["score"]) == (30, 27)
    assert got["发放补贴户数"]["level2"] == "数量指标"


def test_one_cell_per_line_without_a_header(tmp_path):
    got = _read(tmp_path, "\n".join("\n".join(c for c in r if c) for r in ROWS))
    assert len(got) == 5 and (got["验收合格率"]["weight"], got["验收合格率"]["score"]) == (10, 10)


def test_header_in_unknown_words_is_passed_over(tmp_path):
    head = "考核维度\t考核要素\t考核内容\t计划目标\t执行结果\t标准分数\t考核评分"
    got = _read(tmp_path, head + "\n" + "\n".join("\t".join(r) for r in ROWS))
    assert _v(got["培训人次"]["target"]) == (">=", 200, "人次") and got["培训人次"]["score"] == 20


def test_target_table_without_a_header_reads_targets_only(tmp_path):
    got = _read(tmp_path, "\n".join("\t".join(r[:4]) for r in ROWS))
    assert _v(got["群众满意度"]["target"]) == (">=", 90, "%")
    assert got["群众满意度"]["actual"] is None and got["群众满意度"]["weight"] is None


def test_scores_over_their_weights_are_no_headerless_table(tmp_path):
    bad = [r[:5] + [r[6], r[5]] if r[5] != r[6] else r[:5] + ["5", "9"] for r in ROWS]
    got = _read(tmp_path, "\n".join("\t".join(r) for r in bad))
    assert all(i["weight"] is None for i in got.values())


def test_level_names_in_a_list_without_figures_are_no_rows(tmp_path):
    text = "\n".join(["产出指标", "数量指标", "完成培训任务", "质量指标", "培训质量较好", "效益指标", "社会效益指标",
                      "群众收入提高", "满意度指标", "服务对象满意度指标", "群众满意"])
    assert _read(tmp_path, text) == {}


def test_a_second_table_without_its_header_after_one_with_it(tmp_path):
    head = "\t".join(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    first = "\n".join("\t".join(r) for r in ROWS[:3])
    second = "\n".join("\t".join(r) for r in [["效益指标", "社会效益指标", "带动就业人数", "≥50人", "60人", "20", "20"],
                                              ["", "", "培训合格率", "≥90%", "92%", "10", "10"],
                                              ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "96%", "10", "10"]])
    got = _read(tmp_path, head + "\n" + first + "\n（二）部门整体绩效\n项目二\n" + second)
    assert {"培训人次", "验收合格率", "带动就业人数", "学员满意度"} <= set(got)
    assert (got["带动就业人数"]["level1"], got["带动就业人数"]["weight"]) == ("效益指标", 20)


def test_header_words_whose_characters_a_copy_shuffled_are_known():
    from extract.slots.cell_stream import _hword
    # a cell printed over two lines whose lines were interleaved (TEMPLATES: 全年完成值, 参考分值)
    assert [_hword(w) for w in ("年成值全完值", "考值参分", "标一指级", "指三标级", "指年标度值", "值分", "分得")] == [
        "actual", "weight", "level1", "name", "target", "weight", "score"]
    # a header word with a piece of the next cell, a name, a figure: no header word
    assert [_hword(w) for w in ("三级指标指", "指标完成率", "财政供养率", "标指")] == [None, None, None, None]


def test_table_under_a_shuffled_header_reads_every_column(tmp_path):
    head = "\t".join(["指一标级", "指二标级", "指三标级", "指年标度值", "完实成际值", "值分", "分得"])
    got = _read(tmp_path, head + "\n" + "\n".join("\t".join(r) for r in ROWS))
    assert len(got) == 5 and (got["受益群众人数"]["weight"], got["受益群众人数"]["score"]) == (30, 27)
    assert _v(got["受益群众人数"]["actual"]) == ("=", 2800, "人")


OLD_SCORE_TABLE = [["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"],
                   ["项目决策", "20", "项目目标", "4", "目标明确性", "4", "4"],
                   ["", "", "决策过程", "8", "决策依据", "3", "3"],
                   ["", "", "", "", "决策程序", "5", "4"],
                   ["项目管理", "25", "资金到位", "5", "到位率", "3", "3"],
                   ["", "", "", "", "到位时效", "2", "2"]]


def test_score_table_whose_levels_carry_their_own_points(tmp_path):
    # the older framework (TEMPLATES.md): 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分; a level's
    # 分值 is the level's, not its first row's, whether the copy kept the grid or one cell per line
    for text in ("\n".join("\t".join(r) for r in OLD_SCORE_TABLE),
                 "\n".join(c for r in OLD_SCORE_TABLE for c in r if c)):
        got = _read(tmp_path, text)
        assert [(r["level1"], r["level2"], n, r["weight"], r["score"]) for n, r in got.items()] == [
            ("项目决策", "项目目标", "目标明确性", 4, 4), ("项目决策", "决策过程", "决策依据", 3, 3),
            ("项目决策", "决策过程", "决策程序", 5, 4), ("项目管理", "资金到位", "到位率", 3, 3),
            ("项目管理", "资金到位", "到位时效", 2, 2)]
