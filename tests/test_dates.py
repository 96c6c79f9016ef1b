"""Date resolution: absolute and relative dates against a reference, tense deciding the year."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from briefcli import extract_figures
from briefcli.dates import easter, orthodox_easter

FRIDAY = date(2024, 1, 19)  # the seed article's date, a Friday
TUESDAY = datetime(2013, 2, 12, 4, 30)


def dates(text: str, ref: date | datetime = FRIDAY) -> dict[str, object]:
    return {f.text: f.value for f in extract_figures(text, ref) if f.kind == "date"}


def one(text: str, ref: date | datetime = FRIDAY) -> object:
    found = dates(text, ref)
    assert len(found) == 1, found
    return next(iter(found.values()))


def test_this_weekday_on_that_weekday_is_today() -> None:
    assert one("Officials will meet this Friday afternoon.") == "2024-01-19"


def test_month_alone_takes_its_year_from_the_tense() -> None:
    assert one("Talks began in December.") == "2023-12"
    assert one("Talks will resume in December.") == "2024-12"
    assert one("Talks resume next December.") == "2024-12"


def test_month_used_as_an_adjective_looks_ahead() -> None:
    assert one("Pressure is rising before the November elections.") == "2024-11"


def test_past_weekday_and_future_weekday() -> None:
    assert one("The minister resigned on Monday.") == "2024-01-15"
    assert one("The minister will resign on Monday.") == "2024-01-22"
    assert one("next Tuesday", TUESDAY) == "2013-02-19"
    assert one("last Tuesday", TUESDAY) == "2013-02-05"


@pytest.mark.parametrize("text, value", [
    ("March 3 2015", "2015-03-03"), ("3/3/2015", "2015-03-03"), ("2015-03-03", "2015-03-03"),
    ("31st Oct 1974", "1974-10-31"), ("October 2014", "2014-10"), ("in 2014", "2014"),
    ("the 1960s", "1960"), ("4th quarter 2018", "2018-10"),
])
def test_absolute_dates_at_their_grain(text: str, value: str) -> None:
    assert one(text, TUESDAY) == value


@pytest.mark.parametrize("text, value", [
    ("yesterday", "2013-02-11"), ("tomorrow", "2013-02-13"), ("next week", "2013-02-18"),
    ("last month", "2013-01"), ("this year", "2013"), ("3 days ago", "2013-02-09T04:30"),
    ("in 2 minutes", "2013-02-12T04:32"), ("at 3pm", "2013-02-12T15:00"),
    ("tomorrow at 5pm", "2013-02-13T17:00"), ("a quarter past noon", "2013-02-12T12:15"),
    ("first tuesday of october", "2013-10-01"), ("last friday of october", "2013-10-25"),
])
def test_relative_dates(text: str, value: str) -> None:
    assert one(text, TUESDAY) == value


def test_reference_without_time_gives_days_not_midnights() -> None:
    assert one("The bill passed 3 days ago.") == "2024-01-16"


@pytest.mark.parametrize("text, value", [
    ("christmas", "2013-12-25"), ("thanksgiving", "2013-11-28"), ("last easter", "2012-04-08"),
    ("MLK day 2013", "2013-01-21"), ("Easter 2010", "2010-04-04"),
])
def test_named_days(text: str, value: str) -> None:
    assert one(text, TUESDAY) == value


def test_easter_algorithms() -> None:
    assert easter(2024) == date(2024, 3, 31)
    assert orthodox_easter(2024) == date(2024, 5, 5)


@pytest.mark.parametrize("text", [
    "I may go", "a dollar", "We marched on", "She sat down", "25", "two three",
    "It cost £5m.", "A 5-year plan.", "The 2 people left.", "Two of them won.", "a man",
    "The years passed.", "One in five voters.",
])
def test_common_words_are_not_dates(text: str) -> None:
    assert dates(text, TUESDAY) == {}


def test_string_reference_dates_are_accepted() -> None:
    assert [f.value for f in extract_figures("tomorrow", "2024-01-19")] == ["2024-01-20"]


@pytest.mark.parametrize("text, value", [
    ("Growth slowed in Q3 2023.", "2023-07"), ("It opened in mid-2020.", "2020"),
    ("Turnout in the 2024 election was high.", "2024"), ("Temperatures hit 40C on Tuesday.",
                                                        "2024-01-16"),
])
def test_news_dates(text: str, value: str) -> None:
    assert one(text) == value


def test_year_ranges_and_gmt_times() -> None:
    assert one("The study ran 2019-2021.") == "2019"
    assert dates("at 9am local time (0100 GMT)")["0100 GMT"] == "2024-01-19T01:00"


def test_the_weekend_looks_back_in_a_past_sentence() -> None:
    wednesday = date(2024, 1, 17)
    assert one("Protests erupted over the weekend.", wednesday) == "2024-01-12T18:00"
    assert one("Protests are planned for the weekend.", wednesday) == "2024-01-19T18:00"


@pytest.mark.parametrize("text, span, value", [
    ("Lunch is at lunchtime tomorrow.", "lunchtime tomorrow", "2024-01-20T12:00"),
    ("Sales fell in Q3 2023.", "Q3 2023", "2023-07"),
    ("It opens in 2 days.", "in 2 days", "2024-01-21"),
    ("He came a week ago.", "a week ago", "2024-01-12"),
    ("It was the thirtieth of June.", "thirtieth of June", "2023-06-30"),
    ("It ended last night.", "last night", "2024-01-18T21:00"),
    ("They will meet on Mothers Day.", "Mothers Day", "2024-05-12"),
    ("It happened on 4th of July 2020.", "4th of July 2020", "2020-07-04"),
    ("It was filed on 15-Mar-2020.", "15-Mar-2020", "2020-03-15"),
    ("They meet at 15:30.", "15:30", "2024-01-19T15:30"),
    ("It starts at 2.13 pm.", "2.13 pm", "2024-01-19T14:13"),
    ("Doors open 5 pm.", "5 pm", "2024-01-19T17:00"),
    ("The bell rang at 10 past 3.", "10 past 3", "2024-01-19T03:10"),
    ("He left 2 Fridays ago.", "2 Fridays ago", "2024-01-05"),
    ("Pay by 20 of next month.", "20 of next month", "2024-02-20"),
    ("They will meet at 5.", "5", "2024-01-19T05:00"),
    ("The 18q4 results.", "18q4", "2018-10"),
    ("It left two weeks ago.", "two weeks ago", "2024-01-05"),
    ("It opens at five thirty pm.", "five thirty pm", "2024-01-19T17:30"),
    ("It opened on the twenty-first of May.", "twenty-first of May", "2023-05-21"),
    ("He called a couple of days ago.", "a couple of days ago", "2024-01-17"),
    ("It will close by the end of the year.", "end of the year", "2024-09"),
])
def test_every_kind_of_first_word_starts_a_date(text: str, span: str, value: str) -> None:
    # each first word (clock, quarter, count, article, ordinal, shift, holiday, digit) is one
    # the cheap pre-checks before reading must let through; for numbers, articles, number and
    # unit words, the token after them (or an "at", an edge word before) makes them a date
    assert dates(text) == {span: value}
