"""Extraction against the ledger: the known actors names are linked to, the source
an article is, and loading the candidates a reviewer accepted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from factdb.actors import list_actors
from factdb.errors import InvalidInput
from factdb.extract.article import read_article
from factdb.extract.names import Actor
from factdb.extract.pipeline import LANGUAGES, Candidate, Extraction, Found, extract
from factdb.extract.review import SourceInfo, review_document, source_key
from factdb.formats.ledger import LoadResult, check_fixtures, load_fixtures
from factdb.sources import get_source
from factdb.unit_vocab import unit_key
from factdb.units import known_units
from factdb.validate import clean_text, language, parse_day


def known_actors(session: Session) -> list[Actor]:
    return [Actor(a.name, tuple(x.alias for x in a.aliases)) for a in list_actors(session)]


def extract_file(
    session: Session,
    path: Path,
    *,
    source_id: int | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | date | None = None,
    lang: str | None = None,
    use_spacy: bool | None = None,
) -> tuple[Extraction, SourceInfo]:
    """Read and extract ``path``; the source is ``source_id`` or a new one described
    by ``title``, ``outlet`` and ``published`` (the anchor of relative dates)."""
    if source_id is not None and (title or outlet or published):
        raise InvalidInput(
            "give either --source for a source in the ledger or --title/--outlet/--published "
            "for a new one, not both"
        )
    if lang is not None and lang not in LANGUAGES:
        raise InvalidInput(f"language {lang!r} is not supported: use fr or en")
    published_on = parse_day(published, "publication date")
    title = clean_text(title, "title", max_length=500, required=False)
    outlet = clean_text(outlet, "outlet", max_length=200, required=False)
    text = read_article(path)
    if source_id is not None:
        source = get_source(session, source_id)
        if source.full_text is not None and source.full_text != text:
            raise InvalidInput(
                f"{path} is not the text stored for source {source_id}: extract the stored "
                "text, or describe a new source with --title and --published"
            )
        lang = lang or (source.language if source.language in LANGUAGES else None)
        info = SourceInfo(
            key=source.key or f"source-{source.id}",
            id=source.id,
            title=source.title,
            language=source.language,
            published=source.published,
        )
    else:
        title = title or text.split("\n", 1)[0][:200].strip()
        info = SourceInfo(
            key=source_key(title, published_on),
            title=title,
            language="",
            outlet=outlet,
            published=published_on,
        )
    extraction = extract(
        text, lang=lang, anchor=info.published, actors=known_actors(session), use_spacy=use_spacy
    )
    if info.id is None:
        info = replace(info, language=language(extraction.lang))
    extraction.candidates = _ledger_units(session, extraction.candidates)
    return extraction, info


def _ledger_units(session: Session, candidates: list[Candidate]) -> list[Candidate]:
    """Each proposed figure in the unit the ledger knows its noun as ("réacteurs" →
    "reactors" once that alias exists); a noun it does not know stays, a new unit."""
    names = {f.spec.unit for c in candidates for f in c.figures}
    known = known_units(session.connection(), names)

    def mapped(found: Found) -> Found:
        unit = known.get(unit_key(found.spec.unit), found.spec.unit)
        return (
            found
            if unit == found.spec.unit
            else found._replace(spec=replace(found.spec, unit=unit))
        )

    return [replace(c, figures=tuple(mapped(f) for f in c.figures)) for c in candidates]


def load_accepted(
    session: Session,
    extraction: Extraction,
    source: SourceInfo,
    accepted: list[Candidate],
    *,
    path: Path,
    user: str,
) -> LoadResult:
    """Load the accepted candidates, checked as a review file would be, in the
    caller's transaction."""
    document = review_document(extraction, source, accepted)
    return load_fixtures(session, check_fixtures(path, document), user=user)
