"""Several reports in one file (issue 14.6, SCHEMA.md): one record per report, each with
`document.part`, its spans in the file's text; a file with one report is not split."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.config import Config, Models
from extract.pipeline import extract_path, extract_records
from extract.read import parts
from extract.read.formats import read_bytes, read_path

ROOT = Path(__file__).resolve().parents[2]
MULTI = ROOT / "corpus" / "fixtures" / "multi" / "three_projects.xlsx"
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
FIXTURES = sorted((ROOT / "corpus" / "fixtures").glob("[!m]*/*"))
POOL = ROOT.parent / "shared" / "corpus" / "pool"
RULES = Config(models=Models(use_models=False))


def project(record: dict) -> str:
    return next(f["value"]["raw"] for f in record["fields"] if f["slot"] == "report.project_name")


def test_a_workbook_of_three_project_forms_gives_three_records_with_three_project_names():
    records = extract_records(MULTI, RULES)
    assert len(records) == 3
    assert [project(r) for r in records] == ["积极开展科技特派员工作、可持续发展实验区建设", "做好科技普及工作",
                                          "兑现科技创新政策奖补，实施一批科技计划项目等"]
    assert [r["document"]["part"] for r in records] == [{"sheet": "积极开展科技特派员工作、"},
                                                       {"sheet": "做好科技普及工作"}, {"sheet": "兑现科技创新政策奖补，实"}]
    assert len({r["document"]["id"] for r in records}) == 1          # the file's hash names all three
    text = read_path(MULTI).text
    spans = [(r["document"]["span"]["start"], r["document"]["span"]["end"]) for r in records]
    assert spans[0][0] == 0 and spans[-1][1] == len(text) and all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(text[s:e].startswith(r["document"]["part"]["sheet"]) for (s, e), r in zip(spans, records))
    assert all(r["indicators"] for r in records)


def test_every_span_of_every_part_indexes_the_file_text():
    text = read_path(MULTI).text
    for r in extract_records(MULTI, RULES):
        sheet = r["document"]["part"]["sheet"]
        for f in r["fields"]:
            s = f["span"]
            if f["slot"] == "report.project_name":
                assert text[s["start"]:s["end"]] == f["value"]["raw"]
        for ind in r["indicators"]:
            s = ind["span"]
            assert text[s["start"]:s["end"]].startswith(ind["name"][:4]) or ind["name"][:4] in text[s["start"]:s["end"]]
        first_field = min(f["span"]["start"] for f in r["fields"] if f["span"]["end"] > f["span"]["start"])
        assert text.rfind(sheet, 0, first_field + 1) >= 0


def test_extract_path_gives_the_first_report():
    assert extract_path(MULTI, RULES) == extract_records(MULTI, RULES)[0]


@pytest.mark.parametrize("path", SEEDS + FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_file_with_one_report_is_not_split(path):
    records = extract_records(path, RULES)
    assert len(records) == 1 and "part" not in records[0]["document"]


def test_no_pool_opening_is_split():
    if not POOL.exists():
        pytest.skip("../shared/corpus/pool is not there")
    split = [p.name for p in sorted(POOL.glob("*.txt")) if parts.split(read_path(p))]
    assert split == []


FORM = ("{title}\n项目名称\t{name}\n主管部门\t某县民政局\t实施单位\t某县民政局\n"
        "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "\t年度资金总额\t{money}\t{money}\t{money}\t10\t100%\t10\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "\t产出指标\t数量指标\t{indicator}\t≥10人\t12人\t50\t50\n")


def doc_of(text: str):
    return read_bytes(text.encode("utf-8"), "report.txt")


def test_project_forms_one_after_another_in_a_text_are_one_report_each():
    text = (FORM.format(title="2023年度项目支出绩效自评表", name="低保专项经费", money=100, indicator="保障人数")
            + FORM.format(title="2023年度项目支出绩效自评表", name="优抚对象补助经费", money=50, indicator="补助人数"))
    found = parts.split(doc_of(text))
    assert len(found) == 2
    assert found[1].start == text.index("2023年度项目支出绩效自评表", 10)
    assert [p.where for p in found] == [{"chars": [0, found[1].start]}, {"chars": [found[1].start, len(text)]}]
    records = extract_records_of(text)
    assert [project(r) for r in records] == ["低保专项经费", "优抚对象补助经费"]


def extract_records_of(text: str, tmp=Path("/tmp")) -> list[dict]:
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "report.txt"
        p.write_text(text, encoding="utf-8")
        return extract_records(p, RULES)


def test_a_department_report_with_a_project_form_appended_is_two_reports():
    report = ("某县民政局2023年度部门整体支出绩效自评报告\n" + "一、部门基本情况\n" + "本部门主要负责全县民政工作。" * 40 + "\n")
    text = report + FORM.format(title="项目支出绩效自评表", name="低保专项经费", money=100, indicator="保障人数")
    found = parts.split(doc_of(text))
    assert [p.start for p in found] == [0, len(report)]


def test_a_title_repeated_at_a_page_break_or_a_continued_table_is_no_new_report():
    first = FORM.format(title="2023年度项目支出绩效自评表", name="低保专项经费", money=100, indicator="保障人数")
    continued = "2023年度项目支出绩效自评表\n\t产出指标\t质量指标\t发放准确率\t100%\t100%\t20\t20\n"
    assert parts.split(doc_of(first + continued)) == []
    repeated_head = FORM.format(title="2023年度项目支出绩效自评表", name="低保专项经费", money=100, indicator="发放准确率")
    assert parts.split(doc_of(first + repeated_head)) == []


def test_a_report_and_its_own_form_stay_one_report():
    report = ("某县民政局2023年度部门整体支出绩效自评报告\n" + "本部门主要负责全县民政工作。" * 40 + "\n")
    dept_form = ("2023年度部门整体支出绩效自评表\n部门（单位）名称\t某县民政局\n"
                 "\t年度资金总额\t100\t100\t100\t10\t100%\t10\n一级指标\t二级指标\t三级指标\n")
    assert parts.split(doc_of(report + dept_form)) == []
    listed = ("2022年度项目支出绩效自评表\n序号\n项目名称\n备注\n1\n低保专项经费自评表\n2\n优抚对象补助经费自评表\n"
              + FORM.format(title="项目支出绩效自评表", name="低保专项经费", money=100, indicator="保障人数"))
    assert parts.split(doc_of(listed)) == []


def test_in_a_paged_file_a_part_is_its_pages_and_its_view_keeps_their_numbers():
    from extract.read.document import Document, Page
    first = FORM.format(title="2023年度项目支出绩效自评表", name="低保专项经费", money=100, indicator="保障人数")
    second = FORM.format(title="2023年度项目支出绩效自评表", name="优抚对象补助经费", money=50, indicator="补助人数")
    text = first + second
    doc = Document(text=text, format="pdf", pages=[Page(1, 0, 60), Page(2, 60, len(first)),
                                                   Page(3, len(first), len(text))])
    found = parts.split(doc)
    assert [p.where for p in found] == [{"pages": [1, 2]}, {"pages": [3, 3]}]
    v = parts.view(doc, found[1])
    assert v.text == second and [(p.number, p.start, p.end) for p in v.pages] == [(3, 0, len(second))]
    assert v.meta["part"] == {"pages": [3, 3]}


def test_projects_of_one_unit_are_told_apart_by_their_project_names():
    def form(name):
        return ("2023年度项目支出绩效自评表\n单位名称\t某县民政局\n项目名称\t" + name + "\n"
                "\t年度资金总额\t100\t100\t100\t10\t100%\t10\n一级指标\t二级指标\t三级指标\n")
    assert len(parts.split(doc_of(form("低保专项经费") + form("优抚对象补助经费")))) == 2


def test_a_name_written_with_a_year_or_quotes_added_is_the_same_report():
    first = FORM.format(title="2023年度项目支出绩效自评表", name="低保专项经费", money=100, indicator="保障人数")
    again = FORM.format(title="项目支出绩效自评表", name="2023年“低保专项经费”项目", money=100, indicator="发放准确率")
    assert parts.split(doc_of(first + again)) == []
