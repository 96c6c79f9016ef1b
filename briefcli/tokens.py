"""Word tokens, stems and stopwords, all offline.

Words are found by one linear regular expression (letters and digits joined by inner hyphens or
apostrophes). On news text it finds the same content words as nltk's `NLTKWordTokenizer` run
sentence by sentence, about twenty times faster (`bench/segmentation.py --tokens` prints both
figures); the difference is that it keeps clitics on their word ("don't", "CNN's"), which
`content_stems` then reads as nltk would. Stems are Porter2 (English Snowball) stems, from an
implementation here that gives nltk's exactly, twice as fast; the stopword list ships as text,
written for this project.

A brief reads one article's words in several stages; `text_words` keeps the last text's word
stream (words, and a "" for each punctuation mark or line break) so that it is found once.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

__all__ = ["STOPWORDS", "WORD", "WORD_OR_BREAK", "Memo", "TextWords", "stream_pattern",
           "word_spans", "words", "word_stream", "text_words", "keep_stream", "count_words",
           "count_stopwords", "streams_of", "stem", "porter2", "STEM_OF", "content_stems",
           "content_word"]

# From 3.11, possessive repeats ("++": the same matches here, as a run of word characters is
# never given back) spare the regular expression engine its bookkeeping for backtracking.
_POSSESSIVE = "+" if sys.version_info >= (3, 11) else ""
WORD = re.compile(f"\\w+{_POSSESSIVE}(?:[-'\u2019]\\w+{_POSSESSIVE})*{_POSSESSIVE}")
# A word, or a mark that breaks a phrase: punctuation or a line break (findall gives "" for it).
# A mark is never a word character, so the words come out exactly as `WORD` finds them.
WORD_OR_BREAK = re.compile(f"({WORD.pattern})|[^\\w \\t]")
# The same on ASCII text, where \w is [A-Za-z0-9_] and no curly apostrophe occurs; Python's
# re matches a plain character class faster.
_ASCII_WORD_OR_BREAK = re.compile(f"([A-Za-z0-9_]+{_POSSESSIVE}(?:[-'][A-Za-z0-9_]+{_POSSESSIVE})"
                                  f"*{_POSSESSIVE})|[^A-Za-z0-9_ \\t]")


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

    # (slots, here and in subclasses: CPython 3.11 specialises no attribute read of a dict
    # subclass instance that has a __dict__, ~13 ns more each in __missing__)
    __slots__ = ("fn",)

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


def streams_of(text: str, pieces: Iterable[str]) -> list[list[str]]:
    """The `word_stream` of each piece of `text` (its sentences, say): in a text that is not
    all ASCII most pieces still are, and they are read by the faster pattern."""
    if text.isascii():
        return list(map(_ASCII_WORD_OR_BREAK.findall, pieces))
    return [stream_pattern(piece).findall(piece) for piece in pieces]


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


# ---------------------------------------------------------------- the Porter2 stemmer
# Porter's English (Porter2) stemmer as the Snowball project describes it (Porter 2001,
# snowballstem.org/algorithms/english/stemmer.html), written for speed: the regions R1 and R2
# are kept as start positions, and each step looks only at the suffixes that end with the
# word's last letter. It gives nltk's SnowballStemmer("english") stems exactly, including that
# implementation's reading of a region that a replaced suffix overlaps (see `_moved`);
# tests/test_tokens.py checks that they agree. About twice as fast, and no nltk import.

_VOWELS = frozenset("aeiouy")
_DOUBLES = frozenset(("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"))
_LI_ENDING = frozenset("cdeghkmnrt")
_APOSTROPHES = str.maketrans("\u2019\u2018\u201b", "'" * 3)
_EXCEPTIONS = {
    "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
    "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli",
    "singly": "singl", "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas",
    "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    **{w + end: w for w in ("inning", "outing", "canning", "herring", "earring")
       for end in ("", "s")},
    **{w + end: w for w in ("proceed", "exceed", "succeed") for end in ("", "s", "ed", "ing")},
}
# Steps 2 and 3: suffix -> (replacement, what becomes of a region that starts inside the
# suffix: "cut" keeps its start while that is still in the word, "end" leaves the region
# empty, "e" makes it the final "e").
_STEP2 = {
    "ization": ("ize", "end"), "ational": ("ate", "e"), "fulness": ("ful", "cut"),
    "ousness": ("ous", "end"), "iveness": ("ive", "e"), "tional": ("tion", "cut"),
    "biliti": ("ble", "end"), "lessli": ("less", "cut"), "entli": ("ent", "cut"),
    "ation": ("ate", "e"), "alism": ("al", "end"), "aliti": ("al", "end"),
    "ousli": ("ous", "end"), "iviti": ("ive", "e"), "fulli": ("ful", "cut"),
    "enci": ("ence", "cut"), "anci": ("ance", "cut"), "abli": ("able", "cut"),
    "izer": ("ize", "end"), "ator": ("ate", "e"), "alli": ("al", "end"), "bli": ("ble", "end"),
    "ogi": ("og", "cut"), "li": ("", "cut"),
}
_STEP3 = {
    "ational": ("ate", "end"), "tional": ("tion", "cut"), "alize": ("al", "cut"),
    "icate": ("ic", "end"), "iciti": ("ic", "end"), "ative": ("", "cut"),
    "ical": ("ic", "end"), "ness": ("", "cut"), "ful": ("", "cut"),
}
_STEP4 = ("ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti",
          "ous", "ive", "ize", "ion", "al", "er", "ic")
_STEP1B = ("eedly", "ingly", "edly", "eed", "ing", "ed")


def _by_ending(suffixes: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Suffixes grouped by their last two letters (none is shorter), longest first: a word's
    last two letters name the few suffixes of a step it may end with, and most name none."""
    out: dict[str, list[str]] = {}
    for s in sorted(suffixes, key=len, reverse=True):
        out.setdefault(s[-2:], []).append(s)
    return {end: tuple(group) for end, group in out.items()}


_ENDS1B, _ENDS2, _ENDS3, _ENDS4 = map(_by_ending, (_STEP1B, _STEP2, _STEP3, _STEP4))
# A word of letters whose last letter is one of these, and that does not end with any of the
# endings given for it, ends with no suffix of any step (nor "s", "y", "e", "'" of steps 0, 1a,
# 1c and 5, nor "ll"): it is its own stem. (tests/test_tokens.py checks this against the tables.)
_UNTOUCHED: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("abfhjkopquvwxz", ()), "c": ("ic",), "d": ("ed",), "g": ("ing",),
    "l": ("al", "ful", "ll"), "m": ("ism",), "n": ("ion",), "r": ("er", "ator"),
    "t": ("ment", "ant", "ent"),
}
_VOWELS_BUT_Y = frozenset("aeiou")  # (a "y" may be a consonant "Y")


def _untouched(word: str) -> bool:
    """Is `word` (in lower case) its own stem by the test of `_UNTOUCHED`?"""
    endings = _UNTOUCHED.get(word[-1])
    return endings is not None and not word.endswith(endings) and word.isalpha()


def porter2(word: str) -> str:
    """The Porter2 stem of `word` (lower-cased first), as nltk's English Snowball gives it."""
    word = word.lower()
    if len(word) <= 2:
        return word
    special = _EXCEPTIONS.get(word)
    if special is not None:
        return special
    endings = _UNTOUCHED.get(word[-1])
    if endings is not None and not word.endswith(endings) and word.isalpha():
        return word  # no step has a suffix it ends with (about a third of new words)
    if word[-1] == "s" and not word.endswith(("us", "ss")) and _untouched(word[:-1]) and \
            not _VOWELS_BUT_Y.isdisjoint(word[:-2]):
        return word[:-1]  # a plural: step 1a drops its "s", and no other step applies
    return _steps(word)


def _steps(word: str) -> str:
    """Porter2's steps on a lower-case word of three characters or more. A step runs only when
    the word's ending is one it may change: most words skip most steps after a dict look-up."""
    if not word.isascii():
        word = word.translate(_APOSTROPHES)
    if word[0] == "'":
        word = word[1:]
    marked = "y" in word and _MARKS_Y.search(word) is not None
    if marked:
        word = _mark_y(word)
    p1, p2 = _regions(word)
    if "'" in word:
        word = _step0(word)
    if word.endswith(("s", "ied")):  # (the only endings step 1a changes)
        word = _step1a(word)
    n = len(word)
    if p2 > n:  # (R2 never starts before R1)
        p1, p2 = min(p1, n), n
    ends = _ENDS1B.get(word[-2:])
    if ends is not None:
        word, p1, p2 = _step1b(word, ends, p1, p2)
    if len(word) > 2 and word[-1] in "yY" and word[-2] not in _VOWELS:  # step 1c
        word = word[:-1] + "i"
    ends = _ENDS2.get(word[-2:])
    if ends is not None:
        word, p2 = _step23(word, ends, _STEP2, p1, p2)
    ends = _ENDS3.get(word[-2:])
    if ends is not None:
        word, p2 = _step23(word, ends, _STEP3, p1, p2)
    ends = _ENDS4.get(word[-2:])
    if ends is not None:
        word, p1, p2 = _step4(word, ends, p1, p2)
    if word.endswith(("l", "e")):
        word = _step5(word, p1, p2)
    return word.replace("Y", "y") if marked else word


# R1 begins after "gener", "commun" or "arsen", else after the first non-vowel that follows a
# vowel; R2 after the next such non-vowel. R1 ends group 1, R2 the whole match when it goes
# further. (A "Y" is a consonant "y".)
_REGION = "[^aeiouy]*[aeiouy]+[^aeiouy]"
_REGIONS = re.compile(f"(gener|commun|arsen|{_REGION})(?:{_REGION})?")


def _regions(word: str) -> tuple[int, int]:
    """Where R1 and R2 begin (the end of the word for an empty region)."""
    m = _REGIONS.match(word)
    if m is None:
        return len(word), len(word)
    p1, p2 = m.end(1), m.end()
    return p1, p2 if p2 > p1 else len(word)


# Where `_mark_y` has a "y" to mark: at the start or after a vowel (most words with a "y",
# "ministry", "quickly", have none).
_MARKS_Y = re.compile("^y|[aeiouy]y")


def _mark_y(word: str) -> str:
    """An initial "y" and one after a vowel are consonants: "Y"."""
    chars = list(word)
    if chars[0] == "y":
        chars[0] = "Y"
    for i in range(1, len(chars)):
        if chars[i] == "y" and chars[i - 1] in _VOWELS:
            chars[i] = "Y"
    return "".join(chars)


def _moved(p: int, at: int, size: int, mode: str) -> int:
    """Region start `p` once the suffix at `at` is replaced by `size` characters."""
    if p <= at:
        return p
    end = at + size
    if mode == "cut":
        return min(p, end)
    return end if mode == "end" else end - 1


def _step0(word: str) -> str:
    """Drop a final "'s'", "'s" or "'"."""
    if word.endswith("'"):
        return word[:-3] if word.endswith("'s'") else word[:-1]
    return word[:-2] if word.endswith("'s") else word


def _step1a(word: str) -> str:
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ied", "ies")):
        return word[:-2] if len(word) > 4 else word[:-1]
    if word.endswith(("us", "ss")) or word[-1] != "s":
        return word
    return word[:-1] if not _VOWELS.isdisjoint(word[:-2]) else word


def _step1b(word: str, ends: tuple[str, ...], p1: int, p2: int) -> tuple[str, int, int]:
    """Step 1b, `ends` being the suffixes of the step that end as the word does."""
    for s in ends:
        if word.endswith(s):
            break
    else:
        return word, p1, p2
    at = len(word) - len(s)
    if s in ("eed", "eedly"):
        if p1 <= at:
            return word[:at] + "ee", p1, _moved(p2, at, 2, "end")
        return word, p1, p2
    if _VOWELS.isdisjoint(word[:at]):
        return word, p1, p2
    word, p1, p2 = word[:at], min(p1, at), min(p2, at)
    if word.endswith(("at", "bl", "iz")):
        word += "e"
        if len(word) <= 5 and len(word) - p1 < 3:
            p2 = len(word)
    elif word[-2:] in _DOUBLES:
        word, p1, p2 = word[:-1], min(p1, at - 1), min(p2, at - 1)
    elif p1 == at and _short_syllable(word):
        word += "e"
        p1 = p2 = len(word)
    return word, p1, p2


def _short_syllable(word: str) -> bool:
    if len(word) >= 3:
        return (word[-1] not in _VOWELS and word[-1] not in "wxY" and word[-2] in _VOWELS
                and word[-3] not in _VOWELS)
    return len(word) == 2 and word[0] in _VOWELS and word[1] not in _VOWELS


def _step23(word: str, ends: tuple[str, ...], table: dict[str, tuple[str, str]], p1: int,
            p2: int) -> tuple[str, int]:
    """Step 2 or 3 (`table`), `ends` being its suffixes that end as the word does: the word
    and the start of R2."""
    for s in ends:
        if word.endswith(s):
            break
    else:
        return word, p2
    at = len(word) - len(s)
    if p1 > at or (s == "ogi" and word[-4] != "l") or \
            (s == "li" and word[-3] not in _LI_ENDING) or (s == "ative" and p2 > at):
        return word, p2  # (only step 2 has "ogi" and "li", only step 3 "ative")
    replacement, mode = table[s]
    return word[:at] + replacement, _moved(p2, at, len(replacement), mode)


def _step4(word: str, ends: tuple[str, ...], p1: int, p2: int) -> tuple[str, int, int]:
    """Step 4, `ends` being the suffixes of the step that end as the word does."""
    for s in ends:
        if word.endswith(s):
            break
    else:
        return word, p1, p2
    if p2 > len(word) - len(s):
        return word, p1, p2
    if s != "ion":
        word = word[: -len(s)]
    elif word[-4] in "st":
        word = word[:-3]
    return word, p1, p2  # (both regions start before the suffix, so in the word still)


def _step5(word: str, p1: int, p2: int) -> str:
    n = len(word)
    if word.endswith("l"):
        return word[:-1] if p2 < n and word[-2] == "l" else word
    if not word.endswith("e"):
        return word
    if p2 < n or (p1 < n and n >= 4 and (word[-2] in _VOWELS or word[-2] in "wxY"
                                         or word[-3] not in _VOWELS or word[-4] in _VOWELS)):
        return word[:-1]
    return word


# A plain memo, not an LRU cache: a hit is one dict lookup, with no recency list to update.
STEM_OF: Memo[str, str] = Memo(porter2)  # word -> its stem


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
