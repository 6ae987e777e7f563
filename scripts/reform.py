#!/usr/bin/env python3
"""Indicator rows rebuilt into the national form and flattened the ways reports arrive.

What it measures. `perturb.py` re-flattens the tables `layout` recovers from a report; a
table it does not recover is never tried. This script builds the table instead: for every
judged report (seeds with ../shared/corpus/gold, pool with ../shared/corpus/pool-gold) whose
gold indicator rows all have a name, a target and an actual (and a weight wherever they have
a score: a lone figure would not say which column it is), it writes the form's indicator
block (TEMPLATES.md: 一级指标 · 二级指标 · 三级指标 · 年度指标值 · 实际完成值 · 分值 · 得分 ·
偏差原因分析及改进措施, merged 一级/二级 cells empty below their first row) under a form title,
flattens it one way per variant, extracts it as `jixiao extract` does and matches the rows
against the gold rows (the reference scorer's matching). The gold is the form's own content,
so every row lost is lost by a reader, not by the report.

Variants (the form's header words stay as printed unless said otherwise):

  tabs            cells joined by a tab, empty cells kept (the control)
  markdown        a markdown table (| a | b |, a |---| row under the header)
  markdown_br     a markdown table whose header cells hold <br> (a web table's line breaks)
  pipes_bare      | between cells, no outer pipes (a row with an empty first cell opens with '|')
  pipes_wrapped   | a | b | rows whose long cells are wrapped every 6 characters inside the cell
  tabs_wrapped    tab rows whose long cells are wrapped every 6 characters inside the cell
  aligned         columns padded to a common start, empty cells left as spaces (pdftotext -layout)
  tabs_lost       tab rows that lost their empty cells (merged level cells dropped)
  pipes           | a | b | rows
  cells           one cell per line, empty cells dropped, no blank lines
  cells_blank     one cell per line, a blank line between rows
  cells_blank_all one cell per line, a blank line between cells; _kept: empty cells kept as blank lines
  cells_bars      one cell per line, a '|' line between cells; _all: every row opened and closed by '|';
                  _wrapped: long cells wrapped every 12 characters inside the cell
  cell_pipe       one cell per line with its pipe after it ('cell |', a lone '|' an empty cell);
                  _wrapped: long cells wrapped every 12 characters, the pipe after the last piece
  cells_blank_wrapped  a blank line after every cell, long cells wrapped every 12 characters
  spaces          cells joined by 2-3 spaces, empty cells dropped
  single          cells joined by one space
  run_on          the whole table on one line
  glued           cells run together, one row per line (a web page copied as text)
  glued_points    分值 and 得分 run into the 完成值 cell, their own cells empty ('100%1010')
  unit_space      a space between a figure and its unit ('100 %', as PDF copies print it)
  colmajor        column by column: each header word, then its column's non-empty cells
  colmajor_levels column by column, each row's 一级/二级 printed on every row
  colmajor_points column by column, merged levels printed once with their block's weight (产出指标(50分))
  head_two_rows   the header over two rows ('年度 | 实际' over '指标值 | 完成值')
  head_cell_break a line break inside each header cell ('一级\\n指标\\t二级\\n指标')
  page_break      the table broken by a page-number line, header not repeated
  page_head       the table broken by a page-number line, header repeated
  old_words       older/provincial header words (预期值, 全年实际值, 权重, 自评分)
  word_ops        指标性质 column in words (不低于 | 200 | 人次)
  wrapped         the run-on table hard-wrapped at 24 characters (a PDF copied at page width)
  aligned_wrapped pdftotext -layout of cells wrapped every 6 characters inside their column, a
                  row's shorter cells on its middle lines
  spread          a PDF copied without layout: the header, every row's value cells in one block,
                  then each row's level names (merged: printed once) and name
  head_none       tab rows with no header row at all (an image, lost in the copy); _cells: one
                  cell per line; _single: cells joined by one space
  head_garbled    each header cell's two printed lines interleaved character by character
  head_synonyms   header words no list has (考核要素 | 考核内容 | 计划目标 | 执行结果 | 标准分数 …);
                  _single: joined by spaces, empty cells dropped
  head_unnamed_cols  two columns no list names (指标解释说明 | 评分要点) between 实际完成值 and 分值, a
                  criteria text in the first, the second empty; tab rows; _bars: one cell per line
                  between '|' lines, empty cells dropped
  head_cut        the header and first row on one page, the rest after a page number with every
                  row's levels printed (the text of the later page only would look so)

It prints per variant the gold rows, rows read, rows matched, rows exact and the attribute
accuracies, then the reports that lose most. About 15 s.

`--texts` measures the same on the pool's own texts (the reports SOURCES.tsv lists as table
or mixed, with three or more gold rows) re-flattened: as_is, no_spaces (every space lost),
one_line (lines joined by spaces), cell_lines (every gap a line break), wrap30 (every line
cut every 30 characters), head_dropped (every line holding two header words removed),
head_dropped_one_line (that, lines joined by spaces). Real header words and noise; the rules were written on these
reports as they are, not on these flattenings. About 20 s.

    .venv/bin/python scripts/reform.py [--only tabs,glued] [--worst 4] [--texts]
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import pipeline  # noqa: E402
from extract.config import Config, replace_models  # noqa: E402

SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "eval"))

HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
OLD = ["一级指标", "二级指标", "三级指标", "预期值", "全年实际值", "权重", "自评分", "未完成原因分析及改进措施"]
_OPS = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "=": ""}
_OP_WORDS = {">=": "不低于", "<=": "不高于"}
ATTRS = ("target", "actual", "weight", "score", "level1", "level2")


def _num(x) -> str:
    return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)


def _val(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)):
        return _num(v)
    if v.get("raw"):
        return v["raw"]
    if v.get("value") is None:
        return v.get("text") or ""
    return _OPS.get(v.get("op") or "=", "") + _num(v["value"]) + (v.get("unit") or "")


def rows_of(gold_rows: list[dict]) -> list[list[str]]:
    """The form's rows: merged 一级/二级 cells printed on their first row only."""
    out, p1, p2 = [], None, None
    for r in gold_rows:
        l1, l2 = r.get("level1") or "", r.get("level2") or ""
        out.append([l1 if l1 != p1 else "", l2 if (l2, l1) != p2 else "", r.get("name") or "", _val(r.get("target")),
                    _val(r.get("actual")), _val(r.get("weight")), _val(r.get("score")), ""])
        p1, p2 = l1, (l2, l1)
    return out


def _full(rows):
    out, a, b = [], "", ""
    for r in rows:
        a, b = r[0] or a, r[1] or b
        out.append([a, b] + r[2:])
    return out


def _ne(r):
    return [c for c in r if c]


_rnd = random.Random(7)


def _sp(r):
    return "".join(c + " " * _rnd.choice((2, 3)) for c in _ne(r)).rstrip()


def _word_ops(gold_rows):
    head = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分"]
    lines = [" | ".join(head)]
    for form, g in zip(rows_of(gold_rows), gold_rows):
        t = g.get("target") or {}
        if t.get("value") is not None and not t.get("raw"):
            op, val, unit = _OP_WORDS.get(t.get("op"), "等于"), _num(t["value"]), t.get("unit") or ""
        else:
            op, val, unit = "", form[3], ""
        lines.append(" | ".join(form[:3] + [op, val, unit] + form[4:7]))
    return "\n".join(lines)


def _cut(cell, n):
    """A cell wrapped inside its column every n characters (a DOCX/web cell's line breaks)."""
    return "\n".join(cell[k:k + n] for k in range(0, len(cell), n)) if len(cell) > n else cell


def _aligned(rows):
    """Columns padded to a common start, empty cells left as spaces (pdftotext -layout)."""
    widths = [max(len(r[j]) for r in rows) + 2 for j in range(len(rows[0]))]
    return "\n".join("".join(c.ljust(w, " ") for c, w in zip(r, widths)).rstrip() for r in rows)


def _aligned_wrapped(rows, n=6, head=None):
    """pdftotext -layout of a form whose long cells wrap inside their column: each row takes as
    many lines as its tallest cell, a shorter cell printed on the middle lines (vertically
    centred), columns padded to a common start."""
    cut = [[[c[k:k + n] for k in range(0, len(c), n)] or [""] for c in r] for r in rows]
    widths = [max(len(p) for r in cut for p in r[j]) * 2 + 2 for j in range(len(rows[0]))]
    lines = []
    for r in cut:
        h = max(len(c) for c in r)
        for k in range(h):
            cells = []
            for c, w in zip(r, widths):
                top = (h - len(c)) // 2
                piece = c[k - top] if 0 <= k - top < len(c) else ""
                cells.append(piece + "\u3000" * 0 + " " * max(2, w - 2 * len(piece)))
            lines.append("".join(cells).rstrip())
    return "\n".join(lines)


def _spread(R):
    """A PDF copied without layout, its multi-line cells spread apart (p082): the header, then
    every row's value cells in one block, then the level names and names in row order."""
    vals = [c for r in R for c in r[3:7]]
    rest = [c for r in R for c in r[:3] if c]
    return " ".join(HEAD[:7]) + " " + " ".join(vals) + " " + " ".join(rest)


def _with_points(R):
    """The rows with each merged level cell printing its block's weight: 产出指标(50分)."""
    out = [list(r) for r in R]
    for col in (0, 1):
        for k, r in enumerate(out):
            if r[col]:
                end = next((m for m in range(k + 1, len(out)) if R[m][col] or (col == 1 and R[m][0])), len(out))
                try:
                    pts = sum(float(R[m][5]) for m in range(k, end))
                except ValueError:
                    continue
                r[col] += f"({pts:g}分)"
    return out


# two columns the lists do not name (a criteria text and an empty points rule) before 分值
UNNAMED = ["指标解释说明", "评分要点"]


def _unnamed(rows, head=False):
    """The form with UNNAMED columns between 实际完成值 and 分值: a criteria text on each row, the
    other column left empty."""
    if head:
        return HEAD[:5] + UNNAMED + HEAD[5:]
    return [r[:5] + ["全部完成得满分，未完成按比例扣分", ""] + r[5:] for r in rows]


# header words no list has (评价要点, 考核内容 …): the header row is there, the readers do not know it
SYN = ["考核维度", "考核要素", "考核内容", "计划目标", "执行结果", "标准分数", "考核评分", "情况说明"]


def _garbled_head():
    """Each header cell printed over two lines in the form and the two lines' characters
    interleaved by the copy ('年成值全完值'-like): the header words are no longer words."""
    out = []
    for h in HEAD:
        a, b = h[:len(h) // 2], h[len(h) // 2:]
        out.append("".join(x + y for x, y in zip(b, a)) + b[len(a):] + a[len(b):])
    return "\t".join(out)


def _wrap(text, n=24):
    return "\n".join(text[k:k + n] for k in range(0, len(text), n))


VARIANTS = {
    "tabs": lambda R, g: "\n".join("\t".join(r) for r in [HEAD] + R),
    "markdown": lambda R, g: "\n".join(["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
                                       + ["| " + " | ".join(r) + " |" for r in R]),
    "markdown_br": lambda R, g: "\n".join(["| " + " | ".join(h[:len(h) // 2] + "<br>" + h[len(h) // 2:] for h in HEAD) + " |",
                                           "|" + ":---:|" * len(HEAD)] + ["| " + " | ".join(r) + " |" for r in R]),
    "pipes_bare": lambda R, g: "\n".join(" | ".join(r) for r in [HEAD] + R),
    "pipes_wrapped": lambda R, g: "\n".join("| " + " | ".join(_cut(c, 6) for c in r) + " |" for r in [HEAD] + R),
    "tabs_wrapped": lambda R, g: "\n".join("\t".join(_cut(c, 6) for c in r) for r in [HEAD] + R),
    "aligned": lambda R, g: _aligned([HEAD] + R),
    "tabs_lost": lambda R, g: "\n".join("\t".join(_ne(r)) for r in [HEAD] + R),
    "pipes": lambda R, g: "\n".join("| " + " | ".join(r) + " |" for r in [HEAD] + R),
    "cells": lambda R, g: "\n".join("\n".join(_ne(r)) for r in [HEAD] + R),
    "cells_blank": lambda R, g: "\n\n".join("\n".join(_ne(r)) for r in [HEAD] + R),
    "cells_blank_all": lambda R, g: "\n\n".join("\n\n".join(_ne(r)) for r in [HEAD] + R),
    "cells_blank_kept": lambda R, g: "\n\n".join("\n\n".join(r) for r in [HEAD] + R),
    "cells_bars": lambda R, g: "\n|\n".join("\n|\n".join(_ne(r)) for r in [HEAD] + R),
    "cells_bars_all": lambda R, g: "\n".join("|\n" + "\n|\n".join(r) + "\n|" for r in [HEAD] + R),
    "cells_bars_wrapped": lambda R, g: "\n|\n".join("\n|\n".join(_cut(c, 12) for c in _ne(r)) for r in [HEAD] + R),
    "cell_pipe": lambda R, g: "\n".join("\n".join(c + " |" if c else "|" for c in r) for r in [HEAD] + R),
    "cell_pipe_wrapped": lambda R, g: "\n".join("\n".join(_cut(c, 12) + " |" if c else "|" for c in r)
                                                for r in [HEAD] + R),
    "cells_blank_wrapped": lambda R, g: "\n\n".join("\n\n".join(_cut(c, 12) for c in _ne(r)) for r in [HEAD] + R),
    "spaces": lambda R, g: "\n".join(_sp(r) for r in [HEAD] + R),
    "single": lambda R, g: "\n".join(" ".join(_ne(r)) for r in [HEAD] + R),
    "run_on": lambda R, g: " ".join(" ".join(_ne(r)) for r in [HEAD] + R),
    "glued": lambda R, g: "\n".join("".join(r) for r in [HEAD] + R),
    "glued_points": lambda R, g: "\n".join("\t".join(r) for r in [HEAD]) + "\n" + "\n".join(
        "\t".join(r[:4] + [r[4] + r[5] + r[6], "", ""] + r[7:]) for r in R),
    "unit_space": lambda R, g: "\n".join(" ".join(c.replace("%", " %") for c in _ne(r)) for r in [HEAD] + R),
    "colmajor": lambda R, g: "\n".join("\n".join([HEAD[j]] + [r[j] for r in R if r[j]]) for j in range(7)),
    "colmajor_levels": lambda R, g: "\n".join("\n".join([HEAD[j]] + [r[j] for r in _full(R)]) for j in range(7)),
    "colmajor_points": lambda R, g: "\n".join("\n".join([HEAD[j]] + [r[j] for r in _with_points(R) if r[j]])
                                              for j in range(7)),
    "head_two_rows": lambda R, g: "一级指标\t二级指标\t三级指标\t年度\t实际\t分值\t得分\t偏差原因分析\n\t\t\t指标值\t完成值\t\t\t及改进措施\n"
                                  + "\n".join("\t".join(r) for r in R),
    "head_cell_break": lambda R, g: "\t".join(h[:len(h) // 2] + "\n" + h[len(h) // 2:] for h in HEAD) + "\n"
                                    + "\n".join("\t".join(r) for r in R),
    "page_break": lambda R, g: "\n".join("\t".join(r) for r in [HEAD] + R[:len(R) // 2]) + "\n- 2 -\n"
                               + "\n".join("\t".join(r) for r in R[len(R) // 2:]),
    "page_head": lambda R, g: "\n".join("\t".join(r) for r in [HEAD] + R[:len(R) // 2]) + "\n第 1 页\n"
                              + "\n".join("\t".join(r) for r in [HEAD] + R[len(R) // 2:]),
    "old_words": lambda R, g: "\n".join("\t".join(r) for r in [OLD] + R),
    "word_ops": lambda R, g: _word_ops(g),
    "wrapped": lambda R, g: _wrap(" ".join(" ".join(_ne(r)) for r in [HEAD] + R)),
    "aligned_wrapped": lambda R, g: _aligned_wrapped([HEAD] + R),
    "spread": lambda R, g: _spread(R),
    "head_none": lambda R, g: "\n".join("\t".join(r) for r in R),
    "head_none_cells": lambda R, g: "\n".join("\n".join(_ne(r)) for r in R),
    "head_none_single": lambda R, g: "\n".join(" ".join(_ne(r)) for r in R),
    "head_garbled": lambda R, g: _garbled_head() + "\n" + "\n".join("\t".join(r) for r in R),
    "head_synonyms": lambda R, g: "\t".join(SYN) + "\n" + "\n".join("\t".join(r) for r in R),
    "head_synonyms_single": lambda R, g: " ".join(SYN) + "\n" + "\n".join(" ".join(_ne(r)) for r in R),
    "head_unnamed_cols": lambda R, g: "\n".join("\t".join(r) for r in [_unnamed(R, True)] + _unnamed(R)),
    "head_unnamed_bars": lambda R, g: "\n|\n".join("\n|\n".join(_ne(r)) for r in [_unnamed(R, True)] + _unnamed(R)),
    "head_cut": lambda R, g: "\n".join("\t".join(r) for r in [HEAD] + R[:1]) + "\n- 3 -\n"
                             + "\n".join("\t".join(r) for r in _full(R)[1:]),
}


def _wrap_lines(text, n=30):
    return "\n".join(ln[k:k + n] for ln in text.split("\n") for k in range(0, max(len(ln), 1), n))


# --texts: the pool's own table texts re-flattened (real header words, real noise)
TEXT_VARIANTS = {
    "as_is": lambda t: t,
    "no_spaces": lambda t: re.sub(r"[ \u3000\t]+", "", t),          # every space lost (OCR, a web copy)
    "one_line": lambda t: re.sub(r"\s+", " ", t),                    # lines joined by spaces
    "cell_lines": lambda t: re.sub(r"[ \u3000\t]+", "\n", t),        # every gap a line break
    "wrap30": _wrap_lines,                                            # every line cut every 30 characters
    "head_dropped": lambda t: _drop_head(t),                           # the header lines lost (an image, a page)
    "head_dropped_one_line": lambda t: re.sub(r"\s+", " ", _drop_head(t)),
}

_HEADISH = re.compile(r"一级指标|二级指标|三级指标|指标值|完成值|实际值|目标值|预期值|分值|得分|权重|自评分|指标名称|指标内容")


def _drop_head(t):
    """Every line that holds two or more of the indicator header's words removed (the header
    row, and a header repeated on a page), the rest as printed."""
    return "\n".join(ln for ln in t.split("\n") if len(_HEADISH.findall(re.sub(r"\s+", "", ln))) < 2)


def run_texts(only=None, tmp=None):
    """The pool reports SOURCES.tsv lists as table or mixed with three or more gold rows, each
    re-flattened as TEXT_VARIANTS say, scored against their gold like the variants above."""
    import csv
    pool = SHARED / "corpus" / "pool"
    kinds = {r["file"][:-4]: r["kind"] for r in csv.DictReader(open(pool / "SOURCES.tsv", encoding="utf-8"),
                                                                delimiter="\t")}
    config = replace_models(Config(), use_models=False)
    tmpdir = Path(tmp or tempfile.mkdtemp(prefix="reform-texts-"))
    docs = []
    for f in sorted((SHARED / "corpus" / "pool-gold").glob("*.json")):
        rows = json.loads(f.read_text(encoding="utf-8")).get("indicators") or []
        if kinds.get(f.stem) in ("table", "mixed") and len(rows) >= 3:
            docs.append((f.stem, rows))
    return _score(TEXT_VARIANTS, docs, only, tmpdir, config,
                  lambda render, name, gold: render((pool / f"{name}.txt").read_text(encoding="utf-8")))


def judged():
    """(name, gold indicator rows) of the judged reports whose rows fit the form unambiguously."""
    out = []
    for gold_dir in (SHARED / "corpus" / "gold", SHARED / "corpus" / "pool-gold"):
        for f in sorted(gold_dir.glob("*.json")):
            rows = json.loads(f.read_text(encoding="utf-8")).get("indicators") or []
            if len(rows) >= 3 and all(r.get("name") and r.get("target") and r.get("actual")
                                      and not (r.get("score") is not None and r.get("weight") is None) for r in rows):
                out.append((f.stem, rows))
    return out


def run(only=None, tmp=None):
    config = replace_models(Config(), use_models=False)
    tmpdir = Path(tmp or tempfile.mkdtemp(prefix="reform-"))
    docs = judged()
    return _score(VARIANTS, docs, only, tmpdir, config,
                  lambda render, name, gold: "2021年度项目支出绩效自评表\n项目名称\t项目\n绩效指标\n"
                  + render(rows_of(gold), gold) + "\n总分\t\t\t\t\t100\n")


def _score(variants, docs, only, tmpdir, config, text_of):
    """Each variant's texts (`text_of(render, name, gold)`) extracted and matched against the
    gold rows with the reference scorer's rules: rows read, matched, exact, attribute accuracy."""
    from score import match_indicators, same_value      # the reference scorer's matching
    results = {}
    for v, render in variants.items():
        if only and v not in only:
            continue
        (tmpdir / v).mkdir(parents=True, exist_ok=True)
        tot = {"gold": 0, "read": 0, "matched": 0, "exact": 0}
        attr = {a: [0, 0] for a in ATTRS}
        per_doc = {}
        for name, gold in docs:
            p = tmpdir / v / f"{name}.txt"
            p.write_text(text_of(render, name, gold), encoding="utf-8")
            got = pipeline.extract_path(p, config).get("indicators") or []
            pairs = match_indicators(gold, got)
            exact = 0
            for gi, pi in pairs:
                ok = True
                for a in ATTRS:
                    if gold[gi].get(a) is None:
                        continue
                    same = same_value(gold[gi][a], got[pi].get(a))
                    attr[a][0] += same
                    attr[a][1] += 1
                    ok &= same
                exact += ok
            per_doc[name] = [len(gold), len(got), len(pairs), exact]
            for k, n in zip(tot, per_doc[name]):
                tot[k] += n
        results[v] = {**tot, "attributes": {a: round(x[0] / x[1], 3) if x[1] else None for a, x in attr.items()},
                      "per_document": per_doc}
    return results, [n for n, _ in docs]


def report(results, worst=4, out=sys.stdout):
    print(f"{'variant':16s} {'gold':>5s} {'read':>5s} {'match':>5s} {'exact':>5s}  target actual weight score level1 level2",
          file=out)
    for v, r in results.items():
        a = r["attributes"]
        print(f"{v:16s} {r['gold']:5d} {r['read']:5d} {r['matched']:5d} {r['exact']:5d}  "
              + " ".join(f"{a[k] if a[k] is not None else '-':>6}" for k in ATTRS), file=out)
    print(file=out)
    for v, r in results.items():
        bad = sorted(((g - e + max(0, p - m), n, g, p, m, e) for n, (g, p, m, e) in r["per_document"].items()
                      if e < g or p > m), reverse=True)
        if bad:
            print(f"{v}: " + "; ".join(f"{n} {m}/{g} found, {e} exact, {p} read" for _, n, g, p, m, e in bad[:worst]),
                  file=out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="", help="comma-separated variants")
    ap.add_argument("--json", help="write the figures as JSON to this file")
    ap.add_argument("--tmp", help="folder for the variant texts (default: a new temp folder)")
    ap.add_argument("--worst", type=int, default=4)
    ap.add_argument("--texts", action="store_true",
                    help="re-flatten the pool's own table texts instead (as_is, no_spaces, one_line, cell_lines, wrap30)")
    a = ap.parse_args(argv)
    logging.disable(logging.WARNING)
    t0 = time.time()
    results, names = (run_texts if a.texts else run)(set(filter(None, a.only.split(","))), a.tmp)
    report(results, a.worst)
    print(f"\n{len(names)} reports, {len(results)} variants, {time.time() - t0:.0f} s")
    if a.json:
        Path(a.json).write_text(json.dumps({"reports": names, "variants": results}, ensure_ascii=False, indent=1),
                                encoding="utf-8")


if __name__ == "__main__":
    main()
