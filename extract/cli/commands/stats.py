"""`jixiao stats --db reports.sqlite`: what a store holds, and what failed.

The store keeps one `documents` row per report (keyed by the file's hash and its
`document.part`, since migration 3), so a workbook with three project forms is three
reports from one file; a file under two names is one file with two paths. The totals say
reports, files and paths apart, and every breakdown counts reports."""
from __future__ import annotations

import json
import sys

from extract.store.sqlite import Store, StoreError

BREAKDOWNS = {
    "fiscal_year": "SELECT fiscal_year, count(*) FROM documents GROUP BY 1 ORDER BY 1",
    "kind": "SELECT kind, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1",
    "department": "SELECT department, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1",
    "review": "SELECT CASE needs_review WHEN 1 THEN 'needs review' ELSE 'ok' END, count(*) "
              "FROM documents GROUP BY 1 ORDER BY 1",
    "errors": "SELECT code, count(*) FROM errors GROUP BY 1 ORDER BY 2 DESC, 1",
}


def register(sub) -> None:
    p = sub.add_parser("stats", help="counts in a store: by year, kind, department, review state; errors by code",
                       description="Summarise a store written by `jixiao ingest`.")
    p.add_argument("--db", required=True, help="the SQLite store")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.add_argument("--top", type=int, default=20, help="departments to list (default 20; 0 for all)")
    p.set_defaults(func=run)


def collect(store: Store) -> dict:
    """Totals and every breakdown, as plain data."""
    totals = {t: store.count(t) for t in ("documents", "paths", "fields", "indicators", "errors")}
    totals["reports"] = totals["documents"]                 # a documents row is one report (id, part)
    totals["files"] = next(iter(store.query("SELECT count(DISTINCT id) FROM documents")))[0]
    totals["multi_report_files"] = next(iter(store.query(
        "SELECT count(*) FROM (SELECT id FROM documents GROUP BY id HAVING count(*) > 1)")))[0]
    out: dict = {"totals": totals}
    for name, sql in BREAKDOWNS.items():
        out[name] = [[row[0], row[1]] for row in store.query(sql)]
    return out


def _n(count: int, noun: str, plural: str = "") -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def summary(t: dict) -> str:
    """The totals line: reports, the files that hold them and the paths they were seen under,
    then fields, indicators and failed files, e.g. `12 reports from 10 files (1 file holds
    several reports; 11 paths); …`."""
    where = [_n(t["paths"], "path")] if t["paths"] != t["files"] else []
    if t.get("multi_report_files"):
        where.insert(0, f"{_n(t['multi_report_files'], 'file holds', 'files hold')} several reports")
    return (f"{_n(t['reports'], 'report')} from {_n(t['files'], 'file')}"
            + (f" ({'; '.join(where)})" if where else "")
            + f"; {_n(t['fields'], 'field')}, {_n(t['indicators'], 'indicator')}; "
              f"{_n(t['errors'], 'file')} with errors")


def run(args) -> int:
    try:
        store = Store(args.db, readonly=True)
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    try:
        data = collect(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print(summary(data["totals"]))
    for name in BREAKDOWNS:
        rows = data[name]
        if name == "department" and args.top and len(rows) > args.top:
            rows = rows[:args.top] + [[f"... {len(rows) - args.top} more", sum(r[1] for r in rows[args.top:])]]
        print("\nerrors by code:" if name == "errors" else
              f"\nreports by {'review state' if name == 'review' else name.replace('_', ' ')}:")
        for key, n in rows:
            print(f"  {n:>8}  {'(unknown)' if key is None else key}")
    return 0
