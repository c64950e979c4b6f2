"""The documentation promises things the code must keep.

Every shell block of the docs runs here, as pasted and in order, page by page (the
model is sqlite-utils' and cog's docs tests):

- a ```sh block is a list of `factdb …` commands; each must succeed;
- a ```console block shows `$ factdb …` commands, each followed by what it prints
  (stdout and stderr as a terminal shows them); the output must match, and a command
  whose output begins with `error:` must fail;
- `<!-- docs-test: norun REASON -->` right before a block says it cannot run here (it
  starts a server, installs, runs the tests); NORUN counts them per page, so that no
  block escapes the test by accident;
- a ```python block runs too; an `<!-- docs-test: output -->` block right after it
  is what it must print;
- `<!-- docs-test: data DIR/FILE … -->` names files of ../shared/data the block reads
  (linked into the page's directory under their own names); without them the rest of
  the page is skipped, with the reason.

`DOCS_UPDATE=1 pytest tests/test_docs.py` writes each console block's actual output
into the page instead of comparing it (review the diff before committing).

Each page runs in-process (typer's CliRunner) in a directory of its own where
`fixtures/` and `tests/data/` are the repository's, so `--db demo.sqlite` and the seed article work.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from factdb.cli import app
from tests.helpers import ROOT, SHARED

DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]

# Blocks marked `norun`, per page: a new one must be counted here on purpose.
NORUN = {
    "README.md": 2,
    "index.md": 2,
    "importing.md": 1,
    "server.md": 4,
    "performance.md": 1,
    "development.md": 3,
}

BLOCK = re.compile(
    r"(?P<marks>(?:^[ \t]*<!-- docs-test: [^\n]*-->\n)*)"
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.M | re.S,
)
MARK = re.compile(r"<!-- docs-test: (\w+)\s*(.*?)\s*-->")
# What may differ between the docs and a run: the time a change was made (to the second,
# in ISO 8601, or to the minute in history sentences), the day a report was generated.
NORMALISE = [
    (re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC"), "<time> UTC"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00"), "<timestamp>"),
    (re.compile(r"generated \d{4}-\d\d-\d\d"), "generated <day>"),
    (re.compile(r", \d{4}-\d\d-\d\d\s+\d\d:\d\d\b"), ", <minute>"),
]


@dataclass
class Block:
    page: str
    line: int
    lang: str
    body: str
    marks: dict[str, str] = field(default_factory=dict)
    indent: str = ""
    span: tuple[int, int] = (0, 0)


def blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    found = []
    for match in BLOCK.finditer(text):
        indent = match["indent"]
        body = "".join(
            line.removeprefix(indent) for line in match["body"].splitlines(keepends=True)
        )
        marks = dict(MARK.findall(match["marks"]))
        line = text.count("\n", 0, match.start("indent")) + 1
        span = match.span("body")
        found.append(Block(path.name, line, match["lang"], body, marks, indent, span))
    return found


def logical_lines(body: str) -> list[str]:
    """Lines with their `\\` continuations joined."""
    out: list[str] = []
    pending = ""
    for line in body.splitlines():
        if line.endswith("\\"):
            pending += line[:-1].rstrip() + " "
            continue
        out.append(pending + line.lstrip() if pending else line)
        pending = ""
    return out


def console_steps(body: str) -> list[tuple[str, list[str], list[str]]]:
    """(command, its lines as written, expected output lines) for each `$ ` prompt."""
    steps = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        assert lines[i].startswith("$ "), f"output before any `$ ` prompt: {lines[i]!r}"
        start = i
        command = lines[i][2:]
        while command.endswith("\\"):
            i += 1
            command = command[:-1].rstrip() + " " + lines[i].strip()
        i += 1
        written = lines[start:i]
        expected = []
        while i < len(lines) and not lines[i].startswith("$ "):
            expected.append(lines[i])
            i += 1
        steps.append((command, written, expected))
    return steps


def normalise(text: str) -> str:
    for pattern, replacement in NORMALISE:
        text = pattern.sub(replacement, text)
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


class Page:
    def __init__(self, name: str) -> None:
        self.name = name
        self.runner = CliRunner()
        self.commands = 0
        # With DOCS_UPDATE=1, console blocks get the output of this run (cog -r style).
        self.update = os.environ.get("DOCS_UPDATE") == "1"
        self.rewrites: list[tuple[tuple[int, int], str]] = []

    def run(self, block: Block, command: str):
        args = shlex.split(command, comments=True)
        where = f"{block.page}:{block.line}: {command}"
        assert args[0] == "factdb", (
            f"{where}: only factdb commands run here; mark the block "
            "`<!-- docs-test: norun REASON -->` and count it in NORUN"
        )
        self.commands += 1
        result = self.runner.invoke(app, args[1:])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{where}: raised {result.exception!r}\n{result.output}"
        )
        return result, where

    def run_sh(self, block: Block) -> None:
        for line in logical_lines(block.body):
            if line.strip() and not line.lstrip().startswith("#"):
                result, where = self.run(block, line)
                assert result.exit_code == 0, f"{where}: exit {result.exit_code}\n{result.output}"

    def run_console(self, block: Block) -> None:
        body = []
        for command, written, expected in console_steps(block.body):
            result, where = self.run(block, command)
            want = normalise("\n".join(expected))
            got = normalise(result.output)
            # An output that matches stays as written (its timestamps too).
            shown = expected if got == want else result.output.rstrip("\n").splitlines()
            body += [*written, *shown]
            if not self.update:
                assert got == want, f"{where}: output differs:\n{got}"
            failed = got.startswith("error:")
            assert (result.exit_code != 0) == failed, f"{where}: exit {result.exit_code}"
        self.rewrites.append((block.span, "".join(f"{block.indent}{line}\n" for line in body)))

    def write_outputs(self, path: Path) -> None:
        """DOCS_UPDATE=1: put this run's outputs into the page's console blocks."""
        text = path.read_text(encoding="utf-8")
        for (start, end), body in reversed(self.rewrites):
            text = text[:start] + body + text[end:]
        path.write_text(text, encoding="utf-8")

    def run_python(self, block: Block, expected: Block | None) -> None:
        """Run a ```python block; an `output` block right after it is what it prints."""
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(block.body, f"{block.page}:{block.line}", "exec"), {})
        self.commands += 1
        if expected is not None:
            assert normalise(out.getvalue()) == normalise(expected.body), (
                f"{block.page}:{block.line}: output differs:\n{out.getvalue()}"
            )


def link_shared_data(block: Block, here: Path) -> str | None:
    """Link the block's data files into the page's directory; the reason if one is missing."""
    for name in block.marks["data"].split():
        source = SHARED / "data" / name
        if not source.exists():
            return f"{block.page}:{block.line} needs {source}"
        (here / source.name).symlink_to(source)
    return None


@pytest.fixture
def page_dir(tmp_path, monkeypatch) -> Path:
    """A directory of its own per page, where `fixtures/` and `tests/data/` are the
    repository's (the docs' commands run from a clone's top directory)."""
    here = tmp_path / "work"
    (here / "tests").mkdir(parents=True)
    (here / "fixtures").symlink_to(ROOT / "fixtures")
    (here / "tests" / "data").symlink_to(ROOT / "tests" / "data")
    monkeypatch.chdir(here)
    monkeypatch.setenv("FACTDB_USER", "ana")
    monkeypatch.setenv("COLUMNS", "80")
    return here


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_command_block_runs_as_pasted(path: Path, page_dir: Path) -> None:
    page = Page(path.name)
    skipped = 0
    found = blocks(path)
    for block, after in zip(found, [*found[1:], None], strict=True):
        if block.lang not in ("sh", "console", "python"):
            # A synopsis (```text) may start with `factdb`, never with a prompt.
            command = r"^\$ factdb " if block.lang == "text" else r"^(\$ )?factdb "
            assert not re.search(command, block.body, re.M), (
                f"{path.name}:{block.line}: factdb commands in a ```{block.lang} block: "
                "use ```sh or ```console so that the test runs them"
            )
            continue
        if "norun" in block.marks:
            assert block.marks["norun"], f"{path.name}:{block.line}: say why it cannot run"
            skipped += 1
            continue
        if "data" in block.marks and (missing := link_shared_data(block, page_dir)):
            pytest.skip(missing)
        if block.lang == "python":
            page.run_python(block, after if after and "output" in after.marks else None)
        elif block.lang == "sh":
            page.run_sh(block)
        else:
            page.run_console(block)
    if page.update:
        page.write_outputs(path)
    assert skipped == NORUN.get(path.name, 0), f"{path.name}: {skipped} blocks marked norun"


def test_a_block_whose_output_or_exit_differs_fails(page_dir: Path) -> None:
    page = Page("self-test.md")
    page.update = False
    init = "$ factdb --db demo.sqlite init\ncreated factdb database at sqlite:///demo.sqlite"
    with pytest.raises(AssertionError, match="output differs"):
        page.run_console(Block("self-test.md", 1, "console", f"{init} (schema 0002)\n"))
    with pytest.raises(AssertionError, match="exit 4"):
        page.run_sh(Block("self-test.md", 1, "sh", "factdb claims list\n"))
    with pytest.raises(AssertionError, match="only factdb commands"):
        page.run_sh(Block("self-test.md", 1, "sh", "rm -f demo.sqlite\n"))


def test_a_block_without_its_shared_data_says_which_file(page_dir: Path) -> None:
    block = Block("self-test.md", 7, "console", "", {"data": "liar/no-such-file.tsv"})
    reason = link_shared_data(block, page_dir)
    assert reason == f"self-test.md:7 needs {SHARED / 'data' / 'liar' / 'no-such-file.tsv'}"


def test_every_page_is_in_the_nav() -> None:
    from ruamel.yaml import YAML

    config = YAML(typ="safe").load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = {next(iter(item.values())) for item in config["nav"]}
    pages = {p.name for p in DOCS.glob("*.md")}
    assert pages <= nav and nav - pages == {"cli.md"}
    assert config["hooks"] == ["docs/cli_reference.py"]


def test_the_api_page_names_everything_the_package_exports() -> None:
    import factdb

    page = (DOCS / "api.md").read_text(encoding="utf-8")
    assert [name for name in factdb.__all__ if f"`{name}" not in page] == []


def test_the_readme_links_to_files_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(((?!https?:)[^)#]+)", readme)
    assert links and [link for link in links if not (ROOT / link).exists()] == []


def walk(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, (*path, name))


def cli_reference():
    """docs/cli_reference.py, the mkdocs hook that writes the reference page."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("cli_reference", DOCS / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cli_reference_names_every_command_and_option() -> None:
    generator = cli_reference()
    reference = generator.reference()
    sections = dict(re.findall(r"^#{2,3} `([^`]+)`\n(.*?)(?=^#{2,3} `|\Z)", reference, re.M | re.S))
    root = typer.main.get_command(app)
    for path, command in walk(root):
        name = " ".join(("factdb", *path))
        assert name in sections, f"{name} is missing from the CLI reference"
        text = sections[name]
        assert command.help.strip() in text
        for param in command.params:
            names = [*param.opts, *param.secondary_opts]
            if param.param_type_name == "argument":
                names = [param.metavar or param.name]
            for opt in names:
                assert opt in text, f"{name}: {opt} is missing from the CLI reference"
            if param.help:
                assert generator.escape(param.help) in text, f"{name}: {param.help}"


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


def test_readme_is_short() -> None:
    assert len((ROOT / "README.md").read_bytes()) <= 8192


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_ci_builds_the_docs_strictly():
    assert "mkdocs build --strict" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_demo_command_uses_the_seed_fixtures():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    demo = next(b for b in re.findall(r"```sh\n(.*?)\n```", readme, re.S) if "report" in b)
    assert "fixtures/seed-pyongyang-moscou.yaml" in demo and "init" in demo
