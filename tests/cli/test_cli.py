"""The command line: records out, spans into `jixiao text`, bad files named, the rest still out."""
import json
import subprocess
import sys

from extract.cli import main

from tests.conftest import SEEDS


def _records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_extract_writes_one_schema_record_per_document(tmp_path):
    out = tmp_path / "r.jsonl"
    assert main(["extract", str(SEEDS), "-o", str(out), "-q"]) == 0
    recs = _records(out)
    assert len(recs) == 5
    for r in recs:
        assert r["schema_version"] == "1"
        assert len(r["document"]["id"]) == 64 and r["document"]["format"] == "txt"
        for f in r["fields"]:
            assert set(f) >= {"slot", "value", "span", "evidence", "confidence", "needs_review", "reasons"}
            assert 0.0 <= f["confidence"] <= 1.0


def test_spans_index_the_text_that_jixiao_text_prints(tmp_path):
    seed = SEEDS / "003_a0527484f83c9cee.txt"
    text = subprocess.run([sys.executable, "-m", "extract.cli", "text", str(seed)],
                          capture_output=True, text=True, check=True).stdout
    out = tmp_path / "r.jsonl"
    main(["extract", str(seed), "-o", str(out), "-q"])
    rec = _records(out)[0]
    basic = next(f for f in rec["fields"] if f["slot"] == "expenditure.basic")
    assert text[basic["span"]["start"]:basic["span"]["end"]] == basic["value"]["raw"]


def test_bad_files_get_a_specific_error_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "fake.pdf").write_bytes(b"<html><body>not a pdf</body></html>")
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024 + 1)
    (tmp_path / "notes.xyz").write_text("x")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes((SEEDS / "004_6f163e2949542c61.txt").read_text(encoding="utf-8").encode("gb18030"))
    cfg = tmp_path / "jixiao.toml"
    cfg.write_text("[limits]\nmax_bytes = 52428800\n")
    out = tmp_path / "r.jsonl"
    files = ["empty.txt", "junk.txt", "huge.txt", "notes.xyz", "gbk.txt"]
    code = main(["--config", str(cfg), "extract", *[str(tmp_path / f) for f in files], "-o", str(out), "-q"])
    assert code == 1
    recs = {r["document"]["path"].rsplit("/", 1)[-1]: r for r in _records(out)}
    assert recs["empty.txt"]["error"].startswith("empty:")
    assert recs["junk.txt"]["error"].split(":")[0] in ("binary", "undecodable")
    assert recs["huge.txt"]["error"].startswith("too_large:")
    assert recs["notes.xyz"]["error"].startswith("unsupported_format:")
    assert "error" not in recs["gbk.txt"]
    assert any(f["slot"] == "staff.authorized" and f["value"]["value"] == 23 for f in recs["gbk.txt"]["fields"])
    for name in ("empty.txt", "junk.txt", "huge.txt"):
        assert recs[name]["fields"] == [] and "Traceback" not in recs[name]["error"]


def test_every_command_has_help():
    from extract.cli import build_parser
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        assert p.format_help().strip(), name
