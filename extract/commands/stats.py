"""`jixiao stats --db reports.sqlite`: what a store holds, and what failed."""
from __future__ import annotations

import json
import sys

from ..store import Store, StoreError

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
    out: dict = {"totals": {t: store.count(t) for t in ("documents", "paths", "fields", "indicators", "errors")}}
    for name, sql in BREAKDOWNS.items():
        out[name] = [[row[0], row[1]] for row in store.query(sql)]
    return out


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
    t = data["totals"]
    print(f"{t['documents']} documents under {t['paths']} paths; {t['fields']} fields, "
          f"{t['indicators']} indicators; {t['errors']} files with errors")
    for name in BREAKDOWNS:
        rows = data[name]
        if name == "department" and args.top and len(rows) > args.top:
            rows = rows[:args.top] + [[f"... {len(rows) - args.top} more", sum(r[1] for r in rows[args.top:])]]
        print(f"\nby {name.replace('_', ' ')}:" if name != "errors" else "\nerrors by code:")
        for key, n in rows:
            print(f"  {n:>8}  {'(unknown)' if key is None else key}")
    return 0
