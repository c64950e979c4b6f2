"""How the ``factdb`` command reports a failure: one line beginning ``error:``.

Typer prints a usage error as a block (the usage, a hint, then the error) and lets
an exception raised while reading the arguments end in a traceback. ``LedgerGroup``
runs the command line without Typer's standalone handling and reports both itself:
a usage error as one line with the command's usage (exit 2, as before), a factdb
error as one line with its exit code. Typer ≥0.26 vendors Click privately and
exports only ``BadParameter``, hence the import from ``typer._click`` where needed.
"""

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from factdb.errors import FactDBError

# Pydantic's error types (Typer converts values with it), said in the ledger's terms.
_PYDANTIC_WORDS = {
    "int_parsing": "is not a whole number",
    "int_from_float": "is not a whole number",
    "int_type": "is not a whole number",
    "float_parsing": "is not a number",
    "float_type": "is not a number",
    "finite_number": "is not a finite number",
    "bool_parsing": "is not yes or no",
    "string_type": "is not text",
}


def one_line(text: str) -> str:
    """``text`` with its line breaks folded: a message is always one line."""
    return " ".join(text.split("\n")).replace("\r", " ")


def _reason(error: Exception) -> str:
    """What was wrong with the value, without Pydantic's wording."""
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors) and (details := errors()):
        first = details[0]
        if words := _PYDANTIC_WORDS.get(first.get("type", "")):
            return f"{first.get('input')!r} {words}"
        if first.get("type") == "value_error":
            return str(first.get("msg", "")).removeprefix("Value error, ")
        return f"{first.get('input')!r} is not a valid value"
    return str(getattr(error, "message", error)).removeprefix("Value error, ")


def _message(error: Exception) -> str:
    from typer._click.exceptions import BadParameter, MissingParameter

    if isinstance(error, BadParameter) and not isinstance(error, MissingParameter):
        param = getattr(error, "param", None)
        hint = error.param_hint or (param.get_error_hint() if param is not None else None)
        if not isinstance(hint, str) and hint is not None:
            hint = " / ".join(hint)
        where = f" for {hint.replace(chr(39), '')}" if hint else ""
        return f"invalid value{where}: {_reason(error).rstrip('.')}"
    text = error.format_message().rstrip(".")  # type: ignore[attr-defined]
    return text[:1].lower() + text[1:]


def usage_error_line(error: Exception) -> str:
    """``error: WHAT (usage: factdb … ; see factdb … --help)``, on one line."""
    line = f"error: {_message(error)}"
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        usage = ctx.get_usage().removeprefix("Usage: ").replace("{", "").replace("}", "")
        line += f" (usage: {usage}; see {ctx.command_path} --help)"
    return one_line(line)


class LedgerGroup(TyperGroup):
    """The root command group: runs the command line and reports what stops it."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        given = (args, prog_name, complete_var)
        if not standalone_mode:
            return super().main(*given, standalone_mode, windows_expand_args, **extra)
        from typer._click.exceptions import NoArgsIsHelpError, UsageError

        try:
            code = super().main(*given, False, windows_expand_args, **extra)
        except NoArgsIsHelpError as error:
            error.show()
            code = error.exit_code
        except UsageError as error:
            typer.echo(usage_error_line(error), err=True)
            code = error.exit_code
        except typer.TyperException as error:
            typer.echo(one_line(f"error: {_message(error)}"), err=True)
            code = error.exit_code
        except typer.Abort:
            typer.echo("error: aborted: nothing was changed", err=True)
            code = 1
        except FactDBError as error:
            # Raised while reading the arguments (an id no ledger can hold, say).
            typer.echo(one_line(f"error: {error}"), err=True)
            code = error.exit_code
        sys.exit(code if isinstance(code, int) else 0)
