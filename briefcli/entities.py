"""People (with their roles), organizations and places, found offline.

`extract_entities` tags tokens with the perceptron of `tagger.py`, then tidies the names with rules
a reader of English news would apply: titles are not part of a name but its role ("Secretary of
State Antony Blinken"), a name runs to the end of its capitalised words ("Maine Central
Railroad"), a run ending in "University" or "Street" says what kind of thing it is, and a name
the text has used once means the same thing the next time. `group_entities` merges the mentions
into the brief's people, organizations and places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from .tagger import (
    SHAPE_FLAGS,
    Lexicon,
    Opens,
    SentenceInfo,
    cut,
    data_lines,
    lexicon,
    line_starts,
    sentence_features,
    tagger,
)
from .tokens import STOPWORDS, Memo

__all__ = ["Entity", "Person", "Named", "extract_entities", "group_entities"]

KINDS = {"PER": "person", "ORG": "organization", "LOC": "place"}
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "rev", "fr", "prof",
                        "mr.", "mrs.", "ms.", "dr.", "rev.", "fr.", "prof."})
DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "your"})
# Words after which a role given after a name ("Blinken, the secretary of state,") has ended.
ROLE_ENDS = frozenset({",", ".", ";", ":", ")", "\u2014", "\u2013", "-", "said", "says", "told",
                       "who", "and", "has", "had", "is", "was", "will", "would"})
CALENDAR = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                      "sunday", "january", "february", "march", "april", "june", "july",
                      "august", "september", "october", "november", "december"})
# Lower-case words that may join two capitalised parts of one name.
_PARTICLES = frozenset({"de", "da", "do", "dos", "du", "del", "la", "le", "van", "von", "der",
                        "den", "di", "bin", "al", "el", "y"})
JOINERS = {"PER": _PARTICLES,
           "LOC": _PARTICLES | {"of", "upon", "am", "on"},
           "ORG": _PARTICLES | {"of", "for", "&", "and"},
           "MISC": _PARTICLES | {"of"}}
MAX_ROLE_TOKENS = 8
PER_STOPS = frozenset({"of", "from", "and", "&", "for"})  # "Sen. Rand Paul | of Kentucky"


@dataclass(frozen=True)
class Entity:
    """One mention: `text == source[start:end]`; `role` is the title the text gives a person."""

    kind: str  # person, organization, place
    text: str
    start: int
    end: int
    role: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
                "role": self.role}


@dataclass(slots=True)
class Mention:
    """A name as a token range [start, end) with a tag type (PER, ORG, LOC, MISC)."""

    start: int
    end: int
    kind: str
    role: tuple[int, int] | None = None


class Word:
    """What the rules ask about a word, found once per distinct word (see `WORDS`)."""

    __slots__ = ("lower", "flags", "cap", "title", "modifier", "title_word", "function", "free",
                 "free_person", "head", "role", "role_cap")

    def __init__(self, word: str) -> None:
        titles, modifiers, heads = _rule_lists()
        lw = self.lower = word.lower()
        flags = self.flags = SHAPE_FLAGS[word][1]
        cap = self.cap = word[:1].isupper()
        title = self.title = lw in titles or lw + "." in titles  # heads a title ("CEO", "Gen.")
        modifier = self.modifier = lw in modifiers
        honorific, demonym, stopword = lw in HONORIFICS, "D" in flags, lw in STOPWORDS
        self.title_word = honorific or title or modifier or demonym
        self.function = stopword and lw != "the"  # see `_tidy`
        # A capitalised word that may belong to a neighbouring name (none runs into a title),
        # where no line or sentence starts.
        calendar = cap and lw in CALENDAR
        self.free = (cap and not title and not calendar and not honorific and not stopword
                     and word not in ("I", "I'm") and not any(map(str.isdigit, word)))
        self.free_person = self.free and not self.title_word
        self.head = "O" in flags or lw in heads  # heads names
        # May stand in a title (see `_role_word`): titles, their modifiers, nationalities; and
        # capitals, where no line starts.
        self.role = title or modifier or demonym
        self.role_cap = cap and not honorific and not calendar


@lru_cache(maxsize=1)
def _rule_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The word lists `Word` reads: titles, role modifiers, and words that head names
    (location words such as "Street", and words that end the names of works or events)."""
    lex = lexicon()
    location_words, _ = _word_lists()
    return lex.titles, lex.modifiers, location_words | _misc_words()


WORDS: Memo[str, Word] = Memo(Word)


class Doc:
    """A text as tokens. The rules ask about token i as `WORDS[doc.padded[i]]`: two look-ups
    in C, where a per-text memo of token facts cost a Python call for each token it met."""

    def __init__(self, text: str, ends: list[int], info: SentenceInfo, lex: Lexicon,
                 breaks: list[bool]) -> None:
        self.text = text
        self.ends = ends  # token k is text[ends[2k]:ends[2k+1]]
        self.info = info
        self.lex = lex
        self.breaks = breaks  # a newline lies before this token
        self.starts = info.starts
        self.places = info.places
        self.words = info.words
        self.size = len(info.words)
        # The tokens, then two empty words: the rules look up to two tokens past either end
        # of the text (index -1 and -2 read the empty words, as do size and size + 1).
        self.padded = [*info.words, "", ""]

    def chars(self, start: int, end: int) -> str:
        return self.text[self.ends[2 * start]:self.ends[2 * end - 1]]


@lru_cache(maxsize=1)
def _word_lists() -> tuple[frozenset[str], dict[str, str]]:
    location_words = frozenset(data_lines("location_words.txt"))
    aliases = dict(ln.split("\t", 1) for ln in data_lines("aliases.txt") if "\t" in ln)
    return location_words, aliases


@lru_cache(maxsize=1)
def _organizations() -> frozenset[str]:
    return frozenset(data_lines("organizations.txt"))


@lru_cache(maxsize=1)
def _misc_words() -> frozenset[str]:
    return frozenset(data_lines("misc_words.txt"))


def extract_entities(text: str) -> list[Entity]:
    """Mentions of people, organizations and places in `text`, in order."""
    doc = _doc(text)
    if not doc.words:
        return []
    tags = tagger().tag(doc.info)
    tidy = [_tidy(doc, m) for m in _bio_spans(doc, tags)]
    mentions = _propagate(doc, _no_overlaps([m for m in tidy if m and _keep(doc, m)]))
    taken = {k for m in mentions if m.kind == "PER" for k in range(m.start, m.end)}
    for m in mentions:
        if m.kind == "PER":
            m.role = m.role or _role_before(doc, m.start, taken) or _role_after(doc, m.end)
    return [_entity(doc, m) for m in mentions if m.kind in KINDS]


def _doc(text: str) -> Doc:
    ends, words = cut(text)
    lex = lexicon()
    lines = line_starts(text, ends)
    breaks = [False] * len(words)
    for k in lines:
        breaks[k] = True
    starts = Opens(words, lines)
    info = sentence_features(words, starts, lex, "@" in text or "/" in text)
    starts.find(info.candidates)
    return Doc(text, ends, info, lex, breaks)


def _entity(doc: Doc, m: Mention) -> Entity:
    start, end = doc.ends[2 * m.start], doc.ends[2 * m.end - 1]
    role = " ".join(doc.chars(*m.role).split()) if m.role else None
    # (A frozen dataclass's __init__ sets each field through a guarded call; filling the new
    # object's fields directly builds the same Entity in half the time.)
    entity = object.__new__(Entity)
    entity.__dict__.update(kind=KINDS[m.kind], text=doc.text[start:end], start=start, end=end,
                           role=role)
    return entity


def _bio_spans(doc: Doc, tags: list[str]) -> list[Mention]:
    out: list[Mention] = []
    for i in doc.info.candidates:  # (the tagger tags no other token)
        tag = tags[i]
        if tag == "O":
            continue
        if tag[0] == "I" and out and out[-1].end == i and not doc.breaks[i]:
            out[-1].end = i + 1
        else:
            out.append(Mention(i, i + 1, tag[2:]))
    return out


def _no_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Growing a name can swallow the next one ("Lula" + "da" + "Silva"): keep the longest."""
    out: list[Mention] = []
    for m in sorted(mentions, key=_START):  # (of equal starts, the first listed comes first)
        if not out or m.start >= out[-1].end:
            out.append(m)
        elif m.start == out[-1].start and m.end > out[-1].end:
            out[-1] = m  # (the longest of those that start at one token)
    return out


_START = attrgetter("start")  # (a sort key called from C)


# --- tidying one mention -------------------------------------------------------------------

def _tidy(doc: Doc, m: Mention) -> Mention | None:
    padded, starts = doc.padded, doc.starts
    # "Since" in "Since Iran…", "A" in "A Connecticut judge": a function word opening a
    # sentence is not part of the name that follows ("The" may be: "The Beatles").
    while m.end - m.start > 1 and starts[m.start] and WORDS[padded[m.start]].function:
        m.start += 1
    if m.kind == "PER":
        m = _strip_title(doc, m)
        # A title alone names no one: grown into the name after it, it would hide that it is
        # the name's role ("Senator" + "John Kerry").
        if m.end - m.start == 1 and WORDS[padded[m.start]].title:
            return None
        for k in range(m.start + 1, m.end):
            if WORDS[padded[k]].lower in PER_STOPS:
                m.end = k
                break
    if m.start >= m.end:
        return None
    return _retype(doc, _expand(doc, m))


def _strip_title(doc: Doc, m: Mention) -> Mention:
    """"President Joe Biden" is the person Joe Biden; "President" is kept as the role."""
    padded, words = doc.padded, doc.words
    i = m.start
    while i < m.end - 1 and (WORDS[padded[i]].title_word or words[i] == "."):
        i += 1
    if i < m.end - 1 and WORDS[padded[i]].lower in ("of", "for"):
        i = _end_of_complement(doc, i + 1, m.end)
    if i > m.start and any(WORDS[padded[k]].title for k in range(m.start, i)):
        first = next((k for k in range(m.start, i) if WORDS[padded[k]].lower not in HONORIFICS), i)
        m.role = (first, i) if first < i else None
    m.start = i
    return m


def _end_of_complement(doc: Doc, i: int, end: int) -> int:
    """In "Secretary of Homeland Security Alejandro Mayorkas" the name starts at a first name, or
    else is the last two words."""
    padded = doc.padded
    for k in range(i, end - 1):
        flags = WORDS[padded[k]].flags
        if "F" in flags and "L" not in flags:
            return k
    return max(i, end - 2)


def _expand(doc: Doc, m: Mention) -> Mention:
    """Grow a name over the rest of its run of capitalised words."""
    padded = doc.padded
    after = WORDS[padded[m.end]]
    if after.free or after.lower in JOINERS.get(m.kind, ()):  # (else no word joins)
        end = _grow_right(doc, m)
        taken = end > m.end
        m.end = end
    else:
        taken = False
    while WORDS[padded[m.start - 1]].cap and _joins_left(doc, m.start, m.kind):
        m.start -= 1
        taken = True
    if not taken and m.kind != "PER" and WORDS[padded[m.start - 1]].lower == "of":
        m.start = _head_before_of(doc, m.start)
    return m


def _grow_right(doc: Doc, m: Mention) -> int:
    """The end of the capitalised run after a name. Past a common word in capitals ("Microsoft
    Goliath", a headline's "Will Be") or an "and", the run counts only if it ends in a word that
    heads names ("Maine Central Railroad", "Community and Technical College") or completes one
    ("Academy of Sciences")."""
    safe, headed, k = m.end, m.end, m.end
    plain, complement = True, False
    padded = doc.padded
    while step := _join_step(doc, k, m.kind):
        joiner = WORDS[padded[k]].lower if step == 2 else ""
        plain = plain and joiner not in ("and", "&")
        complement = complement or (joiner in ("of", "for") and WORDS[padded[k - 1]].head)
        k += step
        last = WORDS[padded[k - 1]]
        plain = plain and not ("L" in last.flags and "R" not in last.flags)
        if plain:
            safe = k
        if complement or last.head or _team(doc, m.start, k):
            headed = k
    return max(safe, headed)


def _free_cap(doc: Doc, i: int, kind: str) -> bool:
    """A capitalised word that may belong to a neighbouring name (none runs into a title), where
    no line or sentence starts."""
    word = WORDS[doc.padded[i]]
    return ((word.free_person if kind == "PER" else word.free)
            and not doc.breaks[i] and not doc.starts[i])


def _join_step(doc: Doc, i: int, kind: str) -> int:
    """1 if token i continues the name, 2 if a joiner ("of", "von") and the word after it do."""
    if _free_cap(doc, i, kind):
        return 1
    if (WORDS[doc.padded[i]].lower in JOINERS.get(kind, ()) and not doc.breaks[i]
            and _free_cap(doc, i + 1, kind)):
        return 2
    return 0


def _joins_left(doc: Doc, i: int, kind: str) -> bool:
    j = i - 1
    if j < 0 or doc.breaks[i]:
        return False
    word = WORDS[doc.padded[j]]
    if not word.cap or word.title:
        return False
    if word.title_word and not (kind == "ORG" and "D" in word.flags):
        return False  # "German Entomological Institute" keeps its nationality
    if doc.starts[j] and "L" in word.flags:
        return False  # "The", "In", "Yesterday" opening a sentence
    if kind == "PER":
        return "F" in word.flags or doc.words[j].endswith(".")
    return word.lower not in CALENDAR


def _head_before_of(doc: Doc, start: int) -> int:
    """"University of Pennsylvania", "City of Little Falls": the head joins the name."""
    location_words, _ = _word_lists()
    head = start - 2
    word = WORDS[doc.padded[head]]
    if word.cap and ("O" in word.flags or word.lower in location_words
                     or word.lower in ("city", "republic", "kingdom", "state")):
        return head
    return start


_CAMEL = re.compile(r"(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)[A-Z])[A-Z][a-z]+[A-Z]")


def _retype(doc: Doc, m: Mention) -> Mention:
    """The words of a name say its kind: a listed place or institution, a last word such as
    "Institute" or "Street", or a head before "of" ("University of Texas", "City of Perth").
    One camel-cased word ("TimeWarner", but not "McDonald") names a company, not a person."""
    single = m.end - m.start == 1
    if (doc.words[m.start] if single else doc.chars(m.start, m.end)) in _organizations():
        m.kind = "ORG"
    elif m.kind == "PER" and single and _CAMEL.match(doc.words[m.start]):
        m.kind = "ORG"
    elif doc.places[m.start] == "B" and _is_listed_place(doc, m.start, m.end):
        m.kind = "LOC"
    elif not single:
        m.kind = _kind_by_head(doc, m.start, m.end) or m.kind
    return m


def _team(doc: Doc, start: int, end: int) -> bool:
    """A place followed by a plural ("Toronto Blue Jays", "Baltimore Colts") names a team."""
    last = doc.words[end - 1]
    return (end - start > 1 and doc.places[start] == "B" and doc.places[end - 1] == ""
            and last[-1:] == "s" and last[-2:] not in ("ss", "us", "is") and last[:1].isupper())


def _is_listed_place(doc: Doc, start: int, end: int) -> bool:
    marks = doc.places
    inside = marks[start + 1:end]
    return (marks[start] == "B" and inside.count("I") == len(inside)
            and (end == len(marks) or marks[end] != "I"))


def _kind_by_head(doc: Doc, start: int, end: int) -> str | None:
    location_words, _ = _word_lists()
    words = doc.words
    last = WORDS[words[end - 1]]
    if last.lower in _misc_words():
        return "MISC"
    if "O" in last.flags or _team(doc, start, end):
        return "ORG"
    if last.lower in location_words:
        return "LOC"
    for k in range(start, end - 1):
        if WORDS[words[k + 1]].lower == "of":  # (a head before "of")
            head = WORDS[words[k]]
            if "O" in head.flags:
                return "ORG"
            if head.lower in location_words:
                return "LOC"
    return None


def _keep(doc: Doc, m: Mention) -> bool:
    """Drop what cannot be a name on its own: a lone title, demonym, or sentence-opening word."""
    words = doc.words
    first = WORDS[words[m.start]]
    if "D" in first.flags and all("D" in WORDS[w].flags for w in words[m.start:m.end]):
        return False  # "Sunni Muslim", "Latin American"
    if m.end - m.start > 1:
        return True
    i = m.start
    word = words[i]
    if first.title_word or not (word.isalpha() or any(map(str.isalpha, word))):
        return False
    if word in ("US", "U.S.") and doc.text[doc.ends[2 * i + 1]:][:1] == "$":
        return False  # US$, a currency
    return not (doc.starts[i] and "L" in first.flags and "R" not in first.flags)


# --- document-level consistency ------------------------------------------------------------

def _propagate(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One name, one kind: the majority kind wins, and untagged repeats of a name are tagged."""
    words = doc.words
    names = [tuple(words[m.start:m.end]) for m in mentions]
    votes: dict[tuple[str, ...], dict[str, int]] = {}
    for m, name in zip(mentions, names, strict=True):
        kinds = votes.get(name)
        if kinds is None:
            votes[name] = {m.kind: 1}
        else:
            kinds[m.kind] = kinds.get(m.kind, 0) + 1
    winners = {name: next(iter(kinds)) if len(kinds) == 1 else _majority(kinds)
               for name, kinds in votes.items()}
    for m, name in zip(mentions, names, strict=True):
        m.kind = winners[name]
    surnames = {words[m.end - 1]: "PER" for m in mentions
                if m.kind == "PER" and m.end - m.start > 1}
    for m in mentions:  # after "Leonardo DiCaprio", a lone "DiCaprio" is the same man
        if m.end - m.start == 1 and words[m.start] in surnames:
            m.kind = "PER"
    known = {name[0]: kind for name, kind in winners.items() if len(name) == 1}
    known.update(surnames)
    return _tag_repeats(doc, mentions, known)


def _majority(votes: dict[str, int]) -> str:
    """The kind with the most votes; of equals, the first in alphabetical order."""
    return max(sorted(votes), key=votes.__getitem__)


def _tag_repeats(doc: Doc, mentions: list[Mention], known: dict[str, str]) -> list[Mention]:
    """Capitalised words that are known names, outside the mentions, become mentions too."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    words = doc.words
    extra = [Mention(i, i + 1, known[words[i]]) for i in doc.info.caps
             if words[i] in known and i not in covered]
    return sorted(mentions + extra, key=_START) if extra else mentions


# --- roles ---------------------------------------------------------------------------------

def _role_word(doc: Doc, i: int) -> bool:
    """A word that may stand in a title: titles, their modifiers, nationalities, capitals."""
    word = WORDS[doc.padded[i]]
    return word.role or (word.role_cap and not doc.breaks[i])


def _role_before(doc: Doc, i: int, people: set[int]) -> tuple[int, int] | None:
    """"Secretary of Homeland Security | Alejandro Mayorkas", "Mexican Foreign Secretary | …".
    A title never reaches back into another person's name (`people`: their tokens)."""
    if i == 0 or doc.breaks[i]:
        return None
    padded = doc.padded
    k = _skip_complement(doc, i)
    if not WORDS[padded[k - 1]].title or k - 1 in people:
        return None
    k -= 1
    while (k > 0 and i - k < MAX_ROLE_TOKENS and not doc.breaks[k] and k - 1 not in people
           and _role_word(doc, k - 1)):
        k -= 1
    while k < i and ((word := WORDS[padded[k]]).lower in DETERMINERS or "L" in word.flags
                     and doc.starts[k] and not word.title and not word.modifier):
        k += 1
    return (k, i) if k < i else None


def _skip_complement(doc: Doc, i: int) -> int:
    """Step back over "of State" / "of Homeland Security" before a name."""
    padded = doc.padded
    k = i
    while (k > 0 and i - k < 4 and WORDS[padded[k - 1]].cap and not WORDS[padded[k - 1]].title
           and not doc.breaks[k]):
        k -= 1
    if (k < i and WORDS[padded[k - 1]].lower in ("of", "for") and WORDS[padded[k - 2]].title
            and not doc.breaks[k] and not doc.breaks[k - 1]):
        return k - 1
    return i


def _role_after(doc: Doc, j: int) -> tuple[int, int] | None:
    """"Blinken, the secretary of state," and "Tim Cook, chief executive of Apple,"."""
    padded, size = doc.padded, doc.size
    if WORDS[padded[j]].lower != "," or j + 1 >= size:
        return None
    k = j + 1
    if WORDS[padded[k]].lower in DETERMINERS:
        k += 1
    start, has_title = k, False
    while k < size and k - start < MAX_ROLE_TOKENS and not doc.breaks[k]:
        word = WORDS[padded[k]]
        if word.lower in ("of", "for", "'s", "\u2019s") or _role_word(doc, k):
            has_title = has_title or word.title
            k += 1
        elif word.lower == "the" and WORDS[padded[k - 1]].lower in ("of", "for"):
            k += 1
        else:
            break
    ends = k == size or WORDS[padded[k]].lower in ROLE_ENDS
    if has_title and ends and k > start and WORDS[padded[k - 1]].lower not in ("of", "for", "the"):
        return (start, k)
    return None


# --- the brief's view: unique people, organizations and places -----------------------------

@dataclass(frozen=True)
class Person:
    name: str
    role: str | None
    mentions: int

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "role": self.role, "mentions": self.mentions}


@dataclass(frozen=True)
class Named:
    """An organization or a place, with how often the article mentions it."""

    name: str
    mentions: int

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "mentions": self.mentions}


_CAMEL_ORG = re.compile(r"\b([A-Z]{2,})([A-Z][a-z]+)\b")


def _display(key: tuple[str, str]) -> str:
    """The name of a (kind, text) mention as the brief shows it: one line, aliases resolved
    ("U.S." -> "United States")."""
    kind, text = key
    _, aliases = _word_lists()
    name = " ".join(text.split())  # (whitespace as the re module's \s has it)
    if name.lower().startswith("the ") and tuple(name.split()) not in lexicon().places:
        name = name[4:]  # "the United States", but "The Hague"
    if name.isupper() and tuple(name.title().split()) in lexicon().places:
        name = name.title()  # a dateline's "NEW YORK"
    name = aliases.get(name, name)
    if kind == "organization":
        name = _CAMEL_ORG.sub(_split_camel, name)
    return name


_DISPLAY: Memo[tuple[str, str], str] = Memo(_display)


def _split_camel(m: re.Match[str]) -> str:
    """"NBCNews" -> "NBC News", when the second part is a word that ends organization names."""
    if m.group(2).lower() in lexicon().org_words:
        return f"{m.group(1)} {m.group(2)}"
    return m.group(0)


def group_entities(mentions: list[Entity]) -> tuple[list[Person], list[Named], list[Named]]:
    """Unique people, organizations and places, most mentioned first (ties: first seen)."""
    by_kind: dict[str, list[Entity]] = {"person": [], "organization": [], "place": []}
    for m in mentions:
        group = by_kind.get(m.kind)
        if group is not None:
            group.append(m)
    people = _group_people(by_kind["person"])
    orgs = _merge_acronyms(_count_names(by_kind["organization"]))
    return people, orgs, _count_names(by_kind["place"])


def _group_people(mentions: list[Entity]) -> list[Person]:
    """"Blinken" joins "Antony Blinken": a shorter name is a person's last (or first) name."""
    names = [_DISPLAY[m.kind, m.text] for m in mentions]
    owner = _owners({name: tuple(name.split()) for name in set(names)})
    groups: dict[str, list[Entity]] = {}
    for m, name in zip(mentions, names, strict=True):
        groups.setdefault(owner[name], []).append(m)
    people = [_person(name, _first_role(ms), len(ms)) for name, ms in groups.items()]
    return _by_importance(people, [ms[0].start for ms in groups.values()])


def _owners(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Each name's owner: the first name, longest first (then alphabetical), whose first or last
    words it is, and fewer; else the name itself. (Each self-owned name lists its parts.)"""
    parts: dict[tuple[str, ...], str] = {}  # first/last words of a self-owned name -> that name
    owner: dict[str, str] = {}
    for _, name in sorted((-len(ws), name) for name, ws in words.items()):
        ws = words[name]
        owner[name] = parts.get(ws, name)
        if owner[name] == name and ws:
            parts.setdefault((), name)
            for k in range(1, len(ws)):
                parts.setdefault(ws[:k], name)
                parts.setdefault(ws[-k:], name)
    return owner


def _person(name: str, role: str | None, mentions: int) -> Person:
    """`Person(name, role, mentions)`, its fields filled directly (see `_entity`)."""
    person = object.__new__(Person)
    person.__dict__.update(name=name, role=role, mentions=mentions)
    return person


def _named(name: str, mentions: int) -> Named:
    """`Named(name, mentions)`, its fields filled directly (see `_entity`)."""
    named = object.__new__(Named)
    named.__dict__.update(name=name, mentions=mentions)
    return named


def _first_role(mentions: list[Entity]) -> str | None:
    for m in mentions:
        if m.role:
            return m.role
    return None


def _count_names(mentions: list[Entity]) -> list[Named]:
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in mentions:
        name = _DISPLAY[m.kind, m.text]
        if name in counts:
            counts[name] += 1
        else:
            counts[name] = 1
            first[name] = m.start
    names = [_named(n, c) for n, c in counts.items()]
    return _by_importance(names, list(first.values()))


_GLUE = frozenset({"of", "the", "and", "for", "&", "on", "de"})


def _initials(name: str) -> str:
    """"International Criminal Court" -> "ICC"; "" for a single word."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _GLUE]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


_INITIALS: Memo[str, str] = Memo(_initials)


def _merge_acronyms(orgs: list[Named]) -> list[Named]:
    """"ICC" joins "International Criminal Court" when the text names both."""
    if not any(org.name.isupper() for org in orgs):
        return orgs  # (no acronym to merge)
    longs: dict[str, int] = {}
    for k, org in enumerate(orgs):
        longs.setdefault(_INITIALS[org.name], k)
    longs.pop("", None)
    counts = [o.mentions for o in orgs]
    dropped = set()
    for k, org in enumerate(orgs):
        target = longs.get(org.name.replace(".", ""))
        if org.name.isupper() and target is not None and target != k:
            counts[target] += counts[k]
            dropped.add(k)
    if not dropped:
        return orgs
    merged = [Named(o.name, counts[k]) for k, o in enumerate(orgs) if k not in dropped]
    return _by_importance(merged, [k for k in range(len(orgs)) if k not in dropped])


def _by_importance(items: list, firsts: list[int]) -> list:  # type: ignore[type-arg]
    """Most mentioned first; of equals, the first seen (then the first listed)."""
    if len(items) < 2:
        return items
    order = sorted(zip([-item.mentions for item in items], firsts, range(len(items)), strict=True))
    return [items[k] for _, _, k in order]
