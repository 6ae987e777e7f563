"""Consistency checks that hold in a correct report and that a wrong extraction breaks.

SCHEMA.md lists them: execution rate = executed / budget (also the (B−C)/A form of
reports that subtract upper-level transfers), funding rows add up, expenditure parts
add up, 三公 parts add up, an indicator's score is at most its weight, and weights and
scores add up to their totals. A failed check marks every value it involves
(`needs_review`, a reason); the confidence stage lowers their confidence too. A check
runs only when all its values are stated: nothing is computed into the record.
"""
from __future__ import annotations

import re
from typing import Optional

from extract.read.document import Document
from extract.slots.assign import same_number
from extract.slots.normalize import parse_number
from extract.slots.record import Extraction, Field, Indicator, doubt

RATE_TOL = 0.6          # percentage points: reports round rates to 0 or 2 decimals
SUM_TOL_REL = 0.002


def flag(item: Field | Indicator, reason: str) -> None:
    item.needs_review = True
    doubt(item, reason)


def vouch(item: Optional[Field | Indicator], check: str) -> None:
    """A check that held: an independent reading agrees (a calibration feature, not a flag)."""
    if item is not None and check not in item.passed:
        item.passed.append(check)


def _close(a: float, b: float, rel: float = SUM_TOL_REL, abs_tol: float = 0.011) -> bool:
    return abs(a - b) <= max(abs_tol, rel * max(abs(a), abs(b)))


def run(ex: Extraction) -> None:
    _conflicts(ex)
    _rates(ex)
    _sums(ex)
    _scores(ex)
    _suspicions(ex)


_ODD = re.compile(r"[$^~@#&{}\[\]\\□■]")
_GLUED = re.compile(r"[\u4e00-\u9fff]\d{1,2}$|\d[%％]?[\u4e00-\u9fff]{1,2}\d|[\u4e00-\u9fff]\d+(?:\.\d+)?[%％]$")


def _suspicions(ex: Extraction) -> None:
    """Signs of a misread that no arithmetic shows: OCR debris in a value, a figure glued
    to a name, a target whose actual was not found while its neighbours' were, a year
    read from a report that covers several years."""
    for item in ex.indicators:
        texts = [item.name, item.target.raw if item.target else "", item.actual.raw if item.actual else ""]
        if any(_ODD.search(t) for t in texts) or _GLUED.search(item.name):
            flag(item, "garbled_text")
    for f in ex.fields:
        if _ODD.search(f.value.raw):
            flag(f, "garbled_text")
    narrative = [i for i in ex.indicators if i.evidence == "text" and i.target is not None]
    paired = sum(1 for i in narrative if i.actual is not None)
    if narrative and paired >= len(narrative) / 2:
        for i in narrative:
            if i.actual is None:
                flag(i, "actual_not_found")
    head = ex.document.meta.get("title") or ex.document.text[:300]
    year = ex.field("report.fiscal_year")
    if year is not None and re.search(r"(?:19|20)\d{2}\s*(?:年)?\s*[-—–~至到]\s*(?:19|20)\d{2}", head):
        flag(year, "several_years")


def _conflicts(ex: Extraction) -> None:
    for f in ex.fields:
        if any(not same_number(f.value, o.value) for o in f.others):
            flag(f, "conflicting_values")


def _rates(ex: Extraction) -> None:
    for row in ("total", "fiscal", "carryover", "other"):
        rate = ex.field(f"funding.{row}.execution_rate")
        executed = ex.number(f"funding.{row}.executed")
        budget = ex.number(f"funding.{row}.full_year_budget") or ex.number(f"funding.{row}.initial_budget")
        if rate is None or not rate.value.is_number or executed is None or not budget:
            continue
        stated = float(rate.value.value)
        slots = (f"funding.{row}.execution_rate", f"funding.{row}.executed",
                 f"funding.{row}.full_year_budget", f"funding.{row}.initial_budget")
        if abs(executed / budget * 100 - stated) <= RATE_TOL \
                or _transfer_form(ex.document, ex.field(f"funding.{row}.executed"), executed, budget, stated):
            for slot in slots:
                vouch(ex.field(slot), "rate")
            continue
        for slot in slots:
            f = ex.field(slot)
            if f is not None:
                flag(f, "rate_mismatch")


def _transfer_form(doc: Document, executed_field: Optional[Field], executed: float, budget: float, stated: float) -> bool:
    """(B−C)/A: some tables subtract a transfer column C from the executed B. Accept the
    rate when a figure in the executed value's own row is such a C."""
    if executed_field is None:
        return False
    for table in doc.tables():
        for row in table.rows:
            if row.start <= executed_field.span.start <= row.end:
                for cell in row.cells:
                    c = parse_number(cell.text)
                    if c is not None and c != executed and abs((executed - c) / budget * 100 - stated) <= RATE_TOL:
                        return True
    return False


SUMS = (
    # (total slot, part slots): checked when the total and every part are stated
    *[(f"funding.total.{col}", [f"funding.{r}.{col}" for r in ("fiscal", "carryover", "other")])
      for col in ("initial_budget", "full_year_budget", "executed")],
    ("expenditure.total", ["expenditure.basic", "expenditure.project"]),
    ("expenditure.basic", ["expenditure.personnel", "expenditure.public"]),
    *[(f"three_public.total.{col}", [f"three_public.{p}.{col}" for p in ("reception", "vehicle", "overseas")])
      for col in ("budget", "actual")],
)


def _sums(ex: Extraction) -> None:
    for total_slot, part_slots in SUMS:
        total = ex.number(total_slot)
        parts = [ex.number(s) for s in part_slots]
        if total is None or any(p is None for p in parts):
            continue
        if _close(total, sum(parts)):
            for s in [total_slot, *part_slots]:
                vouch(ex.field(s), "sum")
            continue
        for s in [total_slot, *part_slots]:
            flag(ex.field(s), "sum_mismatch")


def _scores(ex: Extraction) -> None:
    for item in ex.indicators:
        if item.weight is not None and item.score is not None and item.score > item.weight + 1e-9:
            flag(item, "score_exceeds_weight")
    weights = [i.weight for i in ex.indicators if i.weight is not None]
    fund_weight = ex.number("funding.total.weight") or 0
    if len(weights) >= 3 and _close(sum(weights) + fund_weight, 100.0, rel=0.0, abs_tol=0.05):
        for i in ex.indicators:                  # the weights add up to the form's 100
            if i.weight is not None:
                vouch(i, "weights_total")
    fw, fs = ex.field("funding.total.weight"), ex.field("funding.total.score")
    if fw and fs and fw.value.is_number and fs.value.is_number and fs.value.value > fw.value.value:
        flag(fs, "score_exceeds_weight")
    self_score = ex.field("evaluation.self_score")
    scores = [i.score for i in ex.indicators if i.score is not None]
    if self_score is not None and self_score.value.is_number and len(scores) >= 3 \
            and len(scores) == len(ex.indicators):
        total = sum(scores) + (ex.number("funding.total.score") or 0)
        if not _close(total, float(self_score.value.value), rel=0.0, abs_tol=0.05):
            flag(self_score, "scores_total_mismatch")
        else:
            vouch(self_score, "scores_total")
            for i in ex.indicators:
                vouch(i, "scores_total")
    if self_score is not None and self_score.value.is_number and not 0 <= float(self_score.value.value) <= 100:
        flag(self_score, "out_of_range")
