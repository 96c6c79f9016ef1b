"""Numbers: looking for a fraction, a power or a scale only where one may follow changes nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.numbers import (
    SCALES,
    Number,
    Tokens,
    _bare_number,
    _exponent_tail,
    _fraction_tail,
    _point_decimal,
    _scale_tail,
    _sign,
    read_digits,
    read_number,
    tokens,
)


def _plain_read_number(toks: Tokens, i: int, money: bool) -> Number | None:
    """`read_number` with every tail tried after every number, as first written."""
    sign, i = _sign(toks, i)
    if toks.types[i].kind == "d":
        num = _plain_digit_number(toks, i)
    else:
        num = _bare_number(toks, i)
    if num is None:
        return None
    if not num.words and num.plain:
        _point_decimal(toks, num)
    nxt = toks.types[num.end].low if num.end < len(toks.types) else ""
    if not num.words or nxt in SCALES or nxt in ("dozen", "dozens"):
        _scale_tail(toks, num, money)
    num.value *= sign
    return num


def _plain_digit_number(toks: Tokens, i: int) -> Number | None:
    tok = toks.types[i]
    value = read_digits(tok.text)
    if value is None:
        return None
    plain = "," not in tok.text and "." not in tok.text
    j, n = i + 1, len(toks.types)
    while (plain and j < n and toks.types[j].kind == "d" and len(toks.types[j].text) == 3
           and toks.starts[j] == toks.ends[j - 1] + 1 and len(toks.types[i].text) <= 3
           and toks.types[j].text.isdigit() and not (j + 1 < n and toks.types[j + 1].kind == "d")):
        value = value * 1000 + float(toks.types[j].text)
        j += 1
    num = Number(value, j, plain=plain and j == i + 1)
    _fraction_tail(toks, i, num)
    _exponent_tail(toks, num)
    return num


PIECES = ["5", "12", "000", "3.5", "1,200", "½", "/", "2", "e", "x", "×", "10", "^", "-", "−",
          "bn", "m", "k", "M", "million", "billion", "hundred", "dozen", "dozens", "of", "point",
          "two", "twenty", "one", "and", "a", "few", "people", "per", "cent", ".", "minus"]


def _same(a: Number | None, b: Number | None) -> bool:
    if a is None or b is None:
        return a is b
    same_value = a.value == b.value or a.value != a.value and b.value != b.value  # nan
    return same_value and (a.end, a.words, a.scaled, a.plain) == (b.end, b.words, b.scaled,
                                                                    b.plain)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(["", " "])), min_size=1,
                max_size=8), st.booleans())
def test_read_number_reads_as_trying_every_tail(pieces: list[tuple[str, str]],
                                                money: bool) -> None:
    toks = tokens("".join(p + gap for p, gap in pieces))
    for i in range(len(toks.types)):
        assert _same(read_number(toks, i, money), _plain_read_number(toks, i, money)), (pieces, i)


def test_tails_still_read() -> None:
    values = {text: read_number(tokens(text), 0) for text in
              ["5bn", "3 million", "2 1/2", "1/4", "4e14", "2.5×10^3", "two dozen", "7 point 5",
               "5 people"]}
    assert {t: (n.value if n else None) for t, n in values.items()} == {
        "5bn": 5e9, "3 million": 3e6, "2 1/2": 2.5, "1/4": 0.25, "4e14": 4e14,
        "2.5×10^3": 2500.0, "two dozen": 24.0, "7 point 5": 7.5, "5 people": 5.0}
