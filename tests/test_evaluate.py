"""`brief eval` and its library: ROUGE against references, Lead-N beside the method."""

from __future__ import annotations

import builtins
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefcli import evaluate as ev
from briefcli.cli import cli
from briefcli.reader import InputError

pytest.importorskip("rouge_score")

# The reference restates the second and third sentences; the opener is a scene-setting hook.
ARTICLE = (
    "It was a cold morning in the port. "
    "The harbour authority approved a new container terminal on Monday after a two-year review. "
    "The container terminal will double the port's capacity and open in 2027. "
    "A ferry left for the islands at noon."
)
REFERENCE = ("The harbour authority approved a new container terminal after a two-year review.\n"
             "The terminal will double the port's capacity.")


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_rouge_is_100_for_a_copy_and_0_for_nothing_in_common() -> None:
    same = ev.rouge([(REFERENCE, REFERENCE)])
    assert (same.r1, same.r2, same.rlsum) == (pytest.approx(100), pytest.approx(100),
                                              pytest.approx(100))
    none = ev.rouge([("Apples are red.", REFERENCE)])
    assert none.r1 == 0 and none.r2 == 0


def test_rouge_stems_so_plural_and_singular_match() -> None:
    assert ev.rouge([("terminals", "terminal")]).r1 == pytest.approx(100)


def test_evaluate_scores_the_method_and_lead_on_the_same_documents(tmp_path: Path) -> None:
    data = write(tmp_path / "d.jsonl", [{"id": "a", "text": ARTICLE, "summary": REFERENCE}])
    one = ev.evaluate(ev.read_references(data), method="lead", sentences=1)
    assert one.docs == 1 and one.method == "lead"
    assert one.ours == one.lead  # Lead-1 scored twice
    best = ev.evaluate(ev.read_references(data), method="centroid", sentences=1)
    assert best.ours.r2 > best.lead.r2  # the hook shares no bigram with the reference


def test_reference_may_be_a_list_of_sentences(tmp_path: Path) -> None:
    data = write(tmp_path / "d.jsonl", [{"text": ARTICLE, "summary": REFERENCE.split("\n")}])
    [ref] = list(ev.read_references(data))
    assert ref.summary == REFERENCE


@pytest.mark.parametrize("line", ['{"text": "x"}', "not json", '{"summary": "s"}'])
def test_bad_lines_name_the_file_and_line(tmp_path: Path, line: str) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text('\n{"text": "a", "summary": "b"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:3"):
        list(ev.read_references(data))


def test_missing_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_rouge(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("rouge_score"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_rouge)
    with pytest.raises(ev.MissingExtra, match=r"brief\[eval\]"):
        ev.rouge([("a", "a")])


def test_eval_command_prints_the_table_and_json(tmp_path: Path) -> None:
    data = write(tmp_path / "d.jsonl", [{"id": "a", "text": ARTICLE, "summary": REFERENCE}])
    runner = CliRunner()
    table = runner.invoke(cli, ["eval", str(data), "-n", "2"])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].split() == ["method", "R1", "R2", "RLsum"]
    assert lines[2].startswith("lead-2")
    got = runner.invoke(cli, ["eval", str(data), "--json", "--method", "textrank"])
    record = json.loads(got.output)
    assert record["method"] == "textrank" and record["docs"] == 1
    assert set(record["ours"]) == {"R1", "R2", "RLsum"}


def test_eval_command_refuses_bad_data_and_unknown_methods(tmp_path: Path) -> None:
    data = write(tmp_path / "d.jsonl", [{"text": ARTICLE}])
    runner = CliRunner()
    bad = runner.invoke(cli, ["eval", str(data)])
    assert bad.exit_code == 1 and "summary" in bad.output
    unknown = runner.invoke(cli, ["eval", str(data), "--method", "nope"])
    assert unknown.exit_code == 2 and "unknown method" in unknown.output
