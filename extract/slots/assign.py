"""Putting values into slots: one value per slot, the other statements kept beside it.

A report often states a slot more than once (a table and a sentence, a summary and a
section). `add_field` keeps the first table statement over any text statement, and
the first text statement over later ones, and records every other statement in
`Field.others`, so the checks can tell agreement (more confidence) from conflict
(`conflicting_values`, with both places).
"""
from __future__ import annotations

import re

from extract.read.document import Document
from extract.read.textnorm import plain
from extract.schema import canonical_grade
from extract.schema import slot as schema_slot
from extract.slots.normalize import Value
from extract.slots.record import Extraction, Field

_SQUASH = re.compile(r"[\s\u3000\xa0]+")


def squash(text: str) -> str:
    """Text with all whitespace removed and brackets made ASCII, for label matching."""
    return _SQUASH.sub("", plain(str(text or ""))).replace("（", "(").replace("）", ")").replace("：", ":")


def add_field(ex: Extraction, doc: Document, slot: str, value: Value, start: int, end: int,
              evidence: str, source: str) -> Field:
    schema_slot(slot)  # fail loudly on a misspelt slot name
    if slot == "evaluation.grade":
        # the closed set 优/良/中/差 (SCHEMA.md): the reference scorer compares a text slot's raw,
        # so raw holds the grade too; the printed word (优秀) is the text at the span
        value = Value.text(canonical_grade(value.raw) or value.raw)
    new = Field(slot=slot, value=value, span=doc.span(start, end), evidence=evidence, source=source)
    old = ex.field(slot)
    if old is None:
        ex.fields.append(new)
        return new
    if old.evidence == "text" and evidence == "table":
        new.others = [Field(old.slot, old.value, old.span, old.evidence, source=old.source)] + old.others
        ex.fields[ex.fields.index(old)] = new
        return new
    old.others.append(new)
    return old


def same_number(a: Value, b: Value) -> bool:
    if not (a.is_number and b.is_number):
        return (a.value or a.raw) == (b.value or b.raw)
    x, y = float(a.value), float(b.value)
    return abs(x - y) <= max(0.011, 0.005 * max(abs(x), abs(y)))


def budget_document(doc: Document) -> bool:
    """A published 部门预算 (no 决算, no evaluation in its title lines): what it says the
    department spends (支出) is the year's budget."""
    head = doc.text[:200]
    return bool(re.search(r"部门预算|单位预算", head)) and not re.search(r"决算|绩效|评价|自评", head)
