"""Funding tables read as a stream of cells, for layouts that lost their grid.

Pipe tables drop empty cells, one-cell-per-line pastes put a header's cells one under
the other, and run-on previews glue a whole form into one line (预算数(A)执行数(B)
执行率(B/A)合计6363100%). What survives in all of them is the order: the column
labels of the header, then a row label followed by that row's figures. So the text is
cut into tokens (labels and figures, in order), a funding header is found as a run of
column labels, and each following row label takes the figures after it, matched to
the header's columns by kind: a percentage goes to a rate column, an amount to an
amount column, a small number after the rate to 分值/得分, and where a row has fewer
figures than the header has columns, the alignment whose execution rate agrees with
its amounts (rate = executed / budget) wins, else the one that leaves the leftmost
columns empty (年初预算数 is the cell most often left blank). A figure that cannot be
one cell (a rate above 200 %, a sub-row amount above its total) is cells run together:
it is split where the row's arithmetic holds, and only where exactly one split does.

This runs only when the table pass found no funding at all, or the table was pipes;
a declaration's money block (资金总额 | 其中:财政拨款 | 其他资金, label then figure) is
read in any case.
"""
from __future__ import annotations

import functools
import itertools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from extract.read.document import Document
from extract.read.textnorm import View, join_pipe_cells
from extract.slots.assign import add_field, same_number
from extract.slots.normalize import Value, to_decimal, _number
from extract.slots.record import Extraction, doubt
from extract.slots.vocabulary import (FORM_ROWS, FUNDING_COLUMNS, FUNDING_COLUMNS_WIDE, FUNDING_ROWS, THREE_PUBLIC_WORD,
                                      begins_funding_column_word, ends_funding_column_word, funding_column_word,
                                      misread_as, wrapped_row_label)

COLS = FUNDING_COLUMNS          # column labels (on the simplified view), most specific first
ROWS = FUNDING_ROWS
_LABEL_WORDS = re.compile(
    r"(?:年度(?:财政)?资金总额|资金总额|其中[:：]?\s*(?:本年|当年)?财政拨款(?:数|资金)?|(?:本年|当年)?财政拨款(?:数|资金)?|一般预算内拨款|"
    r"其中[:：]?财政资金|上年结转资金|上年结转|其他资金|基本支出|项目支出|"
    r"(?:全年|年初|调整后|转移支付)?预算数|年初预算|调整后预算|全年预算|(?:全年|转移支付|预算)?执行数|全年执行资金|"
    r"(?:预算)?执行率|实际支出|分值|权重|满分|自评分|实际得分|得分(?!计算)|合计|总额)(?:\s*[(（][A-Za-z/×*%\d\s.]*[)）])?")
_FIG = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)?\s*[%％]?")
_BLANK = re.compile(r"^[—–\-/／]+$")
_UNIT_NOTE = re.compile(r"[(（]\s*(?:万元|元)\s*[)）]\s*[:：]?|[:：]")
_STOP = re.compile(r"一级指标|二级指标|三级指标|绩效指标|年度总体目标|年度目标|总体目标|绩效目标")


@dataclass
class Tok:
    text: str
    start: int          # view offsets
    end: int
    fig: bool = False
    blank: bool = False


def _segments(v: View) -> list[tuple[int, str]]:
    """Form-like pieces of the text: cells of pipe/tab rows, short lines, and the parts
    of run-on lines between sentence stops; narrative sentences are left out."""
    out = []
    pos = 0
    for line in join_pipe_cells(v.text).split("\n"):
        start, pos = pos, pos + len(line) + 1
        for m in re.finditer(r"[^|\t]+", line):
            cell, c_off = m.group(), start + m.start()
            for piece in re.finditer(r"(?:[^。，,；;]|(?<=\d),(?=\d{3}(?!\d)))+", cell):   # 10,891.62 is one figure
                p = piece.group()
                if p.strip():
                    out.append((c_off + piece.start(), p))
    return out


def tokens(v: View) -> list[Tok]:
    toks: list[Tok] = []
    for off, seg in _segments(v):
        masked = re.sub(r"[(（][^()（）]*[A-Za-z分][^()（）]*[)）]", lambda m: "\0" * len(m.group()), seg)
        pos = 0
        for m in _FIG.finditer(masked):
            if m.start() > 0 and re.match(r"[A-Za-z]", masked[m.start() - 1]):
                continue
            if m.start() < pos:
                continue                              # inside a run of cells glued together, taken whole
            if _not_cell_figure(masked[m.start():m.end()], masked[m.end():m.end() + 2]):
                continue
            end = m.end()
            run = re.match(r"\d+(?:[.．]\d{3,})+[.．]\d+[%％]?", masked[m.start():])
            if run and run.end() > m.end() - m.start():   # '258.15258.15229.75…': cells run together, one token
                end = m.start() + run.end()               # (not a date 2023.12.31: 3 digits at least between points)
            _text(seg[pos:m.start()], off + pos, toks)
            toks.append(Tok(seg[m.start():end].strip(), off + m.start(), off + end, fig=True))
            pos = end
        _text(seg[pos:], off + pos, toks)
    return _join_broken(v, _wrapped_rows(_two_line_header(_misread_headers(toks))))


def _wrapped_rows(toks: list[Tok]) -> list[Tok]:
    """A row label cell wrapped around its row's figures (a PDF line order: '年度资金' then the row's
    figures then '总额'; '其中：当年财政' … '拨款'): the first line is the label, the second dropped,
    where together they are one of the form's row labels and the first alone is none."""
    drop: set[int] = set()
    out: list[Tok] = []
    for i, t in enumerate(toks):
        if i in drop:
            continue
        if not t.fig and not t.blank and _row(t.text)[1] is None:
            j = i + 1
            while j < len(toks) and (toks[j].fig or toks[j].blank):
                j += 1
            if j > i + 1 and j < len(toks) and not toks[j].fig:
                label = wrapped_row_label(t.text, toks[j].text)
                if label:
                    out.append(Tok(label, t.start, t.end))
                    drop.add(j)
                    continue
        out.append(t)
    return out


def _misread_headers(toks: list[Tok]) -> list[Tok]:
    """Header cells run together in an OCR copy with a character misread in them ('年初预匏数调整
    预算将' is 年初预算数 | 调整预算数): a token of words that is no label, cut into two or more column
    words of the forms, each whole or with one character misread, at least one misread."""
    out: list[Tok] = []
    for t in toks:
        cells = None
        if not t.fig and not t.blank and 8 <= len(t.text) <= 24 and not re.search(r"\s", t.text.strip()) \
                and _col(t.text) is None and not _row(t.text)[0]:
            cells = _misread_cells(t)
        out += cells or [t]
    return out


def _misread_cells(t: Tok) -> Optional[list[Tok]]:
    text = t.text
    best: dict[int, Optional[list[tuple[int, int, bool]]]] = {0: []}
    for end in range(1, len(text) + 1):
        options = []
        for start in range(max(0, end - 7), end - 1):
            if best.get(start) is None:
                continue
            piece = text[start:end]
            if funding_column_word(piece) is not None:
                options.append(best[start] + [(start, end, False)])
            elif misread_as(piece) is not None:
                options.append(best[start] + [(start, end, True)])
        best[end] = min(options, key=len) if options else None
    cut = best[len(text)]
    if not cut or len(cut) < 2 or not any(m for _, _, m in cut):
        return None
    return [Tok(misread_as(text[a:b]) if m else text[a:b], t.start + a, t.start + b) for a, b, m in cut]


def _two_line_header(toks: list[Tok]) -> list[Tok]:
    """A header whose cells wrapped over two lines, printed line by line (a PDF's text order:
    '年初 全年 全年 分值 执行率 得分' then '预算数 预算数 执行数'): the pieces that are no column
    label on the first line (年初, 全年, 全年) take, in order, the pieces of the second line (the last
    as many words of the header), where every one joined is a column label (年初预算数 …)."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        run = 0                                   # word tokens from k on, cut at their spaces
        pieces: list[Tok] = []
        while k + run < len(toks) and not toks[k + run].fig and not toks[k + run].blank:
            t = toks[k + run]
            pieces += [Tok(m.group(), t.start + m.start(), t.start + m.end()) for m in re.finditer(r"\S+", t.text)]
            run += 1
        if not run:
            out.append(toks[k])
            k += 1
            continue
        joined, n = None, 0
        while n < len(pieces) and not joined:
            seg = []
            while n + len(seg) < len(pieces) and _header_piece(pieces[n + len(seg)]):
                seg.append(pieces[n + len(seg)])
            for a in range(max(0, len(seg) - 3)):      # from its first piece, else from a later one
                joined = _wrapped_cells(seg[a:])
                if joined:
                    out += _cut_before(toks[k:k + run], seg[a].start) + joined + _cut_after(toks[k:k + run], seg[-1].end)
                    break
            n += len(seg) or 1
        if not joined:
            out += toks[k:k + run]
        k += run
    return out


def _cut_before(toks: list[Tok], at: int) -> list[Tok]:
    """The tokens' words before offset `at` (a token running over it keeps its head)."""
    out = []
    for t in toks:
        head = t.text[:max(0, at - t.start)].rstrip()
        if head:
            out.append(t if t.end <= at else Tok(head, t.start, t.start + len(head)))
    return out


def _cut_after(toks: list[Tok], at: int) -> list[Tok]:
    """The tokens' words after offset `at` (a token running over it keeps its tail)."""
    out = []
    for t in toks:
        skip = max(0, at - t.start)
        tail = t.text[skip:]
        if tail.strip():
            lead = len(tail) - len(tail.lstrip())
            out.append(t if t.start >= at else Tok(tail.strip(), t.start + skip + lead, t.end))
    return out


def _short_piece(t: Tok) -> bool:
    """Words that begin a column word of the forms and are none (年初, 全年, 执行, 得)."""
    return not t.fig and not t.blank and begins_funding_column_word(t.text)


_BLOCK_TITLE = re.compile(r"^(?:项目)?资金(?:情况)?\s*[(（]\s*万?元\s*[)）]$|^年度预算申请$|^项目资金$")


def _header_piece(t: Tok) -> bool:
    return not t.fig and not t.blank and (_col(t.text) is not None or _short_piece(t)
                                          or ends_funding_column_word(t.text) or _BLOCK_TITLE.match(t.text.strip()))


def _wrapped_cells(seg: list[Tok]) -> Optional[list[Tok]]:
    def sq(t: Tok) -> str:
        return re.sub(r"\s+", "", t.text)

    titles = [t for t in seg if _BLOCK_TITLE.match(t.text.strip())]      # the block's name, its merged cell
    seg = [t for t in seg if not _BLOCK_TITLE.match(t.text.strip())]     # printed among the header's lines
    for n in range(1, len(seg) // 2 + 1):
        tails = seg[len(seg) - n:]
        out, j = list(titles), 0
        for t in seg[:len(seg) - n]:
            if j < n and funding_column_word(sq(t) + sq(tails[j])) is not None:
                out.append(Tok(sq(t) + sq(tails[j]), t.start, t.end))      # 年初 + 预算数, 年初预算 + 数
                j += 1
            elif _short_piece(t):
                break                                   # a piece of a word left without its end
            else:
                out.append(t)
        else:
            if j == n:
                return out
    return None


def _join_broken(v: View, toks: list[Tok]) -> list[Tok]:
    """A header or row label broken inside the word by a space or a line end (全年 预算数,
    分\n值): a short piece that is no label, and the next piece, are one label when together
    they are one (and only layout whitespace or a pipe lies between them)."""
    def words(t: Optional[Tok]) -> bool:            # a token of words, not a figure or a blank
        return t is not None and not t.fig and not t.blank

    def bare(t: Optional[Tok]) -> bool:             # words that are no column or row label
        return words(t) and _col(t.text) is None and not _row(t.text)[0]

    def squashed(t: Tok) -> str:
        return re.sub(r"\s+", "", t.text)

    def joins(a: Tok, b: Optional[Tok]) -> bool:
        return words(b) and 0 < len(squashed(a)) <= 3 and _col(squashed(a) + squashed(b)) is not None

    def apart(a: Tok, b: Tok) -> bool:              # only layout whitespace or a pipe between them
        return re.fullmatch(r"[\s|\u3000]*", v.text[a.end:b.start]) is not None

    pieces: list[Tok] = []
    for k, t in enumerate(toks):     # 'xx 执' (cells apart by a space, one of them broken): its pieces,
        if words(t) and " " in t.text.strip() and not bare(t) and \
                sum(_col_wide(p) is not None for p in t.text.split()) >= 2:
            # '项目资金（万元） 预算批复数(A) 决算数(B)': header cells apart by a space
            pieces += [Tok(m.group(), t.start + m.start(), t.start + m.end()) for m in re.finditer(r"\S+", t.text)]
            continue
        cells = _label_cells(t) if words(t) and " " in t.text.strip() and not bare(t) else None
        if cells:                    # '分 值 执 行率(B/A) 得 分': several column labels, each broken by a space
            pieces += cells
            continue
        if words(t) and " " in t.text.strip() and bare(t):   # unless the whole is the head of a label (年 初|预算数)
            prev, nxt = toks[k - 1] if k else None, toks[k + 1] if k + 1 < len(toks) else None
            first = Tok(t.text.split()[0], t.start, t.start)
            if (words(prev) and _col(prev.text) is None and joins(prev, first)) or not joins(t, nxt):
                pieces += [Tok(m.group(), t.start + m.start(), t.start + m.end()) for m in re.finditer(r"\S+", t.text)]
                continue
        pieces.append(t)
    out: list[Tok] = []
    for t in pieces:
        a = out[-1] if out else None
        b = out[-2] if len(out) > 1 else None
        if words(t) and bare(a) and bare(b) and 0 < len(squashed(a)) <= 3 and 0 < len(squashed(b)) <= 3 \
                and apart(b, a) and apart(a, t) and _col(squashed(a) + squashed(t)) is None \
                and not _row(squashed(a) + squashed(t))[0]:
            joined = squashed(b) + squashed(a) + squashed(t)        # '年度资 金 总额': one row label in three pieces
            if _row(joined)[0] or _col(joined) is not None:
                out[-2:] = [Tok(joined, b.start, t.end)]
                continue
        if words(t) and words(a) and 0 < len(squashed(a)) <= 3 and bare(a) and apart(a, t):
            joined = squashed(a) + squashed(t)
            if _col(joined) is not None or _row(joined)[0]:
                b = out[-2] if len(out) > 1 else None        # '年  初预算数' letter-spaced: 年 | 初 | 预算数
                if bare(b) and 0 < len(squashed(b)) <= 2 and apart(b, a) and _col(squashed(b) + joined) is not None:
                    out[-2:] = [Tok(squashed(b) + joined, b.start, t.end)]
                else:
                    out[-1] = Tok(joined, a.start, t.end)
                continue
        out.append(t)
    return out


def _label_cells(t: Tok) -> Optional[list[Tok]]:
    """A token of space-separated pieces that make two or more column labels in a row, each
    broken inside by a space ('分 值 执 行率(B/A) 得 分' is 分值 | 执行率(B/A) | 得分): those labels,
    as many as a grouping makes (执行率得分 is two); None when no grouping makes every group a label."""
    parts = list(re.finditer(r"\S+", t.text))
    if len(parts) < 3 or len(parts) > 12:
        return None
    best: dict[int, Optional[list[tuple[int, int]]]] = {0: []}
    for end in range(1, len(parts) + 1):
        options = [best[s] + [(s, end)] for s in range(max(0, end - 4), end)
                   if best.get(s) is not None and _col("".join(p.group() for p in parts[s:end])) is not None]
        best[end] = max(options, key=len) if options else None
    groups = best[len(parts)]
    if not groups or len(groups) < 2:
        return None
    return [Tok(t.text[parts[s].start():parts[e - 1].end()], t.start + parts[s].start(), t.start + parts[e - 1].end())
            for s, e in groups]


def _not_cell_figure(fig: str, after: str) -> bool:
    """A year, a date or a count (2023年, 12月, 5个), not a figure of a funding cell."""
    f = fig.strip()
    if not re.fullmatch(r"\d+", f):
        return False
    n = int(f)
    if re.match(r"[.．、](?!\d)", after):
        return True                                  # an ordinal: 1.预算执行率…
    if after.startswith("年") and 1990 <= n <= 2100:
        return True
    if re.match(r"\s*[月日号]", after) and n <= 31:
        return True
    return bool(re.match(r"\s*(?:个|家|人|项(?!目)|次|名|户|所)", after))      # not 20 | 项目资金


def _text(s: str, off: int, toks: list[Tok]) -> None:
    """Text between figures, cut at the labels it runs together (预算数(A)执行数(B))."""
    for part in re.finditer(r"\S+(?:[ \u3000]\S+)*", s):
        p, p_off = part.group(), off + part.start()
        lead = re.match(r"(?:[—–\-/／]+[ \u3000]*)+", p)
        if lead and not re.match(r"[\-/／]\d", p):     # '— —', '—上年结转资金': empty cells before the words
            for m in re.finditer(r"[—–\-/／]+", lead.group()):
                toks.append(Tok(m.group(), p_off + m.start(), p_off + m.end(), blank=True))
            p, p_off = p[lead.end():], p_off + lead.end()
            if not p:
                continue
        if _BLANK.match(p):
            toks.append(Tok(p, p_off, p_off + len(p), blank=True))
            continue
        if _is_note(p):
            continue                             # a bracketed note on the label before it (上年结转+年初预算+…)
        pos = 0
        masked = _mask_brackets(p)
        for m in _LABEL_WORDS.finditer(masked):
            if m.start() < pos:
                continue
            if m.start() > pos and p[pos:m.start()].strip(" :：()（）") and not _is_note(p[pos:m.start()]):
                toks.append(Tok(p[pos:m.start()], p_off + pos, p_off + m.start()))
            end = m.end()
            paren = re.match(r"\s*[(（][A-Za-z/×*%\d\s.]*[)）]", p[end:])
            if paren:
                end += paren.end()
            toks.append(Tok(p[m.start():end], p_off + m.start(), p_off + end))
            pos = end
        if p[pos:].strip(" :：()（）") and not _is_note(p[pos:]):
            toks.append(Tok(p[pos:], p_off + pos, p_off + len(p)))


def _is_note(text: str) -> bool:
    """Text that is one bracketed note and nothing else ('（上年结转+年初预算+…）'); a unit
    note ((万元)) is not one: it tells the figures' unit."""
    t = text.strip()
    return bool(re.match(r"[(（]", t)) and not re.search(r"[^\0]", _mask_brackets(t)) \
        and not re.fullmatch(r"[(（]\s*(?:万元|元|%|％)\s*[)）]", t)


def _mask_brackets(p: str) -> str:
    """Bracketed text as NULs, nested brackets too: the labels inside a note ('全年预算数（A）
    （上年结转+年初预算+本年追加追减预算（不含年底收回））') are not the cell's own words. A
    bracket that never closes hides the rest of the text only if no other bracket follows
    (an OCR'd '(B/A1 得分 (20分…)' keeps its 得分)."""
    spans, stack = [], []
    for k, ch in enumerate(p):
        if ch in "(（":
            stack.append(k)
        elif ch in ")）" and stack:
            spans.append((stack.pop(), k + 1))
    if stack and not re.search(r"[()（）]", p[stack[-1] + 1:]):
        spans.append((stack[-1], len(p)))
    out = list(p)
    for a, b in spans:
        out[a:b] = "\0" * (b - a)
    return "".join(out)


_THREE_PUBLIC = re.compile(THREE_PUBLIC_WORD)      # a 三公 label: tables.py reads those figures
_NOTE_CELL = re.compile(r"\s*[(（][^()（）]*[)）]\s*")             # a cell that is one bracketed note


@functools.lru_cache(maxsize=4096)       # pure; a report repeats its labels, run-on tables many times
def _col(text: str) -> Optional[str]:
    t = re.sub(r"[(（][^()（）]*(?:[)）]|$)", "", re.sub(r"\s+", "", text))
    if len(t) > 24 or re.search(r"情况|说明|方法|原因|依据|目标", t):
        return None
    for pat, key in COLS:
        if re.search(pat, t):
            return key
    return None


@functools.lru_cache(maxsize=4096)
def _row(text: str) -> tuple[bool, Optional[str]]:
    t = re.sub(r"^[一二三四五六七八九十\d]+[、.．]", "", re.sub(r"\s+", "", text).rstrip(":："))
    if re.match(r"[(（]", t):                     # '(包括以前年度结转资金)': a note on the label before
        return False, None
    if _THREE_PUBLIC.search(t):
        return False, None                        # '三公经费合计 | 6.00 | 4.10': a 三公 row (tables.py reads it)
    if len(t) > 20:
        return False, None
    for pat, key in ROWS:
        if re.search(pat, t):
            return True, key
    return False, None


def extract(doc: Document, ex: Extraction, v: View) -> None:
    declaration = doc.meta.get("kind") == "target_declaration"
    read = any(f.slot.startswith("funding.") for f in ex.fields)   # by the table pass
    toks = tokens(v)
    if declaration:
        _money_block(doc, ex, v, toks)
    if read:
        if not declaration:
            _complete(doc, ex, v, toks)
        return
    if not _stream(doc, ex, v, toks):
        _pairs(doc, ex, v, toks)


def _complete(doc: Document, ex: Extraction, v: View, toks: list[Tok]) -> None:
    """The table pass read part of the funding block (a sub-row the layout left out of its
    table, a rate whose header cell broke over a line): the stream's reading of the same
    block fills what the table left empty, where it reads the same table — its total row
    agrees with the table's on every cell both read, and a row it fills agrees on every
    cell the table had of that row."""
    scratch = Extraction(document=doc)
    if not _stream(doc, scratch, v, toks):
        return
    groups: dict[str, list] = {}
    for f in scratch.fields:
        groups.setdefault(f.slot.rsplit(".", 1)[0], []).append(f)

    def agrees(fields: list) -> tuple[bool, int]:
        both = [(f, ex.field(f.slot)) for f in fields if ex.field(f.slot) is not None]
        return all(same_number(f.value, old.value) for f, old in both), len(both)

    ok, overlap = agrees(groups.get("funding.total", []))
    if not ok or not overlap:
        return
    for fields in groups.values():
        if not agrees(fields)[0]:
            continue
        for f in fields:
            if ex.field(f.slot) is None:
                ex.fields.append(f)


def _stream(doc: Document, ex: Extraction, v: View, toks: list[Tok]) -> bool:
    """The first funding header of the cell stream and the rows under it (True when its
    total row was read)."""
    i = 0
    while i < len(toks):
        if not toks[i].fig and _row(toks[i].text)[1] == "total" and _by_columns(doc, ex, v, toks, i):
            return True
        header, j = _header(toks, i)
        if not header:
            header, j = _header(toks, i, wide=True)
        if header and _THREE_PUBLIC.search(v.text[max(0, toks[i].start - 40):toks[i].start]):
            i = j                                 # '“三公”经费情况 … 项目 预算数 决算数': a 三公 table's header
            continue
        if header:
            unit = _unit(v, toks, i, j)
            weight = _section_weight(v, toks[i].start)
            numbered = any(re.search(r"行次|序号", t.text) for t in toks[max(0, i - 3):j])
            whole = i == 0 or toks[i - 1].fig or toks[i - 1].blank or _col(toks[i - 1].text) is None
            total_before = i > 0 and not toks[i - 1].fig and _row(toks[i - 1].text)[1] == "total"
            got = _rows(doc, ex, v, toks, j, header, unit, weight, numbered, whole, total_before,
                        _labels_before(toks, i))
            if got:
                return True
            i = j
            continue
        i += 1
    return False


def _by_columns(doc, ex, v, toks: list[Tok], i: int) -> bool:
    """A funding block printed column by column (a copy that read the grid down its columns: the
    row labels 年度资金总额 · 其中：财政拨款 …, then each column label with its cells under it). A
    column with a cell for every row pairs them in order; a 分值/得分 column with one cell is the
    total's (a sub-row has none); a column with any other count is left out (which rows are
    empty is unknown). Read only where three columns or more follow, a budget and a spending or
    rate among them, and the total's rate is its spending over its budget."""
    keys, m = _label_list(toks, i)
    if len(keys) < 2 or keys[0] != "total" or m >= len(toks) or toks[m].fig or _col(toks[m].text) is None:
        return False
    columns: list[tuple[str, list[Tok]]] = []
    while m < len(toks) and not toks[m].fig and not toks[m].blank:
        col = _col(toks[m].text)
        if col is None or col in [c for c, _ in columns]:
            break
        n = _run_length(toks, m + 1)
        if not n or n > len(keys):
            break
        columns.append((col, toks[m + 1:m + 1 + n]))
        m += 1 + n
    named = {c for c, _ in columns}
    if len(columns) < 3 or not named & {"initial_budget", "full_year_budget"} or \
            not named & {"executed", "execution_rate"}:
        return False
    rows: dict[str, dict] = {key: {} for key in keys}
    for col, cells in columns:
        if col.startswith("other_"):
            continue
        if len(cells) == len(keys):
            owners = keys
        elif len(cells) == 1 and col in ("weight", "score"):
            owners = ["total"]
        else:
            continue
        for key, t in zip(owners, cells):
            p = None if t.blank else _parse(t)
            if p is not None and p[1] == (col == "execution_rate"):
                rows[key][col] = (t, p[0], None)
    total = {c: d for c, (_, d, _) in rows["total"].items()}
    base = total.get("full_year_budget", total.get("initial_budget"))
    if "execution_rate" in total and "executed" in total and base:
        if _rate_off(total["executed"], base, total["execution_rate"]):
            return False
    if not total:
        return False
    unit = _unit_in(v.text[max(0, toks[i].start - 120):toks[m - 1].end])
    for key in keys:
        if rows[key]:
            _add(doc, ex, v, key, rows[key], unit)
    return True


COLS_WIDE = FUNDING_COLUMNS_WIDE


@functools.lru_cache(maxsize=4096)
def _col_wide(text: str) -> Optional[str]:
    key = _col(text)
    if key is not None:
        return key
    t = re.sub(r"[(（][^()（）]*(?:[)）]|$)", "", re.sub(r"\s+", "", text))
    if len(t) > 12 or _row(text)[0] or re.search(r"情况|说明|方法|原因|依据|目标|指标|单位|名称|部门", t):
        return None
    for pat, key in COLS_WIDE:
        if re.search(pat, t):
            return key
    return None


def _header(toks: list[Tok], i: int, wide: bool = False) -> tuple[list[str], int]:
    """Column keys of a header starting at token i (labels with no figure between); `wide`: with
    the provincial header words too, where the header names a budget, a spending and a rate."""
    col = _col_wide if wide else _col
    cols: list[str] = []
    unnamed = 0             # labels between two column labels: columns of their own (上级财政移动支付（C）)
    j = i
    while j < len(toks) and not toks[j].fig and not toks[j].blank:
        key = col(toks[j].text)
        if key:
            cols.extend(["other_money"] * unnamed)
            unnamed = 0
            cols.append(key)
        elif (cols and _row(toks[j].text)[0]) or len(toks[j].text) > 14 or re.search(r"[，,。；;]", toks[j].text):
            break
        elif cols and not _UNIT_NOTE.fullmatch(toks[j].text.strip()) and \
                not _NOTE_CELL.fullmatch(toks[j].text):
            unnamed += 1
        j += 1
        if j - i > 24:
            break
    keys = set(cols)
    named = [c for c in cols if not c.startswith("other_")]
    if wide and not {"executed", "execution_rate"} <= keys:
        return [], i
    if len(cols) >= 2 and keys & {"full_year_budget", "initial_budget"} and keys & {"executed", "execution_rate"} \
            and len(set(named)) == len(named) and col(toks[i].text):
        return cols, j
    return [], i


def _unit(v: View, toks: list[Tok], i: int, j: int) -> str:
    return _unit_in(v.text[max(0, toks[i].start - 120):toks[j - 1].end if j > i else toks[i].end])


def _unit_in(text: str) -> str:
    """The money unit the last (万元) / 单位：元 in the text declares; 万元 when none does."""
    m = re.findall(r"[(（]\s*(万元|元)\s*[)）]|单位\s*[:：]\s*(万元|元)", text)
    if m:
        last = m[-1]
        return last[0] or last[1]
    return "万元"


def _section_weight(v: View, at: int) -> Optional[Decimal]:
    m = None
    # the block's title carries its points, on its line or on the next ('预算执行情况(万元)\n(10分)')
    for m in re.finditer(r"预算执行情况[^|\n\d]{0,12}?\s*[(（]\s*(\d+)\s*分\s*[)）]", v.text[max(0, at - 80):at + 40]):
        pass
    return Decimal(m.group(1)) if m else None


def _rows(doc, ex, v, toks, j, header, unit, weight, numbered=False, whole=True, total_before=False,
          labels_before: tuple = ()) -> bool:
    """The rows under a header: a row label and its figures. `whole`: the header is not the
    tail of a longer run of column labels (预算数 决算数 预算数 决算数 …: groups named in a row
    above, the 三公 parts), so figures right under it may be its own one row. `total_before`:
    the total's row label stands right before the header (年度资金总额 年初预算数 … 64.8 …: the
    label column printed first), so the figures right after it are the total's row.
    `labels_before`: the row labels listed right before the header (年度资金总额 其中：财政拨款 …
    then the header, then every row's figures): the rows of a run of figures under it."""
    found = False
    lost: set[str] = set()                # columns of the form the header lost (_form_header)
    skipped_by_total: set[int] = set()
    totals: Optional[dict] = None
    k = j
    end = min(len(toks), j + 80)
    while k < end:
        t = toks[k]
        if not t.fig and not t.blank and _STOP.search(t.text):
            break
        if whole and k == j and t.fig and _run_length(toks, k) > len(header):
            # more figures right under the header than it has columns, their row labels printed
            # after them (a PDF's text order: the label column comes last)
            run = toks[k:k + _run_length(toks, k)]
            got = _read_apart(doc, ex, v, header, _labels_after(toks, k + len(run)) or list(labels_before), run,
                              _unit_near(v, toks, j, k + len(run), unit))
            if got is not None:
                found, totals = True, got
                k += len(run)
                continue
        is_row, key = _row(t.text) if not t.fig else (False, None)
        if is_row and key in _FORM_ORDER and not t.fig:
            keys, m = _label_list(toks, k)
            if len(keys) >= 2 and m < len(toks) and toks[m].fig:
                # the row labels one after the other, then their rows of figures (the label column
                # printed first)
                run = toks[m:m + _run_length(toks, m)]
                got = _read_apart(doc, ex, v, header, keys, run, unit)
                if got is not None:
                    found, totals = found or "total" in keys, got if "total" in keys else totals
                    k = m + len(run)
                    continue
        # figures right after the header's last column label, no row label: the header's one row,
        # when it stands on its own line or fills every column (run-on text, cells printed elsewhere)
        under_header = whole and k == j and t.fig and _col(toks[j - 1].text) is not None and (
            "\n" in v.text[toks[j - 1].end:t.start] or _run_length(toks, k) == len(header) or total_before)
        if under_header:
            is_row, key = True, "total"
        if is_row and k > 0 and _THREE_PUBLIC.search(toks[k - 1].text):
            is_row = False                        # '三公经费 | 合计 | 6.00': the 三公 total, not the funds'
        if not is_row:
            k += 1
            continue
        figs = []
        m = k if under_header else k + 1
        while m < len(toks) and (toks[m].fig or toks[m].blank or _UNIT_NOTE.fullmatch(toks[m].text.strip())
                                 or _NOTE_CELL.fullmatch(toks[m].text)):
            if toks[m].fig or toks[m].blank:
                figs.append(toks[m])
            m += 1
        if numbered and figs and re.fullmatch(r"\d{1,2}", figs[0].text.strip()):
            figs = figs[1:]                       # the 行次 (row number) cell
        if key and figs:
            notes: list = []
            form = _form_header(header, figs)
            if form is not None:
                header, lost = form, set(form[len(header):])   # the form's columns, its last labels lost (得分)
            values = _assign(header, figs, skipped_by_total, totals if key != "total" else None, notes)
            if key != "total" and lost & {"weight", "score"}:
                values = {c: x for c, x in values.items() if c not in ("weight", "score")}   # the total's alone
            for r in notes:
                if r not in ex.review_reasons:
                    ex.review_reasons.append(r)
            if key == "total" and values:
                skipped_by_total = {c for c, k in enumerate(header) if k not in values}
                totals = {c: d for c, (_, d, _) in values.items() if d is not None}
            if values:
                _add(doc, ex, v, key, values, unit)
                found = found or key == "total"
                if key == "total" and weight is not None and "weight" not in header:
                    t0 = toks[k]
                    add_field(ex, doc, "funding.total.weight", Value(raw=str(weight), op="=", value=_number(weight)),
                              v.pos(t0.start), v.pos(t0.end - 1) + 1, "table", "funding_stream")
        k = m
    return found


_FORM_ORDER = FORM_ROWS             # the rows of the form's funding block, in order
_FORM_COLUMNS = ("initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score")


def _form_header(header: list[str], figs: list[Tok]) -> Optional[list[str]]:
    """The national form's columns (年初预算数 · 全年预算数 · 全年执行数 · 分值 · 执行率 · 得分) where
    the header read is their first few in that order and a row has more cells than it has
    columns: the last labels were lost from the copy (a run-on PDF text that printed 得分
    elsewhere), the row's cells still stand in the form's order. The row's arithmetic must
    hold on the form's columns (its rate is its spending over its budget, its score no more
    than its 分值), else None."""
    n = len(figs)
    if not 3 <= len(header) < n <= len(_FORM_COLUMNS) or tuple(header) != _FORM_COLUMNS[:len(header)]:
        return None
    form = list(_FORM_COLUMNS[:n])
    got: dict = {}
    for col, t in zip(form, figs):
        p = None if t.blank else _parse(t)
        if p is not None:
            if p[1] != (col == "execution_rate"):
                return None                       # a percentage off the rate column: not the form's order
            got[col] = p[0]
    base = got.get("full_year_budget", got.get("initial_budget"))
    if "execution_rate" in got and "executed" in got and base:
        if _rate_off(got["executed"], base, got["execution_rate"]):
            return None
    if "score" in got and "weight" in got and got["score"] > got["weight"]:
        return None
    return form


def _labels_after(toks: list[Tok], m: int) -> list[str]:
    """Row labels that stand after a run of figures with no figure of their own (年度资金总额 |
    项目资金(元) | … | 其中:当年财政拨款 | 预期目标), in the form's order: the rows of that run.
    A label followed by its own figures is a row printed in place, not one of them."""
    keys: list[str] = []
    for n in range(m, min(len(toks), m + 40)):
        t = toks[n]
        if t.fig or t.blank:
            continue
        if _STOP.search(t.text) or _col(t.text) is not None:
            break
        key = _row(t.text)[1]
        if key in _FORM_ORDER and key not in keys and not (n + 1 < len(toks) and (toks[n + 1].fig or toks[n + 1].blank)):
            keys.append(key)
    return sorted(keys, key=_FORM_ORDER.index)


def _labels_before(toks: list[Tok], i: int) -> tuple:
    """The form's row labels listed right before token i (a header), in the form's order, when
    there are two or more and the total is one of them; () otherwise."""
    keys: list[str] = []
    n = i - 1
    while n >= 0 and not toks[n].fig and not toks[n].blank:
        key = _row(toks[n].text)[1]
        if key in _FORM_ORDER and key not in keys:
            keys.append(key)
        elif not (_UNIT_NOTE.fullmatch(toks[n].text.strip()) or _NOTE_CELL.fullmatch(toks[n].text)):
            break
        n -= 1
    return tuple(sorted(keys, key=_FORM_ORDER.index)) if len(keys) >= 2 and "total" in keys else ()


def _label_list(toks: list[Tok], k: int) -> tuple[list[str], int]:
    """Row labels one after another from token k with no figure between them (unit notes may
    stand between): their keys, and where the tokens after them start."""
    keys: list[str] = []
    m = k
    while m < len(toks) and not toks[m].fig and not toks[m].blank:
        key = _row(toks[m].text)[1]
        if key in _FORM_ORDER and key not in keys:
            keys.append(key)
        elif not (_UNIT_NOTE.fullmatch(toks[m].text.strip()) or _NOTE_CELL.fullmatch(toks[m].text)):
            break
        m += 1
    return keys, m


def _unit_near(v: View, toks: list[Tok], j: int, m: int, unit: str) -> str:
    """The block's money unit: the one declared before its header, else a (元)/(万元) by the row
    labels printed after its figures (年度资金总额 项目资金 (元))."""
    if re.search(r"[(（]\s*(?:万元|元)\s*[)）]|单位\s*[:：]\s*(?:万元|元)", v.text[max(0, toks[0].start - 120):toks[j - 1].end]):
        return unit
    after = v.text[toks[m - 1].end:toks[min(len(toks) - 1, m + 12)].end] if m < len(toks) else ""
    return _unit_in(after) if re.search(r"[(（]\s*(?:万元|元)\s*[)）]", after) else unit


def _read_apart(doc, ex, v, header: list[str], keys: list[str], run: list[Tok], unit: str) -> Optional[dict]:
    """Rows of figures printed apart from their labels (`keys`, in the form's order): the run is
    cut into one row per label — at its line ends when it has one line per label, else at the
    one set of cuts under which every row is a reading of the header (the total's rate agrees
    with its amounts, score ≤ weight; a sub-row has no 分值/得分 and no amount above its total's).
    Nothing when no cut or more than one reading works. Returns the total row's amounts."""
    if not keys or not run or len(run) > len(header) * len(keys) or len(run) > 32:
        return None
    breaks = [n for n in range(1, len(run)) if "\n" in v.text[run[n - 1].end:run[n].start]]
    cut_sets = [tuple(breaks)] if len(breaks) == len(keys) - 1 else \
        itertools.combinations(range(1, len(run)), len(keys) - 1)
    readings: dict[tuple, tuple] = {}
    for cuts in cut_sets:
        rows = [run[a:b] for a, b in zip((0,) + tuple(cuts), tuple(cuts) + (len(run),))]
        got = _rows_reading(header, keys, rows)
        if got is not None:
            sig = tuple((key, col, d) for key, values in got for col, (_, d, _) in sorted(values.items()) if d is not None)
            readings.setdefault(sig, (_sums_hold(got), got))
        if len(readings) > 200:
            return None
    if not readings:
        return None
    top = max(h for h, _ in readings.values())
    best = [got for h, got in readings.values() if h == top]
    if len(best) != 1:
        return None
    got = best[0]
    totals: dict = {}
    for key, values in got:
        _add(doc, ex, v, key, values, unit)
        if key == "total":
            totals = {c: d for c, (_, d, _) in values.items() if d is not None}
    return totals


RATE_POINTS = Decimal("0.6")        # reports round a rate to 0 or 2 decimals


def _rate_off(executed, base, rate) -> bool:
    """The printed rate is not the spending over the (non-zero) budget, within rounding."""
    return abs(Decimal(str(executed)) / Decimal(str(base)) * 100 - Decimal(str(rate))) > RATE_POINTS


def _sums_hold(got: list) -> int:
    """How many amount columns of the total equal the sum of its sub-rows (年度资金总额 =
    财政拨款 + 上年结转 + 其他资金), less those that do not."""
    vals = {key: {c: d for c, (_, d, _) in values.items() if d is not None} for key, values in got}
    total, subs = vals.get("total"), [vals[k] for k in vals if k != "total"]
    if not total or not subs:
        return 0
    held = 0
    for col in ("initial_budget", "full_year_budget", "executed"):
        if col in total and any(col in sub for sub in subs):
            held += 1 if sum(sub.get(col, 0) for sub in subs) == total[col] else -1
    return held


def _rows_reading(header: list[str], keys: list[str], rows: list[list[Tok]]) -> Optional[list]:
    totals: Optional[dict] = None
    out = []
    for key, row in zip(keys, rows):
        if not row or len(row) > len(header):
            return None
        items = []
        for t in row:
            p = None if t.blank else _parse(t)
            if not t.blank and p is None:
                return None
            items.append((t, None, False, True) if t.blank else (t, p[0], p[1], False))
        if all(it[3] for it in items):
            out.append((key, {}))
            continue
        best, _, _ = _place(header, items)
        if best is None:
            return None
        val = {c: d for c, (_, d) in best.items()}
        rate, ex_, base = val.get("execution_rate"), val.get("executed"), val.get("full_year_budget", val.get("initial_budget"))
        if rate is not None and ex_ is not None and base:
            if _rate_off(ex_, base, rate):
                return None
        if key == "total":
            if val.get("score") is not None and val.get("weight") is not None and val["score"] > val["weight"]:
                return None
            totals = val
        else:
            if "weight" in val or "score" in val:
                return None
            if "execution_rate" in val and not any(it[2] for it in items):
                return None                         # a sub-row's rate printed without its %: a misplaced amount
            if totals is not None and any(c in totals and d is not None and totals[c] is not None and d > totals[c]
                                          for c, d in val.items() if c in ("initial_budget", "full_year_budget", "executed")):
                return None
        out.append((key, {c: (tok, d, None) for c, (tok, d) in best.items()}))
    return out


def _run_length(toks: list[Tok], k: int) -> int:
    """How many figure / blank cells follow one another from token k."""
    n = 0
    while k + n < len(toks) and (toks[k + n].fig or toks[k + n].blank):
        n += 1
    return n


def _parse(tok: Tok) -> Optional[tuple[Decimal, bool]]:
    s = re.sub(r"[\s,]", "", tok.text)
    pct = s.endswith(("%", "％"))
    d = to_decimal(re.sub(r"(?:万元|万|元)?[%％]?$", "", s))
    return (d, pct) if d is not None else None


def _assign(header: list[str], figs: list[Tok], prefer_skip: frozenset = frozenset(),
            totals: Optional[dict] = None, notes: Optional[list] = None) -> dict:
    """Figures (in order) to header columns (in order), by kind. A figure that cannot be one
    cell (a rate above 200 %, a sub-row amount above its total) is several cells run
    together: it is split where the row's own arithmetic holds (rate = executed ÷ budget,
    score ≤ weight, a lone sub-row equal to the total), and only where exactly one split
    does; otherwise it gives no value."""
    items: list[tuple[Tok, Optional[Decimal], bool, bool]] = []      # tok, number, is_pct, blank
    glued: list[int] = []
    for t in figs:
        if t.blank:
            items.append((t, None, False, True))
            continue
        p = _parse(t)
        if p is None and _several_points(t.text):
            glued.append(len(items))              # two decimal points: cells run together, certainly
            items.append((t, None, t.text.rstrip().endswith(("%", "％")), False))
            continue
        if p is None:
            continue
        if _looks_glued(t, p, totals):
            glued.append(len(items))
        items.append((t, p[0], p[1], False))
    later = next((items[g][0] for g in glued[1:] if items[g][1] is None), None)
    if later is not None:                          # a second run of cells in the row: figure by figure first
        g = figs.index(later)
        pieces = [Tok(m.group(), later.start, later.end, fig=True)
                  for m in re.finditer(r"\d[\d,]*(?:\.\d+)?[%％]?", later.text)]
        return _assign(header, figs[:g] + pieces + figs[g + 1:], prefer_skip, totals, notes)
    if glued:
        n_before = len(items)
        items_glued = items[glued[0]][0]
        certain = _several_points(items_glued.text)
        items = _unglue(header, items, glued[0], prefer_skip, totals)
        if (items is None or len(items) < n_before) and notes is not None:
            notes.append("figures_unsplit")        # no value, and a reviewer told why
        pieces = [Tok(m.group(), items_glued.start, items_glued.end, fig=True)
                  for m in re.finditer(r"\d[\d,]*(?:\.\d+)?[%％]?", items_glued.text)]
        if certain and (items is None or len(items) < n_before) and not any(re.search(r"\.\d{5,}", p.text) for p in pieces):
            # no single split: the run read figure by figure as its digits and points allow, as before —
            # unless that reading makes a figure no cell prints (1022.891781: five decimals or more)
            g = figs.index(items_glued)
            return _assign(header, figs[:g] + pieces + figs[g + 1:], prefer_skip, totals, notes)
        if items is None:
            return {}
    loose = next((it[0] for it in items if it[1] is None and not it[3]), None)
    if loose is not None:                          # another run of cells, not the one split above: figure by figure
        g = figs.index(loose)
        pieces = [Tok(m.group(), loose.start, loose.end, fig=True)
                  for m in re.finditer(r"\d[\d,]*(?:\.\d+)?[%％]?", loose.text)]
        return _assign(header, figs[:g] + pieces + figs[g + 1:], prefer_skip, totals, notes)
    if not items or len(items) > len(header) or math.comb(len(header), len(items)) > 5000:
        return {}
    best, _, unsure = _place(header, items, prefer_skip)
    if best is None:
        return {}
    return {k: (t, d, k in unsure) for k, (t, d) in best.items()}


def _several_points(text: str) -> bool:
    return len(re.findall(r"[.．]\d", text)) >= 2 and re.fullmatch(r"[\d.,．\s]+[%％]?", text.strip()) is not None


def _looks_glued(t: Tok, p: tuple, totals: Optional[dict]) -> bool:
    d, pct = p
    digits = len(re.sub(r"\D", "", t.text))
    if pct:
        return d > 200 and digits >= 4
    if totals:                                  # a sub-row amount larger than every total amount
        money = [v for k, v in totals.items() if k in ("initial_budget", "full_year_budget", "executed") and v]
        return bool(money) and d > max(money) and digits >= 3
    return False


def _splits(text: str, parts: int):
    """Ways to cut a run of digits (with at most one decimal point per part) into `parts`
    numbers with no leading zeros; a trailing % stays on the last part."""
    s = re.sub(r"[\s,]", "", text)
    pct = s.endswith(("%", "％"))
    body = s.rstrip("%％")
    if not re.fullmatch(r"[\d.]+", body) or len(body) > 28:
        return
    for cuts in itertools.combinations(range(1, len(body)), parts - 1):
        pieces = [body[i:j] for i, j in zip((0,) + cuts, cuts + (len(body),))]
        if any(not re.fullmatch(r"(?:0|[1-9]\d*)(?:\.\d+)?", x) for x in pieces):
            continue
        yield [(x + ("%" if pct and k == len(pieces) - 1 else ""), to_decimal(x), pct and k == len(pieces) - 1)
               for k, x in enumerate(pieces)]


def _unglue(header, items, gi, prefer_skip, totals) -> Optional[list]:
    t = items[gi][0]
    if len(header) > 8:                            # bounded work: the forms have at most 6-8 money columns
        return [it for k, it in enumerate(items) if k != gi] or None
    room = len(header) - (len(items) - 1)
    found: dict[tuple, tuple] = {}
    for m in range(2, min(room, 5) + 1):
        for parts in _splits(t.text, m):
            new = items[:gi] + [(Tok(x, t.start, t.end, fig=True), d, pct, False) for x, d, pct in parts] + items[gi + 1:]
            if len(new) > len(header) or math.comb(len(header), len(new)) > 5000:
                continue
            got, score, _ = _place(header, new, prefer_skip)
            strength = _holds(got, totals) if got is not None else None
            if strength is None:
                continue
            key = tuple(d for _, d, _ in parts)
            if key not in found or strength > found[key][1]:
                found[key] = (new, strength)
    if found:
        top = max(st for _, st in found.values())
        best = [new for new, st in found.values() if st == top]
        if len(best) == 1:
            return best[0]
        agreed = _agreed(header, best, prefer_skip)
        if agreed is not None:
            return agreed
    return [it for k, it in enumerate(items) if k != gi] or None


def _agreed(header, readings: list, prefer_skip) -> Optional[list]:
    """Several splits hold as well as each other ('99999910100%10': 99|99|99, 999|999 or 9999|9|9
    before 10|100%|10): the cells every one of them reads the same — the same column, the same
    figure — are no guess; the others are left blank. One item per column of the header, in
    its order; None when they agree on no cell."""
    placed = []
    for new in readings:
        best, _, _ = _place(header, new, prefer_skip)
        if best is None:
            return None
        placed.append(best)
    out, kept = [], 0
    for col in header:
        cells = [p.get(col) for p in placed]
        if all(c is not None for c in cells) and len({c[1] for c in cells}) == 1 and col in placed[0]:
            tok, d = cells[0]
            pct = tok.text.rstrip().endswith(("%", "％"))
            out.append((tok, d, pct, False))
            kept += 1
        else:
            out.append((Tok("", 0, 0, blank=True), None, False, True))
    return out if kept else None


def _holds(got: dict, totals: Optional[dict]) -> Optional[tuple]:
    """How many of the row's relations a reading satisfies (None when one is broken or none
    applies): the rate agrees with its amounts, score ≤ weight, the score is the rate times
    the weight (10 when not printed; a soft relation: broken counts against), a sub-row
    without a rate carries the whole total (its siblings blank)."""
    val = {k: v[1] for k, v in got.items()}
    if totals and ("weight" in val or "score" in val or (
            "execution_rate" in val and not got["execution_rate"][0].text.rstrip().endswith(("%", "％")))):
        return None                                 # a sub-row has no 分值/得分 of its own, and prints its rate with %
    rate, ex = val.get("execution_rate"), val.get("executed")
    base = val.get("full_year_budget") if val.get("full_year_budget") is not None else val.get("initial_budget")
    w, sc = val.get("weight"), val.get("score")
    holds = 0
    if rate is not None and rate > 200:
        return None
    if rate is not None and ex is not None and base is not None:
        if base == 0:
            if ex != 0 or rate != 0:
                return None
        elif _rate_off(ex, base, rate) or (rate == 0 and ex > 0):
            return None
        holds += 1
    if w is not None and sc is not None and sc > w:
        return None
    if sc is not None and rate is not None and w is not None:
        expected = min(rate, Decimal(100)) * w / 100
        holds += 1 if abs(sc - expected) <= Decimal("0.5") else -1
    if totals and rate is None:
        money = [(k, v) for k, v in val.items() if k in ("initial_budget", "full_year_budget", "executed")]
        if len(money) >= 2 and all(k in totals and totals[k] == v for k, v in money):
            holds += 1
        else:
            return None
    if holds <= 0:
        return None
    return holds, int(bool(rate) or bool(ex))       # then: something was spent (0 | 0% is the rare reading)


def _place(header: list[str], items: list, prefer_skip: frozenset = frozenset()) -> tuple:
    """The best placement of the row's items (in order) on the header's columns, its score, and
    the columns it fills by preference alone: where a row printed fewer cells than the header
    has columns (上年结转资金 0 0 — under six) and placements the row's kinds and arithmetic
    cannot tell apart differ on a column, its value is the leftmost-first guess, for review."""
    best, best_score = None, None
    readings: list[tuple[tuple, dict]] = []
    for cols in itertools.combinations(range(len(header)), len(items)):
        ok = True
        bare_rates = 0                      # a rate cell printed without its % (执行率(%) | 76)
        for (t, d, pct, blank), ci in zip(items, cols):
            kind = header[ci]
            if blank:
                continue
            is_rate_col = kind in ("execution_rate", "other_rate")
            if is_rate_col and not pct and d is not None and d <= 200:
                bare_rates += 1
            elif pct != is_rate_col:
                ok = False
                break
            if kind in ("weight", "score") and (d is None or d > 100):
                ok = False
                break
        if not ok:
            continue
        got = {header[ci]: (it[0], it[1]) for it, ci in zip(items, cols) if not it[3]}
        consistent = 0
        if "execution_rate" in got and "executed" in got:
            base = got.get("full_year_budget") or got.get("initial_budget")
            if base and base[1]:
                consistent = 1 if abs(got["executed"][1] / base[1] * 100 - got["execution_rate"][1]) <= 1 else -1
            elif base and base[1] == 0 and got["executed"][1] == 0 and got["execution_rate"][1] == 0:
                consistent = 1
        skipped = [c for c in range(len(header)) if c not in cols]
        money = ("initial_budget", "full_year_budget", "executed", "other_money")
        money_skip = sum(c for c in skipped if header[c] in money)
        point_skip = sum(c for c in skipped if header[c] in ("weight", "score"))
        # a sub-row leaves empty the amount columns its total row left empty
        same_gaps = len(set(skipped) & set(prefer_skip) & {c for c in range(len(header)) if header[c] in money})
        score = (-bare_rates, consistent, same_gaps, -money_skip, point_skip)
        # what tells placements apart beyond preference: the kinds and the arithmetic above, and
        # the form's points columns, which the funding rows under the total leave blank (—)
        in_points = sum(1 for it, ci in zip(items, cols) if not it[3] and header[ci] in ("weight", "score"))
        readings.append(((*score[:3], -in_points), got))
        if best_score is None or score > best_score:
            best, best_score, best_evidence = got, score, readings[-1][0]
    unsure: set[str] = set()
    if best is not None:
        for evidence, got in readings:
            if evidence == best_evidence:
                unsure |= {k for k, (_, d) in best.items() if k not in got or got[k][1] != d}
    return best, best_score, unsure


def _add(doc, ex, v, key, values, unit) -> None:
    for col, (tok, d, unsure) in values.items():
        if col.startswith("other_") or d is None:
            continue
        if key in ("basic", "project"):
            if col != "executed":
                continue
            slot = f"expenditure.{key}"
        else:
            slot = f"funding.{key}.{col}"
        if col in ("weight", "score"):
            value = Value(raw=tok.text, op="=", value=_number(d), unit=None)
        elif col == "execution_rate":
            value = Value(raw=tok.text, op="=", value=_number(d), unit="%")
        else:
            mult = Decimal("0.0001") if (unit == "元" and not re.search(r"万", tok.text)) else Decimal(1)
            value = Value(raw=tok.text, op="=", value=_number(d * mult), unit="万元")
        got = add_field(ex, doc, slot, value, v.pos(tok.start), v.pos(max(tok.start, tok.end - 1)) + 1, "table",
                        "funding_stream")
        if unsure is True and got.value is value:
            doubt(got, "column_uncertain")


def _declared(doc, ex, v, a: Tok, b: Tok) -> bool:
    """A declaration's 资金总额 / 财政拨款 / 其他资金 followed by its amount: the year's budget."""
    is_row, key = _row(a.text)
    if not key or key in ("basic", "project") or not re.search(r"万元|元", b.text):
        return False
    if not re.fullmatch(r"[\s|\t\u3000:：]*", v.text[a.end:b.start]):
        return False
    p = _parse(b)
    if p is None or p[1]:
        return False
    mult = Decimal("0.0001") if not re.search(r"万", b.text) else Decimal(1)
    slot = f"funding.{key}.initial_budget"
    if ex.field(slot) is None:
        add_field(ex, doc, slot, Value(raw=b.text, op="=", value=_number(p[0] * mult), unit="万元"),
                  v.pos(b.start), v.pos(max(b.start, b.end - 1)) + 1, "table", "funding_stream")
    return True


def _pairs(doc, ex, v, toks) -> None:
    """Label | figure pairs with no header (预算数(A) 5.8万 | 执行率(B/A) 100%): the total row."""
    seen = set()
    pending: dict = {}
    declaration = doc.meta.get("kind") == "target_declaration"
    for n, (a, b) in enumerate(zip(toks, toks[1:])):
        if not a.fig and not b.fig and _UNIT_NOTE.fullmatch(b.text.strip()) and n + 2 < len(toks) \
                and toks[n + 2].fig:
            b = toks[n + 2]                      # 计划安排资金 | (万元) | 170: a unit note between label and figure
        if a.fig or a.blank or not b.fig:
            continue
        boundary = v.text[max(0, a.start - 1):a.start] in ("", "\n", "|", "\t", " ", "\u3000") or (
            n and toks[n - 1].fig and not v.text[toks[n - 1].end:a.start].strip()) or (
            n > 1 and re.fullmatch(r"及?构成[:：]?", toks[n - 1].text.strip()) and _row(toks[n - 2].text)[1] == "total")
        if declaration and boundary and _declared(doc, ex, v, a, b):
            continue
        before = v.text[max(0, a.start - 1):a.start]
        after_fig = n and toks[n - 1].fig and not v.text[toks[n - 1].end:a.start].strip()
        if not (before in ("", "\n", "|", "\t", " ", "\u3000") or after_fig):
            continue
        between = re.sub(r"[(（]\s*(?:万元|元)\s*[)）]", "", v.text[a.end:b.start])
        if re.search(r"[，,。；;为是]", a.text) or not re.fullmatch(r"[\s|\t\u3000:：]*", between):
            continue
        key = _col(a.text)
        wide = key is None
        key = key or _col_wide(a.text)
        if key in (None, "other_money", "other_rate", "weight", "score") or key in seen or key in pending:
            continue
        if _THREE_PUBLIC.search(a.text) or _THREE_PUBLIC.search(v.text[v.text.rfind("\n", 0, a.start) + 1:a.start]):
            continue                             # '三公经费决算数8万元', '“三公”经费 预算数 5.00 决算数 4.20': the 三公's
        if declaration:                          # a declaration states the year's budget only (GOLD.md)
            if key not in ("full_year_budget", "initial_budget"):
                continue
            key = "initial_budget"
        if not re.search(r"[(（][A-Z/]+[)）]|数$|资金$|支出$|金额$" + ("|率$" if key == "execution_rate" else ""),
                         re.sub(r"[\s:：]|[(（](?:万元|元|%|％)[)）]", "", a.text)):
            continue
        p = _parse(b)
        if p is None or p[1] != (key == "execution_rate"):
            continue
        unit = "%" if key == "execution_rate" else "万元"
        yuan = key != "execution_rate" and not re.search(r"万", b.text) and re.search(
            r"[(（]\s*元\s*[)）]", a.text + v.text[a.end:b.start])
        number = _number(p[0] * Decimal("0.0001")) if yuan else _number(p[0])
        value = Value(raw=b.text, op="=", value=number, unit=unit)
        span = (v.pos(b.start), v.pos(max(b.start, b.end - 1)) + 1)
        if wide or key == "execution_rate":
            pending[key] = (value, span, wide)     # read only where the rate is the spending over the budget
            continue
        seen.add(key)
        add_field(ex, doc, f"funding.total.{key}", value, *span, "table", "funding_stream")
    # a rate, and labels in other copies' words (项目预算资金 | 实际支出 | 预算执行率): kept where the rate
    # is the spending over the budget, or (a rate of the national words) where no amount says otherwise
    got = {k: pending[k][0].value for k in pending}
    got.update({k: ex.field(f"funding.total.{k}").value.value for k in ("full_year_budget", "initial_budget", "executed")
                if k in seen and ex.field(f"funding.total.{k}") is not None})
    base = got.get("full_year_budget", got.get("initial_budget"))
    holds = bool(base) and "executed" in got and "execution_rate" in got and \
        not _rate_off(got["executed"], base, got["execution_rate"])
    for key, (value, span, wide) in pending.items():
        if holds or (not wide and not any(w for _, _, w in pending.values())):
            add_field(ex, doc, f"funding.total.{key}", value, *span, "table", "funding_stream")


_BLOCK_LABEL = re.compile(r"^(?:其中[:：]?\s*)?(?:(?P<mid>中期)|年度|本年度?)?(?:财政)?资金总额|^(?:当年|本年)年度预算$"
                          r"|^(?:其中[:：]?\s*)?(?:当年|本年)?财政拨款(?:数|资金)?$|^其中[:：]?\s*财政[\u4e00-\u9fff]{1,4}$"
                          r"|^(?:其中[:：]?\s*)?其[他它]资金$|^(?:其中[:：]?\s*)?上年结转(?:资金)?$"
                          r"|^(?:其中[:：]?\s*)?(?:基本|项目)支出$")


_CELL_EDGE = ("", "\n", "|", "\t", " ", "\u3000")


def _listed_pairs(toks: list[Tok]) -> dict[int, Optional[Tok]]:
    """A money block whose labels were printed one after another and its figures apart, before or
    after them (年度资金总额 其中：财政拨款 其他资金 | 100 100 0): label n takes figure n where the
    counts agree and the parts add up to the total (the arithmetic is the evidence); where they do
    not, none of the listed labels takes a figure (the figure after the last one is the first's)."""
    out: dict[int, Tok] = {}
    k = 0
    while k < len(toks):
        run = []
        while k + len(run) < len(toks) and not toks[k + len(run)].fig and not toks[k + len(run)].blank:
            t = toks[k + len(run)]
            label = re.sub(r"\s+", "", t.text).rstrip(":：")
            key = _row(label)[1] if _BLOCK_LABEL.search(label) and len(label) <= 16 else None
            if key not in ("total", "fiscal", "other", "carryover") or key in [r[1] for r in run]:
                break
            run.append((k + len(run), key))
        if len(run) >= 2 and run[0][1] == "total":
            after = toks[k + len(run):k + len(run) + len(run)]
            before = toks[max(0, k - len(run)):k]
            for figs in (after, before):
                if len(figs) != len(run) or not all(f.fig for f in figs):
                    continue
                nums = [_parse(f) for f in figs]
                if any(p is None or p[1] for p in nums):
                    continue
                if sum(p[0] for p in nums[1:]) == nums[0][0]:
                    out.update({n: f for (n, _), f in zip(run, figs)})
                    break
            else:
                if all(f.fig for f in after) and len(after) == len(run) and _run_length(toks, k + len(run)) == len(run):
                    out.update({n: None for n, _ in run})     # listed, as many figures after, no pairing holds
        k += max(1, len(run))
    return out


def _more_figures(v: View, toks: list[Tok], fig: Tok, value) -> bool:
    """The money block's label took the figure right after it, and the cells after that hold
    other figures before the next label ('基本支出 | 120.5 | 98.3'): the label heads a row of
    several columns (中期 and 年度, budget and other money), and which one is the year's budget
    is the reader's positional guess. A breakdown in brackets after the figure
    ('854万(高标准农田建设400万元 …)') and the same figure again are no other column."""
    k = toks.index(fig)
    for u in toks[k + 1:k + 4]:
        if u.blank:
            continue
        if not u.fig or re.search(r"[(（]", v.text[fig.end:u.start]):
            return False
        q = _parse(u)
        if q is not None and q[0] != value:
            return True
    return False


def _mid_label(v: View, t: Tok) -> bool:
    """A 中期资金总额 label (the medium-term total, printed 中期 | 资金总额 or whole)."""
    return "中期" in t.text or re.search(r"中期\s*$", v.text[max(0, t.start - 4):t.start]) is not None


def _money_block(doc, ex, v, toks) -> None:
    """A declaration's money block (资金情况(万元) | 年度资金总额 | 10 | 其中:财政拨款 | 10 | 其他资金 | 0;
    a department's 基本支出 | 10,891.62 | 项目支出 | 61915.77 beside its 收入来源):
    each label takes the figure right after it (a label followed by another label has none);
    with 中期 and 年度 columns side by side (中期资金总额 68.5 | 年度资金总额 51.35), the year's."""
    found: dict[str, list] = {}
    mid = False
    first = None
    year_col: Optional[int] = None         # the 年度 column's place where 中期 and 年度 head two columns
    listed = _listed_pairs(toks)
    for n, t in enumerate(toks):
        if t.fig or t.blank:
            continue
        label = re.sub(r"\s+", "", t.text).rstrip(":：")
        m = _BLOCK_LABEL.search(label)
        if not m or len(label) > 16:
            continue
        if first is not None and n - first > 40:
            break
        key = _row(label)[1] if not re.search(r"资金总额|年度预算$", label) else "total"
        if key is None and re.search(r"其[他它]资金$", label):
            key = "other"
        if key not in ("total", "fiscal", "other", "carryover", "basic", "project"):
            continue
        fig = None
        if n in listed:
            if first is None:
                first = n
            found.setdefault(key, []).append((t, listed[n]) if listed[n] is not None else None)
            continue
        for q, u in enumerate(toks[n + 1:n + 4], n + 1):
            if u.fig:
                fig = u
                if year_col is not None:            # a row under 中期 | 年度 columns: the year's cell
                    second = toks[q + 1] if q + 1 < len(toks) and toks[q + 1].fig else None
                    fig = second if second is not None and year_col == 1 else fig
                break
            if u.blank or _UNIT_NOTE.fullmatch(u.text.strip()) or re.fullmatch(r"[(（]?\s*(?:万元|元)\s*[)）]?", u.text.strip()):
                continue
            break
        if year_col is None and fig is None and n + 1 < len(toks) and not toks[n + 1].fig \
                and re.search(r"资金总额", label) and re.search(r"资金总额", toks[n + 1].text):
            here, there = _mid_label(v, t), _mid_label(v, toks[n + 1])
            if here != there:
                year_col = 1 if here else 0       # '中期资金总额 | 年度资金总额' heading two columns of cells
                first = n
                continue
        if key in ("basic", "project") and (fig is None or v.text[max(0, t.start - 1):t.start] not in _CELL_EDGE
                                            or not re.fullmatch(r"[ \t|\u3000:：]*", v.text[t.end:fig.start])):
            continue                             # '…建设项目支出绩效目标表': words of a title, not a cell
        if first is None:
            first = n
        if m.group("mid") or re.search(r"中期\s*$", v.text[max(0, t.start - 4):t.start]):
            mid = True
            continue
        if fig is None:
            found.setdefault(key, []).append(None)
            continue
        found.setdefault(key, []).append((t, fig))
    if first is None:
        return
    unit = _unit_in(v.text[max(0, toks[first].start - 200):toks[first].start + 40])
    for key, pairs in found.items():
        pair = pairs[-1] if mid else next((p for p in pairs if p is not None), None) if year_col is not None \
            else pairs[0]
        if pair is None:
            continue
        _, fig = pair
        p = _parse(fig)
        if p is None or p[1]:
            continue
        if re.search(r"万", fig.text):
            mult = Decimal(1)
        elif re.search(r"元", fig.text) or unit == "元":
            mult = Decimal("0.0001")
        else:
            mult = Decimal(1)
        slot = f"expenditure.{key}" if key in ("basic", "project") else f"funding.{key}.initial_budget"
        if ex.field(slot) is None:
            got = add_field(ex, doc, slot, Value(raw=fig.text, op="=", value=_number(p[0] * mult), unit="万元"),
                            v.pos(fig.start), v.pos(max(fig.start, fig.end - 1)) + 1, "table", "funding_stream")
            if _more_figures(v, toks, fig, p[0]):
                doubt(got, "column_uncertain")
