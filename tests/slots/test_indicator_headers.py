"""Indicator tables whose header names some columns in words no list has (extract/slots/
cell_stream.py `_header_at`): a word between the forms' own header words is a column of its
own, read as nothing, so the figures under the known words after it keep their columns."""
from __future__ import annotations

import json

import pytest

from extract.config import Config, replace_models
from extract.pipeline import extract_path

from tests.conftest import POOL_GOLD, pool_reader

CFG = replace_models(Config(), use_models=False)

ROWS = [("1", "决策", "项目立项", "立项依据充分性", "项目立项符合国家法律法规，得满分", "3", "3"),
        ("2", "", "", "立项程序规范性", "按照规定的程序申请设立", "2", "2"),
        ("3", "", "绩效目标", "绩效目标合理性", "项目有绩效目标", "3", "2"),
        ("4", "过程", "资金管理", "资金到位率", "实际到位资金与预算资金的比率", "4", "4"),
        ("5", "", "", "预算执行率", "项目预算资金是否按照计划执行", "5", "4.5"),
        ("6", "产出", "产出数量", "实际完成率", "实际产出数与计划产出数的比率", "10", "10"),
        ("7", "", "产出质量", "质量达标率", "达标产出数与实际产出数的比率", "10", "9"),
        # the framework's 三级 names under 项目效益 are level words: each heads its own row's cells
        ("8", "效益", "项目效益", "社会效益", "项目实施带动周边群众就业增收的情况", "10", "8"),
        ("9", "", "", "满意度", "服务对象对项目实施效果的满意程度", "10", "9")]
HEAD = ["序号", "一级指标", "二级指标", "三级指标", "指标解释说明", "评分要点", "分值", "评分", "备注"]


def _read(tmp_path, lines: list[str]) -> dict[str, dict]:
    path = tmp_path / "form.txt"
    path.write_text("某县2022年度某某项目支出绩效自评表\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return {i["name"]: i for i in extract_path(path, CFG)["indicators"]}


def _expect(items: dict[str, dict]) -> None:
    assert set(items) == {r[3] for r in ROWS}
    for no, l1, l2, name, text, w, s in ROWS:
        assert (items[name]["weight"], items[name]["score"]) == (float(w), float(s)), name
    assert items["资金到位率"]["level2"] == "资金管理"
    assert items["质量达标率"]["level2"] == "质量指标"
    assert (items["社会效益"]["level2"], items["满意度"]["level2"]) == ("项目效益", "项目效益")


def test_one_cell_per_line_between_bars_with_unnamed_columns(tmp_path):
    lines = [x for h in HEAD for x in (h, "|")]
    for no, l1, l2, name, text, w, s in ROWS:
        lines += [x for c in (no, l1, l2, name) if c for x in (c, "|")]
        lines += [text, "|", w, "|", s, "|", "|"]
    _expect(_read(tmp_path, lines + ["合计", "|", "57", "|", "51.5"]))


def test_blank_line_cells_with_unnamed_columns(tmp_path):
    lines = [x for h in HEAD for x in (h, "")]
    for row in ROWS:
        lines += [x for c in row for x in (c, "")] + ["", ""]
    _expect(_read(tmp_path, lines))


def test_tab_rows_with_unnamed_columns(tmp_path):
    lines = ["\t".join(HEAD)] + ["\t".join([*row[:5], "", *row[5:], ""]) for row in ROWS]   # 评分要点, 备注 empty
    _expect(_read(tmp_path, lines))


LONG = ("通过实施本项目，完成全县12个乡镇、45个行政村农村饮水安全巩固提升工程建设任务，新建供水管网36公里、改造管网18公里，"
        "保障2.3万农村居民饮水安全，改善群众生产生活条件")


def test_a_whole_sentence_as_the_name_is_a_row(tmp_path):
    # a 三级指标 cell holding the target's whole sentence (over 80 characters, its counts each with
    # their measure) is a row's name, in the grid and one cell per line alike
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"]
    rows = [("产出指标", "数量指标", LONG, "≥5处", "5处", "20"), ("", "质量指标", "工程验收合格率", "100%", "100%", "15"),
            ("效益指标", "社会效益指标", "受益人口", "≥2000人", "2100人", "30")]
    for sep in ("\t", " | ", "\n"):
        items = _read(tmp_path, [sep.join(head)] + [sep.join(c for c in r if c or sep != "\n") for r in rows])
        assert set(items) == {r[2] for r in rows}, repr(sep)
        assert (items[LONG]["target"]["raw"], items[LONG]["score"], items[LONG]["level2"]) == ("≥5处", 20, "数量指标")


def test_an_evaluation_frameworks_dimensions_keep_their_printed_names(tmp_path):
    # 决策 · 过程 · 产出 · 效益 (投入 · 过程 · 产出 · 效果) are the dimensions of an evaluation framework,
    # kept as printed (SCHEMA: "also 投入/过程/产出/效果 in older frameworks"), not 产出指标
    lines = [x for h in HEAD for x in (h, "")]
    for row in ROWS:
        lines += [x for c in row for x in (c, "")] + ["", ""]
    items = _read(tmp_path, lines)
    assert [items[r[3]]["level1"] for r in ROWS] == ["决策", "决策", "决策", "过程", "过程", "产出", "产出", "效益", "效益"]


def test_the_indicator_frameworks_first_level_is_canonical(tmp_path):
    # 产出 | 数量 with no 决策/过程 beside it is the indicator framework's 产出指标
    lines = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "产出", "数量", "培训农民人数", "≥200人", "210人", "20", "20",
             "", "质量", "培训合格率", "≥95%", "98%", "20", "20",
             "效益", "社会效益", "带动就业人数", "≥50人", "60人", "30", "30"]
    items = _read(tmp_path, lines)
    assert [items[n]["level1"] for n in ("培训农民人数", "培训合格率", "带动就业人数")] == ["产出指标", "产出指标", "效益指标"]


@pytest.mark.parametrize("name, least", [("p092", 9), ("p021", 8)])
def test_a_table_whose_header_line_is_lost_reads_by_its_cells(tmp_path, name, least):
    # the pool report with its header line gone (an image, a page before): p092 a declaration's
    # 一级 | 二级 | 三级 | 正向 | = | 8 | 人 | 4, p021 a self-evaluation's 二级 | 三级 | ≧ | 100 | % | 100% | 10 | 7.
    # The rows are told by their shape: a comparator cell before each figure, a unit where one is
    # printed, a weight and a score no larger, the weights adding up to 100 at most; read as the gold has them
    # (p021's first rows under their 二级 alone, 质量指标 | 营养改善计划覆盖率 | ≧ | 100: their 一级 was on the lost line)
    text = pool_reader(lambda p: p.read_text(encoding="utf-8"))(name)
    kept = [ln for ln in text.split("\n") if "三级指标" not in ln]
    assert len(kept) == len(text.split("\n")) - 1
    path = tmp_path / f"{name}.txt"
    path.write_text("\n".join(kept), encoding="utf-8")
    got = {i["name"]: i for i in extract_path(path, CFG)["indicators"]}
    gold = json.loads((POOL_GOLD / f"{name}.json").read_text(encoding="utf-8"))["indicators"]

    def same(g: dict) -> bool:
        p = got.get(g["name"])
        return p is not None and all(
            (p.get(a) or {}).get("value") == g[a].get("value") if a in ("target", "actual") else p.get(a) == g[a]
            for a in ("target", "actual", "weight", "score", "level2") if a in g)
    assert sum(1 for g in gold if same(g)) >= least and len(got) <= len(gold)


def test_a_name_printed_again_under_each_second_level_stays_a_name(tmp_path):
    # the same 三级 name under 数量指标, 质量指标 and 时效指标 (seed 000's form), a criteria column no list
    # names after the actual: printed three times it is still the rows' name, not a result phrase in
    # the target column with the 二级 name taken for the row's name
    name = "积极开展科技特派员工作、可持续发展实验区建设"
    head = HEAD[1:4] + ["年度指标值", "实际完成值"] + HEAD[4:6] + ["分值", "得分"]
    rows = [("产出指标", "数量指标", name, "≥40个", "42个", "4", "4"), ("", "质量指标", name, "≥95%", "98%", "3", "3"),
            ("", "时效指标", name, "按时完成", "按时完成", "3", "2"), ("", "", "做好科技普及工作", "≥1次", "1次", "4", "4")]
    lines = [x for h in head for x in (h, "|")]
    for l1, l2, n, t, a, w, s in rows:
        lines += [x for c in (l1, l2, n, t, a, "完成得满分，未完成按比例扣分", w, s) if c for x in (c, "|")]
    path = tmp_path / "form.txt"
    path.write_text("某县2022年度某某项目支出绩效自评表\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    got = extract_path(path, CFG)["indicators"]
    assert [(i["name"], i["level2"], i["target"]["raw"], i["weight"], i["score"]) for i in got] == [
        (n, l2 or "时效指标", t, float(w), float(s)) for _, l2, n, t, _, w, s in rows]
