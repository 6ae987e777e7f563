"""Whose report, which year, what kind (extract/slots/report.py).

The kind is read from the title's structure (the form's name: 自评表, 自评报告, 目标表 …) and,
where there is no title, from the report naming itself (现将…报告如下) or from its words; a
text that is no performance evaluation (a budget, a final account, a notice without a
form, a text with no sign of one) is kind `other`, and the record says how it was decided.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.pipeline import extract_path
from tests.conftest import SHARED, pool_reader
REAL = SHARED / "realdocs" / "files"


def _fields(path: Path) -> dict:
    rec = extract_path(path)
    return {f["slot"]: f for f in rec["fields"]}


def _value(fields: dict, slot: str):
    f = fields.get(slot)
    return f["value"]["value"] if f else None


_pool = pool_reader(lambda path: path)       # pool report name -> its file


def test_a_text_with_no_sign_of_an_evaluation_is_kind_other(tmp_path):
    p = tmp_path / "hello.txt"
    p.write_text("hello world\n", encoding="utf-8")
    f = _fields(p)
    assert _value(f, "report.kind") == "other"
    assert set(f) == {"report.kind"}


@pytest.mark.parametrize("name", ["r07.pdf", "r08.pdf", "r09.pdf", "r10.pdf"])
def test_budgets_and_final_accounts_are_kind_other(name):
    """部门预算 / 部门决算 in the title, no 绩效 in it: not an evaluation, whatever paragraph
    on 预算绩效管理 they carry."""
    path = REAL / name
    if not path.exists():
        pytest.skip("realdocs not available")
    assert _value(_fields(path), "report.kind") == "other"


@pytest.mark.parametrize("name, kind", [
    ("p055", "project_self_eval_table"),   # page title '…项目支出绩效自评', then the form '项目支出绩效自评表'
    ("p065", "project_self_eval_table"),   # page titled '…绩效目标表' over a form with actual columns
    ("p081", "target_declaration"),        # '…绩效评价指标表' with targets only
    ("p054", "target_declaration"),        # '…支出绩效目标审批表'
    ("p059", "project_self_eval_report"),  # '现将…项目绩效目标自评报告如下' before a link to '…自评表'
    ("p068", "project_self_eval_report"),  # the title runs on into the first sentence
    ("p090", "dept_self_eval_table"),      # a bracketed project line above '部门整体支出绩效自评表'
])
def test_kind_follows_the_form_named_by_the_title(name, kind):
    assert _value(_fields(_pool(name)), "report.kind") == kind


@pytest.mark.parametrize("name, department", [
    ("p074", "农田建设服务中心"),      # 实施单位 over 主管部门 and the page's 来源, one cell per line
    ("p080", "化工区学校"),            # 项目执行单位 in a run-together form row
    ("p092", "乌海市供销合作社联合社"),  # 实施单位 (433001)… : the unit code is not part of the name
    ("p095", "嘉峪关城市博物馆"),      # 项目实施单位, not 组织实施单位 / 监督管理单位
    ("p094", "陈仓区水利局"),          # the addressee of the notice, not the finance bureau that issued it
    ("p027", "安居区市场监管局"),      # not the 省级主管部门 of a transfer form
])
def test_department_is_the_unit_that_owns_the_targets(name, department):
    assert _value(_fields(_pool(name)), "report.department") == department


def test_department_on_a_cover_above_the_title_r08():
    """上海市普陀区规划和自然 / 资源局 / 2024 年度部门决算: the cover names the unit."""
    path = REAL / "r08.pdf"
    if not path.exists():
        pytest.skip("realdocs not available")
    assert _value(_fields(path), "report.department") == "上海市普陀区规划和自然资源局"


def test_a_column_header_is_not_a_department_r07():
    """序号 | 单位名称 | 备注 is a header row; the department is the unit on the cover."""
    path = REAL / "r07.pdf"
    if not path.exists():
        pytest.skip("realdocs not available")
    assert _value(_fields(path), "report.department") == "上海市普陀区财政局"


@pytest.mark.parametrize("name, project", [
    ("p097", "教育系统基础设施建设和设备购置"),   # 项目名称 a cell of its own line, the value on the next
    ("p111", "贫困对象动态管理项目"),             # the title without its page chunk '1、1' and unit; 项目 kept
    ("p060", "公路日常养护项目"),                 # the title without the 'PAGE — 1 —' marks and the year
    ("p093", "省级第七批水利专项资金"),           # not the column header after 项 目 名 称 in a list
])
def test_project_name_from_the_form_cell_then_the_title(name, project):
    assert _value(_fields(_pool(name)), "report.project_name") == project


@pytest.mark.parametrize("name, department", [
    ("p069", "巴彦淖尔市临河区财政局"),   # 地方主管部 门: a label printed with a space inside
    ("p111", "东川区扶贫办"),             # a unit's short name ending in 办
    ("p086", "益阳市赫山区城市管理和综合执法局"),  # the cover line over the inner title, not the 发布机构 abbreviation
])
def test_department_more_layouts(name, department):
    assert _value(_fields(_pool(name)), "report.department") == department


@pytest.mark.parametrize("name", [
    "p068",   # title '2016-2018年河北省省级就业补助资金绩效评价报告': a period
    "p036",   # '对2019-2021年道路保洁项目开展重点绩效评价'
    "p073",   # '2021年、2022年山东省分别立项': two years evaluated together
    "p103",   # the only year is the date of an event ('2020年11月10日,…扩大规模')
])
def test_no_single_year_evaluated_no_fiscal_year(name):
    assert "report.fiscal_year" not in _fields(_pool(name))


def test_a_deadline_cell_gives_the_year_p027():
    """'2021年12月31日' alone in a target cell: the year the targets were for."""
    assert _value(_fields(_pool("p027")), "report.fiscal_year") == 2021


@pytest.mark.parametrize("name, project", [
    ("p065", "科技特派员创业行动经费"),          # the page's first form, not the second one's table cell
    ("p095", "博物馆纪念馆市级免费开放补助资金"),  # 二级项目名称 names the project, 一级 the programme
    ("p081", "高中助学金项目"),                  # title '2019年度宁晋县…项目绩效评价指标表': year and county dropped
])
def test_project_name_more_layouts(name, project):
    assert _value(_fields(_pool(name)), "report.project_name") == project


def test_the_first_forms_spending_unit_beats_a_later_cell_p054():
    """预算单位: 奉节县云雾土家族乡人民政府 heads the form; the 实施单位 cell below abbreviates it."""
    assert _value(_fields(_pool("p054")), "report.department") == "奉节县云雾土家族乡人民政府"


def test_a_sentence_is_not_a_project_name_p105():
    assert "report.project_name" not in _fields(_pool("p105"))


def test_a_facility_in_the_title_is_not_the_owner_p108():
    """'银川市兴庆区月牙湖乡滨河家园垃圾转运站提升改造项目…': the 站 is what the project improves;
    the page's 发布机构 owns it."""
    assert _value(_fields(_pool("p108")), "report.department") == "兴庆区住房和城乡建设局"


def test_the_finance_bureau_that_passed_the_money_down_is_not_the_department_p067():
    """'自治区财政厅以《关于提前下达…》向我市下达': the issuer of a notice."""
    assert "report.department" not in _fields(_pool("p067"))


@pytest.mark.parametrize("name, text, kind", [
    # a news text that only mentions performance
    ("news", "市财政局召开工作会议\n会议强调，要提高财政资金使用绩效，做好年度各项工作。\n", "other"),
    # a policy text
    ("policy", "某市市级预算绩效管理办法（试行）\n第一条 为规范绩效评价工作，制定本办法。\n"
               "第二条 绩效目标应当明确、可衡量。\n", "other"),
    # no title naming a form, but 收支预算总表 and 财政拨款收支预算总表: a 部门预算
    ("budget", "某某局\n目录\n一、收支预算总表\n二、财政拨款收支预算总表\n三、预算绩效管理情况\n"
               "本单位开展绩效自评，平均得分98分。\n", "other"),
    # an untitled indicator form with targets only is a declaration
    ("form", "项目名称\t某某道路维修\n一级指标\t二级指标\t三级指标\t指标值\n"
             "产出指标\t数量指标\t维修道路长度\t≥10公里\n", "target_declaration"),
])
def test_the_kind_of_a_short_text(tmp_path, name, text, kind):
    p = tmp_path / f"{name}.txt"
    p.write_text(text, encoding="utf-8")
    assert _value(_fields(p), "report.kind") == kind


def test_the_project_the_opening_sentence_evaluates_p052():
    """'对城镇老旧小区改造及配套工程项目资金投入情况…进行了自评' (no title); 小区 is no district."""
    got = _value(_fields(_pool("p052")), "report.project_name")
    assert got and got.startswith("城镇老旧小区改造及配套工程")


def test_the_unit_that_carried_out_the_evaluation_p105():
    """'…文件要求,阿拉善左旗乌力吉苏木人民政府开展并完成了本部门…绩效自评工作'."""
    assert _value(_fields(_pool("p105")), "report.department") == "阿拉善左旗乌力吉苏木人民政府"


@pytest.mark.parametrize("name, project", [
    ("p057", "西秀镇龙头村蔬菜园产业项目"),   # '2022年衔接资金项目' … '用于实施西秀镇龙头村蔬菜园产业项目'
    ("p075", "农村公路通村道路建设项目"),     # '…乡村振兴资金项目' … '我县2022年农村公路通村道路建设项目计划投资'
])
def test_a_fund_in_the_title_the_one_project_it_paid_for_in_the_body(name, project):
    assert _value(_fields(_pool(name)), "report.project_name") == project


def test_labels_with_full_width_brackets(tmp_path):
    p = tmp_path / "form.txt"
    p.write_text("部门整体支出绩效自评表\n（2023年度）\n部门（单位）名称：某某县水利局\n"
                 "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n", encoding="utf-8")
    f = _fields(p)
    assert _value(f, "report.department") == "某某县水利局"
    assert _value(f, "report.kind") == "dept_self_eval_table"


def test_every_kind_the_extractor_writes_is_in_the_schema():
    from extract.read.textnorm import view_of
    from extract.schema import REPORT_KINDS
    from extract.slots.report import kind_decision
    for text in ("hello world", "项目支出绩效自评表\n一级指标\t实际完成值", "2023年部门预算\n收支预算总表"):
        v = view_of(text)
        from extract.slots.report import title_candidates
        assert kind_decision(title_candidates(v), v)[0] in REPORT_KINDS


def test_a_sheet_named_after_the_form_is_not_the_title():
    """corpus/fixtures/xlsx/004: sheet '自评表', then '2020年部门整体支出绩效目标申报表'."""
    path = Path(__file__).resolve().parents[2] / "corpus" / "fixtures" / "xlsx" / "004_6f163e2949542c61.xlsx"
    if not path.exists():
        pytest.skip("fixture not built")
    assert _value(_fields(path), "report.kind") == "target_declaration"


@pytest.mark.parametrize("title, slot, value", [
    ("某县人民政府办公室2023年部门整体支出绩效自评报告", "report.department", "某县人民政府办公室"),   # not 某县人民政府
    ("某县交通运输局关于2023年度农村公路养护工程项目支出绩效自评的报告", "report.project_name", "农村公路养护工程项目"),
    ("某某市文化和旅游局关于中央支持地方公共文化服务体系建设补助资金支出绩效的自评报告", "report.project_name",
     "中央支持地方公共文化服务体系建设补助资金"),
])
def test_a_title_names_the_unit_and_the_project(tmp_path, title, slot, value):
    p = tmp_path / "doc.txt"
    p.write_text(title + "\n\n一、基本情况\n", encoding="utf-8")
    assert _fields(p)[slot]["value"]["raw"] == value


def _dept_of(tmp_path, text: str):
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return _value(_fields(p), "report.department")


def test_an_organisation_only_named_often_is_not_the_department(tmp_path):
    """The body's organisations: one named as the evaluated (对…进行了绩效评价) or evaluating unit
    is the department; one that is only named several times (a finance bureau that allocates,
    a school that benefits) is not."""
    often = ("2023年度教育发展专项资金绩效自评报告\n一、基本情况\n广东潮州卫生健康职业学院获得补助资金。"
             "广东潮州卫生健康职业学院按计划使用资金。\n二、绩效情况\n完成建设任务。\n")
    assert _dept_of(tmp_path, often) is None
    evaluated = ("2023年度动物防疫专项经费绩效评价报告\n根据有关要求，我们对方城县动物疫病预防控制中心动物防疫专项经费"
                 "进行了绩效评价，现将评价情况报告如下。\n一、基本情况\n完成防疫任务。\n")
    assert _dept_of(tmp_path, evaluated) == "方城县动物疫病预防控制中心"


def test_a_spending_unit_label_with_a_spaced_seal_note(tmp_path):
    """'实施单位 (盖章) |' on its own line, the unit on the next: the label with its seal note."""
    text = ("部门预算项目支出绩效自评表(2023年度) |\n项目名称 |\n工资性支出 |\n主管部门 |\n某县发展和改革局本级 |\n"
            "实施单位 (盖章) |\n某县发展和改革局 |\n项目基本情况 |\n")
    assert _dept_of(tmp_path, text) == "某县发展和改革局"


@pytest.mark.parametrize("label", ["实施单位", "资金使用单位", "单位名称", "项目执行单位", "项目承担单位", "项目实施单位"])
@pytest.mark.parametrize("sep", ["\t", "", "：", "  "])
def test_a_project_name_cell_run_into_the_next_label(tmp_path, label, sep):
    """'项目名称示范推广项目实施单位…' run together: the name keeps its 项目 (the next label is 实施单位,
    not 项目实施单位), and 项目执行单位 / 项目承担单位 are labels, not part of the name."""
    p = tmp_path / "r.txt"
    p.write_text(f"2023年度示范项目支出绩效自评表\n项目名称{sep}示范推广项目{sep}{label}{sep}某县农业农村局\n"
                 f"项目资金（万元）{sep}年初预算数{sep}全年预算数{sep}全年执行数\n", encoding="utf-8")
    assert _value(_fields(p), "report.project_name") == "示范推广项目"


@pytest.mark.parametrize("label", ["项目全称", "项目名称（全称）", "项目名称及编码"])
@pytest.mark.parametrize("sep", ["\t", " | ", "\n", "："])
def test_project_name_labels_of_other_copies(tmp_path, label, sep):
    p = tmp_path / "r.txt"
    p.write_text(f"2023年度示范项目支出绩效自评表\n{label}{sep}示范推广项目{sep}实施单位{sep}某县农业农村局\n"
                 f"项目资金（万元）{sep}年初预算数{sep}全年预算数{sep}全年执行数\n", encoding="utf-8")
    assert _value(_fields(p), "report.project_name") == "示范推广项目"


@pytest.mark.parametrize("label", ["单位名称（盖章）", "部门（单位）", "部门全称", "被评价单位"])
@pytest.mark.parametrize("sep", ["\t", " | ", "："])
def test_department_labels_of_other_copies(tmp_path, label, sep):
    p = tmp_path / "r.txt"
    p.write_text(f"2023年度部门整体支出绩效自评表\n{label}{sep}某县农业农村局{sep}编制人数{sep}15\n"
                 f"年度预算申请（万元）{sep}年初预算数{sep}全年预算数{sep}全年执行数\n", encoding="utf-8")
    assert _value(_fields(p), "report.department") == "某县农业农村局"


def test_an_untitled_narrative_is_a_project_report_unless_it_describes_a_department(tmp_path):
    """No title and no scope word (部门整体 / 项目名称 …): a department's report describes the
    department itself (机构设置, 人员编制, 基本支出 …); otherwise it is about the money it evaluates."""
    p = tmp_path / "a.txt"
    p.write_text("一、基本情况\n2023年上级下达农机购置补贴资金62万元,实际使用13.6万元。\n"
                 "二、绩效目标完成情况\n补贴购机农户5户,资金补贴完成率17%。\n三、自评结论\n自评得分85分。\n", encoding="utf-8")
    assert _value(_fields(p), "report.kind") == "project_self_eval_report"
    q = tmp_path / "b.txt"
    q.write_text("一、基本情况\n(一)机构设置及人员编制\n内设机构5个,人员编制20名,实有人数18人。\n"
                 "(二)支出情况\n2023年支出合计500万元,其中基本支出300万元。\n二、自评结论\n自评得分90分。\n", encoding="utf-8")
    assert _value(_fields(q), "report.kind") == "dept_self_eval_report"


def _kind_reasons(path: Path) -> list:
    return next(f for f in extract_path(path)["fields"] if f["slot"] == "report.kind")["reasons"]


def test_a_budget_title_over_a_printed_evaluation_form_is_sent_to_review(tmp_path):
    """'…2023年度部门决算' as the title, and below it an indicator form with its head words
    (一级指标 | 三级指标 | 指标值 | 实际完成值): the title makes the kind `other`, the body prints
    an evaluation; the reader let the title win, and says so (kind_contested: needs_review)."""
    p = tmp_path / "final_account_with_form.txt"
    p.write_text("某某县财政局2023年度部门决算\n一、收入支出决算总表\n项目绩效自评表\n"
                 "一级指标\t二级指标\t三级指标\t指标值\t实际完成值\n产出指标\t数量指标\t培训人数\t≥100人\t120人\n",
                 encoding="utf-8")
    assert _value(_fields(p), "report.kind") == "other"
    assert "kind_contested" in _kind_reasons(p)


def test_a_budget_that_only_names_a_form_is_no_contest(tmp_path):
    """A paragraph on 预算绩效管理 and a line naming a form (详见项目绩效目标表) are what a 部门预算
    or 决算 carries: kind `other`, with no doubt about it."""
    p = tmp_path / "final_account.txt"
    p.write_text("某某县财政局2023年度部门决算\n一、收入支出决算总表\n二、预算绩效管理情况\n"
                 "本部门开展绩效自评，详见项目绩效目标表。\n", encoding="utf-8")
    assert _value(_fields(p), "report.kind") == "other"
    assert _kind_reasons(p) == []


@pytest.mark.parametrize("name", ["r07.pdf", "r09.pdf"])
def test_published_budgets_and_final_accounts_are_other_without_doubt(name):
    """r07 (a 决算 with a 预算绩效管理 paragraph), r09 (a 预算 whose projects say 详见单位的项目绩效目标表)."""
    path = REAL / name
    if not path.exists():
        pytest.skip("realdocs not available")
    assert _kind_reasons(path) == []
