"""`jixiao evaluate GOLD_DIR records.jsonl`: the reference scorer's figures."""
from __future__ import annotations

import json

from extract.cli.commands import UsageError, input_file, input_folder
from extract.learn.evaluate import format_report, load_gold, load_preds, score


def register(sub) -> None:
    p = sub.add_parser("evaluate", help="score records against gold files (same figures as eval/score.py)",
                       description="Score extraction records against a folder of gold JSON files. "
                                   "Prints the same figures as ../shared/eval/score.py.")
    p.add_argument("gold_dir", metavar="GOLD_DIR")
    p.add_argument("records", metavar="RECORDS.jsonl")
    p.add_argument("--json", action="store_true", help="print the full result as JSON (per-document too)")
    p.set_defaults(func=run)


def run(args) -> int:
    gold_dir = input_folder(args.gold_dir, "gold folder")
    records = input_file(args.records, "records file")
    if not any(gold_dir.glob("*.json")):
        raise UsageError(f"gold folder {gold_dir} holds no gold .json files; pass the folder of gold records "
                         "(e.g. ../shared/corpus/gold)")
    try:
        gold = load_gold(gold_dir)
    except (ValueError, UnicodeDecodeError) as e:
        raise UsageError(f"a gold file in {gold_dir} is not valid JSON ({e}); fix or remove it") from None
    try:
        preds = load_preds(records)
    except (ValueError, UnicodeDecodeError) as e:
        raise UsageError(f"{records} is not a records file from `jixiao extract` (JSON Lines): {e}") from None
    if not preds:
        raise UsageError(f"{records} holds no records; extract some first: jixiao extract DOCS -o {records}")
    if not set(preds) & set(gold):
        raise UsageError(f"none of the {len(preds)} records in {records} is a document of {gold_dir} (records and "
                         f"gold files are matched by file name, e.g. {sorted(gold)[0]}); is it the right gold folder?")
    res = score(gold, preds)
    print(json.dumps(res, ensure_ascii=False, indent=1) if args.json else format_report(res))
    return 0
