"""Bad input: one line naming the problem, a non-zero exit, no traceback, nothing changed."""

from __future__ import annotations

import pytest

from tests.helpers import dump


@pytest.fixture
def ledger(seeded, db_url):
    """The seed ledger plus a snapshot of every row, to compare after a failure."""
    return seeded, dump(db_url)


def assert_refused(result, db_url, snapshot, fragment: str, code: int = 1) -> None:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.output
    assert dump(db_url) == snapshot


ADD = ("claims", "add", "--source", "1", "--text", "Un chiffre")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((*ADD, "--date", "2024-02-30"), "not a calendar date"),
        ((*ADD, "--date", "2024-13"), "2024-13"),
        ((*ADD, "--figure", "30000..25000 soldiers"), "reversed"),
        ((*ADD, "--figure", "-5 soldiers"), "negative"),
        ((*ADD, "--figure", "2 flights/fortnight"), "period"),
        ((*ADD, "--figure", "2 widgets"), "unit"),
        ((*ADD, "--figure", "many soldiers"), "many soldiers"),
        ((*ADD, "--speaker", "Emmanuel Macron"), "unknown speaker 'Emmanuel Macron'"),
        ((*ADD, "--relay", "Nobody"), "unknown speaker 'Nobody'"),
        (("claims", "add", "--source", "99", "--text", "x"), "no source with id 99"),
        ((*ADD, "--modality", "certain"), "unknown modality 'certain'"),
        ((*ADD, "--attribution", "direct"), "needs its speaker"),
        ((*ADD, "--speaker", "Lavrov", "--attribution", "unattributed"), "unattributed"),
        (
            (*ADD, "--speaker", "Lavrov", "--relay", "Sergey Lavrov"),
            "both the speaker and the relay",
        ),
        ((*ADD, "--quote", "pas dans l'article"), "is not in source 1's text"),
        (("claims", "show", "999"), "no claim with id 999"),
        (("claims", "status", "999", "in_review", "--reason", "x"), "no claim with id 999"),
        (
            ("claims", "status", "1", "true", "--reason", "x"),
            "cannot move a claim from logged to true",
        ),
        (("claims", "status", "1", "logged", "--reason", "x"), "already logged"),
        (("claims", "edit", "1", "--remove-figure", "3"), "no figure #3"),
        (("claims", "edit", "1"), "nothing to change"),
        (("claims", "list", "--speaker", "Nobody"), "unknown speaker"),
        (("speakers", "add", "Lavrov"), "already names Sergueï Lavrov"),
        (
            (
                "speakers",
                "add",
                "X",
                "--role",
                "r",
                "--role-start",
                "2020-01-01",
                "--role-end",
                "2019-01-01",
            ),
            "reversed",
        ),
        (("speakers", "alias", "Nobody", "N"), "unknown speaker"),
    ],
)
def test_refused_without_change(ledger, db_url, args, fragment):
    cli, snapshot = ledger
    assert_refused(cli(*args), db_url, snapshot, fragment)


@pytest.mark.parametrize("backend", ["sqlite"])  # no backend is reached: see `connections`
@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("claims", "add", "--source", "1", "--text", "   "), "claim text is empty"),
        (("claims", "add", "--source", "1", "--text", "x" * 5001), "over the limit of 5000"),
        (("claims", "add", "--source", "1", "--text", "a\x00b"), "NUL"),
        (("claims", "status", "1", "done", "--reason", "x"), "unknown status 'done'"),
        (("claims", "list", "--since", "2024-02-30"), "not a calendar date"),
        (("claims", "list", "--since", "2025-01-01", "--until", "2024-01-01"), "after --until"),
        (("speakers", "add", "X", "--wikidata", "7747"), "not a Wikidata item"),
        (("sources", "add", "--title", "T", "--language", "français"), "not a language code"),
        (
            ("sources", "add", "--title", "T", "--language", "fr", "--published", "2024-02-30"),
            "not a calendar date",
        ),
        (("sources", "add", "--title", "T", "--language", "fr", "--url", "ftp://x"), "http"),
        (
            ("sources", "add", "--title", "T", "--language", "fr", "--kind", "tweet"),
            "unknown source kind",
        ),
        (("evidence", "add", "1", "--stance", "supports"), "needs a --url or a --document"),
        (("evidence", "add", "1", "--stance", "maybe", "--url", "https://x.org"), "unknown stance"),
        (
            (
                "evidence",
                "add",
                "1",
                "--stance",
                "refutes",
                "--url",
                "https://x.org",
                "--accessed",
                "2999-01-01",
            ),
            "future",
        ),
    ],
)
def test_refused_before_connecting(ledger, db_url, args, fragment, connections):
    cli, snapshot = ledger
    assert_refused(cli(*args), db_url, snapshot, fragment)
    assert connections == []


def test_connections_are_recorded(seeded, connections):
    """The check above can fail: a command that reads the ledger is recorded."""
    assert seeded("claims", "show", "1").exit_code == 0
    assert len(connections) == 1


def test_verdict_without_evidence(ledger, db_url):
    cli, snapshot = ledger
    assert cli("claims", "status", "2", "false", "--reason", "x").exit_code == 1
    # Claim 2 (troops) is in review: the verdict is allowed by the workflow but has no evidence.
    assert_refused(
        cli("claims", "status", "2", "false", "--reason", "x"), db_url, snapshot, "needs evidence"
    )


def test_edit_of_retracted_claim(seeded, db_url):
    assert seeded("claims", "retract", "1", "--reason", "duplicate").exit_code == 0
    snapshot = dump(db_url)
    assert_refused(seeded("claims", "edit", "1", "--text", "new"), db_url, snapshot, "is retracted")


def test_stale_if_version_is_a_conflict(ledger, db_url):
    cli, snapshot = ledger
    result = cli("claims", "status", "1", "in_review", "--reason", "x", "--if-version", "7")
    assert_refused(result, db_url, snapshot, "claim 1 is at version 1, not 7", code=3)
    assert "last changed by tester" in result.stderr


def test_uninitialised_database_is_refused(tmp_path):
    from typer.testing import CliRunner

    from factdb.cli import app

    path = tmp_path / "none.sqlite"
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{path}", "claims", "list"])
    assert result.exit_code == 4
    assert "run `factdb init`" in result.stderr
    assert not path.exists()


def test_unreachable_server_hides_the_password():
    from typer.testing import CliRunner

    from factdb.cli import app

    url = "postgresql://alice:s3cret-pw@127.0.0.1:1/news"
    result = CliRunner().invoke(app, ["--db", url, "claims", "list"])
    assert result.exit_code == 5
    assert "s3cret-pw" not in result.output
    assert "cannot connect to postgresql+psycopg://alice:***@127.0.0.1:1/news" in result.stderr
    assert "Traceback" not in result.output


def test_unsupported_url():
    from typer.testing import CliRunner

    from factdb.cli import app

    result = CliRunner().invoke(app, ["--db", "mysql://root@localhost/x", "claims", "list"])
    assert result.exit_code == 1
    assert "unsupported database 'mysql'" in result.stderr
