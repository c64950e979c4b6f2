"""Actors (speakers): people, organisations and states, found by any of their aliases.

``find_actor_id`` reads the tables with Core statements, for ``claims list
--speaker``; the functions that build Actor objects import the ORM classes
themselves, so that the list starts without them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from factdb.errors import InvalidInput, NotFound
from factdb.tables import ACTOR_ALIASES, ACTORS
from factdb.uniqueness import checked
from factdb.validate import choice, clean_text, name_key, parse_day
from factdb.vocab import ACTOR_KINDS

if TYPE_CHECKING:
    from factdb.models import Actor


def add_actor(
    session: Session,
    *,
    name: str,
    user: str,
    kind: str = "person",
    country: str | None = None,
    wikidata: str | None = None,
    description: str | None = None,
    aliases: Iterable[str] = (),
) -> Actor:
    """Create an actor; its canonical name is also its first alias."""
    from factdb.models import Actor

    name = clean_text(name, "name", max_length=200)
    country = clean_text(country, "country", max_length=3, required=False)
    if country and not re.fullmatch(r"[A-Za-z]{2,3}", country):
        raise InvalidInput(f"country {country!r} is not an ISO 3166 code: use e.g. RU, KP, FR")
    wikidata = clean_text(wikidata, "wikidata id", max_length=20, required=False)
    if wikidata and not re.fullmatch(r"Q[1-9]\d*", wikidata):
        raise InvalidInput(f"wikidata id {wikidata!r} is not a Wikidata item: use e.g. Q81612")
    values = {
        "name": name,
        "kind": choice(kind, "actor kind", ACTOR_KINDS),
        "country": country.upper() if country else None,
        "wikidata": wikidata,
        "description": clean_text(description, "description", max_length=2000, required=False),
        "created_by": user,
    }

    def insert() -> Actor:
        if wikidata and session.scalars(select(Actor).where(Actor.wikidata == wikidata)).first():
            raise InvalidInput(f"another actor already has wikidata id {wikidata}")
        actor = Actor(**values)
        session.add(actor)
        for alias in (name, *aliases):
            _attach_alias(session, actor, alias)
        session.flush()
        return actor

    return checked(session, insert)


def _attach_alias(session: Session, actor: Actor, alias: str, lang: str | None = None) -> None:
    from factdb.models import ActorAlias

    alias = clean_text(alias, "alias", max_length=200)
    key = name_key(alias)
    if not key:
        raise InvalidInput(f"alias {alias!r} has no letters or digits")
    if any(a.key == key for a in actor.aliases):
        return
    owner = session.scalars(select(ActorAlias).where(ActorAlias.key == key)).one_or_none()
    if owner is not None:
        raise InvalidInput(
            f"alias {alias!r} already names {owner.actor.name} (actor {owner.actor_id})"
        )
    actor.aliases.append(ActorAlias(alias=alias, key=key, language=lang))


def add_alias(session: Session, who: str | int, alias: str, lang: str | None = None) -> Actor:
    """Add ``alias`` to an actor; one that already names them (ignoring case and
    accents) is refused, so that nobody is told a name was added when it was not."""
    actor = resolve_actor(session, who)
    key = name_key(clean_text(alias, "alias", max_length=200) or "")
    if same := next((a.alias for a in actor.aliases if key and a.key == key), None):
        raise InvalidInput(
            f"alias {alias!r} already names {actor.name} (as {same!r}): nothing to add"
        )

    def insert() -> Actor:
        _attach_alias(session, actor, alias, lang)
        session.flush()
        return actor

    return checked(session, insert)


def add_role(
    session: Session,
    who: str | int,
    title: str,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> Actor:
    from factdb.models import ActorRole

    actor = resolve_actor(session, who)
    start_on, end_on = parse_day(start, "role start"), parse_day(end, "role end")
    if start_on and end_on and start_on > end_on:
        raise InvalidInput(f"role period is reversed: it starts {start_on} after it ends {end_on}")
    actor.roles.append(
        ActorRole(
            title=clean_text(title, "role", max_length=300), start_date=start_on, end_date=end_on
        )
    )
    session.flush()
    return actor


def resolve_actor(session: Session, who: str | int) -> Actor:
    from factdb.models import Actor

    if isinstance(who, int):
        actor = session.get(Actor, who)
        if actor is None:
            raise NotFound(f"no speaker with id {who}: see `factdb speakers list`")
        return actor
    return find_actor(session, who)


def find_actor(session: Session, name: str) -> Actor:
    """The actor one of whose aliases is ``name``, ignoring case and accents (see
    ``find_actor_id``)."""
    from factdb.models import Actor

    return session.get_one(Actor, find_actor_id(session, name))


def find_actor_id(session: Session, name: str) -> int:
    """The id of the actor one of whose aliases is ``name``, ignoring case and accents.

    When no alias matches exactly, a name whose words all appear in exactly one
    actor's alias ("Lavrov" in "Sergueï Lavrov") is accepted; several candidates
    are an error that lists them, never a guess. Core statements: a filter such as
    ``claims list --speaker`` needs no Actor object, nor the ORM classes to build one.
    """
    key = name_key(name)
    if not key:
        raise InvalidInput(f"speaker name {name!r} has no letters or digits")
    aliases = ACTOR_ALIASES.c
    lookup = select(aliases.actor_id, aliases.key, ACTORS.c.name).join(
        ACTORS, ACTORS.c.id == aliases.actor_id
    )
    connection = session.connection()
    exact = connection.execute(lookup.where(aliases.key == key)).first()
    if exact is not None:
        return exact.actor_id
    words = key.split()
    candidates = {
        row.actor_id: row.name
        for row in connection.execute(lookup.where(aliases.key.like(f"%{words[0]}%")))
        if set(words) <= set(row.key.split())
    }
    if len(candidates) == 1:
        return next(iter(candidates))
    if candidates:
        names = ", ".join(sorted(candidates.values()))
        raise InvalidInput(
            f"speaker {name!r} is ambiguous: it could be {names}; give the full name"
        )
    guess = closest_speakers(connection.execute(lookup).all(), key)
    hint = f"did you mean {' or '.join(guess)}? If not, " if guess else ""
    raise NotFound(
        f"unknown speaker {name!r}: {hint}add it with `factdb speakers add` or an alias "
        "with `factdb speakers alias`"
    )


def closest_speakers(aliases, key: str, limit: int = 3) -> list[str]:
    """The names of the speakers one of whose aliases (rows of alias key and actor
    name) is closest to ``key``, by RapidFuzz's weighted ratio: the best first, at
    most ``limit``, none scoring under 80 of 100 (a typo, a transliteration)."""
    from rapidfuzz import fuzz, process

    names = [row.name for row in aliases]
    found = process.extract(
        key, [row.key for row in aliases], scorer=fuzz.WRatio, score_cutoff=80, limit=None
    )
    return list(dict.fromkeys(names[index] for _, _, index in found))[:limit]


def list_actors(session: Session) -> list[Actor]:
    from factdb.models import Actor

    query = select(Actor).options(selectinload(Actor.aliases), selectinload(Actor.roles))
    return list(session.scalars(query.order_by(Actor.name)))
