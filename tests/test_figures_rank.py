"""Ranking key figures: stopping early gives the same list as describing every figure."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli import extract_figures, split_sentences
from briefcli.figures import _KIND_WEIGHT, Figure, describe, rank_figures

REF = date(2024, 1, 19)
SENTENCES = [
    "Sales rose 5% to £3.5bn on 1 May.",
    "About 2,000 migrants arrived in 2023, up from 1,500.",
    "The deal is worth $40m and was signed on Monday.",
    "Three people were hurt.",
    "Prices climbed between 3% and 4% last year.",
    "It weighs 20 kg and costs €15.",
    "He said one in five adults had paid 200 dollars.",
    "A 23-year-old man was held for two hours.",
    "Unemployment fell to 3.9% in March, the lowest since 2001.",
    "There were 12 of them.",
]


def _spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for s in split_sentences(text):
        start = text.index(s, pos)
        spans.append((start, start + len(s)))
        pos = start + len(s)
    return spans


def _every_figure_described(text: str, figures: list[Figure], sentences: list[tuple[int, int]],
                            summary: set[tuple[int, int]], limit: int) -> list[tuple[str, int]]:
    """The plain ranking: describe and score each figure, sort, keep `limit`."""
    scored = []
    for f in figures:
        index = next((i for i, (a, b) in enumerate(sentences) if a <= f.start < b),
                     len(sentences))
        span = sentences[index] if index < len(sentences) else (f.start, f.end)
        context = describe(text, f, span)
        score = _KIND_WEIGHT.get(f.kind, 1.0) + (3.0 if span in summary else 0.0)
        score += 2.0 / (1 + index) + (1.0 if context else 0.0)
        if f.kind == "number" and not context:
            score -= 2.0
        scored.append((-score, f.start, f.text, context))
    scored.sort(key=lambda x: (x[0], x[1]))
    return [(text_, start) for _, start, text_, _ in scored[:limit]]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=12),
       st.integers(min_value=1, max_value=12), st.sets(st.integers(0, 11), max_size=3))
def test_early_stop_ranks_as_describing_every_figure(picked: list[str], limit: int,
                                                     in_summary: set[int]) -> None:
    text = " ".join(picked)
    figures = extract_figures(text, REF)
    sentences = _spans(text)
    summary = {sentences[i] for i in in_summary if i < len(sentences)}
    ranked = rank_figures(text, figures, sentences, summary, limit)
    want = _every_figure_described(text, figures, sentences, summary, limit)
    assert [(f.text, f.start) for f in ranked] == want
    for f in ranked:
        assert f.context == describe(text, f, next(s for s in sentences if s[0] <= f.start < s[1]))


def test_a_long_article_keeps_the_figures_of_its_lead_and_summary() -> None:
    text = " ".join(SENTENCES * 3)
    sentences = _spans(text)
    ranked = rank_figures(text, extract_figures(text, REF), sentences, {sentences[-1]}, 10)
    assert len(ranked) == 10
    assert ranked[0].start < sentences[0][1] or ranked[0].start >= sentences[-1][0]
    assert any(f.start >= sentences[-1][0] for f in ranked)  # the summary's sentence


_VALUES = st.one_of(st.none(), st.floats(allow_nan=False), st.text(max_size=10),
                    st.lists(st.floats(allow_nan=False), min_size=2, max_size=2))


@given(st.tuples(st.sampled_from(sorted(_KIND_WEIGHT)), st.text(max_size=10),
                 st.integers(0, 10**6), st.integers(0, 10**6), _VALUES,
                 st.one_of(st.none(), st.text(max_size=4)), st.text(max_size=12),
                 st.text(max_size=12), st.text(max_size=12), st.booleans()))
def test_the_fast_figure_constructor_builds_what_figure_builds(values: tuple) -> None:
    from briefcli.figures import _figure

    fast, plain = _figure(*values), Figure(*values)
    assert fast == plain and fast.to_dict() == plain.to_dict()
    assert list(vars(fast).items()) == list(vars(plain).items())  # same fields, same order
