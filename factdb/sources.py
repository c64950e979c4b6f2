"""Sources: the published documents claims appear in.

``check_source`` reads the table with a Core statement, for ``claims list
--source``; the functions that build Source objects import the ORM class
themselves, so that the list starts without it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.errors import InvalidInput, NotFound
from factdb.tables import SOURCES
from factdb.uniqueness import checked
from factdb.validate import choice, clean_text, language, parse_day
from factdb.vocab import SOURCE_KINDS

if TYPE_CHECKING:
    from factdb.models import Source

MAX_FULL_TEXT = 2_000_000


def add_source(
    session: Session,
    *,
    title: str,
    language_code: str,
    user: str,
    kind: str = "news_article",
    outlet: str | None = None,
    url: str | None = None,
    published: dt.date | str | None = None,
    retrieved: dt.date | str | None = None,
    full_text: str | None = None,
    key: str | None = None,
) -> Source:
    from factdb.models import Source

    published_on = parse_day(published, "publication date")
    retrieved_on = parse_day(retrieved, "retrieval date")
    if published_on and retrieved_on and retrieved_on < published_on:
        raise InvalidInput(
            f"retrieval date {retrieved_on} is before publication date {published_on}"
        )
    url = clean_text(url, "url", max_length=2000, required=False)
    if url and not url.startswith(("http://", "https://")):
        raise InvalidInput(f"url {url!r} must start with http:// or https://")
    key = clean_text(key, "key", max_length=100, required=False)
    values = {
        "key": key,
        "title": clean_text(title, "title", max_length=500),
        "outlet": clean_text(outlet, "outlet", max_length=200, required=False),
        "url": url,
        "language": language(language_code),
        "kind": choice(kind, "source kind", SOURCE_KINDS),
        "published": published_on,
        "retrieved": retrieved_on,
        "full_text": clean_text(full_text, "full text", max_length=MAX_FULL_TEXT, required=False),
        "created_by": user,
    }

    def insert() -> Source:
        if key and find_by_key(session, key):
            raise InvalidInput(f"a source with key {key!r} already exists")
        source = Source(**values)
        session.add(source)
        session.flush()
        return source

    # Only a key can be taken by another writer meanwhile.
    return checked(session, insert) if key else insert()


def get_source(session: Session, source_id: int) -> Source:
    from factdb.models import Source

    source = session.get(Source, source_id)
    if source is None:
        raise _no_source(source_id)
    return source


def check_source(session: Session, source_id: int) -> None:
    """Raise NotFound unless the source exists; a Core statement, for filters that
    need no Source object."""
    found = select(SOURCES.c.id).where(SOURCES.c.id == source_id)
    if session.connection().execute(found).first() is None:
        raise _no_source(source_id)


def _no_source(source_id: int) -> NotFound:
    return NotFound(f"no source with id {source_id}: see `factdb sources list`")


def find_by_key(session: Session, key: str) -> Source | None:
    from factdb.models import Source

    return session.scalars(select(Source).where(Source.key == key)).one_or_none()


def list_sources(session: Session) -> list[Source]:
    from factdb.models import Source

    return list(session.scalars(select(Source).order_by(Source.id)))
