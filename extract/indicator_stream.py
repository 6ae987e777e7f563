"""Indicator tables that lost their grid: one cell per line, or a whole table run together.

After an indicator header (一级指标 二级指标 三级指标 年度指标值 实际完成值 …) the rest
of such a table is a sequence of cells in reading order. Levels are recognised by
their names (产出指标, 数量指标 / 产出数量, 社会效益 …) and set the levels of the rows
after them. The rows themselves are cut in one of two ways:

- one cell per line: after the levels, a row is its name, then one cell per value column
  of the header (target, actual), then a bare number for the score column where the
  header has one (or an unlabelled figure column);
- run together on one line: rows end where the result phrase the table repeats after
  each row's figures (达成预期指标) stands, or at the next level name; a row's figures
  are read from its end (目标值 then 完成值), everything before them is its name.

Used only where no table with cells gave any indicator.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from .document import Document
from .indicators import _NAME_UNIT
from .narrative_indicators import level1_of
from .normalize import parse_number, parse_value
from .record import Extraction, Indicator
from .schema import canonical_level1, canonical_level2
from .textnorm import View

_HEADER = re.compile(r"(?:一级指标[\s|]*)?二级指标[\s|]*三级指标|一级指标[\s|]*二级指标(?=[\s|]*(?:绩效标准|指标解释|指标说明))")
_HEAD_COLS = (
    (r"年初目标值|年度指标值|目标值|预期目标|指标值|当年预期实现值|预期实现值|预期值", "target"),
    (r"绩效标准|指标解释|指标说明", None),
    (r"实际完成指标值|实际完成值|全年实际值|完成值|实际值", "actual"),
    (r"分值|权重", "weight"),
    (r"得分|自评分", "score"),
    (r"未完成原因(?:及改进措施|分析)?|偏差原因(?:分析)?(?:及改进措施)?", "deviation"),
    (r"指标性质", "op"),
    (r"度量单位|计量单位", "unit"),
    (r"\(?[A-Z]\)?", None),
)
_L1 = r"产出指标|效益指标|满意度指标"
_L2 = (r"(?:产出)?(?:数量|质量|时效|成本)指标|产出(?:数量|质量|时效|成本)|(?:经济|社会|生态)效益(?:指标)?|"
       r"可持续性?影响(?:指标)?|服务对象满意度(?:指标)?")
_LEVEL = re.compile(rf"^(?:(?P<l1>{_L1})|(?P<l2>{_L2}))")
_STOP = re.compile(r"总分|合计|其他需要说明|审核意见|填报人|联系电话|自评结论|评价结论|存在问题")
_VAL_END = re.compile(r"(?:(?:不低于|不高于|不少于|不超过|大于等于|小于等于|大于|小于|≥|≤|≧|≦|>|<|＝|=)\s*)?"
                      r"\d+(?:\.\d+)?\s*(?:%|‰|人次|小时|万元|亿元|亿|元|万?[个件起人次项家名台套户所天亩批场粒株])?$")
_NAME_PREFIX = re.compile(r"^\s*(?:\d*\s*指标\s*\d+\s*[：:、.．]|[（(]\s*\d+\s*[)）]|\d+\s*[：:、.．])\s*")


def extract(doc: Document, ex: Extraction, v: View) -> None:
    if ex.indicators:
        return
    m = _HEADER.search(v.text)
    if not m:
        return
    cols, body_start = _columns(v.text, m.end())
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
    # cut into chunks: each level name and each phrase occurrence ends a chunk
    marks = []
    for m in re.finditer(rf"{_L1}|{_L2}", flat):
        marks.append((m.start(), m.end(), "level", m.group()))
    if phrase:
        for m in re.finditer(re.escape(phrase), flat):
            marks.append((m.start(), m.end(), "phrase", phrase))
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

    def flush(chunk: str, c_off: int, result: Optional[str], after_score: bool = False) -> None:
        nonlocal l2
        bare = after_score and re.match(r"^(数量|质量|时效|成本)(?!指标)(?=.{2})", chunk)
        if bare:                                   # a level written bare at the start of its row: 时效1年…
            l2 = bare.group(1) + "指标"
            chunk, c_off = chunk[bare.end():], c_off + bare.end()
        row = _row_from_chunk(chunk, cols)
        if row is None:
            return
        name, t_raw, a_raw, score = row
        if a_raw is None and result:
            a_raw = result
        target = _value(t_raw, name) if t_raw else None
        actual = _value(a_raw, name) if a_raw else None
        start = base + keep[c_off]
        end = base + keep[min(len(keep) - 1, c_off + len(chunk))]
        out.append(_indicator(doc, v, name, l1, l2, target, actual, score, None, start, end))

    prev_kind = None
    for start, end, kind, text in marks:
        if start < pos:
            continue
        chunk = flat[pos:start]
        if kind == "phrase":
            flush(chunk, pos, v.original(base + keep[start], base + keep[end - 1] + 1))
        elif kind in ("row", "scored"):
            if chunk.strip():
                flush(chunk, pos, None, after_score=prev_kind == "scored")
        else:
            if chunk.strip():
                flush(chunk, pos, None)
            a, b, _ = _level(text)
            if a:
                l1, l2 = a, None
            else:
                l2 = b
        pos = end
        prev_kind = kind
    if pos < len(flat) and prev_kind == "scored":
        flush(flat[pos:], pos, None, after_score=True)
    return out


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


def _row_from_chunk(chunk: str, cols: list[str]):
    """(name, target, actual, score) of a run-on row: figures read from its end."""
    s = re.sub(r"\s+", "", chunk)
    if not s:
        return None
    vals = []
    rest = s
    score = None
    if "score" in cols:
        m = re.search(r"(?<![\d.])(\d{1,2}(?:\.\d+)?)$", rest)
        if m and m.start() > 0 and (_VAL_END.search(rest[:m.start()]) or re.search(r"[\u4e00-\u9fff]$", rest[:m.start()])):
            score = float(m.group(1)) if "." in m.group(1) else int(m.group(1))
            rest = rest[:m.start()]
    twice = re.search(r"(.{1,12}?)\1{1,2}$", rest)
    if twice and len(rest) > 2 * len(twice.group(1)):         # '…不超过预算不超过预算': target = actual
        cell = twice.group(1)
        name = _NAME_PREFIX.sub("", rest[:len(rest) - 2 * len(cell)]).strip(":：、,，")
        if len(name) >= 2:
            return name, cell, cell, score
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
    actual = vals[1] if len(vals) > 1 else None
    return name, target, actual, score


def _value(raw: str, name: str):
    unit = _NAME_UNIT.search(name)
    return parse_value(raw, default_unit=unit.group(1) if unit else None)


def _indicator(doc: Document, v: View, name, l1, l2, target, actual, score, weight, start, end) -> Indicator:
    """The item, its name cut from the original text (the report's script, glosses dropped)."""
    i = v.text.find(name, start, max(end, start + len(name)))
    raw_name = v.original(i, i + len(name)) if i >= 0 else name
    s, e = v.pos(start), v.pos(max(start, end - 1)) + 1
    return Indicator(name=re.sub(r"\s+", "", raw_name), level1=l1 or level1_of(l2, name), level2=l2,
                     target=target, actual=actual, weight=weight, score=score,
                     span=doc.span(s, e), evidence="table", source="indicator_stream", spans={})
