"""The funding cell stream (extract/slots/funding_cells.py): labels and figures in order.

A header cell's bracket holds a letter, a unit or a note on how the figure is made; the
labels in a note are not columns. A header's one row may stand under it with no row label
of its own (the row label is a merged cell to its left, or printed after the figures).
"""
from __future__ import annotations

import pytest

from extract.config import Config, replace_models
from extract.pipeline import extract_path
from extract.read.textnorm import view_of
from extract.slots import funding_cells as fs

from tests.conftest import POOL

CFG = replace_models(Config(), use_models=False)


def _texts(s: str) -> list[str]:
    return [t.text for t in fs.tokens(view_of(s))]


def test_a_note_in_brackets_names_no_column():
    toks = _texts("全年预算数（A） （上年结转+年初预算+本年追加追减预算（不含年底收回）） | 全年执行数（B）")
    assert [fs._col(t) for t in toks] == ["full_year_budget", "executed"]


def test_a_unit_note_stays_a_token():
    assert "(万元)" in _texts("计划安排资金 | (万元) | 170")


def test_an_unclosed_bracket_hides_nothing_before_the_next_one():
    """OCR lost a ')': '(B/A1 得分 (20分*执行率)' still has its 得分 column."""
    assert "得分" in _texts("执行率 (B/A1 得分 (20分*执行率)")


def test_thousands_comma_is_one_figure():
    figs = [t for t in fs.tokens(view_of("基本支出\t10,891.62\t财政拨款\t72807.38")) if t.fig]
    assert [t.text for t in figs] == ["10,891.62", "72807.38"]


def test_figures_on_the_line_under_the_header_are_its_row():
    from extract.read.document import Document
    from extract.slots.record import Extraction
    text = "项目预算执行情况（万元） | 全年预算数（A）（上年结转+年初预算） | 全年执行数（B）\n| 7574 | 6643 |\n"
    doc = Document(text=text)
    ex = Extraction(document=doc)
    fs.extract(doc, ex, view_of(text))
    got = {f.slot: f.value.value for f in ex.fields}
    assert got == {"funding.total.full_year_budget": 7574, "funding.total.executed": 6643}


def test_run_on_header_followed_by_a_full_row_before_its_label():
    # p069: '全年预算数(A) 全年执行数(B) 7165.32 6992.95 其中:中央财政资金 …' (the 年度资金总额
    # label printed after the rows): two columns, two figures, the total.
    rec = extract_path(POOL / "p069.txt", CFG)
    f = {x["slot"]: x["value"]["value"] for x in rec["fields"]}
    assert f["funding.total.full_year_budget"] == 7165.32
    assert f["funding.total.executed"] == 6992.95


def test_letter_spaced_header_cells_are_whole_labels():
    # a DOCX cell padded to its width: '年  初预算数' is 年初预算数, not a lost 年 before a 预算数
    toks = _texts("年  初预算数\n全  年 预算数\n全  年 执行数\n分值\n执行率\n得分")
    assert [fs._col(t) for t in toks] == ["initial_budget", "full_year_budget", "executed", "weight",
                                          "execution_rate", "score"]


def test_a_three_public_row_of_label_figure_pairs_is_not_the_funds(tmp_path):
    p = tmp_path / "doc.txt"
    p.write_text("某县局2023年度部门整体支出绩效自评报告\n\n“三公”经费 预算数 5.00 决算数 4.20\n", encoding="utf-8")
    rec = extract_path(p, CFG)
    assert not [f for f in rec["fields"] if f["slot"].startswith("funding.")]


_FORM = ("某县农业农村局2023年度示范项目支出绩效自评表\n项目名称\t示范项目\n主管部门\t某县农业农村局\n"
         "{block}\n年度总体目标\t预期目标\t实际完成情况\n"
         "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
         "产出指标\t数量指标\t示范面积\t≥100亩\t120亩\t50\t50\n总分\t\t\t\t\t100\t100\n")


def _funding(tmp_path, block: str, form: str = _FORM, name: str = "form.txt") -> dict:
    """The funding slots read from `form` with the funding `block` in it."""
    p = tmp_path / name
    p.write_text(form.format(block=block), encoding="utf-8")
    rec = extract_path(p, CFG)
    return {x["slot"]: x["value"]["value"] for x in rec["fields"] if x["slot"].startswith("funding.")}


def test_the_stream_fills_sub_rows_the_table_pass_left_out(tmp_path):
    """A funding block in runs of spaces: the layout keeps the header and the total row as a
    table but not the '其中：当年财政拨款' row; the cell stream reads the same block, agrees with
    the table on the total, and fills the sub-rows."""
    block = ("项目资金（万元）   年初预算数   全年预算数   全年执行数   分值   执行率   得分\n"
             "年度资金总额   258.15   258.15   229.75   10   89.00%   8.90\n"
             "其中：当年财政拨款   144.56   144.56   144.56   —   —\n"
             "上年结转资金   113.59   113.59   85.19   —   —\n其他资金   —   —")
    f = _funding(tmp_path, block)
    assert f["funding.total.executed"] == 229.75 and f["funding.total.execution_rate"] == 89
    assert (f["funding.fiscal.initial_budget"], f["funding.fiscal.executed"]) == (144.56, 144.56)
    assert (f["funding.carryover.full_year_budget"], f["funding.carryover.executed"]) == (113.59, 85.19)


def test_the_stream_fills_a_column_whose_header_cell_broke_over_a_line(tmp_path):
    """'执行\\n率' and '得\\n分' broken inside their tab cells: the table pass reads the amounts, the
    stream (which joins the broken label) the rate and score of the same row."""
    block = ("项目资金（万元）\t\t年初\n预算数\t全年\n预算数\t全年\n执行数\t分值\t执行\n率\t得\n分\n"
             "\t年度资金总额\t100.00\t100.00\t80.00\t10\t80.00%\t8.00\n"
             "\t其中：当年财政拨款\t100.00\t100.00\t80.00\t—\t\t—")
    f = _funding(tmp_path, block)
    assert f["funding.total.execution_rate"] == 80 and f["funding.total.score"] == 8
    assert f["funding.total.full_year_budget"] == 100


def test_rows_of_figures_before_their_labels_are_cut_by_the_forms_arithmetic(tmp_path):
    """A PDF's text order: the header, then every row's figures on one line, then the row
    labels (the label column printed last), the unit by them. The run is cut into one row per
    label where the total's rate agrees with its amounts, sub-rows have no 分值/得分 and add
    up to the total; the (元) beside the labels scales them."""
    block = ("年初预算数 全年预算数 全年执行数 分值 执行率 得分 2581500 2581500 2297500 10 89.00% 8.90 "
             "1445600 1445600 1445600 — — 1135900 1135900 851900 — — — — "
             "年度资金总额 其中：当年财政拨款 上年结转资金 其他资金 项目资金（元）")
    f = _funding(tmp_path, block)
    assert (f["funding.total.full_year_budget"], f["funding.total.executed"]) == (258.15, 229.75)
    assert (f["funding.total.weight"], f["funding.total.score"]) == (10, 8.9)
    assert f["funding.fiscal.executed"] == 144.56
    assert (f["funding.carryover.initial_budget"], f["funding.carryover.executed"]) == (113.59, 85.19)


def test_row_labels_listed_before_their_rows_of_figures(tmp_path):
    """The label column printed first, one label a line, then one line of figures per row."""
    block = ("项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n年度资金总额\n"
             "其中：当年财政拨款\n上年结转资金\n其他资金\n258.15 258.15 229.75 10 89.00% 8.90\n"
             "144.56 144.56 144.56 — —\n113.59 113.59 85.19 — —\n— —")
    f = _funding(tmp_path, block)
    assert f["funding.total.execution_rate"] == 89 and f["funding.total.initial_budget"] == 258.15
    assert (f["funding.fiscal.full_year_budget"], f["funding.carryover.executed"]) == (144.56, 85.19)



def test_sub_rows_before_their_labels_without_a_total_row(tmp_path):
    """Only sub-rows printed before their labels: the one cut under which neither row takes a
    分值/得分 or a rate without its % (5 5 5 | — 4 4 4)."""
    block = ("年初预算数 全年预算数 全年执行数 分值 执行率 得分 5 5 5 — 4 4 4 "
             "其中：当年财政拨款 上年结转资金 项目资金（万元）")
    f = _funding(tmp_path, block)
    assert (f["funding.fiscal.initial_budget"], f["funding.fiscal.executed"]) == (5, 5)
    assert f["funding.carryover.executed"] == 4


def test_provincial_header_words_name_the_columns_when_budget_spending_and_rate_are_all_there(tmp_path):
    """批复预算 | 实际支出 | 执行率 (and 预算安排数(A) | 实际拨付(B) | 拨付率(B/A)): not the national
    words, but a budget, a spending and the rate of the one over the other, as a grid and run on."""
    for a, b, c in (("批复预算", "实际支出", "执行率"), ("预算安排数(A)", "实际拨付(B)", "拨付率(B/A)"),
                    ("本年预算", "本年支出", "执行率")):
        grid = f"项目资金（万元）\t\t{a}\t{b}\t{c}\n\t年度资金总额\t200.00\t180.00\t90.00%\n\t其中：财政拨款\t200.00\t180.00\t90.00%"
        run_on = f"项目资金（万元） {a} {b} {c} 年度资金总额 200.00 180.00 90.00% 其中：财政拨款 200.00 180.00 90.00%"
        for block in (grid, run_on):
            f = _funding(tmp_path, block)
            assert (f["funding.total.full_year_budget"], f["funding.total.executed"]) == (200, 180), block
            assert f["funding.total.execution_rate"] == 90 and f["funding.fiscal.executed"] == 180, block


def test_a_row_of_basic_and_project_spending_is_no_wide_header():
    """基本支出 | 项目支出 name rows of a department's spending, not a 支出 column."""
    assert fs._col_wide("基本支出") is None and fs._col_wide("项目支出") is None
    assert fs._col_wide("实际拨付(B)") == "executed" and fs._col_wide("拨付率(B/A)") == "execution_rate"


def test_total_row_labels_of_other_copies(tmp_path):
    """年度资金合计, 项目资金总额, 本年度资金总额, 合  计, '1.年度资金总额', 预算资金合计: the form's total
    row under another name, in a tab grid and in a line of spaces."""
    head = ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    for label in ("年度资金合计", "项目资金总额", "本年度资金总额", "合  计", "1.年度资金总额", "预算资金合计", "项目总资金"):
        for sep in ("\t", " "):
            rows = [head, [label, "200.00", "200.00", "180.00", "10", "90.00%", "9.00"],
                    ["其中：财政拨款", "200.00", "200.00", "180.00", "—", "—", "—"]]
            f = _funding(tmp_path, "\n".join(sep.join(r) for r in rows))
            assert (f["funding.total.full_year_budget"], f["funding.total.executed"]) == (200, 180), (label, sep)
            assert f["funding.total.score"] == 9, (label, sep)


def test_header_and_row_labels_broken_by_spaces_inside_the_words():
    """A PDF line where each header word is broken by a space ('分 值 执 行率(B/A) 得 分' is three
    columns) and the row label in three pieces ('年度资 金 总额')."""
    toks = _texts("年初 预算数 全年 预算数(A) 全年 执行数(B) 分 值 执 行率(B/A) 得 分\n年度资 金 总额: 880 880 880 10 10")
    cols = [fs._col(t) for t in toks]
    assert cols[:6] == ["initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"]
    assert "年度资金总额" in toks


def test_a_header_broken_by_spaces_reads_its_row(tmp_path):
    block = ("项目资金 (万元) 年初 预算数 全年 预算数(A) 全年 执行数(B) 分 值 执 行率(B/A) 得 分\n"
             "年度资 金总额: 880 880 880 10 10\n其中:本年财政 拨款 880 880 880 - -")
    f = _funding(tmp_path, block)
    assert (f["funding.total.executed"], f["funding.total.weight"], f["funding.total.score"]) == (880, 10, 10)
    assert "funding.total.execution_rate" not in f          # printed nowhere: 10 is the score, not the rate
    assert f["funding.fiscal.executed"] == 880


def test_a_row_of_cells_run_together_is_split_where_its_arithmetic_holds(tmp_path):
    """A web table copied without separators: '258.15258.15229.751089.00%8.90' is five cells (two
    decimal points in one figure cannot be one cell); the split whose rate is executed ÷ budget
    and whose score ≤ weight is the one read. A sub-row run together gives no 分值/得分."""
    block = ("项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分\n"
             "年度资金总额258.15258.15229.751089.00%8.90\n其中：当年财政拨款144.56144.56144.56——")
    f = _funding(tmp_path, block)
    assert (f["funding.total.initial_budget"], f["funding.total.full_year_budget"]) == (258.15, 258.15)
    assert (f["funding.total.executed"], f["funding.total.execution_rate"]) == (229.75, 89)
    assert not any(k.startswith("funding.fiscal.") and k.endswith(("weight", "score", "execution_rate")) for k in f)


def test_a_date_with_points_is_no_run_of_cells():
    assert [t.text for t in fs.tokens(view_of("截至2023.12.31")) if t.fig] != ["2023.12.31"]


@pytest.mark.parametrize("block", ["项目预算资金（万元） 100 实际支出（万元） 90 预算执行率 90%",
                                   "年度预算数 | 100 | 实际执行数 | 90 | 执行率 | 90%"])
def test_label_figure_pairs_in_other_words_checked_by_the_rate(tmp_path, block):
    """Label | figure pairs with no header, in words other copies use: kept where the rate is the
    spending over the budget."""
    f = _funding(tmp_path, block)
    assert (f["funding.total.full_year_budget"], f["funding.total.executed"], f["funding.total.execution_rate"]) == (100, 90, 90)


def test_label_figure_pairs_in_other_words_that_disagree_with_the_rate_give_nothing(tmp_path):
    f = _funding(tmp_path, "项目预算资金（万元） 100 实际支出（万元） 90 预算执行率 80%")
    assert "funding.total.full_year_budget" not in f and "funding.total.execution_rate" not in f


def test_two_runs_of_cells_in_one_row_never_break_the_reading():
    """A row with a rate run together past 200 % and another run with two decimal points (p009 as a
    web copy: '52.80000052.800000100.00%30.80000058.33%'): read figure by figure, no error."""
    got = fs._assign(["initial_budget", "full_year_budget", "executed", "execution_rate", "executed", "execution_rate"],
                     [t for t in fs.tokens(view_of("52.80000052.800000100.00%30.80000058.33%")) if t.fig])
    assert isinstance(got, dict)


@pytest.mark.parametrize("weight, score", [("权重", "自评分"), ("满分", "实际得分"), ("分值（分）", "自评分值")])
@pytest.mark.parametrize("sep", ["\t", " "])
def test_older_words_for_the_funding_rows_points(tmp_path, weight, score, sep):
    """权重 / 自评分 (TEMPLATES: older copies), 满分, 实际得分, 自评分值: the funding row's 分值 and 得分."""
    rows = [["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", weight, "执行率", score],
            ["年度资金总额", "200.00", "200.00", "180.00", "10", "90.00%", "9.00"]]
    f = _funding(tmp_path, "\n".join(sep.join(r) for r in rows))
    assert (f["funding.total.weight"], f["funding.total.score"], f["funding.total.execution_rate"]) == (10, 9, 90)


@pytest.mark.parametrize("label", ["上年结余资金", "上年度结转资金", "以前年度结余"])
def test_the_carryover_row_under_other_names(tmp_path, label):
    rows = [["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "200.00", "200.00", "180.00", "10", "90.00%", "9.00"],
            ["其中：当年财政拨款", "150.00", "150.00", "140.00", "—", "—", "—"],
            [label, "50.00", "50.00", "40.00", "—", "—", "—"]]
    f = _funding(tmp_path, "\n".join("\t".join(r) for r in rows))
    assert (f["funding.carryover.full_year_budget"], f["funding.carryover.executed"]) == (50, 40)


def test_header_cells_wrapped_over_two_lines_printed_line_by_line_are_whole_labels():
    """A PDF's text order for a header whose cells wrapped: the first line of every cell, then
    the second ('年初 全年 全年 分值 执行率 得分' then '预算数 预算数 执行数'). The pieces that only
    begin a form's column word take, in order, the pieces of the second line."""
    toks = _texts("项目资金（万元） 年初 全年 全年 分值 执行率 得分 预算数 预算数 执行数 年度资金总额 99 99 99 10 100% 10")
    assert [fs._col(t) for t in toks[:7]] == [None, "initial_budget", "full_year_budget", "executed", "weight",
                                              "execution_rate", "score"]
    toks = _texts("年初\n全年\n全年\n分\n执行\n得\n预算数\n预算数\n执行数\n值\n率\n分")
    assert [fs._col(t) for t in toks] == ["initial_budget", "full_year_budget", "executed", "weight",
                                          "execution_rate", "score"]


def test_a_word_before_a_wrapped_header_is_not_one_of_its_cells():
    """'某某局' before '全年 全年 执行率 预算数 执行数': 某某局执行率 is no column word, so the header
    is 全年预算数 · 全年执行数 · 执行率."""
    toks = _texts("主管部门 某某局 全年 全年 执行率 预算数 执行数 年度资金总额 309 309 100%")
    assert [fs._col(t) for t in toks if fs._col(t)] == ["full_year_budget", "executed", "execution_rate"]


def test_the_rows_under_a_header_wrapped_over_two_lines_are_read(tmp_path):
    block = ("项目资金（万元） 年初 全年 全年 分值 执行率 得分 预算数 预算数 执行数 "
             "年度资金总额 120.00 150.00 135.00 10 90.00% 9 其中：当年财政拨款 120.00 150.00 135.00 — 90.00% —")
    f = _funding(tmp_path, block)
    assert f == {"funding.total.initial_budget": 120, "funding.total.full_year_budget": 150,
                 "funding.total.executed": 135, "funding.total.weight": 10, "funding.total.execution_rate": 90,
                 "funding.total.score": 9, "funding.fiscal.initial_budget": 120,
                 "funding.fiscal.full_year_budget": 150, "funding.fiscal.executed": 135,
                 "funding.fiscal.execution_rate": 90}


def test_cells_every_consistent_split_reads_the_same_are_kept_the_others_left_out():
    """'99999910100%' then '10': 99|99|99, 999|999 and 9999|9|9 all make the rate the spending
    over the budget; every one reads 分值 10 · 执行率 100% · 得分 10, which are kept; the amounts,
    on which they differ, give no value (no guess)."""
    header = ["initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"]
    got = fs._assign(header, [fs.Tok("99999910100%", 0, 12, fig=True), fs.Tok("10", 12, 14, fig=True)])
    assert {k: float(v[1]) for k, v in got.items()} == {"weight": 10, "execution_rate": 100, "score": 10}


def test_a_run_with_one_consistent_split_is_split_there():
    header = ["initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"]
    got = fs._assign(header, [fs.Tok("120.00150.00135.001090.00%", 0, 26, fig=True), fs.Tok("9", 26, 27, fig=True)])
    assert {k: float(v[1]) for k, v in got.items()} == {"initial_budget": 120, "full_year_budget": 150,
                                                         "executed": 135, "weight": 10, "execution_rate": 90,
                                                         "score": 9}


def test_a_header_wrapped_over_three_lines_with_the_block_name_in_the_middle(tmp_path):
    """pdftotext -layout of a header whose long cells wrapped: their first lines, then the merged
    block name with the one-line cells (centred), then the wrapped cells' ends."""
    block = ("年初预算  全年预算  全年执行\n项目资金（万元）  分值  执行率  得分\n数  数  数\n"
             "年度资金总额   120.00   150.00   135.00   10   90.00%   9\n"
             "其中：当年财政拨款   120.00   150.00   135.00   90.00%")
    f = _funding(tmp_path, block)
    assert (f["funding.total.initial_budget"], f["funding.total.full_year_budget"], f["funding.total.executed"]) \
        == (120, 150, 135)
    assert (f["funding.total.weight"], f["funding.total.execution_rate"], f["funding.total.score"]) == (10, 90, 9)
    assert f["funding.fiscal.executed"] == 135


def test_a_header_cell_wrapped_in_its_row_is_named_by_its_first_line(tmp_path):
    """'全年执行' over '数' in runs of spaces: the table pass names the column by the one column
    word its first line begins (全年执行数), so a sub-row's two figures are its budget and spending,
    not a budget and a 分值."""
    block = ("项目资金（万元）  全年预算  全年执行  分值  执行率  得分\n数  数\n"
             "年度资金总额   20   20   10   100%   10\n其中：当年财政拨款   20   20")
    f = _funding(tmp_path, block)
    assert f["funding.fiscal.full_year_budget"] == 20 and f["funding.fiscal.executed"] == 20
    assert "funding.fiscal.weight" not in f


def test_header_words_an_ocr_misread_run_together_are_cut_into_the_forms_column_words():
    """'年初预匏数调整预算将': two column words of the forms with one character misread in each."""
    toks = _texts("年度资金总额年初预匏数调整预算将,A、全年执行数(B)执行率(B/A)64.864.864.8100%")
    assert [fs._col(t) for t in toks[:5]] == [None, "initial_budget", "full_year_budget", "executed", "execution_rate"]
    assert fs._misread_cells(fs.Tok("年度预算数执行情况说明", 0, 11)) is None     # words, no header


def test_the_total_label_before_its_header_owns_the_figures_after_it():
    # p048 (OCR, one line): 年度资金总额 | header | 64.864.864.8100% — one split holds (64.8 ÷ 64.8 = 100%)
    rec = extract_path(POOL / "p048.txt", CFG)
    f = {x["slot"]: x["value"]["value"] for x in rec["fields"] if x["slot"].startswith("funding.")}
    assert f == {"funding.total.initial_budget": 64.8, "funding.total.full_year_budget": 64.8,
                 "funding.total.executed": 64.8, "funding.total.execution_rate": 100}


def test_a_block_printed_column_by_column_pairs_each_column_with_the_rows_in_order(tmp_path):
    """The row labels, then each column label with its cells: a column with a cell for every row
    pairs them in order; 分值/得分 with one cell are the total's; a column with fewer cells than
    rows (which row is empty is unknown) gives nothing."""
    block = "\n".join(["项目资金（万元）", "年度资金总额", "其中：当年财政拨款", "上年结转资金",
                       "年初预算数", "120.00", "100.00", "20.00", "全年预算数", "150.00", "130.00", "20.00",
                       "全年执行数", "135.00", "120.00", "15.00", "分值", "10", "执行率", "90.00%", "得分", "9"])
    f = _funding(tmp_path, block)
    assert (f["funding.total.initial_budget"], f["funding.fiscal.initial_budget"],
            f["funding.carryover.initial_budget"]) == (120, 100, 20)
    assert (f["funding.total.executed"], f["funding.fiscal.executed"], f["funding.carryover.executed"]) \
        == (135, 120, 15)
    assert (f["funding.total.weight"], f["funding.total.execution_rate"], f["funding.total.score"]) == (10, 90, 9)
    assert "funding.fiscal.execution_rate" not in f


def test_a_declarations_fiscal_row_named_with_its_measure_word():
    # p092: '资金总额 3 | 其中: 财政拨款数 3 | 其他资金 0' under 年初安排金额(万元)
    rec = extract_path(POOL / "p092.txt", CFG)
    f = {x["slot"]: x["value"]["value"] for x in rec["fields"] if x["slot"].startswith("funding.")}
    assert f == {"funding.total.initial_budget": 3, "funding.fiscal.initial_budget": 3,
                 "funding.other.initial_budget": 0}



def test_a_count_word_that_begins_a_label_does_not_make_a_figure_a_count():
    """'… 100% 20 项目资金（万元）': 20 before 项目 is a cell, not '20项' (a count)."""
    figs = [t.text for t in fs.tokens(view_of("分值 执行率 得分 10 100% 20 项目资金（万元） 年度资金总额")) if t.fig]
    assert figs == ["10", "100%", "20"]


def test_row_labels_listed_before_the_header_own_the_rows_of_figures_after_it(tmp_path):
    """A PDF's text order with the label column first: the row labels, the header, then every
    row's figures in one run, cut where the total's rate holds and the sub-row adds up."""
    block = ("项目资金（万元） 年度资金总额 其中：当年财政拨款 上年结转资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
             "120.00 150.00 135.00 10 90.00% 9 100.00 130.00 120.00 20.00 20.00 15.00")
    f = _funding(tmp_path, block)
    assert (f["funding.total.full_year_budget"], f["funding.total.executed"], f["funding.total.score"]) == (150, 135, 9)
    assert (f["funding.fiscal.initial_budget"], f["funding.fiscal.executed"]) == (100, 120)
    assert (f["funding.carryover.full_year_budget"], f["funding.carryover.executed"]) == (20, 15)


_DECLARATION = ("2021年度示范项目绩效目标申报表\n项目名称\t示范项目\n主管部门\t某县农业农村局\n{block}\n"
                "年度绩效目标\t完成任务\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥100人\n")


def _declared(tmp_path, block: str) -> dict:
    return _funding(tmp_path, block, _DECLARATION, "declaration.txt")


def test_a_declarations_medium_term_and_year_columns_give_the_years_cells(tmp_path):
    """The national declaration's money block with 中期资金总额 | 年度资金总额 heading two columns:
    each row's second cell is the year's (the first is the medium term's)."""
    block = "资金情况（万元）\t中期资金总额\t年度资金总额\n资金总额\t510\t170\n其中：财政拨款\t450\t150\n其他资金\t60\t20"
    assert _declared(tmp_path, block) == {"funding.total.initial_budget": 170, "funding.fiscal.initial_budget": 150,
                                          "funding.other.initial_budget": 20}


def test_a_declarations_labels_listed_before_their_figures_pair_where_the_parts_add_up(tmp_path):
    assert _declared(tmp_path, "资金情况（万元） 年度资金总额 其中：财政拨款 其他资金 170 150 20") == {
        "funding.total.initial_budget": 170, "funding.fiscal.initial_budget": 150, "funding.other.initial_budget": 20}
    # the figures do not add up: which label a figure belongs to is unknown, so none is taken
    assert _declared(tmp_path, "资金情况（万元） 年度资金总额 其中：财政拨款 0 90") == {}


def test_a_run_of_cells_no_split_decides_is_not_read_figure_by_figure_into_figures_no_cell_prints():
    """'1022.891781.861767.21' under 年初预算数 | 全年预算数 | 全年执行数, no rate: no split holds, and
    reading it as its points allow would give 1022.891781 and 861767.21 — no value instead."""
    header = ["initial_budget", "full_year_budget", "executed"]
    assert fs._assign(header, [fs.Tok("1022.891781.861767.21", 0, 21, fig=True)]) == {}


def test_a_declarations_part_under_its_total_named_by_other_fiscal_words_is_the_fiscal_row(tmp_path):
    """'其中：财政补贴' under 年度资金总额 is the form's 其中：财政拨款 row in other words (其中 says it is
    a part of the total above); a level of government in the label still makes it no row of the form."""
    block = "项目金额(万元)\n|\n年度资金总额\n|\n50 万元\n|\n其中：财政补贴\n|\n50 万元\n|\n其他资金\n|\n|"
    assert _declared(tmp_path, block) == {"funding.total.initial_budget": 50, "funding.fiscal.initial_budget": 50}
    block = "项目金额(万元)\n|\n年度资金总额\n|\n50 万元\n|\n其中：省级财政补贴\n|\n50 万元\n|\n其他资金\n|\n|"
    assert _declared(tmp_path, block) == {"funding.total.initial_budget": 50}


def test_the_points_of_the_funding_block_printed_under_its_title_are_the_totals_weight(tmp_path):
    """'预算执行情况(万元)' with its '(10分)' on the next line (cells between '|' lines): the 分值 of the
    total row, which the form's header (预算数 | 执行数 | 执行率 | 得分) does not print."""
    text = ("2023年度项目支出绩效自评表\n|\n项目名称\n|\n道路养护\n|\n||||\n预算执行情况(万元)\n(10分)\n|\n|\n预算数(A)\n|\n"
            "执行数(B)\n|\n执行率(B/A)\n|\n得分\n(10分*执行率)\n|\n||||\n年度财政资金总额\n|\n200\n|\n180\n|\n90%\n|\n9\n|\n|||")
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    got = {x["slot"]: x["value"]["value"] for x in extract_path(p, CFG)["fields"] if x["slot"].startswith("funding.")}
    assert got["funding.total.weight"] == 10 and got["funding.total.score"] == 9


def test_a_declarations_budget_amount_cell_is_its_initial_budget(tmp_path):
    """A declaration states the year's budget only (GOLD.md: an allocation not labelled 年初 or 全年 is
    the declaration's initial budget): '项目预算金额 (万元) | 150'."""
    assert _declared(tmp_path, "项目预算金额 (万元)\t150") == {"funding.total.initial_budget": 150}


def _read(text: str):
    from extract.read.document import Document
    from extract.slots.record import Extraction
    doc = Document(text=text)
    ex = Extraction(document=doc)
    fs.extract(doc, ex, view_of(text))
    return {f.slot: (f.value.value, "column_uncertain" in f.reasons) for f in ex.fields}


_FORM = "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"


def test_a_row_whose_columns_its_figures_cannot_tell_is_sent_to_review():
    """'上年结转资金 0 0 —' under the form's six columns (p082): two figures for three amount
    columns, and nothing in the row says which two; the reading keeps the leftmost-first
    guess and says so (the gold leaves such figures out)."""
    got = _read(_FORM + "年度资金总额\t25\t25\t21.5\t10\t86.00%\t8.6\n上年结转资金 0 0 —\n")
    assert got["funding.carryover.initial_budget"] == (0, True)
    assert got["funding.total.executed"] == (21.5, False)


def test_a_sub_row_of_three_amounts_is_no_guess():
    """'其中:本年财政拨款 25 25 25' (p065): the points columns are the total row's, so three
    amounts fill the three amount columns and nothing else."""
    got = _read(_FORM + "年度资金总额\t25\t25\t25\t10\t100.00%\t10\n其中：本年财政拨款 25 25 25\n")
    assert got["funding.fiscal.executed"] == (25, False)
    assert not any(unsure for _, unsure in got.values())


def test_a_total_row_of_two_amounts_is_a_guess():
    """'387664.62 | 387664.62 | 10 | 100% | 10' (p021): two amounts for three amount columns. The
    rate of 100 % makes the second the executed amount; which budget the first is, nothing tells."""
    got = _read(_FORM + "年度资金总额\t387664.62\t387664.62\t10\t100%\t10\n")
    assert got["funding.total.full_year_budget"] == (387664.62, True)
    assert got["funding.total.executed"] == (387664.62, False)
    assert got["funding.total.execution_rate"] == (100, False)


def _declared_reasons(tmp_path, block: str) -> dict:
    p = tmp_path / "declaration.txt"
    p.write_text(_DECLARATION.format(block=block), encoding="utf-8")
    rec = extract_path(p, CFG)
    return {x["slot"]: (x["value"]["value"], "column_uncertain" in x["reasons"]) for x in rec["fields"]
            if x["slot"].startswith(("funding.", "expenditure."))}


def test_a_money_block_label_over_several_figures_is_a_guess(tmp_path):
    """'基本支出 | 120.5 | 98.3' in a declaration's money block with no column heads: the label
    takes the figure right after it, but the row holds another; which is the year's is the
    reader's positional guess, for review (column_uncertain)."""
    got = _declared_reasons(tmp_path, "资金情况（万元）\t年度资金总额\t218.8\n基本支出\t120.5\t98.3\n项目支出\t0\n")
    assert got["expenditure.basic"] == (120.5, True)
    assert got["funding.total.initial_budget"] == (218.8, False)


def test_a_money_block_figure_with_its_breakdown_is_no_guess(tmp_path):
    """'年度资金总额 854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)' (p074): the
    figures in the bracket are parts of the one taken, not another column; the same figure
    printed twice (854万854万) is no other column either."""
    got = _declared_reasons(tmp_path, "资金情况（万元）\t年度资金总额\t854万854万(高标准农田建设400万元,示范建设295万元,"
                                      "畅通工程159万元)\n")
    assert got["funding.total.initial_budget"] == (854, False)
