"""`jixiao show` on a file that holds several reports (SCHEMA.md `document.part`) shows all of
them: one page, a section per report in file order, each with its own stretch of the file's
text highlighted beside its own record; `--part N` shows the N-th alone."""
import json
import re
from pathlib import Path

import pytest

from extract.cli import main
from extract.config import Config, Models
from extract.pipeline import extract_records

ROOT = Path(__file__).resolve().parents[2]
MULTI = ROOT / "corpus" / "fixtures" / "multi" / "three_projects.xlsx"
RULES = Config(models=Models(use_models=False))


@pytest.fixture(scope="module")
def reports() -> list[dict]:
    return extract_records(MULTI, RULES)


@pytest.fixture
def rules_only(tmp_path) -> Path:
    cfg = tmp_path / "jixiao.toml"
    cfg.write_text("[models]\nuse_models = false\n")
    return cfg


def _project(record: dict) -> str:
    return next(f["value"]["raw"] for f in record["fields"] if f["slot"] == "report.project_name")


def _sections(page: str) -> list[str]:
    return re.split(r'<section class="report" id="r\d+">', page)[1:]


def _text_of(section: str) -> str:
    doc = re.search(r'<div class="doc">(.*?)</div>', section, re.S).group(1)
    return re.sub(r"<[^>]+>", "", doc)


def test_the_fixture_holds_three_reports_with_three_project_names(reports):
    assert len(reports) == 3
    assert len({_project(r) for r in reports}) == 3


def test_show_gives_a_section_per_report_each_with_its_own_text_and_record(reports, rules_only, tmp_path, capsys):
    out = tmp_path / "page.html"
    assert main(["--config", str(rules_only), "show", str(MULTI), "--html", str(out)]) == 0
    assert "3 reports" in capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    sections = _sections(page)
    assert len(sections) == 3
    for k, (section, record) in enumerate(zip(sections, reports), 1):
        sheet = record["document"]["part"]["sheet"]
        assert f"Report {k} of 3: sheet {sheet}" in section
        assert _project(record) in section                       # its own record's fields
        span = record["document"]["span"]
        assert len(_text_of(section)) == span["end"] - span["start"]   # its own stretch of the text, no more
        for other in reports:
            if other is not record:
                assert other["document"]["part"]["sheet"] not in _text_of(section)
        assert f'{len(record["indicators"])} indicators' in section
    nav = re.search(r'<nav class="reports[^"]*">(.*?)</nav>', page).group(1)
    assert re.findall(r'href="#(r\d+)"', nav) == ["r1", "r2", "r3"]   # the header lists the reports


def test_the_links_of_each_section_point_into_that_section(rules_only, tmp_path):
    out = tmp_path / "page.html"
    assert main(["--config", str(rules_only), "show", str(MULTI), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    ids = re.findall(r'<a id="([^"]+)"></a>', page)
    assert len(ids) == len(set(ids))                               # no id twice on the page
    for k, section in enumerate(_sections(page), 1):
        targets = re.findall(r'href="#([^"]+)"', section)
        assert targets and all(t.startswith(f"r{k}-") for t in targets)
        assert set(targets) <= set(re.findall(r'<a id="([^"]+)"></a>', section))


def test_part_n_shows_only_the_n_th_report(reports, rules_only, tmp_path):
    out = tmp_path / "two.html"
    assert main(["--config", str(rules_only), "show", str(MULTI), "--part", "2", "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert not _sections(page)
    assert f"report: sheet {reports[1]['document']['part']['sheet']}" in page
    assert _project(reports[1]) in page and _project(reports[0]) not in page


def test_part_out_of_range_is_one_line_and_exit_2(rules_only, tmp_path, capsys):
    assert main(["--config", str(rules_only), "show", str(MULTI), "--part", "4", "--html",
                 str(tmp_path / "x.html")]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1 and "--part 4 is out of range" in err[0] and "holds 3 reports" in err[0]
    assert not (tmp_path / "x.html").exists()


def test_a_records_file_shows_one_record_and_points_part_to_doc(reports, tmp_path, capsys):
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reports), encoding="utf-8")
    out = tmp_path / "three.html"
    assert main(["show", str(records), "--doc", "3", "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert _project(reports[2]) in page and _project(reports[0]) not in page
    assert main(["show", str(records), "--part", "1", "--html", str(out)]) == 2
    assert "use --doc N" in capsys.readouterr().err


def test_a_file_with_one_report_gets_the_one_report_page(rules_only, tmp_path):
    out = tmp_path / "one.html"
    assert main(["--config", str(rules_only), "show", str(ROOT / "corpus" / "seeds" / "004_6f163e2949542c61.txt"),
                 "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert not _sections(page) and 'class="hl ' in page
