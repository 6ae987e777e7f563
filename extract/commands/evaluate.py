"""`jixiao evaluate GOLD_DIR records.jsonl`: the reference scorer's figures."""
from __future__ import annotations

import json

from ..evaluate import evaluate, format_report


def register(sub) -> None:
    p = sub.add_parser("evaluate", help="score records against gold files (same figures as eval/score.py)",
                       description="Score extraction records against a folder of gold JSON files. "
                                   "Prints the same figures as ../shared/eval/score.py.")
    p.add_argument("gold_dir", metavar="GOLD_DIR")
    p.add_argument("records", metavar="RECORDS.jsonl")
    p.add_argument("--json", action="store_true", help="print the full result as JSON (per-document too)")
    p.set_defaults(func=run)


def run(args) -> int:
    res = evaluate(args.gold_dir, args.records)
    print(json.dumps(res, ensure_ascii=False, indent=1) if args.json else format_report(res))
    return 0
