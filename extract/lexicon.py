"""A label lexicon learned from reviewed annotations: the phrase that introduces a value → its slot.

Reports name a figure by the words just before it (`全年预算执行率为92.33%`) or, in a
table, by its row and column (`年度资金总额` × `全年预算数(A)`). `learn` reads every figure
of the annotated documents with that context and the slot its link region gives it
(`none` when no link covers it, `indicator` for an indicator attribute):

- outside tables, every suffix (2 … `MAX_PHRASE` characters) of the clause before the
  figure (cut at punctuation, a cell break or the previous figure; connecting words
  such as 为/达/是 dropped);
- in a table row (tab-separated line), the row header and the column header written
  together (`年度资金总额全年预算数(A)`), which is also how a table whose cells ran
  together (OCR, PDF flattening) reads before its first figure.

A phrase is kept for a slot when every figure it introduced in the training documents is
that slot (never `none`, an indicator or another slot) in at least `min_docs` documents
(two for a two-character phrase such as 总分: one report's 自评总分: 95 is no evidence
that another's 总分 | 100, the total of its weights, is a score).
Since a figure counts for every suffix of its clause, one `项目预算执行率` seen as a
sub-item (`none`) makes `预算执行率` ambiguous too, and it is dropped: precision first.
Table phrases are whole keys; where one is ambiguous but a suffix of it is kept, it is
kept as a blocker so the shorter phrase does not fire there.

`apply` (run by `extract.models` after the rules) fills only slots the rules left empty:
for each figure, the longest phrase of its context found in the lexicon decides; the
figure's unit must fit the slot's kind, and a figure about another year is skipped. The
value keeps its raw text and span (`source="model"`); nothing is computed or rounded.
The lexicon holds only what the annotations passed to `learn` contain.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from . import schema
from .nlp.annotations import INDICATOR_PREFIX, NONE, AnnotatedText
from .nlp.context import column_header, line_bounds

VERSION = 1
MIN_PHRASE = 2
MAX_PHRASE = 24
INDICATOR = "indicator"
SHORT = 2            # a phrase this short (得分, 总分) names a slot only when SHORT_DOCS documents agree:
SHORT_DOCS = 2       # one report's 自评总分: 95 says little about another's 总分 | 100 (its weights' total)
_FIG = re.compile(r"(?<![\d.,])([-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?)(?![\d.])"
                  r"\s*(万元|亿元|个亿|亿|元|%|％|分|人|名)?")
_CUT = re.compile(r"[，,。；;！!？?\t、]|\d[\d.,]*\s*(?:万元|亿元|个亿|亿|元|%|％|分|人|名)?")
_FILLER = re.compile(r"(?:为|是|达到|达|约|共|:|=)+$")
_SPACE = re.compile(r"[\s\u3000\xa0]+")
_MONEY_UNITS = ("万元", "亿元", "个亿", "亿", "元")
_UNIT_DECL = re.compile(r"[(（]\s*(万元|元)\s*[)）]|单位\s*[:：]\s*(万元|元)")
_NOT_A_VALUE_AFTER = re.compile(r"\s*(?:年|月|日|号|-|—|~|至|\.\d)")


def norm(s: str) -> str:
    """Whitespace out, brackets and colons ASCII, digits as 0: the form phrases are kept in."""
    s = _SPACE.sub("", s).replace("（", "(").replace("）", ")").replace("：", ":")
    return re.sub(r"\d", "0", s)


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    number: str
    unit: Optional[str]


def figures(text: str) -> list[Figure]:
    """Every figure that could be a slot value (dates, years and ranges' ends excluded)."""
    out = []
    for m in _FIG.finditer(text):
        unit = m.group(2)
        if unit is None and _NOT_A_VALUE_AFTER.match(text, m.end(1)):
            continue
        end = m.end(2) if unit else m.end(1)
        out.append(Figure(m.start(1), end, m.group(1), unit))
    return out


def left_clause(text: str, start: int) -> str:
    """The words before the figure on its line, from the last break or figure, fillers dropped."""
    ls, _ = line_bounds(text, start)
    before = text[max(ls, start - MAX_PHRASE - 16):start]     # enough for the longest phrase and its fillers
    cut = 0
    for m in _CUT.finditer(before):
        cut = m.end()
    return _FILLER.sub("", norm(before[cut:]))


def table_phrase(text: str, start: int) -> Optional[str]:
    """Row header + column header of a figure in a tab-separated row, or None outside tables."""
    ls, le = line_bounds(text, start)
    line = text[ls:le]
    if "\t" not in line:
        return None
    cells = line.split("\t")
    index = text.count("\t", ls, start)
    row = next((c for c in reversed(cells[:index]) if c.strip() and not re.search(r"\d", c)), "")
    col = column_header(text, ls, index)
    if not (row or col):
        return None
    return norm(row.strip() + col.strip())


def phrases_of(text: str, start: int) -> list[str]:
    """The lookup keys of the figure at `start`, longest first."""
    tp = table_phrase(text, start)
    if tp is not None:
        return [tp]
    clause = left_clause(text, start)
    return [clause[-n:] for n in range(min(MAX_PHRASE, len(clause)), MIN_PHRASE - 1, -1)]


@dataclass
class Lexicon:
    entries: dict[str, dict] = field(default_factory=dict)    # phrase -> {"slot": str|None, "docs": n}
    min_docs: int = 1

    def decide(self, keys: list[str]) -> Optional[tuple[str, str, int]]:
        """(slot, phrase, documents) from the longest key found, or None (unknown or a blocker)."""
        for k in keys:
            e = self.entries.get(k)
            if e is not None:
                return (e["slot"], k, e["docs"]) if e["slot"] else None
        return None

    def save(self, path: Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"version": VERSION, "min_docs": self.min_docs, "entries": self.entries},
                                   ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path) -> Optional["Lexicon"]:
        path = Path(path)
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(entries=data["entries"], min_docs=data.get("min_docs", 1))


def _target_at(t: AnnotatedText, fig: Figure) -> str:
    """The figure's class: its slot; `indicator` when only an indicator attribute region
    covers it (a figure that is both, e.g. 全年预算执行率为92.33% as the funding rate and the
    预算执行率 indicator's actual, counts as the slot); `none` when no region covers it."""
    found = NONE
    for m in t.links:
        if m.start < fig.end and fig.start < m.end:
            if m.label.startswith(INDICATOR_PREFIX):
                found = INDICATOR
            elif m.label in schema.SLOTS:
                return m.label
    return found


def learn(texts: Iterable[AnnotatedText], min_docs: int = 1) -> Lexicon:
    """The lexicon of the annotated documents `texts` (see the module docstring)."""
    seen: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for t in texts:
        for fig in figures(t.text):
            target = _target_at(t, fig)
            if target in schema.TEXT_SLOTS or target == "report.fiscal_year":
                continue
            for k in phrases_of(t.text, fig.start):
                seen[k][target].add(t.name)
    kept: dict[str, dict] = {}
    for k, by in seen.items():
        if len(by) == 1:
            (target, docs), = by.items()
            need = max(min_docs, SHORT_DOCS) if len(k) <= SHORT else min_docs
            if target not in (NONE, INDICATOR) and len(docs) >= need:
                kept[k] = {"slot": target, "docs": len(docs)}
    slots = set(kept)
    for k, by in seen.items():
        if k in kept:
            continue
        if any(k[-n:] in slots for n in range(MIN_PHRASE, len(k))):
            kept[k] = {"slot": None, "docs": len(set().union(*by.values()))}
    return Lexicon(kept, min_docs)


def _value_for(slot: str, fig: Figure, text: str):
    """The figure's value for the slot, or None when its unit does not fit the slot's kind."""
    from .normalize import parse_value
    kind = schema.SLOTS[slot].kind
    raw = text[fig.start:fig.end]
    if kind == schema.MONEY:
        if fig.unit is None:
            decl = None
            for m in _UNIT_DECL.finditer(text, max(0, fig.start - 400), fig.start):
                decl = m.group(1) or m.group(2)
            if decl is None:
                return None
            value = parse_value(raw, default_unit=decl, allow_text=False)
        elif fig.unit in _MONEY_UNITS:
            value = parse_value(raw, allow_text=False)
        else:
            return None
        return value if value.is_number and value.unit == "万元" else None
    if kind == schema.RATE:
        return parse_value(raw, allow_text=False) if fig.unit in ("%", "％") else None
    if kind == schema.NUMBER:
        return parse_value(raw, allow_text=False) if fig.unit in (None, "分") else None
    if kind == schema.COUNT:
        return parse_value(raw, allow_text=False) if fig.unit in ("人", "名") else None
    return None


_SENTENCE_BREAK = re.compile(r"[。；;!！?？\n]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _aside(text: str, start: int, fiscal_year: Optional[int]) -> bool:
    """A figure the report states as a part or about another time: after 其中 in its sentence
    (a split of a total: 其中：中央财政资金…), or with another year than the report's in its
    clause (截至2025年6月已拨付…), or with 上年/去年 there."""
    floor = max(0, start - 300)
    sent_start = floor
    for m in _SENTENCE_BREAK.finditer(text, floor, start):
        sent_start = m.end()
    sentence = text[sent_start:start]
    if "其中" in sentence:
        return True
    clause = re.split(r"[，,、\t|]", sentence)[-1]
    if re.search(r"上年|去年|上一年", clause):
        return True
    years = [int(y) for y in _YEAR.findall(clause)]
    return bool(fiscal_year and any(y != fiscal_year for y in years))


def apply(doc, ex, lexicon: Lexicon) -> list:
    """Fill slots the rules left empty from figures the lexicon names; the fields added."""
    from .slots import add_field
    text = doc.text
    fiscal_year = doc.meta.get("fiscal_year")
    have = {f.slot for f in ex.fields}
    used = [(f.span.start, f.span.end) for f in ex.fields]
    best: dict[str, tuple[int, int, Figure, object]] = {}
    for fig in figures(text):
        if any(a < fig.end and fig.start < b for a, b in used):
            continue
        keys = phrases_of(text, fig.start)
        found = lexicon.decide(keys)
        if found is None:
            continue
        slot, _, docs = found
        if slot in have:
            continue
        if _aside(text, fig.start, fiscal_year):
            continue
        value = _value_for(slot, fig, text)
        if value is None:
            continue
        if slot not in best or docs > best[slot][0]:
            best[slot] = (docs, -fig.start, fig, value)
    added = []
    for slot, (_, _, fig, value) in best.items():
        ls, le = line_bounds(text, fig.start)
        in_table = "\t" in text[ls:le]
        added.append(add_field(ex, doc, slot, value, fig.start, fig.end, "table" if in_table else "text", "model"))
    return added
