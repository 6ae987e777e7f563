"""Bulk ingestion: walk folders, skip what is done, extract the rest in parallel, store.

The parent process walks the inputs, decides per file whether it needs work (path +
size + mtime first, so an unchanged file is not even read; then the content hash, so a
copy or rename of a stored report is only linked), hands the rest to an engine, and
writes each file's records (one per report it holds) to the store in one transaction.
Workers only run `extract.pipeline.extract_records`, the one extraction function
`jixiao extract` uses.

Two engines run it:
  * `LocalEngine`: worker processes of the "spawn" context, each warmed once, each
    given at most `depth` files at a time (bounded in-flight work). A worker that
    overruns `limits.timeout_seconds` on a file is killed and replaced and the file gets
    error `timeout`; a worker that dies gets `worker_crashed`; the batch goes on.
  * `DaskEngine`: the same function submitted per file to a Dask distributed cluster
    (`--scheduler tcp://HOST:PORT`, or a LocalCluster), results taken `as_completed`.

SIGINT stops scheduling; the files in flight are finished and stored, then the run
returns with `interrupted` set. A second SIGINT aborts at once (the store stays
consistent: a document is stored whole or not at all).
"""
from __future__ import annotations

import fnmatch
import itertools
import logging
import multiprocessing
import os
import queue
import re
import resource
import signal
import sys
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_ready
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Protocol

from extract import __version__
from extract.config import Config, Limits
from extract.pipeline import extract_document, extract_records
from extract.read import file_id
from extract.read.errors import ReadError
from extract.read.formats import SUPPORTED, read_bytes
from extract.schema import SCHEMA_VERSION
from extract.slots.record import error_record
from extract.store.sqlite import FileState, Store

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = f"jixiao {__version__} / schema {SCHEMA_VERSION}"
UNSUPPORTED = "unsupported_format"


# --- walking --------------------------------------------------------------------------
# Folder walks read the report formats. `.md` and `.csv` are read as text when named on the
# command line, but in a folder they are notes and tables, not reports: `--include .md`.
NOT_WALKED = frozenset({".md", ".csv"})
WALKED = SUPPORTED - NOT_WALKED
OWN_FILE = "jixiao_output"                 # skip code: a store or an export jixiao wrote
_STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
_STORE_COMPANIONS = ("-wal", "-shm", "-journal")
_EXPORT_NAME = re.compile(r"\.(documents|indicators)\.(csv|parquet|jsonl|xlsx)$", re.I)
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Walk:
    """What the inputs hold: files to consider, and files skipped with a reason."""
    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)   # (path, code, message)

    def summary(self) -> str:
        """One line saying what the walk skipped and how to widen it; '' when nothing was."""
        if not self.skipped:
            return ""
        own = sum(1 for _, code, _ in self.skipped if code == OWN_FILE)
        by_type: dict[str, int] = {}
        for path, code, _ in self.skipped:
            if code == UNSUPPORTED:
                suffix = os.path.splitext(path)[1].lower() or "(no extension)"
                by_type[suffix] = by_type.get(suffix, 0) + 1
        other = len(self.skipped) - own - sum(by_type.values())
        parts = []
        if by_type:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])))
            example = next(iter(sorted(by_type, key=lambda k: -by_type[k])))
            parts.append(f"{sum(by_type.values())} not of a report type ({kinds}; --include {example} to read them)")
        if own:
            parts.append(f"{own} jixiao store or export file{'s' if own > 1 else ''}")
        if other:
            parts.append(f"{other} that could not be listed")
        return f"skipped {len(self.skipped)} file{'s' if len(self.skipped) > 1 else ''} in folders: " + "; ".join(parts)


def own_output(path: str) -> Optional[str]:
    """Why `path` is a file jixiao wrote (a store, its journal, an export), or None."""
    name = os.path.basename(path).lower()
    if name.endswith(_STORE_COMPANIONS) or name.endswith(_STORE_SUFFIXES):
        return "a SQLite store or its journal (jixiao ingest --db)"
    if _EXPORT_NAME.search(name):
        return "an export table (jixiao export)"
    suffix = os.path.splitext(name)[1]
    if suffix in (".xlsx", ".xlsm") and _is_export_workbook(path):
        return "an export workbook (jixiao export --format xlsx)"
    if suffix not in SUPPORTED:
        try:
            with open(path, "rb") as fh:
                if fh.read(16) == _SQLITE_MAGIC:
                    return "a SQLite database (a jixiao store?)"
        except OSError:
            pass
    return None


def _is_export_workbook(path: str) -> bool:
    """A workbook whose sheets are `documents` and `indicators`: what `jixiao export` writes."""
    import zipfile
    try:
        with zipfile.ZipFile(path) as z:
            book = z.read("xl/workbook.xml")[:65536].decode("utf-8", "replace").lower()
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError):
        return False
    names = set(re.findall(r"<sheet\b[^>]*\bname=\"([^\"]*)\"", book))
    return {"documents", "indicators"} <= names


def _included(name: str, include: tuple[str, ...]) -> bool:
    """`name` matches one of the --include entries (stripped, lower case): an extension (`.md`,
    `md`) or a glob (`*.md`)."""
    lower = name.lower()
    for pattern in include:
        if any(ch in pattern for ch in "*?["):
            if fnmatch.fnmatch(lower, pattern):
                return True
        elif lower.endswith(pattern if pattern.startswith(".") else "." + pattern):
            return True
    return False


def walk(inputs: Iterable[str | Path], include: Iterable[str] = (), relative: bool = False) -> Walk:
    """Expand files and folders into paths, each once: absolute and sorted, or with
    `relative` as given (each folder's files sorted, inputs in their order).

    A file named directly is always considered (an unknown type then fails with
    `unsupported_format` like any bad file). Inside folders, files of the report formats
    (`WALKED`) are considered, plus those matching `include` (extensions or globs); jixiao's
    own stores, their journals and its exports are skipped (`OWN_FILE`), and other files
    are listed as skipped (`unsupported_format`) so nothing vanishes silently; hidden files
    and folders (".name") are ignored; symlinked folders are not followed (no loops); a
    folder that cannot be listed is skipped with `permission_denied`. Raises
    FileNotFoundError for an input that does not exist.
    """
    out = Walk()
    seen: set[str] = set()
    include = tuple(p.strip().lower() for p in include if p.strip())

    def add(path: str) -> None:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            out.files.append(path)

    for raw in inputs:
        top = str(Path(raw)) if relative else os.path.abspath(raw)
        if not os.path.lexists(top):
            raise FileNotFoundError(f"{raw}: no such file or folder")
        if not os.path.isdir(top):
            add(top)
            continue

        def unlistable(e: OSError) -> None:
            out.skipped.append((e.filename, "permission_denied" if isinstance(e, PermissionError) else "io_error",
                                f"cannot list this folder: {e.strerror or e}"))

        found: list[str] = []
        for folder, dirs, names in os.walk(top, onerror=unlistable):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                path = os.path.join(folder, name)
                key = os.path.abspath(path)
                if key in seen:
                    continue
                seen.add(key)
                suffix = os.path.splitext(name)[1].lower()
                wanted = _included(name, include)
                why = None if wanted else own_output(path)
                if why:
                    out.skipped.append((path, OWN_FILE, f"skipped: {why}"))
                elif suffix in WALKED or wanted:
                    found.append(path)
                else:
                    hint = (f"{suffix} files are read when named, not in folder walks"
                            if suffix in NOT_WALKED else f"unknown file type {suffix or '(no extension)'!r}")
                    out.skipped.append((path, UNSUPPORTED, f"skipped: {hint}; report types: "
                                        f"{', '.join(sorted(WALKED))} (--include {suffix or 'PATTERN'} to read them)"))
        out.files.extend(sorted(found, key=Path) if relative else found)
    if not relative:
        out.files.sort()
    return out


def file_state(path: str) -> FileState:
    """Size and mtime as the filesystem says; -1/-1 for a path that cannot be stat'ed
    (a dangling symlink): it is then always tried again, and fails with its reason."""
    try:
        st = os.stat(path)
        return FileState(path, st.st_size, st.st_mtime_ns)
    except OSError:
        return FileState(path, -1, -1)


def largest_first(paths: list[str]) -> list[FileState]:
    """The files' states, biggest first (then by path): the batch ends on small files, so no
    worker is left alone with a 300-page PDF while the others are idle (longest-processing-
    time-first scheduling). A file that cannot be stat'ed goes last; it fails fast."""
    return sorted(map(file_state, paths), key=lambda s: (-s.size, s.path))


# --- tasks and engines ------------------------------------------------------------------
class EngineError(RuntimeError):
    """The engine cannot run at all (no cluster at that address, workers that die on
    start-up): a problem of the setup, not of one file."""


@dataclass
class Task:
    path: str
    sha: str
    state: FileState


Stopping = Callable[[], bool]


class Engine(Protocol):
    """Runs `extract_records` on tasks and yields (task, records) as they complete (a
    list, one record per report in the file; a single error record may come as a dict),
    taking new tasks only while `stopping()` is false. Every task taken is yielded once."""

    def run(self, tasks: Iterator[Task], stopping: Stopping) -> Iterator[tuple[Task, list]]: ...

    peak_rss_kb: dict[str, int]


_WARMUP_TEXT = ("2023年度部门整体支出绩效自评表\n部门(单位)名称：示例局\n年度资金总额 100 万元，执行率 95%。\n"
                "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n产出指标 数量指标 培训人次 ≥100人次 120人次 10 10\n")


def prepare_worker(config: Config) -> None:
    """Set a worker process up for a long run of extractions, the same way in every engine:
    one BLAS thread, a heap that keeps what it frees, everything loaded (`warm`)."""
    single_threaded_blas()
    steady_heap()
    warm(config)


def warm(config: Config) -> None:
    """Load everything extraction needs (modules, models) once per worker process, so
    the first real file does not pay for it and timeouts measure extraction only."""
    try:
        extract_document(read_bytes(_WARMUP_TEXT.encode("utf-8"), "warmup.txt", Limits()), config)
    except Exception:   # a warm-up failure must not kill the worker: real files will report it
        log.exception("worker warm-up failed")


def single_threaded_blas() -> None:
    """One BLAS thread in this worker process, as Dask's nanny gives its workers: the batch
    is parallel by processes, and OpenBLAS's idle threads spin for a while after each
    product, taking CPU from the other workers (-j 2 lost ~10 % per worker to them)."""
    from threadpoolctl import threadpool_limits
    threadpool_limits(limits=1, user_api="blas")


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3      # glibc's mallopt parameters


def steady_heap(trim_threshold: int = 64 << 20, mmap_threshold: int = 32 << 20) -> bool:
    """Keep the memory an extraction frees in this process's heap for the next file.

    Dask's nanny starts its workers with MALLOC_TRIM_THRESHOLD_=65536, so glibc hands
    memory back to the system whenever 64 KiB lie free at the top of the heap. A worker
    frees and takes back the same few MB for every file, and paid for it in page faults:
    14x as many as a local worker, extraction 20-30 % slower. These thresholds (the top of
    the range glibc's own defaults adapt within) make every worker run alike. Returns
    whether they were set (not where malloc is not glibc's)."""
    import ctypes
    import ctypes.util
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_TRIM_THRESHOLD, trim_threshold)) and bool(mallopt(_M_MMAP_THRESHOLD, mmap_threshold))


def peak_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _timeout_record(task: Task, seconds: float) -> dict:
    return error_record(task.path, ReadError("timeout", f"extraction took longer than {seconds:g} s and was "
                                             "stopped; raise [limits] timeout_seconds in jixiao.toml or "
                                             "report this file"), doc_id=task.sha)


def _crash_record(task: Task, detail: str) -> dict:
    return error_record(task.path, ReadError("worker_crashed", f"the worker extracting this file died ({detail}); "
                                             "the file probably trips a bug in a reader library: report it"),
                        doc_id=task.sha)


def _worker_main(conn, config: Config) -> None:
    """A local worker: warm up, then extract the paths the parent sends, one at a time."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C is the parent's to handle
    logging.basicConfig(level=logging.ERROR)        # the parent reports every failed file itself
    prepare_worker(config)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):                 # the parent is gone: stop
            return
        if msg is None:
            return
        tid, path = msg
        try:
            conn.send(("start", tid))
            records = extract_records(path, config)
            conn.send(("done", tid, records, peak_rss_kb()))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, ctx, config: Config, name: str):
        self.name = name
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, config), name=name, daemon=True)
        self.proc.start()
        child.close()
        self.queue: deque[tuple[int, Task]] = deque()    # sent, not yet done; the first may be running
        self.started: Optional[float] = None             # when the first of `queue` started

    def send(self, tid: int, task: Task) -> None:
        self.queue.append((tid, task))
        try:
            self.conn.send((tid, task.path))
        except OSError:     # it died: its sentinel fires next and the file is handed to another
            pass

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class LocalEngine:
    """Worker processes on this machine; see the module docstring."""

    def __init__(self, config: Config, jobs: int, depth: int = 2):
        self.config = config
        self.jobs = max(1, jobs)
        self.depth = max(1, depth)
        self.timeout = config.limits.timeout_seconds
        self.ctx = multiprocessing.get_context("spawn")
        self.peak_rss_kb: dict[str, int] = {}
        self._spawned = 0

    def _spawn(self) -> _Worker:
        self._spawned += 1
        return _Worker(self.ctx, self.config, f"jixiao-worker-{self._spawned}")

    def run(self, tasks: Iterator[Task], stopping: Stopping) -> Iterator[tuple[Task, dict]]:
        tasks = _started(tasks)
        if tasks is None:               # nothing to extract: start no worker
            return
        workers = [self._spawn() for _ in range(self.jobs)]
        requeued: deque[Task] = deque()
        exhausted = False
        tid = stillborn = 0
        try:
            while True:
                # fill every worker up to `depth` files
                for w in workers:
                    while len(w.queue) < self.depth and not stopping() and not (exhausted and not requeued):
                        task = requeued.popleft() if requeued else next(tasks, None)
                        if task is None:
                            exhausted = True
                            break
                        tid += 1
                        w.send(tid, task)
                busy = [w for w in workers if w.queue]
                if not busy:
                    return
                now = time.monotonic()
                deadlines = [w.started + self.timeout for w in busy if w.started is not None]
                wait_for = max(0.0, min(deadlines) - now) if deadlines else 1.0
                ready = wait_ready([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=min(wait_for, 1.0))
                for i, w in enumerate(workers):
                    if not w.queue:
                        continue
                    results, dead = self._drain(w) if (w.conn in ready or w.proc.sentinel in ready) else ([], False)
                    if results:
                        stillborn = 0
                    yield from results
                    overdue = w.started is not None and time.monotonic() - w.started > self.timeout
                    if not (dead or overdue):
                        continue
                    if w.started is not None:           # the file it was working on is the culprit
                        _, task = w.queue.popleft()
                        yield task, (_crash_record(task, f"exit code {w.proc.exitcode}") if dead
                                     else _timeout_record(task, self.timeout))
                        stillborn = 0
                    else:                               # died between files or while starting up
                        stillborn += 1
                        if stillborn > 3:
                            raise EngineError(f"extraction workers die before taking any file (exit code "
                                               f"{w.proc.exitcode}); run `jixiao extract` on one file to see why")
                    requeued.extendleft(t for _, t in reversed(w.queue))
                    w.queue.clear()
                    w.kill()
                    workers[i] = self._spawn()
        finally:
            for w in workers:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
            for w in workers:
                w.proc.join(2)
                w.kill()

    def _drain(self, w: _Worker) -> tuple[list[tuple[Task, dict]], bool]:
        """Every message `w` has sent so far: finished (task, record)s, and whether it died."""
        results = []
        try:
            while w.conn.poll():
                msg = w.conn.recv()
                if msg[0] == "start":
                    w.started = time.monotonic()
                else:
                    _, _tid, record, rss = msg
                    _, task = w.queue.popleft()
                    w.started = None
                    self.peak_rss_kb[w.name] = max(self.peak_rss_kb.get(w.name, 0), rss)
                    results.append((task, record))
        except (EOFError, OSError):
            return results, True
        return results, not w.proc.is_alive() and not w.conn.poll()


def _started(tasks: Iterator[Task]) -> Optional[Iterator[Task]]:
    """`tasks` unchanged, or None when it has none (so an up-to-date re-run of ten
    thousand files starts no worker at all)."""
    first = next(tasks, None)
    return None if first is None else itertools.chain([first], tasks)


class _ExtractionThread:
    """A daemon thread that runs one extraction at a time for one calling thread.

    One long-lived thread rather than a new one per file: a fresh thread costs each file a
    few percent (its first allocations, per-thread state in the libraries). A thread stuck
    past its deadline is abandoned (`extract_with_deadline` starts another); being a daemon,
    it does not keep the worker from exiting."""

    def __init__(self) -> None:
        self.inbox: "queue.SimpleQueue" = queue.SimpleQueue()
        threading.Thread(target=self._loop, daemon=True, name="jixiao-extract").start()

    def _loop(self) -> None:
        while True:
            path, config, box, done = self.inbox.get()
            try:
                box.append(extract_records(path, config))
            except BaseException as e:      # handed to the caller, which raises it in the task
                box.append(e)
            done.set()


_THREADS: dict[int, _ExtractionThread] = {}   # an extraction thread per calling thread (a Dask
                                                # worker's task threads), made on first use


def extract_with_deadline(path: str, config: Config, timeout: float) -> list:
    """`extract_records` under a wall-time limit, for engines that cannot kill a worker
    process per file (Dask): the extraction runs in the caller's extraction thread; past
    the limit the task returns a `timeout` record and the batch goes on (the stuck thread is
    abandoned and the next file gets a new one)."""
    caller = threading.get_ident()
    runner = _THREADS.get(caller) or _THREADS.setdefault(caller, _ExtractionThread())
    box: list = []
    done = threading.Event()
    runner.inbox.put((path, config, box, done))
    if not done.wait(timeout):
        _THREADS.pop(caller, None)
        return [_timeout_record(Task(path, "", FileState(path, -1, -1)), timeout)]
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]


def extract_batch(paths: list[str], config: Config, timeout: float) -> list[list]:
    """One Dask task: `extract_with_deadline` on each of a few files (a task costs the
    scheduler milliseconds, as much as extracting a small report)."""
    return [extract_with_deadline(p, config, timeout) for p in paths]


class DaskEngine:
    """The same extraction on a Dask distributed cluster: `scheduler` is its address
    (tcp://HOST:PORT); without one a LocalCluster of `jobs` single-thread processes is
    started for the run. Files go `batch` to a task; a task that fails (its worker died)
    is retried file by file, so one poisonous file fails alone."""

    def __init__(self, config: Config, jobs: int, scheduler: Optional[str] = None, depth: int = 3,
                 batch: int = 8):
        self.config = config
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.depth = max(1, depth)
        self.batch = max(1, batch)
        self.timeout = config.limits.timeout_seconds
        self.peak_rss_kb: dict[str, int] = {}

    def run(self, tasks: Iterator[Task], stopping: Stopping) -> Iterator[tuple[Task, dict]]:
        from distributed import Client, LocalCluster, as_completed

        tasks = _started(tasks)
        if tasks is None:
            return
        cluster = client = None
        try:
            if self.scheduler:
                client = Client(self.scheduler, timeout="10s")
            else:
                cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
                client = Client(cluster)
            client.wait_for_workers(1, timeout=60)
            client.run(prepare_worker, self.config)
        except Exception as e:
            for c in (client, cluster):
                if c is not None:
                    c.close()
            where = f"the Dask scheduler at {self.scheduler}" if self.scheduler else "a local Dask cluster"
            raise EngineError(f"cannot run on {where}: {type(e).__name__}: {e}; check the address, that the "
                              "workers run and have jixiao installed") from None
        try:
            slots = sum(client.nthreads().values()) * self.depth
            config = client.scatter(self.config, broadcast=True)
            pending: dict[str, list[Task]] = {}
            done = as_completed(with_results=True, raise_errors=False)   # results gathered as they come

            def submit(group: Optional[list[Task]] = None) -> bool:
                if group is None:
                    group = [] if stopping() else list(itertools.islice(tasks, self.batch))
                if not group:
                    return False
                fut = client.submit(extract_batch, [t.path for t in group], config, self.timeout,
                                    key=f"jixiao-extract-{uuid.uuid4().hex}")
                pending[fut.key] = group
                done.add(fut)
                return True

            for _ in range(slots):
                if not submit():
                    break
            for fut, result in done:
                group = pending.pop(fut.key)
                if isinstance(result, BaseException):   # the worker died on it (KilledWorker), or the cluster failed
                    if len(group) > 1:
                        for task in group:
                            submit([task])
                        continue
                    result = [_crash_record(group[0], f"{type(result).__name__}: {result}")]
                yield from zip(group, result)
                submit()
            try:
                self.peak_rss_kb = dict(client.run(peak_rss_kb))
            except Exception:   # a remote cluster may refuse `run`; the figure is informational
                log.info("could not read the Dask workers' peak RSS", exc_info=True)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


# --- the run ------------------------------------------------------------------------------
@dataclass
class Options:
    jobs: int = 1
    engine: str = "local"                 # local | dask
    scheduler: Optional[str] = None
    batch: int = 8                        # files per Dask task
    force: bool = False                   # re-extract even unchanged, stored files
    retry_errors: bool = False            # try unchanged files that failed before again
    progress: bool = True


@dataclass
class Report:
    """What one run did; `failed` names every considered file that has an error now."""
    considered: int = 0
    extracted: int = 0                    # documents newly stored by this run
    linked: int = 0                       # paths linked to a document already stored (copies, renames)
    unchanged: int = 0                    # skipped: path, size and mtime as stored
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)   # (path, code, message)
    chars: int = 0
    seconds: float = 0.0
    first_result_seconds: Optional[float] = None   # start-up: walking, planning, starting workers
    interrupted: bool = False
    peak_rss_kb: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed


def make_engine(config: Config, options: Options) -> Engine:
    if options.engine == "local":
        return LocalEngine(config, options.jobs)
    if options.engine == "dask":
        return DaskEngine(config, options.jobs, options.scheduler, batch=options.batch)
    raise ValueError(f"unknown engine {options.engine!r}: use local or dask")


class _Planner:
    """Turns walked files into tasks lazily (so extraction starts at once), skipping
    unchanged files, linking copies of stored documents, and holding back a second
    file with the bytes of one already in flight until that one is stored."""

    def __init__(self, store: Store, options: Options, report: Report, tick: Callable[[], None]):
        self.store, self.options, self.report, self.tick = store, options, report, tick
        self.in_flight: dict[str, list[FileState]] = {}    # sha -> every path holding those bytes

    def tasks(self, files: list[FileState]) -> Iterator[Task]:
        for state in files:
            path = state.path
            known = None if self.options.force else self.store.path_state(path)
            if known and state.size >= 0 and known[2:] == (state.size, state.mtime_ns):
                if known[0] == "document":
                    self.report.unchanged += 1
                    self.tick()
                    continue
                if not self.options.retry_errors:
                    code, message = self.store.error(path) or ("error", "")
                    self.report.failed.append((path, code, f"{message} (unchanged since; --retry-errors to retry)"))
                    self.tick()
                    continue
            sha = file_id(path, regular_only=True) if state.size >= 0 else ""
            if sha and sha in self.in_flight:
                self.in_flight[sha].append(state)
                continue
            if sha and not self.options.force and self.store.has_document(sha):
                self.store.link_path(state, sha)
                self.report.linked += 1
                self.tick()
                continue
            if sha:
                self.in_flight[sha] = [state]
            yield Task(path, sha, state)

    def store_result(self, task: Task, result) -> int:
        """Write one file's records (a list, or one record) in one transaction; returns how
        many files it settled. A file whose every record failed is stored as an error; a
        report of it that failed alone is logged and the others are stored."""
        states = self.in_flight.pop(task.sha, [task.state]) if task.sha else [task.state]
        records = result if isinstance(result, list) else [result]
        good = [r for r in records if not r.get("error")]
        record = good[0] if good else records[0]
        for r in records:
            if good and r.get("error"):
                log.warning("%s %s: %s", task.path, r["document"].get("part") or "", r["error"])
        if not good:
            code = record.get("error_code") or "error"
            message = record["error"].split(": ", 1)[-1]
            for s in states:
                self.store.put_error(s, code, message, record["document"].get("id") or task.sha)
                self.report.failed.append((s.path, code, message))
        else:
            self.store.put_records(good, states, EXTRACTOR_VERSION)
            self.report.extracted += 1
            self.report.linked += len(states) - 1
            self.report.chars += record["document"].get("chars") or 0
        return len(states)


def ingest(inputs: Iterable[str | Path], store: Store, config: Config, options: Optional[Options] = None,
           engine: Optional[Engine] = None, found: Optional[Walk] = None) -> Report:
    """Bring the store up to date with the files under `inputs` (or the `walk` of them
    already made); see the module docstring."""
    options = options or Options()
    engine = engine or make_engine(config, options)
    report = Report()
    started = time.monotonic()
    found = found if found is not None else walk(inputs)
    for path, code, message in found.skipped:
        if code == OWN_FILE:                # the store's own files and exports are no reports, nor errors
            report.skipped.append((path, code, message))
            continue
        store.put_error(file_state(path), code, message)
        if code != UNSUPPORTED:
            report.failed.append((path, code, message))
        report.skipped.append((path, code, message))
    report.considered = len(found.files)

    bar = _progress(len(found.files), options.progress)
    stop = threading.Event()

    def tick(n: int = 1) -> None:
        bar.update(n)
        elapsed = max(time.monotonic() - started, 1e-9)
        bar.set_postfix_str(f"{report.chars / elapsed:,.0f} chars/s, {len(report.failed)} errors", refresh=False)

    planner = _Planner(store, options, report, tick)
    restore = _install_sigint(stop)
    try:
        for task, record in engine.run(planner.tasks(largest_first(found.files)), stop.is_set):
            if report.first_result_seconds is None:
                report.first_result_seconds = time.monotonic() - started
            tick(planner.store_result(task, record))
    finally:
        restore()
        bar.close()
    report.interrupted = stop.is_set()
    report.seconds = time.monotonic() - started
    report.peak_rss_kb = dict(engine.peak_rss_kb)
    return report


def _progress(total: int, enabled: bool):
    from tqdm import tqdm
    return tqdm(total=total, unit="file", desc="ingest", disable=not enabled, dynamic_ncols=True,
                smoothing=0.1, file=sys.stderr)


def _install_sigint(stop: threading.Event) -> Callable[[], None]:
    """First Ctrl-C: finish and store what is in flight, take nothing new. Second: abort."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        log.warning("interrupted: finishing the files in flight (Ctrl-C again to abort)")

    previous = signal.signal(signal.SIGINT, handler)
    return lambda: signal.signal(signal.SIGINT, previous)
