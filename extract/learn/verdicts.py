"""Which extracted items are right, judged against a gold file as the scorer judges them.

The calibrator and the review-loop measurements learn from these judgements, so they
follow `evaluate.score` exactly: a field is right when its slot is in the gold with the
same value; an indicator is right when it is matched to a gold row and every attribute
the gold gives agrees; unmatched extra items are wrong.
"""
from __future__ import annotations

from extract.learn.evaluate import ATTRS, match_indicators, same_value
from extract.slots.record import Extraction, Field, Indicator


def judge(ex: Extraction, gold: dict) -> list[tuple[Field | Indicator, bool]]:
    out: list[tuple[Field | Indicator, bool]] = []
    gf = gold.get("fields", {})
    seen = set()
    for f in ex.fields:
        if f.slot in seen:
            continue
        seen.add(f.slot)
        out.append((f, f.slot in gf and same_value(gf[f.slot], f.value.to_json())))
    grows = gold.get("indicators", []) or []
    prows = [i.to_json() for i in ex.indicators]
    matched = {}
    for gi, pi in match_indicators(grows, prows):
        g = grows[gi]
        matched[pi] = all(same_value(g[a], prows[pi].get(a)) for a in ATTRS if a in g and g[a] is not None)
    for pi, item in enumerate(ex.indicators):
        out.append((item, matched.get(pi, False)))
    return out
