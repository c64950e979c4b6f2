"""Full-text search over a claim's text and translation.

Both backends index words without stemming and without accents (see migration
0003), since one ledger mixes French and English: ``coree`` finds ``Corée``,
``Serguei`` finds ``Sergueï``. Every word must match; the last one also matches as a
prefix, so a search can be typed incompletely (``soldat`` finds ``soldats``).

``matches`` gives the matching claim ids with a rank where lower is better: FTS5's
bm25 on SQLite, minus ``ts_rank`` on PostgreSQL.
"""

from __future__ import annotations

import re

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    Select,
    Subquery,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.orm import Session

from factdb.errors import InvalidInput
from factdb.tables import CLAIMS
from factdb.validate import clean_text

# Letters and digits only: this is what both tokenizers keep, and it leaves no
# operator or quote for a user's words to inject into the query syntax.
_WORD = re.compile(r"[^\W_]+")

_FTS = table("claims_fts", column("rowid", Integer), column("rank", Float))

# SQLite keeps claims_fts in step with row triggers (migration 0003). A bulk insert
# drops the insert trigger, indexes its claims in one statement, and puts the trigger
# back, all in its transaction: per row, the trigger cost as much as the claim itself.
SQLITE_INSERT_TRIGGER = (
    "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, text, translation) "
    "VALUES (new.id, new.text, new.translation); END"
)
SQLITE_INDEX_CLAIMS = (
    "INSERT INTO claims_fts(rowid, text, translation) "
    "SELECT id, text, translation FROM claims WHERE id BETWEEN ? AND ?"
)


def search_terms(words: str) -> list[str]:
    """The words to look for, lower-cased; raises InvalidInput when there are none."""
    text = clean_text(words, "search text", max_length=200)
    terms = [w.lower() for w in _WORD.findall(text)]
    if not terms:
        raise InvalidInput(f"search text {text!r} has no words to look for: give letters or digits")
    return terms


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term, the last one as a prefix."""
    return " ".join(f'"{t}"' for t in terms[:-1]) + f' "{terms[-1]}"*'


def tsquery_text(terms: list[str]) -> str:
    """A to_tsquery expression: every term, the last one as a prefix."""
    return " & ".join([*terms[:-1], f"{terms[-1]}:*"])


def query_text(session: Session, words: str) -> str:
    """The search for ``words`` in the backend's syntax: the value ``matches`` takes."""
    terms = search_terms(words)
    if session.get_bind().dialect.name == "sqlite":
        return fts5_query(terms)
    return tsquery_text(terms)


def matches(dialect: str, query: ColumnElement[str]) -> Subquery:
    """A subquery of (id, rank) for the claims whose text or translation match
    ``query``, a search as ``query_text`` writes it (usually a bound parameter)."""
    if dialect == "sqlite":
        found = select(_FTS.c.rowid.label("id"), _FTS.c.rank.label("rank")).where(
            column("claims_fts").op("MATCH")(query)
        )
        return found.subquery("fulltext")
    claims = CLAIMS.c
    vector = func.factdb_claim_tsvector(claims.text, claims.translation)
    # A literal, not a bound 'simple': the dialect module that types it costs start-up.
    tsquery = func.to_tsquery(literal_column("'simple'::regconfig"), func.factdb_unaccent(query))
    found = select(claims.id.label("id"), (-func.ts_rank(vector, tsquery)).label("rank")).where(
        vector.op("@@")(tsquery)
    )
    return found.subquery("fulltext")


def any_terms_query(dialect: str, stems: list[str]) -> str:
    """A search for any of ``stems`` (letters and digits only), each as a prefix, in the
    backend's syntax: the value ``ranked_matches`` and ``document_count`` take."""
    if dialect == "sqlite":
        return " OR ".join(f'"{s}"*' for s in stems)
    return " | ".join(f"{s}:*" for s in stems)


def ranked_matches(dialect: str, limit: int) -> Select:
    """(id, rank) of the ``limit`` best matches of the parameter ``query``, best first."""
    found = matches(dialect, bindparam("query"))
    return select(found.c.id, found.c.rank).order_by(found.c.rank, found.c.id).limit(limit)


def document_count(session: Session, dialect: str, stem: str, cap: int = 2000) -> int:
    """How many claims hold a word starting with ``stem``, counted up to ``cap``."""
    found = matches(dialect, bindparam("query")).select().limit(cap).subquery()
    statement = select(func.count()).select_from(found)
    return session.execute(statement, {"query": any_terms_query(dialect, [stem])}).scalar_one()
