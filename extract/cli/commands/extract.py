"""`jixiao extract PATH... [-o records.jsonl]`: one record per document.

Each document gets at most `[limits] timeout_seconds` (as in `jixiao ingest`): past it the
extraction is stopped and the document gets a record with error `timeout`; the run goes on
and exits 1. The models are loaded before the first document, so the limit measures
extraction only.
"""
from __future__ import annotations

import json
import signal
import sys
import threading
from pathlib import Path

from extract.cli.commands import (UsageError, add_include_option, existing_inputs, include_patterns,
                                  output_file)
from extract.config import Config, load_config
from extract.learn import models
from extract.pipeline import extract_records
from extract.read import file_id
from extract.read.errors import ReadError
from extract.review.show import part_label
from extract.slots.record import error_record
from extract.store.ingest import WALKED, Walk, walk


def register(sub) -> None:
    p = sub.add_parser("extract", help="extract records from report files or folders",
                       description="Extract one schema-v1 record per document (JSON Lines). Folders are "
                                   "walked for supported files. A file that cannot be read gives a record "
                                   "with `error`; the others still come out. In folders only report formats are read "
                                   "(--include widens this); what is skipped is said on standard error.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    p.add_argument("-o", "--output", help="write records here (default: standard output)")
    add_include_option(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on standard error")
    p.set_defaults(func=run)


def expand(paths: list[str], include: list[str] = ()) -> Walk:
    """Files named directly are kept whatever their extension (they get an error record
    if unsupported); folders contribute their report files, sorted (see `ingest.walk`:
    the same rules as `jixiao ingest`), paths as given."""
    return walk(paths, include=include, relative=True)


class _Overdue(BaseException):
    """Raised in the main thread when a document's time is up. A BaseException, so that no
    `except Exception` on the way (the readers' guard, the pipeline's) turns it into
    another error."""


def records_within_limit(path: str | Path, config: Config) -> list:
    """`extract_records` (a record per report in the file) stopped after `[limits]
    timeout_seconds` for the whole file (a SIGALRM timer in the main thread; elsewhere,
    without SIGALRM, or when another alarm is pending, no limit): a `timeout` record then."""
    seconds = config.limits.timeout_seconds
    if not seconds or seconds <= 0 or not hasattr(signal, "setitimer") \
            or threading.current_thread() is not threading.main_thread() \
            or signal.getitimer(signal.ITIMER_REAL)[0]:     # someone else's alarm is set (pytest-timeout): leave it
        return extract_records(path, config)
    armed = [True]

    def overdue(signum, frame):
        if armed[0]:
            armed[0] = False
            raise _Overdue()

    previous = signal.signal(signal.SIGALRM, overdue)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        records = extract_records(path, config)
        armed[0] = False
        return records
    except _Overdue:
        return [error_record(str(path), ReadError("timeout", f"extraction took longer than {seconds:g} s and was "
                                                 "stopped; raise [limits] timeout_seconds in jixiao.toml, or "
                                                 "report this file if it is an ordinary report"),
                            doc_id=file_id(str(path), regular_only=True))]
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(args) -> int:
    config = load_config(args.config)
    existing_inputs(args.paths)
    if args.output:
        output_file(args.output)
    found = expand(args.paths, include_patterns(args.include))
    files = found.files
    if not files:
        raise UsageError(f"no report files in {', '.join(args.paths)} (report types: {', '.join(sorted(WALKED))}"
                         + (f"; {found.summary()}" if found.skipped else "") + "); check the folder")
    if found.skipped and not args.quiet:
        print(found.summary(), file=sys.stderr)
    models.status(config)               # load the trained parts now: the time limit is per document
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    n_fields = n_ind = n_err = n_review = n_records = 0
    try:
        for f, rec in ((f, rec) for f in files for rec in records_within_limit(f, config)):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            out.flush()
            n_records += 1
            if rec.get("error"):
                n_err += 1
                if not args.quiet:
                    print(f"error  {f}: {rec['error']}", file=sys.stderr)
                continue
            n_fields += len(rec["fields"])
            n_ind += len(rec["indicators"])
            n_review += rec["review"]["needs_review"]
            if not args.quiet:
                part = rec["document"].get("part")
                where = f" [{part_label(part)}]" if part else ""
                print(f"ok     {f}{where}: {len(rec['fields'])} fields, {len(rec['indicators'])} indicators"
                      f"{', needs review' if rec['review']['needs_review'] else ''}", file=sys.stderr)
    finally:
        if args.output:
            out.close()
    if not args.quiet:
        print(f"{len(files)} documents" + (f" ({n_records} reports)" if n_records > len(files) else "")
              + f": {n_fields} fields, {n_ind} indicators, {n_review} to review, "
              f"{n_err} errors" + (f"; records in {args.output}" if args.output else ""), file=sys.stderr)
    return 1 if n_err else 0
