#!/usr/bin/env python3
"""Review figures with honest calibration: leave one document out.

For every document of the seeds and the pool, the calibrator is fitted on all the
other documents' judged items, then sets this document's confidences and review
flags. The records are scored by the reference scorer's rules (review recall_of_wrong,
load, calibration ECE), for a sweep of review thresholds.

    python scripts/measure_review.py [--thresholds 0.7,0.8,0.9]
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from extract.calibration import field_features, fit, indicator_features
from extract.config import Config, replace_models, replace
from extract.evaluate import evaluate, load_gold, stem
from extract.judge import judge
from extract.pipeline import extract_document
from extract.readers import read_path
from extract.record import Field, to_record

ROOT = Path(__file__).resolve().parents[1]
SETS = [(ROOT / "corpus" / "seeds", ROOT.parent / "shared" / "corpus" / "gold"),
        (ROOT.parent / "shared" / "corpus" / "pool", ROOT.parent / "shared" / "corpus" / "pool-gold")]


def features(item):
    f = field_features(item) if isinstance(item, Field) else indicator_features(item)
    f.pop("check=low_confidence", None)
    return f


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--thresholds", default="0.6,0.7,0.75,0.8,0.85,0.9")
    args = ap.parse_args()
    config = replace_models(Config(), use_models=False)
    docs = []   # (set index, path, extraction, samples)
    for si, (docs_dir, gold_dir) in enumerate(SETS):
        gold = load_gold(gold_dir)
        for path in sorted(p for p in docs_dir.iterdir() if p.suffix == ".txt" and stem(p.name) in gold):
            ex = extract_document(read_path(path), config)
            docs.append((si, path, ex, [(features(it), ok) for it, ok in judge(ex, gold[stem(path.name)])]))
    for i, (_, _, ex, _) in enumerate(docs):
        cal = fit(s for j, d in enumerate(docs) if j != i for s in d[3])
        for item in [*ex.fields, *ex.indicators]:
            item.reasons = [r for r in item.reasons if r != "low_confidence"]
            item.confidence = cal.probability(features(item))
    print(f"{'threshold':>9}  {'set':5}  {'fields_f1':>9}  {'recall_of_wrong':>15}  {'load':>6}  {'ECE':>6}")
    for t in [float(x) for x in args.thresholds.split(",")]:
        for si, (docs_dir, gold_dir) in enumerate(SETS):
            with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
                for sj, path, ex, _ in docs:
                    if sj != si:
                        continue
                    for item in [*ex.fields, *ex.indicators]:
                        base = [r for r in item.reasons if r != "low_confidence"]
                        item.needs_review = bool(base) or item.confidence < t
                    rec = to_record(ex)
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            res = evaluate(gold_dir, fh.name)
            name = "seeds" if si == 0 else "pool"
            rv = res["review"]
            print(f"{t:9.2f}  {name:5}  {res['fields']['f1']:9.3f}  {rv['recall_of_wrong']!s:>15}  "
                  f"{rv['load']!s:>6}  {res['calibration_ece']!s:>6}")


if __name__ == "__main__":
    main()
