"""The issue's accuracy bar: the PDF and DOCX versions of the seeds score like the text.

Each format's records are scored with the reference scorer (../shared/eval/score.py)
against the seeds' gold files; fields F1 and indicators F1 must be within 0.02 of the
scores of the same reports read as text. What is measured is the readers: the
extraction core after them is the same for every format.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extract.config import Config
from extract.pipeline import extract_path

from reader_helpers import FIXTURES, ROOT, SEEDS, STEMS

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
GOLD = ROOT.parent / "shared" / "corpus" / "gold"
TOLERANCE = 0.02


def _score(paths, tmp_path, name: str) -> dict:
    out = tmp_path / f"{name}.jsonl"
    config = Config()
    with out.open("w", encoding="utf-8") as fh:
        for p in paths:
            fh.write(json.dumps(extract_path(p, config), ensure_ascii=False) + "\n")
    done = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(out), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def text_scores(tmp_path_factory):
    return _score([SEEDS / f"{s}.txt" for s in STEMS], tmp_path_factory.mktemp("txt"), "txt")


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_scores_match_the_text_versions(fmt, text_scores, tmp_path):
    scores = _score([FIXTURES / fmt / f"{s}.{fmt}" for s in STEMS], tmp_path, fmt)
    assert not scores["missing_documents"]
    for part in ("fields", "indicators"):
        got, want = scores[part]["f1"], text_scores[part]["f1"]
        assert got >= want - TOLERANCE, f"{fmt} {part} F1 {got:.3f} vs text {want:.3f}"
