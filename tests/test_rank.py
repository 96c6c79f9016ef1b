"""Rankers on small hand-made documents: each picks what a reader would expect it to pick."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefcli import rank
from briefcli.rank import DEFAULT_METHOD, RANKERS, Document, summarize

# A flat news story (no paragraph breaks): the opener states the news, later sentences elaborate
# on it, one sentence is off topic, one is a short hook, one is a question.
NEWS = [
    "The city council approved a new budget for the harbour bridge repairs on Monday.",
    "Really.",
    "The bridge repairs will close two lanes of the harbour bridge for six months.",
    "Council members said the budget for the bridge repairs was the largest in a decade.",
    "Would anyone have guessed the harbour bridge would need this?",
    "A local bakery won a prize for its sourdough bread at the county fair.",
    "Engineers warned the council in March that the harbour bridge repairs could not wait.",
]

# The same kind of story written in long paragraphs (a report): an off-topic opener, the topic
# carried by the middle paragraph.
REPORT = Document(
    sentences=[
        "Spring arrived early this year in the valley.",
        "Gardeners planted tomatoes in April.",
        "Birds returned to the orchards.",
        "The river dam project needs new funding for the dam walls and the river locks.",
        "The dam project managers asked the state for river dam funding twice.",
        "Without funding the dam walls on the river will weaken within a year.",
        "Children played in the park.",
        "The market sold fresh bread.",
        "A choir sang in the square.",
    ],
    paragraphs=[0, 0, 0, 1, 1, 1, 2, 2, 2],
)


def flat(sentences: list[str]) -> Document:
    return Document(sentences, [0] * len(sentences))


def picked(doc: Document, method: str, n: int = 3, **kw: object) -> list[int]:
    return [c.index for c in summarize(doc, sentences=n, method=method, **kw)]  # type: ignore[arg-type]


def test_registry_has_the_named_rankers_and_a_default() -> None:
    assert {"lead", "textrank", "lexrank", "centroid", "default"} <= set(RANKERS)
    assert RANKERS["default"] is RANKERS[DEFAULT_METHOD]


def test_lead_takes_the_first_sentences() -> None:
    assert picked(flat(NEWS), "lead") == [0, 1, 2]


@pytest.mark.parametrize("method", ["centroid", "textrank", "lexrank"])
def test_centrality_rankers_prefer_the_topic_over_the_stray_sentence(method: str) -> None:
    chosen = picked(flat(NEWS), method)
    assert 5 not in chosen  # the bakery
    assert 1 not in chosen  # "Really." shares no word with anything
    scores = RANKERS[method]().score(flat(NEWS))
    assert scores[3].value > scores[5].value


def test_textrank_ranks_the_hub_sentence_first() -> None:
    doc = flat([
        "Apples and pears grow in the orchard near the river.",
        "Apples grow well.",
        "Pears grow slowly.",
        "The orchard is old.",
        "The river floods.",
        "Stock markets closed higher.",
    ])
    assert picked(doc, "textrank", n=1) == [0]


def test_default_on_news_copy_keeps_the_opener_and_skips_hooks_and_questions() -> None:
    chosen = picked(flat(NEWS), DEFAULT_METHOD)
    assert chosen[0] == 0
    assert 1 not in chosen and 4 not in chosen
    assert picked(flat(NEWS), DEFAULT_METHOD, n=2) == [0, 2]


def test_default_on_long_paragraphs_follows_the_topic_not_the_opener() -> None:
    chosen = picked(REPORT, DEFAULT_METHOD)
    assert chosen == [3, 4, 5]


def test_default_tells_a_repeated_fact_once() -> None:
    doc = flat([
        "Storm Ada closed every school in the northern region on Tuesday.",
        "Storm Ada closed every school in the northern region on Tuesday.",
        "Power lines fell across the northern region during the storm.",
        "Officials expect schools in the region to reopen on Thursday after the storm.",
    ])
    chosen = summarize(doc, sentences=2, method=DEFAULT_METHOD)
    texts = [doc.sentences[c.index] for c in chosen]
    assert len(set(texts)) == 2
    assert any(c.parts["redundancy"] == 0.0 for c in chosen)


def test_default_explains_each_score_with_its_parts() -> None:
    for choice in summarize(flat(NEWS), method=DEFAULT_METHOD):
        assert {"position", "centrality", "quality", "redundancy"} <= set(choice.parts)
        p = choice.parts
        assert choice.score == pytest.approx(
            (p["position"] + p["centrality"]) * p["quality"] - p["redundancy"])


@pytest.mark.parametrize("method", sorted(RANKERS))
def test_every_ranker_returns_distinct_sentences_in_document_order(method: str) -> None:
    chosen = picked(flat(NEWS), method, n=4)
    assert len(chosen) == 4
    assert chosen == sorted(set(chosen))


@pytest.mark.parametrize("method", sorted(RANKERS))
def test_every_ranker_copes_with_tiny_and_wordless_documents(method: str) -> None:
    assert summarize(Document([]), method=method) == []
    assert picked(flat(["Yes."]), method) == [0]
    assert len(picked(flat(["!!!", "???", "..."]), method)) == 3


def test_length_by_ratio_and_by_word_budget() -> None:
    doc = flat(NEWS)
    assert len(summarize(doc, ratio=0.5, method="lead")) == 4  # round(3.5) == 4
    assert len(summarize(doc, ratio=0.01, method="lead")) == 1
    chosen = summarize(doc, sentences=5, words=30, method="lead")
    assert sum(len(doc.sentences[c.index].split()) for c in chosen) <= 30
    # the best sentence stays even when it alone is over the budget
    assert len(summarize(doc, sentences=3, words=2, method="lead")) == 1


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown method"):
        summarize(flat(NEWS), method="nope")


def test_paragraph_length_sets_how_much_position_counts() -> None:
    assert flat(NEWS).sentences_per_paragraph() == 1.0
    assert rank.lead_weight(flat(NEWS)) == 1.0
    assert REPORT.sentences_per_paragraph() == 3.0
    assert rank.lead_weight(REPORT) == 0.0


def test_directed_centrality_matches_the_pairwise_sums() -> None:
    vecs = rank._tfidf(rank._bags(flat(NEWS)))
    got = rank._directed_centrality(vecs, backward=-0.5)
    for i, v in enumerate(vecs):
        later = sum(rank._dot(v, w) for w in vecs[i + 1 :])
        earlier = sum(rank._dot(v, w) for w in vecs[:i])
        assert got[i] == pytest.approx(later - 0.5 * earlier)


def test_sparse_graph_has_every_pair_that_shares_a_word_on_short_texts() -> None:
    vecs = rank._tfidf(rank._bags(flat(NEWS)))
    rows = rank._sparse_rows(vecs, rank.MAX_DF)
    for i, j in itertools.combinations(range(len(vecs)), 2):
        assert rows[i].get(j, 0.0) == pytest.approx(rank._dot(vecs[i], vecs[j]))


@pytest.mark.parametrize("method", ["textrank", "lexrank"])
def test_graph_rankers_on_a_long_text_with_a_very_common_word(method: str) -> None:
    # "report" and "today" are in every sentence: past MAX_DF they are left out of the graph
    sentences = [f"The report mentions topic{i % 7} and topic{i % 11} today." for i in range(300)]
    scores = RANKERS[method]().score(flat(sentences))
    assert len(scores) == 300
    assert max(s.value for s in scores) > min(s.value for s in scores) > 0


@pytest.mark.parametrize(("sentence", "rest"), [
    ("(CNN)The council approved the budget.", "The council approved the budget."),
    ("Seoul, South Korea (CNN)The man was charged.", "The man was charged."),
    ("WASHINGTON (Reuters) - The Senate voted.", "The Senate voted."),
    ("LONDON -- Shares fell sharply.", "Shares fell sharply."),
])
def test_a_wire_dateline_is_left_out_of_the_first_sentence(sentence: str, rest: str) -> None:
    assert sentence[rank.dateline_end(sentence):] == rest


@pytest.mark.parametrize("sentence", [
    "Apple (AAPL) shares rose on Monday.",
    "The (CNN) poll came out.",
    "US -- a surprise for everyone.",
    "Shares fell in London.",
])
def test_ordinary_openings_keep_every_word(sentence: str) -> None:
    assert rank.dateline_end(sentence) == 0


def test_brief_summary_starts_after_the_dateline_and_spans_still_match() -> None:
    from briefcli import build_brief

    text = "Tokyo (CNN)" + " ".join(NEWS)
    brief = build_brief(text, fields=["summary"])
    first = brief.summary[0]
    assert first.text == NEWS[0]
    assert all(text[s.start : s.end] == s.text for s in brief.summary)


def test_sentence_bags_count_each_sentences_terms() -> None:
    from collections import Counter

    sentences = ["Markets fell; markets, it's reported, fell sharply.", "The 2024 budget grew.", "",
                 "Rain didn't stop the marathon runners running."]
    bags = rank._bags(Document(sentences))
    assert bags == [dict(Counter(rank.terms(s))) for s in sentences]
    assert bags[0] == {"market": 2, "fell": 2, "report": 1, "sharp": 1}


def _harman(word: str) -> str:
    """Harman's S-stemmer and the -ing, -ed, -ly endings, rule by rule as the paper has them."""
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        word = word[:-3] + "y"
    elif word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        word = word[:-1]
    elif word.endswith("s") and not word.endswith(("us", "ss")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith(("ed", "ly")):
        return word[:-2]
    return word


@given(st.text(alphabet="aeiosudlyngr", max_size=9))
def test_the_light_stemmer_follows_the_rules_in_order(word: str) -> None:
    assert rank._light_stem(word) == _harman(word)
