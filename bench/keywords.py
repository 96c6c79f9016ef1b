#!/usr/bin/env python3
"""Keyphrase quality and speed: brief's keywords beside YAKE, TF-IDF and a frequency floor.

    python bench/keywords.py [DATA_DIR] [--yake-python PATH]     # default ../shared/data

F1@10 with Porter-stemmed exact match, macro over documents, the protocol of the shared scorer
(`DATA_DIR/../tools/score_keywords.py`, whose `norm` is used here) on
`keyphrases/kp_500n_kpcrowd_dev.jsonl`. Everything runs in this same bench run: ours, the
frequency floor and TF-IDF in this process, YAKE (n=1, top 10) by subprocess in the Python given
by --yake-python or $BRIEF_YAKE_PYTHON (a venv with `yake` installed; default
/work/venvs/kw/bin/python). Speeds are documents per CPU second of the one process (process
time, so that other jobs on a shared machine distort them less); compare ratios within one run.
Ours runs twice: first with cold word caches (each new word is stemmed once per process), then
again as in a long batch. It is also scored on even and odd documents apart, a check that its few
constants are not fitted to one half.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from briefcli import extract_keywords
from briefcli.tokens import STOPWORDS, WORD

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DATASET = "keyphrases/kp_500n_kpcrowd_dev.jsonl"
DEFAULT_YAKE_PYTHON = "/work/venvs/kw/bin/python"
K = 10
TARGET_F1, TARGET_SPEED = 18.5, 500.0

YAKE_SCRIPT = """
import json, sys, time, yake
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
ex = yake.KeywordExtractor(lan="en", n=1, top=10)
t0 = time.process_time()
preds = [[k for k, _ in ex.extract_keywords(r["text"])] for r in rows]
print(json.dumps({"secs": time.process_time() - t0, "preds": preds}))
"""

Rows = list[dict]
Preds = list[list[str]]


def load_scorer(data_dir: Path) -> ModuleType:
    path = data_dir.parent / "tools" / "score_keywords.py"
    spec = importlib.util.spec_from_file_location("score_keywords", path)
    if spec is None or spec.loader is None or not path.exists():
        raise SystemExit(f"scorer not found: {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def f1_at_k(rows: Rows, preds: Preds, norm: Callable[[str], str]) -> tuple[float, float, float]:
    """Macro P@K, R@K, F1@K (x100), as the shared scorer computes them."""
    tot_p = tot_r = tot_f = 0.0
    for row, pred in zip(rows, preds, strict=True):
        gold = {norm(g) for g in row["keyphrases"]} - {""}
        top: list[str] = []
        for x in map(norm, pred):
            if x and x not in top:
                top.append(x)
        hits = len(set(top[:K]) & gold)
        p = hits / len(top[:K]) if top else 0.0
        r = hits / len(gold) if gold else 0.0
        tot_p, tot_r, tot_f = tot_p + p, tot_r + r, tot_f + (2 * p * r / (p + r) if hits else 0.0)
    n = len(rows) or 1
    return 100 * tot_p / n, 100 * tot_r / n, 100 * tot_f / n


def timed(fn: Callable[[str], list[str]], rows: Rows) -> tuple[Preds, float]:
    t0 = time.process_time()
    preds = [fn(r["text"]) for r in rows]
    return preds, len(rows) / max(time.process_time() - t0, 1e-9)


def frequency_floor(text: str) -> list[str]:
    """The most frequent words of five or more letters (the README's floor)."""
    counts = Counter(w.lower() for w in WORD.findall(text) if len(w) >= 5 and w.isalpha())
    return [w for w, _ in counts.most_common(K)]


def tfidf_ranker(rows: Rows) -> Callable[[str], list[str]]:
    """TF-IDF over non-stopword words, document frequencies from the evaluated set itself."""
    df: Counter[str] = Counter()
    for r in rows:
        df.update({w.lower() for w in WORD.findall(r["text"])})
    n = len(rows)

    def rank(text: str) -> list[str]:
        tf = Counter(w.lower() for w in WORD.findall(text) if w.isalpha())
        score = {w: c * math.log(n / df[w]) for w, c in tf.items() if w not in STOPWORDS}
        return sorted(score, key=lambda w: -score[w])[:K]

    return rank


def run_yake(python: str, path: Path) -> tuple[Preds, float] | None:
    if not Path(python).exists():
        return None
    proc = subprocess.run([python, "-c", YAKE_SCRIPT, str(path)], capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"yake failed: {proc.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    out = json.loads(proc.stdout)
    return out["preds"], len(out["preds"]) / max(out["secs"], 1e-9)


def row_line(name: str, prf: tuple[float, float, float], speed: float | None) -> str:
    p, r, f = prf
    rate = "–" if speed is None else f"{speed:,.0f}"
    return f"| {name} | {f:.1f} | {p:.1f} | {r:.1f} | {rate} |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--yake-python",
                    default=os.environ.get("BRIEF_YAKE_PYTHON", DEFAULT_YAKE_PYTHON))
    args = ap.parse_args()
    t0 = time.process_time()
    extract_keywords("A first call pays for imports and tables: markets, marketing, marked.")
    startup = time.process_time() - t0
    path = args.data_dir / DATASET
    norm = load_scorer(args.data_dir).norm
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    ours, ours_speed = timed(lambda t: extract_keywords(t, n=K), rows)
    lines = [f"{len(rows)} documents of {DATASET}; F1@{K}, P@{K}, R@{K} x100; "
             "docs/s = documents per CPU second",
             f"brief's first call (nltk import, tables) took {startup:.2f} CPU s, not counted", "",
             f"| system | F1@{K} | P@{K} | R@{K} | docs/s |", "|---|---|---|---|---|",
             row_line("brief", f1_at_k(rows, ours, norm), ours_speed)]
    _, warm_speed = timed(lambda t: extract_keywords(t, n=K), rows)
    lines.append(row_line("brief, again (word caches warm)", f1_at_k(rows, ours, norm), warm_speed))
    for half, name in ((0, "brief, even docs"), (1, "brief, odd docs")):
        sub = [(r, p) for i, (r, p) in enumerate(zip(rows, ours, strict=True)) if i % 2 == half]
        prf = f1_at_k([r for r, _ in sub], [p for _, p in sub], norm)
        lines.append(row_line(name, prf, None))
    yake = run_yake(args.yake_python, path)
    if yake is None:
        lines.append(f"| YAKE n=1 | n/a (no yake in {args.yake_python}) | | | |")
    else:
        lines.append(row_line("YAKE n=1", f1_at_k(rows, yake[0], norm), yake[1]))
    for name, fn in (("frequency floor (>= 5 letters)", frequency_floor),
                     ("TF-IDF (IDF from this set)", tfidf_ranker(rows))):
        preds, speed = timed(fn, rows)
        lines.append(row_line(name, f1_at_k(rows, preds, norm), speed))
    f1 = f1_at_k(rows, ours, norm)[2]
    lines += ["", f"targets: F1@{K} >= {TARGET_F1} {'ok' if f1 >= TARGET_F1 else 'MISSED'}; "
              f"docs/s >= {TARGET_SPEED:.0f} {'ok' if ours_speed >= TARGET_SPEED else 'MISSED'}"]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
