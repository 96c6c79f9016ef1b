"""Tokens and numbers: the shared first step of figure and date extraction.

`tokens` cuts a text into digit runs, letter runs and single symbols in one regex pass: a
`Tokens` list of one shared `TokenType` per distinct text, their positions in columns
(`tokenize` gives the same tokens as one tuple each, with their spans).
`read_number` reads one number (digits, words, fractions, scale words) starting at a token and
returns its value and the token index after it. Everything here moves strictly left to right with
bounded look-ahead, so the cost is linear in the text length whatever the input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import accumulate
from operator import sub
from typing import NamedTuple

__all__ = ["Token", "TokenType", "Tokens", "Number", "tokens", "tokenize", "token_type",
           "read_number", "read_digits", "ORDINALS", "WORD_VALUES"]

# Digit runs keep their inner "." and "," (split later in Python, never by backtracking),
# letter runs (or other numeric characters such as "²") and single symbols. Each match takes
# the whitespace before its token too, so the running sum of the match lengths gives the
# tokens' ends without a Python-level step per match.
# A letter run takes its ASCII letters first (a literal class, faster than the Unicode
# categories), then any other letters, as one run; every run is possessive, which changes
# nothing (no later part of the pattern could take back what a run took).
_TOKEN = re.compile(r"\s*+(?:[A-Za-z]++(?:[^\W\d_]++)?+|[^\W\d_]++|[0-9]++(?:[.,][0-9]++)*+|\S)")
# The same on ASCII text, where the letters are a literal class the regex engine tests faster
# than the Unicode categories behind [^\W\d_]; they come first, as the commonest, and the
# runs are possessive (nothing follows them in the pattern, so no backtracking could help).
_ASCII_TOKEN = re.compile(r"\s*+(?:[A-Za-z]++|[0-9]++(?:[.,][0-9]++)*+|\S)")


@dataclass(slots=True)
class TokenType:
    """What a token is apart from where it stands. All of it depends on the token's text
    alone, so one object per distinct text (a token *type*) serves every token of that text
    (`Tokens` keeps the positions apart). A class with slots, not a NamedTuple: the readers
    read `.low`, `.text` and `.kind` about a thousand times per article, and CPython 3.11
    specialises a slot's read but not a NamedTuple field's (a descriptor call each time)."""

    kind: str  # "d" digits, "w" word, "s" symbol
    text: str
    low: str  # lower-cased text
    readers: int = 0  # which readers may start at it: bits `figures` sets in its own types


class Token(NamedTuple):
    """A token with its span, as `tokenize` gives it."""

    kind: str
    text: str
    low: str
    start: int
    end: int


class _KindOf(dict[str, str]):
    """A token's kind from its first character: [0-9] starts digits, a letter starts a word,
    anything else (a symbol, or a numeric character such as "²") is a symbol. Filled on first
    sight of each character, and cleared past a size, so memory stays flat."""

    def __missing__(self, char: str) -> str:
        kind = "d" if "0" <= char <= "9" else "w" if char.isalpha() else "s"
        if len(self) > 4096:
            self.clear()
        self[char] = kind
        return kind


_KIND_OF = _KindOf()


def token_type(text: str) -> TokenType:
    """The type of a token whose text is `text`."""
    return TokenType(_KIND_OF[text[0]], text, text.lower())


def token_texts(text: str) -> tuple[list[str], list[int], list[int]]:
    """The texts of the tokens of `text`, their starts and their ends, each list built in one
    C-level pass (the tokenizer is the figure reader's hot spot: ~450 tokens per article)."""
    pattern = _ASCII_TOKEN if text.isascii() else _TOKEN
    # rstrip: trailing whitespace matches nothing, and each of its positions would be retried
    pieces = pattern.findall(text.rstrip())
    texts = list(map(str.lstrip, pieces))  # a token never starts with whitespace
    ends = list(accumulate(map(len, pieces)))
    return texts, list(map(sub, ends, map(len, texts))), ends


_NO_QUOTES: frozenset[int] = frozenset()


class Tokens:
    """A text's tokens, in order, as their types (`types`), with their positions apart in
    columns: token i is `text[starts[i]:ends[i]]`. The readers look at a few hundred tokens of
    an article a thousand times; a type per distinct text (looked up in C) and two lists of
    ints cost less to build than an object per token. The types are a plain list held in a
    slot, not this object itself a list: CPython 3.11 specialises an int subscript of an exact
    list (and a slot read), not of a list subclass (~16 ns more each, ~1,000 per article)."""

    __slots__ = ("types", "text", "starts", "ends", "closing")

    def __init__(self, types: list[TokenType], text: str, starts: list[int],
                 ends: list[int]) -> None:
        self.types = types
        self.text = text  # what the positions index (a whole text, even for a sentence's tokens)
        self.starts = starts
        self.ends = ends
        # the closing double quotes' indexes, for a whole text's tokens (None: not looked for
        # yet, as `figures` leaves them; no others have any)
        self.closing: AbstractSet[int] | None = _NO_QUOTES

    @classmethod
    def of(cls, text: str, types: Callable[[str], TokenType] = token_type) -> Tokens:
        """The tokens of `text`, each type as `types` gives it for the token's text (a memo's
        look-up, say)."""
        texts, starts, ends = token_texts(text)
        return cls(list(map(types, texts)), text, starts, ends)

    def cut(self, a: int, b: int) -> Tokens:
        """Tokens a to b (positions still in `text`)."""
        return Tokens(self.types[a:b], self.text, self.starts[a:b], self.ends[a:b])


def tokens(text: str) -> Tokens:
    """All tokens of `text`, their positions in columns (what the readers take)."""
    return Tokens.of(text)


def tokenize(text: str) -> list[Token]:
    """All tokens of `text` with their character spans, one tuple each."""
    toks = tokens(text)
    return [Token(t.kind, t.text, t.low, start, end)
            for t, start, end in zip(toks.types, toks.starts, toks.ends, strict=True)]


@dataclass(slots=True)
class Number:
    value: float
    end: int  # token index after the number
    words: bool = False  # spelled out (at least partly)
    scaled: bool = False  # carries a scale word or suffix (million, bn, k)
    plain: bool = False  # bare digits without decimals, scale or fraction (years, IDs, times)


UNITS = {"zero": 0, "nil": 0, "naught": 0, "nought": 0, "one": 1, "two": 2, "three": 3,
         "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90}
# Scale words; Indian lakh and crore included since English-language news uses them.
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5,
          "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "lkh": 1e5, "lkhs": 1e5, "crore": 1e7,
          "crores": 1e7, "cr": 1e7, "koti": 1e7, "krore": 1e7, "krores": 1e7, "kr": 1e7,
          "millions": 1e6, "billions": 1e9, "thousands": 1e3, "trillions": 1e12,
          "bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12}
# Single-letter suffixes glued to digits ("100k", "1.2M", "$10m" handled by money).
SUFFIX_SCALES = {"k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "B": 1e9, "T": 1e12, "bn": 1e9,
                 "mn": 1e6, "tn": 1e12}
SPECIAL = {"single": 1, "couple": 2, "pair": 2, "few": 3, "dozen": 12, "dozens": 12}
WORD_VALUES = {**UNITS, **TEENS, **TENS}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
            "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
            "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
            "thirtieth": 30}
# Denominators of spelled fractions ("two thirds", "one sixth").
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
                "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100}
VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}
MINUS = {"-", "−", "–"}


def read_digits(text: str) -> float | None:
    """Value of one digit token: "1,200,000.5", "0033", "3,5" (decimal comma); None if malformed."""
    if "," in text:
        head, _, frac = text.partition(".")
        groups = head.split(",")
        if "," in frac or "." in frac:
            return None  # "1,200.12.5"
        if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
            return float(head.replace(",", "") + ("." + frac if frac else ""))
        if len(groups) == 2 and len(groups[1]) <= 2 and not frac:
            return float(groups[0] + "." + groups[1])
        return None
    if text.count(".") > 1:
        return None
    return float(text)


def _adjacent(toks: Tokens, i: int) -> bool:
    """True when token i starts right where token i-1 ends."""
    return 0 < i < len(toks.types) and toks.starts[i] == toks.ends[i - 1]


def _digit_number(toks: Tokens, i: int) -> Number | None:
    types = toks.types
    tok = types[i]
    value = read_digits(tok.text)
    if value is None:
        return None
    plain = "," not in tok.text and "." not in tok.text
    j = i + 1
    n = len(types)
    # "10 000": a space-grouped thousand (exactly three digits after a one-space gap)
    while (plain and j < n and types[j].kind == "d" and len(types[j].text) == 3
           and toks.starts[j] == toks.ends[j - 1] + 1 and len(types[i].text) <= 3
           and types[j].text.isdigit() and not (j + 1 < n and types[j + 1].kind == "d")):
        value = value * 1000 + float(types[j].text)
        j += 1
    num = Number(value, j, plain=plain and j == i + 1)
    if j < n and (toks.starts[j] == toks.ends[j - 1] or types[j].kind == "d"):
        _fraction_tail(toks, i, num)  # each tail needs the next token glued on, or digits
        _exponent_tail(toks, num)
    return num


def _fraction_tail(toks: Tokens, i: int, num: Number) -> None:
    """"1/5", "2 1/2", "2½": a fraction right after the digits."""
    types = toks.types
    j, n = num.end, len(types)
    if j < n and types[j].text in VULGAR and _adjacent(toks, j):
        num.value += VULGAR[types[j].text]
        num.end, num.plain = j + 1, False
        return
    if (j + 1 < n and types[j].text == "/" and types[j + 1].kind == "d" and _adjacent(toks, j)
            and _adjacent(toks, j + 1) and types[i].text.isdigit() and types[j + 1].text.isdigit()):
        den = float(types[j + 1].text)
        # "1/0" is no number at all: consume it so its digits are not read apart
        num.value = num.value / den if den else float("nan")
        num.end, num.plain = j + 2, False
        return
    # mixed number "2 1/2": digits, space, small fraction
    if (j + 3 < n + 1 and j + 2 < n and types[j].kind == "d" and types[j + 1].text == "/"
            and types[j + 2].kind == "d" and _adjacent(toks, j + 1) and _adjacent(toks, j + 2)
            and types[j].text.isdigit() and types[j + 2].text.isdigit()):
        a, b = float(types[j].text), float(types[j + 2].text)
        if 0 < a < b <= 64:
            num.value, num.end, num.plain = num.value + a / b, j + 3, False


def _scaled(value: float, base: float, exponent: float) -> float:
    """value * base ** exponent, infinite rather than an OverflowError for absurd exponents."""
    try:
        return value * base ** exponent
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")


def _exponent_tail(toks: Tokens, num: Number) -> None:
    """Scientific notation: "4e14", "1e-3", "2.48×10−5", "8x2^10"."""
    types = toks.types
    j, n = num.end, len(types)
    if j >= n or not _adjacent(toks, j):
        return
    t = types[j]
    if t.low == "e" and j + 1 < n and _adjacent(toks, j + 1):
        k, sign = j + 1, 1.0
        if types[k].text in MINUS and k + 1 < n and _adjacent(toks, k + 1):
            k, sign = k + 1, -1.0
        if types[k].kind == "d" and types[k].text.isdigit():
            num.value = _scaled(num.value, 10.0, sign * float(types[k].text))
            num.end, num.plain = k + 1, False
    elif t.low in ("×", "x") and j + 1 < n and types[j + 1].kind == "d" and \
            types[j + 1].text.isdigit() and _adjacent(toks, j + 1):
        base, k = float(types[j + 1].text), j + 2
        if k < n and types[k].text == "^":
            k += 1
        sign = 1.0
        if k < n and types[k].text in MINUS and _adjacent(toks, k):
            k, sign = k + 1, -1.0
        if k < n and types[k].kind == "d" and _adjacent(toks, k) and types[k].text.isdigit():
            num.value = _scaled(num.value, base, sign * float(types[k].text))
            num.end, num.plain = k + 1, False


def _scale_tail(toks: Tokens, num: Number, money: bool) -> None:
    """Scale suffixes ("100k", "1.2M", "$10m") and scale words ("3 million", "30 lakh")."""
    types = toks.types
    j, n = num.end, len(types)
    if j < n and types[j].kind == "w" and _adjacent(toks, j):
        suffix = types[j].text
        nxt_letter = j + 1 < n and _adjacent(toks, j + 1) and types[j + 1].kind != "s"
        scale = SUFFIX_SCALES.get(suffix) or (
            {"m": 1e6, "b": 1e9}.get(suffix) if money else None)
        if scale is None and suffix.lower() in ("bn", "mn", "tn", "mln"):
            scale = SCALES[suffix.lower()]
        if scale and not nxt_letter:
            num.value *= scale
            num.end, num.scaled, num.plain = j + 1, True, False
            return
    _scale_words(toks, num)


def _scale_words(toks: Tokens, num: Number) -> None:
    types = toks.types
    j, n = num.end, len(types)
    last = 0.0
    while j < n and types[j].kind == "w":
        w = types[j].low
        if w in ("hundred", "hundreds") and not num.scaled and num.value < 100:
            num.value *= 100
        elif w in SCALES and (not last or SCALES[w] > last):
            last = SCALES[w]
            num.value *= last
        elif w in ("dozen", "dozens"):
            num.value *= 12
        else:
            break
        num.scaled, num.plain = True, False
        j += 1
        if j < n and types[j].low == "of" and w in ("dozen", "dozens"):
            j += 1
    num.end = j


def _word_kind(w: str) -> str | None:
    if w in UNITS:
        return "unit"
    if w in TEENS:
        return "teen"
    if w in TENS:
        return "ten"
    if w in ("hundred", "hundreds"):
        return "hundred"
    if w in SCALES and len(w) > 3:
        return "scale"
    return None


# which word kind may follow which: "twenty one" yes, "one twenty" no
_FOLLOWS: dict[str, set[str | None]] = {
    "unit": {None, "ten", "hundred", "scale"}, "teen": {None, "hundred", "scale"},
    "ten": {None, "hundred", "scale"}, "hundred": {"unit", "teen", "ten"},
    "scale": {None, "unit", "teen", "ten", "hundred"}}


class _WordState:
    """Accumulator for spelled numbers: total of finished scale groups plus the current group."""

    __slots__ = ("total", "cur", "last", "top")

    def __init__(self) -> None:
        self.total = 0.0
        self.cur = 0.0
        self.last: str | None = None
        self.top = 0.0  # largest scale seen

    def add(self, kind: str, w: str) -> bool:
        if kind == "scale" and self.last == "scale":
            if SCALES[w] <= 1:
                return False
            self.total *= SCALES[w]  # "three thousand millions"
            self.top = max(self.top, self.total)
            return True
        if self.last not in _FOLLOWS[kind]:
            return False
        if kind in ("unit", "teen", "ten"):
            self.cur += WORD_VALUES[w]
        elif kind == "hundred":
            self.cur = (self.cur or 1) * 100
        else:
            scale = SCALES[w]
            if self.top and scale > self.top:
                self.total = (self.total + (self.cur or 1)) * scale
            else:
                self.total += (self.cur or 1) * scale
            self.top = max(self.top, scale)
            self.cur = 0.0
        self.last = kind
        return True

    @property
    def value(self) -> float:
        return self.total + self.cur


def _word_number(toks: Tokens, i: int) -> Number | None:
    """Spelled numbers: "seven hundred twenty-one thousand and twelve", "a hundred and two"."""
    types = toks.types
    n = len(types)
    st = _WordState()
    j = i
    if types[i].low in ("a", "an") and i + 1 < n and _word_kind(types[i + 1].low) in ("hundred",
                                                                                 "scale"):
        st.cur, st.last, j = 1.0, "unit", i + 1
    elif types[i].low.endswith("s") and _word_kind(types[i].low) in ("hundred", "scale"):
        return None  # "millions of dollars", "hundreds of people": vague, no figure
    end = j
    while j < n:
        t = types[j]
        kind = _word_kind(t.low) if t.kind == "w" else None
        if kind and st.add(kind, t.low):
            j += 1
            end = j
            continue
        # joiners: "twenty-one", "hundred and two", "million, two hundred & forty"
        if (t.text in ("-", ",", "&") or t.low == "and") and st.last and j + 1 < n:
            nk = _word_kind(types[j + 1].low) if types[j + 1].kind == "w" else None
            ok = {"-": st.last == "ten" and nk == "unit",
                  ",": st.last == "scale" and nk in ("unit", "teen", "ten"),
                  }.get(t.text, st.last in ("hundred", "scale") and nk in ("unit", "teen", "ten"))
            if ok:
                j += 1
                continue
        break
    if end == i:
        return None
    return Number(st.value, end, words=True, scaled=st.top >= 1000)


def _special_number(toks: Tokens, i: int) -> Number | None:
    """"a couple (of)", "a pair", "a few", "a dozen", "single"."""
    types = toks.types
    n = len(types)
    j = i + 1 if types[i].low in ("a", "an") and i + 1 < n else i
    w = types[j].low
    if w not in SPECIAL or (w == "single" and j != i) or (w in ("couple", "pair") and j == i) \
            or (w == "dozens" and j == i):
        return None
    end = j + 1
    if end < n and types[end].low == "of" and w in ("couple", "dozen"):
        end += 1
    return Number(float(SPECIAL[w]), end, words=True)


def _point_decimal(toks: Tokens, num: Number) -> None:
    """"1 point 1", "two point two": decimals read digit by digit."""
    types = toks.types
    j, n = num.end, len(types)
    if not (j + 1 < n and types[j].low == "point"):
        return
    digits = ""
    k = j + 1
    while k < n and k < j + 12:
        t = types[k]
        if t.kind == "d" and t.text.isdigit():
            digits += t.text
        elif t.low in UNITS:
            digits += str(UNITS[t.low])
        else:
            break
        k += 1
    if digits:
        num.value += float("0." + digits) * (-1 if num.value < 0 else 1)
        num.end, num.plain = k, False


def _spelled_fraction(toks: Tokens, num: Number) -> None:
    """"two thirds", "one sixth", "three halves", "one-half"."""
    types = toks.types
    j, n = num.end, len(types)
    if j < n and types[j].text == "-" and j + 1 < n:
        j += 1
    if j < n and types[j].low in DENOMINATORS and num.words and num.value < 20:
        w = types[j].low
        plural = w.endswith("s") or w == "halves"
        if (num.value == 1) != plural or num.value == 1:
            num.value /= DENOMINATORS[w]
            num.end = j + 1


def read_number(toks: Tokens, i: int, money: bool = False) -> Number | None:
    """The number starting at token i, or None. `money` lets a bare "m" mean million."""
    types = toks.types
    sign, i = (1.0, i) if types[i].kind == "d" else _sign(toks, i)  # digits carry no sign
    num = _bare_number(toks, i)
    if num is None:
        return None
    n = len(types)
    if not num.words and num.plain and num.end < n and types[num.end].low == "point":
        _point_decimal(toks, num)  # "1 point 1"
    nxt = types[num.end] if num.end < n else None
    # a scale is a word: glued on ("5bn", "10k") or a scale word ("3 million", "two dozen")
    if nxt is not None and nxt.kind == "w" and (
            not num.words or nxt.low in SCALES or nxt.low in ("dozen", "dozens")) and (
            toks.starts[num.end] == toks.ends[num.end - 1] or nxt.low in _SCALE_WORDS):
        _scale_tail(toks, num, money)
    num.value *= sign
    return num


# The words `_scale_words` reads after a space
_SCALE_WORDS = frozenset(SCALES) | {"hundred", "hundreds", "dozen", "dozens"}


def _sign(toks: Tokens, i: int) -> tuple[float, int]:
    """"minus 5", "negative 5", "-5" (a dash glued to the digits, not one of "--" or "3-5")."""
    types = toks.types
    t = types[i]
    n = len(types)
    if t.low in ("minus", "negative") and i + 1 < n:
        return -1.0, i + 1
    if t.text not in MINUS or i + 1 >= n or types[i + 1].kind != "d":
        return 1.0, i
    starts, ends = toks.starts, toks.ends
    glued = starts[i + 1] == ends[i] or i == 0 and starts[i + 1] - ends[i] <= 1
    after_ok = i == 0 or types[i - 1].text not in MINUS and (
        types[i - 1].kind == "s" or ends[i - 1] < starts[i])
    return (-1.0, i + 1) if glued and after_ok else (1.0, i)


def _bare_number(toks: Tokens, i: int) -> Number | None:
    """Digits, ".77", "½", "point 77" or a spelled number at token i (no sign, no scale)."""
    types = toks.types
    t = types[i]
    n = len(types)
    if t.kind == "d":
        return _digit_number(toks, i)
    if t.text == "." and i + 1 < n and types[i + 1].kind == "d" and _adjacent(toks, i + 1):
        num = _digit_number(toks, i + 1)
        if num and types[i + 1].text.isdigit():
            num.value, num.plain = float("0." + types[i + 1].text), False
        return num
    if t.text in VULGAR:
        return Number(VULGAR[t.text], i + 1)
    if t.low == "point" and i + 1 < n:
        num = Number(0.0, i, words=True)
        _point_decimal(toks, num)
        return num if num.end > i else None
    if t.kind != "w":
        return None
    num = _word_number(toks, i) or _special_number(toks, i)
    if num and num.words:
        _point_decimal(toks, num)
        _spelled_fraction(toks, num)
    return num
