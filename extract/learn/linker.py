"""The slot linker: which slot (or indicator attribute, or nothing) a figure in a report is.

A scikit-learn model over the figure's context as flattened text shows it (see
`extract.learn.nlp.context`): its entity label and unit, the row header, the column header, the
characters just before and after it, and the section heading. The classifier is a
logistic regression whose probabilities are calibrated (`CalibratedClassifierCV`, sigmoid
fitted on 3-fold cross-validated predictions; one model at run time, `ensemble=False`) because they are used as probabilities: as `model_score` by the confidence stage,
and against `Models.link_threshold` before the model adds a field the rules did not find.

Trained by `jixiao train` from the annotations' per-region slot/attribute choices; an
annotated numeric entity without a choice is an example of `none`. A region marking an
indicator's 一级/二级 name holds words, no figure: it teaches the linker nothing (the lexicon
learns level names from it).
"""
from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from extract import schema
from extract.learn.nlp.annotations import NONE, AnnotatedText
from extract.learn.nlp.context import context_of

LINKED_LABELS = ("AMOUNT", "RATE", "QUANTITY", "SCORE", "TARGET")
_LABEL_OF_KIND = {schema.MONEY: "AMOUNT", schema.RATE: "RATE", schema.COUNT: "QUANTITY", schema.NUMBER: "SCORE"}
_DIGITS = re.compile(r"[\d.,]+")
_NAMING_ATTRIBUTES = ("indicator.level1", "indicator.level2")     # a level's name: words, no figure
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


@functools.lru_cache(maxsize=8192)
def _gram_keys(prefix: str, s: str) -> tuple[str, ...]:
    """Character 1-3-grams of `s` (figures as 0), as feature names. Memoised: the figures of
    one table share their row header, column header and heading, so most calls repeat."""
    s = _DIGITS.sub("0", s)
    return tuple(f"{prefix}:{s[i:i + n]}" for n in (1, 2, 3) for i in range(len(s) - n + 1))


def _grams(prefix: str, s: str, out: dict[str, float]) -> None:
    out.update(dict.fromkeys(_gram_keys(prefix, s), 1.0))


@functools.lru_cache(maxsize=1)
def _label_words() -> tuple[str, ...]:
    """Every Chinese label of every slot in the schema (年初预算数, 执行率, 公务接待费 …)."""
    words = {w.replace("(", "").replace(")", "") for s in schema.SLOTS.values() for w in s.labels}
    return tuple(sorted(w for w in words if len(w) >= 2))


@functools.lru_cache(maxsize=8192)
def _label_words_in(text: str) -> tuple[str, ...]:
    plain = text.replace("（", "").replace("）", "").replace("(", "").replace(")", "").replace("“", "").replace("”", "")
    return tuple(w for w in _label_words() if w in plain)


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
    """Linker examples: each link mark, and each numeric entity no link covers (as `none`).
    Regions of text slots (a department's or project's name, a grade) are no figures and
    teach the linker nothing: left out (a figure inside such a name is `none`)."""
    out: list[Example] = []
    for t in texts:
        linked = []
        for m in t.links:
            if m.label in schema.TEXT_SLOTS or m.label in _NAMING_ATTRIBUTES:
                continue
            ent = next((e for e in t.entities if e.start < m.end and m.start < e.end
                        and e.label in LINKED_LABELS), None)
            out.append(Example(t.text, m.start, m.end, ent.label if ent else label_for_slot(m.label), m.label))
            linked.append(m)
        for e in t.entities:
            if e.label in LINKED_LABELS and not any(m.start < e.end and e.start < m.end for m in linked):
                out.append(Example(t.text, e.start, e.end, e.label, NONE))
    return out


@dataclass
class LinkerWeights:
    """A fitted linker as plain arrays: what `predict` needs, without scikit-learn.

    Run time (every worker of a batch) only multiplies these; importing scikit-learn and
    unpickling its estimators cost ~1.5 s per process, more than the rest of the model load.
    """
    vocabulary: dict[str, int]      # feature name -> column (DictVectorizer.vocabulary_)
    classes: list[str]
    coef: "numpy.ndarray"           # (n_decision_columns, n_features), LogisticRegression.coef_
    intercept: "numpy.ndarray"      # (n_decision_columns,)
    sigmoid_a: "numpy.ndarray"      # per decision column: p = 1 / (1 + exp(a * d + b))
    sigmoid_b: "numpy.ndarray"
    columns: "numpy.ndarray"        # class index each decision column (and calibrator) belongs to

    ARRAYS = ("coef", "intercept", "sigmoid_a", "sigmoid_b", "columns")    # stored as arrays; the rest as JSON

    @classmethod
    def of(cls, model) -> "LinkerWeights":
        """The arrays of a fitted `make_pipeline(DictVectorizer, CalibratedClassifierCV(
        LogisticRegression, method="sigmoid", ensemble=False))`."""
        import numpy
        vec, cal = model.steps[0][1], model.steps[-1][1]
        if len(cal.calibrated_classifiers_) != 1 or cal.method != "sigmoid":
            raise ValueError("the linker exports one sigmoid-calibrated classifier "
                             "(CalibratedClassifierCV(method='sigmoid', ensemble=False))")
        cc = cal.calibrated_classifiers_[0]
        classes = [str(c) for c in cal.classes_]
        est_classes = [str(c) for c in cc.estimator.classes_]
        columns = [classes.index(c) for c in est_classes]
        if len(classes) == 2:           # binary: one decision column, for classes_[1]
            columns = [1]
        return cls({str(k): int(v) for k, v in vec.vocabulary_.items()}, classes,
                   numpy.asarray(cc.estimator.coef_, dtype=float), numpy.asarray(cc.estimator.intercept_, dtype=float),
                   numpy.array([c.a_ for c in cc.calibrators], dtype=float),
                   numpy.array([c.b_ for c in cc.calibrators], dtype=float), numpy.array(columns, dtype=int))

    def predict_proba(self, rows: list[dict[str, float]]) -> "numpy.ndarray":
        """Calibrated probabilities, (len(rows), len(classes)); the same arithmetic as
        CalibratedClassifierCV.predict_proba (one-vs-rest sigmoids, normalised)."""
        import numpy
        decision = numpy.tile(self.intercept, (len(rows), 1))
        weights = self.coef.T                   # (n_features, n_decision_columns)
        lookup = self.vocabulary.get
        for i, row in enumerate(rows):          # rows are sparse: ~100 of ~10^4 features
            cols = [lookup(name, -1) for name in row]
            known = [k for k, j in enumerate(cols) if j >= 0]
            if known:
                values = numpy.fromiter(row.values(), dtype=float, count=len(row))[known]
                decision[i] += values @ weights[[cols[k] for k in known]]
        calibrated = 1.0 / (1.0 + numpy.exp(self.sigmoid_a * decision + self.sigmoid_b))
        proba = numpy.zeros((len(rows), len(self.classes)))
        proba[:, self.columns] = calibrated
        if len(self.classes) == 2:
            proba[:, 0] = 1.0 - proba[:, 1]
        else:
            total = proba.sum(axis=1, keepdims=True)
            proba = numpy.divide(proba, total, out=numpy.full_like(proba, 1 / len(self.classes)), where=total != 0)
        proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        return proba


class SlotLinker:
    """A fitted, calibrated linker; `predict` gives a probability per class for each span.

    Trained with scikit-learn (`train`), stored and run as `LinkerWeights`.
    """

    FORMAT = 3      # linker.npz: the arrays of LinkerWeights, and "meta" (JSON: version, classes, vocabulary)

    def __init__(self, weights: "LinkerWeights | object") -> None:
        self.weights = weights if isinstance(weights, LinkerWeights) else LinkerWeights.of(weights)

    @property
    def classes(self) -> list[str]:
        return list(self.weights.classes)

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
        probs = self.weights.predict_proba([features(text, s, e, label) for s, e, label in spans])
        classes = self.classes
        return [dict(zip(classes, map(float, row))) for row in probs]

    def save(self, path: Path) -> Path:
        """A numpy archive (`.npz`) of the arrays, with the classes and the vocabulary as
        JSON: it loads in milliseconds with numpy alone (no pickle, no joblib)."""
        import numpy
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        w = self.weights
        meta = json.dumps({"version": self.FORMAT, "classes": w.classes, "vocabulary": w.vocabulary}, ensure_ascii=False)
        with open(path, "wb") as fh:
            numpy.savez_compressed(fh, meta=numpy.frombuffer(meta.encode("utf-8"), dtype=numpy.uint8),
                                   **{name: getattr(w, name) for name in w.ARRAYS})
        return path

    @classmethod
    def load(cls, path: Path) -> Optional["SlotLinker"]:
        """The linker saved at `path`, or None when there is none."""
        import numpy
        path = Path(path)
        if not path.exists():
            return None
        try:
            with numpy.load(path, allow_pickle=False) as z:
                meta = json.loads(z["meta"].tobytes().decode("utf-8"))
                arrays = {name: z[name] for name in LinkerWeights.ARRAYS}
        except (ValueError, KeyError, OSError) as e:
            raise ValueError(f"{path} is not a linker this jixiao can read (format {cls.FORMAT}, a .npz written by "
                             f"`jixiao train`): {e}; retrain with `jixiao train`") from None
        if meta.get("version") != cls.FORMAT:
            raise ValueError(f"{path} is a linker of format {meta.get('version')}, this jixiao reads format "
                             f"{cls.FORMAT}: retrain with `jixiao train`")
        return cls(LinkerWeights(meta["vocabulary"], meta["classes"], **arrays))
