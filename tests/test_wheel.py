"""The wheel as a user gets it: built from a copy of the source tree, installed into a fresh venv,
run from another directory on a copy of the seed with the shipped glossaries only.

The fresh venv gets tqcheck from the wheel alone (`--no-index --find-links`) and its dependencies
from this test environment (a .pth file naming our site-packages), so the test needs no network
beyond what `pip wheel` needs for the build backend. Slow (~30 s): `pytest -m "not slow"` skips it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEED

pytestmark = pytest.mark.slow

SKIP_DIRS = {".git", "build", "dist", "__pycache__", ".pytest_cache", ".venv", "venv", "tmp"}


def _run(command, cwd, env=None, timeout=300):
    proc = subprocess.run([str(c) for c in command], cwd=str(cwd), capture_output=True, text=True, env=env, timeout=timeout)
    assert proc.returncode == 0, f"{command}\n{proc.stdout}\n{proc.stderr}"
    return proc


def _copy_source(dest: Path) -> None:
    def ignore(folder, names):
        return {n for n in names if n in SKIP_DIRS or n.endswith(".egg-info")}

    shutil.copytree(ROOT, dest, ignore=ignore)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("wheel")
    source, dist, venv = base / "src", base / "dist", base / "venv"
    _copy_source(source)
    _run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--quiet", "-w", dist], cwd=source)
    [wheel] = sorted(dist.glob("tqcheck-*.whl"))
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=base)
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index",
          "--find-links", dist, "tqcheck"], cwd=base)
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=base).stdout.strip())
    (site / "_tqcheck_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return {"base": base, "wheel": wheel, "venv": venv, "python": python, "env": env}


def test_wheel_carries_the_shipped_glossaries(installed):
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    shipped = sorted(p.name for p in (ROOT / "glossaries").glob("*.yaml"))
    assert shipped, "no glossaries/*.yaml in the source tree"
    assert sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("tqcheck/glossaries/") and n.endswith(".yaml")) == shipped
    assert any(n.startswith("tqcheck/checks/") for n in names)
    assert not any(n.startswith(("tests/", "seeds/")) for n in names)


def test_installed_package_comes_from_the_wheel(installed):
    where = _run([installed["python"], "-c", "import tqcheck, sys; print(tqcheck.__file__)"],
                 cwd=installed["base"], env=installed["env"]).stdout.strip()
    assert Path(where).resolve().is_relative_to(installed["venv"].resolve()), where


def test_installed_tqcheck_checks_the_seed_from_another_directory(installed, cache_dir):
    elsewhere = installed["base"] / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SEED, elsewhere / "article.txt")
    tqcheck = installed["venv"] / "bin" / "tqcheck"
    proc = subprocess.run(
        [str(tqcheck), "check", "--src", "fr", "--tgt", "en", "--format", "json", "article.txt"],
        cwd=str(elsewhere), capture_output=True, text=True, env=dict(installed["env"], TQCHECK_CACHE_DIR=str(cache_dir)),
        timeout=300,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    import json

    findings = json.loads(proc.stdout)["findings"]
    poutine = [f for f in findings if f["text"] == "Vladimir Poutine"]
    assert [(f["rule"], f["line"], f["suggestions"]) for f in poutine] == [("source-form", 41, ["Vladimir Putin"])]
    validate = subprocess.run([str(tqcheck), "glossary", "validate"], cwd=str(elsewhere), capture_output=True, text=True,
                              env=installed["env"], timeout=300)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert f"{len(list((ROOT / 'glossaries').glob('*.yaml')))} file(s)" in validate.stdout
