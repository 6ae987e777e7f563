"""Export and stats: the store as tables people open in Excel or pandas, numbers unchanged."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.cli.commands.stats import collect
from extract.config import Config, Models
from extract.pipeline import extract_path
from extract.schema import SLOTS
from extract.store.export import FRONT, export, output_paths
from extract.store.sqlite import FileState, Store

ROOT = Path(__file__).resolve().parents[2]
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


def _csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _value_column(header: list[str], slot: str) -> str:
    (name,) = [h for h in header if h == slot or h.startswith(slot + " (")]
    return name


def test_csv_is_utf8_with_bom_one_header_row_one_row_per_document_and_exact_values(db, records, tmp_path):
    docs, inds = export(Store(db), "csv", tmp_path / "out" / "r")
    data = docs.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    with open(docs, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    header, body = table[0], table[1:]
    assert len(body) == len(records)                          # one header row, then one row per document
    assert all(r[0].endswith(".txt") for r in body), "a file name in every row under the single header row"
    assert header[:5] == ["file", "department", "year", "kind", "project"]
    assert header[-2:] == ["path", "id"], "the short id comes last"
    rows = [dict(zip(header, r)) for r in body]
    by_id = {r["id"]: r for r in rows}
    assert all(len(i) == 12 for i in by_id)
    checked = 0
    for rec in records:
        row = by_id[rec["document"]["id"][:12]]
        assert row["file"] == Path(rec["document"]["path"]).name
        for slot, f in slot_values(rec).items():
            if slot.startswith("report."):
                continue
            want = f["value"]["value"] if f["value"]["value"] is not None else f["value"]["raw"]
            assert row[_value_column(header, slot)] == str(want), slot   # str(9412.7) == "9412.7": no rounding
            checked += 1
    assert checked > 0, "the seeds must give fields for this test to mean anything"
    assert len(_csv(inds)) == sum(len(r["indicators"]) for r in records)


def test_documents_hold_only_slots_with_data_named_with_their_unit_once_each(db, records, tmp_path):
    docs, _ = export(Store(db), "csv", tmp_path / "r")
    rows = _csv(docs)
    header = list(rows[0])
    assert len(header) == len(set(header)), "no duplicate columns"
    for name in header:
        assert any(r[name] not in ("", None) for r in rows) or name in FRONT, f"{name} is empty everywhere"
    held = {f["slot"] for r in records for f in r["fields"]}
    for slot in SLOTS:
        matching = [h for h in header if h == slot or h.startswith(slot + " (")]
        assert len(matching) == (slot in held and not slot.startswith("report.")), slot
    assert "funding.total.executed (万元)" in header and "funding.total.execution_rate (%)" in header
    for dup in ("report.department", "report.fiscal_year", "report.kind", "report.project_name"):
        assert not any(h.startswith(dup) for h in header), dup
    assert not any(h.endswith((".confidence", ".raw", ".comparator")) for h in header)
    assert len(header) < 10 + 3 * len(SLOTS) // 2


def test_raw_adds_the_text_comparator_and_confidence_beside_each_value(db, records, tmp_path):
    docs, inds = export(Store(db), "csv", tmp_path / "r", raw=True)
    rows = _csv(docs)
    header = list(rows[0])
    i = header.index("funding.total.executed (万元)")
    assert header[i + 1:i + 4] == ["funding.total.executed.raw", "funding.total.executed.confidence",
                                   "funding.total.executed.needs_review"]
    by_id = {r["document_id"]: r for r in rows}
    for rec in records:
        for slot, f in slot_values(rec).items():
            if not slot.startswith("report."):
                assert by_id[rec["document"]["id"]][f"{slot}.raw"] == f["value"]["raw"]
                assert float(by_id[rec["document"]["id"]][f"{slot}.confidence"]) == f["confidence"]
    ops = {(r["document"]["id"], n): ind["target"]["op"] for r in records for n, ind in enumerate(r["indicators"], 1)
           if ind.get("target") and ind["target"].get("op") not in (None, "=")}
    assert ops, "the seeds print targets with ≥ / ≤"
    got = {(r["document_id"], int(r["no"])): r["target.comparator"] for r in _csv(inds)}
    for key, op in ops.items():
        assert got[key] == op
    assert "target.raw" in _csv(inds)[0]


def test_indicators_carry_their_documents_department_year_kind_and_project(db, records, tmp_path):
    _, inds = export(Store(db), "csv", tmp_path / "r")
    rows = _csv(inds)
    assert list(rows[0])[:6] == ["file", "department", "year", "kind", "project", "no"]
    assert list(rows[0])[-2:] == ["path", "id"]
    by_doc = {r["document"]["id"][:12]: r for r in records}
    for row in rows:
        rec = by_doc[row["id"]]
        fields = slot_values(rec)
        assert row["department"] == str(fields.get("report.department", {}).get("value", {}).get("value") or "")
        assert row["kind"] == fields["report.kind"]["value"]["value"]
        project = fields.get("report.project_name")
        assert row["project"] == (project["value"]["value"] if project else "")


def test_slots_option_limits_the_columns(db, tmp_path):
    asked = ["funding.total.executed", "funding.carryover.score", "staff.actual"]
    docs, _ = export(Store(db), "csv", tmp_path / "r", slots=asked)
    with open(docs, encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    slot_columns = [h for h in header if h.split(".")[0] in ("funding", "staff", "expenditure", "three_public")]
    assert [h.split(" (")[0] for h in slot_columns] == asked      # in the order asked, held or not


def test_parquet_keeps_money_and_rates_numeric(db, records, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa
    docs, inds = export(Store(db), "parquet", tmp_path / "r", raw=True)
    table = pq.read_table(docs)
    assert table.num_rows == len(records)
    money = [n for n in table.column_names if n.endswith("(万元)") or n.endswith("(%)")]
    assert money and all(table.schema.field(n).type == pa.float64() for n in money)
    assert table.schema.field("year").type == pa.int64()
    got = dict(zip(table.column("document_id").to_pylist(),
                   table.column("funding.total.executed (万元)").to_pylist()))
    for rec in records:
        f = slot_values(rec).get("funding.total.executed")
        if f and isinstance(f["value"]["value"], (int, float)):
            assert got[rec["document"]["id"]] == f["value"]["value"]
    ind = pq.read_table(inds)
    assert ind.num_rows == sum(len(r["indicators"]) for r in records)
    assert ind.schema.field("target").type == pa.float64()


def test_parquet_puts_a_text_in_a_numeric_column_beside_it(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from extract.store.export import Table, write_parquet
    path = tmp_path / "t.parquet"
    write_parquet(Table("documents", ["a (万元)", "b"], [[1, "x"], ["十万", "y"], [2.5, None]], {"a (万元)": "float"}),
                  path)
    t = pq.read_table(path).to_pydict()
    assert t == {"a (万元)": [1.0, None, 2.5], "a (万元) text": [None, "十万", None], "b": ["x", "y", None]}


def test_xlsx_reads_back_with_a_bold_frozen_header_filters_widths_and_unit_named_money(db, records, tmp_path):
    from openpyxl import load_workbook
    (path,) = export(Store(db), "xlsx", tmp_path / "r.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["documents", "indicators"]
    assert wb["documents"].max_row == len(records) + 1
    assert wb["indicators"].max_row == sum(len(r["indicators"]) for r in records) + 1
    for ws in wb:
        header = [c.value for c in ws[1]]
        assert all(c.font.b for c in ws[1]), "bold header"
        assert ws.freeze_panes == "B2", "header row and file column frozen"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{ws.max_row}"
        assert header[0] == "file" and header[-1] == "id"
        assert all(len(str(c.value)) == 12 for c in ws["A"][1:1] + tuple(ws.iter_rows(min_row=2, min_col=len(header),
                                                                                          max_col=len(header)))[0])
        assert ws.column_dimensions["B"].width > ws.column_dimensions["C"].width   # department wider than year
    header = [c.value for c in wb["documents"][1]]
    assert "funding.total.executed (万元)" in header and "funding.total.execution_rate (%)" in header
    dept = header.index("department") + 1
    assert {wb["documents"].cell(i, dept).value for i in range(2, len(records) + 2)} == \
        {slot_values(r).get("report.department", {}).get("value", {}).get("value") for r in records}


def test_jsonl_rows_round_trip_indicator_values(db, records, tmp_path):
    _, inds = export(Store(db), "jsonl", tmp_path / "r", raw=True)
    rows = [json.loads(line) for line in inds.read_text(encoding="utf-8").splitlines()]
    want = {(r["document"]["id"], i): ind for r in records for i, ind in enumerate(r["indicators"], 1)}
    assert len(rows) == len(want)
    for row in rows:
        ind = want[(row["document_id"], row["no"])]
        assert (row["name"], row.get("weight"), row.get("score")) == (ind["name"], ind["weight"], ind["score"])
        if ind["target"]:
            assert (row["target.raw"], row["target"]) == (ind["target"]["raw"], ind["target"]["value"])


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
    raw = _cli("export", "--db", str(db), "--format", "csv", "--raw", "-o", str(tmp_path / "o" / "raw"))
    assert raw.returncode == 0, raw.stderr
    assert "funding.total.executed.raw" in (tmp_path / "o" / "raw.documents.csv").read_text(encoding="utf-8-sig")
    assert out.stdout.split() == [str(tmp_path / "o" / "r.documents.csv"), str(tmp_path / "o" / "r.indicators.csv")]
    assert _cli("export", "--db", str(db), "--slots", "no.such.slot").returncode == 2
    assert _cli("export", "--db", str(tmp_path / "missing.sqlite")).returncode == 2
    stats = _cli("stats", "--db", str(db))
    assert stats.returncode == 0, stats.stderr
    assert "errors by code:" in stats.stdout and "corrupt" in stats.stdout
