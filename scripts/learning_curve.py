#!/usr/bin/env python3
"""The review loop, measured: do a reviewer's corrections of K documents pay off on others?

Corpus mode (any folder of reports with gold files; the blind set goes through this):

    .venv/bin/python scripts/learning_curve.py --corpus RAW_DIR --gold GOLD_DIR \
        [--ks 0,4,8,12] [--repeats 3] [--seed 13] [--max-steps 600] [--json]

Per repeat, a seeded shuffle of the corpus documents that have a gold file: the first
max(ks) are "reviewable", the rest is held out, the same held-out set for every K of the
repeat. For each K the first K reviewable documents are reviewed by the simulated reviewer
(scripts/bootstrap_annotations.simulated_review: weak labels, gold links, the rules'
agreeing spans, completing links), everything `jixiao train` trains (`train_all`: spaCy
pipeline, slot linker, label lexicon) is retrained on annotations/ + those K documents in
a temporary build folder (never in annotations/ or models/), the calibrator is fitted the
way `jixiao calibrate` does (rules' items judged against gold) on the training documents,
and the held-out documents are extracted with those models and scored with the reference
scorer's rules (`extract.learn.evaluate.score`). K = 0 is trained once, shared by all repeats.
Annotated documents whose text (or file stem) is a corpus document are left out of the
training set (the pool is annotated: a pool subset as corpus must not train on itself).

With --oracle (or JIXIAO_LC_ORACLE=1) the label lexicon is also learned from every corpus
document reviewed, the held-out ones too, and each repeat's held-out documents extracted with it
and K = 0's other models: `oracle_*`, the ceiling of what the lexicon could carry over had the
reviewer seen exactly these documents.

Nothing of the corpus is printed but figures. With --json the last line of stdout is one
JSON object: {"ks", "held_out", "repeats", "fields_f1", "indicators_f1", "rows_exact_f1",
"errors", "minutes", ...}, each list the mean over repeats per K; `errors` = field false
positives + false negatives + indicator rows missing + extra + matched but not exact.

Pool mode (no --corpus; the older experiment on the annotated pool):

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
field the rules found is dropped, and `extract.learn.models.apply` (label lexicon, then spaCy
entities and the slot linker at its threshold) fills what it can. Its fields P / R / F1
count every gold field (kind, year and the text slots, which the learned part never
gives, bound its recall); `lrn_num_f1` counts only the numeric slots.

    .venv/bin/python scripts/learning_curve.py [--ks 0,5,10,20] [--max-steps 400] [--held-out 20] [--json PATH]
"""
from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import schema  # noqa: E402
from extract.config import Config, Models, load_config, replace_models  # noqa: E402
from extract.learn.calibration import fit  # noqa: E402
from extract.learn.evaluate import load_gold, same_value, score, stem  # noqa: E402
from extract.learn.lexicon import learn as learn_lexicon  # noqa: E402
from extract.learn.nlp.annotations import parse_task, to_task  # noqa: E402
from extract.learn.nlp.training import blank_pipeline, load_annotations, prepare, train_all  # noqa: E402
from extract.pipeline import complete, extract_document, rule_extraction  # noqa: E402
from extract.read.formats import read_path  # noqa: E402
from extract.review.crossval import calibration_samples  # noqa: E402
from extract.slots.record import to_record  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
SEEDS, GOLD, POOL, POOL_GOLD = ROOT / "corpus" / "seeds", SHARED / "gold", SHARED / "pool", SHARED / "pool-gold"


_GOLDS: dict[Path, dict] = {}

# Where a missing gold row stands, counted to say which reader should have read it (aggregate
# counts only): the record has no row at all in its document; its document prints the indicator
# form's header words; the gold row has a weight or score (a form's row, not a sentence's); the
# line holding its name is the name alone (one cell per line), a long run (over 200 characters:
# a run-on table or a paragraph), cells apart by runs of spaces, or opens with a level name.
ROW_SHAPES = ("doc_without_rows", "doc_with_form_words", "weighted", "line_cell", "line_long", "line_spaces",
              "line_level")
# ... and for a name alone on its line (a table one cell per line): what stands around it.
CELL_SHAPES = ("weighted", "doc_without_rows", "next_value", "next_blank", "next_bar", "next_short", "next_words",
               "prev_level", "doc_blank_cells")
_VALUE_LINE = re.compile(r"^\s*(?:[≥≤≧≦><=＝＞＜]|不低于|不少于|不超过|不高于|达到)?\s*\d")
_FORM_WORDS = re.compile(r"三级指标|指标名称|二级指标|年度指标值|绩效指标")
_LEVEL_AT = re.compile(r"^\s*(?:[一二三四五六七八九十\d]+[、.．)）]\s*)?(?:产出|效益|满意度|成本|数量|质量|时效|社会|经济|生态|可持续)")

# ... and whether the forms' words (or words the lexicon learned) name its table and levels: its gold
# 一级/二级 names unknown to the cell stream's lists (and of those, the ones the lexicon learned); the header over its document's first gold row (the
# cells before it, from the name column's word on) holding a word neither knows, or none such.
ROW_WORDS = ("rows_missing_l1_unknown", "rows_missing_l2_unknown", "rows_missing_l1_learned", "rows_missing_l2_learned",
             "rows_missing_header_unknown",
             "rows_missing_header_known", "rows_missing_header_none")
# What the reviewed documents hold to teach the table readers (counts over the K reviewed):
# documents with gold rows; their distinct 一级/二级 names the cell stream's lists lack, and of
# those the ones the reviewer marked (printed as the gold gives them); documents whose header
# over the first reviewed row the stream finds, the words in it the forms do not know, and the
# (word, column) pairs the reviewed rows teach (`lexicon.stream_header_words`).
TEACHABLE = ("teach_docs_with_rows", "teach_levels_unknown", "teach_levels_marked", "teach_headers_found",
             "teach_header_words_unknown", "teach_header_words")
# What the trained pipeline sees of the indicator rows, and the rows it assembled (`model_row_counts`).
MODEL_ROW_KEYS = ("rows_missing_model_indicator", "rows_missing_model_indicator_whole", "rows_missing_model_value_after",
                  "rows_missing_model_target_after", "model_indicators", "model_indicators_gold_name",
                  "model_indicators_rowless_doc", "model_indicators_rowless_doc_gold_name",
                  "model_rows", "model_rows_right", "model_rows_not_exact", "model_rows_wrong",
                  "rows_missing_value_after", "rows_missing_linker_indicator", "rows_missing_linker_weak",
                  "rows_missing_linker_none", "rows_missing_linker_attr_right")
REVIEW_KEYS = ("reviewed_values", "reviewed_linked", "unplaced_not", "unplaced_no", "unplaced_several",
               "unplaced_taken", "unplaced_inside", "unplaced_overlaps", *TEACHABLE)
DIAGNOSTICS = ("missed_printed", "missed_unprinted", "missed_key_known", "missed_key_other", "missed_key_unknown",
               "rows_missing_name_printed", "rows_missing_name_unprinted", "rows_missing_tab", "rows_missing_pipe",
               *(f"rows_missing_{k}" for k in ROW_SHAPES), *(f"rows_cell_{k}" for k in CELL_SHAPES),
               "rows_extra_text", "rows_extra_table", *ROW_WORDS, *MODEL_ROW_KEYS,
               *REVIEW_KEYS, "lexicon_new_entries", "lexicon_head_entries", "lexicon_notrow_entries",
               "lexicon_level_entries")


def path_and_gold(name: str) -> tuple[Path, dict]:
    """An annotated document's report file and gold (seeds, then pool); KeyError without gold."""
    s = stem(name)
    folder, gold_dir = (SEEDS, GOLD) if (SEEDS / f"{s}.txt").exists() else (POOL, POOL_GOLD)
    if gold_dir not in _GOLDS:
        _GOLDS[gold_dir] = load_gold(gold_dir)
    return folder / f"{s}.txt", _GOLDS[gold_dir][s]


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


def pool_curve(args) -> None:
    """Pool mode: the annotated pool split into held-out and reviewable documents."""
    build = Path(args.build or "build/learning-curve")
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
    for k in [int(x) for x in (args.ks or "0,5,10,20").split(",")]:
        t0 = time.time()
        train = seeds + reviewable[:k]
        out = build / f"k{k}"
        train_all(train, ROOT / "config.cfg", out, out / "build",
                  overrides={"training.max_steps": args.max_steps or 400}, prepared=prepared)
        models = Models(pipeline=str(out / "pipeline"), linker=str(out / "linker.npz"),
                        lexicon=str(out / "lexicon.json"), calibrator=str(out / "calibration.json"))
        fitting = Config(models=replace(models, calibrator=str(out / "none.json")))
        samples = []
        for t in train:
            path, gold = path_and_gold(t.name)
            samples += calibration_samples(extract_document(read_path(path), fitting), gold)
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
    rules = Config(models=Models(use_models=False, calibrator=str(build / "none.json")))
    preds = {stem(t.name): json.loads(json.dumps(to_record(extract_document(read_path(path_and_gold(t.name)[0]), rules))))
             for t in held}
    res = score({n: pool_gold[n] for n in held_names}, preds)
    print(f"rules alone on the same held-out documents: fields F1 {res['fields']['f1']:.3f}")
    if isinstance(args.json, str):
        Path(args.json).write_text(json.dumps({"rows": rows, "rules_fields": res["fields"]}, indent=1))



# --- corpus mode -------------------------------------------------------------------------

def _reviewer():
    """scripts/bootstrap_annotations.py as a module (the simulated reviewer)."""
    spec = importlib.util.spec_from_file_location("bootstrap_annotations", ROOT / "scripts" / "bootstrap_annotations.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def corpus_documents(raw_dir: Path, gold: dict[str, dict]) -> dict[str, Path]:
    """File stem -> report file, for every report of `raw_dir` that has a gold file in `gold`."""
    return {stem(p.name): p for p in sorted(Path(raw_dir).iterdir()) if p.is_file() and stem(p.name) in gold}


def split(names: list[str], kmax: int, repeat: int, seed: int) -> tuple[list[str], list[str]]:
    """(reviewable, held out) for one repeat: a seeded shuffle, the first `kmax` reviewable.
    The K reviewed documents of the repeat are the first K reviewable ones, so the held-out
    set is the same for every K."""
    order = sorted(names)
    random.Random(f"{seed}:{repeat}").shuffle(order)
    return order[:kmax], order[kmax:]


def error_counts(gold: dict, preds: dict, res: dict | None = None) -> dict[str, int]:
    """The scorer's errors, counted: field false positives and negatives (a wrong value is
    one of each), indicator rows missing, extra, and matched but not exact (the scorer's own
    per-document row counts: `res`, the result of `score(gold, preds)`, computed if not given)."""
    c = dict(field_fp=0, field_fn=0, rows_missing=0, rows_extra=0, rows_not_exact=0)
    for name, g in gold.items():
        pf: dict = {}
        for fd in (preds.get(name) or {}).get("fields", []) or []:
            pf.setdefault(fd.get("slot"), fd)
        gf = g.get("fields", {})
        for slot, gv in gf.items():
            p = pf.get(slot)
            if p is None:
                c["field_fn"] += 1
            elif not same_value(gv, p.get("value")):
                c["field_fp"] += 1
                c["field_fn"] += 1
        c["field_fp"] += sum(1 for slot in pf if slot not in gf)
    for d in (res or score(gold, preds))["per_document"].values():
        n_gold, n_pred, matched, exact = d["indicator_rows"]
        c["rows_missing"] += n_gold - matched
        c["rows_extra"] += n_pred - matched
        c["rows_not_exact"] += matched - exact
    c["errors"] = sum(c.values())
    return c


def _count(c: dict, key: str) -> None:
    """One more of `key` in the counts `c` (keys appear only when counted)."""
    c[key] = c.get(key, 0) + 1


def _num(v):
    if isinstance(v, dict):
        return v.get("value")
    return v if isinstance(v, (int, float)) else None


def funding_miss_counts(text: str, rec: dict, slot: str, spans: list, shape: str, line: str, c: dict) -> None:
    """Counts (no text) of where a missed funding figure stands, keys `fx_*`: the line's shape,
    how often the figure is printed, whether the report prints the form's column words and
    the total's row label, whether any funding slot was read in it, the words in the 40
    characters before the figure, how many figures its line holds and, on a long run-on line,
    which of the form's header words and row labels it holds and whether they come before it."""

    inc = functools.partial(_count, c)
    sq = re.sub(r"\s+", "", text)
    inc("fx_missed")
    inc(f"fx_shape_{shape}")
    inc(f"fx_nspans_{min(len(spans), 3)}")
    if any(w in sq for w in ("年初预算数", "全年预算数", "全年执行数")):
        inc("fx_doc_formcols")
    if any(w in sq for w in ("资金总额", "年度资金")):
        inc("fx_doc_rowlabel")
    if any((fd.get("slot") or "").startswith("funding.") for fd in rec.get("fields", []) or []):
        inc("fx_doc_hasfunding")
    a, b = spans[0]
    before = re.sub(r"\s+", "", text[max(0, a - 40):a])
    for w in ("资金总额", "财政拨款", "其他资金", "预算数", "执行数", "到位", "总投资", "支出", "安排", "下达", "拨付",
              "预算", "执行率", "万元", "结转", "合计", "资金"):
        if w in before:
            inc(f"fx_before_{w}")
    inc(f"fx_linenums_{min(len(re.findall(r'[0-9]+(?:[.][0-9]+)?', line)), 10)}")
    if shape == "long":
        sl = re.sub(r"\s+", "", line)
        for w in ("资金总额", "财政拨款", "其他资金", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分",
                  "(A)", "（A）", "项目资金"):
            if w in sl:
                inc(f"fx_long_{w}")
        vpos = sl.find(re.sub(r"\s+", "", text[a:b]))
        pos = [sl.find(w) for w in ("年初", "全年", "执行率") if w in sl]
        if pos:
            inc("fx_long_hdr_before_value" if min(pos) < vpos else "fx_long_hdr_after_value")
        if (a > 0 and text[a - 1].isdigit()) or text[b:b + 1].isdigit():
            inc("fx_long_glued")
        inc(f"fx_long_doclines_{min(text.count(chr(10)), 5)}")


def not_exact_counts(text: str, gold_rows: list, pred_rows: list, pairs: list, c: dict) -> None:
    """Counts (no text) of why matched indicator rows are not exact, keys `nx_*`: per attribute
    and reader (`evidence`), whether the record lacks it or reads another figure, operator or
    text; for a prose row lacking its gold target, where that figure stands (`nx_tabs_*`: how
    often printed, before or after the name, how far, on the name's line; `nx_tsl_*`: that line's
    figures, punctuation and target/result words), and for one lacking its 二级, whether the
    level name is printed before the row (`nx_l2abs_*`)."""

    inc = functools.partial(_count, c)
    for gi, pi in pairs:
        gr, pr = gold_rows[gi], pred_rows[pi]
        bad = [a for a in ("target", "actual", "weight", "score", "level1", "level2", "content")
               if gr.get(a) is not None and not same_value(gr[a], pr.get(a))]
        if not bad:
            continue
        ev = pr.get("evidence") or "none"
        inc(f"nx_rows_{ev}")
        inc(f"nx_nbad_{len(bad)}")
        for a in bad:
            gv, pv = gr[a], pr.get(a)
            inc(f"nx_{a}")
            inc(f"nx_{a}_{ev}")
            if pv is None or (isinstance(pv, dict) and pv.get("raw") in (None, "")):
                inc(f"nx_{a}_absent")
                nm = (gr.get("name") or "").strip()
                at = text.find(nm) if nm else -1
                if a == "level2" and ev == "text":
                    l2 = str(gv)
                    if l2 in text: inc("nx_l2abs_printed")
                    if at >= 0:
                        inc("nx_l2abs_name_printed")
                        if l2 in text[max(0, at - 300):at]: inc("nx_l2abs_before_300")
                        if l2 in text[max(0, at - 80):at]: inc("nx_l2abs_before_80")
                        ls = text.rfind("\n", 0, at) + 1
                        if l2 in text[ls:at]: inc("nx_l2abs_same_line_before")
                        l2s = l2.replace("指标", "")
                        if l2s and l2s in text[max(0, at - 300):at]: inc("nx_l2abs_short_before_300")
                if a == "target" and ev == "text":
                    g = _num(gv)
                    if g is not None:
                        gs = ("%g" % g)
                        occ = [m.start() for m in re.finditer(r"(?<![\d.])" + re.escape(gs) + r"(?![\d])", text)]
                        inc(f"nx_tabs_occ_{min(len(occ), 3)}")
                        if at >= 0 and occ:
                            d = min(occ, key=lambda o: abs(o - at)) - at
                            inc("nx_tabs_after" if d > 0 else "nx_tabs_before")
                            ad = abs(d)
                            inc(f"nx_tabs_dist_{'<30' if ad < 30 else '<100' if ad < 100 else '<400' if ad < 400 else 'far'}")
                            ls = text.rfind("\n", 0, at) + 1; le = text.find("\n", at); le = le if le >= 0 else len(text)
                            if any(ls <= o < le for o in occ):
                                inc("nx_tabs_same_line")
                                rest = text[at + len(nm):le]
                                figs = re.findall(r"\d+(?:\.\d+)?", rest)
                                inc(f"nx_tsl_figs_after_{min(len(figs), 6)}")
                                inc(f"nx_tsl_linelen_{'<60' if le - ls < 60 else '<200' if le - ls < 200 else 'long'}")
                                if re.search(r"\S {2,}\S", text[ls:le]): inc("nx_tsl_multispace")
                                if re.search(r"[≥≤>＜<]|不低于|不少于|不高于|以上|以内", rest): inc("nx_tsl_op_after")
                                if re.search(r"[，,。；;：:]", rest[:40]): inc("nx_tsl_punct_after")
                                if re.search(r"[，,。；;]", text[ls:at]): inc("nx_tsl_punct_before")
                                first = re.search(r"\d+(?:\.\d+)?", rest)
                                if first and first.group(0) == gs: inc("nx_tsl_first_fig_is_target")
                                for w in ("目标", "计划", "预期", "任务", "完成", "实际", "达到", "达"):
                                    if w in rest: inc(f"nx_tsl_rest_{w}")
                                    if w in text[ls:at]: inc(f"nx_tsl_pre_{w}")
                            seg = text[min(at, at + d):max(at, at + d) + 8]
                            for w in ("目标", "计划", "预期", "预计", "完成", "实际", "达到", "≥", ">=", "不低于", "不少于", "以上"):
                                if w in seg: inc(f"nx_tabs_seg_{w}")
                            if gr.get("actual") is not None and _num(gr.get("actual")) == g: inc("nx_tabs_target_eq_actual")
                    else:
                        inc("nx_tabs_gold_text")
                continue
            gn, pn = _num(gv), _num(pv)
            if gn is not None and pn is not None:
                if abs(gn - pn) < 1e-9:
                    inc(f"nx_{a}_op_differs") if isinstance(gv, dict) and isinstance(pv, dict) and gv.get("op","=") != pv.get("op","=") else inc(f"nx_{a}_same_num_other")
                    if isinstance(gv, dict) and isinstance(pv, dict): inc(f"nx_{a}_op_{gv.get('op','=')}_vs_{pv.get('op','=')}")
                else:
                    inc(f"nx_{a}_num_differs")
                    if any(abs(pn - _num(gr.get(b))) < 1e-9 for b in ("target", "actual", "weight", "score") if b != a and _num(gr.get(b)) is not None):
                        inc(f"nx_{a}_is_other_attr")
            elif gn is not None:
                inc(f"nx_{a}_gold_num_pred_text")
            elif pn is not None:
                inc(f"nx_{a}_gold_text_pred_num")
            else:
                graw = gv.get("raw") if isinstance(gv, dict) else gv
                praw = pv.get("raw") if isinstance(pv, dict) else pv
                graw, praw = str(graw or ""), str(praw or "")
                if graw in praw: inc(f"nx_{a}_text_pred_longer")
                elif praw in graw: inc(f"nx_{a}_text_pred_shorter")
                else: inc(f"nx_{a}_text_other")


_MODEL_VALUES = ("TARGET", "QUANTITY", "RATE", "AMOUNT", "SCORE")


def model_row_counts(text: str, gold_rows: list, pred_rows: list, pairs: list, model_ents: list,
                     model_rows: set, c: dict, linker=None) -> None:
    """Counts (no text) of what the trained pipeline sees of the indicator rows: of the gold rows
    no predicted row matched (name printed), those whose name a model INDICATOR entity overlaps
    (`_whole`: covers the whole name), with a model value entity (any figure label; `target`: a
    TARGET) after the name on its line; the model INDICATOR entities and those whose text is a
    gold row's name (in all documents, and in documents where no row was read); the rows the
    model assembled (`model_rows`, indices into `pred_rows`): matched exactly, matched not
    exact, unmatched (`wrong`)."""
    names = {_sq(r.get("name")) for r in gold_rows} - {""}
    inds = [(a, b) for a, b, lab in model_ents if lab == "INDICATOR"]
    for a, b in inds:
        gold_name = _sq(text[a:b]) in names
        c["model_indicators"] += 1
        c["model_indicators_gold_name"] += gold_name
        if not pred_rows or all(i in model_rows for i in range(len(pred_rows))):
            c["model_indicators_rowless_doc"] += 1
            c["model_indicators_rowless_doc_gold_name"] += gold_name
    matched = {gi for gi, _ in pairs}
    for i, row in enumerate(gold_rows):
        name = (row.get("name") or "").strip()
        at = text.find(name) if name else -1
        if i in matched or at < 0:
            continue
        end = at + len(name)
        over = [(a, b) for a, b in inds if a < end and at < b]
        c["rows_missing_model_indicator"] += bool(over)
        c["rows_missing_model_indicator_whole"] += any(a <= at and end <= b for a, b in over)
        le = text.find("\n", end)
        le = le if le >= 0 else len(text)
        after = [lab for a, b, lab in model_ents if end <= a < le and lab in _MODEL_VALUES]
        c["rows_missing_model_value_after"] += bool(after)
        c["rows_missing_model_target_after"] += "TARGET" in after
        if linker is not None:
            _linker_view(text, row, end, model_ents, linker, c)
    exact = {}
    for gi, pi in pairs:
        gr, pr = gold_rows[gi], pred_rows[pi]
        exact[pi] = all(same_value(gr[a], pr.get(a)) for a in ("target", "actual", "weight", "score", "level1",
                                                                 "level2", "content") if gr.get(a) is not None)
    for pi in model_rows:
        c["model_rows"] += 1
        if pi not in exact:
            c["model_rows_wrong"] += 1
        elif exact[pi]:
            c["model_rows_right"] += 1
        else:
            c["model_rows_not_exact"] += 1


def _linker_view(text: str, row: dict, end: int, model_ents: list, linker, c: dict) -> None:
    """For a missed gold row: its target or actual printed within 200 characters after its name
    (`rows_missing_value_after`; its raw text, else its figure), and what the linker makes of that figure: the indicator
    classes together at 0.5 or more (`_indicator`), 0.2 to 0.5 (`_weak`), less (`_none`); and
    whether the most probable indicator class is the gold attribute (`_attr_right`)."""
    for attr in ("target", "actual"):
        gv = row.get(attr)
        raw = ((gv.get("raw") if isinstance(gv, dict) else None) or "").strip()
        num = _num(gv)
        at = text.find(raw, end, end + 200) if raw else -1
        if at < 0 and num is not None:          # the gold's raw text is not printed: its figure
            m = re.compile(r"(?<![\d.])" + re.escape("%g" % num) + r"(?![\d])").search(text, end, end + 200)
            at, raw = (m.start(), m.group(0)) if m else (-1, raw)
        if at < 0:
            continue
        label = next((lab for a, b, lab in model_ents if a < at + len(raw) and at < b and lab in _MODEL_VALUES),
                     "TARGET" if attr == "target" else "QUANTITY")
        p = linker.predict(text, [(at, at + len(raw), label)])[0]
        ind = {a: p.get(f"indicator.{a}", 0.0) for a in ("target", "actual", "weight", "score")}
        q = sum(ind.values())
        c["rows_missing_value_after"] += 1
        c["rows_missing_linker_indicator" if q >= 0.5 else "rows_missing_linker_weak" if q >= 0.2
          else "rows_missing_linker_none"] += 1
        c["rows_missing_linker_attr_right"] += max(ind, key=ind.get) == attr
        return


def why_missed(reviewer, text: str, gold: dict, rec: dict, lex, model_ents: list = (),
               model_rows: set = frozenset(), linker=None) -> dict[str, int]:
    """Counts (no text) of why a held-out document's gold values stay missing, for the
    learned parts: each numeric gold field the record lacks is `printed` (the reviewer's
    value search finds it as a figure) or not, and where printed, whether the trained
    lexicon names one of its places as that slot (`known`), as another slot or a blocker
    (`other`), or not at all (`unknown`); each gold indicator row no predicted row matched
    has its name printed verbatim or not, and where printed, on a tab, pipe or other line."""
    from extract.learn import lexicon as lx
    from extract.read.textnorm import reading
    from extract.learn.evaluate import match_indicators      # the reference scorer's row matching
    c = dict(missed_printed=0, missed_unprinted=0, missed_key_known=0, missed_key_other=0, missed_key_unknown=0,
             rows_missing_name_printed=0, rows_missing_name_unprinted=0, rows_missing_tab=0, rows_missing_pipe=0,
             rows_extra_text=0, rows_extra_table=0, **{f"rows_missing_{k}": 0 for k in ROW_SHAPES},
             **{f"rows_cell_{k}": 0 for k in CELL_SHAPES}, **dict.fromkeys(ROW_WORDS, 0),
             **dict.fromkeys(MODEL_ROW_KEYS, 0))
    have = {fd.get("slot") for fd in rec.get("fields", []) or []}
    pred = {}
    for fd in rec.get("fields", []) or []:
        pred.setdefault(fd.get("slot"), fd.get("value"))
    for slot, gv in (gold.get("fields") or {}).items():           # per slot of the schema: names, no text
        if slot not in pred:
            _count(c, f"slot_missed:{slot}")
        elif not same_value(gv, pred[slot]):
            _count(c, f"slot_wrong:{slot}")
    for slot in pred:
        if slot not in (gold.get("fields") or {}):
            _count(c, f"slot_extra:{slot}")
    view = reading(text)
    for slot, gv in (gold.get("fields") or {}).items():
        g = reviewer.gold_number(gv)
        if slot in have or slot not in schema.SLOTS or slot in schema.TEXT_SLOTS or slot == "report.fiscal_year" \
                or g is None:
            continue
        spans = reviewer.value_spans(text, slot, g)
        if not spans:
            c["missed_unprinted"] += 1
            continue
        c["missed_printed"] += 1
        ls = text.rfind("\n", 0, spans[0][0]) + 1
        le = text.find("\n", spans[0][0])
        line = text[ls:le if le >= 0 else len(text)]
        shape = ("tab" if "\t" in line else "pipe" if line.count("|") >= 2 else "cell" if len(line.strip()) <= 16
                 else "long" if len(line) > 200 else "text")
        _count(c, f"missed_line_{shape}")
        if slot.startswith("funding."):
            funding_miss_counts(text, rec, slot, spans, shape, line, c)
        found = [lex.decide(lx.phrases_of(view, s), lx.row_and_column(view, s)) if lex else None for s, _ in spans]
        if any(f and f[0] == slot for f in found):
            c["missed_key_known"] += 1
        elif any(lex and any(k in lex.entries for k in lx.phrases_of(view, s)) for s, _ in spans):
            c["missed_key_other"] += 1
        else:
            c["missed_key_unknown"] += 1
    gold_rows = gold.get("indicators") or []
    pred_rows = rec.get("indicators") or []
    pairs = match_indicators(gold_rows, pred_rows)
    not_exact_counts(text, gold_rows, pred_rows, pairs, c)
    model_row_counts(text, gold_rows, pred_rows, pairs, list(model_ents), set(model_rows), c, linker)
    shape_counts(text, gold_rows, pairs, c)
    shape_candidates(text, gold_rows, c)
    matched = {gi for gi, _ in pairs}
    for pi in set(range(len(pred_rows))) - {p for _, p in pairs}:
        c["rows_extra_table" if pred_rows[pi].get("evidence") == "table" else "rows_extra_text"] += 1
    form_words = bool(_FORM_WORDS.search(text))
    lines = text.split("\n")
    full = [k for k, ln in enumerate(lines[:-1]) if ln.strip()]      # a blank line after most cells
    blank_cells = bool(full) and sum(1 for k in full if not lines[k + 1].strip()) > 0.6 * len(full)
    header = _gold_header(view, gold_rows, lex) if len(matched) < len(gold_rows) else None
    for i, row in enumerate(gold_rows):
        if i in matched:
            continue
        for k, level in ((0, "l1"), (1, "l2")):
            word = _sq(row.get(f"level{k + 1}"))
            if word and _level_word(word)[k] is None:
                c[f"rows_missing_{level}_unknown"] += 1
                c[f"rows_missing_{level}_learned"] += bool(lex) and (lex.levels.get(word) or (None, None))[k] is not None
        c["rows_missing_header_none"] += not header
        c["rows_missing_header_unknown"] += bool(header) and any(a is None for _, a in header)
        c["rows_missing_header_known"] += bool(header) and all(a is not None for _, a in header)
        c["rows_missing_doc_without_rows"] += not pred_rows
        c["rows_missing_doc_with_form_words"] += form_words
        c["rows_missing_weighted"] += row.get("weight") is not None or row.get("score") is not None
        name = (row.get("name") or "").strip()
        at = text.find(name) if name else -1
        if at < 0:
            c["rows_missing_name_unprinted"] += 1
            continue
        c["rows_missing_name_printed"] += 1
        ls = text.rfind("\n", 0, at) + 1
        le = text.find("\n", at)
        line = text[ls:le if le >= 0 else len(text)]
        c["rows_missing_line_cell"] += len(line.strip()) <= len(name) + 4
        if len(line.strip()) <= len(name) + 4:
            after = text[le + 1:].split("\n")[:3] if le >= 0 else []
            before = [ln for ln in text[:ls].split("\n")[-3:] if ln.strip()]
            nxt = next((ln for ln in after if ln.strip()), "").strip()
            c["rows_cell_weighted"] += row.get("weight") is not None or row.get("score") is not None
            c["rows_cell_doc_without_rows"] += not pred_rows
            c["rows_cell_next_value"] += bool(_VALUE_LINE.match(nxt))
            c["rows_cell_next_blank"] += bool(after) and not after[0].strip()
            c["rows_cell_next_bar"] += nxt in ("|", "｜")
            c["rows_cell_next_short"] += 0 < len(nxt) <= 3 and nxt not in ("|", "｜") and not _VALUE_LINE.match(nxt)
            c["rows_cell_next_words"] += len(nxt) > 3 and not _VALUE_LINE.match(nxt) and not _LEVEL_AT.match(nxt)
            c["rows_cell_prev_level"] += bool(before) and bool(_LEVEL_AT.match(before[-1]))
            c["rows_cell_doc_blank_cells"] += blank_cells
        c["rows_missing_line_long"] += len(line) > 200
        c["rows_missing_line_spaces"] += bool(re.search(r"\S {2,}\S", line))
        c["rows_missing_line_level"] += bool(_LEVEL_AT.match(line))
        if "\t" in line:
            c["rows_missing_tab"] += 1
        elif line.count("|") >= 2:
            c["rows_missing_pipe"] += 1
    return c


# The wrapper's ceiling: the line shapes (`extract.learn.row_shapes.signature`) of the gold rows of
# the reviewed documents (set per K before the held-out documents are extracted) and of the pool's
# gold rows (pool documents of the corpus left out).
SHAPES_REVIEWED: set = set()
SHAPES_POOL: set = set()
_TABLE_SEPS = ("tab", "pipe", "spaces", "line")


def shape_counts(text: str, gold_rows: list, pairs: list, c: dict) -> None:
    """Counts (no text) of the missed gold rows whose line shape a wrapper could know, keys `shape_*`:
    of the missed rows with the name printed (`shape_missed`, by separator `shape_missed_<sep>`), those
    whose signature is a gold row's signature in the reviewed documents (`_reviewed`), in the pool
    (`_pool`), either (`_either`; `_either_table`: on a table line, not glued text); the same with the
    value columns only (`shape_loose_*`); and those whose signature two other gold rows of the same
    document share (`shape_stretch`: a table body of one shape). Per document with gold rows
    (`shape_docs_with_rows`): whether one of its table rows (not glued text) has a shape a reviewed
    document's (or the pool's) gold row has (`shape_doc_sibling_reviewed` / `_pool`: a layout
    sibling), and its missed rows (`..._rows_missing`)."""
    from extract.learn.row_shapes import loose, row_signatures
    if not gold_rows:
        return
    sigs = row_signatures(text, gold_rows)
    matched = {gi for gi, _ in pairs}
    table = {x for x in sigs if x is not None and x[0] in _TABLE_SEPS and x[3]}    # a table line with cells after the name
    n_missed = len(gold_rows) - len(matched)
    _count(c, "shape_docs_with_rows")
    for where, known in (("reviewed", SHAPES_REVIEWED), ("pool", SHAPES_POOL)):
        if table & known:            # a layout sibling: a table row shape of this document a gold row elsewhere has
            _count(c, f"shape_doc_sibling_{where}")
            c[f"shape_doc_sibling_{where}_rows_missing"] = c.get(f"shape_doc_sibling_{where}_rows_missing", 0) + n_missed
    rev_l, pool_l = {loose(s) for s in SHAPES_REVIEWED}, {loose(s) for s in SHAPES_POOL}
    for i, sig in enumerate(sigs):
        if i in matched or sig is None:
            continue
        _count(c, "shape_missed")
        _count(c, f"shape_missed_{sig[0]}")
        r, p = sig in SHAPES_REVIEWED, sig in SHAPES_POOL
        if r: _count(c, "shape_reviewed")
        if p: _count(c, "shape_pool")
        if r or p:
            _count(c, "shape_either")
            if sig[0] in _TABLE_SEPS: _count(c, "shape_either_table")
        lr, lp = loose(sig) in rev_l, loose(sig) in pool_l
        if lr: _count(c, "shape_loose_reviewed")
        if lp: _count(c, "shape_loose_pool")
        if lr or lp:
            _count(c, "shape_loose_either")
            if sig[0] in _TABLE_SEPS: _count(c, "shape_loose_either_table")
        if sum(1 for j, s in enumerate(sigs) if j != i and s == sig) >= 2:
            _count(c, "shape_stretch")
            if r or p: _count(c, "shape_stretch_either")


def shape_candidates(text: str, gold_rows: list, c: dict) -> None:
    """Counts (no text) of what a wrapper would read: each short text line (one cell per line) and
    each table line's first text cell (tab, pipe, spaces) is a candidate name; those whose
    signature the reviewed documents' or the pool's gold rows have are read as rows, a gold row's
    name (`shape_cand_right`) or not (`shape_cand_wrong`); `_stretch`: among three or more such
    candidates of one signature in the document (a table body)."""
    from extract.learn.row_shapes import _cells, cell_class, separator, signature
    names = {_sq(r.get("name")) for r in gold_rows} - {""}
    known = SHAPES_REVIEWED | SHAPES_POOL
    found = []
    pos = 0
    for ln in text.split("\n"):
        ls, pos = pos, pos + len(ln) + 1
        st = ln.strip()
        if not st:
            continue
        if 2 <= len(st) <= 30 and cell_class(st) == "T" and separator(ln) == "glued" and " " not in st:
            a = ls + ln.index(st)
            cand = (a, a + len(st))
        else:
            sep = separator(ln)
            if sep == "glued":
                continue
            off, cand = 0, None
            for cell in _cells(ln, sep):
                cs = cell.strip()
                if len(cs) >= 2 and cell_class(cs) == "T":
                    a = ls + ln.index(cs, off)
                    cand = (a, a + len(cs))
                    break
                off += len(cell)
            if cand is None:
                continue
        sig = signature(text, *cand)
        if sig in known:
            found.append((sig, _sq(text[cand[0]:cand[1]]) in names))
    per = Counter(sig for sig, _ in found)
    for sig, right in found:
        _count(c, "shape_cand_right" if right else "shape_cand_wrong")
        if per[sig] >= 3:
            _count(c, "shape_cand_stretch_right" if right else "shape_cand_stretch_wrong")


def gold_shapes(docs: list[tuple[str, dict]]) -> set:
    """The line shapes of the gold rows of (text, gold) documents."""
    from extract.learn.row_shapes import row_signatures
    return {s for text, g in docs for s in row_signatures(text, g.get("indicators") or []) if s is not None}


def teachable(d, gold: dict) -> Counter:
    """What one reviewed document holds to teach the table readers (TEACHABLE; counts, no text)."""
    from extract.learn import lexicon as lx
    from extract.read.textnorm import reading
    from extract.slots.cell_stream import stream_cells
    c = Counter(dict.fromkeys(TEACHABLE, 0))
    rows = gold.get("indicators") or []
    if not rows:
        return c
    c["teach_docs_with_rows"] = 1
    unknown = {(k, _sq(r.get(f"level{k + 1}"))) for r in rows for k in (0, 1)
               if _sq(r.get(f"level{k + 1}")) and _level_word(_sq(r.get(f"level{k + 1}")))[k] is None}
    marked = {(int(m.label[-1]) - 1, _sq(d.text[m.start:m.end])) for m in d.links
              if m.label in ("indicator.level1", "indicator.level2")}
    c["teach_levels_unknown"] = len(unknown)
    c["teach_levels_marked"] = len(unknown & marked)
    view = reading(d.text)
    cells = [x for x in stream_cells(view) if x.sq]
    starts = [x.start for x in cells]
    names = {_sq(view[e.start:e.end]) for e in d.entities if e.label == "INDICATOR"}
    i = next((k for k, x in enumerate(cells) if x.sq in names), None)      # the first row: a name filling its cell
    if i is not None:
        header = lx._stream_header(cells, i, frozenset(_sq(view[m.start:m.end]) for m in d.links
                                                       if m.label in ("indicator.level1", "indicator.level2")))
        c["teach_headers_found"] = int(bool(header))
        c["teach_header_words_unknown"] = sum(1 for _, a in header if a is None)
    c["teach_header_words"] = len(lx.stream_header_words(d))
    return c


def _sq(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def _level_word(sq: str):
    from extract.slots.cell_stream import _level_word as level_word
    return level_word(sq)


def _gold_header(view: str, gold_rows: list, lex) -> list:
    """The header words over the document's first gold row the cell stream finds as a cell,
    each (word, attribute or None), with the lexicon's learned header words in force; []."""
    from extract.learn import lexicon as lx
    from extract.slots import indicator_table
    from extract.slots.cell_stream import stream_cells
    names = {_sq(r.get("name")) for r in gold_rows} - {""}
    cells = [c for c in stream_cells(view) if c.sq]
    first = next((k for k, c in enumerate(cells) if c.sq in names), None)
    if first is None:
        return []
    token = indicator_table.LEARNED_HEADERS.set(lex.headers if lex else {})
    try:
        return lx._stream_header(cells, first)
    finally:
        indicator_table.LEARNED_HEADERS.reset(token)


def _mean(xs: list) -> float | None:
    xs = [x for x in xs if x is not None]
    return round(sum(xs) / len(xs), 4) if xs else None


def corpus_curve(args) -> dict:
    t_start = time.time()
    ks = sorted({int(x) for x in (args.ks or "0,4,8,12").split(",")})
    kmax = max(ks)
    gold = load_gold(Path(args.gold))
    raw = corpus_documents(Path(args.corpus), gold)
    if len(raw) <= kmax:
        raise SystemExit(f"the corpus has {len(raw)} documents with gold, not more than max(ks) = {kmax}")
    docs = {n: read_path(p) for n, p in raw.items()}
    corpus_texts = {d.text for d in docs.values()}
    annotated = load_annotations(Path(args.annotations))
    existing = [t for t in annotated if stem(t.name) not in raw and t.text not in corpus_texts]
    rules_config = replace_models(load_config(None), use_models=False)     # as `jixiao calibrate` judges
    print(f"corpus documents with gold: {len(raw)}; held out per repeat: {len(raw) - kmax}; "
          f"annotated documents left out of training (they are corpus documents): {len(annotated) - len(existing)}",
          flush=True)

    samples: dict[str, list] = {}            # document -> calibration samples (rules' items judged)

    def judged(key: str, doc, g: dict) -> list:
        if key not in samples:
            samples[key] = calibration_samples(extract_document(doc, rules_config), g)
        return samples[key]

    existing_samples = []
    if args.calibrate:
        for t in existing:
            try:
                path, g = path_and_gold(t.name)
            except KeyError:
                continue                      # an annotated document without a gold file: not judged
            if path.exists():
                existing_samples += judged("annotated/" + t.name, read_path(path), g)
    reviewer = _reviewer()
    reviewed: dict[str, object] = {}          # corpus document -> its reviewer annotations (AnnotatedText)

    review_stats: dict[str, Counter] = {}     # corpus document -> the reviewer's placing of its gold values

    def review(name: str):
        if name not in reviewed:
            unresolved: list = []
            counts = (Counter(), Counter())
            d = reviewer.simulated_review(raw[name], gold[name], unresolved=unresolved, counts=counts)
            st = Counter({"reviewed_values": counts[1]["numeric"] + counts[1]["text"],
                          "reviewed_linked": counts[1]["numeric linked"] + counts[1]["text linked"]})
            for _, _, _, why in unresolved:          # complete_links' reasons, by their first word
                st["unplaced_" + {"its": "taken"}.get(why.split()[0], why.split()[0])] += 1
            st.update(teachable(d, gold[name]))
            review_stats[name] = st
            task = to_task(d, 1, {"source": "reviewed"})
            task["data"]["document"] = f"reviewed-{len(reviewed):03d}.txt"     # no corpus name in training
            reviewed[name] = parse_task(task)
        return reviewed[name]

    nlp = blank_pipeline(ROOT / "config.cfg")
    prepared, _ = prepare(nlp, existing)
    build = Path(args.build) if args.build else Path(tempfile.mkdtemp(prefix="learning-curve-"))
    models_at: dict[tuple, Config] = {}

    def trained(key: tuple, names: list[str]) -> Config:
        """Models trained on annotations/ + the reviewed `names`, with their calibrator."""
        if key in models_at:
            return models_at[key]
        t0 = time.time()
        texts = existing + [review(n) for n in names]
        for t in texts[len(existing):]:
            if t.name not in prepared:
                prepared.update(prepare(nlp, [t])[0])
        out = build / "-".join(map(str, key))
        train_all(texts, ROOT / "config.cfg", out, out / "build",
                  overrides={"training.max_steps": args.max_steps}, prepared=prepared)
        shutil.rmtree(out / "build", ignore_errors=True)
        models = Models(pipeline=str(out / "pipeline"), linker=str(out / "linker.npz"),
                        lexicon=str(out / "lexicon.json"), calibrator=str(out / "calibration.json"))
        if args.calibrate:
            cal_samples = existing_samples + [s for n in names for s in judged("corpus/" + n, docs[n], gold[n])]
            fit(cal_samples).save(out / "calibration.json")
        print(f"trained on {len(texts)} documents in {time.time() - t0:.0f} s", flush=True)
        models_at[key] = Config(models=models)
        return models_at[key]

    added: dict[tuple, tuple[int, int]] = {}      # (model key, document) -> fields the models added, right
    missed: dict[tuple, dict] = {}                # (model key, document) -> why_missed counts
    from extract.learn.lexicon import HEAD, LEVEL, NOT_ROW, Lexicon

    def extract(cfg: Config, names: list[str]) -> dict[str, dict]:
        out = {}
        lex = Lexicon.load(Path(cfg.models.lexicon))
        from extract.learn.models import load_models
        loaded = load_models(cfg.models.pipeline, cfg.models.linker)
        linker = loaded.linker if loaded is not None else None
        for n in names:
            ex = extract_document(read_path(raw[n]), cfg)
            out[n] = rec = json.loads(json.dumps(to_record(ex)))
            model_ents = [(e.start, e.end, e.label) for e in ex.entities if e.source == "model"]
            model_rows = {i for i, ind in enumerate(ex.indicators) if ind.source == "model"}
            missed[(cfg.models.pipeline, n)] = why_missed(reviewer, docs[n].text, gold[n], rec, lex, model_ents,
                                                          model_rows, linker)
            by_slot = {fd["slot"]: fd["value"] for fd in rec["fields"]}
            mine = [fd.slot for fd in ex.fields if fd.source == "model"]
            added[(cfg.models.pipeline, n)] = (len(mine), sum(1 for sl in mine if same_value(
                gold[n]["fields"].get(sl), by_slot.get(sl))))
        return out

    pool_gold = load_gold(POOL_GOLD)
    SHAPES_POOL.clear()
    SHAPES_POOL.update(gold_shapes([(t, pool_gold[stem(p.name)]) for p in sorted(POOL.glob("*.txt"))
                                    if stem(p.name) in pool_gold for t in [read_path(p).text] if t not in corpus_texts]))
    per_k = {k: [] for k in ks}
    oracle: list[dict] = []
    base_preds: dict[str, dict] = {}
    try:
        for r in range(args.repeats):
            reviewable, held = split(list(raw), kmax, r, args.seed)
            held_gold = {n: gold[n] for n in held}
            for k in ks:
                if k == 0:
                    cfg = trained((0,), [])
                    missing = [n for n in held if n not in base_preds]
                    base_preds.update(extract(cfg, missing))
                    preds = {n: base_preds[n] for n in held}
                else:
                    cfg = trained((r, k), reviewable[:k])
                    SHAPES_REVIEWED.clear()
                    SHAPES_REVIEWED.update(gold_shapes([(docs[n].text, gold[n]) for n in reviewable[:k]]))
                    preds = extract(cfg, held)
                    SHAPES_REVIEWED.clear()
                res = score(held_gold, preds)
                errs = error_counts(held_gold, preds, res)
                errs["model_fields"] = sum(added[(cfg.models.pipeline, n)][0] for n in held)
                errs["model_fields_right"] = sum(added[(cfg.models.pipeline, n)][1] for n in held)
                for n in held:
                    for key, v in missed[(cfg.models.pipeline, n)].items():
                        errs[key] = errs.get(key, 0) + v
                rv = Counter()
                for n in (reviewable[:k] if k else []):
                    rv.update(review_stats.get(n, Counter()))
                for key in REVIEW_KEYS:
                    errs[key] = rv.get(key, 0)
                lexk = Lexicon.load(Path(cfg.models.lexicon))
                lex0 = Lexicon.load(Path(trained((0,), []).models.lexicon))
                errs["lexicon_new_entries"] = sum(1 for key, e in lexk.entries.items()
                                                  if e["slot"] and key not in lex0.entries)
                errs["lexicon_head_entries"] = sum(1 for key in lexk.entries if key.startswith(HEAD))
                errs["lexicon_notrow_entries"] = sum(1 for key in lexk.entries if key.startswith(NOT_ROW))
                errs["lexicon_level_entries"] = sum(1 for key in lexk.entries if key.startswith(LEVEL))
                per_k[k].append({"fields_f1": res["fields"]["f1"], "indicators_f1": res["indicators"]["f1"],
                                 "rows_exact_f1": res["indicator_rows_exact"]["f1"], "ece": res["calibration_ece"],
                                 **errs})
                print(f"repeat {r} K {k:2d}: fields F1 {res['fields']['f1']:.4f}  indicators F1 "
                      f"{res['indicators']['f1']:.4f}  rows exact F1 {res['indicator_rows_exact']['f1']:.4f}  "
                      f"errors {errs['errors']} (fields FP {errs['field_fp']} FN {errs['field_fn']}, rows missing "
                      f"{errs['rows_missing']} extra {errs['rows_extra']} not exact {errs['rows_not_exact']}; "
                      f"fields the models added {errs['model_fields']}, right {errs['model_fields_right']})  "
                      f"{(time.time() - t_start) / 60:.1f} min", flush=True)
        if args.oracle:
            # the ceiling of what the lexicon carries: learned from every corpus document reviewed,
            # the held-out ones too, with K = 0's pipeline, linker and calibrator
            base = trained((0,), [])
            lex_path = build / "oracle" / "lexicon.json"
            learn_lexicon(existing + [review(n) for n in sorted(raw)]).save(lex_path)
            cfg = Config(models=replace(base.models, lexicon=str(lex_path), pipeline=base.models.pipeline + "/."))
            for r in range(args.repeats):
                held = split(list(raw), kmax, r, args.seed)[1]
                held_gold = {n: gold[n] for n in held}
                preds = extract(cfg, held)
                res = score(held_gold, preds)
                errs = error_counts(held_gold, preds, res)
                for n in held:
                    for key in ROW_WORDS:
                        errs[key] = errs.get(key, 0) + missed[(cfg.models.pipeline, n)].get(key, 0)
                lexo = Lexicon.load(lex_path)
                errs["lexicon_head_entries"] = sum(1 for key in lexo.entries if key.startswith(HEAD))
                errs["lexicon_level_entries"] = sum(1 for key in lexo.entries if key.startswith(LEVEL))
                oracle.append({"fields_f1": res["fields"]["f1"], "rows_exact_f1": res["indicator_rows_exact"]["f1"],
                               **errs})
                print(f"repeat {r} oracle lexicon: fields F1 {res['fields']['f1']:.4f}  errors {errs['errors']}",
                      flush=True)
    finally:
        if not args.build and not args.keep:
            shutil.rmtree(build, ignore_errors=True)
    out = {"ks": ks, "held_out": len(raw) - kmax, "repeats": args.repeats}
    for key in ("fields_f1", "indicators_f1", "rows_exact_f1", "errors", "field_fp", "field_fn",
                "rows_missing", "rows_extra", "rows_not_exact", "model_fields", "model_fields_right", "ece",
                *DIAGNOSTICS):
        out[key] = [_mean([x[key] for x in per_k[k]]) for k in ks]
    for key in sorted({key for k in ks for x in per_k[k] for key in x
                       if key.startswith(("slot_", "missed_line_", "nx_", "fx_", "shape_"))}):    # present in some runs only
        out[key] = [_mean([x.get(key, 0) for x in per_k[k]]) for k in ks]
    for key in ("fields_f1", "rows_exact_f1", "errors", "field_fp", "field_fn", "rows_missing", "rows_extra",
                "rows_not_exact", *ROW_WORDS, "lexicon_head_entries", "lexicon_level_entries"):
        if oracle:
            out[f"oracle_{key}"] = _mean([x[key] for x in oracle])
    out["max_steps"] = args.max_steps
    out["minutes"] = round((time.time() - t_start) / 60, 2)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", help="folder of reports (corpus mode); without it, pool mode")
    ap.add_argument("--gold", help="folder of their gold JSON files (corpus mode)")
    ap.add_argument("--ks", help="numbers of reviewed documents (default 0,4,8,12; pool mode 0,5,10,20)")
    ap.add_argument("--repeats", type=int, default=3, help="seeded splits (corpus mode)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-steps", type=int, help="spaCy training steps per round (default 600; pool mode 400)")
    ap.add_argument("--annotations", default=str(ROOT / "annotations"), help="the existing annotations")
    ap.add_argument("--build", help="where models are trained (default: a temporary folder, deleted after)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary build folder")
    ap.add_argument("--oracle", action="store_true",
                    help="corpus mode: also the ceiling of the label lexicon, learned from every corpus document "
                         "reviewed (the held-out ones too), on each repeat's held-out documents (oracle_* figures); "
                         "also on with JIXIAO_LC_ORACLE=1 (e.g. through ../shared/eval/blind.py)")
    ap.add_argument("--no-calibrate", dest="calibrate", action="store_false",
                    help="skip fitting the calibrator (it changes confidences, not the scores)")
    ap.add_argument("--threads", type=int, default=1, help="BLAS threads (linker and spaCy training)")
    ap.add_argument("--traceback", action="store_true", help="on failure, print the traceback (may show text)")
    ap.add_argument("--json", nargs="?", const=True, default=None,
                    help="corpus mode: the figures as one JSON object on the last line; pool mode: write them to PATH")
    args = ap.parse_args()
    args.oracle = args.oracle or os.environ.get("JIXIAO_LC_ORACLE") == "1"     # through ../shared/eval/blind.py
    if not args.corpus:
        pool_curve(args)
        return 0
    if not args.gold:
        ap.error("--corpus needs --gold")
    args.max_steps = args.max_steps or 600
    from threadpoolctl import threadpool_limits
    try:
        with threadpool_limits(limits=args.threads):      # BLAS threads fighting for shared cores: 3x slower
            res = corpus_curve(args)
    except Exception as e:            # noqa: BLE001  the corpus may be sealed: no text in the message
        if args.traceback:
            raise
        print(f"learning_curve.py failed: {type(e).__name__}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(res))
    else:
        print(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
