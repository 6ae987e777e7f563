"""`jixiao evaluate` prints exactly what the reference scorer prints."""
import subprocess
import sys

from extract.cli import main

from tests.conftest import GOLD, POOL, POOL_GOLD, SEEDS, SHARED


def _both(tmp_path, capsys, docs, gold):
    records = tmp_path / "r.jsonl"
    assert main(["extract", *map(str, docs), "-o", str(records), "-q"]) == 0
    capsys.readouterr()
    main(["evaluate", str(gold), str(records)])
    ours = capsys.readouterr().out.strip()
    ref = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(records)],
                         capture_output=True, text=True, check=True).stdout.strip()
    return ours, ref


def test_agrees_with_the_reference_scorer_on_the_seeds(tmp_path, capsys, shared):
    ours, ref = _both(tmp_path, capsys, sorted(SEEDS.glob("*.txt")), GOLD)
    assert ours == ref and "fields" in ours


def test_agrees_with_the_reference_scorer_on_the_pool(tmp_path, capsys, shared):
    ours, ref = _both(tmp_path, capsys, sorted(POOL.glob("p*.txt"))[:15], POOL_GOLD)
    assert ours == ref
