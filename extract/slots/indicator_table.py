"""Indicator tables: header columns to attributes, rows to items.

The rows of an indicator table come with three habits of real reports that this
module undoes: merged 一级/二级 cells appear once and are empty below (carried down);
a row broken across a page comes back as a second row holding the rest of each cell
(rejoined: it has no 分值/得分 of its own); template rows with no name and no figure
are left out. The 指标性质 | 指标值 | 度量单位 layout (≧ | 735 | 人次) is read as one value.
"""
from __future__ import annotations

import contextvars
import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from extract.read.document import Cell, Document, Row
from extract.read.layout import join_lines
from extract.schema import LEVEL1_CANONICAL, LEVEL2_CANONICAL, canonical_level1, canonical_level2
from extract.slots.assign import add_field, squash
from extract.slots.normalize import Value, parse_number, parse_value
from extract.slots.record import Extraction, Indicator

HEADER_COLUMNS = (  # (pattern on a squashed header cell, attribute); first match wins per cell
    (r"^一级指标|^一级$", "level1"),
    (r"^二级指标|^二级$", "level2"),
    (r"^指标(类型|类别)$", "level"),        # one column for both levels (数量指标 | 产出类指标 | 满意度类指标)
    (r"^三级指标|^指标名称|^三级$|^绩效指标名称", "name"),
    (r"^(目标内容|指标内容|指标说明|具体指标)", "content"),
    (r"^指标性质$", "op"),
    (r"^度量单位$|^计量单位$|^单位$", "unit"),
    (r"实际完成值|^完成值|完成值$|实际值|年终完成值|实际完成情况|^实际完成|全年实际", "actual"),
    (r"指标值|目标值|^预期目标|^预期值|计划值|年初指标|年度目标", "target"),
    (r"^得分系数|^是否核心指标|^评[分价](?:标准|依据|细则|方法|说明|要点|办法|要求)|^指标解释", "skip"),   # a column of its own
    # no attribute reads: its cells hold no row's value (评分标准 is no 评分)
    (r"^分值|^权重|^指标分值|^指标权重(?:$|[(（])", "weight"),
    (r"^得分(?!系数|率)|^自评分|^自评得分|^实际得分|^评分|^指标得分", "score"),     # 得分系数(%): a share, no score
    (r"偏差原因|未完成原因|原因分析|改进措施", "deviation"),
)

STOP_ROW = re.compile(r"审核意见|其他需要说明|填报人|联系电话|^备注$")
TOTAL_ROW = re.compile(r"^(总分|合计|总计|综合得分)$")
_ORDINAL = re.compile(r"^\s*(?:\d*\s*指标\s*\d+\s*[：:、.．]|[（(]\s*\d+\s*[)）]|\d+\s*[：:、.．)）]|[一二三四五六七八九十]+\s*[、.．])\s*")
_NAME_UNIT = re.compile(r"[（(]\s*(个|次|家|人|项|%|万元|元|场|篇|件|名|户|亩|公里|人次|场次|批次|条|所|台|套|辆|天|期|份|处|座)\s*[)）]\s*$")
_LEVEL_WEIGHT = re.compile(r"[（(]?\s*\d+(?:\.\d+)?\s*分\s*[)）]?\s*$|[(（]\s*\d+\s*[-—~至]\s*\d+\s*[)）]\s*分\s*$")
_OPS = {"大于等于": ">=", "小于等于": "<=", "不低于": ">=", "不少于": ">=", "不高于": "<=", "不超过": "<=", "不多于": "<=",
        "大于": ">", "小于": "<", "高于": ">", "低于": "<", "等于": "=",     # a 指标性质 cell in words
        "≧": ">=", "≥": ">=", ">=": ">=", "≦": "<=", "≤": "<=", "<=": "<=", "＝": "=", "═": "=", "=": "=",
        ">": ">", "<": "<", "定性": "=", "定量": "="}


def name_unit(name: str) -> Optional[str]:
    """The unit an indicator's name gives in brackets (培训人数（人）): its figures' unit where they print none."""
    m = _NAME_UNIT.search(name)
    return m.group(1) if m else None


# the order of an indicator table's columns, whatever order a flattened header lists them in
COLUMN_ORDER = ["level", "level1", "level2", "name", "content", "op", "target", "unit", "actual", "weight", "score", "deviation"]


@dataclass
class Header:
    columns: dict[int, str]           # cell index -> attribute
    width: int

    def col(self, attr: str) -> Optional[int]:
        for i, a in self.columns.items():
            if a == attr:
                return i
        return None


@functools.lru_cache(maxsize=4096)
def _header_attrs(text: str) -> tuple[str, ...]:
    """The attributes whose header pattern `text` matches, in HEADER_COLUMNS order (pure;
    asked for every cell of every row, so memoised)."""
    return tuple(attr for pat, attr in HEADER_COLUMNS if re.search(pat, text))


# Header words learned from reviewed reports (squashed cell -> attribute; `extract.learn.lexicon`),
# consulted for a cell no HEADER_COLUMNS pattern names; the pipeline sets them per extraction.
LEARNED_HEADERS: contextvars.ContextVar[dict] = contextvars.ContextVar("learned_headers", default={})


def _cell_attrs(text: str) -> tuple[str, ...]:
    """A header cell's attributes: the forms' words, else a learned header word's."""
    attrs = _header_attrs(text)
    if attrs:
        return attrs
    learned = LEARNED_HEADERS.get().get(text)
    return (learned,) if learned else ()


_BR = re.compile(r"<br\s*/?>", re.I)        # a web table's line break left in the text


def indicator_header(row: Row) -> Optional[Header]:
    cols: dict[int, str] = {}
    texts = [squash(_BR.sub("", c.text)) for c in row.cells]
    i = 0
    while i < len(texts):
        k, t = i, texts[i]                        # k: the column a header word (joined or not) starts at
        i += 1
        if not t or len(t) > 12:
            continue
        if not _header_attrs(t) and len(t) <= 2 and i < len(texts) and texts[i] and len(texts[i]) <= 2 \
                and not _header_attrs(texts[i]) and _header_attrs(t + texts[i]):
            t = t + texts[i]                      # a header word broken by a space ('分 值', '得 分'): one cell
            i += 1
        for attr in _cell_attrs(t):
            if attr not in cols.values() or attr == "skip":      # (several columns may hold no row's value)
                cols[k] = attr
                break
    attrs = set(cols.values())
    if not ({"level1", "level2"} <= attrs or ("name" in attrs and attrs & {"target", "actual"})
            or ({"level1", "content"} <= attrs and attrs & {"target", "actual"})):
        return None
    if "name" not in attrs and "content" in attrs:      # 指标内容 is the name where there is no 三级指标
        i = next(k for k, v in cols.items() if v == "content")
        cols[i] = "name"
    return Header(columns=cols, width=len(row.cells))


_HEAD_PART = re.compile(r"[\u4e00-\u9fff（）()A-Za-z/]{1,8}")


def header_second_row(header: Header, row: Row, nxt: Row) -> Optional[Header]:
    """A header printed over two rows ('年度 | 实际' over '指标值 | 完成值', '分 | 得' over
    '值 | 分'): the row under a header whose cells, joined to the cell above them, name
    columns the first row alone did not. The two rows stand cell over cell (same width, the
    empty cells kept); the second holds only short words, no figure. Returns the header of the
    joined rows, or None when the row under it is not the header's second half."""
    if len(nxt.cells) != len(row.cells):
        return None
    low = [squash(c.text) for c in nxt.cells]
    if not any(low) or any(t and not _HEAD_PART.fullmatch(t) for t in low):
        return None
    joined = [Cell(text=(c.text + d.text) if d.text.strip() else c.text, start=c.start, end=d.end if d.text.strip() else c.end)
              for c, d in zip(row.cells, nxt.cells)]
    merged = indicator_header(Row(cells=joined, start=row.start, end=nxt.end))
    if merged is None:
        return None
    gained = set(merged.columns.values()) - set(header.columns.values())
    if not gained & {"target", "actual", "weight", "score", "name"}:
        return None
    return merged


@dataclass
class _Pending:
    cells: dict[str, list[Cell]] = field(default_factory=dict)
    level1: Optional[str] = None
    level2: Optional[str] = None

    def text(self, attr: str) -> str:
        return join_lines([_BR.sub("", c.text) for c in self.cells.get(attr, [])])


class IndicatorReader:
    """Feeds on the rows below an indicator header; `feed` returns False at the row that
    ends the table (a total row, a sign-off row, or a row of another shape)."""

    def __init__(self, doc: Document, header: Header, ex: Extraction):
        self.doc, self.header, self.ex = doc, header, ex
        self.level1: Optional[str] = None
        self.level2: Optional[str] = None
        self.pending: Optional[_Pending] = None
        self.has_scores = False
        self.closed = False              # a 总分 / sign-off row ended the table
        self.outer_pipe = True           # the header line opens with '|' (pipes: rows are written | a | b |)
        self.last_end = 0

    loose = False        # pipes / spaces: empty cells were lost, cells are read in order

    def _unshift(self, row: Row) -> Row:
        """'产出指标 | 数量指标 | …' over ' |  | 合格率 | …': no outer pipes, so the '|' opening the
        row closes an empty first cell (the reader of pipes took it for an outer pipe)."""
        if self.loose and not self.outer_pipe and len(row.cells) == self.header.width - 1 \
                and line_opens_with_pipe(self.doc.text, row.start):
            return Row(cells=[Cell(text="", start=row.start, end=row.start)] + row.cells, start=row.start, end=row.end)
        return row

    def _cells(self, row: Row) -> dict[str, Cell]:
        row = self._unshift(row)
        if self.loose and not self._kept_its_cells(row):
            return self._loose_cells(row)
        if 3 <= len(row.cells) < len(self.header.columns) and not any(c.empty for c in row.cells):
            return self._loose_cells(row)       # a row that lost its empty cells (tabs kept between the others)
        out = {}
        for i, attr in self.header.columns.items():
            if i < len(row.cells):
                out[attr] = row.cells[i]
        return out

    def _kept_its_cells(self, row: Row) -> bool:
        """A pipe or space row as wide as its header that kept its empty cells ('| | 质量指标 | 合格率 |
        | 100% | …', or the rest of a row broken across a page '| | | | …服务。| | |'): read by
        position, unless its first filled cell is a level name standing outside the level
        columns or a figure in one (the row lost cells on its left)."""
        k, first = next(((k, c) for k, c in enumerate(row.cells) if not c.empty), (None, None))
        if first is None or any(not c.empty for c in row.cells[self.header.width:]):
            return False
        if len(row.cells) < self.header.width or not any(c.empty for c in row.cells[:self.header.width]):
            return False                        # (cells past the header's width: empty, '…| 10 | 9 | ||')
        at = self.header.columns.get(k)
        word = _level(first.text, lambda t: t)
        if word in LEVEL1_CANONICAL or word in LEVEL2_CANONICAL:
            return at in ("level", "level1", "level2")    # a level name out of its column: cells were lost
        if at in ("level", "level1", "level2"):
            return not re.search(r"\d|绩效指标$", word)   # the form's merged 年度绩效指标 cell is no level
        return True                             # a row continued from the page before starts further right

    def _attrs(self) -> list[str]:
        """The header's attributes in the order a row's cells come. A header that starts with
        its level and name columns is one row: its own order (指标值 | 计量单位 | 指标权重 |
        全年完成值 puts the weight before the actual). One that lists value columns before
        them was flattened from two rows (年度指标值 | 实际完成值 | 分值 | 得分 | 一级指标 | … |
        指标性质 | 指标值 | 度量单位): the form's order."""
        own = [self.header.columns[i] for i in sorted(self.header.columns)]
        lead = ("level", "level1", "level2", "name", "content")
        firsts = [k for k, a in enumerate(own) if a in lead]
        if firsts and max(firsts) < min((k for k, a in enumerate(own) if a not in lead), default=len(own)):
            return own
        return sorted(own, key=lambda a: COLUMN_ORDER.index(a) if a in COLUMN_ORDER else len(COLUMN_ORDER))

    def _loose_cells(self, row: Row) -> dict[str, Cell]:
        """Cells of a row that lost its empty cells, in order onto the header's attribute
        columns, starting at the column the first cell belongs to: a 一级指标 name starts at
        level1, a 二级指标 name at level2, anything else at the indicator's name."""
        cells = [c for c in row.cells if not c.empty]
        attrs = self._attrs()
        if not cells:
            return {}
        if "unit" not in attrs:
            cells = _join_units(cells)          # '100 %' split at its space: one value, where no 单位 column is
        first = _level(cells[0].text, lambda t: t)
        second = _level(cells[1].text, lambda t: t) if len(cells) > 1 else ""
        if re.fullmatch(r"(?:年度|部门|项目)?绩效指标", squash(cells[0].text)) and (
                second in LEVEL1_CANONICAL or second in LEVEL2_CANONICAL):
            # the form's merged 年度绩效指标 cell left of 一级指标, on the block's first row: not a column
            cells = cells[1:]
            first = second
            second = _level(cells[1].text, lambda t: t) if len(cells) > 1 else ""
        from extract.slots.cell_stream import _level_word     # the stream's lists: older frameworks' levels too
        f1, f2 = _level_word(first) if first else (None, None)
        s2 = (_level_word(second) if second else (None, None))[1]
        if "name" in attrs and re.fullmatch(r"\d+(?:\.\d+)?", second or "x") and not first.endswith("指标"):
            start = attrs.index("name")           # 服务对象满意度 | 10 | 9: a level's word as a row's name
        elif "level" in attrs and (first in LEVEL1_CANONICAL or first in LEVEL2_CANONICAL
                                   or re.fullmatch(r"[\u4e00-\u9fff]{1,6}类指标", first)):
            start = attrs.index("level")
        elif "level1" in attrs and (((first in LEVEL1_CANONICAL or f1) and (
                (first not in LEVEL2_CANONICAL and not f2) or second in LEVEL2_CANONICAL or s2))   # 成本指标 is either
                or (s2 and not f2 and re.fullmatch(r"[\u4e00-\u9fff]{2,8}", first))):   # (项目过程 | 资金管理: the
            start = attrs.index("level1")                                                # cell before a 二级 is the 一级)
        elif (first in LEVEL2_CANONICAL or re.sub(r"指标$", "", first) + "指标" in LEVEL2_CANONICAL or f2) \
                and "level2" in attrs:
            start = attrs.index("level2")
        elif "name" in attrs:
            start = attrs.index("name")
        else:
            start = 0
        return {a: c for a, c in zip(attrs[start:], cells)}

    def feed(self, row: Row) -> bool:
        texts = [squash(c.text) for c in row.cells]
        first = next((t for t in texts if t), "")
        if TOTAL_ROW.match(first):
            self._emit()
            self._totals(row)
            self.closed = True
            return False
        if any(STOP_ROW.search(t) for t in texts if t) or (
                len(row.cells) < max(3, self.header.width // 2) and not self.loose):
            self.closed = True
            total_at = next((k for k, t in enumerate(texts) if TOTAL_ROW.match(t)), None)
            if total_at is not None and total_at > 0:        # '其他需要说明事项 | 无 | 总分 | 100 | 96 | 优'
                self._emit()
                self._totals(Row(cells=row.cells[total_at:], start=row.cells[total_at].start, end=row.end))
            return False
        if self.loose and not self._kept_its_cells(self._unshift(row)) and self._fills_pending(row):
            return True
        if self.loose and "level1" not in self.header.columns.values():
            cells = [c for c in row.cells if not c.empty]
            if cells and _level(cells[0].text, lambda t: t) in LEVEL1_CANONICAL and len(cells) <= 3 and (
                    len(cells) == 1 or _level(cells[1].text, lambda t: t) in LEVEL2_CANONICAL
                    or _level(cells[1].text + "指标", lambda t: t) in LEVEL2_CANONICAL):
                self._emit()                     # a 一级指标 cell in a table whose header lost that column
                self.level1 = _level(cells[0].text, canonical_level1)
                self.level2 = None
                if len(cells) > 1:
                    l2 = _level(cells[1].text, lambda t: t)
                    self.level2 = canonical_level2(l2 if l2 in LEVEL2_CANONICAL else l2 + "指标")
                return True
        cells = self._cells(row)
        if self._is_continuation(cells):
            for attr, c in cells.items():
                if not c.empty:
                    self.pending.cells.setdefault(attr, []).append(c)
            return True
        self._emit()
        l1 = cells.get("level1")
        l2 = cells.get("level2")
        lv = cells.get("level")
        if lv is not None and not lv.empty:
            self._either_level(lv.text)
        if l1 is not None and not l1.empty:
            self.level1 = _level(l1.text, canonical_level1)
            self.level2 = None
        if l2 is not None and not l2.empty:
            self.level2 = _level(l2.text, canonical_level2)
        self.pending = _Pending({a: [c] for a, c in cells.items()
                                 if not c.empty and a not in ("level", "level1", "level2")},
                                self.level1, self.level2)
        return True

    def _either_level(self, text: str) -> None:
        """A 指标类型 cell names a first level (产出类指标 → 产出指标) or a second one (数量指标,
        under the first level carried down); a name of neither closed set is the table's own
        first-level dimension (管理类指标)."""
        raw = _level(text, lambda t: t)
        if raw in LEVEL2_CANONICAL and raw not in LEVEL1_CANONICAL:
            self.level2 = canonical_level2(raw)
        else:
            self.level1 = canonical_level1(raw)
            self.level2 = None

    def _fills_pending(self, row: Row) -> bool:
        """A row that lost its empty cells may be broken after the name: the next rows
        hold the rest ('| 减轻…负担 |', '| 有效 |', '| 有效 | 10 | 10 |'). Cells that are not a
        level or an indicator name go on to the pending row's next empty attributes."""
        p = self.pending
        cells = [c for c in row.cells if not c.empty]
        if p is None or not cells or not p.cells.get("name"):
            return False
        first = _level(cells[0].text, lambda t: t)
        if first in LEVEL1_CANONICAL or first in LEVEL2_CANONICAL or len(squash(cells[0].text)) > 8:
            return False
        attrs = self._attrs()
        filled = [a for a in attrs if p.cells.get(a)]
        after = attrs[attrs.index(filled[-1]) + 1:] if filled else attrs
        after = [a for a in after if a not in ("level1", "level2", "name")]
        todo = list(cells)
        for a in after:
            if not todo:
                break
            c = todo[0]
            if a == "op" and not _op_symbol(c.text) and squash(c.text) not in _OPS:
                continue
            if a == "unit" and not re.fullmatch(r"%|[\u4e00-\u9fff]{1,3}", squash(c.text)):
                continue
            if a == "unit" and squash(c.text) in ("有效", "完成", "达标", "是", "否"):
                continue
            p.cells[a] = [c]
            todo.pop(0)
        return not todo

    def _is_continuation(self, cells: dict[str, Cell]) -> bool:
        """The rest of the previous row after a page break: no weight or score of its own,
        no new level, while the previous row had them."""
        p = self.pending
        if p is None or not ("weight" in self.header.columns.values() or "score" in self.header.columns.values()):
            return False
        if not (p.cells.get("weight") or p.cells.get("score")):
            return False
        if any(not cells[a].empty for a in ("weight", "score") if a in cells):
            return False
        for a in ("level", "level1"):
            if cells.get(a) is not None and not cells[a].empty:
                return False
        l2 = cells.get("level2")
        if l2 is not None and not l2.empty and _level(l2.text, lambda t: t) in LEVEL2_CANONICAL:
            return False                         # a real new level2, not a fragment like 标
        return any(not c.empty for a, c in cells.items() if a not in ("level", "level1", "level2"))

    def _emit(self) -> None:
        p, self.pending = self.pending, None
        if p is None:
            return
        name = join_lines(_ORDINAL.sub("", p.text("name")).split())   # '公益性岗位补贴发放准 确率': a wrap
        content = p.text("content") or None
        target_raw, actual_raw = p.text("target"), p.text("actual")
        if "op" in p.cells or "unit" in p.cells:
            op_raw, unit_raw = p.text("op"), p.text("unit")
            if re.fullmatch(r"无|/|／|[-—–]+", squash(unit_raw)):
                unit_raw = ""                    # 计量单位 '无': the value has no unit
            target_raw = f"{_op_symbol(op_raw)}{target_raw}{unit_raw}" if target_raw else ""
            if actual_raw and unit_raw and re.fullmatch(r"[\d.,]+", actual_raw):
                actual_raw = actual_raw + unit_raw
        if not name and not content:
            return
        if not name:
            name, content = content, None
        default_unit = name_unit(name)
        target = parse_value(target_raw, default_unit=default_unit) if target_raw else None
        actual = parse_value(actual_raw, default_unit=default_unit) if actual_raw else None
        weight = parse_number(p.text("weight")) if p.text("weight") else None
        score = parse_number(p.text("score")) if p.text("score") else None
        if weight is None and score is None and actual_raw and {"weight", "score"} <= set(self.header.columns.values()):
            glued = _glued_points_after_value(actual_raw)
            if glued is not None:               # '100%1010': 分值 10 and 得分 10 run into the 完成值 cell
                actual_raw, weight, score = glued
                actual = parse_value(actual_raw, default_unit=default_unit)
        if score is not None:
            self.has_scores = True
        cut = max(c.end for cs in p.cells.values() for c in cs) >= len(self.doc.text.rstrip()) - 1
        if not name or (target is None and actual is None and weight is None and score is None
                        and not (self.loose and _ORDINAL.match(p.text("name")) and not cut)):
            return     # a numbered name-only row is a template indicator left unfilled, unless the text is cut there
        if target is None and actual is None and not _ORDINAL.match(p.text("name")) and weight in (None, 0) and score in (None, 0):
            return
        all_cells = [c for cs in p.cells.values() for c in cs]
        start = min(c.start for c in all_cells)
        end = max(c.end for c in all_cells)
        spans = {a: self.doc.span(cs[0].start, cs[-1].end) for a, cs in p.cells.items() if cs}
        self.ex.indicators.append(Indicator(
            name=name, level1=p.level1, level2=p.level2, content=content, target=target, actual=actual,
            weight=weight, score=score, deviation=p.text("deviation") or None,
            span=self.doc.span(start, end), evidence="table", source="indicator_table", spans=spans))

    def _totals(self, row: Row) -> None:
        nums = [(c, parse_number(c.text)) for c in row.cells]
        nums = [(c, n) for c, n in nums if n is not None]
        if len(nums) >= 2:
            c, n = nums[1]
        elif len(nums) == 1 and self.has_scores and not self._weight_total(nums[0][1]):
            c, n = nums[0]
        else:
            return
        add_field(self.ex, self.doc, "evaluation.self_score", Value(raw=c.text, op="=", value=n, unit="分"),
                  c.start, c.end, "table", "indicator_total")
        grade = next((x for x in row.cells if re.fullmatch(r"优秀|良好|优|良|中|差|合格|不合格", squash(x.text))), None)
        if grade is not None and self.ex.field("evaluation.grade") is None:
            add_field(self.ex, self.doc, "evaluation.grade", Value.text(squash(grade.text)), grade.start, grade.end,
                      "table", "indicator_total")

    def _weight_total(self, n) -> bool:
        """A lone 100 in the total row of a table that lost its empty cells is the weights'
        total (they add up to 100), not necessarily a score."""
        return self.loose and n == 100 and "weight" in self.header.columns.values()

    def finish(self) -> None:
        self._emit()


_UNIT_CELL = re.compile(r"(?:%|％|‰|万?元(?:/\S{1,4})?|人次|公里|千米|平方米|立方米|[个人次项家天件户台套篇份场所亩名批条])")


def _join_units(cells: list[Cell]) -> list[Cell]:
    """Cells of a space-separated row with a figure's unit cut off at its space ('100 | %',
    '400 | 元/人、天'): the unit joined to the figure before it."""
    out: list[Cell] = []
    for c in cells:
        if out and _UNIT_CELL.fullmatch(squash(c.text)) and re.search(r"\d$", squash(out[-1].text)):
            p = out[-1]
            out[-1] = Cell(text=p.text + " " + c.text, start=p.start, end=c.end, row=p.row, col=p.col)
            continue
        out.append(c)
    return out


def line_opens_with_pipe(text: str, at: int) -> bool:
    """The line holding offset `at` starts with '|' (spaces before it aside)."""
    start = text.rfind("\n", 0, at) + 1
    return text[start:at + 1].lstrip(" \u3000\xa0").startswith("|")


def glued_points(s: str):
    """(weight, score, where) when a row ends in its 分值 and 得分 run together ('…98%109',
    '…人1010'): the one cut with no leading zero, weight <= 100 and score <= weight; None
    when there is no such cut or more than one."""
    m = re.search(r"(?<=[^\d.])(\d{2,6})$", s)
    if not m:
        return None
    d = m.group(1)
    found = []
    for k in range(1, len(d)):
        w, sc = d[:k], d[k:]
        if (len(w) > 1 and w[0] == "0") or (len(sc) > 1 and sc[0] == "0"):
            continue
        if int(w) <= 100 and int(sc) <= int(w):
            found.append((int(w), int(sc)))
    if len(found) != 1:
        return None
    return found[0][0], found[0][1], m.start()


def _glued_points_after_value(raw: str):
    """(actual, weight, score) when the 完成值 cell holds the row's 分值 and 得分 run on after
    its value ('100%1010', '已完成55', '236人次2020'): the value must end in a unit, % or a
    word, so where it stops is known, and exactly one cut of the digits after it may have
    score <= weight <= 100 (`glued_points`). Else None: no figure is guessed."""
    s = squash(raw)
    m = re.search(r"(?:%|[\u4e00-\u9fff])(\d{2,6})$", s)
    if not m:
        return None
    got = glued_points(s)
    if got is None:
        return None
    weight, score, at = got
    head = s[:at]
    if not re.search(r"\d|[\u4e00-\u9fff]{2}", head):
        return None
    return head, weight, score


def _level(text: str, canon) -> str:
    t = re.sub(r"等$", "", _LEVEL_WEIGHT.sub("", squash(text)))
    return canon(t)


def _op_symbol(raw: str) -> str:
    r = squash(raw)
    for k in _OPS:
        if k in r:
            return {">=": "≥", "<=": "≤", ">": ">", "<": "<"}.get(_OPS[k], "")
    return ""


# --- rows that are not indicators ------------------------------------------------------------
_MEASURE_END = re.compile(r"(?:率|性|度|比例|占比)$")


def measure_name(name: str) -> bool:
    """A name that says what it measures (a rate, a quality: 财政拨款支付及时率, 项目资金使用合规性,
    预算执行率) is an indicator's even where it holds a funding word; the funding table's own
    labels (年度资金总额, 财政拨款, 执行率) do not read so."""
    return bool(_MEASURE_END.search(name)) and len(name) >= 5


_HEADER_WORDS = re.compile(r"一级指标|二级指标|三级指标|指标名称|指标值|目标值|完成值|实际值|指标解释|指标说明|"
                           r"偏差原因|未完成原因|改进措施|分值|得分|权重|度量单位|计量单位|指标性质")
_FUNDING_WORDS = re.compile(r"资金总额|年初预算数|全年预算数|全年执行数|财政拨款|上年结转|项目名称|主管部门|实施单位|"
                            r"总投资|预算申报数|开始日期|项目类型|资金性质")


_COUNTED = re.compile(r"[%‰万亿个人次项家件户台套篇份场所亩名批条辆天期处座公千平立米元吨年月日座栋间株头只]")


def not_an_indicator(item: Indicator) -> Optional[str]:
    """Why a table row is not an indicator: its name is the table's header (二级指标 三级指标),
    a funding or head-of-form label, another row's level name, or text that ran through
    cell boundaries ('|' left in it)."""
    name = squash(item.name)
    if not name:
        return "empty"
    if "|" in name:
        return "cells"
    if not re.search(r"[\u4e00-\u9fff]", re.sub(r"分", "", name)):
        return "points"                          # '(40-50)分': a level's weight, no name
    figures = re.findall(r"\d+(?:\.\d+)?(?![\d.])(.?)", name)
    if re.match(r"[(（]\d+(?:\.\d+)?分[)）]", name) or (len(figures) >= 4 and sum(
            1 for after in figures if not _COUNTED.match(after)) >= 2):
        return "run_on"                          # '(5分)公用经费标准5符合…': cells of several rows run together
        # (a name that is a whole sentence counts things: 完成12个乡镇…新建管网36公里…98%, each with its measure)
    if len(_HEADER_WORDS.findall(name)) >= 2 or _HEADER_WORDS.fullmatch(name):
        return "header"
    if _FUNDING_WORDS.search(name) and not re.search(r"成本", item.level2 or item.level1 or "") \
            and not measure_name(name):
        return "funding"                         # under a 成本指标 level, 项目计划总投资 20万元 is the cost target
    for v in (item.target, item.actual):
        if v is not None and not v.is_number:
            t = squash(v.raw)
            if t in LEVEL1_CANONICAL or t in LEVEL2_CANONICAL or _HEADER_WORDS.fullmatch(t):
                return "level_as_value"
    return None
