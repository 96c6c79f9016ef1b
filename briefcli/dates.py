"""Dates and times: found in a token stream and resolved against a reference date.

A date expression is read as a chain of pieces (a month, a weekday, a day number, a year, a time
of day, "next week", "3 days ago", a named day such as Easter…) joined by small words ("on", "of",
"at", ",", "-"). The pieces fill one `Slots` record that is then resolved: missing parts come from
the reference date, and where the expression does not say whether it is past or future ("in
December", "on Monday"), the tense of the verbs near it decides. `value` is an ISO string at the
expression's grain: "2024", "2024-11", "2024-01-19", "2024-01-19T15:00".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from operator import attrgetter

from .numbers import ORDINALS, VULGAR, WORD_VALUES, Tokens, TokenType, read_number

__all__ = ["DateHit", "find_dates", "to_datetime", "easter"]

MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
          "august": 8, "september": 9, "october": 10, "november": 11, "december": 12}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
              "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# Month names that are also common words need support from a neighbour.
AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "dec", "oct", "sep", "aug", "jun", "jul"}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
                "fri": 4, "sat": 5, "sun": 6}
UNIT_WORDS = {"second": "second", "seconds": "second", "sec": "second", "secs": "second",
              "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
              "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour",
              "day": "day", "days": "day", "week": "week", "weeks": "week", "wk": "week",
              "fortnight": "fortnight", "month": "month", "months": "month", "quarter": "quarter",
              "quarters": "quarter", "qtr": "quarter", "year": "year", "years": "year",
              "yr": "year", "yrs": "year", "decade": "decade", "decades": "decade"}
NEXT = {"next": 1, "following": 1, "coming": 1, "upcoming": 1, "this": 0, "current": 0,
        "last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1}
PARTS_OF_DAY = {"morning": 9, "afternoon": 15, "evening": 19, "night": 21, "tonight": 21,
                "tonite": 21, "noon": 12, "midday": 12, "lunch": 12, "lunchtime": 12,
                "midnight": 0, "dawn": 6, "dusk": 18}
SEASONS = {"spring": (3, 20), "summer": (6, 21), "fall": (9, 23), "autumn": (9, 23),
           "winter": (12, 21)}
DAY_WORDS = {"today": 0, "tomorrow": 1, "tomorrows": 1, "yesterday": -1, "tonight": 0,
             "tonite": 0, "tmrw": 1}
TIMEZONES = {"gmt", "utc", "cet", "cest", "bst", "est", "edt", "cst", "cdt", "mst", "mdt", "pst",
             "pdt", "ist", "jst", "aest", "z"}
PAST_WORDS = {"was", "were", "had", "did", "said", "ago", "began", "begun", "went", "came",
              "took", "made", "met", "saw", "told", "gave", "held", "won", "lost", "left",
              "fell", "rose", "grew", "became", "brought", "found", "paid", "sold", "spent",
              "sent", "wrote", "spoke", "ran", "led", "announced", "earlier", "previously",
              "hit", "struck", "cut", "shot", "fought", "caught", "kept", "felt", "thought",
              "bought", "sought", "stood", "heard", "meant", "built", "flew", "threw", "knew",
              "drove", "broke", "chose", "woke", "ate", "fled", "fed", "laid", "hung", "dug",
              "stuck", "swung", "quit", "killed", "died", "arrived", "occurred", "happened",
              "last", "former", "formerly", "already", "once", "then", "since"}
FUTURE_WORDS = {"will", "shall", "'ll", "ll", "going", "next", "upcoming", "coming", "plans",
                "plan", "planned", "scheduled", "expected", "expects", "aims", "due", "would",
                "until", "soon", "later", "forthcoming", "ahead", "leading", "await", "awaits",
                "awaiting", "hopes", "intends", "set", "tomorrow"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her",
               "our", "aforementioned"}
CONNECTORS = {"of", "the", "on", "at", "@", ",", "in", "-", "–", "to", "from", "and", "until",
              "till", "untill", "through", "thru", "between", "for", "by", "around", "about"}
RANGE_WORDS = {"-", "–", "to", "until", "till", "untill", "through", "thru", "and"}
MAX_PIECES = 8  # pieces in one expression ("at 7:30 PM on Fri, Sep 20, 2013" has five)
SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800,
           "fortnight": 1209600}


@dataclass(slots=True)
class DateHit:
    first: int  # token span [first, end)
    end: int
    start: int  # character span [start, stop)
    stop: int
    value: str | None
    display: str
    context: str = ""
    approximate: bool = False


@dataclass(slots=True)
class Slots:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    ampm: str | None = None
    part: int | None = None  # hour standing for a part of the day
    shift: int | None = None  # next/last/this applied to the month, weekday or named day
    unit: str | None = None  # "week" in "next week"
    unit_count: int = 1
    offset: list[tuple[float, str]] = field(default_factory=list)  # (signed count, unit)
    day_offset: int | None = None  # today / tomorrow / yesterday
    holiday: str | None = None
    nth: int | None = None  # "third tuesday of october", "3rd quarter"
    quarter: int | None = None
    edge: str | None = None  # "end" / "beginning" / "early" / "mid" / "late"
    decade: bool = False
    pieces: int = 0
    weak: int = 0  # pieces that are dates only beside stronger ones


def to_datetime(value: date | datetime | str | None) -> datetime:
    """The reference as a datetime (a date means its midnight; None means now)."""
    if value is None:
        return datetime.now().replace(microsecond=0)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value).strip().replace(" ", "T")[:19])


def easter(year: int) -> date:
    """Western Easter Sunday: the anonymous Gregorian algorithm (Meeus, Astronomical Algorithms)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def orthodox_easter(year: int) -> date:
    """Orthodox Easter: Meeus' Julian algorithm, moved to the Gregorian calendar."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return date(year, month, day + 1) + timedelta(days=year // 100 - year // 400 - 2)


@lru_cache(maxsize=1)
def _holidays() -> tuple[dict[str, str], int]:
    """Named day -> rule, and the longest name in tokens."""
    path = resources.files("briefcli") / "data" / "figures_holidays.tsv"
    table: dict[str, str] = {}
    longest = 1
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rule, names = line.split("\t")
        for name in names.split("|"):
            key = name.replace(" ", "").replace("'", "").replace("-", "").replace(".", "")
            table[key] = rule
            longest = max(longest, name.count(" ") + name.count("-") + name.count("'") * 2 + 2)
    return table, longest


@lru_cache(maxsize=1)
def _triggers() -> frozenset[str]:
    """Lower-case words that may start a date expression (a cheap filter before reading)."""
    words = set(MONTHS) | set(MONTH_ABBR) | set(WEEKDAYS) | set(WEEKDAY_ABBR) | set(NEXT)
    words |= {w + "s" for w in WEEKDAYS} | set(DAY_WORDS) | set(PARTS_OF_DAY) | set(SEASONS)
    words |= set(WORD_VALUES) | set(ORDINALS) | set(UNIT_WORDS) | _LEAD_WORDS
    words |= {"@", "'", "early", "mid", "late", "end", "beginning", "start", "middle", "rest",
              "all", "half", "quarter", "three", "a", "an", "few", "eom", "eoy", "bom", "boy",
              "eod", "asap", "right", "just", "weekend", "week-end", "wkend", "day", "o", "now"}
    path = resources.files("briefcli") / "data" / "figures_holidays.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            for name in line.split("\t")[1].split("|"):
                words.add(re.split(r"[ '\-.]", name)[0])
    return frozenset(words)


def start_words() -> frozenset[str]:
    """Every word `find_dates` looks at before reading (a date starts at one of them or at
    digits)."""
    return _triggers()


_LEAD_WORDS = {"from", "between", "around", "about", "approximately", "on", "at", "in", "during",
               "the", "for", "by", "since", "until", "till", "after", "before", "within"}


_WEAK_STARTS = _LEAD_WORDS | {"a", "an", "all", "right", "just", "o", "few"}
# Triggers that only back up a word before them: no reader starts a piece at an apostrophe.
_NO_STARTS = {"'"}


def holiday_date(rule: str, year: int) -> date | None:
    """The date of a named-day rule in `year` (None for feasts of other calendars)."""
    if rule == "-":
        return None
    extra = 0
    parts = rule.split(":")
    if rule.startswith("nth") and len(parts) == 5:
        extra = int(parts[4])
        parts = parts[:4]
    if parts[0] == "easter":
        return easter(year) + timedelta(days=int(parts[1]))
    if parts[0] == "orthodox":
        return orthodox_easter(year) + timedelta(days=int(parts[1]))
    if parts[0] == "nth":
        nth, weekday, month = int(parts[1]), int(parts[2]), int(parts[3])
        return nth_weekday(year, month, weekday, nth) + timedelta(days=extra)
    mm, dd = rule.split("-")
    return date(year, int(mm), int(dd))


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-nth - 1))


# ---------------------------------------------------------------- reading pieces

def _adj(toks: Tokens, k: int) -> bool:
    return 0 < k < len(toks.types) and toks.starts[k] == toks.ends[k - 1]


def _int(tok: TokenType) -> int | None:
    return int(tok.text) if tok.kind == "d" and tok.text.isdigit() and len(tok.text) <= 4 else None


def _word_int(toks: Tokens, k: int) -> tuple[int, int] | None:
    """A small number in digits or words ("three", "twenty-one") -> (value, end)."""
    types = toks.types
    n = len(types)
    t = types[k]
    v = _int(t)
    if v is not None:
        return v, k + 1
    if t.low in ("a", "an") and k + 1 < n and types[k + 1].low in ("couple", "few", "pair"):
        end = k + 2 + (k + 2 < n and types[k + 2].low == "of")
        return (2 if types[k + 1].low != "few" else 3), end
    if t.low == "few":
        return 3, k + 1
    if t.low in ("a", "an", "one") and k + 1 < n:
        return 1, k + 1
    if t.low in WORD_VALUES:
        v, end = WORD_VALUES[t.low], k + 1
        if v >= 20 and end + 1 < n and types[end].text == "-" and types[end + 1].low in WORD_VALUES:
            v, end = v + WORD_VALUES[types[end + 1].low], end + 2
        elif v >= 20 and end < n and WORD_VALUES.get(types[end].low, 10) < 10:
            v, end = v + WORD_VALUES[types[end].low], end + 1
        return v, end
    return None


def _count(toks: Tokens, j: int) -> tuple[float, int] | None:
    """How many units: "2", "2.5", "1/4", "a", "a couple of", "half an", "three-quarters of an"."""
    types = toks.types
    n = len(types)
    t = types[j]
    if t.low in ("half", "quarter") or t.low == "three" and j + 2 < n and types[j + 2].low == \
            "quarters":
        count = {"half": 0.5, "quarter": 0.25}.get(t.low, 0.75)
        j += 1 if t.low != "three" else 3
        while j < n and types[j].low in ("a", "an", "of"):
            j += 1
        return count, j
    if t.low in ("a", "an") and j + 1 < n and types[j + 1].low in UNIT_WORDS:
        return 1.0, j + 1
    if t.low in ("a", "an", "few") or t.low in WORD_VALUES:
        w = _word_int(toks, j)
        if w:
            end = w[1]
            if end + 3 < n and types[end].low == "and" and types[end + 1].low in ("a", "an") and \
                    types[end + 2].low == "half":
                return w[0] + 0.5, end + 3
            return float(w[0]), end
        return None
    if t.kind != "d":
        return None
    num = read_number(toks, j)
    if num is None or num.scaled or not 0 <= num.value < 1e5:  # also rules out nan and inf
        return None
    end = num.end
    if end + 3 < n and types[end].low == "and" and types[end + 1].low in ("a", "an") and \
            types[end + 2].low == "half":
        return num.value + 0.5, end + 3
    return num.value, end


def _month_at(toks: Tokens, k: int) -> tuple[int, int] | None:
    types = toks.types
    t = types[k]
    if t.kind != "w":
        return None
    m = MONTHS.get(t.low) or MONTH_ABBR.get(t.low)
    if m is None:
        return None
    end = k + 1 if not (k + 1 < len(types) and types[k + 1].text == "." and t.low in MONTH_ABBR) \
        else k + 2
    if t.low in AMBIGUOUS_MONTHS and not _month_supported(toks, k, end):
        return None
    return m, end


def _month_supported(toks: Tokens, k: int, end: int) -> bool:
    """"may"/"march" are months only beside a day, a year or a date word."""
    types = toks.types
    n = len(types)
    prev = types[k - 1] if k > 0 else None
    nxt = types[end] if end < n else None
    if types[k].text[0].isupper() and types[k].low != "may":
        return True
    if nxt is not None and (nxt.kind == "d" and len(nxt.text) <= 4 or nxt.low in ORDINALS):
        return True
    if prev is not None and (prev.low in ("in", "of", "early", "mid", "late", "next", "last",
                                          "this", "since", "until", "during", "by", "from")
                             or prev.kind == "d" or prev.low in ORDINALS):
        return types[k].low != "may" or prev.low != "by"
    if prev is None and (nxt is None or nxt.low in ("in", "after", "of")):
        return types[k].low != "may"
    return False


def _weekday_at(toks: Tokens, k: int) -> tuple[int, int] | None:
    types = toks.types
    t = types[k]
    if t.kind != "w":
        return None
    if t.low in WEEKDAYS:
        return WEEKDAYS[t.low], k + 1 + (k + 1 < len(types) and types[k + 1].low == "s"
                                          and _adj(toks, k + 1))
    if t.low.rstrip("s") in WEEKDAYS:  # "fridays"
        return WEEKDAYS[t.low.rstrip("s")], k + 1
    if t.low in WEEKDAY_ABBR:
        n = len(types)
        nxt = types[k + 1] if k + 1 < n else None
        if nxt is not None and nxt.text == "." and _adj(toks, k + 1):
            return WEEKDAY_ABBR[t.low], k + 2
        if t.text[0].isupper() or nxt is None or nxt.text == "," or nxt.kind == "d":
            if t.low in ("sat", "sun", "wed") and not t.text[0].isupper() and nxt is not None:
                return None
            return WEEKDAY_ABBR[t.low], k + 1
    return None


def _ordinal_at(toks: Tokens, k: int) -> tuple[int, int] | None:
    """"15th", "1st", "third", "twenty-first"."""
    types = toks.types
    t = types[k]
    n = len(types)
    if t.kind == "d" and k + 1 < n and _adj(toks, k + 1) and types[k + 1].low in ("st", "nd", "rd",
                                                                                 "th"):
        v = _int(t)
        return (v, k + 2) if v is not None else None
    if t.low in ORDINALS:
        return ORDINALS[t.low], k + 1
    if t.low in ("twenty", "thirty") and k + 2 < n and types[k + 1].text == "-" and \
            types[k + 2].low in ORDINALS:
        return WORD_VALUES[t.low] + ORDINALS[types[k + 2].low], k + 3
    return None


def _ampm_at(toks: Tokens, k: int) -> tuple[str, int] | None:
    """"pm", "p.m.", "PM", "p m", "a", "p" -> ("am"|"pm", end)."""
    types = toks.types
    n = len(types)
    if k >= n:
        return None
    w = types[k].low
    if w in ("am", "pm"):
        return w, k + 1  # a "." after "pm" usually ends the sentence
    if w in ("a", "p"):
        if k + 2 < n and types[k + 1].text == "." and types[k + 2].low == "m":
            end = k + 3 + (k + 3 < n and types[k + 3].text == ".")
            return w + "m", end
        if k + 1 < n and types[k + 1].low == "m" and not (k + 2 < n and types[k + 2].kind == "w"):
            return w + "m", k + 2
        if _adj(toks, k) and not (k + 1 < n and types[k + 1].kind == "w"):
            end = k + 1 + (k + 1 < n and types[k + 1].text == "." and _adj(toks, k + 1))
            return w + "m", end
    return None


def _full_ampm(toks: Tokens, k: int) -> bool:
    """"pm", "p.m.", "p m" but not a lone "p" (as in "345p", pence)."""
    ap = _ampm_at(toks, k)
    return ap is not None and any(t.low in ("am", "pm", "m") for t in toks.types[k:ap[1]])


def _time_at(toks: Tokens, k: int, s: Slots, after_at: bool) -> int:
    """A time of day at k: "3:15pm", "15h30", "3 pm", "noon", "half past 3"; end or k."""
    t = toks.types[k]
    if t.low in ("noon", "midday", "midnight"):
        s.hour, s.minute = (12 if t.low != "midnight" else 0), 0
        s.ampm = "pm" if t.low != "midnight" else "am"
        return k + 1
    if t.low in ("half", "quarter") or t.kind == "d" and _before_past_to(toks, k):
        return _past_to(toks, k, s)
    if t.kind == "d" and t.text.count(".") == 1:
        return _dotted_clock(toks, k, s)
    v = _int(t)
    if v is None:
        return _word_clock(toks, k, s, after_at)
    return _digit_clock(toks, k, v, s, after_at)


def _before_past_to(toks: Tokens, k: int) -> bool:
    """"20 past 3", "15 minutes to noon"."""
    words = [t.low for t in toks.types[k + 1:k + 3]]
    if words[:1] and words[0] in ("past", "after", "to", "till"):
        return True
    return len(words) == 2 and words[0] in ("minutes", "minute", "mins") and \
        words[1] in ("past", "after", "to", "till")


def _dotted_clock(toks: Tokens, k: int, s: Slots) -> int:
    """"2.13 am" (two decimals and am/pm; "2.1 pm" is a length in picometres)."""
    h_text, _, m_text = toks.types[k].text.partition(".")
    if h_text.isdigit() and len(m_text) == 2 and int(h_text) <= 12 and int(m_text) < 60 \
            and _ampm_at(toks, k + 1):
        s.hour, s.minute = int(h_text), int(m_text)
        return _clock_tail(toks, k + 1, s)
    return k


def _word_clock(toks: Tokens, k: int, s: Slots, after_at: bool) -> int:
    """"ten thirty am", "at three twenty", "seven o'clock"."""
    types = toks.types
    n = len(types)
    t = types[k]
    ok = t.low in WORD_VALUES and (t.low != "one" or after_at)
    w = _word_int(toks, k) if ok else None
    if not w or w[0] > 12:
        return k
    hour, end = w
    minute = None
    mw = _word_int(toks, end) if end < n and types[end].low in WORD_VALUES else None
    if mw and 0 < mw[0] < 60 and not (mw[1] < n and types[mw[1]].low in UNIT_WORDS):
        minute, end = mw[0], mw[1]
    if not (after_at or end < n and (_ampm_at(toks, end) or types[end].low in (
            "o'clock", "oclock"))):
        return k
    s.hour, s.minute = hour, minute
    return _clock_tail(toks, end, s)


def _digit_clock(toks: Tokens, k: int, v: int, s: Slots, after_at: bool) -> int:
    """"15:30:10", "15h30", "1030" after "at", "3 pm", "8 tonight"."""
    types = toks.types
    n = len(types)
    end = k + 1
    if end + 1 < n and types[end].text in (":", ".") and types[end + 1].kind == "d" and \
            _adj(toks, end) and _adj(toks, end + 1) and len(types[end + 1].text) == 2:
        if types[end].text == "." and not (end + 2 < n and _ampm_at(toks, end + 2)):
            return k
        s.hour, s.minute = v, int(types[end + 1].text)
        end += 2
        if end + 1 < n and types[end].text == ":" and _int(types[end + 1]) is not None:
            s.second, end = int(types[end + 1].text), end + 2
    elif end < n and types[end].low == "h" and _adj(toks, end) and v <= 24:
        s.hour, s.minute, end = v, 0, end + 1
        if end < n and types[end].kind == "d" and _adj(toks, end) and len(types[end].text) == 2:
            s.minute, end = int(types[end].text), end + 1
    elif len(types[k].text) in (3, 4) and v % 100 < 60 and v // 100 <= 24 and (
            after_at or _full_ampm(toks, end) or end < n and types[end].low in TIMEZONES
            and types[end].low != "z"):
        s.hour, s.minute = v // 100, v % 100
    elif v <= 24 and (after_at or _hour_marker(toks, end)):
        s.hour = v
        if after_at and end < n and types[end].kind == "d" and len(types[end].text) == 2 and \
                not _adj(toks, end) and int(types[end].text) < 60:
            s.minute, end = int(types[end].text), end + 1  # "at 3 15"
    else:
        return k
    return _clock_tail(toks, end, s)


_HOUR_MARKERS = {"o'clock", "oclock", "ish", "o", "tonight", "tomorrow", "tonite"}


def _hour_marker(toks: Tokens, end: int) -> bool:
    """What makes a bare number an hour: "3 pm", "3 o'clock", "8 tonight", "3 in the morning"."""
    types = toks.types
    n = len(types)
    if end >= n:
        return False
    w = types[end].low
    if _full_ampm(toks, end) and int(types[end - 1].text) <= 12 or w in _HOUR_MARKERS:
        return True  # "3 pm" but not "20p" (pence)
    if w == "this" and end + 1 < n and types[end + 1].low in PARTS_OF_DAY:
        return True
    return end + 2 < n and w == "in" and types[end + 1].low == "the" and \
        types[end + 2].low in ("am", "pm", "morning", "afternoon", "evening")


def _clock_tail(toks: Tokens, end: int, s: Slots) -> int:
    types = toks.types
    n = len(types)
    if end < n and types[end].low == "ish":
        end += 1
    if end < n and types[end].low in ("o'clock", "oclock"):
        end += 1
    elif end + 2 < n and types[end].low == "o" and types[end + 1].text in ("'", "’") and \
            types[end + 2].low == "clock":
        end += 3
    ap = _ampm_at(toks, end)
    if ap:
        s.ampm, end = ap
    elif end + 2 < n and types[end].low == "in" and types[end + 1].low == "the" and \
            types[end + 2].low in ("am", "pm", "morning", "afternoon", "evening"):
        w = types[end + 2].low
        s.ampm = "am" if w in ("am", "morning") else "pm"
        end += 3
    if end < n and types[end].low in TIMEZONES:
        end += 1
    elif end + 2 < n and types[end].text == "(" and types[end + 1].low in TIMEZONES:
        end += 3
    return end


_TIME_FOLLOWERS = {"am", "pm", "a", "p", "o", "oclock", "o'clock", "ish", "in", "on", "this",
                   "tomorrow", "tonight", "today", "h", "and", "to", "until", "till", "for",
                   "gmt", "utc", "est", "pst", "cet", "cst", "bst", "ist", "sharp", "next"}


def _time_follow_ok(toks: Tokens, k: int) -> bool:
    """A bare number after "at" is a time only if no noun or unit follows ("at 5 percent")."""
    types = toks.types
    j = k + 1
    while j < len(types) and types[j].kind == "d" or j < len(types) and types[j].text in (":", "."):
        j += 1
    if j >= len(types):
        return True
    t = types[j]
    if t.kind == "s":
        return t.text in (",", ".", ")", "-", ";", "!", "?", "(")
    return t.low in _TIME_FOLLOWERS or t.low in WEEKDAYS or t.low in PARTS_OF_DAY


def _past_to(toks: Tokens, k: int, s: Slots) -> int:
    """"half past 3", "a quarter to noon", "20 past 3pm", "15 minutes past noon"."""
    types = toks.types
    n = len(types)
    j = k
    if types[j].low == "half":
        minutes, j = 30, j + 1
    elif types[j].low == "quarter":
        minutes, j = 15, j + 1
    else:
        w = _word_int(toks, j)
        if not w:
            return k
        minutes, j = w
        if j < n and types[j].low in ("minutes", "minute", "mins"):
            j += 1
    if j >= n or types[j].low not in ("past", "after", "to", "till"):
        if types[k].low == "half" and j < n and types[j].low not in ("a", "an", "one"):
            w = _word_int(toks, j)  # British "half three"
            if w and 1 <= w[0] <= 12:
                s.hour, s.minute = w[0], 30
                return w[1]
        return k
    sign = 1 if types[j].low in ("past", "after") else -1
    j += 1
    h = Slots()
    end = _time_at(toks, j, h, True) if j < n else j
    if end == j or h.hour is None or not _time_follow_ok(toks, j) and h.ampm is None:
        return k
    if sign < 0 and h.ampm is None and h.hour > 12 and types[j].kind == "d":
        return k  # "10 to 20 dollars" is a range, not ten to eight
    if h.ampm == "pm" and h.hour < 12:
        h.hour += 12
    total = h.hour * 60 + (h.minute or 0) + sign * minutes
    s.hour, s.minute = divmod(total % 1440, 60)
    return end


def _numeric_date(toks: Tokens, k: int, s: Slots, strong: bool) -> int:
    """"2015-03-03", "10/31/1974", "31.10.74", "2/2013", "2014/10", "2/15" (with support)."""
    types = toks.types
    n = len(types)
    t = types[k]
    if t.kind != "d":
        return k
    if t.text.count(".") == 2:  # a dotted date read as one token
        parts = t.text.split(".")  # "1,200.12.5" is no date
        return k + 1 if all(p.isdigit() for p in parts) and _set_ymd(s, parts, ".") else k
    parts, seps, j = [t.text], [], k + 1
    while j + 1 < n and len(parts) < 3 and types[j].text in ("/", "-", ".") and \
            types[j + 1].kind == "d" and toks.starts[j + 1] - toks.ends[j - 1] <= 3:
        seps.append(types[j].text)
        parts.append(types[j + 1].text)
        j += 2
    if len(parts) < 2 or len(set(seps)) > 1 or not all(p.isdigit() for p in parts):
        return k
    if len(parts) == 2 and not strong and not (len(parts[0]) == 4 or len(parts[1]) == 4) and \
            not (j < n and types[j].low in ("at", "@")):
        return k
    if len(parts) == 2 and seps[0] == "-" and len(parts[0]) == 4 and len(parts[1]) == 2 and \
            int(parts[1]) > 12:
        s.year = int(parts[0])  # "2013-14": a season of two years
        return j
    return j if _set_ymd(s, parts, seps[0]) else k


def _set_ymd(s: Slots, parts: list[str], sep: str) -> bool:
    nums = [int(p) for p in parts]
    if len(parts) == 3:
        if len(parts[0]) == 4:
            y, m, d = nums
        elif sep == "." and nums[1] <= 12 or nums[0] > 12:
            d, m, y = nums
        else:
            m, d, y = nums
        if len(parts[2]) == 2 and len(parts[0]) != 4:
            y += 1900 if y >= 50 else 2000
        if not (1 <= m <= 12 and 1 <= d <= 31 and 1 <= y <= 9999):  # "5-2-1990100" is no date
            return False
        s.year, s.month, s.day = y, m, d
        return True
    a, b = nums
    if len(parts[0]) == 4 and 1 <= b <= 12:
        s.year, s.month = a, b
    elif len(parts[1]) == 4 and 1 <= a <= 12:
        s.month, s.year = a, b
    elif 1 <= a <= 12 and 1 <= b <= 31:
        s.month, s.day = a, b
    else:
        return False
    return True


_YEAR_LEADS = {"in", "since", "by", "until", "of", "from", "during", "before", "after",
               "through", "early", "late", "mid", "year", "and", "to", "till", "between",
               "around", "circa", "summer", "winter", "spring", "autumn", "fall", "fiscal", "fy"}


def _year_piece(toks: Tokens, k: int, v: int, s: Slots) -> int:
    """A four-digit year where a date is plausible: after "in", "since"…, as "1990s",
    "2014 AD", "2018Q4", "mid-2020", before a noun ("the 2024 election")."""
    types = toks.types
    n = len(types)
    end = k + 1
    nxt = types[end] if end < n else None
    if nxt is not None and nxt.low == "s" and _adj(toks, end):
        s.year, s.decade = v, True
        return end + 1
    if nxt is not None and nxt.low in ("ad", "bc", "bce", "ce", "a.d."):
        s.year = v
        return end + 1
    if nxt is not None and nxt.low == "q" and end + 1 < n and _adj(toks, end):
        q = _int(types[end + 1])
        if q and 1 <= q <= 4:
            s.year, s.quarter = v, q
            return end + 2
    if _year_context(toks, k, nxt):
        s.year = v
        return end
    return k


def _year_context(toks: Tokens, k: int, nxt: TokenType | None) -> bool:
    types = toks.types
    prev = types[k - 1].low if k > 0 else ""
    before = types[k - 2].low if k > 1 else ""
    if prev in _YEAR_LEADS or (k == 0 and nxt is None):
        return True
    if prev == "-" and (before in ("mid", "early", "late", "pre", "post") or
                        k > 1 and _is_year(types[k - 2])):
        return True  # "mid-2020", "2019-2021"
    if nxt is not None and nxt.text == "-" and k + 2 < len(types) and _is_year(types[k + 2]):
        return True  # "2013-2014"
    return prev in ("the", "'s") and nxt is not None and nxt.kind == "w" and \
        nxt.text.islower() and not nxt.low.endswith("s")


def _is_year(tok: TokenType) -> bool:
    v = _int(tok)
    return v is not None and len(tok.text) == 4 and 1000 <= v <= 2199


@lru_cache(maxsize=1)
def _holiday_heads() -> frozenset[str]:
    """Every start of a holiday name as `_holiday_at` spells it (letters run together)."""
    return frozenset(key[:i] for key in _holidays()[0] for i in range(1, len(key) + 1))


def _holiday_at(toks: Tokens, k: int) -> tuple[str, int] | None:
    types = toks.types
    table, longest = _holidays()
    heads = _holiday_heads()
    t = types[k]
    if t.kind != "w" or t.low not in heads:
        return None  # (the loop below would stop at once)
    if t.low not in table and k + 1 < len(types) and types[k + 1].text not in ("'", "’", "-", ".") \
            and t.low + types[k + 1].low not in heads:
        return None  # "New York", "the first": the loop below would stop at the second word
    key = ""
    best = None
    for j in range(k, min(len(types), k + longest)):
        t = types[j]
        if t.text in ("'", "’", "-", "."):
            continue
        key += t.low
        if key not in heads:
            break  # no name goes on like this
        if key in table:
            best = (key, j + 1)
        if j > k and t.kind != "w":
            break
    if best and best[0] in ("lent", "holi", "eid", "onam", "rakhi", "pascha", "chhath") and \
            not (best[1] < len(types) and _is_year(types[best[1]])) and \
            not types[k].text[0].isupper():
        return None
    return best


@lru_cache(maxsize=1)
def _piece_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(every lower-case word a piece's readers accept as its first token, the words among
    them that only a holiday name may begin with, those that only an edge word before them
    ("end of the year") or a holiday name makes a piece of, the plain number words). Keep in
    step with the readers of `_Reader._piece`: a first word they accept but the first set
    lacks would never be read."""
    holiday = set(_holiday_heads())
    words: set[str] = set()
    for vocabulary in (MONTHS, MONTH_ABBR, WEEKDAYS, WEEKDAY_ABBR, ORDINALS, DAY_WORDS, NEXT,
                       PARTS_OF_DAY, SEASONS, _ABBREVIATED):
        words |= set(vocabulary)
    words |= {"all", "at", "now", "in", "within", "about", "a", "an", "few", "half", "quarter",
              "three", "q", "weekend", "week-end", "wkend", "asap", "lunch", "lunchtime",
              "noon", "midday", "midnight", "morning", "afternoon", "evening", "night", "day"}
    units = {w for w in UNIT_WORDS if w not in words and w not in WORD_VALUES}
    numbers = {w for w in WORD_VALUES if w not in words and w not in UNIT_WORDS}
    words |= set(UNIT_WORDS) | set(WORD_VALUES)
    holiday_only = {w for w in holiday - words if w.isalpha() and w.rstrip("s") not in WEEKDAYS}
    return (frozenset(words | holiday), frozenset(holiday_only),
            frozenset(w for w in units if w.rstrip("s") not in WEEKDAYS),
            frozenset(w for w in numbers if w.rstrip("s") not in WEEKDAYS))


def _may_begin_piece(t: TokenType) -> bool:
    """Cheap necessary test before the piece readers run (most tokens fail it)."""
    return t.kind == "d" or t.low in _piece_words()[0] or t.low.rstrip("s") in WEEKDAYS


@lru_cache(maxsize=1)
def _opening_words() -> frozenset[str]:
    """The words `find_dates` reads at, once past the lead-in words (`_SKIPPED_LEADS`): a
    piece's first word (`_may_begin_piece`) or an edge word (`_Reader._lead`). Any other word
    there, like a symbol, is turned away unread; so is one of digits, by its own test. Of the
    weekdays' plurals only the plain one is listed ("mondays"): see `_opens`."""
    return _piece_words()[0] | _EDGES | {day + "s" for day in WEEKDAYS}


def _opens(low: str) -> bool:
    """Whether `find_dates` reads at a word token of this lower-case form after the lead-in
    words (as `_opening_words`, and "mondayss": `_may_begin_piece` strips every final s)."""
    return low in _opening_words() or low.rstrip("s") in WEEKDAYS


def _no_piece(toks: Tokens, k: int, edge: str | None, chain_hour: bool) -> bool:
    """True when `_Reader._piece` would fail at k with fresh slots (but `edge`): a word no
    reader starts with, the first word of a holiday name not followed by the rest of one, a
    unit word without an edge word before it ("years"), or a number, an article or a number
    word that nothing after it makes a date or a time of. Each test is written from what the
    readers need to see; they only save the readers' time on the commonest failures."""
    types = toks.types
    t = types[k]
    if t.kind == "d":
        return _plain_number(toks, k, chain_hour)
    words = _piece_words()
    low = t.low
    if low not in words[0] and low.rstrip("s") not in WEEKDAYS:  # `_may_begin_piece`
        return True
    if t.kind != "w":
        return False
    if low in words[1]:
        return _holiday_at(toks, k) is None
    if low in words[2]:  # no reader but the edge's "end of the year" takes a unit first
        return (edge is None or low not in _EDGE_UNITS) and _holiday_at(toks, k) is None
    if low in ("a", "an"):
        return _idle_article(toks, k)
    if low in words[3]:
        return _idle_number_word(toks, k, chain_hour)
    if low in NEXT:
        return _idle_shift(toks, k)
    if low in ORDINALS:
        return _idle_ordinal(toks, k)
    if low == "now":  # "right now", "just now" (`_Reader._relative`)
        return not (k > 0 and types[k - 1].low in ("right", "just")) and \
            _holiday_at(toks, k) is None
    return False


# After "next", "last", "this"…: a count ("next 3 days", `_word_int`), a weekday, a month, a
# period or season, a part of the day ("this morning", "last night"), or a holiday name.
_AFTER_SHIFT = frozenset(MONTHS) | frozenset(MONTH_ABBR) | frozenset(WEEKDAYS) | \
    frozenset(WEEKDAY_ABBR) | frozenset(UNIT_WORDS) | frozenset(SEASONS) | \
    frozenset(PARTS_OF_DAY) | frozenset(WORD_VALUES) | {
        "weekend", "week-end", "wkend", "season", "seasons", "few"}


def _idle_shift(toks: Tokens, k: int) -> bool:
    """"next"/"last"/"this" starts a piece only before what `_Reader._shifted` reads ("this is"
    starts none), or as the first word of a holiday name."""
    types = toks.types
    if k + 1 < len(types):
        nxt = types[k + 1]
        if nxt.kind == "d" or nxt.low in _AFTER_SHIFT or nxt.low.rstrip("s") in WEEKDAYS or \
                _holiday_at(toks, k + 1) is not None:
            return False
    return _holiday_at(toks, k) is None


# After an ordinal: "last" ("second last Friday"), a weekday, a quarter, "week of", "day in",
# "of" or a month ("third of May", "21st March"), as `_Reader._ordinal` reads them.
_AFTER_ORDINAL = frozenset(MONTHS) | frozenset(MONTH_ABBR) | frozenset(WEEKDAYS) | \
    frozenset(WEEKDAY_ABBR) | {"last", "quarter", "qtr", "week", "day", "of"}


def _idle_ordinal(toks: Tokens, k: int) -> bool:
    """An ordinal word starts a piece only before what `_Reader._ordinal` reads after it, as a
    day after "on", or as the first word of a holiday name ("Fourth of July"): "the first
    time" starts none."""
    types = toks.types
    if k > 0 and types[k - 1].low == "on":
        return False
    if k + 1 < len(types):
        nxt = types[k + 1].low
        if nxt in _AFTER_ORDINAL or nxt.rstrip("s") in WEEKDAYS:
            return False
    return _holiday_at(toks, k) is None


_EDGE_UNITS = {"week", "month", "year", "quarter", "day"}
# After "a"/"an": what makes a count of it ("a week ago", "a couple of days", "a few more").
_ARTICLE_COUNTS = frozenset(UNIT_WORDS) | {"couple", "few", "pair", "and", "more", "upcoming",
                                           "additional"}


def _idle_article(toks: Tokens, k: int) -> bool:
    """"a"/"an" starts a piece only as a count of units (`_Reader._offset`) or a holiday."""
    types = toks.types
    if k + 1 >= len(types):
        return False
    nxt = types[k + 1].low
    if nxt in _ARTICLE_COUNTS or nxt.rstrip("s") in WEEKDAYS:
        return False
    return _holiday_at(toks, k) is None


# Within seven tokens after a number word: a unit it counts ("two more weeks", "twenty-one and
# a half days"), a clock word ("ten thirty pm", "seven o'clock") or an ordinal ("twenty-first").
_WORD_NUMBER_ENDS = frozenset(UNIT_WORDS) | frozenset(ORDINALS) | {"am", "pm", "o'clock",
                                                                 "oclock"}


def _idle_number_word(toks: Tokens, k: int, chain_hour: bool) -> bool:
    """A number word starts a piece only as a count of units, a clock time after "at" or
    before am/pm/o'clock, "twenty-first", or a holiday."""
    types = toks.types
    prev = types[k - 1].low if k > 0 else ""
    if prev in ("at", "@") or chain_hour and prev in RANGE_WORDS:
        return False
    n = len(types)
    for j in range(k + 1, min(n, k + 8)):
        t = types[j]
        if t.low in _WORD_NUMBER_ENDS or t.low.rstrip("s") in WEEKDAYS:
            return False
        if t.low in ("a", "p") and (toks.starts[j] == toks.ends[j - 1] or  # "a.m.", "p m", "3p"
                                    j + 1 < n and types[j + 1].low in (".", "m")):
            return False
    return _holiday_at(toks, k) is None


# What may follow a number in a date piece: units and weekdays ("3 days", "2 Fridays ago"),
# fraction words that lengthen the number, months ("15 March"), clock words ("5 pm",
# "3 o'clock", "10 past", "8 this evening", "3 in the morning"), eras ("2014 AD"). Not the
# scale words of SCALES: "5 million" or "5bn" is a count, and a count of units ("3 days ago")
# must be unscaled (`_count`); no other reader takes a number before a scale word.
_NUMBER_FOLLOWERS = frozenset(UNIT_WORDS) | frozenset(MONTHS) | \
    frozenset(MONTH_ABBR) | TIMEZONES | {
        "hundred", "hundreds", "dozen", "dozens", "point", "and", "more", "upcoming",
        "additional", "of", "past", "after", "to", "till", "am", "pm", "a", "p", "this", "in",
        "o'clock", "oclock", "ish", "o", "tonight", "tomorrow", "tonite", "ad", "bc", "bce",
        "ce", "a.d."}
# Letters glued to a number that a reader takes further: ordinals ("15th"), quarters ("18q4"),
# decades ("1990s"), powers ("4e14", "5x10"), hours ("15h30").
_NUMBER_SUFFIXES = frozenset({"st", "nd", "rd", "th", "q", "s", "e", "x", "h"})
# Signs after a number that a reader takes further before digits or a month: dates and clock
# times ("2/15", "15:30", "2015-03", "15-Mar").
_NUMBER_JOINS = frozenset({"/", "-", ".", ":"})


def _plain_number(toks: Tokens, k: int, chain_hour: bool) -> bool:
    """True when the digits at k start no piece: the cheap test for the commonest failures
    ("5 people", "10%", "£5m", "5-year"), written from what each reader of `_Reader._piece`
    needs to see. The next token must add nothing to the number nor say anything about a date
    or a time, the digits must be neither a dotted date nor a year (whose context decides),
    and no "at" may stand before them (a bare hour)."""
    types = toks.types
    n = len(types)
    if k + 1 >= n:
        return False
    t, nxt = types[k], types[k + 1]
    if nxt.kind == "w":
        if nxt.low in _NUMBER_FOLLOWERS or nxt.low.rstrip("s") in WEEKDAYS or \
                toks.starts[k + 1] == toks.ends[k] and nxt.low in _NUMBER_SUFFIXES:
            return False
    elif nxt.kind == "d" or nxt.text in VULGAR or nxt.text == "×":  # "10 000", "2½", "2×10"
        return False
    elif nxt.text in _NUMBER_JOINS:
        after = types[k + 2] if k + 2 < n else None
        if after is None or after.kind == "d" and not _score_like(toks, k) or \
                after.low in MONTHS or after.low in MONTH_ABBR:
            return False
    if t.text.count(".") > 1 or len(t.text) == 4 and t.text.isdigit() and \
            1000 <= int(t.text) <= 2199:
        return False
    prev = types[k - 1].low if k > 0 else ""
    return prev not in ("at", "@") and not (chain_hour and prev in RANGE_WORDS)


def _score_like(toks: Tokens, k: int) -> bool:
    """"3-1", "10-12" at k: two runs of at most three digits joined by a dash, with no third
    part after them, no "on" before them and no "at" after them. `_numeric_date` reads two
    such parts only with that support (or a four-digit part), and no other reader goes past
    the dash."""
    types = toks.types
    a, dash, b = types[k], types[k + 1], types[k + 2]
    if dash.text != "-" or not (len(a.text) <= 3 and len(b.text) <= 3 and a.text.isdigit()
                                and b.text.isdigit()):
        return False
    if k > 0 and types[k - 1].low == "on":
        return False
    return k + 3 >= len(types) or types[k + 3].text not in ("/", "-", ".", "@") and \
        types[k + 3].low != "at"


# ---------------------------------------------------------------- the chain reader

_SKIPPED_LEADS = frozenset(("from", "between", "around", "about", "approximately", "on", "at",
                            "@", "in", "during", "the", "for", "by", "since", "until", "till",
                            "after", "before", "within"))
# Words `_Reader._lead` may read as an edge ("early 2020", "end of the year").
_EDGES = frozenset(("early", "mid", "late", "end", "beginning", "start", "middle", "rest"))


class _Reader:
    """Reads one date expression from token k; `pieces` counts what it found."""

    def __init__(self, toks: Tokens):
        self.toks = toks
        self.n = len(toks.types)
        self.chain_hour = False
        self.weak_end = 0
        # Where no piece starts. With fresh slots and no edge word a piece's reading depends
        # only on the tokens, its index and `chain_hour`, so a failure there is final: "the
        # first" fails at "the" and again at "first". Keys: k, or ~k while `chain_hour`.
        self.dead: set[int] = set()

    def read(self, k: int) -> tuple[Slots, int, int] | None:
        """(slots, first, end) of the expression starting at or after the lead-in words at k."""
        self.chain_hour = False
        first = k
        j, edge = self._lead(k)
        if j >= self.n or edge is None and j in self.dead:
            return None  # (`find_dates` has turned away the other quick failures)
        s = Slots(edge=edge)
        end = self._piece(j, s)
        if end == j:
            if edge is None:
                self.dead.add(j)
            return None
        second_half = False
        links = 0
        while end < self.n and links < MAX_PIECES:  # bounded: no rescans of long chains
            links += 1
            nxt, joined = self._join(end)
            if nxt >= self.n:
                break
            if joined in RANGE_WORDS and joined != "and":
                second_half = True
            key = ~nxt if self.chain_hour else nxt
            if key in self.dead or _no_piece(self.toks, nxt, None, self.chain_hour):
                break
            probe = Slots()
            after = self._piece(nxt, probe)
            if after == nxt:
                self.dead.add(key)
                break
            _merge(s, probe, second_half)
            self.chain_hour = s.hour is not None
            end = after
        if s.pieces <= s.weak:
            self.weak_end = end  # no part of an all-weak chain can stand alone either
            return None
        return s, first, end

    def _lead(self, k: int) -> tuple[int, str | None]:
        """Skip "from", "between", "around", "the"; read "early/mid/late", "end of",
        "beginning of": (index after them, the edge word or None)."""
        toks, n = self.toks, self.n
        types = toks.types
        j = k
        edge = None
        while j < n:
            w = types[j].low
            if w in _SKIPPED_LEADS:
                j += 1
            elif w in ("early", "mid", "late") or w in ("end", "beginning", "start", "middle",
                                                         "rest") and j + 1 < n and \
                    types[j + 1].low == "of":
                edge = w
                j += 2 if w in ("end", "beginning", "start", "middle", "rest") else 1
                if j < n and types[j].text == "-":
                    j += 1
            else:
                break
        return j, edge

    def _join(self, k: int) -> tuple[int, str]:
        toks, n = self.toks, self.n
        types = toks.types
        j = k
        joined = ""
        while j < n and j < k + 3 and (types[j].low in CONNECTORS or types[j].text == "("):
            if types[j].low in RANGE_WORDS and not joined:
                joined = types[j].low
            j += 1
        return j, joined

    def _piece(self, k: int, s: Slots) -> int:
        t = self.toks.types[k]
        if not _may_begin_piece(t):
            return k
        readers = (self._named,) if t.kind == "w" and t.low in _piece_words()[1] else \
            (self._relative, self._calendar, self._clock, self._named)  # "World Cup" vs "world"
        for reader in readers:
            end = reader(k, s)
            if end > k:
                s.pieces += 1
                return end
        return k

    # -- pieces
    def _relative(self, k: int, s: Slots) -> int:
        toks, n = self.toks, self.n
        types = toks.types
        t = types[k]
        if s.edge and t.low in ("week", "month", "year", "quarter", "day"):
            s.unit, s.shift = t.low, 0 if s.shift is None else s.shift
            return k + 1
        if t.low == "all" and k + 1 < n and types[k + 1].low in ("week", "month", "year", "day"):
            s.unit, s.shift = types[k + 1].low, 0
            return k + 2
        if t.low == "at" and k + 2 < n and types[k + 1].low == "the" and \
                types[k + 2].low == "moment":
            s.offset.append((0, "second"))
            return k + 3
        if t.low in NEXT and k + 1 < n:
            return self._shifted(k, s)
        if t.low in DAY_WORDS:
            s.day_offset = DAY_WORDS[t.low]
            if t.low in ("tonight", "tonite"):
                s.part = 21
            return k + 1
        if t.low == "day" and k + 2 < n and types[k + 1].low in ("after", "before") and \
                types[k + 2].low in ("tomorrow", "yesterday"):
            s.day_offset = 2 if types[k + 2].low == "tomorrow" else -2
            return k + 3
        if t.low in ("now",) and k > 0 and types[k - 1].low in ("right", "just"):
            s.offset.append((0, "second"))
            return k + 1
        return self._offset(k, s)

    def _shifted(self, k: int, s: Slots) -> int:
        """"next week", "last Friday", "this year", "next 3 days", "past two weeks"."""
        toks, n = self.toks, self.n
        types = toks.types
        shift = NEXT[types[k].low]
        j = k + 1
        count = None
        w = _word_int(toks, j) if types[j].low not in ("a", "an", "one") or \
            types[j].kind == "d" else None
        if w and w[1] < n and types[w[1]].low in UNIT_WORDS:
            count, j = w
        for reader, slot in ((_weekday_at, "weekday"), (_month_at, "month"),
                             (_holiday_at, "holiday")):
            got = reader(toks, j)
            if got:
                setattr(s, slot, got[0])
                s.shift = shift
                return got[1]
        if _is_period(types[j]):
            return self._period(k, j, shift, count, s)
        if types[j].low in PARTS_OF_DAY and shift == 0:  # "this morning"
            s.part = PARTS_OF_DAY[types[j].low]
            s.day_offset = 0 if s.day_offset is None else s.day_offset
            return j + 1
        if types[j].low == "night" and shift == -1:  # "last night"
            s.day_offset, s.part = -1, 21
            return j + 1
        return k

    def _period(self, k: int, j: int, shift: int, count: int | None, s: Slots) -> int:
        """The unit after next/last/this: week, month, year, weekend, season, summer…"""
        toks, n = self.toks, self.n
        types = toks.types
        w = types[j].low
        s.unit = "season:" + w if w in SEASONS else UNIT_WORDS.get(w) or w.rstrip("s")
        s.shift, s.unit_count = shift, count or 1
        if count is not None and shift == 0:
            s.shift = 1
        if count is not None and types[k].low == "upcoming":
            s.shift = 2
        if j + 2 < n and types[j + 1].text == "-" and types[j + 2].low == "end":
            s.unit = "weekend"  # "week-end"
            return j + 3
        return j + 1

    def _offset(self, k: int, s: Slots) -> int:
        """"3 days ago", "in 2 minutes", "a week hence", "2 years from today", "in 15'"."""
        toks, n = self.toks, self.n
        types = toks.types
        j, ahead = _ahead(toks, k)
        got = _count(toks, j)
        if got is None:
            return k
        count, u = got
        if u < n and types[u].low in ("more", "upcoming", "additional") and u + 1 < n:
            u += 1
        if u >= n or types[u].low not in UNIT_WORDS and types[u].low.rstrip("s") not in WEEKDAYS:
            return k
        if types[u].low == "h" and not ahead:
            return k
        unit = UNIT_WORDS.get(types[u].low, "weekday:" + types[u].low.rstrip("s"))
        sign, end = _direction(toks, u + 1)
        if sign == 0 and ahead:
            if _not_ahead(toks, k, u + 1):
                return k
            sign = 1
            if u + 3 < n and types[u + 1].low == "and" and types[u + 2].low in ("a", "an") and \
                    types[u + 3].low == "half":
                count, end = count + 0.5, u + 4
        elif sign == 0 and (types[u - 1].low == "upcoming" or k > 0 and
                            types[k - 1].low == "upcoming"):
            s.unit, s.shift, s.unit_count = unit, 2, int(count)  # "2 upcoming weeks"
            return end
        if sign == 0:
            return k
        s.offset.append((sign * count, unit))
        return end

    def _calendar(self, k: int, s: Slots) -> int:
        """Months, days, years, weekdays, numeric dates, quarters, decades."""
        toks = self.toks
        types = toks.types
        mo = _month_at(toks, k)
        if mo:
            s.month = mo[0]
            return self._after_month(mo[1], s)
        wd = _weekday_at(toks, k)
        if wd:
            s.weekday = wd[0]
            return self._after_weekday(wd[1], s)
        if types[k].kind == "d":
            end = _numeric_date(toks, k, s, strong=k > 0 and types[k - 1].low == "on")
            end = end if end > k else self._day_or_year(k, s)
            if end > k:
                return end
        ordi = _ordinal_at(toks, k)
        if ordi:
            return self._ordinal(ordi, k, s)
        return _calendar_word(toks, k, s)

    def _after_weekday(self, end: int, s: Slots) -> int:
        """"Friday after next", "Monday morning"."""
        toks, n = self.toks, self.n
        types = toks.types
        if end + 1 < n and types[end].low == "after" and types[end + 1].low == "next":
            s.shift, end = 1, end + 2
        if end < n and types[end].low in PARTS_OF_DAY and types[end].low != "noon":
            s.part, end = PARTS_OF_DAY[types[end].low], end + 1
        return end

    def _after_month(self, end: int, s: Slots) -> int:
        toks, n = self.toks, self.n
        types = toks.types
        j = end
        if j < n and types[j].low == "the":
            j += 1
        o = _ordinal_at(toks, j) if j < n else None
        d = _int(types[j]) if j < n and types[j].kind == "d" and not o else None
        if o and 1 <= o[0] <= 31:
            s.day, end = o[0], o[1]
        elif d is not None and 1 <= d <= 31 and len(types[j].text) <= 2:
            s.day, end = d, j + 1
            if end + 1 < n and types[end].text in ("-", "–") and _int(types[end + 1]) and \
                    (_int(types[end + 1]) or 0) <= 31 and len(types[end + 1].text) <= 2:
                end += 2  # "July 13-15"
        j = end
        if j < n and types[j].text == ",":
            j += 1
        if j < n and _is_year(types[j]):
            s.year, end = int(types[j].text), j + 1
        elif j < n and s.day and types[j].kind == "d" and len(types[j].text) == 2 and \
                types[j - 1].text != ",":
            s.year, end = 2000 + int(types[j].text), j + 1
        return end

    def _day_or_year(self, k: int, s: Slots) -> int:
        """A bare number in a date: a year ("in 2014", "1990s", "2018Q4") or a day ("15 of
        february", "20 of next month", "31/Oct/1974")."""
        toks, n = self.toks, self.n
        types = toks.types
        t = types[k]
        v = _int(t)
        if v is None:
            return k
        if _is_year(t):
            return _year_piece(toks, k, v, s)
        if len(t.text) == 2 and k + 2 < n and types[k + 1].low == "q" and _adj(toks, k + 1):
            q = _int(types[k + 2])
            if q and 1 <= q <= 4:
                s.year, s.quarter = 2000 + v, q  # "18q4"
                return k + 3
        if 1 <= v <= 31 and len(t.text) <= 2:
            return self._day_piece(k, v, s)
        return k

    def _day_piece(self, k: int, v: int, s: Slots) -> int:
        toks, n = self.toks, self.n
        types = toks.types
        j = k + 1
        if j < n and types[j].low in ("of", "/", "-"):
            j += 1
        mo = _month_at(toks, j) if j < n else None
        if mo:
            s.day, s.month = v, mo[0]
            return self._year_after(mo[1], s)
        if k + 1 < n and types[k + 1].low == "of":
            at = k + 2
            if at + 1 < n and types[at].low in NEXT and types[at + 1].low == "month":
                s.day = v
                return at
            if k > 0 and types[k - 1].low == "the":
                s.day = v
                return k + 1
        return k

    def _year_after(self, end: int, s: Slots) -> int:
        toks, n = self.toks, self.n
        types = toks.types
        j = end
        if j < n and types[j].text in (",", "/", "-"):
            j += 1
        if j < n and _is_year(types[j]):
            s.year = int(types[j].text)
            return j + 1
        if j < n and types[j].kind == "d" and len(types[j].text) == 2 and (
                j == end or types[j - 1].text in "/-"):
            if types[j - 1].text in "/-":
                s.year = (1900 if int(types[j].text) >= 50 else 2000) + int(types[j].text)
                return j + 1
            s.year = 2000 + int(types[j].text)
            return j + 1
        return end

    def _ordinal(self, ordi: tuple[int, int], k: int, s: Slots) -> int:
        """"the 15th", "third tuesday of october", "3rd quarter", "first week of october"."""
        toks, n = self.toks, self.n
        types = toks.types
        value, j = ordi
        if j < n and types[j].low == "last":
            value, j = -value, j + 1
        if j < n:
            wd = _weekday_at(toks, j)
            w = types[j].low
            if wd:
                s.nth, s.weekday = value, wd[0]
                return wd[1]
            if w in ("quarter", "qtr") and 1 <= value <= 4:
                s.quarter = value
                end = j + 1
                if end + 1 < n and types[end].low == "of" and _is_year(types[end + 1]):
                    s.year, end = int(types[end + 1].text), end + 2
                elif end < n and _is_year(types[end]):
                    s.year, end = int(types[end].text), end + 1
                return end
            if w in ("week", "day") and j + 1 < n and types[j + 1].low in ("of", "in"):
                s.nth, s.unit = value, w
                return j + 1
            at = j + (w == "of")
            mo = _month_at(toks, at) if at < n else None  # "the thirtieth of" ends the text
            if mo and 1 <= value <= 31:
                s.day, s.month = value, mo[0]
                return self._year_after(mo[1], s)
        prev = types[k - 1].low if k > 0 else ""
        nxt = types[j] if j < n else None
        if prev in ("the", "on") and 1 <= value <= 31 and (types[k].kind == "d" or prev == "on") \
                and (nxt is None or nxt.kind == "s" or nxt.low in ("of", "at", "and", "to")):
            s.day = value
            return j
        return k

    def _clock(self, k: int, s: Slots) -> int:
        toks = self.toks
        types = toks.types
        prev = types[k - 1].low if k > 0 else ""
        after_at = (prev in ("at", "@") or self.chain_hour and prev in RANGE_WORDS) and \
            _time_follow_ok(toks, k)
        end = _time_at(toks, k, s, after_at)
        if end > k:
            return end
        t = types[k]
        if t.low in PARTS_OF_DAY and t.low not in ("night", "lunch") and \
                (k > 0 and types[k - 1].low in ("in", "this", "the", "tomorrow", "yesterday",
                                               "today", "of", "early", "late") or
                 t.low in ("tonight", "midday", "noon", "midnight")):
            s.part = PARTS_OF_DAY[t.low]
            if t.low in ("midday", "noon"):
                s.hour, s.minute = 12, 0
            s.weak += t.low in ("morning", "afternoon", "evening") and not (
                k > 0 and types[k - 1].low in ("this", "tomorrow", "yesterday", "today")
                or k > 1 and types[k - 2].low == "in" and types[k - 1].low == "the")
            return k + 1
        if t.low in ("lunch", "lunchtime") and k > 0 and types[k - 1].low in ("at", "after",
                                                                          "tomorrow", "before"):
            s.hour, s.minute = (13 if types[k - 1].low == "after" else 12), 0
            return k + 1
        return k

    def _named(self, k: int, s: Slots) -> int:
        toks, n = self.toks, self.n
        types = toks.types
        hol = _holiday_at(toks, k)
        if hol:
            s.holiday = hol[0]
            end = hol[1]
            if end < n and _is_year(types[end]):
                s.year, end = int(types[end].text), end + 1
            return end
        t = types[k]
        if t.low in SEASONS and k > 0 and types[k - 1].low in ("this", "last", "next", "the",
                                                             "current", "in", "during"):
            s.unit, s.shift = "season:" + t.low, s.shift if s.shift is not None else 0
            s.weak += 1
            return k + 1
        return k


def _is_period(t: TokenType) -> bool:
    w = t.low
    return w in UNIT_WORDS and len(t.text) > 1 or w in SEASONS or \
        w in ("weekend", "week-end", "wkend", "season", "seasons")


def _ahead(toks: Tokens, k: int) -> tuple[int, bool]:
    """Skip "in"/"within" (and "about"): (index of the count, whether it looks ahead)."""
    types = toks.types
    n = len(types)
    j, ahead = k, False
    if types[j].low in ("in", "within") and j + 1 < n:
        ahead, j = True, j + 1
    elif j > 0 and (types[j - 1].low in ("in", "within") or types[j - 1].low == "about" and
                    j > 1 and types[j - 2].low in ("in", "within")):
        ahead = True
    if types[j].low == "about" and j + 1 < n:
        j += 1
    return j, ahead


def _direction(toks: Tokens, end: int) -> tuple[int, int]:
    """"ago" -1, "hence"/"later"/"from now" +1, else 0; with the index after the words."""
    types = toks.types
    n = len(types)
    tail = types[end].low if end < n else ""
    if tail in ("ago", "back", "earlier", "before"):
        return -1, end + 1
    if tail in ("hence", "later"):
        return 1, end + 1
    if tail == "from" and end + 1 < n and types[end + 1].low in ("now", "today"):
        return 1, end + 2
    if tail == "from" and end + 2 < n and types[end + 1].low == "right":
        return 1, end + 3
    return 0, end


def _not_ahead(toks: Tokens, k: int, end: int) -> bool:
    """"the first rise in 2 years", "scored 25 points in 32 minutes": a span, not a date."""
    prev = toks.types[k - 1].low if k > 0 else ""
    return prev in ("first", "time", "times", "least", "most") or prev.endswith("est") or \
        _tense(toks, k, end) < 0


_ABBREVIATED = {"eom": "month", "bom": "month", "eoy": "year", "boy": "year", "eod": "day"}


def _calendar_word(toks: Tokens, k: int, s: Slots) -> int:
    """"Q3 2023", "the weekend", "EOM", "ASAP", "in the morning"."""
    types = toks.types
    n = len(types)
    t = types[k]
    if t.text in ("Q", "q") and k + 1 < n and _adj(toks, k + 1) and \
            types[k + 1].text in ("1", "2", "3", "4") and \
            (t.text == "Q" or k + 2 < n and _is_year(types[k + 2])):
        s.quarter = int(types[k + 1].text)
        if k + 2 < n and _is_year(types[k + 2]):
            s.year = int(types[k + 2].text)
            return k + 3
        return k + 2
    prev = types[k - 1].low if k > 0 else ""
    if t.low in ("weekend", "week-end", "wkend") and prev == "the":
        s.unit, s.shift = "weekend", 0
        return k + 1
    if t.low in _ABBREVIATED and t.text.isupper():
        s.unit, s.shift = _ABBREVIATED[t.low], 0
        s.edge = "end" if t.low.startswith("e") else "beginning"
        return k + 1
    if t.low == "asap" and (t.text.isupper() or k == 0):
        s.offset.append((0, "second"))
        return k + 1
    if t.low in ("morning", "afternoon", "evening", "night") and prev in ("the", "this", "in",
                                                                         "of"):
        s.part = PARTS_OF_DAY[t.low]
        s.weak += 1
        return k + 1
    return k


def _merge(s: Slots, p: Slots, second_half: bool) -> None:
    """Fold a later piece into the expression; after a range word only fill gaps."""
    for name in ("year", "month", "day", "weekday", "hour", "minute", "second", "ampm", "part",
                 "shift", "unit", "day_offset", "holiday", "nth", "quarter", "edge"):
        value = getattr(p, name)
        if value is None:
            continue
        if getattr(s, name) is None or (not second_half and name in ("ampm",)):
            setattr(s, name, value)
        elif name == "ampm" and second_half and s.ampm is None:
            s.ampm = value
    if p.ampm and second_half and s.hour is not None and s.ampm is None:
        s.ampm = p.ampm
    if not second_half:
        s.offset.extend(p.offset)
    s.pieces += p.pieces
    s.weak += p.weak
    s.decade = s.decade or p.decade


# ---------------------------------------------------------------- resolution

# Tense markers as `_tense` reads them, and the words that make a following "-ed" word no
# past-tense verb ("the injured", "is planned").
_FUTURE_MARKS = frozenset(FUTURE_WORDS - {"last"})
_PAST_MARKS = frozenset(PAST_WORDS - {"last", "then", "since", "once"})
_NO_PAST_BEFORE = frozenset(DETERMINERS | {"be", "been", "being", "is", "are", "get"})


def _tense(toks: Tokens, first: int, end: int) -> int:
    """+1 future, -1 past, 0 unknown: the nearest tense marker in the same sentence (sentence
    marks are neither markers nor "-ed" words: they are passed over)."""
    types = toks.types
    n = len(types)
    for dist in range(1, 14):
        for k in (first - dist, end - 1 + dist):
            if not 0 <= k < n:
                continue
            t = types[k]
            w = t.low
            if w in _FUTURE_MARKS:
                return 1
            if w in _PAST_MARKS:
                return -1
            if w.endswith("ed") and len(w) > 4 and k > 0 and \
                    types[k - 1].low not in _NO_PAST_BEFORE and t.text[0].islower():
                return -1
    return 0


def _year_for_month(month: int, ref: datetime, tense: int) -> int:
    if month == ref.month:
        return ref.year
    if tense < 0:
        return ref.year if month < ref.month else ref.year - 1
    return ref.year if month > ref.month else ref.year + 1


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))


def _shift_unit(ref: datetime, unit: str, shift: int, count: int) -> tuple[str, str]:
    """"next week" etc. -> (ISO value, grain)."""
    today = ref.date()
    if unit in ("week", "weekend"):
        monday = today - timedelta(days=today.weekday())
        start = monday + timedelta(weeks=shift if shift <= 0 or count == 1 else 1)
        if shift < 0 and count > 1:
            start = monday - timedelta(weeks=count)
        if unit == "weekend":
            return (start + timedelta(days=4)).isoformat() + "T18:00", "hour"
        return start.isoformat(), "week"
    if unit == "day":
        d = today + timedelta(days=shift if count == 1 or shift <= 0 else 1)
        if shift < 0 and count > 1:
            d = today - timedelta(days=count)
        return d.isoformat(), "day"
    if unit in ("month", "quarter"):
        size = 3 if unit == "quarter" else 1
        first = date(today.year, today.month if size == 1 else (today.month - 1) // 3 * 3 + 1, 1)
        step = shift if shift <= 0 or count == 1 else 1
        if shift < 0 and count > 1:
            step = -count
        d = _add_months(first, step * size)
        return d.isoformat()[:7], "month"
    if unit == "year":
        step = shift if shift <= 0 or count == 1 else 1
        if shift < 0 and count > 1:
            step = -count
        return str(today.year + step), "year"
    if unit in ("hour", "minute", "second"):
        secs = SECONDS[unit]
        base = ref + timedelta(seconds=secs * (shift if shift > 0 else -count))
        if shift > 0:
            base = ref
        return base.isoformat(timespec="minutes"), "minute"
    if unit.startswith("season"):
        return _season(ref, unit.partition(":")[2], shift), "day"
    return str(today.year), "year"


def _season(ref: datetime, name: str, shift: int) -> str:
    order = [(3, 20), (6, 21), (9, 23), (12, 21)]
    today = ref.date()
    starts = [date(y, m, d) for y in (today.year - 1, today.year, today.year + 1)
              for m, d in order]
    current = max(i for i, s in enumerate(starts) if s <= today)
    if name and name != "season":
        m, d = SEASONS[name]
        cands = [i for i, s in enumerate(starts) if (s.month, s.day) == (m, d)]
        current = min(cands, key=lambda i: abs(i - current - (0.1 if shift >= 0 else -0.1)))
        return starts[current + (4 * shift if shift else 0)].isoformat() \
            if 0 <= current + 4 * shift < len(starts) else starts[current].isoformat()
    return starts[current + shift].isoformat()


def _offset_value(ref: datetime, offsets: list[tuple[float, str]]) -> tuple[str, str]:
    d = ref
    grain = "second"
    for count, unit in offsets:
        if unit.startswith("weekday:"):
            wd = WEEKDAYS[unit.partition(":")[2]]
            step = 1 if count > 0 else -1
            day = ref.date()
            hits = 0
            while hits < abs(count):
                day += timedelta(days=step)
                if day.weekday() == wd:
                    hits += 1
            return day.isoformat(), "day"
        if unit in SECONDS:
            d = d + timedelta(seconds=count * SECONDS[unit])
            grain = "minute" if unit in ("second", "minute", "hour") else "day"
        elif unit in ("month", "quarter", "year", "decade"):
            months = count * {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
            whole = int(months)
            d = datetime.combine(_add_months(d.date(), whole), d.time()) + \
                timedelta(days=30 * (months - whole))
            grain = "day"
    if grain == "day" and (ref.hour or ref.minute):
        grain = "minute"
    if grain == "second" and not offsets[0][0]:
        return ref.isoformat(timespec="seconds"), "second"
    return (d.isoformat(timespec="minutes") if grain != "day" else d.date().isoformat()), grain


def _weekday_date(ref: date, weekday: int, shift: int | None, tense: int) -> date:
    delta = (weekday - ref.weekday()) % 7
    if shift == 1:  # "next Tuesday": the one in the coming week
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=1)
        return monday + timedelta(days=weekday)
    if shift == -1:
        return ref - timedelta(days=(ref.weekday() - weekday) % 7 or 7)
    if shift == 0 or tense >= 0:
        return ref + timedelta(days=delta)
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _holiday_value(s: Slots, ref: datetime, tense: int) -> str | None:
    rule = _holidays()[0][s.holiday or ""]
    if rule == "-":
        return str(s.year) if s.year else None
    if s.year:
        d = holiday_date(rule, s.year)
        return d.isoformat() if d else None
    this = holiday_date(rule, ref.year)
    if this is None:
        return None
    shift = s.shift
    if shift == -1 or (shift is None and tense < 0):
        d = this if this < ref.date() else holiday_date(rule, ref.year - 1)
    else:
        d = this if this >= ref.date() else holiday_date(rule, ref.year + 1)
    return d.isoformat() if d else None


def _clock_hour(s: Slots, ref: datetime) -> int:
    hour = s.hour or 0
    if s.ampm == "pm" and hour < 12:
        hour += 12
    elif s.ampm == "am" and hour == 12:
        hour = 0
    elif s.ampm is None and s.part is not None and s.part >= 12 and hour < 12:
        hour += 12
    elif s.ampm is None and s.part is None and 1 <= hour < 12 and hour < ref.hour and \
            s.day is None and s.weekday is None and s.day_offset is None:
        hour = (hour + 12) % 24
    return hour


def resolve(s: Slots, ref: datetime, tense: int) -> tuple[str | None, str]:
    """ISO value and grain of the expression."""
    if s.offset and (s.holiday or s.month or s.hour is not None):
        # "thanksgiving in a year", "in 7 days at 5pm": move the reference, then read the rest
        moved, _ = _offset_value(ref, s.offset)
        ref = to_datetime(moved)
        s.offset = []
        tense = 1
    if s.holiday and s.unit == "year" and s.shift is not None:
        s.year, s.unit = ref.year + s.shift, None  # "MLK day of last year"
    base, value, grain = _base(s, ref, tense)
    if base is not None and s.hour is not None:
        return _with_clock(s, base, ref), "minute"
    if base is not None and s.part is not None and s.weekday is None and s.day is None:
        return f"{base.isoformat()}T{s.part:02d}:00", "hour"
    if base is not None:
        return base.isoformat(), "day"
    return value, grain


def _tense_matters(s: Slots) -> bool:
    """Whether `resolve` can give these slots a different value for another tense: only a
    holiday, month, weekday or day named without its year, or "the weekend" (the branches of
    `_base` that compare with the tense; none does once an offset has moved the reference)."""
    if s.offset and (s.holiday or s.month or s.hour is not None):
        return False  # `resolve` reads these as future from the moved reference
    if s.holiday or s.month:
        return not s.year
    if s.offset or s.day_offset is not None or s.quarter:
        return False
    if s.unit in ("month", "week") and s.shift is not None and (s.day or s.weekday is not None):
        return False  # `_day_in_unit`
    return s.weekday is not None or bool(s.day) or s.unit == "weekend"


def _base(s: Slots, ref: datetime, tense: int) -> tuple[date | None, str | None, str]:
    """The day the expression names (or a coarser ISO value when it names no day)."""
    today = ref.date()
    if s.holiday:
        value = _holiday_value(s, ref, tense)
        return (date.fromisoformat(value) if value and len(value) == 10 else None), value, "day"
    if s.offset:
        value, grain = _offset_value(ref, s.offset)
        return (date.fromisoformat(value) if len(value) == 10 else None), value, grain
    if s.day_offset is not None:
        return today + timedelta(days=s.day_offset), None, "day"
    if s.quarter:
        return None, f"{s.year or ref.year}-{(s.quarter - 1) * 3 + 1:02d}", "quarter"
    if s.month:
        return _month_value(s, ref, tense)
    if s.unit in ("month", "week") and s.shift is not None and (s.day or s.weekday is not None):
        return _day_in_unit(s, ref), None, "day"
    if s.weekday is not None:
        return _weekday_date(today, s.weekday, s.shift, tense), None, "day"
    if s.day:
        year, month = ref.year, ref.month
        if s.day < ref.day and tense >= 0:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return date(year, month, min(s.day, calendar.monthrange(year, month)[1])), None, "day"
    if s.unit:
        if s.unit == "weekend" and not s.shift and tense < 0 and ref.weekday() < 4:
            s.shift = -1  # "protests erupted over the weekend", written on a weekday
        return _unit_value(s, ref)
    if s.year:
        if s.edge in ("end", "late"):
            return None, f"{s.year}-09", "month"
        return None, str(s.year), "year"
    if s.hour is not None or s.part is not None:
        return today, None, "day"
    return None, None, "day"


def _unit_value(s: Slots, ref: datetime) -> tuple[date | None, str | None, str]:
    unit = s.unit or "day"
    if s.unit_count > 1 and s.shift == 2:  # "upcoming two weeks": the N-th one ahead
        value, grain = _offset_value(ref, [(float(s.unit_count), unit)])
        value, grain = _shift_unit(to_datetime(value), unit, 0, 1)
        return None, value, grain
    value, grain = _shift_unit(ref, unit, s.shift or 0, s.unit_count)
    if s.edge in ("end", "late") and unit == "week" and len(value) == 10:
        return date.fromisoformat(value) + timedelta(days=4), None, "day"
    if s.edge in ("end", "late") and unit in ("month", "year"):
        value = _edge(value, unit, s.edge)
    return None, value, grain


def _day_in_unit(s: Slots, ref: datetime) -> date:
    """"20th of next month", "first Monday of this month", "monday of this week"."""
    today = ref.date()
    if s.unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=s.shift or 0)
        return monday + timedelta(days=s.weekday or 0)
    first = _add_months(date(today.year, today.month, 1), s.shift or 0)
    if s.weekday is not None:
        return nth_weekday(first.year, first.month, s.weekday, s.nth or 1)
    last = calendar.monthrange(first.year, first.month)[1]
    return date(first.year, first.month, min(s.day or 1, last))


def _with_clock(s: Slots, base: date, ref: datetime) -> str:
    hour = _clock_hour(s, ref)
    explicit_day = s.day_offset is not None or s.weekday is not None or s.day is not None \
        or s.holiday or s.month
    if not explicit_day and (ref.hour or ref.minute) and (hour, s.minute or 0) < (ref.hour, 0):
        base += timedelta(days=1)  # a bare clock time already past today means the next one
    value = f"{base.isoformat()}T{hour:02d}:{s.minute or 0:02d}"
    if s.second is not None:
        value += f":{s.second:02d}"
    return value


def _edge(value: str, unit: str, edge: str) -> str:
    if unit == "month" and len(value) >= 7:
        return value[:7] + "-21"
    if unit == "year" and len(value) >= 4:
        return value[:4] + "-09"
    return value


def _month_value(s: Slots, ref: datetime, tense: int) -> tuple[date | None, str | None, str]:
    month = s.month or 1
    if s.year:
        year = s.year
    elif s.weekday is not None or s.unit in ("weekend", "day"):
        year = _year_for_month(month, ref, tense)
    elif s.shift == 1:
        year = ref.year if month > ref.month else ref.year + 1
    elif s.shift == -1:
        year = ref.year if month < ref.month else ref.year - 1
    elif s.day:
        year = ref.year
        if tense >= 0 and (month, s.day) < (ref.month, ref.day):
            year += 1
        elif tense < 0 and (month, s.day) > (ref.month, ref.day):
            year -= 1
    else:
        year = _year_for_month(month, ref, tense)
    if s.weekday is not None and (s.nth or s.shift == -1):
        return nth_weekday(year, month, s.weekday, s.nth or -1), None, "day"
    if s.unit in ("weekend", "day") and s.shift == -1:
        if s.unit == "weekend":
            return nth_weekday(year, month, 5, -1), None, "day"
        return date(year, month, calendar.monthrange(year, month)[1]), None, "day"
    if s.nth and s.unit == "day":
        last = calendar.monthrange(year, month)[1]
        day = s.nth if s.nth > 0 else last + s.nth + 1
        return date(year, month, day), None, "day"
    if s.nth and s.unit == "week":
        d = nth_weekday(year, month, 0, s.nth)
        return d, None, "week"
    if s.day:
        last = calendar.monthrange(year, month)[1]
        return date(year, month, min(s.day, last)), None, "day"
    if s.edge in ("mid",):
        return date(year, month, 11), None, "day"
    if s.edge in ("late", "end"):
        return date(year, month, 21), None, "day"
    return None, f"{year}-{month:02d}", "month"


def _display(value: str | None, text: str) -> str:
    return value or text


def find_dates(text: str, toks: Tokens, ref: datetime,
               candidates: list[int] | None = None) -> list[DateHit]:
    """Every date expression in the token stream, left to right, resolved against `ref`.
    `candidates`, when given, are the ascending indexes of the digit tokens and the words of
    `start_words()` that `_may_start_at` keeps (the caller may find them in bulk; the rest
    are never looked at)."""
    types = toks.types
    reader = _Reader(toks)
    out: list[DateHit] = []
    k, n = 0, len(types)
    if candidates is None:  # most words cannot start a date: pick the digits and triggers
        triggers = _triggers()
        candidates = _may_start_at(toks, [c for c, t in enumerate(types)
                                          if t.low in triggers or t.kind == "d"])
    for c in candidates:
        if c < k:
            continue
        j = c
        while j < n and types[j].low in _SKIPPED_LEADS:  # as `_Reader._lead` does
            j += 1
        if j == n:
            continue
        if types[j].low not in _EDGES and (j in reader.dead or _no_piece(toks, j, None, False)):
            reader.dead.add(j)  # no edge word at j, and no piece starts there
            continue
        k = c
        got = reader.read(k)
        if got is None:
            k = max(k + 1, reader.weak_end)
            continue
        s, first, end = got
        first = _trim_lead(toks, first, end)
        # (the tense is looked for only when it can change the value: most dates name a year)
        value, _ = resolve(s, ref, _tense(toks, first, end) if _tense_matters(s) else 0)
        start, stop = toks.starts[first], toks.ends[end - 1]
        approx = types[k].low in ("around", "about", "approximately")
        out.append(DateHit(first, end, start, stop, value, _display(value, text[start:stop]),
                           "", approx))
        k = end
    return out


def _may_start_at(toks: Tokens, picked: list[int]) -> list[int]:
    """The picked tokens worth reading at: a weak start ("the", "in", "a"…) needs a strong
    one (digits or a date word that is not weak) among the next four tokens; a mark that
    only backs up the word before it ("'") starts nothing. One pass from the end, keeping
    the nearest strong pick."""
    types = toks.types
    lows = list(map(_LOW, map(types.__getitem__, picked)))
    kept = []
    strong_at = len(types) + 4  # the nearest strong pick after the one looked at
    for c, low in zip(reversed(picked), reversed(lows), strict=True):
        if low in _WEAK_STARTS:
            if strong_at - c <= 4:
                kept.append(c)
        else:
            if low not in _NO_STARTS:
                kept.append(c)
            strong_at = c
    kept.reverse()
    return kept


_LOW = attrgetter("low")


_LEAD_TRIM = {"on", "at", "in", "the", "for", "by", "during", "from", "since", "until", "till",
              "after", "before", "within", "between", "@"}


def _trim_lead(toks: Tokens, first: int, end: int) -> int:
    """Drop leading prepositions from the span ("in December" -> "December")."""
    types = toks.types
    while first < end - 1 and types[first].low in _LEAD_TRIM and not (
            types[first].low == "in" and first + 2 < end and types[first + 1].kind == "d"
            and types[first + 2].low in UNIT_WORDS):
        first += 1
    return first
