"""Run a batch on a Dask cluster: the local engine's results, in the same order, from many machines.

The client walks the inputs as the local engine does (`iter_tasks`), but sends only references: a
file's path, or a JSON Lines line as its task without the text plus the line's byte span. It packs
them into partitions (a few dozen small files each, so a dask task's overhead is spread thin), keeps
a bounded window of partitions in flight and yields their results in input order as the head of the
window completes, so the client never holds the whole batch. Workers read the inputs themselves and
run the same `process` as the local engine.

With --output-dir on a folder the workers can see (always so for the local cluster; checked with a
probe file for a remote one) the workers write the files themselves, with the same atomic writes
and --resume check, and send back only a `Written` record; otherwise they send the rendered text
and the client writes it, as the local engine does.

Nothing here imports dask at module level: `brief --help` must not pay for it.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import IO, Any

from .batch import (
    Failure,
    Options,
    Rendered,
    Result,
    Skipped,
    Task,
    Written,
    _sigint_ignored,
    default_jobs,
    output_path,
    process_each,
    write_output,
)

__all__ = ["ClusterError", "LineRef", "as_units", "partitions", "run_partition", "run_dask",
           "connect", "local_cluster"]

PARTITION_SIZE = 32  # inputs per dask task: ~0.2 s of work for small articles
CONNECT_TIMEOUT = 5.0  # seconds to reach a scheduler before giving up
INSTALL_HINT = "--engine dask needs dask and distributed: pip install 'brief[dask]'"


class ClusterError(Exception):
    """A one-line reason the batch cannot run on the cluster (dask missing, no scheduler)."""


@dataclass(frozen=True)
class LineRef:
    """A JSON Lines line by reference: its task without the text, and its bytes in the file."""

    task: Task
    start: int
    end: int


Unit = Task | Failure | Skipped | LineRef


# ---------------------------------------------------------------- client: units and partitions

class _LineSpans:
    """Byte spans of the lines of one JSONL file, found by reading it alongside `iter_tasks`."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.handle: IO[bytes] | None = None
        self.line = 0  # lines read so far
        self.offset = 0  # bytes read so far

    def find(self, path: str, line: int) -> tuple[int, int] | None:
        if path != self.path or line <= self.line:
            self._open(path)
        while size := self._next_line():
            start = self.offset
            self.line, self.offset = self.line + 1, self.offset + size
            if self.line == line:
                return start, self.offset
        return None

    def _next_line(self) -> int:
        """Bytes in the next line (up to b"\n", as iter_tasks splits), read in bounded pieces so
        a huge line is never held whole."""
        assert self.handle is not None
        size = 0
        while piece := self.handle.readline(1 << 20):
            size += len(piece)
            if piece.endswith(b"\n"):
                break
        return size

    def _open(self, path: str) -> None:
        self.close()
        self.path, self.handle, self.line, self.offset = path, open(path, "rb"), 0, 0

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
        self.path, self.handle = None, None


def as_units(tasks: Iterable[Task | Failure]) -> Iterator[Unit]:
    """The tasks as references: absolute paths (workers may run elsewhere), JSONL lines as spans."""
    spans = _LineSpans()
    try:
        for task in tasks:
            if isinstance(task, Task) and task.path:
                task = replace(task, path=os.path.abspath(task.path))
            yield _reference(task, spans)
    finally:
        spans.close()


def _reference(task: Task | Failure, spans: _LineSpans) -> Unit:
    if isinstance(task, Failure) or task.kind != "jsonline" or not task.path or not task.line:
        return task
    try:
        span = spans.find(task.path, task.line)
    except OSError:
        span = None
    if span is None:  # the file changed under us: send the text we already have
        return task
    return LineRef(replace(task, payload=None), *span)


def partitions(units: Iterable[Unit], size: int = PARTITION_SIZE) -> Iterator[list[Unit]]:
    """Consecutive runs of units, 1, 2, 4, ... then `size` long: a small batch still reaches
    every worker and the first results come back at once; a big one pays little per dask task."""
    it, step = iter(units), 1
    while chunk := list(islice(it, step)):
        yield chunk
        step = min(step * 2, size)


# ---------------------------------------------------------------- worker side

def run_partition(
    units: list[Unit], options: Options, write: bool = False
) -> list[tuple[int, Result]]:
    """(index of its unit, result) for every result of a partition, in input order; runs on a
    worker, reading the inputs there.

    With `write`, rendered briefs are written into `options.out_dir` here and come back as
    `Written` records, so the text never travels back to the client.
    """
    out: list[tuple[int, Result]] = []
    # (the articles of a partition are briefed together, as a local batch's chunk is)
    for index, results in enumerate(process_each([_resolve(unit) for unit in units], options)):
        out.extend((index, _write(result, options) if write else result) for result in results)
    return out


def rewrite(unit: Unit, options: Options, id: str) -> None:
    """Write again the brief of article `id` of `unit`, whose file a later article with the same
    output path overwrote: within a run the first article in input order keeps the file."""
    for _, result in run_partition([unit], replace(options, resume=False)):
        if isinstance(result, Rendered) and result.id == id:
            _write(result, options)
            return


def _resolve(unit: Unit) -> Task | Failure | Skipped:
    """A task with its text: a JSONL line is read from its byte span, decoded as iter_tasks does."""
    if not isinstance(unit, LineRef):
        return unit
    task = unit.task
    try:
        with open(task.path or "", "rb") as handle:
            handle.seek(unit.start)
            raw = handle.read(unit.end - unit.start)
    except OSError as exc:
        return Failure(task.id, task.source, (exc.strerror or str(exc)).lower())
    return replace(task, payload=raw.decode("utf-8", "replace"))


def _write(result: Result, options: Options) -> Result:
    if not isinstance(result, Rendered):
        return result
    try:
        write_output(result, options.out_dir or ".", options.fmt)
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        return Failure(result.id, result.source, f"cannot write {result.path}: {reason}")
    return Written(result.id, result.source, result.path)


# ---------------------------------------------------------------- connecting

def connect(scheduler: str | None = None, workers: int | None = None) -> tuple[Any, Any]:
    """A dask Client (and the LocalCluster it owns when no scheduler is given); ClusterError."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError(INSTALL_HINT) from exc
    if scheduler is None:
        try:
            cluster = local_cluster(workers)
        except Exception as exc:  # e.g. no free port: say so in one line
            raise ClusterError(f"cannot start a local Dask cluster: {exc}") from exc
        return Client(cluster, set_as_default=False), cluster
    _probe(scheduler)
    _quiet_logs()
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False), None
    except Exception as exc:  # any failure to talk to it is the same problem for the user
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc


def _quiet_logs() -> None:
    """Keep dask's and tornado's log lines off stderr, as `local_cluster` does: brief reports
    every failure itself. (On Ctrl-C, distributed's client logs a callback's traceback through
    tornado while it stops.)"""
    names = ["distributed", "tornado", *logging.Logger.manager.loggerDict]
    for name in names:  # (distributed's config sets levels on child loggers too)
        if name.split(".")[0] in ("distributed", "tornado"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def local_cluster(workers: int | None = None) -> Any:
    """One single-threaded process per core on this machine (briefing is pure Python), reachable
    only from it, with no dashboard; dask's own log lines stay off stderr.

    The worker processes start with SIGINT ignored, as the local pool's do: Ctrl-C reaches this
    process, which stops them, instead of each worker dying with a traceback.
    """
    from distributed import LocalCluster

    with _sigint_ignored():
        return LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1,
                            processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0",
                            scheduler_kwargs={"dashboard": False}, silence_logs=logging.CRITICAL)


def _probe(scheduler: str) -> None:
    """Fail fast, before dask builds a Client that would hang and complain when it is collected."""
    from distributed.comm.addressing import get_address_host_port

    try:
        host, port = get_address_host_port(scheduler)
    except ValueError as exc:
        raise ClusterError(f"invalid scheduler address {scheduler!r}: {exc}") from exc
    try:
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT).close()
    except OSError as exc:
        reason = (exc.strerror or str(exc) or type(exc).__name__).lower()
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {reason}") from exc


def _workers_see(client: Any, folder: str) -> bool:
    """Whether every worker sees `folder` as this client does: a probe file must show up there."""
    created = not os.path.isdir(folder)
    os.makedirs(folder, exist_ok=True)
    probe = Path(folder, f".brief-probe-{uuid.uuid4().hex}").resolve()
    probe.touch()
    try:
        seen = client.run(os.path.exists, str(probe))
    finally:
        probe.unlink()
        if created:
            os.rmdir(folder)
    return bool(seen) and all(seen.values())


# ---------------------------------------------------------------- streaming

@dataclass(frozen=True)
class _Plan:
    """How one run splits the work: what workers are told, and whether they write the files."""

    options: Options  # as the client was given them
    remote: Options  # as the workers get them
    write: bool  # workers write --output-dir themselves
    # output path -> (unit, article id) of the first article written there by a worker
    first: dict[str, tuple[Unit, str]] = field(default_factory=dict)

    @classmethod
    def make(cls, client: Any, local: bool, options: Options) -> _Plan:
        if options.out_dir is None:
            return cls(options, options, False)
        shared = local or _workers_see(client, options.out_dir)
        remote = replace(options, out_dir=os.path.abspath(options.out_dir),
                         resume=options.resume and shared)
        return cls(options, remote, shared)

    def unit(self, unit: Unit) -> Unit:
        """A plain-text file whose output exists is skipped unread, as the local engine does."""
        resume_here = self.options.resume and not self.remote.resume
        if resume_here and isinstance(unit, Task) and unit.kind == "text":
            path = output_path(unit.id, self.options.out_dir or ".", self.options.fmt)
            return Skipped(unit.id, unit.source, str(path)) if path.exists() else unit
        return unit

    def claim(self, result: Result, unit: Unit) -> tuple[Unit, str] | None:
        """The first writer of this result's file when a worker has just overwritten it."""
        if not isinstance(result, Written):
            return None
        first = self.first.setdefault(result.path, (unit, result.id))
        return None if first[0] is unit else first

    def result(self, result: Result) -> Result:
        """Paths as the client spells them; --resume checked here when workers cannot see."""
        if not isinstance(result, (Rendered, Skipped, Written)):
            return result
        path = output_path(result.id, self.options.out_dir or ".", self.options.fmt)
        result = replace(result, path=str(path))
        if isinstance(result, Rendered) and self.options.resume and path.exists():
            return Skipped(result.id, result.source, result.path)
        return result


def run_dask(
    tasks: Iterable[Task | Failure],
    options: Options,
    scheduler: str | None = None,
    *,
    workers: int | None = None,
    partition_size: int = PARTITION_SIZE,
    on_done: Callable[[int], None] | None = None,
) -> Iterator[Result]:
    """Results of `tasks` computed on a Dask cluster, in input order, as they arrive.

    Without `scheduler`, starts a local cluster of `workers` processes for the run. Connects now,
    so ClusterError comes from this call rather than from the first `next`, and closes the client
    (and the local cluster) when the iterator is exhausted or closed. `on_done(n)` is called, in
    the client, as partitions finish on the cluster in any order, with the inputs they held.
    """
    client, cluster = connect(scheduler, workers)
    try:
        plan = _Plan.make(client, cluster is not None, options)
        window = max(4, 3 * _threads(client))
    except BaseException:
        _close(client, cluster)
        raise
    chunks = partitions(map(plan.unit, as_units(tasks)), partition_size)
    return _stream(client, cluster, chunks, plan, window, on_done)


def _threads(client: Any) -> int:
    return sum(client.nthreads().values()) or 1


def _stream(client: Any, cluster: Any, chunks: Iterator[list[Unit]], plan: _Plan, window: int,
            on_done: Callable[[int], None] | None) -> Iterator[Result]:
    pending: deque[tuple[Any, list[Unit]]] = deque()
    try:
        while True:
            while len(pending) < window and (chunk := next(chunks, None)) is not None:
                pending.append((_submit(client, chunk, plan, on_done), chunk))
            if not pending:
                return
            future, chunk = pending.popleft()
            for index, result in future.result():
                yield _settle(client, plan, plan.result(result), chunk[index])
    finally:
        for future, _ in pending:
            future.cancel()
        _close(client, cluster)


def _settle(client: Any, plan: _Plan, result: Result, unit: Unit) -> Result:
    """The result, once a file it overwrote (a duplicate output path) is put back."""
    if (first := plan.claim(result, unit)) is not None:
        unit, id = first
        client.submit(rewrite, unit, plan.remote, id, pure=False).result()
    return result


def _submit(client: Any, chunk: list[Unit], plan: _Plan,
            on_done: Callable[[int], None] | None) -> Any:
    # pure=False: two identical partitions (the same file given twice) are still two tasks
    future = client.submit(run_partition, chunk, plan.remote, plan.write, pure=False)
    if on_done is not None:
        size = len(chunk)
        future.add_done_callback(lambda f: f.status == "finished" and on_done(size))
    return future


def _close(client: Any, cluster: Any) -> None:
    client.close()
    if cluster is not None:
        cluster.close()
