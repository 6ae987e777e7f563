"""Weak entity labels from the text alone: figures with their units, years, comparators.

The first pass of the annotation bootstrap (scripts/bootstrap_annotations.py), before the
gold files correct and complete it. A figure's label comes from its unit (万元 -> AMOUNT,
% -> RATE, 家/个/人次 -> QUANTITY, 分 -> SCORE, 2023年 -> YEAR); a bare figure in a table
takes it from its column header (分值/得分 -> SCORE, 预算/执行数 -> AMOUNT, 执行率 -> RATE),
and stays unlabelled when nothing tells. Spans cover the figure and its unit, not a
comparator; `target_extent` widens a span to the comparator and suffix (`≧40 个`,
`30亿元以上`), which is what a TARGET covers.
"""
from __future__ import annotations

import re

from extract.learn.nlp.annotations import Mark
from extract.learn.nlp.context import context_of
from extract.slots.normalize import MEASURE_WORDS

_MONEY = ("个亿元", "个亿", "亿元", "亿", "千万元", "千万", "百万元", "百万", "万元", "千元", "元")
_COUNT = "|".join(re.escape(w) for w in MEASURE_WORDS if w not in ("元", "分", "年", "月", "日", "天", "周"))
_PREFIX_OPS = ("大于或等于", "大于等于", "高于或等于", "小于或等于", "小于等于", "不低于", "不少于", "不超过",
               "不高于", "不多于", "控制在", "至少", "超过", "大于", "高于", "小于", "低于", "≥", "≧", ">=", "＞=",
               "≤", "≦", "<=", "＜=", ">", "＞", "<", "＜", "约")
_SUFFIX_OPS = ("及以上", "或以上", "以上", "及以下", "以下", "以内", "左右")

NUMBER = r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?P<num>{NUMBER})(?P<more>[多余])?"
    rf"(?:\s?(?P<unit>%|％|{'|'.join(_MONEY)}|分(?!之)|万?(?:{_COUNT})|年度|年))?")
_PERCENT_WORDS = re.compile(r"百分之[零一二三四五六七八九十百点]+")
_SCORE_HEADERS = ("分值", "得分", "权重", "分数", "评分")
_MONEY_HEADERS = ("预算", "执行数", "决算", "金额", "资金", "支出", "拨款", "结转")
_RATE_HEADERS = ("执行率", "完成率", "率")


def _label_for_unit(unit: str, number: str) -> str | None:
    if unit in ("%", "％"):
        return "RATE"
    if unit in _MONEY:
        return "AMOUNT"
    if unit in ("年", "年度"):
        return "YEAR" if re.fullmatch(r"(19|20)\d\d", number) else None
    if unit == "分":
        return "SCORE"
    return "QUANTITY" if unit else None


def _label_from_header(header: str) -> str | None:
    if any(h in header for h in _SCORE_HEADERS):
        return "SCORE"
    if any(h in header for h in _RATE_HEADERS):
        return "RATE"
    if any(h in header for h in _MONEY_HEADERS) or "万元" in header:
        return "AMOUNT"
    return None


def figure_marks(text: str) -> list[Mark]:
    """Figures with a unit or a telling column header, labelled; dates and list ordinals left out."""
    out: list[Mark] = []
    for m in _FIGURE.finditer(text):
        after = text[m.end():m.end() + 3]
        unit = m.group("unit") or ""
        number = m.group("num")
        if unit in ("年", "年度") and re.match(r"\d{1,2}月", after):
            continue                                   # a date, not a year
        if not unit and re.match(r"\s*[-/.]\s*\d|月|日|号", text[m.end():m.end() + 2]):
            continue
        if not unit and re.match(r"[.、．]", text[m.end():m.end() + 1]):
            continue                                   # "1." list ordinals
        label = _label_for_unit(unit, number)
        end = m.end()
        if unit in ("年", "年度") and label is None:
            continue
        if label is None:
            ctx = context_of(text, m.start(), m.end("num"))
            label = _label_from_header(ctx.column_header) if ctx.column_header else None
            end = m.end("more") if m.group("more") else m.end("num")
        if label:
            out.append(Mark(m.start(), end, label))
    for m in _PERCENT_WORDS.finditer(text):
        out.append(Mark(m.start(), m.end(), "RATE"))
    return out


def target_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a figure span to its comparator (`≧`, `不低于`) and suffix (`以上`)."""
    before = text[max(0, start - 6):start].rstrip(" ")
    pad = start - max(0, start - 6) - len(before)
    for op in _PREFIX_OPS:
        if before.endswith(op):
            start = start - pad - len(op)
            break
    rest = text[end:end + 4]
    for op in _SUFFIX_OPS:
        if rest.startswith(op):
            end += len(op)
            break
    return start, end
