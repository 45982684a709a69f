"""--jobs N gives exactly the output of one job, in input order; findings survive pickling; the
progress line goes to standard error only.
"""
from __future__ import annotations

import io
import json
import pickle
import shutil

import pytest

from conftest import MINI_ARGS, SEED
from tqcheck.parallel import Progress, jobs_count


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Files of every kind, some with findings, one unreadable, in nested folders."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "b").mkdir()
    (root / "a").mkdir()
    shutil.copy(SEED, root / "a" / "seed.txt")
    for i in range(6):
        (root / "b" / f"{i:02d}.txt").write_text(
            f"Story {i}. Vladimir Poutine arrived in Kiev on on day {i}.\n" * (i + 1), encoding="utf-8")
    (root / "b" / "page.html").write_text("<p>Vladimir Poutine in <b>Kiev</b>.</p>\n", encoding="utf-8")
    (root / "b" / "post.md").write_text("# Kiev\n\nThe the minister met Shoigou.\n", encoding="utf-8")
    (root / "b" / "batch.jsonl").write_text(
        '{"id": "1", "target": "Kiev again."}\nnot json\n{"id": "2", "target": "Clean text in Kyiv."}\n',
        encoding="utf-8")
    (root / "b" / "refs.jsonl").write_text(  # references: corpus scores over every file
        '{"id": "r1", "target": "Vladimir Putin met the press in Kyiv.", "reference": "Vladimir Putin met reporters in Kyiv."}\n'
        '{"id": "r2", "target": "The minister spoke on Monday.", "reference": "The minister spoke Monday."}\n',
        encoding="utf-8")
    (root / "b" / "latin1.txt").write_bytes(b"caf\xe9 in Kiev\n")
    (root / "b" / "empty.txt").write_bytes(b"")
    return root


def run(cli, cwd, *args):
    return cli("check", "--isolated", "--src", "fr", "--tgt", "en", *MINI_ARGS, *args, cwd=cwd)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_give_the_same_output_in_the_same_order(cli, corpus, fmt):
    args = ("-f", fmt, "--no-progress", "b", "a", "missing.txt", "b/00.txt")
    one = run(cli, corpus, "--jobs", "1", *args)
    two = run(cli, corpus, "--jobs", "2", *args)
    auto = run(cli, corpus, "-j", "0", *args)
    assert one.code == two.code == auto.code == 2  # unreadable inputs
    assert one.stdout == two.stdout == auto.stdout
    assert one.stderr == two.stderr == auto.stderr
    if fmt == "json":
        paths = [d["path"] for d in json.loads(one.stdout)["documents"]]
        # b/00.txt is named twice (in b and alone): it is read once, where it first appears
        assert paths[0] == "b/00.txt" and paths[-1] == "a/seed.txt" and paths.count("b/00.txt") == 1
        assert len(json.loads(one.stdout)["findings"]) > 20
        assert json.loads(one.stdout)["summary"]["scores"]["segments"] == 2


def test_jobs_with_a_baseline_and_outputs(cli, corpus, tmp_path):
    base = tmp_path / "base.json"
    assert run(cli, corpus, "--jobs", "2", "b/00.txt", "b/01.txt").code == 1
    cli("baseline", "--isolated", "--src", "fr", "--tgt", "en", *MINI_ARGS, "-j", "2", "b/00.txt", "-o", str(base), cwd=corpus)
    one = run(cli, corpus, "--baseline", str(base), "-o", f"json={tmp_path / 'one.json'}", "b/00.txt", "b/01.txt")
    two = run(cli, corpus, "--baseline", str(base), "-j", "2", "-o", f"json={tmp_path / 'two.json'}", "b/00.txt", "b/01.txt")
    assert one.stdout == two.stdout and "3 finding(s) not shown" in one.stdout
    assert (tmp_path / "one.json").read_text() == (tmp_path / "two.json").read_text()


def test_negative_jobs_is_a_usage_error(cli, corpus):
    result = run(cli, corpus, "--jobs", "-1", "b/00.txt")
    assert result.code == 2 and "--jobs" in result.stderr and "Traceback" not in result.stderr


def test_jobs_count():
    assert jobs_count(3) == 3 and jobs_count(0) >= 1


def test_results_survive_pickling(make_checker):
    from tqcheck.document import Document

    result = make_checker("fr", "en").check_document(Document("Vladimir Poutine in Kiev on on Monday."))
    assert len(result.findings) == 3
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(result.findings[0])) == result.findings[0]


# -- progress -----------------------------------------------------------------------------------

def test_forced_progress_goes_to_stderr_only(cli, corpus):
    quiet = run(cli, corpus, "--no-progress", "b")
    loud = run(cli, corpus, "--progress", "b")
    assert loud.stdout == quiet.stdout
    lines = [line for line in loud.stderr.splitlines() if line.startswith("[")]
    assert lines[0].startswith("[1/12] ") and lines[-1].startswith("[12/12] ")
    assert not any(line.startswith("[") for line in quiet.stderr.splitlines())


def test_no_progress_when_stderr_is_not_a_terminal(cli, corpus):
    result = run(cli, corpus, "-j", "2", "b")
    assert not any(line.startswith("[") for line in result.stderr.splitlines())


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_terminal_rewrites_one_line_and_clears_it():
    stream = FakeTerminal()
    bar = Progress(3, None, stream)
    bar.started -= 10  # a long run
    for name in ("a.txt", "b.txt", "c.txt"):
        bar.update(name)
    bar.close()
    out = stream.getvalue()
    assert "\n" not in out and out.count("\r[") == 3 and "[3/3] c.txt" in out
    assert out.endswith("\r")


def test_progress_is_silent_for_short_runs_and_single_files():
    stream = FakeTerminal()
    bar = Progress(3, None, stream)
    bar.update("a.txt")  # under half a second
    bar.close()
    single = Progress(1, None, stream)
    single.started -= 10
    single.update("a.txt")
    assert stream.getvalue() == ""
