"""Accuracy against the gold files, scored by the reference scorer itself.

The bar of the issue: seeds fields F1 ≥ 0.95, indicators F1 ≥ 0.95, indicator rows exact
F1 ≥ 0.85; pool fields F1 ≥ 0.75 and no crash on any file.
"""
import json
import subprocess
import sys

import pytest

from extract.pipeline import extract_path

from tests.conftest import GOLD, POOL, POOL_GOLD, SEEDS, SHARED


def _score(records, tmp_path, gold_dir):
    out = tmp_path / "records.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold_dir), str(out), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def seed_records():
    return [extract_path(p) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def pool_records():
    return [extract_path(p) for p in sorted(POOL.glob("p*.txt"))]


def test_seeds_meet_the_bar(seed_records, tmp_path, shared):
    res = _score(seed_records, tmp_path, GOLD)
    assert res["fields"]["f1"] >= 0.95, res["fields"]
    assert res["indicators"]["f1"] >= 0.95, res["indicators"]
    assert res["indicator_rows_exact"]["f1"] >= 0.85, res["indicator_rows_exact"]


def test_pool_meets_the_bar_without_a_crash(pool_records, tmp_path, shared):
    assert not [r["document"]["path"] for r in pool_records if r.get("error")]
    res = _score(pool_records, tmp_path, POOL_GOLD)
    assert res["missing_documents"] == []
    assert res["fields"]["f1"] >= 0.75, res["fields"]


def test_every_span_points_at_its_raw_text(seed_records):
    for rec in seed_records:
        text = open(rec["document"]["path"], encoding="utf-8").read()
        for f in rec["fields"]:
            if f["slot"] in ("report.kind",):
                continue
            s = f["span"]
            raw = f["value"]["raw"]
            assert "".join(text[s["start"]:s["end"]].split()) == "".join(str(raw).split()), f
