"""Sentence rankers behind one small interface, looked up by name in `RANKERS`.

A ranker scores every sentence of a `Document`; `summarize` picks the best within a length budget
and returns them in document order. Each score carries its parts so `--explain` can show why.

Every ranker runs in time linear in the text, or close to it: the default and `centroid` need
only running sums of sentence vectors; the graph rankers (`textrank`, `lexrank`) build their
similarity graph from an inverted index that leaves out words too common to tell sentences apart
on a long text, so 20,000 sentences never make 200 million pairs.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from operator import mul, ne, truediv

from .tokens import WORD, content_word

__all__ = ["Document", "Score", "Choice", "Ranker", "RANKERS", "DEFAULT_METHOD", "summarize",
           "dateline_end"]

Vector = dict[str, float]


@dataclass(frozen=True)
class Document:
    """Sentences of an article (headings excluded) with the paragraph each stands in."""

    sentences: list[str]
    paragraphs: list[int] = field(default_factory=list)
    # Each sentence's `tokens.word_stream`, when the caller has tokenized them already (the
    # brief tokenizes its article once for all stages); else the rankers do.
    streams: Sequence[Sequence[str]] = field(default_factory=list, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.sentences)

    def sentences_per_paragraph(self) -> float:
        """Mean paragraph length in sentences; 1.0 for text without paragraph breaks, which we
        read as news copy whose one-sentence paragraphs were run together."""
        count = len(set(self.paragraphs))
        return len(self.sentences) / count if count > 1 else 1.0


@dataclass(frozen=True)
class Score:
    value: float
    parts: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Choice:
    index: int
    score: float
    parts: dict[str, float] = field(default_factory=dict)


class Ranker:
    """Base class: subclasses set `name` and implement `score`.

    `redundancy` is the MMR weight (Carbonell & Goldstein, 1998) used when picking: a candidate
    loses that much times its highest cosine with a sentence already picked. 0 picks by score.
    """

    name = ""
    redundancy = 0.0

    def score(self, doc: Document) -> list[Score]:
        raise NotImplementedError

    def vectors(self, doc: Document) -> list[Vector]:
        """Unit TF-IDF vectors of the sentences, for the redundancy check."""
        return _tfidf(_bags(doc))

    def vector_of(self, doc: Document) -> Callable[[int], Vector]:
        """Sentence index -> its vector of `vectors`; the redundancy check reads only a few."""
        return self.vectors(doc).__getitem__


# ---------------------------------------------------------------- vectors


def _light_stem(word: str) -> str:
    """Harman's S-stemmer (1991) and the -ing, -ed, -ly endings: enough to match word forms
    between sentences, and it spares the summary the import of nltk's Snowball (about a second
    of start-up) for a fraction of a ROUGE point."""
    if word.endswith("s"):  # (the S-stemmer's endings all end so: most words skip it)
        if word.endswith("ies") and not word.endswith(("eies", "aies")):
            word = word[:-3] + "y"
        elif word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
            word = word[:-1]
        elif not word.endswith(("us", "ss")):
            word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith(("ed", "ly")):
        return word[:-2]
    return word


class _TermCache(dict[str, str]):
    """Word as written -> its term ("" for stopwords and numbers), computed on first sight."""

    limit = 200_000

    def __missing__(self, word: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        low = _content_word(word)
        # Interned, and the key itself when the word is its own term: a look-up then reads
        # one string object in memory, not two (and bags compare terms by identity).
        term = sys.intern(_light_stem(low)) if low else ""
        self[term if term == word else word] = term
        return term


_TERMS = _TermCache()
# (This cache keeps each word's term: content_word's own cache would only keep it twice.)
_content_word = content_word.__wrapped__


def terms(sentence: str) -> list[str]:
    """The content words of a sentence, lower-cased and lightly stemmed, as rankers compare them."""
    return _terms_of(WORD.findall(sentence))


def _terms_of(words: Sequence[str]) -> list[str]:
    """`terms` of a sentence's words (or its word stream: a "" for a break is no term)."""
    return list(filter(None, map(_TERMS.__getitem__, words)))


Bag = dict[str, int]  # term -> count, in order of first use


def _bags(doc: Document) -> list[Bag]:
    """Each sentence's bag of terms, built in C-level maps over the sentences."""
    streams = doc.streams or list(map(WORD.findall, doc.sentences))
    found = list(map(list, map(filter, repeat(None), map(map, repeat(_TERMS.__getitem__),
                                                         streams))))
    bags = list(map(dict.fromkeys, found, repeat(1)))
    # Most sentences use each term once; count only where one repeats.
    for i in compress(range(len(bags)), map(ne, map(len, bags), map(len, found))):
        bags[i] = dict(Counter(found[i]))
    return bags


class _TermFrequency(dict[int, float]):
    """Sublinear term frequency 1 + log(count), computed once per count."""

    def __missing__(self, count: int) -> float:
        value = self[count] = 1.0 + math.log(count)
        return value


_TF = _TermFrequency()


def _tfidf(bags: list[Bag], df: Counter[str] | None = None) -> list[Vector]:
    """Unit-length TF-IDF vectors, sublinear tf, IDF over the document's own sentences.
    `df`: the sentences each term is in, when the caller has counted them."""
    vector = _LazyVectors(bags, df).vector
    return [vector(i) for i in range(len(bags))]


class _LazyVectors:
    """The `_tfidf` vectors of a document, each computed when first asked for."""

    def __init__(self, bags: list[Bag], df: Counter[str] | None = None) -> None:
        self.bags = bags
        self.df = Counter(chain.from_iterable(bags)) if df is None else df
        # The IDF depends only on the count, and few counts occur: one log per count.
        n = len(bags)
        self.idf = {c: math.log((1 + n) / (1 + c)) + 1.0 for c in set(self.df.values())}
        self.done: dict[int, Vector] = {}

    def vector(self, i: int) -> Vector:
        v = self.done.get(i)
        if v is None:
            bag = self.bags[i]
            idf = map(self.idf.__getitem__, map(self.df.__getitem__, bag))
            v = self.done[i] = _unit_weights(bag, idf)
        return v


def _unit_weights(bag: Bag, idf: Iterable[float]) -> Vector:
    """`_unit` of the bag's TF-IDF weights (`idf`: of its terms, in order), in C-level maps."""
    ws = list(map(mul, map(_TF.__getitem__, bag.values()), idf))
    norm = math.sqrt(sum(map(mul, ws, ws)))
    return dict(zip(bag, map(truediv, ws, repeat(norm)), strict=True)) if norm else {}


def _unit(v: Vector) -> Vector:
    ws = list(v.values())
    norm = math.sqrt(sum(map(mul, ws, ws)))
    return dict(zip(v, map(truediv, ws, repeat(norm)), strict=True)) if norm else {}


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


def _add(total: Vector, v: Vector) -> None:
    for t, w in v.items():
        total[t] = total.get(t, 0.0) + w


def _rescale(values: list[float]) -> list[float]:
    """Min-max to [0, 1] so that scores of different kinds can be mixed."""
    lo, hi = min(values, default=0.0), max(values, default=0.0)
    return [(v - lo) / (hi - lo) if hi > lo else 0.0 for v in values]


# ---------------------------------------------------------------- simple rankers


class LeadRanker(Ranker):
    """The first sentences first: the news baseline (Lead-N)."""

    name = "lead"

    def score(self, doc: Document) -> list[Score]:
        return [Score(1.0 / (i + 1), {"position": 1.0 / (i + 1)}) for i in range(len(doc))]


class CentroidRanker(Ranker):
    """Cosine of each sentence's TF-IDF vector with the document centroid (Radev et al., 2004)."""

    name = "centroid"

    def score(self, doc: Document) -> list[Score]:
        vecs = _tfidf(_bags(doc))
        centroid: Vector = {}
        for v in vecs:
            _add(centroid, v)
        centroid = _unit(centroid)
        return [Score(c, {"centrality": c}) for c in (_dot(v, centroid) for v in vecs)]


# ---------------------------------------------------------------- graph rankers


def _sparse_rows(vecs: list[Vector], max_df: int) -> list[dict[int, float]]:
    """Dot products of sentence pairs that share a word, from an inverted index.

    Words in more than `max_df` sentences are left out: on a short text none is, and on a long
    one such words carry little weight while their pairs would grow with the square of the text.
    Row i holds the partners j > i.
    """
    postings: dict[str, list[int]] = {}
    for i, v in enumerate(vecs):
        for t in v:
            postings.setdefault(t, []).append(i)
    rows: list[dict[int, float]] = [{} for _ in vecs]
    for t, ids in postings.items():
        if len(ids) > max_df:
            continue
        for k, i in enumerate(ids):
            wi, row = vecs[i][t], rows[i]
            for j in ids[k + 1 :]:
                row[j] = row.get(j, 0.0) + wi * vecs[j][t]
    return rows


def _graph(rows: list[dict[int, float]], top_k: int) -> list[dict[int, float]]:
    """Symmetric adjacency keeping each node's `top_k` strongest edges (bounded memory)."""
    adj: list[dict[int, float]] = [{} for _ in rows]
    for i, row in enumerate(rows):
        for j, w in row.items():
            adj[i][j] = w
            adj[j][i] = w
    for i, nbrs in enumerate(adj):
        if len(nbrs) > top_k:
            adj[i] = dict(sorted(nbrs.items(), key=lambda kv: -kv[1])[:top_k])
    return adj


def _pagerank(adj: list[dict[int, float]], damping: float = 0.85, iters: int = 50,
              tol: float = 1e-4) -> list[float]:
    """Weighted PageRank by power iteration; dangling nodes spread their rank evenly.

    The graph is undirected, so without damping the walk settles on weighted degree; starting
    there instead of uniform leaves only the damping's correction, a few rounds on any size."""
    n = len(adj)
    out = [sum(nbrs.values()) for nbrs in adj]
    total = sum(out)
    rank = [o / total for o in out] if total > 0 else [1.0 / n] * n
    for _ in range(iters):
        dangling = sum(r for r, o in zip(rank, out, strict=True) if o <= 0)
        new = [(1.0 - damping + damping * dangling) / n] * n
        for i, nbrs in enumerate(adj):
            if out[i] > 0:
                share = damping * rank[i] / out[i]
                for j, w in nbrs.items():
                    new[j] += share * w
        delta = sum(abs(a - b) for a, b in zip(new, rank, strict=True))
        rank = new
        if delta < tol:
            break
    return rank


MAX_DF = 64  # see _sparse_rows
TOP_K = 16  # edges kept per sentence in the graph rankers


class TextRanker(Ranker):
    """TextRank (Mihalcea & Tarau, 2004): PageRank over sentences linked by shared words,
    normalised by sentence length: |Si ∩ Sj| / (log |Si| + log |Sj|)."""

    name = "textrank"

    def score(self, doc: Document) -> list[Score]:
        bags = _bags(doc)
        sets = [{t: 1.0 for t in bag} for bag in bags]
        lengths = [math.log(sum(bag.values())) if bag else 0.0 for bag in bags]
        rows = _sparse_rows(sets, MAX_DF)
        for i, row in enumerate(rows):
            for j in list(row):
                norm = lengths[i] + lengths[j]
                row[j] = row[j] / norm if norm > 0 else 0.0
        rank = _pagerank(_graph(rows, TOP_K))
        return [Score(r, {"centrality": r}) for r in rank]


class LexRanker(Ranker):
    """LexRank (Erkan & Radev, 2004): PageRank over sentences whose TF-IDF cosine passes 0.1."""

    name = "lexrank"
    threshold = 0.1

    def score(self, doc: Document) -> list[Score]:
        rows = _sparse_rows(_tfidf(_bags(doc)), MAX_DF)
        for row in rows:
            for j in [j for j, w in row.items() if w < self.threshold]:
                del row[j]
            for j in row:
                row[j] = 1.0
        rank = _pagerank(_graph(rows, TOP_K))
        return [Score(r, {"centrality": r}) for r in rank]


# ---------------------------------------------------------------- the default


def _directed_centrality(vecs: list[Vector], backward: float) -> list[float]:
    """PacSum's position-aware degree (Zheng & Lapata, 2019) without its edge threshold:
    similarity to later sentences counts fully, to earlier ones `backward` times. A sentence
    that later ones elaborate on is the news. With no threshold the sums over j > i and j < i
    are dot products with running sums of the vectors, so it is linear in the text."""
    total: Vector = {}
    for v in vecs:
        _add(total, v)
    before: Vector = {}  # the sum of the vectors of the sentences before this one
    out = []
    for v in vecs:
        earlier = others = 0.0
        for t, w in v.items():
            b = before.get(t, 0.0)
            earlier += w * b
            others += w * (total[t] - w)
            before[t] = b + w
        out.append(others - earlier + backward * earlier)
    return out


def _frequency_centrality(bags: list[Bag], df: Counter[str] | None = None) -> list[float]:
    """Cosine of each sentence's word counts with the document's: sentences dense in the words
    the article repeats most (Luhn, 1958; Nenkova & Vanderwende, 2005). `df` as for `_tfidf`.
    (Counts are integers, so every sum here is exact in any order.)"""
    total = Counter(chain.from_iterable(bags)) if df is None else df
    lengths = list(map(len, bags))
    uses = list(map(sum, map(dict.values, bags)))
    if uses != lengths:  # some sentence repeats a term: the article's counts are its uses
        total = Counter(total)
        for bag, k, u in zip(bags, lengths, uses, strict=True):
            if u > k:
                for t, c in bag.items():
                    total[t] += c - 1
    counts = list(total.values())
    norm = math.sqrt(sum(map(mul, counts, counts))) or 1.0
    out = []
    for bag, k, u in zip(bags, lengths, uses, strict=True):
        if u == k:  # each term once: the squared length is the size, the dot product a sum
            out.append(sum(map(total.__getitem__, bag)) / (math.sqrt(k) * norm) if k else 0.0)
            continue
        cs = list(bag.values())
        size = math.sqrt(sum(map(mul, cs, cs)))
        out.append(sum(map(mul, cs, map(total.__getitem__, bag))) / (size * norm))
    return out


SHORT_WORDS = 6  # fewer words than this: a fragment, a hook or a dateline, rarely the news
SHORT_FACTOR = 0.55
QUESTION_FACTOR = 0.75  # a question raises the news but does not tell it


def _quality(sentence: str, n_words: int) -> float:
    q = SHORT_FACTOR if n_words < SHORT_WORDS else 1.0
    if sentence.rstrip("\"'\u201d\u2019) ").endswith("?"):
        q *= QUESTION_FACTOR
    return q


def lead_weight(doc: Document) -> float:
    """How much the inverted pyramid is trusted, from paragraph length: news copy runs one or two
    sentences a paragraph and puts the news first; reports and features write longer paragraphs
    where the opening is less privileged. 1 up to 1.5 sentences a paragraph, 0 from 2.5."""
    return min(1.0, max(0.0, 2.5 - doc.sentences_per_paragraph()))


class NewsRanker(Ranker):
    """The default: position-aware centrality blended with frequency centrality by register,
    sentence quality (fragments and questions lose), and MMR against repeats."""

    name = "news"
    redundancy = 0.3
    backward = -0.5  # PacSum's lambda for edges to earlier sentences

    def __init__(self) -> None:
        self._vectors: tuple[Document, _LazyVectors] | None = None

    def vector_of(self, doc: Document) -> Callable[[int], Vector]:
        if self._vectors is not None and self._vectors[0] is doc:
            return self._vectors[1].vector
        return super().vector_of(doc)

    def score(self, doc: Document) -> list[Score]:
        bags = _bags(doc)
        weight = lead_weight(doc)
        df = Counter(chain.from_iterable(bags))
        lazy = _LazyVectors(bags, df)
        self._vectors = (doc, lazy)
        # A part weighted 0 is 0 whatever its values: skip computing them (news copy weighs
        # position only, reports centrality only).
        n = len(bags)
        position = [0.0] * n
        if weight > 0:
            vecs = list(map(lazy.vector, range(n)))
            position = _rescale(_directed_centrality(vecs, self.backward))
        central = _rescale(_frequency_centrality(bags, df)) if weight < 1 else [0.0] * n
        out = []
        for sent, p, c in zip(doc.sentences, position, central, strict=True):
            p, c = weight * p, (1 - weight) * c
            # (split only as far as tells a short sentence)
            q = _quality(sent, len(sent.split(None, SHORT_WORDS)))
            out.append(Score((p + c) * q, {"position": p, "centrality": c, "quality": q}))
        return out


RANKERS: dict[str, type[Ranker]] = {
    r.name: r for r in (NewsRanker, LeadRanker, CentroidRanker, TextRanker, LexRanker)
}
DEFAULT_METHOD = "news"
RANKERS["default"] = RANKERS[DEFAULT_METHOD]


# ---------------------------------------------------------------- picking

# A wire dateline opening an article: an optional place ("Seoul, South Korea") and the source in
# brackets ("(CNN)", "(Reuters) --"), or a place in capitals and a dash ("LONDON --").
_DATELINE = re.compile(
    r"(?:[A-Z][\w.'-]*(?:,? [A-Z][\w.'-]*){0,4} ?)?\([A-Z][\w .&'-]{0,30}\)\s*"
    r"(?:(?:--|\u2014|\u2013|-)\s*)?(?=[\"'\u201c\u2018A-Z0-9])"
    r"|[A-Z]{2,}(?:[ ,]+[A-Z]{2,}){0,3}\s+(?:--|\u2014|\u2013)\s+(?=[\"'\u201c\u2018A-Z0-9])"
)


def dateline_end(sentence: str) -> int:
    """Where an article's first sentence starts once its wire dateline is left out (0 if none):
    "Seoul, South Korea (CNN)The man accused..." reads "The man accused..." in a summary."""
    m = _DATELINE.match(sentence)
    return m.end() if m else 0



def summary_length(n_sentences: int, sentences: int = 3, ratio: float | None = None) -> int:
    """Sentences to pick: `ratio` of the document when given (at least one), else `sentences`."""
    if ratio is not None:
        return max(1, round(ratio * n_sentences))
    return sentences


def summarize(
    doc: Document,
    *,
    sentences: int = 3,
    words: int | None = None,
    method: str | None = None,
    ratio: float | None = None,
) -> list[Choice]:
    """The best sentences of `doc`, in document order: `sentences` of them (or `ratio` of the
    document), and within `words` words when given (the best sentence always stays)."""
    name = method or DEFAULT_METHOD
    if name not in RANKERS:
        raise ValueError(f"unknown method {name!r}; choose from {', '.join(sorted(RANKERS))}")
    n = summary_length(len(doc), sentences, ratio)
    if not len(doc) or n <= 0:
        return []
    ranker = RANKERS[name]()
    scores = ranker.score(doc)
    if ranker.redundancy > 0:
        picked = _pick_mmr(doc, scores, ranker.vector_of(doc), n, words, ranker.redundancy)
    else:
        picked = _pick_top(doc, scores, n, words)
    return sorted(picked, key=lambda c: c.index)


def _fits(used: int, n_words: int, words: int | None, picked: int) -> bool:
    return words is None or not picked or used + n_words <= words


def _pick_top(doc: Document, scores: list[Score], n: int, words: int | None) -> list[Choice]:
    picked: list[Choice] = []
    used = 0
    for i in sorted(range(len(doc)), key=lambda i: (-scores[i].value, i)):
        if len(picked) >= n:
            break
        size = _word_count(doc.sentences[i], words)
        if _fits(used, size, words, len(picked)):
            picked.append(Choice(i, scores[i].value, scores[i].parts))
            used += size
    return picked


def _word_count(sentence: str, budget: int | None) -> int:
    """The sentence's length in words, counted only when there is a word budget to fit."""
    return len(sentence.split()) if budget is not None else 0


def _pick_mmr(doc: Document, scores: list[Score], vector: Callable[[int], Vector], n: int,
              words: int | None, weight: float) -> list[Choice]:
    """Maximal marginal relevance: each round takes the best score less `weight` times the
    highest cosine with what is already picked, so a repeated fact is told once. Candidates are
    visited best score first and the visit stops when no later one can win, as a penalty never
    raises a score."""
    # best score first, the earlier sentence among equals (the sort is stable)
    order = sorted(range(len(doc)), key=[-s.value for s in scores].__getitem__)
    picked: list[Choice] = []
    used = 0
    while order and len(picked) < n:
        best, best_value, best_penalty = -1, -math.inf, 0.0
        for i in order:
            if scores[i].value <= best_value:
                break
            penalty = weight * max((_dot(vector(i), vector(c.index)) for c in picked), default=0.0)
            if scores[i].value - penalty > best_value:
                best, best_value, best_penalty = i, scores[i].value - penalty, penalty
        order.remove(best)
        size = _word_count(doc.sentences[best], words)
        if _fits(used, size, words, len(picked)):
            parts = {**scores[best].parts, "redundancy": best_penalty}
            picked.append(Choice(best, best_value, parts))
            used += size
    return picked
