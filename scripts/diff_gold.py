#!/usr/bin/env python3
"""Show where records differ from gold, document by document (a development aid).

    python scripts/diff_gold.py GOLD_DIR records.jsonl [NAME]
"""
import sys

from extract.learn.evaluate import load_gold, load_preds, match_indicators, same_value, ATTRS


def main(gold_dir, records, only=None):
    gold, preds = load_gold(gold_dir), load_preds(records)
    for name, g in gold.items():
        if only and only not in name:
            continue
        rec = preds.get(name, {})
        if rec.get("error"):
            print(f"== {name}: ERROR {rec['error']}")
            continue
        pf = {}
        for f in rec.get("fields", []):
            pf.setdefault(f["slot"], f)
        out = []
        for slot, gv in g["fields"].items():
            p = pf.get(slot)
            if p is None:
                out.append(f"  MISSING {slot} = {gv}")
            elif not same_value(gv, p["value"]):
                out.append(f"  WRONG   {slot} = {gv}  got {p['value'].get('raw')!r} -> {p['value'].get('value')}")
        for slot, p in pf.items():
            if slot not in g["fields"]:
                out.append(f"  EXTRA   {slot} = {p['value'].get('raw')!r} -> {p['value'].get('value')}")
        grows, prows = g.get("indicators", []), rec.get("indicators", [])
        pairs = match_indicators(grows, prows)
        for gi, pi in pairs:
            bad = [a for a in ATTRS if a in grows[gi] and grows[gi][a] is not None
                   and not same_value(grows[gi][a], prows[pi].get(a))]
            if bad:
                out.append(f"  IND     {grows[gi]['name'][:20]}: " + "; ".join(
                    f"{a} gold={grows[gi][a]} got={prows[pi].get(a)}" for a in bad))
        mg = {gi for gi, _ in pairs}
        mp = {pi for _, pi in pairs}
        for gi, gr in enumerate(grows):
            if gi not in mg:
                out.append(f"  IND MISSING {gr.get('level2')} {gr['name'][:30]} t={gr.get('target')} a={gr.get('actual')}")
        for pi, pr in enumerate(prows):
            if pi not in mp:
                out.append(f"  IND EXTRA   {pr.get('level2')} {pr['name'][:30]} t={(pr.get('target') or {}).get('raw')} a={(pr.get('actual') or {}).get('raw')}")
        print(f"== {name}: {len(out)} differences")
        print("\n".join(out))


if __name__ == "__main__":
    main(*sys.argv[1:])
