"""`jixiao export --db reports.sqlite --format csv|xlsx|parquet|jsonl [--slots a,b] [--raw] [-o PATH]`."""
from __future__ import annotations

import sys
from pathlib import Path

from extract.store.export import FORMATS, check_slots, export
from extract.store.sqlite import Store, StoreError


def register(sub) -> None:
    p = sub.add_parser(
        "export", help="write the store as tables: documents (one row each) and indicators",
        description="Export a store written by `jixiao ingest`: a table of documents (file, department, year, "
                    "kind, project, then one column per slot that holds a value, named with its unit: "
                    "`funding.total.executed (万元)`; the slots to review; path and short id last) and a table "
                    "of indicators (with the department, year, kind and project of their document). "
                    "csv/parquet/jsonl write PATH.documents.EXT and PATH.indicators.EXT; xlsx writes one "
                    "workbook with two sheets (bold frozen header, filters, fitted widths). CSV is UTF-8 with "
                    "a BOM and one header row; parquet keeps numbers numeric.")
    p.add_argument("--db", required=True, help="the SQLite store")
    p.add_argument("--format", choices=FORMATS, default="csv", help="output format (default csv)")
    p.add_argument("--slots", help="comma-separated slot names to export, held or not (default: every slot that holds "
                                      "a value in some document)")
    p.add_argument("--raw", action="store_true",
                   help="also the text each value was read from, its comparator (≥, ≤ …), confidence and review "
                        "flag, and the full document id")
    p.add_argument("-o", "--output", help="output path without the table suffix (default: the store's name)")
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        slots = check_slots(args.slots.split(",")) if args.slots else None
    except KeyError as e:
        print(f"error: {e.args[0]}", file=sys.stderr)
        return 2
    try:
        store = Store(args.db, readonly=True)
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    output = args.output or str(Path(args.db).with_suffix(""))
    try:
        written = export(store, args.format, output, slots, raw=args.raw)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"error: cannot write {e.filename or output}: {e.strerror or e}; choose a writable -o", file=sys.stderr)
        return 2
    finally:
        store.close()
    for p in written:
        print(p)
    return 0
