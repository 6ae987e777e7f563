"""The SQLite store: versioned layout, one transaction per document, content-hash identity."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from extract.config import Config, Models
from extract.pipeline import extract_path
from extract.store.sqlite import MIGRATIONS, SCHEMA_VERSION, FileState, Store, StoreError

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "seeds"   # as in conftest.py

SEED_FILES = sorted(SEEDS.glob("*.txt"))

RULES = Config(models=Models(use_models=False))   # records of the rules alone: fast, no model load


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [extract_path(p, RULES) for p in SEED_FILES]


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "s.sqlite") as s:
        yield s


def state(path: str, size: int = 1, mtime: int = 1) -> FileState:
    return FileState(path, size, mtime)


def test_a_new_store_is_at_the_latest_layout_in_wal_mode(store):
    assert store.version == SCHEMA_VERSION == len(MIGRATIONS)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_older_store_is_migrated_on_open(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with Store(path) as s:
        assert s.version == SCHEMA_VERSION
        indexes = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "documents_department" in indexes          # from the second migration


def test_a_store_from_a_newer_jixiao_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("these are not the tables you are looking for " * 50)
    with pytest.raises(StoreError, match="not a jixiao store"):
        Store(path)


def test_reading_a_missing_store_says_to_ingest_first(tmp_path):
    with pytest.raises(StoreError, match="jixiao ingest"):
        Store(tmp_path / "none.sqlite", readonly=True)


def test_a_document_is_stored_whole_with_its_fields_and_indicators(store, records):
    rec = records[1]
    store.put_document(rec, [state("/r/a.txt")], "test")
    doc_id = rec["document"]["id"]
    assert store.record(doc_id) == rec                      # the full record, numbers and all
    assert store.count("fields") == len(rec["fields"])
    assert store.count("indicators") == len(rec["indicators"])
    for f, row in zip(rec["fields"], store.query("SELECT * FROM fields ORDER BY ord")):
        assert (row["slot"], row["raw"], row["value"], row["unit"]) == \
               (f["slot"], f["value"]["raw"], f["value"]["value"], f["value"]["unit"])
        assert type(row["value"]) is type(f["value"]["value"])   # 50 stays int, 9412.7 stays float


def test_the_document_row_carries_kind_department_and_year(store, records):
    rec = next(r for r in records if any(f["slot"] == "report.department" for f in r["fields"]))
    store.put_document(rec, [state("/r/a.txt")], "test")
    row = next(store.query("SELECT * FROM documents"))
    slot = {f["slot"]: f["value"]["value"] for f in rec["fields"]}
    assert row["department"] == slot["report.department"]
    assert row["kind"] == slot.get("report.kind")
    assert row["fiscal_year"] == slot.get("report.fiscal_year")
    assert row["needs_review"] == int(rec["review"]["needs_review"])


def test_the_same_bytes_under_two_names_are_one_document_with_two_paths(store, records):
    store.put_document(records[0], [state("/r/a.txt")], "test")
    store.put_document(records[0], [state("/r/copy of a.txt")], "test")
    assert store.count("documents") == 1
    assert store.count("paths") == 2
    assert store.count("fields") == len(records[0]["fields"])   # re-storing replaces, never doubles


def test_a_path_moved_to_new_bytes_drops_the_old_document_when_nothing_else_holds_it(store, records):
    old, new = records[0], records[1]
    store.put_document(old, [state("/r/a.txt")], "test")
    store.put_document(new, [state("/r/a.txt", size=2)], "test")
    assert [r["id"] for r in store.query("SELECT id FROM documents")] == [new["document"]["id"]]
    assert store.count("fields") == len(new["fields"])


def test_a_path_moved_to_new_bytes_keeps_the_old_document_another_path_holds(store, records):
    old, new = records[0], records[1]
    store.put_document(old, [state("/r/a.txt"), state("/r/b.txt")], "test")
    store.put_document(new, [state("/r/a.txt", size=2)], "test")
    assert store.count("documents") == 2
    assert store.path_state("/r/b.txt")[1] == old["document"]["id"]


def test_an_error_unlinks_the_path_and_a_later_success_clears_it(store, records):
    store.put_document(records[0], [state("/r/a.txt")], "test")
    store.put_error(state("/r/a.txt", size=3), "corrupt", "damaged")
    assert store.count("documents") == 0
    assert store.error("/r/a.txt") == ("corrupt", "damaged")
    assert store.path_state("/r/a.txt") == ("error", "", 3, 1)
    store.put_document(records[0], [state("/r/a.txt", size=4)], "test")
    assert store.error("/r/a.txt") is None
    assert store.path_state("/r/a.txt") == ("document", records[0]["document"]["id"], 4, 1)


def test_a_document_that_fails_half_way_leaves_nothing_behind(store, records):
    bad = json.loads(json.dumps(records[1]))
    assert bad["fields"], "the seed must give fields for this test"
    bad["fields"][-1]["value"]["value"] = {"not": "storable"}     # sqlite refuses a dict
    with pytest.raises(sqlite3.Error):
        store.put_document(bad, [state("/r/a.txt")], "test")
    assert (store.count("documents"), store.count("fields"), store.count("paths")) == (0, 0, 0)
