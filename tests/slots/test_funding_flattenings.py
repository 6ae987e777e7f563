"""The funding block read in every flattening a copy gives it (TEMPLATES.md's 项目资金 block).

For each judged report (pool and seeds) whose gold states three or more of the total row's
cells, the form's funding block is rebuilt from the gold (columns 年初预算数 · 全年预算数 · 全年执行数
· 分值 · 执行率 · 得分 over rows 年度资金总额 · 其中：当年财政拨款 · 上年结转资金 · 其他资金, a cell
empty where the gold has none) under a form title, flattened one way, and read back. The gold
is the form's own content, so every figure lost is lost by a reader, and no figure may be read
wrong. The counts are what the readers read now (a floor), of 220 figures.
"""
from __future__ import annotations

import json

import pytest

from extract.config import Config, replace_models
from extract.pipeline import extract_path

from tests.conftest import GOLD, POOL_GOLD

CFG = replace_models(Config(), use_models=False)
ROWS = [("total", "年度资金总额"), ("fiscal", "其中：当年财政拨款"), ("carryover", "上年结转资金"), ("other", "其他资金")]
COLS = [("initial_budget", "年初预算数"), ("full_year_budget", "全年预算数"), ("executed", "全年执行数"),
        ("weight", "分值"), ("execution_rate", "执行率"), ("score", "得分")]


def _num(x) -> str:
    return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)


def _judged() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(POOL_GOLD.glob("*.json")) + sorted(GOLD.glob("*.json")):
        fields = json.loads(path.read_text(encoding="utf-8"))["fields"]
        f = {k: v for k, v in fields.items() if k.startswith("funding.")}
        if len([k for k in f if k.startswith("funding.total.")]) >= 3 and all(isinstance(v, (int, float))
                                                                             for v in f.values()):
            out.append((path.stem, f))
    return out


def _grid(f: dict) -> tuple[list[str], list[list[str]]]:
    cols = [c for c in COLS if any(f"funding.{r}.{c[0]}" in f for r, _ in ROWS)]
    body = []
    for rk, rl in ROWS:
        if not any(k.startswith(f"funding.{rk}.") for k in f):
            continue
        row = [rl]
        for ck, _ in cols:
            v = f.get(f"funding.{rk}.{ck}")
            row.append("" if v is None else _num(v) + ("%" if ck == "execution_rate" else ""))
        body.append(row)
    return ["项目资金（万元）"] + [w for _, w in cols], body


def _full(r):
    return [c for c in r if c]


def _two_lines(h):
    cut = [(c[:2], c[2:]) if len(c) > 3 else (c, "") for c in h[1:]]
    return [h[0]] + [a for a, _ in cut] + [z for _, z in cut if z]


def _layout_centred(h, b):
    cut = [(c[:4], c[4:]) if len(c) > 4 else (c, "") for c in h[1:]]
    lines = ["  ".join(a for a, z in cut if z), "  ".join([h[0]] + [a for a, z in cut if not z]),
             "  ".join(z for _, z in cut if z)]
    return "\n".join(lines + ["   ".join(_full(r)) for r in b])


FLATTENINGS = {   # name: (render, figures read at least)
    "tabs": (lambda h, b: "\n".join("\t".join(r) for r in [h] + b), 217),
    "pipes_lost_empty": (lambda h, b: "\n".join("| " + " | ".join(_full(r)) + " |" for r in [h] + b), 216),
    "one_cell_per_line": (lambda h, b: "\n".join(c for r in [h] + b for c in _full(r)), 216),
    "run_on": (lambda h, b: " ".join(c for r in [h] + b for c in _full(r)), 216),
    "header_two_lines": (lambda h, b: " ".join(_two_lines(h) + [c for r in b for c in _full(r)]), 216),
    "header_layout_centred": (_layout_centred, 216),
    "column_major": (lambda h, b: "\n".join(c for j in range(len(h)) for c in _full([h[j]] + [r[j] for r in b])), 203),
    "labels_after": (lambda h, b: " ".join(h[1:] + [c for r in b for c in _full(r[1:])] + [h[0]] + [r[0] for r in b]),
                     184),
    "row_label_wrapped_around_figures": (lambda h, b: " ".join(h + [c for r in b for c in _full([r[0][:-2]] + r[1:] + [r[0][-2:]])]),
                                         215),
    "labels_first": (lambda h, b: " ".join([h[0]] + [r[0] for r in b] + h[1:] + [c for r in b for c in _full(r[1:])]),
                     184),
    # run on, the header's last label (得分) lost from the copy: the rows' cells still stand in the form's order
    "run_on_last_label_lost": (lambda h, b: " ".join((h[:-1] if h[-1] == "得分" else h)
                                                     + [c for r in b for c in _full(r)]), 177),
}


@pytest.fixture(scope="module")
def judged():
    return _judged()


@pytest.mark.parametrize("name", list(FLATTENINGS))
def test_the_funding_block_is_read_in_each_flattening_and_never_wrong(tmp_path, judged, name):
    render, floor = FLATTENINGS[name]
    read = wrong = 0
    for doc, f in judged:
        p = tmp_path / f"{doc}.txt"
        p.write_text("2021年度项目支出绩效自评表\n项目名称\t某某项目\n主管部门\t某某局\n" + render(*_grid(f))
                     + "\n年度总体目标\t完成任务\n", encoding="utf-8")
        got = {x["slot"]: x["value"]["value"] for x in extract_path(p, CFG)["fields"]
               if x["slot"].startswith("funding.")}
        for slot, value in f.items():
            if slot in got:
                read += abs(got[slot] - value) < 1e-6
                wrong += abs(got[slot] - value) >= 1e-6
    assert wrong == 0
    assert read >= floor
