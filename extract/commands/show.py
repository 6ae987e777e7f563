"""`jixiao show PATH|RECORDS.jsonl [--doc N] --html out.html`: look before you read.

Renders one record on its document text as a self-contained HTML page: extracted values
highlighted where they came from and coloured by confidence, and the record as tables.
A document path is extracted first; a records file shows its N-th record.
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import UsageError, input_file
from ..config import load_config
from .extract import extract_within_limit
from ..review.roundtrip import document_text, read_records
from ..review.show import render


def register(sub) -> None:
    p = sub.add_parser("show", help="render a record on its document as an HTML page",
                       description="Render a document's record as one self-contained HTML page: the text "
                                   "with every extracted value highlighted and coloured by confidence (red "
                                   "< 0.5, amber < the review threshold, green above), and the fields and "
                                   "indicators as tables. PATH is a report file (extracted now) or a "
                                   "records .jsonl file from `jixiao extract`.")
    p.add_argument("path", metavar="PATH|RECORDS.jsonl")
    p.add_argument("--doc", type=int, default=1, metavar="N",
                   help="which record of a .jsonl file to show, counting from 1 (default 1)")
    p.add_argument("--html", required=True, metavar="OUT.html", help="where to write the page")
    p.set_defaults(func=run)


def run(args) -> int:
    config = load_config(args.config)
    path = input_file(args.path, "document or records file")
    out = Path(args.html)
    if out.is_dir():
        raise UsageError(f"--html {out} is a folder: give a file name, e.g. {out / 'record.html'}")
    if path.suffix.lower() == ".jsonl":
        try:
            records = read_records(path)
        except (OSError, ValueError) as e:
            raise UsageError(str(e)) from None
        if not 1 <= args.doc <= len(records):
            raise UsageError(f"--doc {args.doc} is out of range: {path} has {len(records)} records")
        record = records[args.doc - 1]
    else:
        record = extract_within_limit(path, config)
    text, why = document_text(record, config.limits)
    if text is None and not record.get("error"):
        print(f"jixiao show: {why}; showing the record without its text", file=sys.stderr)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render(record, text, config.review.threshold), encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot write {out}: {e.strerror or e}; choose a writable --html path") from None
    if record.get("error"):
        print(f"jixiao show: {path}: {record['error']} (the page at {out} says so)", file=sys.stderr)
        return 1
    print(f"wrote {out}", file=sys.stderr)
    return 0
