"""The date reader's quick refusals: where `_no_piece` says no piece starts, none does."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.dates import (
    _EDGES,
    _SKIPPED_LEADS,
    _WEAK_STARTS,
    Slots,
    _holiday_at,
    _holiday_heads,
    _holidays,
    _is_year,
    _may_begin_piece,
    _may_start_at,
    _no_piece,
    _Reader,
    find_dates,
    start_words,
)
from briefcli.numbers import Tokens, tokens

WORDS = ["5", "12", "2024", "1990", "3.5", "15", "bn", "million", "billion", "m", "crore",
         "thousand", "hundred", "dozen", "at", "@", "on", "in", "to", "and", "-", "/", ":", ".",
         "March", "may", "Monday", "days", "years", "ago", "later", "pm", "am", "a", "the",
         "of", "th", "st", "s", "h", "q", "o'clock", "past", "GMT", "$", "people", "from",
         "next", "this", "week", "half", "three", "first", "Christmas", "more", "last", "now",
         "right", "just", "second", "third", "Fourth", "July", "quarter", "night", "morning",
         "summer", "weekend", "Fridays", "is", "time", "few", "couple", "day", "Eve", "New",
         "Year"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10),
       st.sampled_from([" ", ""]), st.booleans())
def test_no_piece_starts_where_the_quick_test_says_none_does(words: list[str], glue: str,
                                                             chain_hour: bool) -> None:
    toks = tokens(glue.join(words))
    for k in range(len(toks.types)):
        if _no_piece(toks, k, None, chain_hour):
            reader = _Reader(toks)
            reader.chain_hour = chain_hour
            assert reader._piece(k, Slots()) == k, (words, k)


def test_shift_words_ordinals_and_now_start_dates_only_where_read() -> None:
    ref = datetime(2024, 3, 15)
    text = ("This is the first time. The second half began just now. It ends on the third. "
            "We meet next week. It rained last night. Polls close on the first Monday of May. "
            "Fireworks on the Fourth of July. Now we wait. The vote is on second, not first.")
    toks = tokens(text)
    found = [text[d.start:d.stop] for d in find_dates(text, toks, ref)]
    assert found == ["now", "next week", "last night", "first Monday of May", "Fourth of July",
                     "second"]
    idle = {t.text for k, t in enumerate(toks.types) if _no_piece(toks, k, None, False)}
    assert {"This", "second", "Now"} <= idle
    assert not {"next", "last", "Fourth"} & idle


def test_a_scaled_number_is_a_count_not_a_date() -> None:
    ref = datetime(2024, 3, 15)
    text = "Profits rose to 5bn in 2023 and 12 million people left 3 days ago."
    found = {text[d.start:d.stop] for d in find_dates(text, tokens(text), ref)}
    assert found == {"2023", "3 days ago"}
    toks = tokens(text)
    assert _no_piece(toks, 3, None, False)  # "5" before "bn"


def test_a_score_is_no_date_unless_something_makes_it_one() -> None:
    ref = datetime(2024, 3, 15)
    text = ("They won 3-1 on Sunday. The talks ran 10-12 at Geneva. It opens on 3-4 today. "
            "Scores were 2-2-1 and 21-10 later, 15-03-2020 and 2013-14, then 7-8 at 9pm.")
    toks = tokens(text)
    found = [text[d.start:d.stop] for d in find_dates(text, toks, ref)]
    assert found == ["Sunday", "10-12", "3-4 today", "2-2-1", "15-03-2020 and 2013-14",
                     "7-8 at 9pm"]
    starts = {start: k for k, start in enumerate(toks.starts)}

    def idle(at: str) -> bool:  # whether no piece starts at the first token of `at`
        return _no_piece(toks, starts[text.index(at)], None, False)

    assert idle("3-1 on") and idle("21-10")
    assert not any(map(idle, ["10-12", "3-4", "2-2-1", "15-03", "7-8"]))


def _plain_holiday_at(toks: Tokens, k: int) -> tuple[str, int] | None:
    """`_holiday_at` as first written: the longest listed name from token k, letters run
    together, apostrophes, hyphens and dots passed over."""
    table, longest = _holidays()
    if toks.types[k].kind != "w":
        return None
    key, best = "", None
    for j in range(k, min(len(toks.types), k + longest)):
        t = toks.types[j]
        if t.text in ("'", "’", "-", "."):
            continue
        key += t.low
        if key not in _holiday_heads():
            break
        if key in table:
            best = (key, j + 1)
        if j > k and t.kind != "w":
            break
    if best and best[0] in ("lent", "holi", "eid", "onam", "rakhi", "pascha", "chhath") and \
            not (best[1] < len(toks.types) and _is_year(toks.types[best[1]])) and \
            not toks.types[k].text[0].isupper():
        return None
    return best


HOLIDAY_WORDS = ["New", "Year", "Year's", "Eve", "new", "york", "the", "first", "Good", "Friday",
                 "St", ".", "Patrick's", "Day", "'", "s", "-", "Fourth", "of", "July", "Eid",
                 "al", "Fitr", "lent", "2024", "Christmas", "Labour", "World", "Cup", "Mother"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HOLIDAY_WORDS), min_size=1, max_size=8))
def test_holiday_names_read_as_the_plain_loop_reads_them(words: list[str]) -> None:
    toks = tokens(" ".join(words))
    for k in range(len(toks.types)):
        assert _holiday_at(toks, k) == _plain_holiday_at(toks, k), (words, k)


def _plain_may_start_at(toks: Tokens, picked: list[int]) -> list[int]:
    """`_may_start_at` as first written: a weak pick needs a strong one among the next four
    tokens, and "'" starts nothing."""
    strong = [c for c in picked if toks.types[c].low not in _WEAK_STARTS]
    lows = [t.low for t in toks.types]
    return [c for c in picked if (any(c < s <= c + 4 for s in strong)
                                  if lows[c] in _WEAK_STARTS else lows[c] != "'")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_weak_starts_need_a_strong_one_close_after(words: list[str]) -> None:
    toks = tokens(" ".join(words))
    picked = [i for i, t in enumerate(toks.types) if t.kind == "d" or t.low in start_words()]
    assert _may_start_at(toks, picked) == _plain_may_start_at(toks, picked)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), st.sampled_from([" ", ""]))
def test_the_figure_readers_bulk_date_picks_are_the_plain_ones(words: list[str],
                                                               glue: str) -> None:
    from briefcli.figures import _text_tokens

    toks, picked = _text_tokens(glue.join(words))
    plain = [i for i, t in enumerate(toks.types) if t.kind == "d" or t.low in start_words()]
    assert picked.dates == [c for c in _plain_may_start_at(toks, plain) if _reads_on(toks, c)]


def _reads_on(toks: Tokens, c: int) -> bool:
    """Whether `find_dates` reads on at pick c, as its loop tests it before reading: past the
    lead-in words there must be a token, an edge word or one `_no_piece` does not turn away
    for its own sake (digits, a word some piece reader starts with)."""
    j = c
    while j < len(toks.types) and toks.types[j].low in _SKIPPED_LEADS:
        j += 1
    return j < len(toks.types) and (toks.types[j].low in _EDGES or _may_begin_piece(toks.types[j]))


REF = datetime(2024, 3, 15)
# WORDS, words no date opens with ("world", "("), edge words, and a weekday's odd plural
MORE_WORDS = [*WORDS, "world", "government", "(", '"', "early", "end", "of", "mid", "Mondayss",
              "between", "about", "during", "since", "the", "the", "in", "in"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MORE_WORDS), min_size=1, max_size=30),
       st.sampled_from([" ", ""]))
def test_dates_read_at_the_bulk_picks_are_the_dates_read_at_every_pick(words: list[str],
                                                                        glue: str) -> None:
    from briefcli.figures import _text_tokens

    text = glue.join(words)
    toks, picked = _text_tokens(text)
    every = [i for i, t in enumerate(toks.types) if t.kind == "d" or t.low in start_words()]
    # (every pick as `_may_start_at` keeps them: a weak start with no strong one after it, as
    # "between" before the unlisted "Mondayss", is no pick on any path)
    every = _may_start_at(toks, every)
    assert find_dates(text, toks, REF, picked.dates) == find_dates(text, toks, REF, every)
    assert find_dates(text, toks, REF, picked.dates) == find_dates(text, toks, REF)
