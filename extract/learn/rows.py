"""Indicator rows assembled from the trained parts, where the rules read none.

The spaCy pipeline tags indicator names (INDICATOR) and figures (TARGET, QUANTITY, RATE,
AMOUNT, SCORE); the slot linker says, for each figure, how probable it is that the figure is an
indicator's target, actual, weight or score (`indicator.<attr>` classes). Where the rules read
no indicator row in a report, `assemble` builds rows from them:

- each model INDICATOR entity (score >= `NAME_MIN`) that names no level, header word or
  sentence is a row's name; its segment runs from the name's end to the next name, level
  name, blank line or run of `WORDS_END` characters (another row's name, or a sentence: a
  row's own cells after its name are figures, units and comparators), at most
  `SEGMENT_CHARS` characters, on the name's line or the cells after it;
- each figure entity in the segment (model or rule) is asked of the linker; an attribute takes
  the one figure whose most probable class it is, at `VALUE_MIN` or more; two such figures
  for one attribute, and the attribute stays empty (no value is better than a wrong one);
- a row needs a target or an actual; weight and score are bare numbers;
- 一级/二级 are the closed level names (TEMPLATES.md) printed before the name since the
  previous row, carried down as a merged cell is (a 二级 alone implies its 一级); a row with no level name printed before it
  stands in no indicator form (a list of works in prose, a budget table) and is no row.

Rows carry `source="model"` and the text of every value with its span.
"""
from __future__ import annotations

import re
from typing import Optional

from extract.learn.nlp.annotations import INDICATOR_PREFIX, NONE
from extract.read.document import Document
from extract.schema import LEVEL1_CANONICAL, LEVEL2_CANONICAL, canonical_level1, canonical_level2
from extract.slots.normalize import parse_number, parse_value
from extract.slots.prose_indicators import level1_of
from extract.slots.record import Entity, Extraction, Indicator

NAME_MIN = 0.5           # an INDICATOR entity below this is no row's name
VALUE_MIN = 0.5          # see `attribute`
SEGMENT_CHARS = 160      # a row's figures stand within this many characters after its name
VALUE_LABELS = ("TARGET", "QUANTITY", "RATE", "AMOUNT", "SCORE")
ATTRS = ("target", "actual", "weight", "score")

# the forms' closed level names, longest first (成本指标 is either level: the first one read
# as 一级 when no 一级 came before it in the segment, else as 二级)
_LEVEL_WORDS = sorted({w for w in (*LEVEL1_CANONICAL, *LEVEL2_CANONICAL) if len(w) >= 4 or w.endswith("指标")},
                      key=len, reverse=True)
_LEVEL_RE = re.compile("|".join(re.escape(w) for w in _LEVEL_WORDS))
_HEADER_WORDS = ("指标", "目标值", "指标值", "完成值", "实际值", "分值", "得分", "权重", "年度", "绩效")
_SENTENCE = re.compile(r"[，。；;！？]")
WORDS_END = 4            # a run of this many characters (no figure, unit or mark) after the name ends its segment
_WORDS = re.compile(r"[\u4e00-\u9fff]{%d,}" % WORDS_END)


def _level_of(word: str, have_l1: bool) -> tuple[Optional[str], Optional[str]]:
    l1 = canonical_level1(word) if word in LEVEL1_CANONICAL else None
    l2 = canonical_level2(word) if word in LEVEL2_CANONICAL else None
    if l1 and l2:                    # 成本指标: a 一级 of its own, or the 二级 under 产出指标
        return (None, l2) if have_l1 else (l1, None)
    return l1, l2


def _is_name(text: str) -> bool:
    sq = "".join(text.split())
    if not 2 <= len(sq) <= 40 or _SENTENCE.search(sq):
        return False
    if _LEVEL_RE.fullmatch(sq) or sq in _HEADER_WORDS or not re.search(r"[\u4e00-\u9fff]", sq):
        return False
    return True


def candidates(text: str, ents: list[Entity]) -> list[tuple[Entity, int, list[Entity]]]:
    """(name entity, segment end, figure entities in the segment) for each candidate row."""
    names = sorted((e for e in ents if e.label == "INDICATOR" and e.score >= NAME_MIN and _is_name(e.text)),
                   key=lambda e: e.start)
    figures = sorted((e for e in ents if e.label in VALUE_LABELS), key=lambda e: e.start)
    out = []
    for k, e in enumerate(names):
        end = min(len(text), e.end + SEGMENT_CHARS)
        if k + 1 < len(names):
            end = min(end, names[k + 1].start)
        blank = text.find("\n\n", e.end, end)
        if blank >= 0:
            end = blank
        level = _LEVEL_RE.search(text, e.end, end)
        if level:
            end = level.start()
        words = _WORDS.search(text, e.end, end)      # another row's name, or a sentence
        if words:
            end = words.start()
        inside = [f for f in figures if e.end <= f.start and f.end <= end]
        out.append((e, end, inside))
    return out


def _value(attr: str, raw: str):
    if attr in ("weight", "score"):
        return parse_number(raw)
    v = parse_value(raw)
    return v if v.raw else None


def attribute(p: dict[str, float]) -> Optional[str]:
    """The indicator attribute the linker gives a figure after a model-named row's name: the
    indicator classes together at VALUE_MIN or more and above every field slot, then the most
    probable of them; None otherwise. `none` is not weighed against them: the name already
    says a row stands here, and the linker learned `none` mostly from figures outside rows."""
    ind = {a: p.get(INDICATOR_PREFIX + a, 0.0) for a in ATTRS}
    slot = max((v for k, v in p.items() if k != NONE and not k.startswith(INDICATOR_PREFIX)), default=0.0)
    if sum(ind.values()) < VALUE_MIN or sum(ind.values()) <= slot:
        return None
    return max(ind, key=ind.get)


def assemble(doc: Document, rows: list[tuple[Entity, int, list[Entity]]],
             probs: list[list[dict[str, float]]]) -> list[Indicator]:
    """Rows from the candidates and, per candidate, the linker's probabilities of its figures."""
    text = doc.text
    out: list[Indicator] = []
    l1 = l2 = None
    prev_end = 0
    for (name, seg_end, figs), fig_probs in zip(rows, probs):
        for m in _LEVEL_RE.finditer(text, prev_end, name.start):
            a, b = _level_of(m.group(0), l1 is not None and m.start() > prev_end)
            if a:
                l1, l2 = a, None
            if b:
                l2 = b
        prev_end = name.end
        chosen: dict[str, list[tuple[float, Entity]]] = {}
        for f, p in zip(figs, fig_probs):
            attr = attribute(p)
            if attr is not None:
                chosen.setdefault(attr, []).append((p[INDICATOR_PREFIX + attr], f))
        values, spans = {}, {"name": doc.span(name.start, name.end)}
        for attr in ATTRS:
            picks = chosen.get(attr, [])
            if len(picks) != 1:
                continue                       # none, or ambiguous
            f = picks[0][1]
            v = _value(attr, f.text)
            if v is None:
                continue
            values[attr] = v
            spans[attr] = doc.span(f.start, f.end)
        if ("target" not in values and "actual" not in values) or (l1 is None and l2 is None):
            continue                           # no value, or no form around it (no level name before it)
        ends = [s.end for s in spans.values()]
        line = text[text.rfind("\n", 0, name.start) + 1:text.find("\n", name.end) % (len(text) + 1)]
        ind = Indicator(name="".join(name.text.split()), level1=l1 or level1_of(l2, name.text), level2=l2, target=values.get("target"),
                        actual=values.get("actual"), weight=values.get("weight"), score=values.get("score"),
                        span=doc.span(name.start, max(ends)),
                        evidence="table" if ("\t" in line or line.count("|") >= 2) else "text",
                        source="model", spans=spans)
        out.append(ind)
    return out


def needs_rows(ex: Extraction) -> bool:
    """Whether the model's rows are wanted: the rules read no indicator row."""
    return not ex.indicators


def add_rows(doc: Document, ex: Extraction, ents: list[Entity], linker) -> None:
    """Rows from the model where the rules read none (see the module's docstring)."""
    if linker is None or not needs_rows(ex):
        return
    pool = {(e.start, e.end): e for e in ex.entities if e.label in VALUE_LABELS}
    pool.update({(e.start, e.end): e for e in ents})
    rows = candidates(doc.text, list(pool.values()))
    rows = [r for r in rows if r[2]]
    if not rows:
        return
    queries = [(f.start, f.end, f.label) for _, _, figs in rows for f in figs]
    flat = linker.predict(doc.text, queries)
    probs, k = [], 0
    for _, _, figs in rows:
        probs.append(flat[k:k + len(figs)])
        k += len(figs)
    ex.indicators.extend(assemble(doc, rows, probs))
