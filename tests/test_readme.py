"""The README stays true to the command line: every command and every option is documented."""
from __future__ import annotations

import re

import typer.main

from conftest import ROOT
from tqcheck.cli import app


def commands(command, path=()):
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            yield from commands(sub, path + (name,))
    else:
        yield " ".join(path), command


def test_every_command_and_option_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = list(commands(typer.main.get_command(app)))
    assert len(found) >= 8  # check, baseline, rules, glossary validate/import, cache warm/info/clear
    missing = []
    for name, command in found:
        if f"tqcheck {name}" not in readme:
            missing.append(f"tqcheck {name}")
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("-") and opt != "--help" and not re.search(re.escape(opt) + r"(?![\w-])", readme):
                    missing.append(f"tqcheck {name} {opt}")
    assert not missing, f"not in README.md: {missing}"
