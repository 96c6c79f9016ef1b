"""Keyphrases: the words and short phrases an article is about."""

from __future__ import annotations

from collections import Counter

from .tokens import STOPWORDS, WORD, stem

__all__ = ["extract_keywords"]


def extract_keywords(text: str, n: int = 10) -> list[str]:
    """Up to `n` keywords of `text`, best first, one per stem."""
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for w in WORD.findall(text):
        low = w.lower()
        if low in STOPWORDS or len(low) < 3 or not low.isalpha():
            continue
        s = stem(low)
        counts[s] += 1
        surface.setdefault(s, low)
    return [surface[s] for s, _ in counts.most_common(n)]
