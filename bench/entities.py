#!/usr/bin/env python3
"""Named-entity quality and speed: brief's tagger beside a capitalisation heuristic and anchors.

    python bench/entities.py [DATA_DIR]        # default ../shared/data

Scores exact-span PER/ORG/LOC micro F1, one sentence at a time, with the shared scorer
(`DATA_DIR/../tools/score_entities.py`) on wikigold, uner_ewt_test and wnut17_test. The
capitalisation heuristic runs in the same process, so the speed ratio is fair; the spaCy figures
are those of the data README (spaCy's English models are not on the package index).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from briefcli import extract_entities
from briefcli.entities import Entity
from briefcli.tagger import lexicon, sentence_starts, tokenize

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SETS = ("wikigold", "uner_ewt_test", "wnut17_test")
ANCHORS = {  # data README: spaCy en_core_web_sm, F1 and sentences/s
    "spaCy sm (README)": ({"wikigold": 53.2, "uner_ewt_test": 56.1}, 330.0),
    "capitalisation (README)": ({"wikigold": 47.3, "uner_ewt_test": 35.8}, float("nan")),
}
TARGET = 58.0


def load_scorer(data_dir: Path) -> ModuleType:
    path = data_dir.parent / "tools" / "score_entities.py"
    if not path.exists():
        path = data_dir / "tools" / "score_entities.py"
    spec = importlib.util.spec_from_file_location("score_entities", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"scorer not found: {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def capitalised_runs(text: str) -> list[Entity]:
    """Baseline: runs of capitalised words (a sentence's first word only if the dictionary has no
    lower-case form of it); a listed place is a place, a run ending in an organization word an
    organization, anything else a person."""
    spans = tokenize(text)
    starts = sentence_starts(text, spans)
    lex = lexicon()
    out, i = [], 0
    while i < len(spans):
        word = text[slice(*spans[i])]
        if not word[:1].isupper() or (starts[i] and word.lower() in lex.lowercase):
            i += 1
            continue
        j = i + 1
        while j < len(spans) and text[slice(*spans[j])][:1].isupper():
            j += 1
        words = tuple(text[slice(*spans[k])] for k in range(i, j))
        kind = ("place" if words in lex.places else
                "organization" if words[-1].lower() in lex.org_words else "person")
        out.append(Entity(kind, text[spans[i][0]:spans[j - 1][1]], spans[i][0], spans[j - 1][1]))
        i = j
    return out


Row = tuple[dict[str, float], float, float]  # F1 per set, wall sentences/s, CPU sentences/s


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA
    scorer = load_scorer(data_dir)
    extract_entities("Warm-up: Antony Blinken met officials in Mexico City.")  # load the model
    systems = {"brief": extract_entities, "capitalisation heuristic": capitalised_runs}
    rows: dict[str, Row] = {}
    for name, fn in systems.items():
        f1, wall = {}, []
        for s in SETS:
            res = scorer.score_file(str(data_dir / "entities" / f"{s}.jsonl"), fn)
            f1[s] = res["micro_f1"]
            wall.append(res["sent_per_s"])
            if name == "brief":
                print(f"{s}: P {res['micro_p']:.1f} R {res['micro_r']:.1f} F1 {res['micro_f1']:.1f}"
                      f" (PER {res['PER_f1']:.1f} ORG {res['ORG_f1']:.1f} LOC {res['LOC_f1']:.1f})"
                      f"  {res['sent_per_s']:,.0f} sentences/s")
        rows[name] = (f1, sum(wall) / len(wall), cpu_rate(fn, data_dir))
    rows.update({k: (f1, rate, float("nan")) for k, (f1, rate) in ANCHORS.items()})
    print_table(rows)


def cpu_rate(fn: Callable[[str], list[Entity]], data_dir: Path) -> float:
    """Sentences per CPU second over all sets: steadier than wall time on a shared machine."""
    texts = [json.loads(line)["text"] for s in SETS
             for line in open(data_dir / "entities" / f"{s}.jsonl", encoding="utf-8")]
    t0 = time.process_time()
    for text in texts:
        fn(text)
    return len(texts) / max(time.process_time() - t0, 1e-9)


def print_table(rows: dict[str, Row]) -> None:
    print()
    head = (f"{'system':<26}" + "".join(f"{s:>15}" for s in SETS)
            + f"{'sent/s (wall)':>15}{'sent/s (CPU)':>14}")
    print(head)
    print(re.sub(r".", "-", head))
    for name, (f1, wall, cpu) in rows.items():
        cells = "".join(f"{f1[s]:>15.1f}" if s in f1 else f"{'-':>15}" for s in SETS)
        rates = "".join(f"{r:>15,.0f}" if r == r else f"{'-':>15}" for r in (wall, cpu))
        print(f"{name:<26}{cells}{rates}")
    print(f"\ntargets: >= {TARGET} F1 on wikigold and uner_ewt_test, >= 3,000 sentences/s; the"
          " shipped model is trained on WNUT17 + BTC only (never on wikigold).")


if __name__ == "__main__":
    main()
