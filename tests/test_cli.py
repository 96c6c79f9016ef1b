import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefcli.cli import cli

ROOT = Path(__file__).resolve().parents[1]
COLOUR = re.compile(r"\x1b\[[0-9;]*3[0-7]m")
ESC = re.compile(r"\x1b\[")
TEXT = "Rain fell on Monday. The river rose by 2 metres. Residents left their homes.\n"


def run(*args, input=None, env=None):
    return CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture()
def folder(tmp_path, seed_text):
    (tmp_path / "a.txt").write_text(seed_text, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.md").write_text("# Storm\n\n" + TEXT, encoding="utf-8")
    (sub / "notes.csv").write_text("x,y\n", encoding="utf-8")
    return tmp_path


def test_json_for_one_article_is_an_object(seed_path):
    res = run("summarize", str(seed_path), "--json")
    assert res.exit_code == 0
    d = json.loads(res.stdout)
    assert d["id"] == seed_path.name and d["date"] == "2024-01-19"


def test_json_for_a_folder_is_an_array_in_path_order(folder):
    res = run("summarize", str(folder), "--format", "json")
    assert res.exit_code == 0
    ids = [d["id"] for d in json.loads(res.stdout)]
    assert ids == ["a.txt", "sub/b.md"]
    assert "skipped" in res.stderr and "notes.csv" in res.stderr


def test_jsonl_one_object_per_line(folder):
    res = run("summarize", str(folder), "-f", "jsonl", "--quiet")
    lines = res.stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(x)["schema_version"] == 1 for x in lines)
    assert res.stderr == ""


def test_jsonl_input_keeps_ids_and_reports_bad_lines(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"id": "x1", "text": TEXT}) + "\n{oops\n"
                 + json.dumps({"text": TEXT, "title": "T"}) + "\n", encoding="utf-8")
    res = run("summarize", str(p), "-f", "jsonl")
    recs = [json.loads(x) for x in res.stdout.splitlines()]
    assert res.exit_code == 1
    assert recs[0]["id"] == "x1"
    assert recs[1]["id"] == "in.jsonl:2" and "line 2" in recs[1]["error"]
    assert recs[2]["id"] == "in.jsonl:3" and recs[2]["title"] == "T"
    assert "line 2" in res.stderr


@pytest.mark.parametrize("fmt,marker", [("text", "Summary"), ("markdown", "### Summary"),
                                        ("rich", "╭")])
def test_human_formats(seed_path, fmt, marker):
    res = run("summarize", str(seed_path), "--format", fmt)
    assert res.exit_code == 0 and marker in res.stdout and "US$20 billion" in res.stdout
    assert not ESC.search(res.stdout)


def test_piped_default_format_is_text(seed_path):
    assert run("summarize", str(seed_path)).stdout.startswith(seed_path.name)


def test_stdin_dash_plain_text_and_jsonl():
    res = run("summarize", "-", "--json", input=TEXT)
    assert res.exit_code == 0 and json.loads(res.stdout)["source"] == "<stdin>"
    stream = "\n".join(json.dumps({"id": f"n{i}", "text": TEXT}) for i in range(3))
    res = run("summarize", "-", "-f", "jsonl", input=stream)
    assert [json.loads(x)["id"] for x in res.stdout.splitlines()] == ["n0", "n1", "n2"]


def test_no_input_reads_piped_stdin_when_no_seeds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run("summarize", "--json", input=TEXT)
    assert res.exit_code == 0 and json.loads(res.stdout)["summary"]


def test_no_input_uses_seeds_folder(monkeypatch):
    monkeypatch.chdir(ROOT)
    res = run("summarize", "--json")
    assert json.loads(res.stdout)["date"] == "2024-01-19"


def test_missing_file_fails_but_others_are_briefed(seed_path):
    res = run("summarize", "missing.txt", str(seed_path), "-f", "jsonl")
    assert res.exit_code == 1
    recs = [json.loads(x) for x in res.stdout.splitlines()]
    assert recs[0] == {"id": "missing.txt", "source": "missing.txt",
                       "error": "no such file or folder"}
    assert recs[1]["date"] == "2024-01-19"
    assert res.stderr.count("\n") == 1 and "missing.txt" in res.stderr


def test_binary_and_empty_files_are_refused(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"abc\x00def")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    res = run("summarize", str(tmp_path), "-f", "jsonl")
    assert res.exit_code == 1
    errors = [json.loads(x)["error"] for x in res.stdout.splitlines()]
    assert "binary" in errors[0] and "empty" in errors[1]


@pytest.mark.parametrize("args", [["--sentences", "0"], ["--fields", "nope"],
                                  ["--date", "yesterday"], ["--method", "magic"],
                                  ["--format", "xml"], ["--ratio", "2"]])
def test_usage_errors_exit_2_without_traceback(seed_path, args):
    res = run("summarize", str(seed_path), *args)
    assert res.exit_code == 2
    assert "Traceback" not in res.stderr and "Error:" in res.stderr


def test_options_shape_the_brief(seed_path):
    d = json.loads(run("summarize", str(seed_path), "--json", "-n", "1",
                       "--fields", "summary,figures").stdout)
    assert len(d["summary"]) == 1 and d["figures"] and d["people"] == [] and d["keywords"] == []


def test_no_color_and_force_color(seed_path):
    forced = run("summarize", str(seed_path), "-f", "rich", env={"FORCE_COLOR": "1"})
    assert COLOUR.search(forced.stdout)
    plain = run("summarize", str(seed_path), "-f", "rich",
                env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not COLOUR.search(plain.stdout)
    for fmt in ("text", "markdown", "json", "jsonl"):
        out = run("summarize", str(seed_path), "-f", fmt, env={"FORCE_COLOR": "1"}).stdout
        assert not ESC.search(out)


def test_fields_constant_matches_the_brief():
    from briefcli.brief import FIELDS as BRIEF_FIELDS
    from briefcli.cli import FIELDS

    assert FIELDS == BRIEF_FIELDS


def test_max_bytes_default_matches_the_batch_runner():
    from briefcli.batch import DEFAULT_MAX_BYTES as BATCH_DEFAULT
    from briefcli.cli import DEFAULT_MAX_BYTES

    assert DEFAULT_MAX_BYTES == BATCH_DEFAULT


def test_schema_command_prints_the_shipped_schema():
    res = run("schema")
    schema = json.loads(res.stdout)
    assert schema["properties"]["schema_version"]["const"] == 1
    assert "summary" in schema["required"]


def test_readme_documents_every_command_and_option():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"brief {name}" in readme, name
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in readme, f"{name} {opt}"


# ---------------------------------------------------------------- real processes

def brief_cmd():
    exe = Path(sys.executable).with_name("brief")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "briefcli"]


def test_installed_console_script_runs(seed_path):
    out = subprocess.run(brief_cmd() + ["summarize", str(seed_path), "--json"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and json.loads(out.stdout)["date"] == "2024-01-19"


def test_python_dash_m_version():
    out = subprocess.run([sys.executable, "-m", "briefcli", "--version"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "brief" in out.stdout


def test_closed_pipe_ends_quietly(folder):
    many = folder / "many"
    many.mkdir()
    for i in range(40):
        (many / f"{i:03}.txt").write_text(TEXT * 20, encoding="utf-8")
    cmd = " ".join(brief_cmd()) + f" summarize {many} -f jsonl | head -1"
    out = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True,
                         timeout=120)
    assert out.stdout.count("\n") == 1
    assert out.returncode == 0  # pipefail: brief's own exit status is 0
    assert "Traceback" not in out.stderr and "Broken pipe" not in out.stderr


def test_help_does_not_import_nltk_or_rich():
    code = ("import sys\nfrom briefcli.cli import main\ntry:\n    main(['summarize', '--help'])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in ('nltk', 'rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().endswith("[]")
