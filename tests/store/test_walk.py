"""Folder walks (`jixiao extract` and `jixiao ingest`) read only report formats, skip the
store's own files and the export outputs, say what they skipped, and `--include` widens them."""
import shutil
import sqlite3

from extract.cli import main
from extract.store.ingest import OWN_FILE, UNSUPPORTED, walk
from extract.store.sqlite import Store

from tests.conftest import SEEDS

SEED = SEEDS / "004_6f163e2949542c61.txt"


def _folder(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEED, folder / "report.txt")
    (folder / "notes.md").write_text("# my notes on 2023年度 reports\n")
    (folder / "budget.csv").write_text("a,b\n1,2\n")
    (folder / "out.documents.csv").write_text("path,kind\n")
    (folder / "out.indicators.parquet").write_bytes(b"PAR1")
    (folder / "reports.sqlite").write_bytes(b"SQLite format 3\x00" + bytes(100))
    (folder / "reports.sqlite-wal").write_bytes(bytes(32))
    (folder / "reports.sqlite-shm").write_bytes(bytes(32))
    (folder / "store").write_bytes(b"SQLite format 3\x00" + bytes(100))      # a store without an extension
    return folder


def test_a_walk_reads_report_formats_only_and_skips_jixiao_s_own_files(tmp_path):
    found = walk([_folder(tmp_path)])
    assert [p.rsplit("/", 1)[-1] for p in found.files] == ["report.txt"]
    codes = {p.rsplit("/", 1)[-1]: code for p, code, _ in found.skipped}
    assert codes == {"notes.md": UNSUPPORTED, "budget.csv": UNSUPPORTED, "out.documents.csv": OWN_FILE,
                     "out.indicators.parquet": OWN_FILE, "reports.sqlite": OWN_FILE, "reports.sqlite-wal": OWN_FILE,
                     "reports.sqlite-shm": OWN_FILE, "store": OWN_FILE}
    line = found.summary()
    assert line.startswith("skipped 8 files in folders") and "--include" in line and "store or export" in line


def test_include_widens_the_walk_by_extension_or_glob(tmp_path):
    folder = _folder(tmp_path)
    assert sorted(p.rsplit("/", 1)[-1] for p in walk([folder], include=[".md"]).files) == ["notes.md", "report.txt"]
    assert sorted(p.rsplit("/", 1)[-1] for p in walk([folder], include=["*.csv"]).files) == \
        ["budget.csv", "out.documents.csv", "report.txt"]                # asked for by name: read


def test_a_file_named_directly_is_read_whatever_its_type(tmp_path):
    folder = _folder(tmp_path)
    assert walk([folder / "notes.md"]).files == [str(folder / "notes.md")]


def test_an_export_workbook_in_the_folder_is_not_read_as_a_report(tmp_path):
    from openpyxl import Workbook
    folder = _folder(tmp_path)
    wb = Workbook()
    wb.active.title = "documents"
    wb.create_sheet("indicators")
    wb.save(folder / "export.xlsx")
    assert ("export.xlsx", OWN_FILE) in [(p.rsplit("/", 1)[-1], c) for p, c, _ in walk([folder]).skipped]


def test_extract_says_what_it_skipped(tmp_path, capsys):
    folder = _folder(tmp_path)
    out = tmp_path / "r.jsonl"
    assert main(["extract", str(folder), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped 8 files in folders" in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert main(["extract", str(folder), "--include", ".md", "-o", str(out), "-q"]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_ingest_of_a_folder_holding_its_own_store_and_exports(tmp_path, capsys):
    folder = _folder(tmp_path)
    db = folder / "reports.sqlite"
    db.unlink()
    assert main(["ingest", str(folder), "--db", str(db), "-j", "1", "-q"]) == 0
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(folder / "again")]) == 0
    capsys.readouterr()
    assert main(["ingest", str(folder), "--db", str(db), "-j", "1"]) == 0     # the store's -wal/-shm, the exports
    err = capsys.readouterr().err
    assert "jixiao store or export file" in err
    store = Store(db, readonly=True)
    try:
        assert store.count("documents") == 1
        errors = [row[0] for row in store.query("SELECT path FROM errors")]
    finally:
        store.close()
    names = {e.rsplit("/", 1)[-1] for e in errors}
    assert names == {"notes.md", "budget.csv"}        # listed as not read; the store's own files are no errors
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)
