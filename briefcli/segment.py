"""Sentence segmentation for news text: Punkt's decisions plus a thin layer of layout rules.

`sentence_spans` is what the pipeline uses; `split_sentences` is the public convenience. Sentences
are exact substrings of the input, in order, never overlapping. One pass, linear time:

1. Layout (`_line_cuts`, `_list_cuts`): a blank line always ends a sentence; a single line break
   ends one when the line reads as a headline, dateline, byline or list item, and is a soft wrap
   when the text plainly runs on. Bullets and inline enumerations ("1) ... 2) ...") start items.
2. Punctuation (`_decide`): every run of . ! ? or an ellipsis, with its closing quotes and
   brackets, is a candidate; the token before and the word after decide. This is the second pass
   of Punkt (Kiss & Strunk 2006, "Unsupervised Multilingual Sentence Boundary Detection"): after
   an abbreviation, initial or ellipsis a sentence ends only if the next word is a frequent
   sentence starter or, by the orthographic heuristic, a word seen in lower case inside sentences
   and never capitalised there. A lower-case next word never starts a sentence.

Around that decision sit a few rules a news editor would name: titles ("Mr.") never end a
sentence; initials ("George W. Bush") end one only before a function word; a capitalised acronym
("U.S. Attorney") usually heads a name; abbreviations spelt like words ("no.", "ill.") count only
when capitalised or before a number; a clock time ends a sentence unless a day, month or zone
follows; list markers, quotes set off by a space and ellipses have their own cases.

The Punkt parameters ship as text in nltk's punkt_tab layout in `briefcli/data/punkt/` (built by
`scripts/build_punkt.py`; never downloaded, never unpickled); `punkt_parameters()` loads them as
nltk `PunktParameters`. nltk's `PunktSentenceTokenizer` re-tokenizes a context window per
candidate and runs at about 2 MB/s here; applying the decision once per candidate runs several
times faster, so that is what we do. `punkt_tokenizer()` gives nltk's tokenizer with the same
parameters, for comparison (bench/segmentation.py prints both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nltk is imported lazily: `brief --help` must not pay for it
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = ["sentence_spans", "split_sentences", "punkt_parameters", "punkt_tokenizer"]

Span = tuple[int, int]

# Punkt's orthographic context flags (the bit layout of punkt_tab's ortho_context.tab).
_ORTHO_MID_UC = 1 << 2
_ORTHO_UNK_UC = 1 << 3
_ORTHO_LC = (1 << 4) | (1 << 5) | (1 << 6)

_OPENERS = "\"'“‘([{«¿¡"
# A candidate: a spaced ellipsis ". . ." or a run of terminators, then closing quotes/brackets,
# then white space, the end, or (glued, "world.Today") a capital letter.
# (Written to begin with a character class: Python's re then skips ahead fast.)
_CANDIDATE = re.compile(
    r"(?P<punct>[.!?…‽](?:(?<=\.)(?: \.){2,}|[.!?…‽]*))"
    r"(?P<close>[\"'”’»)\]}]*)(?=\s|\Z|[A-ZÀ-ÖØ-Þ])"
    r"(?=(?P<space>\s*)(?P<next>\S{1,64}))?"  # the next token, read without consuming it
)
_SPACE = re.compile(r"\s*")
_TOKEN = re.compile(r"\S{1,64}")
_AFTER = re.compile(r"[ \t]+(\S{1,64})")
_LETTERS = re.compile(r"[^\W\d_]+")
_ALNUM = re.compile(r"[^\W_]")
_NUMBER = re.compile(r"[$€£¥]?\d[\d,.:]*(?:%|s|st|nd|rd|th)?")
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # u.s, e.g, U.S.A (final period excluded)
_MARKER_ONLY = re.compile(r"[•⁃▪◦●‣*\-–]?\s*(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})")


@dataclass(frozen=True)
class _Lexicon:
    abbrevs: frozenset[str]
    titles: frozenset[str]
    homographs: frozenset[str]
    starters: frozenset[str]
    collocations: frozenset[tuple[str, str]]
    collocation_starts: frozenset[str]  # the first words of the collocations
    ortho: dict[str, int]
    special: frozenset[str]  # abbreviations, titles and homographs: one look-up


def _read(name: str) -> str:
    return (resources.files("briefcli") / "data" / "punkt" / name).read_text(encoding="utf-8")


def _data_lines(name: str) -> list[str]:
    return _read(name).split()  # one word a line, no spaces inside


def _tab_rows(name: str) -> list[list[str]]:
    return [ln.split("\t") for ln in _read(name).splitlines() if "\t" in ln]


@lru_cache(maxsize=1)
def punkt_parameters() -> PunktParameters:
    """nltk `PunktParameters` from the punkt_tab files shipped in `briefcli/data/punkt/`."""
    from nltk.tokenize.punkt import PunktParameters

    params = PunktParameters()
    params.abbrev_types = set(_data_lines("abbrev_types.txt")) | set(_data_lines("titles.txt"))
    params.sent_starters = set(_data_lines("sent_starters.txt"))
    params.collocations = {(a, b) for a, b, *_ in _tab_rows("collocations.tab")}
    for typ, flags, *_ in _tab_rows("ortho_context.tab"):
        params.ortho_context[typ] = int(flags)
    return params


@lru_cache(maxsize=1)
def punkt_tokenizer() -> PunktSentenceTokenizer:
    """nltk's own Punkt tokenizer with our parameters (used by the bench for comparison)."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer(punkt_parameters())


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    # The same files as `punkt_parameters`, read without importing nltk: a first call costs a
    # few milliseconds, not the half second of `import nltk`.
    titles = frozenset(_data_lines("titles.txt"))
    abbrevs = frozenset(_data_lines("abbrev_types.txt")) - titles
    homographs = frozenset(_data_lines("homographs.txt"))
    return _Lexicon(
        abbrevs=abbrevs,
        titles=titles,
        homographs=homographs,
        starters=frozenset(_data_lines("sent_starters.txt")),
        collocations=frozenset((a, b) for a, b, *_ in _tab_rows("collocations.tab")),
        collocation_starts=frozenset(a for a, *_ in _tab_rows("collocations.tab")),
        ortho={typ: int(flags) for typ, flags, *_ in _tab_rows("ortho_context.tab")},
        special=abbrevs | titles | homographs,
    )


# ---------------------------------------------------------------------------------------------
# Layout: line breaks, bullets and enumerations


# Prose punctuation in a paragraph: without any, its lines are items ("features\ncontacts").
_PROSE_END = re.compile(r"[.!?…‽:][\"'”’»)\]]*(?:\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?…‽][\"'”’»)\]]*$")
# A line that opens with a bullet or an item label: "- ", "3. ", "b) ", "iv. ", "C) ", "(ii) ".
_BULLET_LINE = re.compile(
    r"(?:[-*•⁃▪◦●‣–—]|\d{1,3}[.)]|[a-z][.)]|[ivx]{1,4}[.)]|[A-Z]\)"
    r"|\((?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})\))\s"
)
_PAREN_LABEL = re.compile(r"\((?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})\)")
_BULLET = re.compile(r"[•⁃▪◦●‣]")
_MARKER = re.compile(r"(?<!\S)(\d{1,2}|[a-z])(\.\)|\)|\.)(?=\s)")
_LINE_MARKER = re.compile(r"\n[ \t]*(?:\d{1,2}|[a-z])(?:\.\)|\)|\.)\s")
# Words a headline or a finished line cannot end with: the line must run on.
_JOINERS = frozenset(
    "a an the of to in on at for with by from and or but nor as than that which who whose "
    "is are was were be been has have had will would its their his her our my your".split()
)
_MIN_WRAP, _MAX_WRAP = 40, 100  # plausible fixed wrap widths; wider lines are paragraphs


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _paragraphs(text: str) -> list[list[tuple[int, str]]]:
    paras: list[list[tuple[int, str]]] = [[]]
    for off, line in _lines(text):
        if line.strip():
            paras[-1].append((off, line))
        elif paras[-1]:
            paras.append([])
    return [p for p in paras if p]


def _wrap_width(lines: list[tuple[int, str]]) -> int:
    """The width text was hard-wrapped at, or 0 when lines are not wrapped at a fixed width."""
    lengths = [len(ln.rstrip()) for _, ln in lines]
    width = max(lengths)
    if not _MIN_WRAP <= width <= _MAX_WRAP or sum(n > 0.75 * width for n in lengths) < 3:
        return 0
    return width


def _hard_newline(prev: str, nxt: str, listlike: bool, width: int) -> bool:
    """Does the line break between `prev` and `nxt` (both stripped) end a sentence?"""
    if listlike or _BULLET_LINE.match(nxt):
        return True
    if nxt[0].islower():
        return False  # text running on after a wrap
    # A fixed-width wrap moves a word down only when it does not fit on the line above.
    wrapped = width and len(prev) + 1 + len(nxt.split(None, 1)[0]) > width
    if _ENDS_SENTENCE.search(prev):
        return not wrapped  # "... Jr.\nWASHINGTON": a line end is a stronger cue than a space
    if prev[-1] in ",;-–(/&" or prev.rsplit(None, 1)[-1].lower() in _JOINERS:
        return False
    return not wrapped


def _line_cuts(text: str) -> list[int]:
    if "\n" not in text:
        return []
    cuts: list[int] = []
    width = _wrap_width(_lines(text))
    for para in _paragraphs(text):
        cuts.append(para[0][0])
        listlike = len(para) > 1 and not any(_PROSE_END.search(ln) for _, ln in para)
        for (_, prev), (off, nxt) in pairwise(para):
            if _hard_newline(prev.strip(), nxt.strip(), listlike, width):
                cuts.append(off)
    return cuts


def _at_line_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 8) : pos]
    head = before.rsplit("\n", 1)
    return not head[-1].strip() and (len(head) > 1 or pos <= 8)


def _marker_value(label: str) -> int:
    return int(label) if label.isdigit() else ord(label) - ord("a") + 1


def _list_cuts(text: str) -> list[int]:
    """Cuts before bullets and before the next item of an enumeration begun at a line start."""
    cuts: list[int] = []
    # (Rare: skip the list building otherwise. The bullets are not ASCII, and whether a text
    # is ASCII is known without a scan.)
    if not text.isascii() and _BULLET.search(text):
        bullets = (m.start() for m in _BULLET.finditer(text))
        cuts = [pos for pos in bullets if text[pos - 1 : pos].isspace()]
    if not (_MARKER.match(text.lstrip()) or ("\n" in text and _LINE_MARKER.search(text))):
        return cuts  # no enumeration begins at a line start: skip the slower scan
    expect: tuple[str, bool, int] | None = None
    for m in _MARKER.finditer(text):
        label, style = m.group(1), m.group(2)
        key = (style, label.isdigit(), _marker_value(label))
        if _at_line_start(text, m.start()):
            expect = (key[0], key[1], key[2] + 1)
        elif key == expect:
            cuts.append(m.start())
            expect = (key[0], key[1], key[2] + 1)
    return sorted(cuts)


# ---------------------------------------------------------------------------------------------
# Punctuation: Punkt's decision at each candidate


# After a clock time ("5 p.m. Friday") these words continue the sentence.
_TIME_FOLLOWERS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat "
    "sun january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec eastern central mountain pacific atlantic "
    "local gmt utc est edt cst cdt pst pdt bst cet et pt ct mt".split()
)


@dataclass(slots=True)
class _Next:
    glued: bool  # no space between the punctuation and the next token
    raw: str  # the next whitespace-delimited token (up to 64 characters)
    word: str  # its first run of letters or digits, openers removed
    after: str = ""  # the token after it on the same line ("5 p.m. Paris time")


def _next_token(text: str, end: int) -> _Next | None:
    space = _SPACE.match(text, end)
    start = space.end() if space else end
    tok = _TOKEN.match(text, start)
    return _make_next(start == end, tok.group()) if tok else None


def _token_after(text: str, end: int, nxt: _Next) -> str:
    """The token after `nxt` on its line ("time" in "5 p.m. Paris time")."""
    at = text.find(nxt.raw, end) + len(nxt.raw)
    m = _AFTER.match(text, at)
    return m.group(1) if m else ""


def _make_next(glued: bool, raw: str) -> _Next:
    return _Next(glued=glued, raw=raw, word=raw.lstrip(_OPENERS + "-–—"))


def _prev_token(text: str, pos: int, last: int) -> str:
    lo = max(last, pos - 64)
    # Most often the token is what follows the last space, when that holds no other white
    # space (str.isprintable is false for every white-space character but the space).
    token = text[text.rfind(" ", lo, pos) + 1 or lo : pos]
    if token.isprintable():
        return token.lstrip(_OPENERS)
    window = text[lo:pos]
    if not window or window[-1].isspace():
        return ""
    return window.rsplit(None, 1)[-1].lstrip(_OPENERS)


def _shape(word: str) -> str:
    if not word:
        return "other"
    if word[0].isupper() or (len(word) > 1 and word[0].islower() and word[1].isupper()):
        return "upper"  # "iPhone" and "eBay" start sentences like capitals do
    if word[0].islower():
        return "lower"
    return "digit" if word[0].isdigit() else "other"


def _word_type(word: str) -> str:
    m = _LETTERS.match(word)
    return m.group().lower() if m else ""


def _starter(word: str, lex: _Lexicon) -> bool:
    """Punkt's test for a sentence start after an abbreviation: a known sentence starter, or the
    orthographic heuristic (seen lower case, never capitalised inside a sentence)."""
    typ = _word_type(word)
    if typ in lex.starters:
        return True
    if len(typ) > 1 and word[: len(typ)].isupper():
        return False  # an acronym ("ET", "AP") is not the capitalised form of a word
    flags = lex.ortho.get(typ, 0)
    return bool(flags & _ORTHO_LC) and not flags & (_ORTHO_MID_UC | _ORTHO_UNK_UC)


def _is_initial(prev: str) -> bool:
    return len(prev) == 1 and prev.isupper()


def _is_abbrev(prev: str, lex: _Lexicon) -> bool:
    typ = prev.lower()
    if typ in lex.homographs:
        return prev[0].isupper()  # "Ill." and "No." but not "ill." or "vote no."
    return typ in lex.abbrevs or (len(typ) == 1 and typ.isalpha()) or bool(_ACRONYM.fullmatch(typ))


def _few_words(text: str, last: int, pos: int) -> bool:
    """Is the sentence so far at most three tokens ("At 5 a.m.")? Too short to end on an
    abbreviation."""
    return pos - last < 40 and len(text[last:pos].split()) <= 3


def _marker_only(text: str, last: int, pos: int) -> bool:
    """Is the sentence so far just a list marker ("1", "b", "• 9")?"""
    return pos - last <= 12 and bool(_MARKER_ONLY.fullmatch(text[last:pos].strip()))


def _glued_break(prev: str, nxt: _Next, lex: _Lexicon) -> bool:
    """'world.Today', '1,000.That': a missing space, but not 'Jane.Doe@x.com' or 'U.S'."""
    word = nxt.word
    if len(word) < 2 or not (word[0].isupper() and word[1].islower()) or len(prev) < 2:
        return False
    whole = prev + nxt.raw
    if "@" in whole or "/" in whole or "www" in whole.lower():
        return False
    tail = prev.rsplit(".", 1)[-1]
    if tail.lower() in lex.titles or _is_abbrev(tail, lex):
        return False
    return tail[-1].islower() or tail[-1].isdigit()


def _ellipsis_cut(text: str, m: re.Match[str], nxt: _Next, lex: _Lexicon) -> int | None:
    punct = m.group("punct")
    dots = punct.count(".") + 3 * punct.count("…")
    if _shape(nxt.word) != "upper":
        return None
    if dots >= 4:  # an ellipsis plus a period
        attached = m.start() > 0 and not text[m.start() - 1].isspace()
        # "compounds. . . . The": the period ends the sentence, the ellipsis opens the next.
        return m.start() + 1 if attached and " " in punct else m.end()
    detached = m.start() == 0 or text[m.start() - 1].isspace()
    if " " in punct or detached or _word_type(nxt.word) == "i":
        return None  # a spaced or free-standing ellipsis, or one before "I", marks an omission
    return m.end() if _starter(nxt.word, lex) else None


def _period_cut(prev: str, nxt: _Next, lex: _Lexicon, short: bool) -> bool:
    shape = _shape(nxt.word)
    typ = prev.lower()
    if typ in lex.titles:
        return False  # "Mr." always precedes a name
    if _is_initial(prev):  # "George W. Bush" unless a function word follows ("Plan B. The")
        is_initial = len(nxt.word) > 1 and nxt.word[1] == "." and nxt.word[0].isupper()
        return not is_initial and shape == "upper" and _word_type(nxt.word) in lex.starters
    if _is_abbrev(prev, lex):
        return shape == "upper" and _abbrev_cut(prev, nxt, lex, short)
    if typ in lex.homographs and shape == "digit":
        return False  # "no. 5"
    key = "##number##" if _NUMBER.fullmatch(prev) else typ
    return (key, _word_type(nxt.word)) not in lex.collocations


def _abbrev_cut(prev: str, nxt: _Next, lex: _Lexicon, short: bool) -> bool:
    """After an abbreviation and before a capitalised word: is this a sentence end?"""
    following = _word_type(nxt.word)
    if following in lex.starters:
        return True  # a function word: "Acme Inc. The company ..."
    if short:
        return False  # "At 5 a.m. Mr. Smith went": three words are too few for a sentence
    is_title = nxt.raw.endswith(".") and following in lex.titles | {"dr"}
    if prev.lower() in ("a.m", "p.m"):
        # After a clock time only a day, month or time zone continues the sentence.
        return following not in _TIME_FOLLOWERS and nxt.after.lower() != "time"
    if prev.isupper() and _ACRONYM.fullmatch(prev):
        # "U.S. Attorney", "L.A. Kings", "George H.W. Bush": a capitalised acronym usually heads
        # a name, so only a function word or a title shows a new sentence.
        return is_title
    return is_title or _starter(nxt.word, lex)


def _closes_quote(text: str, last: int, pos: int, quote: str) -> bool:
    """Does a detached quote mark after `pos` close a quotation the sentence opened?"""
    if quote in "”’":
        return True
    return text.count(quote, max(last, pos - 300), pos) % 2 == 1


def _skip_detached_quote(text: str, end: int, last: int, nxt: _Next) -> tuple[int, _Next | None]:
    """'that?' " McLean said': a closing quote set off by a space belongs to the sentence."""
    if nxt.glued or len(nxt.raw) != 1 or nxt.raw not in "\"”'’":
        return end, nxt
    if not _closes_quote(text, last, end, nxt.raw):
        return end, nxt
    after = text.index(nxt.raw, end) + 1
    return after, _next_token(text, after)


def _has_content(text: str, last: int, pos: int) -> bool:
    """Has the sentence so far any letter or digit (not just '"...' or '...')?"""
    return pos - last > 8 or _ALNUM.search(text, last, pos) is not None


def _plain_type(prev: str, lex: _Lexicon) -> str:
    """The type (lower case) of a lower-case-final word of three or more letters that no rule
    treats specially; "" for any other token."""
    if len(prev) > 2 and prev[-1].islower() and prev.isalpha():
        typ = prev.lower()
        return typ if typ not in lex.special else ""
    return ""


def _collocation(typ: str, word: str, lex: _Lexicon) -> bool:
    """Do the word of type `typ` and the next word make a known collocation (no sentence break
    between)? Few words start one, so the next word is read only after one of them."""
    return typ in lex.collocation_starts and (typ, _word_type(word)) in lex.collocations


def _decide(text: str, m: re.Match[str], last: int, lex: _Lexicon) -> int | None:
    """Where the sentence ends at candidate `m`, or None if it does not end there."""
    punct, _, space, raw = m.groups()
    start = m.start()
    if punct == "." and space and len(raw) > 1 and raw[0].isupper() and start - last > 8:
        # The common case, "... the market. Shares fell", decided before any other test: a
        # capital letter opens the next word (nothing to strip, not lower case), it is no lone
        # quote and the sentence so far is long enough to have content.
        typ = _plain_type(_prev_token(text, start, last), lex)
        if typ:
            return m.end() if not _collocation(typ, raw, lex) else None
    first = _make_next(not space, raw)
    if _shape(first.word) == "lower" and not _PAREN_LABEL.match(raw):  # "(b) The next item"
        return None
    if start - last <= 8 and not _has_content(text, last, start):
        return None
    end, nxt = m.end(), first
    if len(raw) == 1:
        end, skipped = _skip_detached_quote(text, end, last, first)
        if skipped is None or _shape(skipped.word) == "lower":
            return None
        nxt = skipped
    prev = _prev_token(text, start, last)
    if punct == "." and not nxt.glued and (typ := _plain_type(prev, lex)):
        # The common case, decided early: "... the market. Shares fell".
        return end if not _collocation(typ, nxt.word, lex) else None
    if nxt.glued:
        return end if len(punct) == 1 and _glued_break(prev, nxt, lex) else None
    if "…" in punct or punct.count(".") >= 3:
        return _ellipsis_cut(text, m, nxt, lex)
    if "." not in punct:
        return end  # ! and ? end a sentence unless lower case follows
    if _marker_only(text, last, start):
        return None
    if prev.lower() in ("a.m", "p.m"):
        nxt.after = _token_after(text, end, nxt)
    short = _few_words(text, last, start)
    return end if _period_cut(prev, nxt, lex, short) else None


def _punct_cuts(text: str, forced: list[int], lex: _Lexicon) -> list[int]:
    cuts: list[int] = []
    last, i = 0, 0
    for m in _CANDIDATE.finditer(text):
        if m.group("next") is None:
            continue  # the end of the text ends the sentence anyway
        while i < len(forced) and forced[i] <= m.start():
            last = max(last, forced[i])
            i += 1
        cut = _decide(text, m, last, lex)
        if cut is not None:
            cuts.append(cut)
            last = cut
    return cuts


# ---------------------------------------------------------------------------------------------
# Public API


def _spans(text: str, cuts: list[int]) -> list[Span]:
    out: list[Span] = []
    bounds = [0, *sorted(set(cuts)), len(text)]
    for a, b in pairwise(bounds):
        piece = text[a:b]
        stripped = piece.lstrip()
        if stripped:
            start = b - len(stripped)
            out.append((start, start + len(stripped.rstrip())))
    return out


def sentence_spans(text: str) -> list[Span]:
    """Character spans of the sentences of `text`, in order; blank lines always end a sentence."""
    forced = _list_cuts(text)
    if "\n" in text:
        forced = sorted({*_line_cuts(text), *forced})
    return _spans(text, forced + _punct_cuts(text, forced, _lexicon()))


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each an exact substring of it."""
    return [text[s:e] for s, e in sentence_spans(text)]


# Loaded at import (about 3 ms of small text files, no nltk): `brief --help` never imports this
# module, and the first sentence split should not carry the load.
_lexicon()
