"""Batch runs: a process pool, ordered output, --output-dir, --resume, bad inputs, Ctrl-C.

Articles are generated in temporary folders; the Ctrl-C, pipe and -j tests run the real command.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefcli import batch
from briefcli.batch import Failure, Options, OutputDir, Skipped, Task, output_path, run
from briefcli.cli import cli

# ---------------------------------------------------------------- a small article generator

PLACES = ["Riverton", "Lakeside", "Northbridge", "Glenmoor", "Ashford", "Port Ellis"]
PEOPLE = ["Maria Lopez", "John Carter", "Aisha Khan", "Peter Novak", "Chen Wei", "Laura Smith"]
ROLES = ["mayor", "finance minister", "chief executive", "police chief", "spokeswoman"]
THINGS = ["budget", "bridge", "school plan", "water project", "rail line", "housing scheme"]


def article(rng: random.Random) -> str:
    """A short news-like article: a title, a date line and a few paragraphs of varied sentences."""
    place, thing = rng.choice(PLACES), rng.choice(THINGS)
    person, role = rng.choice(PEOPLE), rng.choice(ROLES)
    sentences = [
        f"The council of {place} approved a {thing} worth "
        f"${rng.randint(2, 90)}.{rng.randint(1, 9)} million on "
        f"{rng.choice(['Monday', 'Tuesday', 'Friday'])}.",
        f"{person}, the {role}, said the plan would create {rng.randint(20, 900)} jobs.",
        f"Costs rose by {rng.randint(2, 40)}% compared with last year.",
        f"Residents of {place} had waited {rng.randint(2, 12)} years for the {thing}.",
        f"Work is expected to start in {rng.choice(['March', 'June', 'October'])} "
        f"{rng.randint(2025, 2029)}.",
        f"Critics said the {thing} was too expensive for a town of "
        f"{rng.randint(5, 90)},000 people.",
    ]
    rng.shuffle(sentences)
    body = [" ".join(sentences[:3]), " ".join(sentences[3:])]
    return f"date 2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n{place} {thing} approved\n\n" \
        + "\n\n".join(body) + "\n"


CORPUS_SIZE = 300
# The Ctrl-C test's run must still be going when the signal lands, even on a loaded machine.
LONG_CORPUS_SIZE = 2000


def make_articles(folder: Path, n: int, seed: int = 7) -> Path:
    """`n` articles in a few subfolders of `folder`."""
    rng = random.Random(seed)
    for i in range(n):
        sub = folder / f"part{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:04}.txt").write_text(article(rng), encoding="utf-8")
    return folder


def brief_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("brief")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "briefcli"]


def brief(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(brief_cmd() + list(args), capture_output=True, text=True, timeout=120,
                          **kw)


def invoke(*args: str, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains `text` (forked workers keep their parent's)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if text.encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            pass
    return found


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_articles(tmp_path_factory.mktemp("corpus"), CORPUS_SIZE)


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory) -> Path:
    return make_articles(tmp_path_factory.mktemp("long_corpus"), LONG_CORPUS_SIZE)


@pytest.fixture(scope="module")
def long_reference(long_corpus, tmp_path_factory) -> Path:
    """The output folder of one uninterrupted run over `long_corpus`."""
    out = tmp_path_factory.mktemp("reference") / "out"
    res = brief("summarize", str(long_corpus), "--json", "--output-dir", str(out), "-q")
    assert res.returncode == 0, res.stderr
    return out


# ---------------------------------------------------------------- output paths

@pytest.mark.parametrize("id", ["../../x", "/abs", "a/../../b", "..", "", ".", "a\x00b",
                                "C:\\evil", "x" * 600, "a/" * 100 + "b"])
def test_output_paths_stay_inside_the_folder(tmp_path, id):
    path = output_path(id, tmp_path, "json")
    assert path.resolve().is_relative_to(tmp_path.resolve()) and path.suffix == ".json"
    assert all(len(part.encode()) <= 255 for part in path.parts)
    batch.atomic_write(path, "{}\n")  # and the name is one the file system accepts
    assert path.read_text() == "{}\n"


def test_output_paths_keep_subfolders_and_tell_ids_apart(tmp_path):
    assert output_path("a/b.txt", tmp_path, "markdown") == tmp_path / "a" / "b.txt.md"
    assert output_path("x", tmp_path, "rich").name == "x.txt"
    ids = ["a:b", "a_b", "a%3Ab", "a?b", "é/ü"]
    assert len({output_path(i, tmp_path, "json") for i in ids}) == len(ids)
    assert output_path("é/ü", tmp_path, "json") == tmp_path / "é" / "ü.json"


def test_atomic_write_leaves_nothing_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "sub" / "a.json"
    batch.atomic_write(target, "old\n")

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        batch.atomic_write(target, "new\n")
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]
    assert target.read_text() == "old\n"


def test_write_output_renders_each_format(tmp_path):
    from dataclasses import replace

    from briefcli import build_brief

    b = replace(build_brief("Rain fell on Monday. The river rose by 2 metres. People left."),
                id="news/rain")
    for fmt, suffix in [("json", ".json"), ("jsonl", ".json"), ("markdown", ".md"),
                        ("text", ".txt"), ("rich", ".txt")]:
        path = batch.write_output(b, tmp_path / fmt, fmt)
        assert path == tmp_path / fmt / "news" / f"rain{suffix}"
        text = path.read_text(encoding="utf-8")
        assert "river rose" in text and "\x1b[" not in text
        if fmt.startswith("json"):
            assert json.loads(text)["id"] == "news/rain"


# ---------------------------------------------------------------- ordering and the pool

def test_jobs_1_and_2_give_byte_identical_stdout(corpus):
    one = brief("summarize", str(corpus), "-f", "jsonl", "-j", "1")
    two = brief("summarize", str(corpus), "-f", "jsonl", "-j", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    ids = [json.loads(line)["id"] for line in one.stdout.splitlines()]
    assert ids == sorted(ids) and len(ids) == CORPUS_SIZE


def test_folders_are_read_in_sorted_order_files_first(tmp_path):
    for name in ["d.txt", "b/c.txt", "a.txt", "b/a/z.txt", "B.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(GOOD)
    res = invoke("summarize", str(tmp_path), "-f", "jsonl", "-q")
    ids = [json.loads(x)["id"] for x in res.stdout.splitlines()]
    assert ids == ["B.txt", "a.txt", "d.txt", "b/c.txt", "b/a/z.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists folders whatever their permissions")
def test_an_unreadable_subfolder_is_one_error(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(GOOD)
    (tmp_path / "locked").chmod(0)
    (tmp_path / "open.txt").write_text(GOOD)
    try:
        res = invoke("summarize", str(tmp_path), "-f", "jsonl")
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert res.exit_code == 1 and "cannot list folder" in res.stderr


def test_pool_keeps_input_order_and_every_failure(tmp_path):
    tasks: list = []
    for i in range(60):
        if i % 7 == 3:
            tasks.append(Failure(f"f{i}", f"f{i}", "no such file or folder"))
        else:
            text = "" if i % 11 == 5 else f"Story {i} begins here. It has {i} parts. The end."
            tasks.append(Task(f"t{i}", "<test>", payload=text, kind="stdin"))
    results = list(run(iter(tasks), Options(fields=("summary",)), jobs=2))
    assert [r.id for r in results] == [t.id for t in tasks]
    failed = [r.id for r in results if isinstance(r, Failure)]
    assert failed == [t.id for i, t in enumerate(tasks) if i % 7 == 3 or i % 11 == 5]


def test_chunks_grow_and_keep_every_item_in_order():
    """A batch goes out in chunks that start small (first results soon, every worker a share of
    a small batch) and grow to MAX_CHUNK; nothing is lost, repeated or reordered."""
    for n in (0, 1, batch.CHUNK - 1, batch.CHUNK, 5 * batch.CHUNK + 3, 1000):
        chunks = list(batch._chunks(iter(range(n))))
        assert [x for c in chunks for x in c] == list(range(n))
        sizes = [len(c) for c in chunks]
        assert all(0 < size <= batch.MAX_CHUNK for size in sizes)
        if n:
            assert sizes[0] == min(n, batch.CHUNK)
        if n == 1000:
            assert sizes[0] < sizes[-2] == batch.MAX_CHUNK


def _crash_on_marker(articles, **kw):
    if any("CRASH" in a.text for a in articles):
        os._exit(3)  # a worker killed outright, as by the out-of-memory killer
    briefs = _real_brief_articles(articles, **kw)
    # a result that cannot be pickled back to the main process
    return [(lambda: "unpicklable") if "ODD" in a.text else b for a, b in zip(articles, briefs,
                                                                          strict=True)]


_real_brief_articles = None


def test_a_task_that_breaks_its_worker_costs_only_itself(monkeypatch):
    global _real_brief_articles
    import multiprocessing

    import briefcli.brief

    # forked workers see the patch below (other tests may have left threads that rule out fork)
    monkeypatch.setattr(batch, "_context", lambda: multiprocessing.get_context("fork"))

    _real_brief_articles = briefcli.brief.brief_articles
    monkeypatch.setattr(briefcli.brief, "brief_articles", _crash_on_marker)
    texts = [f"Story {i}. It is fine. Really." for i in range(40)]
    texts[20] = "CRASH now. Boom."
    texts[33] = "ODD result. Sorry."
    tasks = [Task(f"t{i}", "<test>", payload=t, kind="stdin") for i, t in enumerate(texts)]
    results = list(run(iter(tasks), Options(fields=("summary",)), jobs=2))
    assert [getattr(r, "id", None) for r in results] == [t.id for t in tasks]
    failed = [r for r in results if isinstance(r, Failure)]
    assert [f.id for f in failed] == ["t20", "t33"]
    assert "worker process died" in failed[0].error and "internal error" in failed[1].error


def test_a_stopped_pool_leaves_no_thread_the_exit_would_wait_for_unknown():
    """The interpreter's exit joins the pool's (non-daemon) threads: after a stop, each is over,
    or `exit_would_hang` knows of it so the command can exit without waiting for ever."""
    import threading

    before = set(threading.enumerate())
    tasks = [Task(f"t{i}", "<test>", payload=f"Story {i}. It rose 5%.", kind="stdin")
             for i in range(200)]
    results = run(iter(tasks), Options(fields=("summary",)), jobs=2)
    next(results)
    results.close()  # as Ctrl-C does, with work in flight
    started = [t for t in threading.enumerate() if t not in before and not t.daemon]
    assert all(not t.is_alive() for t in started) or batch.exit_would_hang()


def test_a_bug_met_by_one_article_of_a_chunk_costs_only_that_article(monkeypatch):
    """Articles are briefed a chunk at a time (here in process, -j 1): when one of them raises,
    the others of its chunk are still briefed."""
    import briefcli.brief

    real = briefcli.brief._figures

    def figures_with_a_bug(article, *args):
        if "BUG" in article.text:
            raise ZeroDivisionError("a bug")
        return real(article, *args)

    monkeypatch.setattr(briefcli.brief, "_figures", figures_with_a_bug)
    texts = [f"Story {i} says sales rose {i}% in May. It is fine." for i in range(40)]
    texts[21] = "This BUG story rose 5%. Oops."
    tasks = [Task(f"t{i}", "<test>", payload=t, kind="stdin") for i, t in enumerate(texts)]
    results = list(run(iter(tasks), Options(), jobs=1))
    assert [getattr(r, "id", None) for r in results] == [t.id for t in tasks]
    failed = [r for r in results if isinstance(r, Failure)]
    assert [f.id for f in failed] == ["t21"]
    assert "internal error: ZeroDivisionError" in failed[0].error
    assert all(r.figures for r in results if not isinstance(r, Failure))


def test_stdin_jsonl_through_a_pipe_keeps_order():
    stream = "".join(json.dumps({"id": f"n{i:02}", "text": f"Item {i} rose 5%. Then it fell."})
                     + "\n" for i in range(40))
    res = brief("summarize", "-", "-f", "jsonl", "-j", "2", input=stream)
    assert res.returncode == 0
    assert [json.loads(x)["id"] for x in res.stdout.splitlines()] == [f"n{i:02}" for i in range(40)]


def test_closed_pipe_with_workers_ends_quietly(corpus):
    cmd = " ".join(brief_cmd()) + f" summarize {corpus} -f jsonl -j 2 | head -2"
    start = time.monotonic()
    out = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.count("\n") == 2 and out.returncode == 0
    assert "Traceback" not in out.stderr and "Broken pipe" not in out.stderr
    assert time.monotonic() - start < 30  # the workers were stopped, not waited for


# ---------------------------------------------------------------- output folder and resume

def test_output_dir_mirrors_the_inputs_and_sanitizes_ids(tmp_path):
    src = make_articles(tmp_path / "in", 4)
    records = [{"id": "../../escape", "text": "One fine day. It rained."},
               {"id": "/abs/olute", "text": "Two fine days. It rained."},
               {"id": "a/b", "text": "Three fine days. It rained."}]
    (src / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "out"
    res = invoke("summarize", str(src), "--output-dir", str(out), "-f", "markdown")
    assert res.exit_code == 0 and res.stdout == ""
    files = sorted(tree(out))
    assert files == ["a/b.md", "abs/olute.md", "escape.md", "part0/0000.txt.md",
                     "part0/0003.txt.md", "part1/0001.txt.md", "part2/0002.txt.md"]
    assert not (tmp_path / "escape.md").exists()
    assert "7 briefed, 0 failed, 0 skipped" in res.stderr


def test_an_output_dir_inside_the_input_folder_is_not_read_back(tmp_path):
    src = make_articles(tmp_path, 3)
    out = src / "briefs"
    for _ in range(2):
        res = invoke("summarize", str(src), "--output-dir", str(out), "-f", "text", "--resume")
        assert res.exit_code == 0
    assert sorted(tree(out)) == ["part0/0000.txt.txt", "part1/0001.txt.txt", "part2/0002.txt.txt"]
    assert "0 briefed, 0 failed, 3 skipped" in res.stderr


def test_duplicate_ids_fail_instead_of_overwriting(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "same", "text": "First story. It is here."}) + "\n"
                    + json.dumps({"id": "same", "text": "Second story. It is there."}) + "\n")
    out = tmp_path / "out"
    res = invoke("summarize", str(feed), "--output-dir", str(out), "--json")
    assert res.exit_code == 1 and "duplicate id" in res.stderr
    assert "First story" in (out / "same.json").read_text()


def test_resume_skips_done_articles_without_reading_them(tmp_path):
    src = make_articles(tmp_path / "in", 5)
    out = tmp_path / "out"
    assert invoke("summarize", str(src), "--output-dir", str(out), "--json").exit_code == 0
    before = tree(out)
    (src / "part0" / "0000.txt").write_bytes(b"\x00 not text any more")  # would fail if read
    (out / "part1" / "0001.txt.json").unlink()
    res = invoke("summarize", str(src), "--output-dir", str(out), "--json", "--resume")
    assert res.exit_code == 0, res.stderr
    assert "1 briefed, 0 failed, 4 skipped" in res.stderr
    assert tree(out) == before


def test_resume_skips_jsonl_records_by_their_id(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Story {i}. It ends."}) + "\n"
                            for i in range(3)))
    out = tmp_path / "out"
    invoke("summarize", str(feed), "--output-dir", str(out), "-f", "text")
    res = invoke("summarize", str(feed), "--output-dir", str(out), "-f", "text", "--resume")
    assert "0 briefed, 0 failed, 3 skipped" in res.stderr


def test_resume_needs_an_output_dir(tmp_path):
    res = invoke("summarize", str(tmp_path), "--resume")
    assert res.exit_code == 2 and "--output-dir" in res.stderr


def test_quiet_drops_the_summary_line(tmp_path):
    src = make_articles(tmp_path / "in", 2)
    res = invoke("summarize", str(src), "--output-dir", str(tmp_path / "out"), "-q")
    assert res.exit_code == 0 and res.stderr == ""


def test_ctrl_c_leaves_whole_files_and_resume_completes_them(long_corpus, long_reference,
                                                             tmp_path):
    out = tmp_path / "out"
    cmd = brief_cmd() + ["summarize", str(long_corpus), "--json", "--output-dir", str(out),
                         "-j", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.json"))) < 10:
        time.sleep(0.01)
    assert len(processes_mentioning(str(out))) >= 3  # the command and its two workers
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "briefed" in err and "interrupted" in err and "Traceback" not in err
    assert not processes_mentioning(str(out))  # the workers are gone too
    partial = tree(out)
    assert 10 <= len(partial) < LONG_CORPUS_SIZE
    assert not [name for name in partial if not name.endswith(".json")]  # no temporary files
    for name, data in partial.items():
        assert json.loads(data)["id"] == name.removesuffix(".json")  # each file is whole
    res = brief("summarize", str(long_corpus), "--json", "--output-dir", str(out), "--resume")
    assert res.returncode == 0, res.stderr
    assert f"{len(partial)} skipped" in res.stderr
    assert tree(out) == tree(long_reference)


def test_progress_shows_on_a_terminal_only(tmp_path):
    import pty

    src = make_articles(tmp_path / "in", 40)
    (src / "bad.txt").write_bytes(b"\x00")
    cmd = brief_cmd() + ["summarize", str(src), "--output-dir", str(tmp_path / "out"), "-j", "2"]
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = b""
    while chunk := _read_pty(master):
        seen += chunk
    assert proc.wait(timeout=60) == 1
    shown = seen.decode("utf-8", "replace")
    assert "briefing" in shown and "41/41" in shown and "1 failed" in shown
    assert "brief: 40 briefed, 1 failed, 0 skipped" in shown
    piped = brief("summarize", str(src), "--output-dir", str(tmp_path / "out2"), "-j", "2")
    assert "briefing" not in piped.stderr and "\x1b" not in piped.stderr
    assert "brief: 40 briefed, 1 failed, 0 skipped" in piped.stderr


def _read_pty(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # the other end closed
        return b""


# ---------------------------------------------------------------- bad inputs

GOOD = ("Floods hit the valley on Monday. About 300 homes were damaged. "
        "Repairs will cost $2 million.")


def bad_inputs(folder: Path) -> dict[str, str]:
    """Files that must fail, each with a word its error message must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "b_binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (folder / "c_empty.txt").write_text(" \n\t\n")
    (folder / "d_undecodable.txt").write_bytes(b"caf\xc3 \x81\x8d\x8f\x90\x9d")
    (folder / "e_huge.txt").write_text(GOOD * 200)
    (folder / "f_gone.txt").symlink_to(folder / "nowhere.txt")  # listed, then unreadable
    (folder / "g_feed.jsonl").write_text(json.dumps({"id": "ok1", "text": GOOD}) + "\n"
                                         + "{not json\n" + json.dumps({"id": "notext"}) + "\n")
    return {"b_binary.txt": "binary", "c_empty.txt": "empty", "d_undecodable.txt": "not valid",
            "e_huge.txt": "too large", "f_gone.txt": "no such file",
            "g_feed.jsonl:2": "line 2", "notext": "text"}


def good_inputs(folder: Path) -> list[str]:
    """Encodings and line ends that must be briefed normally."""
    (folder / "h_cp1252.txt").write_bytes(("Café owners said prices rose by 5% on Monday. "
                                          "They blamed “energy costs”. " + GOOD).encode("cp1252"))
    (folder / "i_utf16.txt").write_bytes(("Utf sixteen text here. " + GOOD).encode("utf-16"))
    (folder / "j_bom.txt").write_bytes(b"\xef\xbb\xbf" + ("Byte order mark. " + GOOD).encode())
    (folder / "k_crlf.txt").write_bytes(("Title line\r\n\r\n" + GOOD).replace("\n", "\r\n")
                                        .encode())
    return ["h_cp1252.txt", "i_utf16.txt", "j_bom.txt", "k_crlf.txt"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_inputs_never_stop_the_batch(tmp_path, jobs):
    expected = bad_inputs(tmp_path / "in")
    good = good_inputs(tmp_path / "in")
    for i in range(20):  # enough work for the pool to start with -j 2
        (tmp_path / "in" / f"z{i:02}.txt").write_text(GOOD)
    res = invoke("summarize", str(tmp_path / "in"), "-f", "jsonl", "-j", jobs,
                 "--max-bytes", "5000")
    assert res.exit_code == 1
    records = {r["id"]: r for r in map(json.loads, res.stdout.splitlines())}
    errors = {k: r["error"] for k, r in records.items() if "error" in r}
    assert set(errors) == set(expected)
    for key, word in expected.items():
        assert word in errors[key], (key, errors[key])
        assert set(records[key]) == {"id", "source", "error"}
    error_lines = [line for line in res.stderr.splitlines() if "error:" in line]
    assert len(error_lines) == len(expected)
    for name in good + ["ok1", "z00.txt"]:
        assert records[name]["summary"], name
    assert "Café" in records["h_cp1252.txt"]["summary"][0]["text"]
    assert "\r" not in json.dumps(records["k_crlf.txt"]) and records["k_crlf.txt"]["title"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_one_error(tmp_path):
    (tmp_path / "locked.txt").write_text(GOOD)
    (tmp_path / "locked.txt").chmod(0)
    (tmp_path / "open.txt").write_text(GOOD)
    res = invoke("summarize", str(tmp_path), "-f", "jsonl")
    assert res.exit_code == 1 and "permission denied" in res.stderr.lower()


def test_an_oversized_jsonl_line_is_refused_with_its_number(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "big", "text": GOOD * 100}) + "\n"
                    + json.dumps({"id": "small", "text": GOOD}) + "\n")
    res = invoke("summarize", str(feed), "-f", "jsonl", "--max-bytes", "2000")
    recs = [json.loads(x) for x in res.stdout.splitlines()]
    assert res.exit_code == 1 and "line 1" in recs[0]["error"] and recs[1]["id"] == "small"


def test_count_tasks_matches_what_is_briefed(tmp_path):
    src = make_articles(tmp_path, 5)
    (src / "feed.jsonl").write_text("{}\n\n{}\n")
    (src / "notes.csv").write_text("x\n")
    found = list(batch.iter_tasks([str(src)], read_stdin=bytes, note=lambda m: None))
    assert batch.count_tasks([str(src)]) == len(found) == 7


def test_skipped_records_are_claimed_like_written_ones(tmp_path):
    sink = OutputDir(tmp_path, "json")
    path = str(output_path("x", tmp_path, "json"))
    assert isinstance(sink.store(Skipped("x", "s", path)), Skipped)
    assert isinstance(sink.store(Skipped("x", "s2", path)), Failure)
