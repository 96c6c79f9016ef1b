#!/usr/bin/env python3
"""Start-up cost of the command, against the imports it cannot avoid.

    python bench/startup.py [--runs N]

Prints the best wall time of N runs (fresh interpreter each) for:
  `brief --help` vs `python -c "import click"`            (target: ratio <= ~2)
  `brief summarize seeds/` vs `import click, rich`         (the rest is loading the models,
                                                           about 0.2 s, and one brief)
and, for reference, `import nltk, click, rich`: a brief no longer imports nltk (its Punkt
parameters are read as text and the Porter2 stemmer is our own), so that is what it saves.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    runs = ap.parse_args().runs
    py = sys.executable
    brief = [py, "-m", "briefcli"]
    rows = [
        ("brief --help", best(brief + ["--help"], runs),
         "import click", best([py, "-c", "import click"], runs)),
    ]
    summarize = best(brief + ["summarize", "seeds", "-f", "text"], runs)
    rows += [
        ("brief summarize seeds/ (text)", summarize,
         "import click, rich", best([py, "-c", "import click, rich.console"], runs)),
        ("brief summarize seeds/ (text)", summarize,
         "import nltk, click, rich", best([py, "-c", "import nltk, click, rich.console"], runs)),
    ]
    print(f"{'command':32} {'s':>7}   {'baseline':26} {'s':>7}  ratio")
    for name, t, base, tb in rows:
        print(f"{name:32} {t:7.3f}   {base:26} {tb:7.3f}  {t / tb:5.2f}")


if __name__ == "__main__":
    main()
