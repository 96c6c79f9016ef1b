"""People with roles, organizations and places: what a reader of the brief would notice."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli import entities as ent
from briefcli import tagger as tg
from briefcli.entities import Entity, Named, Person, extract_entities, group_entities
from briefcli.tokens import STOPWORDS

MEETING = (
    "The talks will be attended by Secretary of State Antony Blinken, Secretary of Homeland "
    "Security Alejandro Mayorkas, White House national security advisor Elizabeth "
    "Sherwood-Randall and Mexican Foreign Secretary Alicia Bárcena."
)


def people(text: str) -> dict[str, str | None]:
    return {e.text: e.role for e in extract_entities(text) if e.kind == "person"}


def kinds(text: str) -> dict[str, str]:
    return {e.text: e.kind for e in extract_entities(text)}


def test_roles_before_the_name_are_kept_out_of_the_name() -> None:
    assert people(MEETING) == {
        "Antony Blinken": "Secretary of State",
        "Alejandro Mayorkas": "Secretary of Homeland Security",
        "Elizabeth Sherwood-Randall": "White House national security advisor",
        "Alicia Bárcena": "Mexican Foreign Secretary",
    }


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("On Monday President Lula da Silva spoke to reporters.", "Lula da Silva", "President"),
        ("He met Senator John Kerry in Boston.", "John Kerry", "Senator"),
        ("Critics including Dr Doug Williams disagreed.", "Doug Williams", "Dr"),
        ("The deal was signed by Acme chief executive Maria Gonzalez in March.",
         "Maria Gonzalez", "Acme chief executive"),
        ("We spoke to Sarah Miller, CEO of Northwind Traders, about the merger.",
         "Sarah Miller", "CEO of Northwind Traders"),
        ("Gen. Mark Milley told Congress the plan had changed.", "Mark Milley", "Gen."),
        ("Later Sen. Rand Paul of Kentucky blocked the bill.", "Rand Paul", "Sen."),
        ("The company said former President Donald Trump would attend.", "Donald Trump",
         "former President"),
    ],
)
def test_role_patterns(text: str, name: str, role: str) -> None:
    assert people(text).get(name) == role


def test_role_after_the_name_goes_to_the_person() -> None:
    text = ("Antony Blinken landed at noon. Blinken, the secretary of state, flew home on "
            "Friday.")
    persons, _, _ = group_entities(extract_entities(text))
    assert [(p.name, p.role, p.mentions) for p in persons] == [
        ("Antony Blinken", "secretary of state", 2)]


def test_a_person_without_a_title_has_no_role() -> None:
    assert people("Yesterday Antony Blinken went to the zoo with his children.") == {
        "Antony Blinken": None}


def test_honorifics_are_neither_name_nor_role() -> None:
    assert people("Later Mr. David Thompson left the building.") == {"David Thompson": None}


def test_surname_merges_with_full_name_and_keeps_the_role() -> None:
    text = ("Secretary of State Antony Blinken arrived in Mexico City on Thursday. "
            "Officials said Blinken would stay for two days, and Blinken later met reporters.")
    persons, _, _ = group_entities(extract_entities(text))
    assert [(p.name, p.role, p.mentions) for p in persons] == [
        ("Antony Blinken", "Secretary of State", 3)]


def test_a_name_found_once_is_the_same_thing_the_next_time() -> None:
    text = ("The film was made by Martin Miyazaki in 2004. Critics said Miyazaki had "
            "outdone himself.")
    persons, _, places = group_entities(extract_entities(text))
    assert [(p.name, p.mentions) for p in persons] == [("Martin Miyazaki", 2)]
    assert places == []


def test_a_camel_cased_single_word_is_not_a_person() -> None:
    found = kinds("Shares in BrightPath rose after the merger was announced.")
    assert found.get("BrightPath") != "person"


def test_country_abbreviations_merge_with_the_country() -> None:
    text = ("Officials from Canada and the United States met in Ottawa. The U.S. delegation "
            "left early, and US exports were not discussed.")
    _, _, places = group_entities(extract_entities(text))
    counts = {p.name: p.mentions for p in places}
    assert counts["United States"] == 3
    assert counts["Canada"] == 1 and counts["Ottawa"] == 1


def test_nationality_adjectives_and_currency_prefixes_are_not_places() -> None:
    found = kinds("Mexican officials and Latin American diplomats asked for US$20 billion.")
    assert "Mexican" not in found and "Latin American" not in found and "US" not in found


def test_organizations_and_places_are_told_apart() -> None:
    found = kinds("She studied at the University of Toronto before joining the World Bank "
                  "in Washington.")
    assert found.get("University of Toronto") == "organization"
    assert found.get("World Bank") == "organization"
    assert found.get("Washington") == "place"


def test_a_place_followed_by_a_plural_is_a_team() -> None:
    found = kinds("On Sunday the Toronto Blue Jays won again in front of 40,000 fans.")
    assert found == {"Toronto Blue Jays": "organization"}


def test_an_acronym_joins_the_organization_it_abbreviates() -> None:
    text = ("Judges at the International Criminal Court in The Hague met on Monday. The ICC said "
            "the case would continue, and an ICC spokesman agreed.")
    _, orgs, places = group_entities(extract_entities(text))
    assert [(o.name, o.mentions) for o in orgs] == [("International Criminal Court", 3)]
    assert [p.name for p in places] == ["The Hague"]


def test_a_dateline_in_capitals_is_a_place_shown_in_title_case() -> None:
    text = "NEW YORK (Wire) - Traders in New York were calm on Friday."
    found = extract_entities(text)
    assert [(e.text, e.kind) for e in found if e.kind == "place"] == [
        ("NEW YORK", "place"), ("New York", "place")]
    _, _, places = group_entities(found)
    assert [(p.name, p.mentions) for p in places] == [("New York", 2)]


def test_camel_cased_news_organization_is_shown_as_two_words() -> None:
    _, orgs, _ = group_entities(extract_entities("According to NBCNews, the talks stalled."))
    assert [o.name for o in orgs] == ["NBC News"]


def test_most_mentioned_come_first() -> None:
    text = ("Talks in Madrid went well. Spain and France agreed; France wanted more, "
            "and France said so.")
    _, _, places = group_entities(extract_entities(text))
    assert places[0].name == "France" and places[0].mentions == 3


def test_names_and_roles_never_span_lines() -> None:
    text = ("Officials met in New\nYork with Antony\nBlinken of the State\nDepartment and "
            "Secretary of\nState Maria Lopez.")
    found = extract_entities(text)
    assert found and all("\n" not in e.text and "\n" not in (e.role or "") for e in found)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("AaBbMx .,\n-'’") + ["Mr. ", "of ", "Secretary ", "Mexico ",
                                                          "US$", "Lee ", "the "]),
                max_size=60).map("".join))
def test_spans_match_the_text_and_stay_on_one_line(text: str) -> None:
    for e in extract_entities(text):
        assert isinstance(e, Entity)
        assert text[e.start:e.end] == e.text
        assert e.text.strip() == e.text and "\n" not in e.text
        assert e.kind in ("person", "organization", "place")


def test_entities_equal_ones_built_the_ordinary_way() -> None:
    found = extract_entities(MEETING)
    assert found == [Entity(e.kind, e.text, e.start, e.end, e.role) for e in found]
    assert {e.to_dict()["text"] for e in found} >= {"Antony Blinken", "Alejandro Mayorkas"}
    with pytest.raises(AttributeError):
        found[0].text = "changed"  # type: ignore[misc]
    people, orgs, places = group_entities(found)
    assert people and people == [Person(p.name, p.role, p.mentions) for p in people]
    assert orgs + places == [Named(n.name, n.mentions) for n in orgs + places]
    with pytest.raises(AttributeError):
        people[0].name = "changed"  # type: ignore[misc]


def test_empty_and_plain_text_give_nothing() -> None:
    assert extract_entities("") == []
    assert extract_entities("no names here, only lower-case words.") == []


def test_model_ships_as_small_json() -> None:
    path = resources.files("briefcli") / "data" / "entities" / "model.json"
    raw = path.read_bytes()
    assert len(raw) < 10_000_000
    model = json.loads(raw)
    assert set(model) == {"field", "scale", "tags", "templates"}
    rows = [row for table in model["templates"].values() for row in table.values()]
    assert len(rows) > 10_000 and all(isinstance(row, int) for row in rows)


_ROW = st.lists(st.integers(-(2 ** 29), 2 ** 29), min_size=9, max_size=9)  # (sums fit a field)


@given(_ROW, _ROW)
def test_packed_rows_give_back_their_weights_and_add_as_rows(a: list[int], b: list[int]) -> None:
    assert tg.weights(tg.pack(a)) == tuple(a)
    assert tg.weights(tg.pack(a) + tg.pack(b)) == tuple(x + y for x, y in zip(a, b, strict=True))


def test_tagger_scores_fit_its_packed_fields() -> None:
    """`Tagger.tag` packs score * TIE + rank in 32-bit fields and marks likely names with NOT_O:
    the largest possible score (the largest weight of each feature template, seven times for
    the templates that fire once per lexicon flag) must leave both far apart."""
    largest: dict[str, int] = {}
    for template, table in tg.tagger().rows.items():
        for row in table.values():
            largest[template] = max(largest.get(template, 0), *map(abs, tg.weights(row)))
    bound = sum(w * (7 if t in ("g", "sg", "pg", "ng") else 1) for t, w in largest.items())
    assert tg.TIE * (bound + 1) < 2 ** 27


def _training_script() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "scripts" / "train_entities.py"
    spec = importlib.util.spec_from_file_location("train_entities", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CONLL = """Maria\tB-person
Lopez\tI-person
visited\tO
Lisbon\tB-location
with\tO
Acme\tB-corporation
staff\tO
.\tO
\t
The\tO
#Rangers\tB-group
beat\tO
@Boston\tB-group
http://t.co/x\tO
"""


def test_training_reads_conll_maps_labels_and_is_deterministic(tmp_path: Path) -> None:
    train = _training_script()
    path = tmp_path / "tiny.conll"
    path.write_text(CONLL, encoding="utf-8")
    sentences = [s for s in map(train.as_prose, train.read_conll(path)) if s]
    assert sentences[0][1][:6] == ["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"]
    assert sentences[1] == (["The", "Rangers", "beat", "Boston"], ["O", "B-ORG", "O", "B-ORG"])
    first = train.train(sentences * 3, epochs=2)
    assert first and first == train.train(sentences * 3, epochs=2)


def test_a_trained_model_file_gives_the_tagger_its_weights(tmp_path: Path) -> None:
    """model.json as the training script writes it: each feature's weights, in thousandths,
    are what the tagger adds up for that feature."""
    train = _training_script()
    path = tmp_path / "tiny.conll"
    path.write_text(CONLL, encoding="utf-8")
    weights = train.train([s for s in map(train.as_prose, train.read_conll(path)) if s] * 3,
                          epochs=2)
    model = json.loads(train.model_json(weights))
    assert model["tags"] == list(tg.TAGS) and model["field"] == tg.FIELD
    tagger = tg.Tagger(model["templates"])
    for feature, row in weights.items():
        expected = tuple(round(row.get(t, 0) * tg.SCALE) for t in tg.TAGS)
        assert tg.weights(tagger.weight(feature)) == expected
    assert tagger.weight("w=not-a-feature-of-the-model") == 0


TRICKY = (
    "Mr. and Mrs. J. R. Smith Jr. of Washington, D.C., met Gen. Lee vs. the U.S. Army's "
    "O'Brien at AT&T Inc. in St. Louis. \"Don't,\" she said -- it's 5.5% (U.K.) at 8 p.m.\n"
    "NEW YORK \u2014 Sherwood-Randall's team\u2019s plan; Ft. Worth & Co. \u00c9mile Zola."
)


def test_fast_tokenizer_cuts_like_the_full_pattern() -> None:
    for text in (TRICKY, MEETING, TRICKY.upper(), TRICKY.lower()):
        assert [text[s:e] for s, e in tg.tokenize(text)] == tg.TOKEN.findall(text)
    text = "Mail jo.smith@example.com or see https://example.com/a?b=1."
    assert [text[s:e] for s, e in tg.tokenize(text)] == [
        "Mail", "jo.smith@example.com", "or", "see", "https://example.com/a?b=1", "."]


_PIECES = [*"aAsSvV09._-&'\u2019 \n,;:!?()\"\u201c\u201d\u00e9_\u0301\u00b2#",
           "Mr", "vs", "Inc", "U.S.", "'s ", "D. ", "Lee"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_fast_tokenizer_cuts_any_plain_text_like_the_full_pattern(text: str) -> None:
    assert [text[s:e] for s, e in tg.tokenize(text)] == tg.TOKEN.findall(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["\n", "\n\n", " ", "A", "b.", "Mr. ", "x@y.z ", ","]),
                max_size=25).map("".join))
def test_line_starts_agree_with_line_breaks(text: str) -> None:
    spans = tg.tokenize(text)
    breaks = tg.line_breaks(text, spans)
    assert tg.line_starts(text, tg.cut(text)[0]) == [k for k, b in enumerate(breaks) if b]
    lines = tg.line_starts(text, tg.cut(text)[0])
    assert tg.opens([text[s:e] for s, e in spans], lines) == tg.sentence_starts(text, spans)


def _reference_tags(info: tg.SentenceInfo) -> list[str]:
    """Greedy decoding feature by feature, as in training."""
    model, tags = tg.tagger(), []
    prev, prev2 = "O", "O"
    for i, word in enumerate(info.words):
        tag = "O"
        if tg.is_candidate(word, prev):
            likely = info.starts[i] and tg._unknown_word(info, i)
            tag = tg.fix_tag(model.best(tg.features(info, i, prev, prev2), likely), prev)
        tags.append(tag)
        prev2, prev = prev, tag
    return tags


def test_tagging_from_cached_pieces_equals_feature_by_feature_scoring() -> None:
    for text in (MEETING, TRICKY, "Leonardo da Vinci and the Bank of America in Rio de Janeiro."):
        spans = tg.tokenize(text)
        words = [text[s:e] for s, e in spans]
        info = tg.sentence_features(words, tg.sentence_starts(text, spans), tg.lexicon())
        tags = tg.tagger().tag(info)
        assert tags == _reference_tags(info)
        assert any(t != "O" for t in tags)


_NEWSY = ["Mr. ", "Secretary ", "of ", "the ", "de ", "Bank ", "America ", "New ", "York ",
          "Leonardo ", "said ", "Apple ", "U.S. ", "NATO ", "\n", ". ", ", ", "\"", "Lee ",
          "Obama ", "in ", "Paris ", "and ", "van ", "Gogh ", "x@y.org ", "BBC ", "Zxqv "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_NEWSY), max_size=40).map("".join))
def test_tagging_any_text_equals_feature_by_feature_scoring(text: str) -> None:
    spans = tg.tokenize(text)
    words = [text[s:e] for s, e in spans]
    info = tg.sentence_features(words, tg.sentence_starts(text, spans), tg.lexicon())
    assert tg.tagger().tag(info) == _reference_tags(info)
    if "@" not in text and "/" not in text:  # (no word to look at for an address)
        unlooked = tg.sentence_features(words, info.starts, tg.lexicon(), addresses=False)
        assert unlooked.candidates == info.candidates


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["\n", " ", "A", "b.", "Mr. ", "(", "\"", "x", ":", "-"]),
                max_size=25).map("".join), st.data())
def test_sentence_openers_found_where_asked_equal_the_full_list(text: str, data: st.DataObject
                                                                ) -> None:
    ends, words = tg.cut(text)
    lines = tg.line_starts(text, ends)
    full = tg.opens(words, lines)
    asked = tg.Opens(words, lines)
    asked.find(sorted(data.draw(st.sets(st.integers(0, max(len(words) - 1, 0))))) if words else [])
    assert [asked[i] for i in range(len(words))] == full


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ09.-'\u00e9\u00c9_ &")), max_size=12))
def test_word_shapes_are_character_classes_with_runs_capped_at_two(word: str) -> None:
    classes = ["X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
               for c in word]
    capped = [c for k, c in enumerate(classes)
              if k < 2 or not c == classes[k - 1] == classes[k - 2]]
    assert tg.shape(word) == "".join(capped)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Ann", "Lee", "Smith", " ", "\t", "\n", "\u00a0", "\u2009",
                                 "\u3000", "\x1c"]), min_size=1, max_size=8).map("".join))
def test_names_are_shown_on_one_line_with_single_spaces(text: str) -> None:
    people, _, _ = group_entities([Entity("person", text, 0, len(text))])
    assert [p.name for p in people] == [re.sub(r"\s+", " ", text).strip()]


def _plain_word(word: str) -> dict[str, object]:
    """What the rules ask about a word (`entities.Word`), stated one field at a time."""
    lex, lw = tg.lexicon(), word.lower()
    flags = tg.SHAPE_FLAGS[word][1]
    location_words, _ = ent._word_lists()
    cap = word[:1].isupper()
    title = lw in lex.titles or lw + "." in lex.titles
    modifier = lw in lex.modifiers
    title_word = lw in ent.HONORIFICS or title or modifier or "D" in flags
    free = (cap and not title and lw not in ent.CALENDAR and lw not in ent.HONORIFICS
            and lw not in STOPWORDS and word not in ("I", "I'm")
            and not any(ch.isdigit() for ch in word))
    return {"lower": lw, "flags": flags, "cap": cap, "title": title, "modifier": modifier,
            "title_word": title_word, "function": lw in STOPWORDS and lw != "the",
            "free": free, "free_person": free and not title_word,
            "head": "O" in flags or lw in location_words or lw in ent._misc_words(),
            "role": title or modifier or "D" in flags,
            "role_cap": cap and lw not in ent.HONORIFICS and lw not in ent.CALENDAR}


_RULE_WORDS = ["the", "The", "Mr.", "mr", "Dr", "President", "president", "Gen.", "gen", "Senior",
               "French", "Americans", "Monday", "MAY", "May", "I", "I'm", "of", "Of", "and",
               "Street", "University", "Cup", "Apple", "Obama", "F1", "2024", "Ahmed", "said",
               "CEO", "ceo", "Deputy", "X"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_RULE_WORDS), st.sampled_from([str, str.upper, str.lower, str.title]))
def test_rule_facts_of_a_word_are_its_plain_definitions(word: str, case: Callable[[str], str]
                                                        ) -> None:
    word = case(word)
    got = ent.Word(word)
    assert {field: getattr(got, field) for field in ent.Word.__slots__} == _plain_word(word)


def _plain_no_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """By start, longest first; a span that overlaps one kept is dropped."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(1, 4)), max_size=12))
def test_overlapping_mentions_keep_the_earliest_and_longest(spans: list[tuple[int, int]]
                                                             ) -> None:
    mentions = [ent.Mention(start, start + n, "PER") for start, n in spans]
    kept = ent._no_overlaps(mentions)
    assert [(m.start, m.end) for m in kept] == _plain_no_overlaps(
        [(start, start + n) for start, n in spans])
    assert all(any(k is m for m in mentions) for k in kept)  # (the mentions themselves)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["University", "of", "Texas", "Mr", ".", "said", ",", "the",
                                 "\n"]), max_size=12).map(" ".join))
def test_the_rules_read_the_empty_word_up_to_two_tokens_past_either_end(text: str) -> None:
    doc = ent._doc(text)
    for i in range(-2, doc.size + 2):
        plain = doc.words[i] if 0 <= i < doc.size else ""
        assert ent.WORDS[doc.padded[i]] is ent.WORDS[plain]
