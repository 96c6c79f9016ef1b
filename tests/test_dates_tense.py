"""The date reader looks for the tense only where it can change a date's value."""

from __future__ import annotations

import copy
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.dates import Slots, _holidays, _tense_matters, resolve

REFS = [datetime(2024, 1, 19), datetime(2013, 2, 12, 4, 30), datetime(2023, 12, 31, 23, 0)]
UNITS = [None, "day", "week", "weekend", "month", "year", "hour", "minute", "quarter",
         "decade", "fortnight"]


def _optional(values: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | values


@st.composite
def slots(draw: st.DrawFn) -> Slots:
    s = Slots()
    s.year = draw(_optional(st.integers(1990, 2030)))
    s.month = draw(_optional(st.integers(1, 12)))
    s.day = draw(_optional(st.integers(1, 31)))
    s.weekday = draw(_optional(st.integers(0, 6)))
    s.hour = draw(_optional(st.integers(0, 23)))
    s.minute = draw(_optional(st.integers(0, 59)))
    s.ampm = draw(st.sampled_from([None, "am", "pm"]))
    s.part = draw(st.sampled_from([None, 8, 15, 19, 23]))
    s.shift = draw(st.sampled_from([None, -1, 0, 1, 2]))
    s.unit = draw(st.sampled_from(UNITS))
    s.unit_count = draw(st.integers(1, 3))
    s.offset = draw(st.lists(st.tuples(st.sampled_from([-2.0, -1.0, 1.0, 3.0]),
                                       st.sampled_from(["day", "week", "month", "year"])),
                             max_size=2))
    s.day_offset = draw(st.sampled_from([None, -1, 0, 1]))
    s.holiday = draw(st.sampled_from([None, *sorted(_holidays()[0])[:40]]))
    s.nth = draw(st.sampled_from([None, -1, 1, 3]))
    s.quarter = draw(_optional(st.integers(1, 4)))
    s.edge = draw(st.sampled_from([None, "early", "mid", "late", "end", "beginning"]))
    return s


def _outcome(s: Slots, ref: datetime, tense: int) -> object:
    try:
        return resolve(copy.deepcopy(s), ref, tense)
    except (ValueError, OverflowError, KeyError) as error:  # the same failure, whatever tense
        return type(error)


@settings(max_examples=1500, deadline=None)
@given(slots(), st.sampled_from(REFS))
def test_slots_said_not_to_need_the_tense_resolve_the_same_in_any_tense(
        s: Slots, ref: datetime) -> None:
    if _tense_matters(s):
        return
    past, unknown, future = (_outcome(s, ref, tense) for tense in (-1, 0, 1))
    assert past == unknown == future


def test_a_month_or_weekday_without_a_year_needs_the_tense() -> None:
    ref = REFS[0]
    for s in (Slots(month=3), Slots(weekday=0), Slots(day=5), Slots(unit="weekend")):
        assert _tense_matters(s)
    march = Slots(month=3)
    assert resolve(copy.deepcopy(march), ref, -1) != resolve(copy.deepcopy(march), ref, 1)
    assert not _tense_matters(Slots(month=3, year=2020))
    assert not _tense_matters(Slots(year=2020))
