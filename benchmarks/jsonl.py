"""JSONL export and import benchmarks: factdb against raw sqlite3 doing the same I/O.

- export: ``factdb.formats.jsonl.export_jsonl`` of a generated ledger, against a floor that
  reads every table with raw ``sqlite3`` (same columns, same order) and writes each row
  with the same ``json.dumps`` (target ≤ 2×).
- import: ``factdb.formats.jsonl.import_jsonl`` of that file into an empty ledger, against a
  floor that parses each line with ``json.loads`` and inserts the rows with raw
  ``sqlite3`` ``executemany`` in one transaction, with no checks at all (target ≤ 4×:
  factdb validates every record with a typed model and the library's rules).

Both are medians of ``--repeat`` runs after a warm-up, factdb and floor alternately, on SQLite files
in a temporary directory. The script also checks that export → import → export
gives the identical file.

    python benchmarks/jsonl.py                  # 50,000 claims
    python benchmarks/jsonl.py --claims 200000 --json
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import generate
from queries import side_by_side

from factdb.db import session_scope
from factdb.formats.jsonl import KINDS, FigureLine, columns, dumps, export_jsonl, import_jsonl
from factdb.migrate import upgrade
from factdb.spec_rows import figure_values
from factdb.unit_vocab import unit_key
from factdb.validate import name_key

EXPORT_TARGET = 2.0
IMPORT_TARGET = 4.0


def factdb_export(db: Path, out: Path) -> None:
    with (
        session_scope(f"sqlite:///{db}", write=False) as session,
        out.open("w", encoding="utf-8", newline="\n") as file,
    ):
        export_jsonl(session, file)


def raw_export(db: Path, out: Path) -> None:
    raw = sqlite3.connect(db)
    with out.open("w", encoding="utf-8") as file:
        file.write(dumps({"type": "header"}))
        for kind in KINDS:
            names = columns(kind)
            table = kind.model.table.name
            for row in raw.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY id"):
                file.write(dumps({"type": kind.name, **dict(zip(names, row, strict=True))}))
    raw.close()


def factdb_import(template: Path, target: Path, source: Path) -> None:
    shutil.copyfile(template, target)
    with session_scope(f"sqlite:///{target}") as session:
        import_jsonl(session, source)


def raw_import(template: Path, target: Path, source: Path) -> None:
    shutil.copyfile(template, target)
    raw = sqlite3.connect(target)
    raw.execute("PRAGMA foreign_keys = ON")
    # The export's units replace the ones `init` seeded, as import_jsonl does.
    raw.execute("DELETE FROM unit_aliases")
    raw.execute("DELETE FROM units")
    pending: dict[str, list[tuple]] = {}
    fields: dict[str, list[str]] = {}
    with source.open(encoding="utf-8") as file:
        for line in file:
            record = json.loads(line)
            kind = record.pop("type")
            if kind in ("header", "end"):
                continue
            table = {k.name: k.model.table.name for k in KINDS}[kind]
            for topic in record.pop("topics", []):
                pending.setdefault("claim_topics", []).append((record["id"], topic))
                fields["claim_topics"] = ["claim_id", "topic_id"]
            if kind == "alias":
                record["key"] = name_key(record["alias"])
            if kind == "unit_alias":
                record["key"] = unit_key(record["alias"])
            if kind == "figure":
                record |= figure_values(FigureLine.model_validate(record | {"type": kind}).spec())
            if kind == "history":
                record["old"], record["new"] = json.dumps(record["old"]), json.dumps(record["new"])
            fields[table] = list(record)
            pending.setdefault(table, []).append(tuple(record.values()))
    with raw:
        claims = next(i for i, k in enumerate(KINDS) if k.name == "claim") + 1
        for kind in [*KINDS[:claims], None, *KINDS[claims:]]:
            table = "claim_topics" if kind is None else kind.model.table.name
            if rows := pending.get(table):
                marks = ", ".join("?" * len(fields[table]))
                names = ", ".join(fields[table])
                raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
    raw.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=50_000, help="size of the generated ledger")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="factdb-jsonl-bench-"))
    try:
        template = work / "empty.sqlite"
        upgrade(f"sqlite:///{template}")
        ledger = work / "ledger.sqlite"
        shutil.copyfile(template, ledger)
        print(f"generating {args.claims} claims …", file=sys.stderr)
        generate.populate(f"sqlite:///{ledger}", args.claims, args.seed)
        exported, floor_file = work / "export.jsonl", work / "floor.jsonl"
        export_s, export_floor_s = side_by_side(
            lambda: factdb_export(ledger, exported),
            lambda: raw_export(ledger, floor_file),
            args.repeat,
        )
        imported, floor_db = work / "imported.sqlite", work / "floor.sqlite"
        import_s, import_floor_s = side_by_side(
            lambda: factdb_import(template, imported, exported),
            lambda: raw_import(template, floor_db, exported),
            args.repeat,
        )
        again = work / "again.jsonl"
        factdb_export(imported, again)
        identical = again.read_bytes() == exported.read_bytes()
        records = sum(1 for _ in exported.open(encoding="utf-8")) - 2
        size = exported.stat().st_size
    finally:
        shutil.rmtree(work)
    results = [
        {"measure": "export jsonl", "factdb_s": export_s, "floor_s": export_floor_s,
         "target": EXPORT_TARGET, "floor": "raw sqlite3 SELECT + json.dumps per row"},
        {"measure": "import jsonl", "factdb_s": import_s, "floor_s": import_floor_s,
         "target": IMPORT_TARGET, "floor": "json.loads + raw sqlite3 executemany, no checks"},
    ]  # fmt: skip
    for r in results:
        r["ratio"] = r["factdb_s"] / r["floor_s"]
        r["met"] = r["ratio"] <= r["target"]
        r["records_per_s"] = records / r["factdb_s"]
    summary = {"claims": args.claims, "records": records, "bytes": size, "identical": identical}
    if args.json:
        print(json.dumps({**summary, "results": results}, indent=2))
        return
    print(f"{args.claims} claims, {records} records, {size / 1e6:.1f} MB; medians of "
          f"{args.repeat} runs; export → import → export identical: {identical}")  # fmt: skip
    print(f"{'measure':14} {'factdb':>8} {'floor':>8} {'ratio':>6} {'target':>6}  met  records/s")
    for r in results:
        print(f"{r['measure']:14} {r['factdb_s']:7.2f}s {r['floor_s']:7.2f}s {r['ratio']:5.2f}x"
              f" {r['target']:5.1f}x  {'yes' if r['met'] else 'NO ':3}  {r['records_per_s']:9,.0f}"
              f"   floor: {r['floor']}")  # fmt: skip


if __name__ == "__main__":
    main()
