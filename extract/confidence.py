"""Each item's `confidence`, and its review flag.

The probability comes from the calibrator fitted on annotated documents
(`models/calibration.json`, see calibration.py); without one, from a small prior per
kind of evidence, so a fresh install still ranks table cells above sentences.
`needs_review` is set when the probability is below the configured threshold
(`low_confidence`) or a consistency check failed (its reason is already there).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .calibration import Calibrator, field_features, indicator_features
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
    p = PRIOR.get(source, 0.6)
    return p * (0.4 if reasons else 1.0)


def assign(ex: Extraction, config: Config) -> None:
    cal = load_calibrator(config.models.calibrator) if config.models.use_models else None
    threshold = config.review.threshold
    for f in ex.fields:
        f.confidence = cal.probability(field_features(f)) if cal else _prior(f.source, f.reasons)
    for i in ex.indicators:
        i.confidence = cal.probability(indicator_features(i)) if cal else _prior(i.source, i.reasons)
    for item in [*ex.fields, *ex.indicators]:
        if item.confidence < threshold and "low_confidence" not in item.reasons:
            item.reasons.append("low_confidence")
        item.needs_review = bool(item.reasons)
