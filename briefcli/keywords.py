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
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import compress, repeat
from operator import eq, gt, itemgetter, sub

from .tokens import STEM_OF, STOPWORDS, Memo, stream_pattern, word_stream

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

_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
# Adverbs made from adjectives ("extraordinarily", "previously"), not nouns like "family".
_ADVERB = re.compile(r"(?:al|i|ous|ive|ent|ant|ful|less|ab|ib|ate|ic|ar)ly$")
# A lower-case phrase edge with a verb or adverb ending ("starred opposite", "sharply higher")
# marks a clause fragment rather than a noun phrase.
_VERBAL_EDGE = re.compile(r"(?:ed|ly)$")
_CONTRACTION = re.compile(r"['\u2019](?:t|ll|re|ve|d|m)$", re.IGNORECASE)  # "don't", "we'll"

Gram = tuple[str, ...]
# A content word: as written (possessive 's removed), its prior and its stem.
Term = tuple[str, float, str]


@dataclass(slots=True)
class _Analysis:
    """Per stem of the content words of a text, in order of first use: how often it is used,
    its first use and where that is, how many different stems stand right before or after it,
    and how it is written; and the phrases of its runs that are used more than once."""

    counts: Counter[str]
    first_use: dict[str, int]  # the stem's first use, as an index into `uses` and `where`
    where: list[int]  # each content word's position, counting words and phrase breaks
    company: Counter[str]
    uses: tuple[Sequence[Term], Sequence[str]]  # each content word and its stem
    grams: dict[Gram, dict[Gram, int]] = field(default_factory=dict)  # stems -> forms -> count
    # (only phrases used more than once)

    def forms(self, stems: list[str]) -> dict[str, dict[str, int]]:
        """How each of `stems` is written, with the uses of each form, in order of first use."""
        content, all_stems = self.uses
        # One pass over the uses, counting their terms: a term is one form of one stem (its
        # prior follows from the form), so no count of all forms is needed.
        chosen = compress(content, map(set(stems).__contains__, all_stems))
        out: dict[str, dict[str, int]] = {}
        for (form, _, s), count in Counter(chosen).items():
            out.setdefault(s, {})[form] = count
        return out


def extract_keywords(text: str, n: int = 10) -> list[str]:
    """Up to `n` keyphrases of `text`, best first: single words and short phrases, none starting or
    ending with a stopword, no two with the same stems."""
    if n <= 0:
        return []
    doc = _analyse(_stream(text))
    stems = list(doc.counts)
    first = map(doc.first_use.__getitem__, stems)
    content, where, near = doc.uses[0], doc.where, doc.company.get  # (get: no __missing__)
    # count * prior of the first form * its position's boost, over YAKE's relatedness (a word
    # that keeps changing company is less likely a topic). One comprehension: its float
    # arithmetic runs in specialised bytecode, cheaper than a C-level map per operation.
    scores = [count * content[i][1] * _EARLY[where[i]] / (1.0 + near(stem, 0) / count)
              for stem, count, i in zip(stems, doc.counts.values(), first, strict=True)]
    # Best first; among equals, the one met first: stems are in order of first use and the
    # sort is stable, also in reverse.
    ranked = list(map(stems.__getitem__, sorted(range(len(stems)), key=scores.__getitem__,
                                                 reverse=True)))
    return _select(ranked, doc, n)


def _stream(text: str) -> Sequence[str]:
    """The text's `word_stream`, shared with the other stages of a brief."""
    if "&" in text:  # "&amp;", "&rsquo;" left by a web page are punctuation, not the word "amp"
        plain = html.unescape(text)
        if plain != text:  # (an "&" of "AT&T" or "M&S" leaves the shared stream good)
            return stream_pattern(plain).findall(plain)
    return word_stream(text)


# The position prior of a word first met at a position.
_EARLY: Memo[int, float] = Memo(lambda first: 1.0 + POSITION_BOOST
                                / math.sqrt(1.0 + first / POSITION_SCALE))


def _term(word: str) -> Term | None:
    """(form without a possessive 's, prior, stem) of a content word; None for stopwords,
    numbers, contractions and scraps (and "", a phrase break)."""
    if "'" in word or "\u2019" in word:
        form = _POSSESSIVE.sub("", word)
        low = form.lower()
        if _CONTRACTION.search(low):
            return None
        letters = low.replace("'", "").replace("\u2019", "")
    else:  # (no possessive, no contraction: most words)
        form, low = word, word.lower()
        letters = low
    if len(low) < MIN_LETTERS or low in STOPWORDS:
        return None
    # Hyphenated compounds ("long-term", "40-year-old") are mostly modifiers, not topics.
    if not letters.isalpha():
        return None
    # Interned: the words of one stem share their stem object, which keeps the per-article
    # dicts small in memory (and their lookups to identity checks).
    return form, _prior(low), sys.intern(STEM_OF[low])


_TERMS: Memo[str, Term | None] = Memo(_term)


_LENGTH_WEIGHT = [min(n, LENGTH_CAP) ** LENGTH_POWER for n in range(LENGTH_CAP + 1)]


def _prior(low: str) -> float:
    rarities, unseen = _rarities()  # (its rarity, read here: one call less per new word)
    length = _LENGTH_WEIGHT[min(len(low), LENGTH_CAP)]
    adverb = ADVERB_WEIGHT if len(low) >= 7 and low.endswith("ly") and _ADVERB.search(low) \
        else 1.0
    return rarities.get(low, unseen) * length * adverb


def _analyse(stream: Sequence[str]) -> _Analysis:
    """Per-stem statistics of the content words and the n-grams of their runs (a run: content
    words with no stopword, number, punctuation or line break between them), from a text's
    `word_stream` ("" for a break; positions count words and breaks alike)."""
    terms = list(map(_TERMS.__getitem__, stream))
    del stream  # a long text's words need not stay in memory (a short one's are kept anyway)
    where = list(compress(range(len(terms)), terms))  # positions of the content words
    content: list[Term] = list(filter(None, terms))
    stems: list[str] = list(map(itemgetter(2), content))
    # joined[k]: content words k and k + 1 stand side by side, in one run
    joined = list(map(eq, map(sub, where[1:], where), repeat(1)))
    bigrams: list[Gram] = list(compress(zip(stems, stems[1:], strict=False), joined))
    bigram_uses = Counter(bigrams)
    company = _company(bigram_uses)
    # A dict built from the end keeps each stem's first use.
    first_use = dict(zip(reversed(stems), range(len(stems) - 1, -1, -1), strict=True))
    doc = _Analysis(Counter(stems), first_use, where, company, (content, stems))
    if len(bigram_uses) < len(bigrams):  # some two-word stretch is used more than once
        _count_grams(content, stems, joined, bigrams, bigram_uses, doc)
    return doc


def _company(bigram_uses: Counter[Gram]) -> Counter[str]:
    """How many different stems stand right before or after each stem, from the distinct
    two-word stretches: each counts for both its words, but a pair met both ways round (or a
    word next to itself) would then count one neighbour twice, and is counted once less."""
    firsts = list(map(itemgetter(0), bigram_uses))
    seconds = list(map(itemgetter(1), bigram_uses))
    company = Counter(firsts)
    company.update(seconds)
    for a, b in bigram_uses.keys() & zip(seconds, firsts, strict=True):  # (few, if any)
        if a < b:
            company[a] -= 1
            company[b] -= 1
        elif a == b:
            company[a] -= 1
    return company


def _count_grams(content: list[Term], stems: list[str], joined: list[bool],
                 bigrams: list[Gram], bigram_uses: Counter[Gram], doc: _Analysis) -> None:
    """Count every 2..MAX_PHRASE_WORDS-word stretch of a run of content words used more than
    once, by form, in order of first use (for each length). `bigrams` are the two-word ones,
    `bigram_uses` their counts."""
    starts = list(compress(range(len(joined)), joined))  # where each stretch starts
    grams, counts = bigrams, bigram_uses
    for size in range(2, MAX_PHRASE_WORDS + 1):
        if size > 2:
            # A stretch used more than once repeats both shorter stretches in it: only where
            # a repeated one is followed by another can a longer one repeat.
            repeated = set(starts)
            starts = [p for p in starts if p + 1 in repeated]
            grams = [tuple(stems[p : p + size]) for p in starts]
            counts = Counter(grams)
        if len(counts) == len(grams):
            break  # none is repeated, so no longer one either
        again = set(compress(counts, map(gt, counts.values(), repeat(1))))
        keep = list(map(again.__contains__, grams))
        starts = list(compress(starts, keep))
        # Only the repeated stretches are read as written.
        written = [tuple(map(itemgetter(0), content[p : p + size])) for p in starts]
        for (gram, form), c in Counter(zip(compress(grams, keep), written, strict=True)).items():
            doc.grams.setdefault(gram, {})[form] = c


def _select(ranked: list[str], doc: _Analysis, n: int) -> list[str]:
    """Walk the ranked stems, letting a dominant phrase stand for its words; one entry per stem."""
    phrases = _phrase_index(doc)
    chosen: list[Gram] = []
    used: set[str] = set()
    for s in ranked:
        if len(chosen) >= n:
            break
        if s in used:
            continue
        gram = phrases.get(s)
        if gram is None or _count(doc, gram) < PHRASE_SHARE * doc.counts[s]:
            gram = (s,)
        if len(gram) > 1 and _merge_phrase(gram, chosen):
            used.update(gram)
        else:
            chosen.append((s,))
            used.add(s)
    forms = doc.forms([g[0] for g in chosen if len(g) == 1])
    return [_render(g, doc, forms) for g in chosen]


def _phrase_index(doc: _Analysis) -> dict[str, Gram]:
    """For each stem, the most repeated noun-like phrase containing it (longer wins ties); a
    phrase that repeats a word ("very very") is no phrase."""
    best: dict[str, tuple[int, int, Gram]] = {}
    for gram, forms in doc.grams.items():
        count = sum(forms.values())
        if count < PHRASE_MIN_COUNT or len(set(gram)) < len(gram) or \
                not _noun_like(max(forms, key=forms.__getitem__)):
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


def _noun_like(words: Gram) -> bool:
    """No lower-case verb or adverb form at either edge (a POS-free noun-phrase test)."""
    return not any(e.islower() and _VERBAL_EDGE.search(e) for e in (words[0], words[-1]))


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


def _render(gram: Gram, doc: _Analysis, written: dict[str, dict[str, int]]) -> str:
    """A chosen phrase or word as written (`written`: the forms of the chosen words)."""
    if len(gram) > 1:
        return _unshout(_usual(doc.grams[gram]))
    forms = written[gram[0]]
    form = max(forms, key=forms.__getitem__) if len(forms) > 1 else next(iter(forms))
    # Lower case if the article ever writes the word so; else as written ("Google", "NASA").
    return form.lower() if any(map(str.islower, forms)) else _unshout(form)


def _unshout(form: str) -> str:
    """Title-case text set in capitals ("CORNERSTONE INVESTORS"), keeping short acronyms."""
    if form.isupper() and any(len(part) > 4 for part in form.split()):
        return form.title()
    return form


@lru_cache(maxsize=1)
def _rarities() -> tuple[dict[str, float], float]:
    """The rarity of each word of the document-frequency table, and of a word not in it: its
    inverse document frequency in general text, scaled to (0, 1]."""
    table, n_docs = _df_table()
    top = math.log(n_docs + 1)
    rarities = {word: math.log((n_docs + 1) / (count + 1)) / top for word, count in table.items()}
    return rarities, math.log((n_docs + 1) / (0 + 1)) / top


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
