"""A plain `pip install` (no Makefile, so no pkuseg) gives a working tool: the trained parts
are skipped with one warning saying what to install, the rules still run, exit 0. And the
first run after an install says what it builds and how long it took."""
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

# runs `jixiao ARGS` in a Python where `import pkuseg` finds nothing, as after `pip install -e .`
WITHOUT_PKUSEG = """
import importlib.util, sys
_find = importlib.util.find_spec
importlib.util.find_spec = lambda name, *a, **k: None if name == "pkuseg" else _find(name, *a, **k)
from extract.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _extract_seeds(tmp_path, argv_prefix):
    out = tmp_path / "r.jsonl"
    run = subprocess.run([*argv_prefix, "extract", str(SEEDS), "-o", str(out)], cwd=tmp_path,
                         capture_output=True, text=True, timeout=600)
    return run, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []


def _check_rules_only(run, records):
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, run.stderr
    assert "pkuseg" in warnings[0] and "make install" in warnings[0] and "the rules still run" in warnings[0]
    assert len(records) == 5 and not any(r.get("error") for r in records)
    assert sum(len(r["fields"]) for r in records) > 50                     # the rules did their work
    for r in records:
        assert r["extractor"]["models"]["pipeline"] == "skipped"
        assert r["extractor"]["models"]["linker"] == "skipped"


def test_without_pkuseg_the_rules_run_with_one_warning(tmp_path):
    _check_rules_only(*_extract_seeds(tmp_path, [sys.executable, "-c", WITHOUT_PKUSEG]))


@pytest.mark.skipif(importlib.util.find_spec("pkuseg") is not None, reason="pkuseg is installed here (make install)")
def test_a_plain_pip_install_extracts_with_the_rules_and_one_warning(tmp_path):
    _check_rules_only(*_extract_seeds(tmp_path, [str(Path(sys.executable).parent / "jixiao")]))


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("pkuseg") is None, reason="needs pkuseg (make install)")
def test_the_first_run_says_what_it_builds_and_how_long_it_took(tmp_path):
    env = {**os.environ, "JIXIAO_CACHE_DIR": str(tmp_path / "cache")}
    seed = SEEDS / "004_6f163e2949542c61.txt"
    first = subprocess.run([str(Path(sys.executable).parent / "jixiao"), "extract", str(seed), "-q"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    assert "building the word segmenter's cache" in first.stderr and "about 15 s" in first.stderr
    assert "segmenter cache built in" in first.stderr
    again = subprocess.run([str(Path(sys.executable).parent / "jixiao"), "extract", str(seed), "-q"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "building" not in again.stderr
