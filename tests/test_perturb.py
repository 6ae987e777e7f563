"""Metamorphic specifications: the same report flattened another way reads the same
(scripts/perturb.py measures this over the seeds and the pool)."""
from extract.pipeline import extract_document
from extract.read import textnorm
from extract.read.document import Document


def test_reading_view_keeps_offsets_and_reads_full_width_figures_and_crlf():
    text = "全年预算数\r\n１２．５％\r\n"
    v = textnorm.view_of(text)
    assert len(v.text) == len(text)
    assert v.text == "全年预算数 \n12.5% \n"
    assert v.original(7, 12) == "１２．５％"          # values keep the report's width


def _fields(text):
    ex = extract_document(Document(text=text, path="x.txt"))
    return {f.slot: f.value.value for f in ex.fields}


SENTENCE = "本部门2023年度预算资金总额为120.5万元，全年执行数为110.2万元，预算执行率91.45%。\n"


def test_full_width_figures_read_as_ascii_ones():
    plain = _fields(SENTENCE)
    wide = _fields(SENTENCE.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％")))
    assert {k: v for k, v in plain.items() if k.startswith(("funding", "expenditure"))} == \
        {k: v for k, v in wide.items() if k.startswith(("funding", "expenditure"))}


def test_crlf_line_ends_read_as_lf():
    assert _fields(SENTENCE) == _fields(SENTENCE.replace("\n", "\r\n"))


def test_a_header_label_between_two_known_columns_is_a_column_of_its_own():
    """One cell per line, a blank line between rows (a PDF/HTML copy of a self-evaluation
    table): the unnamed 上级财政移动支付（C） column takes its figure, so the row's six figures
    fit the header's six columns."""
    text = ("部门整体支出绩效自评表\n(2023年)\n\n资金来源\n全年预算数（A）\n全年执行数（B）\n上级财政移动支付（C）\n"
            "分值\n执行率\n得分\n\n年度资金总额\n100\n90\n20\n10\n90%\n9\n")
    f = _fields(text)
    assert f["funding.total.full_year_budget"] == 100
    assert f["funding.total.executed"] == 90
    assert f["funding.total.execution_rate"] == 90
    assert f["funding.total.weight"] == 10
    assert f["funding.total.score"] == 9


STACKED = ("项目支出绩效自评表\n(2023年度)\n\n一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n\n"
           "产出指标\n数量指标\n培训人数\n≥100人\n120人\n10\n10\n\n"
           "质量指标\n培训合格率\n≥95%\n98%\n10\n10\n\n"
           "五、存在的问题\n")


def test_a_table_printed_one_cell_per_line_with_blank_lines_between_rows_is_a_table():
    from extract.read.layout import blocks_from_text
    tables = [b.table for b in blocks_from_text(STACKED) if b.table is not None]
    assert len(tables) == 1 and tables[0].source == "stacked"
    assert [r.texts() for r in tables[0].rows][1] == ["产出指标", "数量指标", "培训人数", "≥100人", "120人", "10", "10"]
    ex = extract_document(Document(text=STACKED, path="x.txt"))
    got = {i.name: (i.level2, i.target.value, i.actual.value, i.weight, i.score) for i in ex.indicators}
    assert got["培训合格率"][:3] == ("质量指标", 95, 98)
    assert got["培训人数"][:3] == ("数量指标", 100, 120)


def test_line_breaks_inside_the_cells_of_a_pipe_row_are_spaces_rows_without_outer_pipes_are_left():
    text = "| 年初\n预算数 | 全年\n执行数 | 分\n值 |\n| 1 | 2 | 3 |\na | b\nc | d\n"
    joined = textnorm.join_pipe_cells(text)
    assert len(joined) == len(text)
    assert joined.startswith("| 年初 预算数 | 全年 执行数 | 分 值 |\n| 1 | 2 | 3 |\n")
    assert joined.endswith("a | b\nc | d\n")


def test_header_words_broken_by_a_space_or_a_line_end_read_as_one_label():
    from extract.slots import funding_cells
    for sep in (" ", "\n"):
        text = f"项目资金\n全年{sep}预算数\n全年{sep}执行数\n分{sep}值\n执行率\n得{sep}分\n年度资金总额\n100\n90\n10\n90%\n9\n"
        toks = funding_cells.tokens(textnorm.view_of(text))
        assert [funding_cells._col(t.text) for t in toks[1:6]] == \
            ["full_year_budget", "executed", "weight", "execution_rate", "score"], sep
        f = _fields("项目支出绩效自评表\n" + text)
        assert (f["funding.total.full_year_budget"], f["funding.total.executed"], f["funding.total.score"]) == (100, 90, 9)


def test_a_run_on_row_keeps_its_comparator_on_the_target_and_splits_actual_weight_score():
    """Cells run together with nothing between them (a web table copied as text)."""
    from extract.slots import indicator_cells
    cols = ["target", "actual", "weight", "score", "deviation"]
    assert indicator_cells._row_from_chunk("营养改善计划覆盖率≧100%100%1010", cols) == \
        ("营养改善计划覆盖率", "≧100%", "100%", 10, 10)
    # 完成值 3, 分值 10, 得分 10 run together: the cut whose 完成值 is the target's figure
    assert indicator_cells._row_from_chunk("开展县域结对交流活动≥3次31010", cols) == \
        ("开展县域结对交流活动", "≥3次", "3", 10, 10)
    # no cut gives the target's figure: not split here
    assert indicator_cells._glued_actual_points("开展县域结对交流活动≥3次41010") is None


def _perturb():
    import importlib.util
    from pathlib import Path
    path = Path(__file__).resolve().parent.parent / "scripts" / "perturb.py"
    spec = importlib.util.spec_from_file_location("perturb_script", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_merged_annual_indicators_cell_left_of_the_first_level_is_not_a_column():
    """Seed 000 as a pipe table: the header row's empty first cell is dropped, the first data row
    keeps the form's merged 年度绩效指标 cell; the rows still start at 一级指标, so every row
    has its first level."""
    import pytest
    perturb = _perturb()
    seed = next((perturb.SHARED / "seeds").glob("000_*.txt"), None)
    if seed is None:
        pytest.skip("../shared/corpus/seeds is missing")
    text = perturb.VARIANTS["pipes"](seed.read_text(encoding="utf-8"))
    ex = extract_document(Document(text=text, path=str(seed)))
    rows = [i for i in ex.indicators if i.source == "indicator_table"]
    assert len(rows) >= 16
    assert all(i.level1 in ("产出指标", "效益指标", "满意度指标") for i in rows)


def test_an_indicator_table_reads_the_same_with_crlf_line_ends():
    ex_lf = extract_document(Document(text=STACKED, path="x.txt"))
    ex_crlf = extract_document(Document(text=STACKED.replace("\n", "\r\n"), path="x.txt"))
    assert [(i.name, i.weight, i.score) for i in ex_lf.indicators] == \
        [(i.name, i.weight, i.score) for i in ex_crlf.indicators]
    from extract.slots import indicator_cells
    lf = indicator_cells.stream_cells(textnorm.view_of("a\n\nb\n").text)
    v = textnorm.view_of("a\r\n\r\nb\r\n")
    crlf = indicator_cells.stream_cells(v.text, indicator_cells._cr_offsets(v))
    assert [c.text for c in lf] == [c.text for c in crlf] == ["a", "b"]


def test_the_perturbation_script_writes_figures_per_variant(tmp_path):
    """scripts/perturb.py --json: per variant the reference scorer's figures; the seeds read
    the same with CRLF line ends as with LF."""
    import json
    import pytest
    perturb = _perturb()
    if not (perturb.SHARED / "seeds").is_dir():
        pytest.skip("../shared/corpus/seeds is missing")
    out = tmp_path / "p.json"
    perturb.main(["--set", "seeds", "--only", "crlf", "--json", str(out), "--tmp", str(tmp_path / "v")])
    got = json.loads(out.read_text(encoding="utf-8"))
    assert set(got["variants"]) == {"orig", "crlf"}
    orig, crlf = got["variants"]["orig"], got["variants"]["crlf"]
    assert crlf["errors"] == 0
    assert crlf["fields"]["f1"] == orig["fields"]["f1"] >= 0.99
    assert crlf["indicators"]["f1"] == orig["indicators"]["f1"]


def test_space_separated_header_cells_broken_by_line_ends_read_as_their_labels():
    """A PDF line of header cells apart by single spaces, each cell wrapped (分\\n值 执\\n行率): the
    piece that ends one cell and the one that starts the next are cut apart before each is
    joined to its own rest; a letter-spaced cell (年 初预算数) stays whole."""
    from extract.slots import funding_cells
    text = "    年初\n预算数 全年\n执行数 分\n值 执\n行率 得\n分\n年度资金总额 100 90 10 90% 9\n"
    toks = funding_cells.tokens(textnorm.view_of(text))
    assert [funding_cells._col(t.text) for t in toks[:5]] == \
        ["initial_budget", "executed", "weight", "execution_rate", "score"]
    spaced = funding_cells.tokens(textnorm.view_of("年 初预算数 | 全 年 预算数 | 分值\n"))
    assert [funding_cells._col(t.text) for t in spaced] == ["initial_budget", "full_year_budget", "weight"]


def test_indicator_header_words_broken_by_a_space_are_one_header_cell():
    """A space-separated PDF header whose words are letter-spaced (分 值 得 分, 指 标值)."""
    from extract.read.layout import blocks_from_text
    from extract.slots.indicator_table import indicator_header
    text = "一级指标 二级指标 三级指标 指 标值 完成值 分 值 得 分\n产出指标 数量指标 培训人数 ≥100人 120人 10 9\n"
    table = next(b.table for b in blocks_from_text(text) if b.table is not None)
    header = indicator_header(table.rows[0])
    assert sorted(header.columns.values()) == sorted(["level1", "level2", "name", "target", "actual", "weight", "score"])
    ex = extract_document(Document(text="项目支出绩效自评表\n" + text, path="x.txt"))
    got = {i.name: (i.target.value, i.actual.value, i.weight, i.score) for i in ex.indicators}
    assert got["培训人数"] == (100, 120, 10, 9)


def test_a_project_code_in_full_width_digits_is_not_part_of_the_project_name():
    """p041 and p050 print a project code before the name (51130021T000000229367-…): in
    full-width digits it is still a code, stripped on the reading view."""
    from tests.conftest import SHARED
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    for name in ("p041.txt", "p050.txt"):
        text = (SHARED / "corpus" / "pool" / name).read_text(encoding="utf-8")
        ex = extract_document(Document(text=text.translate(full), path="x.txt"))
        project = ex.field("report.project_name")
        assert project is not None and not any(ch in "０１２３４５６７８９" for ch in project.value.value[:4])
        assert project.value.value == _project(text)


def _project(text):
    return extract_document(Document(text=text, path="x.txt")).field("report.project_name").value.value


def test_a_staff_label_cell_reads_in_traditional_script_and_with_crlf():
    """p058 prints 人员编制 on one line and 21 on the next (one cell per line)."""
    from tests.conftest import SHARED
    s2t = {}
    for t, s in zip(textnorm._T, textnorm._S):
        s2t.setdefault(s, t)
    text = (SHARED / "corpus" / "pool" / "p058.txt").read_text(encoding="utf-8")
    for variant in (text, text.translate(str.maketrans(s2t)), text.replace("\n", "\r\n")):
        assert _fields(variant).get("staff.authorized") == 21
