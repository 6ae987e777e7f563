"""The cell stream: a flattened table cut into cells, and the forms' vocabulary that names them.

Every indicator reader of flattened text (`indicator_cells`) starts here: the text cut at line
breaks, pipes, tabs and runs of spaces into cells with their offsets, the header words that
name a column (TEMPLATES.md: 三级指标, 年度指标值, 实际完成值, 分值, 得分 … also split over cells,
run together or with their characters shuffled by a copy), the closed 一级/二级 level names,
and the shapes of a value cell (a bare number, a figure with a comparator or unit, a
placeholder). Nothing here decides which row a cell belongs to."""
from __future__ import annotations

import contextvars
import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from extract.read.textnorm import View, open_bracket
from extract.schema import LEVEL2_CANONICAL, canonical_level1, canonical_level2
from extract.slots.indicator_table import COLUMN_ORDER, LEARNED_HEADERS

# --- the cell stream: any flattening with cell boundaries ------------------------------------
# Spaces, line breaks, blank lines and pipes all mark cell boundaries; which of them a
# paste kept, and whether it kept the empty cells, varies. What does not vary is the
# form's vocabulary: the header words say which columns follow the indicator's name, the
# closed set of 一级/二级 names marks the levels, and each row is a name followed by at most
# one cell per value column, in order. The rows are cut by a small dynamic programme that
# scores each reading of the cells by how well every cell fits the column it lands in (a
# bare number ≤ 100 in 分值/得分, a comparator or a figure with a unit in 指标值, a short
# phrase in a value column, a repeated phrase never as a name), so a table that lost its
# empty cells is read as well as one that kept them.

_UNIT_ONLY = re.compile(r"^(?:%|％|‰|万元|元|万|亿元|个|人|次|人次|项|家|天|件|户|台|套|篇|份|场|所|亩|公里|分|名|批|条)$")
_OP_ONLY = re.compile(r"^(?:≥|≤|≧|≦|>=|<=|>|<|=|＝|═|＞|＜|大于等于|小于等于|不低于|不少于|不高于|不超过|不多于|大于|小于|等于)$")

# header words, on squashed text; "(A)", "(分)", "(%)", "(长期)" markers are dropped before matching
_HWORDS = (
    (r"一级指标(?:名称)?|一级", "level1"),
    (r"二级指标(?:名称)?|二级", "level2"),
    (r"指标类型|指标类别", "level1"),          # one column for both levels (数量指标 | 产出类指标)
    (r"三级指标(?:名称)?|三级|指标名称|绩效指标名称|具体指标|指标", "name"),
    (r"指标内容|目标内容|指标说明", "content"),
    (r"指标性质", "op"),
    (r"度量单位|计量单位|单位", "unit"),
    (r"(?:全年|年度|年终|本年)?(?:实际)?完成(?:指标)?值|(?:全年)?实际值|(?:全年|实际)?完成情况|全年实际(?:完成)?值?|"
     r"指标完成值|实际完成数|实际(?:达到|实现)值|实现值", "actual"),
    (r"(?:年度|年初|中期|全年|调整|预期|当年预期实现)?(?:绩效)?(?:目标)?(?:指标|目标|计划)值|年度目标|预期目标|指标值|"
     r"预期(?:实现)?值", "target"),
    (r"(?:指标)?分值|(?:指标)?权重(?:分值?)?|标准分值?|参考分值", "weight"),
    (r"(?:指标|自评|实际|评价|考核)?得分(?:情况)?|自评分值?|评分", "score"),
    (r"偏差原因(?:分析)?(?:及改进措施)?|未完成原因(?:分析)?(?:及改进措施)?|原因分析(?:及改进措施)?|改进措施|"
     r"存在(?:的)?问题(?:及|和)改进措施", "deviation"),
    (r"备注|绩效标准|指标解释|得分系数|是否核心指标|评[分价]标准|评(?:扣)?分依据|指标方向", "skip"),
)
_HWORD_RE = [(re.compile(rf"(?:{p})"), a) for p, a in _HWORDS]
# 一级/二级 names learned from reviewed reports (name -> (level1, level2), `extract.learn.lexicon`),
# consulted for a cell the closed lists do not name; the pipeline sets them per extraction.
LEARNED_LEVELS: contextvars.ContextVar[dict] = contextvars.ContextVar("learned_levels", default={})
_MARKER = re.compile(r"[(（][A-Za-z/×*%\d\s.分长期年度]*[)）]")

_L1_WORDS = {"产出指标", "效益指标", "满意度指标", "成本指标", "投入指标", "过程指标", "效果指标", "产出", "效益",
             "效果", "投入", "过程", "满意度", "项目决策", "项目管理", "项目产出", "项目效益", "项目绩效", "部门决策",
             "部门管理", "部门产出", "部门效果", "部门效益", "履职效能", "管理效率", "运行成本", "社会效应", "决策"}
_L1_MAP = {"项目产出": "产出指标", "项目效益": "效益指标"}
_L2_WORDS = set(LEVEL2_CANONICAL) | {"产出数量", "产出质量", "产出时效", "产出成本", "产出数量指标", "产出质量指标",
                                     "产出时效指标", "产出成本指标", "服务对象满意", "项目立项",
                                     "资金落实", "业务管理", "财务管理", "项目目标", "目标设定", "预算配置", "预算执行",
                                     "预算管理", "资产管理", "职责履行", "履职效益", "投入管理", "项目实施", "目标任务",
                                     "预算编制", "综合管理", "满意度",
                                     # the evaluation framework of 财预〔2020〕10号: 决策 (项目立项 · 绩效目标 ·
                                     # 资金投入) · 过程 (资金管理 · 组织实施) · 产出 · 效益 (项目效益)
                                     "绩效目标", "资金投入", "资金管理", "组织实施"}
_STREAM_STOP = re.compile(r"^(?:总分|合计|总计|综合得分|评价结论|自评结论|其他需要说明|审核意见|填报人|联系电话|存在问题|"
                          r"改进措施|注[:：]|说明[:：]|附件|项目负责人|财务负责人|单位负责人|评价等级|自评等级|"
                          r"[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)|意见$|[(（]盖章[)）]")
_FUND_WORD = re.compile(r"资金总额|财政拨款|上年结转|其他资金|年初预算|全年预算|全年执行|执行率|项目资金|预算数|执行数")
_PLACEHOLDER = re.compile(r"^(?:/|／|-|—|——|无|\*+)$")            # an empty value cell
_ROW_JUNK = re.compile(r"^(?:…+|\.{3,}|指标\s*\d+\s*[:：]?|[一二三四五六七八九十\d]+[、.．]|[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）])$")
_POINTS = re.compile(r"[(（]?\s*\d+(?:\.\d+)?\s*分\s*[)）]?$|[(（]\s*\d+\s*[-—~至]\s*\d+\s*[)）]\s*分$")


@dataclass
class _SCell:
    text: str          # squashed-whitespace text of the view
    start: int         # view offsets
    end: int
    alone: bool = False   # the only cell of its line (a row whose cells ran together)
    lvl: int = 0          # a level name told by its own 分值 column (1: 一级, 2: 二级), 0: not known so

    @property
    def sq(self) -> str:
        return _squashed(self.text)


@functools.lru_cache(maxsize=8192)
def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _cr_offsets(v: View) -> frozenset:
    """View offsets that are the CR of a CRLF line end (the view reads them as a space)."""
    if "\r" not in v.source:
        return frozenset()
    return frozenset(i for i, ch in enumerate(v.text) if ch == " " and v.source[v.pos(i)] == "\r")


def stream_cells(text: str, cr: frozenset = frozenset(), breaks: frozenset = frozenset()) -> list[_SCell]:
    """The text as a sequence of cells: split at line breaks, pipes, tabs and runs of
    spaces; a line of spaces is an empty cell, a `|` line an empty cell after a line of pipe
    cells (| a | b | rows: the row's end) and no cell after a cell alone on its line (a copy
    that prints each cell on its own line with a `|` line between them); brackets, a lone
    comparator and a lone unit are joined to their neighbour."""
    out: list[_SCell] = []
    pos = 0
    piped = True                                      # the last non-empty line held a pipe or a tab
    lines = _tab_cells_between_bars(text.split("\n"))
    barred = _closed_by_bar(lines)
    continued = _continued_cells(lines)
    blank_cells = _blank_line_cells(lines)
    above = ""                                        # the text line right above, alone on its line
    pending: list[tuple[str, int, int]] = []          # lines of a 'cell |' cell before its closing line
    bars = False                                      # a '|' line has stood between two cells
    joinable = False                                  # the last cell is alone on its line, right above
    for n, line in enumerate(lines):
        base, pos = pos, pos + len(line) + 1
        if line and base + len(line) - 1 in cr:
            line = line[:-1]                          # a CRLF line end: the CR is no cell
        if not line:
            joinable, above = False, ""
            continue
        if not line.strip():
            out.append(_SCell("", base, base))
            joinable, above = False, ""
            continue
        if blank_cells and above and out and out[-1].alone and "|" not in line and "\t" not in line:
            s = line.strip()
            if len(above) >= 10 and all(_hword(_squashed(t)) is None and _level_word(_squashed(t)) == (None, None)
                                        and _bare_number(_squashed(t)) is None and not _valueish(_squashed(t))
                                        for t in (s, above)):
                # cells a blank line apart: a line right below a full one is the same cell's text, wrapped
                prev = out[-1]
                out[-1] = _SCell(prev.text + s, prev.start, base + line.index(s[0]) + len(s), alone=True)
                above = s
                continue
        above = line.strip() if "|" not in line and "\t" not in line else ""
        bar, piped = line.strip() == "|" and not piped, "|" in line or "\t" in line
        if bar:
            bars, joinable = True, False
            continue                                  # between two cells alone on their lines: a boundary
        if bars and barred[n] and not piped:
            # cells between '|' lines: the lines up to the next bar are one cell (its text wrapped)
            s = line.strip()
            at = base + line.index(s[0])
            if joinable:
                prev = out[-1]
                glue = " " if re.search(r"[A-Za-z0-9]$", prev.text) and re.match(r"[A-Za-z0-9]", s) else ""
                out[-1] = _SCell(prev.text + glue + s, prev.start, at + len(s), alone=True)
            else:
                out.append(_SCell(s, at, at + len(s), alone=True))
            joinable = True
            continue
        joinable = False
        if continued[n]:
            s = line.strip()
            at = base + line.index(s[0])
            pending.append((s, at, at + len(s)))
            continue
        if pending:
            # 'cell |' lines: the lines before one ending in its pipe are that cell's text, wrapped
            body = line.strip()[:-1].strip() if line.strip().endswith("|") else line.strip()
            text = "".join(t for t, _, _ in pending) + body
            end = base + line.index(body[0]) + len(body) if body else pending[-1][2]
            out.append(_SCell(text, pending[0][1], end))
            pending = []
            continue
        if "|" in line or "\t" in line:
            body, off = line, base
            s = body.strip()
            if s.startswith("|"):
                k = body.index("|")
                body, off = body[k + 1:], off + k + 1
            if body.rstrip().endswith("|"):
                body = body[:body.rstrip().rindex("|")]
            pieces, p = [], off
            for part in re.split(r"[|\t]", body):
                pieces.append((part, p))
                p += len(part) + 1
        else:
            pieces = [(line, base)]
            if not re.search(r"[ \u3000\xa0]\S", line.strip()):
                s = line.strip()
                prev = out[-1] if out and out[-1].alone else None
                if prev is not None and open_bracket(prev.text) and len(s) <= 8 and re.search(r"[)）]", s) \
                        and not open_bracket(s):
                    # a cell alone on its line whose bracket the next short line closes ('相关性(5' then
                    # '分)'): one cell, wrapped at the space inside it
                    out[-1] = _SCell(prev.text + s, prev.start, base + line.index(s[0]) + len(s), alone=True)
                    continue
                out.append(_SCell(s, base + line.index(s[0]), base + line.index(s[0]) + len(s), alone=True))
                continue
        for part, p in pieces:
            if not part.strip():
                out.append(_SCell("", p, p))
                continue
            words = [(m.group(), p + m.start(), p + m.end()) for m in re.finditer(r"[^ \u3000\xa0]+", part)]
            merged: list[list] = []
            for w, s, e in words:
                if merged:
                    prev = merged[-1]
                    wrapped = (s - 1 in breaks and s - prev[2] == 1 and re.search(r"[\u4e00-\u9fff]$", prev[0])
                               and re.match(r"[\u4e00-\u9fff]", w) and _level_word(prev[0]) == (None, None))
                    if open_bracket(prev[0]) \
                            or _OP_ONLY.match(prev[0]) or (_UNIT_ONLY.match(w) and re.search(r"\d$", prev[0])) \
                            or wrapped:          # a pipe/tab cell's words wrapped inside it, joined by one space
                        prev[0] += " " + w if re.match(r"[A-Za-z0-9]", w) and re.search(r"[A-Za-z0-9]$", prev[0]) else w
                        prev[2] = e
                        continue
                merged.append([w, s, e])
            # a line that is one cell once '100 %' is joined is alone on its line, as '100%' would be
            lone = len(pieces) == 1 and len(merged) == 1 and "|" not in line and "\t" not in line
            out.extend(_SCell(w, s, e, alone=lone) for w, s, e in merged)
    return out


def _tab_cells_between_bars(lines: list[str]) -> list[str]:
    """A copy printing one cell per line between '|' lines may keep a cell's stray tab (its text
    then a tab and nothing): such a line is one cell, its tabs spaces (the same length, so the
    offsets hold), not a row of tab cells whose empty cells would shift every value after it."""
    out = list(lines)
    bars = [k for k, ln in enumerate(lines) if ln.strip() == "|"]
    if len(bars) < 6:
        return out
    for k, ln in enumerate(lines):
        if "\t" not in ln or "|" in ln or sum(1 for p in ln.split("\t") if p.strip()) != 1:
            continue
        prev = next((t.strip() for t in reversed(lines[max(0, k - 3):k]) if t.strip()), "")
        nxt = next((t.strip() for t in lines[k + 1:k + 4] if t.strip()), "")
        if prev == "|" and nxt == "|":
            out[k] = ln.replace("\t", " ")
    return out


def _blank_line_cells(lines: list[str]) -> bool:
    """A text printed one cell per line with a blank line after most cells (not only after
    each row): there two text lines right below each other are one cell's text, wrapped."""
    full = [k for k, ln in enumerate(lines[:-1]) if ln.strip()]
    return len(full) >= 12 and sum(1 for k in full if not lines[k + 1].strip()) > 0.6 * len(full)


def _continued_cells(lines: list[str]) -> list[bool]:
    """Per line: in a text printed one cell per line with its pipe after it ('cell |'), a line
    without a pipe that the lines right below it carry on to a 'cell |' line: a cell's text
    wrapped, the pipe closing the cell. Elsewhere all False."""
    out = [False] * len(lines)
    full = [ln.strip() for ln in lines if ln.strip()]
    closed = [t for t in full if t.endswith("|") and t.count("|") == 1]
    if len(closed) < 6 or len(closed) < 0.6 * len(full):
        return out
    reach = 0                     # the length of the closing line's cell the line below carries on to
    for k in range(len(lines) - 1, -1, -1):
        t = lines[k].strip()
        if not t or "\t" in t:
            reach = 0
            continue
        if "|" in t:
            body = _squashed(t[:-1]) if t.endswith("|") and t.count("|") == 1 else ""
            # a header word or a 一级 name is a cell of its own, not the end of a wrapped one
            whole = body and (_hword(body) or (_level_word(body)[0] and not _level_word(body)[1]))
            reach = len(body) if body and not whole else 0
            continue
        # a wrapped cell's lines are full (as long as the column, the rest on the last line);
        # a short line above a cell is a title or a label of its own
        out[k] = bool(reach) and len(t) >= max(12, reach) and not re.search(r"[。：:]$", t)
        if not out[k]:
            reach = 0
    return out


def _closed_by_bar(lines: list[str]) -> list[bool]:
    """Per line: the lines after it up to a '|' line alone are text lines right below each
    other, or blank (a cell whose text wrapped, closed by its bar)."""
    out = [False] * len(lines)
    nxt_bar, adjacent_closed = False, False
    for k in range(len(lines) - 1, -1, -1):
        t = lines[k].strip()
        out[k] = nxt_bar or adjacent_closed
        if not t:
            adjacent_closed = False               # a blank line: the text above may only reach a bar
            continue
        if t == "|":
            nxt_bar, adjacent_closed = True, False
            continue
        nxt_bar = False
        adjacent_closed = out[k] and "|" not in lines[k] and "\t" not in lines[k]
    # only where the bars stand between cells (most stretches between two bars hold one line),
    # not where they frame rows whose cells are a line each
    runs, n = [], 0
    for ln in lines:
        t = ln.strip()
        if t == "|":
            if n:
                runs.append(n)
            n = 0
        elif t:
            n += 1
    if not runs or sum(1 for r in runs if r == 1) < 0.6 * len(runs):
        return [False] * len(lines)
    return out


def _hword(sq: str) -> Optional[str]:
    learned = LEARNED_HEADERS.get()              # header words reviewers taught (learn/lexicon.py), per run
    return _form_hword(sq) or (learned.get(_MARKER.sub("", sq)) if learned else None)


@functools.lru_cache(maxsize=8192)
def _form_hword(sq: str) -> Optional[str]:
    t = _MARKER.sub("", sq)
    if not t or len(t) > 16:
        return None
    for rx, attr in _HWORD_RE:
        if rx.fullmatch(t):
            return attr
    return _garbled_hword(t)


@functools.lru_cache(maxsize=8192)
def _garbled_hword(t: str) -> Optional[str]:
    """A header word whose characters the copy shuffled (a cell printed over two lines and
    its lines interleaved: 年成值全完值 for 全年完成值, 考值参分 for 参考分值, 标一指级 for 一级指标):
    the cell holds every character of one known header word of four or more characters, and
    at most one more, and no character the header words never use; a word of two or three
    characters only as exactly its own characters."""
    if not 2 <= len(t) <= 12 or not set(t) <= _HEAD_CHARS:
        return None
    if any(t.startswith(w) or t.endswith(w) for w, _ in _GARBLE_WORDS + _SHORT_WORDS):
        return None                          # a header word and a piece of the next: not shuffled
    have = Counter(t)
    if len(t) <= 3:                          # 值分, 分得: a short word only as its own letters shuffled
        found = {a for w, a in _SHORT_WORDS if Counter(w) == have}
        return found.pop() if len(found) == 1 else None
    found = {a for w, a in _GARBLE_WORDS
             if len(t) - len(w) <= 1 and not Counter(w) - have}
    return found.pop() if len(found) == 1 else None


def _header_at(cells: list[_SCell], i: int, held: Optional[list] = None) -> tuple[list[str], int]:
    """Column attributes of a header starting at cell i, and the index after it. A header
    cell may be split over up to three cells (一级 / 指标, 全年 / 完成值). `held`, when given,
    collects the level names a PDF copy printed among the header words (一级指标 二级指标
    数量指标 三级指标 …: the first row's merged level cell), which head the body."""
    cols: list[str] = []
    j = i
    while j < len(cells):
        if held is not None and cols and cells[j].sq and _level_word(cells[j].sq)[1] and j + 1 < len(cells) \
                and cells[j + 1].sq and _hword(cells[j + 1].sq) in ("level2", "name"):
            held.append(cells[j])
            j += 1
            continue
        best = None
        acc = ""
        reach = 6 if len(cells[j].sq) == 1 else 3      # '指 标 解 释': a header word spaced out letter by letter
        for k in range(j, min(j + reach, len(cells))):
            if not cells[k].sq or (k > j and _POINTS.fullmatch(cells[k].sq)):
                break
            acc += cells[k].sq
            a = _hword(acc)
            if a:
                best = (a, k + 1)
        if best is None:
            if not cells[j].sq and cols:          # an empty cell inside a header: a merged head cell
                j += 1
                continue
            k = _unknown_head_words(cells, j) if cols else j
            if k > j:
                cols.extend(["skip"] * sum(1 for c in cells[j:k] if c.sq))
                j = k
                continue
            break
        cols.append(best[0])
        j = best[1]
    attrs = set(cols)
    named = "name" in attrs or "content" in attrs
    if not (({"level1", "level2"} <= attrs and named) or (named and attrs & {"target", "actual"})
            or ({"level1", "level2"} <= attrs and attrs & {"target", "actual", "weight", "score"})
            or ("name" in attrs and {"weight", "score"} <= attrs)):
        # (the last: a score table with no level columns, 三级指标 | 指标说明 | 分值 | 评分)
        return [], i
    if cols.count("name") > 2 or len(cols) < 3:
        return [], i
    values = [k for k, a in enumerate(cols) if a in ("target", "actual", "weight", "score", "deviation")]
    heads = [k for k, a in enumerate(cols) if a in ("level1", "level2", "name")]
    if values and heads and values[0] < heads[0]:
        # a two-row header flattened: the cells spanning both rows come first (年度指标值 实际完成值
        # 分值 得分 … 一级指标 二级指标 三级指标 指标性质 指标值 度量单位): put them in the form's order
        ordered = sorted(cols, key=lambda a: COLUMN_ORDER.index(a) if a in COLUMN_ORDER else len(COLUMN_ORDER))
        cols = [a for k, a in enumerate(ordered) if a == "skip" or a not in ordered[:k]]
    if not attrs & {"target", "actual"}:
        # a regional target table: one target column per place (西坪镇尧山村 | 桃舟乡吾培村 | …)
        # after the named columns, up to the first level name
        places = []
        k = j
        while k < len(cells) and cells[k].sq and len(places) < 40:
            sq = cells[k].sq
            if (_hword(sq) or _level_word(sq) != (None, None) or len(sq) > 12 or _valueish(sq)
                    or _bare_number(sq) is not None or not re.fullmatch(r"[\u4e00-\u9fff()（）]+", sq)):
                break
            places.append(k)
            k += 1
        nxt = cells[k] if k < len(cells) else None
        while nxt is not None and not nxt.sq and k + 1 < len(cells):
            k += 1
            nxt = cells[k]
        if len(places) >= 2 and nxt is not None and (_level_word(nxt.sq) != (None, None) or (
                k + 1 < len(cells) and _level_word(nxt.sq + cells[k + 1].sq) != (None, None))):
            cols = cols + ["target"] + ["skip"] * (len(places) - 1)
            j = places[-1] + 1
    return cols, j


_HEAD_PHRASE = re.compile(r"[\u4e00-\u9fff（）()、及和与/]{2,10}")


def _unknown_head_words(cells: list[_SCell], j: int) -> int:
    """The index after one or two header cells no list names (指标解释说明 | 评分要点) that stand
    between the header's known words: short phrases of words, each no level name, figure or
    value, followed right after by a known header word of a value column; else j. They are
    columns of their own (read as nothing), so the columns after them keep their places."""
    k, n = j, 0
    while k < len(cells) and n < 2:
        sq = cells[k].sq
        if not sq:
            k += 1
            continue
        if (not _HEAD_PHRASE.fullmatch(sq) or _level_word(sq) != (None, None) or _STREAM_STOP.search(sq)
                or _FUND_WORD.search(sq) or _POINTS.search(sq)):
            return j
        n += 1
        k += 1
        nxt = next((c for c in cells[k:k + 3] if c.sq), None)
        if nxt is not None and _hword(nxt.sq) in ("weight", "score"):
            return k
    return j


def _level_word(sq: str) -> tuple[Optional[str], Optional[str]]:
    """(level1, level2) a cell may name, canonical, (None, None) when it names no level;
    both are set for a word that is either (成本指标, 满意度指标): the cell after decides."""
    found = _form_level_word(sq)
    learned = LEARNED_LEVELS.get()              # level names reviewers taught (learn/lexicon.py), per run
    if found != (None, None) or not learned:
        return found
    return learned.get(_level_key(sq), (None, None))


def _level_key(sq: str) -> str:
    return re.sub(r"^\d+[.、．]", "", re.sub(r"等$", "", _POINTS.sub("", _MARKER.sub("", sq))))


@functools.lru_cache(maxsize=8192)
def _form_level_word(sq: str) -> tuple[Optional[str], Optional[str]]:
    t = _level_key(sq)
    if not t or len(t) > 14:
        return None, None
    l1 = (_L1_MAP.get(t) or canonical_level1(t)) if t in _L1_WORDS else None
    if l1 is None and re.fullmatch(r"[\u4e00-\u9fff]{2,4}类指标", t):
        l1 = canonical_level1(t)                # 产出类指标 → 产出指标; 管理类指标 keeps its name
    l2 = None
    if t in LEVEL2_CANONICAL:
        l2 = LEVEL2_CANONICAL[t]
    elif (t + "指标") in LEVEL2_CANONICAL:
        l2 = LEVEL2_CANONICAL[t + "指标"]
    elif t in _L2_WORDS:
        l2 = re.sub(r"^产出(数量|质量|时效|成本)(?:指标)?$", r"\1指标", t)
        l2 = "服务对象满意度指标" if l2 == "服务对象满意" else canonical_level2(l2)
    return l1, l2


def _bare_number(sq: str) -> Optional[float]:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)分?", sq)
    return float(m.group(1)) if m else None


def _valueish(sq: str) -> bool:
    """A target/actual cell: a figure with an optional comparator and unit, or a comparator phrase."""
    return bool(re.match(r"^(?:[≥≤≧≦><=＝＞＜]|不低于|不少于|不高于|不超过|大于|小于|达到|约)", sq)) or \
        bool(re.fullmatch(r"[≥≤≧≦><=＝＞＜]*\s*\d[\d.,]*\s*\S{0,4}(?:以上|以下|以内|左右)?", sq))




_HEAD_LITERALS = sorted("""绩效指标 一级指标 二级指标 三级指标 指标内容 指标名称 年度指标值 指标值 实际完成值 全年实际值 完成值 目标值
年初目标值 预期值 分值 得分 自评分 权重 备注 指标性质 计量单位 度量单位 偏差原因分析及改进措施 未完成原因分析及改进措施 未完成原因分析
未完成原因及拟采取的改进措施 指标解释""".split(), key=len, reverse=True)


_GARBLE_WORDS = [(w, a) for w in dict.fromkeys(_HEAD_LITERALS + ["参考分值", "全年完成值", "标准分值", "自评得分",
                                                                   "年初指标值", "全年目标值", "年度目标值"])
                 if len(w) >= 4 for a in [next((a for rx, a in _HWORD_RE if rx.fullmatch(w)), None)] if a]
_SHORT_WORDS = [("分值", "weight"), ("权重", "weight"), ("得分", "score"), ("评分", "score"), ("指标值", "target"),
                ("目标值", "target"), ("预期值", "target"), ("完成值", "actual"), ("实际值", "actual")]
_HEAD_CHARS = frozenset("".join(w for w, _ in _GARBLE_WORDS + _SHORT_WORDS))


def _split_header_cells(cells: list[_SCell]) -> list[_SCell]:
    """A header whose cells ran together (绩效指标一级指标二级指标指标内容指标值) cut into its words:
    the form's literals, else the longest run a header word names (指标方向, 年度目标值 …). A
    title run into it (绩效指标(权重分值90分,…)一级指标二级指标…) is left as a cell of its own,
    cut where 一级指标 / 二级指标 / 三级指标 starts."""
    out: list[_SCell] = []
    for c in cells:
        t = c.text
        if len(t) >= 8 and " " not in t and "指标" in t:
            lead = re.search(r"[一二三]级指标|指标名称", t)
            at = lead.start() if lead and lead.start() > 0 and not _hword(t[:lead.start()]) else 0
            words, k = [], at
            while k < len(t):
                w = next((w for w in _HEAD_LITERALS if t.startswith(w, k)), None) or next(
                    (t[k:k + n] for n in range(min(12, len(t) - k), 1, -1) if _hword(t[k:k + n])), None)
                if w is None:
                    break
                words.append((w, k))
                k += len(w)
            if k == len(t) and len(words) >= 3:
                if at:
                    out.append(_SCell(t[:at], c.start, c.start + at))
                out.extend(_SCell(w, c.start + o, c.start + o + len(w)) for w, o in words if w != "绩效指标")
                continue
        out.append(c)
    return out


def _points(sq: str) -> Optional[float]:
    m = _POINTS.search(sq)
    if not m or m.start() == 0:
        return None
    return float(re.search(r"\d+(?:\.\d+)?", m.group()).group())
