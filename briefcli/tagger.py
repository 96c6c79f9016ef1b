"""A small offline name tagger: greedy averaged perceptron over BIO tags, plus gazetteer features.

The model (Collins 2002, "Discriminative training methods for hidden Markov models"; greedy
left-to-right decoding as in Ratinov & Roth 2009, "Design challenges and misconceptions in NER")
is a table of feature weights (integer thousandths) in `briefcli/data/entities/model.json`,
written by `scripts/train_entities.py`. Only tokens carrying a capital letter (and a few name
connectors such as "of" right after a name) are scored: in edited prose, names are capitalised,
and skipping the rest keeps tagging fast. A token's score is the sum of its features' weights;
`Tagger.tag` adds it up from sums cached per word (the word itself in its context, the words
around it), which integer weights allow without changing a single score.
"""

from __future__ import annotations

import json
import re
import string
import struct
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from itertools import accumulate, compress
from operator import itemgetter

from .tokens import MEMO_SIZE, Memo

__all__ = ["TAGS", "Lexicon", "Tagger", "tokenize", "sentence_starts", "lexicon", "tagger",
           "sentence_features", "is_candidate", "features", "fix_tag", "data_lines", "tokens"]

TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
SCALE = 1000  # model.json holds weights in thousandths, as integers
# Abbreviations with dots ("U.S."), words with inner hyphens/apostrophes/ampersands ("AT&T",
# "O'Brien", "Sherwood-Randall"), a possessive 's on its own, any other character alone.
# E-mail and web addresses are single tokens; abbreviations keep their dot ("Mr.", "Inc."), and
# so do initials ("James D. Watson").
ABBREVIATIONS = ("Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|Prof|Rev|Inc|Co|Corp|Ltd"
                 "|Mt|Ft|Bros|vs")
_WORDS = (r"(?:[^\W\d_]\.){2,}|\w+(?:[-&]\w+)*(?:['\u2019](?!s\b)\w+)*|['\u2019]s\b|\S")
TOKEN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)]|"
                   rf"(?:{ABBREVIATIONS})\.|[A-Z]\.(?=\s+[A-Z])|{_WORDS}")
# The same tokens for a text with no "@" and no web address, found faster: the regex engine
# skips spaces without trying each branch; it takes the commonest tokens first, where no later
# branch could cut otherwise: a run of ASCII letters and digits followed by no dot, hyphen,
# ampersand, apostrophe or other word character, and a punctuation mark that starts no longer
# token; and it tries abbreviations only where a capital (or "vs") and up to three letters come
# before a dot (all of ABBREVIATIONS do).
_PLAIN_TOKEN = re.compile(rf"(?=\S)(?:[A-Za-z0-9]++(?![-&'\u2019.\w])|[-,.;:!?()\"\u201c\u201d]|"
                          rf"(?=[A-Z][a-z]{{0,3}}\.|vs\.)(?:(?:{ABBREVIATIONS})\.|[A-Z]\."
                          rf"(?=\s+[A-Z]))|(?=[^\W\d_]\.){_WORDS})")
# After these, a capital letter says nothing: a new sentence or quotation begins.
OPENERS = frozenset(".!?:;\"\u201c\u2018([-\u2013\u2014*#>|")
# Lower-case words that continue a name ("Bank of America", "Leonardo da Vinci").
CONNECTORS = frozenset({"of", "the", "de", "del", "da", "do", "dos", "la", "le", "du", "van",
                        "von", "der", "den", "di", "&", "for", "bin", "al", "el", "y"})


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of `text`."""
    return tokens(text)[0]


def tokens(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Character spans of the tokens of `text`, and the tokens."""
    ends, words = cut(text)
    return list(zip(ends[0::2], ends[1::2], strict=False)), words  # no end after the last


def cut(text: str) -> tuple[list[int], list[str]]:
    """The tokens of `text`, and where they start and end: token k is text[ends[2k]:ends[2k+1]].
    (One regex pass: splitting around the tokens gives them with the spaces between, whose
    lengths add up to offsets.)"""
    plain = "@" not in text and "://" not in text and "www." not in text
    pieces = (_PLAIN_SPLIT if plain else _SPLIT).split(text)
    return list(accumulate(map(len, pieces))), pieces[1::2]


_SPLIT = re.compile(f"({TOKEN.pattern})")
_PLAIN_SPLIT = re.compile(f"({_PLAIN_TOKEN.pattern})")


def line_breaks(text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each token after the first: does a line break lie between it and the token before?
    (No token holds a line break, so each one belongs to the token that follows it.)"""
    return breaks_before(text, [s for s, _ in spans])


def breaks_before(text: str, firsts: Sequence[int]) -> list[bool]:
    """`line_breaks`, from where each token starts."""
    out = [False] * len(firsts)
    pos = text.find("\n")
    while pos != -1:
        k = bisect_right(firsts, pos)
        if k >= len(firsts):
            break
        out[k] = k > 0
        pos = text.find("\n", firsts[k])
    return out


def line_starts(text: str, ends: Sequence[int]) -> list[int]:
    """`line_breaks` as the indexes of the tokens a line break precedes, from `cut`'s `ends`
    (a newline lies between tokens: as many offsets as twice the tokens before it are <= it)."""
    out = []
    size = len(ends) // 2
    pos = text.find("\n")
    while pos != -1:
        k = bisect_right(ends, pos) // 2
        if k >= size:
            break
        if k:
            out.append(k)
        pos = text.find("\n", ends[2 * k])
    return out


def sentence_starts(text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each token: does it open a sentence, line or quotation (so its case is uninformative)?"""
    words = [text[s:e] for s, e in spans]
    return starts_of(words, line_breaks(text, spans))


def starts_of(words: Sequence[str], breaks: Sequence[bool]) -> list[bool]:
    """`sentence_starts` from the tokens and their line breaks."""
    return opens(words, compress(range(len(words)), breaks))


def opens(words: Sequence[str], lines: Iterable[int]) -> list[bool]:
    """`sentence_starts` from the tokens and the indexes of those that start a line."""
    out = list(map(OPENERS.__contains__, words))  # (each says whether the next token opens)
    out.insert(0, True)
    out.pop()
    for k in lines:
        out[k] = True
    return out


class Opens(dict[int, bool]):
    """`opens` as a mapping, found where asked (`find` for many at once): the tagger and the
    rules ask about the candidate tokens only, a sixth of the text."""

    __slots__ = ("words", "lines")

    def __init__(self, words: Sequence[str], lines: Iterable[int]) -> None:
        super().__init__()
        self.words = words
        self.lines = frozenset(lines)

    def __missing__(self, i: int) -> bool:
        if i < 0:  # (as a list would)
            i += len(self.words)
        value = self[i] = i == 0 or self.words[i - 1] in OPENERS or i in self.lines
        return value

    def find(self, where: list[int]) -> None:
        words = self.words
        self.update(zip(where, [i == 0 or words[i - 1] in OPENERS for i in where], strict=True))
        self.update(dict.fromkeys(self.lines, True))


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
        return self.flags_of(word, word.lower())

    def flags_of(self, word: str, lw: str) -> str:
        """`flags`, given the word in lower case."""
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

    def place_marks(self, words: Sequence[str], caps: Sequence[int] | None = None) -> list[str]:
        """"B"/"I" where the longest listed place name starts/continues, else "". `caps`: the
        indexes of capitalised words, if known."""
        marks = [""] * len(words)
        free = 0  # the first token not inside a place already marked
        lengths = self.place_lengths
        for i in capitalised(words) if caps is None else caps:  # places start with a capital
            if i < free or (words[i] not in lengths and not words[i].isupper()):
                continue  # (the look-up needs a listed first word, or a word in capitals)
            n = self._place_at(words, i)
            if n:
                marks[i:i + n] = ["B"] + ["I"] * (n - 1)
                free = i + n
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


def capitalised(words: Sequence[str]) -> list[int]:
    """Indexes of the tokens whose first character is a capital letter."""
    return list(compress(range(len(words)), map(str.isupper, map(_FIRST, words))))


_FIRST = itemgetter(slice(0, 1))  # word[:1], called from C


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


def shape(word: str) -> str:
    """Character classes with runs capped at two: "Antony" -> "Xxx", "U.S." -> "X.X."."""
    if word.isascii():  # (as `_ShapeFlags` finds it)
        return _CAPPED[word.encode("ascii").translate(_ASCII_CLASSES)]
    return _cap_runs(("X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit()
                      else ch) for ch in word)


def _cap_runs(classes: Iterable[str]) -> str:
    out: list[str] = []
    for c in classes:
        if len(out) < 2 or out[-1] != c or out[-2] != c:
            out.append(c)
    return "".join(out)


_ASCII_CLASSES = bytes.maketrans(
    (string.ascii_uppercase + string.ascii_lowercase + string.digits).encode("ascii"),
    b"X" * 26 + b"x" * 26 + b"d" * 10)
_CAPPED: Memo[bytes, str] = Memo(lambda classes: _cap_runs(classes.decode("ascii")))



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
    places: list[str]
    starts: list[bool] | Opens
    runs: list[str]
    caps: list[int]  # the indexes of capitalised words
    candidates: list[int]  # the indexes of the words `Tagger.tag` may score (see `_candidates`)

    # (Computed on first use, for `features`: `Tagger.tag` looks these up per word.)
    @cached_property
    def lower(self) -> list[str]:
        return list(map(str.lower, self.words))

    @cached_property
    def flags(self) -> list[str]:
        return [SHAPE_FLAGS[w][1] for w in self.words]

    @cached_property
    def shapes(self) -> list[str]:
        return [SHAPE_FLAGS[w][0] for w in self.words]


class _ShapeFlags(Memo[str, tuple[str, str]]):
    """A word's `shape` and lexicon flags, found together (in its own __missing__: a new word
    costs no further call): wherever the tagger asks for one it asks for the other, and the
    rules of entities.py read the flags of the same (capitalised) words. A word with no
    capital letter has no flags: the rules and the model ask about capitalised words only."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(self.__missing__)

    def __missing__(self, word: str) -> tuple[str, str]:
        if len(self) >= MEMO_SIZE:
            self.clear()
        if word.isascii():  # (classes by a byte table, in C; few class strings, each capped once)
            sh = _CAPPED[word.encode("ascii").translate(_ASCII_CLASSES)]
        else:
            sh = shape(word)
        lw = word.lower()
        value = self[word] = sh, "" if lw == word else lexicon().flags_of(word, lw)
        return value


SHAPE_FLAGS = _ShapeFlags()


def sentence_features(words: list[str], starts: list[bool] | Opens, lex: Lexicon,
                      addresses: bool = True) -> SentenceInfo:
    """What the tagger and the rules ask about a text's tokens. `addresses`: may a word be an
    e-mail or web address (hold "@" or "/")? (False spares looking; a text without either
    character has none.)"""
    # (the words with a capital letter)
    cased = [i for i, word in enumerate(words) if word != word.lower()]
    caps = [i for i in cased if words[i][:1].isupper()]
    runs = _runs(words, caps, lex.org_words)
    return SentenceInfo(words, lex.place_marks(words, caps), starts, runs, caps,
                        _candidates(words, cased, addresses))


def _candidates(words: list[str], cased: list[int], addresses: bool = True) -> list[int]:
    """The words `is_candidate` accepts, or may (a connector is accepted after a name only,
    and only a word the tagger scores can be tagged a name): those with a capital letter
    (`cased`) but addresses, and the connectors right after one."""
    out = []
    n = len(words)
    for i in cased:
        if addresses and ("@" in words[i] or "/" in words[i]):
            continue  # (an address is tagged "O", and so is a connector after it)
        out.append(i)
        i += 1
        while i < n and words[i] in CONNECTORS:
            out.append(i)
            i += 1
    return out


def _runs(words: list[str], caps: list[int], org_words: frozenset[str]) -> list[str]:
    """For tokens in a run of capitalised words ("Bank of Mexico"): position (S single, B, I, E)
    and length up to 4, plus "o" when the run starts or ends with an organization word (the
    "O" of `Lexicon.flags`). `caps`: the indexes of the capitalised words. A run goes on to the
    next capitalised word right after it, or after one connector."""
    out = [""] * len(words)
    if not caps:
        return out
    first = last = caps[0]
    for i in [*caps[1:], -9]:  # (-9 ends the last run)
        if i == last + 1 or (i == last + 2 and words[last + 1] in CONNECTORS):
            last = i
            continue
        org = words[first].lower() in org_words or (
            last != first and words[last].lower() in org_words)
        if first == last:
            out[first] = "S1o" if org else "S1"
        else:
            begin, inside, end = _RUN_MARKS[min(last + 1 - first, 4), org]
            out[first:last + 1] = [begin, *[inside] * (last - first - 1), end]
        first = last = i
    return out


# (first, inner, last mark) of a run of capitalised words by its length and "o" mark
_RUN_MARKS = {(n, org): tuple(f"{p}{n}{'o' if org else ''}" for p in "BIE")
              for n in (2, 3, 4) for org in (False, True)}


def features(info: SentenceInfo, i: int, prev: str, prev2: str) -> list[str]:
    """Feature names for token `i` given the two previous tags. (The words two before and two
    after are left out: they cost two table look-ups per token and a third of the new-word
    work; with the previous word's ending ("ps") in their place, which costs no look-up per
    token, the model scores about as well: over five training seeds, -0.4 F1 on wikigold, +0.7 on
    uner_ewt and wnut17.)"""
    lw, sh = info.lower[i], info.shapes[i]
    n = len(info.words)
    pw = info.lower[i - 1] if i else "<s>"
    nw = info.lower[i + 1] if i + 1 < n else "</s>"
    start = "1" if info.starts[i] else "0"
    f = ["b", "w=" + lw, "s=" + lw[-3:], "sh=" + sh, "st=" + start + sh, "t=" + prev,
         "tt=" + prev2 + prev, "pw=" + pw, "ps=" + pw[-3:], "nw=" + nw, "tn=" + prev + nw,
         "psh=" + (info.shapes[i - 1] if i else "<s>"),
         "nsh=" + (info.shapes[i + 1] if i + 1 < n else "</s>")]
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


# A row of weights (one per tag) travels packed in one integer, a 32-bit field per tag: adding
# packed rows adds the rows, in one step. Scores stay far below 2**31 in size. model.json holds
# each row packed (`pack`; a negative weight borrows from the fields above it, which the sum
# of the fields gives back exactly), so the tagger adds rows as they are loaded.
FIELD = 32
_OFFSET = sum(1 << (FIELD - 1) << (FIELD * k) for k in range(len(TAGS)))
_BYTES = FIELD // 8 * len(TAGS)
_UNPACK = struct.Struct(f"<{len(TAGS)}I").unpack


def pack(row: Sequence[int]) -> int:
    """One integer for a row of weights, one per tag in TAGS order."""
    return sum(w << (FIELD * k) for k, w in enumerate(row))


def unpack(packed: int) -> tuple[int, ...]:
    """The scores of a packed sum, each raised by 2**31 (which keeps their order)."""
    return _UNPACK((packed + _OFFSET).to_bytes(_BYTES, "little"))


def weights(packed: int) -> tuple[int, ...]:
    """The weights of a packed row (or the scores of a sum), one per tag: `pack` undone."""
    return tuple(w - (1 << (FIELD - 1)) for w in unpack(packed))


# `Tagger.tag` keeps each score times TIE plus the rank of its tag's name (0-8, TIE > 8), so the
# largest field is unique and is the tag `_best` would pick: the higher score, and of equal
# scores the greater tag name; its remainder by TIE is that rank. A token where a name is likely
# gets NOT_O, which puts "O" below every other tag. (|score| <= 447,781 for this model, the sum
# of the largest weight of each feature template, so TIE * score stays far from both NOT_O and
# 2**31; tests/test_entities.py checks the bound for the shipped model.)
TIE = 16
_RANK = [sorted(TAGS).index(t) for t in TAGS]
_RANKS = pack(_RANK)
_NOT_O = pack([-(1 << 28)])
_NO_ROWS: dict[str, int] = {}  # (the rows of a template the model lacks)


class Tagger:
    """Greedy decoding with a weight table: for each feature template ("w", "pw", ...), the
    rows of its features by value ("pw=obama" is rows["pw"]["obama"]), a row being the weights
    of one feature, one per tag in TAGS order, packed (`pack`). A feature the table lacks
    weighs 0 (most features a new word brings). Weights are integers (thousandths), so a score
    is the same whatever order its weights are added in: `tag` adds sums cached per word and
    context instead of looking up every feature. (Rows by template are looked up by a word's
    lower-case form itself: no feature name to build and hash, and smaller tables.)"""

    def __init__(self, rows: dict[str, dict[str, int]]) -> None:
        self.rows = rows
        # The part of a token's own features that depends on its place and run marks (times
        # TIE), summed once, by whether it opens a sentence (as `_lexical`: shorter keys).
        self._mark_part: tuple[Memo[tuple[str, str], int], ...] = (
            Memo(lambda k: self._mark_sum(*k, False)), Memo(lambda k: self._mark_sum(*k, True)))
        # What a neighbour's shape and flags contribute, before or after the token (times TIE).
        self._prev_part: Memo[tuple[str, str], int] = Memo(
            lambda k: TIE * self._sum(["psh=" + k[0], *["pg=" + c for c in k[1]]]))
        self._next_part: Memo[tuple[str, str], int] = Memo(
            lambda k: TIE * self._sum(["nsh=" + k[0], *["ng=" + c for c in k[1]]]))
        # The pieces `tag` adds up, times TIE (see above), cached per word or context.
        self._lexical = (_Lexical(self, False), _Lexical(self, True))
        # The tags before the token, with the next word ("tn="): most often both tags are "O",
        # and then the next word's piece includes them.
        self._history = {(p2, p): self._sum(["t=" + p, "tt=" + p2 + p])
                         for p2 in TAGS for p in TAGS}
        self._link = _Link(self)
        # What a neighbour contributes, by its word (None: beyond the text's edge), one memo
        # for the word before the token and one for the word after it: each piece found costs
        # look-ups in the large table. After the token, it also gives the two tags before the
        # token when both are "O", and the next word after an "O".
        history_o = TIE * self._history["O", "O"]
        self._before = _NearPart(self, "pw", "<s>", self._prev_part, suffix="ps")
        self._after = _NearPart(self, "nw", "</s>", self._next_part)
        self._after_o = _NearPart(self, "nw", "</s>", self._next_part, history_o, after_o=True)
        # The tag by the rank of its name, after each previous tag (see `fix_tag`).
        self._fixed = {p: tuple(fix_tag(TAGS[_RANK.index(r)], p) for r in range(len(TAGS)))
                       for p in TAGS}

    def best(self, feats: list[str], name_likely: bool = False) -> str:
        """The highest-scoring tag; ties go to the greater tag name, as in training. When a
        name is likely, the best name tag wins over "O"."""
        return _best(unpack(self._sum(feats)), name_likely)

    def _sum(self, feats: list[str]) -> int:
        return sum(map(self.weight, feats))

    def weight(self, feature: str) -> int:
        """A feature's packed row ("template=value"; 0 if the model lacks it)."""
        template, _, value = feature.partition("=")
        return self.rows.get(template, _NO_ROWS).get(value, 0)

    def table(self, template: str) -> dict[str, int]:
        """The rows of a template's features, by value."""
        return self.rows.get(template, _NO_ROWS)

    def _flag_sum(self, flags: str, start: str) -> int:
        return self._sum(["gs=" + flags, *["g=" + c for c in flags],
                          *["sg=" + start + c for c in flags]])

    def _mark_sum(self, place: str, run: str, opens: bool) -> int:
        f = []
        if place:
            f.append("pl=" + place)
        if run:
            f.append("r=" + run)
            f.append("rs=" + ("1" if opens else "0") + run[0])
        return TIE * self._sum(f)

    def tag(self, info: SentenceInfo) -> list[str]:
        """Tags for all tokens: for each candidate token (see `is_candidate`), the sum over its
        `features`, added up from cached pieces."""
        words, starts, places, runs = info.words, info.starts, info.places, info.runs
        lexical, marks, link, fixed = self._lexical, self._mark_part, self._link, self._fixed
        before, after, after_o = self._before, self._after, self._after_o
        n = len(words)
        padded: list[str | None] = [None, *words, None]  # (word k is padded[k + 1])
        tags = ["O"] * (n + 2)  # the last two stand for the tags before the first token
        for i in info.candidates:
            word, prev = words[i], tags[i - 1]
            if prev == "O" and word in CONNECTORS:
                continue  # a connector continues a name only (addresses are no candidates)
            # (the token itself, its marks, the word before it; then the word after it)
            opens = starts[i]
            total = lexical[opens][word] + marks[opens][places[i], runs[i]] + before[padded[i]]
            if prev == "O" == tags[i - 2]:
                total += after_o[padded[i + 2]]
            else:
                total += after[padded[i + 2]] + link[tags[i - 2], prev, padded[i + 2]]
            tags[i] = fixed[prev][max(*_UNPACK(total.to_bytes(_BYTES, "little"))) % TIE]
        del tags[n:]
        return tags


class _Lexical(Memo[str, int]):
    """The features of `features` that depend on the token alone but for its place and run
    marks (those are `Tagger._mark_part`), by its word, for tokens that open a sentence or for
    those that do not: its word, shape and flags, and whether it opens a sentence (times TIE,
    with the tag ranks, NOT_O where a name is likely, and the offset that makes all fields
    positive). Shape and flags parts, which few values take, are summed once."""

    __slots__ = ("opens", "words", "suffixes", "shape_part", "flag_part", "bias")

    def __init__(self, tagger: Tagger, opens: bool) -> None:
        super().__init__(self.__missing__)
        start = "1" if opens else "0"
        self.opens, self.words, self.suffixes = opens, tagger.table("w"), tagger.table("s")
        self.shape_part: Memo[str, int] = Memo(
            lambda sh: tagger._sum(["sh=" + sh, "st=" + start + sh]))
        self.flag_part: Memo[str, int] = Memo(lambda flags: tagger._flag_sum(flags, start))
        self.bias = TIE * tagger.weight("b") + _RANKS + _OFFSET

    def __missing__(self, word: str) -> int:  # (as Memo's, with no call in between)
        if len(self) >= MEMO_SIZE:
            self.clear()
        lw = word.lower()
        sh, flags = SHAPE_FLAGS[word]
        total = (self.words.get(lw, 0) + self.suffixes.get(lw[-3:], 0) + self.shape_part[sh]
                 + self.flag_part[flags])
        value = TIE * total + self.bias
        if self.opens and _unknown(word):  # (a name is likely)
            value += _NOT_O
        self[word] = value
        return value


class _Link(Memo[tuple[str, str, str | None], int]):
    """The part of the two previous tags, and of the previous tag with the next word (None:
    beyond the text's edge), times TIE, by (tag two before, previous tag, next word)."""

    __slots__ = ("history", "tag_next")

    def __init__(self, tagger: Tagger) -> None:
        super().__init__(self.__missing__)
        self.history, self.tag_next = tagger._history, tagger.table("tn")

    def __missing__(self, key: tuple[str, str, str | None]) -> int:
        if len(self) >= MEMO_SIZE:
            self.clear()
        prev2, prev, after = key
        next_word = "</s>" if after is None else after.lower()
        value = self[key] = TIE * (self.history[prev2, prev]
                                   + self.tag_next.get(prev + next_word, 0))
        return value


class _NearPart(Memo[str | None, int]):
    """A neighbour's part of a token's score (times TIE), by the neighbour's word, found on its
    first use: the model's row for the word in one template ("pw" or "nw"), with `suffix` the
    row of its last three letters in that one ("ps"), the part of its shape and flags
    (`shaped`, if any) and a constant (`extra`); after the token, with `after_o`, also the row
    of the next word after an "O" ("tn=O..."). None stands for a word beyond the text's edge
    (`edge`, "<s>" or "</s>", as the word and its ending; no shape). Most words have no row of
    their own: with no suffix, their part is the one their shape and flags give, the same
    number (one object) for all of them."""

    __slots__ = ("rows", "extra", "suffixes", "shaped", "tag_next", "edge")

    def __init__(self, tagger: Tagger, template: str, edge: str,
                 shaped: Memo[tuple[str, str], int] | None = None, extra: int = 0,
                 after_o: bool = False, suffix: str | None = None) -> None:
        super().__init__(self.__missing__)
        self.rows, self.extra = tagger.table(template), extra
        self.suffixes = tagger.table(suffix) if suffix else None
        self.shaped = shaped if shaped is None or not extra else Memo(
            lambda key: extra + shaped[key])
        self.tag_next = tagger.table("tn") if after_o else None
        feats = [f"{template}={edge}", *(["tn=O" + edge] if after_o else []),
                 *([f"{suffix}={edge}"] if suffix else [])]
        if shaped is not None:
            feats.append(("psh=" if edge == "<s>" else "nsh=") + edge)
        self.edge = extra + TIE * tagger._sum(feats)

    def __missing__(self, word: str | None) -> int:  # (as Memo's, with no call in between)
        if len(self) >= MEMO_SIZE:
            self.clear()
        if word is None:
            value = self[word] = self.edge
            return value
        low = word.lower()
        value = self.extra if self.shaped is None else self.shaped[SHAPE_FLAGS[word]]
        row = self.rows.get(low)  # (most are absent)
        if row is not None:
            value += TIE * row
        if self.suffixes is not None:
            row = self.suffixes.get(low[-3:])
            if row is not None:
                value += TIE * row
        if self.tag_next is not None:
            row = self.tag_next.get("O" + low)
            if row is not None:
                value += TIE * row
        self[word] = value
        return value


def _best(scores: Sequence[int], name_likely: bool) -> str:
    """The tag with the highest score; of equals, the greatest tag name (as in training)."""
    first = 1 if name_likely else 0
    if first:
        scores = scores[1:]
    top = max(scores)
    if scores.count(top) == 1:  # the usual case, found without pairing scores and tags
        return TAGS[first + scores.index(top)]
    return max(zip(scores, TAGS[first:], strict=True))[1]


def _unknown_word(info: SentenceInfo, i: int) -> bool:
    """A capitalised word no dictionary knows: opening a sentence, it is still a name."""
    return _unknown(info.words[i])


def _unknown(word: str) -> bool:
    return (word.isalpha() and len(word) > 2 and not SHAPE_FLAGS[word][1]
            and word[0].isupper() and word[1:].islower())


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    path = resources.files("briefcli") / "data" / "entities" / "model.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if (data["tags"] != list(TAGS) or data.get("scale") != SCALE
            or data.get("field") != FIELD or "templates" not in data):
        raise ValueError("model.json was trained for other tags or weights, or holds them "
                         "otherwise; rebuild it with scripts/train_entities.py")
    return Tagger(data["templates"])
