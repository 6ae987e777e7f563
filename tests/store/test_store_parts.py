"""The store keeps one row per report: documents keyed by (id, part) (issue 14.6), and a
store written before that (layout 2) opens and is migrated with nothing lost."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from extract.config import Config, Models
from extract.pipeline import extract_records
from extract.store.ingest import Options, ingest
from extract.store.sqlite import MIGRATIONS, SCHEMA_VERSION, FileState, Store, part_key

ROOT = Path(__file__).resolve().parents[2]
MULTI = ROOT / "corpus" / "fixtures" / "multi" / "three_projects.xlsx"
SEED = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))[0]
RULES = Config(models=Models(use_models=False))


def state(path: str) -> FileState:
    return FileState(path, 1, 1)


def test_a_layout_2_store_opens_migrated_with_its_documents(tmp_path):
    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db)
    for migration in MIGRATIONS[:2]:
        conn.executescript(migration)
    conn.execute("PRAGMA user_version = 2")
    rec = extract_records(SEED, RULES)[0]
    doc_id = rec["document"]["id"]
    conn.execute("INSERT INTO documents (id, format, record, extracted_at, extractor_version, kind) "
                 "VALUES (?, 'txt', ?, 'now', 'old', 'dept_self_eval_table')", (doc_id, json.dumps(rec)))
    conn.execute("INSERT INTO fields (document_id, ord, slot, value) VALUES (?, 0, 'report.kind', 'x')", (doc_id,))
    conn.execute("INSERT INTO indicators (document_id, ord, name) VALUES (?, 0, '培训人次')", (doc_id,))
    conn.execute("INSERT INTO paths (path, document_id, size, mtime_ns) VALUES ('/r/a.txt', ?, 1, 1)", (doc_id,))
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.version == SCHEMA_VERSION == 3
        assert store.record(doc_id) == rec
        assert [tuple(r) for r in store.query("SELECT id, part, seq FROM documents")] == [(doc_id, "", 0)]
        assert store.count("fields") == 1 and store.count("indicators") == 1
        assert store.path_state("/r/a.txt") == ("document", doc_id, 1, 1)
        store.put_error(state("/r/a.txt"), "corrupt", "gone")          # cascades still work after the move
        assert store.count("documents") == store.count("fields") == store.count("indicators") == 0


def test_every_report_of_a_file_is_a_row_and_replaced_together(tmp_path):
    records = extract_records(MULTI, RULES)
    with Store(tmp_path / "s.sqlite") as store:
        store.put_records(records, [state("/r/book.xlsx")], "test")
        rows = list(store.query("SELECT id, part, seq FROM documents ORDER BY seq"))
        assert [r["part"] for r in rows] == [part_key(r) for r in records]
        assert [json.loads(r["part"])["sheet"] for r in rows] == [r["document"]["part"]["sheet"] for r in records]
        assert store.records(records[0]["document"]["id"]) == records
        for rec in records:
            n = next(store.query("SELECT count(*) FROM indicators WHERE part = ?", (part_key(rec),)))[0]
            assert n == len(rec["indicators"])
        store.put_records(records[:1], [state("/r/book.xlsx")], "test")    # the file re-extracted: one report now
        assert store.count("documents") == 1
        assert store.count("indicators") == len(records[0]["indicators"])


def test_ingest_stores_every_report_of_a_file_once_and_a_rerun_skips_it(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(MULTI, folder / MULTI.name)
    shutil.copy(SEED, folder / SEED.name)
    with Store(tmp_path / "s.sqlite") as store:
        report = ingest([folder], store, RULES, Options(jobs=1, progress=False))
        assert report.ok and report.extracted == 2
        parts = [r[0] for r in store.query("SELECT part FROM documents ORDER BY part")]
        assert len(parts) == 4 and parts[0] == ""
        again = ingest([folder], store, RULES, Options(jobs=1, progress=False))
        assert again.extracted == 0 and again.unchanged == 2
        assert store.count("documents") == 4


def test_the_export_has_a_row_per_report_with_its_part_beside_the_file(tmp_path):
    from extract.store.export import document_table, indicator_table
    records = extract_records(MULTI, RULES)
    with Store(tmp_path / "s.sqlite") as store:
        store.put_records(records, [state("/r/book.xlsx")], "test")
        docs = document_table(store)
        rows = [dict(zip(docs.columns, r)) for r in docs.rows]
        assert docs.columns[:3] == ["file", "part", "department"]
        assert [(r["file"], r["part"], r["project"]) for r in rows] == [
            ("book.xlsx", f"sheet {rec['document']['part']['sheet']}",
             next(f["value"]["raw"] for f in rec["fields"] if f["slot"] == "report.project_name")) for rec in records]
        inds = indicator_table(store)
        irows = [dict(zip(inds.columns, r)) for r in inds.rows]
        assert len(irows) == sum(len(r["indicators"]) for r in records)
        assert {(r["part"], r["project"]) for r in irows} == {(row["part"], row["project"]) for row in rows}


def test_the_dask_engine_stores_every_report_of_a_file_as_the_local_engine_does(tmp_path):
    import pytest
    pytest.importorskip("distributed")
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(MULTI, folder / MULTI.name)
    stored = {}
    for engine in ("local", "dask"):
        with Store(tmp_path / f"{engine}.sqlite") as store:
            report = ingest([folder], store, RULES, Options(jobs=1, engine=engine, progress=False))
            assert report.ok and report.extracted == 1
            stored[engine] = [(r["part"], r["seq"], json.loads(r["record"])["fields"])
                              for r in store.query("SELECT part, seq, record FROM documents ORDER BY seq")]
    assert len(stored["local"]) == 3 and stored["dask"] == stored["local"]
