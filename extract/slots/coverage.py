"""How much of a document the rules read: a form printed and none of it read, a table of
figures with no value found in it, a kind not decided.

The document-level review reasons (`review.reasons`), so a reviewer starts with the reports
read least, and features of the confidence calibrator (a value from a document read badly
is more often wrong).
"""
from __future__ import annotations

import re

from extract.slots.record import Extraction

# The forms' own vocabulary (TEMPLATES.md): a text that prints the indicator table's or the
# funding table's header words was meant to be read as one.
_INDICATOR_FORM = re.compile(r"三级指标|二级指标|一级指标|指标名称|绩效指标|指标值|目标值|完成值|"
                             r"数量指标|质量指标|时效指标|效益指标|满意度指标")
_FUNDING_FORM = re.compile(r"年初预算数|全年预算数|全年执行数|预算执行率|执行率")


def _unread_table(table, ex: Extraction) -> bool:
    """A table of figures (three rows or more, four figure cells or more) with no found value in it."""
    if len(table.rows) < 3:
        return False
    figures = sum(1 for r in table.rows for c in r.cells if _FIGURE_CELL.search(c.text))
    if figures < 4:
        return False
    return not any(table.start <= it.span.start < table.end for it in [*ex.fields, *ex.indicators])


_FIGURE_CELL = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万元|元)?\s*$")


def document_reasons(ex: Extraction, threshold: float) -> list[str]:
    """Why the document as a whole needs a reviewer: it prints an indicator or funding form
    and none of it was read, its tables gave nothing, or its kind is unknown or doubtful."""
    reasons = []
    text = ex.document.text
    if not ex.indicators and len(set(_INDICATOR_FORM.findall(text))) >= 2:
        reasons.append("indicators_unread")
    if not any(f.slot.startswith("funding.") for f in ex.fields) and _FUNDING_FORM.search(text):
        reasons.append("funding_unread")
    if any(_unread_table(t, ex) for t in ex.document.tables()):
        reasons.append("tables_unread")
    kind = ex.field("report.kind")
    if kind is None:
        reasons.append("kind_unknown")
    elif kind.confidence < threshold:
        reasons.append("kind_uncertain")
    return reasons
