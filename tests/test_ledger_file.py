"""Ledger files (`factdb load`): checked whole before anything is written, problems located."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdb.errors import InvalidInput
from factdb.formats.ledger import read_fixtures
from tests.helpers import SEED, dump

MINIMAL = """\
factdb_fixtures: 1
sources:
  - key: s1
    title: A title
    language: fr
claims:
  - key: c1
    text: Un chiffre
    appearances: [{source: s1}]
    figures: ["{figure}"]
"""


def write(tmp_path: Path, text: str | bytes, name: str = "f.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_seed_file_is_valid():
    fixtures = read_fixtures(SEED)
    assert len(fixtures.data.claims) == 12


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        (
            MINIMAL.replace("{figure}", "2 flights/week")
            + "  - key: c1\n    text: x\n    appearances: [{source: s1}]\n",
            ["claim key 'c1' is used more than once"],
        ),
        (
            "factdb_fixtures: 1\nsources: []\nsources: []\n",
            ["invalid YAML", "line 3", "duplicate key"],
        ),
        (
            MINIMAL.replace("{figure}", "2 flights/week").replace(
                "title: A title", "title: A title\n    colour: red"
            ),
            ["sources[0].colour is not a field this file can have: remove it"],
        ),
        (
            MINIMAL.replace("{figure}", "30000..25000 soldiers"),
            ["claims[0] (c1).figures[0]", "reversed"],
        ),
        (
            MINIMAL.replace("{figure}", "2 flights/week").replace("{source: s1}", "{source: s9}"),
            ["source 's9' is not in this file"],
        ),
        (
            MINIMAL.replace("{figure}", "2 flights/week") + "    status: 'false'\n",
            ["needs at least one evidence item", "needs a rationale"],
        ),
        ("factdb_fixtures: 2\n", ["factdb_fixtures"]),
        ("- just\n- a list\n", ["(top level)"]),
        ("factdb_fixtures: 1\nclaims: [\n", ["invalid YAML"]),
        (
            MINIMAL.replace("{figure}", "2 flights/week").replace(
                "language: fr", "language: fr\n    published: 2024-02-30"
            ),
            ["sources[0].published should be a date, YYYY-MM-DD"],
        ),
    ],
)
def test_bad_files_name_every_problem(tmp_path, content, fragments):
    with pytest.raises(InvalidInput) as error:
        read_fixtures(write(tmp_path, content))
    message = str(error.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_not_utf8(tmp_path):
    with pytest.raises(InvalidInput, match="not UTF-8"):
        read_fixtures(
            write(tmp_path, "factdb_fixtures: 1\ndescription: caf\xe9\n".encode("latin-1"))
        )


def test_json_duplicate_keys(tmp_path):
    path = write(tmp_path, '{"factdb_fixtures": 1, "claims": [], "claims": []}', "f.json")
    with pytest.raises(InvalidInput, match="duplicate key 'claims'"):
        read_fixtures(path)


def test_bad_file_changes_nothing(cli, db_url, tmp_path):
    assert cli("load", str(SEED)).exit_code == 0
    snapshot = dump(db_url)
    bad = write(
        tmp_path,
        SEED.read_text(encoding="utf-8").replace(
            "factdb_fixtures: 1", "factdb_fixtures: 1\nextra: 1"
        ),
    )
    result = cli("load", str(bad))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "extra is not a field this file can have" in result.stderr
    assert dump(db_url) == snapshot


def test_error_while_writing_rolls_back_everything(cli, db_url, tmp_path):
    """A speaker unknown to the file and the database is found only while writing."""
    snapshot = dump(db_url)
    text = MINIMAL.replace("{figure}", "2 flights/week").replace(
        "{source: s1}", "{source: s1, claimant: Nobody}"
    )
    result = cli("load", str(write(tmp_path, text)))
    assert result.exit_code == 1
    assert "claim c1: unknown speaker 'Nobody'" in result.stderr
    assert dump(db_url) == snapshot


def test_changed_item_is_not_overwritten(seeded, tmp_path, db_url):
    snapshot = dump(db_url)
    changed = SEED.read_text(encoding="utf-8").replace(
        'La Corée du Nord fournit en obus et missiles la Russie"\n    translation',
        'La Corée du Nord fournit des obus"\n    translation',
    )
    result = seeded("load", str(write(tmp_path, changed, "seed.yaml")))
    assert result.exit_code == 1
    assert "claim seed-munitions is already in the database with different text" in result.stderr
    assert dump(db_url) == snapshot


@given(st.binary(max_size=300))
def test_any_bytes_give_a_file_or_a_clean_error(tmp_path, data):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    try:
        read_fixtures(path)
    except InvalidInput as error:
        assert "\n" not in str(error)


@given(
    st.lists(
        st.sampled_from([*"ab: -[]{}\n'\"&*!|>#%@`1.", "factdb_fixtures", "claims", "key", "1"]),
        max_size=40,
    ).map("".join)
)
def test_any_yamlish_text_gives_a_file_or_a_clean_error(tmp_path, text):
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        read_fixtures(path)
    except InvalidInput as error:
        assert "\n" not in str(error)
