"""Every user mistake gets one line on stderr saying what is wrong and what to do, a
non-zero exit status, and no traceback; nothing is created on the way out."""
import os

import pytest

from extract.cli import main

from tests.conftest import SEEDS

SEED = SEEDS / "004_6f163e2949542c61.txt"


def one_line_error(capsys, argv, code=2):
    """Run `jixiao argv`; the exit status is `code` and stderr is exactly one line."""
    status = main([str(a) for a in argv])
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert status == code, err
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_extract_into_a_folder_that_does_not_exist(tmp_path, capsys):
    line = one_line_error(capsys, ["extract", SEED, "-o", tmp_path / "missing_dir" / "x.jsonl", "-q"])
    assert "missing_dir" in line and "does not exist" in line and "mkdir" in line


def test_a_config_file_that_does_not_exist(tmp_path, capsys):
    line = one_line_error(capsys, ["--config", tmp_path / "nope.toml", "extract", SEED, "-q"])
    assert "nope.toml" in line and "not found" in line


def test_a_config_file_with_an_unknown_key(tmp_path, capsys):
    cfg = tmp_path / "jixiao.toml"
    cfg.write_text("[limits]\ntimeout = 3\n")
    line = one_line_error(capsys, ["--config", cfg, "extract", SEED, "-q"])
    assert "unknown key" in line and "timeout" in line and "timeout_seconds" in line   # the known keys are named


def test_a_config_file_with_an_unknown_section_a_wrong_type_or_bad_toml(tmp_path, capsys):
    cfg = tmp_path / "jixiao.toml"
    for text, words in (("[limit]\nmax_pages = 3\n", "unknown section"),
                        ("[limits]\nmax_pages = 'many'\n", "should be a int"),
                        ("[limits\n", "not valid TOML")):
        cfg.write_text(text)
        assert words in one_line_error(capsys, ["--config", cfg, "extract", SEED, "-q"])


def test_evaluate_a_records_file_that_does_not_exist(tmp_path, capsys):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.json").write_text("{}")
    line = one_line_error(capsys, ["evaluate", tmp_path / "gold", tmp_path / "nope.jsonl"])
    assert "records file" in line and "does not exist" in line


def test_evaluate_against_a_gold_folder_that_does_not_exist(tmp_path, capsys):
    records = tmp_path / "r.jsonl"
    assert main(["extract", str(SEED), "-o", str(records), "-q"]) == 0
    line = one_line_error(capsys, ["evaluate", "/nonexistent", records])
    assert "gold folder /nonexistent does not exist" in line


def test_evaluate_records_that_match_no_gold_document(tmp_path, capsys):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "other.json").write_text("{}")
    records = tmp_path / "r.jsonl"
    assert main(["extract", str(SEED), "-o", str(records), "-q"]) == 0
    assert "none of the 1 records" in one_line_error(capsys, ["evaluate", tmp_path / "gold", records])


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_show_into_a_path_that_cannot_be_written(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        line = one_line_error(capsys, ["show", SEED, "--html", locked / "x.html"])
    finally:
        locked.chmod(0o700)
    assert "cannot write" in line and not (locked / "x.html").exists()


def test_show_into_a_path_under_a_file(tmp_path, capsys):
    (tmp_path / "a_file").write_text("x")
    line = one_line_error(capsys, ["show", SEED, "--html", tmp_path / "a_file" / "x.html"])
    assert "cannot write" in line and "--html" in line


def test_show_a_document_that_does_not_exist(tmp_path, capsys):
    page = tmp_path / "x.html"
    line = one_line_error(capsys, ["show", tmp_path / "nope.pdf", "--html", page])
    assert "nope.pdf does not exist" in line
    assert not page.exists()                # no page saying "no review needed"


def test_extract_and_ingest_on_an_empty_folder(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert "no report files" in one_line_error(capsys, ["extract", tmp_path / "empty", "-q"])
    db = tmp_path / "r.sqlite"
    assert "no report files" in one_line_error(capsys, ["ingest", tmp_path / "empty", "--db", db, "-q"])
    assert not db.exists()


def test_ingest_a_folder_that_does_not_exist_creates_no_store(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = one_line_error(capsys, ["ingest", "/nope", "--db", "nope.sqlite", "-q"])
    assert "/nope: no such file or folder" in line
    assert not (tmp_path / "nope.sqlite").exists()


def test_extract_a_file_that_does_not_exist(tmp_path, capsys):
    assert "no such file or folder" in one_line_error(capsys, ["extract", tmp_path / "typo.pdf", "-q"])


def test_each_bad_file_is_named_once(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    status = main(["extract", str(tmp_path / "empty.txt"), str(SEED), "-o", str(tmp_path / "r.jsonl")])
    err = capsys.readouterr().err
    assert status == 1
    assert len([line for line in err.splitlines() if "empty.txt" in line]) == 1, err


def test_verbose_logs_the_reader_the_kind_and_why(tmp_path, caplog):
    assert main(["-v", "extract", str(SEED), "-o", str(tmp_path / "r.jsonl")]) == 0
    err = caplog.text
    assert "read as txt" in err and "tables" in err
    assert "report.kind = " in err and ", from " in err


def test_calibrate_and_train_on_folders_that_do_not_exist(tmp_path, capsys):
    assert "documents folder" in one_line_error(capsys, ["calibrate", tmp_path / "docs", tmp_path / "gold"])
    assert "annotations folder" in one_line_error(capsys, ["train", "--annotations", tmp_path / "nope"])
