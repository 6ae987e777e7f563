"""The shape of an indicator row's line: what a wrapper learned from a few reviewed tables matches.

A form's row prints its cells in the form's column order (TEMPLATES.md: 一级 | 二级 | 三级 name |
指标值 | 实际完成值 | 分值 | 得分 ...), flattened into text one of a few ways: cells apart by
tabs, by '|', by runs of spaces, one cell per line, or glued together. `signature` gives, for a
row whose name is printed, the layout of its line without any of its words: the separator, the
cells before the name (text, level name, figure), and the cells after it, each by its value shape
(a comparator, a figure, its unit: '%', a word unit, none; a text cell; an empty cell). Two rows
of one table in one layout have the same signature; a reviewed document's gold rows give the
signatures a layout has, and a new document's line with a learned signature is a row of that layout.

Only shapes, never words: the signature says nothing of the document's text but classes.
"""
from __future__ import annotations

import re
from typing import Optional

from extract.schema import LEVEL1_CANONICAL, LEVEL2_CANONICAL

_LEVELS = frozenset(w for w in (*LEVEL1_CANONICAL, *LEVEL2_CANONICAL))
_OP = r"(?:[≥≤≧≦><=＝＞＜]=?|不低于|不少于|不超过|不高于|不大于|不小于|大于|小于|达到|超过|低于)"
_FIG = r"\d+(?:[.,]\d+)*"
_VALUE = re.compile(r"^(%s)?\s*(%s)\s*(%%|％|‰|[\u4e00-\u9fff]{1,3}|[A-Za-z/²³]{1,6})?\s*(%s)?$" % (_OP, _FIG, "以上|以下|以内|及以上"))
_TOKEN = re.compile(r"(%s\s*)?%s\s*(?:%%|％|‰)?|[^\d≥≤≧≦><=＝＞＜]+" % (_OP, _FIG))
_SPACES = re.compile(r"\S(?: {2,}|\u3000+)\S")
MAX_AFTER = 6            # cells after the name the signature holds
MAX_LINES = 6            # one cell per line: the lines after the name it looks at


def cell_class(cell: str) -> str:
    """A cell's value shape: 'E' empty, 'L' a level name, 'N[op][u]' a figure (op: a comparator;
    u: '%' a percent, 'w' a word unit, '' none), 'T' text."""
    s = re.sub(r"\s+", "", cell)
    if not s:
        return "E"
    if s in _LEVELS:
        return "L"
    m = _VALUE.match(s)
    if m:
        op = "o" if (m.group(1) or m.group(4)) else ""
        unit = m.group(3) or ""
        u = "%" if unit in ("%", "％", "‰") else "w" if unit else ""
        return f"N{op}{u}"
    return "T"


def separator(line: str) -> str:
    if "\t" in line:
        return "tab"
    if line.count("|") + line.count("｜") >= 2:
        return "pipe"
    if _SPACES.search(line):
        return "spaces"
    return "glued"


def _cells(seg: str, sep: str) -> list[str]:
    if sep == "tab":
        return seg.split("\t")
    if sep == "pipe":
        return re.split(r"[|｜]", seg)
    if sep == "spaces":
        return re.split(r" {2,}|\u3000+", seg)
    return [m.group(0) for m in _TOKEN.finditer(seg)]


def _line(text: str, at: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, at) + 1
    le = text.find("\n", at)
    return ls, le if le >= 0 else len(text)


def signature(text: str, start: int, end: int) -> Optional[tuple]:
    """The shape of the row whose name is text[start:end]: (separator, cells before, cells after)."""
    ls, le = _line(text, start)
    line = text[ls:le]
    if len(line.strip()) <= end - start + 4:            # the name alone: one cell per line
        after, blank, pos = [], 0, le + 1
        for _ in range(MAX_LINES):
            if pos > len(text):
                break
            nle = text.find("\n", pos)
            nle = nle if nle >= 0 else len(text)
            ln = text[pos:nle]
            pos = nle + 1
            if not ln.strip():
                blank += 1
                continue
            c = cell_class(ln)
            if c in ("T", "L") and len(re.sub(r"\s+", "", ln)) > 3:      # the next row's name or a level
                break
            after.append(c)
            if len(after) >= MAX_AFTER:
                break
        return ("line", bool(blank), (), tuple(after))
    sep = separator(line)
    before = [cell_class(c) for c in _cells(text[ls:start], sep)]
    while before and before[0] == "E" and sep != "pipe":
        before.pop(0)
    if sep != "glued" and before and before[-1] == "E":
        before.pop()                                     # the separator right before the name
    rest = _cells(text[end:le], sep)
    if sep != "glued" and rest and not rest[0].strip():
        rest = rest[1:]                                  # the separator right after the name
    after = [cell_class(c) for c in rest if sep != "glued" or c.strip()][:MAX_AFTER]
    return (sep, False, tuple(before[-3:]), tuple(after))


def loose(sig: Optional[tuple]) -> Optional[tuple]:
    """A signature up to the name's first three cells after it (the value columns), the cells before dropped."""
    if sig is None:
        return None
    return (sig[0], sig[1], sig[3][:3])


def row_signatures(text: str, rows: list[dict]) -> list[Optional[tuple]]:
    """The signature of each gold row's first printed name (None: the name is not printed)."""
    out = []
    for r in rows:
        name = (r.get("name") or "").strip()
        at = text.find(name) if name else -1
        out.append(signature(text, at, at + len(name)) if at >= 0 else None)
    return out
