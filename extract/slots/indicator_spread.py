"""Indicator tables a copy printed out of row order: column by column, or spread.

Two flattenings keep every cell of the form but not its rows. Column by column (each header
word, then that column's non-empty cells): the values pair by position, and merged 一级/二级
cells, which print once, are spread over the rows only by the weights they print (产出指标(50分))
and never guessed. Spread (a PDF copied without layout: the header, every row's value cells in
one block, then the names among the level names): the block is paired with the names only when
it splits into whole rows of the header's value columns (score ≤ weight each), as many as the
names. Both give the cell stream's row dicts (`indicator_cells.from_stream` turns them into
indicators)."""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from extract.read.layout import PAGE_FURNITURE
from extract.schema import canonical_level1, canonical_level2
from extract.slots.cell_stream import (
    _PLACEHOLDER,
    _POINTS,
    _SCell,
    _STREAM_STOP,
    _bare_number,
    _hword,
    _level_word,
    _points,
    _valueish,
)


def _column_major(cells: list[_SCell]) -> list[dict]:
    """A table flattened column by column (三级指标 | A | B | C | 年度目标值 | 7 | 100% | 100%):
    the names under the name header, then each value header with as many values, paired
    by position."""
    out: list[dict] = []
    i = 0
    while i < len(cells):
        if not cells[i].sq or _hword(cells[i].sq) != "name":
            i += 1
            continue
        names = []
        j = i + 1
        while j < len(cells) and cells[j].sq and _hword(cells[j].sq) is None and len(names) < 30:
            names.append(cells[j])
            j += 1
        if len(names) < 2 or any(_valueish(c.sq) or _bare_number(c.sq) is not None or _level_word(c.sq) != (None, None)
                                 for c in names):
            i = j
            continue
        columns: dict[str, list[_SCell]] = {}
        while j < len(cells) and cells[j].sq and _hword(cells[j].sq) in ("target", "actual", "weight", "score"):
            attr = _hword(cells[j].sq)
            vals = cells[j + 1:j + 1 + len(names)]
            seg = len(vals) == len(names) and (j + 1 + len(names) >= len(cells) or _hword(cells[j + 1 + len(names)].sq)
                                               or _STREAM_STOP.search(cells[j + 1 + len(names)].sq))
            figs = sum(1 for c in vals if _valueish(c.sq) or _bare_number(c.sq) is not None)
            if attr in ("weight", "score"):
                ok = len(vals) == len(names) and all(_bare_number(c.sq) is not None for c in vals)
            else:                               # a column of exactly as many cells up to the next header word:
                ok = len(vals) == len(names) and (figs == len(names) or (seg and not any(
                    _hword(c.sq) or _level_word(c.sq) != (None, None) or len(c.sq) > 40 for c in vals)))
            if not ok:                          # its worded cells (显著提升, 及时) are values too
                break
            columns.setdefault(attr, vals)
            j += 1 + len(names)
        if columns:
            weights = [_bare_number(c.sq) for c in columns["weight"]] if "weight" in columns else None
            levels = _column_levels(cells, i, len(names), weights)
            for k, name in enumerate(names):
                out.append({"level1": levels.get("level1", [None] * len(names))[k],
                            "level2": levels.get("level2", [None] * len(names))[k], "name": name,
                            "values": {a: vals[k] for a, vals in columns.items()}})
        i = j
    return out


def _spread_by_points(points: list, weights: list) -> Optional[list[int]]:
    """How many rows each merged level cell spans: the rows in order whose weights add up to
    the points the level prints; None when a level prints none or the sums do not come out."""
    if any(p is None for p in points) or any(w is None for w in weights):
        return None
    spans, k = [], 0
    for p in points:
        total, start = 0.0, k
        while k < len(weights) and total + 1e-9 < p:
            total += weights[k]
            k += 1
        if abs(total - p) > 1e-6 or k == start:
            return None
        spans.append(k - start)
    return spans if k == len(weights) else None


def _column_levels(cells: list[_SCell], at: int, n: int, weights: Optional[list] = None) -> dict[str, list]:
    """The 一级/二级 columns before the name column of a table flattened column by column, where
    each holds one level name per row (no merged cells): as many names as rows, all of the
    closed set. A column with fewer cells had merged cells: which rows they span is told only
    by the weights each level prints (产出指标(50分) over rows whose 分值 add up to 50, in order);
    without them it is not known."""
    out: dict[str, list] = {}
    k = at - 1
    seg: list[_SCell] = []
    while k >= 0 and at - k <= 2 * n + 4:
        attr = _hword(cells[k].sq) if cells[k].sq else None
        if attr is None:
            if cells[k].sq:
                seg.insert(0, cells[k])
            k -= 1
            continue
        if attr not in ("level1", "level2"):
            break
        names = [_level_word(c.sq) for c in seg]
        if seg and len(seg) < n and weights and all(a or b for a, b in names):
            spans = _spread_by_points([_points(c.sq) for c in seg], weights)
            if spans is not None:
                seg = [c for c, k in zip(seg, spans) for _ in range(k)]
                names = [_level_word(c.sq) for c in seg]
        if len(seg) == n and all(a or b for a, b in names):
            if attr == "level1":
                out["level1"] = [a or canonical_level1(_POINTS.sub("", c.sq)) for (a, _), c in zip(names, seg)]
            else:
                out["level2"] = [b or canonical_level2(_POINTS.sub("", c.sq)) for (_, b), c in zip(names, seg)]
        seg = []
        k -= 1
    return out


def _header_words(cells: list[_SCell], i: int) -> tuple[Optional[str], int]:
    """The header word starting at cell i, joined over up to three cells (年度 / 指标值), and
    the index after it; (None, i + 1) when none starts there."""
    acc, best = "", (None, i + 1)
    for k in range(i, min(i + 3, len(cells))):
        if not cells[k].sq:
            break
        acc += cells[k].sq
        a = _hword(acc)
        if a:
            best = (a, k + 1)
    return best


def _spread_group(cells: list[_SCell], cols: list[str], repeated: frozenset = frozenset()) -> bool:
    """One row's value cells in the columns' order: 分值/得分 bare numbers <= 100 with score <=
    weight, a target/actual a figure, a placeholder or a few words (及时), never a level or
    header word. Rows of 指标值 | 完成值 alone (no figures frame them) take words only where
    the table repeats them (达成预期指标) or 是/否."""
    got = {}
    for c, col in zip(cells, cols):
        sq = c.sq
        if not sq or _hword(sq) or _level_word(sq) != (None, None) or _STREAM_STOP.search(sq):
            return False
        if not {"weight", "score"} & set(cols) and not (
                _valueish(sq) or _PLACEHOLDER.match(sq) or re.match(r"[≥≤≧≦><=＝＞＜]?\d", sq)
                or sq in repeated or sq in ("是", "否")):
            return False
        if col in ("weight", "score"):
            n = _bare_number(sq)
            if n is None or n > 100:
                return False
            got[col] = n
        elif not (_valueish(sq) or _PLACEHOLDER.match(sq) or re.match(r"[≥≤≧≦><=＝＞＜]?\d", sq)
                  or re.fullmatch(r"[\u4e00-\u9fff]{1,6}", sq)
                  or ({"weight", "score"} <= set(cols) and len(sq) <= 20 and not re.search(r"[；;。]", sq))):
            return False                        # words up to a short phrase where 分值/得分 frame each row
    return not ("weight" in got and "score" in got and got["score"] > got["weight"])


def _spread(cells: list[_SCell]) -> list[dict]:
    """A form whose multi-line cells a PDF copy spread apart: the header words, then the
    value cells of every row in a block (=100% 100% 10 10 =100% 100% 20 20 … 100 98.62),
    then the names and level names, a name's last line sometimes left after the block
    (与委托运营方结算完成 … 率). Read only when the block splits into whole rows of the value
    columns the header names (score <= weight in each) and the names left over, in order,
    are as many as the rows; a 二级 per row where the 二级 names printed are as many too."""
    out: list[dict] = []
    i = 0
    while i < len(cells):
        if not cells[i].sq or _hword(cells[i].sq) != "level1":
            i += 1
            continue
        end = i
        while end < len(cells) and end - i < 200 and not (end > i and cells[end].sq and (
                _STREAM_STOP.search(cells[end].sq) or (_hword(cells[end].sq) == "level1"))):
            end += 1
        region = cells[i:end]
        kind: dict[int, str] = {}
        k = 0
        while k < len(region):                  # '绩 效 指 标': a word spaced out letter by letter
            run = k
            while run < len(region) and len(region[run].sq) == 1:
                run += 1
            for m in range(k, run if run - k >= 2 else k):
                kind[m] = "spaced"
            k = max(run, k + 1)
        heads: list[tuple[str, int]] = []       # (attribute, index after its word)
        k = 0
        while k < len(region):
            a, nxt = _header_words(region, k) if region[k].sq and k not in kind else (None, k + 1)
            if a:
                for m in range(k, nxt):
                    kind[m] = "head"
                heads.append((a, nxt))
                k = nxt
                continue
            k += 1
        attrs = [a for a, _ in heads]
        if "name" not in attrs:
            i = end
            continue
        after = heads[attrs.index("name") + 1:]
        cols = list(dict.fromkeys(a for a, _ in after if a in ("target", "actual", "weight", "score")))
        if len(cols) < 2 or not {"target", "actual"} & set(cols):
            i = end
            continue
        last_head = next(e for a, e in after if a == cols[-1])
        best = None
        pairs = [a for a in cols if a in ("target", "actual")]
        counts = Counter(c.sq for c in region if c.sq)
        repeated = frozenset(w for w, n in counts.items() if n >= 3 and len(w) >= 2)
        for try_cols in (cols, pairs if len(pairs) == 2 and len(cols) > 2 else None):
            if try_cols is None:                # 分值/得分 left empty: rows of 指标值 | 完成值 alone
                continue
            for s0 in range(last_head, len(region)):
                n, at = 0, s0
                while at + len(try_cols) <= len(region) and _spread_group(region[at:at + len(try_cols)], try_cols,
                                                                          repeated):
                    n += 1
                    at += len(try_cols)
                if n >= 2:
                    best = (s0, n, at)
                    break
            if best is not None:
                cols = try_cols
                break
        if best is None:
            i = end
            continue
        s0, n_rows, at = best
        for m in range(s0, at):
            kind[m] = "value"
        while at < len(region) and _bare_number(region[at].sq) is not None:
            kind[at] = "value"                  # the 总分 figures left at the block's end
            at += 1
        names: list[list[_SCell]] = []         # each name's cells: its lines
        l2s: list[str] = []
        carried: list[Optional[str]] = []       # the 二级 printed last before each name
        k = 0
        while k < len(region):
            c = region[k]
            if k in kind or not c.sq or PAGE_FURNITURE.fullmatch(c.sq):
                k += 1
                continue
            a1, a2 = _level_word(c.sq)
            if a1 or a2:
                nxt = next((x for x in region[k + 1:k + 3] if x.sq), None)
                n2 = _level_word(nxt.sq)[1] if nxt is not None else None
                if a2 and not (a1 and n2 and not _level_word(nxt.sq)[0]):
                    l2s.append(a2)
                k += 1
                continue
            if len(c.sq) == 1 and names:        # a name's last line, left after the value block
                names[-1].append(c)
            elif re.search(r"[\u4e00-\u9fff]{2}", c.sq) and _bare_number(c.sq) is None:
                names.append([c])
                carried.append(l2s[-1] if l2s else None)
            k += 1
        if len(names) != n_rows:
            i = end
            continue
        if len(l2s) == n_rows:
            levels = l2s
        elif l2s and carried[0] is not None and sum(1 for k, x in enumerate(carried)
                                                    if k == 0 or x != carried[k - 1]) == len(l2s):
            levels = carried                    # the levels in row order, merged ones printed once, each over a row
        else:
            levels = [None] * n_rows
        for r, (name, l2) in enumerate(zip(names, levels)):
            vals = region[s0 + r * len(cols):s0 + (r + 1) * len(cols)]
            out.append({"level1": None, "level2": l2, "name": name[0], "name_parts": name,
                        "values": {a: c for a, c in zip(cols, vals) if not _PLACEHOLDER.match(c.sq)}})
        i = end
    return out
