"""The prose reader of indicators reads the reading view (simplified script, ASCII figures):
a report in traditional script or full-width figures gives the rows of its simplified twin,
with names, raws and spans cut from the report's own text."""
import pytest

from extract.pipeline import extract_document
from extract.read import textnorm
from extract.read.document import Document

from tests.conftest import SHARED

_S2T = {}
for _t, _s in zip(textnorm._T, textnorm._S):
    _S2T.setdefault(_s, _t)
_TRADITIONAL = str.maketrans(_S2T)
_FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def _rows(text):
    ex = extract_document(Document(text=text, path="x.txt"))
    return text, [i for i in ex.indicators if i.evidence == "text"]


@pytest.mark.parametrize("name", ["p076.txt", "p104.txt", "p108.txt"])   # p108: names put together from pieces
@pytest.mark.parametrize("variant", [_TRADITIONAL, _FULL], ids=["traditional", "fullwidth"])
def test_a_report_in_another_script_reads_like_its_simplified_twin(name, variant):
    plain = (SHARED / "corpus" / "pool" / name).read_text(encoding="utf-8")
    _, twin = _rows(plain)
    assert twin, f"{name} has indicators in its sentences"
    text, rows = _rows(plain.translate(variant))
    assert [(i.target.value if i.target else None, i.actual.value if i.actual else None) for i in rows] == \
        [(i.target.value if i.target else None, i.actual.value if i.actual else None) for i in twin]
    for got, want in zip(rows, twin):
        assert got.name == want.name.translate(variant)     # the name as the report prints it
        if got.target:                                   # the raw is the report's own text, at its span
            sp = got.spans["target"]
            assert got.target.raw in text[sp.start - 2:sp.end + 2] or got.target.raw == text[sp.start:sp.end]


def test_the_target_and_result_labels_are_not_part_of_an_outline_rows_name():
    _, rows = _rows("2022年度项目支出绩效自评报告\n二、绩效目标完成情况\n（一）数量指标\n"
                    "培训农民年初目标500人，实际完成520人；年初设定目标为新建村道10公里，实际完成新建村道12公里。\n"
                    "（二）质量指标\n年初目标：验收合格率≥95%；实际完成：验收合格率98%；年度目标完成率100%。\n")
    by = {r.name: r for r in rows}
    assert (by["培训农民"].target.value, by["培训农民"].actual.value) == (500, 520)
    assert (by["新建村道"].target.value, by["新建村道"].actual.value) == (10, 12)
    assert "年度目标完成率" in by                       # a rate of the year's target keeps its name


def test_a_two_character_fragment_is_no_name_and_a_restatement_is_one_row():
    _, rows = _rows("2022年度项目支出绩效自评报告\n二、绩效目标完成情况\n（一）数量指标\n"
                    "新建村道12公里，其中15个；完成时限，2022年12月底前。\n"
                    "（二）质量指标\n验收合格率100%。\n三、绩效目标完成情况小结\n（一）质量指标\n验收合格率100%。\n")
    names = [r.name for r in rows]
    assert not [n for n in names if len(n) <= 2]             # '其中15个': what is left of a cut clause
    assert names.count("验收合格率") == 1                       # stated twice with the same figure: one row
    assert not [n for n in names if "，" in n or "；" in n]    # a name across a clause break is the sentence


def test_an_actual_stated_apart_joins_the_one_target_of_its_figure_and_takes_its_name():
    _, rows = _rows("2022年度项目资金绩效自评报告\n一、绩效目标分解下达情况\n1、项目资金下达预算及项目情况\n"
                    "本年度安排项目资金300万元，实现改建乡村公路12.5公里。\n"
                    "二、绩效目标自评完成情况分析\n（二）绩效目标完成情况分析\n1、产出指标完成情况分析\n"
                    "年内已完成建设工程12.5公里，验收合格。\n")
    by = {r.name: r for r in rows}
    assert "改建乡村公路" in by                        # the target's words name the indicator
    road = by["改建乡村公路"]
    assert (road.target.value, road.actual.value, road.target.unit) == (12.5, 12.5, "公里")
    assert road.level1 == "产出指标"


def test_a_project_section_under_the_targets_states_targets_and_already_done_is_an_actual():
    _, rows = _rows("2021年度扶贫项目资金绩效自评报告\n一、绩效目标分解下达情况\n1、扶贫资金下达预算及项目情况\n"
                    "年度资金50万元，执行率100%。项目已带动20户贫困户增收，项目已带动20户贫困户采取入股方式增收。\n")
    found = [(r.name, r.target.value if r.target else None, r.actual.value if r.actual else None) for r in rows]
    assert found == [("带动贫困户增收", None, 20)]       # stated twice, the second time with more words: one row


def test_measure_words_of_built_and_planted_things_are_units():
    _, rows = _rows("2022年度项目支出绩效自评报告\n二、绩效目标完成情况\n"
                    "全年新建排水沟1300米，栽植苗木2000棵，打机井5眼，群众满意度提高3个百分点。\n")
    got = {r.name: (r.actual.value, r.actual.unit) for r in rows}
    assert got["新建排水沟"] == (1300, "米")
    assert got["栽植苗木"] == (2000, "棵")
    assert got["打机井"] == (5, "眼")


def test_a_result_in_per_cent_under_a_level_heading_is_a_rate_only_when_its_name_says_what_it_measures():
    _, rows = _rows("2022年度项目支出绩效自评报告\n三、绩效目标完成情况\n（一）产出指标\n"
                    "完成道路建设工程100%，验收合格率100%。\n（二）满意度指标\n受益群众满意度98%。\n")
    names = [r.name for r in rows]
    assert "验收合格率" in names and "受益群众满意度" in names
    assert not [n for n in names if "工程" in n]       # how far a work went, not an indicator


def test_a_unit_in_brackets_after_the_figure_is_its_unit():
    _, rows = _rows("2022年度项目支出绩效自评报告\n二、绩效目标完成情况\n全年农村供水覆盖服务人口3.15(万人)。\n")
    by = {r.name: r for r in rows}
    people = by["农村供水覆盖服务人口"].actual
    assert (people.value, people.unit, people.raw) == (31500, "人", "3.15(万人)")


def test_the_condition_a_figure_holds_after_is_no_part_of_the_name():
    _, rows = _rows("2022年度项目支出绩效自评报告\n三、绩效目标完成情况\n（二）效益指标\n"
                    "1.经济效益指标：项目建成后新增灌溉面积1200亩。\n")
    assert [r.name for r in rows] == ["新增灌溉面积"]


def test_a_count_in_ten_thousands_of_a_measure_is_multiplied_out_under_a_level_heading():
    _, rows = _rows("2022年度项目支出绩效自评报告\n三、绩效目标完成情况\n（二）效益指标\n"
                    "1.生态效益指标：年节约用水12万立方米。\n")
    water = {r.name: r for r in rows}["年节约用水"].actual
    assert (water.value, water.unit) == (120000, "立方米")


def test_a_name_ending_in_a_place_is_the_scope_of_the_figure_not_an_indicator():
    _, rows = _rows("2022年度项目支出绩效自评报告\n三、绩效目标完成情况\n"
                    "全年改造老旧小区5个，新建农村超市3个，项目惠及东山县8个乡镇。\n")
    names = [r.name for r in rows]
    assert "改造老旧小区" in names and "新建农村超市" in names
    assert not [n for n in names if n.endswith("县")]


def test_a_name_opening_with_a_preposition_is_a_phrase_of_the_sentence():
    _, rows = _rows("2022年度项目支出绩效自评报告\n三、绩效目标完成情况\n"
                    "为辖区群众5000人次提供义诊，惠及困难群众320户，在校学生体检率100%。\n")
    names = [r.name for r in rows]
    assert "在校学生体检率" in names                  # 在校 is a word, not the preposition 在
    assert not [n for n in names if n.startswith("为")]


@pytest.mark.parametrize("line", [
    "培训人数计划500人，完成520人。",
    "培训人数年度目标500人，全年实际完成520人，完成率104%。",
    "培训人数（目标值500人），实际完成520人。",
    "培训人数达到520人，超过目标值500人。",
    "培训人数目标值500人，实际完成520人。",
])
def test_an_outline_clause_labelled_as_the_target_takes_the_result_that_follows_it(line):
    _, rows = _rows("2022年度项目支出绩效自评报告\n三、绩效目标完成情况\n（一）产出指标\n1.数量指标：" + line + "\n")
    assert [(r.name, r.target.value, r.actual.value) for r in rows] == [("培训人数", 500, 520)]


def test_a_section_named_by_a_level_under_an_evaluation_heading_holds_results():
    _, rows = _rows("2022年度农业项目支出绩效自评报告\n一、项目基本情况\n（一）项目绩效目标\n"
                    "培训农民500人次，新建灌溉渠道12公里。\n二、绩效评价情况\n（一）项目产出\n"
                    "培训农民520人次，新建灌溉渠道12.5公里。\n三、存在的问题\n部分农户参与度不高，仅30户参加。\n")
    assert [(r.name, r.target.value, r.actual.value, r.level1) for r in rows] == [
        ("培训农民", 500, 520, "产出指标"), ("新建灌溉渠道", 12, 12.5, "产出指标")]


def test_under_a_level_heading_a_verb_before_the_figure_takes_the_noun_after_it():
    _, rows = _rows("2022年度项目支出绩效自评报告\n三、绩效目标完成情况\n（二）效益指标\n"
                    "1.社会效益指标：带动120户农户增收，户均增收3000元。\n")
    got = {r.name: r.actual.value for r in rows}
    assert got.get("农户增收") == 120


def test_list_lines_of_the_first_level_are_read_with_the_second_level_ones():
    _, rows = _rows("2022年度项目支出绩效自评报告\n一、项目概况\n（二）绩效目标\n"
                    "1.产出指标：培训农民不少于500人次，新建灌溉渠道12公里。\n2.效益指标：带动农户增收100户。\n"
                    "3.满意度指标：受益群众满意度≥90%。\n二、绩效目标完成情况\n1.产出指标：培训农民520人次，新建灌溉渠道12.5公里。\n"
                    "2.效益指标：带动农户增收120户。\n3.满意度指标：受益群众满意度98%。\n三、存在的问题\n无。\n")
    got = {r.name: (r.level1, r.target.value, r.actual.value) for r in rows}
    assert got["培训农民"] == ("产出指标", 500, 520)
    assert got["新建灌溉渠道"] == ("产出指标", 12, 12.5)
    assert got["农户增收"] == ("效益指标", 100, 120)
    assert got["受益群众满意度"] == ("满意度指标", 90, 98)


def test_a_figure_said_to_be_done_right_after_a_target_is_that_targets_result():
    _, rows = _rows("2022年度项目支出绩效自评报告\n二、绩效目标完成情况\n造林面积：目标1000亩，完成1050亩。\n三、存在的问题\n无。\n")
    assert [(r.name, r.target.value, r.actual.value) for r in rows] == [("造林面积", 1000, 1050)]


def test_a_nameless_clause_after_an_outline_item_is_the_other_half_of_that_item():
    _, rows = _rows("某县2023年度农业项目支出绩效自评报告\n二、绩效指标完成情况\n（一）数量指标\n"
                    "培训农民5人，完成年初目标任务5人；新建村道10公里，全部完成12公里；"
                    "种植面积300亩，其中水稻120亩。\n三、存在问题\n无。\n")
    by = {r.name: (r.target.value if r.target else None, r.actual.value if r.actual else None) for r in rows}
    assert by["培训农民"] == (5, 5)            # said as the year's target
    assert by["新建村道"] == (10, 12)          # said as done: the figure with the name was the target
    assert by["种植面积"] == (None, 300)       # a clause with a name of its own is another figure


def test_a_name_cut_inside_its_bracket_is_sent_to_review():
    """p024 states '国家级非物质文化遗产代表性项目(含…)1个': the clause ends at the figure inside
    the bracket, so the name read ('…代表性项目(含') is cut where the reader guessed; it says so
    (name_cut: needs_review). A whole bracket in a name is no cut."""
    plain = (SHARED / "corpus" / "pool" / "p024.txt").read_text(encoding="utf-8")
    _, rows = _rows(plain)
    cut = [i for i in rows if i.name.endswith("(含")]
    assert cut and all("name_cut" in i.reasons for i in cut)
    assert all("name_cut" not in i.reasons for i in rows if i.name.count("(") == i.name.count(")"))


def _clause(name, raw, mode):
    from extract.slots.prose_indicators import _Clause, _Context, _measure
    return _Clause(name=name, value=_measure(raw), start=0, end=1, name_start=0, ctx=_Context(mode))


def test_a_pairing_the_names_cannot_settle_is_sent_to_review():
    """'培训农民500人' (target) and '参训新型职业农民480人' (actual): the names come close to the
    pairing bar but stay under it, with the same unit; whether the 480 is the 500's result the
    reader cannot tell, so both rows say so (pair_uncertain). A clear pairing is no guess."""
    from extract.slots.prose_indicators import _pair_clauses, _unsure_pairs
    targets = [_clause("培训农民", "500人", "target")]
    actuals = [_clause("参训新型职业农民", "480人", "actual")]
    pairs = _pair_clauses(targets, actuals)
    assert pairs == {}
    assert _unsure_pairs(targets, actuals, pairs) == ({0}, {0})
    actuals = [_clause("培训农民", "480人", "actual")]
    pairs = _pair_clauses(targets, actuals)
    assert pairs == {0: 0} and _unsure_pairs(targets, actuals, pairs) == (set(), set())


def test_two_actuals_a_target_pairs_with_alike_is_a_guess():
    """'新建村内道路32公里' (target) and two results '新建村内道路30公里', '新建村内道路2公里'
    (two stretches): both names match the target's equally; taking the first is a guess."""
    from extract.slots.prose_indicators import _pair_clauses, _unsure_pairs
    targets = [_clause("新建村内道路", "32公里", "target")]
    actuals = [_clause("新建村内道路", "30公里", "actual"), _clause("新建村内道路", "2公里", "actual")]
    pairs = _pair_clauses(targets, actuals)
    assert len(pairs) == 1
    assert _unsure_pairs(targets, actuals, pairs)[0] == {0}
