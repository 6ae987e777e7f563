"""Indicators stated in prose (pool reports read from ../shared, never copied).

A narrative report without level headings states its indicators in clauses; whether a
figure is a target or an actual comes from the section it sits in (…绩效目标… → target,
…完成情况… → actual); funding, staff and 基本情况 sections hold none.
"""
from __future__ import annotations

import pytest

from extract.pipeline import rule_extraction
from extract.read.formats import read_path

from tests.conftest import POOL, pool_reader


def _by_name(path) -> dict:
    return {i.name: i for i in rule_extraction(read_path(path)).indicators}


def _written(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rows():
    return pool_reader(_by_name)


def _v(value):
    return None if value is None else (value.op, value.value, value.unit)


def test_a_numbered_target_list_gives_one_target_per_figure_and_growth_rates_p049(rows):
    r = rows("p049")
    assert _v(r["农业总产值"].target) == (">=", 2990000, "万元")
    assert _v(r["农业总产值增长"].target) == (">=", 6, "%")          # '增6%以上' after the level
    assert _v(r["农机总动力"].target) == (">=", 1788000, "千瓦")
    assert not any(n.endswith("增加") or n == "增加" for n in r)       # '增加0.3个' cut off: no item


def test_clauses_of_a_target_paragraph_are_targets_p064_p091(rows):
    r = rows("p064")
    assert _v(r["高新技术企业数总数"].target) == (">=", 130, "家")
    assert _v(r["R&D占GDP比重"].target) == (">=", 1.7, "%")
    r = rows("p091")
    assert set(r) == {"县道养护路况好路率", "优等路率"}                # '县道公路日常养护费:确保全年…达95%'


def test_results_sentence_gives_actuals_named_by_their_activity_p076(rows):
    r = rows("p076")
    assert _v(r["送书和流通图书下乡"].actual) == ("=", 116559, "册次")
    assert _v(r["参与群众"].actual) == (">=", 200000, "人次")          # '逾20多万人次'
    assert _v(r["新建文化礼堂"].actual) == ("=", 67, "家")
    assert all(i.target is None for i in r.values())


def test_a_figure_before_its_noun_names_the_noun_p108_p061(rows):
    r = rows("p108")
    assert _v(r["购置垃圾压缩车辆"].actual) == ("=", 1, "辆")
    assert _v(r["配套压缩箱"].actual) == ("=", 2, "个")
    assert _v(r["验收合格率"].actual) == ("=", 100, "%")
    assert not any("支付率" in n for n in r)                           # a funding rate is not an indicator
    r = rows("p061")
    assert _v(r["公共文化服务站点正常运行"].target) == ("=", 171, "个")
    assert not any(n in ("农家书屋", "乡镇") for n in r)                # scopes of a larger item


def test_labelled_target_and_actual_in_one_clause_p104_p109(rows):
    r = rows("p104")
    it = r["重大动物强制免疫病种群体免疫密度"]
    assert _v(it.target) == (">=", 90, "%") and _v(it.actual) == (">=", 90, "%") and it.score == 20
    assert "补助对象对项目满意率" in r                                  # '初目标值' (年 dropped) still a label
    r = rows("p109")
    assert (r["资助接受托养服务人次数"].level1, r["资助接受托养服务人次数"].level2) == ("产出指标", "数量指标")
    assert _v(r["发放残疾人机动轮椅车燃油补贴人次数"].actual) == ("=", 164, "人")
    assert r["项目完成时间"].actual.raw == "实际在规定时间内完成"


def test_a_short_heading_names_the_figure_under_it_p057(rows):
    r = rows("p057")
    assert set(r) == {"项目完成数量", "项目实施进度"}                   # not the 机井/水塔 details
    assert _v(r["项目实施进度"].actual) == ("=", 100, "%")


def test_long_range_goals_and_per_mu_money_p073(rows):
    r = rows("p073")
    assert not any("6500" in (i.target.raw if i.target else "") for i in r.values())   # 到2022年… (long range)
    per_mu = [i for i in r.values() if i.name.startswith("亩均")]
    assert per_mu and per_mu[0].target.unit == "元/亩"


@pytest.mark.parametrize("name", ["p001", "p002", "p004", "p062", "p067", "p085"])
def test_funding_and_scope_figures_are_not_indicators(rows, name):
    assert not rows(name)


# --- slots stated in sentences ------------------------------------------------------------------
@pytest.fixture(scope="module")
def fields():
    return pool_reader(lambda path: {f.slot: f.value.value for f in rule_extraction(read_path(path)).fields})


def test_the_expenditure_line_of_a_final_accounts_list_p047(fields):
    f = fields("p047")                                  # '2、支出:799.12万元。其中:人员经费支出434.89万元…'
    assert f["expenditure.total"] == 799.12 and f["funding.total.executed"] == 799.12
    assert f["expenditure.personnel"] == 434.89 and f["expenditure.public"] == 77.4


def test_authorized_staff_is_not_taken_for_the_actual_p091(fields):
    f = fields("p091")                                  # '核定编制在职人员为36人,年末实有在职人员为34人'
    assert (f["staff.authorized"], f["staff.actual"]) == (36, 34)


def test_an_indicator_lines_score_is_not_the_reports_p104(fields):
    assert fields("p104")["evaluation.self_score"] == 100    # not '…实际完成值≥90%,自评得分20分'


def test_budget_then_execution_in_one_sentence_p064_p109(fields):
    assert fields("p064")["funding.total.executed"] == 856.278877     # '总体预算为…元,执行数8562788.77元'
    assert fields("p109")["funding.total.executed"] == 29.6           # '执行数29.6万'


def test_the_sum_of_several_allocations_is_the_budget_p078_p110(fields):
    assert fields("p078")["funding.total.full_year_budget"] == 61.8   # '…30.9万元,共计下达61.8万元'
    f = fields("p110")                                  # '省级拨付62万元,中央拨付16万元…,共计84.47万元'
    assert f["funding.total.full_year_budget"] == 84.47 and f["funding.total.executed"] == 13.6


def test_rates_stated_as_reached_outside_a_results_section_p105_p110(rows):
    r = rows("p105")                                    # no headings: '…政策落实率达到100%'
    assert _v(r["政策落实率"].actual) == ("=", 100, "%")
    assert _v(r["牧民满意度"].actual) == (">=", 95, "%")
    r = rows("p110")
    assert _v(r["办证牌证率"].actual) == ("=", 100, "%")
    assert not any("完成率" in n for n in r)              # '资金补贴完成率17%' is the funds'


def test_a_rate_of_zero_and_goals_that_are_not_results_p111(rows):
    r = rows("p111")                                    # '目标设定:…确保漏评率为零…'
    assert set(r) == {"漏评率", "错评率", "错退率"}        # not '严格落实漏评率为零…的要求'
    assert all(_v(i.target) == ("=", 0, "%") and i.actual is None for i in r.values())


def test_a_results_summary_section_holds_reached_rates_p079(rows):
    assert _v(rows("p079")["部门目标实现率"].actual) == ("=", 100, "%")
    assert "完成率" not in rows("p079")                   # '完成率均达到100%': the budget's


def test_a_sentence_that_says_target_or_actual_overrides_its_section(tmp_path):
    text = ("某县水利局2023年度项目支出绩效自评报告\n"
            "二、绩效目标完成情况分析\n"
            "（一）总体绩效目标完成情况。本项目总体绩效目标为治理水土流失面积120公顷。年内实际完成治理水土流失面积118公顷，"
            "受益群众满意度98%。\n")
    r = _by_name(_written(tmp_path, "r.txt", text))
    it = r["治理水土流失面积"]
    assert _v(it.target) == ("=", 120, "公顷") and _v(it.actual) == ("=", 118, "公顷")
    assert _v(r["受益群众满意度"].actual) == ("=", 98, "%") and r["受益群众满意度"].target is None


def test_staff_and_expenditure_vocabulary_of_department_reports(tmp_path):
    ex = rule_extraction(read_path(_written(tmp_path, "d.txt", "某局2023年度部门整体支出绩效自评报告\n本单位核定编制15名，在编在岗13名。\n"
                                            "2023年度支出总计1000万元，其中基本支出600万元，项目支出400万元。\n")))
    assert (ex.number("staff.authorized"), ex.number("staff.actual")) == (15, 13)
    assert ex.number("expenditure.total") == 1000


def test_results_under_level_headings_take_targets_stated_in_another_section_p107(rows):
    r = rows("p107")             # 总体绩效目标为治理水土流失面积1429.39hm … (1)数量指标。基本完成治理水土流失面积1429.39hm
    it = r["治理水土流失面积"]
    assert _v(it.target) == ("=", 1429.39, "hm") and _v(it.actual) == ("=", 1429.39, "hm")
    assert (r["坡改梯"].level1, r["坡改梯"].level2) == ("产出指标", "数量指标")
    assert r["人均产粮增加"].level2 == "经济效益指标"           # '(1)经济效益。' inside the outline
    assert _v(r["人均产粮增加"].actual) == ("=", 290, "kg/人")


def test_list_items_name_colon_figure_pair_across_sections(tmp_path):
    r = _by_name(_written(tmp_path, "e.txt", "某县教育局2023年度项目支出绩效自评报告\n一、项目绩效目标\n1.资助学生人数：≥500人；\n"
                          "2.受助学生满意度：≥95%。\n二、绩效目标完成情况\n1.资助学生人数：实际资助520人；\n"
                          "2.受助学生满意度：98%。\n"))
    assert set(r) == {"资助学生人数", "受助学生满意度"}
    assert _v(r["资助学生人数"].target) == (">=", 500, "人") and _v(r["资助学生人数"].actual) == ("=", 520, "人")
    assert _v(r["受助学生满意度"].actual) == ("=", 98, "%")


def test_the_grade_of_a_departments_projects_is_not_the_departments_p064(fields):
    assert "evaluation.grade" not in fields("p064")      # '有14个预算项目…绩效自评等级为“优”'


def test_a_numbered_heading_names_the_target_and_actual_under_it(tmp_path):
    r = _by_name(_written(tmp_path, "f.txt", "某县2023年度项目支出绩效自评报告\n二、绩效目标完成情况\n1.培训人数\n"
                          "年初目标500人，实际完成520人，完成率104%。\n2.项目完成及时率\n按期完成，及时率100%。\n"))
    assert set(r) == {"培训人数", "项目完成及时率"}
    assert _v(r["培训人数"].target) == ("=", 500, "人") and _v(r["培训人数"].actual) == ("=", 520, "人")
    assert _v(r["项目完成及时率"].actual) == ("=", 100, "%")


def test_staff_from_a_form_flattened_one_cell_per_line_p058(fields):
    f = fields("p058")                                   # '人员编制' / '' / '21' / '' / '实有人数' / '' / '21'
    assert (f["staff.authorized"], f["staff.actual"]) == (21, 21)


def test_a_target_stated_after_the_result_belongs_to_it(tmp_path):
    r = _by_name(_written(tmp_path, "g.txt", "某县人社局2023年度项目支出绩效自评报告\n（三）绩效指标完成情况分析\n1.产出指标完成情况分析\n"
                          "（1）数量指标：完成职业技能培训1200人次，目标值1000人次，完成率120%。\n"
                          "（2）质量指标：培训合格率98%，目标值≥95%。\n3.满意度指标完成情况分析\n"
                          "服务对象满意度96%，目标值≥90%。\n"))
    assert len(r) == 3 and not any("目标" in n or n.endswith("率值") for n in r)
    assert _v(r["培训合格率"].target) == (">=", 95, "%") and _v(r["培训合格率"].actual) == ("=", 98, "%")
    assert _v(r["服务对象满意度"].target) == (">=", 90, "%")


def test_an_indicators_rate_and_one_projects_rate_are_not_the_reports_execution_rate_p105(fields):
    assert "funding.total.execution_rate" not in fields("p105")   # '资金发放标准按规定执行率达到100%'; '项目一:…完成预算的100%'


def test_prose_reader_alone_on_a_listed_report_seed_002():
    """The prose reader, run without the list reader that serves seed 002, finds most of its
    30 indicators and little else: 新增8家 names 新增高新技术企业, the 工作完成情况 slogans
    (1、兑现政策，提升创新动能) are no indicator names."""
    from extract.slots import prose_indicators
    from tests.conftest import SEEDS
    got = {i.name for i in prose_indicators._prose(read_path(SEEDS / "002_70434b0b5ae2a5f1.txt"))}
    assert {"新增高新技术企业", "培育高新技术企业", "科普活动群众知晓率", "高新技术产业增加值"} <= got
    assert not any(n.startswith(("兑现政策", "壮大主体", "最后")) for n in got) and len(got) <= 32


def test_a_comparator_then_an_actual_clause_is_target_then_actual_p040():
    from extract.slots import prose_indicators
    got = {i.name: i for i in prose_indicators._prose(read_path(POOL / "p040.txt"))}
    it = got["布防飞机数量"]                              # '布防飞机数量≥6架,实际布防6架'
    assert _v(it.target) == (">=", 6, "架") and _v(it.actual) == ("=", 6, "架")
    assert "布防" not in got


def test_a_rate_paid_out_to_people_is_an_indicator_p105_p110(rows):
    assert _v(rows("p110")["农机购置补贴资金兑付率"].actual) == ("=", 100, "%")      # '当年…资金兑付率100%'
    assert any(n.endswith("嘎查村级特色产业专项资金足额发放率") for n in rows("p105"))
    assert not any("到位率" in n or "支付率" in n for n in rows("p108"))            # the funds' own rates


def test_every_prose_item_points_at_its_name_and_figures_p076_p108():
    ex = rule_extraction(read_path(POOL / "p076.txt"))
    t = ex.document.text
    for it in ex.indicators:
        assert t[it.spans["name"].start:it.spans["name"].end] == it.name
        assert t[it.spans["actual"].start:it.spans["actual"].end] == it.actual.raw
    ex = rule_extraction(read_path(POOL / "p108.txt"))
    car = next(i for i in ex.indicators if i.name == "购置垃圾压缩车辆")
    assert ex.document.text[car.spans["name"].start:car.spans["name"].end] == "垃圾压缩车辆"   # the noun after '1辆'


def test_plain_target_and_actual_labels_in_one_list_line(tmp_path):
    r = _by_name(_written(tmp_path, "j.txt", "某县2023年度项目支出绩效自评报告\n二、绩效目标完成情况\n"
                          "1.新建村级道路：预期目标15公里，实际完成16.2公里。\n2.群众满意度：计划目标90%，实际完成95%。\n"))
    assert _v(r["新建村级道路"].target) == ("=", 15, "公里") and _v(r["新建村级道路"].actual) == ("=", 16.2, "公里")
    assert _v(r["群众满意度"].target) == ("=", 90, "%") and r["群众满意度"].level1 == "满意度指标"


def test_a_sum_of_money_spent_is_a_budget_line_not_an_indicator_p052(rows, tmp_path):
    r = rows("p052")
    assert not [n for n in r if "预算" in n or "支付" in n or "资金" in n]   # 年初预算200万元, 缺口资金105.04万元
    assert "改造户数" in r                                                  # the outputs in the same sentence stay
    written = _by_name(_written(tmp_path, "per_mu.txt",
                                "二、绩效目标\n新建高标准农田620万亩，亩均投入财政资金1500元。\n"))
    assert "亩均投入财政资金" in written                                       # a standard per mu is a target


def test_money_in_a_sentence_is_an_indicator_only_when_named_as_an_output_or_income(tmp_path):
    r = _by_name(_written(tmp_path, "money.txt",
                          "二、绩效目标完成情况\n实现农业增加值183亿元，带动社会投资500万元，拨付项目尾款43.96万元，"
                          "改造户数550户。\n"))
    assert [n for n in r if "农业增加值" in n] and "改造户数" in r
    assert not [n for n in r if "尾款" in n]                 # money paid out is the funding block's


def test_a_figure_or_explanation_glued_after_the_value_is_not_part_of_the_name_p081(rows):
    r = rows("p081")
    assert "资助对象满意度" in r and "及时发放率" in r           # not '…达到目标值10' (指标说明, then 分值)
    assert not [n for n in r if n[-1].isdigit()]
