"""Bulk ingestion: every file stored exactly once, whatever happens to the run.

The batch tests run `jixiao ingest` as a real subprocess with real worker processes,
kill it, interrupt it, feed it broken files, and then look at the store. They test the
batch machinery, so most run the extractor without its trained models (`RULES`): a
worker that loads them spends seconds and a gigabyte before its first file. One test
runs the default configuration end to end.
"""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from extract.config import Config, Limits, Models
from extract.pipeline import extract_path
from extract.store.ingest import Options, ingest, largest_first, walk
from extract.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "seeds"                 # as in conftest.py
POOL = ROOT.parent / "shared" / "corpus" / "pool"
JIXIAO = [sys.executable, "-m", "extract.cli"]

_spec = importlib.util.spec_from_file_location("bench_ingest", ROOT / "benchmarks" / "bench_ingest.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


RULES = Config(models=Models(use_models=False))
RULES_TOML = "[models]\nuse_models = false\n"


@pytest.fixture
def rules_toml(tmp_path) -> Path:
    """A jixiao.toml for CLI runs: the extractor without its trained models."""
    path = tmp_path / "rules.toml"
    path.write_text(RULES_TOML)
    return path


def make_corpus(dest: Path, n: int) -> list[Path]:
    """`n` real reports (seeds and pool), each with its own marker line and hash."""
    return bench.make_corpus(dest, n, SEEDS, POOL)


def quiet(jobs: int = 2, **kw) -> Options:
    return Options(jobs=jobs, progress=False, **kw)


def counts(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "paths", "errors")}
    finally:
        conn.close()


def stored_records(db: Path) -> dict[str, dict]:
    """path -> record, for every path in the store."""
    conn = sqlite3.connect(db)
    try:
        return {p: json.loads(r) for p, r in conn.execute(
            "SELECT p.path, d.record FROM paths p JOIN documents d ON d.id = p.document_id")}
    finally:
        conn.close()


def errors(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT path, code FROM errors"))
    finally:
        conn.close()


def run_cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*JIXIAO, *args], cwd=ROOT, capture_output=True, text=True, timeout=300, **kw)


# --- walking ----------------------------------------------------------------------------
def test_walk_lists_supported_files_and_names_the_skipped_ones(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("a.txt", "sub/b.PDF", "sub/c.docx", "notes.xyz", ".hidden.txt", ".git/x.txt"):
        (tmp_path / name).write_text("x")
    found = walk([tmp_path])
    assert found.files == sorted(str(tmp_path / n) for n in ("a.txt", "sub/b.PDF", "sub/c.docx"))
    assert [(Path(p).name, code) for p, code, _ in found.skipped] == [("notes.xyz", "unsupported_format")]


def test_walk_keeps_a_file_named_directly_whatever_its_type_and_each_file_once(tmp_path):
    (tmp_path / "notes.xyz").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    found = walk([tmp_path / "notes.xyz", tmp_path, tmp_path / "a.txt"])
    assert found.files == [str(tmp_path / "a.txt"), str(tmp_path / "notes.xyz")]
    assert found.skipped == []


def test_walk_refuses_an_input_that_does_not_exist(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        walk([tmp_path / "typo"])


# --- what a run stores --------------------------------------------------------------------
@pytest.mark.parametrize("config", [Config(), RULES], ids=["default", "rules-only"])
def test_each_document_is_stored_as_extract_path_gives_it(tmp_path, config):
    files = make_corpus(tmp_path / "in", 4)
    with Store(tmp_path / "db.sqlite") as store:
        report = ingest([tmp_path / "in"], store, config, quiet(jobs=1))
    assert (report.extracted, report.failed) == (4, [])
    stored = stored_records(tmp_path / "db.sqlite")
    assert set(stored) == {str(f) for f in files}
    for f in files:
        assert stored[str(f)] == extract_path(str(f), config)    # the one extraction function, unchanged


def test_a_rerun_reads_no_unchanged_file(tmp_path, monkeypatch):
    make_corpus(tmp_path / "in", 6)
    with Store(tmp_path / "db.sqlite") as store:
        ingest([tmp_path / "in"], store, RULES, quiet())

        def must_not_read(path, **kw):
            raise AssertionError(f"{path} is unchanged and must not be read again")
        monkeypatch.setattr("extract.store.ingest.file_id", must_not_read)
        report = ingest([tmp_path / "in"], store, RULES, quiet())
    assert (report.unchanged, report.extracted, report.linked) == (6, 0, 0)


def test_a_changed_file_is_extracted_again_and_its_old_version_dropped(tmp_path):
    files = make_corpus(tmp_path / "in", 3)
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        ingest([tmp_path / "in"], store, RULES, quiet())
        old_id = stored_records(db)[str(files[0])]["document"]["id"]
        files[0].write_bytes(files[0].read_bytes() + "\n（修订版）\n".encode())
        report = ingest([tmp_path / "in"], store, RULES, quiet())
    assert (report.extracted, report.unchanged) == (1, 2)
    new = stored_records(db)[str(files[0])]
    assert new["document"]["id"] != old_id
    assert new == extract_path(str(files[0]), RULES)
    assert counts(db)["documents"] == 3


def test_copies_and_renames_are_linked_not_extracted_again(tmp_path):
    files = make_corpus(tmp_path / "in", 3)
    db = tmp_path / "db.sqlite"
    (tmp_path / "in" / "copy-in-same-batch.txt").write_bytes(files[1].read_bytes())
    with Store(db) as store:
        first = ingest([tmp_path / "in"], store, RULES, quiet())
        files[2].rename(tmp_path / "in" / "renamed.txt")
        second = ingest([tmp_path / "in"], store, RULES, quiet())
    assert (first.extracted, first.linked) == (3, 1)
    assert (second.extracted, second.linked, second.unchanged) == (0, 1, 3)
    stored = stored_records(db)
    assert stored[str(tmp_path / "in" / "copy-in-same-batch.txt")]["document"]["id"] == \
        stored[str(files[1])]["document"]["id"]
    assert counts(db)["documents"] == 3


# --- bad input at batch scale -------------------------------------------------------------
@pytest.fixture
def bad_batch(tmp_path) -> tuple[Path, Path, dict]:
    """Good reports mixed with every kind of bad file; returns (folder, config, expected codes)."""
    folder = tmp_path / "mixed"
    make_corpus(folder, 4)
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (folder / "gbk.txt").write_bytes(seed.read_text(encoding="utf-8").encode("gb18030"))
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4 garbage")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "huge.txt").write_bytes(seed.read_bytes() * 20)
    (folder / "notes.xyz").write_text("not a report")
    (folder / "gone.txt").symlink_to(folder / "deleted-long-ago.txt")    # a dangling symlink: unreadable
    (folder / "locked.txt").write_bytes(seed.read_bytes() + b"\n-- locked --\n")
    (folder / "locked.txt").chmod(0)
    os.mkfifo(folder / "stuck.txt")              # opening it blocks forever, like a hung network mount
    config = tmp_path / "jixiao.toml"
    config.write_text(f"[limits]\nmax_bytes = {seed.stat().st_size * 10}\ntimeout_seconds = 3\n" + RULES_TOML)
    expected = {"corrupt.pdf": {"corrupt", "reader_unavailable"}, "empty.txt": {"empty"},
                "huge.txt": {"too_large"}, "notes.xyz": {"unsupported_format"}, "gone.txt": {"not_found"},
                "stuck.txt": {"timeout"}}
    if os.geteuid() != 0:      # root reads a chmod 000 file regardless; as root it must simply be stored
        expected["locked.txt"] = {"permission_denied"}
    return folder, config, expected


def test_a_batch_with_bad_files_completes_and_names_each_failure(bad_batch, tmp_path):
    folder, config, expected = bad_batch
    db = tmp_path / "db.sqlite"
    result = run_cli("--config", str(config), "ingest", str(folder), "--db", str(db), "-j", "2", "-q")
    assert result.returncode == 1, result.stderr
    got = {Path(p).name: code for p, code in errors(db).items()}
    assert set(got) == set(expected)
    for name, code in got.items():
        assert code in expected[name], f"{name}: {code}"
    stored = {Path(p).name for p in stored_records(db)}
    good = {f.name for f in folder.iterdir()} - set(expected)
    assert stored == good and "gbk.txt" in stored
    gbk = stored_records(db)[str(folder / "gbk.txt")]
    utf8 = extract_path(sorted(SEEDS.glob("*.txt"))[0], RULES)
    assert gbk["fields"] == utf8["fields"] and gbk["indicators"] == utf8["indicators"]


def test_a_batch_of_good_files_exits_0_and_a_usage_error_exits_2(tmp_path, rules_toml):
    make_corpus(tmp_path / "in", 2)
    db = str(tmp_path / "db.sqlite")
    assert run_cli("--config", str(rules_toml), "ingest", str(tmp_path / "in"), "--db", db, "-j", "1",
                   "-q").returncode == 0
    assert run_cli("ingest", str(tmp_path / "typo"), "--db", db, "-q").returncode == 2
    assert run_cli("ingest", str(tmp_path / "in"), "--db", db, "--scheduler", "tcp://127.0.0.1:1").returncode == 2
    assert run_cli("ingest", str(tmp_path / "in")).returncode == 2          # --db is required


def test_a_dask_scheduler_that_does_not_answer_is_an_error_of_the_setup(tmp_path, rules_toml):
    make_corpus(tmp_path / "in", 1)
    result = run_cli("--config", str(rules_toml), "ingest", str(tmp_path / "in"), "--db", str(tmp_path / "db.sqlite"),
                     "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "-q")
    assert result.returncode == 2
    assert "cannot run on the Dask scheduler at tcp://127.0.0.1:9" in result.stderr


# --- killed and interrupted runs ----------------------------------------------------------
def _start(folder: Path, db: Path, config: Path, jobs: int = 2) -> subprocess.Popen:
    return subprocess.Popen([*JIXIAO, "ingest", str(folder), "--db", str(db), "-j", str(jobs), "-q",
                             "--config", str(config)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _wait_for_some(proc: subprocess.Popen, db: Path, total: int) -> int:
    """Poll the store until some, not all, documents are in; return how many."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        n = _stored(db) if db.exists() else 0
        if 0 < n < total:
            return n
        time.sleep(0.002)
    raise AssertionError(f"the run ended or stalled before it could be stopped half way "
                         f"(exit {proc.poll()}): {proc.stderr.read().decode() if proc.poll() is not None else ''}")


def _group_gone(pgid: int, timeout: float = 15) -> bool:
    """True once no live process is left in the group (workers exit when their parent dies)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(stat.parent.name)
        if not alive:
            return True
        time.sleep(0.1)
    return False


def _assert_complete(db: Path, files: list[Path]) -> None:
    conn = sqlite3.connect(db)
    try:
        paths = [r[0] for r in conn.execute("SELECT path FROM paths")]
        ids = [r[0] for r in conn.execute("SELECT id FROM documents")]
        orphans = conn.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                               "(SELECT 1 FROM paths p WHERE p.document_id = d.id)").fetchone()[0]
        short = conn.execute("SELECT count(*) FROM documents d WHERE json_array_length(d.record, '$.fields') "
                             "!= (SELECT count(*) FROM fields f WHERE f.document_id = d.id)").fetchone()[0]
    finally:
        conn.close()
    assert sorted(paths) == sorted(str(f) for f in files)          # every file, once
    assert len(ids) == len(set(ids)) == len(files)                 # every document, once
    assert orphans == 0 and short == 0                             # and each one whole


def _stop_half_way(folder: Path, db: Path, config: Path, total: int,
                   stop: Callable[[int], None]) -> tuple[int, str]:
    """Start `jixiao ingest` in its own process group, `stop(pgid)` it once some but not
    all documents are stored, wait for it to end; its exit code and standard error."""
    proc = _start(folder, db, config)
    try:
        _wait_for_some(proc, db, total)
        stop(proc.pid)
        _, err = proc.communicate(timeout=60)
        assert _group_gone(proc.pid), "worker processes outlived the run"
    finally:
        _killpg(proc.pid)
    return proc.returncode, err.decode()


def test_a_run_killed_with_sigkill_and_restarted_stores_every_document_once(tmp_path, rules_toml):
    files = make_corpus(tmp_path / "in", 80)
    db = tmp_path / "db.sqlite"
    code, _ = _stop_half_way(tmp_path / "in", db, rules_toml, len(files), lambda pid: os.kill(pid, signal.SIGKILL))
    assert code == -signal.SIGKILL
    stored_at_kill = counts(db)["documents"]
    assert 0 < stored_at_kill < len(files)
    again = run_cli("ingest", str(tmp_path / "in"), "--db", str(db), "-j", "2", "--config", str(rules_toml))
    assert again.returncode == 0, again.stderr
    assert f"{len(files) - stored_at_kill} extracted" in again.stderr
    _assert_complete(db, files)


def test_ctrl_c_stores_the_documents_in_flight_then_stops(tmp_path, rules_toml):
    files = make_corpus(tmp_path / "in", 80)
    db = tmp_path / "db.sqlite"
    # what a terminal's Ctrl-C does: SIGINT to the whole group, workers included
    code, err = _stop_half_way(tmp_path / "in", db, rules_toml, len(files),
                               lambda pid: os.killpg(pid, signal.SIGINT))
    assert code == 130, err
    stopped_at = counts(db)["documents"]
    assert 0 < stopped_at < len(files)
    assert counts(db)["paths"] == stopped_at
    assert run_cli("ingest", str(tmp_path / "in"), "--db", str(db), "-q", "--config", str(rules_toml)).returncode == 0
    _assert_complete(db, files)


def _workers_of(pid: int) -> list[int]:
    """The extraction worker processes of the ingest process `pid`."""
    out = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (proc / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid and b"spawn_main" in cmdline:
            out.append(int(proc.name))
    return out


def test_a_worker_that_dies_fails_only_the_file_it_was_on(tmp_path):
    make_corpus(tmp_path / "in", 3)
    os.mkfifo(tmp_path / "in" / "stuck.txt")             # holds its worker until we kill it
    config = tmp_path / "jixiao.toml"
    config.write_text("[limits]\ntimeout_seconds = 600\n" + RULES_TOML)
    db = tmp_path / "db.sqlite"
    proc = _start(tmp_path / "in", db, config)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (db.exists() and _stored(db) == 3):
            time.sleep(0.05)
        workers = _workers_of(proc.pid)
        assert workers, "no worker processes found"
        for pid in workers:                                # as the OOM killer would
            os.kill(pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=120)
    finally:
        _killpg(proc.pid)
    assert proc.returncode == 1, err.decode()
    assert {Path(p).name: c for p, c in errors(db).items()} == {"stuck.txt": "worker_crashed"}
    assert counts(db)["documents"] == 3


def _stored(db: Path) -> int:
    try:
        return counts(db)["documents"]
    except sqlite3.OperationalError:       # tables not created yet
        return 0


def _killpg(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# --- Dask -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    import logging
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None, silence_logs=logging.ERROR)
    try:
        yield cluster
    finally:
        cluster.close()


def test_the_dask_engine_stores_what_the_local_engine_stores(tmp_path, dask_cluster):
    files = make_corpus(tmp_path / "in", 12)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    with Store(tmp_path / "local.sqlite") as store:
        local = ingest([tmp_path / "in"], store, RULES, quiet())
    with Store(tmp_path / "dask.sqlite") as store:
        dask = ingest([tmp_path / "in"], store, RULES,
                      quiet(engine="dask", scheduler=dask_cluster.scheduler_address))
    assert (dask.extracted, [f[1] for f in dask.failed]) == (local.extracted, ["empty"]) == (12, ["empty"])
    assert stored_records(tmp_path / "dask.sqlite") == stored_records(tmp_path / "local.sqlite")
    assert errors(tmp_path / "dask.sqlite") == errors(tmp_path / "local.sqlite")
    assert len(files) == 12


def test_the_dask_engine_gives_a_stuck_file_a_timeout_and_goes_on(tmp_path, dask_cluster):
    make_corpus(tmp_path / "in", 3)
    os.mkfifo(tmp_path / "in" / "stuck.txt")
    config = Config(limits=Limits(timeout_seconds=2), models=RULES.models)
    with Store(tmp_path / "db.sqlite") as store:
        report = ingest([tmp_path / "in"], store, config,
                        quiet(engine="dask", scheduler=dask_cluster.scheduler_address))
    assert report.extracted == 3
    assert [(Path(p).name, code) for p, code, _ in report.failed] == [("stuck.txt", "timeout")]


def test_ingest_cli_runs_on_a_dask_scheduler_by_address(tmp_path, dask_cluster, rules_toml):
    files = make_corpus(tmp_path / "in", 5)
    db = tmp_path / "db.sqlite"
    result = run_cli("--config", str(rules_toml), "ingest", str(tmp_path / "in"), "--db", str(db), "--engine", "dask",
                     "--scheduler", dask_cluster.scheduler_address, "-q")
    assert result.returncode == 0, result.stderr
    _assert_complete(db, files)


def test_big_files_are_extracted_first_so_the_batch_ends_on_small_ones(tmp_path):
    sizes = {"a.txt": 10, "b.txt": 3000, "c.txt": 200, "d.txt": 3000}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    gone = str(tmp_path / "gone.txt")
    order = largest_first([str(tmp_path / n) for n in sorted(sizes)] + [gone])
    assert [Path(s.path).name for s in order] == ["b.txt", "d.txt", "c.txt", "a.txt", "gone.txt"]
    assert [s.size for s in order] == [3000, 3000, 200, 10, -1]
