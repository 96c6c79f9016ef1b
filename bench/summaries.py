#!/usr/bin/env python3
"""Summary quality and speed: brief's rankers beside Lead-3 and sumy's LexRank, in one run.

    python bench/summaries.py [DATA_DIR] [--anchor-python PATH] [--limit N] [--no-long]

DATA_DIR defaults to ../shared/data beside the repository. It reads summarization/cnndm_dev.jsonl
(all of it) and summarization/bbc_dev.jsonl (the first 513 articles, as the data README scores
it). For each set:

- brief: the command itself, one process (`-j 1`), `--fields summary --format jsonl -n 3`, once
  with the default method and once with every other method;
- Lead-3: the first three sentences by the regular-expression splitter of
  ../shared/tools/score_summaries.py (the protocol of the anchor figures);
- sumy LexRank: run by the anchor venv's python (default /work/venvs/sum/bin/python, with sumy
  installed and nltk's punkt_tab/english under that venv's nltk_data; never in our package);
  skipped with a note when that python is missing.

ROUGE-1/2/Lsum F1 x100 come from briefcli.evaluate (rouge-score, stemmed; Lsum on one sentence a
line). articles/s is the whole process's wall time, start-up included, the same for brief and for
sumy; the machine is shared, so compare the ratio measured in this run. Then one document of
2,000 and of 20,000 sentences goes through the whole command: seconds and peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from briefcli.evaluate import Rouge, rouge  # noqa: E402
from briefcli.rank import DEFAULT_METHOD, RANKERS  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SETS = (("cnndm_dev", None), ("bbc_dev", 513))
SENTENCES = 3
SPLIT = re.compile(r"(?<=[.!?])[\"')\]\u201d\u2019]*\s+(?=[\"'(\[\u201c\u2018]?[A-Z0-9])")

SUMY = r"""
import json, sys
from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
tokenizer = Tokenizer("english")
n = int(sys.argv[2])
for line in open(sys.argv[1], encoding="utf-8"):
    rec = json.loads(line)
    doc = PlaintextParser.from_string(rec["text"], tokenizer).document
    out = [str(s) for s in summarizer(doc, n)]
    print(json.dumps({"id": rec["id"], "summary": out}))
"""


def lead(text: str, n: int) -> list[str]:
    """Lead-N by the scorer's regular-expression splitter, paragraph by paragraph."""
    out: list[str] = []
    for para in re.split(r"\n+", text):
        out.extend(s.strip() for s in SPLIT.split(para.strip()) if s.strip())
    return out[:n]


def run_timed(cmd: list[str]) -> tuple[str, float, float]:
    """Run `cmd`; its stdout, wall seconds and peak resident memory in MB."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        secs = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read() if proc.stderr else ""
        if proc.returncode != 0:
            sys.exit(f"{' '.join(cmd[:4])} ... exited {proc.returncode}: {err.strip()[-400:]}")
        out.seek(0)
        return out.read(), secs, usage.ru_maxrss / 1024


def summaries(stdout: str) -> dict[str, str]:
    """id -> summary sentences one per line, from JSON Lines records."""
    got = {}
    for line in stdout.splitlines():
        if line.strip():
            rec = json.loads(line)
            sents = [s["text"] if isinstance(s, dict) else str(s) for s in rec["summary"]]
            got[str(rec["id"])] = "\n".join(" ".join(s.split()) for s in sents)
    return got


def score(rows: list[dict[str, Any]], got: dict[str, str]) -> Rouge:
    return rouge((got.get(str(r["id"]), ""), r["summary"]) for r in rows)


def brief_cmd(path: str, method: str) -> list[str]:
    return [sys.executable, "-m", "briefcli", "summarize", path, "--format", "jsonl", "-q",
            "--sentences", str(SENTENCES), "--fields", "summary", "-j", "1", "--method", method]


def bench_set(path: str, rows: list[dict[str, Any]], anchor: str | None) -> list[tuple]:
    """(system, Rouge, articles/s or None) for brief's methods, Lead-3 and sumy LexRank."""
    out = []
    methods = [DEFAULT_METHOD] + sorted(m for m in set(RANKERS) - {DEFAULT_METHOD, "default"})
    for method in methods:
        stdout, secs, _ = run_timed(brief_cmd(path, method))
        label = f"brief {method}" + (" (default)" if method == DEFAULT_METHOD else "")
        out.append((label, score(rows, summaries(stdout)), len(rows) / secs))
    base = {str(r["id"]): "\n".join(lead(r["text"], SENTENCES)) for r in rows}
    out.append(("Lead-3 (regex splitter)", score(rows, base), None))
    if anchor:
        stdout, secs, _ = run_timed([anchor, "-c", SUMY, path, str(SENTENCES)])
        out.append(("sumy LexRank", score(rows, summaries(stdout)), len(rows) / secs))
    return out


def print_table(name: str, count: int, results: list[tuple]) -> None:
    print(f"\n{name} ({count} articles, {SENTENCES} sentences)")
    print(f"{'system':<26} {'R1':>6} {'R2':>6} {'RLsum':>6} {'articles/s':>11}")
    for label, r, rate in results:
        speed = f"{rate:11.0f}" if rate else f"{'-':>11}"
        print(f"{label:<26} {r.r1:6.2f} {r.r2:6.2f} {r.rlsum:6.2f} {speed}")
    ours = results[0][2]
    sumy = next((rate for label, _, rate in results if label == "sumy LexRank"), None)
    if ours and sumy:
        print(f"speed: brief {DEFAULT_METHOD} {ours:.0f}/s = {ours / sumy:.1f}x sumy LexRank "
              f"{sumy:.0f}/s")


def long_documents(rows: list[dict[str, Any]], tmp: str) -> None:
    """One document of 2,000 and of 20,000 sentences (news sentences in two-sentence
    paragraphs) through the whole command: summary only, then every field."""
    pool = [s for r in rows for para in re.split(r"\n+", r["text"])
            for s in SPLIT.split(para.strip()) if s.strip()]
    print("\nlong documents through the command (default method)")
    print(f"{'sentences':>9} {'fields':<8} {'seconds':>8} {'peak MB':>8}")
    for n in (2_000, 20_000):
        sents = [pool[i % len(pool)] for i in range(n)]
        text = "\n\n".join(" ".join(sents[i : i + 2]) for i in range(0, n, 2))
        path = os.path.join(tmp, f"long{n}.txt")
        Path(path).write_text(text, encoding="utf-8")
        for fields in ("summary", "all"):
            cmd = [sys.executable, "-m", "briefcli", "summarize", path, "--format", "json",
                   "-q", "-j", "1", "--fields", fields]
            _, secs, mb = run_timed(cmd)
            print(f"{n:>9,} {fields:<8} {secs:8.2f} {mb:8.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--anchor-python", default="/work/venvs/sum/bin/python",
                    help="python of the venv with sumy installed")
    ap.add_argument("--limit", type=int, help="only the first N articles of each set")
    ap.add_argument("--no-long", action="store_true", help="skip the long-document timings")
    a = ap.parse_args()
    anchor = a.anchor_python if Path(a.anchor_python).exists() else None
    if not anchor:
        print(f"note: {a.anchor_python} not found; sumy LexRank skipped", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        for name, limit in SETS:
            rows = read(Path(a.data) / "summarization" / f"{name}.jsonl", a.limit or limit)
            path = os.path.join(tmp, f"{name}.jsonl")
            write_inputs(rows, path)
            print_table(name, len(rows), bench_set(path, rows, anchor))
            if name == "cnndm_dev" and not a.no_long:
                long_rows = rows
        if not a.no_long:
            long_documents(long_rows, tmp)


def read(path: Path, limit: int | None) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return rows[:limit] if limit else rows


def write_inputs(rows: list[dict[str, Any]], path: str) -> None:
    """Only what a user would give: id, text and title (never the reference)."""
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            rec = {k: r[k] for k in ("id", "text", "title") if r.get(k)}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
