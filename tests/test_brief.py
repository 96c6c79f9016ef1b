import json
from importlib import resources

import jsonschema
import pytest

from briefcli import build_brief
from briefcli.brief import FIELDS

SCHEMA = json.loads((resources.files("briefcli") / "data" / "brief.schema.json").read_text())

ARTICLE = """Flood defences fail in river town

date 2024-03-04 is not a date line here because it is not first.

Heavy rain overnight pushed the river over its banks in Millbrook, forcing 2,000 residents from
their homes. The council said repairs would cost £3.5m.

Officials expect the water to fall by Friday. Insurers warned that claims could rise by 12% this
year.
"""


def test_seed_brief_essentials(seed_text):
    brief = build_brief(seed_text)
    d = brief.to_dict()
    assert d["date"] == "2024-01-19"
    assert d["sections"] == [
        "The US and Mexico aim to resolve the causes of migration",
        "Migration, a sensitive issue, faces internal political challenges in the United States "
        "and Mexico",
    ]
    assert len(d["summary"]) == 3
    for s in d["summary"]:
        assert s["text"] in seed_text
        assert s["text"] not in d["sections"]
    money = [f for f in d["figures"] if f["kind"] == "money"]
    assert money and money[0]["display"] == "US$20 billion" and money[0]["unit"] == "USD"


def test_summary_offsets_point_at_the_body(seed_text):
    brief = build_brief(seed_text)
    body = seed_text.split("2024-01-19 ", 1)[1]
    for s in brief.summary:
        assert body[s.start:s.end] == s.text


def test_every_key_present_and_schema_valid(seed_text):
    d = build_brief(seed_text).to_dict()
    jsonschema.validate(d, SCHEMA)
    assert d["schema_version"] == 1


def test_fields_limit_the_work():
    d = build_brief(ARTICLE, fields=["summary"]).to_dict()
    assert d["summary"]
    for name in FIELDS:
        if name != "summary":
            assert d[name] == []
    jsonschema.validate(d, SCHEMA)


def test_sentences_words_and_ratio_set_the_length():
    assert len(build_brief(ARTICLE, sentences=1).summary) == 1
    assert len(build_brief(ARTICLE, sentences=10).summary) == build_brief(ARTICLE).stats.sentences
    short = build_brief(ARTICLE, sentences=5, words=30)
    assert sum(len(s.text.split()) for s in short.summary) <= 30 or len(short.summary) == 1
    assert len(build_brief(ARTICLE, ratio=0.5).summary) == round(0.5 * short.stats.sentences)


def test_summary_is_in_article_order():
    idx = [s.index for s in build_brief(ARTICLE, sentences=4).summary]
    assert idx == sorted(idx)


def test_title_and_date_arguments():
    brief = build_brief("Just one sentence here.", title="T", date="2020-02-02")
    assert brief.title == "T" and brief.date == "2020-02-02"


@pytest.mark.parametrize("text", ["", "   \n\n ", "....", "1 2 3", "ÄÖÜ ÄÖÜ"])
def test_odd_texts_do_not_crash(text):
    d = build_brief(text).to_dict()
    jsonschema.validate(d, SCHEMA)


def test_stats_are_consistent():
    b = build_brief(ARTICLE)
    assert b.stats.words > 40
    assert 0 < b.stats.compression <= 1
    assert b.language == "en"
    assert build_brief("Der Hund läuft schnell über die Straße und bellt laut.").language == "und"


def test_seed_brief_who_and_when(seed_text):
    """The seed's acceptance: four officials with roles, the organizations, places and dates."""
    d = build_brief(seed_text).to_dict()
    assert {(p["name"], p["role"]) for p in d["people"]} == {
        ("Antony Blinken", "Secretary of State"),
        ("Alejandro Mayorkas", "Secretary of Homeland Security"),
        ("Elizabeth Sherwood-Randall", "White House national security advisor"),
        ("Alicia Bárcena", "Mexican Foreign Secretary"),
    }
    assert {o["name"] for o in d["organizations"]} == {"White House", "NBC News"}
    assert {p["name"] for p in d["places"]} == {
        "Mexico", "United States", "Washington", "Latin America", "Venezuela", "Guatemala"}
    dates = {f["text"]: f["value"] for f in d["figures"] if f["kind"] == "date"}
    assert dates["this Friday"] == "2024-01-19"
    assert dates["December"] == "2023-12"
    assert dates["November"] == "2024-11"


@pytest.mark.parametrize("text", [
    "# Storm hits coast\n\nLONDON -- The storm hit the coast on Monday. Roads closed.\n\n"
    "## What next\n\nCrews will clear the roads.\n\n- one item\n- two items",
    "Seoul, South Korea (CNN)The man was held. He said:\u00a0\"No.\"\n\nOfficials  agreed.",
    "well-\nknown words split. Then a glued.Sentence follows\n\n\n  and a tail",
])
def test_the_article_is_tokenized_once_with_the_same_words(text):
    # The summary puts the article's word stream together from its sentences; keywords,
    # language and stats read it: it must be the stream of the whole text.
    from briefcli import tokens
    from briefcli.brief import _body_sentences, _summary
    from briefcli.reader import parse_text

    article = parse_text(text)
    _summary(article, _body_sentences(article), 3, None, None)
    kept = tokens._last
    assert kept.text == article.text
    assert kept.stream == tuple(tokens.WORD_OR_BREAK.findall(article.text))


BATCH = [
    "Acme Corp said on Monday it would cut 1,200 jobs, about 8% of its staff, by March 2025. "
    "Chief executive Jane Porter blamed falling sales in Germany.\n\nShares fell 3.5% in London.",
    "Rain again.",
    "THE COUNCIL VOTED 7-2 TO RAISE FEES BY $15 A MONTH",
    "Paris hosted 10,500 athletes in 2024. Mayor Anne Hidalgo swam in the Seine on 17 July. "
    "The games cost about EUR 9bn, officials said.",
    "no punctuation at all just words running on and on about markets and prices",
]


@pytest.mark.parametrize("options", [{}, {"sentences": 1, "fields": ["summary", "figures"]},
                                     {"ratio": 0.5, "reference_date": "2024-08-01"}])
def test_briefs_made_together_are_the_briefs_made_one_by_one(options):
    from briefcli.brief import brief_article, brief_articles
    from briefcli.reader import parse_text

    articles = [parse_text(text) for text in BATCH]
    together = brief_articles(articles, **options)
    alone = [brief_article(article, **options) for article in articles]
    assert [b.to_dict(explain=True) for b in together] == [b.to_dict(explain=True) for b in alone]
    assert len({json.dumps(b.to_dict()) for b in together}) == len(BATCH)  # each its own
