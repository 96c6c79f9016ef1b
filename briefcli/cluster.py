"""Run a batch on a Dask cluster: the local engine's results, in the same order, from many machines.

The client walks the inputs as the local engine does (`iter_tasks`), but sends only references: a
file's path, or a JSON Lines line as its task without the text plus the line's byte span. It packs
them into partitions (a few dozen small files each, so a dask task's overhead is spread thin), keeps
a bounded window of partitions in flight and yields their results in input order as the head of the
window completes, so the client never holds the whole batch. Workers read the inputs themselves and
run the same `process` as the local engine; with an output folder they also write the files.

Nothing here imports dask at module level: `brief --help` must not pay for it.
"""

from __future__ import annotations

import logging
import os
import socket
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import IO, Any

from .batch import Failure, Options, Result, Task, process

__all__ = ["ClusterError", "LineRef", "as_units", "partitions", "run_partition", "run_dask"]

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


Unit = Task | Failure | LineRef
Writer = Callable[[Result], Result]


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
        assert self.handle is not None
        for raw in self.handle:  # binary iteration splits lines exactly as iter_tasks does
            start = self.offset
            self.line, self.offset = self.line + 1, self.offset + len(raw)
            if self.line == line:
                return start, self.offset
        return None

    def _open(self, path: str) -> None:
        self.close()
        self.path, self.handle, self.line, self.offset = path, open(path, "rb"), 0, 0

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
        self.path, self.handle = None, None


def as_units(tasks: Iterable[Task | Failure]) -> Iterator[Unit]:
    """The tasks with each JSONL line's text replaced by its byte span, so only paths travel."""
    spans = _LineSpans()
    try:
        for task in tasks:
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
    """Consecutive runs of `size` units."""
    it = iter(units)
    while chunk := list(islice(it, size)):
        yield chunk


# ---------------------------------------------------------------- worker side

def run_partition(
    units: list[Unit], options: Options, writer: Writer | None = None
) -> list[Result]:
    """Results of a partition's units in order; runs on a worker, reading the inputs there."""
    out: list[Result] = []
    for unit in units:
        if isinstance(unit, Failure):
            out.append(unit)
            continue
        task = _resolve(unit)
        out.extend([task] if isinstance(task, Failure) else process(task, options))
    return out if writer is None else [writer(result) for result in out]


def _resolve(unit: Task | LineRef) -> Task | Failure:
    """A task with its text: a JSONL line is read from its byte span, decoded as iter_tasks does."""
    if isinstance(unit, Task):
        return unit
    task = unit.task
    try:
        with open(task.path or "", "rb") as handle:
            handle.seek(unit.start)
            raw = handle.read(unit.end - unit.start)
    except OSError as exc:
        return Failure(task.id, task.source, (exc.strerror or str(exc)).lower())
    return replace(task, payload=raw.decode("utf-8", "replace"))


# ---------------------------------------------------------------- connecting

def connect(scheduler: str | None = None, workers: int | None = None) -> tuple[Any, Any]:
    """A dask Client (and the LocalCluster it owns when no scheduler is given); ClusterError."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError(INSTALL_HINT) from exc
    if scheduler is None:
        cluster = _local_cluster(workers)
        return Client(cluster, set_as_default=False), cluster
    _probe(scheduler)
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False), None
    except Exception as exc:  # any failure to talk to it is the same problem for the user
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc


def _local_cluster(workers: int | None) -> Any:
    """One single-threaded process per core on this machine: briefing is pure Python."""
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                        processes=True, host="127.0.0.1", dashboard_address=None,
                        silence_logs=logging.ERROR)


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


# ---------------------------------------------------------------- streaming

def run_dask(
    tasks: Iterable[Task | Failure],
    options: Options,
    scheduler: str | None = None,
    *,
    workers: int | None = None,
    writer: Writer | None = None,
    partition_size: int = PARTITION_SIZE,
    on_done: Callable[[int], None] | None = None,
) -> Iterator[Result]:
    """Results of `tasks` computed on a Dask cluster, in input order, as they arrive.

    Connects now (so ClusterError is raised by this call, not by the first `next`) and closes the
    client, and the local cluster it started, when the iterator is exhausted or closed. `writer`
    runs on the workers for each result (e.g. writing it into a shared output folder) and what it
    returns comes back instead. `on_done(n)` is called in the client as partitions finish on the
    cluster, in any order, with the number of inputs (units) they held.
    """
    client, cluster = connect(scheduler, workers)
    window = max(4, 3 * _threads(client))
    chunks = partitions(as_units(tasks), partition_size)
    return _stream(client, cluster, chunks, options, writer, window, on_done)


def _threads(client: Any) -> int:
    info = client.scheduler_info()
    return sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()) or 1


def _stream(client: Any, cluster: Any, chunks: Iterator[list[Unit]], options: Options,
            writer: Writer | None, window: int,
            on_done: Callable[[int], None] | None) -> Iterator[Result]:
    pending: deque[Any] = deque()
    try:
        while True:
            while len(pending) < window and (chunk := next(chunks, None)) is not None:
                pending.append(_submit(client, chunk, options, writer, on_done))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        client.close()
        if cluster is not None:
            cluster.close()


def _submit(client: Any, chunk: list[Unit], options: Options, writer: Writer | None,
            on_done: Callable[[int], None] | None) -> Any:
    # pure=False: two identical partitions (the same file given twice) are still two tasks
    future = client.submit(run_partition, chunk, options, writer, pure=False)
    if on_done is not None:
        size = len(chunk)
        future.add_done_callback(lambda f: f.status == "finished" and on_done(size))
    return future
