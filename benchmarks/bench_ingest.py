"""Throughput of `jixiao ingest`: local worker processes at -j 1 and -j 2, and Dask.

Builds N documents from the seeds and ../shared/corpus/pool (each a copy with a unique
marker line, so every file has its own hash and is really extracted) in a temp dir,
ingests them into fresh stores and prints docs/s, chars/s, the -j 2 speed-up, peak RSS
per worker, and the Dask engine (LocalCluster of 2 single-thread workers) against the
local one. Wall times include starting the workers (and the cluster for Dask), as a
user sees them. Other processes on the machine skew the figures: run it on a quiet box.

    .venv/bin/python benchmarks/bench_ingest.py [-n 500] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus" / "seeds"
POOL = ROOT.parent / "shared" / "corpus" / "pool"


def sources(seeds: Path = SEEDS, pool: Path = POOL) -> list[Path]:
    """The real reports to copy: the five seeds and the pool openings."""
    found = sorted(seeds.glob("*.txt")) + sorted(pool.glob("*.txt"))
    if not found:
        raise SystemExit(f"no reports under {seeds} or {pool}: the shared corpus must sit beside the project")
    return found


def make_corpus(dest: Path, n: int, seeds: Path = SEEDS, pool: Path = POOL) -> list[Path]:
    """Write `n` reports into `dest`, cycling through the sources; each gets a marker
    line at the end (so its bytes, and its document id, are its own)."""
    dest.mkdir(parents=True, exist_ok=True)
    texts = [(p.stem, p.read_bytes()) for p in sources(seeds, pool)]
    out = []
    for i in range(n):
        stem, data = texts[i % len(texts)]
        path = dest / f"{i:05d}_{stem}.txt"
        path.write_bytes(data + f"\n（批量导入测试副本 {i:05d}）\n".encode("utf-8"))
        out.append(path)
    return out


def run(folder: Path, db: Path, engine: str, jobs: int) -> dict:
    from extract.config import Config
    from extract.store.ingest import Options, ingest
    from extract.store.sqlite import Store

    with Store(db) as store:
        cpu0, stat0 = _children_cpu(), _cpu_times()
        t0 = time.perf_counter()
        report = ingest([folder], store, Config(), Options(jobs=jobs, engine=engine, progress=False))
        seconds = time.perf_counter() - t0
        busy = (_children_cpu() - cpu0) / (seconds * jobs)   # how much CPU the workers got
        stat1 = _cpu_times()
        assert store.count("documents") == report.extracted, "every document must be stored"
    startup = report.first_result_seconds or 0.0
    return {"engine": engine, "jobs": jobs, "docs": report.extracted, "errors": len(report.failed),
            "seconds": seconds, "startup": startup, "docs_s": report.extracted / seconds,
            "chars_s": report.chars / seconds,
            "rss_mb": max(report.peak_rss_kb.values(), default=0) / 1024, "busy": busy,
            "docs_cpu_s": report.extracted / max(busy * seconds * jobs, 1e-9),
            "steal": _share(stat0, stat1, 7)}


def _children_cpu() -> float:
    """CPU seconds of the finished worker processes (the engines join them on return)."""
    import resource
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _cpu_times() -> list[int]:
    """The machine's CPU time counters (/proc/stat): user nice system idle iowait irq softirq steal."""
    try:
        with open("/proc/stat") as fh:
            return [int(x) for x in fh.readline().split()[1:9]]
    except OSError:
        return [0] * 8


def _share(before: list[int], after: list[int], column: int) -> float:
    """The share of all CPU time that went to one /proc/stat column (7: stolen by the
    hypervisor for other machines: CPU this VM did not get)."""
    delta = [b - a for a, b in zip(before, after)]
    return delta[column] / max(sum(delta), 1)


def _records(db: Path) -> frozenset:
    """The stored records of a store, as one comparable value."""
    import sqlite3
    conn = sqlite3.connect(db)
    try:
        return frozenset(r[0] for r in conn.execute("SELECT record FROM documents"))
    finally:
        conn.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=500, help="documents to build (default 500)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="rounds of the three runs (default 3); see the note in main")
    args = ap.parse_args(argv)
    rounds = max(1, args.repeat)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp) / "reports"
        make_corpus(folder, args.n)
        print(f"{args.n} documents in {folder}; {os.cpu_count()} CPUs; load average "
              f"{os.getloadavg()[0]:.1f} (other processes skew the figures;\n"
              f"workers' CPU share below 100% means they waited for a CPU)")
        runs = (("local", 1), ("local", 2), ("dask", 2))
        # The host's speed drifts by tens of percent from minute to minute. Each round runs
        # the three back to back, and the ratios are taken within a round (paired), then
        # their median over the rounds is the figure checked against the bars. The fastest
        # run of each configuration is printed too.
        table: list[list[dict]] = []
        stores = []
        for r in range(rounds):
            row = []
            for e, j in runs:
                db = Path(tmp) / f"{e}-{j}-{r}.sqlite"
                stores.append(db)
                row.append(run(folder, db, e, j))
            table.append(row)
            one, two, dask = row
            print(f"round {r + 1}: -j 1 {one['seconds']:.2f} s, -j 2 {two['seconds']:.2f} s, dask {dask['seconds']:.2f} s:"
                  f" speed-up {two['docs_s'] / one['docs_s']:.2f}x, dask {dask['docs_s'] / two['docs_s']:.2f} of local",
                  flush=True)
        same = len({_records(db) for db in stores}) == 1
    for i in range(len(runs)):
        r = min((row[i] for row in table), key=lambda got: got["seconds"])
        print(f"{r['engine']:>5} -j {r['jobs']} (fastest run): {r['docs']} docs, {r['errors']} errors in "
              f"{r['seconds']:.2f} s: {r['docs_s']:.1f} docs/s, {r['chars_s']:,.0f} chars/s; first result after "
              f"{r['startup']:.2f} s (start-up and the biggest file); peak RSS per worker {r['rss_mb']:.0f} MB; "
              f"workers had {r['busy']:.0%} of {r['jobs']} CPU(s) ({r['docs_cpu_s']:.1f} docs per worker "
              f"CPU-second, warm-up included); hypervisor steal {r['steal']:.0%}")
    print(f"the {len(stores)} stores hold {'the same' if same else 'DIFFERENT'} records")
    speedup = statistics.median(two["docs_s"] / one["docs_s"] for one, two, _ in table)
    ratio = statistics.median(dask["docs_s"] / two["docs_s"] for _, two, dask in table)
    print(f"median of {rounds} paired rounds: speed-up -j 2 over -j 1 {speedup:.2f}x "
          f"(bar >= 1.8x: {'OK' if speedup >= 1.8 else 'BELOW'}); dask {ratio:.2f} of local at 2 workers "
          f"(bar >= 0.80: {'OK' if ratio >= 0.8 else 'BELOW'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
