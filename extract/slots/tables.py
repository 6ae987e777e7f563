"""What the tables mean: funding, indicators, 三公, budgets and label/value cells.

A table block may hold several logical tables one after another (a self-evaluation
table is a funding table, a goals row and an indicator table in one grid), so we walk
its rows and let header rows switch the interpretation: a row with 一级指标/三级指标
starts indicators, one with 全年预算数/执行数 starts funding, one with 公务接待费 … a 三公
section, and a label row followed by a row of figures pairs labels with values column
by column. Label/value pairs (编制人数 | 11) are read from any row.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from extract.read.document import Document, Row, Table
from extract.read.layout import PAGE_FURNITURE, unit_of
from extract.read.textnorm import reading, strip_pinyin
from extract.slots import funding_cells, indicator_cells, report
from extract.slots import indicator_table as ind
from extract.slots.assign import add_field, budget_document, squash
from extract.slots.normalize import Value, clean, parse_number, parse_value
from extract.slots.record import Extraction, doubt
from extract.slots import vocabulary
from extract.slots.vocabulary import FUNDING_COLUMNS, FUNDING_COLUMNS_WIDE, funding_column_head

# --- funding ----------------------------------------------------------------------------
FUNDING_ROWS = tuple((pat, row) for pat, row in vocabulary.FUNDING_ROWS if row in vocabulary.FORM_ROWS or row is None)

_UNITS = {"execution_rate": "%", "other_rate": "%", "weight": None, "score": None}
FUNDING_COLS = tuple((pat, col, _UNITS.get(col, "万元")) for pat, col in FUNDING_COLUMNS)   # (pattern, column, unit)

THREE_PUBLIC_ROWS = vocabulary.THREE_PUBLIC_ROWS
_THREE_PUBLIC_WORD = re.compile(vocabulary.THREE_PUBLIC_WORD)    # a cell about the 三公 funds

KV_LABELS = (  # (pattern on a squashed label cell, slot)
    (r"^(部门|单位)(\(单位\))?名称(\(盖章\))?$|^部门\(单位\)(名称)?$|^单位名称$|^部门名称$|^部门全称$|^被评价单位$", "report.department"),
    (r"^填报单位|^单位\(盖章\)|^(项目实施单位|实施单位|资金使用单位|预算单位|项目单位|(项目)?执行单位)(\(盖章\))?$", "report.department"),
    (r"^(二级)?项目名称(\(全称\)|及(编码|代码))?$|^项目全称$|^专项名称$|^转移支付\(项目\)名称$|^项目\(专项\)名称$",
     "report.project_name"),
    (rf"^(\d{{4}}年)?(年初|年末)?(部门|单位|机构)?({vocabulary.STAFF_AUTHORIZED})", "staff.authorized"),
    (rf"^(\d{{4}}年)?(年末)?(部门|单位|机构)?({vocabulary.STAFF_ACTUAL})|^实有(\((人|名)\))?$", "staff.actual"),
    (r"^(部门整体支出|整体支出|部门|项目)?(绩效)?(自评得分|自评总分|自评分|综合得分|总得分|评价得分|综合自评得分|自评得分合计)(\(分\))?$",
     "evaluation.self_score"),
    (r"^(评价等级|自评等级|绩效等级|等级|等次|评价等次|自评等次|绩效评级|评级|评价结论|自评结论|评价结果|自评结果)$", "evaluation.grade"),
)


@functools.lru_cache(maxsize=4096)       # pure; the same header cells recur row after row
def _match(patterns, text: str):
    for pat, key, *rest in patterns:
        if re.search(pat, text):
            return (key, *rest) if rest else key
    return None


@dataclass
class _Section:
    kind: str                                   # funding | indicators | three_public
    columns: dict[int, tuple] = field(default_factory=dict)
    header: Optional[Row] = None
    state: object = None


def extract(doc: Document, ex: Extraction) -> None:
    fiscal_year = doc.meta.get("fiscal_year")   # report.classify ran first
    open_reader = None                          # an indicator table not closed by its 总分 row
    for table in doc.tables():
        carry = open_reader if open_reader is not None and _page_break_only(doc.text[open_reader.last_end:table.start]) else None
        open_reader = _read_table(doc, ex, table, fiscal_year, carry)
    funding_cells.extract(doc, ex, report.view(doc))
    indicator_cells.extract(doc, ex, report.view(doc))
    ex.indicators[:] = [i for i in ex.indicators if ind.not_an_indicator(i) is None]




def _page_break_only(gap: str) -> bool:
    """The text between two tables is a page break and nothing else: empty, a form feed, a page
    number (- 2 -, 第 2 页, 2/5): the second table is the first one continued on the next page."""
    lines = [ln.strip() for ln in gap.replace("\f", "\n").split("\n") if ln.strip()]
    return len(lines) <= 2 and all(PAGE_FURNITURE.fullmatch(ln) for ln in lines)


def _read_table(doc: Document, ex: Extraction, table: Table, fiscal_year: Optional[int], carry=None):
    """Reads one table; returns its indicator reader when the table ends inside an indicator
    table that no 总分 row closed (the next table, after a page break, may continue it).
    `carry` is such a reader of the table before: its levels go on (merged 一级/二级 cells span
    the page), and rows without a header of their own are its rows."""
    unit = table.unit or _table_unit(doc, table)
    section: Optional[_Section] = None
    rows = table.rows
    if carry is not None and rows and ind.indicator_header(rows[0]) is None and (
            carry.loose or len(rows[0].cells) == carry.header.width):
        section = _Section("indicators", state=carry)   # the table goes on after the page break, header not repeated
    above = _line_above(doc, table)             # a header line the table recovery left out ('项目 预算数 决算数')
    if above and rows:
        cols = _three_public_header(above, fiscal_year)
        if cols and len(above) == len(rows[0].cells) and _three_public_follows(rows[:3]):
            section = _Section("three_public", columns=cols)
    i = 0
    while i < len(rows):
        row = rows[i]
        texts = [squash(c.text) for c in row.cells]
        header = ind.indicator_header(row)
        if header is not None:
            two = ind.header_second_row(header, row, rows[i + 1]) if i + 1 < len(rows) else None
            if two is not None:                   # the header's second row ('年度 | 实际' over '指标值 | 完成值')
                header = two
                i += 1
            section = _Section("indicators", state=ind.IndicatorReader(doc, header, ex))
            section.state.loose = table.source in ("pipes", "spaces", "stacked")
            section.state.outer_pipe = ind.line_opens_with_pipe(doc.text, row.start)
            if carry is not None and i == 0:      # the header repeated on the next page: the levels go on
                section.state.level1, section.state.level2 = carry.level1, carry.level2
            last = max(header.columns)
            tail = [c for c in row.cells[last + 1:] if not c.empty]
            if section.state.loose and len(tail) >= 3:    # the first data row run into its header row
                section.state.feed(Row(cells=tail, start=tail[0].start, end=tail[-1].end))
            i += 1
            continue
        tp_cols = _three_public_header(texts, fiscal_year)
        if tp_cols and _three_public_follows(rows[i + 1:i + 4]):
            section = _Section("three_public", columns=tp_cols, header=row)
            i += 1
            continue
        fund_cols = _funding_header(texts) if table.source not in ("pipes", "stacked") else {}
        if fund_cols:
            section = _Section("funding", columns=fund_cols, header=row)
            i += 1
            continue
        if section is not None and section.kind == "indicators":
            if not section.state.feed(row):
                section.state.finish()
                section = None
                continue                          # re-read this row without the section
            i += 1
            continue
        if section is not None and section.kind == "funding" and _funding_row(
                doc, ex, row, texts, section, unit, under_header=rows[i - 1] is section.header):
            i += 1
            continue
        if section is not None and section.kind == "three_public" and _three_public_row(doc, ex, row, texts, section, unit):
            i += 1
            continue
        if i + 1 < len(rows) and _label_value_rows(doc, ex, row, rows[i + 1], rows[i - 1] if i else None, unit):
            i += 2
            continue
        _kv_row(doc, ex, row)
        i += 1
    if section is not None and section.kind == "indicators":
        section.state.finish()
        if not section.state.closed:
            section.state.last_end = table.end
            return section.state
    return None


def _line_above(doc: Document, table: Table) -> list[str]:
    start = doc.text.rfind("\n", 0, max(0, table.start - 1)) + 1
    line = doc.text[start:table.start].strip()
    return [squash(c) for c in re.split(r"[ \t\u3000|]+", line)] if line else []


def _table_unit(doc: Document, table: Table) -> Optional[str]:
    before = doc.text[max(0, table.start - 80):table.start]
    head = " ".join(c.text for r in table.rows[:3] for c in r.cells)
    return unit_of(before) or unit_of(head)


# --- funding table ---------------------------------------------------------------------
def _own_words(text: str) -> str:
    """A header cell's own words: those before its bracket. What follows is a letter
    ((A), (B/A)), a unit or a note on how the figure is made ('全年预算数（A）（上年结转+
    年初预算+本年追加追减预算）': its 年初预算 is not this column's name)."""
    t = re.sub(r"^[(（][一二三四五六七八九十\d]+[)）]", "", text)
    m = re.search(r"[(（]", t)
    return (t[:m.start()] if m else t) or t


FUNDING_COLS_WIDE = tuple((pat, col, _UNITS.get(col, "万元")) for pat, col in FUNDING_COLUMNS_WIDE)


def _funding_header(texts: list[str]) -> dict[int, tuple]:
    cols = _funding_header_of(texts, FUNDING_COLS)
    if cols or any(_is_figure(t) for t in texts if t) or len([t for t in texts if t]) > 9:
        return cols
    wide = _funding_header_of(texts, FUNDING_COLS_WIDE)
    return wide if {v[0] for v in wide.values()} >= {"execution_rate", "executed"} and len(wide) >= 3 else {}


def _funding_header_of(texts: list[str], patterns) -> dict[int, tuple]:
    cols = {}
    for i, t in enumerate(texts):
        t = _own_words(t)
        if not t or len(t) > 30 or _THREE_PUBLIC_WORD.search(t):
            continue                            # '“三公”经费预算数 | 6': a 三公 label cell, not a funding column
        m = _match(patterns, t)
        if m is None and patterns is FUNDING_COLS:       # '全年执行' over '数': a header cell wrapped in its row
            head = funding_column_head(t)
            m = next((p for p in patterns if p[1] == head), None)
            m = m[1:] if m else None
        if m and m[0] not in [v[0] for v in cols.values()]:
            cols[i] = m
    keys = {v[0] for v in cols.values()}
    if ("executed" in keys or "execution_rate" in keys) and ("full_year_budget" in keys or "initial_budget" in keys):
        return cols
    return {}


def _funding_row(doc: Document, ex: Extraction, row: Row, texts: list[str], section: _Section, unit,
                 under_header: bool = False) -> bool:
    """A row label (年度资金总额, 财政拨款 …) and its figures under the header's columns. A row of
    figures alone right under the header is the header's only row: the project's total (项目
    预算执行情况 | 全年预算数(A) | 全年执行数(B) over 7574 | 6643, the section label on the left)."""
    label_i, key = None, None
    labels = [(i, t) for i, t in enumerate(texts) if t and not _is_figure(t)][:2]
    for i, t in labels:
        k = _match(FUNDING_ROWS, re.sub(r"^[一二三四五六七八九十\d]+[、.．]", "", t))   # '1.年度资金总额'
        if k:
            label_i, key = i, k
            break
    if key is None and under_header and not labels and any(texts) and _one_row_header(section):
        label_i, key = -1, "total"
    if key is None:
        return False
    cols = _align(row, section, label_i)
    for key_col, (col, default_unit, unsure) in cols.items():
        if col.startswith("other_"):
            continue                                # 到位资金, 到位率: a column with no slot
        cell = row.cells[key_col]
        if cell.empty or squash(cell.text) in ("—", "-", "/", "——"):
            continue
        if col in ("weight", "score"):
            n = parse_number(cell.text)
            if n is None:
                continue
            value = Value(raw=cell.text, op="=", value=n, unit=None)
        else:
            money_unit = unit if col != "execution_rate" else "%"
            value = parse_value(cell.text, default_unit=money_unit or default_unit, allow_text=False)
            if not value.is_number:
                continue
        got = add_field(ex, doc, f"funding.{key}.{col}", value, cell.start, cell.end, "table", "funding_table")
        if unsure and got.value is value:
            doubt(got, "column_uncertain")             # a row short of cells, placed by preference alone
    return True


def _one_row_header(section: _Section) -> bool:
    """A header whose figures below need no row label: its row label is the section's, in a
    cell left of the columns (项目预算执行情况（万元） | 全年预算数（A） | 全年执行数（B）), and no
    column name repeats (预算数 | 决算数 | 预算数 | 决算数 … are groups named in a row above:
    the 三公 parts)."""
    cells = section.header.cells if section.header is not None else []
    first = min(section.columns, default=0)
    if not any(not c.empty and not _is_figure(c.text) for c in cells[:first]):
        return False
    keys = [_match(FUNDING_COLS, _own_words(squash(c.text))) for c in cells if not c.empty]
    keys = [k[0] for k in keys if k]
    return len(keys) == len(set(keys))


def _align(row: Row, section: _Section, label_i: int) -> dict[int, tuple]:
    """Header columns to this row's cells, (column, unit, unsure): by position when the row is
    as wide as the header, else in order over the cells after the row label (pipes lose empty
    cells); unsure where the row's kinds and arithmetic leave the column a guess."""
    hdr = section.columns
    if section.header is not None and len(row.cells) == len(section.header.cells) and label_i not in hdr:
        return {i: (v[0], v[1], False) for i, v in hdr.items() if i > label_i}
    ordered = [hdr[i] for i in sorted(hdr)]
    cells = [i for i in range(label_i + 1, len(row.cells))]
    if 0 < len(cells) < len(ordered):
        typed = _typed_align(row, cells, ordered)
        if typed is not None:
            return typed
    out = {}
    for (col, unit), ci in zip(ordered, cells):
        out[ci] = (col, unit, len(cells) < len(ordered))     # fewer cells than columns: in order, a guess
    return out


def _typed_align(row: Row, cells: list[int], ordered: list[tuple]) -> Optional[dict[int, tuple]]:
    """A row that lost its empty cells: figures onto the header's columns by kind (a
    percentage to 执行率, a small number after it to 分值/得分, the alignment whose rate
    agrees with its amounts), as the cell stream reads them."""
    toks = [funding_cells.Tok(row.cells[ci].text, ci, ci, fig=True) for ci in cells
            if not row.cells[ci].empty and _is_figure(row.cells[ci].text)]
    if len(toks) != len([ci for ci in cells if not row.cells[ci].empty]):
        return None
    keys = [c for c, _ in ordered]
    got = funding_cells._assign(keys, toks)
    if not got:
        return None
    units = dict(ordered)
    return {tok.start: (col, units[col], unsure) for col, (tok, _, unsure) in got.items()}


def _is_figure(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d,.]+%?|—|-|/", clean(text)))


# --- 三公 table ---------------------------------------------------------------------------
def _three_public_header(texts: list[str], fiscal_year: Optional[int]) -> dict[int, tuple]:
    cols = {}
    for i, t in enumerate(texts):
        if not t or len(t) > 20:
            continue
        y = re.match(r"(\d{4})年", t)
        if y and fiscal_year and int(y.group(1)) != fiscal_year:
            continue
        if "预算" in t:
            cols[i] = ("budget", None)
        elif "决算" in t or "实际" in t or re.search(r"执行数|执行金额|支出数", t):
            cols[i] = ("actual", None)
    kinds = {v[0] for v in cols.values()}
    if any(_is_figure(t) for t in texts if t) or any(
            _THREE_PUBLIC_WORD.search(texts[i]) for i in cols):
        return {}                               # '“三公”经费预算数 | 6 | …': label | value cells, not a header
    if kinds == {"budget", "actual"}:          # the rows below must name 三公 parts (_three_public_follows)
        return cols
    return {}


def _three_public_follows(rows: list[Row]) -> bool:
    return any(_THREE_PUBLIC_WORD.search(squash(c.text)) for r in rows for c in r.cells)


# the 经费控制情况 block of the 部门整体支出绩效评价基础数据表 goes on under the same 预算数/决算数
# columns after the 三公 rows: 项目支出 and 公用经费 are the department's spending (the 决算 column)
SPENDING_ROWS = ((r"^项目支出[:：]?$", "expenditure.project"), (r"^公用经费[:：]?$", "expenditure.public"),
                 (r"^基本支出[:：]?$", "expenditure.basic"), (r"^人员经费[:：]?$", "expenditure.personnel"))


def _three_public_row(doc: Document, ex: Extraction, row: Row, texts: list[str], section: _Section, unit) -> bool:
    for i, t in enumerate(texts):
        if t and not _is_figure(t):
            part = _match(THREE_PUBLIC_ROWS, t)
            spending = _match(SPENDING_ROWS, t) if part is None else None     # its 决算 column only
            if part is None and spending is None:
                return False
            for ci, (col, _) in section.columns.items():
                if (spending is None or col == "actual") and ci < len(row.cells) and not row.cells[ci].empty:
                    cell = row.cells[ci]
                    value = parse_value(cell.text, default_unit=unit or "万元", allow_text=False)
                    if value.is_number:
                        add_field(ex, doc, spending or f"three_public.{part}.{col}", value, cell.start, cell.end,
                                  "table", "three_public_table")
            return True
    return False


# --- label row + figure row ----------------------------------------------------------------
LABEL_SLOTS = (  # label in a header row whose value sits below it
    (r"^(其中:?)?基本支出(\(万元\))?$", "expenditure.basic"), (r"^(其中:?)?项目支出(\(万元\))?$", "expenditure.project"),
    (r"^(其中:?)?人员(经费|支出)(\(万元\))?$", "expenditure.personnel"), (r"^(其中:?)?(日常)?公用经费(\(万元\))?$", "expenditure.public"),
    (r"接待", "three_public.reception"), (r"公务用车|公车", "three_public.vehicle"),
    (r"出国|出境", "three_public.overseas"), (r"^合计$|^小计$|^总计$", "total"),
    # 财政供养人员情况 | 编制数 | 2023年实际在职人数 | 控制率 over | 45 | 42 | 93.33% (基础数据表)
    (rf"^(\d{{4}}年)?(年初|年末)?(部门|单位|机构)?(人员)?({vocabulary.STAFF_AUTHORIZED}|编制)(\((人|名)\))?$", "staff.authorized"),
    (rf"^(\d{{4}}年)?(年末)?(部门|单位|机构)?({vocabulary.STAFF_ACTUAL})(\((人|名)\))?$", "staff.actual"),
)


def _label_value_rows(doc: Document, ex: Extraction, labels: Row, values: Row, above: Optional[Row], unit) -> bool:
    """A header of labels over a row of figures (004's budget rows): pair by column."""
    lt = [squash(c.text) for c in labels.cells]
    vt = [squash(c.text) for c in values.cells]
    if len(lt) == len(vt) + 1 and lt[0] and not _match(LABEL_SLOTS, lt[0]) and any(
            _match(LABEL_SLOTS, t) for t in lt[1:] if t):
        lt = lt[1:]                             # 财政供养人员情况 | 编制数 | 实际在职人数 | 控制率 over 45 | 42 | 93.33%
    if len(lt) != len(vt) or not any(vt) or not all(_is_figure(t) for t in vt if t):
        return False
    if sum(1 for t in lt if t) < 2 or any(_is_figure(t) for t in lt if t):
        return False
    context = " ".join(c.text for c in (above.cells if above else []))
    is_budget = "预算" in context or ex.document.meta.get("kind") == "target_declaration" or budget_document(doc)
    income = "收入" in context
    group = None
    for lab, cell in zip(lt, values.cells):
        if not lab:
            continue
        key = _match(LABEL_SLOTS, lab)
        if key is None:
            continue
        if key == "total":
            if income:
                slot = "funding.total.initial_budget"
            elif group == "three_public":
                slot = "three_public.total.budget" if is_budget else "three_public.total.actual"
            elif group == "expenditure":
                slot = "expenditure.total"
            else:
                continue
        elif key.startswith("staff."):
            slot = key
        elif key.startswith("three_public"):
            group = "three_public"
            slot = f"{key}.budget" if is_budget else f"{key}.actual"
        else:
            group = "expenditure"
            slot = key
        if cell.empty:
            continue
        if slot.startswith("staff."):
            y = re.match(r"(\d{4})年", lab)
            fy = ex.document.meta.get("fiscal_year")
            if y and fy and int(y.group(1)) != fy:
                continue
            value = parse_value(cell.text, allow_text=False)
            if value.is_number and value.unit in (None, "人", "名"):
                value.unit = value.unit or "人"
                add_field(ex, doc, slot, value, cell.start, cell.end, "table", "label_row")
            continue
        value = parse_value(cell.text, default_unit=unit or "万元", allow_text=False)
        if value.is_number:
            add_field(ex, doc, slot, value, cell.start, cell.end, "table", "label_row")
    return True


# --- label | value cells -----------------------------------------------------------------------
# a staff label and its figure in one cell ('编制数15人', '编制人数15人，实有人数14人')
_STAFF_IN_CELL = re.compile(rf"(?<![行政事业工勤参公内])(?:({vocabulary.STAFF_AUTHORIZED})|({vocabulary.STAFF_ACTUAL}))"
                            r"\s*(?:为|是)?\s*[:：]?\s*(\d{1,5})\s*(?:人|名)(?![\d次])")


def _staff_in_cell(doc: Document, ex: Extraction, c) -> None:
    for m in _STAFF_IN_CELL.finditer(c.text):
        slot = "staff.authorized" if m.group(1) else "staff.actual"
        if ex.field(slot) is None and not re.search(r"退休|离休|编外|临聘", c.text[max(0, m.start() - 6):m.start()]):
            add_field(ex, doc, slot, parse_value(m.group(3)), c.start + m.start(3), c.start + m.end(3), "table", "label_cell")


def _kv_row(doc: Document, ex: Extraction, row: Row) -> None:
    cells = row.cells
    for i, c in enumerate(cells):
        t = squash(c.text)
        if not t:
            continue
        if "编制" in c.text or "实有" in c.text or "在职" in c.text:
            _staff_in_cell(doc, ex, c)
        # label and value in one cell: 填报单位（盖章）：邵阳市科学技术局
        m = re.match(r"^(.{2,16}?)[:：](.+)$", c.text.strip())
        if m:
            slot = _match(KV_LABELS, squash(m.group(1)))
            if slot and squash(m.group(2)):
                raw = m.group(2).strip()
                start = c.start + c.text.index(raw) if raw in c.text else c.start
                _kv_add(doc, ex, slot, raw, start, start + len(raw))
                continue
        slot = _match(KV_LABELS, t) or _three_public_label(t)
        if slot is None:
            continue
        nxt = next((x for x in cells[i + 1:] if not x.empty), None)
        if nxt is None or _match(KV_LABELS, squash(nxt.text)):
            continue
        _kv_add(doc, ex, slot, nxt.text, nxt.start, nxt.end)


def _three_public_label(label: str) -> Optional[str]:
    """A 三公 label cell that says which figure it is: “三公”经费预算数 | 6, 公务接待费实际支出(万元) | 1.2."""
    m = re.fullmatch(r"[\"“”]*(?:(三公)[\"“”]*经费|(公务接待)费?|(公务用车)[^\d]{0,8}?费|(因公出国)\(境\)费)"
                     r"(年初预算|全年预算|预算|决算|实际支出|执行数|支出)数?(?:\((?:万元|元)\))?", label)
    if not m:
        return None
    part = ("total", "reception", "vehicle", "overseas")[next(i for i in range(4) if m.group(i + 1))]
    return f"three_public.{part}.{'budget' if '预算' in m.group(5) else 'actual'}"


def _kv_add(doc: Document, ex: Extraction, slot: str, raw: str, start: int, end: int) -> None:
    raw = raw.strip()
    if slot in ("report.department", "report.project_name"):
        text = re.sub(r"\s+", "", strip_pinyin(raw))
        if slot == "report.project_name":
            code = report.PROJECT_CODE.match(reading(text))   # full-width digits too
            text = text[code.end():] if code else text
        if not text or re.fullmatch(r"[\d.\-—/|:：]*", text):
            return
        value = Value.text(text)
    elif slot == "evaluation.grade":
        if not re.match(r"[“\"「]?(优秀|良好|优|良|中|合格|差|不合格)", squash(raw)) or len(squash(raw)) > 12:
            return                              # '评价结论 | 项目完成良好…': a sentence, not a grade
        value = Value.text(raw)
    else:
        value = parse_value(raw, default_unit="万元" if slot.startswith("three_public") else None, allow_text=False)
        if not value.is_number:
            return
        if slot.startswith("staff."):
            value.unit = value.unit or "人"
    add_field(ex, doc, slot, value, start, end, "table", "label_value")
