"""A claim's history as sentences: "v2 status: logged → in_review, by ana,
2026-11-25 10:02: reason …".

The history keeps each change's old and new values as JSON (``--format json`` shows
them as stored); on a terminal each entry reads as one sentence, wrapped between
words to the terminal's width.
"""

import datetime as dt
import textwrap
from typing import Any

import typer

from factdb.cli.output import terminal_width


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "none"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} {_value(v)}" for k, v in value.items()) + "}"
    text = str(value)
    return f"“{text}”" if " " in text else text


def _change(key: str, old: Any, new: Any) -> str:
    if isinstance(old, list) and isinstance(new, list):
        added = [v for v in new if v not in old]
        removed = [v for v in old if v not in new]
        parts = [f"+{_value(v)}" for v in added] + [f"−{_value(v)}" for v in removed]
        return f"{key}: {' '.join(parts) or 'reordered'}"
    return f"{key}: {_value(old)} → {_value(new)}"


def describe(row: dict) -> str:
    """What one history entry changed, in words."""
    action, old, new = row["action"], row["old"] or {}, row["new"] or {}
    words = action.replace("_", " ")
    if not old and isinstance(new, dict) and "status" in new:  # created, imported
        return f"{words} as {_value(new['status'])}"
    if action in ("repeat_linked", "repeat_unlinked"):
        link = new or old
        no_longer = "no longer: " if action == "repeat_unlinked" else ""
        return f"{no_longer}claim {link.get('repeat')} repeats claim {link.get('claim')}"
    if action == "evidence_added":
        where = new.get("url") or new.get("document")
        return f"evidence added: {new.get('stance')} {_value(where)}"
    if not old and isinstance(new, dict):  # something added: its values
        added = [f"{k} {_value(v)}" for k, v in new.items() if v not in (None, "", [])]
        return f"{words}: {', '.join(added)}"
    if not isinstance(old, dict) or not isinstance(new, dict):
        return f"{words}: {_value(old)} → {_value(new)}"
    keys = [*old, *(k for k in new if k not in old)]
    changes = [
        _change(k, old.get(k), new.get(k))
        for k in keys
        if old.get(k) != new.get(k) and (old.get(k) or new.get(k))
    ]
    prefix = "" if action in ("edited", "status") else f"{words}: "
    return prefix + ("; ".join(changes) or "no field changed")


def sentence(row: dict) -> str:
    at = dt.datetime.fromisoformat(row["at"]).strftime("%Y-%m-%d %H:%M")
    reason = f": {row['reason']}" if row["reason"] else ""
    return f"v{row['version']} {describe(row)}, by {row['actor']}, {at}{reason}"


def print_sentences(rows: list[dict]) -> None:
    width = terminal_width()
    for row in rows:
        typer.echo(
            textwrap.fill(
                sentence(row),
                width=width,
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
