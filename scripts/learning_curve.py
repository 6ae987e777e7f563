#!/usr/bin/env python3
"""The review loop, simulated: do a reviewer's corrections of K documents pay off on others?

A fixed set of pool documents is held out and never trained on. For K = 0, 5, 10, 20 the
reviewer "corrects" K other pool documents: their annotations in annotations/ are the
gold-checked labels a reviewer would submit (the bootstrap was corrected against the gold
files), and they are added to the seeds' annotations. The spaCy pipeline, the slot linker
and the confidence calibrator are retrained on exactly that (`train_all`, as `jixiao train`
does; `crossval`-style judging for the calibrator), and the held-out documents are
extracted with the new models and scored with the reference scorer's rules: fields F1,
and the review figures (recall of wrong values, load, ECE). `added` counts the fields the
trained components (label lexicon, linker) added to the held-out records where the rules
had none, and how many of them the gold file holds (`right`).

The rules were written against the whole pool, so on these documents the full system is
near its ceiling whatever the models learn. The second figure per K, `learned alone`,
measures the trained part by itself: the same held-out documents go through the pipeline
up to the rules (layout, report kind and year for the lexicon's other-year check), every
field the rules found is dropped, and `extract.models.apply` (label lexicon, then spaCy
entities and the slot linker at its threshold) fills what it can. Its fields P / R / F1
count every gold field (kind, year and the text slots, which the learned part never
gives, bound its recall); `lrn_num_f1` counts only the numeric slots.

    .venv/bin/python scripts/learning_curve.py [--ks 0,5,10,20] [--max-steps 400] [--held-out 20]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import schema  # noqa: E402
from extract.calibration import document_features, features, fit  # noqa: E402
from extract.config import Config, Models  # noqa: E402
from extract.evaluate import load_gold, same_value, score, stem  # noqa: E402
from extract.judge import judge  # noqa: E402
from extract.nlp.training import blank_pipeline, load_annotations, prepare, train_all  # noqa: E402
from extract.pipeline import complete, extract_document, rule_extraction  # noqa: E402
from extract.readers import read_path  # noqa: E402
from extract.record import to_record  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
SEEDS, GOLD, POOL, POOL_GOLD = ROOT / "corpus" / "seeds", SHARED / "gold", SHARED / "pool", SHARED / "pool-gold"


def path_and_gold(name: str) -> tuple[Path, dict]:
    s = stem(name)
    if (SEEDS / f"{s}.txt").exists():
        return SEEDS / f"{s}.txt", load_gold(GOLD)[s]
    return POOL / f"{s}.txt", load_gold(POOL_GOLD)[s]


def learned_alone(path: Path, config: Config) -> dict:
    """The record the trained components give without the rules' fields: the pipeline's rule
    stages, every field dropped, then its remaining stages (`models.apply` among them)."""
    doc = read_path(path)
    ex = rule_extraction(doc)
    ex.fields = []                    # no rule field: the lexicon and the linker fill every slot they can
    return json.loads(json.dumps(to_record(complete(doc, ex, config))))


def numeric_only(gold: dict) -> dict:
    return {**gold, "fields": {k: v for k, v in gold["fields"].items()
                               if k in schema.SLOTS and k not in schema.TEXT_SLOTS and k != "report.fiscal_year"}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ks", default="0,5,10,20")
    ap.add_argument("--max-steps", type=int, default=400, help="spaCy training steps per round")
    ap.add_argument("--held-out", type=int, default=20, help="pool documents never trained on")
    ap.add_argument("--build", default="build/learning-curve")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()

    texts = load_annotations(ROOT / "annotations")
    seeds = [t for t in texts if (SEEDS / f"{stem(t.name)}.txt").exists()]
    pool = sorted((t for t in texts if (POOL / f"{stem(t.name)}.txt").exists()), key=lambda t: t.name)
    held = pool[1::2][:args.held_out]                 # every other pool document, spread over provinces
    reviewable = [t for t in pool if t not in held]
    held_names = {stem(t.name) for t in held}
    pool_gold = load_gold(POOL_GOLD)
    prepared, _ = prepare(blank_pipeline(ROOT / "config.cfg"), texts)
    rows = []
    print(f"held out: {len(held)} pool documents; reviewable: {len(reviewable)}; seeds: {len(seeds)}")
    print(f"{'K':>3}  {'fields_f1':>9}  {'fields_P':>8}  {'fields_R':>8}  {'ind_f1':>6}  "
          f"{'recall_wrong':>12}  {'load':>5}  {'ECE':>6}  {'added':>5}  {'right':>5}  "
          f"{'| learned alone:':>15}  {'lrn_f1':>6}  {'lrn_P':>5}  {'lrn_R':>5}  {'lrn_num_f1':>10}  {'seconds':>7}")
    for k in [int(x) for x in args.ks.split(",")]:
        t0 = time.time()
        train = seeds + reviewable[:k]
        out = Path(args.build) / f"k{k}"
        train_all(train, ROOT / "config.cfg", out, out / "build",
                  overrides={"training.max_steps": args.max_steps}, prepared=prepared)
        models = Models(pipeline=str(out / "pipeline"), linker=str(out / "linker.npz"),
                        lexicon=str(out / "lexicon.json"), calibrator=str(out / "calibration.json"))
        fitting = Config(models=replace(models, calibrator=str(out / "none.json")))
        samples = []
        for t in train:
            path, gold = path_and_gold(t.name)
            ex = extract_document(read_path(path), fitting)
            doc = document_features(ex)
            samples += [(features(it, doc), ok) for it, ok in judge(ex, gold)]
        fit(samples).save(out / "calibration.json")
        cfg = Config(models=models)
        preds = {}
        added = []
        for t in held:
            path, gold = path_and_gold(t.name)
            ex = extract_document(read_path(path), cfg)
            rec = json.loads(json.dumps(to_record(ex)))
            preds[stem(t.name)] = rec
            by_slot = {fd["slot"]: fd["value"] for fd in rec["fields"]}
            added += [(stem(t.name), fd.slot, fd.value.raw, same_value(gold["fields"].get(fd.slot), by_slot[fd.slot]))
                      for fd in ex.fields if fd.source == "model"]
        res = score({n: pool_gold[n] for n in held_names}, preds)
        f, i, rv = res["fields"], res["indicators"], res["review"]
        right = sum(1 for a in added if a[3])
        alone = {stem(t.name): learned_alone(path_and_gold(t.name)[0], cfg) for t in held}
        la = score({n: pool_gold[n] for n in held_names}, alone)["fields"]
        la_num = score({n: numeric_only(pool_gold[n]) for n in held_names}, alone)["fields"]
        found = [(n, fd["slot"], fd["value"].get("raw"), same_value(pool_gold[n]["fields"].get(fd["slot"]), fd["value"]))
                 for n, rec in sorted(alone.items()) for fd in rec["fields"]]
        rows.append({"k": k, "fields": f, "indicators": i, "review": rv, "ece": res["calibration_ece"],
                     "added": [list(a) for a in added], "learned_alone": la, "learned_alone_numeric": la_num,
                     "learned_alone_fields": [list(a) for a in found]})
        print(f"{k:3d}  {f['f1']:9.3f}  {f['precision']:8.3f}  {f['recall']:8.3f}  {i['f1']:6.3f}  "
              f"{rv['recall_of_wrong']!s:>12}  {rv['load']!s:>5}  {res['calibration_ece']!s:>6}  "
              f"{len(added):5d}  {right:5d}  {'':>15}  {la['f1']:6.3f}  {la['precision']:5.3f}  {la['recall']:5.3f}  "
              f"{la_num['f1']:10.3f}  {time.time() - t0:7.0f}")
        for name, slot, raw, ok in added:
            print(f"       added {name} {slot} = {raw!r} ({'right' if ok else 'wrong'})")
        print(f"       learned alone: {sum(1 for a in found if a[3])} of {len(found)} fields right")
    rules = Config(models=Models(use_models=False, calibrator=str(Path(args.build) / "none.json")))
    preds = {stem(t.name): json.loads(json.dumps(to_record(extract_document(read_path(path_and_gold(t.name)[0]), rules))))
             for t in held}
    res = score({n: pool_gold[n] for n in held_names}, preds)
    print(f"rules alone on the same held-out documents: fields F1 {res['fields']['f1']:.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "rules_fields": res["fields"]}, indent=1))


if __name__ == "__main__":
    main()
