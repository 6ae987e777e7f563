"""The slot linker: which slot (or indicator attribute, or nothing) a figure in a report is.

A scikit-learn model over the figure's context as flattened text shows it (see
`extract.nlp.context`): its entity label and unit, the row header, the column header, the
characters just before and after it, and the section heading. The classifier is a
logistic regression whose probabilities are calibrated (`CalibratedClassifierCV`, sigmoid
fitted on 3-fold cross-validated predictions; one model at run time, `ensemble=False`) because they are used as probabilities: as `model_score` by the confidence stage,
and against `Models.link_threshold` before the model adds a field the rules did not find.

Trained by `jixiao train` from the annotations' per-region slot/attribute choices; an
annotated numeric entity without a choice is an example of `none`.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from . import schema
from .nlp.annotations import NONE, AnnotatedText
from .nlp.context import context_of

LINKED_LABELS = ("AMOUNT", "RATE", "QUANTITY", "SCORE", "TARGET")
_LABEL_OF_KIND = {schema.MONEY: "AMOUNT", schema.RATE: "RATE", schema.COUNT: "QUANTITY", schema.NUMBER: "SCORE"}
_DIGITS = re.compile(r"[\d.,]+")
MIN_CLASS_EXAMPLES = 3       # rarer classes cannot be calibrated with 3 folds; left out
MIN_FEATURE_COUNT = 2        # a context n-gram seen once generalises to nothing and bloats the model


@dataclass(frozen=True)
class Example:
    text: str
    start: int
    end: int
    label: str           # entity label of the span
    target: str          # slot name, indicator.<attribute> or none


def label_for_slot(slot: str) -> str:
    """The entity label a slot's value would carry, for spans no entity covers."""
    return _LABEL_OF_KIND.get(schema.SLOTS[slot].kind, "AMOUNT") if slot in schema.SLOTS else "QUANTITY"


def _grams(prefix: str, s: str, out: dict[str, float], weight: float = 1.0) -> None:
    s = _DIGITS.sub("0", s)
    for n in (1, 2, 3):
        for i in range(len(s) - n + 1):
            out[f"{prefix}:{s[i:i + n]}"] = weight


@functools.lru_cache(maxsize=1)
def _label_words() -> tuple[str, ...]:
    """Every Chinese label of every slot in the schema (年初预算数, 执行率, 公务接待费 …)."""
    words = {w.replace("(", "").replace(")", "") for s in schema.SLOTS.values() for w in s.labels}
    return tuple(sorted(w for w in words if len(w) >= 2))


def _label_words_in(text: str) -> list[str]:
    plain = text.replace("（", "").replace("）", "").replace("(", "").replace(")", "").replace("“", "").replace("”", "")
    return [w for w in _label_words() if w in plain]


def features(text: str, start: int, end: int, label: str) -> dict[str, float]:
    """The linker's view of one span: which schema labels its row, column, the words before
    it and its heading contain (the cues that carry over between reports), plus character
    n-grams of the same contexts for what the schema does not name."""
    c = context_of(text, start, end)
    span = text[start:end]
    f: dict[str, float] = {f"label={label}": 1.0, f"cell={min(c.cell_index, 12)}": 1.0,
                           f"unit={_DIGITS.sub('', span).strip()[:6]}": 1.0,
                           "in_table": float(bool(c.row_header))}
    number = _DIGITS.search(span)
    if number:
        try:
            v = float(number.group().replace(",", ""))
            f[f"magnitude={int(math.log10(abs(v))) if v else -9}"] = 1.0
            f["decimal"] = float("." in number.group())
        except ValueError:
            pass
    for part, where in (("row", c.row_header), ("col", c.column_header), ("left", c.left),
                        ("head", c.heading)):
        for word in _label_words_in(where):
            f[f"{part}~{word}"] = 1.0
    _grams("row", c.row_header, f)
    _grams("col", c.column_header, f)
    _grams("left", c.left, f)
    _grams("near", c.left[-6:], f)
    _grams("right", c.right, f)
    _grams("head", c.heading, f)
    return f


def examples_from(texts: Iterable[AnnotatedText]) -> list[Example]:
    """Linker examples: each link mark, and each numeric entity no link covers (as `none`)."""
    out: list[Example] = []
    for t in texts:
        linked = []
        for m in t.links:
            ent = next((e for e in t.entities if e.start < m.end and m.start < e.end
                        and e.label in LINKED_LABELS), None)
            out.append(Example(t.text, m.start, m.end, ent.label if ent else label_for_slot(m.label), m.label))
            linked.append(m)
        for e in t.entities:
            if e.label in LINKED_LABELS and not any(m.start < e.end and e.start < m.end for m in linked):
                out.append(Example(t.text, e.start, e.end, e.label, NONE))
    return out


class SlotLinker:
    """A fitted, calibrated linker; `predict` gives a probability per class for each span."""

    def __init__(self, model) -> None:
        self.model = model

    @property
    def classes(self) -> list[str]:
        return list(self.model.classes_)

    @classmethod
    def train(cls, examples: list[Example], seed: int = 0) -> "SlotLinker":
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline

        counts = Counter(e.target for e in examples)
        kept = [e for e in examples if counts[e.target] >= MIN_CLASS_EXAMPLES]
        if len({e.target for e in kept}) < 2:
            raise ValueError("the linker needs at least two classes with 3+ examples each; annotate more")
        X = [features(e.text, e.start, e.end, e.label) for e in kept]
        seen = Counter(k for x in X for k in x)
        X = [{k: v for k, v in x.items() if seen[k] >= MIN_FEATURE_COUNT} for x in X]
        y = [e.target for e in kept]
        base = LogisticRegression(C=4.0, max_iter=3000, random_state=seed)
        model = make_pipeline(DictVectorizer(), CalibratedClassifierCV(base, method="sigmoid", cv=3, ensemble=False))
        model.fit(X, y)
        return cls(model)

    def predict(self, text: str, spans: list[tuple[int, int, str]]) -> list[dict[str, float]]:
        """For each (start, end, label): {class: probability}."""
        if not spans:
            return []
        X = [features(text, s, e, label) for s, e, label in spans]
        probs = self.model.predict_proba(X)
        classes = self.classes
        return [dict(zip(classes, map(float, row))) for row in probs]

    def save(self, path: Path) -> Path:
        import joblib
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump({"model": self.model, "version": 1}, path, compress=3)
        return path

    @classmethod
    def load(cls, path: Path) -> Optional["SlotLinker"]:
        import joblib
        path = Path(path)
        if not path.exists():
            return None
        return cls(joblib.load(path)["model"])
