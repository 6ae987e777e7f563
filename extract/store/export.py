"""Tables out of the store, for the people who analyse ten years of reports in Excel,
pandas or a warehouse.

Two tables. `documents`: one row per report: file, part (where in the file the report
sits, for a file that holds several: `sheet 项目A`, `pages 3-5`), department, year, kind, project,
then one column per slot that holds a value in some document (an export of a store where
no report states `three_public.*` has no such column; a slot named in `slots` is always
there), named with its unit
(`funding.total.executed (万元)`, `funding.total.execution_rate (%)`), then whether the
document needs review and which slots do, and last the full path and a short document id
(the first 12 hex digits of the sha256 the store keys documents by). `indicators`: one
row per indicator, with the department, year, kind and project of its document before
its levels, name, target and actual (comparator, figure, unit), weight, score.

`raw=True` (`jixiao export --raw`) adds, beside each value, the text the report printed
(`<slot>.raw`), the comparator (`<slot>.comparator`: ≥, ≤, >, <, ~ when not plain =),
the confidence and the review flag, and the full document id; a column whose cells are
all empty is left out in both modes.

CSV, Parquet and JSON Lines get a file per table (`NAME.documents.csv`,
`NAME.indicators.csv`), XLSX a sheet per table with a bold, frozen header row (and file
column), an auto-filter and column widths fitted to the contents. CSV is UTF-8 with a BOM
and one header row, so a spreadsheet shows the Chinese. Values are written as stored: a
number stays the number extracted (money in 万元, rates in %); a value that is not a
number keeps its raw text. Parquet keeps the types: money and rates are float64 columns
(an integer stays exact), counts and years int64, texts strings; a cell of a numeric
column that holds a text instead goes to a `<column> text` column beside it.
"""
from __future__ import annotations

import csv
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from extract.schema import COUNT, KIND, MONEY, RATE, SLOTS, TEXT, YEAR, slot as schema_slot
from extract.store.sqlite import Store

FORMATS = ("csv", "xlsx", "parquet", "jsonl")
TABLES = ("documents", "indicators")
EXCEL_MAX_ROWS = 1_048_576
SHORT_ID = 12                       # hex digits of the sha256 shown as the document id

# the document's own columns; department, year, kind and project are the slots
# report.department / report.fiscal_year / report.kind / report.project_name, shown once
FRONT = {"department": "report.department", "year": "report.fiscal_year", "kind": "report.kind",
         "project": "report.project_name"}
KIND_UNIT = {MONEY: "万元", RATE: "%"}      # what extract.slots.normalize turns every money and rate into
COLUMN_TYPE = {MONEY: "float", RATE: "float", COUNT: "int", YEAR: "int", TEXT: "text", KIND: "text"}


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: Any                       # the rows (an iterable), or a function giving them
    types: dict[str, str] = field(default_factory=dict)   # column -> "float" | "int" | "text" (parquet)


def check_slots(slots: Optional[Iterable[str]]) -> list[str]:
    """The slots to export, in schema order when not given; KeyError for a name the
    schema does not have."""
    if not slots:
        return list(SLOTS)
    return [schema_slot(s.strip()).name for s in slots if s.strip()]


def short_id(document_id: str) -> str:
    return (document_id or "")[:SHORT_ID]


def part_label(part: Optional[str]) -> Optional[str]:
    """Where in its file a report sits, for people: `sheet 项目A`, `pages 3-5`, `chars 0-812`;
    None for a file with one report (the store keeps document.part as JSON)."""
    if not part:
        return None
    where = json.loads(part)
    out = []
    for k, v in where.items():
        out.append(f"{k} {v[0]}-{v[1]}" if isinstance(v, list) and len(v) == 2 else f"{k} {v}")
    return "; ".join(out)


def _file_name(path: Optional[str]) -> Optional[str]:
    return Path(path).name if path else path


# --- documents ----------------------------------------------------------------------------

@dataclass
class _SlotColumns:
    slot: str
    header: str                     # "funding.total.executed (万元)"
    unit_column: bool               # the slot's values come in several units: a .unit column
    comparator: bool                # some value has a comparator other than =
    type: str


def _slot_columns(store: Store, slots: list[str], explicit: bool) -> list[_SlotColumns]:
    """The slot columns in schema order: the slots asked for, and without --slots only
    those that hold a value in some document."""
    units: dict[str, set] = {}
    ops: set[str] = set()
    held: set[str] = set()
    for r in store.query("SELECT DISTINCT slot, unit, op FROM fields WHERE value IS NOT NULL OR raw IS NOT NULL"):
        held.add(r["slot"])
        if r["unit"]:
            units.setdefault(r["slot"], set()).add(r["unit"])
        if r["op"] and r["op"] != "=":
            ops.add(r["slot"])
    out = []
    for s in slots:
        if s in FRONT.values() or (not explicit and s not in held):
            continue
        kind = SLOTS[s].kind
        found = units.get(s, set())
        unit = KIND_UNIT.get(kind) or (next(iter(found)) if len(found) == 1 else None)
        out.append(_SlotColumns(s, f"{s} ({unit})" if unit else s, unit is None and len(found) > 1,
                                s in ops, COLUMN_TYPE.get(kind, "float")))
    return out


def document_table(store: Store, slots: Optional[list[str]] = None, raw: bool = False) -> Table:
    explicit = bool(slots)
    cols = _slot_columns(store, check_slots(slots), explicit)
    columns = ["file", "part", *FRONT]
    types = {"year": "int"}
    for c in cols:
        columns.append(c.header)
        types[c.header] = c.type
        if c.unit_column:
            columns.append(f"{c.slot}.unit")
        if raw:
            columns += [f"{c.slot}.raw", *([f"{c.slot}.comparator"] if c.comparator else []),
                        f"{c.slot}.confidence", f"{c.slot}.needs_review"]
            types[f"{c.slot}.confidence"] = "float"
    columns += ["needs_review", "slots_to_review", "format", "pages"]
    types["pages"] = "int"
    if raw:
        columns += ["chars", "extracted_at"]
        types["chars"] = "int"
    columns += ["path", "id"] + (["document_id"] if raw else [])
    keep = {"file", *FRONT, "path", "id", "needs_review"} | ({c.header for c in cols} if explicit else set())
    return _drop_empty(Table("documents", columns, lambda: _document_rows(store, cols, raw), types), keep)


def _document_rows(store: Store, cols: list[_SlotColumns], raw: bool) -> Iterator[list[Any]]:
    wanted = {c.slot for c in cols} | set(FRONT.values())
    found: dict[str, dict[str, Any]] = {}
    for r in store.query("SELECT document_id, part, slot, value, raw, op, unit, confidence, needs_review FROM fields "
                         "ORDER BY document_id, part, ord"):
        if r["slot"] in wanted:
            found.setdefault((r["document_id"], r["part"]), {}).setdefault(r["slot"], r)
    for d in store.query("SELECT d.*, (SELECT min(path) FROM paths p WHERE p.document_id = d.id) AS path "
                         "FROM documents d ORDER BY path, d.id, d.seq"):
        values = found.get((d["id"], d["part"]), {})
        project = values.get(FRONT["project"])
        row = [_file_name(d["path"]), part_label(d["part"]), d["department"], d["fiscal_year"], d["kind"],
               _value(project) if project is not None else None]
        to_review = [s for s in FRONT.values() if s in values and values[s]["needs_review"]]
        for c in cols:
            f = values.get(c.slot)
            row.append(_value(f) if f is not None else None)
            if c.unit_column:
                row.append(f["unit"] if f is not None else None)
            if raw:
                row.append(f["raw"] if f is not None else None)
                if c.comparator:
                    row.append(f["op"] if f is not None and f["op"] != "=" else None)
                row += [f["confidence"], bool(f["needs_review"])] if f is not None else [None, None]
            if f is not None and f["needs_review"]:
                to_review.append(c.slot)
        row += [bool(d["needs_review"]), ", ".join(to_review) or None, d["format"], d["pages"]]
        if raw:
            row += [d["chars"], d["extracted_at"]]
        row += [d["path"], short_id(d["id"])] + ([d["id"]] if raw else [])
        yield row


def _value(f) -> Any:
    return f["value"] if f["value"] is not None else f["raw"]


# --- indicators ---------------------------------------------------------------------------

_INDICATOR_VALUES = [("level1", "level1", "text"), ("level2", "level2", "text"), ("name", "name", "text"),
                     ("content", "content", "text"),
                     ("target.comparator", "target_op", "text"), ("target", "target_value", "float"),
                     ("target.unit", "target_unit", "text"),
                     ("actual.comparator", "actual_op", "text"), ("actual", "actual_value", "float"),
                     ("actual.unit", "actual_unit", "text"),
                     ("weight", "weight", "float"), ("score", "score", "float"), ("deviation", "deviation", "text")]
_INDICATOR_RAW = [("target.raw", "target_raw", "text"), ("actual.raw", "actual_raw", "text"),
                  ("confidence", "confidence", "float")]


def indicator_table(store: Store, raw: bool = False) -> Table:
    values = _INDICATOR_VALUES[:]
    if raw:                         # each raw text beside its figure
        values.insert(values.index(("target.unit", "target_unit", "text")) + 1, _INDICATOR_RAW[0])
        values.insert(values.index(("actual.unit", "actual_unit", "text")) + 1, _INDICATOR_RAW[1])
    columns = ["file", "part", *FRONT, "no", *[c for c, _, _ in values], "needs_review"]
    if raw:
        columns.append("confidence")
    columns += ["path", "id"] + (["document_id"] if raw else [])
    types = {c: t for c, _, t in values + _INDICATOR_RAW}
    types.update(year="int", no="int")
    sources = [s for _, s, _ in values]
    return _drop_empty(Table("indicators", columns, lambda: _indicator_rows(store, sources, raw), types),
                       keep={"file", *FRONT, "no", "name", "path", "id", "needs_review"})


def _indicator_rows(store: Store, sources: list[str], raw: bool) -> Iterator[list[Any]]:
    projects = {(r["document_id"], r["part"]): _value(r) for r in store.query(
        "SELECT document_id, part, value, raw FROM fields WHERE slot = ? ORDER BY document_id, part, ord DESC",
        (FRONT["project"],))}
    for r in store.query("SELECT i.*, d.department, d.fiscal_year, d.kind, "
                         "(SELECT min(path) FROM paths p WHERE p.document_id = i.document_id) AS path "
                         "FROM indicators i JOIN documents d ON d.id = i.document_id AND d.part = i.part "
                         "ORDER BY path, i.document_id, d.seq, i.ord"):
        row = [_file_name(r["path"]), part_label(r["part"]), r["department"], r["fiscal_year"], r["kind"],
               projects.get((r["document_id"], r["part"])), r["ord"] + 1]
        for s in sources:
            v = r[s]
            row.append(None if s.endswith("_op") and v == "=" else v)
        row.append(bool(r["needs_review"]))
        if raw:
            row.append(r["confidence"])
        row += [r["path"], short_id(r["document_id"])] + ([r["document_id"]] if raw else [])
        yield row


def _drop_empty(table: Table, keep: set[str]) -> Table:
    """The table without the columns whose every cell is empty. `table.rows` is a function
    giving the rows: one pass finds the empty columns, the rows are written from a second,
    so a store of any size is never held in memory."""
    held = [name in keep for name in table.columns]
    for row in table.rows():
        for i, v in enumerate(row):
            if not held[i] and v is not None and v != "":
                held[i] = True
    columns = [c for c, h in zip(table.columns, held) if h]
    rows = ([v for v, h in zip(r, held) if h] for r in table.rows())
    return Table(table.name, columns, rows, {c: t for c, t in table.types.items() if c in columns})


# --- writing ------------------------------------------------------------------------------

def output_paths(output: str | Path, fmt: str) -> list[Path]:
    """Where `fmt` goes for `-o output`: one file for xlsx, one per table otherwise
    (`out/reports` or `out/reports.csv` -> `out/reports.documents.csv`, ...)."""
    out = Path(output)
    base = out.with_suffix("") if out.suffix.lower() == f".{fmt}" else out
    if fmt == "xlsx":
        return [base.with_name(base.name + ".xlsx")]
    return [base.with_name(f"{base.name}.{t}.{fmt}") for t in TABLES]


def export(store: Store, fmt: str, output: str | Path, slots: Optional[list[str]] = None,
           raw: bool = False) -> list[Path]:
    """Write both tables in `fmt`; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    tables = [document_table(store, slots, raw), indicator_table(store, raw)]
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
    arrays: dict[str, Any] = {}
    for name, values in zip(table.columns, columns):
        arrays.update(_arrow_columns(name, values, table.types.get(name)))
    pq.write_table(pa.table(arrays), path)


def _arrow_columns(name: str, values: list[Any], typ: Optional[str]) -> dict[str, Any]:
    """One typed column, plus `<name> text` for the cells of a numeric column that hold a
    text (a value whose raw text could not be read as a number)."""
    import pyarrow as pa

    numbers = [v if isinstance(v, (int, float)) and not isinstance(v, bool) else None for v in values]
    texts = [None if v is None or isinstance(v, (int, float)) and not isinstance(v, bool) else _text(v)
             for v in values]
    if typ in ("float", "int") and any(v is not None for v in numbers):
        if typ == "int" and all(isinstance(v, int) or v is None for v in numbers):
            out = {name: pa.array(numbers, type=pa.int64())}
        else:
            out = {name: pa.array([None if v is None else float(v) for v in numbers], type=pa.float64())}
        if any(t is not None for t in texts):
            out[f"{name} text"] = pa.array(texts, type=pa.string())
        return out
    try:
        return {name: pa.array(values)}
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return {name: pa.array([None if v is None else _text(v) for v in values], type=pa.string())}


def _text(v: Any) -> str:
    return json.dumps(v) if isinstance(v, bool) else str(v)


def _width(v: Any) -> int:
    """How wide a cell's text shows, in widths of a digit: a CJK character takes about 1.7."""
    s = "" if v is None else str(v)
    return round(sum(1.7 if ord(ch) > 0x2E80 else 1 for ch in s))


WIDTH_SAMPLE = 500                  # rows read to fit the column widths
MAX_WIDTH = 60


def write_xlsx(tables: list[Table], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        ws = wb.create_sheet(table.name)
        rows = iter(table.rows)
        sample = [r for _, r in zip(range(WIDTH_SAMPLE), rows)]
        for i, name in enumerate(table.columns):
            fit = max([_width(name)] + [_width(r[i]) for r in sample]) + 2
            ws.column_dimensions[get_column_letter(i + 1)].width = min(max(fit, 6), MAX_WIDTH)
        ws.freeze_panes = "B2"           # the header row and the file column stay in view
        header = []
        for name in table.columns:
            cell = WriteOnlyCell(ws, value=name)
            cell.font = bold
            cell.alignment = Alignment(vertical="center")
            header.append(cell)
        ws.append(header)
        n = 1
        for row in itertools.chain(sample, rows):
            n += 1
            if n > EXCEL_MAX_ROWS:
                raise ValueError(f"the {table.name} table has more rows than an Excel sheet holds "
                                 f"({EXCEL_MAX_ROWS}); export as csv or parquet instead")
            ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
        ws.auto_filter.ref = f"A1:{get_column_letter(max(len(table.columns), 1))}{n}"
    wb.save(path)
