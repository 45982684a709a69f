"""The pre-commit hooks (.pre-commit-hooks.yaml): well-formed, the entry is our console script, the
file filter takes exactly the formats we read; and, when pre-commit can be installed (it needs the
network), `pre-commit try-repo` really runs the hook on a temporary git repository.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml

from conftest import MINI_ARGS, ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
CHECKED = ["a.txt", "notes/b.md", "c.markdown", "d.html", "e.htm", "f.jsonl", "g.ndjson", "UPPER.TXT.md"]
NOT_CHECKED = ["setup.py", "a.yaml", "a.json", "a.txt.bak", "a.xlf", "a.tmx", "a.tsv", "Makefile", "a.mdx"]


@pytest.fixture(scope="module")
def hooks() -> dict:
    data = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data
    return {hook["id"]: hook for hook in data}


def test_hooks_are_well_formed(hooks):
    assert set(hooks) == {"tqcheck", "tqcheck-fix"}
    for hook in hooks.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"
        assert set(hook["types_or"]) == {"markdown", "html", "text"}
    assert hooks["tqcheck"]["entry"] == "tqcheck check"
    assert hooks["tqcheck-fix"]["entry"] == "tqcheck check --fix"


def test_entry_resolves_to_our_console_script(hooks):
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    installed = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    for hook in hooks.values():
        program, command = hook["entry"].split()[:2]
        assert scripts[program] == "tqcheck.cli:run"
        assert installed.get(program) == "tqcheck.cli:run"  # the installed package declares it
        assert command == "check"
    script = Path(sys.executable).parent / "tqcheck"
    assert script.exists() or shutil.which("tqcheck"), "console script not installed next to python"


@pytest.mark.parametrize("name", CHECKED)
def test_files_regex_takes_our_formats(hooks, name):
    for hook in hooks.values():
        assert re.search(hook["files"], name), (hook["id"], name)  # pre-commit uses re.search


@pytest.mark.parametrize("name", NOT_CHECKED)
def test_files_regex_leaves_other_files(hooks, name):
    for hook in hooks.values():
        assert not re.search(hook["files"], name), (hook["id"], name)


def test_the_hook_command_as_pre_commit_runs_it(cli, tmp_path, hooks):
    """pre-commit runs `entry args filenames…`; the --fix hook leaves fixed files behind."""
    (tmp_path / "a.txt").write_text("Vladimir Poutine in Kiev.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Vladimir Putin in Kyiv.\n", encoding="utf-8")
    args = ["--src", "fr", "--tgt", "en", *MINI_ARGS]
    check = hooks["tqcheck"]["entry"].split()[1:]
    assert cli(*check, *args, "a.txt", "b.md", cwd=tmp_path).code == 1
    assert cli(*check, *args, "b.md", cwd=tmp_path).code == 0
    fix = hooks["tqcheck-fix"]["entry"].split()[1:]
    assert cli(*fix, *args, "a.txt", "b.md", cwd=tmp_path).code == 0
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "Vladimir Putin in Kyiv.\n"


# -- the real thing -------------------------------------------------------------------------------

def _git(*args, cwd):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def _pre_commit(tmp_path: Path) -> list[str]:
    found = shutil.which("pre-commit")
    if found:
        return [found]
    env_dir = tmp_path / "pre-commit-venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    proc = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "pre-commit"],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        pytest.skip(f"pre-commit is not installable here (no network?): {proc.stderr.strip()[-300:]}")
    return [str(python), "-m", "pre_commit"]


@pytest.mark.slow
def test_pre_commit_try_repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pre_commit = _pre_commit(tmp_path)
    # A committed snapshot of this working tree (try-repo leaves untracked files out).
    repo = tmp_path / "tqcheck-repo"
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    _git("init", "-q", ".", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "snapshot", cwd=repo)
    project = tmp_path / "project"
    project.mkdir()
    (project / "tqcheck.toml").write_text('src = "fr"\ntgt = "en"\n', encoding="utf-8")
    (project / "bad.txt").write_text("Vladimir Poutine arrived in Kiev on Monday.\n", encoding="utf-8")
    (project / "good.md").write_text("Vladimir Putin arrived in Kyiv on Monday.\n", encoding="utf-8")
    (project / "script.py").write_text("print('Kiev')\n", encoding="utf-8")
    _git("init", "-q", ".", cwd=project)
    _git("add", "-A", cwd=project)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))

    def try_repo(*files):
        return subprocess.run([*pre_commit, "try-repo", str(repo), "tqcheck", "--verbose", "--files", *files],
                              cwd=project, capture_output=True, text=True, env=env, timeout=1200)

    good = try_repo("good.md", "script.py")
    if "Installing environment" in good.stdout and good.returncode != 0 and "hook id: tqcheck" not in good.stdout:
        pytest.skip(f"the hook environment could not be installed (no network?): {good.stdout.strip()[-400:]}")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = try_repo("bad.txt", "good.md", "script.py")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "bad.txt:1:1: major source-form" in bad.stdout and "bad.txt:1:29: major deprecated-form" in bad.stdout
    assert "script.py" not in bad.stdout


# -- the GitHub Actions example ---------------------------------------------------------------------

def test_example_workflow_command_runs(cli, tmp_path):
    """The command in .github/workflows/example-tqcheck.yml works as written (on a small tree)."""
    import shlex

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "example-tqcheck.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["tqcheck"]["steps"]
    step = next(s for s in steps if s.get("id") == "tqcheck")
    argv = shlex.split(step["run"])
    assert argv[:2] == ["tqcheck", "check"]
    uploads = [s for s in steps if "upload-sarif" in s.get("uses", "")]
    assert uploads and uploads[0]["with"]["sarif_file"] in step["run"]
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.md").write_text("Vladimir Poutine in Kiev.\n", encoding="utf-8")
    assert cli("baseline", "--src", "fr", "--tgt", "en", *MINI_ARGS, "articles", cwd=tmp_path).code == 0
    (articles / "b.md").write_text("Vladimir Poutine in Odessa.\n", encoding="utf-8")
    result = cli(*argv[1:], *MINI_ARGS, "--isolated", cwd=tmp_path)
    assert result.code == 1, result.stderr
    assert result.stdout.count("::error ") == 2 or result.stdout.count("::") >= 2, result.stdout
    assert (tmp_path / "tqcheck.sarif").is_file() and (tmp_path / "report.html").is_file()
    assert "Kiev" not in result.stdout  # baselined
