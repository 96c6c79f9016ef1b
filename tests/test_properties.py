"""Never crash on any text, and keep the brief's promises: property-based tests over the pipeline.

Each text goes through what `brief summarize` runs (reader → brief → JSON), as stdin text and as a
JSON Lines record. Invariants: summary sentences and figures are verbatim spans of the article body,
entity spans match their text, and the JSON validates against the shipped schema.
"""

import json
from functools import cache
from importlib import resources

import jsonschema
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefcli import extract_entities, split_sentences
from briefcli.batch import Failure, Options, Task, process
from briefcli.reader import parse_text

SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["the", "council", "said", "Mr.", "U.S.", "Dr.", "Smith", "Acme", "Corp.", "on", "Jan.",
         "5", "$3.5", "billion", "40%", "2024", "Paris", "minister", "rose", "fell", "“quoted”",
         "(a", "note)", "e.g.", "3.14", "km", "1,200", "—", "it's", "O'Neil", "A.", "-", "...",
         "?", "!", ".", ",", ";", ":", "\n", "\n\n", "# Heading\n", "date 2024-01-19\n"]

arbitrary = st.text(max_size=3000)
newsy = st.lists(st.sampled_from(WORDS), max_size=400).map(" ".join)
no_punctuation = st.lists(st.text(st.characters(categories=["L"]), min_size=1, max_size=12),
                          min_size=1, max_size=3000).map(" ".join)
huge_line = st.integers(20_000, 120_000).map(lambda n: ("word " * n)[:n])
capitals = newsy.map(str.upper)
numbers = st.lists(st.one_of(st.integers(-10**12, 10**12).map(str),
                             st.floats(allow_nan=False, allow_infinity=False).map(str),
                             st.sampled_from(["1,000", "3.5%", "$2", "10^6", "1e9", "-0", "½"])),
                   min_size=1, max_size=300).map(" ".join)
texts = st.one_of(arbitrary, newsy, no_punctuation, capitals, numbers)


@cache
def schema() -> dict:
    path = resources.files("briefcli") / "data" / "brief.schema.json"
    return json.loads(path.read_text("utf-8"))


def brief_both_ways(text: str) -> list:
    """The results for `text` as piped plain text and as a JSON Lines record."""
    as_text = process(Task("t", "<stdin>", payload=text, kind="stdin"), Options())
    record = json.dumps({"id": "r", "text": text})
    as_record = process(Task("r", "<stdin>:1", payload=record, kind="jsonline", line=1), Options())
    return as_text + as_record


def check(text: str) -> None:
    body = parse_text(text).text
    for result in brief_both_ways(text):
        if isinstance(result, Failure):
            assert not body.strip(), result.error  # only an empty text may fail
            assert "empty" in result.error
            continue
        record = result.to_dict()
        jsonschema.validate(json.loads(json.dumps(record, ensure_ascii=False)), schema())
        for s in result.summary:
            assert body[s.start:s.end] == s.text and s.text.strip()
        for f in result.figures:
            assert body[f.start:f.end] == f.text
    for e in extract_entities(body):
        assert body[e.start:e.end] == e.text and e.kind in ("person", "organization", "place")
    for sentence in split_sentences(body):
        assert sentence in body


@SETTINGS
@given(texts)
@example("Footnote markers¹ and ² digits in other scripts: ٣ ० ① ½ of 1,000.")
def test_any_text_gives_a_valid_brief(text):
    check(text)


@settings(SETTINGS, max_examples=4)
@given(huge_line)
def test_huge_lines_without_punctuation(text):
    check(text)


@SETTINGS
@given(newsy, st.sampled_from(["\r\n", "\r", "\n"]))
def test_line_ends_do_not_change_the_brief(text, newline):
    plain = process(Task("t", "s", payload=text, kind="stdin"), Options())
    other = process(Task("t", "s", payload=text.replace("\n", newline), kind="stdin"), Options())
    assert [r.to_dict() for r in plain] == [r.to_dict() for r in other]
