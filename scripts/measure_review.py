#!/usr/bin/env python3
"""Review figures with honest calibration: leave one document out (see extract/review/crossval.py).

    python scripts/measure_review.py [--thresholds 0.9,0.95,0.96] [--show-missed 0.96] [--c 0.3] [--copy-weight 4]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from extract.config import Config, replace_models
from extract.learn.calibration import REGULARISATION
from extract.learn.evaluate import load_gold, stem
from extract.learn.verdicts import judge
from extract.review.crossval import COPY_WEIGHT, judged_documents, leave_one_out, review_scores

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
SETS = [("seeds", ROOT / "corpus" / "seeds", SHARED / "gold"), ("pool", SHARED / "pool", SHARED / "pool-gold")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--thresholds", default="0.8,0.9,0.93,0.95,0.96,0.97")
    ap.add_argument("--show-missed", type=float, metavar="T", help="list the wrong items threshold T does not flag")
    ap.add_argument("--as-published", action="store_true", help="calibrators fitted without re-flattened copies")
    ap.add_argument("--copy-weight", type=float, default=COPY_WEIGHT,
                    help=f"weight of a re-flattened copy's item in the fits (default {COPY_WEIGHT:g}, as jixiao calibrate)")
    ap.add_argument("--c", type=float, default=REGULARISATION,
                    help=f"inverse L2 strength of the fits (default {REGULARISATION:g}, as jixiao calibrate)")
    args = ap.parse_args()
    docs = judged_documents(SETS, replace_models(Config(), use_models=False), reflattened=not args.as_published)
    leave_one_out(docs, copy_weight=args.copy_weight, c=args.c)
    golds = {name: load_gold(g) for name, _, g in SETS}
    if args.show_missed is not None:
        for d in docs:
            if d.variant is not None:       # re-flattened copies train the calibrators; they are not scored
                continue
            for item, ok in judge(d.extraction, golds[d.set_name][stem(d.path.name)]):
                below = d.calibrator.review_threshold(args.show_missed, not hasattr(item, "slot"))
                if not ok and not item.reasons and item.confidence >= below:
                    what = getattr(item, "slot", None) or f"indicator {item.name[:20]}"
                    print(f"missed {d.path.name} {what} conf={item.confidence:.3f} source={item.source}")
    print(f"{'threshold':>9}  {'set':10}  {'fields_f1':>9}  {'recall_of_wrong':>15}  {'load':>6}  {'ECE':>6}")
    for t in [float(x) for x in args.thresholds.split(",")]:
        for name, res in review_scores(docs, golds, t).items():
            rv = res["review"]
            print(f"{t:9.3f}  {name:10}  {res['fields']['f1']:9.3f}  {rv['recall_of_wrong']!s:>15}  "
                  f"{rv['load']!s:>6}  {res['calibration_ece']!s:>6}")


if __name__ == "__main__":
    main()
