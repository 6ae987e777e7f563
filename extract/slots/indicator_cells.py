"""Indicator tables that lost their grid, read by the forms' vocabulary (TEMPLATES.md).

Two readers, the first preferred:

- the cell stream (`read_stream`, `from_stream`; the cells and their vocabulary are
  `cell_stream.py`, the column-major and spread copies `indicator_spread.py`): the text cut
  into cells at line breaks, pipes, tabs and runs of spaces, whatever the paste kept (empty
  cells or not). A header
  is a run of header words (split over cells, with (A)/(分) markers, a two-row header put
  in the form's order, or run together in one cell); the closed set of 一级/二级 names
  marks the levels (also split over lines, or told by their weights: 部门决策(25分)
  目标任务(15分) 相关性(5分) 5); each row is a name and at most one cell per value column,
  in order, cut by a dynamic programme scoring how well each cell fits the column it
  lands in. Rows whose cells ran together on one line are cut by the level names at
  their start and the figures at their end, or, where three or more rows end in one
  result phrase (达成预期指标), by the phrase as the actual and the target before it (a
  figure, the name's tail printed again, a closed qualitative word; else no row). A table
  flattened column by column is paired by position, merged level cells spread over the
  rows by the weights they print; a PDF copy that spread its cells (every row's values in
  one block, then the names) is paired by position where the block splits into whole rows
  as many as the names. A header word whose characters the copy shuffled (年成值全完值,
  考值参分) is known by its characters. Where no header is found (an image, lost, on the
  page before, words no list has), blocks opening at a 一级 name followed by a 二级 name are
  read headerless (`_headerless`): the national form's columns where the figures read as
  weights (score <= weight, adding up to <= 100), else 指标值 | 完成值, else 指标值, kept
  only where most rows carry a figure-like target. In the older framework's score table
  (一级 | 分值 | 二级 | 分值 | 三级 | 分值 | 得分) a name followed by a single figure is a level.
  Its rows replace the grid reader's when the grid read under 3/4 as many, when the grid's
  rows are the lines of a hard-wrapped text, for a spread form, or for such a score table.
- run together on one line (`_run_on`, `_vertical`): after the header, rows end where
  the result phrase the table repeats (达成预期指标) stands (with the 分值/得分 glued after
  it), at the next level name, or after the score (or a unique 完成值+分值+得分 cut); a
  row's figures are read from its end (目标值, 完成值, 分值 and 得分 run together split
  where score <= weight and no row holds over 50 points), everything before them is its name.
"""
from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from typing import Optional

from extract.read.document import Document
from extract.read.layout import join_tab_cells, unwrapped
from extract.read.textnorm import View, join_pipe_cells
from extract.schema import LEVEL2_CANONICAL, canonical_level1, canonical_level2
from extract.slots.assign import add_field
from extract.slots.cell_stream import (
    _FUND_WORD,
    _L1_WORDS,
    _L2_WORDS,
    _MARKER,
    _OP_ONLY,
    _PLACEHOLDER,
    _POINTS,
    _ROW_JUNK,
    _SCell,
    _STREAM_STOP,
    _bare_number,
    _cr_offsets,
    _header_at,
    _hword,
    _level_key,
    _level_word,
    _points,
    _split_header_cells,
    _valueish,
    stream_cells,
)
from extract.slots.indicator_spread import _column_major, _spread
from extract.slots.indicator_table import glued_points, measure_name, name_unit, not_an_indicator
from extract.slots.normalize import MEASURE_WORDS, Value, parse_number, parse_value
from extract.slots.prose_indicators import level1_of, without_target_label
from extract.slots.record import Extraction, Indicator

_HEADER = re.compile(r"(?:一级指标[\s|]*)?二级指标[\s|]*三级指标|一级指标[\s|]*二级指标(?=[\s|]*(?:绩效标准|指标解释|指标说明))")
_HEAD_COLS = (
    (r"年初目标值|年度指标值|(?:指标)?目标值|预期目标|指标值|当年预期实现值|预期实现值|预期值", "target"),
    (r"绩效标准|指标解释|指标说明", None),
    (r"实际完成指标值|实际完成值|全年实际值|完成值|实际值", "actual"),
    (r"分值|权重", "weight"),
    (r"得分|自评分", "score"),
    (r"未完成原因(?:及改进措施|分析)?|偏差原因(?:分析)?(?:及改进措施)?", "deviation"),
    (r"指标性质", "op"),
    (r"度量单位|计量单位", "unit"),
    (r"[(（]?[A-Z][)）]?", None),
)
_L1 = r"产出指标|效益指标|满意度指标"
_L2 = (r"(?:经济|社会|生态环境)成本指标|(?:产出)?(?:数量|质量|时效|成本)指标|产出(?:数量|质量|时效|成本)|(?:经济|社会|生态)效益(?:指标)?|"
       r"可持续性?影响(?:指标)?|服务对象满意度(?:指标)?")
_LEVEL = re.compile(rf"^(?:(?P<l1>{_L1})|(?P<l2>{_L2}))")
_STOP = re.compile(r"总分|合计|其他需要说明|审核意见|填报人|联系电话|自评结论|评价结论|存在问题|项目名称|"
                   r"(?:省级|市级|县级|区级|部门|预算|项目|支出|整体)*绩效(?:目标|自评)表")   # the next form's title, whole
_COMPARATOR = r"(?:不低于|不高于|不少于|不超过|大于等于|小于等于|大于|小于|>=|<=|≥|≤|≧|≦|>|<|＞|＜|＝|=)"
_VAL_END = re.compile(rf"(?:{_COMPARATOR}\s*)?"
                      r"\d+(?:\.\d+)?\s*(?:%|‰|百分比|人次|小时|万元|亿元|亿|元|平方公里|平方米|立方米|公里|千米|公顷|公斤|千克|"
                      r"万?[个件起人次项家名台套户所天亩批场粒株吨米盏座条辆篇份处册])?(?:/[\u4e00-\u9fff]{1,2})?(?:以上|以下|以内)?$")
_NAME_PREFIX = re.compile(r"^\s*(?:\d*\s*指标\s*\d+\s*[：:、.．]|[（(]\s*\d+\s*[)）]|\d+\s*[：:、.．])\s*")


def extract(doc: Document, ex: Extraction, v: View) -> None:
    v = unwrapped(v)
    joined = join_tab_cells(join_pipe_cells(v.text))     # line breaks inside a pipe/tab cell: spaces
    if joined != v.text:
        breaks = frozenset(k for k, (a, b) in enumerate(zip(v.text, joined)) if a == "\n" and b == " ")
        v = View(text=joined, offsets=v.offsets, source=v.source)
        v.cell_breaks = breaks          # where a cell's words were wrapped: joined again, no cell boundary
    how: dict = {}
    items, totals = from_stream(doc, v, how)
    table_rows = [i for i in ex.indicators if i.source == "indicator_table" and not_an_indicator(i) is None]
    if len(table_rows) < 0.75 * len(items) or (len(items) >= 0.75 * len(table_rows) and (
            how.get("spread") or how.get("levels"))) or (
            len(items) >= 0.5 * len(table_rows) and _on_wrapped_lines(doc.text, v, table_rows)
            and _filled(items) * len(table_rows) > _filled(table_rows) * len(items)):
        # the cell stream read much more of the table than the grid did, the grid's rows are
        # the lines of a hard-wrapped text (pieces of cells cut at the page width), the
        # stream found a spread form's value block splitting into as many rows as names, or
        # a score table whose level columns carry their own 分值 (the grid reads those as the row's)
        ex.indicators[:] = [i for i in ex.indicators if i.source != "indicator_table"] + items
        _stream_totals(doc, ex, v, totals, items)
    if ex.indicators:
        return
    m = _HEADER.search(v.text)
    if not m:
        return
    cols, body_start = _columns(v.text, m.end())
    if not cols:            # no value column named after 三级指标: nothing tells where a row's values are
        return
    body = v.text[body_start:body_start + 6000]
    stop = _STOP.search(body)
    if stop:
        body = body[:stop.start()]
    lines = [ln for ln in body.split("\n") if ln.strip()]
    if len(lines) >= 6 and sum(len(ln.strip()) <= 40 for ln in lines) >= 0.8 * len(lines):
        items = _vertical(doc, v, body_start, body, cols)
    else:
        items = _run_on(doc, v, body_start, body, cols)
    for it in items:
        ex.indicators.append(it)
    if items and (set(cols) & {"weight", "score"} or not cols):   # a table of targets only has no 总分 of its own
        _run_on_total(doc, ex, v, body_start)


def _filled(items: list[Indicator]) -> int:
    """How much of the form a reading filled: its rows' levels and values."""
    return sum((i.level1 is not None) + (i.level2 is not None) + (i.target is not None) + (i.actual is not None)
               + (i.weight is not None) + (i.score is not None) for i in items)


def _on_wrapped_lines(text: str, v: View, rows: list[Indicator]) -> bool:
    """Most of the grid's rows lie on lines that a hard wrap cut (`unwrapped` joined the line
    break before or after them): a line of such a text is no row of the table."""
    if not rows or len(v.offsets) >= len(text):
        return False
    kept = set(v.offsets)
    cut = 0
    for r in rows:
        before = text.rfind("\n", 0, r.span.start)
        after = text.find("\n", r.span.end)
        cut += (before >= 0 and before not in kept) or (after >= 0 and after not in kept)
    return cut >= 0.5 * len(rows)


_TOTAL_RUN = re.compile(r"总分[\s|]*(\d+(?:\.\d+)?)(?:[\s|]+(\d+(?:\.\d+)?))?")


def _run_on_total(doc: Document, ex: Extraction, v: View, at: int) -> None:
    """The 总分 row after a run-on table: '总分 100 98.62', or glued '总分100100' (the
    weights add up to 100 by the form's rule, so what follows the 100 is the score)."""
    if ex.field("evaluation.self_score") is not None:
        return
    m = _TOTAL_RUN.search(v.text, at, at + 8000)
    if not m:
        return
    if m.group(2):
        raw, s_, e_ = m.group(2), m.start(2), m.end(2)
        if float(raw) > float(m.group(1)):
            return
    else:
        g = m.group(1)
        rest = g[3:] if g.startswith("100") else ""
        if not re.fullmatch(r"(?:[1-9]\d?|100|0)(?:\.\d+)?", rest):
            return
        raw, s_, e_ = rest, m.start(1) + 3, m.end(1)
    n = parse_number(raw)
    if n is None or n > 100:
        return
    add_field(ex, doc, "evaluation.self_score", Value(raw=raw, op="=", value=n, unit="分"),
              v.pos(s_), v.pos(e_ - 1) + 1, "table", "indicator_total")


def _columns(text: str, at: int) -> tuple[list[str], int]:
    """The header's columns after 三级指标, in order, and where the body starts."""
    cols = []
    pos = at
    while True:
        s = text[pos:pos + 30]
        lead = len(s) - len(s.lstrip(" \t\n|\u3000"))
        for pat, attr in _HEAD_COLS:
            m = re.match(pat, s[lead:])
            if m:
                if attr:
                    cols.append(attr)
                pos += lead + m.end()
                break
        else:
            break
    return cols, pos


def _level(text: str) -> tuple[Optional[str], Optional[str], int]:
    t = re.sub(r"\s+", "", text)
    m = _LEVEL.match(t)
    if not m:
        return None, None, 0
    if m.group("l1"):
        return canonical_level1(m.group("l1")), None, m.end()
    l2 = m.group("l2")
    l2 = re.sub(r"^产出(数量|质量|时效|成本)$", r"\1指标", l2)
    if not l2.endswith("指标"):
        l2 += "指标"
    return None, canonical_level2(l2), m.end()


def _vertical(doc: Document, v: View, base: int, body: str, cols: list[str]) -> list[Indicator]:
    """One cell per line: levels, then name, one line per value column, then the score."""
    cells = []
    pos = 0
    for ln in body.split("\n"):
        s = ln.strip()
        if s:
            off = base + pos + ln.index(s[0])
            cells.append((v.original(off, off + len(s)).strip() or s, off))
        pos += len(ln) + 1
    n_values = sum(1 for c in cols if c in ("target", "actual"))
    value_cols = [c for c in cols if c in ("target", "actual")] or ["target", "actual"]
    out: list[Indicator] = []
    l1 = l2 = None
    i = 0
    while i < len(cells):
        text, off = cells[i]
        a, b, n = _level(text)
        if n and n >= len(re.sub(r"\s+", "", text)) - 1:
            if a:
                l1, l2 = a, None
            else:
                l2 = b
            i += 1
            continue
        if parse_number(text) is not None:           # a section score: 50
            i += 1
            continue
        name = _NAME_PREFIX.sub("", text)
        vals = cells[i + 1:i + 1 + max(n_values, 1)]
        if len(vals) < max(n_values, 1) or any(_level(t)[2] for t, _ in vals):
            break
        j = i + 1 + len(vals)
        score = None
        if j < len(cells) and parse_number(cells[j][0]) is not None:
            score = parse_number(cells[j][0])
            j += 1
        values = {c: _value(t, name) for c, (t, _) in zip(value_cols, vals)}
        end = cells[j - 1][1] + len(cells[j - 1][0])
        out.append(_indicator(doc, v, name, l1, l2, values.get("target"), values.get("actual"),
                              score if ("score" in cols or "weight" not in cols) else None,
                              score if ("weight" in cols and "score" not in cols) else None, off, end))
        i = j
    return out


def _run_on(doc: Document, v: View, base: int, body: str, cols: list[str]) -> list[Indicator]:
    """One line: rows end at the repeated result phrase, at a level name, or after the
    score (a table with a 得分 column and no phrase)."""
    keep = [i for i, ch in enumerate(body) if not ch.isspace()]
    flat = "".join(body[i] for i in keep)
    keep.append(len(body))
    phrase = _result_phrase(flat)
    if phrase is None and "weight" in cols and "score" in cols:
        phrase = _phrase_before_points(flat)
    # cut into chunks: each level name and each phrase occurrence ends a chunk
    marks = []
    for m in re.finditer(rf"{_L1}|{_L2}", flat):
        marks.append((m.start(), m.end(), "level", m.group()))
    points = "weight" in cols and "score" in cols
    if phrase:
        for m in re.finditer(re.escape(phrase), flat):
            tail = re.match(r"\d{2,6}(?![\d.%])", flat[m.end():]) if points else None
            if tail and glued_points(phrase + tail.group()) is not None:
                # '…达成预期指标88时效指标…': the row's 分值 and 得分 run on after the phrase
                marks.append((m.start(), m.end() + tail.end(), "phrase", phrase))
            else:
                marks.append((m.start(), m.end(), "phrase", phrase))
        if points:                                  # '…≥100百分比10088经费…': a row ends at its 完成值+分值+得分
            for m in re.finditer(r"(?<=[\u4e00-\u9fff%‰])(\d{3,8})(?=[\u4e00-\u9fff])(?!" + _UNIT_AFTER + ")", flat):
                if _glued_actual_points(flat[max(0, m.start() - 30):m.end()]) is not None:
                    marks.append((m.end(), m.end(), "row", ""))
    for m in re.finditer(r"指标\s*\d+\s*[:：.．、]?", flat):      # 指标1 / 指标2: numbered rows
        marks.append((m.start(), m.end(), "row", m.group()))
    if not phrase and "score" not in cols:                      # '…情况2280次大楼安检…': a row ends at its figure
        for m in re.finditer(r"\d+(?:\.\d+)?\s*(?:%|‰|人次|小时|万元|元|[个件起人次项家名台套户所天亩批场粒株])"
                             r"(?=[\u4e00-\u9fff])(?!以上|以下|以内|左右|的|内|之)", flat):
            marks.append((m.end(), m.end(), "row", ""))
    if not phrase and "score" in cols:                          # '…专款专用10成本每年…': a row ends at its score
        for m in re.finditer(r"(?<=[\u4e00-\u9fff%])(?<![到为达于至约近共])(\d{1,2})(?=[\u4e00-\u9fff])"
                             r"(?!亿|万|元|年|月|日|个|次|人|项|家|件|台|套|户|天|小时|公里|亩|粒|名|批|场|起|倍)", flat):
            marks.append((m.end(), m.end(), "scored", ""))
    marks.sort()
    out: list[Indicator] = []
    l1 = l2 = None
    pos = 0

    def flush(chunk: str, c_off: int, result: Optional[str], after_score: bool = False, bounded: bool = False) -> None:
        nonlocal l2
        bare = after_score and re.match(r"^(数量|质量|时效|成本)(?!指标)(?=.{2})", chunk)
        if bare:                                   # a level written bare at the start of its row: 时效1年…
            l2 = bare.group(1) + "指标"
            chunk, c_off = chunk[bare.end():], c_off + bare.end()
        row = _row_from_chunk(chunk, cols)
        if row is None and bounded:
            row = _worded_row(chunk)
        if row is None:
            return
        name, t_raw, a_raw, score, weight = row
        if weight is None and "weight" in cols and "target" in cols and cols.index("weight") < cols.index("target"):
            w = re.search(r"(?<=[\u4e00-\u9fff)）])(\d{1,3}(?:\.\d+)?)$", name)   # 分值 printed before 指标值
            if w and float(w.group(1)) <= 100 and (score is None or score <= float(w.group(1))):
                weight = float(w.group(1)) if "." in w.group(1) else int(w.group(1))
                name = name[:w.start()]
        if a_raw is None and result:
            a_raw = result
        target = _value(t_raw, name) if t_raw else None
        actual = _value(a_raw, name) if a_raw else None
        start = base + keep[c_off]
        end = base + keep[min(len(keep) - 1, c_off + len(chunk))]
        out.append(_indicator(doc, v, name, l1, l2, target, actual, score, weight, start, end))

    prev_kind = prev_text = None
    weight_first = "weight" in cols and "target" in cols and cols.index("weight") < cols.index("target")
    for start, end, kind, text in marks:
        if start < pos:
            continue
        chunk = flat[pos:start]
        if kind == "phrase":
            said = flat[start:end]
            if said != text and phrase:             # the phrase with its glued 分值/得分
                row = _phrase_row(chunk + said, cols, phrase)
                if row is not None:
                    name, t_raw, a_raw, score, weight = row
                    out.append(_indicator(doc, v, name, l1, l2, _value(t_raw, name), _value(a_raw, name), score,
                                          weight, base + keep[pos], base + keep[min(len(keep) - 1, end)]))
                pos, prev_kind = end, kind
                continue
            flush(chunk, pos, v.original(base + keep[start], base + keep[end - 1] + 1))
        elif kind in ("row", "scored"):
            if kind == "scored" and weight_first and re.fullmatch(r"[^\d≥≤≧≦><=＝＞＜%]{2,}\d{1,2}", chunk):
                continue                         # '…改善状况10显著提升显著提升10': a name and its 分值, the row goes on
            if chunk.strip():
                flush(chunk, pos, None, after_score=prev_kind == "scored")
        else:
            if not chunk.strip() and prev_kind == "level" and prev_text == text:
                prev_kind = "repeat"                 # 服务对象满意度 | 服务对象满意度%=99: the second is the name
                continue
            if chunk.strip():
                flush(chunk, pos, None, bounded=prev_kind in ("level", "repeat") and l2 is not None)
            a, b, _ = _level(text)
            nxt = next((mk for mk in marks if mk[0] == end and mk[2] == "level"), None)
            if a:
                l1, l2 = a, None
            elif text == "成本指标" and nxt is not None and "成本" in nxt[3]:
                l1, l2 = "成本指标", None            # 成本指标 over 经济/社会/生态环境成本指标 is a 一级
            else:
                l2 = b
            prev_text = text
        pos = end
        prev_kind = kind
    if pos < len(flat):
        flush(flat[pos:], pos, None, after_score=prev_kind == "scored")
    return out


def _phrase_before_points(flat: str) -> Optional[str]:
    """The words three or more rows of a table run together without spaces end in, right
    before their 分值 and 得分 ('…规定达成预期指标88时效指标'): the table's result phrase."""
    counts: Counter = Counter()
    for m in re.finditer(r"([\u4e00-\u9fff]{4,10})(?=\d{2,6}(?![\d.%]))", flat):
        if glued_points(m.group(1) + re.match(r"\d+", flat[m.end():]).group()) is None:
            continue
        w = m.group(1)
        for n in range(4, len(w) + 1):
            counts[w[-n:]] += 1
    best = [w for w, n in counts.items() if n >= 3 and _level_word(w) == (None, None)]
    if not best:
        return None
    top = max(counts[w] for w in best)
    return max((w for w in best if counts[w] == top), key=len)


_UNIT_AFTER = r"亿|万|元|年|月|日|个|次|人|项|家|件|台|套|户|天|小时|公里|亩|粒|名|批|场|起|倍|百分比|分|%"


def _result_phrase(flat: str) -> Optional[str]:
    """The words a run-on table repeats after each row's figures (达成预期指标)."""
    counts: Counter = Counter()
    for m in re.finditer(r"(?:\d|%|‰|[个件起人次项家名台套户所天亩])(?=[\u4e00-\u9fff])", flat):
        after = re.match(r"[\u4e00-\u9fff]{0,8}", flat[m.end():m.end() + 8]).group()
        for n in range(4, len(after) + 1):
            counts[after[:n]] += 1
    best = None
    for s, c in counts.items():
        if c >= 3 and (best is None or (c, len(s)) > (counts[best], len(best))):
            best = s
    if best is None:
        return None
    # the longest extension that keeps the count
    for s, c in sorted(counts.items(), key=lambda kv: -len(kv[0])):
        if s.startswith(best) and c == counts[best]:
            return s if flat.count(s) == counts[best] else best
    return best


def _row_from_chunk(chunk: str, cols: list[str], phrase: Optional[str] = None):
    """(name, target, actual, score, weight) of a run-on row: figures read from its end.
    `phrase`: the result words the table's rows end in (达成预期指标), the row's actual."""
    s = re.sub(r"(?:…|\.{3,})+$", "", re.sub(r"\s+", "", chunk))     # a template's '……' row after it
    if not s:
        return None
    if phrase:
        got = _phrase_row(s, cols, phrase)
        if got is not None:
            return got
    vals = []
    rest = s
    score = weight = None
    if "weight" in cols and "score" in cols and cols.index("weight") + 1 == cols.index("score") \
            and cols.index("weight") > cols.index("target") if "target" in cols else False:
        glued = glued_points(rest)                   # '…98%109': 分值 10 and 得分 9 run together
        if glued is not None and glued[0] > 50 and "actual" in cols and _glued_actual_points(rest) is not None:
            glued = None    # a row worth more than 50 points (产出指标 as a whole has 50 by the form's rule): no,
            #                 the digits are 完成值, 分值 and 得分 ('≥100百分比10088' → 100 | 8 | 8)
        if glued is not None:
            weight, score, at = glued
            rest = rest[:at]
    if "score" in cols and score is None:
        m = re.search(r"(?<![\d.])(\d{1,2}(?:\.\d+)?)$", rest)
        if m and m.start() > 0 and (_VAL_END.search(rest[:m.start()]) or re.search(r"[\u4e00-\u9fff]$", rest[:m.start()])):
            score = float(m.group(1)) if "." in m.group(1) else int(m.group(1))
            rest = rest[:m.start()]
    if "weight" in cols and "score" in cols and "actual" in cols and weight is None:
        three = _glued_actual_points(rest)            # '…≥3次31010': 完成值 3, 分值 10, 得分 10 run together
        if three is not None:
            actual, weight, score, at = three
            rest = rest[:at]
            m = _VAL_END.search(rest)
            name = _NAME_PREFIX.sub("", rest[:m.start()]).strip(":：、,，") if m and m.start() else ""
            if len(name) >= 2:
                return name, m.group(), actual, score, weight
    twice = re.search(r"(.{1,12}?)\1{1,2}$", rest)
    if twice and len(rest) > 2 * len(twice.group(1)):         # '…不超过预算不超过预算': target = actual
        cell = twice.group(1)
        head = rest[:len(rest) - 2 * len(cell)]
        op = re.search(_COMPARATOR + r"\s*$", head) if re.match(r"\d", cell) else None
        if op:                                    # '…覆盖率≧100%100%': the comparator is the target's
            head = head[:op.start()]
        name = _NAME_PREFIX.sub("", head).strip(":：、,，")
        if len(name) >= 2:
            return name, (op.group() if op else "") + cell, cell, score, weight
    if "weight" in cols and "score" not in cols and weight is None:    # '…完成率=100%4': the 分值 after a unit
        m = re.search(r"(?<=[%‰\u4e00-\u9fff])(\d{1,3}(?:\.\d+)?)$", rest)
        if m and _VAL_END.search(rest[:m.start()]) and float(m.group(1)) <= 100:
            weight = float(m.group(1)) if "." in m.group(1) else int(m.group(1))
            rest = rest[:m.start()]
    points_after = [a for a in ("weight", "score") if a in cols and "target" in cols and cols.index(a) > cols.index("target")]
    if points_after and weight is None and score is None and re.search(r"[=≥≤≧≦><＝＞＜\u4e00-\u9fff]\d{2,}$", rest):
        return None       # '…正向=84': 指标值 8 and 分值 4 run together, or 84 and no 分值: no value is guessed
    for _ in range(2):
        m = _VAL_END.search(rest)
        if not m or m.start() == 0:
            break
        # a figure glued to the name's last character is part of the name only if nothing is left
        vals.insert(0, m.group())
        rest = rest[:m.start()]
    yes = re.match(r"^(.*是否.*?)(是|否)$", rest) if not vals else None
    if yes:
        rest, vals = yes.group(1), [yes.group(2)]
    name = _NAME_PREFIX.sub("", rest).strip(":：、,，")
    name = re.sub(r"(?<=.{2})反映.*$", "", name)             # the 指标解释 cell run into the name
    if len(name) < 2 or not vals:
        return None
    target = vals[0]
    actual = vals[1] if len(vals) > 1 and ("actual" in cols or not cols) else None
    return name, target, actual, score, weight


def _phrase_row(s: str, cols: list[str], phrase: str):
    """A row whose cells ran together and whose actual is the result phrase the table repeats
    ('…创业能力提升创业能力提升达成预期指标2020'): 分值 and 得分 cut from the end as `glued_points`
    allows, then the phrase, then the target: a figure with its comparator or unit, or words
    the name ends in printed once more (带动农民增收 | 农民增收: the target repeats the name's
    tail), or one of the closed qualitative words (效果明显). Any other target: where the name
    ends is not known, None."""
    rest, weight, score = s, None, None
    if rest.endswith(phrase):
        pass                                      # 分值 and 得分 left empty
    elif "weight" in cols and "score" in cols:
        glued = glued_points(rest)
        if glued is None or not rest[:glued[2]].endswith(phrase):
            return None
        weight, score, at = glued
        rest = rest[:at]
    elif "score" in cols or "weight" in cols:
        m = re.search(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)$", rest)
        if not m or not rest[:m.start()].endswith(phrase) or float(m.group(1)) > 100:
            return None
        n = float(m.group(1)) if "." in m.group(1) else int(m.group(1))
        score, weight = (n, None) if "score" in cols else (None, n)
        rest = rest[:m.start()]
    if not rest.endswith(phrase) or "actual" not in cols:
        return None
    rest = rest[:-len(phrase)]
    m = _VAL_END.search(rest)
    if m and m.start() >= 2 and re.search(r"\d", m.group()):
        name, target = rest[:m.start()], m.group()
    else:
        twice = re.search(r"(.{2,20})\1$", rest)
        worded = re.search(rf"(?:{_WORDED.pattern})$", rest)
        yes = re.match(r"^(.*是否.*?)(是|否)$", rest)
        if yes:                                   # 是否明显提高 | 是
            name, target = yes.group(1), yes.group(2)
        elif twice:
            name, target = rest[:len(rest) - len(twice.group(1))], twice.group(1)
        elif worded and worded.start() >= 4:      # a closed qualitative word (效果明显, 显著提升)
            name, target = rest[:worded.start()], worded.group()
        else:
            return None
    name = _NAME_PREFIX.sub("", name).strip(":：、,，")
    if len(name) < 2:
        return None
    return name, target, phrase, score, weight


def _ending_phrase(cells: list[_SCell]) -> Optional[str]:
    """The words that end three or more rows run together on their lines (达成预期指标 before
    the row's 分值 and 得分): the table's result phrase."""
    counts: Counter = Counter()
    for c in cells:
        if not c.alone:
            continue
        t = re.sub(r"[\d.]+$", "", c.sq)
        tail = re.search(r"[\u4e00-\u9fff]{4,10}$", t)
        if not tail or len(tail.group()) == len(t):
            continue
        for n in range(4, len(tail.group()) + 1):
            counts[tail.group()[-n:]] += 1
    best = [w for w, n in counts.items() if n >= 3 and _level_word(w) == (None, None)]
    if not best:
        return None
    top = max(counts[w] for w in best)
    return max((w for w in best if counts[w] == top), key=len)


# the closed words a qualitative cell ends in (TEMPLATES.md: 按时完成, 效果明显, 达成预期指标, 有效)
_WORDED = re.compile(r"(?:效果)?(?:明显|显著)|(?:逐步|稳步|有所|持续|进一步)?(?:提升|提高|改善)|长远|长期|良好|较好|有效|"
                     r"按时完成|达成预期指标|达标|合格")


def _worded_row(chunk: str):
    """A run-on row with no figure, alone between two level names (社会成本指标 对当地文物保护、
    文化传承影响长远 生态环境成本指标): a named row of the table even where its value is words.
    Its value is the closed qualitative word it ends in (长远, 提升, 效果明显); without one, where
    the name ends is not known (and a list of names whose values stand elsewhere is no row): none."""
    s = re.sub(r"\s+", "", chunk)
    if not 4 <= len(s) <= 40 or re.search(r"\d", s) or not re.search(r"[\u4e00-\u9fff]{3}", s) \
            or _HEADER.search(s) or _STOP.search(s):
        return None
    m = re.search(rf"(?:{_WORDED.pattern})$", s)
    if m and m.start() >= 4:
        return s[:m.start()], m.group(), None, None, None
    return None


def _glued_actual_points(s: str):
    """(actual, weight, score, where) when a row ends in its target, then 完成值, 分值 and 得分
    run together ('…≥3次31010'): the 完成值 is the digits that equal the target's figure (no
    leading zero: one cut at most), and what follows splits into 分值 and 得分 as `glued_points`
    allows (exactly one cut, score <= weight <= 100)."""
    m = re.search(r"(?<=[^\d.])(\d{3,8})$", s)
    if not m:
        return None
    target = _VAL_END.search(s[:m.start()])
    if not target or not re.search(r"\D$", target.group()):
        return None                                   # the target must end in its unit or %: where it stops is known
    fig = re.search(r"\d+(?:\.\d+)?", target.group())
    t_num = parse_number(fig.group()) if fig else None
    d = m.group(1)
    for i in range(1, len(d) - 1):
        a = d[:i]
        if t_num is None or (i > 1 and a[0] == "0") or float(a) != float(t_num):
            continue
        points = glued_points("-" + d[i:])
        return (a, points[0], points[1], m.start()) if points else None
    return None


def _value(raw: str, name: str):
    return _parse(raw, name_unit(name))


def _parse(raw: str, default_unit):
    """parse_value, with 百分比 (a form's unit cell) read as %; the raw text as printed."""
    val = parse_value(re.sub(r"(?<=\d)\s*百分比", "%", raw), default_unit=default_unit)
    val.raw = raw.strip()
    return val


def _indicator(doc: Document, v: View, name, l1, l2, target, actual, score, weight, start, end) -> Indicator:
    """The item, its name cut from the original text (the report's script, glosses dropped)."""
    i = v.text.find(name, start, max(end, start + len(name)))
    raw_name = v.original(i, i + len(name)) if i >= 0 else name
    if actual is not None and target is not None and actual.is_number and actual.unit is None and target.unit \
            and re.fullmatch(r"[\d.,]+", actual.raw or ""):
        actual.unit = target.unit                  # a bare actual takes its target's unit
    s, e = v.pos(start), v.pos(max(start, end - 1)) + 1
    return Indicator(name=re.sub(r"\s+", "", raw_name), level1=l1 or level1_of(l2, name), level2=l2,
                     target=target, actual=actual, weight=weight, score=score,
                     span=doc.span(s, e), evidence="table", source="indicator_stream", spans={})


_MAX_BODY = 4000      # cells of one table's body: a department's form of 100 rows with its empty cells kept
_CELL_LABEL = re.compile(r"(?:存在(?:的)?问题|改进措施|注|说明)\s*[:：]?")
_NEG = -1e9
_UNITS = set(MEASURE_WORDS)


class _Grid:
    def __init__(self, cols: list[str], cells: list[_SCell], explicit_empties: bool, repeated: set[str]):
        self.cols = cols                     # value columns after the name
        self.cells = cells
        self.skip_cost = 1.0 if explicit_empties else 0.3
        self.repeated = repeated
        self.has_points = bool({"weight", "score"} & set(cols))
        self._costs: dict = {}

    def name_cost(self, c: _SCell) -> float:
        sq = c.sq
        if not sq or _PLACEHOLDER.match(sq) or _ROW_JUNK.match(sq):
            return _NEG
        if _bare_number(sq) is not None or _hword(sq) or (_FUND_WORD.search(sq) and not measure_name(sq)):
            return _NEG                        # (预算执行率, 项目资金到位率: an indicator's, not a funding label)
        if not re.search(r"[\u4e00-\u9fff]", sq) or len(sq) > 150:
            return _NEG
        if re.match(r"[、，,；;。）)]", sq):     # the rest of a cell wrapped onto the next line
            return _NEG
        cost = 0.0
        if len(sq) > 80:                       # a target's whole sentence as its 三级指标: a name, but rarely
            cost -= 1.0
        if re.match(r"及(?!时)|[和与的等]", sq):   # likely a wrapped rest too, but a name may start so (与委托方结算完成率)
            cost -= 1.0
        if _valueish(sq):                      # '2022年底之前' may be a name, rarely
            if re.match(r"^[≥≤≧≦><=＝＞＜]", sq):
                return _NEG
            cost -= 1.0
        if sq in self.repeated:
            cost -= 2.0
        if re.search(r"[\u4e00-\u9fff]\d{3,}$", sq):
            cost -= 1.5                        # figures run into the words ('…达到预计值210010'): a row, not a name
        l1, l2 = _level_word(sq)
        if l1 or l2:
            cost -= 1.5
        if len(sq) < 2:
            cost -= 1.0
        return cost

    def cell_cost(self, c: _SCell, col: str) -> float:
        key = (c.text, col)
        got = self._costs.get(key)
        if got is None:
            got = self._costs[key] = self._cell_cost(c, col)
        return got

    def _cell_cost(self, c: _SCell, col: str) -> float:
        sq = c.sq
        if not sq:
            return 0.0
        if _ROW_JUNK.match(sq):
            return _NEG
        l1, l2 = _level_word(sq)
        if l1 or l2:
            return _NEG
        if col in ("weight", "score", "points"):
            n = _bare_number(sq)
            return 0.0 if n is not None and n <= 100 else (0.0 if _PLACEHOLDER.match(sq) else _NEG)
        if col == "op":
            return 0.0 if _OP_ONLY.match(sq) or sq in ("定量", "定性", "定量指标", "定性指标", "正向", "反向") else _NEG
        if col == "unit":
            return 0.0 if (sq in _UNITS or re.fullmatch(r"[%‰]|百分比|万?元(?:/\S{1,3})?|万人次|工作日|个?百分点|"
                                                       r"[\u4e00-\u9fff]{1,2}/[\u4e00-\u9fff]{1,2}", sq)) else _NEG
        if col == "target2":                       # usually left empty: a figure goes here last
            c2 = self._cell_cost(c, "target")
            return c2 - 0.2 if c2 > _NEG / 2 else c2
        if col in ("target", "actual"):
            if _PLACEHOLDER.match(sq):
                return 0.0
            if _bare_number(sq) is not None:
                return -0.1 if self.has_points else 0.0
            if _valueish(sq) or sq in self.repeated:
                return 0.0
            if len(sq) > 40 or re.search(r"[;；。]", sq):
                return -1.5
            if len(sq) == 1:
                return -1.0
            return -0.4
        if col == "skip" and (_valueish(sq) or _bare_number(sq) is not None):
            return -0.1
        if col in ("deviation", "content", "skip"):
            if _PLACEHOLDER.match(sq):
                return 0.0
            if _bare_number(sq) is not None and col != "skip":
                return _NEG
            return -0.6 if col == "deviation" else -0.3
        return _NEG

    def row(self, i: int, k: int) -> tuple[float, list[Optional[int]]]:
        """Best placement of cells i..i+k-1 on the value columns (in order, columns may be
        skipped): (cost, column index per cell)."""
        m = len(self.cols)
        cells = self.cells[i:i + k]
        # dp[a][b]: best cost placing the first a cells on the first b columns
        dp = [[_NEG] * (m + 1) for _ in range(k + 1)]
        back: dict = {}
        dp[0][0] = 0.0
        for b in range(1, m + 1):
            dp[0][b] = dp[0][b - 1] - self._skip(self.cols[b - 1])
        for a in range(1, k + 1):
            for b in range(1, m + 1):
                best, how = dp[a][b - 1] - self._skip(self.cols[b - 1]), "skip"
                if dp[a - 1][b - 1] > _NEG / 2:
                    c = dp[a - 1][b - 1] + self.cell_cost(cells[a - 1], self.cols[b - 1])
                    if c > best:
                        best, how = c, "put"
                dp[a][b] = best
                back[(a, b)] = how
        if dp[k][m] <= _NEG / 2:
            return _NEG, []
        place: list[Optional[int]] = [None] * k
        a, b = k, m
        while a > 0 and b > 0:
            if back[(a, b)] == "put":
                place[a - 1] = b - 1
                a -= 1
            b -= 1
        return dp[k][m] - self._score_over_weight(cells, place), place

    def placements(self, i: int, k: int) -> list[tuple[list[int], float]]:
        """Every placement of cells i..i+k-1 on the value columns (in order) with its cost."""
        m = len(self.cols)
        cells = self.cells[i:i + k]
        out = []
        if k > m or math.comb(m, k) > 5000:
            return out
        for chosen in itertools.combinations(range(m), k):
            c = -sum(self._skip(self.cols[b]) for b in range(m) if b not in chosen)
            for cell, b in zip(cells, chosen):
                c += self.cell_cost(cell, self.cols[b])
            if c <= _NEG / 2:
                continue
            out.append((list(chosen), c - self._score_over_weight(cells, chosen)))
        return out

    def _score_over_weight(self, cells: list[_SCell], place) -> float:
        """The cost of a placement whose score is larger than its weight (no row of the form has one)."""
        got = {self.cols[p]: c for c, p in zip(cells, place) if p is not None and c.sq}
        w, s = got.get("weight"), got.get("score")
        if w is not None and s is not None:
            wn, sn = _bare_number(w.sq), _bare_number(s.sq)
            if wn is not None and sn is not None and sn > wn:
                return 2.0
        return 0.0

    def _skip(self, col: str) -> float:
        if col in ("deviation", "content", "skip", "points", "target2"):
            return 0.05
        return self.skip_cost


def _stream_of(v: View) -> list[_SCell]:
    return _split_header_cells(stream_cells(v.text, _cr_offsets(v), getattr(v, "cell_breaks", frozenset())))


def _without_ordinals(body: list[_SCell]) -> list[_SCell]:
    """The body of a table whose header opens with 序号 without its row numbers (1, 2, 3 … each
    before a row's first word): the column no reader names, which would shift every row's
    cells by one. A number is the next row's only when a word follows it, so a 分值 of 2 just
    before row 2's number stays."""
    out, want = [], 1
    for k, c in enumerate(body):
        nxt = next((d.sq for d in body[k + 1:] if d.sq), "")
        if c.sq == str(want) and nxt and _bare_number(nxt) is None and not _valueish(nxt):
            want += 1
            continue
        out.append(c)
    return out


def read_stream(v: View, cells: Optional[list[_SCell]] = None) -> tuple[list[dict], list[tuple[_SCell, ...]]]:
    """Indicator rows of every indicator header's table in the cell stream: dicts with
    level1, level2, name (cell) and the value cells by attribute; and the total rows.
    `cells`: the view's cell stream when the caller has cut it already."""
    if cells is None:
        cells = _stream_of(v)
    rows: list[dict] = []
    totals: list[tuple] = []
    last_cols: Optional[list[str]] = None
    covered: list[tuple[int, int]] = []         # the cells a header's table took
    i = 0
    while i < len(cells):
        if not cells[i].sq or (_hword(cells[i].sq) is None and not (
                i + 1 < len(cells) and len(cells[i].sq) <= 4 and _hword(cells[i].sq + cells[i + 1].sq))):
            i += 1
            continue
        held: list[_SCell] = []
        cols, j = _header_at(cells, i, held)
        if not cols:
            i += 1
            continue
        # the row's name is the 三级指标 cell; a 指标内容/指标说明 column after it is the row's first
        # value (三级指标 | 指标说明 | 年度指标值 | … | 分值 | 评分), and the name only where the
        # form has no 三级指标 column
        last_name = max(k for k, a in enumerate(cols) if a == ("name" if "name" in cols else "content"))
        value_cols = [a for a in cols[last_name + 1:] if a not in ("level1", "level2", "name")]
        if value_cols.count("target") > 1:         # 年初指标值 | 调整指标值: the second is the adjusted target
            k = [n for n, a in enumerate(value_cols) if a == "target"][1]
            value_cols[k] = "target2"
        end = j
        # a cell of running text ends the table, unless a column of text holds it (指标说明,
        # 评分标准, 偏差原因: an evaluation framework's explanations run to several sentences)
        texts = bool({"content", "skip", "deviation"} & set(value_cols))
        longest = 600 if texts else 120
        while end < len(cells) and end - j < _MAX_BODY:
            sq = cells[end].sq
            stop = _STREAM_STOP.search(sq) if sq else None
            label = _CELL_LABEL.match(sq) if stop and texts else None
            if label and len(sq) > label.end() + 1:
                stop = None             # '存在问题：…' / '说明：…' at the head of a 偏差原因 cell's text, not the section
            if sq and (stop or len(sq) > longest or (_hword(sq) and _header_at(cells, end)[0])):
                break
            end += 1
        body = (held if cols[0] == "level1" else []) + cells[j:end]
        before = next((c.sq for c in reversed(cells[max(0, i - 3):i]) if c.sq), "")
        if before in ("序号", "编号"):
            body = _without_ordinals(body)
        # a header repeated after a page break continues the table: its levels carry on
        carry = (rows[-1]["level1"], rows[-1]["level2"]) if rows and value_cols == last_cols else (None, None)
        by_points = _level_points(cols)
        if by_points:
            # a text column between the name's 分值 and its 得分 (评分标准): name | 3 | text | 3 reads like a
            # level's name and points followed by another name, so there only known level words are levels
            after = cols[cols.index("name") + 1:] if "name" in cols else []
            body = _points_levels(body, known_only=bool(after) and after[0] == "weight" and len(after) > 1
                                  and after[1] in ("skip", "content", "deviation"))
        got = _read_body(body, value_cols, carry, headed=True)
        if "level2" in cols:
            # the form this header names prints a 二级 over every row (merged down its rows): a row
            # read under none has lost its level cell in the copy or had it taken as something else
            for r in got:
                r["level_unread"] = r["level2"] is None
        if by_points and any(c.lvl for c in body):
            for r in got:
                r["points_levels"] = True
        covered.append((i, end))
        rows.extend(got)
        last_cols = value_cols
        if end < len(cells) and re.match(r"^(?:总分|合计|总计|综合得分)", cells[end].sq):
            tail = []
            for c in cells[end + 1:end + 5]:
                if _bare_number(c.sq) is None and c.sq:
                    break
                if c.sq:
                    tail.append(c)
            totals.append((cells[end], *tail))
        i = max(end, i + 1)
    more, more_totals = _headerless(cells, covered)
    rows.extend(more)
    totals.extend(more_totals)
    return rows, totals


# A table whose header row no reader found (an image, lost in the copy, garbled across two
# lines, on the page before, or in words no list has): its rows are anchored by the forms'
# closed level vocabulary instead. A block opens at a 一级 name followed by a 二级 name (the
# first row's merged level cells), or by a short phrase no list has, a name and a figure; its columns are inferred from the cells' shapes: the
# national form's 指标值 | 完成值 | 分值 | 得分 where the figures after the targets read as
# weights (bare numbers, score <= weight on the rows, adding up to at most a form's 100),
# else 指标值 | 完成值 (a target table: 指标值 alone). Kept only where most rows carry a
# figure-like target (a comparator, a figure with its unit), or, for the national form, where
# nearly every row has an actual and the form's arithmetic (a weight, a score no larger, 100 in
# all at most): its targets may be words (效果明显). A list of level names in prose or a budget
# table reads nothing. An older framework's score table (分值 | 得分 alone)
# is tried first: every row with figures holds exactly a weight and a score no larger, the
# weights add up to 100 at most, and nearly every figure of the block is one of them.
_HEADLESS_COLS = (["weight", "score"],
                  # a comparator in a cell of its own before the figure: 指标性质 | 指标值 | 度量单位 (≧ | 100 |
                  # % | 100% | 10 | 10), a declaration's 指标方向 | 运算符 | 指标值 | 度量单位 | 权重 (正向 | = | 8 | 人 | 4)
                  ["skip", "op", "target", "unit", "actual", "weight", "score", "deviation"],
                  ["target", "actual", "weight", "score", "deviation"],
                  ["target", "actual", "deviation"], ["target", "deviation"])


def _headless_anchor(cells: list[_SCell], i: int) -> bool:
    a1, a2 = _level_word(cells[i].sq) if cells[i].sq else (None, None)
    if a2 and not a1:
        # a block whose first 一级 cell was lost with its header (on the page before, in an image): a
        # 二级 name, a row's name and its first figure or comparator (质量指标 | 营养改善计划覆盖率 | ≧ | 100)
        filled = [x.sq for x in cells[i + 1:i + 6] if x.sq][:2]
        return (len(filled) == 2 and re.search(r"[\u4e00-\u9fff]{2}", filled[0]) is not None
                and _level_word(filled[0]) == (None, None) and _hword(filled[0]) is None
                and (_OP_ONLY.match(filled[1]) is not None or _valueish(filled[1])))
    if not a1:
        return False
    nxt = next((x for x in cells[i + 1:i + 3] if x.sq), None)
    if nxt is not None and bool(_level_word(nxt.sq)[1]) and not _level_word(nxt.sq)[0]:
        return True
    # a 二级 name no list has (重点工作, 社会效应): a short phrase, then a name, then a figure
    filled = [x.sq for x in cells[i + 1:i + 8] if x.sq][:4]
    return (len(filled) == 4 and re.fullmatch(r"[\u4e00-\u9fff]{2,8}", filled[0]) is not None
            and _hword(filled[0]) is None and re.search(r"[\u4e00-\u9fff]{2}", filled[1]) is not None
            and _level_word(filled[1]) == (None, None)
            and any(_bare_number(t) is not None or _valueish(t) for t in filled[2:]))


def _points_anchor(cells: list[_SCell], i: int) -> bool:
    """A score table whose level columns carry their own 分值 (决策 | 20 | 项目立项 | 6 | 立项依据充分性 |
    3 | 3), its header lost: a 一级 name, a bare figure, then a short phrase of words."""
    if not cells[i].sq or not _level_word(cells[i].sq)[0]:
        return False
    filled = [x.sq for x in cells[i + 1:i + 6] if x.sq][:2]
    return (len(filled) == 2 and _bare_number(filled[0]) is not None
            and re.fullmatch(r"[\u4e00-\u9fff]{2,10}", filled[1]) is not None and _hword(filled[1]) is None)


def _headless_fit(rows: list[dict], cols: list[str]) -> bool:
    if len(rows) < 3:
        return False
    vals = [r["values"] for r in rows]
    figured = sum(1 for x in vals if "target" in x and _valueish(x["target"].sq))
    if "target" not in cols:
        # a score table (an older framework's 指标 | 分值 | 得分): every row a weight and a score no
        # larger, the weights adding up to the form's 100 at most
        # (a row of no figures is a level name no list has: 绩效目标, 组织实施)
        valued = [x for x in vals if x]
        pairs = [(_bare_number(x["weight"].sq), _bare_number(x["score"].sq)) for x in valued
                 if "weight" in x and "score" in x]
        pairs = [(w, s) for w, s in pairs if w is not None and s is not None]
        return len(pairs) >= 3 and len(pairs) == len(valued) and all(s <= w for w, s in pairs) \
            and sum(w for w, _ in pairs) <= 100.5 and len(vals) - len(valued) <= 0.5 * len(valued)
    if "op" in cols:
        # a comparator cell before the figure on nearly every row, the figure after it, and a weight on
        # each, the weights adding up to the form's 100 at most
        ws = [_bare_number(x["weight"].sq) for x in vals if "weight" in x]
        pairs = [(_bare_number(x["weight"].sq), _bare_number(x["score"].sq)) for x in vals if "weight" in x and "score" in x]
        return (sum(1 for x in vals if "op" in x and "target" in x) >= 0.8 * len(rows)
                and len(ws) >= 0.8 * len(rows) and None not in ws and sum(ws) <= 100.5
                and all(w is not None and sc is not None and sc <= w for w, sc in pairs))
    if "weight" in cols:
        pairs = [(_bare_number(x["weight"].sq), _bare_number(x["score"].sq)) for x in vals
                 if "weight" in x and "score" in x]
        pairs = [(w, s) for w, s in pairs if w is not None and s is not None]
        if len(pairs) < 0.6 * len(rows) or any(s > w for w, s in pairs) or sum(w for w, _ in pairs) > 100.5:
            return False
        # the form's arithmetic on nearly every row (a weight, a score no larger, 100 at most in
        # all) and an actual on each: qualitative targets (效果明显, 符合相关规定) are the form's too
        if len(pairs) >= 0.9 * len(rows) and sum(1 for x in vals if "actual" in x) >= 0.9 * len(rows):
            return True
    if figured < 0.6 * len(rows):
        return False
    elif "actual" in cols:
        if sum(1 for x in vals if "actual" in x) < 0.6 * len(rows):
            return False
    return True


def _headerless(cells: list[_SCell], covered: list[tuple[int, int]] = ()) -> tuple[list[dict], list]:
    """Rows of the blocks no header's table took (`covered`: their cell ranges)."""
    rows: list[dict] = []
    totals: list = []
    starts = sorted(a for a, _ in covered)
    i = 0
    while i < len(cells):
        inside = next((b for a, b in covered if a <= i < b), None)
        if inside is not None:
            i = inside
            continue
        by_points = not _headless_anchor(cells, i) and _points_anchor(cells, i)
        if not (by_points or _headless_anchor(cells, i)):
            i += 1
            continue
        limit = min([a for a in starts if a > i] + [len(cells)])
        end = i
        while end < limit and end - i < _MAX_BODY:
            sq = cells[end].sq
            if end > i and sq and (_STREAM_STOP.search(sq) or len(sq) > 120):
                break
            end += 1
        # (a score table with points on its levels: its levels taken off, by their points, or where a
        # criteria column follows each name's 分值, by the level lists alone)
        readings = [(_points_levels(cells[i:end]), _HEADLESS_COLS), (_points_levels(cells[i:end], known_only=True),
                    (["weight", "skip", "score"],))] if by_points else [(cells[i:end], _HEADLESS_COLS)]
        done = False
        for body, colsets in readings:
            for cols in colsets:
                got = _read_body(body, list(cols))
                if "target" not in cols and sum(1 for c in body if c.sq and (_bare_number(c.sq) is not None or _valueish(
                        c.sq))) > sum(1 for r in got for a in r["values"] if a != "skip") / 0.85:
                    continue           # a score table's figures are its weights and scores: no targets left over
                if _headless_fit(got, [a for a in cols if a != "skip"]):
                    rows.extend(got)
                    done = True
                    break
            if done:
                break
        if end < len(cells) and re.match(r"^(?:总分|合计|总计|综合得分)", cells[end].sq):
            tail = [c for c in cells[end + 1:end + 5] if c.sq][:2]
            if tail and all(_bare_number(c.sq) is not None for c in tail):
                totals.append((cells[end], *tail))
        i = max(end, i + 1)
    return rows, totals


def _level_points(cols: list[str]) -> bool:
    """The older framework's score table: 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分,
    each level column followed by its own 分值 column."""
    return any(a in ("level1", "level2") and b == "weight" for a, b in zip(cols, cols[1:])) and "name" in cols


def _points_levels(body: list[_SCell], known_only: bool = False) -> list[_SCell]:
    """In a score table whose level columns carry their own 分值, a name followed by a single
    figure and then another name is a level (项目决策 20 项目目标 4 目标内容 4 4): two such
    pairs before a row are its 一级 and 二级, one pair its 二级. The level keeps its text, the
    figure (the level's points, not an indicator's) is dropped."""
    filled = [c for c in body if c.sq]
    out: list[_SCell] = []
    pending: list[_SCell] = []
    k = 0
    while k < len(filled):
        c = filled[k]
        nxt = filled[k + 1] if k + 1 < len(filled) else None
        after = filled[k + 2] if k + 2 < len(filled) else None
        if (nxt is not None and after is not None and _bare_number(c.sq) is None and not _valueish(c.sq)
                and re.search(r"[\u4e00-\u9fff]", c.sq) and _bare_number(nxt.sq) is not None
                and _bare_number(after.sq) is None and not _PLACEHOLDER.match(after.sq)
                and re.search(r"[\u4e00-\u9fff]", after.sq) and not _STREAM_STOP.search(after.sq)
                and (not known_only or _level_word(c.sq) != (None, None))):
            pending.append(c)
            k += 2
            continue
        if pending:
            lv = [1, 2] if len(pending) >= 2 else [2]
            for p, n in zip(pending[-2:], lv):
                out.append(_SCell(p.text, p.start, p.end, p.alone, n))
            pending = []
        out.append(c)
        k += 1
    return out


def _read_body(body: list[_SCell], value_cols: list[str], carry: tuple = (None, None), headed: bool = False) -> list[dict]:
    if not body or not value_cols:
        return []
    body = _merge_levels(_peel_rows(body, value_cols))
    wlevels = _weight_levels(body)
    n_empty = sum(1 for c in body if not c.sq)
    counts = Counter(c.sq for c in body if c.sq and not _bare_number(c.sq) and not _valueish(c.sq))
    # (under a header naming the columns, a phrase right after a 二级 name somewhere is a row's name
    # printed again, not a result phrase)
    after_level = {d.sq for c, d in zip(body, body[1:]) if c.sq and d.sq and _level_word(c.sq)[1]} if headed else set()
    repeated = {s for s, n in counts.items() if n >= 3 and _level_word(s) == (None, None) and s not in after_level}
    if not {"weight", "score"} & set(value_cols) and value_cols.count("skip") < 2:
        value_cols = value_cols + ["points"]     # a figure column the header did not name (得分)
    g = _Grid(value_cols, body, explicit_empties=n_empty >= 0.1 * len(body), repeated=repeated)
    n = len(body)
    kmax = len(value_cols)
    best = [_NEG] * (n + 1)
    back: list = [None] * (n + 1)
    best[0] = 0.0
    skips: list[float] = [0.0] * n                 # the cost of reading cell i as no row
    edges: list[list] = [[] for _ in range(n)]       # the rows that may start at cell i: (k, cost, place)
    for i in range(n):
        if best[i] <= _NEG / 2:
            continue
        c = body[i]
        # a level cell, an empty cell or a placeholder: no row
        l1, l2 = _level_word(c.sq) if c.sq else (None, None)
        named_level = (l1 or l2) and i not in wlevels and not c.lvl and _level_named_row(body, i, value_cols)
        if named_level:
            skips[i] = -1.5                     # a level word heading its own row's cells: the row's name
        elif not c.sq or _PLACEHOLDER.match(c.sq) or _ROW_JUNK.match(c.sq) or l1 or l2 or i in wlevels or c.lvl:
            skips[i] = 0.0
        else:
            skips[i] = -1.5                     # a cell that fits nowhere
        step = best[i] + skips[i]
        if step > best[i + 1]:
            best[i + 1], back[i + 1] = step, ("skip", i)
        nc = g.name_cost(c) if i not in wlevels and not c.lvl else _NEG
        if named_level:
            nc += 1.5
        if nc <= _NEG / 2:
            continue
        for k in range(0, min(kmax, n - i - 1) + 1):
            if k and body[i + k].sq and (_level_word(body[i + k].sq) != (None, None)):
                break
            rc, place = g.row(i + 1, k)
            if rc <= _NEG / 2:
                continue
            edges[i].append((k, nc + rc - 0.2, place))
            total = best[i] + nc + rc - 0.2
            if total > best[i + 1 + k]:
                best[i + 1 + k], back[i + 1 + k] = total, ("row", i, place)
    # walk back
    steps = []
    at = n
    while at > 0:
        b = back[at]
        if b is None:
            at -= 1
            continue
        steps.append((b, at))
        at = b[1]
    steps.reverse()
    margins = _near_readings(body, g, steps, best, skips, edges)
    out = []
    l1, l2 = carry
    printed: dict[str, str] = {}                   # canonical 一级 -> as the table prints it
    l1_points = None
    opened = False                                 # the cell before was a 一级 name that opened a block
    def filled_row(b) -> bool:
        return b[0] == "row" and any(p is not None and body[b[1] + 1 + n_].sq and not _PLACEHOLDER.match(
            body[b[1] + 1 + n_].sq) for n_, p in enumerate(b[2]))

    after_level = False
    for n_step, (b, at) in enumerate(steps):
        if b[0] == "row" and not filled_row(b) and n_step + 1 < len(steps) and filled_row(steps[n_step + 1][0]) \
                and re.fullmatch(r"[\u4e00-\u9fff]{2,8}", body[b[1]].sq) and after_level \
                and l1 is not None and l2 is None:
            # a short phrase with no figure right under a 一级 name and before a row, where a 二级 stands
            # (产出指标 | 重点工作 | 开展…): a second level no list has, heading the rows below
            l2 = body[b[1]].sq
            after_level = True
            continue
        after_level = b[0] == "skip" and bool(body[b[1]].sq) and (
            _level_word(body[b[1]].sq) != (None, None) or body[b[1]].lvl > 0 or b[1] in wlevels)
        if b[0] == "skip":
            c = body[b[1]]
            if c.lvl:                              # a level with its own 分值 cell: the header's column says which
                name = canonical_level1(c.sq) if c.lvl == 1 else (_level_word(c.sq)[1] or c.sq)
                l1, l2 = (name, None) if c.lvl == 1 else (l1, name)
                continue
            a1, a2 = _level_word(c.sq) if c.sq else (None, None)
            pts = wlevels.get(b[1])
            if pts is None and (a1 or a2):
                pts = _points(c.sq)
            if pts is not None and not a1 and (l1_points is None or pts > l1_points):
                a1, a2 = a1 or a2 or _POINTS.sub("", c.sq), None      # a level worth more than the 一级 before it
            elif b[1] in wlevels and not (a1 or a2):
                a2 = _POINTS.sub("", c.sq)
            if a1 and not a2 and pts is not None:
                l1_points = pts
            if a1 and a2:                          # 成本指标 / 满意度指标: level1 when a level2 follows
                nxt = next((x for x in body[b[1] + 1:b[1] + 3] if x.sq), None)
                n1, n2 = _level_word(nxt.sq) if nxt is not None else (None, None)
                if n2:
                    l1, l2 = a1, None
                    printed[l1] = _level_key(c.sq)
                else:
                    l2 = a2
            elif a1 and opened and not pts and not c.sq.endswith("指标"):
                l2 = _MARKER.sub("", c.sq)       # 产出 | 项目产出, 效果 | 项目效益: a 一级 name right under one
                #                                  that opened its block, before any row, is that block's 二级
            elif a1:
                l1, l2 = a1, None
                printed[l1] = _level_key(c.sq)
            elif a2:
                l2 = a2
            opened = bool(a1) and l2 is None
            continue
        opened = False
        _, i, place = b
        vals = {}
        for n_, p in enumerate(place):
            c = body[i + 1 + n_]
            if p is not None and c.sq and not _PLACEHOLDER.match(c.sq):
                vals.setdefault(value_cols[p], c)
        out.append({"level1": l1, "level2": l2, "name": body[i], "values": vals,
                    "margin": margins.get((i, len(place)))})
    # an evaluation framework's dimensions (投入 · 过程 · 产出 · 效果; 决策 · 过程 · 产出 · 效益, SCHEMA:
    # "also 投入/过程/产出/效果 in older frameworks") keep the names the table prints, not the
    # indicator framework's 产出指标 / 效益指标
    bare = {w for w in printed.values()}
    if "过程" in bare and bare & {"投入", "决策"}:
        for r in out:
            if printed.get(r["level1"]) in _DIMENSIONS:
                r["level1"] = printed[r["level1"]]
    return out




# the columns whose cell is a judged attribute of the row (SCHEMA: target, actual, weight, score)
_JUDGED = frozenset(("target", "target2", "op", "unit", "actual", "weight", "score", "points"))
_HAIR = 1e-6                 # costs are sums of a few fixed steps: equal within rounding


def _roles(body: list[_SCell], cols: list[str], i: int, place: list) -> dict[int, tuple]:
    """What a row named at cell i makes of its cells: the name, and each cell that gives a judged
    value its column (empty cells and placeholders give none)."""
    out = {i: (i, "name")}
    for n_, p in enumerate(place):
        c = body[i + 1 + n_]
        if p is not None and cols[p] in _JUDGED and c.sq and not _PLACEHOLDER.match(c.sq):
            out[i + 1 + n_] = (i, cols[p])
    return out


def _near_readings(body: list[_SCell], g: "_Grid", steps: list, best: list, skips: list, edges: list) -> dict:
    """How close another reading comes to each row of the best one: (name cell, number of cells)
    -> the cost by which the best reading of the cells that gives one of the row's cells another
    role (the name a value or no row, a figure in another column or in the next row) falls short
    of the best (absent: no such reading). The programme's costs are the evidence it has (how each
    cell fits its column); at a margin of zero the reading kept is the programme's order of
    preference, not the evidence: a guess. Found by the best cost of the reading after each cell
    (run backwards), so every step of every path is weighed against the best, and, within the
    kept row, by every placement of its cells on the columns."""
    n = len(body)
    after = [_NEG] * (n + 1)                       # the best cost of reading cells i.. to the end
    after[n] = 0.0
    for i in range(n - 1, -1, -1):
        if best[i] <= _NEG / 2:
            continue
        a = skips[i] + after[i + 1]
        for k, cost, _ in edges[i]:
            if after[i + 1 + k] > _NEG / 2:
                a = max(a, cost + after[i + 1 + k])
        after[i] = a
    top = best[n]
    if top <= _NEG / 2:
        return {}
    # the roles the kept reading gives, by cell
    kept: dict[int, tuple] = {}
    rows: dict[int, tuple] = {}
    for b, _ in steps:
        if b[0] == "row":
            _, i, place = b
            r = _roles(body, g.cols, i, place)
            kept.update(r)
            rows[i] = (len(place), r)
    gap: dict[int, float] = {}

    def near(row: int, total: float) -> None:
        gap[row] = min(gap.get(row, float("inf")), max(0.0, top - total))

    for i in range(n):
        if best[i] <= _NEG / 2:
            continue
        if i in kept and after[i + 1] > _NEG / 2:
            near(kept[i][0], best[i] + skips[i] + after[i + 1])     # the cell read as no row's
        for k, cost, place in edges[i]:
            if after[i + 1 + k] <= _NEG / 2:
                continue
            got = _roles(body, g.cols, i, place)
            for c in range(i, i + 1 + k):
                # a kept row's cell the other step reads otherwise (a cell the kept reading leaves
                # out, read by the other, changes no kept row)
                role = kept.get(c)
                if role is not None and got.get(c) != role:
                    near(role[0], best[i] + cost + after[i + 1 + k])
    # within a kept row: another placement of its cells
    for i, (k, r) in rows.items():
        if not k:
            continue
        cost, _ = g.row(i + 1, k)
        for other, c in g.placements(i + 1, k):
            if _roles(body, g.cols, i, other) != r:
                near(i, top - cost + c)
    return {(i, rows[i][0]): m for i, m in gap.items() if i in rows}


def _level_named_row(body: list[_SCell], i: int, value_cols: list[str]) -> bool:
    """In a table whose first column after the name is text (指标解释, 评分标准), a level word
    followed by one cell of running text and then the row's figures names its own row (the
    evaluation framework's 三级 社会效益 · 满意度 under 项目效益): a level over a row would be
    followed by the row's name and then its text."""
    if not value_cols or value_cols[0] not in ("skip", "content") or not {"weight", "score"} & set(value_cols):
        return False
    filled = [c.sq for c in body[i + 1:i + 8] if c.sq][:2]
    if len(filled) < 2:
        return False
    text, fig = filled
    return (len(text) >= 12 and _level_word(text) == (None, None) and _bare_number(text) is None
            and not _valueish(text) and _bare_number(fig) is not None)


_DIMENSIONS = frozenset(("投入", "过程", "产出", "效果", "效益", "决策"))


def _weight_levels(body: list[_SCell]) -> dict[int, float]:
    """Levels told by their weights (old and provincial frameworks: 部门决策(25分) 目标任务(15分)
    相关性(5分) 5): a 'name(N分)' cell followed at once by one worth less heads the rows below."""
    out: dict[int, float] = {}
    filled = [k for k, c in enumerate(body) if c.sq]
    for n, i in enumerate(filled[:-1]):
        a, b = _points(body[i].sq), _points(body[filled[n + 1]].sq)
        if a is not None and b is not None and b < a:
            out[i] = a
        elif a is not None and b is None and out and re.fullmatch(r"[\u4e00-\u9fff“”()（）、]{2,30}", body[filled[n + 1]].sq) \
                and _level_word(body[filled[n + 1]].sq) == (None, None):
            out[i] = a        # 绩效目标(10分) | 绩效目标合理性 …: under a level told so, a level whose rows follow
    return out


def _merge_levels(body: list[_SCell]) -> list[_SCell]:
    """Level names broken over cells (经济效益 / 指标, 可持续影 / 响指标) joined."""
    out: list[_SCell] = []
    i = 0
    while i < len(body):
        c = body[i]
        done = False
        if c.sq:
            for k in (3, 2):
                part = body[i:i + k]
                if len(part) < k or any(not x.sq for x in part):
                    continue
                acc = "".join(x.sq for x in part)
                if len(acc) <= 14 and _level_word(acc) != (None, None) and (
                        _level_word(part[-1].sq) == (None, None) or _level_word(c.sq) == (None, None)):
                    out.append(_SCell(acc, c.start, part[-1].end))
                    i += k
                    done = True
                    break
        if not done:
            out.append(c)
            i += 1
    return out


_HINT = re.compile(r"\s*[(（]?\s*[≥≤≧≦>=<]*\s*\*+\s*[^\s()（）]{0,4}\s*[)）]?\s*$")


def _cells_read(rows: list[dict]) -> int:
    return sum(len(r["values"]) for r in rows)


def from_stream(doc: Document, v: View, how: Optional[dict] = None) -> tuple[list[Indicator], list]:
    """The cell stream's rows as indicators (rows with no value at all are left out). `how`,
    when given, is told how they were read (`spread`: a spread form's value block)."""
    cells = _stream_of(v)                       # cut once: read as rows, else column by column
    rows, totals = read_stream(v, cells)
    if not rows:
        rows = _column_major(cells)
    spread = _spread(cells)
    if len(spread) >= 2 and _cells_read(spread) > _cells_read(rows):
        # a value block that splits into whole rows, as many as the names, read more than the
        # row reading did (a form printed row by row reads whole rows: its 分值/得分 are not a
        # second row of 指标值 | 完成值)
        rows = spread
        if how is not None:
            how["spread"] = True
    if how is not None and any(r.get("points_levels") for r in rows):
        how["levels"] = True
    out: list[Indicator] = []
    for r in rows:
        vals: dict[str, _SCell] = r["values"]
        raw_name = "".join(v.original(c.start, c.end) for c in r.get("name_parts", [r["name"]]))
        name = _HINT.sub("", _NAME_PREFIX.sub("", re.sub(r"\s+", "", raw_name))).lstrip("*")
        name = without_target_label(name)        # a 指标说明 cell glued after it: …达到目标值 95%
        if len(name) < 2 or not vals:
            continue
        text = {a: re.sub(r"\s+", "", v.original(c.start, c.end)) for a, c in vals.items()}
        default_unit = name_unit(name)
        t_raw, a_raw = text.get("target2") or text.get("target"), text.get("actual")
        op_unread = False       # the form's comparator cell holds a word, the figure no comparator: '=' by default
        if "op" in text or "unit" in text:
            op_raw, unit_raw = text.get("op", ""), text.get("unit", "")
            op_unread = bool(op_raw) and not _OP_ONLY.match(op_raw)
            op_raw = op_raw if _OP_ONLY.match(op_raw) else ""
            if t_raw:
                bare = re.fullmatch(r"[\d.,]+", t_raw)
                t_raw = op_raw + t_raw + (unit_raw if bare else "")
            if a_raw and unit_raw and re.fullmatch(r"[\d.,]+", a_raw):
                a_raw = a_raw + unit_raw
        target = _parse(t_raw, default_unit) if t_raw else None
        actual = _parse(a_raw, default_unit) if a_raw else None
        if actual is not None and target is not None and actual.is_number and actual.unit is None \
                and target.unit and re.fullmatch(r"[\d.,]+", a_raw):
            actual.unit = target.unit                  # a bare actual takes its target's unit
        weight = parse_number(text["weight"]) if "weight" in text else None
        pts = re.search(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$", name)
        if pts and len(name) > pts.end() - pts.start():
            name = name[:pts.start()]                  # 相关性(5分): the weight printed with the name
            if weight is None:
                weight = parse_number(pts.group(1))
        score = parse_number(text.get("score") or text.get("points") or "") if ("score" in text or "points" in text) else None
        if target is None and actual is None and weight is None and score is None:
            continue
        cells = [r["name"], *vals.values()]
        start, end = v.pos(min(c.start for c in cells)), v.pos(max(c.end for c in cells) - 1) + 1
        spans = {a: doc.span(v.pos(c.start), v.pos(c.end - 1) + 1) for a, c in vals.items()}
        if out and out[-1].name == name and out[-1].level2 == r["level2"] and (
                out[-1].target is None or target is None or out[-1].target.raw == target.raw):
            out.pop()                                  # 中期 then 年度 columns of one indicator: the year's
            # (one name on rows with other targets: rows of their own)
        out.append(Indicator(
            name=name, level1=r["level1"] or level1_of(r["level2"], name), level2=r["level2"],
            content=text.get("content"), target=target, actual=actual, weight=weight, score=score,
            deviation=text.get("deviation"), span=doc.span(start, end), evidence="table",
            source="indicator_stream", spans=spans,
            reasons=_doubts(r, op_unread and target is not None and target.is_number and target.op == "="
                            and not re.search(r"[=＝═]|等于", t_raw))))
    return out, totals


def _doubts(r: dict, default_op: bool = False) -> list[str]:
    """The reader's own doubts about a row, for review (each sets needs_review): another reading
    of its cells as good (row_uncertain), no 二级 read where its header names the column
    (level_unread), a target whose comparator is the reading's default '=' because the form's
    comparator cell held a word (comparator_unread)."""
    out = []
    if r.get("margin") is not None and r["margin"] <= _HAIR:
        out.append("row_uncertain")
    if r.get("level_unread"):
        out.append("level_unread")
    if default_op:
        out.append("comparator_unread")
    return out


def _stream_totals(doc: Document, ex: Extraction, v: View, totals: list, items: list[Indicator]) -> None:
    """'总分 100 98.62': the weights' total then the score; a lone figure is the score only
    in a table without a 分值 column."""
    for t in totals[:1]:
        nums = list(t[1:])
        if len(nums) >= 2:
            c = nums[1]
        elif len(nums) == 1 and any(i.score is not None for i in items) and not any(i.weight is not None for i in items):
            c = nums[0]
        else:
            continue
        n = parse_number(c.text)
        if n is None:
            continue
        add_field(ex, doc, "evaluation.self_score", Value(raw=v.original(c.start, c.end), op="=", value=n, unit="分"),
                  v.pos(c.start), v.pos(c.end - 1) + 1, "table", "indicator_total")


_PEEL_LEVELS = sorted({w for w in (_L1_WORDS | _L2_WORDS | set(LEVEL2_CANONICAL))
                       if w.endswith("指标") or len(w) >= 4}, key=len, reverse=True)


def _peel_rows(body: list[_SCell], cols: list[str]) -> list[_SCell]:
    """Rows whose cells ran together on one line (产出指标数量指标农村…覆盖率100%): the level
    names at the start are cut off by the closed vocabulary, and the figures at the end
    (指标值, 完成值, 得分) as the run-on reader reads them; the rest is the name."""
    if cols and cols[0] in ("content", "skip") and not {"target", "actual"} & set(cols):
        return body                             # a 指标说明 cell states figures in words: not a glued row
    out: list[_SCell] = []
    phrase = _ending_phrase(body)
    for n, c in enumerate(body):
        t = c.text
        nxt = next((x.sq for x in body[n + 1:n + 2]), "")
        if " " in t or len(t) < 4 or _hword(t) or c.lvl or not (c.alone or _glued_cell(t, nxt)) \
                or not re.search(r"[\u4e00-\u9fff]", t):      # no words: a figure ('2200'), not a row run together
            out.append(c)
            continue
        pos = 0
        while not (len(t) <= 10 and not re.search(r"\d", t)):   # 项目立项规范性: a name, no row run together
            w = next((w for w in _PEEL_LEVELS if t.startswith(w, pos)), None)
            if w is None:
                break
            end = pos + len(w)
            pts = re.match(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]", t[end:])
            if pts:
                end += pts.end()
            if len(re.findall(r"[\u4e00-\u9fff]", t[end:])) < 2 and end < len(t):
                break
            out.append(_SCell(t[pos:end], c.start + pos, c.start + end))
            pos = end
        rest = t[pos:]
        if not rest:
            continue
        ended = phrase is not None and phrase in rest
        row = _row_from_chunk(rest, [a for a in cols if a != "points"], phrase if ended else None) \
            if pos or ended or _VAL_END.search(rest) else None
        points = glued_points(rest) if row is None and (pos or _NAME_PREFIX.match(rest)) \
            and {"weight", "score"} <= set(cols) else None
        if points is not None and re.fullmatch(r"[\u4e00-\u9fff]{4,24}", _NAME_PREFIX.sub("", rest[:points[2]])) \
                and not (phrase and phrase in rest):     # with the result phrase in it, values ran into the name
            # 质量指标 | 指标1:工程质量合格1010: a row of name, 分值 and 得分 alone, the figures split
            # where exactly one cut has score <= weight
            k = points[2]
            lead = len(_NAME_PREFIX.match(rest).group()) if _NAME_PREFIX.match(rest) else 0
            w, sc = _num_text(points[0]), _num_text(points[1])
            out.append(_SCell(rest[lead:k], c.start + pos + lead, c.start + pos + k))
            out.append(_SCell(w, c.start + pos + k, c.start + pos + k + len(w)))
            out.append(_SCell(sc, c.start + pos + k + len(w), c.end))
            continue
        worded = _worded_row(rest) if pos and row is None and "target" in cols else None
        if worded is not None:                   # 可持续影响指标 | 义务教育优质均衡发展情况稳步提高: the
            k = len(worded[0])                   # row ends in a closed qualitative word, its value
            out.append(_SCell(rest[:k], c.start + pos, c.start + pos + k))
            out.append(_SCell(rest[k:], c.start + pos + k, c.end))
            continue
        if row is None or not (_VAL_END.search(rest) or (ended and row[2] == phrase)):
            out.append(_SCell(rest, c.start + pos, c.end, alone=bool(pos) or c.alone))
            continue
        name, t_raw, a_raw, score, weight = row
        k = rest.find(name)
        if k < 0:
            out.append(_SCell(rest, c.start + pos, c.end))
            continue
        at = k + len(name)
        out.append(_SCell(name, c.start + pos + k, c.start + pos + at))
        for piece in (t_raw, a_raw, None if weight is None else _num_text(weight), None if score is None else _num_text(score)):
            if piece is None:
                continue
            j = rest.find(piece, at)
            if j < 0:
                break
            out.append(_SCell(piece, c.start + pos + j, c.start + pos + j + len(piece)))
            at = j + len(piece)
    return out


def _glued_cell(t: str, nxt: str = "") -> bool:
    """A cell among others on its line that holds a row run together: level names glued to
    the words after them (质量指标校舍维修改造质量合格率100%), or four or more characters of
    name glued to a figure with its comparator, unit or % (购置设施设备质量合格率100%) when
    no figure follows in the next cell (…质量达标率100% | >=98%: the name ends in a figure)."""
    lead = next((w for w in _PEEL_LEVELS if t.startswith(w)), None)
    if lead is not None and len(re.findall(r"[\u4e00-\u9fff]", t[len(lead):])) >= 2:
        return True
    if nxt and (_valueish(nxt) or _bare_number(nxt) is not None or _PLACEHOLDER.match(nxt)):
        return False
    m = re.search(r"(?:" + _COMPARATOR + r"\s*)?\d+(?:\.\d+)?\s*(?:%|‰|万元|亿元|元|[个件人次项家名台套户所天亩批场])$", t)
    return bool(m) and len(re.findall(r"[\u4e00-\u9fff]", t[:m.start()])) >= 4 and not _valueish(t)


def _num_text(n) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)
