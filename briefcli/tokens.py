"""Word tokens, stems and stopwords, all offline.

Words are found by one linear regular expression (letters and digits joined by inner hyphens or
apostrophes). On news text it finds the same content words as nltk's `NLTKWordTokenizer` run
sentence by sentence, about twenty times faster (`bench/segmentation.py --tokens` prints both
figures); the difference is that it keeps clitics on their word ("don't", "CNN's"), which
`content_stems` then reads as nltk would. Stems come from nltk's Snowball (Porter2) stemmer; the
stopword list ships as text, written for this project.

A brief reads one article's words in several stages; `text_words` keeps the last text's word
stream (words, and a "" for each punctuation mark or line break) so that it is found once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

__all__ = ["STOPWORDS", "WORD", "WORD_OR_BREAK", "Memo", "TextWords", "stream_pattern",
           "word_spans", "words", "word_stream", "text_words", "keep_stream", "count_words",
           "count_stopwords", "stem", "STEM_OF", "content_stems", "content_word"]

WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")
# A word, or a mark that breaks a phrase: punctuation or a line break (findall gives "" for it).
# A mark is never a word character, so the words come out exactly as `WORD` finds them.
WORD_OR_BREAK = re.compile(f"({WORD.pattern})|[^\\w \\t]")
# The same on ASCII text, where \w is [A-Za-z0-9_] and no curly apostrophe occurs; Python's
# re matches a plain character class faster.
_ASCII_WORD_OR_BREAK = re.compile(r"([A-Za-z0-9_]+(?:[-'][A-Za-z0-9_]+)*)|[^A-Za-z0-9_ \t]")


# English clitics written onto their host: "n't" negates an auxiliary ("didn't", "can't"); the
# others ("it's", "we're", "CNN's") leave the host as the word that counts.
_NEGATION = re.compile(r"n['\u2019]t$", re.IGNORECASE)
_CLITIC = re.compile(r"['\u2019](?:s|re|ll|ve|d|m)?$", re.IGNORECASE)


def _load_stopwords() -> frozenset[str]:
    path = resources.files("briefcli") / "data" / "stopwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


STOPWORDS: frozenset[str] = _load_stopwords()


K = TypeVar("K")
V = TypeVar("V")
MEMO_SIZE = 65536  # distinct keys kept before a memo starts afresh: memory stays flat


class Memo(dict[K, V], Generic[K, V]):
    """A dict that computes missing values with `fn` (and starts afresh when it grows too big):
    looking up a known key costs no Python call."""

    def __init__(self, fn: Callable[[K], V]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: K) -> V:
        if len(self) >= MEMO_SIZE:
            self.clear()
        value = self[key] = self.fn(key)
        return value


def stream_pattern(text: str) -> re.Pattern[str]:
    """`WORD_OR_BREAK`, or its faster equivalent when `text` is ASCII (a test that costs no
    scan in CPython): for `text` and every piece of it."""
    return _ASCII_WORD_OR_BREAK if text.isascii() else WORD_OR_BREAK


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the words of `text`."""
    return [m.span() for m in WORD.finditer(text)]


def words(text: str) -> list[str]:
    """The words of `text`, as written."""
    return WORD.findall(text)


@dataclass(frozen=True, slots=True)
class TextWords:
    """A text's `word_stream` and the counts the brief reads from it."""

    text: str
    stream: Sequence[str]  # (a tuple when kept: not to be changed)
    words: int  # how many words the stream holds


def _text_words(text: str, stream: Sequence[str]) -> TextWords:
    return TextWords(text, stream, count_words(stream))


# The last text's words: the stages of one brief (summary, keywords, language, stats) read the
# same article, and tokenizing it once spares three passes of the regular expression.
_last = TextWords("", (), 0)
# Longer texts are not kept: their words would stay in memory through the other stages (tens
# of megabytes for a book), and next to their other costs tokenizing again is small.
KEEP_LIMIT = 100_000  # characters


def text_words(text: str) -> TextWords:
    """The words of `text` (kept for the last text)."""
    global _last
    last = _last  # one read: another thread may replace it, never half of it
    if last.text == text:
        return last
    stream = stream_pattern(text).findall(text)
    if len(text) > KEEP_LIMIT:
        return _text_words(text, stream)
    _last = found = _text_words(text, tuple(stream))
    return found


def keep_stream(text: str, stream: tuple[str, ...]) -> None:
    """Hand `text_words` the stream of `text` found another way (the brief puts it together
    from the streams of the article's sentences, which the summary needs anyway)."""
    global _last
    if len(text) <= KEEP_LIMIT:
        _last = _text_words(text, stream)


def word_stream(text: str) -> Sequence[str]:
    """The words of `text` as written, with "" for each punctuation mark or line break between
    them (spaces and tabs give nothing): `WORD_OR_BREAK.findall`, kept for the last text."""
    return text_words(text).stream


def count_words(stream: Sequence[str]) -> int:
    """How many words a `word_stream` holds."""
    return len(stream) - stream.count("")


def count_stopwords(words: Iterable[str]) -> int:
    """How many of `words` are stopwords, in any case ("" is not)."""
    # The stopword set is small and stays in the CPU cache, unlike a memo of every word.
    return len(list(filter(STOPWORDS.__contains__, map(str.lower, words))))


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


def _snowball(word: str) -> str:
    return str(_stemmer().stem(word.lower()))


# A plain memo, not an LRU cache: a hit is one dict lookup, with no recency list to update.
STEM_OF: Memo[str, str] = Memo(_snowball)  # word -> its stem


def stem(word: str) -> str:
    """Snowball (Porter2) stem of a lower-cased word."""
    return STEM_OF[word]


@lru_cache(maxsize=65536)
def content_word(word: str) -> str | None:
    """The lower-cased content word in `word`, or None for stopwords (also with a clitic:
    "it's", "didn't"), bare numbers ("1,000" is two tokens, "3") and single characters."""
    low = word.lower()
    if "'" in low or "\u2019" in low:  # (clitics need an apostrophe: most words have none)
        if _NEGATION.search(low):
            return None  # only auxiliaries take "n't"
        low = _CLITIC.sub("", low)
    if len(low) < 2 or low in STOPWORDS or not (low.isalpha() or any(map(str.isalpha, low))):
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
