"""Sources, speakers and evidence through the CLI, with real output."""

from __future__ import annotations

import json


def test_sources_add_list_show(cli, tmp_path):
    text = tmp_path / "article.txt"
    text.write_text("Le texte intégral.", encoding="utf-8")
    added = cli(
        "sources",
        "add",
        "--title",
        "Titre",
        "--language",
        "fr",
        "--outlet",
        "Le Monde",
        "--url",
        "https://lemonde.fr/a",
        "--published",
        "2025-07-12",
        "--retrieved",
        "2025-07-13",
        "--kind",
        "news_article",
        "--text-file",
        str(text),
        "--key",
        "lm-1",
    )
    assert added.exit_code == 0, added.output
    assert added.stdout == "added source 1\n"
    listed = json.loads(cli("sources", "list", "--format", "json").stdout)
    assert listed == [
        {
            "id": 1,
            "title": "Titre",
            "outlet": "Le Monde",
            "url": "https://lemonde.fr/a",
            "published": "2025-07-12",
            "key": "lm-1",
            "language": "fr",
            "kind": "news_article",
            "retrieved": "2025-07-13",
            "has_text": True,
        }
    ]
    table = cli("sources", "show", "1")
    assert "Le Monde" in table.stdout and "2025-07-12" in table.stdout
    assert cli("sources", "show", "2").exit_code == 1


def test_retrieval_before_publication_is_refused(cli):
    result = cli(
        "sources",
        "add",
        "--title",
        "T",
        "--language",
        "fr",
        "--published",
        "2025-07-12",
        "--retrieved",
        "2025-07-01",
    )
    assert result.exit_code == 1
    assert "before publication date" in result.stderr


def test_speakers_aliases_and_roles(cli):
    assert (
        cli(
            "speakers",
            "add",
            "Sergueï Lavrov",
            "--kind",
            "person",
            "--country",
            "ru",
            "--alias",
            "Sergey Lavrov",
            "--role",
            "Russian foreign minister",
            "--role-start",
            "2004-03-09",
        ).exit_code
        == 0
    )
    assert cli("speakers", "alias", "sergey lavrov", "Lavrov").exit_code == 0
    assert (
        cli(
            "speakers",
            "role",
            "Lavrov",
            "Ambassador to the UN",
            "--start",
            "1994-01-01",
            "--end",
            "2004-03-09",
        ).exit_code
        == 0
    )
    shown = json.loads(cli("speakers", "show", "LAVROV", "--format", "json").stdout)
    assert shown["name"] == "Sergueï Lavrov" and shown["country"] == "RU"
    assert shown["aliases"] == ["Sergey Lavrov", "Lavrov"]
    assert shown["roles"] == [
        {"title": "Russian foreign minister", "start": "2004-03-09", "end": None},
        {"title": "Ambassador to the UN", "start": "1994-01-01", "end": "2004-03-09"},
    ]
    csv_out = cli("speakers", "list", "--format", "csv").stdout
    assert csv_out.splitlines()[0] == '"id","name","kind","country","aliases","wikidata"'
    # The same alias cannot name two speakers.
    assert cli("speakers", "add", "Sergey Lavrov").exit_code == 1


def test_evidence_list(seeded):
    listed = json.loads(seeded("evidence", "list", "5", "--format", "json").stdout)
    assert listed[0]["stance"] == "supports"
    assert listed[0]["accessed"] == "2026-11-24"
    assert "wikipedia.org" in listed[0]["url"]


def test_history_as_table_and_csv(seeded):
    table = seeded("claims", "history", "5")
    assert table.exit_code == 0
    assert "v2 evidence added: supports" in table.stdout and "loaded from fixtures" in table.stdout
    csv_lines = seeded("claims", "history", "5", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == '"version","at","actor","action","old","new","reason"'
    assert len(csv_lines) == 5


def test_version_and_python_dash_m(cli):
    from typer.testing import CliRunner

    from factdb.cli import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("factdb ")


def test_default_database_lives_in_the_user_data_dir(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from factdb.cli import app

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "factdb" / "factdb.sqlite").exists()
