#!/usr/bin/env python3
"""Train the name tagger and write briefcli/data/entities/model.json (a JSON weight table).

    python scripts/train_entities.py [TRAIN_DIR]     # default ../shared/data/entities/train

Training data (CC-BY 4.0, see NOTICE): WNUT17 train (`wnut17_train.conll`) and the Broad Twitter
Corpus (`btc_*.conll`). `wikigold.conll.txt` is deliberately NOT used: it is the same text as the
wikigold test set that bench/entities.py measures, and a model trained on it would be scored on
its own training sentences.

The learner is an averaged perceptron (Collins 2002) with greedy left-to-right decoding; the
features are those of briefcli/tagger.py, so training and tagging cannot drift apart. Tweets are
made to look like edited prose first: "@" and "#" marks and URLs are dropped, and shouting
(mostly upper-case) tweets are skipped. The run is deterministic: files are read in sorted order,
sentences are shuffled by a seeded generator, and the weights are rounded before saving.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefcli.tagger import (  # noqa: E402
    FIELD,
    OPENERS,
    SCALE,
    TAGS,
    features,
    fix_tag,
    is_candidate,
    lexicon,
    pack,
    sentence_features,
)

DEFAULT_DIR = ROOT.parent / "shared" / "data" / "entities" / "train"
OUT = ROOT / "briefcli" / "data" / "entities" / "model.json"
SEED = 13
EPOCHS = 8
MIN_WEIGHT = 0.05  # averaged weights smaller than this barely move a score: dropped
LABELS = {"person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG",
          "product": "MISC", "creative-work": "MISC", "PER": "PER", "LOC": "LOC", "ORG": "ORG",
          "MISC": "MISC"}

Sentence = tuple[list[str], list[str]]


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of (tokens, BIO tags); a blank or whitespace-only line ends a sentence."""
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split()
        if len(parts) < 2:
            if words:
                out.append((words, tags))
            words, tags = [], []
            continue
        words.append(parts[0])
        tags.append(_label(parts[-1]))
    return out


def _label(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    bio, kind = tag.split("-", 1)
    return f"{bio}-{LABELS[kind]}" if kind in LABELS else "O"


def as_prose(sent: Sentence) -> Sentence | None:
    """Strip Twitter markup; None for tweets in capitals or left empty."""
    words, tags = [], []
    for w, t in zip(*sent, strict=True):
        w = w.lstrip("@#")
        if not w or w.startswith("http") or w == "RT":
            continue
        words.append(w)
        tags.append(t)
    letters = [w for w in words if w.isalpha() and len(w) > 1]
    if not words or sum(w.isupper() for w in letters) > 0.5 * max(len(letters), 1):
        return None
    return words, _gold_for_candidates(words, tags)


def _gold_for_candidates(words: list[str], tags: list[str]) -> list[str]:
    """Lower-case names (common in tweets) cannot be found by the tagger: make them O."""
    out: list[str] = []
    prev = "O"
    for w, t in zip(words, tags, strict=True):
        t = fix_tag(t, prev) if is_candidate(w, prev) else "O"
        out.append(t)
        prev = t
    return out


def starts_of(words: list[str]) -> list[bool]:
    return [i == 0 or words[i - 1] in OPENERS for i in range(len(words))]


class Perceptron:
    """Averaged perceptron over {feature: {tag: weight}} with lazy averaging."""

    def __init__(self) -> None:
        self.weights: dict[str, dict[str, float]] = {}
        self.totals: dict[tuple[str, str], float] = defaultdict(float)
        self.stamps: dict[tuple[str, str], int] = defaultdict(int)
        self.step = 0

    def best(self, feats: list[str]) -> str:
        """Same choice as briefcli.tagger.Tagger.best: ties go to the greater tag name."""
        scores = dict.fromkeys(TAGS, 0.0)
        for f in feats:
            for tag, w in self.weights.get(f, {}).items():
                scores[tag] += w
        return max((s, t) for t, s in scores.items())[1]

    def update(self, truth: str, guess: str, feats: list[str]) -> None:
        self.step += 1
        if truth == guess:
            return
        for f in feats:
            row = self.weights.setdefault(f, {})
            for tag, delta in ((truth, 1.0), (guess, -1.0)):
                key = (f, tag)
                w = row.get(tag, 0.0)
                self.totals[key] += (self.step - self.stamps[key]) * w
                self.stamps[key] = self.step
                row[tag] = w + delta

    def averaged(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for f in sorted(self.weights):
            row = {}
            for tag in sorted(self.weights[f]):
                key = (f, tag)
                total = self.totals[key] + (self.step - self.stamps[key]) * self.weights[f][tag]
                w = round(total / max(self.step, 1), 3)
                if abs(w) >= MIN_WEIGHT:
                    row[tag] = w
            if row:
                out[f] = row
        return out


def train(sentences: list[Sentence], epochs: int = EPOCHS) -> dict[str, dict[str, float]]:
    lex = lexicon()
    infos = [(sentence_features(w, starts_of(w), lex), t) for w, t in sentences]
    model = Perceptron()
    order = list(range(len(infos)))
    rng = random.Random(SEED)
    for epoch in range(epochs):
        rng.shuffle(order)
        wrong = 0
        for k in order:
            info, gold = infos[k]
            prev, prev2 = "O", "O"
            for i, word in enumerate(info.words):
                tag = "O"
                if is_candidate(word, prev):
                    feats = features(info, i, prev, prev2)
                    guess = model.best(feats)
                    model.update(gold[i], guess, feats)
                    wrong += guess != gold[i]
                    tag = fix_tag(guess, prev)
                prev2, prev = prev, tag
        print(f"epoch {epoch + 1}: {wrong} errors", file=sys.stderr)
    return model.averaged()


def load(train_dir: Path) -> list[Sentence]:
    files = sorted(train_dir.glob("btc_*.conll")) + [train_dir / "wnut17_train.conll"]
    out = []
    for path in files:
        out.extend(s for s in map(as_prose, read_conll(path)) if s)
    return out


def model_json(weights: dict[str, dict[str, float]]) -> str:
    """The weights as one row per feature, a weight per tag in TAGS order (0 where absent), in
    thousandths as integers (integer sums do not depend on the order of adding), each row packed
    into one integer of FIELD-bit fields (`briefcli.tagger.pack`), the rows grouped by feature
    template and keyed by value ("pw=obama" is templates["pw"]["obama"]): the tagger adds rows as
    they are loaded and looks them up by the word itself, and one number per row loads faster
    than a list of nine."""
    templates: dict[str, dict[str, int]] = {}
    for feature, row in weights.items():
        template, _, value = feature.partition("=")
        templates.setdefault(template, {})[value] = pack([round(row.get(t, 0) * SCALE)
                                                           for t in TAGS])
    return json.dumps({"field": FIELD, "scale": SCALE, "tags": list(TAGS),
                       "templates": templates}, separators=(",", ":"), ensure_ascii=False,
                      sort_keys=True) + "\n"


def main() -> None:
    train_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    t0 = time.perf_counter()
    sentences = load(train_dir)
    weights = train(sentences)
    OUT.write_text(model_json(weights), encoding="utf-8")
    print(f"{len(sentences)} sentences, {len(weights)} features, "
          f"{OUT.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - t0:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
