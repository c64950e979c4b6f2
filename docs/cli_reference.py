"""The CLI reference page, written from the Typer app at every docs build, never by hand.

mkdocs loads this file as a hook (mkdocs.yml): ``on_files`` adds ``cli.md`` to the site,
generated from ``typer.main.get_command(factdb.cli.app)``, so the reference cannot fall
behind the commands. tests/test_docs.py checks that it names every command and option.
"""

from __future__ import annotations

from collections.abc import Iterator

import typer

PAGE = "cli.md"

INTRO = """\
# CLI reference

Every command and option of `factdb`, with its help and defaults. This page is written
from the command line's own definitions each time the site is built, so it always
matches the installed version; `factdb COMMAND --help` prints the same.
The [user guide](guide.md) shows the commands at work.
"""


def walk(command, ctx: typer.Context, path: tuple[str, ...] = ()) -> Iterator[tuple]:
    """Yield (path, command, context) for the app and every command under it, in order."""
    yield path, command, ctx
    group = getattr(command, "commands", None)
    if group is None:
        return
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is None or sub.hidden:
            continue
        yield from walk(sub, typer.Context(sub, info_name=name, parent=ctx), (*path, name))


def root_context() -> tuple[object, typer.Context]:
    from factdb.cli import app

    root = typer.main.get_command(app)
    return root, typer.Context(root, info_name="factdb")


def section(path: tuple[str, ...], command, ctx: typer.Context) -> str:
    """One command's Markdown: heading, help, usage, arguments, options, subcommands."""
    name = " ".join(("factdb", *path))
    level = "#" * (2 if len(path) < 2 else 3)
    out = [f"{level} `{name}`", ""]
    if command.help:
        out += [command.help.strip(), ""]
    out += ["```text", f"Usage: {name} {' '.join(command.collect_usage_pieces(ctx))}", "```", ""]
    records = [(p.param_type_name, p.get_help_record(ctx)) for p in command.get_params(ctx)]
    for kind, title in (("argument", "Arguments"), ("option", "Options")):
        items = [record for param_kind, record in records if param_kind == kind and record]
        if items:
            out += [f"**{title}**", ""]
            out += [f"- `{opts}`" + (f": {escape(text)}" if text else "") for opts, text in items]
            out.append("")
    subcommands = getattr(command, "commands", None)
    if subcommands:
        out += ["**Commands**", ""]
        for sub_name in command.list_commands(ctx):
            sub = command.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                anchor = "-".join(("factdb", *path, sub_name))
                help_text = escape(sub.get_short_help_str(limit=200))
                out.append(f"- [`{sub_name}`](#{anchor}): {help_text}")
        out.append("")
    return "\n".join(out)


def escape(text: str) -> str:
    """Help text is plain text: keep Markdown from reading it as markup."""
    return text.replace("\\", "\\\\").replace("<", "&lt;").replace("*", "\\*").replace("_", "\\_")


def reference() -> str:
    """The whole reference page as Markdown."""
    root, ctx = root_context()
    return "\n".join([INTRO, *(section(p, c, x) for p, c, x in walk(root, ctx))])


def on_files(files, config):
    """mkdocs hook: add the generated reference to the site's files."""
    from mkdocs.structure.files import File

    files.append(File.generated(config, PAGE, content=reference()))
    return files
