"""Export and stats: the store as tables people open in Excel or pandas, numbers unchanged."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.commands.stats import collect
from extract.export import export, output_paths
from extract.config import Config, Models
from extract.pipeline import extract_path
from extract.schema import SLOTS
from extract.store import FileState, Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus" / "seeds"                 # as in conftest.py
POOL = ROOT.parent / "shared" / "corpus" / "pool"

RULES = Config(models=Models(use_models=False))   # records of the rules alone: fast, no model load


@pytest.fixture(scope="module")
def records() -> list[dict]:
    files = sorted(SEEDS.glob("*.txt")) + sorted(POOL.glob("p00*.txt"))
    return [extract_path(p, RULES) for p in files]


@pytest.fixture
def db(tmp_path, records) -> Path:
    path = tmp_path / "reports.sqlite"
    with Store(path) as store:
        for r in records:
            store.put_document(r, [FileState(r["document"]["path"], 1, 1)], "test")
        store.put_error(FileState("/x/broken.pdf", 9, 9), "corrupt", "damaged")
    return path


def slot_values(record: dict) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for f in record["fields"]:
        out.setdefault(f["slot"], f)
    return out


def test_output_paths_give_a_file_per_table_or_one_workbook():
    assert output_paths("out/r", "csv") == [Path("out/r.documents.csv"), Path("out/r.indicators.csv")]
    assert output_paths("out/r.parquet", "parquet") == [Path("out/r.documents.parquet"),
                                                        Path("out/r.indicators.parquet")]
    assert output_paths("out/r.xlsx", "xlsx") == [Path("out/r.xlsx")]


def test_csv_is_utf8_with_bom_one_row_per_document_and_exact_values(db, records, tmp_path):
    docs, inds = export(Store(db), "csv", tmp_path / "out" / "r")
    assert docs.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(docs, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(records)
    header = list(rows[0])
    assert header[:5] == ["document_id", "path", "department", "fiscal_year", "kind"]
    for name in ("funding.total.executed", "report.department"):
        i = header.index(name)
        assert header[i + 1:i + 3] == [f"{name}.confidence", f"{name}.needs_review"]
    by_id = {r["document_id"]: r for r in rows}
    checked = 0
    for rec in records:
        row = by_id[rec["document"]["id"]]
        for slot, f in slot_values(rec).items():
            want = f["value"]["value"] if f["value"]["value"] is not None else f["value"]["raw"]
            assert row[slot] == str(want), slot                    # str(9412.7) == "9412.7": no rounding
            assert float(row[f"{slot}.confidence"]) == f["confidence"]
            checked += 1
    assert checked > 0, "the seeds must give fields for this test to mean anything"
    with open(inds, encoding="utf-8-sig", newline="") as fh:
        assert sum(1 for _ in csv.DictReader(fh)) == sum(len(r["indicators"]) for r in records)


def test_slots_option_limits_the_columns(db, tmp_path):
    docs, _ = export(Store(db), "csv", tmp_path / "r", slots=["report.department", "funding.total.executed"])
    with open(docs, encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert [h for h in header if h.split(".")[0] in ("report", "funding")] == [
        "report.department", "report.department.confidence", "report.department.needs_review",
        "funding.total.executed", "funding.total.executed.confidence", "funding.total.executed.needs_review"]


def test_parquet_keeps_numbers_numeric(db, records, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    docs, inds = export(Store(db), "parquet", tmp_path / "r")
    table = pq.read_table(docs)
    assert table.num_rows == len(records)
    assert len(table.column_names) == 10 + 3 * len(SLOTS)
    got = dict(zip(table.column("document_id").to_pylist(), table.column("funding.total.executed").to_pylist()))
    for rec in records:
        f = slot_values(rec).get("funding.total.executed")
        if f and isinstance(f["value"]["value"], (int, float)):
            assert got[rec["document"]["id"]] == f["value"]["value"]
    assert pq.read_table(inds).num_rows == sum(len(r["indicators"]) for r in records)


def test_xlsx_has_a_sheet_per_table(db, records, tmp_path):
    from openpyxl import load_workbook
    (path,) = export(Store(db), "xlsx", tmp_path / "r.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["documents", "indicators"]
    assert wb["documents"].max_row == len(records) + 1
    assert wb["indicators"].max_row == sum(len(r["indicators"]) for r in records) + 1
    header = [c.value for c in wb["documents"][1]]
    dept = header.index("department") + 1
    assert {wb["documents"].cell(i, dept).value for i in range(2, len(records) + 2)} == \
        {slot_values(r).get("report.department", {}).get("value", {}).get("value") for r in records}


def test_jsonl_rows_round_trip_indicator_values(db, records, tmp_path):
    _, inds = export(Store(db), "jsonl", tmp_path / "r")
    rows = [json.loads(line) for line in inds.read_text(encoding="utf-8").splitlines()]
    want = {(r["document"]["id"], i): ind for r in records for i, ind in enumerate(r["indicators"])}
    assert len(rows) == len(want)
    for row in rows:
        ind = want[(row["document_id"], row["index"])]
        assert (row["name"], row["weight"], row["score"]) == (ind["name"], ind["weight"], ind["score"])
        if ind["target"]:
            assert (row["target_raw"], row["target_value"]) == (ind["target"]["raw"], ind["target"]["value"])


def test_stats_count_by_year_kind_department_review_and_error_code(db, records):
    data = collect(Store(db))
    assert data["totals"]["documents"] == len(records)
    assert sum(n for _, n in data["fiscal_year"]) == len(records)
    assert sum(n for _, n in data["kind"]) == len(records)
    assert sum(n for _, n in data["department"]) == len(records)
    review = dict(data["review"])
    assert review.get("needs review", 0) == sum(r["review"]["needs_review"] for r in records)
    assert data["errors"] == [["corrupt", 1]]


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_export_and_stats_commands(db, tmp_path):
    out = _cli("export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "o" / "r"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(tmp_path / "o" / "r.documents.csv"), str(tmp_path / "o" / "r.indicators.csv")]
    assert _cli("export", "--db", str(db), "--slots", "no.such.slot").returncode == 2
    assert _cli("export", "--db", str(tmp_path / "missing.sqlite")).returncode == 2
    stats = _cli("stats", "--db", str(db))
    assert stats.returncode == 0, stats.stderr
    assert "errors by code:" in stats.stdout and "corrupt" in stats.stdout
