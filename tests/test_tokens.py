"""Word tokens, stems and stopwords."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.tokens import STOPWORDS, content_stems, content_word, stem, word_spans, words


def test_words_keep_inner_hyphens_and_apostrophes() -> None:
    assert words("A well-known mayor's plan, 40-year-old rules — isn't it?") == [
        "A", "well-known", "mayor's", "plan", "40-year-old", "rules", "isn't", "it",
    ]


def test_curly_apostrophe_joins_like_a_straight_one() -> None:
    assert words("the council’s vote") == ["the", "council’s", "vote"]


def test_word_spans_point_at_the_words() -> None:
    text = "  Rain, then sun. "
    assert [text[s:e] for s, e in word_spans(text)] == ["Rain", "then", "sun"]


def test_stems_are_snowball_stems_of_lower_case() -> None:
    assert stem("Running") == stem("runs") == "run"
    assert stem("generously") == "generous"


def test_stopword_list_is_loaded_from_the_shipped_text() -> None:
    assert {"the", "and", "of", "which"} <= STOPWORDS
    assert not {"council", "budget", "storm"} & STOPWORDS


def test_content_words_drop_stopwords_numbers_and_clitic_forms() -> None:
    assert content_word("Council") == "council"
    assert content_word("council's") == "council"
    assert content_word("It's") is None
    assert content_word("didn't") is None
    assert content_word("2024") is None
    assert content_word("x") is None


def test_content_stems_of_a_sentence() -> None:
    assert content_stems("The councils didn't approve the budgets, it's said, in 2024.") == [
        "council", "approv", "budget",
    ]


@given(st.text(max_size=80))
def test_word_spans_match_words(text: str) -> None:
    spans = word_spans(text)
    assert [text[s:e] for s, e in spans] == words(text)
    assert all(e <= s2 for (_, e), (s2, _) in zip(spans, spans[1:], strict=False))


def test_word_stream_marks_punctuation_and_line_breaks_but_not_spaces() -> None:
    from briefcli.tokens import count_words, word_stream

    stream = word_stream("Rain,\tthen sun.\nCold  again")
    assert stream == ("Rain", "", "then", "sun", "", "", "Cold", "again")
    assert count_words(stream) == len(words("Rain,\tthen sun.\nCold  again")) == 5


@given(st.text(alphabet="ab '’-.,\n\t\u00a0", max_size=40))
def test_word_stream_holds_the_words_in_order(text: str) -> None:
    from briefcli.tokens import word_stream

    assert [w for w in word_stream(text) if w] == words(text)


def test_stopwords_are_counted_in_any_case() -> None:
    from briefcli.tokens import count_stopwords

    assert count_stopwords(["The", "the", "THE", "volcano", ""]) == 3


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_the_ascii_stream_pattern_reads_ascii_text_like_the_general_one(text: str) -> None:
    from briefcli.tokens import WORD_OR_BREAK, stream_pattern

    assert stream_pattern(text).findall(text) == WORD_OR_BREAK.findall(text)


def test_a_very_long_text_is_counted_but_not_kept() -> None:
    from briefcli import tokens

    short = "A short text, kept."
    assert tokens.text_words(short).words == 4
    long = "word " * (tokens.KEEP_LIMIT // 5 + 1)
    assert tokens.text_words(long).words == tokens.KEEP_LIMIT // 5 + 1
    assert tokens._last.text == short  # the long one's words were not held on to


# Word pieces that reach every step of Porter2: its suffixes, y and apostrophe forms, and the
# prefixes with their own regions.
_SUFFIXES = ["ization", "ational", "fulness", "ousness", "iveness", "tional", "biliti", "lessli",
             "entli", "ation", "alism", "aliti", "ousli", "iviti", "fulli", "enci", "anci",
             "abli", "izer", "ator", "alli", "bli", "ogi", "li", "alize", "icate", "iciti",
             "ative", "ical", "ness", "ful", "ement", "ance", "ence", "able", "ible", "ment",
             "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic",
             "s", "es", "ies", "ied", "sses", "us", "ss", "ed", "ing", "ingly", "edly", "eed",
             "eedly", "'s", "'", "'s'", "\u2019s", "y", "ly", "e", "l", "ll", "at", "bl", "iz"]
_STEMS = st.text(alphabet="aeiouybcdlnstgmrwxz'", max_size=6)
_WORDS = st.builds(lambda pre, root, ends: pre + root + "".join(ends),
                   st.sampled_from(["", "", "gener", "commun", "arsen", "y", "'"]), _STEMS,
                   st.lists(st.sampled_from(_SUFFIXES), max_size=3))


@lru_cache(maxsize=1)
def _snowball() -> Callable[[str], str]:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english").stem  # type: ignore[no-any-return]


@settings(deadline=None)  # (the first example imports nltk)
@given(_WORDS)
def test_porter2_gives_nltks_snowball_stems(word: str) -> None:
    from briefcli.tokens import porter2

    assert porter2(word) == _snowball()(word)


def test_words_said_to_be_their_own_stems_end_with_no_suffix_of_any_step() -> None:
    from briefcli import tokens

    suffixes = [*tokens._STEP1B, *tokens._STEP2, *tokens._STEP3, *tokens._STEP4,
                "s", "y", "e", "'", "ll"]
    for last, endings in tokens._UNTOUCHED.items():
        for suffix in suffixes:
            if suffix.endswith(last):
                assert suffix.endswith(endings), (last, suffix)


def test_each_step_finds_all_its_suffixes_by_a_words_last_two_letters() -> None:
    # A step is skipped when no suffix of it ends with the word's last two letters: every
    # suffix must be filed under them, longest first (the longest one found is the one used).
    from briefcli import tokens

    for table, ends in ((tokens._STEP1B, tokens._ENDS1B), (tokens._STEP2, tokens._ENDS2),
                        (tokens._STEP3, tokens._ENDS3), (tokens._STEP4, tokens._ENDS4)):
        assert sorted(s for group in ends.values() for s in group) == sorted(table)
        for last_two, group in ends.items():
            assert all(s.endswith(last_two) for s in group)
            assert list(map(len, group)) == sorted(map(len, group), reverse=True)


@settings(deadline=None)
@given(st.text(alphabet="aeiouybcdgklmnrstwxz", min_size=3, max_size=9))
def test_porter2_gives_nltks_snowball_stems_of_plain_words(word: str) -> None:
    from briefcli.tokens import porter2

    assert porter2(word) == _snowball()(word)


def test_porter2_on_news_words() -> None:
    from briefcli.tokens import porter2

    snowball = _snowball()
    text = ("Generously, the communities' skies were dying; councils proceeded to organizational "
            "hopefulness, agreeing happily with the emergency's relational sensibilities, hoping "
            "the early innings' controlling yearly Yankees' luxuriously conditional reliability")
    for word in words(text):
        assert porter2(word) == snowball(word), word


@given(st.lists(st.text(alphabet=st.sampled_from([*"ab1 _-'.\n\t", "\u2019", "é", "£"]),
                        max_size=20), max_size=5))
def test_streams_of_pieces_read_each_piece_like_the_general_pattern(pieces: list[str]) -> None:
    from briefcli.tokens import WORD_OR_BREAK, streams_of

    text = " ".join(pieces)
    assert streams_of(text, pieces) == [WORD_OR_BREAK.findall(p) for p in pieces]
