"""Each item's `confidence`, and its review flag.

The probability comes from the calibrator fitted on annotated documents
(`models/calibration.json`, see learn/calibration.py); without one, from a small prior per
kind of evidence, so a fresh install still ranks table cells above sentences.
`needs_review` is set when the probability is below the configured threshold
(`low_confidence`; for an indicator row the threshold through the calibrator's row map,
`Calibrator.review_threshold`) or a consistency check failed (its reason is already there).
"""
from __future__ import annotations

from extract.config import Config
from extract.learn.calibration import document_features, features, low_confidence
from extract.learn.models import load_calibrator
from extract.slots.coverage import document_reasons
from extract.slots.record import Extraction

PRIOR = {  # source -> probability of being right, before any calibration
    "funding_table": 0.95, "indicator_table": 0.9, "three_public_table": 0.95, "label_row": 0.9,
    "label_value": 0.9, "indicator_total": 0.9, "sentence": 0.8, "three_public_sentence": 0.75,
    "year": 0.9, "kind": 0.75, "department": 0.7, "project_name": 0.5,
    "narrative_pair": 0.7, "narrative_target": 0.5, "narrative_rate": 0.6, "model": 0.5,
}


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
        if low_confidence(item, cal, threshold) and "low_confidence" not in item.reasons:
            item.reasons.append("low_confidence")
        item.needs_review = bool(item.reasons)
    ex.review_reasons = document_reasons(ex, threshold) + [r for r in ex.review_reasons if r == "figures_unsplit"]
