"""`jixiao stats` counts reports, the files that hold them and the paths they were seen under,
each by its own name: a workbook with three project forms is three reports from one file, and a
file under two names is one file with two paths."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.cli.commands.stats import collect, summary
from extract.config import Config, Models
from extract.pipeline import extract_records
from extract.store.sqlite import FileState, Store

ROOT = Path(__file__).resolve().parents[2]
MULTI = ROOT / "corpus" / "fixtures" / "multi" / "three_projects.xlsx"
SEED = ROOT / "corpus" / "seeds" / "004_6f163e2949542c61.txt"
RULES = Config(models=Models(use_models=False))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stats") / "reports.sqlite"
    with Store(path) as store:
        store.put_records(extract_records(MULTI, RULES), [FileState(str(MULTI), 1, 1)], "test")
        store.put_records(extract_records(SEED, RULES),
                          [FileState(str(SEED), 1, 1), FileState("/copies/same_report.txt", 1, 1)], "test")
        store.put_error(FileState("/x/broken.pdf", 9, 9), "corrupt", "damaged")
    return path


def test_totals_count_reports_files_and_paths_apart(db):
    t = collect(Store(db, readonly=True))["totals"]
    assert (t["reports"], t["files"], t["paths"], t["multi_report_files"], t["errors"]) == (4, 2, 3, 1, 1)
    assert t["documents"] == t["reports"]              # the store's documents rows are reports


def test_every_breakdown_counts_reports(db):
    data = collect(Store(db, readonly=True))
    for name in ("fiscal_year", "kind", "department", "review"):
        assert sum(n for _, n in data[name]) == 4, name


def test_the_summary_line_says_reports_and_files(db):
    line = summary(collect(Store(db, readonly=True))["totals"])
    assert line.startswith("4 reports from 2 files (1 file holds several reports; 3 paths); ")
    assert line.endswith("; 1 file with errors")
    assert "documents" not in line


def test_one_report_per_file_under_one_name_says_no_more_than_that():
    t = {"reports": 1, "files": 1, "paths": 1, "multi_report_files": 0, "fields": 1, "indicators": 0, "errors": 0}
    assert summary(t) == "1 report from 1 file; 1 field, 0 indicators; 0 files with errors"


def test_the_stats_command_prints_it_and_json_has_the_same_totals(db):
    run = subprocess.run([sys.executable, "-m", "extract.cli", "stats", "--db", str(db)], capture_output=True,
                         text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("4 reports from 2 files")
    assert "reports by kind:" in run.stdout and "errors by code:" in run.stdout
    js = subprocess.run([sys.executable, "-m", "extract.cli", "stats", "--db", str(db), "--json"],
                        capture_output=True, text=True, cwd=ROOT, timeout=120)
    totals = json.loads(js.stdout)["totals"]
    assert (totals["reports"], totals["files"], totals["paths"]) == (4, 2, 3)
