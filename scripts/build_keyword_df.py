#!/usr/bin/env python3
"""Build `briefcli/data/keywords_df.tsv`: how common each word is in general text.

The keyword ranker divides by this commonness (an IDF, Sparck Jones 1972), so words any text uses
("think", "going", "first") rank below the words a given article is about. Source: the CoNLL
training files in `../shared/data/entities/train/` (wikigold, WNUT17, Broad Twitter Corpus; all
CC-BY 4.0, see NOTICE). Each wikigold article and each tweet counts as one document.
Deterministic: same input, same file.

    python scripts/build_keyword_df.py [TRAIN_DIR]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from briefcli.tokens import WORD

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TRAIN = REPO.parent / "shared" / "data" / "entities" / "train"
OUT = REPO / "briefcli" / "data" / "keywords_df.tsv"
POSSESSIVE = re.compile(r"['\u2019]s$")
MIN_DF = 3  # rarer words get the default (maximal) rarity at run time; keeps the file small


def conll_documents(path: Path) -> Iterator[str]:
    """Documents of a CoNLL file: split at -DOCSTART- if it has them, else at blank lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    by_docstart = any(ln.startswith("-DOCSTART-") for ln in lines)
    tokens: list[str] = []
    for ln in lines:
        is_break = ln.startswith("-DOCSTART-") if by_docstart else not ln.strip()
        if is_break:
            if tokens:
                yield " ".join(tokens)
            tokens = []
        elif ln.strip():
            tokens.append(ln.split()[0])
    if tokens:
        yield " ".join(tokens)


def document_frequencies(train_dir: Path) -> tuple[int, Counter[str]]:
    """Number of documents, and in how many of them each lower-cased alphabetic word occurs
    (a possessive 's removed, as the keyword ranker reads words)."""
    n_docs, df = 0, Counter[str]()
    for path in sorted(p for p in train_dir.iterdir() if p.suffix in {".conll", ".txt"}):
        for doc in conll_documents(path):
            n_docs += 1
            found = {POSSESSIVE.sub("", w) for w in WORD.findall(doc.lower())}
            df.update(w for w in found if w.isalpha())
    return n_docs, df


def main(argv: list[str]) -> None:
    train_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_TRAIN
    n_docs, df = document_frequencies(train_dir)
    rows = sorted((s, c) for s, c in df.items() if c >= MIN_DF)
    lines = ["# word<TAB>document frequency; built by scripts/build_keyword_df.py from CC-BY 4.0",
             "# wikigold, WNUT17 and Broad Twitter Corpus text (see NOTICE)",
             f"__documents__\t{n_docs}", *(f"{s}\t{c}" for s, c in rows)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} words from {n_docs} documents", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
