"""The documentation promises things the code must keep."""

from __future__ import annotations

import re

import typer

from factdb.cli import app
from tests.helpers import ROOT


def walk(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, (*path, name))


def test_every_command_has_help():
    root = typer.main.get_command(app)
    missing = [" ".join(p) for p, c in walk(root) if p and not (c.help or "").strip()]
    assert missing == []


def test_every_read_command_offers_the_three_formats():
    root = typer.main.get_command(app)
    for path, command in walk(root):
        if path and path[-1] in ("list", "show", "history"):
            formats = [p for p in command.params if p.name == "format"]
            assert formats, f"{' '.join(path)} has no --format"
            choices = {m.value for m in formats[0].type_descriptor.annotation}
            assert choices == {"table", "json", "csv"}


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_demo_command_uses_the_seed_fixtures():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    demo = next(b for b in re.findall(r"```sh\n(.*?)\n```", readme, re.S) if "report" in b)
    assert "fixtures/seed-pyongyang-moscou.yaml" in demo and "init" in demo
