"""Word tokens, stems and stopwords, all offline.

Words are found by one linear regular expression (letters and digits joined by inner hyphens or
apostrophes). On news text it finds the same content words as nltk's `NLTKWordTokenizer` run
sentence by sentence, about twenty times faster (`bench/segmentation.py --tokens` prints both
figures); the difference is that it keeps clitics on their word ("don't", "CNN's"), which
`content_stems` then reads as nltk would. Stems come from nltk's Snowball (Porter2) stemmer; the
stopword list ships as text, written for this project.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["STOPWORDS", "WORD", "word_spans", "words", "stem", "content_stems", "content_word"]

WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")
# English clitics written onto their host: "n't" negates an auxiliary ("didn't", "can't"); the
# others ("it's", "we're", "CNN's") leave the host as the word that counts.
_NEGATION = re.compile(r"n['\u2019]t$", re.IGNORECASE)
_CLITIC = re.compile(r"['\u2019](?:s|re|ll|ve|d|m)?$", re.IGNORECASE)


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


@lru_cache(maxsize=65536)
def content_word(word: str) -> str | None:
    """The lower-cased content word in `word`, or None for stopwords (also with a clitic:
    "it's", "didn't"), bare numbers ("1,000" is two tokens, "3") and single characters."""
    low = word.lower()
    if _NEGATION.search(low):
        return None  # only auxiliaries take "n't"
    low = _CLITIC.sub("", low)
    if len(low) < 2 or low in STOPWORDS or not any(c.isalpha() for c in low):
        return None
    return low


def content_stems(text: str) -> list[str]:
    """Stems of the words of `text` that are not stopwords or bare numbers."""
    out = []
    for w in WORD.findall(text):
        low = content_word(w)
        if low is not None:
            out.append(stem(low))
    return out
