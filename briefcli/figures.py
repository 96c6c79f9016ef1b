"""Key figures: money, percentages, counts, quantities, durations, ranges and dates.

`extract_figures` finds them with character spans and normalizes each one (`value`, `unit`) and
says what it is (`display`, `context`).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime

__all__ = ["Figure", "extract_figures"]

Value = float | list[float] | str | None


@dataclass(frozen=True)
class Figure:
    """One figure found in a text; `text == source[start:end]`."""

    kind: str  # money, percent, number, quantity, duration, range, date
    text: str
    start: int
    end: int
    value: Value
    unit: str | None = None
    display: str = ""
    context: str = ""
    sentence: str = ""
    approximate: bool = False

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
           "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_CURRENCY = {"us$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONEY = re.compile(
    rf"(?P<cur>US\$|\$|£|€|¥)\s?(?P<num>{_NUM})(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[mkb])\b)?",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"(?P<num>{_NUM})\s?(?:%|per ?cent\b|percent\b)", re.IGNORECASE)
_NUMBER = re.compile(rf"(?<![\w.,$£€¥])(?P<num>{_NUM})(?![\w%])")


def _number(s: str) -> float:
    return float(s.replace(",", ""))


def _money_display(value: float, code: str) -> str:
    prefix = {"USD": "US$", "GBP": "£", "EUR": "€", "JPY": "¥"}.get(code, code + " ")
    for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if value >= size:
            return f"{prefix}{value / size:,.4g} {word}"
    return f"{prefix}{value:,.2f}".removesuffix(".00")


def extract_figures(text: str, reference_date: date | datetime | None = None) -> list[Figure]:
    """Figures in `text`, ordered by position. Relative dates resolve against `reference_date`."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _MONEY.finditer(text):
        code = _CURRENCY[m.group("cur").lower()]
        value = _number(m.group("num")) * _SCALES.get((m.group("scale") or "").lower(), 1.0)
        found.append(Figure("money", m.group(), m.start(), m.end(), value, code,
                            _money_display(value, code)))
        taken.append(m.span())
    for m in _PERCENT.finditer(text):
        if free(*m.span()):
            value = _number(m.group("num"))
            found.append(Figure("percent", m.group(), m.start(), m.end(), value, "%", f"{value:g}%"))
            taken.append(m.span())
    for m in _NUMBER.finditer(text):
        if free(*m.span()):
            value = _number(m.group("num"))
            found.append(Figure("number", m.group(), m.start(), m.end(), value, None, f"{value:,g}"))
    return sorted(found, key=lambda f: f.start)
