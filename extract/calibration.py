"""Confidence that means something: a probability learned from annotated documents.

Each extracted item is described by a few features (its slot family, the rule or model
that found it, table or text, how many other places agree or disagree, which checks
failed, the model's own score). A logistic regression fitted on items judged right or
wrong against gold/reviewed annotations maps those features to the probability that
the item is right (Platt-style: the output of a log-loss fit is itself calibrated).
The fit is stored as plain JSON weights in `models/calibration.json` so that run time
needs no pickle and no scikit-learn.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .record import Field, Indicator
from .slots import same_number


def slot_family(slot: str) -> str:
    parts = slot.split(".")
    if parts[0] in ("report", "evaluation", "staff"):
        return slot
    if parts[0] == "funding":
        return f"funding.{parts[1]}" if parts[2] not in ("weight", "score", "execution_rate") else f"funding.{parts[2]}"
    return parts[0]


def field_features(f: Field) -> dict[str, float]:
    agree = sum(1 for o in f.others if same_number(f.value, o.value))
    differ = sum(1 for o in f.others if not same_number(f.value, o.value))
    feats = {
        f"family={slot_family(f.slot)}": 1.0,
        f"source={f.source or 'unknown'}": 1.0,
        f"evidence={f.evidence}": 1.0,
        "agree": float(min(agree, 3)),
        "conflict": 1.0 if differ else 0.0,
        "numeric": 1.0 if f.value.is_number else 0.0,
        "raw_long": 1.0 if len(f.value.raw) > 20 else 0.0,
        "raw_short": 1.0 if len(f.value.raw) < 6 and not f.value.is_number else 0.0,
        "noise": _noise(f.value.raw),
    }
    if f.value.is_number and f.value.unit == "万元":
        feats["log_amount"] = math.log10(1 + abs(float(f.value.value))) / 6
    for r in f.reasons:
        feats[f"check={r}"] = 1.0
    if getattr(f, "model_score", None) is not None:
        feats["model_score"] = float(f.model_score)
    return feats


def indicator_features(i: Indicator) -> dict[str, float]:
    feats = {
        "indicator": 1.0,
        f"ind_source={i.source or 'unknown'}": 1.0,
        f"ind_evidence={i.evidence}": 1.0,
        "has_target": 1.0 if i.target is not None else 0.0,
        "has_actual": 1.0 if i.actual is not None else 0.0,
        "target_numeric": 1.0 if i.target is not None and i.target.is_number else 0.0,
        "actual_numeric": 1.0 if i.actual is not None and i.actual.is_number else 0.0,
        "has_weight": 1.0 if i.weight is not None else 0.0,
        "has_level2": 1.0 if i.level2 else 0.0,
        "long_name": 1.0 if len(i.name) > 30 else 0.0,
        "name_figure_tail": 1.0 if re.search(r"\d\W?$", i.name) else 0.0,
        "noise": max(_noise(i.name), _noise(i.target.raw if i.target else ""), _noise(i.actual.raw if i.actual else "")),
    }
    for r in i.reasons:
        feats[f"check={r}"] = 1.0
    if getattr(i, "model_score", None) is not None:
        feats["model_score"] = float(i.model_score)
    return feats


_ODD = re.compile(r"[^\u4e00-\u9fff\u3000-\u303f\uff00-\uffefA-Za-z0-9\s.,:;%()（）、，。：；“”‘’《》≥≤≧≦<>=+\-—/·]")


def _noise(text: str) -> float:
    """Characters OCR produces and reports do not ($ ^ ~ |): a sign the value is garbled."""
    return min(1.0, 3 * len(_ODD.findall(text or "")) / max(1, len(text or "")))


def features(item: Field | Indicator) -> dict[str, float]:
    """The features of any item; `low_confidence` is left out, since the confidence is
    what these features are for."""
    f = field_features(item) if isinstance(item, Field) else indicator_features(item)
    f.pop("check=low_confidence", None)
    return f


@dataclass
class Calibrator:
    weights: dict[str, float]
    intercept: float
    trained_on: int = 0

    def probability(self, feats: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def save(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps({"kind": "logistic", "intercept": self.intercept,
                                          "weights": self.weights, "trained_on": self.trained_on},
                                         ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Optional["Calibrator"]:
        """The calibrator saved at `path` (taken as given: callers resolve it with
        `config.model_path`), None when there is none; ValueError naming the file when it
        cannot be read as one."""
        p = Path(path)
        if not p.exists():
            return None
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            return cls(weights=data["weights"], intercept=data["intercept"], trained_on=data.get("trained_on", 0))
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as e:
            raise ValueError(f"{p} is not a calibrator this jixiao can read ({type(e).__name__}: {e}); "
                             "refit it with `jixiao calibrate`") from None


def fit(samples: Iterable[tuple[dict[str, float], bool]], c: float = 1.0) -> Calibrator:
    """Fit on (features, correct) pairs with scikit-learn's log-loss logistic regression."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    samples = list(samples)
    X = [s for s, _ in samples]
    y = [int(ok) for _, ok in samples]
    if len(set(y)) < 2:
        p = (sum(y) + 1) / (len(y) + 2)
        return Calibrator(weights={}, intercept=math.log(p / (1 - p)), trained_on=len(y))
    vec = DictVectorizer(sparse=False)
    Xm = vec.fit_transform(X)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(Xm, y)
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])}
    return Calibrator(weights=weights, intercept=float(model.intercept_[0]), trained_on=len(y))
