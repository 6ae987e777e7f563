"""Blocks and tables recovered from flattened text.

Tables pasted out of DOCX/PDF arrive in a few shapes, all seen in real reports:

- tab-separated rows, one row per line (seed 000);
- one cell per line, each cell's first line starting with a tab, a line without the
  tab continuing the cell, rows separated by empty lines (seeds 001, 003, 004);
- markdown-ish pipes, `a | b | c |`, often with broken rows (pool);
- cells separated by runs of spaces (pool).
- one cell per line with no tab, a blank line between rows, from a row of the forms'
  header cells on (`_stacked_rows`: a PDF or web page copied as text; source "stacked",
  read like pipes: empty cells are gone, so rows are aligned by what their cells hold).

`analyse` turns the text into paragraph and table blocks whose rows and cells keep
their offsets into the text. It does not decide what a table means: that is
`tables.py`'s job, which reads header rows wherever they occur in a table block, so a
block holding several logical tables (funding, then indicators) is fine.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from extract.read.document import PARAGRAPH, TABLE, Block, Cell, Document, Row, Table
from extract.read.textnorm import View, join_pipe_cells

_NUMERIC = re.compile(r"^[\s\d.,%％\-—]+$")


@dataclass
class _Line:
    start: int          # offset of the line in the text
    text: str           # the line without its newline

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip(" \u3000\xa0\r")

    @property
    def kind(self) -> str:
        """cell: one leading tab only; multi: tabs inside; pipe: | cells; plain: none."""
        body = self.text.lstrip(" \u3000\xa0")
        if "\t" in body:
            if body.startswith("\t") and "\t" not in body[1:]:
                return "cell"
            return "multi"
        if body.count("|") >= 2 or (body.rstrip().endswith("|") and body.count("|") >= 1) or body.strip() == "|":
            return "pipe"
        if PAGE_FURNITURE.fullmatch(body.strip(" \u3000\xa0\r\f")):
            return "plain"                   # '第 1 页', '- 2 -': the page, not a row of the table
        if _spaced_cells(body):
            return "spaced"
        return "plain"


# a page number line between the pages of a table: 第 2 页, 第2页 共5页, 2/5, - 2 -, —2—, a bare 2
PAGE_FURNITURE = re.compile(r"[-—–\s]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|"
                            r"[-—–]\s*\d+\s*[-—–]|\d{1,3})[-—–\s]*")


def _spaced_cells(body: str) -> bool:
    """A row whose cells are separated by spaces: three or more short cells, no sentence
    punctuation, at least one cell a figure or a comparator (数量指标 药品抽验品种 ≥3 4)."""
    s = body.strip(" \u3000\xa0\r")
    if not s or re.search(r"[。，；;,：:]", s):
        return False
    cells = re.split(r"[ \u3000\xa0]+", s)
    if len(cells) < 3 or any(len(c) > 30 for c in cells):
        return False
    return any(re.match(r"^[≥≤≧≦><=＝]?\s*[\d.]+\s*\S{0,6}$", c) for c in cells) or \
        sum(1 for c in cells if re.search(r"指标$|指标值|完成值|目标值|^分值$|^得分$|^权重$", c)) >= 2


def _short_cell_line(line: "_Line") -> bool:
    s = line.text.strip(" \u3000\xa0\r")
    return 0 < len(s) <= 30 and not re.search(r"[。，；;,、]", s)


def _split_spaces(line: "_Line") -> list[tuple[str, int, int]]:
    return [(m.group(), line.start + m.start(), line.start + m.end())
            for m in re.finditer(r"[^ \u3000\xa0\r]+", line.text)]


def lines_of(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(_Line(pos, raw.rstrip("\r")))
        pos += len(raw) + 1
    return out


def fold(text: str) -> str:
    """Whitespace of layout (runs of spaces, NBSP, ideographic space) folded to one space."""
    return re.sub(r"[\s\u3000\xa0]+", " ", text).strip()


def join_lines(parts: list[str]) -> str:
    """Lines of one cell joined: CJK text wraps without a space, ASCII words keep one."""
    out = ""
    for p in parts:
        p = fold(p)
        if not p:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out


def _cell(text: str, pieces: list[tuple[int, str]]) -> tuple[str, int, int]:
    """Cell text and its [start, end) in the document from (offset, raw) pieces."""
    content = [(o, s) for o, s in pieces if s.strip(" \u3000\xa0\t\r")]
    if not content:
        o = pieces[0][0] if pieces else 0
        return "", o, o
    first_o, first_s = content[0]
    last_o, last_s = content[-1]
    start = first_o + (len(first_s) - len(first_s.lstrip(" \u3000\xa0\t")))
    end = last_o + len(last_s.rstrip(" \u3000\xa0\t\r"))
    return join_lines([s for _, s in content]), start, end


def _split_tabs(line: _Line) -> list[tuple[str, int, int]]:
    cells, pos = [], line.start
    body = line.text
    lead = len(body) - len(body.lstrip(" \u3000\xa0"))
    if body.lstrip(" \u3000\xa0").startswith("\t") and lead:
        body, pos = body[lead:], pos + lead
    for part in body.split("\t"):
        cells.append(_cell(part, [(pos, part)]))
        pos += len(part) + 1
    return cells


def _split_pipes(line: _Line) -> list[tuple[str, int, int]]:
    body, pos = line.text, line.start
    parts = body.split("|")
    cells = []
    for i, part in enumerate(parts):
        if (i == 0 or i == len(parts) - 1) and not part.strip():
            pos += len(part) + 1
            continue
        cells.append(_cell(part, [(pos, part)]))
        pos += len(part) + 1
    return cells


def _row(cells: list[tuple[str, int, int]]) -> Row:
    cs = [Cell(text=t, start=s, end=e, col=i) for i, (t, s, e) in enumerate(cells)]
    return Row(cells=cs, start=cs[0].start if cs else 0, end=cs[-1].end if cs else 0)


def _groups(lines: list[_Line]) -> list[list[_Line]]:
    groups, cur = [], []
    for ln in lines:
        if ln.blank and "\t" not in ln.text:
            if cur:
                groups.append(cur)
                cur = []
        else:
            cur.append(ln)
    if cur:
        groups.append(cur)
    return groups


def _cell_rows(group: list[_Line]) -> tuple[list[Row], list[_Line]]:
    """One row from a group of one-cell-per-line lines; lines after a numeric cell that
    do not start a cell end the row (a title pasted right after a table)."""
    cells: list[list[tuple[int, str]]] = []
    rest: list[_Line] = []
    for i, ln in enumerate(group):
        body = ln.text
        lead = len(body) - len(body.lstrip(" \u3000\xa0"))
        stripped = body[lead:]
        if stripped.startswith("\t"):
            cells.append([(ln.start + lead + 1, stripped[1:])])
        elif cells:
            prev_text = "".join(s for _, s in cells[-1]).strip()
            if prev_text and _NUMERIC.match(prev_text):
                rest = group[i:]
                break
            cells[-1].append((ln.start, body))
        else:
            rest = group[i:]
            break
    built = [_cell("", pieces) for pieces in cells]
    return ([_row(built)] if built else []), rest


# Header cells of the forms (TEMPLATES.md): a group of lines holding three of them is a header row.
_HEADER_CELL = re.compile(r"^(?:[一二三]级指标|指标内容|(?:年度|全年|年初)?(?:指标值|目标值)|(?:实际)?完成值|实际完成(?:情况)?|"
                          r"分值|得分|权重|(?:全年|年初|调整后)?预算数|(?:全年)?执行数|执行率|资金来源|"
                          r"偏差原因.*|未完成原因.*|目标内容|评分标准)(?:\s*[(（][^()（）]{0,12}[)）])?$")


def _stacked_rows(groups: list[list[_Line]]) -> set[int]:
    """Groups (lines between blank lines) that are rows of a table printed one cell per line,
    a blank line between rows, no tabs or pipes (a PDF or web page copied as text):
    from a group holding three header cells of the forms (一级指标 / 分值 / 得分 …) on,
    every following group of two or more plain lines with no sentence-long line."""
    rows: set[int] = set()
    in_table = False
    for g_i, group in enumerate(groups):
        texts = [ln.text.strip(" \u3000\xa0\r") for ln in group]
        plain = len(group) >= 2 and all(ln.kind in ("plain", "spaced") for ln in group)
        heads = sum(1 for t in texts if _HEADER_CELL.match(re.sub(r"\s+", "", t)))
        if plain and heads >= 3:
            in_table = True
        elif not plain or any(len(t) > 60 and re.search(r"[。；;]", t) for t in texts) and heads == 0:
            in_table = False
        if in_table:
            rows.add(g_i)
    return rows


def analyse(doc: Document) -> None:
    """Fill `doc.blocks` from the text when the reader did not (text input)."""
    if doc.blocks:
        return
    doc.blocks = blocks_from_text(doc.text)


def join_header_breaks(text: str) -> str:
    """`text` with a line break inside a tab-separated header cell made a space (same length,
    offsets kept): '…\t一级\n指标\t二级\n指标\t…' (a DOCX cell holding a line break) is one header
    row when the piece after a line's last tab and the piece before the next line's first tab
    make one of the forms' header cells (一级指标, 分值, 未完成原因)."""
    if "\t" not in text or "\n" not in text:
        return text
    out = list(text)
    lines = text.split("\n")
    pos = 0
    for k in range(len(lines) - 1):
        ln, nxt = lines[k], lines[k + 1]
        pos += len(ln) + 1
        if "\t" not in ln.strip(" \u3000\xa0\t") and "\t" not in nxt.strip(" \u3000\xa0\t"):
            continue                    # one cell per line ('\t年度' over '指标值'): the cell reader joins those
        tail, head = ln.rsplit("\t", 1)[-1].strip(), nxt.split("\t", 1)[0].strip()
        if 0 < len(tail) <= 6 and 0 < len(head) <= 6 and not _HEADER_CELL.match(tail) \
                and _HEADER_CELL.match(tail + head):
            out[pos - 1] = " "
    return "".join(out)


# a line opening with a level name (经济效益 指标, 产出指标) opens a row: it continues no cell
_LEVEL_START = re.compile(r"[ \u3000\xa0]*(?:产出|效益|满意度|数量|质量|时效|成本|经济|社会|生态|可持续|服务对象)\S{0,6}?[ \u3000\xa0]*指标")


def _wraps(before: str, after: str) -> bool:
    """A cell's words may go on over a line break: both pieces hold words, neither is a figure."""
    fig = re.compile(r"[\s\d.,%％—\-]*")
    return bool(before.strip() and after.strip() and not fig.fullmatch(before) and not fig.fullmatch(after)
                and re.search(r"[\u4e00-\u9fff]", before + after))


def join_tab_cells(text: str) -> str:
    """`text` with the line breaks inside the cells of a tab row made spaces (same length,
    offsets kept): where the fullest rows of a run of tab lines hold K tabs, a line with fewer
    that does not end in a tab goes on over the next lines (the first of them not opening
    with a tab) until exactly K tabs are reached — a cell holding a line break ('基建工程委托\n
    业务项目数量\t≥50个'), a DOCX or web table pasted as text. Rows that lost cells (fewer tabs
    and nothing after them that adds up to K) are left as they are."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    out = list(text)
    counts = [ln.count("\t") for ln in lines]
    k = 0
    while k < len(lines):
        if not counts[k]:
            k += 1
            continue
        run_end = k

        def tab_ahead(m: int) -> bool:          # a tab line within the next lines, no blank line between
            for x in range(m + 1, min(m + 6, len(lines))):
                if counts[x]:
                    return True
                if not lines[x].strip():
                    return False
            return False

        while run_end < len(lines) and (counts[run_end] or (lines[run_end].strip() and tab_ahead(run_end))):
            run_end += 1
        full = Counter(c for c in counts[k:run_end] if c)
        want = max((c for c, n in full.items() if n >= 2), default=0)    # the full rows' tabs,
        i = k                                                              # or, below a header row, its own
        while i < run_end:
            have = counts[i]
            if sum(1 for c in lines[i].split("\t") if _HEADER_CELL.match(re.sub(r"\s+", "", c))) >= 3:
                want = have
            if have == 1 and lines[i].lstrip(" \u3000\xa0").startswith("\t"):
                i += 1                          # one cell per line ('\t年度' over '指标值'): the cell reader's
                continue
            if have == want and i + 2 < run_end and not counts[i + 1] and 0 < len(lines[i + 1].strip()) <= 12 \
                    and counts[i + 2] and not lines[i].rstrip(" \r").endswith("\t") \
                    and _wraps(lines[i].rsplit("\t", 1)[-1], lines[i + 1]) and not lines[i + 1].strip().endswith("指标"):
                out[starts[i + 1] - 1] = " "     # the last cell of a full row goes on in a short line
                i += 2
                continue
            if 0 < have < want and not lines[i].rstrip(" \r").endswith("\t") and lines[i].strip():
                j, total = i, have
                while total < want and j + 1 < run_end and j - i < 6 and lines[j + 1].strip() \
                        and not (j == i and lines[j + 1].startswith("\t")) and not _LEVEL_START.match(lines[j + 1]) \
                        and _wraps(lines[j].rsplit("\t", 1)[-1], lines[j + 1].split("\t", 1)[0]):
                    j += 1
                    total += counts[j]
                if total == want and j > i:
                    for m in range(i + 1, j + 1):
                        out[starts[m] - 1] = " "
                    i = j + 1
                    continue
            i += 1
        k = max(run_end, k + 1)
    return "".join(out)


def blocks_from_text(text: str) -> list[Block]:
    lines = lines_of(join_header_breaks(join_tab_cells(join_pipe_cells(text))))     # | 年初\n预算数 |, \t一级\n指标\t: one row, offsets kept
    blocks: list[Block] = []
    table_rows: list[Row] = []
    table_source = ""

    def flush_table() -> None:
        nonlocal table_rows, table_source
        if table_rows:
            t = Table(rows=table_rows, start=table_rows[0].start, end=table_rows[-1].end, source=table_source)
            for r_i, r in enumerate(t.rows):
                for c in r.cells:
                    c.row = r_i
            blocks.append(Block(kind=TABLE, start=t.start, end=t.end, table=t))
        table_rows, table_source = [], ""

    def paragraph(ln: _Line) -> None:
        s = ln.text.strip(" \u3000\xa0\r")
        if not s:
            return
        start = ln.start + ln.text.index(s[0])
        blocks.append(Block(kind=PARAGRAPH, start=start, end=start + len(s)))

    groups = _groups(lines)
    stacked = _stacked_rows(groups)
    for g_i, group in enumerate(groups):
        if g_i in stacked:
            if table_source not in ("", "stacked"):
                flush_table()
            table_rows.append(_row([_cell("", [(ln.start, ln.text)]) for ln in group if not ln.blank]))
            table_source = "stacked"
            if g_i + 1 not in stacked:
                flush_table()
            continue
        kinds = [ln.kind for ln in group]
        if kinds[0] == "cell":
            rows, rest = _cell_rows(group)
            table_rows.extend(rows)
            table_source = table_source or "lines"
            if rest:
                flush_table()
                for ln in rest:
                    paragraph(ln)
            continue
        for ln, kind in zip(group, kinds):
            if kind == "multi":
                table_rows.append(_row(_split_tabs(ln)))
                table_source = table_source or "tabs"
            elif kind == "pipe":
                cells = _split_pipes(ln)
                if cells:
                    table_rows.append(_row(cells))
                    table_source = table_source or "pipes"
            elif kind == "cell":
                table_rows.append(_row(_split_tabs(ln)))
            elif kind == "spaced":
                if table_source not in ("", "spaces"):
                    flush_table()
                table_rows.append(_row(_split_spaces(ln)))
                table_source = "spaces"
            elif table_source == "spaces" and _short_cell_line(ln):
                table_rows.append(_row(_split_spaces(ln)))   # a row whose other cells are empty
            else:
                flush_table()
                paragraph(ln)
    flush_table()
    blocks.sort(key=lambda b: b.start)
    return blocks


def unit_of(text: str) -> Optional[str]:
    """The money unit a `单位：万元` / `(万元)` / `单位:元` header declares."""
    m = re.search(r"单位\s*[:：]?\s*(万元|元|千元|亿元)", text)
    if m:
        return m.group(1)
    m = re.search(r"[（(]\s*(万元|元|千元|亿元)\s*[)）]", text)
    return m.group(1) if m else None


_CELL_BREAK = re.compile(r"[\t|]|[ \u3000\xa0]{2}")      # a table row's cells, not a wrapped line


def unwrapped(v: View) -> View:
    """The view with the line breaks of a hard-wrapped text removed (a PDF copied at its page
    width: most long lines end at the same width, mid-cell and mid-word). A line as long as
    the width, not ending in a sentence stop, goes on in the next line. A text whose lines are
    paragraphs or table rows (tabs, pipes) is returned as it is."""
    lines = v.text.split("\n")
    long = [len(ln) for ln in lines if len(ln) >= 20 and not _CELL_BREAK.search(ln.rstrip())]   # trailing
    # spaces (an empty last cell, a PDF line's padding) are no cell boundary
    if len(long) < 6:
        return v
    width = Counter(long).most_common(1)[0][0]
    # distinct lines: a long name repeated row after row (one cell per line) is no page width
    full = len({ln for ln in lines if max(20, width - 3) <= len(ln) <= width and not _CELL_BREAK.search(ln.rstrip())})
    if full < 5 or full < 0.6 * len(long) or sum(1 for n in long if n > width) > 0.1 * len(long):
        return v
    text, offs, pos = [], [], 0
    for k, ln in enumerate(lines):
        text.append(ln)
        offs.extend(v.offsets[pos:pos + len(ln)])
        pos += len(ln)
        if k + 1 < len(lines):
            nxt = lines[k + 1]
            joined = (width - 3 <= len(ln) <= width and not _CELL_BREAK.search(ln.rstrip()) and nxt.strip()
                      and not _CELL_BREAK.search(nxt.rstrip())
                      and not re.search(r"[。；;：:！？!?]\s*$", ln))
            if not joined:
                text.append("\n")
                offs.append(v.offsets[pos] if pos < len(v.offsets) else len(v.source))
            pos += 1
    return View(text="".join(text), offsets=offs, source=v.source)
