"""Word tokens, stems and stopwords, all offline.

Words are found by one linear regular expression (letters and digits joined by inner hyphens or
apostrophes); stems come from nltk's Snowball stemmer; the stopword list ships as text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["STOPWORDS", "word_spans", "words", "stem", "content_stems"]

WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")


def _load_stopwords() -> frozenset[str]:
    path = resources.files("briefcli") / "data" / "stopwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


STOPWORDS: frozenset[str] = _load_stopwords()


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the words of `text`."""
    return [m.span() for m in WORD.finditer(text)]


def words(text: str) -> list[str]:
    """The words of `text`, as written."""
    return WORD.findall(text)


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter2) stem of a lower-cased word."""
    return str(_stemmer().stem(word.lower()))


def content_stems(text: str) -> list[str]:
    """Stems of the words of `text` that are not stopwords or bare numbers."""
    out = []
    for w in WORD.findall(text):
        lw = w.lower()
        if lw not in STOPWORDS and not lw.isdigit() and len(lw) > 1:
            out.append(stem(lw))
    return out
