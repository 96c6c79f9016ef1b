"""The figure readers' tokens: one shared type per distinct text, positions in columns, give
the same tokens as tokenizing each one on its own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.dates import _opens
from briefcli.figures import (
    _KIND_READERS,
    _OPENS_BIT,
    _readers,
    _sentence_tokens,
    _text_tokens,
)
from briefcli.numbers import Tokens, tokenize, tokens

TEXTS = st.text(alphabet=st.sampled_from("aA5 0.,\n£$%-'\"“”İé²x"), max_size=40) | st.text(
    max_size=30) | st.lists(st.sampled_from(
        ["The", "the", "£5m", "5", "in", "May", "at", "least", "a", "dozen", "US$", "2,000",
         "\"", "per cent", ".", "(", ")"]), max_size=12).map(" ".join)


def _fields(toks: Tokens) -> list[tuple[str, str, str, int, int]]:
    return [(t.kind, t.text, t.low, start, end)
            for t, start, end in zip(toks.types, toks.starts, toks.ends, strict=True)]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_tokens_are_the_tokenized_tokens(text: str) -> None:
    want = [tuple(t) for t in tokenize(text)]
    assert _fields(tokens(text)) == want
    whole, _ = _text_tokens(text)
    assert _fields(whole) == want
    assert whole.text == text


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_each_token_carries_its_readers_bits(text: str) -> None:
    whole, _ = _text_tokens(text)
    assert [t.readers for t in whole.types] == [_readers().get(t.low, _KIND_READERS[t.kind] | (
        _OPENS_BIT if t.kind == "w" and _opens(t.low) else 0)) for t in whole.types]


def test_a_weekday_with_any_run_of_final_s_opens_a_date_listed_or_not() -> None:
    whole, _ = _text_tokens("Mondays MONDAYSS mondaysss Mondaze")
    assert [bool(t.readers & _OPENS_BIT) for t in whole.types] == [True, True, True, False]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_a_sentence_has_the_tokens_of_its_text_alone(text: str, a: int, b: int) -> None:
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    cut = _sentence_tokens(text, (a, b))
    assert cut.text == text
    assert _fields(cut) == [(kind, word, low, start + a, end + a)
                            for kind, word, low, start, end in tokenize(text[a:b])]


def test_repeated_words_share_one_type_but_keep_their_places() -> None:
    text = "5 people, then 5 more people"
    toks, _ = _text_tokens(text)
    assert toks.types[0] is toks.types[4] and toks.types[1] is toks.types[6]
    assert [text[s:e] for s, e in zip(toks.starts, toks.ends, strict=True)] == \
        ["5", "people", ",", "then", "5", "more", "people"]
