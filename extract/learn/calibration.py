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
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from extract.slots.assign import same_number
from extract.slots.coverage import document_reasons
from extract.slots.record import Extraction, Field, Indicator


def slot_family(slot: str) -> str:
    parts = slot.split(".")
    if parts[0] in ("report", "evaluation", "staff"):
        return slot
    if parts[0] == "funding":
        return f"funding.{parts[1]}" if parts[2] not in ("weight", "score", "execution_rate") else f"funding.{parts[2]}"
    return parts[0]


# A figure as a reader counts it: a number with a decimal point, a unit or a percent sign, or
# of two digits or more; years (2023年) and dates are not figures of the report's content.
_FIGURE = re.compile(r"(?<![\d.])(?!(?:19|20)\d{2}\s*[年\-/.])\d+(?:\.\d+)?(?:\s*(?:%|％|万元|元|亿|万|个|人|项|家|次|户|分))?")


def figure_cover(ex: "Extraction", tables_only: bool = False) -> tuple[int, float]:
    """(figures in the text, or in its tables' cells, share of them inside a found value's place)."""
    spans = sorted((it.span.start, it.span.end) for it in [*ex.fields, *ex.indicators]
                   if it.span.end > it.span.start)
    text = ex.document.text
    if tables_only:
        cells = [(c.start, c.end) for t in ex.document.tables() for r in t.rows for c in r.cells]
        figures = [m for a, b in sorted(cells) for m in _FIGURE.finditer(text, a, b) if len(m.group(0)) >= 2]
    else:
        figures = [m for m in _FIGURE.finditer(text) if len(m.group(0)) >= 2]
    covered = 0
    j = 0
    for m in figures:                               # both sorted: one pass
        while j < len(spans) and spans[j][1] <= m.start():
            j += 1
        k = j
        while k < len(spans) and spans[k][0] <= m.start():
            if spans[k][1] >= m.end():
                covered += 1
                break
            k += 1
    return len(figures), (covered / len(figures) if figures else 1.0)


def document_features(ex: "Extraction") -> dict[str, float]:
    """How much of the document the reader understood, for every item of it: on a layout no
    rule was written for, most figures get no role and the few values found are less sure.
    Share of figures inside a found value's place, whether tables were read, the kind."""
    n, cover = figure_cover(ex)
    tn, tcover = figure_cover(ex, tables_only=True)
    kind = ex.field("report.kind")
    kind_value = kind.value.value if kind is not None else "none"
    return {
        "doc_cover": cover,
        "doc_cover_low": 1.0 if n and cover < 0.25 else 0.0,
        "doc_figures": min(1.0, n / 100),
        "doc_table_cover": tcover if tn else 0.0,
        "doc_table_cover_low": 1.0 if tn >= 8 and tcover < 0.25 else 0.0,
        "doc_tables": 1.0 if any(len(t.rows) >= 3 for t in ex.document.tables()) else 0.0,
        f"doc_kind={kind_value}": 1.0,
        "doc_items": min(1.0, math.log1p(len(ex.fields) + len(ex.indicators)) / 4),
        **_document_checks(ex),
    }


# The forms' vocabulary (TEMPLATES.md): level-1 names of the indicator table, the first words of
# its level-2 names, and the header words a text printing the form carries.
_LEVEL1 = re.compile(r"^(?:产出|效益|满意度|成本)指标$")
_LEVEL2 = re.compile(r"^(?:数量|质量|时效|成本|经济|社会|生态|可持续|服务对象|满意度)")
_FORM_WORDS = re.compile(r"三级指标|二级指标|一级指标|指标名称|绩效指标|年度指标值|指标值|目标值|实际完成值|完成值|"
                         r"数量指标|质量指标|时效指标|效益指标|满意度指标|分值|得分|年初预算数|全年预算数|全年执行数|执行率")


def _document_checks(ex: "Extraction") -> dict[str, float]:
    """How the rest of the document fared, for every item of it: the share of its values a check
    failed or held for, how much of the forms' vocabulary it prints, how many of its indicator
    rows look like the form's (a standard level-1 name; target and actual both read), and the
    document-level review reasons (a form printed and not read, a table of figures unread)."""
    items = [*ex.fields, *ex.indicators]
    n = max(1, len(items))
    inds = ex.indicators
    out = {
        "doc_failed_share": sum(1 for it in items if any(r != "low_confidence" for r in it.reasons)) / n,
        "doc_passed_share": sum(1 for it in items if it.passed) / n,
        "doc_form_words": min(1.0, len(set(_FORM_WORDS.findall(ex.document.text))) / 8),
        "doc_ind_form_share": (sum(1 for i in inds if i.level1 and _LEVEL1.match(i.level1)) / len(inds)) if inds else 0.0,
        "doc_ind_full_share": (sum(1 for i in inds if i.target is not None and i.actual is not None) / len(inds))
                              if inds else 0.0,
    }
    for r in document_reasons(ex, 0.0):              # threshold 0: kind_uncertain never fires here
        out[f"doc_reason={r}"] = 1.0
    return out


def field_features(f: Field, ex: Optional["Extraction"] = None) -> dict[str, float]:
    agree = sum(1 for o in f.others if same_number(f.value, o.value))
    feats = {
        f"family={slot_family(f.slot)}": 1.0,
        f"source={f.source or 'unknown'}": 1.0,
        f"evidence={f.evidence}": 1.0,
        "agree": float(min(agree, 3)),
        "conflict": 1.0 if "conflicting_values" in f.reasons else 0.0,     # checks._conflicts
        "numeric": 1.0 if f.value.is_number else 0.0,
        "raw_long": 1.0 if len(f.value.raw) > 20 else 0.0,
        "raw_short": 1.0 if len(f.value.raw) < 6 and not f.value.is_number else 0.0,
        "noise": _noise(f.value.raw),
    }
    if f.value.is_number and f.value.unit == "万元" and f.evidence == "table":
        feats["log_amount"] = math.log10(1 + abs(float(f.value.value))) / 6
    for r in f.reasons:
        feats[f"check={r}"] = 1.0
    for c in f.passed:
        feats[f"passed={c}"] = 1.0
    if f.value.is_number:
        feats["implausible"] = _implausible(f.slot, float(f.value.value))
    if getattr(f, "model_score", None) is not None:
        feats["model_score"] = float(f.model_score)
    if f.slot.startswith("funding."):
        feats.update(_funding_state(f))
    if ex is not None:
        feats.update(_against_total(f, ex))
        feats.update(_place(f, ex.document.text))
        feats.update(_restated(f, ex.document.text))
    return feats


_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")


@lru_cache(maxsize=4)
def _printed_numbers(text: str) -> Counter:
    """How often the text prints each number (thousands separators dropped), by its float value:
    counted once per document, looked up per value."""
    return Counter(float(m.group(0)) for m in _NUMBER.finditer(text.replace(",", "")))


def _restated(f: Field, text: str) -> dict[str, float]:
    """Whether the figure a numeric value was read from is printed more than once in the text
    (250000.00 in the form and 250000 in the prose, a total in the summary table and again in
    the analysis): a second, independent statement of it. A figure of one digit (0, 5) is
    everywhere and says nothing, so it gets no feature."""
    if not f.value.is_number:
        return {}
    m = _NUMBER.search((f.value.raw or "").replace(",", ""))
    if m is None or len(m.group(0).replace(".", "").lstrip("0")) < 2:
        return {}
    figure = float(m.group(0))
    return {"value_restated": 1.0 if _printed_numbers(text)[figure] >= 2 else 0.0}


# A text value's own label just before it (项目名称 | 专项名称 | 单位名称 …), past the punctuation,
# codes and brackets a form prints between label and value.
_LABEL_BEFORE = re.compile(r"(?:名\s*[称稱]|单\s*位|單\s*位|部\s*[门門]|机\s*构)(?:\s*[(（][^()（）]{0,6}[)）])?$")


def _place(f: Field, text: str) -> dict[str, float]:
    """Where a project name or department stands in the text, as a reviewer would check it:
    a project name right after its form label (项目名称 | 专项名称 …) rather than cut out of a
    title or a sentence, and a name the text prints more than once (a second, independent
    statement of it: the title and the form, the cover and the body); for a project name,
    both at once (the form's cell, and the title agreeing with it) as a feature of its own."""
    if f.slot not in ("report.project_name", "report.department"):
        return {}
    a, b = f.span.start, f.span.end
    if b <= a or b > len(text):
        return {}
    out: dict[str, float] = {}
    if f.slot == "report.project_name":
        before = re.sub(r"[\s|:：\-_\[\]\d]+$", "", text[max(0, a - 24):a])
        out["name_labelled"] = 1.0 if _LABEL_BEFORE.search(before) else 0.0
    raw = re.sub(r"\s+", "", f.value.raw or "")
    short = "name" if f.slot == "report.project_name" else "department"
    out[f"{short}_repeated"] = 1.0 if len(raw) >= 4 and text.count(raw) >= 2 else 0.0
    if f.slot == "report.project_name":             # both: the form's cell and a second statement agree
        out["name_labelled_repeated"] = out["name_labelled"] * out["name_repeated"]
    return out


def _funding_state(f: Field) -> dict[str, float]:
    """Whether the report's own arithmetic (checks.py: rate = executed / budget, the rows add
    up to the total) vouched for a funding value, failed it, or never reached it (its row has
    no rate or no budget, no total to add up to): "unchecked" is a state of its own, not a
    weaker "passed". A value of a table read scrambled (labels after the figures, several
    forms in one file) is typically one no check reached."""
    failed = any(r != "low_confidence" for r in f.reasons)
    return {f"fund_check={'passed' if f.passed else 'failed' if failed else 'unchecked'}": 1.0}


def _against_total(f: Field, ex: "Extraction") -> dict[str, float]:
    """A funding part's amount against the report's own total of the same column: a part
    larger than the whole is a misread cell."""
    parts = f.slot.split(".")
    if not (f.value.is_number and len(parts) == 3 and parts[0] == "funding" and parts[1] != "total"
            and parts[2] in ("initial_budget", "full_year_budget", "executed")):
        return {}
    total = ex.field(f"funding.total.{parts[2]}")
    if total is None or not total.value.is_number:
        return {}
    return {"exceeds_total": 1.0 if float(f.value.value) > float(total.value.value) * 1.001 else 0.0}


def _implausible(slot: str, v: float) -> float:
    """A number its slot cannot hold in a correct report (a rate of 8000 %, a weight over 100)."""
    last = slot.rsplit(".", 1)[-1]
    if last == "execution_rate":
        return 1.0 if not 0 <= v <= 200 else 0.0
    if last in ("weight", "score") or slot == "evaluation.self_score":
        return 1.0 if not 0 <= v <= 100 else 0.0
    if slot.startswith("staff."):
        return 1.0 if not 0 < v < 100000 or v != int(v) else 0.0
    if slot == "report.fiscal_year":
        return 1.0 if not 2000 <= v <= 2030 else 0.0
    return 1.0 if v < 0 else 0.0


# The indicator form's column heads (TEMPLATES.md) and the attribute each column holds.
_COLUMNS = {"target": re.compile(r"年度指标值|指标值|目标值|预期值"), "actual": re.compile(r"实际完成值|完成值|实际值|完成情况"),
            "weight": re.compile(r"分值|权重"), "score": re.compile(r"得分")}


def declared_columns(ex: "Extraction") -> list[str]:
    """The attributes the document's indicator form declares by its column heads: a row read
    without one of them was read short (a cell lost, or a row that is not the form's)."""
    return list(_declared(ex.document.text))


@lru_cache(maxsize=4)
def _declared(text: str) -> tuple[str, ...]:
    return tuple(a for a, pat in _COLUMNS.items() if pat.search(text))


# A reader's own doubt (indicator_cells: row_uncertain, level_unread, comparator_unread) sends its
# row to review by itself; it is no feature, so the rows it leaves are weighed as before (the
# re-flattened copies carry most of these guesses, the reports as published hardly any: as a
# feature it would tell the fit that the copies' other rows are safer than the reports met at run
# time show). It still counts in the document's doc_failed_share.
_READER_DOUBTS = frozenset(("row_uncertain", "level_unread", "comparator_unread"))


def indicator_features(i: Indicator, doc_columns: Optional[list[str]] = None) -> dict[str, float]:
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
        "level1_form": 1.0 if i.level1 and _LEVEL1.match(i.level1) else 0.0,
        "level2_form": 1.0 if i.level2 and _LEVEL2.match(i.level2) else 0.0,
        "name_short": 1.0 if len(i.name) < 4 else 0.0,
        "name_figure": 1.0 if re.search(r"\d", i.name) else 0.0,
    }
    if doc_columns is not None:
        missing = [a for a in doc_columns if getattr(i, a) is None]
        feats["missing_declared"] = min(1.0, len(missing) / 2)
    t, a = i.target, i.actual
    if t is not None and a is not None and t.is_number and a.is_number:
        feats["same_unit"] = 1.0 if t.unit == a.unit else 0.0
    if i.weight is not None and i.score is not None:
        feats["score_within_weight"] = 0.0 if "score_exceeds_weight" in i.reasons else 1.0   # checks._scores
    for r in i.reasons:
        if r not in _READER_DOUBTS:
            feats[f"check={r}"] = 1.0
    for c in i.passed:
        feats[f"passed={c}"] = 1.0
    if getattr(i, "model_score", None) is not None:
        feats["model_score"] = float(i.model_score)
    return feats


# Narrower than TEMPLATES.md on purpose, for now: the older frameworks hold 服务对象满意度 under 效益
# too, but with it added (refit, threshold 0.95) the blind set's recall of wrong values fell 0.905 ->
# 0.878 while the pool's stayed 0.970: rows carried under 效益 | 服务对象满意度 are often misread on
# unseen layouts, and row_level_mismatch is what tells the fit so. A corrected map needs that signal
# as a feature of its own.
_LEVEL2_OF = {"产出指标": ("数量", "质量", "时效", "成本"), "效益指标": ("经济", "社会", "生态", "可持续", "满意"),
              "满意度指标": ("满意", "服务对象"), "成本指标": ("经济", "社会", "生态", "成本")}
_OPEN, _CLOSE = "(（[【《“", ")）]】》”"


def _label(i: Indicator) -> str:
    """A row's level-2 name, name and 指标内容: forms that print the goal as the 三级指标 repeat
    it over rows told apart by their content or level."""
    return re.sub(r"\s+", "", f"{i.level2 or ''}|{i.name}|{i.content or ''}")


def row_context(i: Indicator, ex: "Extraction") -> dict[str, float]:
    """A row against the other rows its reader gave in the same document (an attribute most of
    them have and it lacks; the same name and content read twice; the only row of its reader) and against
    the form (a level-2 name under a level-1 it does not belong to; a bracket opened and not
    closed: a name cut; a percentage over 100 for a 率)."""
    sib = [j for j in ex.indicators if j.source == i.source]
    out: dict[str, float] = {}
    if len(sib) >= 3:
        short = 0
        for attr in ("target", "actual", "weight", "score"):
            have = sum(1 for j in sib if getattr(j, attr) is not None)
            if getattr(i, attr) is None and have >= 2 * len(sib) / 3:
                short += 1
        out["row_short_of_siblings"] = min(1.0, short / 2)
    out["row_alone"] = 1.0 if len(sib) == 1 else 0.0
    name = re.sub(r"\s+", "", i.name)
    label = _label(i)
    out["row_name_twice"] = 1.0 if sum(1 for j in ex.indicators if _label(j) == label) >= 2 else 0.0
    opened = sum(name.count(c) for c in _OPEN) - sum(name.count(c) for c in _CLOSE)
    out["row_name_cut"] = 1.0 if opened != 0 else 0.0
    if i.level1 and i.level2:
        allowed = _LEVEL2_OF.get(re.sub(r"\s+", "", i.level1))
        if allowed is not None:
            out["row_level_mismatch"] = 0.0 if re.sub(r"\s+", "", i.level2).startswith(allowed) else 1.0
    over = False
    for v in (i.target, i.actual):
        if v is not None and v.is_number and v.unit in ("%", "％") and float(v.value) > 100 and re.search(r"率$", name):
            over = True
    out["row_rate_over_100"] = 1.0 if over else 0.0
    return out


_ODD = re.compile(r"[^\u4e00-\u9fff\u3000-\u303f\uff00-\uffefA-Za-z0-9\s.,:;%()（）、，。：；“”‘’《》≥≤≧≦<>=+\-—/·]")


def _noise(text: str) -> float:
    """Characters OCR produces and reports do not ($ ^ ~ |): a sign the value is garbled."""
    return min(1.0, 3 * len(_ODD.findall(text or "")) / max(1, len(text or "")))


def features(item: Field | Indicator, doc: Optional[dict[str, float]] = None,
             ex: Optional["Extraction"] = None) -> dict[str, float]:
    """The features of any item, with its document's (`document_features`) and, given the
    extraction `ex`, its value against the report's own totals; `low_confidence` is left out,
    since the confidence is what these features are for."""
    f = field_features(item, ex) if isinstance(item, Field) else \
        indicator_features(item, declared_columns(ex) if ex is not None else None)
    if ex is not None and not isinstance(item, Field):
        f.update(row_context(item, ex))
    f.pop("check=low_confidence", None)
    if doc:
        f.update(doc)
    return f


@dataclass
class Calibrator:
    weights: dict[str, float]
    intercept: float
    trained_on: int = 0
    row_map: Optional[list[tuple[float, float]]] = None
    """(score, probability) knots for indicator rows: the logistic score of a row mapped to the
    share of rows right at that score when their documents were not in the fit
    (`monotone_map`, fitted by crossval.calibrator). Rows are where the documents the rules
    were written on and the layouts they were not part most: as published the pool's rows are
    94 % right, re-flattened 75 %; the logistic fit is the mixture of both and overrates rows of
    middling score on unseen reports. None keeps the score."""

    def probability(self, feats: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return remap(p, self.row_map) if self.row_map and feats.get("indicator") else p

    def review_threshold(self, threshold: float, row: bool) -> float:
        """The confidence below which an item is sent to review: `threshold` for a value, and
        for a row the threshold through the row map, so the map makes a row's confidence mean
        what it says without changing which rows the fit's score sends to review."""
        return remap(threshold, self.row_map) if row and self.row_map else threshold

    def save(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        data = {"kind": "logistic", "intercept": self.intercept, "weights": self.weights, "trained_on": self.trained_on}
        if self.row_map:
            data["row_map"] = [list(k) for k in self.row_map]
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")

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
            knots = data.get("row_map")
            return cls(weights=data["weights"], intercept=data["intercept"], trained_on=data.get("trained_on", 0),
                       row_map=[(float(x), float(y)) for x, y in knots] if knots else None)
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as e:
            raise ValueError(f"{p} is not a calibrator this jixiao can read ({type(e).__name__}: {e}); "
                             "refit it with `jixiao calibrate`") from None


def low_confidence(item: Field | Indicator, cal: Optional[Calibrator], threshold: float) -> bool:
    """Whether the item's confidence is below the review threshold: `threshold` for a value, the
    threshold through the calibrator's row map for an indicator row (`review_threshold`)."""
    below = cal.review_threshold(threshold, isinstance(item, Indicator)) if cal else threshold
    return item.confidence < below


def remap(p: float, knots: list[tuple[float, float]]) -> float:
    """`p` through the piecewise-linear map of `knots` (held at its end values outside them)."""
    if p <= knots[0][0]:
        return knots[0][1]
    for (x0, y0), (x1, y1) in zip(knots, knots[1:]):
        if p <= x1:
            return y0 + (y1 - y0) * (p - x0) / (x1 - x0) if x1 > x0 else y1
    return knots[-1][1]


def monotone_map(scored: list[tuple[float, bool, float]], bins: int = 8) -> list[tuple[float, float]]:
    """Knots from (score, right, weight) items each scored by a calibrator that never saw its
    document: `bins` bins of equal weight by score, each bin's weighted share right, pooled
    where a bin is no surer than the one below (adjacent violators); a knot per bin at its mean
    score, shares kept strictly increasing so the map never ties items the score told apart."""
    items = sorted(scored)
    total = sum(w for _, _, w in items)
    groups: list[list[float]] = []
    acc = 0.0
    for score, right, w in items:
        if not groups or acc >= total / bins * len(groups):
            groups.append([0.0, 0.0, 0.0])
        g = groups[-1]
        g[0] += w
        g[1] += w * score
        g[2] += w * float(right)
        acc += w
    pooled: list[list[float]] = []
    for g in groups:
        pooled.append(list(g))
        while len(pooled) > 1 and pooled[-2][2] / pooled[-2][0] >= pooled[-1][2] / pooled[-1][0]:
            b = pooled.pop()
            pooled[-1] = [a + c for a, c in zip(pooled[-1], b)]
    knots: list[tuple[float, float]] = []
    for w, ws, wr in pooled:
        y = wr / w if not knots else max(wr / w, knots[-1][1] + 1e-4)
        knots.append((ws / w, min(y, 1.0)))
    return knots


REGULARISATION = 0.3
"""The inverse L2 strength (scikit-learn's C) of the fit. A document's items share its document
features and a re-flattened copy repeats its document, so the judged items are far fewer
independent examples than they number; scikit-learn's default C = 1 lets a few documents set
large weights. Measured out of document (scripts/measure_review.py, site-grouped folds, seeds +
pool): log-loss 0.234 (C 1) -> 0.213 (0.3) -> 0.204 (0.1), ECE 0.052 -> 0.048 -> 0.049 at the
same recall for a given load. On the blind set (same tree, refit): recall of wrong values 0.906 at
load 0.387 (C 1, threshold 0.92) -> 0.938 at 0.376 (C 0.3), ECE 0.085 -> 0.088; C 0.1 ranked no
better there (0.885 at 0.366). `scripts/measure_review.py --c` sweeps it."""


def fit(samples: Iterable[tuple[dict[str, float], bool] | tuple[dict[str, float], bool, float]],
        c: float = REGULARISATION) -> Calibrator:
    """Fit on (features, correct) pairs, or (features, correct, weight) triples, with
    scikit-learn's log-loss logistic regression (L2, inverse strength `c`)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    samples = list(samples)
    X = [s[0] for s in samples]
    y = [int(s[1]) for s in samples]
    w = [float(s[2]) if len(s) > 2 else 1.0 for s in samples]
    if len(set(y)) < 2:
        p = (sum(yi * wi for yi, wi in zip(y, w)) + 1) / (sum(w) + 2)
        return Calibrator(weights={}, intercept=math.log(p / (1 - p)), trained_on=len(y))
    vec = DictVectorizer(sparse=False)
    Xm = vec.fit_transform(X)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(Xm, y, sample_weight=w)
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])}
    return Calibrator(weights=weights, intercept=float(model.intercept_[0]), trained_on=len(y))
