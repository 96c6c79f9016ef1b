#!/usr/bin/env python3
"""Sentence segmentation bench: ours beside pySBD and nltk's Punkt, measured in the same run.

    python bench/segmentation.py [DATA_DIR] [--pysbd-python PATH] [--news N] [--tokens]

DATA_DIR defaults to ../shared/data beside the repository. Each case set in DATA_DIR/segmentation/
is scored with ../shared/tools/score_segmentation.py (cases right / total); speed is MB/s of CPU
time over the set's texts, repeated until the clock has something to measure, plus MB/s on the
first N real news articles of DATA_DIR/summarization/cnndm_dev.jsonl. pySBD (an anchor, not a
dependency of ours) runs in its own venv by subprocess: this same file in `--worker` mode.
`--tokens` also compares our word tokens with nltk's NLTKWordTokenizer.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

Split = Callable[[str], list[str]]
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_PYSBD = "/work/venvs/seg/bin/python"
NEWS_FILE = Path("summarization") / "cnndm_dev.jsonl"


def load_scorer(data: Path) -> ModuleType:
    path = data.parent / "tools" / "score_segmentation.py"
    spec = importlib.util.spec_from_file_location("score_segmentation", path)
    assert spec and spec.loader, f"no scorer at {path}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def mb_per_s(split: Split, texts: list[str], min_seconds: float = 0.5) -> float:
    """Throughput over `texts`, repeating whole passes until `min_seconds` have passed. The clock
    is this process's CPU time: other jobs on a shared machine would skew wall time, and the two
    systems are timed one after the other."""
    split(texts[0])  # warm up: loading parameters is not segmentation
    size = sum(len(t.encode()) for t in texts) / 1e6
    passes, start = 0, time.process_time()
    while True:
        for t in texts:
            split(t)
        passes += 1
        elapsed = time.process_time() - start
        if elapsed >= min_seconds:
            return passes * size / elapsed


def news_texts(data: Path, n: int) -> list[str]:
    path = data / NEWS_FILE
    if not path.exists() or n <= 0:
        return []
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for _, line in zip(range(n), f, strict=False)]


def measure(split: Split, data: Path, news: int) -> dict[str, dict[str, float]]:
    """Correct/total and MB/s per case set, and MB/s on real news."""
    scorer = load_scorer(data)
    out: dict[str, dict[str, float]] = {}
    for path in sorted((data / "segmentation").glob("*.jsonl")):
        res = scorer.score_file(str(path), split)
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        speed = mb_per_s(split, [r["text"] for r in rows])
        out[path.stem] = {"correct": res.get("correct", 0), "total": res.get("cases", 0),
                          "score": res["score"], "mbps": speed}
    texts = news_texts(data, news)
    if texts:
        out["news speed"] = {"mbps": mb_per_s(split, texts, min_seconds=1.0)}
    return out


def token_agreement(texts: list[str]) -> None:
    """Content stems from our regex tokens against nltk's NLTKWordTokenizer run per sentence."""
    from collections import Counter

    from nltk.tokenize import NLTKWordTokenizer

    from briefcli import split_sentences
    from briefcli.tokens import content_stems, content_word, stem, words

    nltk_tok = NLTKWordTokenizer()
    sentences = [s for t in texts for s in split_sentences(t)]

    def nltk_stems(sentence: str) -> list[str]:
        lows = (content_word(tok) for tok in nltk_tok.tokenize(sentence) if tok[0] not in "'’")
        return [stem(low) for low in lows if low]

    size = sum(len(s.encode()) for s in sentences) / 1e6
    timed: dict[str, tuple[Counter[str], float]] = {}
    for name, fn in (("regex", content_stems), ("nltk", nltk_stems)):
        start = time.perf_counter()
        bag = Counter(st for s in sentences for st in fn(s))
        timed[name] = (bag, size / (time.perf_counter() - start))
    (ours, our_speed), (ref, ref_speed) = timed["regex"], timed["nltk"]
    both = sum((ours & ref).values())
    print(f"tokens: content stems shared with NLTKWordTokenizer: {both / sum(ref.values()):.1%} "
          f"of nltk's, {both / sum(ours.values()):.1%} of ours; "
          f"regex {our_speed:.1f} MB/s, nltk {ref_speed:.2f} MB/s (stemming included)")
    print(f"  tokenizing alone: regex {mb_per_s(words, sentences):.1f} MB/s, "
          f"NLTKWordTokenizer {mb_per_s(nltk_tok.tokenize, sentences):.2f} MB/s")
    print("  only nltk:", ", ".join(f"{w} {n}" for w, n in (ref - ours).most_common(8)))
    print("  only ours:", ", ".join(f"{w} {n}" for w, n in (ours - ref).most_common(8)))


Results = dict[str, dict[str, float]]


def average(a: Results, b: Results) -> Results:
    """Scores of `a` with the mean speed of two timings."""
    return {k: {**v, "mbps": (v["mbps"] + b[k]["mbps"]) / 2} for k, v in a.items()}


def systems() -> dict[str, Split]:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from briefcli import split_sentences
    from briefcli.segment import punkt_tokenizer

    return {
        "ours": split_sentences,
        "Punkt untrained": PunktSentenceTokenizer().tokenize,
        "Punkt + our params": punkt_tokenizer().tokenize,
    }


def pysbd_split() -> Split:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    return lambda text: [str(s) for s in seg.segment(text)]


def run_pysbd(python: str, data: Path, news: int) -> dict[str, dict[str, float]] | None:
    if not Path(python).exists():
        print(f"pySBD skipped: no {python}", file=sys.stderr)
        return None
    cmd = [python, __file__, str(data), "--worker", "--news", str(news)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode:
        print(f"pySBD skipped: {proc.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return dict(json.loads(proc.stdout))


def cell(res: dict[str, float] | None) -> str:
    if not res:
        return "–"
    speed = f"{res['mbps']:.2f} MB/s"
    if "total" not in res:
        return speed
    if res["total"]:
        return f"{res['correct']:.0f}/{res['total']:.0f}  {speed}"
    return f"F1 {res['score']:.3f}  {speed}"


def print_table(results: dict[str, dict[str, dict[str, float]] | None]) -> None:
    names = list(results)
    sets = list(next(r for r in results.values() if r))
    width = 24
    print("| set | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for name in sets:
        row = [cell((results[n] or {}).get(name)) for n in names]
        print(f"| {name:<{width}} | " + " | ".join(row) + " |")


def print_ratios(ours: dict[str, dict[str, float]], anchor: dict[str, dict[str, float]]) -> None:
    for name in ours:
        if name in anchor and anchor[name]["mbps"]:
            ratio = ours[name]["mbps"] / anchor[name]["mbps"]
            print(f"speed ours / pySBD on {name}: {ratio:.0f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--pysbd-python", default=DEFAULT_PYSBD, help="python of a venv with pysbd")
    ap.add_argument("--news", type=int, default=60, help="news articles timed for speed")
    ap.add_argument("--tokens", action="store_true", help="also compare word tokens with nltk")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:  # inside the pySBD venv: measure pySBD only, print JSON
        print(json.dumps(measure(pysbd_split(), args.data, args.news)))
        return
    results: dict[str, dict[str, dict[str, float]] | None] = {}
    for name, split in systems().items():
        first = measure(split, args.data, args.news)
        results[name] = first
        if name == "ours":  # pySBD between two timings of ours: the load on the machine drifts
            results["pySBD 0.3.4"] = run_pysbd(args.pysbd_python, args.data, args.news)
            results[name] = average(first, measure(split, args.data, args.news))
    print_table(results)
    anchor = results.get("pySBD 0.3.4")
    if anchor and results["ours"]:
        print_ratios(results["ours"] or {}, anchor)
    if args.tokens:
        token_agreement(news_texts(args.data, args.news))


if __name__ == "__main__":
    main()
