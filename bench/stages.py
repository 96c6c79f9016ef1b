#!/usr/bin/env python3
"""Where one article's brief spends its time: CPU ms per article for each stage, on one core.

    python bench/stages.py [DATA_DIR] [--set bbc_dev|cnndm_dev] [--limit N]

Runs the stages one article at a time, in the order `briefcli.brief.brief_article` does (it
calls the same internal functions), after one warm-up article and `gc.freeze` as a batch does,
over the articles of DATA_DIR/summarization/SET.jsonl (DATA_DIR defaults to ../shared/data).
A batch runs each stage over a chunk of articles in turn (`brief_articles`), which keeps each
stage's tables in the processor's caches: about 10% faster than the total here. Pass 1 is a
first look at the articles (per-word caches cold, as in a batch of new articles); pass 2 reads
them again, with the caches warm. CPU time (time.process_time) is steadier than wall time on a
shared machine; the whole brief's speed against lede is in bench/batch.py, section 3.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefcli import brief as B
from briefcli.entities import extract_entities, group_entities
from briefcli.keywords import extract_keywords
from briefcli.reader import parse_text

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def one_pass(texts: list[str]) -> dict[str, float]:
    spent: dict[str, float] = defaultdict(float)

    def timed(name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        out = fn(*args, **kwargs)
        spent[name] += time.process_time() - start
        return out

    for text in texts:
        article = timed("reader", parse_text, text)
        spans = timed("segment", B._body_sentences, article)
        summary = timed("summary", B._summary, article, spans, 3, None, None)
        timed("keywords", extract_keywords, article.text, n=B.MAX_KEYWORDS)
        timed("language", B._language, article.text)
        timed("stats", B._stats, article.text, len(spans), summary)
        timed("figures", B._figures, article, spans, summary, None)
        mentions = timed("entities", extract_entities, article.text)
        timed("group entities", group_entities, mentions)
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=DATA)
    ap.add_argument("--set", default="bbc_dev", choices=["bbc_dev", "cnndm_dev"])
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    args = ap.parse_args()
    path = args.data / "summarization" / f"{args.set}.jsonl"
    records = [json.loads(line) for line in open(path, encoding="utf-8")][: args.limit]
    texts = [f"{r['title']}\n\n{r['text']}" if r.get("title") else r["text"] for r in records]
    B.build_brief("Warm up: the models load on first use. Apple said on 1 May 2024 that Tim Cook "
                  "would visit Paris.")
    gc.freeze()  # as briefcli.batch.settle does once the models are loaded
    passes = [one_pass(texts), one_pass(texts)]
    n = len(texts)
    print(f"{args.set}: {n:,} articles; CPU ms per article")
    print(f"   {'stage':16} {'pass 1 (cold)':>14} {'pass 2 (warm)':>14}")
    for stage in passes[0]:
        print(f"   {stage:16} {1000 * passes[0][stage] / n:14.3f} "
              f"{1000 * passes[1][stage] / n:14.3f}")
    totals = [sum(p.values()) for p in passes]
    print(f"   {'total':16} {1000 * totals[0] / n:14.3f} {1000 * totals[1] / n:14.3f}")
    print(f"   articles/s      {n / totals[0]:14.1f} {n / totals[1]:14.1f}")


if __name__ == "__main__":
    main()
