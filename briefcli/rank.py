"""Sentence rankers behind one small interface, looked up by name in `RANKERS`.

A ranker scores every sentence of a `Document`; `summarize` picks the best within a length budget
and returns them in document order. Each score carries its parts so `--explain` can show why.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from .tokens import content_stems

__all__ = ["Document", "Score", "Choice", "Ranker", "RANKERS", "DEFAULT_METHOD", "summarize"]


@dataclass(frozen=True)
class Document:
    """Sentences of an article (headings excluded) with the paragraph each stands in."""

    sentences: list[str]
    paragraphs: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.sentences)


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
    """Base class: subclasses set `name` and implement `score`."""

    name = ""

    def score(self, doc: Document) -> list[Score]:
        raise NotImplementedError


class LeadRanker(Ranker):
    """The first sentences first: the news baseline (Lead-N)."""

    name = "lead"

    def score(self, doc: Document) -> list[Score]:
        return [Score(1.0 / (i + 1), {"position": 1.0 / (i + 1)}) for i in range(len(doc))]


class CentroidRanker(Ranker):
    """Cosine of each sentence's TF-IDF vector with the document centroid (Radev et al., 2004)."""

    name = "centroid"

    def score(self, doc: Document) -> list[Score]:
        bags = [Counter(content_stems(s)) for s in doc.sentences]
        df = Counter(t for bag in bags for t in bag)
        n = len(bags)
        idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
        vecs = [{t: c * idf[t] for t, c in bag.items()} for bag in bags]
        centroid: Counter[str] = Counter()
        for v in vecs:
            centroid.update(v)
        return [Score(c, {"centrality": c}) for c in (_cosine(v, centroid) for v in vecs)]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


RANKERS: dict[str, type[Ranker]] = {r.name: r for r in (LeadRanker, CentroidRanker)}
DEFAULT_METHOD = "centroid"


def summarize(
    doc: Document,
    *,
    sentences: int = 3,
    words: int | None = None,
    method: str | None = None,
) -> list[Choice]:
    """The best sentences of `doc` (at most `sentences`, and within `words` if given), in order."""
    name = method or DEFAULT_METHOD
    if name not in RANKERS:
        raise ValueError(f"unknown method {name!r}; choose from {', '.join(sorted(RANKERS))}")
    if not len(doc) or sentences <= 0:
        return []
    scores = RANKERS[name]().score(doc)
    order = sorted(range(len(doc)), key=lambda i: (-scores[i].value, i))
    chosen: list[int] = []
    used = 0
    for i in order:
        if len(chosen) >= sentences:
            break
        n_words = len(doc.sentences[i].split())
        if words is not None and chosen and used + n_words > words:
            continue
        chosen.append(i)
        used += n_words
    return [Choice(i, scores[i].value, scores[i].parts) for i in sorted(chosen)]
