#!/usr/bin/env python3
"""Metamorphic test of the readers: the same report flattened another way must read the same.

What it measures. For every seed (../shared/corpus/seeds, gold ../shared/corpus/gold) and
every pool report in which `layout` recovers a table (../shared/corpus/pool, gold
../shared/corpus/pool-gold), the script writes variants of the report's text into a
temporary folder, extracts each variant with the library exactly as `jixiao extract`
does (`pipeline.extract_records` on the written file), and scores it against the
ORIGINAL report's gold with `extract.learn.evaluate.score` (the reference scorer's rules).
The gold does not change with the flattening, so every point lost against the
unperturbed text is a weakness of a reader, not of the report.

The variants (tables are the rows and cells `layout` recovers from the original text;
only the table regions are rewritten unless said otherwise):

  orig          the text as it is (the reference line)
  tabs          cells joined by a tab, one row per line (the control: the form layout
                reads best; a drop here is lost by re-rendering, not by a reader)
  pipes         cells joined by ' | ', one row per line
  cell_lines    one cell per line, a blank line between rows (no tabs: a PDF/HTML copy)
  spaces        cells joined by runs of 2-3 spaces, empty cells dropped
  single        cells run together with one space, empty cells dropped
  glued         cells run together with nothing between them, one row per line (a web
                page's table copied as text: 数量指标培训人数≥100人120人1010)
  head_space    header words inside the tables broken by a space (全年 完成值)
  head_newline  header words inside the tables broken by a newline (全年\\n完成值)
  fullwidth     every ASCII digit, '.', '%' of the whole text in full width (１２．５％)
  traditional   common characters of the whole text in traditional script (textnorm's
                table read backwards)
  crlf          CRLF line ends

What a drop is not: a text value keeps the report's script and width (a project name
printed in full-width digits keeps them), so for `fullwidth` and `traditional` the script
maps the records' texts back (`UNMAP`) before scoring; `tabs`, `spaces`, `single` and
`glued` rewrite what `layout` recovered, so a report whose "table" is a misread PDF page
(p088) loses by the re-rendering itself: compare those variants with `tabs`, not `orig`.

It prints, per variant, fields F1, indicators F1 and rows-exact F1 and the drop against
`orig`, then the reports that lose most per variant. `--json FILE` writes the same
figures (and per-report fields F1 / indicator rows) as JSON. Runs the whole pool in about
a minute and a half on one core.

    .venv/bin/python scripts/perturb.py [--only pipes,spaces] [--set seeds|pool|all] [--json out.json]
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
from extract.config import Config  # noqa: E402
from extract.learn.evaluate import score, stem  # noqa: E402
from extract.read import layout, textnorm

SHARED = ROOT.parent / "shared" / "corpus"

# Header words of the national and provincial forms (TEMPLATES.md), longest first.
HEADER_WORDS = sorted({
    "全年预算数", "全年执行数", "年初预算数", "调整后预算数", "预算执行数", "预算执行率",
    "全年完成值", "实际完成值", "年度指标值", "年度目标值", "年初目标值", "实际完成",
    "一级指标", "二级指标", "三级指标", "指标内容", "指标值", "执行率", "全年预算",
    "偏差原因", "未完成原因", "资金来源", "年度资金总额", "财政拨款", "其他资金",
    "分值", "得分", "权重",
}, key=len, reverse=True)
_HEADER_RE = re.compile("|".join(map(re.escape, HEADER_WORDS)))

_S2T = {}
for _t, _s in zip(textnorm._T, textnorm._S):
    _S2T.setdefault(_s, _t)
_S2T_TABLE = str.maketrans(_S2T)
_FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def tables_of(text: str):
    return [b.table for b in layout.blocks_from_text(text) if b.table is not None]


def _clean(cell: str) -> str:
    return re.sub(r"\s*\n\s*", "", cell).strip()


def _replace_tables(text: str, fn) -> str:
    """The text with each recovered table's region replaced by `fn(table)`."""
    out, last = [], 0
    for t in tables_of(text):
        if t.start < last:
            continue
        out.append(text[last:t.start])
        out.append(fn(t))
        last = t.end
    out.append(text[last:])
    return "".join(out)


def _rewrite_tables(text: str, render) -> str:
    """The text with each recovered table's region replaced by `render(rows)`."""
    return _replace_tables(text, lambda t: render([[_clean(c.text) for c in r.cells] for r in t.rows]))


def _in_tables(text: str, fn) -> str:
    """The text with `fn` applied to each recovered table's region."""
    return _replace_tables(text, lambda t: fn(text[t.start:t.end]))


def _break_headers(sep: str):
    def fn(region: str) -> str:
        return _HEADER_RE.sub(lambda m: m.group()[:len(m.group()) // 2] + sep + m.group()[len(m.group()) // 2:], region)
    return fn


def _spaces(rows, seed=7):
    rnd = random.Random(seed)
    return "\n".join((" " * rnd.choice((2, 3))).join(c for c in r if c) for r in rows)


VARIANTS = {
    "orig": lambda t: t,
    "tabs": lambda t: _rewrite_tables(t, lambda rows: "\n".join("\t".join(r) for r in rows)),
    "pipes": lambda t: _rewrite_tables(t, lambda rows: "\n".join(" | ".join(r) for r in rows)),
    "cell_lines": lambda t: _rewrite_tables(t, lambda rows: "\n\n".join("\n".join(c for c in r if c) for r in rows)),
    "spaces": lambda t: _rewrite_tables(t, _spaces),
    "single": lambda t: _rewrite_tables(t, lambda rows: "\n".join(" ".join(c for c in r if c) for r in rows)),
    "glued": lambda t: _rewrite_tables(t, lambda rows: "\n".join("".join(c for c in r if c) for r in rows)),
    "head_space": lambda t: _in_tables(t, _break_headers(" ")),
    "head_newline": lambda t: _in_tables(t, _break_headers("\n")),
    "fullwidth": lambda t: t.translate(_FULL),
    "traditional": lambda t: t.translate(_S2T_TABLE),
    "crlf": lambda t: t.replace("\r\n", "\n").replace("\n", "\r\n"),
}


_HALF = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
# Text values keep the report's script and width: mapped back before scoring, so that a drop
# is a reader's, not the scorer comparing 岳阳县２０２２年 with 岳阳县2022年.
UNMAP = {"fullwidth": lambda t: t.translate(_HALF), "traditional": textnorm.simplified}


def _unmapped(obj, fn):
    if isinstance(obj, str):
        return fn(obj)
    if isinstance(obj, list):
        return [_unmapped(x, fn) for x in obj]
    if isinstance(obj, dict):
        return {k: (v if k in ("span", "spans", "document") else _unmapped(v, fn)) for k, v in obj.items()}
    return obj


def reports(which: str):
    """(name, text path, gold dict) of the seeds and of the pool reports with tables."""
    out = []
    if which in ("seeds", "all"):
        for f in sorted((SHARED / "seeds").glob("*.txt")):
            g = SHARED / "gold" / (f.stem + ".json")
            if g.exists():
                out.append((f.stem, f, json.loads(g.read_text(encoding="utf-8"))))
    if which in ("pool", "all"):
        for f in sorted((SHARED / "pool").glob("p*.txt")):
            g = SHARED / "pool-gold" / (f.stem + ".json")
            if not g.exists():
                continue
            if not tables_of(f.read_text(encoding="utf-8")):
                continue
            out.append((f.stem, f, json.loads(g.read_text(encoding="utf-8"))))
    return out


def run(which="all", only=None, tmp=None, config=None):
    config = config or Config()
    docs = reports(which)
    names = [v for v in VARIANTS if not only or v in only or v == "orig"]
    tmpdir = Path(tmp or tempfile.mkdtemp(prefix="perturb-"))
    results = {}
    for v in names:
        d = tmpdir / v
        d.mkdir(parents=True, exist_ok=True)
        preds, gold, errors = {}, {}, 0
        for name, path, g in docs:
            text = path.read_text(encoding="utf-8")
            p = d / (name + ".txt")
            p.write_bytes(VARIANTS[v](text).encode("utf-8"))
            for rec in pipeline.extract_records(p, config):
                errors += bool(rec.get("error"))
                if v in UNMAP:
                    rec = {**rec, "fields": _unmapped(rec.get("fields") or [], UNMAP[v]),
                           "indicators": _unmapped(rec.get("indicators") or [], UNMAP[v])}
                preds[stem((rec.get("document") or {}).get("path", ""))] = rec
            gold[name] = g
        results[v] = score(gold, preds)
        results[v]["errors"] = errors            # error records: a reader that raised on the variant
    return results, [n for n, _, _ in docs]


def _fig(res):
    return res["fields"]["f1"], res["indicators"]["f1"], res["indicator_rows_exact"]["f1"]


def report(results, worst=5, out=sys.stdout):
    base = results["orig"]
    bf = _fig(base)
    print(f"{'variant':14s} {'fields':>7s} {'Δ':>7s} {'indic':>7s} {'Δ':>7s} {'rows':>7s} {'Δ':>7s} errors", file=out)
    for v, res in results.items():
        f = _fig(res)
        print(f"{v:14s} " + " ".join(f"{a:7.3f} {a - b:+7.3f}" for a, b in zip(f, bf)) + f" {res.get('errors', 0):6d}",
              file=out)
    print(file=out)
    for v, res in results.items():
        if v == "orig":
            continue
        losses = []
        for name, pd in res["per_document"].items():
            bd = base["per_document"][name]
            df = bd["fields_f1"] - pd["fields_f1"]
            dr = bd["indicator_rows"][2] - pd["indicator_rows"][2]
            if df > 0 or dr > 0:
                losses.append((df + dr / max(bd["indicator_rows"][0], 1), name, df, bd["indicator_rows"], pd["indicator_rows"]))
        losses.sort(reverse=True)
        if losses:
            print(f"{v}: " + "; ".join(f"{n} fields -{df:.2f} rows {b[2]}→{p[2]}/{b[0]}"
                                        for _, n, df, b, p in losses[:worst]), file=out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", default="all", choices=("seeds", "pool", "all"))
    ap.add_argument("--only", default="", help="comma-separated variants (orig is always run)")
    ap.add_argument("--json", help="write the figures as JSON to this file")
    ap.add_argument("--tmp", help="folder for the variant texts (default: a new temp folder)")
    ap.add_argument("--worst", type=int, default=6)
    a = ap.parse_args(argv)
    logging.disable(logging.WARNING)
    t0 = time.time()
    only = set(filter(None, a.only.split(",")))
    results, names = run(a.set, only, a.tmp)
    report(results, a.worst)
    print(f"\n{len(names)} reports, {len(results)} variants, {time.time() - t0:.0f} s")
    if a.json:
        slim = {v: {"fields": r["fields"], "indicators": r["indicators"], "indicator_rows_exact": r["indicator_rows_exact"],
                    "attributes": r["indicator_attribute_accuracy"], "errors": r.get("errors", 0),
                    "per_document": r["per_document"]} for v, r in results.items()}
        Path(a.json).write_text(json.dumps({"reports": names, "variants": slim}, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
