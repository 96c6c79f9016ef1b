"""Key-figure quality and speed: briefcli beside quantulum3 and Microsoft Recognizers-Text.

    python bench/figures.py [DATA_DIR] [--anchor-venv /work/venvs/fig] [--no-anchors]

Scores every suite in DATA_DIR/figures with ../shared/tools/score_figures.py (lenient F1 and value
accuracy) and times extract_figures on one core. The anchors run in their own virtualenv by
subprocess (they are not dependencies of brief), scored by the same scorer in the same run.
Then times figures on whole news articles (DATA_DIR/summarization/{cnndm,bbc}_dev.jsonl).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_VENV = Path("/work/venvs/fig")

# Runs inside the anchors' virtualenv: argv = scorer path, figures dir, anchor name.
ANCHOR_SCRIPT = r'''
import importlib.util, json, sys, time, warnings
warnings.filterwarnings("ignore")
spec = importlib.util.spec_from_file_location("score_figures", sys.argv[1])
sf = importlib.util.module_from_spec(spec); spec.loader.exec_module(sf)
suites, anchor = sf.load_suites(sys.argv[2]), sys.argv[3]

SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800,
           "month": 2592000, "year": 31536000}

def q3_items(text, ref):
    from quantulum3 import parser
    out = []
    for q in parser.parse(text):
        ent, name = q.unit.entity.name, q.unit.name
        kinds = {"currency": "money", "dimensionless": "number", "time": "duration"}
        kind = kinds.get(ent, "quantity")
        if name in ("percentage", "percent"):
            kind = "percent"
        value = q.value
        if kind == "duration":
            value = value * SECONDS.get(name.rstrip("s"), 1)
        out.append({"kind": kind, "start": q.span[0], "end": q.span[1], "text": q.surface,
                    "value": value, "unit": name})
    return out

def rt_items(text, ref):
    import recognizers_suite as rs
    C = rs.Culture.English
    out = []
    def num(x):
        try:
            return float(x)
        except (TypeError, ValueError):
            return None
    for fn, kind in ((rs.recognize_number, "number"), (rs.recognize_currency, "money"),
                     (rs.recognize_percentage, "percent"), (rs.recognize_dimension, "quantity"),
                     (rs.recognize_temperature, "quantity")):
        for r in fn(text, C):
            res = r.resolution or {}
            v = num(str(res.get("value", "")).rstrip("%"))
            out.append({"kind": kind, "start": r.start, "end": r.end + 1, "text": r.text,
                        "value": v, "unit": res.get("unit")})
    for r in rs.recognize_datetime(text, C, reference=ref):
        vals = (r.resolution or {}).get("values") or [{}]
        if r.type_name.endswith("duration"):
            out.append({"kind": "duration", "start": r.start, "end": r.end + 1, "text": r.text,
                        "value": num(vals[0].get("value")), "unit": "s"})
            continue
        alts = [v.get("value") or v.get("start") for v in vals if v.get("value") or v.get("start")]
        out.append({"kind": "date", "start": r.start, "end": r.end + 1, "text": r.text,
                    "value": alts[0] if alts else None, "alts": alts[1:], "unit": None})
    return out

items = q3_items if anchor == "quantulum3" else rt_items
import datetime
items("warm up: $5 on Friday, 3 km", datetime.datetime(2013, 2, 12))  # load models untimed
report = {}
for name, cases in suites.items():
    if anchor == "quantulum3" and name == "duckling_time":
        continue
    tal, elapsed = sf.Tally(), 0.0
    for case in cases:
        ref = sf.parse_dt(case.get("ref")) if case.get("ref") else None
        if ref is None and anchor != "quantulum3":
            import datetime; ref = datetime.datetime.now()
        t = time.perf_counter()
        try:
            preds = items(case["text"], ref)
        except Exception:
            preds = []; tal.errors += 1
        elapsed += time.perf_counter() - t
        tal.add(case, sf.candidates(case, preds))
    row = tal.row(); row["cases_per_s"] = len(cases) / elapsed if elapsed else float("nan")
    report[name] = row
print(json.dumps(report))
'''


def load_scorer(tools: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_figures", tools / "score_figures.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"scorer not found in {tools}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ours(scorer: ModuleType, figures_dir: Path) -> dict[str, dict[str, float]]:
    from briefcli import extract_figures

    extract_figures("warm up: $5 on Friday, 3 km", None)  # load tables once before timing
    suites = scorer.load_suites(str(figures_dir))
    with contextlib.redirect_stdout(io.StringIO()):
        return scorer.run(suites)


def anchor(name: str, venv: Path, scorer_path: Path, figures_dir: Path
           ) -> dict[str, dict[str, float]] | None:
    python = venv / "bin" / "python"
    if not python.exists():
        return None
    proc = subprocess.run([str(python), "-c", ANCHOR_SCRIPT, str(scorer_path), str(figures_dir),
                           name], capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        print(f"{name} failed: {proc.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cell(report: dict[str, dict[str, float]] | None, suite: str) -> str:
    row = (report or {}).get(suite)
    if not row:
        return "–"
    return f"{row['F1']:.2f} / {row['value_acc']:.2f} @ {row['cases_per_s']:,.0f}/s"


def overall_speed(report: dict[str, dict[str, float]]) -> float:
    cases = sum(r["cases"] for r in report.values())
    seconds = sum(r["cases"] / r["cases_per_s"] for r in report.values() if r["cases_per_s"])
    return cases / seconds if seconds else float("nan")


NEWS_SETS = ("cnndm_dev", "bbc_dev")


def news_speed(data: Path) -> dict[str, list[float]]:
    """ms per whole news article: extract_figures; build_brief with the figures field (adds
    ranking and context); build_brief with no field (the shared reading and segmenting)."""
    from briefcli import build_brief, extract_figures

    ref = "2024-01-15"
    calls: list[Callable[[str], object]] = [
        lambda text: extract_figures(text, ref),
        lambda text: build_brief(text, fields=["figures"], date=ref),
        lambda text: build_brief(text, fields=[], date=ref)]
    out = {}
    for name in NEWS_SETS:
        path = data / "summarization" / f"{name}.jsonl"
        if path.exists():
            texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
            out[name] = [ms_per_text(call, texts) for call in calls]
    return out


def ms_per_text(call: Callable[[str], object], texts: list[str], repeats: int = 3) -> float:
    """Best of `repeats` passes, CPU time (the machine is shared)."""
    best = float("inf")
    for _ in range(repeats):
        t = time.process_time()
        for text in texts:
            call(text)
        best = min(best, time.process_time() - t)
    return 1000 * best / max(1, len(texts))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--anchor-venv", type=Path, default=DEFAULT_VENV)
    ap.add_argument("--no-anchors", action="store_true")
    args = ap.parse_args()
    figures_dir = args.data / "figures"
    tools = args.data.parent / "tools"
    scorer = load_scorer(tools)
    t = time.perf_counter()
    mine = ours(scorer, figures_dir)
    elapsed = time.perf_counter() - t
    anchors = {}
    if not args.no_anchors:
        for name in ("quantulum3", "recognizers-text"):
            anchors[name] = anchor(name, args.anchor_venv, tools / "score_figures.py", figures_dir)
    names = ["briefcli", *anchors]
    print("lenient F1 / value accuracy @ cases per second (one process, same run)\n")
    print("| suite | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for suite in mine:
        row = [cell(mine, suite)] + [cell(a, suite) for a in anchors.values()]
        print(f"| {suite} | " + " | ".join(row) + " |")
    speeds = [f"{overall_speed(mine):,.0f}"] + [
        f"{overall_speed(a):,.0f}" if a else "–" for a in anchors.values()]
    print("| all suites, cases/s | " + " | ".join(speeds) + " |")
    print(f"\nbriefcli wall time for all suites: {elapsed:.2f} s")
    news = news_speed(args.data)
    if news:
        print("\nwhole news articles, ms per article (CPU time, best of 3)\n")
        print("| set | extract_figures | build_brief(figures) | build_brief(no field) |")
        print("|---|---|---|---|")
        for name, (extract, brief, base) in news.items():
            print(f"| {name} | {extract:.2f} | {brief:.2f} | {base:.2f} |")


if __name__ == "__main__":
    main()
