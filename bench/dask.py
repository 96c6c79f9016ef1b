"""Dask engine against the local process pool: articles/s and the cost per article.

    python bench/dask.py [DATA_DIR] [--articles N] [--repeat R]

Writes N articles of summarization/bbc_dev.jsonl (default 1,000; repeated if needed) as .txt
files in a temporary folder, then runs `brief summarize FOLDER -f jsonl` as a user would, each
engine in its own process, in the same run:

- local: `--jobs 2` (process pool);
- dask, own cluster: `--engine dask` (starts a 2-worker LocalCluster for the run);
- dask, running cluster: `--engine dask --scheduler ...` on a 2-worker cluster started here first.

Each is timed on a small batch (20 articles) and on all N, best of --repeat rounds with the engines
interleaved: the small batch is mostly start-up. The cost per article is the CPU time of every
process involved (client, scheduler, workers) beyond the small batch, divided by N - 20; the dask
overhead per article is that minus the local engine's. CPU time is steadier than wall time on a
machine shared with others. Outputs are checked identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This file is named dask.py: its folder must not shadow the dask package; the repo comes first.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SMALL = 20


def write_articles(data: Path, folder: Path, n: int) -> None:
    """n articles as `<k>.txt`: title line, blank line, body (paragraphs kept)."""
    with open(data / "summarization" / "bbc_dev.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    for k in range(n):
        row = rows[k % len(rows)]
        text = f"{row.get('title') or ''}\n\n{row['text']}"
        (folder / f"{k:05d}.txt").write_text(text, encoding="utf-8")


def cpu_seconds() -> float:
    """CPU time of this process and all its descendants, finished (reaped) or alive: the CLI run
    and its workers, and the long-running cluster's scheduler (here) and workers."""
    import psutil  # comes with distributed

    me = psutil.Process()
    own = me.cpu_times()
    total = own.user + own.system + own.children_user + own.children_system
    for child in me.children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def run(folder: Path, extra: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds for one CLI run, and a digest of its stdout."""
    # --date: BBC articles are undated, and relative dates would otherwise follow the clock
    cmd = [sys.executable, "-m", "briefcli", "summarize", str(folder), "-f", "jsonl", "-q",
           "--date", "2005-01-01", *extra]
    start, cpu = time.perf_counter(), cpu_seconds()
    done = subprocess.run(cmd, capture_output=True, check=False, cwd=ROOT)
    secs, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if done.returncode not in (0, 1):  # 1: some articles failed, still a full run
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr.decode()[-2000:]}")
    return secs, cpu, hashlib.sha1(done.stdout).hexdigest()


@dataclass
class Row:
    name: str
    extra: list[str]  # CLI options of this engine
    small: float = float("inf")  # best wall seconds for SMALL articles
    big: float = float("inf")  # best wall seconds for all n
    cpu_small: float = float("inf")  # least CPU seconds, all processes, for SMALL articles
    cpu_big: float = float("inf")
    digest: str = ""

    def marginal(self, n: int) -> float:
        """CPU seconds per article beyond the first SMALL: the cost without start-up, and
        steadier than wall time on a machine others share."""
        return (self.cpu_big - self.cpu_small) / (n - SMALL)


def measure(rows: list[Row], small: Path, big: Path) -> None:
    """One round: each engine on both batches, interleaved so load from others hits all alike."""
    for row in rows:
        secs, cpu, _ = run(small, row.extra)
        row.small, row.cpu_small = min(row.small, secs), min(row.cpu_small, cpu)
        secs, cpu, row.digest = run(big, row.extra)
        row.big, row.cpu_big = min(row.big, secs), min(row.cpu_big, cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best time counts")
    args = parser.parse_args()
    n = max(args.articles, SMALL + 1)

    from briefcli.cluster import local_cluster

    with tempfile.TemporaryDirectory() as tmp, local_cluster(2) as cluster:
        small, big = Path(tmp, "small"), Path(tmp, "big")
        small.mkdir()
        big.mkdir()
        write_articles(args.data, small, SMALL)
        write_articles(args.data, big, n)
        warm = ["--engine", "dask", "--scheduler", cluster.scheduler_address]
        run(small, warm)  # workers load the pipeline's data once, as a long-lived cluster has
        rows = [Row("local --jobs 2", ["--jobs", "2"]),
                Row("dask, own 2-worker cluster", ["--engine", "dask", "--jobs", "2"]),
                Row("dask, running 2-worker cluster", warm)]
        for _ in range(args.repeat):
            measure(rows, small, big)
    report(rows, n, args.repeat)


def report(rows: list[Row], n: int, repeat: int) -> None:
    base = rows[0]
    print(f"{n:,} BBC articles as .txt files, brief summarize -f jsonl, 2 workers each, "
          f"best of {repeat}")
    print(f"{'engine':31} {SMALL:>3} art. s {n:>5} art. s {'art./s':>7} {'vs local':>8} "
          f"{'CPU ms/art.':>11} {'overhead':>8}")
    for row in rows:
        overhead = (row.marginal(n) - base.marginal(n)) * 1000
        print(f"{row.name:31} {row.small:10.2f} {row.big:12.2f} {n / row.big:7.1f} "
              f"{base.big / row.big:7.2f}x {row.marginal(n) * 1000:11.2f} {overhead:8.2f}")
    print("wall seconds; CPU ms/art.: CPU time of all processes per article beyond the first "
          f"{SMALL}; overhead: that minus local's")
    same = len({row.digest for row in rows}) == 1
    print(f"stdout identical across engines: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
