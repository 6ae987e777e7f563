"""Bounded time everywhere: `jixiao extract` stops a document at `[limits] timeout_seconds`
with a `timeout` record and goes on, and the HTML reader fails fast on pathological nesting."""
import json
import subprocess
import sys
import time
from pathlib import Path

from extract.cli import main

from tests.conftest import SEEDS

JIXIAO = Path(sys.executable).parent / "jixiao"
SEED = SEEDS / "003_a0527484f83c9cee.txt"


def _records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_stops_a_document_at_the_time_limit_and_goes_on(tmp_path, capsys):
    slow = tmp_path / "slow.txt"
    slow.write_text(SEED.read_text(encoding="utf-8") * 60, encoding="utf-8")     # well over 3 s of work
    cfg = tmp_path / "jixiao.toml"
    cfg.write_text("[limits]\ntimeout_seconds = 3\n")
    out = tmp_path / "r.jsonl"
    started = time.monotonic()
    status = main(["--config", str(cfg), "extract", str(slow), str(SEEDS / "004_6f163e2949542c61.txt"), "-o", str(out)])
    assert time.monotonic() - started < 30
    assert status == 1                                  # a document failed
    first, second = _records(out)
    assert first["error_code"] == "timeout" and "timeout_seconds" in first["error"]
    assert len(first["document"]["id"]) == 64
    assert "error" not in second and second["fields"]  # the run went on
    err = capsys.readouterr().err
    assert len([line for line in err.splitlines() if "slow.txt" in line]) == 1 and "timeout" in err


def test_html_of_100000_nested_divs_ends_fast_with_a_specific_error(tmp_path):
    page = tmp_path / "deep.html"
    n = 100_000
    page.write_text("<html><body>" + "<div>" * n + "2023年度部门整体支出绩效自评报告" + "</div>" * n + "</body></html>")
    cfg = tmp_path / "jixiao.toml"
    cfg.write_text("[limits]\ntimeout_seconds = 60\n")
    out = tmp_path / "r.jsonl"
    started = time.monotonic()
    run = subprocess.run([str(JIXIAO), "--config", str(cfg), "extract", str(page), "-o", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert time.monotonic() - started < 60
    assert run.returncode == 1 and "Traceback" not in run.stderr
    record, = _records(out)
    assert record["error_code"] == "too_deep"
    assert "too_deep" in run.stderr


def test_ordinary_nesting_is_still_read(tmp_path):
    from extract.read.formats import read_path
    page = tmp_path / "page.html"
    page.write_text("<html><body>" + "<div>" * 60 + "<p>2023年度部门整体支出绩效自评报告</p>" + "</div>" * 60
                    + "</body></html>", encoding="utf-8")
    assert "绩效自评报告" in read_path(page).text
