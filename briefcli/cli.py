"""The `brief` command line: a thin click layer over the library.

All error handling lives in `main()`, which maps each failure to one exit status, so commands only
say what went wrong in one line.
"""

from __future__ import annotations

import os
import sys
from enum import IntEnum
from typing import IO, Any

import click

from . import __version__
from .render import FORMATS, ProgressBar

# The parts of a brief (as briefcli.brief.FIELDS, kept here so --help need not import the pipeline).
FIELDS = ("summary", "figures", "people", "organizations", "places", "keywords")
FIELD_ALIASES = {"entities": ("people", "organizations", "places"), "all": FIELDS}
DEFAULT_MAX_BYTES = 50_000_000  # as batch.DEFAULT_MAX_BYTES; kept here so --help stays light


class PipeClosed(Exception):
    """stdout was closed by its reader (`| head`): raised past click, which would exit 1."""


class ExitStatus(IntEnum):
    OK = 0
    INPUT_FAILED = 1
    USAGE = 2
    INTERRUPTED = 130


# ---------------------------------------------------------------- option parsing

def _parse_fields(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[str, ...] | None:
    if value is None:
        return None
    out: list[str] = []
    for name in (v.strip().lower() for v in value.split(",") if v.strip()):
        if name in FIELD_ALIASES:
            out.extend(FIELD_ALIASES[name])
        elif name in FIELDS:
            out.append(name)
        else:
            raise click.BadParameter(f"unknown field {name!r}; choose from "
                                     f"{', '.join(FIELDS)} (or entities, all)")
    return tuple(dict.fromkeys(out))


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from .reader import InputError, valid_date

    try:
        return valid_date(value)
    except InputError as exc:
        raise click.BadParameter(str(exc)) from exc


def _parse_method(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from .rank import RANKERS

    if value not in RANKERS:
        raise click.BadParameter(f"unknown method {value!r}; choose from "
                                 f"{', '.join(sorted(RANKERS))}")
    return value


# ---------------------------------------------------------------- output

class Output:
    """Writes results to stdout in one format; json lists stream with one result of lookahead."""

    def __init__(self, fmt: str, stream: IO[str], explain: bool = False) -> None:
        self.fmt, self.stream, self.explain = fmt, stream, explain
        self.count = 0
        self._held: str | None = None
        self._console: Any = None

    def write(self, result: Any) -> None:
        from .batch import Failure

        if isinstance(result, Failure):
            if self.fmt in ("json", "jsonl"):
                self._emit_json(result.to_dict())
            return
        if self.fmt in ("json", "jsonl"):
            self._emit_json(result.to_dict(explain=self.explain))
        elif self.fmt == "rich":
            from .render import print_rich

            print_rich(result, self._rich_console(), explain=self.explain)
        else:
            from .render import to_markdown, to_text

            render = to_markdown if self.fmt == "markdown" else to_text
            if self.count:
                self.stream.write("\n---\n\n" if self.fmt == "markdown" else "\n")
            self.stream.write(render(result, explain=self.explain))
            self.count += 1
        self.stream.flush()

    def _emit_json(self, record: dict[str, Any]) -> None:
        from .render import to_json

        if self.fmt == "jsonl":
            self.stream.write(to_json(record, indent=None) + "\n")
        else:
            text = to_json(record)
            if self._held is not None:
                self.stream.write(("[\n" if self.count == 1 else ",\n") + _indent(self._held))
            self._held = text
        self.count += 1

    def close(self) -> None:
        if self.fmt != "json":
            return
        if self.count == 0:
            self.stream.write("[]\n")
        elif self.count == 1:
            self.stream.write(f"{self._held}\n")
        else:
            self.stream.write(",\n" + _indent(self._held or "") + "\n]\n")
        self.stream.flush()

    def _rich_console(self) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(file=self.stream, soft_wrap=False)
        return self._console


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


# ---------------------------------------------------------------- commands

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="brief")
def cli() -> None:
    """brief: structured news briefs from the command line.

    Give it an article, a folder of articles or a stream of them and get the few sentences that
    matter, the key figures, the people with their roles, the organizations, places and keywords.

    \b
    Examples:
      brief summarize article.txt
      brief summarize articles/ --format jsonl > briefs.jsonl
      cat article.txt | brief summarize - --json
      brief schema
    """


@cli.command()
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format. Default: rich on a terminal, text when piped.")
@click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")
@click.option("-n", "--sentences", type=click.IntRange(min=1), default=3, show_default=True,
              help="Summary length in sentences.")
@click.option("--words", type=click.IntRange(min=1), default=None,
              help="Keep the summary within this many words.")
@click.option("--ratio", type=click.FloatRange(0, 1, min_open=True), default=None,
              help="Summary length as a share of the article's sentences (overrides -n).")
@click.option("-m", "--method", callback=_parse_method, default=None,
              help="Sentence ranker: default, lead, centroid, textrank, lexrank, ...")
@click.option("--explain", is_flag=True, help="Show each summary sentence's score and its parts.")
@click.option("--fields", callback=_parse_fields, default=None, metavar="LIST",
              help="Parts to compute, comma-separated: summary, figures, people, organizations, "
                   "places, keywords (or entities, all). Default: all. Others stay empty.")
@click.option("--date", "ref_date", callback=_parse_date, default=None, metavar="YYYY-MM-DD",
              help="Reference date for relative dates (default: the article's own date).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
              show_default=True, help="Refuse input files larger than this.")
@click.option("-q", "--quiet", is_flag=True, help="No notes on stderr (errors still show).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes. Default: the number of cores; 1 runs in this process.")
@click.option("--output-dir", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="Write one file per article into DIR (DIR/<path or id>.<json|md|txt>) "
                   "instead of stdout; each file appears whole or not at all.")
@click.option("--resume", is_flag=True,
              help="With --output-dir: skip articles whose output file already exists.")
@click.option("--engine", type=click.Choice(("local", "dask")), default="local", show_default=True,
              help="Where to brief: this machine, or a Dask cluster (pip install 'brief[dask]').")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Dask scheduler for --engine dask. Default: a local cluster for this run.")
def summarize(inputs: tuple[str, ...], fmt: str | None, as_json: bool, sentences: int,
              words: int | None, ratio: float | None, method: str | None, explain: bool,
              fields: tuple[str, ...] | None, ref_date: str | None, max_bytes: int,
              quiet: bool, engine: str, scheduler: str | None, jobs: int | None,
              output_dir: str | None, resume: bool) -> None:
    """Brief articles: files, folders (.txt, .md, .json, .jsonl, recursively) or - for stdin.

    With no INPUT, briefs ./seeds when it exists, else reads stdin when it is piped.
    Plain text may start with a line `date YYYY-MM-DD`; JSON records look like
    {"id", "text", "title", "date", "url"}.

    \b
    Exit status: 0 all briefed; 1 some inputs failed (the rest were still
    briefed); 2 usage error; 130 interrupted.
    """
    from .batch import Options, OutputDir, iter_tasks

    fmt = "json" if as_json else fmt or ("rich" if sys.stdout.isatty() else "text")
    if resume and not output_dir:
        raise click.UsageError("--resume needs --output-dir")
    inputs = inputs or _default_inputs()
    options = Options(sentences=sentences, words=words, ratio=ratio, method=method,
                      fields=fields, date=ref_date, max_bytes=max_bytes, out_dir=output_dir,
                      fmt=fmt, resume=resume, explain=explain)

    def note(message: str) -> None:
        if not quiet:
            click.echo(f"brief: {message}", err=True)

    tasks = iter_tasks(inputs, read_stdin=_read_stdin, note=note, max_bytes=max_bytes,
                       skip=output_dir)
    progress = ProgressBar(inputs, output_dir, show=not quiet and sys.stderr.isatty())
    results = _results(tasks, options, engine, scheduler, jobs, progress)
    sink = (OutputDir(output_dir, fmt, explain) if output_dir
            else Output(fmt, sys.stdout, explain=explain))
    tally = _Tally()
    try:
        _drain(results, sink, tally, progress)
    except KeyboardInterrupt:
        if not quiet:  # what was done survives: say how much, then exit 130
            click.echo(tally.line(), err=True)
        raise
    if not quiet and (output_dir or sys.stderr.isatty()):
        click.echo(tally.line(), err=True)
    if tally.failed:
        sys.exit(ExitStatus.INPUT_FAILED)


class _Tally:
    """Counts for the final line: briefed, failed, skipped (--resume), time."""

    def __init__(self) -> None:
        import time

        self.briefed = self.failed = self.skipped = 0
        self.clock = time.monotonic
        self.start = self.clock()

    def add(self, result: Any) -> None:
        from .batch import Failure, Skipped

        if isinstance(result, Failure):
            self.failed += 1
        elif isinstance(result, Skipped):
            self.skipped += 1
        else:
            self.briefed += 1

    def line(self) -> str:
        secs = self.clock() - self.start
        rate = f" ({self.briefed / secs:,.0f}/s)" if self.briefed and secs > 0 else ""
        return (f"brief: {self.briefed:,} briefed, {self.failed:,} failed, "
                f"{self.skipped:,} skipped in {secs:.1f}s{rate}")


def _drain(results: Any, sink: Any, tally: _Tally, progress: ProgressBar) -> None:
    """Consume every result: write it (stdout or a folder), report failures, count, show."""
    from .batch import Failure, OutputDir, Skipped

    try:
        for result in results:
            if isinstance(sink, OutputDir):
                result = sink.store(result)
            elif not isinstance(result, Skipped):
                sink.write(result)
            tally.add(result)
            if isinstance(result, Failure):
                click.echo(f"brief: error: {result.source}: {result.error}", err=True)
            progress.update(tally)
        if isinstance(sink, Output):
            sink.close()
    except BrokenPipeError as exc:
        raise PipeClosed from exc
    finally:
        progress.stop()
        if hasattr(results, "close"):
            results.close()  # stops the workers, whatever ended the loop


def _results(tasks: Any, options: Any, engine: str, scheduler: str | None,
             jobs: int | None = None, progress: ProgressBar | None = None) -> Any:
    """The results iterator of the chosen engine; a cluster that cannot start is exit 2."""
    from .batch import default_jobs, run

    if engine == "local":
        if scheduler:
            raise click.UsageError("--scheduler needs --engine dask")
        return run(tasks, options, jobs or default_jobs())
    from .cluster import ClusterError, run_dask

    try:
        on_done = progress.cluster_done if progress and progress.show else None
        return run_dask(tasks, options, scheduler, workers=jobs, on_done=on_done)
    except ClusterError as exc:
        error = click.ClickException(str(exc))
        error.exit_code = ExitStatus.USAGE
        raise error from exc


def _default_inputs() -> tuple[str, ...]:
    if os.path.isdir("seeds"):
        return ("seeds",)
    if not sys.stdin.isatty():
        return ("-",)
    raise click.UsageError("no INPUT given and stdin is a terminal: name a file or folder, "
                           "or pipe text in (see brief summarize --help)")


def _read_stdin() -> bytes:
    return sys.stdin.buffer.read()


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a brief (what --format json and jsonl emit)."""
    from importlib import resources

    text = (resources.files("briefcli") / "data" / "brief.schema.json").read_text("utf-8")
    click.echo(text.rstrip("\n"))


@cli.command("eval")
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.option("-m", "--method", callback=_parse_method, default=None,
              help="Sentence ranker to score (default: the default ranker).")
@click.option("-n", "--sentences", type=click.IntRange(min=1), default=3, show_default=True,
              help="Summary length in sentences.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
def eval_command(data: str, method: str | None, sentences: int, as_json: bool) -> None:
    """Score summaries against the references in a JSON Lines file, Lead-N beside them.

    Each line is {"text", "summary", "title"?} with the reference summary one sentence per line
    (or a list). Prints ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 x100 (rouge-score, stemmed). Needs
    pip install 'brief[eval]'.
    """
    from .evaluate import MissingExtra, evaluate, format_report, read_references
    from .reader import InputError
    from .render import to_json

    try:
        report = evaluate(read_references(data), method=method, sentences=sentences)
    except (InputError, MissingExtra) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(to_json(report.to_dict(), indent=None) if as_json else format_report(report))


# ---------------------------------------------------------------- entry point

def main(argv: list[str] | None = None) -> None:
    """Run the command; map interruptions and closed pipes to quiet exits."""
    try:
        cli.main(args=argv, prog_name="brief", standalone_mode=False)
    except click.exceptions.Abort:
        _interrupted()
    except click.ClickException as exc:
        exc.show()
        sys.exit(ExitStatus.USAGE if exc.exit_code == 2 else exc.exit_code)
    except KeyboardInterrupt:
        _interrupted()
    except (BrokenPipeError, PipeClosed):
        _silence_stdout()
        _exit(ExitStatus.OK)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    _flush_or_silence()


def _interrupted() -> None:
    click.echo("brief: interrupted", err=True)
    _exit(ExitStatus.INTERRUPTED)


def _exit(status: int) -> None:
    """Exit with `status`; skip the exit hooks only when one of them would hang (a process pool
    thread left blocked by a worker stopped mid-result), after flushing what was written."""
    from .batch import exit_would_hang

    if not exit_would_hang():
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)


def _flush_or_silence() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at devnull so the interpreter's last flush is quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())

