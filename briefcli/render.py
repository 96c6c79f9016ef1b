"""Renderers: a brief as a rich panel, plain text, Markdown or JSON.

Only this module knows rich, and it imports rich lazily. Text, Markdown and JSON never carry
escape codes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from .brief import Brief
    from .figures import Figure

__all__ = ["FORMATS", "to_json", "to_text", "to_markdown", "print_rich", "ProgressBar"]

FORMATS = ("rich", "text", "markdown", "json", "jsonl")


def to_json(record: dict[str, Any], *, indent: int | None = 2) -> str:
    return json.dumps(record, ensure_ascii=False, indent=indent)


# ---------------------------------------------------------------- shared pieces

def _heading(brief: Brief) -> str:
    return brief.title or brief.id or brief.source or "Brief"


def _meta(brief: Brief) -> str:
    parts = [p for p in (brief.date, brief.source) if p]
    return " · ".join(parts)


def _footer(brief: Brief) -> str:
    s = brief.stats
    return (f"{s.words:,} words · {s.sentences:,} sentences · {s.reading_minutes:g} min read · "
            f"summary {s.compression:.0%} of the article")


def _what(f: Figure) -> str:
    return f.context or f.kind


def _explain(parts: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.3f}" for k, v in parts.items())


def _person(name: str, role: str | None) -> str:
    return f"{name} — {role}" if role else name


def _named(items: list[Any]) -> str:
    return ", ".join(f"{x.name} ({x.mentions})" if x.mentions > 1 else x.name for x in items)


# ---------------------------------------------------------------- plain text

def to_text(brief: Brief, *, explain: bool = False) -> str:
    """The brief as plain text, the same content as the rich panel."""
    lines = [_heading(brief)]
    if _meta(brief):
        lines.append(_meta(brief))
    if brief.sections:
        lines += ["", "Sections: " + " | ".join(brief.sections)]
    if brief.summary:
        lines += ["", "Summary"]
        for s in brief.summary:
            lines.append(f"  * {s.text}")
            if explain:
                lines.append(f"    [score {s.score:.3f}: {_explain(s.parts)}]")
    if brief.figures:
        lines += ["", "Key figures"]
        lines += [f"  * {f.text} — {_what(f)}: {f.display}" for f in brief.figures]
    if brief.people:
        lines += ["", "People"] + [f"  * {_person(p.name, p.role)}" for p in brief.people]
    for label, items in (("Organizations", brief.organizations), ("Places", brief.places)):
        if items:
            lines += ["", f"{label}: {_named(items)}"]
    if brief.keywords:
        lines += ["", "Keywords: " + ", ".join(brief.keywords)]
    lines += ["", _footer(brief)]
    return "\n".join(lines) + "\n"


def to_markdown(brief: Brief, *, explain: bool = False) -> str:
    """The brief as Markdown."""
    lines = [f"## {_heading(brief)}"]
    if _meta(brief):
        lines += ["", f"*{_meta(brief)}*"]
    if brief.sections:
        lines += ["", "**Sections:** " + " · ".join(brief.sections)]
    if brief.summary:
        lines += ["", "### Summary", ""]
        for s in brief.summary:
            lines.append(f"- {s.text}")
            if explain:
                lines.append(f"  - score {s.score:.3f}: {_explain(s.parts)}")
    if brief.figures:
        lines += ["", "### Key figures", "", "| Figure | What | Value |", "|---|---|---|"]
        lines += [f"| {_cell(f.text)} | {_cell(_what(f))} | {_cell(f.display)} |"
                  for f in brief.figures]
    if brief.people:
        lines += ["", "### People", ""] + [f"- {_person(p.name, p.role)}" for p in brief.people]
    for label, items in (("Organizations", brief.organizations), ("Places", brief.places)):
        if items:
            lines += ["", f"**{label}:** {_named(items)}"]
    if brief.keywords:
        lines += ["", "**Keywords:** " + ", ".join(brief.keywords)]
    lines += ["", f"*{_footer(brief)}*"]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------- rich

def print_rich(brief: Brief, console: Console, *, explain: bool = False) -> None:
    """One panel per article: summary, key figures, people, organizations, places, keywords."""
    from rich.panel import Panel

    title = _escape(_heading(brief))
    console.print(Panel(_rich_body(brief, explain), title=f"[bold]{title}[/]",
                        subtitle=_escape(_footer(brief)), title_align="left",
                        subtitle_align="right", border_style="blue"))


def _rich_body(brief: Brief, explain: bool) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = []
    if _meta(brief):
        parts.append(Text(_meta(brief), style="dim"))
    if brief.sections:
        parts.append(Text("Sections: " + " · ".join(brief.sections), style="italic"))
    if brief.summary:
        parts.append(Text("\nSummary", style="bold cyan"))
        for s in brief.summary:
            parts.append(Text("• " + s.text))
            if explain:
                parts.append(Text(f"  score {s.score:.3f}: {_explain(s.parts)}", style="dim"))
    if brief.figures:
        parts += [Text("\nKey figures", style="bold cyan"), _figure_table(brief.figures)]
    if brief.people:
        parts.append(Text("\nPeople", style="bold cyan"))
        parts += [_person_line(p.name, p.role) for p in brief.people]
    lists = (("Organizations", _named(brief.organizations)), ("Places", _named(brief.places)),
             ("Keywords", ", ".join(brief.keywords)))
    for label, body in lists:
        if body:
            parts.append(Text.assemble(("\n" + label + ": ", "bold cyan"), body))
    return Group(*parts)


def _figure_table(figures: list[Figure]) -> Any:
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Figure")
    table.add_column("What it is")
    table.add_column("Value", style="green")
    for f in figures:
        table.add_row(f.text, _what(f), f.display)
    return table


def _person_line(name: str, role: str | None) -> Any:
    from rich.text import Text

    return Text.assemble("• ", (name, "bold"), (f" — {role}" if role else "", "italic"))


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


# ---------------------------------------------------------------- batch progress

class ProgressBar:
    """A rich progress bar on stderr (done/total, rate, ETA, failures), only when `show`.

    It starts with the first result, once the workers exist, and counts the total in a thread so a
    big folder starts at once.
    """

    def __init__(self, inputs: tuple[str, ...], output_dir: str | None, show: bool) -> None:
        self.inputs, self.output_dir, self.show = inputs, output_dir, show
        self.bar: Any = None
        self.done = self.on_cluster = 0  # results taken; inputs finished on a Dask cluster

    def cluster_done(self, inputs: int) -> None:
        """Called from dask's thread as partitions finish, ahead of the ordered results."""
        self.on_cluster += inputs
        if self.bar is not None:
            self.bar.update(self.task, completed=max(self.done, self.on_cluster))

    def update(self, tally: Any) -> None:
        if not self.show:
            return
        if self.bar is None:
            self._start()
        secs = tally.clock() - tally.start
        self.done = tally.briefed + tally.failed + tally.skipped
        self.bar.update(self.task, completed=max(self.done, self.on_cluster),
                        failed=tally.failed, rate=f"{tally.briefed / secs:,.0f}/s" if secs else "")

    def _start(self) -> None:
        import threading

        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(TextColumn("briefing"), BarColumn(), MofNCompleteColumn(),
                            TaskProgressColumn(), TextColumn("{task.fields[rate]}"),
                            TextColumn("ETA"), TimeRemainingColumn(),
                            TextColumn("[red]{task.fields[failed]} failed"),
                            console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task("briefing", total=None, failed=0, rate="")
        self.bar.start()
        threading.Thread(target=self._count, daemon=True).start()

    def _count(self) -> None:
        from .batch import count_tasks

        total = count_tasks(self.inputs, self.output_dir)
        if total is not None and self.bar is not None:
            self.bar.update(self.task, total=total)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
