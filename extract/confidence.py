"""Each item's `confidence`, and its review flag.

The probability comes from the calibrator fitted on annotated documents
(`models/calibration.json`, see calibration.py); without one, from a small prior per
kind of evidence, so a fresh install still ranks table cells above sentences.
`needs_review` is set when the probability is below the configured threshold
(`low_confidence`) or a consistency check failed (its reason is already there).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .calibration import Calibrator, document_features, features
from .config import Config, model_path
from .record import Extraction

PRIOR = {  # source -> probability of being right, before any calibration
    "funding_table": 0.95, "indicator_table": 0.9, "three_public_table": 0.95, "label_row": 0.9,
    "label_value": 0.9, "indicator_total": 0.9, "sentence": 0.8, "three_public_sentence": 0.75,
    "year": 0.9, "kind": 0.75, "department": 0.7, "project_name": 0.5,
    "narrative_pair": 0.7, "narrative_target": 0.5, "narrative_rate": 0.6, "model": 0.5,
}


@lru_cache(maxsize=8)
def load_calibrator(path: str) -> Optional[Calibrator]:
    """The calibrator at `path` (resolved by `config.model_path`, never against the working
    directory), or None when it is missing or unreadable, with one warning (models.status)."""
    from .models import MISSING, OK, UNREADABLE, _note
    p = model_path(path)
    if not p.exists():
        _note("calibrator", p, MISSING)
        return None
    try:
        cal = Calibrator.load(p)
    except ValueError as e:
        _note("calibrator", p, UNREADABLE, str(e))
        return None
    _note("calibrator", p, OK)
    return cal


def _prior(source: str, reasons: list[str]) -> float:
    p = PRIOR.get(source, PRIOR.get(source.split("_", 1)[0], 0.6))   # department_label -> department
    return p * (0.4 if reasons else 1.0)


def assign(ex: Extraction, config: Config) -> None:
    cal = load_calibrator(config.models.calibrator) if config.models.use_models else None
    threshold = config.review.threshold
    doc = document_features(ex) if cal else None
    for item in [*ex.fields, *ex.indicators]:
        item.confidence = cal.probability(features(item, doc, ex)) if cal else _prior(item.source, item.reasons)
    for item in [*ex.fields, *ex.indicators]:
        if item.confidence < threshold and "low_confidence" not in item.reasons:
            item.reasons.append("low_confidence")
        item.needs_review = bool(item.reasons)
    ex.review_reasons = document_reasons(ex, threshold) + [r for r in ex.review_reasons if r == "figures_unsplit"]


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
