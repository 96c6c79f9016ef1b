"""brief: structured news briefs — summary, key figures, people, places and keywords.

The public API is imported lazily so that `brief --help` stays fast:

    from briefcli import build_brief, split_sentences, extract_figures
    from briefcli import extract_entities, extract_keywords
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "build_brief": "brief",
    "brief_article": "brief",
    "brief_articles": "brief",
    "Brief": "brief",
    "split_sentences": "segment",
    "sentence_spans": "segment",
    "extract_figures": "figures",
    "Figure": "figures",
    "extract_entities": "entities",
    "Entity": "entities",
    "extract_keywords": "keywords",
    "parse_text": "reader",
    "Article": "reader",
}

__all__ = [
    "__version__",
    "build_brief",
    "brief_article",
    "brief_articles",
    "Brief",
    "split_sentences",
    "sentence_spans",
    "extract_figures",
    "Figure",
    "extract_entities",
    "Entity",
    "extract_keywords",
    "parse_text",
    "Article",
]

if TYPE_CHECKING:
    from .brief import Brief, brief_article, brief_articles, build_brief
    from .entities import Entity, extract_entities
    from .figures import Figure, extract_figures
    from .keywords import extract_keywords
    from .reader import Article, parse_text
    from .segment import sentence_spans, split_sentences


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'briefcli' has no attribute {name!r}")
