"""Reader: bytes and records in, `Article` out.

An article keeps its body text exactly as given (after an optional `date YYYY-MM-DD` prefix line is
removed) and a list of blocks — paragraphs and headings — as character spans into that text, so
every later stage can report offsets a user can check against the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date

__all__ = ["Article", "Block", "InputError", "decode_bytes", "parse_text", "article_from_record"]


class InputError(Exception):
    """A user-facing problem with one input; the message is one line."""


@dataclass(frozen=True)
class Block:
    """A paragraph or a heading: `text[start:end]` of its article."""

    start: int
    end: int
    heading: bool = False


@dataclass(frozen=True)
class Article:
    text: str
    id: str | None = None
    source: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def headings(self) -> list[str]:
        return [self.text[b.start : b.end] for b in self.blocks if b.heading]


# ---------------------------------------------------------------- decoding

def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), else UTF-16 with a BOM, else cp1252; NUL bytes mean binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("not valid UTF-16 text") from exc
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError("not valid text in UTF-8, UTF-16 or cp1252") from exc


# ---------------------------------------------------------------- plain text

_DATE_LINE = re.compile(r"[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*:?[ \t]*", re.IGNORECASE)
_BLANK = re.compile(r"\n[ \t]*\n\s*")
_MD_HEADING = re.compile(r"#{1,6}[ \t]+")
_END_PUNCT = ".!?:;,\"'\u201d\u2019)…"
HEADING_MAX_WORDS = 20


def valid_date(value: str) -> str:
    """`value` if it is an ISO date (YYYY-MM-DD), else InputError."""
    try:
        return Date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise InputError(f"invalid date {value!r}: expected YYYY-MM-DD") from exc


def parse_text(
    raw: str,
    *,
    id: str | None = None,
    source: str | None = None,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Article:
    """Turn plain text or Markdown into an Article.

    A first line starting with `date YYYY-MM-DD` gives the date and is dropped from the body; a
    short line with no final punctuation standing on its own (or a Markdown `#` line) is a
    heading; a heading on the first line is the title.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    m = _DATE_LINE.match(text)
    if m:
        date = date or valid_date(m.group(1))
        text = text[m.end() :]
    blocks = _blocks(text)
    if title is None and blocks and blocks[0].heading:
        title = _heading_text(text, blocks[0])
    return Article(text=text, id=id, source=source, title=title, date=date, url=url,
                   blocks=tuple(blocks))


def _blocks(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; a lone short unpunctuated line is a heading."""
    out: list[Block] = []
    pos = 0
    for sep in [*_BLANK.finditer(text), None]:
        end = sep.start() if sep else len(text)
        out.extend(_split_block(text, pos, end))
        pos = sep.end() if sep else len(text)
    return out


def _split_block(text: str, start: int, end: int) -> list[Block]:
    """One blank-line block; Markdown heading lines inside it stand apart from the prose."""
    if text.find("\n", start, end) < 0:
        return _one_line_block(text, start, end)
    return _walk_lines(text, start, end)


def _walk_lines(text: str, start: int, end: int) -> list[Block]:
    """`_split_block`, line by line."""
    out: list[Block] = []
    para_start: int | None = None
    line_start = start
    while line_start < end:
        nl = text.find("\n", line_start, end)
        line_end = end if nl < 0 else nl
        s, e = _trim(text, line_start, line_end)
        if s < e and _MD_HEADING.match(text, s):
            if para_start is not None:
                out.append(Block(*_trim(text, para_start, line_start)))
                para_start = None
            out.append(Block(s, e, heading=True))
        elif s < e and para_start is None:
            para_start = line_start
        line_start = line_end + 1
    if para_start is not None:
        s, e = _trim(text, para_start, end)
        out.append(Block(s, e, heading=_looks_like_heading(text[s:e])))
    return out


def _one_line_block(text: str, start: int, end: int) -> list[Block]:
    """`_split_block` of a block of one line (most paragraphs), with no lines to walk."""
    s, e = _trim(text, start, end)
    if s == e:
        return []
    heading = bool(_MD_HEADING.match(text, s)) or _looks_like_heading(text[s:e])
    return [Block(s, e, heading=heading)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _looks_like_heading(block: str) -> bool:
    # Cheapest tests first; a paragraph is split only as far as the word limit.
    return (
        block[-1] not in _END_PUNCT
        and "\n" not in block
        and len(block.split(None, HEADING_MAX_WORDS)) <= HEADING_MAX_WORDS
        and any(ch.isalpha() for ch in block)
    )


def _heading_text(text: str, block: Block) -> str:
    return _MD_HEADING.sub("", text[block.start : block.end], count=1).strip()


def heading_texts(article: Article) -> list[str]:
    """Headings without their Markdown markers."""
    return [_heading_text(article.text, b) for b in article.blocks if b.heading]


# ---------------------------------------------------------------- JSON records

def article_from_record(obj: object, *, default_id: str, source: str) -> Article:
    """An article from a JSON object `{"id", "text", "title"?, "date"?, "url"?}`."""
    if not isinstance(obj, dict):
        raise InputError("expected a JSON object with a \"text\" field")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("record has no \"text\" string")
    rid = obj.get("id")
    date = obj.get("date")
    title = obj.get("title")
    return parse_text(
        text,
        id=str(rid) if rid is not None else default_id,
        source=source,
        title=str(title) if title else None,
        date=valid_date(str(date)[:10]) if date else None,
        url=str(obj["url"]) if obj.get("url") else None,
    )
