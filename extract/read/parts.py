"""Several reports in one file: where each starts, and a Document for each.

SCHEMA.md: a file that holds several reports gives one record per report, each with
`document.part` saying where in the file it sits. Two shapes are read, both by the
forms' structure (TEMPLATES.md), never by the wording of one report:

* a workbook with one form per sheet: a sheet holds a form when it has the form's head
  (a 项目名称 / 单位名称 / 部门（单位）名称 / 填报单位 cell with its value) or its body
  (an indicator header 一级指标 · 三级指标, a funding header 年度资金总额 · 预算数 · 执行数).
  Part = `{"sheet": name}`.
* a text or PDF where a new form or report starts: at a line that is a form's or a
  report's title (…绩效自评表, …绩效目标申报表, …自评报告). Part = `{"pages": [a, b]}`
  for paged formats, `{"chars": [start, end]}` otherwise.

A unit (a sheet, or the text from one title to the next) starts a new report only when
it has a head of its own with a name (项目名称 X) and a body, and the report before it
already holds a form of its own (a head with a name, or an indicator table) whose name
differs, or is a department's report (…部门整体…报告) while the new unit is a project's
form. A title repeated at a page break, a table continued on the next page, a list of
the forms that follow, a report and its own form appended (the same name, or a department
report and its department form) stay one report: a split where none is needed costs
accuracy. Units that hold no form join the report before them (the first report when they
come first), so every character belongs to exactly one part.

`split(doc)` gives the parts (an empty list for a file with one report); `view(doc, part)`
the Document of one part: its text a slice of the file's text, blocks, tables and pages
moved with it. `rebase(record, offset)` moves a record made on a view back onto the
file's text, so every span of every record indexes the text `jixiao text` prints.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from extract.read.document import TABLE, Block, Document, Page, Row, Table

_SPACE = re.compile(r"[\s\u3000]+")
# a form's or a report's title: a short line ending in the form's or report's name
_TITLE = re.compile(r"(?:绩效自评表|绩效目标申报表|绩效目标表|自评表|自评报告|评价报告)"
                    r"[(（]?(?:(?:19|20)\d{2}年度?)?[)）]?$")
_TITLE_MAX = 60


def _spaced(*labels: str) -> str:
    """The labels as one pattern that lets spaces sit between their characters (部门(单位) 名称)
    and reads ( and （ alike."""
    out = []
    for label in labels:
        chars = [{"(": "[(（]", ")": "[)）]"}.get(c, re.escape(c)) for c in label]
        out.append("[ \u3000]*".join(chars))
    return "|".join(out)


# the head of a form: a label cell and its value (TEMPLATES.md "head")
_PROJECT_LABEL = _spaced("项目名称", "专项名称", "项目(专项)名称")
_PROJECT_NAME_LABEL = re.compile(_PROJECT_LABEL)
_UNIT_LABEL = _spaced("部门(单位)名称", "单位(部门)名称", "单位名称", "部门名称", "填报单位(盖章)", "填报单位")
_HEAD = re.compile(rf"^[ \t\u3000]*((?:{_PROJECT_LABEL})|(?:{_UNIT_LABEL}))[ \t\u3000]*[:：]?[ \t\u3000]*([^\n]*)", re.M)
# what can stand right of a label in a form but is no name: another header of the form
_NOT_NAME = re.compile(r"^(?:备注|序号|金额|主管部门|实施单位|项目负责人|联系电话|填报日期|项目属性|项目期|"
                       r"资金|项目资金|单位|年度|预算|.*名称|.*指标|.*预算数|.*执行数)")
_INDICATOR_HEADER = re.compile(r"一级指标|三级指标")
_FUNDING_HEADER = re.compile(r"年度资金总额|全年预算数|年初预算数|全年执行数|预算执行率")
_DEPT_REPORT = re.compile(r"部门整体|部门\(单位\)整体|单位整体")
_PROJECT_FORM = "project"
_UNIT_FORM = "unit"
_HEAD_WINDOW = 800          # a unit's head is near its start: a name deep in its prose is no head


@dataclass
class Part:
    start: int              # offsets into the file's text
    end: int
    where: dict             # document.part: {"sheet": …} | {"pages": [a, b]} | {"chars": [s, e]}


@dataclass
class _Unit:
    start: int
    end: int
    sheet: Optional[str] = None
    title: str = ""
    head: Optional[tuple[str, str]] = None   # (project|unit, the name)
    indicators: bool = False
    funding: bool = False

    @property
    def body(self) -> bool:
        return self.indicators or self.funding


@dataclass
class _Report:
    units: list[_Unit] = field(default_factory=list)

    @property
    def head(self) -> Optional[tuple[str, str]]:
        return next((u.head for u in self.units if u.head), None)

    @property
    def has_form(self) -> bool:
        return any(u.head or u.indicators for u in self.units)

    @property
    def department_report(self) -> bool:
        """A department's whole report (…部门整体支出绩效自评报告) with text of its own."""
        title = next((u.title for u in self.units if u.title), "")
        return bool(_DEPT_REPORT.search(title)) and title.endswith("报告") \
            and sum(u.end - u.start for u in self.units) >= 500


def _squash(s: str) -> str:
    return _SPACE.sub("", s)


def _head(text: str) -> Optional[tuple[str, str]]:
    """The name a form's head in `text` gives: its 项目名称 when it has one (the projects of
    one unit are reports of their own), else its unit. A name is the rest of the label's
    line (its next cell), else the next non-empty line (one cell per line)."""
    heads = list(_heads(text))
    return next((h for h in heads if h[0] == _PROJECT_FORM), heads[0] if heads else None)


def _heads(text: str):
    for m in _HEAD.finditer(text):
        value = m.group(2).strip(" \t\u3000:：|")
        if not value:
            rest = text[m.end():].lstrip("\n \t\u3000")
            value = rest.split("\n", 1)[0].strip(" \t\u3000:：|")
        value = _squash(value.split("\t")[0] if "\t" in value else value)
        if 2 <= len(value) <= 60 and not _NOT_NAME.match(value):
            yield (_PROJECT_FORM if _PROJECT_NAME_LABEL.fullmatch(m.group(1)) else _UNIT_FORM), value


def _unit(text: str, start: int, end: int, sheet: Optional[str] = None, title: str = "") -> _Unit:
    body = text[start:end]
    head_text = body[:_HEAD_WINDOW + len(title) + 2]
    return _Unit(start, end, sheet, title, _head(head_text),
                 bool(_INDICATOR_HEADER.search(body)), bool(_FUNDING_HEADER.search(body)))


def _starts_report(current: _Report, unit: _Unit) -> bool:
    """Whether `unit` is a report of its own after `current` (see the module docstring)."""
    if unit.head is None or not unit.body:
        return False
    before = current.head
    if before is not None:
        return not _same_name(before[1], unit.head[1])
    if current.has_form:                 # an indicator table with no head: a report of its own
        return True
    return current.department_report and unit.head[0] == _PROJECT_FORM


_YEAR_WORDS = re.compile(r"(?:19|20)\d{2}年度?|[“”\"'‘’《》()（）]")


def _same_name(a: str, b: str) -> bool:
    """Two heads name the same report: the same name, or one written inside the other
    (a year or quotes added, 低保专项经费 / 2023年低保专项经费项目)."""
    a, b = _YEAR_WORDS.sub("", _squash(a)), _YEAR_WORDS.sub("", _squash(b))
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))


def _group(units: list[_Unit]) -> list[_Report]:
    reports: list[_Report] = []
    for u in units:
        if reports and not _starts_report(reports[-1], u):
            reports[-1].units.append(u)
        else:
            reports.append(_Report([u]))
    return reports


def _sheet_units(doc: Document) -> list[_Unit]:
    ranges = doc.meta.get("sheet_ranges") or []
    return [_unit(doc.text, s, e, sheet=name) for name, s, e in ranges if e > s]


def _title_units(doc: Document) -> list[_Unit]:
    """The text cut at title lines (not inside a table block); the text before the first
    title goes with it."""
    text = doc.text
    tables = [(b.start, b.end) for b in doc.blocks if b.kind == TABLE]
    cuts: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        squashed = _squash(line)
        if 4 <= len(squashed) <= _TITLE_MAX and _TITLE.search(squashed) \
                and not any(s < pos < e for s, e in tables):
            cuts.append((pos, squashed))
        pos += len(line) + 1
    starts = [0] + [p for p, _ in cuts if p > 0]
    if len(starts) < 2:
        return []
    titles = {p: t for p, t in cuts}
    first_title = cuts[0][1] if cuts else ""
    units = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        units.append(_unit(text, s, e, title=titles.get(s, first_title if i == 0 else "")))
    return units


def split(doc: Document) -> list[Part]:
    """The parts of a file that holds several reports; [] when it holds one."""
    if doc.format == "xlsx":
        units = _sheet_units(doc)
    else:
        units = _title_units(doc)
    if len(units) < 2:
        return []
    reports = _group(units)
    if len(reports) < 2:
        return []
    parts = []
    for i, r in enumerate(reports):
        start = 0 if i == 0 else r.units[0].start
        end = reports[i + 1].units[0].start if i + 1 < len(reports) else len(doc.text)
        parts.append(Part(start, end, _where(doc, r, start, end)))
    return parts


def _where(doc: Document, report: _Report, start: int, end: int) -> dict:
    sheet = next((u.sheet for u in report.units if u.sheet and (u.head or u.body)), report.units[0].sheet)
    if sheet is not None:
        return {"sheet": sheet}
    if doc.pages:
        last = max(start, _rstrip(doc.text, start, end) - 1)
        return {"pages": [doc.page_at(_lstrip(doc.text, start, end)), doc.page_at(last)]}
    return {"chars": [start, end]}


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# --- a Document per part -------------------------------------------------------------------

def view(doc: Document, part: Part) -> Document:
    """The Document of one part: the slice of the text, the blocks inside it (offsets moved
    to the slice), the pages it touches (numbers kept), the reader's meta, and `part`."""
    a, b = part.start, part.end
    blocks = [_moved_block(bl, -a) for bl in doc.blocks if a <= bl.start and bl.end <= b]
    pages = [Page(p.number, max(p.start, a) - a, min(p.end, b) - a) for p in doc.pages
             if p.start < b and p.end > a or (p.start == p.end and a <= p.start < b)]
    meta = {k: v for k, v in doc.meta.items() if not k.startswith("_") and k != "sheet_ranges"}
    meta["part"] = part.where
    return Document(text=doc.text[a:b], path=doc.path, format=doc.format, id=doc.id,
                    blocks=blocks, pages=pages, meta=meta)


def _moved_block(b: Block, d: int) -> Block:
    table = None
    if b.table is not None:
        t = b.table
        rows = [Row([replace(c, start=c.start + d, end=c.end + d) for c in r.cells], r.start + d, r.end + d, r.page)
                for r in t.rows]
        table = Table(rows, t.start + d, t.end + d, t.source, t.page, t.unit)
    return Block(b.kind, b.start + d, b.end + d, b.page, table)


def rebase(record: dict, offset: int) -> dict:
    """Move every span of a record made on a view by `offset` (in place; returned)."""
    if not offset:
        return record

    def span(s: Optional[dict]) -> None:
        if s:
            for k in ("start", "end"):
                if isinstance(s.get(k), int):
                    s[k] += offset

    for f in record.get("fields") or []:
        span(f.get("span"))
        for alt in f.get("alternatives") or []:
            span(alt.get("span"))
    for ind in record.get("indicators") or []:
        span(ind.get("span"))
        for s in (ind.get("attribute_spans") or {}).values():
            span(s)
    for e in record.get("entities") or []:
        span(e)
    return record


__all__ = ["Part", "split", "view", "rebase"]


def in_file(record: dict, part: Part, doc: Document) -> dict:
    """A part's record in the file's terms (in place; returned): its spans moved to the
    file's text, `document.part` and `document.span` saying where the report is, and the
    file's pages and characters."""
    rebase(record, part.start)
    document = record["document"]
    document["part"] = part.where
    document["span"] = {"start": part.start, "end": part.end}     # the report's text in the file's
    if "chars" in document:             # the file's, as for a file with one report
        document.update(pages=doc.n_pages, chars=len(doc.text))
    return record
