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

A table cell is also read by its row and its column apart, so a form seen once teaches
the combinations it did not show: the row header (brackets, figures and units out) is
learned as the slot's family part (`年度资金总额` → `funding.total`, `公务接待费` →
`three_public.reception`) and the column header as its last part (`全年执行数` →
`executed`, `预算数` → `budget`), each kept when every linked figure under it agrees
and no indicator attribute sits there (`ROW`/`COL` entries). Where a row × column
phrase is unknown, a known row part and a known column part that make a slot of the
schema name the figure.

`apply` (run by `extract.learn.models` after the rules) fills only slots the rules left empty:
for each figure, the longest phrase of its context found in the lexicon decides; the
figure's unit must fit the slot's kind, and a figure about another year is skipped. The
value keeps its raw text and span (`source="model"`); nothing is computed or rounded.
The lexicon holds only what the annotations passed to `learn` contain.

Every phrase is read on the reading view (`read.textnorm.reading`: simplified script,
ASCII figures, one character for one), so a form learned in simplified script names the
figures of its traditional or full-width twin; values keep the report's raw text and span.

What reviewed indicator rows teach the rules (passed to them while they run by
`learn.models.vocabularies`, not filled in after them):

- `HEAD` entries: the header word over a column of reviewed indicator values (names,
  targets, actuals, 分值, 得分) where the forms' vocabulary does not know it (本年计划数 →
  target), learned from tab rows and from the rows the layout recovers (pipes, spaces) under
  a header that names a column of the indicator tree, and from any flattening the cell
  stream reads (one cell per line, blank lines between cells, `|` lines): there the
  reviewed rows give the order of the value columns and the header cells over the first
  row, from its name column's word on, take them where the forms' known words leave as
  many unknown words as columns between them (`stream_header_words`); the grid reader
  (`slots.indicator_table.indicator_header`) and the cell stream (`slots.cell_stream._hword`)
  read such a word as the form's own;
- `LEVEL` entries: a 一级/二级 name reviewers marked as a row's level (an `indicator.level1` /
  `indicator.level2` region) that the cell stream's closed lists lack (重点任务指标); the
  stream (`slots.cell_stream._level_word`) reads it as a level name;
- `NOT_ROW` entries: a name the rules read as an indicator row and reviewers left
  unmarked in two reports and kept in none (a template's sample row); `drop_deleted_rows`
  takes it out of the next report's rows.
"""
from __future__ import annotations

import functools
import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from extract import schema
from extract.learn.nlp.annotations import INDICATOR_PREFIX, NONE, AnnotatedText
from extract.learn.nlp.context import column_header, line_bounds
from extract.read.textnorm import reading

VERSION = 1
ROW, COL = "row|", "col|"      # entry-key prefixes of the row × column back-off vocabularies
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


def _row_and_column_cells(text: str, start: int) -> Optional[tuple[str, str]]:
    """(row header cell, column header cell) of a figure in a tab-separated row, as printed;
    None outside tables."""
    ls, le = line_bounds(text, start)
    line = text[ls:le]
    if "\t" not in line:
        return None
    cells = line.split("\t")
    index = text.count("\t", ls, start)
    row = next((c for c in reversed(cells[:index]) if c.strip() and not re.search(r"\d", c)), "")
    return row, column_header(text, ls, index)


def table_phrase(text: str, start: int) -> Optional[str]:
    """Row header + column header of a figure in a tab-separated row, or None outside tables."""
    cells = _row_and_column_cells(text, start)
    if cells is None or not any(cells):
        return None
    return norm(cells[0].strip() + cells[1].strip())


_BRACKETED = re.compile(r"\([^()]{0,12}\)|[\d.%/]+|万元|单位:")


def header_word(cell: str) -> str:
    """A table header cell as the back-off vocabulary keeps it: brackets, figures and units out."""
    return _BRACKETED.sub("", norm(cell)).strip(":")


def row_and_column(text: str, start: int) -> Optional[tuple[str, str]]:
    """(row header word, column header word) of a figure in a tab-separated row, both
    non-empty, or None."""
    cells = _row_and_column_cells(text, start)
    if cells is None:
        return None
    row, col = header_word(cells[0]), header_word(cells[1])
    if len(row) < MIN_PHRASE or len(col) < MIN_PHRASE:
        return None
    return row, col


_PIPES = re.compile(r"^[\s|]+|[\s|]+$")
_LONE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|%|％|分|人|名)?")
_VALUE_CELL = re.compile(r"^(?:[-+]?\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|%|％|分|人|名)?|[/／\\—–-]*|无|0)$")
MAX_CELL_RUN = 12     # value cells between a lone figure and its row label, at most


def _cell(text: str, ls: int, le: int) -> str:
    return _PIPES.sub("", text[ls:le])


def cell_phrases(text: str, start: int) -> list[str]:
    """For a figure alone in its cell, in a table flattened one cell per line (`238.93 |`):
    `label#j` (the row's label cell, then the figure is the j-th cell after it) and, before
    it, the same with the text cell above the label (`预算执行率>总额#3`); [] otherwise."""
    ls, le = line_bounds(text, start)
    if "\t" in text[ls:le] or not _LONE.fullmatch(_cell(text, ls, le)):
        return []
    j, pos, label = 0, ls, None
    while pos > 0 and j <= MAX_CELL_RUN:
        ps = text.rfind("\n", 0, pos - 1) + 1
        cell = _cell(text, ps, pos - 1).strip()
        pos = ps
        if _VALUE_CELL.match(cell):
            j += 1
            continue
        label = cell
        break
    if not label or j > MAX_CELL_RUN:
        return []
    label = header_word(label)[-MAX_PHRASE:]
    if len(label) < MIN_PHRASE:
        return []
    above = ""
    while pos > 0:
        ps = text.rfind("\n", 0, pos - 1) + 1
        cell = _cell(text, ps, pos - 1).strip()
        pos = ps
        if not _VALUE_CELL.match(cell):
            above = header_word(cell)[-12:]
            break
    key = f"{label}#{j}"
    return ([f"{above}>{key}"] if above else []) + [key]


TEXT = "text|"         # entry-key prefix of the label cells that introduce a text slot's value
_LABEL = re.compile(r"^([^\d:：]{2,16})\s*[:：]\s*(\S.*)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LABEL_LIKE = re.compile(r"^.{0,6}(?:名称|单位|部门|编码|代码)$|[:：]$|\(盖章\)|（盖章）")


@dataclass(frozen=True)
class Labelled:
    key: str             # TEXT + the label's header word
    start: int           # the value that follows the label: the rest of its cell or the next cell
    end: int


def labelled_values(text: str) -> list[Labelled]:
    """Every short label without figures followed by a value: `label：value` in one cell, or a
    label cell followed by the next non-empty cell (tab-separated, one cell per line)."""
    cells: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        off = pos
        for part in line.split("\t"):
            m = re.search(r"[^\s|](?:.*[^\s|])?", part)
            if m:
                cells.append((off + m.start(), off + m.end()))
            off += len(part) + 1
        pos += len(line) + 1
    out = []
    for i, (a, b) in enumerate(cells):
        cell = text[a:b]
        m = _LABEL.match(cell)
        if m:
            label, v0 = m.group(1), a + m.start(2)
            out.append(Labelled(TEXT + header_word(label), v0, b))
        elif len(cell) <= 16 and not re.search(r"\d", cell) and i + 1 < len(cells):
            out.append(Labelled(TEXT + header_word(cell), *cells[i + 1]))
    return [x for x in out if len(x.key) - len(TEXT) >= MIN_PHRASE]


def phrases_of(text: str, start: int) -> list[str]:
    """The lookup keys of the figure at `start`, longest first."""
    tp = table_phrase(text, start)
    if tp is not None:
        return [tp]
    cp = cell_phrases(text, start)
    if cp:
        return cp
    clause = left_clause(text, start)
    return [clause[-n:] for n in range(min(MAX_PHRASE, len(clause)), MIN_PHRASE - 1, -1)]


@dataclass
class Lexicon:
    entries: dict[str, dict] = field(default_factory=dict)    # phrase -> {"slot": str|None, "docs": n}
    min_docs: int = 1

    @functools.cached_property
    def headers(self) -> dict[str, str]:
        """Its indicator header words (`learned_headers`), read from the entries once."""
        return learned_headers(self)

    @functools.cached_property
    def levels(self) -> dict[str, tuple[Optional[str], Optional[str]]]:
        """Its 一级/二级 names (`LEVEL` entries): name -> (level1, level2), read once."""
        out: dict[str, tuple[Optional[str], Optional[str]]] = {}
        for k, e in self.entries.items():
            if k.startswith(LEVEL) and e["slot"]:
                name = k[len(LEVEL):]
                out[name] = (name if "level1" in e["slot"] else None, name if "level2" in e["slot"] else None)
        return out

    def decide(self, keys: list[str], cell: Optional[tuple[str, str]] = None) -> Optional[tuple[str, str, int]]:
        """(slot, phrase, documents) from the longest key found, or None (unknown or a blocker);
        for a table figure whose row × column phrase is unknown, its row and column words
        (`cell`) when both are known and make a slot."""
        for k in keys:
            e = self.entries.get(k)
            if e is not None:
                return (e["slot"], k, e["docs"]) if e["slot"] else None
        if cell is None:
            return None
        r, c = self.entries.get(ROW + cell[0]), self.entries.get(COL + cell[1])
        if not (r and c and r["slot"] and c["slot"]):
            return None
        slot = f"{r['slot']}.{c['slot']}"
        if slot not in schema.SLOTS:
            return None
        return slot, f"{cell[0]}×{cell[1]}", min(r["docs"], c["docs"])

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
        if m.start < fig.end and fig.start < m.end and m.label[len(INDICATOR_PREFIX):] not in ("level1", "level2"):
            if m.label.startswith(INDICATOR_PREFIX):
                found = INDICATOR
            elif m.label in schema.SLOTS:
                return m.label
    return found


def learn(texts: Iterable[AnnotatedText], min_docs: int = 1) -> Lexicon:
    """The lexicon of the annotated documents `texts` (see the module docstring)."""
    seen: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    parts: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))    # ROW/COL key -> part -> docs
    cells: dict[str, tuple[str, str]] = {}                                       # table phrase -> its row, column
    for t in texts:
        view = reading(t.text)             # read as the report's simplified twin, offsets kept
        for fig in figures(view):
            target = _target_at(t, fig)
            if target in schema.TEXT_SLOTS or target == "report.fiscal_year":
                continue
            keys = phrases_of(view, fig.start)
            for k in keys:
                seen[k][target].add(t.name)
            cell = row_and_column(view, fig.start)
            if cell is not None:
                cells[keys[0]] = cell
                family, _, last = target.rpartition(".") if target in schema.SLOTS else (target, "", target)
                parts[ROW + cell[0]][family or target].add(t.name)
                parts[COL + cell[1]][last].add(t.name)
    kept: dict[str, dict] = {}
    for k, by in seen.items():
        if len(by) == 1:
            (target, docs), = by.items()
            need = max(min_docs, SHORT_DOCS) if len(k) <= SHORT else min_docs
            if target not in (NONE, INDICATOR) and len(docs) >= need:
                kept[k] = {"slot": target, "docs": len(docs)}
    labels: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for t in texts:
        text_links = [m for m in t.links if m.label in schema.TEXT_SLOTS and m.label != "report.kind"]
        for lv in labelled_values(reading(t.text)):
            slot = next((m.label for m in text_links if lv.start <= m.start and m.end <= lv.end
                         and (m.end - m.start) * 5 >= (lv.end - lv.start) * 4), NONE)   # the value is the cell
            labels[lv.key][slot].add(t.name)
    for k, by in labels.items():
        linked = {p: d for p, d in by.items() if p != NONE}
        if len(linked) == 1:
            (slot, docs), = linked.items()
            if len(docs) >= SHORT_DOCS and NONE not in by:      # a label once followed by no value: unsure
                kept[k] = {"slot": slot, "docs": len(docs)}
    for k, by in parts.items():
        linked = {p: d for p, d in by.items() if p != NONE}
        if len(linked) == 1 and INDICATOR not in linked:
            (part, docs), = linked.items()
            kept[k] = {"slot": part, "docs": len(docs)}
    slots = {k for k in kept if not k.startswith((ROW, COL, TEXT, HEAD, NOT_ROW, LEVEL))}
    back_off = Lexicon(kept, min_docs)
    for k, cell in cells.items():          # a cell seen and not kept: the back-off must not name it either
        if k not in kept and back_off.decide([], cell) is not None:
            kept[k] = {"slot": None, "docs": len(set().union(*seen[k].values()))}
    for k, by in seen.items():
        if k in kept:
            continue
        if any(k[-n:] in slots for n in range(MIN_PHRASE, len(k))):
            kept[k] = {"slot": None, "docs": len(set().union(*by.values()))}
    heads: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for t in texts:
        for word, attr in header_words(t) + stream_header_words(t):
            heads[word][attr].append(t.name)
    for word, by in heads.items():          # the column's attribute: at least HEAD_AGREE of its values
        attr, seen_as = max(by.items(), key=lambda kv: len(kv[1]))
        if len(seen_as) >= HEAD_AGREE * sum(map(len, by.values())):
            kept[HEAD + word] = {"slot": attr, "docs": len(set(seen_as))}
    levels: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for t in texts:
        for word, attr in level_words(t):
            levels[word][attr].add(t.name)
    for word, by in levels.items():         # a 一级/二级 name the forms' closed lists lack
        kept[LEVEL + word] = {"slot": "|".join(sorted(by)), "docs": len(set().union(*by.values()))}
    rows: dict[str, dict[bool, set]] = defaultdict(lambda: defaultdict(set))
    for t in texts:
        for name, confirmed in reviewed_rows(t):
            rows[name][confirmed].add(t.name)
    for name, by in rows.items():          # a row the rules read and reviewers deleted in two reports, kept in none
        if True not in by and len(name) >= MIN_PHRASE and len(by[False]) >= SHORT_DOCS:
            kept[NOT_ROW + name] = {"slot": None, "docs": len(by[False])}
    return Lexicon(kept, min_docs)


# --- indicator-table header words -------------------------------------------------------------

HEAD = "head|"         # entry-key prefix of an indicator table's header word -> the attribute under it
_HEAD_ATTRS = ("name", "target", "actual", "weight", "score")
_TREE = {"level1", "level2", "level", "name"}
MAX_HEADER_LINES = 40  # lines searched upwards from a row for its table's header line
HEAD_AGREE = 0.75      # share of a column's reviewed values that must be one attribute (a name
                       # repeated as another row's qualitative target is not the column's meaning)


def _table_rows(view: str) -> list[list[tuple[int, int]]]:
    """The table rows of a text, each a list of cell spans, in text order: tab-separated
    lines cell by cell (empty cells kept), and the rows of the tables the layout recovers
    from other lines (` | ` pipes, runs of spaces)."""
    from extract.read import lay_out
    from extract.read.document import Document
    rows: list[list[tuple[int, int]]] = []
    pos = 0
    for line in view.split("\n"):
        if "\t" in line:
            cells, off = [], pos
            for cell in line.split("\t"):
                cells.append((off, off + len(cell)))
                off += len(cell) + 1
            rows.append(cells)
        pos += len(line) + 1
    doc = Document(text=view)
    lay_out(doc)
    for tb in doc.tables():
        for row in tb.rows:
            if row.cells and "\t" not in view[slice(*line_bounds(view, row.cells[0].start))]:
                rows.append([(c.start, c.end) for c in row.cells])
    return sorted(rows, key=lambda r: r[0][0])


def header_words(t: AnnotatedText) -> list[tuple[str, str]]:
    """(header word, attribute) for each reviewed indicator value in a table row whose
    table's header names the column with a word the forms' vocabulary does not know
    (本年计划数 over the targets): what a reviewer's rows teach the table reader. The
    indicator's name (an INDICATOR entity filling its cell) teaches the name column, its
    linked figures the value columns. The header is the nearest row above, as wide, that
    names a column of the indicator tree in the forms' words (一级指标, 三级指标, 指标名称 …):
    a funding table's header (年初预算数 | 执行率) teaches nothing here."""
    from extract.slots.assign import squash
    from extract.slots.indicator_table import _header_attrs
    view = reading(t.text)
    marks = [(m, m.label[len(INDICATOR_PREFIX):]) for m in t.links if m.label.startswith(INDICATOR_PREFIX)]
    marks += [(e, "name") for e in t.entities if e.label == "INDICATOR"]
    marks = [(m, a) for m, a in marks if a in _HEAD_ATTRS]
    if not marks:
        return []
    rows = _table_rows(view)
    starts = [r[0][0] for r in rows]

    def known(cells) -> bool:             # an indicator header: it names a column of the tree (一级/二级/三级指标)
        return any(set(_header_attrs(w)) & _TREE for w in (squash(view[a:b]) for a, b in cells) if 0 < len(w) <= 12)

    out = []
    for m, attr in marks:
        i = bisect_right(starts, m.start) - 1
        if i < 0:
            continue
        row = rows[i]
        index = next((j for j, (a, b) in enumerate(row) if a <= m.start and m.end <= b), None)
        if index is None:
            continue
        if attr == "name" and (squash(view[slice(*row[index])]) != squash(view[m.start:m.end]) or any(
                squash(view[a:b]) == squash(view[m.start:m.end]) for a, b in row[:index])):
            continue       # a name inside another cell, or repeated as its own target, says nothing of this column
        header = next((r for r in reversed(rows[max(0, i - MAX_HEADER_LINES):i])
                       if len(r) == len(row) and known(r)), None)
        if header is None:
            continue
        word = squash(view[slice(*header[index])])
        if 2 <= len(word) <= 12 and not _header_attrs(word) and not re.search(r"\d", word):
            out.append((word, attr))
    return out


_ROW_ATTRS = ("target", "actual", "weight", "score")
_NOT_A_COLUMN = ("content", "op", "unit", "deviation", "skip")      # columns a reviewer links no figure in
MAX_STREAM_HEADER = 40     # cells searched backwards from a table's first row for its header
MIN_STREAM_WORD = 2        # a learned header word of the cell stream: 2-12 characters, as a tab header cell


def _stream_header(cells: list, first: int, levels: frozenset = frozenset()) -> list[tuple[str, Optional[str]]]:
    """The header words over the cell `first` (a table's first row name, in a cell stream
    that dropped its empty cells): the run of short figureless cells before the row (its
    level names stepped over), from the header's last name-column word (三级指标, 指标名称)
    on, each (word, the forms' attribute or None); a word split over up to three cells
    (全年 / 完成值) is one; `levels`: cells the reviewer marked as level names (whatever the
    forms' lists say). [] where no name-column word heads it."""
    from extract.slots.cell_stream import _hword, _level_word
    j = first - 1
    while j >= 0 and (_level_word(cells[j].sq) != (None, None) or cells[j].sq in levels) and _hword(cells[j].sq) is None:
        j -= 1                               # the first row's merged level cells
    start = j + 1
    while start > 0 and first - start < MAX_STREAM_HEADER:
        sq = cells[start - 1].sq
        if len(sq) > 16 or re.search(r"\d", sq) or (_level_word(sq) != (None, None) and _hword(sq) is None):
            break
        start -= 1
    block = cells[start:j + 1]
    name_at = max((k for k, c in enumerate(block) if _hword(c.sq) == "name"), default=None)
    if name_at is None:
        return []
    out: list[tuple[str, Optional[str]]] = []
    k = name_at + 1
    while k < len(block):
        best = None
        acc = ""
        for m in range(k, min(k + 3, len(block))):
            acc += block[m].sq
            a = _hword(acc)
            if a:
                best = (acc, a, m + 1)
        if best is None:
            out.append((block[k].sq, None))
            k += 1
        else:
            out.append((best[0], best[1]))
            k = best[2]
    return out


def _aligned(header: list[tuple[str, Optional[str]]], order: list[str]) -> list[tuple[str, str]]:
    """(unknown header word, attribute): the header's value columns (after the name column)
    against the attributes a reviewed row holds, in order (target, actual, weight, score):
    the words the forms know are anchors, and the unknown words between two anchors take
    the row's attributes between the same anchors where they are as many, in order."""
    cols = [(w, a) for w, a in header if a not in _NOT_A_COLUMN]
    anchors = [a for _, a in cols if a is not None]
    if any(a not in order for a in anchors) or anchors != sorted(anchors, key=order.index):
        return []
    out = []
    gap: list[str] = []
    pos = 0                                  # the next attribute of `order` not yet taken
    for w, a in cols + [(None, "$end")]:
        if a is None:
            gap.append(w)
            continue
        upto = order.index(a) if a != "$end" else len(order)
        between = order[pos:upto]
        if gap and len(gap) == len(between):
            out += list(zip(gap, between))
        gap = []
        pos = upto + 1
    return out


def stream_header_words(t: AnnotatedText) -> list[tuple[str, str]]:
    """(header word, attribute) for the header words a reviewed table teaches in any
    flattening the cell stream reads (one cell per line, blank lines between cells, runs of
    spaces, tabs, pipes): the reviewed rows (INDICATOR names, values linked to an indicator
    attribute) give the order of the value columns, the header over the first row gives the
    words, and a word the forms do not know takes the attribute of its place among the
    known ones (三级指标 | 本年计划 | 本年实现 | 分值 | 得分 over rows of name, target, actual,
    weight, score: 本年计划 is the target, 本年实现 the actual). Several tables: each is
    read over its own first row."""
    from extract.slots.assign import squash
    from extract.slots.cell_stream import _hword, _level_word, stream_cells
    names = [e for e in t.entities if e.label == "INDICATOR"]
    values = [(m, m.label[len(INDICATOR_PREFIX):]) for m in t.links if m.label.startswith(INDICATOR_PREFIX)]
    values = [(m, a) for m, a in values if a in _ROW_ATTRS]
    if not names or not values:
        return []
    view = reading(t.text)
    cells = [c for c in stream_cells(view) if c.sq]
    starts = [c.start for c in cells]
    levels = frozenset(squash(view[m.start:m.end]) for m in t.links
                       if m.label in (INDICATOR_PREFIX + "level1", INDICATOR_PREFIX + "level2"))

    def cell_of(m) -> Optional[int]:
        i = bisect_right(starts, m.start) - 1
        return i if i >= 0 and m.end <= cells[i].end else None

    rows = sorted({i for i, e in ((cell_of(e), e) for e in names)
                   if i is not None and squash(view[e.start:e.end]) == cells[i].sq})     # a name filling its cell
    if not rows:
        return []
    at = sorted((i, a) for i, a in ((cell_of(m), a) for m, a in values) if i is not None)
    orders: Counter = Counter()
    for r, nxt in zip(rows, rows[1:] + [len(cells)]):
        seq = []
        for i, a in at:
            if r < i < nxt and a not in seq:
                seq.append(a)
        if seq:
            orders[tuple(seq)] += 1
    if not orders:
        return []
    order, n = orders.most_common(1)[0]
    if n * 2 <= sum(orders.values()):       # the rows disagree on the columns' order: nothing is sure
        return []
    out = []
    firsts = [rows[0]] + [r for p, r in zip(rows, rows[1:]) if any(
        _hword(c.sq) == "name" for c in cells[p + 1:r])]    # a table after another: its own header
    for first in firsts:
        for word, attr in _aligned(_stream_header(cells, first, levels), list(order)):
            if MIN_STREAM_WORD <= len(word) <= 12 and _level_word(word) == (None, None):
                out.append((word, attr))
    return out


# --- level names ----------------------------------------------------------------------------

LEVEL = "level|"       # entry-key prefix of a 一级/二级 name reviewers marked -> "level1", "level2" or both


def level_words(t: AnnotatedText) -> list[tuple[str, str]]:
    """(name, level1 | level2) for each region a reviewer linked to an indicator's level
    (`indicator.level1`, `indicator.level2`) whose words the cell stream's closed lists of
    level names do not know (工作任务指标, 履职成效 …): 2-14 characters, no figure, no header word."""
    from extract.slots.cell_stream import _MARKER, _POINTS, _hword, _level_word
    out = []
    for m in t.links:
        attr = m.label[len(INDICATOR_PREFIX):] if m.label.startswith(INDICATOR_PREFIX) else None
        if attr not in ("level1", "level2"):
            continue
        word = re.sub(r"等$", "", _POINTS.sub("", _MARKER.sub("", _SPACE.sub("", reading(t.text)[m.start:m.end]))))
        word = re.sub(r"^\d+[.、．]", "", word)
        if not 2 <= len(word) <= 14 or re.search(r"\d", word) or _hword(word):
            continue
        if _level_word(word)[0 if attr == "level1" else 1] is None:
            out.append((word, attr))
    return out


# --- rows reviewers deleted ---------------------------------------------------------------------

NOT_ROW = "notrow|"    # entry-key prefix of a name the rules read as an indicator row and reviewers deleted
_REVIEWED_ROWS: dict[tuple, list[tuple[str, bool]]] = {}


def reviewed_rows(t: AnnotatedText) -> list[tuple[str, bool]]:
    """(squashed name, kept) for each indicator row the rules read in a reviewed text: kept
    when the reviewer marked something in it (its name as an INDICATOR, a value linked to an
    indicator attribute), deleted otherwise (a 合计 or 项目资金 line read as a row)."""
    from extract import slots
    from extract.read import lay_out
    from extract.read.document import Document
    from extract.slots.assign import squash
    marks = tuple((m.start, m.end) for m in t.links if m.label.startswith(INDICATOR_PREFIX)
                  and m.label[len(INDICATOR_PREFIX):] not in ("level1", "level2")) \
        + tuple((e.start, e.end) for e in t.entities if e.label == "INDICATOR")
    key = (t.text, marks)
    if key not in _REVIEWED_ROWS:             # the rules run once per text however often it is learned from
        if not marks:
            _REVIEWED_ROWS[key] = []          # a text with no reviewed row says nothing of rows
            return []
        doc = Document(text=t.text, path=t.name)
        lay_out(doc)
        named = {squash(t.text[e.start:e.end]) for e in t.entities if e.label == "INDICATOR"}
        out = []
        for ind in slots.fill(doc).indicators:
            a, b = ind.span.start, ind.span.end
            name = squash(ind.name or "")
            if name:
                out.append((name, name in named or any(s < b and a < e for s, e in marks)))
        _REVIEWED_ROWS[key] = out
    return _REVIEWED_ROWS[key]


def drop_deleted_rows(ex, lex: "Lexicon") -> list:
    """Take out the rule rows whose name reviewers always deleted (`NOT_ROW`); the rows dropped."""
    from extract.slots.assign import squash
    gone = [ind for ind in ex.indicators if NOT_ROW + squash(ind.name or "") in lex.entries]
    ex.indicators = [ind for ind in ex.indicators if ind not in gone]
    return gone


def learned_headers(lex: Optional["Lexicon"]) -> dict[str, str]:
    """The lexicon's indicator header words: squashed header cell -> attribute."""
    if lex is None:
        return {}
    return {k[len(HEAD):]: e["slot"] for k, e in lex.entries.items() if k.startswith(HEAD) and e["slot"]}


def _value_for(slot: str, fig: Figure, text: str, phrase: str = ""):
    """The figure's value for the slot, or None when its unit does not fit the slot's kind:
    money with a money unit or under a 单位 declaration, a rate with % or under a header
    that says (%), a score bare or in 分, a head-count in 人/名 or a bare whole number."""
    from extract.slots.normalize import parse_value
    kind = schema.SLOTS[slot].kind
    raw = text[fig.start:fig.end]
    if kind == schema.MONEY:
        if fig.unit is None:
            decl = None
            for m in _UNIT_DECL.finditer(text, max(0, fig.start - 1500), fig.start):
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
        if fig.unit in ("%", "％"):
            return parse_value(raw, allow_text=False)
        return parse_value(raw + "%", allow_text=False) if fig.unit is None and "%" in phrase else None
    if kind == schema.NUMBER:
        return parse_value(raw, allow_text=False) if fig.unit in (None, "分") else None
    if kind == schema.COUNT:
        bare = fig.unit is None and re.fullmatch(r"\d{1,5}", fig.number)
        return parse_value(raw, allow_text=False) if fig.unit in ("人", "名") or bare else None
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
    from dataclasses import replace

    from extract.slots.assign import add_field
    source = doc.text
    text = reading(source)         # the reading view: traditional script and full-width figures read as learned
    fiscal_year = doc.meta.get("fiscal_year")
    have = {f.slot for f in ex.fields}
    used = [(f.span.start, f.span.end) for f in ex.fields]
    best: dict[str, tuple[int, int, Figure, object]] = {}
    for fig in figures(text):
        if any(a < fig.end and fig.start < b for a, b in used):
            continue
        keys = phrases_of(text, fig.start)
        found = lexicon.decide(keys, row_and_column(text, fig.start))
        if found is None:
            continue
        slot, phrase, docs = found
        if slot in have:
            continue
        if _aside(text, fig.start, fiscal_year):
            continue
        value = _value_for(slot, fig, text, phrase)
        if value is None:
            continue
        value = replace(value, raw=source[fig.start:fig.end])       # the figure as the report prints it
        if slot not in best or docs > best[slot][0]:
            best[slot] = (docs, -fig.start, fig, value)
    added = []
    from extract.slots.normalize import Value
    for lv in labelled_values(text):
        e = lexicon.entries.get(lv.key)
        if not e or not e["slot"] or e["slot"] in have or e["slot"] in best:
            continue
        raw = text[lv.start:lv.end]
        if not (2 <= len(raw) <= 60 and _CJK.search(raw)) or _LABEL_LIKE.search(raw) \
                or lexicon.entries.get(TEXT + header_word(raw)):
            continue                  # the next cell is another label: the value cell was left empty
        best[e["slot"]] = None
        ls, le = line_bounds(text, lv.start)
        added.append(add_field(ex, doc, e["slot"], Value.text(source[lv.start:lv.end]), lv.start, lv.end,
                               "table" if "\t" in text[ls:le] else "text", "model"))
    for slot, item in best.items():
        if item is None:
            continue
        _, _, fig, value = item
        ls, le = line_bounds(text, fig.start)
        in_table = "\t" in text[ls:le]
        added.append(add_field(ex, doc, slot, value, fig.start, fig.end, "table" if in_table else "text", "model"))
    return added
