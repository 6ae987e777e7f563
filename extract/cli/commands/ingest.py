"""`jixiao ingest DIR|FILE... --db reports.sqlite [-j N] [--engine local|dask]`: bulk ingestion."""
from __future__ import annotations

import argparse
import os
import sys

from extract.cli.commands import (UsageError, add_include_option, existing_inputs, include_patterns,
                                  output_file)
from extract.config import load_config
from extract.learn import models
from extract.store.ingest import EngineError, Options, ingest, walk
from extract.store.sqlite import Store, StoreError


def register(sub) -> None:
    p = sub.add_parser(
        "ingest", help="extract folders of reports in parallel into a SQLite store (resumable)",
        description="Walk folders, extract every supported file in parallel worker processes and store the "
                    "records in SQLite. Re-runs skip files already stored (same path, size and mtime; or same "
                    "content under another name); a killed run is resumed by running it again. In folders, "
                    "only report formats are read (--include widens this); other files are listed as skipped "
                    "(code unsupported_format), and jixiao's own stores and exports are skipped. "
                    "Exit code: 0 all files stored, 1 some failed (see `jixiao stats`), 2 usage error or no "
                    "engine (e.g. no Dask scheduler at that address), "
                    "130 interrupted.")
    p.add_argument("paths", nargs="+", metavar="DIR|FILE", help="report files or folders")
    p.add_argument("--db", required=True, help="the SQLite store (created if missing)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                   help="worker processes (default: the number of CPUs)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local worker processes, or a Dask distributed cluster")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="Dask scheduler address; without it --engine dask starts a LocalCluster of -j workers")
    p.add_argument("--batch", type=int, default=8, metavar="N",
                   help="files per Dask task (default 8: a task costs the scheduler about as much as a small "
                        "report costs to extract)")
    add_include_option(p)
    p.add_argument("--force", action="store_true", help="re-extract files even if stored and unchanged")
    p.add_argument("--retry-errors", action="store_true", help="try unchanged files that failed before again")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.add_argument("--config", default=argparse.SUPPRESS, help="a jixiao.toml (same as `jixiao --config`)")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.jobs < 1:
        print("error: -j must be at least 1", file=sys.stderr)
        return 2
    if args.batch < 1:
        print("error: --batch must be at least 1", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != "dask":
        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    config = load_config(args.config)
    existing_inputs(args.paths)                 # before the store is created: a typo makes no database
    found = walk(args.paths, include=include_patterns(args.include))
    if not found.files:
        raise UsageError(f"no report files in {', '.join(args.paths)}"
                         + (f" ({len(found.skipped)} files of other types skipped)" if found.skipped else "")
                         + "; check the folder")
    output_file(args.db, "--db")
    try:
        store = Store(args.db)
    except (OSError, ValueError, StoreError) as e:
        raise UsageError(f"cannot open the store {args.db}: {e}") from None
    models.preflight(config)            # the workers load the models; a missing one is said once, here
    options = Options(jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, batch=args.batch, force=args.force,
                      retry_errors=args.retry_errors, progress=not args.quiet)
    try:
        report = ingest(args.paths, store, config, options, found=found)
    except (FileNotFoundError, EngineError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        store.close()
    if not args.quiet:
        for path, code, message in report.failed:
            print(f"error  {path}: {code}: {message}", file=sys.stderr)
        if found.skipped:
            print(found.summary(), file=sys.stderr)
        print(f"{report.considered} files: {report.extracted} extracted, {report.linked} linked to a stored "
              f"copy, {report.unchanged} unchanged, {len(report.failed)} failed, {len(found.skipped)} skipped; "
              f"{report.chars:,} chars in {report.seconds:.1f} s; store {args.db}", file=sys.stderr)
    if report.interrupted:
        print("interrupted: the files in flight were stored; run the same command again to finish",
              file=sys.stderr)
        return 130
    return 0 if report.ok else 1
