"""Models are found wherever jixiao runs: the same records from any working directory, config
paths relative to the config file, and a missing or damaged model is one warning and a field
in the record (`extractor.models`), never a silent fallback."""
import json
import subprocess
import sys
from pathlib import Path

from extract.config import PROJECT_ROOT, Config, load_config, model_path

from tests.conftest import SEEDS

JIXIAO = Path(sys.executable).parent / "jixiao"


def _run(cwd, *args):
    return subprocess.run([str(JIXIAO), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=600)


def _records(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def test_records_are_the_same_from_the_repository_root_and_from_any_folder(tmp_path):
    here, there = tmp_path / "root.jsonl", tmp_path / "elsewhere.jsonl"
    elsewhere = tmp_path / "data"
    elsewhere.mkdir()
    assert _run(PROJECT_ROOT, "extract", SEEDS, "-o", here).returncode == 0
    run = _run(elsewhere, "extract", SEEDS, "-o", there)
    assert run.returncode == 0
    assert "WARNING" not in run.stderr
    a, b = _records(here), _records(there)
    assert a == b
    assert all(r["extractor"]["models"] == {"lexicon": "ok", "pipeline": "ok", "linker": "ok", "calibrator": "ok"}
               for r in a)


def test_shipped_model_paths_resolve_beside_the_package_not_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert model_path(Config().models.calibrator) == PROJECT_ROOT / "models" / "calibration.json"
    assert model_path(tmp_path / "x.json") == tmp_path / "x.json"


def test_relative_model_paths_in_a_config_file_are_relative_to_that_file(tmp_path, monkeypatch):
    (tmp_path / "conf").mkdir()
    cfg = tmp_path / "conf" / "jixiao.toml"
    cfg.write_text('[models]\ncalibrator = "../mine/cal.json"\nuse_models = true\n')
    monkeypatch.chdir(PROJECT_ROOT)
    models = load_config(cfg).models
    assert Path(models.calibrator) == tmp_path / "mine" / "cal.json"
    assert models.pipeline == Config().models.pipeline          # not in the file: the shipped default


def test_a_missing_or_damaged_model_is_one_warning_and_a_field_in_every_record(tmp_path):
    (tmp_path / "bad_lexicon.json").write_text("{not json")
    cfg = tmp_path / "jixiao.toml"
    cfg.write_text('[models]\ncalibrator = "nowhere.json"\nlexicon = "bad_lexicon.json"\n')
    out = tmp_path / "r.jsonl"
    run = _run(tmp_path, "--config", cfg, "extract", SEEDS, "-o", out)
    assert run.returncode == 0
    warnings = [line for line in run.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 2, run.stderr                          # once per run, not once per document
    assert any("calibrator" in w and "nowhere.json" in w and "missing" in w for w in warnings)
    assert any("lexicon" in w and "cannot be read" in w for w in warnings)
    for r in _records(out):
        assert r["extractor"]["models"]["calibrator"] == "missing"
        assert r["extractor"]["models"]["lexicon"] == "unreadable"
        assert r["extractor"]["models"]["pipeline"] == "ok"


def test_models_switched_off_say_so_in_the_record(tmp_path):
    cfg = tmp_path / "jixiao.toml"
    cfg.write_text("[models]\nuse_models = false\n")
    out = tmp_path / "r.jsonl"
    run = _run(tmp_path, "--config", cfg, "extract", SEEDS / "004_6f163e2949542c61.txt", "-o", out)
    assert run.returncode == 0 and "WARNING" not in run.stderr
    assert set(_records(out)[0]["extractor"]["models"].values()) == {"off"}


def test_ingest_says_once_that_a_model_is_missing_though_its_workers_load_them(tmp_path):
    cfg = tmp_path / "jixiao.toml"
    cfg.write_text('[models]\ncalibrator = "nowhere.json"\n')
    run = _run(tmp_path, "--config", cfg, "ingest", SEEDS, "--db", tmp_path / "r.sqlite", "-j", "2", "-q")
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "nowhere.json" in warnings[0], run.stderr
