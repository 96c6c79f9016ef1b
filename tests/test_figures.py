"""Key figures: each kind found and normalized, spans exact, linear time on hostile input."""

from __future__ import annotations

import gc
import json
import re
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli import build_brief, extract_figures
from briefcli.figures import Figure, describe
from briefcli.numbers import tokenize

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_d5952f6c48d7cd70.txt"
REF = date(2024, 1, 19)


def only(text: str, kind: str | None = None) -> Figure:
    found = [f for f in extract_figures(text, REF) if kind is None or f.kind == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, value, unit", [
    ("US$20,000,000,000", 2e10, "USD"),
    ("$3.5 billion", 3.5e9, "USD"),
    ("£20m", 2e7, "GBP"),
    ("€10B", 1e10, "EUR"),
    ("Rs. 20", 20, "INR"),
    ("42 MYR", 42, "MYR"),
    ("twenty billion dollars", 2e10, "USD"),
    ("20 million pounds", 2e7, "GBP"),
    ("USD3.14", 3.14, "USD"),
    ("10k$", 1e4, "USD"),
    ("$20 and 43c", 20.43, "USD"),
])
def test_money_values_and_iso_codes(text: str, value: float, unit: str) -> None:
    f = only(text, "money")
    assert f.value == pytest.approx(value)
    assert f.unit == unit
    assert f.text == text


def test_money_display_uses_scale_words() -> None:
    assert only("a loan of US$20,000,000,000", "money").display == "US$20 billion"


def test_money_range() -> None:
    f = only("between $3m and $5m", "money")
    assert f.value == [3e6, 5e6]
    f = only("$3m-$5m", "money")
    assert f.value == [3e6, 5e6]


@pytest.mark.parametrize("text, value, unit", [
    ("3.5%", 3.5, "%"),
    ("35 per cent", 35, "%"),
    ("12 percent", 12, "%"),
    ("half of the voters", 50, "%"),
    ("three-quarters of homes", 75, "%"),
    ("2 percentage points", 2, "pp"),
])
def test_percent_and_shares(text: str, value: float, unit: str) -> None:
    f = only(text, "percent")
    assert f.value == pytest.approx(value)
    assert f.unit == unit


def test_percent_range() -> None:
    assert only("3-5%", "percent").value == [3, 5]


@pytest.mark.parametrize("text, value", [
    ("2,000 migrants", 2000), ("seven hundred twenty-one thousand and twelve", 721012),
    ("a hundred and two", 102), ("1.2M", 1.2e6), ("two dozen", 24), ("-504", -504),
    ("minus 1,200,000", -1.2e6), ("two thirds", 2 / 3), ("1/5", 0.2), ("30 lakh", 3e6),
])
def test_numbers_in_digits_and_words(text: str, value: float) -> None:
    assert only(text).value == pytest.approx(value)


def test_count_says_what_it_counts() -> None:
    f = only("Police detained 2,000 migrants.", "number")
    assert f.context == "migrants"


@pytest.mark.parametrize("text", [
    "He finished 21st in the race.",  # ordinal
    "Call 555-867-5309 today.",  # phone number
    "The LGA1156 socket and model I7-860BOX.",  # IDs
])
def test_not_counts(text: str) -> None:
    assert [f for f in extract_figures(text, REF) if f.kind == "number"] == []


def test_years_and_times_are_dates_not_counts() -> None:
    kinds = {f.text: f.kind for f in extract_figures("In 2019 they met at 3pm.", REF)}
    assert kinds == {"2019": "date", "3pm": "date"}


@pytest.mark.parametrize("text, value, unit", [
    ("3 km", 3, "km"), ("8 miles", 8, "mi"), ("37°C", 37, "°C"), ("500 g", 500, "g"),
    ("2 1/2 in", 2.5, "in"), ("7 feet 10 inches", 94, "in"), ("250ml", 250, "ml"),
    ("4 km squared", 4, "km²"), ("200 kilometres per hour", 200, "km/h"), ("8 MB", 8, "MB"),
    ("2 degrees below zero", -2, "°"), ("$15.4/hour", 15.4, "USD/h"),
])
def test_quantities(text: str, value: float, unit: str) -> None:
    f = only(text, "quantity")
    assert f.value == pytest.approx(value)
    assert f.unit == unit


def test_in_is_an_inch_only_without_a_noun_after_it() -> None:
    assert only("The pencil is 2 in.", "quantity").unit == "in"
    assert [f.kind for f in extract_figures("There are two in my car", REF)] == ["number"]


def test_pounds_of_meat_are_mass() -> None:
    assert only("two pounds of meat", "quantity").unit == "lb"


@pytest.mark.parametrize("text, seconds", [
    ("three years", 3 * 365 * 86400), ("90 minutes", 5400), ("an hour and a half", 5400),
    ("2 years and 3 months", 2 * 31536000 + 3 * 2592000), ("1.5 hrs", 5400),
])
def test_durations_in_seconds(text: str, seconds: float) -> None:
    f = only(text, "duration")
    assert f.value == pytest.approx(seconds)
    assert f.unit == "s"


def test_bare_number_range() -> None:
    f = only("between 3 and 5 million")
    assert (f.kind, f.value) == ("range", [3e6, 5e6])


@pytest.mark.parametrize("text, approximate", [
    ("about $5", True), ("nearly 40%", True), ("more than 300 people", True), ("$5", False),
])
def test_approximate_flag(text: str, approximate: bool) -> None:
    assert only(text).approximate is approximate


def test_spans_point_into_the_text() -> None:
    text = "On Friday, Mexico asked for US$20 billion; 35% of 2,000 migrants walked 3 km."
    for f in extract_figures(text, REF):
        assert text[f.start:f.end] == f.text
    assert len(extract_figures(text, REF)) == 5


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 $£€%.,-/:'\"abcdekmlnopstxyz²٣½①")),
               max_size=80))
def test_never_crashes_and_spans_match(text: str) -> None:
    for f in extract_figures(text, REF):
        assert text[f.start:f.end] == f.text
        assert f.start < f.end
        json.dumps(f.to_dict(), allow_nan=False)  # JSON-safe: no NaN or Infinity


HOSTILE = [
    "1" * 2000,
    "$" * 2000,
    "1," * 1000,
    "1-" * 1000 + "1",
    "between 1 and " * 200,
    "from 1 to " * 200,
    "$1-$" * 500,
    "1.1." * 500,
    "one " * 500,
    "the morning, " * 200,
    "Monday " * 300,
    "3 km 2 m " * 200,
    "1e1e1e" * 300,
]


def _seconds(text: str) -> float:
    best = float("inf")
    gc.disable()  # collector pauses are noise here
    try:
        for _ in range(3):
            t = time.perf_counter()
            extract_figures(text, REF)
            best = min(best, time.perf_counter() - t)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize("unit", HOSTILE, ids=range(len(HOSTILE)))
def test_linear_time_on_hostile_input(unit: str) -> None:
    # eight times the text must cost far less than 64 times (quadratic); 24 is generous noise room
    small, large = _seconds(unit * 2), _seconds(unit * 16)
    assert large < max(small, 2e-3) * 24, (small, large)


def test_seed_brief_has_its_four_key_figures() -> None:
    brief = build_brief(SEED.read_text(encoding="utf-8"))
    got = {f.text: (f.kind, f.value) for f in brief.figures}
    assert got["US$20,000,000,000"] == ("money", 2e10)
    assert got["this Friday"] == ("date", "2024-01-19")
    assert got["December"] == ("date", "2023-12")
    assert got["November"] == ("date", "2024-11")
    money = next(f for f in brief.figures if f.kind == "money")
    assert money.display == "US$20 billion"
    assert money.context == "US investment in Latin America requested by Mexico"
    assert "US$20,000,000,000" in money.sentence


def test_ages_scores_and_dashes() -> None:
    age = only("his partner -- 23-year-old Ezequiel Cordova")
    assert (age.kind, age.value, age.context) == ("number", 23, "years old")
    assert extract_figures("Spain's 2-0 defeat; beaten 6-3, 6-1", REF) == []
    assert only("between 3-5 people").value == [3, 5]


@pytest.mark.parametrize("text, kind, value, unit", [
    ("Shares rose to 345p.", "money", 345, "penny"),
    ("Oil traded at $5 a barrel.", "quantity", 5, "USD/bbl"),
    ("He scored 25 points in 32 minutes.", "duration", 1920, "s"),
])
def test_news_readings(text: str, kind: str, value: float, unit: str) -> None:
    f = next(f for f in extract_figures(text, REF) if f.kind == kind)
    assert (f.value, f.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text, figure, context", [
    ("The unemployment rate fell to 4.1%, officials said.", "4.1%", "unemployment rate"),
    ("The deal is worth $3.5bn.", "$3.5bn", "deal"),
    ("Police detained 2,000 migrants.", "2,000", "migrants"),
])
def test_context_says_what_a_figure_measures(text: str, figure: str, context: str) -> None:
    f = next(f for f in extract_figures(text, REF) if f.text == figure)
    assert describe(text, f, (0, len(text))) == context


@pytest.mark.parametrize("text", ["0-①", "1e999 km", "1/0", "2x1,629 units", "15:30:1,000"])
def test_odd_inputs_give_finite_figures(text: str) -> None:
    for f in extract_figures(text, REF):
        json.dumps(f.to_dict(), allow_nan=False)


@pytest.mark.parametrize("text, kind, value", [
    ("a rise of 15pc", "percent", 15), ("one in five adults", "percent", 20),
    ("It costs 20p.", "money", 20), ("Shares closed at 3pm.", "date", "2024-01-19T15:00"),
])
def test_shares_pence_and_clock_times(text: str, kind: str, value: object) -> None:
    f = only(text)
    assert (f.kind, f.value) == (kind, value)


@pytest.mark.parametrize("text", ["1,200.12.5 tonnes", "3.1,200.5", "on 5-2-1990100", "1,2000.5.3",
                                  "it was 3.5, the thirtieth of"])
def test_malformed_digit_groups_are_no_figures_and_no_crash(text: str) -> None:
    assert all(f.kind != "date" for f in extract_figures(text, REF))


def test_context_depends_only_on_the_sentence() -> None:
    sentence = "The company paid $3.5 billion for the mine in Chile."
    text = "Shares rose 4% on Monday. " + sentence + " It employs 2,000 workers."
    start = text.index(sentence)
    alone = next(f for f in extract_figures(sentence, REF) if f.kind == "money")
    inside = next(f for f in extract_figures(text, REF) if f.kind == "money")
    span = (start, start + len(sentence))
    assert describe(text, inside, span) == describe(sentence, alone, (0, len(sentence)))
    assert describe(text, inside, span)  # and it says something


# Articles, currency words and dots start figures; lead words ("at", "over", "as") start one
# only as a bound or a range.
@pytest.mark.parametrize("text, span, kind, value", [
    ("He bought a dozen eggs.", "a dozen", "number", 12),
    ("A hundred people came.", "A hundred", "number", 100),
    ("An estimated 5,000 people came.", "An estimated 5,000", "number", 5000),
    ("It costs S$5 there.", "S$5", "money", 5),
    ("It costs A$5.", "A$5", "money", 5),
    ("It cost a couple of dollars.", "a couple of dollars", "money", 2),
    ("It is .5 mm thick.", ".5 mm", "quantity", 0.5),
    ("At least 5 people died.", "At least 5", "number", 5),
    ("Over 10 people came.", "Over 10", "number", 10),
    ("As many as 20 people came.", "As many as 20", "number", 20),
    ("No more than 3 cars were sold.", "No more than 3", "number", 3),
    ("Up to 30% of voters stayed home.", "Up to 30%", "percent", 30),
    ("It runs from 5 to 10 km.", "from 5 to 10 km", "quantity", [5, 10]),
    ("At the end of the talks, 5 people left.", "5", "number", 5),
    ("Only as a last resort did 7 firms agree.", "7", "number", 7),
])
def test_where_a_figure_starts(text: str, span: str, kind: str, value: object) -> None:
    f = only(text)
    assert (f.text, f.kind, f.value) == (span, kind, value)


def _reference_tokens(text: str) -> list[tuple[str, str, str, int, int]]:
    """Tokens as the plain definition says: digit runs with inner "." and ",", runs of letters
    (a run that starts with another numeric character, such as "²", is a symbol), and single
    other characters, each with its span."""
    out = []
    for m in re.finditer(r"([0-9]+(?:[.,][0-9]+)*)|([^\W\d_]+)|(\S)", text):
        s = m[0]
        kind = "d" if m[1] else "w" if m[2] and s[0].isalpha() else "s"
        out.append((kind, s, s.lower(), m.start(), m.end()))
    return out


@pytest.mark.parametrize("text", [
    "", "   ", "  £5.5m, up 3%\u00a0(from 2,000.25)…  ", "İstanbul’s 2² ١٢ x_y", "a\tb\n\nc  ",
    "Ünïcödé 10,5 km²\u2003and\u3000ﬁve",
])
def test_tokens_match_the_plain_definition(text: str) -> None:
    assert [tuple(t) for t in tokenize(text)] == _reference_tokens(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZé5 0.,\u00a0\t\n²_£-'’İ\u2003x"), max_size=40)
       | st.text(max_size=40))
def test_any_text_tokenizes_like_the_plain_definition(text: str) -> None:
    assert [tuple(t) for t in tokenize(text)] == _reference_tokens(text)


@pytest.mark.parametrize("text", [
    "About 4th-quarter sales rose 5% to £3.5bn on 1 May, a dozen more than in 2023.",
    "The U.S. paid A$5 - then -3 . 25 - an hour at least, between two and three.",
])
def test_each_reader_starts_only_at_digits_and_its_own_words(text: str) -> None:
    from briefcli.dates import _may_start_at, find_dates, start_words
    from briefcli.figures import _may_start, _starts, _text_tokens

    toks, picked = _text_tokens(text)
    plain = [i for i, t in enumerate(toks.types) if t.kind == "d" or t.low in start_words()]
    # the dates' picks may leave out a word, but only one no date is read at
    assert set(picked.dates) <= set(_may_start_at(toks, plain))
    ref = datetime(2024, 3, 15)
    assert find_dates(text, toks, ref, picked.dates) == find_dates(text, toks, ref, plain)
    plain = [i for i, t in enumerate(toks.types) if t.kind == "d" or t.low in _starts().any]
    # the figures' picks may leave out a word, but only one no figure starts at
    assert set(picked.figures) <= set(plain)
    assert not any(_may_start(toks, i) for i in set(plain) - set(picked.figures))
