"""Where a figure may start: the one-look-up word tests say what the plain tests say."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli import extract_figures
from briefcli.figures import (
    _AFTER_ARTICLE,
    _LEAD_REACH,
    _bound,
    _may_start,
    _prefix_currency,
    _starts,
    _tables,
    _text_tokens,
)
from briefcli.numbers import Tokens, TokenType

REF = date(2024, 1, 19)


def _unit_head(table: object, t: TokenType) -> bool:
    return t.text in table.exact_heads or t.low in table.lower_heads  # type: ignore[attr-defined]


def _plain_may_start(toks: Tokens, i: int) -> bool:
    """The test as first written: each word set looked up in turn."""
    t = toks.types[i]
    if t.kind == "d":
        return True
    starts = _starts()
    units, money = _tables()
    low = t.low
    if low in starts.strong and low not in ("a", "an"):
        if low in starts.currency:
            return _prefix_currency(toks, i) is not None
        if low in starts.numeric or low == "~":
            return True
        return low != "(" and i + 1 < len(toks.types) and toks.types[i + 1].kind == "d"
    if low not in starts.leads and low not in ("a", "an"):
        return False
    if low in starts.leads:
        if not (low in ("between", "from") or _prefix_currency(toks, i) is not None):
            j = _bound(toks, i)[0]
            if j == i or j >= len(toks.types):
                return False
            nxt = toks.types[j]
            if not (nxt.kind == "d" or nxt.low in starts.strong or nxt.low in ("between", "from")
                    or _unit_head(money, nxt)):
                return False
    if low in ("a", "an"):
        if i + 1 >= len(toks.types):
            return False
        nxt = toks.types[i + 1]
        if not (nxt.low in _AFTER_ARTICLE or _unit_head(units, nxt) or _unit_head(money, nxt)
                or _prefix_currency(toks, i) is not None):
            return False
    if not any(nxt.kind == "d" or nxt.low in starts.strong or nxt.low in starts.weak
               for nxt in toks.types[i + 1:i + 4]):
        return False
    if low in ("a", "an"):
        return True
    return any(nxt.kind == "d" or nxt.low in starts.numeric
               for nxt in toks.types[i + 1:i + 1 + _LEAD_REACH])


WORDS = ["a", "an", "A", "about", "at", "least", "most", "more", "than", "no", "less", "as",
         "many", "much", "up", "to", "between", "from", "and", "over", "some", "the", "one",
         "two", "dozen", "hundred", "million", "bn", "m", "km", "hour", "dollar", "dollars",
         "US", "S", "s", "'", "$", "£", "A$", "per", "cent", "%", "-", ".", "(", "~", "5",
         "3.5", "2,000", "half", "of", "estimated", "further", "people", "rose", "Can", "can",
         "well", "just", "only", "close", "kg", "yen", "euros", "¥", "in", "is", "additional",
         "American", "Australian", "ann", "ac", "men", "week", "year"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.sampled_from([" ", ""]))
def test_start_tests_agree_with_the_plain_tests(words: list[str], glue: str) -> None:
    text = glue.join(words) if glue else " ".join(words).replace(" $ ", " $")
    toks, picked = _text_tokens(text)
    for i in picked.figures:
        assert _may_start(toks, i) == _plain_may_start(toks, i), (text, i)


def test_lead_words_and_articles_need_a_number_or_unit_close_after_them() -> None:
    text = ("at least 5 people, at the end, a dozen eggs, a man, about the same, an hour, "
            "an American flag flew")  # "American" may begin "American dollars": no more
    toks, picked = _text_tokens(text)
    starting = {toks.types[i].text + " " + toks.types[i + 1].text for i in picked.figures
                if _may_start(toks, i) and toks.types[i].low in ("at", "a", "an", "about")}
    assert starting == {"at least", "a dozen", "an hour"}


@pytest.mark.parametrize("text, kind, shown, value", [
    ("It fell to absolute zero.", "quantity", "absolute zero", 0.0),
    ("a third of the budget", "percent", "a third", 100 / 3),
    ("3 in 10 voters agreed", "percent", "3 in 10", 30.0),
    ("one-third of homes", "percent", "one-third", 100 / 3),
    ("half of them left", "percent", "half", 50.0),
])
def test_named_quantities_and_shares(text: str, kind: str, shown: str, value: float) -> None:
    (f,) = extract_figures(text, REF)
    assert (f.kind, f.text) == (kind, shown)
    assert f.value == pytest.approx(value)


def test_in_after_a_number_makes_a_share_only_between_small_counts() -> None:
    assert extract_figures("one in the morning", REF) == []
    found = [(f.kind, f.text) for f in extract_figures("2 in 3 said no, 5 in 2024", REF)]
    assert found == [("percent", "2 in 3"), ("number", "5"), ("date", "2024")]


NEEDY_WORDS = [*WORDS, "NZ", "nz", "HK", "Mex", "R", "Rs", "L", "u", "U", "NT", "Au", "C", "CA",
               "a", "an", "US", "s", "dollars", "$", "5", "man", "."]


def _picks_leave_out_only_words_no_figure_starts_at(text: str) -> None:
    toks, picked = _text_tokens(text)
    plain = {i for i, t in enumerate(toks.types) if t.kind == "d" or t.low in _starts().any}
    assert set(picked.figures) <= plain
    assert not any(_may_start(toks, i) for i in plain - set(picked.figures)), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NEEDY_WORDS), max_size=14), st.sampled_from([" ", ""]))
def test_figure_picks_leave_out_only_words_no_figure_starts_at(words: list[str],
                                                                glue: str) -> None:
    _picks_leave_out_only_words_no_figure_starts_at(glue.join(words))


@pytest.mark.parametrize("text", ["paid U.S.$5 in fees", "a CHF 5 fee", "a GWh of 5 units",
                                  "NZ$5", "Can$ 5", "HK$3bn", "an AED 40 fine", "Rs. 20",
                                  "at least 5", "as many as 40", "up to $5", "well over 3",
                                  "upwards of 200", "no more than 4", "more than a dozen"])
def test_figure_picks_keep_a_word_that_a_currency_or_bound_goes_on_from(text: str) -> None:
    _picks_leave_out_only_words_no_figure_starts_at(text)


def test_an_article_or_a_currency_code_is_picked_only_before_what_may_follow_it() -> None:
    toks, picked = _text_tokens("a man paid US$5 and a dozen eggs to us, an hour")
    types = toks.types
    assert [types[i].text for i in picked.figures if types[i].low in ("a", "an", "us")] == \
        ["US", "a", "an"]
