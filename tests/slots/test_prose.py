"""Slots and indicators stated in sentences (seeds 002 and 003)."""
import pytest

from extract.pipeline import extract_document
from extract.read.formats import read_path

from tests.conftest import SEEDS


def _extract(name):
    return extract_document(read_path(SEEDS / f"{name}.txt"))


def _doc(tmp_path, text, name="doc.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return extract_document(read_path(p))


DEPT_REPORT = "某县局2023年度部门整体支出绩效自评报告\n\n"
PROJECT_CONCLUSION = "某县交通运输局2023年度农村公路养护项目支出绩效自评报告\n\n三、自评结论\n"


def test_expenditure_comes_from_the_final_accounts_not_the_budget_sentence():
    ex = _extract("002_70434b0b5ae2a5f1")
    assert ex.number("expenditure.basic") == 295.09        # not 293.75 (年初预算支出 … 其中：基本支出)
    assert ex.number("expenditure.project") == 886.83      # not 1042
    assert ex.number("expenditure.personnel") == 211.38
    assert ex.number("expenditure.public") == 83.71
    assert ex.number("evaluation.self_score") == 83.86


def test_three_public_parts_take_their_budget_or_actual_from_the_clause():
    ex = _extract("002_70434b0b5ae2a5f1")
    assert ex.number("three_public.reception.budget") == 2
    assert ex.number("three_public.reception.actual") == 0
    assert ex.number("three_public.overseas.budget") == 0 and ex.number("three_public.overseas.actual") == 0
    assert ex.field("three_public.total.budget") is None     # not stated, not computed


def test_targets_are_paired_with_actuals_stated_in_another_section():
    ex = _extract("002_70434b0b5ae2a5f1")
    deal = next(i for i in ex.indicators if "技术交易额" in i.name)
    assert (deal.target.op, deal.target.value, deal.target.unit) == (">=", 30000, "万元")
    assert deal.actual.value == 200000
    assert (deal.level1, deal.level2) == ("效益指标", "经济效益指标")
    know = next(i for i in ex.indicators if i.name == "科普活动群众知晓率")
    assert (know.target.op, know.target.value, know.actual.value) == (">=", 70, 75)


def test_other_years_and_sub_items_are_not_report_slots_seed_003():
    ex = _extract("003_a0527484f83c9cee")
    assert ex.number("expenditure.project") == 50846.21      # not 部门项目支出298.41 nor 2022's 75,761.69
    assert ex.number("funding.total.initial_budget") == 67285.97
    assert ex.field("evaluation.grade").value.value == "优"


def test_framework_rates_are_actual_only_indicators_seed_003():
    ex = _extract("003_a0527484f83c9cee")
    names = {i.name: i for i in ex.indicators}
    assert names["在职人员控制率"].actual.value == 86.76 and names["在职人员控制率"].level1 == "运行成本"
    assert names["预算调整率"].level1 == "管理效率"
    assert not any("本地转化率" in n for n in names)       # 履职效能 achievements are not indicators


def test_a_printed_grade_is_read_as_the_closed_set_and_its_span_keeps_the_word():
    """优秀 -> 优 (GOLD.md): the reference scorer compares text slots by raw, so raw holds 优;
    the printed word is the text at the span."""
    from extract.read.document import Document
    text = "2023年度部门整体支出绩效自评报告\n经自评，我局2023年度部门整体支出绩效自评得分95分，评价等级为优秀。\n"
    ex = extract_document(Document(text=text, path="t.txt"))
    g = ex.field("evaluation.grade")
    assert g is not None and g.value.raw == g.value.value == "优"
    assert text[g.span.start:g.span.end] == "优秀"


# --- the form's own total and grade as label and value cells ---------------------------------
_FORM = ("某县交通运输局2023年度项目支出绩效自评表\n\n项目名称\t农村公路养护\n"
         "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
         "产出指标\t数量指标\t养护里程\t≥100公里\t120公里\t50\t50\n"
         "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t10\t10\n")
_FLATTENINGS = {"tabs": "\t", "pipes": " | ", "one cell per line": "\n", "spaces": "  "}


def _form(tmp_path, foot, sep):
    return _doc(tmp_path, (_FORM + foot).replace("\t", sep) + "\n", "form.txt")


@pytest.mark.parametrize("sep", _FLATTENINGS.values(), ids=list(_FLATTENINGS))
def test_a_score_cell_and_a_grade_cell_are_the_reports_total_and_grade(tmp_path, sep):
    ex = _form(tmp_path, "自评得分\t95.5\t自评等级\t优秀", sep)
    assert ex.number("evaluation.self_score") == 95.5
    assert ex.field("evaluation.grade").value.raw == "优"       # 优秀 → 优 (SCHEMA)


@pytest.mark.parametrize("sep", _FLATTENINGS.values(), ids=list(_FLATTENINGS))
def test_a_grade_cell_under_the_total_row(tmp_path, sep):
    ex = _form(tmp_path, "总分\t100\t95.5\n评价等级\t良好", sep)
    assert ex.number("evaluation.self_score") == 95.5
    assert ex.field("evaluation.grade").value.raw == "良"


def test_a_score_column_header_is_not_a_total(tmp_path):
    ex = _form(tmp_path, "", "\t")
    assert ex.field("evaluation.self_score") is None and ex.field("evaluation.grade") is None


def test_a_budget_sentence_read_last_keeps_its_own_paragraphs_offsets(tmp_path):
    # the budget-only fallback is placed after every paragraph was read: its figure's offsets are
    # still those of its own paragraph (was: of the last one, a wrong figure or an IndexError)
    ex = _doc(tmp_path, DEPT_REPORT + "部门预算总金额 803.74 万元其中:基本支出 757.49 万元,"
              "项目支出 46.25 万元。\n\n二、绩效目标完成情况。\n\n全年共完成各项工作任务十二项。\n")
    assert (ex.number("expenditure.basic"), ex.number("expenditure.project")) == (757.49, 46.25)


@pytest.mark.parametrize("line, score, grade", [
    ("自评得分（满分100分）：95.5分。", 95.5, None),        # the bracketed full mark between label and figure
    ("自评打分95.5分。", 95.5, None),
    ("总体评价为“优”。", None, "优"),
    ("自评得分95.5分，属“优”档。", 95.5, "优"),
])
def test_a_conclusions_score_and_grade_words(tmp_path, line, score, grade):
    ex = _doc(tmp_path, PROJECT_CONCLUSION + line + "\n")
    assert ex.number("evaluation.self_score") == score
    assert (ex.field("evaluation.grade").value.raw if ex.field("evaluation.grade") else None) == grade


def test_spending_stated_as_zhichu_juesuan(tmp_path):
    # 部门决算 wording: '支出决算' is the year's spending; a part's '…支出决算为' is that part's
    ex = _doc(tmp_path, DEPT_REPORT + "2023年度支出决算1234.56万元，比上年增加10万元。"
              "基本支出决算为800万元。“三公”经费财政拨款支出决算为4.2万元。\n")
    assert (ex.number("expenditure.total"), ex.number("expenditure.basic")) == (1234.56, 800)
    assert ex.number("three_public.total.actual") == 4.2


@pytest.mark.parametrize("body, want", [
    ("2023年全年预算数1300万元，其中：财政拨款1100万元，上年结转200万元；全年执行数1250万元，执行率96.15%。",
     {"funding.total.full_year_budget": 1300, "funding.fiscal.full_year_budget": 1100,
      "funding.carryover.full_year_budget": 200}),
    ("2023年年初预算1200万元，其中财政拨款1000万元，其他资金200万元。",
     {"funding.total.initial_budget": 1200, "funding.fiscal.initial_budget": 1000, "funding.other.initial_budget": 200}),
    ("2023年全年预算数1300万元，其中：财政拨款1000万元，上年结转200万元。", {}),     # parts that do not add up: none
])
def test_a_funding_figure_and_its_qizhong_rows(tmp_path, body, want):
    ex = _doc(tmp_path, DEPT_REPORT + body + "\n")
    for slot, value in want.items():
        assert ex.number(slot) == value
    if not want:
        assert ex.field("funding.fiscal.full_year_budget") is None and ex.field("funding.carryover.full_year_budget") is None


def test_yiban_gonggong_yusuan_names_a_source_of_funds_not_a_budget(tmp_path):
    # 部门决算 wording: '一般公共预算财政拨款基本支出' is spending from a source, not a budget figure
    ex = _doc(tmp_path, DEPT_REPORT + "2023年度一般公共预算财政拨款基本支出800万元，其中：人员经费700万元，"
              "主要包括：基本工资、津贴补贴；公用经费100万元，主要包括：办公费、印刷费。\n")
    assert (ex.number("expenditure.personnel"), ex.number("expenditure.public")) == (700, 100)


def test_a_label_ending_in_a_colon_with_its_value_on_the_next_line(tmp_path):
    ex = _doc(tmp_path, PROJECT_CONCLUSION + "自评得分：\n95.5分\n自评等级：\n优\n")
    assert ex.number("evaluation.self_score") == 95.5 and ex.field("evaluation.grade").value.raw == "优"


PROJECT_REPORT = "某县农业农村局2023年度示范推广项目支出绩效自评报告\n一、项目基本情况\n"


@pytest.mark.parametrize("sentence, slot", [
    ("2021至2023年期间项目预算总额7338.27万元，截止2023年12月31日，已经支出7090.19万元。", "funding.total.executed"),
    ("2022年、2023年省级资金共计18382万元，用于高标准农田建设。", "funding.total.full_year_budget"),
    ("项目上年结转结余资金2万元，2023年中央下达专项转移支付预算资金3万元。", "funding.total.full_year_budget"),
    ("以县为单位平均计算，亩均投入财政资金1500元。", "funding.total.full_year_budget"),
])
def test_project_money_of_several_years_a_part_or_a_standard_is_not_the_years_funding(tmp_path, sentence, slot):
    """A project report's allocation or spending sentence gives the year's funding, but not a sum
    over a span of years, one part beside a carryover (the total is not stated), or a per-mu
    standard."""
    ex = _doc(tmp_path, PROJECT_REPORT + sentence + "\n二、绩效目标完成情况\n全年完成推广任务。\n")
    assert ex.field(slot) is None


def test_project_money_of_the_year_is_still_read(tmp_path):
    ex = _doc(tmp_path, PROJECT_REPORT + "根据《关于下达2022年专项资金的通知》，2023年县财政安排项目资金56万元。"
              "\n二、绩效目标完成情况\n全年完成推广任务。\n")
    assert ex.number("funding.total.full_year_budget") == 56


def test_two_funds_allocations_of_the_same_standing_give_no_total(tmp_path):
    """A report on two funds, each allocated with the same words: neither is the report's funding."""
    body = ("一、绩效目标分解下达情况\n土壤污染防治类：2023年度，中央下达我市土壤污染防治资金共1737万元。\n"
            "大气污染防治类：2023年度，中央下达我市大气污染防治资金共24047万元。\n二、绩效情况分析\n完成治理任务。\n")
    ex = _doc(tmp_path, "某市2023年度中央专项资金绩效自评报告\n" + body)
    assert ex.field("funding.total.full_year_budget") is None


def test_an_allocation_listed_after_qizhong_is_a_part_not_the_years_budget(tmp_path):
    """'…资金合计671037万元。其中，安排约束性任务资金合计575218万元，安排指导性任务资金合计95819万元':
    the allocations after 其中 in their sentence are parts of the total before them."""
    ex = _doc(tmp_path, PROJECT_REPORT + "2021年农业生产发展资金合计6710万元。其中，安排约束性任务资金合计5752万元，"
              "安排指导性任务资金合计958万元。\n二、绩效目标完成情况\n全年完成任务。\n")
    assert ex.number("funding.total.full_year_budget") not in (5752, 958)


def test_spending_after_a_qizhong_list_is_still_the_years_spending(tmp_path):
    ex = _doc(tmp_path, PROJECT_REPORT + "2023年收到财政资金共2330.9万元，其中：中央资金1372.7万元，其他资金958.2万元，"
              "2023年支出2310.4万元。\n二、绩效目标完成情况\n全年完成任务。\n")
    assert ex.number("funding.total.full_year_budget") == 2330.9 and ex.number("funding.total.executed") == 2310.4


def test_allocations_in_batches_by_several_documents_give_no_budget(tmp_path):
    """'…以《…》(财农〔2020〕90号)文件下达…预算4631万元；…(财农〔2021〕28号)文件下达…预算1634万元': each
    batch is a part of the year's money; none is the budget."""
    ex = _doc(tmp_path, PROJECT_REPORT + "2020年10月30日，中央以《关于提前下达资金预算的通知》(财农〔2020〕90号)文件下达我区专项"
              "转移支付预算4631万元；2021年4月21日，中央以《关于下达资金预算的通知》(财农〔2021〕28号)文件下达我区专项转移支付"
              "预算1634万元。\n二、绩效目标完成情况\n全年完成任务。\n")
    assert ex.field("funding.total.full_year_budget") is None or ex.field("funding.total.full_year_budget").source != "project_sentence"


@pytest.mark.parametrize("line, want", [
    ("现有在职干部职工14人。", 14), ("共有干部职工14人。", 14), ("全所在职人员总数14人。", 14),
])
def test_the_head_count_in_other_words(tmp_path, line, want):
    ex = _doc(tmp_path, DEPT_REPORT + "一、部门基本情况\n" + line + "\n二、部门整体支出情况\n")
    assert ex.number("staff.actual") == want


def test_the_establishment_in_other_words(tmp_path):
    ex = _doc(tmp_path, DEPT_REPORT + "一、部门基本情况\n编制内人数15人，实有人数14人。\n二、部门整体支出情况\n")
    assert (ex.number("staff.authorized"), ex.number("staff.actual")) == (15, 14)


@pytest.mark.parametrize("foot", ["总分（100分）\t95.5", "总分值\t100\t自评总得分\t95.5", "自评分值\t95.5",
                                  "综合评价得分\t95.5", "评价分数\t95.5", "最终得分\t95.5", "自评结果\t95.5分\t优",
                                  "得分合计\t100\t95.5"])
def test_the_forms_total_score_cell_under_other_labels(tmp_path, foot):
    """总分（100分） | 95.5 (the maximum in the label), 自评总得分 | 95.5, 得分合计 | 100 | 95.5 …
    are the report's own total."""
    ex = _doc(tmp_path, "某县2023年度示范项目支出绩效自评表\n项目名称\t示范项目\n" + foot + "\n")
    assert ex.number("evaluation.self_score") == 95.5


def test_a_conclusions_score(tmp_path):
    ex = _doc(tmp_path, PROJECT_CONCLUSION + "自评结论：95.5分。\n")
    assert ex.number("evaluation.self_score") == 95.5


def test_spending_with_its_parts_in_brackets(tmp_path):
    """'实际支出1000万元（基本支出700万元，项目支出300万元）': parts that add up to it, in brackets."""
    ex = _doc(tmp_path, DEPT_REPORT + "二、部门整体支出情况\n2023年实际支出1000万元（基本支出700万元，项目支出300万元）。\n")
    assert ex.number("expenditure.total") == 1000


def test_a_grade_said_right_after_the_score(tmp_path):
    ex = _doc(tmp_path, PROJECT_CONCLUSION + "该项目评分95.5分，评价为优秀。\n")
    assert ex.field("evaluation.grade").value.raw == "优"


def test_a_funding_sentence_run_on_with_its_title_and_headings_is_read_by_its_own_clause(tmp_path):
    # a PDF copied as one line: the title's 项目支出 is no subject of the figures after a heading
    ex = _doc(tmp_path, "某某局2021年度某某项目支出绩效自评报告 一、项目基本情况 该项目由某某局实施 "
                        "项目资金情况：年初预算数495.56万元，全年执行数495.56万元，预算执行率100%。 "
                        "二、绩效目标完成情况 各项目标均已完成。\n")
    assert ex.number("funding.total.initial_budget") == 495.56
    assert ex.number("funding.total.executed") == 495.56
    assert ex.number("funding.total.execution_rate") == 100


def test_a_part_named_in_the_clause_before_a_funding_figure_still_keeps_it_out(tmp_path):
    ex = _doc(tmp_path, DEPT_REPORT + "一、部门基本情况\n\n本部门基本支出年初预算数120.5万元，全年预算数130万元。\n")
    assert ex.field("funding.total.initial_budget") is None
    assert ex.field("funding.total.full_year_budget") is None


@pytest.mark.parametrize("sentence, slot, value", [
    ("项目年初预算安排1022.89万元，调整后预算1781.86万元。", "funding.total.initial_budget", 1022.89),
    ("年初预算1022.89万元，全年预算调整为1781.86万元。", "funding.total.full_year_budget", 1781.86),
    ("本年度预算资金1781.86万元，资金执行率99.18%。", "funding.total.full_year_budget", 1781.86),
    ("全年预算1781.86万元，预算完成率99.18%。", "funding.total.execution_rate", 99.18),   # GOLD.md: 预算完成率 is the rate
])
def test_funding_sentences_in_the_forms_other_words(tmp_path, sentence, slot, value):
    ex = _doc(tmp_path, "某某局2021年度某某项目支出绩效自评报告\n\n一、项目基本情况\n\n该项目由某某局实施。" + sentence + "\n")
    assert ex.number(slot) == value


def test_a_rate_of_a_later_item_in_a_listing_sentence_is_not_the_reports(tmp_path):
    ex = _doc(tmp_path, DEPT_REPORT + "一、部门基本情况\n\n我单位项目分为两个方面，一是教育管理事务支出合计75万元，"
                        "二是学前教育支出合计3624.71万元，已于本年度支出3624.71万元，预算完成率100%。\n")
    assert ex.field("funding.total.execution_rate") is None


def test_each_funding_column_stated_with_its_parts_in_one_sentence(tmp_path):
    """'年初预算数…，其中：财政拨款…；全年预算数…，其中：…；全年执行数…，其中：…': every column's
    total and parts, where the parts add up to it (the spending's too)."""
    ex = _doc(tmp_path, "某某局2021年度某某项目支出绩效自评报告\n\n一、项目基本情况\n\n该项目由某某局实施。"
                        "年初预算数120万元，其中：财政拨款100万元，上年结转20万元；全年预算数150万元，其中：财政拨款130万元，"
                        "上年结转20万元；全年执行数135万元，其中：财政拨款120万元，上年结转15万元；预算执行率90%。\n")
    assert (ex.number("funding.fiscal.initial_budget"), ex.number("funding.carryover.initial_budget")) == (100, 20)
    assert (ex.number("funding.fiscal.full_year_budget"), ex.number("funding.carryover.full_year_budget")) == (130, 20)
    assert (ex.number("funding.fiscal.executed"), ex.number("funding.carryover.executed")) == (120, 15)
    assert ex.number("funding.total.executed") == 135
