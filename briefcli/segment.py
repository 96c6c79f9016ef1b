"""Sentence segmentation: nltk's Punkt with parameters shipped in `briefcli/data/punkt/`.

`sentence_spans` is what the pipeline uses; `split_sentences` is the public convenience. Both work
offline: the Punkt parameters are read from small text files in the punkt_tab layout, never
downloaded and never unpickled.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nltk is imported lazily: `brief --help` must not pay for it
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = ["sentence_spans", "split_sentences"]

Span = tuple[int, int]
_PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _data_lines(name: str) -> list[str]:
    path = resources.files("briefcli") / "data" / "punkt" / name
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(_data_lines("abbrev_types.txt"))
    params.sent_starters = set(_data_lines("sent_starters.txt"))
    params.collocations = {
        tuple(ln.split("\t")[:2]) for ln in _data_lines("collocations.tab") if "\t" in ln
    }
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> list[Span]:
    """Character spans of the sentences of `text`, in order; blank lines always end a sentence."""
    tok = _tokenizer()
    out: list[Span] = []
    pos = 0
    for brk in [*_PARA_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            out.extend((pos + s, pos + e) for s, e in tok.span_tokenize(chunk))
        pos = brk.end() if brk else len(text)
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each an exact substring of it."""
    return [text[s:e] for s, e in sentence_spans(text)]
