"""`jixiao show PATH|RECORDS.jsonl [--part N | --doc N] --html out.html`: look before you read.

Renders records on their document text as a self-contained HTML page: extracted values
highlighted where they came from and coloured by confidence, and the records as tables.
A document path is extracted first, and every report it holds is shown, a section each
(`--part N` for the N-th alone); a records file shows its N-th record (`--doc N`).
"""
from __future__ import annotations

import sys
from pathlib import Path

from extract.cli.commands import UsageError, input_file
from extract.cli.commands.extract import records_within_limit
from extract.config import load_config
from extract.review.roundtrip import document_text, read_records
from extract.review.show import render_reports


def register(sub) -> None:
    p = sub.add_parser("show", help="render a record on its document as an HTML page",
                       description="Render a document's record as one self-contained HTML page: the text "
                                   "with every extracted value highlighted and coloured by confidence (red "
                                   "< 0.5, amber < the review threshold, green above), and the fields and "
                                   "indicators as tables. PATH is a report file (extracted now; a file "
                                   "that holds several reports, e.g. a workbook with a form per sheet, "
                                   "gets a section per report) or a records .jsonl file from "
                                   "`jixiao extract`.")
    p.add_argument("path", metavar="PATH|RECORDS.jsonl")
    p.add_argument("--doc", type=int, default=1, metavar="N",
                   help="which record of a .jsonl file to show, counting from 1 (default 1)")
    p.add_argument("--part", type=int, default=None, metavar="N",
                   help="of a report file that holds several reports, show only the N-th, counting from 1 "
                        "(default: all of them, a section each)")
    p.add_argument("--html", required=True, metavar="OUT.html", help="where to write the page")
    p.set_defaults(func=run)


def run(args) -> int:
    config = load_config(args.config)
    path = input_file(args.path, "document or records file")
    out = Path(args.html)
    if out.is_dir():
        raise UsageError(f"--html {out} is a folder: give a file name, e.g. {out / 'record.html'}")
    if path.suffix.lower() == ".jsonl":
        if args.part is not None:
            raise UsageError(f"--part is for a report file; in {path} each report is a record of its own: "
                             "use --doc N")
        try:
            records = read_records(path)
        except (OSError, ValueError) as e:
            raise UsageError(str(e)) from None
        if not 1 <= args.doc <= len(records):
            raise UsageError(f"--doc {args.doc} is out of range: {path} has {len(records)} records")
        records = [records[args.doc - 1]]
    else:
        records = records_within_limit(path, config)
        if args.part is not None:
            if not 1 <= args.part <= len(records):
                raise UsageError(f"--part {args.part} is out of range: {path} holds "
                                 f"{len(records)} report{'s' if len(records) != 1 else ''}")
            records = [records[args.part - 1]]
    record = records[0]
    text, why = document_text(record, config.limits)
    if text is None and not record.get("error"):
        print(f"jixiao show: {why}; showing the record without its text", file=sys.stderr)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_reports(records, text, config.review.threshold), encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot write {out}: {e.strerror or e}; choose a writable --html path") from None
    if record.get("error"):
        print(f"jixiao show: {path}: {record['error']} (the page at {out} says so)", file=sys.stderr)
        return 1
    print(f"wrote {out}" + (f" ({len(records)} reports, a section each)" if len(records) > 1 else ""),
          file=sys.stderr)
    return 0
