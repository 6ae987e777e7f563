"""`jixiao export --db reports.sqlite --format csv|xlsx|parquet|jsonl [--slots a,b] [-o PATH]`."""
from __future__ import annotations

import sys
from pathlib import Path

from ..export import FORMATS, check_slots, export
from ..store import Store, StoreError


def register(sub) -> None:
    p = sub.add_parser(
        "export", help="write the store as tables: documents (one row each) and indicators",
        description="Export a store written by `jixiao ingest`: a wide table of documents (path, department, "
                    "year, kind, then per slot `<slot>`, `<slot>.confidence`, `<slot>.needs_review`) and a "
                    "long table of indicators. csv/parquet/jsonl write PATH.documents.EXT and "
                    "PATH.indicators.EXT; xlsx writes one workbook with two sheets. CSV is UTF-8 with BOM.")
    p.add_argument("--db", required=True, help="the SQLite store")
    p.add_argument("--format", choices=FORMATS, default="csv", help="output format (default csv)")
    p.add_argument("--slots", help="comma-separated slot names to export (default: every slot of the schema)")
    p.add_argument("-o", "--output", help="output path without the table suffix (default: the store's name)")
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        slots = check_slots(args.slots.split(",") if args.slots else None)
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
        written = export(store, args.format, output, slots)
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
