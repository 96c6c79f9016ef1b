"""Keyphrases: the words and short phrases an article is about.

Unsupervised and single-document. Each content word (grouped by stem) is scored from local
features of the kind YAKE uses (Campos et al. 2020, "YAKE! Keyword extraction from single
documents using multiple local features"): how often the article uses it; how early it first
appears (the position prior of PositionRank, Florescu & Caragea 2017); how many different words
stand next to it per use (YAKE's relatedness: a word that keeps changing company is less likely a
topic). Two priors multiply in: rarity in general text (inverse document frequency, Sparck Jones
1972, from the table `data/keywords_df.tsv` built by `scripts/build_keyword_df.py`) and length
(Zipf's law of abbreviation: common, vague words are short). Phrase candidates need no
part-of-speech tagger: they are runs of content words between stopwords and punctuation (the
candidate rule of RAKE, Rose et al. 2010). A repeated phrase that accounts for most uses of a top
word ("San Francisco" for "francisco", "Lois Lane" for "lois" and "lane") takes its words' place.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .tokens import STOPWORDS, WORD, stem

__all__ = ["extract_keywords"]

MIN_LETTERS = 3  # shorter words are abbreviations or function words far more often than topics
LENGTH_CAP = 14  # beyond this, length says nothing more about specificity
LENGTH_POWER = 1.5  # long words are specific words: "radioactivity" over "area"
POSITION_BOOST = 0.6  # extra weight for a word met in the first few dozen words (the lede)
POSITION_SCALE = 10.0  # words: how fast the position boost fades
ADVERB_WEIGHT = 0.5  # "-ly" adverbs are long and rare but seldom what an article is about
PHRASE_MIN_COUNT = 2  # a phrase must be repeated to count as a unit
PHRASE_SHARE = 0.75  # ... and cover this share of its word's uses to replace it
MAX_PHRASE_WORDS = 3

# A word, or a mark that ends a phrase: punctuation or a line break.
_WORD_OR_BREAK = re.compile(f"({WORD.pattern})|[^\\w \\t]")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
# Adverbs made from adjectives ("extraordinarily", "previously"), not nouns like "family".
_ADVERB = re.compile(r"(?:al|i|ous|ive|ent|ant|ful|less|ab|ib|ate|ic|ar)ly$")
# A lower-case phrase edge with a verb or adverb ending ("starred opposite", "sharply higher")
# marks a clause fragment rather than a noun phrase.
_VERBAL_EDGE = re.compile(r"(?:ed|ly)$")
_CONTRACTION = re.compile(r"['\u2019](?:t|ll|re|ve|d|m)$", re.IGNORECASE)  # "don't", "we'll"

Gram = tuple[str, ...]


@dataclass(slots=True)
class _Word:
    low: str  # lower case, as first met
    first: int  # position of the first occurrence (counting words and phrase breaks)
    prior: float  # what the word is worth before counting: rarity, length, adverb
    count: int = 0
    forms: dict[str, int] = field(default_factory=dict)  # as written, possessive 's removed
    neighbours: set[str] = field(default_factory=set)  # stems met right before or after it


@dataclass(slots=True)
class _Analysis:
    words: dict[str, _Word] = field(default_factory=dict)  # by stem
    grams: dict[Gram, dict[Gram, int]] = field(default_factory=dict)  # stems -> forms -> count


def extract_keywords(text: str, n: int = 10) -> list[str]:
    """Up to `n` keyphrases of `text`, best first: single words and short phrases, none starting or
    ending with a stopword, no two with the same stems."""
    if n <= 0:
        return []
    if "&" in text:  # "&amp;", "&rsquo;" left by a web page are punctuation, not the word "amp"
        text = html.unescape(text)
    doc = _analyse(text)
    scores = {s: _score(w) for s, w in doc.words.items()}
    ranked = sorted(scores, key=lambda s: (-scores[s], doc.words[s].first))
    return _select(ranked, doc, n)


@lru_cache(maxsize=65536)
def _term(word: str) -> tuple[str, str, float] | None:
    """(form without a possessive 's, its lower case, prior) of a content word; None for
    stopwords, numbers, contractions and scraps."""
    form = _POSSESSIVE.sub("", word)
    low = form.lower()
    if len(low) < MIN_LETTERS or low in STOPWORDS or _CONTRACTION.search(low):
        return None
    # Hyphenated compounds ("long-term", "40-year-old") are mostly modifiers, not topics.
    if not low.replace("'", "").replace("\u2019", "").isalpha():
        return None
    return form, low, _prior(low)


def _prior(low: str) -> float:
    length = min(len(low), LENGTH_CAP) ** LENGTH_POWER
    adverb = ADVERB_WEIGHT if len(low) >= 7 and _ADVERB.search(low) else 1.0
    return _rarity(low) * length * adverb


def _analyse(text: str) -> _Analysis:
    """Per-stem statistics of the content words and the n-grams of their runs."""
    doc = _Analysis()
    words = doc.words
    terms = _terms(text)
    keys = _stem_keys({t[1] for t in terms if t is not None})
    forms: list[str] = []  # the current run of content words, as written
    stems: list[str] = []  # ... and their stem keys
    for i, term in enumerate(terms):
        if term is None:
            if len(stems) > 1:
                _count_grams(forms, stems, doc)
            forms, stems = [], []
            continue
        form, low, prior = term
        s = keys[low]
        info = words.get(s)
        if info is None:
            info = words[s] = _Word(low, i, prior)
        info.count += 1
        info.forms[form] = info.forms.get(form, 0) + 1
        if stems:
            info.neighbours.add(stems[-1])
            words[stems[-1]].neighbours.add(s)
        forms.append(form)
        stems.append(s)
    _count_grams(forms, stems, doc)
    return doc


def _terms(text: str) -> list[tuple[str, str, float] | None]:
    """The content words of `text` in order, with None wherever a phrase cannot go on (a
    stopword, a number, punctuation, a line break)."""
    return [None if word is None else _term(word)
            for word in map(_first_group, _WORD_OR_BREAK.finditer(text))]


def _first_group(m: re.Match[str]) -> str | None:
    return m.group(1)


def _stem_keys(lows: set[str]) -> dict[str, str]:
    """A key per word, equal for words of one stem. Snowball only rewrites endings, so words
    of one stem share their first three letters (reading y as i: "try", "tries"); a word alone
    with its first three letters is its own key, which spares most calls to the stemmer."""
    head_of = {low: low[:3].replace("y", "i").replace("\u2019", "'") for low in lows}
    heads = Counter(head_of.values())
    return {low: stem(low) if heads[head_of[low]] > 1 else low for low in lows}


def _count_grams(forms: list[str], stems: list[str], doc: _Analysis) -> None:
    """Count every 2..MAX_PHRASE_WORDS-word stretch of a run of content words, by form."""
    for size in range(2, min(len(stems), MAX_PHRASE_WORDS) + 1):
        for i in range(len(stems) - size + 1):
            seen = doc.grams.setdefault(tuple(stems[i : i + size]), {})
            key = tuple(forms[i : i + size])
            seen[key] = seen.get(key, 0) + 1


def _score(w: _Word) -> float:
    early = 1.0 + POSITION_BOOST / math.sqrt(1.0 + w.first / POSITION_SCALE)
    # YAKE's relatedness: a word that keeps changing company is less likely a topic.
    spread = 1.0 + len(w.neighbours) / w.count
    return w.count * w.prior * early / spread


def _select(ranked: list[str], doc: _Analysis, n: int) -> list[str]:
    """Walk the ranked stems, letting a dominant phrase stand for its words; one entry per stem."""
    phrases = _phrase_index(doc)
    chosen: list[Gram] = []
    used: set[str] = set()
    for s in ranked:
        if len(chosen) >= n:
            break
        if s in used or _stemmed_twice(s, chosen, doc):
            continue
        gram = phrases.get(s)
        if gram is None or _count(doc, gram) < PHRASE_SHARE * doc.words[s].count:
            gram = (s,)
        if len(gram) > 1 and _merge_phrase(gram, chosen):
            used.update(gram)
        else:
            chosen.append((s,))
            used.add(s)
    return [_render(g, doc) for g in chosen]


def _stemmed_twice(s: str, chosen: list[Gram], doc: _Analysis) -> bool:
    """Whether a chosen word has the stem of `s` after all (the rare words of one stem that do
    not share their first letters, such as "dying" and "died")."""
    real = stem(doc.words[s].low)
    return any(len(g) == 1 and stem(doc.words[g[0]].low) == real for g in chosen)


def _phrase_index(doc: _Analysis) -> dict[str, Gram]:
    """For each stem, the most repeated noun-like phrase containing it (longer wins ties); a
    phrase that repeats a word ("very very") is no phrase."""
    best: dict[str, tuple[int, int, Gram]] = {}
    for gram, forms in doc.grams.items():
        count = sum(forms.values())
        if count < PHRASE_MIN_COUNT or len(set(gram)) < len(gram) or not _noun_like(_usual(forms)):
            continue
        for s in gram:
            if s not in best or (count, len(gram)) > best[s][:2]:
                best[s] = (count, len(gram), gram)
    return {s: gram for s, (_, _, gram) in best.items()}


def _count(doc: _Analysis, gram: Gram) -> int:
    return sum(doc.grams[gram].values())


def _usual(forms: dict[Gram, int]) -> str:
    """The most frequent way of writing a phrase (the first seen among equals)."""
    best: Gram = max(forms, key=forms.__getitem__)
    return " ".join(best)


def _noun_like(phrase: str) -> bool:
    """No lower-case verb or adverb form at either edge (a POS-free noun-phrase test)."""
    edges = phrase.split()
    return not any(e.islower() and _VERBAL_EDGE.search(e) for e in (edges[0], edges[-1]))


def _merge_phrase(gram: Gram, chosen: list[Gram]) -> bool:
    """Add `gram`, in place of single words of it already chosen ("Betsey" -> "Betsey Johnson").
    False (nothing done) if it overlaps a phrase already chosen."""
    overlap = [i for i, g in enumerate(chosen) if set(g) & set(gram)]
    if any(len(chosen[i]) > 1 for i in overlap):
        return False
    if not overlap:
        chosen.append(gram)
        return True
    chosen[overlap[0]] = gram
    for i in reversed(overlap[1:]):
        del chosen[i]
    return True


def _render(gram: Gram, doc: _Analysis) -> str:
    if len(gram) > 1:
        return _unshout(_usual(doc.grams[gram]))
    forms = doc.words[gram[0]].forms
    form = max(forms, key=forms.__getitem__)
    # Lower case if the article ever writes the word so; else as written ("Google", "NASA").
    return form.lower() if any(f.islower() for f in forms) else _unshout(form)


def _unshout(form: str) -> str:
    """Title-case text set in capitals ("CORNERSTONE INVESTORS"), keeping short acronyms."""
    if form.isupper() and any(len(part) > 4 for part in form.split()):
        return form.title()
    return form


def _rarity(low: str) -> float:
    """Inverse document frequency of a lower-case word in general text, scaled to (0, 1]."""
    table, n_docs = _df_table()
    top = math.log(n_docs + 1)
    return math.log((n_docs + 1) / (table.get(low, 0) + 1)) / top


@lru_cache(maxsize=1)
def _df_table() -> tuple[dict[str, int], int]:
    """The shipped document-frequency table (see scripts/build_keyword_df.py)."""
    path = resources.files("briefcli") / "data" / "keywords_df.tsv"
    table: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("\t")
            table[key] = int(value)
    return table, table.pop("__documents__", 1)
