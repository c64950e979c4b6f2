"""Tables at 80 columns: no word split across lines outside the free-text column.

Each table's column spans are read off its header line; every slice of a fixed
column, on every line, must be whole words of the data (they appear in the JSON or
CSV output with no letter on either side) or end with the ellipsis of a cut value.
"""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

TABLES = [
    (("claims", "list"), "text"),
    (("claims", "list", "--include-retracted"), "text"),
    (("sources", "list"), "title"),
    (("speakers", "list"), "aliases"),
    (("evidence", "list", "5"), "note"),
]


def whole_words(fragment: str, data: str) -> bool:
    for word in fragment.split():
        if word.endswith("…") or word == "—":
            continue
        if not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", data):
            return False
    return True


def spans(header: str) -> list[tuple[str, int, int]]:
    starts = [(m.group(), m.start()) for m in re.finditer(r"\S+", header)]
    ends = [start for _, start in starts[1:]] + [len(header) + 1000]
    return [(name, start, end) for (name, start), end in zip(starts, ends, strict=True)]


@pytest.fixture
def at_80(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.parametrize(("command", "free"), TABLES)
def test_no_word_split_at_80_columns(seeded, at_80, command, free):
    seeded("claims", "status", "1", "in_review", "--reason", "checking it now")
    table = seeded(*command)
    assert table.exit_code == 0, table.output
    data = seeded(*command, "--format", "json").stdout + seeded(*command, "--format", "csv").stdout
    lines = table.stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), table.stdout
    header_at = next(i for i, line in enumerate(lines) if line.startswith("id "))
    columns = spans(lines[header_at])
    assert free in [name for name, _, _ in columns]
    body = [line for line in lines[header_at + 2 :] if line.strip()]
    assert body
    for line in body:
        for name, start, end in columns:
            if name != free:
                fragment = line[start:end].strip()
                assert whole_words(fragment, data), f"{name}: {fragment!r} in {line!r}"


def test_wide_shows_every_column(seeded, at_80):
    narrow = seeded("claims", "list").stdout
    wide = seeded("claims", "list", "--wide").stdout
    assert "figures" not in narrow and "topics" not in narrow
    # Numbers as French writes them, with narrow no-break spaces (the claim's language).
    assert "figures" in wide and "25\u202f000..30\u202f000 soldiers" in wide
    assert max(cell_len(line) for line in wide.splitlines()) > 80


def test_history_reads_as_sentences(seeded, at_80):
    history = seeded("claims", "history", "5").stdout
    assert "v3 status: logged → in_review, by tester, " in history
    assert ": loaded from fixtures" in history
    assert "{" not in history.split("v4")[0]
    data = seeded("claims", "history", "5", "--format", "json").stdout
    for line in history.splitlines():
        assert cell_len(line) <= 80 or " " not in line.strip(), line
    words = " ".join(history.split())
    # The JSON keeps the values; the sentences only rename and join them.
    assert "mutual" in words and '"old"' in data


def test_empty_result_says_so_on_stderr(seeded):
    result = seeded("claims", "list", "--status", "false")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "no claims match\n"
    assert seeded("claims", "list", "--status", "false", "--format", "json").stdout == "[]\n"


FIELDS = {
    "claims": "id version status text translation claimant relay attribution modality type "
    "source figures dates topics rationale evidence reviews recheck repeats history",
    "sources": "id outlet title published lang kind url retrieved key claims",
    "speakers": "id name kind country aliases wikidata roles description record recent "
    "repeats_of_false",
}


@pytest.mark.parametrize(
    "command", [("claims", "show", "2"), ("sources", "show", "1"), ("speakers", "show", "Lavrov")]
)
def test_records_keep_field_names_whole_at_80_columns(seeded, at_80, command):
    shown = seeded(*command)
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), shown.stdout
    names = [line.split("│")[1].strip() for line in lines if line.startswith("│")]
    assert [name for name in names if name] == FIELDS[command[0]].split()


@pytest.mark.parametrize(
    ("action", "old", "new", "words"),
    [
        ("created", None, {"status": "logged", "text": "t"}, "created as logged"),
        ("imported", None, {"status": "logged", "topics": ["a"]}, "imported as logged"),
        ("status", {"status": "logged"}, {"status": "in_review"}, "status: logged → in_review"),
        ("edited", {"topics": ["a", "b"]}, {"topics": ["b", "c"]}, "topics: +c −a"),
        ("edited", {"text": "old words"}, {"text": "new"}, "text: “old words” → new"),
        ("review_added", None, {"publisher": "AFP", "url": None}, "review added: publisher AFP"),
        ("evidence_added", None, {"stance": "refutes", "url": "u"}, "evidence added: refutes u"),
    ],
)
def test_history_sentences_name_each_change(action, old, new, words):
    from factdb.cli.history_sentences import sentence

    row = {"version": 3, "at": "2026-11-25T10:02:31+00:00", "actor": "ana", "reason": "why"}
    row |= {"action": action, "old": old, "new": new}
    assert sentence(row) == f"v3 {words}, by ana, 2026-11-25 10:02: why"
