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
        ((*ADD, "--figure", "2 soldeirs"), "did you mean soldiers"),
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
        (("claims", "list", "--speaker", "Lavrof"), "did you mean Sergueï Lavrov? If not, add"),
        (("claims", "list", "--speaker", "Poutin"), "did you mean Vladimir Poutine?"),
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
        (
            ("evidence", "add", "1", "--stance", "supports"),
            "evidence needs a url or a document: give --url or --document",
        ),
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


@pytest.mark.parametrize("backend", ["sqlite"])  # refused while reading the arguments
@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("claims", "show", "abc"), "invalid value for ID: 'abc' is not a claim id"),
        (("claims", "list", "--limit", "x"), "invalid value for --limit: 'x' is not a count"),
        (("claims", "list", "--min", "lots"), "invalid value for --min: 'lots' is not a number"),
        (("claims", "list", "--format", "xml"), "'xml' is not one of 'table', 'json', 'csv'"),
        (("claims", "status", "1"), "missing argument 'STATUS'"),
        (("claims", "list", "--bogus"), "no such option: --bogus"),
        (("claims", "frob"), "no such command 'frob'"),
    ],
)
def test_usage_errors_are_one_line_with_the_usage(ledger, db_url, args, fragment, connections):
    cli, snapshot = ledger
    result = cli(*args)
    assert_refused(result, db_url, snapshot, fragment, code=2)
    assert "(usage: factdb claims" in result.stderr
    assert "Input should" not in result.stderr and "Value error" not in result.stderr
    assert connections == []


@pytest.mark.parametrize("backend", ["sqlite"])  # refused before connecting
@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("claims", "show", "99999999999999999999999"), "no claim with id 99999999999999999999999"),
        (("claims", "history", "--", "-3"), "no claim with id -3"),
        (("evidence", "list", str(2**63)), f"no claim with id {2**63}"),
        (("sources", "show", str(2**31)), f"no source with id {2**31}"),
        (("claims", "list", "--source", str(2**64)), f"no source with id {2**64}"),
        (("claims", "status", "2", "false", "--reason", "r", "--rationale", " "), "--rationale"),
        (("claims", "list", "--status", ""), "--status is empty"),
        (("claims", "list", "--since", ""), "--since is empty"),
    ],
)
def test_huge_ids_and_empty_values_are_refused(ledger, db_url, args, fragment, connections):
    cli, snapshot = ledger
    assert_refused(cli(*args), db_url, snapshot, fragment)
    assert connections == []


def test_an_alias_differing_only_by_accents_already_names_the_speaker(ledger, db_url):
    cli, snapshot = ledger
    result = cli("speakers", "alias", "Poutine", "Poutïne")
    assert_refused(result, db_url, snapshot, "'Poutïne' already names Vladimir Poutine")
    assert "(as 'Poutine'): nothing to add" in result.stderr


def test_empty_database_url_is_a_usage_error(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from factdb.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--db", "", "init"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: invalid value for --db: the database URL is empty")
    assert list(tmp_path.iterdir()) == [] and not (tmp_path / "xdg-data").exists()


def test_init_creates_missing_directories_only_when_asked(tmp_path):
    from typer.testing import CliRunner

    from factdb.cli import app

    path = tmp_path / "typo" / "deeper" / "ledger.sqlite"
    refused = CliRunner().invoke(app, ["--db", str(path), "init"])
    assert refused.exit_code == 1
    assert "directory" in refused.stderr and "--parents" in refused.stderr
    assert not (tmp_path / "typo").exists()
    created = CliRunner().invoke(app, ["--db", str(path), "init", "--parents"])
    assert created.exit_code == 0, created.output
    assert path.exists()
