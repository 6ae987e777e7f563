"""Entities (the spaCy pipeline's labels) read off what the rules found.

Every field and indicator value already has a span; its entity label follows from its
slot or unit. These rule entities go into the record (the review page highlights them,
Label Studio shows them as pre-annotations) and are the weak labels the pipeline is
first trained on; trained entities are added beside them by `models.apply`.
"""
from __future__ import annotations

from typing import Optional

from extract.schema import SLOTS, MONEY, RATE, COUNT, YEAR, TEXT
from extract.slots.normalize import Value
from extract.slots.record import Entity, Extraction


def label_for_value(value: Optional[Value], slot_kind: Optional[str] = None) -> Optional[str]:
    if slot_kind == MONEY or (value is not None and value.unit == "万元"):
        return "AMOUNT"
    if slot_kind == RATE or (value is not None and value.unit == "%"):
        return "RATE"
    if value is not None and value.unit == "分":
        return "SCORE"
    if slot_kind == COUNT or (value is not None and value.is_number):
        return "QUANTITY"
    return None


def from_items(ex: Extraction) -> None:
    text = ex.document.text
    seen = {(e.start, e.end) for e in ex.entities}

    def add(label: Optional[str], start: int, end: int, score: float = 1.0) -> None:
        if label is None or end <= start or (start, end) in seen:
            return
        seen.add((start, end))
        ex.entities.append(Entity(label=label, start=start, end=end, text=text[start:end], score=score))

    for f in ex.fields:
        kind = SLOTS[f.slot].kind
        if f.slot == "report.department":
            label = "ORG"
        elif kind == YEAR:
            label = "YEAR"
        elif f.slot in ("evaluation.self_score", "funding.total.score", "funding.total.weight"):
            label = "SCORE"
        elif kind == TEXT or f.slot == "report.kind":
            label = None
        else:
            label = label_for_value(f.value, kind)
        add(label, f.span.start, f.span.end)
    for item in ex.indicators:
        name = item.spans.get("name")
        if name is not None:
            add("INDICATOR", name.start, name.end)
        t = item.spans.get("target")
        if t is not None and item.target is not None and item.target.is_number:
            add("TARGET", t.start, t.end)
        a = item.spans.get("actual")
        if a is not None and item.actual is not None:
            add(label_for_value(item.actual), a.start, a.end)
    ex.entities.sort(key=lambda e: (e.start, e.end))
