"""A small offline name tagger: greedy averaged perceptron over BIO tags, plus gazetteer features.

The model (Collins 2002, "Discriminative training methods for hidden Markov models"; greedy
left-to-right decoding as in Ratinov & Roth 2009, "Design challenges and misconceptions in NER")
is a table of feature weights in `briefcli/data/entities/model.json`, written by
`scripts/train_entities.py`. Only tokens carrying a capital letter (and a few name connectors
such as "of" right after a name) are scored: in edited prose, names are capitalised, and skipping
the rest keeps tagging fast.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["TAGS", "Lexicon", "Tagger", "tokenize", "sentence_starts", "lexicon", "tagger",
           "sentence_features", "is_candidate", "features", "fix_tag", "data_lines"]

TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
# Abbreviations with dots ("U.S."), words with inner hyphens/apostrophes/ampersands ("AT&T",
# "O'Brien", "Sherwood-Randall"), a possessive 's on its own, any other character alone.
# E-mail and web addresses are single tokens; abbreviations keep their dot ("Mr.", "Inc."), and
# so do initials ("James D. Watson").
ABBREVIATIONS = ("Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|Prof|Rev|Inc|Co|Corp|Ltd"
                 "|Mt|Ft|Bros|vs")
TOKEN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)]|"
                   rf"(?:{ABBREVIATIONS})\.|[A-Z]\.(?=\s+[A-Z])|(?:[^\W\d_]\.){{2,}}"
                   r"|\w+(?:[-&]\w+)*(?:['\u2019](?!s\b)\w+)*|['\u2019]s\b|\S")
# After these, a capital letter says nothing: a new sentence or quotation begins.
OPENERS = frozenset(".!?:;\"\u201c\u2018([-\u2013\u2014*#>|")
# Lower-case words that continue a name ("Bank of America", "Leonardo da Vinci").
CONNECTORS = frozenset({"of", "the", "de", "del", "da", "do", "dos", "la", "le", "du", "van",
                        "von", "der", "den", "di", "&", "for", "bin", "al", "el", "y"})


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of `text`."""
    return [m.span() for m in TOKEN.finditer(text)]


def sentence_starts(text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each token: does it open a sentence, line or quotation (so its case is uninformative)?"""
    out = []
    prev_end, prev_tok = 0, "."
    for s, e in spans:
        out.append(prev_tok in OPENERS or "\n" in text[prev_end:s])
        prev_end, prev_tok = e, text[s:e]
    return out


@dataclass(frozen=True)
class Lexicon:
    """Word lists the tagger consults (see scripts/build_gazetteers.py and NOTICE)."""

    first_names: frozenset[str]
    surnames: frozenset[str]
    lowercase: frozenset[str]
    proper: frozenset[str]
    titles: frozenset[str]
    org_words: frozenset[str]
    demonyms: frozenset[str]
    modifiers: frozenset[str]
    places: frozenset[tuple[str, ...]]
    place_lengths: dict[str, tuple[int, ...]]  # first word -> lengths of places, longest first

    def flags(self, word: str) -> str:
        """One letter per list the word is on: F first name, S surname, L common lower-case
        word, R proper noun in the dictionary, T title, O organization word, D demonym."""
        lw = word.lower()
        out = ""
        if lw in self.first_names:
            out += "F"
        if lw in self.surnames:
            out += "S"
        if lw in self.lowercase:
            out += "L"
        if lw in self.proper:
            out += "R"
        if lw in self.titles or lw + "." in self.titles:
            out += "T"
        if lw in self.org_words:
            out += "O"
        if self.is_demonym(word):
            out += "D"
        return out

    def is_demonym(self, word: str) -> bool:
        return word in self.demonyms or (word.endswith("s") and word[:-1] in self.demonyms)

    def place_marks(self, words: Sequence[str]) -> list[str]:
        """"B"/"I" where the longest listed place name starts/continues, else ""."""
        marks = [""] * len(words)
        i = 0
        while i < len(words):
            n = self._place_at(words, i)
            if n:
                marks[i:i + n] = ["B"] + ["I"] * (n - 1)
                i += n
            else:
                i += 1
        return marks

    def _place_at(self, words: Sequence[str], i: int) -> int:
        n = self._listed_at(words, i)
        if not n and words[i].isupper() and len(words[i]) > 2:  # a dateline's "NEW YORK"
            n = self._listed_at([w.title() if w.isupper() else w for w in words[i:i + 4]], 0)
        return n

    def _listed_at(self, words: Sequence[str], i: int) -> int:
        for n in self.place_lengths.get(words[i], ()):
            if n == 1 or tuple(words[i:i + n]) in self.places:
                return n
        return 0


def data_lines(name: str) -> list[str]:
    """The non-comment lines of a file in briefcli/data/entities/."""
    path = resources.files("briefcli") / "data" / "entities" / name
    text = path.read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    def low(name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data_lines(name))

    places = frozenset(tuple(TOKEN.findall(p)) for p in data_lines("places.txt"))
    lengths: dict[str, set[int]] = {}
    for place in places:
        if place and place[0][:1].isupper():
            lengths.setdefault(place[0], set()).add(len(place))
    place_lengths = {w: tuple(sorted(ns, reverse=True)) for w, ns in lengths.items()}
    return Lexicon(low("first_names.txt"), low("surnames.txt"), low("lowercase_words.txt"),
                   low("proper_words.txt"), low("titles.txt"), low("org_words.txt"),
                   frozenset(data_lines("demonyms.txt")), low("role_modifiers.txt"), places,
                   place_lengths)


@lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """Character classes with runs capped at two: "Antony" -> "Xxx", "U.S." -> "X.X."."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if len(out) < 2 or out[-1] != c or out[-2] != c:
            out.append(c)
    return "".join(out)


def is_candidate(word: str, prev_tag: str) -> bool:
    """Score this token at all? Capitalised words, and connectors right after a name."""
    if word == word.lower():
        return prev_tag != "O" and word in CONNECTORS
    return "@" not in word and "/" not in word


def fix_tag(tag: str, prev_tag: str) -> str:
    """An inside tag must continue a name of the same type; otherwise it begins one."""
    if tag[0] == "I" and prev_tag[2:] != tag[2:]:
        return "B" + tag[1:]
    return tag


@dataclass
class SentenceInfo:
    """Per-token facts computed once per sentence, shared by all feature calls."""

    words: list[str]
    lower: list[str]
    shapes: list[str]
    flags: list[str]
    places: list[str]
    starts: list[bool]
    runs: list[str]


@lru_cache(maxsize=65536)
def _flags(word: str) -> str:
    return lexicon().flags(word)


def sentence_features(words: list[str], starts: list[bool], lex: Lexicon) -> SentenceInfo:
    lower = [w.lower() for w in words]
    flags = [_flags(w) if w != lw else "" for w, lw in zip(words, lower, strict=True)]
    return SentenceInfo(words, lower, [shape(w) for w in words], flags, lex.place_marks(words),
                        starts, _runs(words, flags))


def _runs(words: list[str], flags: list[str]) -> list[str]:
    """For tokens in a run of capitalised words ("Bank of Mexico"): position (S single, B, I, E)
    and length up to 4, plus "o" when the run starts or ends with an organization word."""
    out = [""] * len(words)
    i = 0
    while i < len(words):
        if not words[i][:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(words) and (words[j + 1][:1].isupper()
                                      or (words[j + 1] in CONNECTORS and j + 2 < len(words)
                                          and words[j + 2][:1].isupper())):
            j += 1
        size = str(min(j + 1 - i, 4))
        org = "o" if "O" in flags[j] or "O" in flags[i] else ""
        if i == j:
            out[i] = "S1" + org
        else:
            inner = ["I" + size + org] * (j - i - 1)
            out[i:j + 1] = ["B" + size + org, *inner, "E" + size + org]
        i = j + 1
    return out


def features(info: SentenceInfo, i: int, prev: str, prev2: str) -> list[str]:
    """Feature names for token `i` given the two previous tags."""
    lw, sh = info.lower[i], info.shapes[i]
    n = len(info.words)
    pw = info.lower[i - 1] if i else "<s>"
    nw = info.lower[i + 1] if i + 1 < n else "</s>"
    start = "1" if info.starts[i] else "0"
    f = ["b", "w=" + lw, "s=" + lw[-3:], "sh=" + sh, "st=" + start + sh, "t=" + prev,
         "tt=" + prev2 + prev, "pw=" + pw, "nw=" + nw, "tn=" + prev + nw,
         "psh=" + (info.shapes[i - 1] if i else "<s>"),
         "nsh=" + (info.shapes[i + 1] if i + 1 < n else "</s>"),
         "ppw=" + (info.lower[i - 2] if i > 1 else "<s>"),
         "nnw=" + (info.lower[i + 2] if i + 2 < n else "</s>")]
    for c in info.flags[i]:
        f.append("g=" + c)
        f.append("sg=" + start + c)
    f.append("gs=" + info.flags[i])
    if i:
        f.extend("pg=" + c for c in info.flags[i - 1])
    if i + 1 < n:
        f.extend("ng=" + c for c in info.flags[i + 1])
    if info.places[i]:
        f.append("pl=" + info.places[i])
    run = info.runs[i]
    if run:
        f.append("r=" + run)
        f.append("rs=" + start + run[0])
    return f


class Tagger:
    """Greedy decoding with a weight table {feature: [weight per tag, in TAGS order]}."""

    def __init__(self, rows: dict[str, list[float]]) -> None:
        self.rows = rows

    def best(self, feats: list[str], name_likely: bool = False) -> str:
        """The highest-scoring tag; ties go to the greater tag name, as in training. When a
        name is likely, the best name tag wins over "O"."""
        get = self.rows.get
        rows = [r for r in map(get, feats) if r is not None]
        if not rows:
            return "O"
        scores = [sum(col) for col in zip(*rows, strict=True)]
        if name_likely:
            return max(zip(scores[1:], TAGS[1:], strict=True))[1]
        return max(zip(scores, TAGS, strict=True))[1]

    def tag(self, info: SentenceInfo) -> list[str]:
        tags: list[str] = []
        prev, prev2 = "O", "O"
        for i, word in enumerate(info.words):
            tag = "O"
            if is_candidate(word, prev):
                likely = info.starts[i] and _unknown_word(info, i)
                tag = fix_tag(self.best(features(info, i, prev, prev2), likely), prev)
            tags.append(tag)
            prev2, prev = prev, tag
        return tags


def _unknown_word(info: SentenceInfo, i: int) -> bool:
    """A capitalised word no dictionary knows: opening a sentence, it is still a name."""
    word = info.words[i]
    return (word.isalpha() and len(word) > 2 and not info.flags[i]
            and word[0].isupper() and word[1:].islower())


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    path = resources.files("briefcli") / "data" / "entities" / "model.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if data["tags"] != list(TAGS):
        raise ValueError("model.json was trained for other tags; rebuild it with "
                         "scripts/train_entities.py")
    return Tagger(data["rows"])
