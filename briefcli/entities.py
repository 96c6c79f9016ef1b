"""People (with their roles), organizations and places, found offline.

`extract_entities` returns mentions with character spans; the brief merges them per entity.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

__all__ = ["Entity", "extract_entities"]


@dataclass(frozen=True)
class Entity:
    """One mention: `text == source[start:end]`; `role` is the title the text gives a person."""

    kind: str  # person, organization, place
    text: str
    start: int
    end: int
    role: str | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


_CAP_RUN = re.compile(r"\b[A-Z][\w\u00C0-\u024F'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w\u00C0-\u024F'’-]*)*")
_ORG_WORDS = {"house", "news", "inc", "corp", "company", "bank", "university", "party", "council",
              "ministry", "department", "agency", "court", "congress", "senate", "police"}
_PLACES = {"mexico", "united states", "washington", "latin america", "venezuela", "guatemala",
           "us", "u.s.", "china", "russia", "ukraine", "canada", "europe"}
_SENTENCE_STARTERS = {"the", "a", "an", "in", "on", "at", "with", "despite", "although", "when",
                      "this", "that", "these", "those", "both", "he", "she", "they", "it", "we",
                      "migration", "negotiations", "authorities", "mexican"}


def _kind(name: str) -> str | None:
    low = name.lower()
    if low in _PLACES:
        return "place"
    if low.split()[-1] in _ORG_WORDS:
        return "organization"
    if len(name.split()) >= 2:
        return "person"
    return None


def extract_entities(text: str) -> list[Entity]:
    """Mentions of people, organizations and places in `text`, in order."""
    out: list[Entity] = []
    for m in _CAP_RUN.finditer(text):
        start, name = m.start(), m.group()
        first, _, rest = name.partition(" ")
        if first.lower() in _SENTENCE_STARTERS and rest:
            start, name = start + len(first) + 1, rest.lstrip()
            start = m.end() - len(name)
        kind = _kind(name)
        if kind:
            out.append(Entity(kind, name, start, start + len(name)))
    return out


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None
    mentions: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Named:
    """An organization or a place, with how often the article mentions it."""

    name: str
    mentions: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def group_entities(mentions: list[Entity]) -> tuple[list[Person], list[Named], list[Named]]:
    """Unique people, organizations and places, most mentioned first (ties: first seen)."""
    people: dict[str, list[Entity]] = {}
    others: dict[tuple[str, str], int] = {}
    for e in mentions:
        if e.kind == "person":
            key = next((k for k in people if k.split()[-1] == e.text.split()[-1]), e.text)
            people.setdefault(key, []).append(e)
        else:
            others[(e.kind, e.text)] = others.get((e.kind, e.text), 0) + 1
    persons = [Person(max((m.text for m in ms), key=len),
                      next((m.role for m in ms if m.role), None), len(ms))
               for ms in people.values()]
    persons.sort(key=lambda p: -p.mentions)
    orgs = [Named(n, c) for (k, n), c in others.items() if k == "organization"]
    places = [Named(n, c) for (k, n), c in others.items() if k == "place"]
    orgs.sort(key=lambda x: -x.mentions)
    places.sort(key=lambda x: -x.mentions)
    return persons, orgs, places
