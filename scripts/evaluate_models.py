#!/usr/bin/env python3
"""Held-out evaluation of the trained components: no document is scored by a model that saw it.

Folds: each seed is its own fold (leave-one-document-out over the seeds); the 44 pool
documents are held out in `--pool-folds` document-grouped folds (a spaCy training per pool
document would take hours on two cores). For each fold the spaCy pipeline and the linker
are trained (`extract.learn.nlp.training.train_all`, as `jixiao train` does) on every other
annotated document, then the held-out documents are

- tagged, and the model entities compared with the annotated ones (exact span and label):
  P/R/F1 per label, beside the rule entities' figures against the same annotations;
- extracted twice, rules alone (`use_models = false`) and with the fold's models, and
  both record sets scored against the gold files with the reference scorer's rules
  (`extract.learn.evaluate.score`): fields and indicators F1, all documents and narrative ones;
- for the linker: the accuracy of its top class on the annotated links of the fold, and
  the calibration (ECE) of its top-class probability.

    .venv/bin/python scripts/evaluate_models.py [--max-steps 600] [--pool-folds 4] [--json out.json]
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.config import Config, Models  # noqa: E402
from extract.learn.evaluate import ece, prf, score  # noqa: E402
from extract.learn.linker import SlotLinker, examples_from  # noqa: E402
from extract.learn.nlp.annotations import AnnotatedText  # noqa: E402
from extract.learn.models import load_models  # noqa: E402
from extract.learn.nlp.training import blank_pipeline, load_annotations, prepare, train_all  # noqa: E402
from extract.pipeline import extract_document  # noqa: E402
from extract.read.formats import read_path  # noqa: E402
from extract.schema import ENTITY_LABELS  # noqa: E402
from extract.slots.record import to_record  # noqa: E402

SHARED = ROOT.parent / "shared"
SEEDS, GOLD = ROOT / "corpus" / "seeds", SHARED / "corpus" / "gold"
POOL, POOL_GOLD = SHARED / "corpus" / "pool", SHARED / "corpus" / "pool-gold"


def source_of(name: str) -> tuple[Path, Path]:
    if (SEEDS / name).exists():
        return SEEDS / name, GOLD / f"{Path(name).stem}.json"
    return POOL / name, POOL_GOLD / f"{Path(name).stem}.json"


def narrative_names(texts: list[AnnotatedText]) -> set[str]:
    """Documents whose gold kind is a report (narrative), or the pool's SOURCES.tsv says so."""
    kinds = {}
    with open(POOL / "SOURCES.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            kinds[row["file"]] = row["kind"]
    out = set()
    for t in texts:
        _, gold_path = source_of(t.name)
        gold_kind = json.loads(gold_path.read_text(encoding="utf-8")).get("fields", {}).get("report.kind", "")
        if kinds.get(t.name) == "narrative" or (t.name not in kinds and str(gold_kind).endswith("_report")):
            out.add(t.name)
    return out


def folds(texts: list[AnnotatedText], pool_folds: int) -> list[list[str]]:
    seeds = [t.name for t in texts if (SEEDS / t.name).exists()]
    pool = sorted(t.name for t in texts if t.name not in seeds)
    return [[s] for s in seeds] + [pool[k::pool_folds] for k in range(pool_folds) if pool[k::pool_folds]]


def entity_counts(pred: set, gold: set, counts: dict) -> None:
    for label in ENTITY_LABELS:
        p = {x for x in pred if x[2] == label}
        g = {x for x in gold if x[2] == label}
        c = counts[label]
        c[0] += len(p & g)
        c[1] += len(p - g)
        c[2] += len(g - p)


def linker_judgements(linker: SlotLinker, held: list[AnnotatedText]) -> list[tuple[float, bool, bool]]:
    """(top probability, top class right, example is a real link) for each held-out example."""
    out = []
    for ex in examples_from(held):
        p = linker.predict(ex.text, [(ex.start, ex.end, ex.label)])[0]
        top, prob = max(p.items(), key=lambda kv: kv[1])
        out.append((prob, top == ex.target, ex.target != "none"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--annotations", default=str(ROOT / "annotations"))
    ap.add_argument("--max-steps", type=int, default=600)
    ap.add_argument("--pool-folds", type=int, default=4)
    ap.add_argument("--build", default=str(ROOT / "build" / "lodo"))
    ap.add_argument("--json", help="also write all figures as JSON here")
    ap.add_argument("--only-folds", type=int, help="run only the first N folds (a smoke test)")
    args = ap.parse_args(argv)
    texts = load_annotations(Path(args.annotations))
    by_name = {t.name: t for t in texts}
    narrative = narrative_names(texts)
    counts_model = defaultdict(lambda: [0, 0, 0])
    counts_rules = defaultdict(lambda: [0, 0, 0])
    records = {"rules": {}, "models": {}}
    golds = {}
    judged = []
    t0 = time.time()
    prepared, _ = prepare(blank_pipeline(ROOT / "config.cfg"), texts)
    for k, held_names in enumerate(folds(texts, args.pool_folds)[:args.only_folds]):
        held = [by_name[n] for n in held_names]
        train = [t for t in texts if t.name not in held_names]
        out = Path(args.build).resolve() / f"fold-{k}"      # load_models reads no path against the cwd
        train_all(train, ROOT / "config.cfg", out, out / "build",
                  overrides={"training.max_steps": args.max_steps}, prepared=prepared)
        models_cfg = Models(pipeline=str(out / "pipeline"), linker=str(out / "linker.npz"),
                            lexicon=str(out / "lexicon.json"))
        loaded = load_models(models_cfg.pipeline, models_cfg.linker)
        judged += linker_judgements(loaded.linker, held)
        for t in held:
            gold_ents = {(m.start, m.end, m.label) for m in t.entities}
            pred = {(e.start, e.end, e.label) for e in loaded.entities(t.text)}
            entity_counts(pred, gold_ents, counts_model)
            path, gold_path = source_of(t.name)
            golds[Path(t.name).stem] = json.loads(gold_path.read_text(encoding="utf-8"))
            for cond, use in (("rules", False), ("models", True)):
                cfg = Config(models=replace(models_cfg, use_models=use))
                doc = read_path(str(path))
                ex = extract_document(doc, cfg)
                rec = to_record(ex)
                rec["document"]["path"] = t.name
                records[cond][Path(t.name).stem] = rec
                if not use:
                    rule_ents = {(e["start"], e["end"], e["label"]) for e in rec["entities"]}
                    entity_counts(rule_ents, gold_ents, counts_rules)
        print(f"fold {k}: held out {len(held)} documents, {time.time() - t0:.0f} s", flush=True)
    result = report(counts_model, counts_rules, records, golds, narrative, judged)
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def report(counts_model, counts_rules, records, golds, narrative, judged) -> dict:
    result: dict = {"entities": {}, "fields": {}, "linker": {}}
    print("\nentities (held out, exact span+label, against annotations)")
    print(f"{'label':10s} {'model P':>8s} {'R':>6s} {'F1':>6s}   {'rules P':>8s} {'R':>6s} {'F1':>6s}")
    for label in list(ENTITY_LABELS) + ["ALL"]:
        if label == "ALL":
            m = [sum(c[i] for c in counts_model.values()) for i in range(3)]
            r = [sum(c[i] for c in counts_rules.values()) for i in range(3)]
        else:
            m, r = counts_model[label], counts_rules[label]
        pm, pr = prf(*m), prf(*r)
        result["entities"][label] = {"model": pm, "rules": pr, "support": m[0] + m[2]}
        print(f"{label:10s} {pm[0]:8.3f} {pm[1]:6.3f} {pm[2]:6.3f}   {pr[0]:8.3f} {pr[1]:6.3f} {pr[2]:6.3f}"
              f"   (n={m[0] + m[2]})")
    print("\nfields / indicators F1 (reference scorer rules, held-out models)")
    for subset, names in (("all", set(golds)), ("narrative", {Path(n).stem for n in narrative} & set(golds)),
                          ("table", set(golds) - {Path(n).stem for n in narrative})):
        g = {n: golds[n] for n in names}
        row = {}
        for cond in ("rules", "models"):
            s = score(g, {n: records[cond][n] for n in names})
            row[cond] = {"fields_f1": s["fields"]["f1"], "fields_p": s["fields"]["precision"],
                         "fields_r": s["fields"]["recall"], "indicators_f1": s["indicators"]["f1"],
                         "ece": s["calibration_ece"]}
        result["fields"][subset] = row
        print(f"{subset:10s} ({len(names):2d} docs)  rules: fields F1 {row['rules']['fields_f1']:.3f} "
              f"(P {row['rules']['fields_p']:.3f} R {row['rules']['fields_r']:.3f}) "
              f"indicators F1 {row['rules']['indicators_f1']:.3f} ECE {row['rules']['ece']}   "
              f"+models: fields F1 {row['models']['fields_f1']:.3f} "
              f"(P {row['models']['fields_p']:.3f} R {row['models']['fields_r']:.3f}) "
              f"indicators F1 {row['models']['indicators_f1']:.3f} ECE {row['models']['ece']}")
    links = [j for j in judged if j[2]]
    acc_all = sum(j[1] for j in judged) / len(judged) if judged else 0.0
    acc_links = sum(j[1] for j in links) / len(links) if links else 0.0
    cal = ece([(p, False, ok) for p, ok, _ in judged])
    result["linker"] = {"examples": len(judged), "accuracy": round(acc_all, 4),
                        "links": len(links), "link_accuracy": round(acc_links, 4), "ece": cal}
    print(f"\nlinker (held out): top-class accuracy {acc_all:.3f} on {len(judged)} examples, "
          f"{acc_links:.3f} on the {len(links)} real links; ECE of the top probability {cal}")
    return result


if __name__ == "__main__":
    sys.exit(main())
