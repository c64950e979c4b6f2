"""export jsonl / import jsonl: the whole ledger out and back, byte for byte, on both backends."""

from __future__ import annotations

import io
import json
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from factdb import db
from factdb.errors import InvalidInput
from factdb.formats import jsonl
from factdb.models import Base
from factdb.unit_vocab import BUILTIN, BUILTIN_KEYS
from tests.helpers import SEED, dump

DATA = Path(__file__).parent / "data"
# A fresh ledger's units and their aliases come first in an export: the line numbers
# below count from the seed's first source, after them.
U = len(BUILTIN) + len(BUILTIN_KEYS)
ODD_TEXT = (
    'Tab\there, a line\nbreak, "quotes", back\\slash, <script>alert(1)</script>, '
    "emoji 🌍, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, עברית\u200f, a line separator\u2028and e\u0301 (combining)"
)


def build_ledger(cli, url: str, tmp_path: Path) -> None:
    """The seed article, a LIAR and a ClaimReview sample, and the edge cases: odd text,
    unresolved (null) dates, a retracted claim, a verdict reopened and given again."""

    def ok(*args: str) -> str:
        result = cli(*args, db=url)
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    ok("load", str(SEED))
    ok("import", "liar", str(DATA / "liar_sample.tsv"), "-q", "--rejects", str(tmp_path / "r"))
    ok("import", "claimreview", str(DATA / "claimreview" / "afp.jsonld"), "-q")
    ok("sources", "add", "--title", "Ünïcödé 🌍 «titre»", "--language", "fr",
       "--outlet", '"Quoted" \\ outlet', "--url", "https://example.org/ü?q=1&r=2")  # fmt: skip
    source = ok("sources", "list", "--format", "json")
    source_id = str(max(s["id"] for s in json.loads(source)))
    ok("speakers", "add", "Zoë O'Brien-Łukasz", "--kind", "person", "--country", "IE",
       "--alias", "Zoe OBrien", "--role", "Envoy", "--role-start", "2020-01-01",
       "--role-end", "2021-06-30", "--description", ODD_TEXT)  # fmt: skip
    ok("speakers", "alias", "Zoë O'Brien-Łukasz", "Зоя", "--language", "ru")
    ok("claims", "add", "--source", source_id, "--speaker", "Zoë", "--relay", "Lavrov",
       "--text", ODD_TEXT, "--translation", "odd text", "--figure", "~3000 soldiers | ≈ 3 000",
       "--figure", ">=10 percent", "--figure", "-2.5 percent",
       "--date", "about:l'an prochain", "--date", "made:2024-W03", "--date", "reported:2025-02",
       "--topic", "Défense", "--quote", "Tab", "--start", "0", "--end", "3",
       "--key", "edge-1", "--note", "n\u00e9e")  # fmt: skip
    listed = json.loads(ok("claims", "list", "--limit", "1000", "--format", "json"))
    claim = str(next(c["id"] for c in listed if c["key"] == "edge-1"))
    ok("claims", "status", claim, "in_review", "--reason", "checking")
    ok("evidence", "add", claim, "--stance", "refutes", "--document", "Archive box 12",
       "--accessed", "2025-03-01")  # fmt: skip
    ok("claims", "status", claim, "false", "--reason", "checked", "--rationale", "No.")
    ok("claims", "status", claim, "in_review", "--reason", "reopened: new figures")
    ok("claims", "status", claim, "misleading", "--reason", "rechecked", "--rationale", "Partly.")
    ok("claims", "cite", claim, "--source", "1", "--attribution", "unattributed", "--reason", "x")
    ok("claims", "retract", "3", "--reason", "logged twice")
    ok("claims", "link", "2", claim, "--reason", "the same troops")


@pytest.fixture
def other_url(request, tmp_path) -> Callable[[str], str]:
    """A second fresh, empty ledger on the backend asked for."""

    def make(backend: str) -> str:
        if backend == "sqlite":
            path = tmp_path / f"other-{len(list(tmp_path.glob('other-*')))}.sqlite"
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
            return f"sqlite:///{path}"
        server = request.getfixturevalue("postgres")
        name = server.new_name()
        request.addfinalizer(lambda: server.drop(name))
        return server.create(name, template=request.getfixturevalue("postgres_template"))

    return make


def export(cli, url: str, path: Path) -> bytes:
    result = cli("export", "jsonl", "-o", str(path), db=url)
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def restore(cli, url: str, path: Path):
    return cli("import", "jsonl", str(path), "-q", db=url)


def test_round_trip_is_identical(cli, db_url, backend, other_url, tmp_path):
    build_ledger(cli, db_url, tmp_path)
    first = export(cli, db_url, tmp_path / "first.jsonl")
    target = other_url(backend)
    result = restore(cli, target, tmp_path / "first.jsonl")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"imported {tmp_path / 'first.jsonl'}: 60 units, 243 unit aliases, "
        "10 sources, 12 actors, 34 aliases, 7 roles, "
        "14 topics, 22 claims, 23 appearances, 6 figures, 5 dates, 2 evidence, 9 reviews, "
        "1 repeat links, 36 history entries\n"
    )
    assert export(cli, target, tmp_path / "second.jsonl") == first
    # Every row of every table, derived columns included, ids included.
    assert dump(target) == dump(db_url)
    # And the export went to stdout just the same.
    assert cli("export", "jsonl", db=target).stdout_bytes == first


@pytest.mark.postgres
@pytest.mark.parametrize(("source", "target"), [("sqlite", "postgresql"), ("postgresql", "sqlite")])
def test_round_trip_across_backends(cli, other_url, source, target, tmp_path):
    origin, copy = other_url(source), other_url(target)
    build_ledger(cli, origin, tmp_path)
    first = export(cli, origin, tmp_path / "first.jsonl")
    assert restore(cli, copy, tmp_path / "first.jsonl").exit_code == 0
    assert export(cli, copy, tmp_path / "second.jsonl") == first


def test_what_the_file_holds(cli, db_url, tmp_path):
    build_ledger(cli, db_url, tmp_path)
    lines = [json.loads(line) for line in export(cli, db_url, tmp_path / "x.jsonl").splitlines()]
    assert lines[0] == {"type": "header", "format": "factdb-jsonl", "format_version": 1}
    assert lines[-1] == {"type": "end", "records": len(lines) - 2}
    order = [kind.name for kind in jsonl.KINDS]
    types = [line["type"] for line in lines[1:-1]]
    assert types == sorted(types, key=order.index)
    for name in order:
        ids = [line["id"] for line in lines if line["type"] == name]
        assert ids == sorted(ids) and ids, name
    edge = next(line for line in lines if line["type"] == "claim" and line["key"] == "edge-1")
    assert edge["text"] == unicodedata.normalize("NFC", ODD_TEXT)
    assert edge["status"] == "misleading" and edge["rationale"] == "Partly."
    history = [
        line for line in lines if line["type"] == "history" and line["claim_id"] == edge["id"]
    ]
    assert [h["action"] for h in history][:1] == ["created"]
    statuses = [h["new"] for h in history if h["action"] == "status"]
    assert [s["status"] if isinstance(s, dict) else s for s in statuses] == [
        "in_review", "false", "in_review", "misleading",
    ]  # fmt: skip
    assert [h["version"] for h in history] == list(range(1, edge["version"] + 1))
    assert all(h["at"].endswith("+00:00") and h["actor"] == "tester" for h in history)
    dates = [line for line in lines if line["type"] == "date" and line["claim_id"] == edge["id"]]
    unresolved = dates[0]
    assert unresolved["text"] == "l'an prochain" and unresolved["value"] is None
    assert {d["precision"] for d in dates} == {"year", "week", "month"}
    figures = [
        line for line in lines if line["type"] == "figure" and line["claim_id"] == edge["id"]
    ]
    assert [f["value"] for f in figures] == [3000.0, None, -2.5]
    retracted = next(line for line in lines if line["type"] == "claim" and line["id"] == 3)
    assert retracted["status"] == "retracted"
    reviews = [line for line in lines if line["type"] == "review"]
    assert {r["origin"] for r in reviews} >= {"liar"} and any(r["rating_name"] for r in reviews)
    source = next(line for line in lines if line["type"] == "source")
    assert source["full_text"].startswith("Table of Contents")


def test_every_column_is_exported_or_derived():
    """A column added to a table must be added to its record, or the export loses it."""
    covered = set()
    for kind in jsonl.KINDS:
        table = kind.model.table
        assert set(jsonl.columns(kind)) | set(kind.model.derived) == set(table.c.keys()), kind
        covered.add(table.name)
    assert covered | {"claim_topics"} == {t.name for t in Base.metadata.sorted_tables}


def test_imported_ledger_keeps_working(cli, db_url, backend, other_url, tmp_path):
    """Ids go on after the imported ones (PostgreSQL's sequences were moved), full-text
    search finds imported claims, and the history reads as before."""
    build_ledger(cli, db_url, tmp_path)
    export(cli, db_url, tmp_path / "x.jsonl")
    target = other_url(backend)
    assert restore(cli, target, tmp_path / "x.jsonl").exit_code == 0
    before = json.loads(cli("claims", "list", "--include-retracted", "--format", "json").stdout)
    added = cli("claims", "add", "--source", "1", "--text", "new after import", db=target)
    assert added.stdout == f"added claim {max(c['id'] for c in before) + 1}\n"
    assert cli("speakers", "add", "Someone New", db=target).exit_code == 0
    found = cli("claims", "list", "--text", "combining", "--format", "json", db=target).stdout
    assert "edge-1" in found
    assert found == cli("claims", "list", "--text", "combining", "--format", "json").stdout
    history = cli("claims", "history", "5", "--format", "json", db=target).stdout
    assert history == cli("claims", "history", "5", "--format", "json").stdout


def test_refuses_a_database_that_is_not_empty(seeded, db_url, tmp_path):
    export(seeded, db_url, tmp_path / "x.jsonl")
    before = dump(db_url)
    result = restore(seeded, db_url, tmp_path / "x.jsonl")
    assert result.exit_code == 1
    assert result.output.startswith("error: the database is not empty (it has ")
    assert result.output.count("\n") == 1
    assert dump(db_url) == before


@pytest.fixture(scope="module")
def seed_jsonl(tmp_path_factory, sqlite_template) -> list[str]:
    """The lines of the seed article's export, made once on SQLite."""
    from factdb.cli import app

    path = tmp_path_factory.mktemp("seed-jsonl") / "seed.sqlite"
    shutil.copyfile(sqlite_template, path)
    runner = CliRunner()
    assert runner.invoke(app, ["--db", str(path), "load", str(SEED)]).exit_code == 0
    result = runner.invoke(app, ["--db", str(path), "export", "jsonl"])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines(keepends=True)


def edit_record(lines: list[str], type_: str, **changes) -> list[str]:
    """``lines`` with the first record of ``type_`` changed (a None value drops the key)."""
    index = next(i for i, line in enumerate(lines) if f'"type":"{type_}"' in line)
    record = json.loads(lines[index])
    for key, value in changes.items():
        if value is None:
            record.pop(key)
        else:
            record[key] = value
    return [*lines[:index], jsonl.dumps(record), *lines[index + 1 :]]


def drop_record(lines: list[str], type_: str) -> list[str]:
    index = next(i for i, line in enumerate(lines) if f'"type":"{type_}"' in line)
    return lines[:index] + lines[index + 1 :]


BAD_FILES: dict[str, tuple[Callable[[list[str]], bytes], str]] = {
    "truncated JSON": (
        lambda lines: "".join(lines)[:-40].encode(),
        rf":{87 + U}: not valid JSON \(EOF while parsing .*\): is the line cut short\?$",
    ),
    "cut at a line boundary": (
        lambda lines: "".join(lines[:-1]).encode(),
        rf": ends after line {87 + U} with no end record: the file is truncated; export it again$",
    ),
    "wrong encoding": (
        lambda lines: "".join(lines).encode("latin-1", errors="replace"),
        r":108: not UTF-8 \(byte \d+, 0xe9\): save the file as UTF-8$",
    ),
    "unknown type": (
        lambda lines: "".join([*lines[:3], '{"type":"widget","id":1}\n', *lines[3:]]).encode(),
        r":4: unknown record type 'widget': use one of header, unit, unit_alias, source, .*, end$",
    ),
    "unknown field": (
        lambda lines: "".join(edit_record(lines, "claim", colour="red")).encode(),
        r": unknown field 'colour' in a claim record: remove it$",
    ),
    "missing field": (
        lambda lines: "".join(edit_record(lines, "claim", status=None)).encode(),
        r": claim record has no 'status': add it$",
    ),
    "dangling reference": (
        lambda lines: "".join(edit_record(lines, "appearance", claimant_id=99)).encode(),
        r": dangling reference: claimant_id 99 names no actor on an earlier line$",
    ),
    "reference to a later line": (
        lambda lines: "".join(drop_record(lines, "topic")).encode(),
        r": dangling reference: topics \d+ names no topic on an earlier line$",
    ),
    "wrong type of value": (
        lambda lines: "".join(edit_record(lines, "claim", version="2")).encode(),
        r": claim record, version: should be a whole number \(got '2'\)$",
    ),
    "unknown status": (
        lambda lines: "".join(edit_record(lines, "claim", status="maybe")).encode(),
        r": claim record, status: should be 'logged', .*\(got 'maybe'\)$",
    ),
    "NUL in text": (
        lambda lines: "".join(edit_record(lines, "claim", text="a\x00b")).encode(),
        r": claim record, text: contains a NUL character, which the database cannot store",
    ),
    "infinite number in history": (
        lambda lines: "".join(lines).replace('"old":null', '"old":Infinity', 1).encode(),
        rf":{72 + U}: history record, old: JSON has no Infinity or NaN: give a finite number"
        r" \(got inf\)$",
    ),
    "reversed range": (
        lambda lines: "".join(
            edit_record(lines, "figure", kind="range", value=None, low=5.0, high=2.0)
        ).encode(),
        r": figure record has no 'value': add it$",
    ),
    "id out of range": (
        lambda lines: "".join(edit_record(lines, "source", id=2**40)).encode(),
        rf":{2 + U}: source record, id: should be at most 2147483647 ",
    ),
    "lone surrogate": (
        lambda lines: "".join(lines).replace('"note":null', '"note":"\\ud800"', 1).encode(),
        rf":{43 + U}: not valid JSON \(unexpected end of hex escape at column \d+\):"
        r" export the file",
    ),
    "timestamp out of range": (
        lambda lines: "".join(
            edit_record(lines, "source", created_at="0001-01-01T00:00:00+01:00")
        ).encode(),
        rf":{2 + U}: source record, created_at: is out of range once in UTC ",
    ),
    "duplicate id": (
        lambda lines: "".join([*lines[:2], lines[1], *lines[2:]]).encode(),
        r":3: a second unit with id 1$",
    ),
    "end count": (
        lambda lines: "".join([*lines[:-1], '{"type":"end","records":3}\n']).encode(),
        rf":{88 + U}: the end record counts 3 records but {86 + U} came before it:"
        r" the file was cut or edited$",
    ),
    "not an export": (
        lambda lines: b'{"type":"source"}\n',
        r":1: not a factdb JSONL export: the first line must be the header .*$",
    ),
    "newer format": (
        lambda lines: "".join(
            ['{"type":"header","format":"factdb-jsonl","format_version":2}\n', *lines[1:]]
        ).encode(),
        r":1: format version 2, this factdb reads version 1: use the factdb that wrote the file$",
    ),
    "empty file": (lambda lines: b"", r": the file is empty: give a `factdb export jsonl` file$"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_file_is_one_line_and_changes_nothing(case, seed_jsonl, cli, db_url, tmp_path,
                                                  monkeypatch):  # fmt: skip
    # Small batches, so rows were already written when the bad line comes: they must go.
    monkeypatch.setattr(jsonl, "BATCH_SIZE", 3)
    make, pattern = BAD_FILES[case]
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(make(seed_jsonl))
    result = restore(cli, db_url, bad)
    assert result.exit_code == 1, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"error: {bad}")
    assert re.search(pattern, result.output.rstrip("\n")), result.output
    assert all(rows == [] for name, rows in dump(db_url).items() if name not in jsonl.SEEDED)


def test_missing_file(cli, tmp_path):
    result = cli("import", "jsonl", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 1
    assert (
        result.output
        == f"error: cannot read {tmp_path / 'nope.jsonl'}: No such file or directory\n"
    )


def test_export_to_an_unwritable_place_leaves_nothing(seeded, tmp_path):
    target = tmp_path / "missing-dir" / "x.jsonl"
    result = seeded("export", "jsonl", "-o", str(target))
    assert result.exit_code == 1
    assert result.output.startswith(f"error: cannot write {target}: ")
    assert not target.parent.exists()


def test_progress_counts_every_byte_and_record(seed_jsonl, db_url, tmp_path):
    path = tmp_path / "seed.jsonl"
    path.write_text("".join(seed_jsonl), encoding="utf-8")
    read: list[int] = []
    with db.session_scope(db_url) as session:
        jsonl.import_jsonl(session, path, progress=read.append)
    assert sum(read) == path.stat().st_size
    written: list[int] = []
    with db.session_scope(db_url, write=False) as session:
        out = io.StringIO()
        assert jsonl.export_jsonl(session, out, progress=written.append) == len(seed_jsonl) - 2
    assert sum(written) == len(seed_jsonl) - 2
    assert out.getvalue() == "".join(seed_jsonl)


def test_ctrl_c_rolls_the_import_back_and_leaves_no_partial_export(
    seed_jsonl, cli, db_url, tmp_path, monkeypatch
):
    path = tmp_path / "seed.jsonl"
    path.write_text("".join(seed_jsonl), encoding="utf-8")
    monkeypatch.setattr(jsonl, "BATCH_SIZE", 3)
    original = jsonl._Importer.add

    def interrupted(self, number, record):
        if number == 40:
            raise KeyboardInterrupt
        original(self, number, record)

    monkeypatch.setattr(jsonl._Importer, "add", interrupted)
    result = restore(cli, db_url, path)
    assert result.exit_code == 130
    assert result.output == (
        "error: interrupted: nothing was changed (the transaction was rolled back)\n"
    )
    assert all(rows == [] for name, rows in dump(db_url).items() if name not in jsonl.SEEDED)

    monkeypatch.undo()
    assert restore(cli, db_url, path).exit_code == 0

    def interrupted_export(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(jsonl, "_records", interrupted_export)
    result = cli("export", "jsonl", "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 130
    assert result.output == "error: interrupted: the export was not written\n"
    assert sorted(p.name for p in tmp_path.iterdir() if "out" in p.name) == []


def test_a_full_disk_on_stdout_is_one_line(seeded, monkeypatch):
    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jsonl, "export_jsonl", full)
    result = seeded("export", "jsonl")
    assert result.exit_code == 1
    assert result.output == "error: cannot write the export: No space left on device\n"


# Property tests: whatever a line holds, a record or a clean InvalidInput.

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


def parses_or_refuses(raw: bytes) -> None:
    try:
        jsonl.parse_line(raw)
    except InvalidInput as error:
        assert "\n" not in str(error)


@given(st.binary(max_size=200))
def test_any_bytes_parse_or_fail_cleanly(raw):
    parses_or_refuses(raw)


@given(st.sampled_from([kind.name for kind in jsonl.KINDS]), st.dictionaries(
    st.sampled_from(["id", "claim_id", "kind", "value", "low", "high", "unit", "per", "text",
                     "role", "precision", "relative", "anchor", "topics", "name", "at"])
    | st.text(max_size=5), json_values, max_size=8))  # fmt: skip
def test_any_object_parses_or_fails_cleanly(type_, fields):
    parses_or_refuses(json.dumps({"type": type_, **fields}).encode())


@settings(max_examples=settings.default.max_examples // 5)  # touches a database
@given(data=st.data())
def test_corrupted_export_imports_or_fails_cleanly(seed_jsonl, db_url, tmp_path, data):
    """A real export with one line cut, a byte changed or a value replaced: the import
    gives counts or an InvalidInput naming the file and line, never a traceback."""
    lines = [line.encode() for line in seed_jsonl]
    index = data.draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    how = data.draw(st.sampled_from(["cut", "byte", "value"]))
    if how == "cut":
        line = line[: data.draw(st.integers(0, len(line) - 1))] + b"\n"
    elif how == "byte":
        at = data.draw(st.integers(0, len(line) - 2))
        line = line[:at] + bytes([data.draw(st.integers(0, 255))]) + line[at + 1 :]
    else:
        record = json.loads(line)
        record[data.draw(st.sampled_from(sorted(record)))] = data.draw(json_values)
        line = json.dumps(record).encode() + b"\n"
    path = tmp_path / "corrupted.jsonl"
    path.write_bytes(b"".join([*lines[:index], line, *lines[index + 1 :]]))
    engine = db.make_engine(db_url)
    # Rolled back whatever happens, so that db_url stays empty for the next example.
    with Session(engine) as session:
        try:
            jsonl.import_jsonl(session, path)
        except InvalidInput as error:
            assert str(error).startswith(f"{path}:") and "\n" not in str(error)
        finally:
            session.rollback()
    engine.dispose()


@pytest.mark.benchmark
def test_benchmark_script_round_trips_and_reports(capsys):
    """benchmarks/jsonl.py runs end to end on a small ledger (its timings are not checked)."""
    from tests.helpers import load_benchmark

    load_benchmark("jsonl").main(["--claims", "150", "--repeat", "1", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["identical"] is True and report["claims"] == 150
    assert [r["measure"] for r in report["results"]] == ["export jsonl", "import jsonl"]
    assert all(r["floor_s"] > 0 and r["ratio"] > 0 for r in report["results"])


def test_an_export_from_before_0006_files_liar_plus_reviews_as_liar(cli, db_url, tmp_path):
    rejects = str(tmp_path / "rejects.jsonl")
    assert (
        cli(
            "import", "liar", str(DATA / "liar_plus_sample.tsv"), "-q", "--rejects", rejects
        ).exit_code
        == 0
    )
    first = export(cli, db_url, tmp_path / "new.jsonl").decode()
    assert '"origin":"liar"' in first
    old = tmp_path / "old.jsonl"
    old.write_text(first.replace('"origin":"liar"', '"origin":"liar-plus"'), encoding="utf-8")
    target = tmp_path / "restored.sqlite"
    assert cli("init", db=f"sqlite:///{target}").exit_code == 0
    result = restore(cli, f"sqlite:///{target}", old)
    assert result.exit_code == 0, result.output
    assert export(cli, f"sqlite:///{target}", tmp_path / "again.jsonl").decode() == first
