"""The Dask engine gives the local engine's output byte for byte, on a real 2-process cluster."""

import json
import signal
import socket
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from briefcli.batch import Failure, Options, Task, Written, iter_tasks, run
from briefcli.cli import cli

distributed = pytest.importorskip("distributed")

from briefcli.cluster import LineRef, as_units, local_cluster, run_dask  # noqa: E402

PEOPLE = ["Maria Lopez", "John Carter", "Aisha Bello", "Tom Becker", "Lena Novak"]
ORGS = ["the city council", "Northwind Bank", "the health ministry", "Apex Motors"]
PLACES = ["Leeds", "Lagos", "Munich", "Porto", "Osaka"]


def article(k: int) -> str:
    """A short made-up news story; k varies names, places and figures."""
    who, org, where = PEOPLE[k % 5], ORGS[k % 4], PLACES[(k * 2) % 5]
    return (f"date 2024-03-{k % 27 + 1:02d}\n"
            f"Storm hits {where}\n\n"
            f"{org.capitalize()} said on Monday that {k + 3} homes in {where} were flooded. "
            f"Damage is put at ${k + 1}.5 million, up {k % 9 + 2}% on last year. "
            f"{who}, the mayor, asked residents to stay indoors until Friday.\n\n"
            f"Rescue teams worked through the night. Roads reopened {k % 5 + 1} days later.\n")


@pytest.fixture(scope="module")
def scheduler():
    """One 2-worker process cluster for the whole module: starting one costs about a second."""
    with local_cluster(2) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """40 good articles across folders, JSON and JSONL files with bad records, broken files."""
    root = tmp_path_factory.mktemp("corpus")
    for k in range(40):
        folder = root / ("deep/er" if k % 7 == 0 else "news" if k % 2 else ".")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"story{k:02d}.txt").write_text(article(k), encoding="utf-8")
    lines = [json.dumps({"id": f"r{k}", "text": article(k + 50)}) for k in range(6)]
    lines[2:2] = ["{not json", "", json.dumps({"id": "blank", "text": "  "})]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = [{"text": article(60), "title": "One"}, {"text": article(61)}, "not a record"]
    (root / "batch.json").write_text(json.dumps(records), encoding="utf-8")
    (root / "utf16.txt").write_bytes(article(99).encode("utf-16"))
    (root / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (root / "empty.md").write_text("   \n", encoding="utf-8")
    (root / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return root


def brief(*args, input=None):
    return CliRunner().invoke(cli, ["summarize", *args], input=input, catch_exceptions=False)


def both(scheduler, *args, input=None):
    local = brief(*args, "-j", "1", input=input)
    dask = brief(*args, "--engine", "dask", "--scheduler", scheduler, input=input)
    return local, dask


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text", "markdown"])
def test_cluster_output_is_byte_identical_to_local(scheduler, corpus, fmt):
    local, dask = both(scheduler, str(corpus), "--format", fmt)
    assert dask.stdout == local.stdout
    assert dask.stderr == local.stderr
    assert dask.exit_code == local.exit_code == 1


def test_error_records_survive_the_trip(scheduler, corpus):
    local, dask = both(scheduler, str(corpus), str(corpus / "missing.txt"), "-f", "jsonl")
    errors = [r for r in map(json.loads, dask.stdout.splitlines()) if "error" in r]
    sources = {r["source"].rsplit("/", 1)[-1] for r in errors}
    assert {"binary.txt", "empty.md", "feed.jsonl:3", "feed.jsonl:5", "missing.txt",
            "batch.json"} <= sources
    assert "feed.jsonl:3" in dask.stderr and "line 3" in dask.stderr
    assert dask.stdout == local.stdout


def test_jsonl_lines_over_the_size_limit_fail_alike(scheduler, corpus):
    local, dask = both(scheduler, str(corpus / "feed.jsonl"), "-f", "jsonl", "--max-bytes", "200")
    assert "too large" in dask.stderr and '"id": "r' not in dask.stdout
    assert dask.stdout == local.stdout and dask.stderr == local.stderr


def test_all_good_inputs_exit_zero(scheduler, corpus):
    local, dask = both(scheduler, str(corpus / "news"), "-f", "jsonl", "-n", "2")
    assert dask.exit_code == local.exit_code == 0
    assert len(dask.stdout.splitlines()) == len(list((corpus / "news").iterdir()))
    assert dask.stdout == local.stdout


def test_stdin_and_options_reach_the_workers(scheduler):
    args = ("-", "--json", "--fields", "summary,figures", "--date", "2023-01-01", "-n", "1")
    local, dask = both(scheduler, *args, input=article(3))
    assert json.loads(dask.stdout)["people"] == []
    assert dask.stdout == local.stdout and dask.exit_code == 0


def test_empty_folder_gives_an_empty_array(scheduler, tmp_path):
    local, dask = both(scheduler, str(tmp_path), "--json")
    assert dask.stdout == local.stdout == "[]\n"


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_output_dir_written_by_workers_is_identical(scheduler, corpus, tmp_path, fmt):
    local, dask = (brief(str(corpus), "--output-dir", str(tmp_path / name), "-f", fmt, *extra)
                   for name, extra in [("local", ("-j", "1")),
                                       ("dask", ("--engine", "dask", "--scheduler", scheduler))])
    written = files(tmp_path / "dask")
    assert written == files(tmp_path / "local")
    assert "deep/er/story00.txt." + ("json" if fmt == "json" else "md") in written
    assert not any(name.endswith(".tmp") or "probe" in name for name in written)
    assert dask.exit_code == local.exit_code == 1
    assert _errors(dask.stderr) == _errors(local.stderr)


def _errors(stderr):
    return [line for line in stderr.splitlines() if "error:" in line]


def test_resume_on_the_cluster_finishes_the_rest(scheduler, corpus, tmp_path):
    out, full = tmp_path / "out", tmp_path / "full"
    brief(str(corpus), "--output-dir", str(full), "-f", "json", "-j", "1")
    dask = ("--engine", "dask", "--scheduler", scheduler)
    brief(str(corpus), "--output-dir", str(out), "-f", "json", *dask)
    for path in sorted((out / "news").iterdir())[::2]:  # as if interrupted
        path.unlink()
    kept = out / "deep" / "er" / "story07.txt.json"
    kept.write_text("kept", encoding="utf-8")
    left = len(files(out))
    res = brief(str(corpus), "--output-dir", str(out), "-f", "json", "--resume", *dask)
    assert f"{left} skipped" in res.stderr and res.exit_code == 1
    assert kept.read_text(encoding="utf-8") == "kept"
    kept.write_bytes((full / "deep" / "er" / "story07.txt.json").read_bytes())
    assert files(out) == files(full)


def test_first_article_keeps_a_duplicate_output_file(scheduler, tmp_path):
    for k, name in enumerate("abc"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "same.txt").write_text(article(k), encoding="utf-8")
    inputs = [str(tmp_path / name / "same.txt") for name in "abc"]
    dask = ("--engine", "dask", "--scheduler", scheduler)
    for name, extra in [("local", ("-j", "1")), ("dask", dask)]:
        res = brief(*inputs, "--output-dir", str(tmp_path / name / "out"), "-f", "json", *extra)
        assert res.exit_code == 1 and res.stderr.count("duplicate id") == 2
    written = files(tmp_path / "dask" / "out")
    assert list(written) == ["same.txt.json"] and written == files(tmp_path / "local" / "out")


def test_a_file_overwritten_by_a_later_duplicate_is_put_back(scheduler, tmp_path):
    for name in "ab":
        (tmp_path / f"{name}.txt").write_text(article(ord(name)), encoding="utf-8")
    tasks = [Task("same.txt", str(tmp_path / f"{name}.txt"), path=str(tmp_path / f"{name}.txt"))
             for name in "ab"]
    out = tmp_path / "out"
    results = run_dask(tasks, Options(out_dir=str(out), fmt="json"), scheduler, partition_size=1)
    first = next(results)
    (out / "same.txt.json").write_text("overwritten", encoding="utf-8")  # as b's worker may
    assert list(results) == [Written("same.txt", tasks[1].source, str(out / "same.txt.json"))]
    assert json.loads((out / "same.txt.json").read_text("utf-8"))["source"] == first.source


def test_ctrl_c_then_resume_gives_the_uninterrupted_folder(scheduler, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for k in range(2000):  # enough that a loaded machine still interrupts the run before it ends
        (inputs / f"{k:03d}.txt").write_text(article(k), encoding="utf-8")
    out, full = tmp_path / "out", tmp_path / "full"
    dask = ["--engine", "dask", "--scheduler", scheduler, "-f", "json"]
    cmd = [sys.executable, "-m", "briefcli", "summarize", str(inputs), "--output-dir", str(out)]
    proc = subprocess.Popen(cmd + dask, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while proc.poll() is None and not any(out.glob("*.json")):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr.decode()
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    assert 0 < len(files(out)) < 2000 and not any(n.endswith(".tmp") for n in files(out))
    resumed = brief(str(inputs), "--output-dir", str(out), "--resume", *dask)
    assert resumed.exit_code == 0 and " 0 skipped" not in resumed.stderr
    brief(str(inputs), "--output-dir", str(full), *dask)
    assert files(out) == files(full)


def test_small_partitions_keep_input_order(scheduler, corpus):
    def tasks():
        return iter_tasks([str(corpus)], read_stdin=bytes, note=lambda m: None)

    expected = list(run(tasks(), Options()))
    done: list[int] = []
    got = list(run_dask(tasks(), Options(), scheduler, partition_size=3, on_done=done.append))
    assert [_key(r) for r in got] == [_key(r) for r in expected]
    assert got == expected
    assert sum(done) == len(list(tasks()))


def _key(result):
    return ("failure", result.id) if isinstance(result, Failure) else ("brief", result.id)


def test_jsonl_lines_travel_as_byte_spans(corpus):
    path = corpus / "feed.jsonl"
    tasks = list(iter_tasks([str(path)], read_stdin=bytes, note=print))
    units = list(as_units(tasks))
    assert all(isinstance(u, LineRef) and u.task.payload is None for u in units)
    data = path.read_bytes()
    for unit, task in zip(units, tasks, strict=True):
        assert isinstance(task, Task)
        assert data[unit.start:unit.end].decode("utf-8") == task.payload


def test_without_scheduler_a_local_cluster_is_started(tmp_path):
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    local = brief(str(tmp_path), "--json")
    dask = brief(str(tmp_path), "--json", "--engine", "dask", "-j", "2")
    assert dask.exit_code == 0 and dask.stdout == local.stdout


def test_unreachable_scheduler_is_a_one_line_usage_error(tmp_path):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    res = brief(str(tmp_path), "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}")
    assert res.exit_code == 2
    assert "cannot reach the Dask scheduler" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


def test_bad_scheduler_address_is_a_usage_error(tmp_path):
    res = brief(str(tmp_path), "--engine", "dask", "--scheduler", "nowhere")
    assert res.exit_code == 2 and "invalid scheduler address" in res.stderr


def test_scheduler_without_dask_engine_is_a_usage_error(tmp_path):
    res = brief(str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786")
    assert res.exit_code == 2 and "--engine dask" in res.stderr


def test_missing_dask_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import now raises ImportError
    res = brief(str(tmp_path), "--engine", "dask")
    assert res.exit_code == 2
    assert "pip install 'brief[dask]'" in res.stderr and "Traceback" not in res.stderr
