#!/usr/bin/env python3
"""Accuracy of records against gold files, figure for figure as ../shared/eval/score.py.

`jixiao evaluate GOLD_DIR records.jsonl` must print what the reference scorer prints,
so this module follows its matching rules exactly (tolerances, squashing, greedy
indicator matching, ECE bins); tests/learn/test_evaluate.py checks the two agree. It also
returns the per-item judgements that calibration and the review loop learn from.
"""
import json
import math
import re
from difflib import SequenceMatcher
from pathlib import Path

NUM_TOL_REL = 0.005
NUM_TOL_ABS = 0.011


def stem(path):
    name = Path(str(path)).name
    return name.rsplit(".", 1)[0] if "." in name else name


def squash(text):
    return re.sub(r"[\s\u3000:：,，。;；、()（）\"“”'‘’《》<>]", "", str(text or ""))


def num(v):
    if isinstance(v, dict):
        v = v.get("value")
    if isinstance(v, bool) or v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def close(a, b):
    return abs(a - b) <= max(NUM_TOL_ABS, NUM_TOL_REL * max(abs(a), abs(b)))


def same_value(gold, pred):
    """gold: number, text, or {"op","value","unit"} / {"raw"}; pred: schema value object or bare."""
    if gold is None:
        return pred is None
    if pred is None:
        return False
    gnum = num(gold)
    if gnum is not None:
        pnum = num(pred)
        if pnum is None or not close(gnum, pnum):
            return False
        if isinstance(gold, dict) and isinstance(pred, dict):
            gop = gold.get("op", "=")
            pop = pred.get("op", "=")
            if gop != pop:
                return False
        return True
    graw = gold.get("raw") if isinstance(gold, dict) else gold
    praw = pred.get("raw", pred.get("value")) if isinstance(pred, dict) else pred
    g, p = squash(graw), squash(praw)
    if not g:
        return not p
    return g == p or (len(g) >= 4 and (g in p or p in g) and min(len(g), len(p)) / max(len(g), len(p)) >= 0.6)


def load_gold(gold_dir):
    gold = {}
    for f in sorted(Path(gold_dir).glob("*.json")):
        gold[stem(f.name)] = json.loads(f.read_text(encoding="utf-8"))
    return gold


def load_preds(path):
    preds = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            doc = rec.get("document") or {}
            preds[stem(doc.get("path", ""))] = rec
    return preds


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def label(row):
    return squash(row.get("name")) + "|" + squash(row.get("content"))


def match_indicators(gold_rows, pred_rows):
    """Greedy one-to-one matching on name similarity (and level2 as a tie-breaker)."""
    pairs = []
    for gi, g in enumerate(gold_rows):
        for pi, p in enumerate(pred_rows):
            s = SequenceMatcher(None, label(g), label(p)).ratio()
            if s >= 0.6:
                if squash(g.get("level2")) and squash(g.get("level2")) == squash(p.get("level2")):
                    s += 0.05
                if same_value(g.get("target"), p.get("target")):
                    s += 0.05
                pairs.append((s, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for s, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


ATTRS = ("target", "actual", "weight", "score", "level1", "level2", "content")


def score(gold, preds):
    f_tp = f_fp = f_fn = 0
    i_tp = i_fp = i_fn = 0
    exact_rows = 0
    attr_ok = {a: 0 for a in ATTRS}
    attr_n = {a: 0 for a in ATTRS}
    judged = []  # (confidence, needs_review, correct)
    per_doc = {}
    missing_docs = []
    for name, g in gold.items():
        rec = preds.get(name)
        if rec is None:
            missing_docs.append(name)
            rec = {}
        gf = g.get("fields", {})
        pf = {}
        for fld in rec.get("fields", []) or []:
            pf.setdefault(fld.get("slot"), fld)
        d_tp = d_fp = d_fn = 0
        for slot, gv in gf.items():
            p = pf.get(slot)
            if p is None:
                d_fn += 1
                continue
            ok = same_value(gv, p.get("value"))
            judged.append((p.get("confidence"), bool(p.get("needs_review")), ok))
            if ok:
                d_tp += 1
            else:
                d_fp += 1
                d_fn += 1
        for slot, p in pf.items():
            if slot not in gf:
                d_fp += 1
                judged.append((p.get("confidence"), bool(p.get("needs_review")), False))
        f_tp, f_fp, f_fn = f_tp + d_tp, f_fp + d_fp, f_fn + d_fn

        grows = g.get("indicators", []) or []
        prows = rec.get("indicators", []) or []
        pairs = match_indicators(grows, prows)
        matched_p = {pi for _, pi in pairs}
        d_exact = 0
        for gi, pi in pairs:
            gr, pr = grows[gi], prows[pi]
            row_ok = True
            for a in ATTRS:
                if a not in gr or gr[a] is None:
                    continue
                attr_n[a] += 1
                ok = same_value(gr[a], pr.get(a))
                attr_ok[a] += ok
                row_ok &= ok
            judged.append((pr.get("confidence"), bool(pr.get("needs_review")), row_ok))
            d_exact += row_ok
        for pi, pr in enumerate(prows):
            if pi not in matched_p:
                judged.append((pr.get("confidence"), bool(pr.get("needs_review")), False))
        i_tp += len(pairs)
        i_fp += len(prows) - len(pairs)
        i_fn += len(grows) - len(pairs)
        exact_rows += d_exact
        per_doc[name] = {
            "fields_f1": prf(d_tp, d_fp, d_fn)[2],
            "indicator_rows": [len(grows), len(prows), len(pairs), d_exact],
        }

    n_gold_rows = sum(len(g.get("indicators", []) or []) for g in gold.values())
    n_pred_rows = sum(len((preds.get(n) or {}).get("indicators", []) or []) for n in gold)
    wrong = [j for j in judged if not j[2]]
    flagged = [j for j in judged if j[1]]
    result = {
        "documents": len(gold),
        "missing_documents": missing_docs,
        "fields": dict(zip(("precision", "recall", "f1"), prf(f_tp, f_fp, f_fn))),
        "indicators": dict(zip(("precision", "recall", "f1"), prf(i_tp, i_fp, i_fn))),
        "indicator_rows_exact": dict(zip(("precision", "recall", "f1"), prf(exact_rows, n_pred_rows - exact_rows, n_gold_rows - exact_rows))),
        "indicator_attribute_accuracy": {a: round(attr_ok[a] / attr_n[a], 4) if attr_n[a] else None for a in ATTRS},
        "review": {
            "judged": len(judged),
            "wrong": len(wrong),
            "flagged": len(flagged),
            "recall_of_wrong": round(sum(1 for j in wrong if j[1]) / len(wrong), 4) if wrong else None,
            "load": round(len(flagged) / len(judged), 4) if judged else None,
        },
        "calibration_ece": ece(judged),
        "per_document": per_doc,
    }
    return result


def ece(judged, bins=10):
    pts = [(float(c), ok) for c, _, ok in judged if isinstance(c, (int, float)) and not math.isnan(c)]
    if not pts:
        return None
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        cell = [(c, ok) for c, ok in pts if (lo <= c < hi) or (b == bins - 1 and c == 1.0)]
        if cell:
            conf = sum(c for c, _ in cell) / len(cell)
            acc = sum(ok for _, ok in cell) / len(cell)
            total += len(cell) / len(pts) * abs(conf - acc)
    return round(total, 4)


def format_report(res: dict) -> str:
    """The reference scorer's text output, line for line."""
    lines = [f"documents {res['documents']}  missing {len(res['missing_documents'])}"]
    for k in ("fields", "indicators", "indicator_rows_exact"):
        v = res[k]
        lines.append(f"{k:22s} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}")
    lines.append("attribute accuracy     " + "  ".join(f"{a} {v}" for a, v in res["indicator_attribute_accuracy"].items()))
    rv = res["review"]
    lines.append(f"review                 wrong {rv['wrong']}/{rv['judged']}  recall_of_wrong {rv['recall_of_wrong']}  load {rv['load']}")
    lines.append(f"calibration ECE        {res['calibration_ece']}")
    return "\n".join(lines)


def evaluate(gold_dir, records_path) -> dict:
    return score(load_gold(gold_dir), load_preds(records_path))
