"""Batch runner: walk the inputs into tasks, brief each task, yield results in input order.

A task is a file, one line of a JSON Lines file, or text read from stdin. Tasks are small and
picklable so a pool of workers can run `process` on them; every failure becomes a `Failure` record
rather than an exception, so one bad input never stops a batch.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .reader import Article, InputError, article_from_record, decode_bytes, parse_text

__all__ = ["Task", "Failure", "Options", "Result", "iter_tasks", "process", "run"]

SUFFIXES = (".txt", ".md", ".json", ".jsonl")
DEFAULT_MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class Task:
    """One unit of input. `path` for files; `payload` for a JSONL line or stdin text."""

    id: str
    source: str
    path: str | None = None
    payload: str | None = None
    kind: str = "text"  # text | json | jsonline | stdin
    line: int | None = None


@dataclass(frozen=True)
class Failure:
    id: str
    source: str
    error: str

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "source": self.source, "error": self.error}


@dataclass(frozen=True)
class Options:
    sentences: int = 3
    words: int | None = None
    ratio: float | None = None
    method: str | None = None
    fields: tuple[str, ...] | None = None
    date: str | None = None  # reference date override
    max_bytes: int = DEFAULT_MAX_BYTES
    extra: dict[str, object] = field(default_factory=dict)


# A result is a Brief or a Failure; typed loosely here to keep `brief` out of this import.
Result = object


# ---------------------------------------------------------------- discovery

def iter_tasks(
    inputs: Iterable[str],
    *,
    read_stdin: Callable[[], bytes],
    note: Callable[[str], None],
) -> Iterator[Task | Failure]:
    """Tasks for files, folders (recursively, sorted), JSON Lines lines, and `-` (stdin)."""
    for given in inputs:
        if given == "-":
            yield from _stdin_tasks(read_stdin)
            continue
        path = Path(given)
        if path.is_dir():
            yield from _folder_tasks(path, note)
        elif path.exists():
            yield from _file_tasks(path, path.name)
        else:
            yield Failure(given, given, "no such file or folder")


def _folder_tasks(folder: Path, note: Callable[[str], None]) -> Iterator[Task | Failure]:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root, name)
            rel = path.relative_to(folder).as_posix()
            if path.suffix.lower() in SUFFIXES:
                yield from _file_tasks(path, rel)
            else:
                note(f"skipped {path}: not .txt, .md, .json or .jsonl")


def _file_tasks(path: Path, rel: str) -> Iterator[Task | Failure]:
    suffix = path.suffix.lower()
    if suffix != ".jsonl":
        kind = "json" if suffix == ".json" else "text"
        yield Task(rel, str(path), path=str(path), kind=kind)
        return
    try:
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, 1):
                if raw.strip():
                    yield Task(f"{rel}:{number}", f"{path}:{number}", path=str(path),
                               payload=raw.decode("utf-8", "replace"), kind="jsonline",
                               line=number)
    except OSError as exc:
        yield Failure(rel, str(path), _os_error(exc))


def _stdin_tasks(read_stdin: Callable[[], bytes]) -> Iterator[Task | Failure]:
    try:
        text = decode_bytes(read_stdin())
    except InputError as exc:
        yield Failure("-", "<stdin>", str(exc))
        return
    head = text.lstrip()[:1]
    if head == "{" and not _is_json(text):
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield Task(f"stdin:{number}", f"<stdin>:{number}", payload=line,
                           kind="jsonline", line=number)
    elif head in ("{", "["):
        yield Task("stdin", "<stdin>", payload=text, kind="json")
    else:
        yield Task("stdin", "<stdin>", payload=text, kind="stdin")


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _os_error(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower() if isinstance(exc, OSError) else str(exc)


# ---------------------------------------------------------------- processing

def load(task: Task, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article]:
    """The articles of one task; raises InputError with a one-line reason."""
    if task.kind == "jsonline":
        return [_record(_parse_json(task.payload or "", task), task.id, task.source)]
    text = task.payload if task.payload is not None else _read(task.path or "", max_bytes)
    if task.kind == "json":
        data = _parse_json(text, task)
        items = data if isinstance(data, list) else [data]
        return [_record(obj, task.id if len(items) == 1 else f"{task.id}#{k}", task.source)
                for k, obj in enumerate(items, 1)]
    return [_nonempty(parse_text(text, id=task.id, source=task.source))]


def _read(path: str, max_bytes: int) -> str:
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(_os_error(exc)) from exc
    return decode_bytes(data)


def _parse_json(text: str, task: Task) -> object:
    try:
        return json.loads(text)
    except ValueError as exc:
        where = f"line {task.line}: " if task.line else ""
        raise InputError(f"{where}invalid JSON ({exc})") from exc


def _record(obj: object, default_id: str, source: str) -> Article:
    return _nonempty(article_from_record(obj, default_id=default_id, source=source))


def _nonempty(article: Article) -> Article:
    if not article.text.strip():
        raise InputError("empty article (no text)")
    return article


def process(task: Task, options: Options) -> list[Result]:
    """Brief every article of `task`; failures come back as `Failure` records, never raised."""
    from .brief import brief_article

    try:
        articles = load(task, options.max_bytes)
    except InputError as exc:
        return [Failure(task.id, task.source, str(exc))]
    out: list[Result] = []
    for article in articles:
        try:
            out.append(brief_article(article, sentences=options.sentences, words=options.words,
                                     ratio=options.ratio, method=options.method,
                                     fields=options.fields, reference_date=options.date))
        except InputError as exc:
            out.append(Failure(article.id or task.id, article.source or task.source, str(exc)))
    return out


def run(tasks: Iterable[Task | Failure], options: Options) -> Iterator[Result]:
    """Results of all tasks, in input order (in this process)."""
    for task in tasks:
        if isinstance(task, Failure):
            yield task
        else:
            yield from process(task, options)
