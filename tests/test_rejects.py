"""The machinery every import shares: counts that add up, rejects kept, Ctrl-C handled."""

from __future__ import annotations

import json

import factdb.formats.ledger
from factdb.cli.common import progress_bar
from factdb.formats.rejects import ImportStats, Rejects
from tests.helpers import SEED, dump


def test_counts_add_up_and_rejects_keep_line_reason_and_record(tmp_path):
    stats = ImportStats(rejects=Rejects(tmp_path / "rejects.jsonl"))
    stats.read, stats.imported, stats.merged = 4, 2, 1
    stats.reject(7, "no statement", {"id": "x", "statement": ""})
    stats.rejects.close()

    assert stats.as_dict() == {"read": 4, "imported": 2, "merged": 1, "rejected": 1}
    assert stats.summary() == (
        f"read 4, imported 2, merged 1 as duplicates, rejected 1 (see {tmp_path / 'rejects.jsonl'})"
    )
    lines = (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"line": 7, "reason": "no statement", "record": {"id": "x", "statement": ""}}
    ]


def test_no_rejects_file_when_nothing_is_rejected(tmp_path):
    stats = ImportStats(rejects=Rejects(tmp_path / "rejects.jsonl"))
    stats.read = stats.imported = 3
    stats.rejects.close()
    assert not (tmp_path / "rejects.jsonl").exists()
    assert stats.summary() == "read 3, imported 3, merged 0 as duplicates, rejected 0"


def test_no_progress_bar_when_piped(capsys):
    with progress_bar("importing", 10, quiet=False) as advance:
        advance(5)
    assert capsys.readouterr() == ("", "")


def test_ctrl_c_rolls_back_and_says_so(cli, db_url, monkeypatch):
    before = dump(db_url)
    original = factdb.formats.ledger._load_claim
    calls = []

    def interrupted_on_third_claim(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    monkeypatch.setattr(factdb.formats.ledger, "_load_claim", interrupted_on_third_claim)
    result = cli("load", str(SEED))

    assert result.exit_code == 130
    assert result.output.strip() == (
        "error: interrupted: nothing was changed (the transaction was rolled back)"
    )
    assert dump(db_url) == before
