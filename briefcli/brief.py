"""The brief: one article's summary, key figures, people, organizations, places and keywords.

`build_brief` runs the pipeline on a text; `brief_article` on an `Article` from the reader.
`Brief.to_dict()` is the JSON object of schema version 1 (see `briefcli/data/brief.schema.json`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from operator import itemgetter

from .entities import Named, Person, extract_entities, group_entities
from .figures import Figure, extract_figures, rank_figures
from .keywords import extract_keywords
from .rank import Document, dateline_end, summarize
from .reader import Article, heading_texts, parse_text
from .segment import sentence_spans
from .tokens import (
    KEEP_LIMIT,
    count_stopwords,
    keep_stream,
    streams_of,
    text_words,
    words,
)

__all__ = ["Brief", "Stats", "SummarySentence", "FIELDS", "build_brief", "brief_article",
           "brief_articles"]

SCHEMA_VERSION = 1
FIELDS = ("summary", "figures", "people", "organizations", "places", "keywords")
WORDS_PER_MINUTE = 230  # a common estimate of adult silent reading speed for prose
MAX_FIGURES = 10
MAX_KEYWORDS = 10


@dataclass(frozen=True)
class Stats:
    words: int
    sentences: int
    reading_minutes: float
    compression: float  # summary words / article words

    def to_dict(self) -> dict[str, object]:
        return {"words": self.words, "sentences": self.sentences,
                "reading_minutes": self.reading_minutes, "compression": self.compression}


@dataclass(frozen=True)
class SummarySentence:
    text: str
    index: int  # position among the article's sentences (headings excluded), from 0
    score: float
    start: int
    end: int
    parts: dict[str, float] = field(default_factory=dict)

    def to_dict(self, explain: bool = False) -> dict[str, object]:
        out: dict[str, object] = {"text": self.text, "index": self.index,
                                  "score": round(self.score, 6), "start": self.start,
                                  "end": self.end}
        if explain:
            out["parts"] = {k: round(v, 6) for k, v in self.parts.items()}
        return out


@dataclass(frozen=True)
class Brief:
    id: str | None
    source: str | None
    title: str | None
    date: str | None
    language: str
    stats: Stats
    sections: list[str]
    summary: list[SummarySentence]
    figures: list[Figure]
    people: list[Person]
    organizations: list[Named]
    places: list[Named]
    keywords: list[str]

    def to_dict(self, explain: bool = False) -> dict[str, object]:
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "language": self.language,
            "stats": self.stats.to_dict(),
            "sections": list(self.sections),
            "summary": [s.to_dict(explain) for s in self.summary],
            "figures": [f.to_dict() for f in self.figures],
            "people": [p.to_dict() for p in self.people],
            "organizations": [o.to_dict() for o in self.organizations],
            "places": [p.to_dict() for p in self.places],
            "keywords": list(self.keywords),
        }


def build_brief(
    text: str,
    *,
    title: str | None = None,
    date: str | None = None,
    sentences: int = 3,
    method: str | None = None,
    words: int | None = None,
    ratio: float | None = None,
    fields: Iterable[str] | None = None,
) -> Brief:
    """Brief one article given as plain text (a leading `date YYYY-MM-DD` line is honoured)."""
    article = parse_text(text, title=title, date=date)
    return brief_article(article, sentences=sentences, method=method, words=words, ratio=ratio,
                         fields=fields)


def brief_article(
    article: Article,
    *,
    sentences: int = 3,
    method: str | None = None,
    words: int | None = None,
    ratio: float | None = None,
    fields: Iterable[str] | None = None,
    reference_date: str | None = None,
) -> Brief:
    """Brief an `Article`; `fields` limits the work to those parts (the rest stay empty).

    The summary has `sentences` sentences, or `ratio` of the article's sentences when given,
    and stays within `words` words when given.
    """
    return brief_articles([article], sentences=sentences, method=method, words=words,
                          ratio=ratio, fields=fields, reference_date=reference_date)[0]


def brief_articles(
    articles: Sequence[Article],
    *,
    sentences: int = 3,
    method: str | None = None,
    words: int | None = None,
    ratio: float | None = None,
    fields: Iterable[str] | None = None,
    reference_date: str | None = None,
) -> list[Brief]:
    """The briefs `brief_article` gives, for several articles at once.

    They are made stage by stage over all the articles rather than article by article: each
    stage's tables (the figure readers', the entity model's) then stay in the processor's
    caches from one article to the next, which makes a batch about 10% faster on news
    articles. The stages that share an article's word stream (summary, keywords, language,
    stats) run together, article by article, as the stream is kept for the last text only.
    """
    want = set(FIELDS if fields is None else fields)
    texts = [_text_stages(a, want, sentences, method, words, ratio) for a in articles]
    figures = [_figures(a, t.spans, t.summary, reference_date) if "figures" in want else []
               for a, t in zip(articles, texts, strict=True)]
    named = want & {"people", "organizations", "places"}
    entities = [group_entities(extract_entities(a.text)) if named else ([], [], [])
                for a in articles]
    return [_assemble(a, t, f, e, want)
            for a, t, f, e in zip(articles, texts, figures, entities, strict=True)]


@dataclass(frozen=True)
class _TextStages:
    """What the stages that read an article's word stream found."""

    spans: list[tuple[int, int, int]]
    summary: list[SummarySentence]
    keywords: list[str]
    language: str
    stats: Stats


def _text_stages(article: Article, want: set[str], sentences: int, method: str | None,
                 words: int | None, ratio: float | None) -> _TextStages:
    spans = _body_sentences(article)
    if ratio is not None:
        sentences = max(1, round(ratio * len(spans)))
    text = article.text
    summary = _summary(article, spans, sentences, method, words) if "summary" in want else []
    keywords = extract_keywords(text, n=MAX_KEYWORDS) if "keywords" in want else []
    return _TextStages(spans, summary, keywords, _language(text),
                       _stats(text, len(spans), summary))


def _assemble(article: Article, found: _TextStages, figures: list[Figure],
              entities: tuple[list[Person], list[Named], list[Named]], want: set[str]) -> Brief:
    people, orgs, places = entities
    return Brief(
        id=article.id,
        source=article.source,
        title=article.title,
        date=article.date,
        language=found.language,
        stats=found.stats,
        sections=heading_texts(article),
        summary=found.summary,
        figures=figures,
        people=people if "people" in want else [],
        organizations=orgs if "organizations" in want else [],
        places=places if "places" in want else [],
        keywords=found.keywords,
    )


def _body_sentences(article: Article) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of every sentence outside headings."""
    out: list[tuple[int, int, int]] = []
    for para, block in enumerate(b for b in article.blocks if not b.heading):
        chunk = article.text[block.start : block.end]
        out.extend((block.start + s, block.start + e, para) for s, e in sentence_spans(chunk))
    return out


def _summary(
    article: Article,
    spans: list[tuple[int, int, int]],
    n: int,
    method: str | None,
    words: int | None,
) -> list[SummarySentence]:
    text = article.text
    dateline: list[tuple[int, int]] = []
    if spans:  # a wire dateline ("Seoul (CNN)") is not part of the first sentence's news
        s, e, p = spans[0]
        cut = dateline_end(text[s:e])
        if cut:
            dateline = [(s, s + cut)]
            spans = [(s + cut, e, p), *spans[1:]]
    sentences = [text[s:e] for s, e, _ in spans]
    streams: list[list[str]] = []
    if len(text) <= KEEP_LIMIT:  # tokenized once, for all stages
        streams = streams_of(text, sentences)
        _share_stream(article, [(s, e) for s, e, _ in spans], streams, dateline)
    doc = Document(sentences, [p for _, _, p in spans], streams)
    chosen = summarize(doc, sentences=n, words=words, method=method)
    return [SummarySentence(doc.sentences[c.index], c.index, c.score, spans[c.index][0],
                            spans[c.index][1], c.parts) for c in chosen]


# Two characters a word can run across: a cut between them may split a word.
_IN_WORD = re.compile(r"[\w'\u2019-]{2}")


def _share_stream(article: Article, spans: list[tuple[int, int]], streams: list[list[str]],
                  extra: list[tuple[int, int]]) -> None:
    """Put the article's `word_stream` together from its sentences' streams, its headings' and
    those of the `extra` spans, and keep it for the keywords, language and stats. Sentences
    and headings cover the text but for white space, which is never part of a word: the stream
    of the whole is that of the pieces with a break for each white-space character other than
    a space or tab between them. Anything else between pieces (never expected) leaves the
    article to be tokenized whole."""
    text = article.text
    others = [(b.start, b.end) for b in article.blocks if b.heading] + extra
    pieces = [(s, e, stream) for (s, e), stream
              in zip(others, streams_of(text, [text[s:e] for s, e in others]), strict=True)]
    pieces += [(s, e, stream) for (s, e), stream in zip(spans, streams, strict=True)]
    pieces.sort(key=itemgetter(0))
    out: list[str] = []
    pos = 0
    for start, end, stream in [*pieces, (len(text), len(text), [])]:
        if start != pos + 1 or text[pos] != " ":  # (one space, the usual gap, adds nothing)
            breaks = _gap_breaks(text, pos, start)
            if breaks is None:
                return
            out += [""] * breaks
        out += stream
        pos = end
    keep_stream(text, tuple(out))


def _gap_breaks(text: str, pos: int, start: int) -> int | None:
    """The breaks `text[pos:start]` adds to a stream, between pieces whose streams are known;
    None if it is not white space between them (a word could run across it)."""
    if start < pos:
        return None
    gap = text[pos:start]
    if gap:
        return len(gap) - gap.count(" ") - gap.count("\t") if gap.isspace() else None
    return None if pos and _IN_WORD.match(text, pos - 1) else 0


def _figures(
    article: Article,
    spans: list[tuple[int, int, int]],
    summary: list[SummarySentence],
    reference_date: str | None,
) -> list[Figure]:
    """Key figures ranked by importance, each with its sentence and what it measures."""
    ref = reference_date or article.date
    found = extract_figures(article.text, Date.fromisoformat(ref) if ref else None)
    sentences = [(s, e) for s, e, _ in spans]
    in_summary = {(s.start, s.end) for s in summary}
    return rank_figures(article.text, found, sentences, in_summary, MAX_FIGURES)


def _stats(text: str, n_sentences: int, summary: list[SummarySentence]) -> Stats:
    n_words = text_words(text).words
    summary_words = sum(len(words(s.text)) for s in summary)
    return Stats(
        words=n_words,
        sentences=n_sentences,
        reading_minutes=round(n_words / WORDS_PER_MINUTE, 1),
        compression=round(summary_words / n_words, 3) if n_words else 0.0,
    )


LANGUAGE_SAMPLE = 5000  # characters: enough words to tell, and a long text costs no more
ENGLISH_SHARE = 0.15  # of words that are English function words
LANGUAGE_PREFIX = 300  # tokens counted first: enough to settle most English texts


def _language(text: str) -> str:
    """"en" when English function words are common enough, else "und" (undetermined)."""
    if len(text) <= LANGUAGE_SAMPLE:  # the whole text's words, shared with other stages
        found = text_words(text)
        toks: Sequence[str] = found.stream
        n = found.words
    else:
        toks = words(text[:LANGUAGE_SAMPLE])
        n = len(toks)
    if n < 8:
        return "en" if count_stopwords(toks) else "und"
    # English prose passes the share early, and the count only grows after that.
    stop = count_stopwords(toks[:LANGUAGE_PREFIX])
    if stop / n < ENGLISH_SHARE:
        stop += count_stopwords(toks[LANGUAGE_PREFIX:])
    return "en" if stop / n >= ENGLISH_SHARE else "und"
