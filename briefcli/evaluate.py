"""ROUGE evaluation of brief's summaries against reference summaries, for `brief eval`.

Scores are ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 x100 from Google's `rouge-score` package (the
optional extra `brief[eval]`, imported only when scoring) with Porter stemming; Lsum compares
newline-joined sentences, so a summary is its sentences one per line. Lead-N, the first N
sentences of the article as brief segments it, is scored beside the chosen method.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .reader import InputError, article_from_record

__all__ = ["Rouge", "Report", "MissingExtra", "read_references", "rouge", "evaluate",
           "format_report"]

INSTALL_HINT = "brief eval needs the rouge-score package: pip install 'brief[eval]'"


class MissingExtra(Exception):
    """The optional `rouge-score` package is not installed."""


@dataclass(frozen=True)
class Rouge:
    """Mean F1 x100 over the documents."""

    r1: float
    r2: float
    rlsum: float

    def to_dict(self) -> dict[str, float]:
        return {"R1": round(self.r1, 2), "R2": round(self.r2, 2), "RLsum": round(self.rlsum, 2)}


@dataclass(frozen=True)
class Report:
    docs: int
    method: str
    sentences: int
    ours: Rouge
    lead: Rouge
    seconds: float  # time spent summarizing (not scoring)

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"docs": self.docs, "method": self.method, "sentences": self.sentences,
                "ours": self.ours.to_dict(), "lead": self.lead.to_dict(),
                "docs_per_s": round(self.docs_per_second, 1)}


@dataclass(frozen=True)
class Reference:
    record: dict[str, Any]
    summary: str  # reference sentences, one per line


def read_references(path: str | Path) -> Iterator[Reference]:
    """Records of a JSON Lines file that carry `text` and a reference `summary` (a string with
    one sentence per line, or a list of sentences). A bad line is an InputError naming it."""
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                yield _reference(line, f"{path}:{number}")


def _reference(line: str, where: str) -> Reference:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON ({exc.msg})") from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise InputError(f"{where}: expected a JSON object with a \"text\" string")
    summary = obj.get("summary")
    if isinstance(summary, list):
        summary = "\n".join(str(s) for s in summary)
    if not isinstance(summary, str) or not summary.strip():
        raise InputError(f"{where}: no reference \"summary\" to score against")
    return Reference(obj, summary)


def _scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:
        raise MissingExtra(INSTALL_HINT) from exc
    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


def rouge(pairs: Iterable[tuple[str, str]]) -> Rouge:
    """Mean ROUGE F1 x100 of (prediction, reference) pairs, sentences one per line."""
    scorer = _scorer()
    totals = [0.0, 0.0, 0.0]
    count = 0
    for prediction, reference in pairs:
        got = scorer.score(reference, prediction)
        totals[0] += got["rouge1"].fmeasure
        totals[1] += got["rouge2"].fmeasure
        totals[2] += got["rougeLsum"].fmeasure
        count += 1
    if not count:
        return Rouge(0.0, 0.0, 0.0)
    return Rouge(*(100 * t / count for t in totals))


def _summary_lines(ref: Reference, number: int, sentences: int, method: str | None) -> str:
    from .brief import brief_article

    article = article_from_record(ref.record, default_id=str(number), source="eval")
    brief = brief_article(article, sentences=sentences, method=method, fields=["summary"])
    return "\n".join(" ".join(s.text.split()) for s in brief.summary)


def evaluate(refs: Iterable[Reference], *, method: str | None = None,
             sentences: int = 3) -> Report:
    """Summarize every record with `method` and with Lead-N; score both against the references."""
    from .rank import DEFAULT_METHOD

    items = list(refs)
    _scorer()  # fail before the work when the extra is missing
    start = time.perf_counter()
    ours = [_summary_lines(r, i, sentences, method) for i, r in enumerate(items)]
    seconds = time.perf_counter() - start
    lead = [_summary_lines(r, i, sentences, "lead") for i, r in enumerate(items)]
    references = [r.summary for r in items]
    return Report(docs=len(items), method=method or DEFAULT_METHOD, sentences=sentences,
                  ours=rouge(zip(ours, references, strict=True)),
                  lead=rouge(zip(lead, references, strict=True)), seconds=seconds)


def format_report(report: Report) -> str:
    """The scores as a small plain-text table, the method above Lead-N."""
    rows = [(report.method, report.ours), (f"lead-{report.sentences}", report.lead)]
    width = max(len(name) for name, _ in rows)
    lines = [f"{'method':<{width}}  {'R1':>6}  {'R2':>6}  {'RLsum':>6}"]
    lines += [f"{name:<{width}}  {r.r1:6.2f}  {r.r2:6.2f}  {r.rlsum:6.2f}" for name, r in rows]
    lines.append(f"{report.docs:,} documents, {report.sentences} sentences each; "
                 f"{report.method} summarized {report.docs_per_second:,.0f} documents/s")
    return "\n".join(lines)
