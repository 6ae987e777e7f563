"""The SQLite store that bulk ingestion writes and `export`/`stats` read.

One file, no server: the embedded default for tens of thousands of reports. A document
is keyed by the sha256 of its bytes and its `part` (a file that holds several reports
has a row per report, SCHEMA.md `document.part`), so the same report under two names is
stored once with both paths kept, and a re-run can tell what is already done. Each file
is written in one transaction (its documents, fields, indicators, paths, cleared errors), so a
run killed at any instant leaves every document either fully stored or absent: a
restart finishes the batch with nothing lost and nothing twice. WAL mode lets `stats`
and `export` read while an ingest writes.

The layout is versioned by `PRAGMA user_version`; `MIGRATIONS` are applied in order on
open, so an older store is brought up to date and a newer one is refused.
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

# Each entry brings the store from version i to i + 1. Append, never edit a released one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,            -- sha256 of the file's bytes
        format TEXT, pages INTEGER, chars INTEGER,
        kind TEXT, department TEXT, fiscal_year,
        record TEXT NOT NULL,           -- the full record JSON, as extract_path returned it
        needs_review INTEGER NOT NULL DEFAULT 0,
        extracted_at TEXT NOT NULL,
        extractor_version TEXT NOT NULL
    );
    CREATE TABLE paths (
        path TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        size INTEGER, mtime_ns INTEGER, seen_at TEXT
    );
    CREATE INDEX paths_document ON paths(document_id);
    CREATE TABLE fields (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL, slot TEXT NOT NULL,
        raw TEXT, op TEXT, value, unit TEXT,   -- `value` untyped: ints, floats and texts stay as given
        evidence TEXT, start INTEGER, "end" INTEGER, page INTEGER,
        confidence REAL, needs_review INTEGER, reasons TEXT,
        PRIMARY KEY (document_id, ord)
    );
    CREATE INDEX fields_slot ON fields(slot);
    CREATE TABLE indicators (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        level1 TEXT, level2 TEXT, name TEXT, content TEXT,
        target_raw TEXT, target_op TEXT, target_value, target_unit TEXT,
        actual_raw TEXT, actual_op TEXT, actual_value, actual_unit TEXT,
        weight, score, deviation TEXT,
        confidence REAL, needs_review INTEGER, reasons TEXT,
        PRIMARY KEY (document_id, ord)
    );
    CREATE TABLE errors (
        path TEXT PRIMARY KEY,
        document_id TEXT,               -- sha256 when the bytes could be read, else ''
        code TEXT NOT NULL, message TEXT NOT NULL,
        size INTEGER, mtime_ns INTEGER, at TEXT
    );
    CREATE INDEX errors_code ON errors(code);
    """,
    """
    CREATE INDEX documents_year_kind ON documents(fiscal_year, kind);
    CREATE INDEX documents_department ON documents(department);
    """,
    # 3: several reports in one file (SCHEMA.md document.part): a document is keyed by
    # (id, part); `part` is the record's document.part as canonical JSON, '' for a file with
    # one report; `seq` its place in the file. Paths point at a file's hash (all its parts).
    """
    ALTER TABLE documents RENAME TO documents_v2;
    CREATE TABLE documents (
        id TEXT NOT NULL,               -- sha256 of the file's bytes
        part TEXT NOT NULL DEFAULT '',  -- document.part as JSON ('' when the file holds one report)
        seq INTEGER NOT NULL DEFAULT 0, -- the report's place in its file
        format TEXT, pages INTEGER, chars INTEGER,
        kind TEXT, department TEXT, fiscal_year,
        record TEXT NOT NULL,
        needs_review INTEGER NOT NULL DEFAULT 0,
        extracted_at TEXT NOT NULL,
        extractor_version TEXT NOT NULL,
        PRIMARY KEY (id, part)
    );
    INSERT INTO documents (id, part, seq, format, pages, chars, kind, department, fiscal_year, record,
                           needs_review, extracted_at, extractor_version)
        SELECT id, '', 0, format, pages, chars, kind, department, fiscal_year, record,
               needs_review, extracted_at, extractor_version FROM documents_v2;
    ALTER TABLE fields RENAME TO fields_v2;
    CREATE TABLE fields (
        document_id TEXT NOT NULL, part TEXT NOT NULL DEFAULT '',
        ord INTEGER NOT NULL, slot TEXT NOT NULL,
        raw TEXT, op TEXT, value, unit TEXT,
        evidence TEXT, start INTEGER, "end" INTEGER, page INTEGER,
        confidence REAL, needs_review INTEGER, reasons TEXT,
        PRIMARY KEY (document_id, part, ord),
        FOREIGN KEY (document_id, part) REFERENCES documents(id, part) ON DELETE CASCADE
    );
    INSERT INTO fields SELECT document_id, '', ord, slot, raw, op, value, unit, evidence, start, "end", page,
                              confidence, needs_review, reasons FROM fields_v2;
    ALTER TABLE indicators RENAME TO indicators_v2;
    CREATE TABLE indicators (
        document_id TEXT NOT NULL, part TEXT NOT NULL DEFAULT '',
        ord INTEGER NOT NULL,
        level1 TEXT, level2 TEXT, name TEXT, content TEXT,
        target_raw TEXT, target_op TEXT, target_value, target_unit TEXT,
        actual_raw TEXT, actual_op TEXT, actual_value, actual_unit TEXT,
        weight, score, deviation TEXT,
        confidence REAL, needs_review INTEGER, reasons TEXT,
        PRIMARY KEY (document_id, part, ord),
        FOREIGN KEY (document_id, part) REFERENCES documents(id, part) ON DELETE CASCADE
    );
    INSERT INTO indicators SELECT document_id, '', ord, level1, level2, name, content,
                                  target_raw, target_op, target_value, target_unit,
                                  actual_raw, actual_op, actual_value, actual_unit, weight, score, deviation,
                                  confidence, needs_review, reasons FROM indicators_v2;
    ALTER TABLE paths RENAME TO paths_v2;
    CREATE TABLE paths (
        path TEXT PRIMARY KEY,
        document_id TEXT NOT NULL,      -- the file's hash: every documents row with this id
        size INTEGER, mtime_ns INTEGER, seen_at TEXT
    );
    INSERT INTO paths SELECT path, document_id, size, mtime_ns, seen_at FROM paths_v2;
    DROP TABLE fields_v2;
    DROP TABLE indicators_v2;
    DROP TABLE paths_v2;
    DROP TABLE documents_v2;
    CREATE INDEX paths_document ON paths(document_id);
    CREATE INDEX fields_slot ON fields(slot);
    CREATE INDEX documents_year_kind ON documents(fiscal_year, kind);
    CREATE INDEX documents_department ON documents(department);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store file cannot be used (newer layout, not a SQLite file, ...)."""


@dataclass(frozen=True)
class FileState:
    """What the filesystem says about a path: enough to skip it without reading it."""
    path: str
    size: int
    mtime_ns: int


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _slot_value(record: dict, slot: str) -> Any:
    for f in record.get("fields") or []:
        if f.get("slot") == slot:
            value = f.get("value") or {}
            return value.get("value") if value.get("value") is not None else value.get("raw")
    return None


def _value_columns(value: Optional[dict]) -> tuple:
    value = value or {}
    return value.get("raw"), value.get("op"), value.get("value"), value.get("unit")


def _span_columns(span: Optional[dict]) -> tuple:
    span = span or {}
    return span.get("start"), span.get("end"), span.get("page")


def part_key(record_or_part: Optional[dict]) -> str:
    """The store's key of a record's `document.part` (or of a part): canonical JSON, ''
    for a file with one report."""
    part = record_or_part
    if part and "document" in part:
        part = (part.get("document") or {}).get("part")
    return json.dumps(part, ensure_ascii=False, sort_keys=True, separators=(",", ":")) if part else ""


def field_rows(doc_id: str, record: dict) -> list[tuple]:
    """The `fields` rows of one record, in record order."""
    rows = []
    part = part_key(record)
    for i, f in enumerate(record.get("fields") or []):
        rows.append((doc_id, part, i, f.get("slot"), *_value_columns(f.get("value")), f.get("evidence"),
                     *_span_columns(f.get("span")), f.get("confidence"), int(bool(f.get("needs_review"))),
                     json.dumps(f.get("reasons") or [], ensure_ascii=False)))
    return rows


def indicator_rows(doc_id: str, record: dict) -> list[tuple]:
    """The `indicators` rows of one record, in record order."""
    rows = []
    part = part_key(record)
    for i, ind in enumerate(record.get("indicators") or []):
        rows.append((doc_id, part, i, ind.get("level1"), ind.get("level2"), ind.get("name"), ind.get("content"),
                     *_value_columns(ind.get("target")), *_value_columns(ind.get("actual")),
                     ind.get("weight"), ind.get("score"), ind.get("deviation"),
                     ind.get("confidence"), int(bool(ind.get("needs_review"))),
                     json.dumps(ind.get("reasons") or [], ensure_ascii=False)))
    return rows


class Store:
    """A connection to one store file. Not shared between processes: workers only
    extract; the parent process owns the store and writes every row."""

    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        if readonly and not Path(self.path).exists():
            raise StoreError(f"{self.path} does not exist: run `jixiao ingest ... --db {self.path}` first")
        if not readonly:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            self.conn.execute("PRAGMA busy_timeout = 30000")
            self.conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path} is not a jixiao store ({e})") from None
        self.conn.execute("PRAGMA synchronous = NORMAL")   # durable against a killed process (WAL)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.migrate()

    # --- lifecycle --------------------------------------------------------------------
    def migrate(self) -> int:
        """Apply the migrations this file lacks, each in its own transaction."""
        version = self.version
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has store layout {version}, newer than this jixiao's "
                             f"{SCHEMA_VERSION}; upgrade jixiao to read it")
        for i in range(version, SCHEMA_VERSION):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if self.version != i:      # another process migrated meanwhile
                    self.conn.execute("ROLLBACK")
                    continue
                for statement in MIGRATIONS[i].split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {i + 1}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return self.version

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _transaction(self) -> "_Tx":
        return _Tx(self.conn)

    # --- what is done -----------------------------------------------------------------
    def path_state(self, path: str) -> Optional[tuple[str, str, int, int]]:
        """(kind, document_id, size, mtime_ns) of what the store knows of `path`:
        kind is 'document' or 'error'; None for a path never seen."""
        row = self.conn.execute("SELECT document_id, size, mtime_ns FROM paths WHERE path = ?",
                                (path,)).fetchone()
        if row:
            return ("document", *row)
        row = self.conn.execute("SELECT document_id, size, mtime_ns FROM errors WHERE path = ?",
                                (path,)).fetchone()
        if row:
            return ("error", *row)
        return None

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def error(self, path: str) -> Optional[tuple[str, str]]:
        """(code, message) of the error stored for `path`, if any."""
        row = self.conn.execute("SELECT code, message FROM errors WHERE path = ?", (path,)).fetchone()
        return (row[0], row[1]) if row else None

    # --- writing ------------------------------------------------------------------------
    def put_document(self, record: dict, files: Iterable[FileState], extractor_version: str) -> None:
        """`put_records` of a file that holds one report."""
        self.put_records([record], files, extractor_version)

    def put_records(self, records: list[dict], files: Iterable[FileState], extractor_version: str) -> None:
        """Store every record of one file (one per report it holds, SCHEMA.md) and link every
        path that holds its bytes, in one transaction. Re-storing the same id replaces all
        its rows; a path that pointed to other bytes before is moved here and its old
        document dropped if now unreferenced."""
        if not records:
            raise ValueError("put_records needs at least one record")
        doc_id = records[0]["document"]["id"]
        if any(r["document"]["id"] != doc_id for r in records):
            raise ValueError("put_records stores the records of one file: their document ids differ")
        files = list(files)
        with self._transaction() as c:
            c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))    # every part; fields, indicators cascade
            for seq, record in enumerate(records):
                doc = record["document"]
                c.execute(
                    "INSERT INTO documents (id, part, seq, format, pages, chars, kind, department, fiscal_year, "
                    "record, needs_review, extracted_at, extractor_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc_id, part_key(record), seq, doc.get("format"), doc.get("pages"), doc.get("chars"),
                     _slot_value(record, "report.kind"), _slot_value(record, "report.department"),
                     _slot_value(record, "report.fiscal_year"), json.dumps(record, ensure_ascii=False),
                     int(bool((record.get("review") or {}).get("needs_review"))), _now(), extractor_version))
                _insert_rows(c, "fields", field_rows(doc_id, record))
                _insert_rows(c, "indicators", indicator_rows(doc_id, record))
            for f in files:
                self._link(c, f, doc_id)

    def link_path(self, f: FileState, doc_id: str) -> None:
        """Point `f.path` at an already stored document (a copy or rename of a known report)."""
        with self._transaction() as c:
            self._link(c, f, doc_id)

    def put_error(self, f: FileState, code: str, message: str, doc_id: str = "") -> None:
        """Record why `f.path` could not be extracted; a document it held before is unlinked."""
        with self._transaction() as c:
            old = c.execute("SELECT document_id FROM paths WHERE path = ?", (f.path,)).fetchone()
            c.execute("DELETE FROM paths WHERE path = ?", (f.path,))
            if old:
                self._drop_if_orphan(c, old[0])
            c.execute("INSERT OR REPLACE INTO errors (path, document_id, code, message, size, mtime_ns, at) "
                      "VALUES (?,?,?,?,?,?,?)", (f.path, doc_id, code, message, f.size, f.mtime_ns, _now()))

    def _link(self, c: sqlite3.Connection, f: FileState, doc_id: str) -> None:
        old = c.execute("SELECT document_id FROM paths WHERE path = ?", (f.path,)).fetchone()
        c.execute("INSERT OR REPLACE INTO paths (path, document_id, size, mtime_ns, seen_at) VALUES (?,?,?,?,?)",
                  (f.path, doc_id, f.size, f.mtime_ns, _now()))
        c.execute("DELETE FROM errors WHERE path = ?", (f.path,))
        if old and old[0] != doc_id:
            self._drop_if_orphan(c, old[0])

    @staticmethod
    def _drop_if_orphan(c: sqlite3.Connection, doc_id: str) -> None:
        if c.execute("SELECT 1 FROM paths WHERE document_id = ? LIMIT 1", (doc_id,)).fetchone() is None:
            c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))   # fields, indicators cascade

    # --- reading ------------------------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in ("documents", "paths", "fields", "indicators", "errors"):
            raise ValueError(f"no table {table!r} in the store")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def query(self, sql: str, params: tuple = ()) -> Iterator[sqlite3.Row]:
        """Rows of a read query, as sqlite3.Row (by name and by index)."""
        cur = self.conn.cursor()
        cur.row_factory = sqlite3.Row
        yield from cur.execute(sql, params)

    def record(self, doc_id: str) -> Optional[dict]:
        """The record of a file (the first report's when it holds several)."""
        row = self.conn.execute("SELECT record FROM documents WHERE id = ? ORDER BY seq LIMIT 1",
                                (doc_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def records(self, doc_id: str) -> list[dict]:
        """Every record of a file, one per report, in file order."""
        return [json.loads(r[0]) for r in self.conn.execute(
            "SELECT record FROM documents WHERE id = ? ORDER BY seq", (doc_id,))]


def _insert_rows(c: sqlite3.Connection, table: str, rows: list[tuple]) -> None:
    if rows:
        c.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(rows[0]))})", rows)


class _Tx:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (KeyboardInterrupt too)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
