"""Key figures: money, percentages, counts, quantities, durations, ranges and dates.

`extract_figures` finds them with character spans and normalizes each one (`value`, `unit`) and
says what it is (`display`, `context`). The text is tokenized once (`numbers.Tokens`); dates are
found first (`dates.find_dates`), then one left-to-right pass reads every other figure as
[bound] number [unit] [range or compound continuation]. No regular expression sees more than one
token, so the running time is linear in the length of the text.

Speed: a token is its type, one shared object per distinct text (`_TYPES`), which carries
which readers may start at it; its position is kept apart, in the list's columns of starts and
ends. So the token list is one pass of dictionary look-ups in C, and so is picking the tokens
each reader may start at (digits and listed words); the readers then visit only those, and
cheap tests written from what the readers need to see (`_may_start`, `dates._no_piece`) turn
most of them away before any reading starts.
A sentence-level skip does not pay: the words a figure or a date may start or end with
(articles, "in", "the", unit words such as "m" or "in") are in nearly every sentence.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from itertools import compress, count
from operator import attrgetter
from typing import NamedTuple

from .dates import (
    _NO_STARTS,
    _SKIPPED_LEADS,
    _WEAK_STARTS,
    FUTURE_WORDS,
    PAST_WORDS,
    _opening_words,
    _opens,
    find_dates,
    start_words,
    to_datetime,
)
from .numbers import (
    _KIND_OF,
    DENOMINATORS,
    MINUS,
    SCALES,
    SPECIAL,
    VULGAR,
    WORD_VALUES,
    Number,
    Tokens,
    TokenType,
    read_number,
    tokens,
)
from .tokens import Memo

__all__ = ["Figure", "extract_figures", "Unit", "describe", "rank_figures"]

Value = float | list[float] | str | None


@dataclass(frozen=True)
class Figure:
    """One figure found in a text; `text == source[start:end]`."""

    kind: str  # money, percent, number, quantity, duration, range, date
    text: str
    start: int
    end: int
    value: Value
    unit: str | None = None
    display: str = ""
    context: str = ""
    sentence: str = ""
    approximate: bool = False

    def to_dict(self) -> dict[str, object]:
        # (by hand: dataclasses.asdict deep-copies every field, a tenth of a JSON batch's time)
        value = list(self.value) if isinstance(self.value, list) else self.value
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
                "value": value, "unit": self.unit, "display": self.display,
                "context": self.context, "sentence": self.sentence,
                "approximate": self.approximate}


def _figure(kind: str, text: str, start: int, end: int, value: Value, unit: str | None,
            display: str, context: str, sentence: str, approximate: bool) -> Figure:
    """Figure(...) for the hot paths: a frozen dataclass's __init__ sets each field through
    object.__setattr__, three times the cost of storing them in the new instance's dict
    (in the fields' order, as __init__ does)."""
    figure = object.__new__(Figure)
    attrs = figure.__dict__
    attrs["kind"] = kind
    attrs["text"] = text
    attrs["start"] = start
    attrs["end"] = end
    attrs["value"] = value
    attrs["unit"] = unit
    attrs["display"] = display
    attrs["context"] = context
    attrs["sentence"] = sentence
    attrs["approximate"] = approximate
    return figure


@dataclass(frozen=True, slots=True)
class Unit:
    kind: str  # money, percent, quantity, duration
    symbol: str
    dimension: str = ""
    factor: float = 1.0
    prefix: bool = False  # may stand before the number (currencies)


def _read_table(name: str) -> list[list[str]]:
    path = resources.files("briefcli") / "data" / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


Forms = tuple[dict[str, Unit], dict[str, Unit]]  # (case-sensitive, case-insensitive)


class _UnitTable(NamedTuple):
    exact: dict[str, Unit]
    lower: dict[str, Unit]
    exact_heads: frozenset[str]  # every start of a form, to stop a lookup early
    lower_heads: frozenset[str]


def _add(table: Forms, form: str, unit: Unit) -> None:
    exact, lower = table
    target = exact if any(c.isupper() for c in form) else lower
    target.setdefault(form if target is exact else form.lower(), unit)


def _unit_table(forms: Forms) -> _UnitTable:
    exact, lower = forms
    return _UnitTable(exact, lower, _heads(exact), _heads(lower))


def _heads(forms: dict[str, Unit]) -> frozenset[str]:
    return frozenset(form[:i] for form in forms for i in range(1, len(form) + 1))


@lru_cache(maxsize=1)
def _tables() -> tuple[_UnitTable, _UnitTable]:
    """(units after a number, currency forms)."""
    units: Forms = ({}, {})
    money: Forms = ({}, {})
    for code, position, forms in _read_table("figures_currencies.tsv"):
        for form in forms.split("|"):
            unit = Unit("money", code, "money", 1.0, position != "post")
            _add(money, form, unit)
    for kind, symbol, dim, factor, forms in _read_table("units.tsv"):
        for form in forms.split("|"):
            _add(units, form, Unit(kind, symbol, dim, float(factor)))
    for form in ("%", "percent", "per cent", "pct", "per centum", "percentage", "pc"):
        _add(units, form.replace(" ", ""), Unit("percent", "%", "percent"))
    for form in ("percentagepoint", "percentagepoints", "pp", "ppt", "ppts"):
        _add(units, form, Unit("percent", "pp", "percent"))
    return _unit_table(units), _unit_table(money)


MAX_UNIT_TOKENS = 5
_FIRST = re.compile(r"[^\W\d_]+|\d+|.")


def _lookup(table: _UnitTable, toks: Tokens, j: int,
            limit: int = MAX_UNIT_TOKENS) -> tuple[Unit, int] | None:
    """Longest unit form starting at token j (tokens concatenated without spaces)."""
    types = toks.types
    exact, lower, exact_heads, lower_heads = table
    n = len(types)
    if j >= n or types[j].text not in exact_heads and types[j].low not in lower_heads:
        return None  # the usual answer, before any set-up
    best = None
    key_exact = key_lower = ""
    for k in range(j, min(n, j + limit)):
        t = types[k]
        if k > j and t.kind == "d" and not (len(t.text) == 1 and
                                            toks.starts[k] == toks.ends[k - 1]):
            break
        key_exact += t.text
        key_lower += t.low
        if key_exact not in exact_heads and key_lower not in lower_heads:
            break  # no form goes on like this
        hit = exact.get(key_exact) or lower.get(key_lower)
        if hit:
            best = (hit, k + 1)
    return best


# Bound words before a figure: (tokens, approximate?)
_BOUNDS: dict[tuple[str, ...], bool] = {
    ("about",): True, ("around",): True, ("approximately",): True, ("approx",): True,
    ("roughly",): True, ("nearly",): True, ("almost",): True, ("circa",): True, ("~",): True,
    ("some",): True, ("close", "to"): True, ("more", "than"): True, ("over",): True,
    ("above",): True, ("at", "least"): True, ("no", "less", "than"): True, ("exceeding",): True,
    ("less", "than"): True, ("under",): True, ("below",): True, ("lower", "than"): True,
    ("at", "most"): True, ("no", "more", "than"): True, ("up", "to"): True,
    ("fewer", "than"): True, ("upwards", "of"): True, ("as", "many", "as"): True,
    ("as", "much", "as"): True, ("just", "over"): True, ("just", "under"): True,
    ("well", "over"): True, ("exactly",): False, ("precisely",): False, ("only",): False,
    ("higher", "than"): True, ("greater", "than"): True, ("an", "estimated"): True,
    ("estimated",): True,
}
_BOUND_FIRST = {k[0] for k in _BOUNDS}
# first word -> (the words after it, phrase length, approximate?), longest phrase first
_BOUND_TAILS: dict[str, list[tuple[tuple[str, ...], int, bool]]] = {
    first: sorted(((k[1:], len(k), approx) for k, approx in _BOUNDS.items() if k[0] == first),
                  key=lambda tail: -tail[1])
    for first in _BOUND_FIRST}
assert max(map(len, _BOUNDS)) <= 3  # `_bound` compares at most two words after the first


def _bound(toks: Tokens, i: int) -> tuple[int, bool]:
    """(token index after a bound phrase at i, approximate flag); (i, False) if none."""
    types = toks.types
    tails = _BOUND_TAILS.get(types[i].low)
    if tails is None:
        return i, False
    n = len(types)
    for tail, size, approx in tails:  # the longest phrase that fits
        if size == 1 or i + size <= n and types[i + 1].low == tail[0] and (
                size == 2 or types[i + 2].low == tail[1]):
            return i + size, approx
    return i, False


@dataclass(slots=True)
class Measure:
    """A number with its unit, as token indexes [first, end)."""

    value: float
    unit: Unit | None
    first: int
    end: int
    num: Number | None = None
    scale_shared: bool = False


_DURATION_FILLERS = {"more", "additional", "extra", "less", "fewer", "full", "whole"}
_INCH_FOLLOWERS = {"thick", "long", "wide", "tall", "high", "deep", "across", "diameter",
                   "thin", "in", "of", "and", "or", "to"}
_POUND_MASS_HINTS = {"weigh", "weighs", "weighed", "weighing", "weight", "heavy", "lighter",
                     "heavier", "lost", "gained", "bag", "sack"}
_SHARE_WORDS = {"half": 50.0, "quarter": 25.0, "third": 100 / 3}


def _prefix_currency(toks: Tokens, i: int) -> tuple[Unit, int] | None:
    types = toks.types
    money = _tables()[1]
    t = types[i]
    if t.text not in money.exact_heads and t.low not in money.lower_heads:
        return None  # the usual answer: no currency form starts with this token
    if t.text not in money.exact and t.low not in money.lower and not _goes_on(money, toks, i):
        return None  # "a", "'s", "US": no form of one token, and the next goes on with none
    hit = _lookup(money, toks, i, 3)
    if hit and hit[0].prefix and hit[1] < len(types):
        nxt = types[hit[1]]
        if nxt.kind == "d" or nxt.text in (".", "-", "−") or nxt.kind == "w" and hit[0].symbol and \
                types[i].kind == "s":
            return hit
        if nxt.kind == "w" and not types[i].text[0].isalpha():
            return hit
    return None


def _goes_on(table: _UnitTable, toks: Tokens, i: int) -> bool:
    """Whether tokens i and i+1 together begin a form of `table` (what `_lookup` tests
    second)."""
    types = toks.types
    if i + 1 >= len(types):
        return False
    t, nxt = types[i], types[i + 1]
    return t.text + nxt.text in table.exact_heads or t.low + nxt.low in table.lower_heads


def _suffix_unit(toks: Tokens, j: int, num: Number, money_ok: bool) -> tuple[Unit, int] | None:
    """The unit after a number at token j (a hyphen or "more" may come between)."""
    types = toks.types
    n = len(types)
    if j >= n:
        return None
    k = j
    if types[k].text in ("-", "‐") and k + 1 < n and types[k + 1].kind == "w":
        k += 1  # "27-kilometer", "two-year"
    if types[k].low in _DURATION_FILLERS and k + 1 < n:
        hit = _lookup(_tables()[0], toks, k + 1)
        if hit and hit[0].kind == "duration":
            return hit
    units, money = _tables()
    t = types[k]  # (each look-up starts with this test: here it saves the call)
    u = _lookup(units, toks, k) if t.text in units.exact_heads or \
        t.low in units.lower_heads else None
    m = _lookup(money, toks, k, 4) if money_ok and (
        t.text in money.exact_heads or t.low in money.lower_heads) else None
    if m and u and m[1] == u[1] and types[k].text.isupper() and len(types[k].text) == 1:
        m = None
    if m and (not u or m[1] >= u[1]):
        if _pounds_are_mass(toks, k, m[1], num):
            return u
        return m
    if u and not _unit_ok(toks, j, k, u, num):
        return None
    return u


def _pounds_are_mass(toks: Tokens, k: int, end: int, num: Number) -> bool:
    types = toks.types
    if types[k].low not in ("pound", "pounds"):
        return False
    if end < len(types) and types[end].low == "of":
        return True
    if k > 0 and types[k - 1].text == "-":
        return True
    if types[k].low == "pound" and abs(num.value) != 1 and not num.scaled:
        return True  # "a twenty pound bag": singular after a plural number is an adjective
    window = types[max(0, k - 8):k]
    return any(t.low in _POUND_MASS_HINTS for t in window)


def _unit_ok(toks: Tokens, j: int, k: int, hit: tuple[Unit, int], num: Number) -> bool:
    """Reject unit readings that are really words: "in my car", "a second thought", IDs."""
    types = toks.types
    unit, end = hit
    n = len(types)
    nxt = types[end] if end < n else None
    first = types[k]
    starts, ends = toks.starts, toks.ends
    glued = starts[k] == ends[j - 1]
    if first.kind == "w" and nxt is not None and nxt.kind in "dw" and \
            starts[end] == ends[end - 1]:
        return False  # "06F6", "860BOX": letters and digits run on
    if first.text in ("'", '"', "''", "′", "″"):
        if nxt is not None and starts[end] == ends[k] and nxt.kind == "w":
            return False  # "OAO-1's"
        if first.text == '"' and k in _closing(toks):
            return False  # 'the class "English 101"'
    if unit.symbol == "in" and first.low == "in":
        return nxt is None or nxt.kind == "s" or nxt.low in _INCH_FOLLOWERS
    if len(first.text) == 1 and first.kind == "w" and not glued and unit.kind != "percent":
        # a lone letter after a space is a unit only at a clause edge ("30 C", "2 l.")
        if nxt is not None and nxt.kind == "w" and unit.symbol not in ("t", "g", "l") and \
                not (unit.dimension == "temperature" and _weather_near(toks, k)):
            return False
    if unit.symbol == "s" and first.low == "s" and glued:
        return False  # "1990s" is a decade, "5s" rarely seconds
    return True


_WEATHER = {"temperature", "temperatures", "degrees", "hot", "cold", "warm", "heat", "outside",
            "weather", "cool", "freezing", "highs", "lows", "sunny", "chilly"}


def _weather_near(toks: Tokens, k: int) -> bool:
    """Words about the weather within a few tokens ("Its 30 C outside")."""
    return any(t.low in _WEATHER for t in toks.types[max(0, k - 8):k + 8])


def _a_unit(toks: Tokens, i: int) -> Measure | None:
    """"a dollar", "an hour", "half a liter", "quarter-litre": article or fraction before a unit."""
    types = toks.types
    n = len(types)
    w = types[i].low
    if w in ("a", "an", "one"):
        value, j = 1.0, i + 1
    elif w in ("half", "quarter"):
        value, j = (0.5 if w == "half" else 0.25), i + 1
        if j < n and types[j].text == "-":
            j += 1
        if j < n and types[j].low in ("a", "an", "of"):
            j += 1
        if j < n and types[j].low in ("a", "an"):
            j += 1
    else:
        return None
    if j >= n or types[j].kind != "w":
        return None
    hit = _suffix_unit(toks, j, Number(value, j, words=True), money_ok=True)
    if not hit or hit[0].kind == "percent" or len(types[j].text) < 2:
        return None
    unit, end = hit
    if end < n and (types[end].kind == "d" or types[end].text == "."):
        return None  # "a US$4.7 billion": the symbol belongs to the number after it
    if types[j].low == "second" and end < n and types[end].kind == "w" and \
            types[end].low not in ("ago", "later", "from", "before", "after", "earlier"):
        return None
    if value == 1.0 and types[j].low in ("pound", "degree", "quarter", "dozen"):
        return None
    return Measure(value, unit, i, end, Number(value, end, words=True))


def _and_fraction(toks: Tokens, j: int) -> tuple[float, int]:
    """" and a half", " and three quarters (of)": (fraction, index after) or (0, j)."""
    types = toks.types
    n = len(types)
    if not (j + 1 < n and types[j].low == "and"):
        return 0.0, j
    k = j + 1
    count = 1.0
    if types[k].low in ("a", "an", "one"):
        k += 1
    elif types[k].low in ("two", "three"):
        count, k = (2.0 if types[k].low == "two" else 3.0), k + 1
    if k < n and types[k].low in ("half", "quarter", "quarters"):
        frac = 0.5 if types[k].low == "half" else 0.25 * count
        k += 1
        if k < n and types[k].low == "of":
            k += 1
        if k < n and types[k].low in ("an", "a"):
            k += 1
        return frac, k
    return 0.0, j


def _measure(toks: Tokens, i: int) -> Measure | None:
    """[currency] number [unit] starting at token i."""
    t = toks.types[i]
    money = _tables()[1]  # (the test `_prefix_currency` starts with, saving the call)
    pre = _prefix_currency(toks, i) if t.text in money.exact_heads or \
        t.low in money.lower_heads else None
    if pre:
        return _prefixed_money(toks, i, *pre)
    if t.kind == "w" or t.kind == "s" and t.text not in MINUS and t.text not in ".½⅓⅔¼¾⅕⅛":
        a = _a_unit(toks, i)
        if a or t.kind == "s":
            return a
    num = read_number(toks, i, money=False)
    if num is None:
        return None
    return _with_suffix(toks, i, num)


def _prefixed_money(toks: Tokens, i: int, unit: Unit, j: int) -> Measure | None:
    """"$10", "US$ 4.7 billion", "Rs. 20", and a repeated code after it ("$10 USD")."""
    types = toks.types
    n = len(types)
    if j < n and types[j].kind == "s" and types[j].text not in MINUS and types[j].text != ".":
        return None
    num = read_number(toks, j, money=True)
    if num is None:
        return None
    end = num.end
    post = _lookup(_tables()[1], toks, end, 2) if end < n else None
    if post and post[0].symbol == unit.symbol:
        end = post[1]
    return Measure(num.value, unit, i, end, num)


def _with_suffix(toks: Tokens, i: int, num: Number) -> Measure | None:
    """The unit after a number ("5 and a half minutes", "2 degrees below zero")."""
    types = toks.types
    n = len(types)
    frac, j = _and_fraction(toks, num.end)
    hit = _suffix_unit(toks, j, num, money_ok=True) if j < n else None
    if hit is None and frac:
        frac, j = 0.0, num.end
        hit = _suffix_unit(toks, j, num, money_ok=True) if j < n else None
    glued = num.end < n and toks.starts[num.end] == toks.ends[num.end - 1]
    if hit is None and glued and types[num.end].low in ("m", "b"):
        return None  # "3b", "2m": no reading we trust outside money
    unit, end = hit if hit else (None, num.end)
    value = num.value + frac
    if end + 1 < n and types[end].low == "below" and types[end + 1].low == "zero":
        value, end = -value, end + 2
        unit = unit or _tables()[0].lower["degree"]
    return Measure(value, unit, i, end, num)


def _compatible(a: Measure, b: Measure) -> bool:
    if a.unit is None or b.unit is None:
        return True
    return a.unit.dimension == b.unit.dimension


def _range_tail(toks: Tokens, a: Measure) -> tuple[Measure, int] | None:
    """"A-B", "A to B", "A - ~B" (mode 0) or "A ± d" (mode -1) after a measure."""
    types = toks.types
    n = len(types)
    j = a.end
    if j >= n:
        return None
    t = types[j]
    if t.text == "±" or t.text == "+" and j + 2 < n and types[j + 1].text == "/":
        return _plus_minus(toks, a, j + (1 if t.text == "±" else 3))
    if t.text == "-" and j + 1 < n and types[j + 1].low == "to":
        j, t = j + 1, types[j + 1]  # "8- to 16-meter"
    if t.text not in ("-", "–", "—") and t.low not in ("to", "through", "thru"):
        return None
    k = j + 1
    if k < n and types[k].text == "~":
        k += 1
    if k < n and types[k].low == "about":
        k += 1
    b = _full_measure(toks, k) if k < n else None
    if b and b.num and _compatible(a, b):
        return b, 0
    return None


def _plus_minus(toks: Tokens, a: Measure, k: int) -> tuple[Measure, int] | None:
    d = _measure(toks, k) if k < len(toks.types) else None
    if d and d.num:
        return Measure(d.value, a.unit or d.unit, a.first, d.end, d.num), -1
    return None


def _between(toks: Tokens, i: int) -> tuple[Measure, Measure, int] | None:
    """"between A and B", "from A to B" (A may lack B's unit and scale)."""
    types = toks.types
    n = len(types)
    if i + 3 >= n or types[i].low not in ("between", "from"):
        return None
    a = _full_measure(toks, _bound(toks, i + 1)[0])
    if not a or a.end >= n:
        return None
    joiner = types[a.end].low
    if joiner not in (("and",) if types[i].low == "between" else ("to", "-", "–", "and", "until",
                                                                 "till", "through")):
        return None
    k = a.end + 1
    k, _ = _bound(toks, k) if k < n else (k, False)
    b = _full_measure(toks, k) if k < n else None
    if not b or not _compatible(a, b):
        return None
    return a, b, b.end


def _share_scale(a: Measure, b: Measure) -> float:
    """"3-5 million": the low end borrows the high end's scale word when it has none."""
    if a.num and b.num and b.num.scaled and not a.num.scaled and a.value and b.num.value:
        scale = _scale_of(b)
        if scale > 1 and abs(a.value * scale) <= abs(b.value) * 1.0001:
            return a.value * scale
    return a.value


def _scale_of(m: Measure) -> float:
    for s in (1e12, 1e9, 1e7, 1e6, 1e5, 1e3):
        if m.value and abs(m.value) >= s and (abs(m.value) / s) < 1000:
            return s
    return 1.0


_MINOR = {"cent", "penny", "sen", "kopiyka"}


def _cents(toks: Tokens, a: Measure) -> Measure:
    """"$20 and 43c", "20 dollars 43 cents", "US$3 and fourteen": a major and a minor amount."""
    types = toks.types
    n = len(types)
    if a.unit is None or a.unit.kind != "money" or a.unit.symbol in _MINOR or \
            not math.isfinite(a.value) or (a.num and (a.num.scaled or a.value != int(a.value))):
        return a
    j = a.end
    joined = j < n and types[j].low == "and"
    j += joined
    if j >= n:
        return a
    b = _measure(toks, j)
    if b is None or b.num is None or not 0 < b.value < 100 or b.num.scaled:
        return a
    if b.unit is not None and b.unit.symbol in _MINOR:
        return Measure(a.value + b.value / 100, a.unit, a.first, b.end, a.num)
    if b.unit is None and (b.end == n or types[b.end].kind == "s") and \
            (joined or types[a.end - 1].kind == "w" or b.num.words is False):
        return Measure(a.value + b.value / 100, a.unit, a.first, b.end, a.num)
    return a


_COMPOUND_DIMENSIONS = ("length", "time", "mass")


def _compound(toks: Tokens, a: Measure) -> Measure:
    """"7 feet 10 inches", "2 years, 3 months", "1 hour thirty", "an hour and a half": the
    total in the smallest unit named. Units must get smaller, so the loop is bounded."""
    if a.unit is None or a.unit.kind not in ("quantity", "duration") or \
            a.unit.dimension not in _COMPOUND_DIMENSIONS:
        return a
    frac, j = _and_fraction(toks, a.end)
    if frac:
        return Measure(a.value + frac, a.unit, a.first, j, a.num)
    total, last = a.value * a.unit.factor, a
    while True:
        nxt = _next_part(toks, last)
        if nxt is None:
            break
        total += nxt.value * (nxt.unit.factor if nxt.unit else 1.0)
        last = nxt
    if last is a or last.unit is None:
        return a
    return Measure(total / last.unit.factor, last.unit, a.first, last.end, a.num)


def _next_part(toks: Tokens, last: Measure) -> Measure | None:
    """The next, smaller part of a compound measure after `last` (", 3 months", " and 4 s")."""
    types = toks.types
    n = len(types)
    j = last.end
    if j < n and types[j].text == ",":
        j += 1
    if j < n and types[j].low == "and":
        j += 1
    nxt = _measure(toks, j) if j < n else None
    if nxt is None or nxt.num is None or last.unit is None:
        return None
    if nxt.unit is None:  # "1 hour thirty": minutes left unsaid, only at the very end
        if last.unit.symbol in ("h", "min") and 0 < nxt.value < 60 and nxt.end == n:
            small = 60.0 if last.unit.symbol == "h" else 1.0
            unit = Unit("duration", "min" if small == 60 else "s", "time", small)
            return Measure(nxt.value, unit, nxt.first, nxt.end, nxt.num)
        return None
    if nxt.unit.dimension != last.unit.dimension or nxt.unit.factor >= last.unit.factor:
        return None
    return nxt


@dataclass(slots=True)
class _Found:
    kind: str
    first: int
    end: int
    value: Value
    unit: Unit | None
    approximate: bool
    measure: Measure | None = None
    context: str = ""


def _kind(unit: Unit | None) -> str:
    return unit.kind if unit else "number"


def _read_figure(toks: Tokens, i: int) -> _Found | None:
    """One figure starting at token i: [bound] (between A and B | A [range] | compound)."""
    types = toks.types
    j, approx = _bound(toks, i) if types[i].low in _BOUND_TAILS else (i, False)
    if j >= len(types):
        return None
    pair = _between(toks, j)
    if pair:
        return _range_found(i, pair[0], pair[1], pair[2], approx)
    a = _full_measure(toks, j)
    if a is None or a.num is None or a.value != a.value:  # nan: "1/0"
        return None
    if a.unit is None and a.end < len(types) and types[a.end].kind == "w" and \
            toks.starts[a.end] == toks.ends[a.end - 1]:
        return None  # "860BOX": digits run into letters that are no unit, an ID
    age = _age(toks, a)
    if age:
        return _Found("number", i, age, a.value, None, approx, a, "years old")
    ranged = _as_range(toks, i, a, approx)
    if ranged:
        return ranged
    if a.unit is None:
        return _bare_number(toks, i, j, a, approx)
    return _Found(_kind(a.unit), i, a.end, a.value, a.unit, approx, a)


def _range_found(i: int, a: Measure, b: Measure, end: int, approx: bool) -> _Found:
    unit = b.unit or a.unit
    low, high = sorted((_share_scale(a, b), b.value))
    return _Found(_range_kind(unit), i, end, [low, high], unit, approx)


def _as_range(toks: Tokens, i: int, a: Measure, approx: bool) -> _Found | None:
    """"3-5%", "10 to 20 dollars", "9.83e-3 +/- 1e-5 km/s2"; years never start ranges here."""
    if a.unit is None and _is_year(a):
        return None
    tail = _range_tail(toks, a)
    if tail is None:
        return None
    b, mode = tail
    if mode == -1:
        return _Found(_kind(b.unit), i, b.end, [a.value - b.value, a.value + b.value], b.unit,
                      True)
    unit = a.unit or b.unit
    if a.value > b.value and a.value >= 0 and b.value >= 0 and unit is None:
        return None  # "10-3" without a unit reads as two numbers, not a falling range
    if _share_scale(a, b) == b.value:
        return None
    return _range_found(i, a, b, b.end, approx)


def _bare_number(toks: Tokens, i: int, j: int, a: Measure, approx: bool
                 ) -> _Found | None:
    types = toks.types
    shared = _shared_unit(toks, a)
    if shared:
        return _Found(shared.kind, i, a.end, a.value, shared, approx, a)
    if a.num and a.num.words and a.value == 1 and a.end < len(types) and \
            types[a.end].kind == "w":
        return None  # "one of", "One complete orbit": a determiner, not a figure
    return _Found("number", i if approx or j == i else j, a.end, a.value, None, approx, a)


def _per_tail(toks: Tokens, a: Measure) -> tuple[Unit, int] | None:
    """"$15.4/hour", "$350 per kg", "10 l/km", "20 J/m^2 per year": a rate."""
    types = toks.types
    n = len(types)
    j = a.end
    if a.unit is None or a.unit.kind not in ("money", "quantity") or j + 1 >= n:
        return None
    if types[j].text != "/" and types[j].low not in ("per", "a", "an"):
        return None
    hit = _lookup(_tables()[0], toks, j + 1)
    if hit is None or hit[0].kind == "percent":
        return None
    unit, end = hit
    symbol = f"{a.unit.symbol}/{unit.symbol}"
    if end + 1 < n and types[end].low == "per":
        more = _lookup(_tables()[0], toks, end + 1)
        if more:
            symbol, end = f"{symbol}/{more[0].symbol}", more[1]
    return Unit("quantity", symbol, "rate"), end


def _shared_unit(toks: Tokens, a: Measure) -> Unit | None:
    """"45 and 50 mg": a bare number joined to a measured one shares its unit."""
    types = toks.types
    j = a.end
    if j + 1 >= len(types) or types[j].low not in ("and", "or"):
        return None
    b = _measure(toks, j + 1)
    if b and b.unit and b.unit.kind in ("quantity", "money") and b.num and not b.num.words:
        return b.unit
    return None


def _age(toks: Tokens, a: Measure) -> int:
    """"a 23-year-old man": an age, not a duration; the index after "old" or 0."""
    types = toks.types
    k = a.end
    if a.unit is not None and a.unit.symbol == "yr" and k + 1 < len(types) and \
            types[k].text == "-" and types[k + 1].low == "old":
        return k + 2
    return 0


def _is_score(toks: Tokens, i: int) -> bool:
    """"won 3-0", "locked at 2-2": a result, not a range (the second number is not higher)."""
    types = toks.types
    if i + 2 >= len(types) or types[i + 1].text not in ("-", "–"):
        return False
    a, b = types[i], types[i + 2]
    starts, ends = toks.starts, toks.ends
    return a.kind == b.kind == "d" and a.text.isdigit() and b.text.isdigit() and \
        starts[i + 1] == ends[i] and \
        starts[i + 2] == ends[i + 1] and int(b.text) <= int(a.text) < 100 and \
        not (i + 3 < len(types) and types[i + 3].kind == "w" and starts[i + 3] == ends[i + 2])


def _full_measure(toks: Tokens, k: int) -> Measure | None:
    """A measure with its compound parts, cents and rate ("$350 per kg")."""
    a = _measure(toks, k)
    if a is None or a.unit is None:
        return a  # compound parts, cents and rates all go on from a unit
    a = _cents(toks, _compound(toks, a))
    per = _per_tail(toks, a)
    if per:
        a = Measure(a.value, per[0], a.first, per[1], a.num)
    return a


def _range_kind(unit: Unit | None) -> str:
    return unit.kind if unit else "range"


def _is_year(m: Measure) -> bool:
    return bool(m.num and m.num.plain and 1000 <= m.value <= 2199 and float(m.value).is_integer())


def _skip_reason(toks: Tokens, i: int) -> int:
    """Tokens to skip at i when they are an ID, a phone number or an ordinal; 0 otherwise."""
    types = toks.types
    t = types[i]
    n = len(types)
    if t.kind != "d":
        return 0
    starts, ends = toks.starts, toks.ends
    prev = types[i - 1] if i > 0 else None
    if prev is not None and ends[i - 1] == starts[i] and (
            prev.kind == "w" and not _prefix_currency(toks, i - 1)
            or prev.text in ("+", "/", "_") and i > 1 and ends[i - 2] == starts[i - 1]
            or prev.text == "-" and i > 1 and types[i - 2].kind == "w"
            and ends[i - 2] == starts[i - 1] and not _prefix_currency(toks, i - 2)):
        return 1  # "L2", "LGA1156", "J1149.5+6663": part of a name or code
    if i + 2 < n and types[i + 1].kind == "w" and starts[i + 1] == ends[i] and \
            types[i + 2].kind == "d" and starts[i + 2] == ends[i + 1] and \
            types[i + 1].low not in ("e", "x"):
        return 3  # "06F6" (but "4e14" and "5.5x10" are numbers)
    j = i + 1
    if j < n and types[j].kind == "w" and starts[j] == ends[i] and \
            types[j].low in ("st", "nd", "rd", "th"):
        return 2  # ordinal
    # phone numbers and codes: three or more digit groups joined by "-" or "."
    if _is_score(toks, i):
        return 3
    groups, k = 1, i
    while k + 2 < n and types[k + 1].text in ("-", ".") and types[k + 2].kind == "d" and \
            starts[k + 1] == ends[k] and starts[k + 2] == ends[k + 1]:
        groups, k = groups + 1, k + 2
    if groups >= 3:
        return k + 1 - i
    return 0


def _one_in(toks: Tokens, i: int) -> _Found | None:
    """"one in five adults", "3 in 10 voters": a share read as a percentage."""
    types = toks.types
    if i + 2 >= len(types) or types[i + 1].low != "in":
        return None
    a, b = _small_int(types[i]), _small_int(types[i + 2])
    if a is None or b is None or not 0 < a < b <= 1000:
        return None
    return _Found("percent", i, i + 3, 100.0 * a / b, Unit("percent", "%", "percent"), False)


def _small_int(t: TokenType) -> int | None:
    if t.kind == "d" and t.text.isdigit() and len(t.text) <= 3:
        return int(t.text)
    return WORD_VALUES.get(t.low) if t.kind == "w" else None


def _trim_share(toks: Tokens, i: int) -> _Found | None:
    """"half of the voters", "three-quarters of homes": a share read as a percentage."""
    types = toks.types
    n = len(types)
    w = types[i].low
    j = i + 1
    value = None
    if w in ("half",):
        value = 50.0
    elif w in ("one", "two", "three") and j + 1 < n and types[j].text == "-" and \
            types[j + 1].low in ("third", "thirds", "quarter", "quarters"):
        base = 100 / 3 if types[j + 1].low.startswith("third") else 25.0
        value = base * {"one": 1, "two": 2, "three": 3}[w]
        j += 2
    elif w in ("quarter", "third") and i > 0 and types[i - 1].low in ("a", "one"):
        value = _SHARE_WORDS[w]
    if value is None or j >= n or types[j].low != "of":
        return None
    if j + 1 < n and _lookup(_tables()[0], toks, j + 1) and types[j + 1].low not in ("the",):
        return None
    first = i - 1 if w in ("quarter", "third") else i
    return _Found("percent", first, j, value, Unit("percent", "%", "percent"), False)


_NAMED = {("absolute", "zero"): (0.0, Unit("quantity", "K", "temperature"))}


def _named(toks: Tokens, i: int) -> _Found | None:
    """Quantities with a name instead of a number: "absolute zero"."""
    types = toks.types
    if i + 1 < len(types) and (types[i].low, types[i + 1].low) in _NAMED:
        value, unit = _NAMED[(types[i].low, types[i + 1].low)]
        return _Found("quantity", i, i + 2, value, unit, False)
    return None


class _Starts(NamedTuple):
    strong: frozenset[str]  # words or signs that may start a figure
    weak: frozenset[str]  # words that, right before one of those, hint at a figure
    numeric: frozenset[str]  # words and signs a number or an amount itself may begin with
    leads: frozenset[str]  # words that start a figure only with a number after them
    any: frozenset[str]  # strong | leads but "(": every non-digit token worth a closer look
    currency: frozenset[str]  # words and signs that start a figure only as a currency ("S$")
    before_digits: frozenset[str]  # signs that start a figure only right before digits


@lru_cache(maxsize=1)
def _starts() -> _Starts:
    units, money = _tables()
    strong = set(WORD_VALUES) | set(SCALES) | set(DENOMINATORS) | {
        "hundred", "single", "couple", "pair", "few", "dozen", "minus", "negative", "point",
        "absolute", "half", "quarter", *MINUS, ".", "~", *VULGAR, "(", "a", "an"}
    currency = {_first_token(form).lower() for table in (money.exact, money.lower)
                for form in table if table[form].prefix}
    unit_starts = {_first_token(form).lower()
                   for table in (units.exact, units.lower, money.exact, money.lower)
                   for form in table}
    weak = {k[0] for k in _BOUNDS} | {"between", "from", "a", "an", "one", "the"}
    # a unit word or "the" alone never starts a figure: only bounds and "between"/"from" do
    leads = _BOUND_FIRST | {"between", "from"}
    currency_only = currency - strong - leads
    strong |= currency
    leads -= strong
    # "." and a dash begin a number only before digits; "(" and "~" never begin one
    numeric = strong - {*MINUS, ".", "~", "("}
    return _Starts(frozenset(strong), frozenset(weak | unit_starts - strong),
                   frozenset(numeric), frozenset(leads), frozenset((strong | leads) - {"("}),
                   frozenset(currency_only), frozenset({*MINUS, "."} - currency_only))


def _first_token(form: str) -> str:
    m = _FIRST.match(form)
    return m.group() if m else form[:1]


# Most tokens after a bound and "between" or "from" before the number: "from no more than 5"
_LEAD_REACH = 8


# How `_may_start` tests a word of `_starts().any`
_ALWAYS, _BEFORE_DIGITS, _CURRENCY, _LEAD, _ARTICLE = range(5)


class _StartTests(NamedTuple):
    plans: dict[str, int]  # each word of `_starts().any` -> how to test it
    near: frozenset[str]  # strong | weak: what a lead word or an article needs close after it
    numeric: frozenset[str]  # `_starts().numeric`
    after_article: frozenset[str]  # lower-case words that make a figure of "a"/"an" before them
    after_article_text: frozenset[str]  # the same as written (case-sensitive unit forms)
    after_bound: frozenset[str]  # lower-case words a measure may start with after a bound


@lru_cache(maxsize=1)
def _start_tests() -> _StartTests:
    """`_may_start`'s word sets, each a union made once so that a test is one look-up."""
    starts = _starts()
    units, money = _tables()
    plans = {}
    for low in starts.any:
        if low in ("a", "an"):
            plans[low] = _ARTICLE
        elif low in starts.currency:  # a word or sign that starts a figure only as a currency
            plans[low] = _CURRENCY
        elif low in starts.numeric or low == "~":
            plans[low] = _ALWAYS
        elif low in starts.strong:  # "." and dashes
            plans[low] = _BEFORE_DIGITS
        else:
            plans[low] = _LEAD
    return _StartTests(plans, starts.strong | starts.weak, starts.numeric,
                       frozenset(_AFTER_ARTICLE | units.lower_heads | money.lower_heads),
                       units.exact_heads | money.exact_heads,
                       starts.strong | {"between", "from"} | money.lower_heads)


def _may_start(toks: Tokens, i: int) -> bool:
    """Cheap test before reading: digits, currency signs, number words, or a lead word such
    as "about", "between" or "a" followed closely by one of those or by a unit."""
    types = toks.types
    t = types[i]
    if t.kind == "d":
        return True
    tests = _start_tests()
    plan = tests.plans.get(t.low)
    if plan == _ALWAYS:
        return True
    if plan == _BEFORE_DIGITS:
        return i + 1 < len(types) and types[i + 1].kind == "d"  # ".5", "-5"
    if plan == _CURRENCY:
        return _prefix_currency(toks, i) is not None  # "S$5", not "'s"
    if plan == _ARTICLE:  # the stricter test first
        return _after_article(toks, i, tests) and _followed(toks, i, tests.near, 3)
    if plan == _LEAD:
        # a bound or "between" reads a figure only when a number or an amount follows in reach
        return _lead_reads(toks, i, tests) and _followed(toks, i, tests.near, 3) and \
            _followed(toks, i, tests.numeric, _LEAD_REACH)
    return False


def _followed(toks: Tokens, i: int, words: frozenset[str], reach: int) -> bool:
    """Whether digits or one of `words` come among the `reach` tokens after token i."""
    for nxt in toks.types[i + 1:i + 1 + reach]:
        if nxt.kind == "d" or nxt.low in words:
            return True
    return False


def _lead_reads(toks: Tokens, i: int, tests: _StartTests) -> bool:
    """Whether `_read_figure` may read anything at a lead word: "between"/"from" (a range),
    a currency, or a bound phrase ("at least", "over") followed by a token a measure may start
    with. A lead word alone starts no number ("at the end of 2014")."""
    types = toks.types
    t, money = types[i], _tables()[1]
    if t.low in ("between", "from") or (t.text in money.exact_heads or
                                        t.low in money.lower_heads) and \
            _prefix_currency(toks, i) is not None:
        return True
    j = _bound(toks, i)[0]
    if j == i or j >= len(types):
        return False
    t = types[j]  # digits, a strong word, "between"/"from", or a currency's first token
    return t.kind == "d" or t.low in tests.after_bound or t.text in _tables()[1].exact_heads


# Words after "a" or "an" that make a figure of it ("a dozen", "a further", "an estimated")
_AFTER_ARTICLE = _DURATION_FILLERS | {"hundred", "hundreds", "estimated"} | set(SCALES) | \
    set(SPECIAL)


def _after_article(toks: Tokens, i: int, tests: _StartTests) -> bool:
    """"a dollar", "an hour", "a hundred", "a dozen", "an estimated 5", "A$5": an article
    starts a figure only before a unit, a scale or count word, or as a currency."""
    types = toks.types
    if i + 1 >= len(types):
        return False
    nxt = types[i + 1]
    return nxt.low in tests.after_article or nxt.text in tests.after_article_text or \
        _prefix_currency(toks, i) is not None


def _scan(toks: Tokens, taken: bytearray, candidates: list[int]) -> list[_Found]:
    """Every figure outside `taken`, left to right; `candidates` are the ascending indexes of
    the digit tokens and the tokens in `_starts().any` (no other token starts a figure)."""
    types = toks.types
    out: list[_Found] = []
    i, n = 0, len(types)
    before_digits = _starts().before_digits
    for c in candidates:
        if c < i or taken[c]:
            continue
        if types[c].low in before_digits:  # "." and "-", the commonest: `_may_start` inlined
            if c + 1 == n or types[c + 1].kind != "d":
                continue
        elif not _may_start(toks, c):
            continue
        i = c
        skip = _skip_reason(toks, i) if types[i].kind == "d" else 0  # (0 for any other kind)
        if skip:
            i += skip
            continue
        f = _share(toks, i) or _read_figure(toks, i)
        if f is None or any(taken[f.first:f.end]):
            i += 1
            continue
        out.append(f)
        i = max(f.end, i + 1)
    return out


# The words `_named` and `_trim_share` start with (`_one_in` needs "in" next)
_SHARE_FIRST = frozenset({k[0] for k in _NAMED} | {"half", "one", "two", "three", "quarter",
                                                   "third"})


def _share(toks: Tokens, i: int) -> _Found | None:
    """A named quantity or a share at i ("absolute zero", "one in five", "half of"), looked
    for only where one may start."""
    types = toks.types
    if types[i].low in _SHARE_FIRST or i + 1 < len(types) and types[i + 1].low == "in":
        return _named(toks, i) or _one_in(toks, i) or _trim_share(toks, i)
    return None


def _restated(text: str, toks: Tokens, found: list[_Found]) -> list[_Found]:
    """Merge "forty-five (45)" and "45 (forty five)" into one figure."""
    types = toks.types
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev and prev.kind == f.kind and prev.value == f.value and f.first >= 1
                and types[f.first - 1].text == "(" and prev.end == f.first - 1
                and f.end < len(types) and types[f.end].text == ")"):
            prev.end = f.end + 1
            continue
        out.append(f)
    return out


def _display(kind: str, value: Value, unit: str | None) -> str:
    if isinstance(value, list):
        low, high = value
        if kind == "money":
            return f"{_money(low, unit)}–{_money(high, unit)}"
        return f"{_plain(low)}–{_plain(high)}{_unit_suffix(kind, unit)}"
    if isinstance(value, str) or value is None:
        return str(value)
    if kind == "money":
        return _money(value, unit)
    if kind == "duration":
        return _duration(value)
    return f"{_plain(value)}{_unit_suffix(kind, unit)}"


def _unit_suffix(kind: str, unit: str | None) -> str:
    if not unit:
        return ""
    if kind == "percent":
        return "%" if unit == "%" else " percentage points"
    return f" {unit}" if unit[0].isalpha() else unit


_MONEY_PREFIX = {"USD": "US$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹", "CAD": "C$",
                 "AUD": "A$"}


def _plain(value: float) -> str:
    for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(value) >= size:
            return f"{value / size:,.4g} {word}"
    return f"{value:,.2f}".removesuffix(".00") if not float(value).is_integer() else f"{value:,.0f}"


def _money(value: float, unit: str | None) -> str:
    code = unit or ""
    prefix = _MONEY_PREFIX.get(code)
    if prefix:
        return f"{prefix}{_plain(value)}"
    return f"{_plain(value)} {code}".strip()


def _duration(seconds: float) -> str:
    for word, size in (("years", 31536000), ("months", 2592000), ("weeks", 604800),
                       ("days", 86400), ("hours", 3600), ("minutes", 60)):
        if abs(seconds) >= size and (seconds / size) == round(seconds / size, 2):
            return f"{_plain(seconds / size)} {word}"
    return f"{_plain(seconds)} seconds"


_CONTEXT_STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "for", "from",
                 "by", "with", "than", "as", "is", "are", "was", "were", "be", "been", "that",
                 "this", "which", "who", "per", "it", "its", "their", "his", "her"}


def _count_context(toks: Tokens, end: int) -> str:
    """The noun a count counts: "2,000 migrants" -> "migrants" (up to three words)."""
    types = toks.types
    words: list[str] = []
    k = end
    while k < len(types) and len(words) < 3:
        t = types[k]
        if words and _verb_like(t):
            break  # "six world powers struck": the noun ends where a verb starts
        if t.kind != "w" or t.low in _CONTEXT_STOP:
            if t.low == "of" and not words and k + 1 < len(types):
                k += 1
                continue
            break
        words.append(t.text)
        k += 1
    return " ".join(words)


def _verb_like(t: TokenType) -> bool:
    w = t.low
    return w in _LINK_VERBS or w in _AGENT_VERBS or w in PAST_WORDS or w in FUTURE_WORDS or \
        len(w) > 4 and w.endswith("ed")


def _finite(value: Value) -> bool:
    if isinstance(value, list):
        return all(math.isfinite(v) for v in value)
    return not isinstance(value, float) or math.isfinite(value)


def _normalized(f: _Found) -> tuple[Value, str | None]:
    """Durations in seconds; everything else in the unit as written."""
    unit = f.unit
    if unit is None:
        return f.value, None
    if unit.kind != "duration":
        return f.value, unit.symbol
    if isinstance(f.value, list):
        return [v * unit.factor for v in f.value], "s"
    if isinstance(f.value, float):
        return f.value * unit.factor, "s"
    return f.value, "s"


def _to_figure(text: str, toks: Tokens, f: _Found) -> Figure:
    start, end = toks.starts[f.first], toks.ends[f.end - 1]
    context = f.context or (_count_context(toks, f.end) if f.kind in ("number", "range") else "")
    value, unit = _normalized(f)
    return _figure(f.kind, text[start:end], start, end, value, unit,
                  _display(f.kind, value, unit), context, "", f.approximate)


def _token_type(text: str) -> TokenType:
    """A token type with its readers' bits: a listed word's, else those of its kind (each
    distinct text's once, in `_TYPES`)."""
    kind, low = _KIND_OF[text[0]], text.lower()
    readers = _readers().get(low)
    if readers is None:
        readers = _KIND_READERS[kind]
        if low.endswith("ss") and _opens(low):  # "mondayss": unlisted, yet a weekday
            readers |= _OPENS_BIT
    return TokenType(kind, text, low, readers)


# One token type per distinct text, so the token list of a text is a pass of dict look-ups
_TYPES = Memo(_token_type)
_READERS = attrgetter("readers")
_START = attrgetter("start")


@lru_cache(maxsize=2)
def _text_tokens(text: str) -> tuple[Tokens, _Picked]:
    """Tokens of a whole text and the indexes of the tokens each reader may start at, all in
    C-level passes; kept for `rank_figures`, which describes figures of the text
    `extract_figures` has just read."""
    toks = Tokens.of(text, _TYPES.__getitem__)
    toks.closing = None  # a whole text's: its closing quotes are found when first asked
    readers = bytes(map(_READERS, toks.types))  # one byte per token: its readers' bits
    return toks, _Picked(list(compress(count(), _date_picks(readers))),
                         list(compress(count(), _figure_picks(readers))))


class _Picked(NamedTuple):
    """Ascending indexes of the digit tokens and of the words a reader may start at."""

    dates: list[int]  # `start_words()`, as `dates._may_start_at` keeps them
    figures: list[int]  # `_starts().any`, less the `_needy()` words no follower comes after


def _date_picks(readers: bytes) -> bytes:
    """1 for each token the date reader may start at, else 0: digits and its words, as
    `dates._may_start_at` keeps them (a weak start only with a strong one among the next four
    tokens, "'" never), in C: one bit per token in a big integer, "next token" a shift."""
    picks = int.from_bytes(readers.translate(_DATES), "big")
    weak = int.from_bytes(readers.translate(_WEAK), "big")
    strong = picks ^ weak  # weak ⊆ picks
    near = strong << 8 | strong << 16 | strong << 24 | strong << 32  # at i+1 … i+4
    no_start = int.from_bytes(readers.translate(_NO_START), "big")
    picks = weak & near | strong & ~no_start
    return (picks & _reads_on(readers)).to_bytes(len(readers), "big")


def _reads_on(readers: bytes) -> int:
    """Not 0 at each token where `find_dates` reads on: the first token at or after it that
    is no lead-in word ("in", "the", "on"…) opens a piece (`dates._opening_words`, or digits).
    Turned away, the others would cost a look each: a fifth of the picks ("in the world").
    This is a carry: each lead-in token is 0xFF, a 1 added just above each opening token runs
    up through the lead-in tokens before it, which it leaves 0, and stops at the next token."""
    leads = int.from_bytes(readers.translate(_LEADS), "big")  # 0xFF per lead-in token
    opening = int.from_bytes(readers.translate(_OPENING), "big") & ~leads  # 1 per opening one
    carried = leads + (opening << 8)  # a lead-in token reached by a carry is 0 here
    return opening | leads & ~carried


def _figure_picks(readers: bytes) -> bytes:
    """1 for each token the figure reader may start at, else 0: its words, but an article, a
    currency-only code or a bound phrase's first word (`_needy`) only when a `_followers()`
    token comes next (`_may_start` would turn the others away: a third of all picks). One bit
    per token in a big integer, so "next token" is a shift and the test runs in C."""
    picks = readers.translate(_FIGURES)
    needy = readers.translate(_NEEDY)
    if 1 not in needy:
        return picks
    size = len(readers)
    followed = int.from_bytes(readers.translate(_FOLLOWERS), "big") << 8  # token i+1 at i
    lonely = int.from_bytes(needy, "big") & ~followed
    return (int.from_bytes(picks, "big") ^ lonely).to_bytes(size, "big")  # needy ⊆ picks


@lru_cache(maxsize=1)
def _readers() -> dict[str, int]:
    """A listed word's bits: 1 the dates' reader may start at it, 2 the figures', 4 it may
    come right after a `_needy()` word in a figure, 8 it is one, 16 it is a weak date start,
    32 it starts no date, 64 it is a date's lead-in word, 128 a date may open with it after
    those (`_reads_on`). A listed form that begins with a digit ("4th") is a token of digits,
    which both readers pick, which may follow, and which a date may open with."""
    dates, figures, followers, needy = start_words(), _starts().any, _followers(), _needy()
    return {w: _KIND_READERS["d"] if "0" <= w[0] <= "9" else
            (w in dates) | (w in figures) << 1 | (w in followers) << 2 | (w in needy) << 3 |
            (w in _WEAK_STARTS) << 4 | (w in _NO_STARTS) << 5 | (w in _SKIPPED_LEADS) << 6 |
            _opens(w) << 7
            for w in dates | figures | followers | _opening_words() | _SKIPPED_LEADS}


@lru_cache(maxsize=1)
def _needy() -> frozenset[str]:
    """The words `_may_start` passes only with the next token in `_followers()`."""
    return _coded() | _bound_leads()


@lru_cache(maxsize=1)
def _coded() -> frozenset[str]:
    """"a", "an" (`_after_article`) and the currency-only words that are no form by
    themselves ("US" of "US$", "s" of "S$"), which `_prefix_currency` reads only when
    `_goes_on` says so."""
    plans, money = _start_tests().plans, _tables()[1]
    alone = set(money.lower) | {form.lower() for form in money.exact}
    return frozenset(w for w, plan in plans.items() if plan == _ARTICLE or
                     plan == _CURRENCY and w not in alone)


@lru_cache(maxsize=1)
def _bound_leads() -> frozenset[str]:
    """Lead words that begin only bound phrases of two or three words and no currency ("at"
    of "at least", "as" of "as many as"): `_lead_reads` passes them only when `_bound` reads
    a phrase, whose second word comes next."""
    plans, money = _start_tests().plans, _tables()[1]
    heads = set(money.lower_heads) | {head.lower() for head in money.exact_heads}
    return frozenset(w for w, plan in plans.items() if plan == _LEAD and w in _BOUND_TAILS
                     and w not in heads and all(size > 1 for _, size, _ in _BOUND_TAILS[w]))


@lru_cache(maxsize=1)
def _followers() -> frozenset[str]:
    """Lower-case forms of every token that may come right after a `_needy()` word when a
    figure starts there: a word that makes a figure of an article (`_after_article`), the
    rest of a currency head a `_coded()` word begins (`_goes_on`: "$" of "US$"), and a bound
    phrase's second word. A cased head's first part lower-cases to the coded word (str.lower
    never shortens, so that part is at most as long as the word)."""
    tests, money, coded = _start_tests(), _tables()[1], _coded()
    longest = max(map(len, coded))
    out = set(tests.after_article) | {text.lower() for text in tests.after_article_text}
    for heads, fold in ((money.exact_heads, str.lower), (money.lower_heads, str)):
        for head in heads:
            for cut in range(1, min(longest, len(head) - 1) + 1):
                if fold(head[:cut]) in coded:
                    out.add(head[cut:].lower())
    out.update(tail[0] for w in _bound_leads() for tail, _, _ in _BOUND_TAILS[w])
    return frozenset(out)


# a token not listed, by kind: digits (both readers; one may follow a needy word; a date
# reads on at them), or none
_OPENS_BIT = 128
_KIND_READERS = {"d": 7 | _OPENS_BIT, "w": 0, "s": 0}
# (bytes.translate tables: a token's bits to 1 if it has the one asked for, else 0)
_DATES = bytes(i & 1 for i in range(256))
_FIGURES = bytes(i >> 1 & 1 for i in range(256))
_FOLLOWERS = bytes(i >> 2 & 1 for i in range(256))
_NEEDY = bytes(i >> 3 & 1 for i in range(256))
_WEAK = bytes(i >> 4 & 1 for i in range(256))
_NO_START = bytes(i >> 5 & 1 for i in range(256))
_LEADS = bytes(255 * (i >> 6 & 1) for i in range(256))
_OPENING = bytes(i >> 7 & 1 for i in range(256))


def _sentence_tokens(text: str, span: tuple[int, int]) -> Tokens:
    """The tokens of text[span] with positions in `text`, cut from the whole text's tokens."""
    toks = _text_tokens(text)[0]
    starts, ends = toks.starts, toks.ends
    a, b = bisect_left(starts, span[0]), bisect_left(starts, span[1])
    if a > 0 and ends[a - 1] > span[0] or b > a and ends[b - 1] > span[1]:
        # a token runs across the sentence edge: the sentence alone tokenizes differently
        out = tokens(text[span[0]:span[1]])
        out.text = text
        out.starts = [start + span[0] for start in out.starts]
        out.ends = [end + span[0] for end in out.ends]
        return out
    return toks.cut(a, b)


_QUOTES = re.compile("[\"“”]")


def _closing(toks: Tokens) -> AbstractSet[int]:
    """Indexes of the closing double quotes among a whole text's tokens (none for others)."""
    if toks.closing is None:  # (few texts have a quote mark right after a number)
        toks.closing = _closing_quotes(toks.text, toks.starts)
    return toks.closing


def _closing_quotes(text: str, starts: list[int]) -> set[int]:
    closing: set[int] = set()
    if '"' not in text and "”" not in text:
        return closing
    inside = False
    for m in _QUOTES.finditer(text):  # each quote mark is a token of its own
        if inside:
            closing.add(bisect_left(starts, m.start()))
        inside = not inside if m[0] == '"' else m[0] == "“"
    return closing


def extract_figures(text: str, reference_date: date | datetime | str | None = None
                    ) -> list[Figure]:
    """Figures in `text`, ordered by position. Relative dates resolve against `reference_date`
    (default: today)."""
    toks, picked = _text_tokens(text)
    taken = bytearray(len(toks.types))
    figures: list[Figure] = []
    for d in find_dates(text, toks, to_datetime(reference_date), picked.dates):
        taken[d.first:d.end] = b"\x01" * (d.end - d.first)
        display = _date_display(d.value) if d.value else d.display
        figures.append(_figure("date", text[d.start:d.stop], d.start, d.stop, d.value, None,
                               display, d.context, "", d.approximate))
    for f in _restated(text, toks, _scan(toks, taken, picked.figures)):
        if _finite(f.value):  # "1e999" or "1/0" is no figure, and JSON has no Infinity
            figures.append(_to_figure(text, toks, f))
    figures.sort(key=_START)
    return figures


# ---------------------------------------------------------------- what a figure measures

_DETERMINERS = {"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these",
                "those", "some", "any", "each", "every", "no", "of", "for", "to", "in", "on",
                "by", "with", "from", "at", "as", "and", "or", "but", "than", "about"}
_PREPOSITIONS = ("in", "for", "to", "on", "from", "across", "into", "over", "under")
_BOUNDARIES = {",", ";", ":", "(", ")", "—", "–", "who", "which", "that", "when", "where",
               "while", "because", "although", "but", "and", "as"}
# verb (lower case) -> how the brief says who did it ("requested by Mexico")
_AGENT_VERBS = {"asked": "requested", "requested": "requested", "demanded": "requested",
                "sought": "requested", "urged": "requested", "called": "requested",
                "proposed": "proposed", "pledged": "pledged", "promised": "pledged",
                "offered": "offered", "announced": "announced", "approved": "approved",
                "spent": "spent", "paid": "paid", "invested": "invested", "raised": "raised",
                "lent": "lent", "borrowed": "borrowed", "earned": "earned", "lost": "lost",
                "won": "won", "received": "received", "allocated": "allocated",
                "budgeted": "budgeted", "signed": "signed"}
_NEED_WORDS = {"need", "needs", "necessity", "possibility", "idea", "prospect"}


def _words_before(toks: Tokens, k: int, limit: int) -> list[int]:
    """Indexes of up to `limit` word tokens before index k, stopping at clause boundaries."""
    out: list[int] = []
    j = k - 1
    while j >= 0 and len(out) < limit:
        t = toks.types[j]
        if t.low in _BOUNDARIES or t.text in (".", "!", "?"):
            break
        if t.kind == "w":
            out.append(j)
        j -= 1
    return out[::-1]


def _noun_phrase_before(toks: Tokens, k: int) -> str:
    """"a US investment of <figure>" -> "US investment" (words back to a determiner)."""
    words: list[str] = []
    j = k - 1
    while j >= 0 and len(words) < 4:
        t = toks.types[j]
        if t.kind != "w" or t.low in _DETERMINERS or t.low in _AGENT_VERBS or \
                t.low in _LINK_VERBS:
            break
        words.append(t.text)
        j -= 1
    return " ".join(words[::-1])


def _phrase_after(toks: Tokens, k: int, limit: int = 4) -> str:
    """"in Latin America" after a figure: a preposition and the words up to a boundary."""
    types = toks.types
    if k >= len(types) or types[k].low not in _PREPOSITIONS:
        return ""
    words = [types[k].text]
    j = k + 1
    while j < len(types) and len(words) <= limit:
        t = types[j]
        if t.kind != "w" or t.low in _BOUNDARIES or (t.low.endswith("ed") and len(words) > 1):
            break
        words.append(t.text)
        j += 1
    return " ".join(words) if len(words) > 1 else ""


# Verbs that tie a figure to what it measures: "Unemployment rose to 3.5%", "The deal is worth"
_LINK_VERBS = {"rose", "fell", "rises", "falls", "rise", "fall", "increased", "decreased",
               "grew", "dropped", "climbed", "jumped", "slipped", "declined", "reached", "hit",
               "stood", "stands", "is", "was", "are", "were", "be", "cost", "costs", "totalled",
               "totaled", "worth", "valued", "gained", "lost", "soared", "plunged", "surged",
               "tumbled", "edged", "topped", "exceeded", "averaged", "doubled", "tripled"}


def _subject_before(toks: Tokens, first: int) -> str:
    """"The unemployment rate rose to 3.5%" -> "unemployment rate": the words before the
    nearest linking verb in the figure's clause."""
    for j in range(first - 1, max(-1, first - 10), -1):
        t = toks.types[j]
        if t.low in _BOUNDARIES or t.text in (".", "!", "?"):
            return ""
        if t.low in _LINK_VERBS:
            phrase = _noun_phrase_before(toks, j)
            if phrase:  # else a verb group ("is worth"): keep looking left
                return phrase
    return ""


def _agent(toks: Tokens, first: int, sent_start: int) -> str:
    """"Mexico raised the need for …" -> "requested by Mexico": the subject and its verb."""
    types = toks.types
    verb_at = next((j for j in range(first - 1, sent_start - 1, -1)
                    if types[j].low in _AGENT_VERBS), None)
    if verb_at is None:
        return ""
    subject = [t.text for t in types[sent_start:verb_at] if t.kind == "w"]
    subject = [w for w in subject if w[0].isupper()][-3:]
    if not subject:
        return ""
    verb = _AGENT_VERBS[types[verb_at].low]
    if types[verb_at].low == "raised" and any(t.low in _NEED_WORDS
                                             for t in types[verb_at + 1:first]):
        verb = "requested"
    return f"{verb} by {' '.join(subject)}"


def describe(text: str, figure: Figure, sentence: tuple[int, int]) -> str:
    """What `figure` measures, from the words around it in its sentence (plain rules: the
    noun phrase of an "X of <figure>" construction, a following prepositional phrase, the
    subject of a verb of asking, spending or announcing; the counted noun; the noun a date
    modifies or the verb phrase before it)."""
    return _describe(figure, _sentence_tokens(text, sentence))


def _describe(figure: Figure, toks: Tokens) -> str:
    """`describe` on the sentence's tokens."""
    first = bisect_left(toks.starts, figure.start)
    end = bisect_left(toks.starts, figure.end)
    if figure.kind == "date":
        return _date_context(toks, first, end)
    if figure.kind in ("number", "range") and figure.context:
        return figure.context
    head = _noun_phrase_before(toks, first - 1) if first > 0 and toks.types[first - 1].low == "of" \
        else ""
    if not head:
        head = _count_context(toks, end) if figure.kind != "money" else ""
    if not head:
        head = _subject_before(toks, first)
    parts = [head, _phrase_after(toks, end), _agent(toks, first, 0) if figure.kind == "money"
             else ""]
    return " ".join(p for p in parts if p)


def _date_context(toks: Tokens, first: int, end: int) -> str:
    """The noun a date modifies ("the November elections") or the clause before it."""
    types = toks.types
    nxt = types[end] if end < len(types) else None
    if nxt is not None and nxt.kind == "w" and nxt.low not in _DETERMINERS and \
            nxt.low not in _BOUNDARIES and nxt.low not in _FUNCTION_WORDS and \
            nxt.low not in ("afternoon", "morning", "evening") and not _verb_like(nxt):
        return _count_context(toks, end)
    words = _words_before(toks, first, 6)
    while words and types[words[-1]].low in _TRIM_WORDS:
        words.pop()
    while words and types[words[0]].low in _TRIM_WORDS:
        words.pop(0)
    if len(words) == 1 and types[words[0]].low in _FUNCTION_WORDS:
        return ""  # "after May 2015" says nothing about what happened
    phrase = _span_text(toks, words)
    k = words[0] if words else first
    if k > 0 and types[k - 1].low == "who":  # "officials … who will meet": name the people
        person = next((t.text for t in reversed(types[max(0, k - 14):k - 1])
                       if t.kind == "w" and t.low.endswith("s") and t.text.islower()), "")
        return " ".join(w for w in [person, phrase] if w)
    return phrase


_FUNCTION_WORDS = {"after", "before", "since", "until", "till", "around", "about", "as", "for",
                   "with", "than", "over", "under", "during", "between", "and", "or", "but"}


def _span_text(toks: Tokens, words: list[int]) -> str:
    """The text from the first to the last of the words at these indexes (keeps "Iran's"
    whole)."""
    if not words:
        return ""
    return " ".join(toks.text[toks.starts[words[0]]:toks.ends[words[-1]]].split())


_TRIM_WORDS = {"in", "on", "at", "by", "since", "until", "during", "this", "last", "next", "the",
               "of", "from", "to", "a", "an", "s", "t"}


@lru_cache(maxsize=512)
def _date_display(value: str) -> str:
    """"2024-01-19" -> "Friday 19 January 2024"; "2023-12" -> "December 2023"."""
    try:
        if len(value) == 4:
            return value
        if len(value) == 7:
            return datetime.strptime(value, "%Y-%m").strftime("%B %Y")
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    day = f"{moment:%A} {moment.day} {moment:%B %Y}"
    return day if len(value) == 10 else f"{day}, {moment:%H:%M}"


# ---------------------------------------------------------------- ranking for the brief

_KIND_WEIGHT = {"money": 3.0, "percent": 2.5, "quantity": 2.0, "range": 2.0, "date": 2.0,
                "duration": 1.5, "number": 1.0}


def rank_figures(text: str, figures: list[Figure], sentences: list[tuple[int, int]],
                 summary: set[tuple[int, int]], limit: int = 10) -> list[Figure]:
    """The `limit` most important figures, each with its `sentence` and `context`: figures in
    the summary first, then those near the lead, money and shares before plain counts, and
    figures whose context could be read before those without.

    Having a context is a figure's best case, so figures are described best case first, and
    describing stops once no figure left could reach the `limit`-th score found: those could
    not make the list (a third of all figures in long articles)."""
    cut: dict[tuple[int, int], Tokens] = {}  # most sentences hold several
    ranked: list[tuple[float, int, int, Figure, tuple[int, int], str]] = []
    for best, start, order, f, base, lead, span in _best_cases(figures, sentences, summary):
        if len(ranked) >= limit and best > ranked[limit - 1][0]:
            break  # this figure, and each one after it, scores below `limit` others
        if span not in cut:
            cut[span] = _sentence_tokens(text, span)
        context = _describe(f, cut[span])
        score = base + (lead + (1.0 if context else 0.0))
        if f.kind == "number" and not context:
            score -= 2.0
        insort(ranked, (-score, start, order, f, span, context))  # ties: as found
    # built directly: dataclasses.replace costs more than the rest of the ranking
    return [_figure(f.kind, f.text, f.start, f.end, f.value, f.unit, f.display, context,
                    text[span[0]:span[1]].strip(), f.approximate)
            for _, _, _, f, span, context in ranked[:limit]]


def _best_cases(figures: list[Figure], sentences: list[tuple[int, int]],
                summary: set[tuple[int, int]]
                ) -> list[tuple[float, int, int, Figure, float, float, tuple[int, int]]]:
    """For each figure, best case first: minus its score with a context, its start and
    place (the order of the ranking), the figure, the parts of its score (its kind and
    whether its sentence is in the summary; the lead's bonus for its sentence's place), and
    its sentence's span (sentences sorted by start; a figure in none stands alone)."""
    starts = [start for start, _ in sentences]
    cases = []
    for order, f in enumerate(figures):
        index = bisect_right(starts, f.start) - 1
        if index >= 0 and f.start < sentences[index][1]:
            span = sentences[index]
        else:
            index, span = len(sentences), (f.start, f.end)
        base = _KIND_WEIGHT.get(f.kind, 1.0) + (3.0 if span in summary else 0.0)
        lead = 2.0 / (1 + index)
        cases.append((-(base + (lead + 1.0)), f.start, order, f, base, lead, span))
    cases.sort()
    return cases
