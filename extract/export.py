"""Tables out of the store, for the people who analyse ten years of reports in Excel,
pandas or a warehouse.

Two tables: `documents`, one row per document (path, department, year, kind, then per
slot its value, confidence and review flag: `<slot>`, `<slot>.confidence`,
`<slot>.needs_review`), and `indicators`, one row per indicator of every document. CSV,
Parquet and JSON Lines get a file per table (`NAME.documents.csv`, `NAME.indicators.csv`),
XLSX a sheet per table. CSV is UTF-8 with a BOM so that Excel shows the Chinese.
Values are written as stored: a number stays the number extracted (in 万元 for money, %
for rates); a value that is not a number keeps its raw text.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from .schema import SLOTS, slot as schema_slot
from .store import Store

FORMATS = ("csv", "xlsx", "parquet", "jsonl")
TABLES = ("documents", "indicators")
EXCEL_MAX_ROWS = 1_048_576

DOCUMENT_COLUMNS = ["document_id", "path", "department", "fiscal_year", "kind", "format", "pages", "chars",
                    "needs_review", "extracted_at"]
INDICATOR_COLUMNS = ["document_id", "path", "index", "level1", "level2", "name", "content",
                     "target_raw", "target_op", "target_value", "target_unit",
                     "actual_raw", "actual_op", "actual_value", "actual_unit",
                     "weight", "score", "deviation", "confidence", "needs_review"]


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: Iterable[list[Any]]


def check_slots(slots: Optional[Iterable[str]]) -> list[str]:
    """The slots to export, in schema order when not given; KeyError for a name the
    schema does not have."""
    if not slots:
        return list(SLOTS)
    return [schema_slot(s.strip()).name for s in slots if s.strip()]


def document_table(store: Store, slots: Optional[list[str]] = None) -> Table:
    slots = check_slots(slots)
    columns = DOCUMENT_COLUMNS + [c for s in slots for c in (s, f"{s}.confidence", f"{s}.needs_review")]
    return Table("documents", columns, _document_rows(store, slots))


def _document_rows(store: Store, slots: list[str]) -> Iterator[list[Any]]:
    wanted = set(slots)
    found: dict[str, dict[str, tuple]] = {}
    for r in store.query("SELECT document_id, slot, value, raw, confidence, needs_review FROM fields "
                         "ORDER BY document_id, ord"):
        if r["slot"] in wanted:
            found.setdefault(r["document_id"], {}).setdefault(
                r["slot"], (r["value"] if r["value"] is not None else r["raw"], r["confidence"],
                            bool(r["needs_review"])))
    for d in store.query("SELECT d.*, (SELECT min(path) FROM paths p WHERE p.document_id = d.id) AS path "
                         "FROM documents d ORDER BY path, d.id"):
        values = found.get(d["id"], {})
        row = [d["id"], d["path"], d["department"], d["fiscal_year"], d["kind"], d["format"], d["pages"],
               d["chars"], bool(d["needs_review"]), d["extracted_at"]]
        for s in slots:
            row.extend(values.get(s, (None, None, None)))
        yield row


def indicator_table(store: Store) -> Table:
    return Table("indicators", INDICATOR_COLUMNS, _indicator_rows(store))


def _indicator_rows(store: Store) -> Iterator[list[Any]]:
    for r in store.query("SELECT i.*, (SELECT min(path) FROM paths p WHERE p.document_id = i.document_id) AS path "
                         "FROM indicators i ORDER BY path, i.document_id, i.ord"):
        yield [r["document_id"], r["path"], r["ord"], r["level1"], r["level2"], r["name"], r["content"],
               r["target_raw"], r["target_op"], r["target_value"], r["target_unit"],
               r["actual_raw"], r["actual_op"], r["actual_value"], r["actual_unit"],
               r["weight"], r["score"], r["deviation"], r["confidence"], bool(r["needs_review"])]


def output_paths(output: str | Path, fmt: str) -> list[Path]:
    """Where `fmt` goes for `-o output`: one file for xlsx, one per table otherwise
    (`out/reports` or `out/reports.csv` -> `out/reports.documents.csv`, ...)."""
    out = Path(output)
    base = out.with_suffix("") if out.suffix.lower() == f".{fmt}" else out
    if fmt == "xlsx":
        return [base.with_name(base.name + ".xlsx")]
    return [base.with_name(f"{base.name}.{t}.{fmt}") for t in TABLES]


def export(store: Store, fmt: str, output: str | Path, slots: Optional[list[str]] = None) -> list[Path]:
    """Write both tables in `fmt`; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    tables = [document_table(store, slots), indicator_table(store)]
    paths = output_paths(output, fmt)
    for p in paths:
        p.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        write_xlsx(tables, paths[0])
    else:
        writer = {"csv": write_csv, "parquet": write_parquet, "jsonl": write_jsonl}[fmt]
        for table, path in zip(tables, paths):
            writer(table, path)
    return paths


def write_csv(table: Table, path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(table.columns)
        w.writerows(table.rows)


def write_jsonl(table: Table, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in table.rows:
            fh.write(json.dumps(dict(zip(table.columns, row)), ensure_ascii=False) + "\n")


def write_parquet(table: Table, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: list[list[Any]] = [[] for _ in table.columns]
    for row in table.rows:
        for col, v in zip(columns, row):
            col.append(v)
    pq.write_table(pa.table({name: _arrow_column(values) for name, values in zip(table.columns, columns)}), path)


def _arrow_column(values: list[Any]):
    """Numbers stay numbers; a column that mixes numbers and texts (a value whose raw
    text could not be read as a number) becomes text, each cell as written."""
    import pyarrow as pa

    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array([None if v is None else _text(v) for v in values], type=pa.string())


def _text(v: Any) -> str:
    return json.dumps(v) if isinstance(v, bool) else str(v)


def write_xlsx(tables: list[Table], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook(write_only=True)
    for table in tables:
        ws = wb.create_sheet(table.name)
        ws.append(table.columns)
        for n, row in enumerate(table.rows, start=2):
            if n > EXCEL_MAX_ROWS:
                raise ValueError(f"the {table.name} table has more rows than an Excel sheet holds "
                                 f"({EXCEL_MAX_ROWS}); export as csv or parquet instead")
            ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    wb.save(path)
