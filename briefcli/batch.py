"""Batch runner: walk the inputs into tasks, brief each task, yield results in input order.

A task is a file, one line of a JSON Lines file, or text read from stdin. Tasks are small and
picklable so a pool of worker processes can run `process` on them; every failure becomes a
`Failure` record rather than an exception, so one bad input never stops a batch.

Tasks are produced lazily and fed to the pool in bounded chunks, so memory stays flat however many
articles there are; results come back in input order whatever the number of workers.

With an output folder, each article goes to `output_path(id, out_dir, fmt)`, written atomically
by `write_output` / `atomic_write` (a temporary file in the same folder, then `os.replace`), so an
interrupted run never leaves a partial file. Other engines (e.g. a Dask cluster) reuse these.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import signal
import threading
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .reader import Article, InputError, article_from_record, decode_bytes, parse_text

if TYPE_CHECKING:  # (the pipeline is imported when the first article is briefed)
    from .brief import Brief

__all__ = ["Task", "Failure", "Skipped", "Written", "Rendered", "Options", "Result", "OutputDir",
           "iter_tasks", "count_tasks", "process", "run", "default_jobs", "output_path",
           "render_file", "atomic_write", "write_output"]

SUFFIXES = (".txt", ".md", ".json", ".jsonl")
DEFAULT_MAX_BYTES = 50_000_000
CHUNK = 16  # tasks in the first chunks (and the least worth a pool): results come soon
# Later chunks grow to this: articles briefed together run faster (each stage's tables stay in
# the processor's caches; 64 against 16 was about 3% on BBC articles), and a pool's round trip
# weighs less. A chunk of 64 news articles is about 0.15 s of work.
MAX_CHUNK = 64
WINDOW = 4  # chunks in flight per worker: keeps workers busy while bounding memory
EXTENSIONS = {"json": ".json", "jsonl": ".json", "markdown": ".md", "text": ".txt", "rich": ".txt"}


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
class Skipped:
    """An article left alone by --resume because its output file already exists."""

    id: str
    source: str
    path: str


@dataclass(frozen=True)
class Written:
    """An article a worker has already written to `path` (Dask workers on a shared folder)."""

    id: str
    source: str
    path: str


@dataclass(frozen=True)
class Rendered:
    """An article briefed and rendered by a worker, ready to be written to `path`."""

    id: str
    source: str
    path: str
    text: str


@dataclass(frozen=True)
class Options:
    sentences: int = 3
    words: int | None = None
    ratio: float | None = None
    method: str | None = None
    fields: tuple[str, ...] | None = None
    date: str | None = None  # reference date override
    max_bytes: int = DEFAULT_MAX_BYTES
    out_dir: str | None = None  # when set, workers render files for this folder
    fmt: str = "json"  # the file format under out_dir
    resume: bool = False  # skip articles whose output file exists
    explain: bool = False


# A result is a Brief, a Rendered file, a Skipped or a Failure; typed loosely here to keep
# `brief` out of this import.
Result = object


# ---------------------------------------------------------------- discovery

def iter_tasks(
    inputs: Iterable[str],
    *,
    read_stdin: Callable[[], bytes],
    note: Callable[[str], None],
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip: str | os.PathLike[str] | None = None,
) -> Iterator[Task | Failure]:
    """Tasks for files, folders (recursively, sorted), JSON Lines lines, and `-` (stdin).

    `skip` is a folder never to walk into: the output folder, so that briefs written inside an
    input folder are not read back as articles.
    """
    for given in inputs:
        if given == "-":
            yield from _stdin_tasks(read_stdin, max_bytes)
            continue
        path = Path(given)
        if path.is_dir():
            yield from _folder_tasks(path, note, max_bytes, skip)
        elif path.exists():
            yield from _file_tasks(path, path.name, max_bytes)
        else:
            yield Failure(given, given, "no such file or folder")


Walked = tuple[Path, str, "str | None"]  # path, relative posix path, why it cannot be listed


def _walk(folder: Path, skip: str | os.PathLike[str] | None = None) -> Iterator[Walked]:
    """Every file under `folder`, lazily: each folder's files in sorted order, then its subfolders
    in sorted order (as `os.walk` with sorted names); a subfolder that cannot be listed comes with
    the reason. Links to folders are not followed, so there are no cycles."""
    avoid = os.path.realpath(skip) if skip is not None else None
    yield from _walk_folder(folder, "", avoid)


def _walk_folder(folder: Path, prefix: str, avoid: str | None) -> Iterator[Walked]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield folder, prefix.rstrip("/") or folder.name, _os_error(exc)
        return
    folders = [e for e in entries if e.is_dir(follow_symlinks=False)]
    for entry in entries:
        if not entry.is_dir():
            yield Path(entry.path), prefix + entry.name, None
    for entry in folders:
        if avoid is None or os.path.realpath(entry.path) != avoid:
            yield from _walk_folder(Path(entry.path), prefix + entry.name + "/", avoid)


def _folder_tasks(folder: Path, note: Callable[[str], None], max_bytes: int,
                  skip: str | os.PathLike[str] | None) -> Iterator[Task | Failure]:
    for path, rel, error in _walk(folder, skip):
        if error is not None:
            yield Failure(rel, str(path), f"cannot list folder: {error}")
        elif path.suffix.lower() in SUFFIXES:
            yield from _file_tasks(path, rel, max_bytes)
        else:
            note(f"skipped {path}: not .txt, .md, .json or .jsonl")


def _file_tasks(path: Path, rel: str, max_bytes: int) -> Iterator[Task | Failure]:
    suffix = path.suffix.lower()
    if suffix != ".jsonl":
        kind = "json" if suffix == ".json" else "text"
        yield Task(rel, str(path), path=str(path), kind=kind)
        return
    try:
        with open(path, "rb") as handle:
            for number, raw in _lines(handle, max_bytes):
                yield _line_task(rel, str(path), number, raw, max_bytes)
    except OSError as exc:
        yield Failure(rel, str(path), _os_error(exc))


def _lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered non-blank lines; None for a line longer than `limit`, which is never held whole."""
    for number in itertools.count(1):
        raw = handle.readline(limit + 1)
        if not raw:
            return
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        elif raw.strip():
            yield number, raw


def _line_task(rel: str, path: str, number: int, raw: bytes | None,
               max_bytes: int) -> Task | Failure:
    if raw is None:
        return Failure(f"{rel}:{number}", f"{path}:{number}",
                       f"line {number}: too large (over {max_bytes:,} bytes)")
    return Task(f"{rel}:{number}", f"{path}:{number}", path=path,
                payload=raw.decode("utf-8", "replace"), kind="jsonline", line=number)


def _stdin_tasks(read_stdin: Callable[[], bytes], max_bytes: int) -> Iterator[Task | Failure]:
    try:
        data = read_stdin()
        if len(data) > max_bytes:
            raise InputError(f"too large ({len(data):,} bytes; the limit is {max_bytes:,})")
        text = decode_bytes(data)
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
    return (exc.strerror or str(exc)).lower()


def count_tasks(inputs: Iterable[str],
                skip: str | os.PathLike[str] | None = None) -> int | None:
    """How many tasks `iter_tasks` will yield (for a progress bar); None when stdin is read."""
    total = 0
    for given in inputs:
        path = Path(given)
        if given == "-":
            return None
        files = _walk(path, skip) if path.is_dir() else [(path, path.name, None)]
        for file, _, error in files:
            total += 1 if error else _count_file(file)
    return total


def _count_file(path: Path) -> int:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return 0
    if suffix != ".jsonl":
        return 1
    try:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip()) or 0
    except OSError:
        return 1


# ---------------------------------------------------------------- output files

_UNSAFE = set('<>:"|?*%\\')


def output_path(id: str, out_dir: str | os.PathLike[str], fmt: str) -> Path:
    """Where the brief of article `id` goes under `out_dir`: `<id>.<json|md|txt>` by `fmt`.

    The id becomes a relative path: "/" separates folders; empty, "." and ".." parts are dropped,
    so nothing lands outside `out_dir`; characters that are unsafe in file names (controls, and
    `<>:"|?*%\\`) are percent-encoded, which keeps distinct ids apart.
    """
    parts = [_safe_part(p) for p in id.split("/") if p not in ("", ".", "..")]
    parts = parts or ["_"]
    parts[-1] += EXTENSIONS.get(fmt, ".txt")
    return Path(out_dir, *parts)


def _safe_part(part: str) -> str:
    out = "".join(_encode(ch) if _odd(ch) else ch for ch in part)
    if len(out.encode("utf-8", "surrogatepass")) > 200:  # most file systems cap names at 255
        digest = hashlib.sha1(out.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        out = out.encode("utf-8", "surrogatepass")[:180].decode("utf-8", "ignore") + "~" + digest
    return out


def _odd(ch: str) -> bool:
    return ch in _UNSAFE or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def _encode(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def render_file(brief: Any, fmt: str, explain: bool = False) -> str:
    """The content of an output file for `brief` in `fmt` (rich is written as plain text)."""
    from .render import to_json, to_markdown, to_text

    if fmt in ("json", "jsonl"):
        return to_json(brief.to_dict(explain=explain), indent=2 if fmt == "json" else None) + "\n"
    render = to_markdown if fmt == "markdown" else to_text
    text: str = render(brief, explain=explain)
    return text if text.endswith("\n") else text + "\n"


_temp_names = itertools.count()


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one, never a part.

    The temporary file sits in the same folder (so the rename cannot cross file systems) and is
    removed if anything, even Ctrl-C, interrupts the write.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{next(_temp_names)}.tmp")
    try:
        with open(temp, "x", encoding="utf-8", errors="replace", newline="") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_output(result: Any, out_dir: str | os.PathLike[str], fmt: str, *,
                 explain: bool = False) -> Path:
    """Render a brief (or take a `Rendered`) and write it atomically under `out_dir`."""
    if isinstance(result, Rendered):
        path, text = Path(result.path), result.text
    else:
        path = output_path(result.id or "", out_dir, fmt)
        text = render_file(result, fmt, explain)
    atomic_write(path, text)
    return path


class OutputDir:
    """Writes results into a folder; refuses a second article with the same output path,
    so one article never silently overwrites another's brief."""

    def __init__(self, out_dir: str | os.PathLike[str], fmt: str, explain: bool = False) -> None:
        self.out_dir, self.fmt, self.explain = out_dir, fmt, explain
        self._seen: set[str] = set()

    def store(self, result: Result) -> Result:
        """Write `result`; returns it, or a Failure for a duplicate or an OS error."""
        if isinstance(result, Failure):
            return result
        path = self._path(result)
        if str(path) in self._seen:
            return Failure(_id(result), _source(result),
                           f"duplicate id: {path} is already written by another article")
        self._seen.add(str(path))
        if isinstance(result, (Skipped, Written)):
            return result
        try:
            write_output(result, self.out_dir, self.fmt, explain=self.explain)
        except OSError as exc:
            return Failure(_id(result), _source(result), f"cannot write {path}: "
                           + _os_error(exc))
        return result

    def _path(self, result: Any) -> Path:
        if isinstance(result, (Rendered, Skipped, Written)):
            return Path(result.path)
        return output_path(result.id or "", self.out_dir, self.fmt)


def _id(result: Any) -> str:
    return str(result.id or "")


def _source(result: Any) -> str:
    return str(result.source or "")


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
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(_os_error(exc)) from exc
    if len(data) > max_bytes:  # the file grew since we looked
        raise InputError(f"too large (over {max_bytes:,} bytes)")
    return decode_bytes(data)


def _parse_json(text: str, task: Task) -> object:
    try:
        data = json.loads(text)
    except ValueError as exc:
        where = f"line {task.line}: " if task.line else ""
        raise InputError(f"{where}invalid JSON ({exc})") from exc
    return _no_surrogates(data) if _SURROGATE_ESCAPE.search(text) else data


# JSON may escape lone UTF-16 surrogates ("\ud800"), which no UTF-8 output can carry.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(data: object) -> object:
    """`data` with every lone surrogate in its strings replaced by U+FFFD."""
    if isinstance(data, str):
        return _SURROGATE.sub("\ufffd", data)
    if isinstance(data, list):
        return [_no_surrogates(x) for x in data]
    if isinstance(data, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in data.items()}
    return data


class RecordError(InputError):
    """A JSON record that cannot be briefed; `id` is its own id when it has one."""

    def __init__(self, message: str, id: str) -> None:
        super().__init__(message)
        self.id = id


def _record(obj: object, default_id: str, source: str) -> Article:
    try:
        return _nonempty(article_from_record(obj, default_id=default_id, source=source))
    except InputError as exc:
        own = obj.get("id") if isinstance(obj, dict) else None
        raise RecordError(str(exc), default_id if own is None else str(own)) from exc


def _nonempty(article: Article) -> Article:
    if not article.text.strip():
        raise InputError("empty article (no text)")
    return article


def process(task: Task, options: Options) -> list[Result]:
    """Brief every article of `task`; failures come back as `Failure` records, never raised.

    With `options.out_dir` the briefs come back rendered (`Rendered`), and with `options.resume`
    an article whose output exists comes back as `Skipped` — a plain-text file without being read.
    """
    return process_chunk([task], options)


def process_chunk(items: Sequence[Task | Failure], options: Options) -> list[Result]:
    """`process` for several tasks, in input order (a `Failure` given comes back as it is).
    Their articles are briefed together (`brief.brief_articles`), which is faster than one by
    one."""
    return [result for results in process_each(items, options) for result in results]


def process_each(items: Sequence[Task | Result], options: Options) -> list[list[Result]]:
    """The results of each task of `process_chunk`, task by task; an item that is no task (a
    `Failure`, a `Skipped`) comes back as it is."""
    out: list[list[Result]] = []
    todo: list[tuple[Article, Task]] = []
    places: list[tuple[int, int]] = []  # where each article's result goes: task, place in it
    for item in items:
        if not isinstance(item, Task):
            out.append([item])
            continue
        found = _open(item, options)  # an article stands in for its result until it is briefed
        for k, article in enumerate(found):
            if isinstance(article, Article):
                todo.append((article, item))
                places.append((len(out), k))
        out.append(found)
    for (task, k), result in zip(places, _brief_all(todo, options), strict=True):
        out[task][k] = result
    return out


def _open(task: Task, options: Options) -> list[Article | Result]:
    """The articles of `task` still to brief; a failure to read it, or those done (--resume)."""
    if options.resume and task.kind == "text" and (done := _done(task.id, task.source, options)):
        return [done]
    try:
        articles = load(task, options.max_bytes)
    except InputError as exc:
        return [Failure(getattr(exc, "id", task.id), task.source, str(exc))]
    except Exception as exc:  # a bug must cost one article, not the batch
        return [Failure(task.id, task.source, _internal(exc))]
    if not options.resume:
        return list(articles)
    return [_done(*_names(a, task), options) or a for a in articles]


def _brief_all(todo: list[tuple[Article, Task]], options: Options) -> list[Result]:
    """The results of the articles, briefed together; should that fail, one by one, so that
    a bug costs only the article that meets it."""
    from .brief import brief_articles

    try:
        briefs = brief_articles([article for article, _ in todo], **_brief_options(options))
        return [_finish(brief, article, task, options)
                for brief, (article, task) in zip(briefs, todo, strict=True)]
    except Exception:
        return [_brief_one(article, task, options) for article, task in todo]


def _brief_options(options: Options) -> dict[str, Any]:
    return {"sentences": options.sentences, "words": options.words, "ratio": options.ratio,
            "method": options.method, "fields": options.fields, "reference_date": options.date}


def _finish(brief: Brief, article: Article, task: Task, options: Options) -> Result:
    """The brief as it goes back: rendered when it is to be written to a file."""
    if options.out_dir is None:
        return brief
    id, source = _names(article, task)
    path = output_path(id, options.out_dir, options.fmt)
    return Rendered(id, source, str(path), render_file(brief, options.fmt, options.explain))


def _done(id: str, source: str, options: Options) -> Skipped | None:
    path = output_path(id, options.out_dir or ".", options.fmt)
    return Skipped(id, source, str(path)) if path.exists() else None


def _brief_one(article: Article, task: Task, options: Options) -> Result:
    try:
        from .brief import brief_article

        return _finish(brief_article(article, **_brief_options(options)), article, task, options)
    except InputError as exc:
        return Failure(*_names(article, task), str(exc))
    except Exception as exc:  # a bug must cost one article, not the batch
        return Failure(*_names(article, task), _internal(exc))


def _names(article: Article, task: Task) -> tuple[str, str]:
    """The article's id and source: its own, else its task's."""
    return article.id or task.id, article.source or task.source


def _internal(exc: Exception) -> str:
    return f"internal error: {type(exc).__name__}: {exc}".splitlines()[0]


def _failed(item: Task | Failure, error: str) -> Failure:
    return item if isinstance(item, Failure) else Failure(item.id, item.source, error)


# ---------------------------------------------------------------- running

def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(tasks: Iterable[Task | Failure], options: Options, jobs: int = 1) -> Iterator[Result]:
    """Results of all tasks, in input order: in this process with `jobs=1`, else in a pool.

    A batch smaller than one chunk runs here too: starting workers would cost more than it saves.
    Close the iterator (or let it finish) to stop the workers.
    """
    stream = iter(tasks)
    head = list(itertools.islice(stream, CHUNK))
    if jobs <= 1 or len(head) < CHUNK:
        yield from process_chunk(head[:1], options)
        if len(head) == CHUNK:  # a batch, not a handful: worth a settle
            settle()
        for chunk in _chunks(itertools.chain(head[1:], stream)):
            yield from process_chunk(chunk, options)
        return
    with _Pool(jobs) as pool:
        yield from pool.run(itertools.chain(head, stream), options)


def _chunks(items: Iterator[Task | Failure]) -> Iterator[list[Task | Failure]]:
    """The items in chunks of CHUNK, then twice as many each time up to MAX_CHUNK: the first
    results come soon, and a small batch still gives every worker a share."""
    size = CHUNK
    while chunk := list(itertools.islice(items, size)):
        yield chunk
        size = min(2 * size, MAX_CHUNK)


class _Pool:
    """A process pool fed a bounded window of chunks; results are taken in submission order.

    Workers ignore SIGINT: Ctrl-C reaches the main process, which stops them. A worker that dies
    (killed, out of memory) breaks the pool; its in-flight tasks are rerun one at a time in a fresh
    pool, so only the article that kills a worker fails.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.executor: Any = None
        self.context: Any = None

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def run(self, items: Iterator[Task | Failure], options: Options) -> Iterator[Result]:
        pending: deque[tuple[Any, list[Task | Failure]]] = deque()
        for chunk in _chunks(items):
            pending.append((self._submit(chunk, options), chunk))
            if len(pending) >= self.jobs * WINDOW:
                yield from self._collect(pending, options)
        while pending:
            yield from self._collect(pending, options)

    def _collect(self, pending: deque[tuple[Any, list[Task | Failure]]],
                 options: Options) -> Iterator[Result]:
        from concurrent.futures.process import BrokenProcessPool

        future, chunk = pending.popleft()
        try:
            results = future.result()
        except BrokenProcessPool:
            suspects = chunk + [item for _, c in pending for item in c]
            pending.clear()
            self.stop()
            yield from self._isolate(suspects, options)
            return
        except Exception:  # e.g. a result that cannot be sent back: find out which one
            yield from self._isolate(chunk, options)
            return
        yield from results

    def _isolate(self, items: list[Task | Failure], options: Options) -> Iterator[Result]:
        """Run each task alone so a task that kills its worker (or whose result cannot come
        back) fails by itself."""
        from concurrent.futures.process import BrokenProcessPool

        for item in items:
            try:
                yield from self._submit([item], options).result()
            except BrokenProcessPool:
                self.stop()
                yield _failed(item, "the worker process died while briefing it (out of memory?)")
            except Exception as exc:
                yield _failed(item, _internal(exc))

    def _submit(self, chunk: list[Task | Failure], options: Options) -> Any:
        if self.executor is not None:
            return self.executor.submit(process_chunk, chunk, options)
        if self.context is None:  # chosen once, while this process is still single-threaded
            self.context = _context()
        self.executor = _start_executor(self.jobs, self.context)
        with _sigint_ignored(), _gc_frozen():  # forked now, workers inherit both
            return self.executor.submit(process_chunk, chunk, options)

    def stop(self) -> None:
        """Cancel queued work and end the workers now (they hold nothing worth waiting for)."""
        executor, self.executor = self.executor, None
        if executor is None:
            return
        # (read before shutdown, which drops the executor's references to them)
        processes = list(getattr(executor, "_processes", {}).values())
        queue = getattr(executor, "_call_queue", None)
        manager = getattr(executor, "_executor_manager_thread", None)
        if queue is not None:  # never wait at exit to feed work to workers that are gone
            queue.cancel_join_thread()
        executor.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            if proc.is_alive():
                proc.terminate()
        for proc in processes:
            proc.join(timeout=5)
        if manager is not None:  # gone, so a new pool may fork from a single-threaded process
            manager.join(timeout=2)
            if manager.is_alive():
                _STUCK_THREADS.append(manager)


# Pool manager threads that never ended: a worker stopped in the middle of sending a result
# leaves its reader blocked on a pipe this process also holds open, so it never sees the end.
_STUCK_THREADS: list[threading.Thread] = []


def exit_would_hang() -> bool:
    """True when a normal interpreter exit would wait for ever on a stuck pool thread
    (concurrent.futures joins its threads at exit); the caller should then `os._exit`."""
    return any(t.is_alive() for t in _STUCK_THREADS)


def _context() -> Any:
    """fork where it is safe (a single-threaded parent): workers share the loaded models instead
    of each loading them; spawn elsewhere."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        _warm_up()
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start_executor(jobs: int, context: Any) -> Any:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init)


def settle() -> None:
    """Once the models are loaded: move them out of the garbage collector's sight (`gc.freeze`).
    They live as long as the process, and a batch spares the collector's full passes over
    millions of their objects: about 5% of the one-core time on news articles."""
    import gc

    gc.freeze()


def _warm_up() -> None:
    from .brief import build_brief

    build_brief("Warm up. The pipeline loads its data on first use, on 1 May 2024.")


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _gc_frozen() -> Iterator[None]:
    """Forked workers get the loaded models in the permanent generation: their garbage collector
    never writes to those objects, so the pages stay shared instead of being copied per worker."""
    import gc

    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
