"""Every command, driven with hostile arguments: one line beginning ``error:``, a
non-zero exit, no traceback, and the database exactly as before.

The ledger is seeded once per module and compared (``dump``) after every example,
so a refusal that wrote something fails the example that wrote it. On SQLite every
slot of every command is driven; on PostgreSQL, the slots whose values reach the
database (ids that could exist, names, texts).
"""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factdb.cli import app
from tests.helpers import dump, load_seed

HUGE = st.integers(min_value=2**63, max_value=2**80).map(str)
NEGATIVE = st.integers(min_value=-(2**70), max_value=-1).map(str)
NOT_A_NUMBER = st.sampled_from(
    ["", " ", "1\x00", "\x1b[31m1", "\u202e12", "1e3", "0x10", "١٢", "1 2", "--", "9" * 5000]
)
BAD_ID = HUGE | NEGATIVE | NOT_A_NUMBER | st.just("0")
BAD_COUNT = HUGE | NEGATIVE | NOT_A_NUMBER
BAD_BOUND = st.sampled_from(["nan", "NaN", "inf", "-inf", "1e400", "", "x", "1,5"])
# Text no field may hold: empty, NUL, control characters, a right-to-left override,
# or longer than any limit.
BAD_TEXT = (
    st.sampled_from(["", "   "])
    | st.builds(
        lambda head, bad, tail: head + bad + tail,
        st.text(alphabet="abc é", max_size=8),
        st.sampled_from(["\x00", "\x07", "\x1b[2J", "\u202e", "\u202d", "\x7f"]),
        st.text(alphabet="abc é", max_size=8),
    )
    | st.just("x" * 20_000)
)
# Names no speaker has: nothing matches, or nothing is left to match.
BAD_NAME = BAD_TEXT | st.sampled_from(["Zelenskiy", "?!", "\x00"])

S = "{}"  # where the hostile value goes
ID_COMMANDS = [
    ("claims", "show", S),
    ("claims", "history", S),
    ("claims", "status", S, "in_review", "--reason", "r"),
    ("claims", "retract", S, "--reason", "r"),
    ("claims", "edit", S, "--text", "t"),
    ("claims", "cite", S, "--source", "1"),
    ("claims", "cite", "1", "--source", S),
    ("evidence", "list", S),
    ("evidence", "add", S, "--stance", "supports", "--url", "https://x.org"),
    ("sources", "show", S),
    ("claims", "add", "--source", S, "--text", "t"),
    ("claims", "list", "--source", S),
    ("report", "sourcing", "--source", S),
    ("claims", "edit", "1", "--remove-figure", S),
    ("claims", "edit", "1", "--remove-date", S),
    ("claims", "status", "1", "in_review", "--reason", "r", "--if-version", S),
]
COUNT_COMMANDS = [
    ("claims", "list", "--limit", S),
    ("claims", "list", "--offset", S),
    ("claims", "add", "--source", "1", "--text", "t", "--start", S, "--end", "3"),
]
TEXT_COMMANDS = [
    ("--as", S, "claims", "status", "1", "in_review", "--reason", "r"),
    ("claims", "add", "--source", "1", "--text", S),
    ("claims", "edit", "1", "--text", S),
    ("claims", "status", "1", "in_review", "--reason", S),
    ("claims", "retract", "1", "--reason", S),
    ("claims", "list", "--since", S),
    ("claims", "list", "--status", S),
    ("sources", "add", "--title", S, "--language", "fr"),
    ("sources", "add", "--title", "t", "--language", S),
    ("speakers", "add", S),
    ("speakers", "alias", "Lavrov", S),
    ("speakers", "role", "Lavrov", S),
    ("evidence", "add", "1", "--stance", S, "--url", "https://x.org"),
]
NAME_COMMANDS = [
    ("claims", "list", "--speaker", S),
    ("speakers", "show", S),
    ("speakers", "alias", S, "New alias"),
    ("report", "sourcing", "--speaker", S),
]
# What reaches the database on PostgreSQL: ids that could exist but do not, names, texts.
DB_IDS = st.sampled_from(["2147483647", "99999", "13"])
DB_COMMANDS = [
    *((c, DB_IDS) for c in ID_COMMANDS[:12]),
    *((c, BAD_NAME) for c in NAME_COMMANDS),
    *((c, BAD_TEXT) for c in TEXT_COMMANDS[:4]),
]


@pytest.fixture(scope="module", autouse=True)
def command_built_once():
    """Typer turns the app into a command at every ``invoke`` (about 35 ms); the
    hundreds of invocations here share one."""
    import typer.testing

    built = typer.testing._get_command(app)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", lambda _app: built)
        yield


def _fill(template: tuple[str, ...], value: str) -> list[str]:
    return [value if part == S else part for part in template]


@pytest.fixture(scope="module")
def sqlite_ledger(sqlite_seeded_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "factdb.sqlite"
    shutil.copyfile(sqlite_seeded_template, path)
    url = f"sqlite:///{path}"
    return url, dump(url)


@pytest.fixture(scope="module")
def seeded_postgres(postgres, postgres_template):
    """A seeded ledger of this module's own: the shared one is reset by other tests."""
    name = postgres.new_name()
    url = postgres.create(name, template=postgres_template)
    load_seed(url)
    yield url, dump(url)
    postgres.drop(name)


def assert_refused(url: str, snapshot, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["--db", url, *args])
    shown = f"{args!r:.300}: {result.output[:500]!r}"
    assert result.exit_code != 0, shown
    assert isinstance(result.exception, SystemExit | None), shown
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), shown
    assert "Traceback" not in result.output, shown
    assert dump(url) == snapshot, shown


# A few examples per command (a tenth of the profile's; a twentieth on PostgreSQL):
# the slots are many, and every example runs a command and dumps the ledger.
FEW = settings(max_examples=max(2, settings.default.max_examples // 10))
FEWER = settings(max_examples=max(2, settings.default.max_examples // 20))


@pytest.mark.parametrize(
    ("template", "values"),
    [
        *((c, BAD_ID) for c in ID_COMMANDS),
        *((c, BAD_COUNT) for c in COUNT_COMMANDS),
        *((c, BAD_BOUND) for c in [("claims", "list", "--min", S), ("claims", "list", "--max", S)]),
        *((c, BAD_TEXT) for c in TEXT_COMMANDS),
        *((c, BAD_NAME) for c in NAME_COMMANDS),
    ],
    ids=lambda x: " ".join(x) if isinstance(x, tuple) else "",
)
def test_refused_on_sqlite(sqlite_ledger, template, values):
    url, snapshot = sqlite_ledger

    @FEW
    @given(values)
    def check(value):
        assert_refused(url, snapshot, _fill(template, value))

    check()


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("template", "values"), DB_COMMANDS, ids=lambda x: " ".join(x) if isinstance(x, tuple) else ""
)
def test_refused_on_postgresql(seeded_postgres, template, values):
    url, snapshot = seeded_postgres

    @FEWER
    @given(values)
    def check(value):
        assert_refused(url, snapshot, _fill(template, value))

    check()


HUGE_ID = """factdb_fixtures: 1
sources:
  - {key: s1, id: 99999999999999999999999, title: T, language: fr}
"""
HUGE_OFFSET = """factdb_fixtures: 1
sources:
  - {key: s1, title: T, language: fr}
claims:
  - key: c1
    text: Un texte
    appearances: [{source: s1, start: 0, end: 99999999999999999999999}]
"""


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory):
    """Files nested too deeply to parse, or with integers no column can hold."""
    folder = tmp_path_factory.mktemp("deep")
    files = {
        "huge-id.yaml": HUGE_ID,
        "huge-offset.yaml": HUGE_OFFSET,
        "deep.json": "[" * 5_000 + "]" * 5_000,
        "deep.yaml": "[" * 3_000 + "]" * 3_000,
        "objects.json": '{"a":' * 5_000 + "1" + "}" * 5_000,
        "graph.json": '{"@graph": ' + "[" * 990 + "]" * 990 + "}",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in files]


@pytest.mark.parametrize("command", [("load",), ("import", "claimreview"), ("import", "jsonl")])
def test_hostile_files_are_refused(sqlite_ledger, hostile_files, command):
    url, snapshot = sqlite_ledger
    for path in hostile_files:
        assert_refused(url, snapshot, [*command, str(path)])


@given(st.text(max_size=30) | st.integers().map(str))
def test_id_and_number_parsers_give_a_value_or_a_clean_error(text):
    """The CLI's parsers, on any text: a value in range, or the error the CLI reports."""
    from factdb.cli.common import LARGEST, finite_number, record_id, whole_number
    from factdb.errors import NotFound

    for parse, low in ((record_id("claim", "claims list"), 1), (whole_number(0, "a count"), 0)):
        try:
            number = parse(text)
        except (ValueError, NotFound) as error:
            assert "\n" not in str(error)
        else:
            assert low <= number <= LARGEST
            assert number == int(text.strip())
    try:
        bound = finite_number(text)
    except ValueError as error:
        assert "\n" not in str(error)
    else:
        assert bound == bound and abs(bound) < float("inf")
