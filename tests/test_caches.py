"""Per-word caches stay bounded: a batch of 50,000 articles brings ever new words, and memory
must stay flat. With the bound set low, briefing texts full of new words never lets a cache grow
past it, and the briefs stay the same as with the bound out of reach."""

import gc
import random
import string

import pytest

from briefcli import tagger, tokens
from briefcli.brief import build_brief

BOUND = 300


def _article(rng: random.Random) -> str:
    def word() -> str:
        w = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9)))
        return w.capitalize() if rng.random() < 0.2 else w

    sentences = [" ".join(word() for _ in range(12)) + f" on {rng.randint(1, 28)} May, "
                 f"up {rng.randint(2, 90)}% to ${rng.randint(2, 900)} million." for _ in range(8)]
    return "The " + " ".join(sentences)


def _caches() -> list[dict]:
    kinds = (tokens.Memo,)
    return [o for o in gc.get_objects() if isinstance(o, kinds)]


def test_caches_never_pass_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    texts = [_article(rng) for _ in range(40)]  # about 4,000 new words
    expected = [build_brief(t).to_dict() for t in texts]
    monkeypatch.setattr(tokens, "MEMO_SIZE", BOUND)
    monkeypatch.setattr(tagger, "MEMO_SIZE", BOUND)
    for memo in _caches():
        memo.clear()
    got = []
    for text in texts:
        got.append(build_brief(text).to_dict())
        assert max(len(c) for c in _caches()) <= BOUND
    assert got == expected
