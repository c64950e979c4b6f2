"""Where the migration scripts are and which revisions they know.

Kept apart from ``factdb.migrate`` so that ``factdb.db`` can tell an old schema from
a newer one without importing the module that drives migrations through it.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory


def migrations_dir() -> Path:
    packaged = Path(__file__).parent / "migrations"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "migrations"


def alembic_config(connection=None) -> Config:
    # Alembic binds its default stdout when it is imported; a test capturing output
    # then leaves it a closed stream, so take the current one.
    config = Config(stdout=sys.stdout)
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def known_revisions() -> frozenset[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())
