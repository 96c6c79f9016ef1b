"""Keywords: what a reader of the brief sees in its keyword list."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefcli import extract_keywords
from briefcli.tokens import STOPWORDS, stem

VOLCANO = """Volcano erupts near village
The volcano on the island erupted on Monday, and the eruption sent ash over the village.
Scientists said the volcano had been quiet for a century. Villagers left their homes as lava
from the volcano reached the coast. The eruption closed the airport, officials said.
"""

CITY = """San Francisco supervisors vote on budget
San Francisco's board of supervisors approved a budget on Tuesday. The budget gives San Francisco
more money for housing, and supervisors said housing was the city's first concern.
"""


def stems_of(phrase: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in phrase.split())


def test_empty_and_wordless_text_give_no_keywords() -> None:
    assert extract_keywords("") == []
    assert extract_keywords("   \n\t ") == []
    assert extract_keywords("... !!! 42 1999 -- ?") == []


def test_only_stopwords_give_no_keywords() -> None:
    assert extract_keywords("It was what it was, and so it is.") == []


def test_n_is_respected() -> None:
    assert len(extract_keywords(VOLCANO, n=3)) == 3
    assert extract_keywords(VOLCANO, n=0) == []
    assert len(extract_keywords(VOLCANO, n=100)) < 100  # no padding beyond the candidates


def test_fewer_n_gives_a_prefix_of_more() -> None:
    assert extract_keywords(VOLCANO, n=4) == extract_keywords(VOLCANO, n=10)[:4]


def test_the_word_an_article_is_about_comes_first() -> None:
    assert extract_keywords(VOLCANO)[0] == "volcano"


def test_one_entry_per_stem() -> None:
    text = ("The company said companies like it grow. Company profits rose, the company's chief "
            "said, and rival companies fell.")
    keys = extract_keywords(text)
    assert sum(1 for k in keys if stem(k) == stem("company")) == 1
    assert len({stems_of(k) for k in keys}) == len(keys)


def test_one_entry_per_stem_even_for_irregular_stems() -> None:
    text = "Crops were dying. Crops died in May. Crops kept dying, and herds died too."
    keys = extract_keywords(text)
    assert len({stem(k) for k in keys}) == len(keys)
    assert len({"dying", "died"} & set(keys)) == 1


def test_words_of_one_stem_count_together_whatever_their_first_letters() -> None:
    # "using" and "used" share the stem "use" but not their first three letters; "uses" shares
    # both with "used": either way the article uses the word three times.
    text = ("Farmers are {} drones. Drones are cheap, and farmers {} them for crops. Farmers "
            "used them, the report on farmers said.")

    def ranked(form: str) -> list[tuple[str, ...]]:
        return [stems_of(k) for k in extract_keywords(text.format(form, form))]

    assert ranked("using") == ranked("uses")
    assert ("use",) in ranked("using")


def test_no_stopword_at_either_edge() -> None:
    for text in (VOLCANO, CITY):
        for key in extract_keywords(text, n=20):
            words = key.lower().split()
            assert words[0] not in STOPWORDS and words[-1] not in STOPWORDS, key


def test_a_name_used_as_a_unit_is_one_phrase() -> None:
    keys = extract_keywords(CITY)
    assert "San Francisco" in keys
    assert not {"francisco", "Francisco", "san", "San"} & set(keys)


def test_a_phrase_needs_repeating() -> None:
    text = "Angry farmers blocked roads. The farmers want higher prices for milk and grain."
    assert all(" " not in k for k in extract_keywords(text))


def test_a_repeated_word_is_not_a_phrase() -> None:
    assert extract_keywords("buffalo " * 50) == ["buffalo"]


def test_names_keep_their_capitals_and_common_words_are_lower_case() -> None:
    text = ("Google opened an office. The office is in Zurich, where Google hires engineers. "
            "Office rents rose after Google arrived.")
    keys = extract_keywords(text)
    assert "Google" in keys and "office" in keys


def test_everyday_words_rank_below_topic_words_used_as_often() -> None:
    text = "They think the referendum matters. We think the referendum will pass."
    assert extract_keywords(text)[0] == "referendum"


def test_numbers_and_contractions_are_not_keywords() -> None:
    text = "Don't worry: 2024 sales grew 15 percent and we'll see 2025 sales grow again."
    keys = [k.lower() for k in extract_keywords(text)]
    assert "sales" in keys
    assert not any(re.search(r"\d|'", k) for k in keys)


def test_html_entities_are_not_words() -> None:
    text = "Rock &amp; roll. The band&rsquo;s guitars &amp; drums: guitars, guitars &amp; more."
    keys = [k.lower() for k in extract_keywords(text)]
    assert "guitars" in keys
    assert not {"amp", "rsquo"} & set(keys)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([*"abcXYZ ,.'-\n", "the ", "Volcano ", "lava's "])).map("".join))
def test_never_crashes_and_keywords_come_from_the_text(text: str) -> None:
    keys = extract_keywords(text, n=5)
    assert len(keys) <= 5
    lowered = text.lower()
    for key in keys:
        assert all(w.lower() in lowered for w in key.split())


def test_df_table_counts_each_word_once_per_document(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_keyword_df.py"
    spec = importlib.util.spec_from_file_location("build_keyword_df", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "tweets.conll").write_text(
        "Rain\tO\nfalls\tO\nrain\tO\n\nrains\tO\nagain\tO\n\nSun's\tO\nrain\tO\n",
        encoding="utf-8")
    n_docs, df = module.document_frequencies(tmp_path)
    assert n_docs == 3
    assert (df["rain"], df["rains"], df["sun"]) == (2, 1, 1)


def _plain_repeated_stretches(text: str) -> dict[tuple[str, ...], dict[tuple[str, ...], int]]:
    """Every 2- and 3-word stretch of a run of content words used more than once, counted the
    plain way: by stems, then by forms, in order of first use."""
    from collections import Counter

    from briefcli.keywords import _TERMS
    from briefcli.tokens import word_stream

    terms = [_TERMS[w] for w in word_stream(text)]
    out: dict[tuple[str, ...], dict[tuple[str, ...], int]] = {}
    for size in (2, 3):
        spans = [terms[i : i + size] for i in range(len(terms) - size + 1)]
        runs = [s for s in spans if all(s)]
        uses = Counter(tuple(t[2] for t in s) for s in runs)  # type: ignore[index]
        for s in runs:
            gram = tuple(t[2] for t in s)  # type: ignore[index]
            if uses[gram] > 1:
                forms = out.setdefault(gram, {})
                form = tuple(t[0] for t in s)  # type: ignore[index]
                forms[form] = forms.get(form, 0) + 1
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["volcano", "Volcano", "lava", "flows", "flow", "the", ".",
                                 "\n", "ash"]), max_size=40).map(" ".join))
@example("Volcano lava. Ash flows. Volcano lava. Ash flows. Volcano lava ash.")
def test_repeated_phrases_are_counted_as_every_stretch_would_be(text: str) -> None:
    from briefcli.keywords import _analyse
    from briefcli.tokens import word_stream

    found = _analyse(word_stream(text)).grams
    assert list(found.items()) == list(_plain_repeated_stretches(text).items())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Flow", "flows", "flow", "flowing", "lava", "Lava's", "LAVA",
                                 "ash", "the", "."]), max_size=30).map(" ".join))
def test_each_word_is_shown_from_how_the_article_writes_it(text: str) -> None:
    from briefcli.keywords import _TERMS, _analyse
    from briefcli.tokens import word_stream

    doc = _analyse(word_stream(text))
    stems = list(doc.counts)
    expected: dict[str, dict[str, int]] = {s: {} for s in stems}
    for term in filter(None, (_TERMS[w] for w in word_stream(text))):
        form, _, s = term
        expected[s][form] = expected[s].get(form, 0) + 1
    found = doc.forms(stems)
    assert {s: list(f.items()) for s, f in found.items()} == \
        {s: list(f.items()) for s, f in expected.items()}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["lava", "ash", "flows", "flow", "the", ".", "\n"]),
                max_size=30).map(" ".join))
@example("lava ash. ash lava. lava lava ash")
def test_company_counts_each_different_neighbour_once(text: str) -> None:
    from briefcli.keywords import _TERMS, _analyse
    from briefcli.tokens import word_stream

    stems = [t[2] if t else None for t in (_TERMS[w] for w in word_stream(text))]
    near: dict[str, set[str]] = {}
    for a, b in zip(stems, stems[1:], strict=False):
        if a and b:
            near.setdefault(a, set()).add(b)
            near.setdefault(b, set()).add(a)
    assert dict(_analyse(word_stream(text)).company) == {s: len(n) for s, n in near.items()}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Volcano", "volcano's", "lava", "ash", "village", "erupted",
                                 "quietly", "the", "of", ".", "\n"]), max_size=40).map(" ".join))
def test_words_are_ranked_by_the_documented_score(text: str) -> None:
    # count * prior of the first form * position boost / (1 + neighbours per use), best first,
    # the first met among equals: computed plainly, word by word
    from briefcli.keywords import _EARLY, _analyse, _select
    from briefcli.tokens import word_stream

    doc = _analyse(word_stream(text))
    score = {}
    for s, count in doc.counts.items():
        i = doc.first_use[s]
        prior = doc.uses[0][i][1]
        score[s] = count * prior * _EARLY[doc.where[i]] / (1.0 + doc.company.get(s, 0) / count)
    ranked = sorted(doc.counts, key=lambda s: -score[s])
    assert extract_keywords(text, n=5) == _select(ranked, doc, 5)
