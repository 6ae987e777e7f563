"""Whose report and which project (extract/slots/report.py): the form's label cells
(项目名称 / 专项(项目)名称 / 实施单位 / 主管部门 / 部门名称 …) in every flattening, and the
title when the form names nothing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.pipeline import extract_path
from tests.conftest import pool_reader


def _value(path: Path, slot: str):
    rec = extract_path(path)
    f = next((f for f in rec["fields"] if f["slot"] == slot), None)
    return f["value"]["value"] if f else None


_pool = pool_reader(lambda path: path)       # pool report name -> its file


def _text(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_the_forms_special_item_label_names_the_project(tmp_path):
    """专项(项目)名称, one cell per line with blank lines between: the cell, not the title's fund."""
    p = _text(tmp_path, "2020年省级财政水利发展资金绩效目标表\n\n(2020)年度\n\n专项(项目)名称\n\n"
                        "某某水库除险加固工程专项\n\n区级主管部门\n\n某某县水利局\n\n一级指标\n\n三级指标\n\n指标值\n")
    assert _value(p, "report.project_name") == "某某水库除险加固工程专项"


def test_pool_special_item_label_one_cell_per_line():
    assert _value(_pool("p094"), "report.project_name") == "农村饮水安全巩固提升工程专项"


def test_a_facility_at_the_head_of_a_title_is_part_of_the_project(tmp_path):
    """…乡…转运站提升改造项目绩效自评报告: the 站 is what the project builds, not the unit
    that reports; only the city and district before it are the place."""
    p = _text(tmp_path, "某某市某某区青山乡河畔小区垃圾转运站提升改造项目绩效自评报告\n"
                        "一、绩效目标分解下达情况\n项目资金100万元,用于转运站提升改造。\n")
    assert _value(p, "report.project_name") == "青山乡河畔小区垃圾转运站提升改造项目"


def test_pool_facility_title():
    assert _value(_pool("p108"), "report.project_name") == "月牙湖乡滨河家园垃圾转运站提升改造项目"


# The head of a 项目支出绩效自评表 (项目名称 · 主管部门 · 实施单位) flattened the ways PDF
# and web text print it; the rest of the form is a funding row and one indicator row.
NAME, SUPERVISOR, UNIT = "青山县农村公路安全生命防护工程建设项目", "青山县交通运输局", "青山县公路养护中心"
_TAIL = ("项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 100 100 95 10 95% 9.5 "
         "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 产出指标 数量指标 防护栏里程 ≥20公里 21公里 10 10")


def _form(head: str, sep: str = " ") -> str:
    return "项目支出绩效自评表\n" + head + "\n" + _TAIL.replace(" ", sep) + "\n"


@pytest.mark.parametrize("head, sep", [
    (f"项目名称\t{NAME}\t主管部门\t{SUPERVISOR}\t实施单位\t{UNIT}", "\t"),            # a row of tab cells
    (f"项目名称\n{NAME}\n主管部门\n{SUPERVISOR}\n实施单位\n{UNIT}", "\n"),            # one cell per line
    (f"项目名称\n\n{NAME}\n\n主管部门\n\n{SUPERVISOR}\n\n实施单位\n\n{UNIT}", "\n\n"),  # blank lines between
    (f"项目名称:{NAME}\n主管部门:{SUPERVISOR}\n实施单位:{UNIT}", "\n"),               # label: value lines
    (f"项目名称{NAME}主管部门{SUPERVISOR}实施单位{UNIT}", ""),                         # glued run-on
    (f"项 目 名 称 {NAME} 主 管 部 门 {SUPERVISOR} 实 施 单 位 {UNIT}", " "),          # labels spaced out
    (f"项目名称 {NAME} 主管部\n门 {SUPERVISOR} 实施单\n位 {UNIT}", " "),               # labels wrapped in narrow cells
])
def test_the_form_head_in_every_flattening(tmp_path, head, sep):
    p = _text(tmp_path, _form(head, sep))
    assert _value(p, "report.project_name") == NAME
    assert _value(p, "report.department") == UNIT


def test_a_name_wrapped_onto_the_next_line_is_one_name(tmp_path):
    """A narrow cell prints a long name over two lines; the next label ends it."""
    head = (f"项目名称\n{NAME[:9]}\n{NAME[9:]}\n主管部门\n{SUPERVISOR}\n实施单位\n青山县农村公路\n养护中心\n"
            "项目负责人\n张三")
    p = _text(tmp_path, _form(head, "\n"))
    assert _value(p, "report.project_name") == NAME
    assert _value(p, "report.department") == "青山县农村公路养护中心"


def test_the_line_after_a_name_is_not_its_wrap_when_it_holds_a_label():
    """p080: '项目名称…资金' then '项目主管部门…项目执行单位…' — a row of its own."""
    assert _value(_pool("p080"), "report.project_name") == "农村义务教育薄弱学校改造补助资金"


@pytest.mark.parametrize("title, project, unit", [
    ("中共青山县委组织部2023年度党员教育培训经费项目支出绩效自评报告", "党员教育培训经费项目", "中共青山县委组织部"),
    ("青山县国有林场2023年森林抚育项目绩效自评报告", "森林抚育项目", "青山县国有林场"),
    ("青山县广播电视台2023年应急广播建设项目绩效自评报告", "应急广播建设项目", "青山县广播电视台"),
    ("青山县公安局交通警察大队2023年度道路交通安全设施项目绩效自评报告", "道路交通安全设施项目",
     "青山县公安局交通警察大队"),
    ("青山县财政局关于2023年度农村公路养护项目绩效评价的报告", "农村公路养护项目", "青山县财政局"),
    ("县交通运输局2023年度农村公路养护项目绩效自评报告", "农村公路养护项目", None),
    ("青山县城关街道办事处2023年度人居环境整治项目绩效自评报告", "人居环境整治项目", "青山县城关街道办事处"),
    ("青山县人民代表大会常务委员会办公室2023年度代表履职经费项目绩效自评报告", "代表履职经费项目",
     "青山县人民代表大会常务委员会办公室"),
    ("青山县委党校2023年度干部培训项目绩效自评报告", "干部培训项目", "青山县委党校"),
    ("青山县总工会2023年度困难职工帮扶项目绩效自评报告", "困难职工帮扶项目", "青山县总工会"),
])
def test_a_title_names_the_unit_then_the_project(tmp_path, title, project, unit):
    """The unit at a title's head (a party department, a 林场, a 大队 under its 公安局, a unit
    written without its place before the year) is not part of the project's name."""
    p = _text(tmp_path, title + "\n一、项目基本情况\n项目资金100万元,用于项目实施。\n")
    assert _value(p, "report.project_name") == project
    if unit:
        assert _value(p, "report.department") == unit


@pytest.mark.parametrize("head, sep", [
    (f"项目名称\n主管部门\n实施单位\n{NAME}\n{SUPERVISOR}\n{UNIT}", "\n"),     # the labels' column, then the values'
    (f"项目名称 主管部门 实施单位\n{NAME} {SUPERVISOR} {UNIT}", " "),          # the labels' row, then the values'
    (f"{NAME} 项目名称 {SUPERVISOR} 主管部门 {UNIT} 实施单位", " "),           # each value before its label
])
def test_the_project_label_with_its_value_elsewhere(tmp_path, head, sep):
    """An empty cell after 项目名称 (or a unit's name in it): the name stands before the label
    on its line, or first after the block of labels."""
    p = _text(tmp_path, _form(head, sep))
    assert _value(p, "report.project_name") == NAME


@pytest.mark.parametrize("head, sep", [
    (f"项目名称\n主管部门\n实施单位\n{NAME}\n{SUPERVISOR}\n{UNIT}", "\n"),
    (f"项目名称 主管部门 实施单位\n{NAME} {SUPERVISOR} {UNIT}", " "),
])
def test_a_units_label_in_a_block_of_labels_takes_the_value_in_its_column(tmp_path, head, sep):
    """The labels' row (or column) first, then the values': 实施单位 is the third label, so
    its unit is the third value, and it must be a unit's whole name."""
    p = _text(tmp_path, _form(head, sep))
    assert _value(p, "report.department") == UNIT


def test_a_department_label_followed_by_other_labels(tmp_path):
    head = f"部门（单位）名称 联系人 联系电话\n{DEPT} 张三 12345678"
    p = _text(tmp_path, "2023年度部门整体支出绩效自评表\n" + head + "\n" + _DEPT_TAIL + "\n")
    assert _value(p, "report.department") == DEPT


def test_pool_values_before_labels_run_on():
    """p082: '…(2022 年度) 普陀体育中心与委托运营方结 算费用 项目名称 主管部门 …'."""
    assert _value(_pool("p082"), "report.project_name") == "普陀体育中心与委托运营方结算费用"


def test_pool_labels_first_then_values():
    """p096: '资金名称 省级业务主管部 / 门 资金类型 实施周期 / … / 教育发展专项资金'."""
    assert _value(_pool("p096"), "report.project_name") == "教育发展专项资金"


def test_a_transfer_payment_is_part_of_the_funds_name(tmp_path):
    """'…专项转移支付绩效自评报告': 转移支付 names the fund (中央对地方…转移支付), it is not
    a word of the report's kind."""
    p = _text(tmp_path, "青山县2023年中央食品监管专项转移支付绩效自评报告\n一、基本情况\n下达资金50万元。\n")
    assert _value(p, "report.project_name") == "中央食品监管专项转移支付"


def test_the_pages_issuing_body_names_the_unit_when_nothing_else_does(tmp_path):
    """A government page's metadata (发文机关 / 发布部门 / 所属机构) names the unit that
    published its own report, where no form cell, title or signature does."""
    p = _text(tmp_path, "发文机关: 青山县农业农村局 | 成文日期: 2024-03-01\n"
                        "一、项目基本情况\n项目资金100万元,用于高标准农田建设。\n二、绩效自评结果\n自评得分95分。\n")
    assert _value(p, "report.department") == "青山县农业农村局"


def test_a_short_form_in_a_cell_is_spelled_out_by_the_title(tmp_path):
    """部门名称: 中共青山县委编办 under a title that writes the unit in full: the full name."""
    p = _text(tmp_path, "中共青山县委机构编制委员会办公室2024年部门整体支出绩效自评报告\n"
                        "部门名称:中共青山县委编办\n一、部门概况\n(一)机构设置\n内设机构3个。\n")
    assert _value(p, "report.department") == "中共青山县委机构编制委员会办公室"


def test_an_autonomous_countys_long_name_is_a_place(tmp_path):
    p = _text(tmp_path, "寻甸回族彝族自治县水务局2023年度农村饮水安全项目绩效自评报告\n一、项目基本情况\n项目资金50万元。\n")
    assert _value(p, "report.department") == "寻甸回族彝族自治县水务局"
    assert _value(p, "report.project_name") == "农村饮水安全项目"


def test_pool_short_form_spelled_out():
    assert _value(_pool("p089"), "report.department") == "中共寻甸回族彝族自治县委机构编制委员会办公室"


DEPT = "青山县农业农村局"
_DEPT_TAIL = ("年度预算申请 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 500 520 510 10 98% 9.8 "
              "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 产出指标 数量指标 培训人数 ≥100人 120人 10 10")


@pytest.mark.parametrize("head, sep", [
    (f"部门（单位）名称\t{DEPT}", "\t"),
    (f"部门（单位）名称\n{DEPT}", "\n"),
    (f"部门（单位）名称\n\n{DEPT}", "\n\n"),
    (f"部门（单位）名称 {DEPT}", " "),
    (f"部门（单位）名称{DEPT}", ""),
    (f"部 门（单 位）名 称 {DEPT}", " "),
    (f"部门（单位）\n名称 {DEPT}", " "),                       # the label wrapped after its bracket
    (f"填报单位（盖章）：{DEPT}    填报日期：2024年3月1日", " "),
    (f"部门（单位）名称\t[101001]{DEPT}", "\t"),                # the unit's code before its name
    ("部门（单位）名称\n青山县农业\n农村局", "\n"),                # the name wrapped in a narrow cell
])
def test_the_department_forms_unit_in_every_flattening(tmp_path, head, sep):
    p = _text(tmp_path, "2023年度部门整体支出绩效自评表\n" + head + "\n" + _DEPT_TAIL.replace(" ", sep) + "\n")
    assert _value(p, "report.department") == DEPT


def test_the_unit_that_is_the_subject_of_the_reports_sentences(tmp_path):
    """No title, no form: the unit named as a sentence's subject (…局高度重视 / 严格按照 …) is
    the one reporting."""
    p = _text(tmp_path, "一、项目基本情况\n2023年下达高标准农田建设资金500万元。\n"
                        "二、绩效目标完成情况\n青山县农业农村局高度重视项目实施,建成高标准农田1万亩。\n")
    assert _value(p, "report.department") == "青山县农业农村局"


def test_a_titles_project_ends_at_its_project_word(tmp_path):
    """'…服务项目州级补助资金…报告': the project is named up to its 项目; the fund's label
    after it is not part of the name (a name that is only 项目 and a label is no name)."""
    p = _text(tmp_path, "青山县2023年度农村公路养护项目省级补助资金绩效自评报告\n一、基本情况\n下达资金50万元。\n")
    assert _value(p, "report.project_name") == "农村公路养护项目"


def _reasons(path: Path, slot: str) -> list:
    return next(f for f in extract_path(path)["fields"] if f["slot"] == slot)["reasons"]


def test_a_department_read_past_the_forms_own_unit_cell_is_sent_to_review_p099():
    """p099 prints '主管部门 南岳镇政府 实施单位 [610001]湖南省润山润水生态农业发展有限公司': the
    实施单位 cell holds a unit's name the reader does not take, so the department comes from the
    主管部门 cell, a fallback against the form's own cell (unit_cell_unread: needs_review)."""
    assert _value(_pool("p099"), "report.department") == "南岳镇政府"
    assert "unit_cell_unread" in _reasons(_pool("p099"), "report.department")


def test_a_spending_unit_named_in_a_sentence_is_no_unread_cell():
    """p084 says '对项目实施单位进行了实地抽查' and p093 '督促项目单位加快项目建设': words of a
    sentence, not a form's cell; the department read elsewhere is no fallback."""
    for name in ("p084", "p093"):
        assert _reasons(_pool(name), "report.department") == []


def test_a_unit_cell_that_abbreviates_the_department_is_no_contest(tmp_path):
    """The 实施单位 cell and the department read from the title name the same unit, one short."""
    p = _text(tmp_path, "中共寻甸回族彝族自治县委机构编制委员会办公室2023年度项目支出绩效自评表\n"
                        "项目名称\t编制管理\n实施单位\t中共寻甸县委编办\n")
    got = extract_path(p)
    dept = next((f for f in got["fields"] if f["slot"] == "report.department"), None)
    assert dept is not None and "unit_cell_unread" not in dept["reasons"]
