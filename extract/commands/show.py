"""`jixiao show PATH|RECORDS.jsonl [--doc N] --html out.html`: look before you read.

Renders one record on its document text as a self-contained HTML page: extracted values
highlighted where they came from and coloured by confidence, and the record as tables.
A document path is extracted first; a records file shows its N-th record.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..config import load_config
from ..pipeline import extract_path
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
    path = Path(args.path)
    if path.suffix.lower() == ".jsonl":
        try:
            records = read_records(path)
        except (OSError, ValueError) as e:
            print(f"jixiao show: {e}", file=sys.stderr)
            return 2
        if not 1 <= args.doc <= len(records):
            print(f"jixiao show: --doc {args.doc} is out of range: {path} has {len(records)} records", file=sys.stderr)
            return 2
        record = records[args.doc - 1]
    else:
        record = extract_path(path, config)
    text, why = document_text(record, config.limits)
    if text is None and not record.get("error"):
        print(f"jixiao show: {why}; showing the record without its text", file=sys.stderr)
    out = Path(args.html)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(record, text, config.review.threshold), encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0
