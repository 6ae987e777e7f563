"""A form's indicator rows run together into one line of text (a PDF copied without its cell
breaks): each row's 指标值 and 实际完成值 cells stand side by side with nothing between them
('培训农民人数500人480人'). The first figure is the row's target, the second its actual (the
national form's column order, TEMPLATES.md), and a 二级 cell printed alone before the rows is
carried down to them as a merged cell is."""
from extract.pipeline import extract_document
from extract.read.document import Document


def _rows(text):
    ex = extract_document(Document(text=text, path="x.txt"))
    return {i.name: i for i in ex.indicators if i.evidence == "text"}


def _pair(row):
    return (row.target.value if row.target else None, row.actual.value if row.actual else None)


def test_two_figures_run_together_after_a_rate_are_its_target_then_its_actual():
    rows = _rows("某县2023年度农业项目支出绩效自评报告\n本项目由某县农业农村局实施。\n"
                 "技术推广覆盖率95%96%群众满意度90%92%\n")
    assert _pair(rows["技术推广覆盖率"]) == (95, 96)
    assert _pair(rows["群众满意度"]) == (90, 92)


def test_in_a_results_section_a_count_run_together_gives_target_and_actual():
    rows = _rows("某县2023年度农业项目支出绩效自评报告\n二、绩效目标完成情况\n"
                 "培训农民人数500人480人，技术推广覆盖率95%96%。\n三、存在问题\n无。\n")
    assert _pair(rows["培训农民人数"]) == (500, 480)
    assert _pair(rows["技术推广覆盖率"]) == (95, 96)


def test_under_a_level_heading_the_pair_is_read_and_the_name_keeps_no_figure():
    rows = _rows("某县2023年度农业项目支出绩效自评报告\n二、绩效指标完成情况\n（一）数量指标\n"
                 "培训农民人数500人480人，技术推广覆盖率95%96%。\n三、存在问题\n无。\n")
    assert _pair(rows["培训农民人数"]) == (500, 480)
    assert rows["培训农民人数"].level2 == "数量指标"
    assert _pair(rows["技术推广覆盖率"]) == (95, 96)


def test_figures_with_words_between_them_are_no_pair():
    rows = _rows("某县2023年度农业项目支出绩效自评报告\n二、绩效目标完成情况\n"
                 "培训农民人数500人，其中妇女120人。\n三、存在问题\n无。\n")
    assert rows["培训农民人数"].target is None and rows["培训农民人数"].actual.value == 500


def test_a_level_cell_alone_before_the_rows_is_their_second_level():
    rows = _rows("某县2023年度农业项目支出绩效自评报告\n本项目由某县农业农村局实施。\n"
                 "一级 二级 三级 质量 技术推广覆盖率95%96%验收合格率98%100%\n")
    assert _pair(rows["技术推广覆盖率"]) == (95, 96)
    assert rows["技术推广覆盖率"].level2 == "质量指标" and rows["技术推广覆盖率"].level1 == "产出指标"
    assert rows["验收合格率"].level2 == "质量指标"


def test_a_declaration_reads_no_actual_from_two_figures():
    rows = _rows("某县2023年度农业项目绩效目标申报表\n二、绩效目标\n培训农民人数500人480人。\n")
    assert all(r.actual is None for r in rows.values())

