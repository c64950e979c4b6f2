"""schema.org ClaimReview: factdb's verdicts out as JSON-LD, publishers' fact-checks in.

Export writes one ClaimReview per claim with a verdict, rated on factdb's scale
(``ratings.SCALE``: 1 false, 2 misleading, 4 mostly true, 5 true, worst 1, best 5;
an unverifiable claim has a label and no value, since it has no place on a scale).

Import reads ClaimReview as publishers really write it (a single object, a list, an
``@graph``, nodes nested under ``mainEntity`` or a feed's ``item``, Google Fact Check
Tools API records) and keeps each publisher's rating verbatim in ``reviews`` next to
the verdict factdb.ratings maps it to (none when it maps to nothing). A published
review is data about the claim, not the desk's verdict: an import never changes a
claim's status. A claim already in the ledger with the very same words gets the
review added; a new one is created ``logged``, unattributed when the markup names no
claimant, with the review page as where it was seen when no appearance is given.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateutil import parser as date_parser
from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session, selectinload

from factdb import history
from factdb.actors import add_actor
from factdb.claims import AttributionInput, add_appearance, add_claim
from factdb.errors import FactDBError, InvalidInput
from factdb.formats.reading import decode, read_bytes
from factdb.formats.rejects import ImportStats, Progress, Rejected, no_progress
from factdb.languages import detect
from factdb.models import ActorAlias, Attribution, Claim, HistoryEntry, Review, Source
from factdb.ratings import BEST, LABELS, SCALE, WORST, number, verdict_for
from factdb.reviews import publisher_key, review_key
from factdb.serialize import number as number_value
from factdb.serialize import review_dict
from factdb.sources import add_source
from factdb.validate import clean_text, language, name_key
from factdb.vocab import MAX_CLAIM_TEXT, VERDICTS

ORIGIN = "claimreview"
SCHEMA_CONTEXT = "https://schema.org"
UNDETERMINED_LANGUAGE = "und"
MAX_FILE_BYTES = 50_000_000


@dataclass(frozen=True)
class Publisher:
    """The fact-checking organisation named as the author of exported reviews."""

    name: str
    url: str | None = None


# --- export ---------------------------------------------------------------------------


def export_claimreviews(session: Session, publisher: Publisher, base_url: str) -> dict:
    """Every claim with a verdict as a ClaimReview, in one JSON-LD document.

    A review's ``url`` is ``base_url`` followed by the claim's id; its date is the day
    the claim reached its current verdict.
    """
    name = clean_text(publisher.name, "publisher name", max_length=300)
    author: dict[str, Any] = {"@type": "Organization", "name": name}
    if publisher.url:
        author["url"] = _http_url(publisher.url, "publisher url")
    base_url = _http_url(base_url, "base url")
    query = (
        select(Claim)
        .where(Claim.status.in_(VERDICTS))
        .order_by(Claim.id)
        .options(
            selectinload(Claim.attributions).selectinload(Attribution.source),
            selectinload(Claim.attributions).selectinload(Attribution.claimant),
            selectinload(Claim.dates),
            selectinload(Claim.figures),
        )
    )
    claims = list(session.scalars(query))
    decided = _verdict_dates(session, [c.id for c in claims])
    graph = [_claim_review(c, author, base_url, decided.get(c.id)) for c in claims]
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}


def export_published_reviews(session: Session) -> dict:
    """Every published review in the ledger as a ClaimReview, in one JSON-LD document,
    each under its own publisher, url and date with its rating as received (words,
    value and scale): nothing of ours is added to another organisation's verdict.
    Reviews of retracted claims are left out."""
    query = (
        select(Review)
        .join(Claim, Claim.id == Review.claim_id)
        .where(Claim.status != "retracted")
        .order_by(Review.id)
        .options(
            selectinload(Review.claim)
            .selectinload(Claim.attributions)
            .selectinload(Attribution.source),
            selectinload(Review.claim)
            .selectinload(Claim.attributions)
            .selectinload(Attribution.claimant),
            selectinload(Review.claim).selectinload(Claim.dates),
        )
    )
    graph = [_published_review(r) for r in session.scalars(query)]
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}


def _published_review(review: Review) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating"}
    for key, value in (
        ("ratingValue", review.rating_value),
        ("bestRating", review.best_rating),
        ("worstRating", review.worst_rating),
    ):
        if value is not None:
            rating[key] = number_value(value)
    if review.rating_name is not None:
        rating["alternateName"] = review.rating_name
    node: dict[str, Any] = {"@type": "ClaimReview"}
    if review.url:
        node["url"] = review.url
    node |= {
        "claimReviewed": review.claim.text,
        "itemReviewed": _item_reviewed(review.claim),
        "reviewRating": rating,
    }
    if review.publisher:
        node["author"] = {"@type": "Organization", "name": review.publisher}
    if review.published:
        node["datePublished"] = review.published.isoformat()
    if review.language:
        node["inLanguage"] = review.language
    return node


def _http_url(value: str, what: str) -> str:
    url = clean_text(value, what, max_length=2000)
    if not url.startswith(("http://", "https://")):
        raise InvalidInput(f"{what} {url!r} must start with http:// or https://")
    return url


def _verdict_dates(session: Session, claim_ids: list[int]) -> dict[int, dt.date]:
    """When each claim last changed status: the day it reached its current verdict."""
    dates: dict[int, dt.date] = {}
    if not claim_ids:
        return dates
    query = (
        select(HistoryEntry.claim_id, HistoryEntry.at)
        .where(HistoryEntry.claim_id.in_(claim_ids), HistoryEntry.action == "status")
        .order_by(HistoryEntry.id)
    )
    for claim_id, at in session.execute(query):
        dates[claim_id] = at.date()
    return dates


def _claim_review(
    claim: Claim, author: dict, base_url: str, decided: dt.date | None
) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating"}
    value = SCALE[claim.status]
    if value is not None:
        rating |= {"ratingValue": value, "bestRating": BEST, "worstRating": WORST}
    rating["alternateName"] = LABELS[claim.status]
    if claim.rationale:
        rating["ratingExplanation"] = claim.rationale
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": f"{base_url}{claim.id}",
        "claimReviewed": claim.text,
        "itemReviewed": _item_reviewed(claim),
        "reviewRating": rating,
        "author": author,
    }
    if decided:
        review["datePublished"] = decided.isoformat()
    return review


def _item_reviewed(claim: Claim) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim", "inLanguage": claim.language}
    first = claim.attributions[0]
    if first.claimant is not None:
        kind = "Person" if first.claimant.kind == "person" else "Organization"
        item["author"] = {"@type": kind, "name": first.claimant.name}
    appearances = [_creative_work(a.source) for a in claim.attributions]
    item["appearance"] = appearances
    item["firstAppearance"] = appearances[0]
    made = next(
        (d.value for d in claim.dates if d.role == "made" and d.precision == "day" and d.value),
        first.source.published,
    )
    if made:
        item["datePublished"] = made.isoformat()
    if claim.figures:
        # ClaimReview has no field for numbers: the figures go in the text, in the
        # claim's language, a strict bound kept apart from an inclusive one (">" vs ">=").
        from factdb.contradictions import quantity_spec

        shown = "; ".join(quantity_spec(row, claim.language) for row in claim.figures)
        item["description"] = f"Figures: {shown}"
    return item


def _creative_work(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
    if source.outlet:
        work["publisher"] = {"@type": "Organization", "name": source.outlet}
    if source.url:
        work["url"] = source.url
    if source.published:
        work["datePublished"] = source.published.isoformat()
    return work


# --- reading a file -------------------------------------------------------------------


def read_document(path: Path) -> Any:
    """Parse a ClaimReview file; any problem is one line naming the file and where."""
    data = read_bytes(path, MAX_FILE_BYTES)
    try:
        text = decode(data, bom=True)
    except InvalidInput as error:
        raise InvalidInput(f"{path}: {error}") from None
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{path}, line {error.lineno} column {error.colno}: invalid JSON-LD: {error.msg}"
        ) from None
    except ValueError as error:
        raise InvalidInput(f"{path}: invalid JSON-LD: {error}") from None
    except RecursionError:
        raise InvalidInput(
            f"{path}: invalid JSON-LD: nested too deeply to read "
            "(a ClaimReview is a few levels deep): check how the file was made"
        ) from None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


# --- finding the records --------------------------------------------------------------


def _types(node: dict) -> list[str]:
    """Local type names: "ClaimReview" for schema:ClaimReview or http(s)://schema.org/…"""
    given = node.get("@type")
    names = given if isinstance(given, list) else [given]
    return [
        re.sub(r"^(?:https?://schema\.org/|schema:)", "", n) for n in names if isinstance(n, str)
    ]


def _is_api_claim(node: dict) -> bool:
    """A Google Fact Check Tools API claim: ``text`` and a ``claimReview`` list."""
    return isinstance(node.get("claimReview"), list) and "text" in node


def find_reviews(document: Any) -> Iterator[tuple[str, dict]]:
    """Every ClaimReview in a document, in document order, however deeply nested:
    ``("jsonld", node)`` for schema.org nodes, ``("api", claim)`` for API records."""
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if "ClaimReview" in _types(node):
                yield "jsonld", node
            elif _is_api_claim(node):
                yield "api", node
            else:
                stack.extend(reversed(list(node.values())))


# --- normalising one record -----------------------------------------------------------


@dataclass
class Appearance:
    """Where the claim was published: a url, or at least a title."""

    url: str | None
    title: str | None
    published: dt.date | None
    outlet: str | None = None


@dataclass
class FactCheck:
    """One fact-check, checked and cleaned, before anything is written."""

    claim_text: str
    language: str
    claimant: str | None
    claimant_kind: str
    claimant_note: str | None
    made: dt.date | None
    appearances: list[Appearance]
    publisher: str | None
    review_url: str | None
    review_title: str | None
    published: dt.date | None
    rating_value: float | None
    best: float | None
    worst: float | None
    rating_name: str | None
    verdict: str | None = field(init=False)

    def __post_init__(self) -> None:
        self.verdict = verdict_for(self.rating_name, self.rating_value, self.best, self.worst)


def _one(value: Any) -> Any:
    """The first of a list (publishers write one value as a one-element list)."""
    while isinstance(value, list):
        if not value:
            return None
        value = value[0]
    return value


def _text(value: Any, what: str, max_length: int = 500) -> str | None:
    value = _one(value)
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("@value", value.get("name"))
        return _text(value, what, max_length)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Rejected(f"{what} is a {type(value).__name__}, not text")
    try:
        return clean_text(str(value), what, max_length=max_length, required=False)
    except InvalidInput as error:
        raise Rejected(str(error)) from None


def _name_and_note(value: Any, what: str) -> tuple[str | None, str | None, str]:
    """A person or organisation given as a string, an object or a list of either;
    a list in ``name`` (Africa Check: [name, job]) keeps the rest as a note."""
    value = _one(value) if not isinstance(value, dict) else value
    if value is None:
        return None, None, "person"
    if isinstance(value, str):
        return _text(value, what, 200), None, "person"
    if not isinstance(value, dict):
        raise Rejected(f"{what} is a {type(value).__name__}, not a name")
    kind = "person" if "Person" in _types(value) or not _types(value) else "organisation"
    names = value.get("name")
    if isinstance(names, list) and len(names) > 1:
        rest = "; ".join(str(n) for n in names[1:] if isinstance(n, str | int | float))
        return _text(names[0], what, 200), _text(rest, f"{what} note", 2000), kind
    return _text(names, what, 200), None, kind


_BAD_OFFSET = re.compile(r"([+-])(\d):(\d\d)$")


def _date(value: Any, what: str) -> dt.date | None:
    """The calendar day a timestamp was written on (its own time zone, not UTC).

    A one-digit hour offset ("+5:30", seen at Vishvas News) is repaired to "+05:30";
    anything else that is not an ISO 8601-like date rejects the record.
    """
    text = _text(value, what, 100)
    if not text:
        return None
    repaired = _BAD_OFFSET.sub(r"\g<1>0\2:\3", text)
    if re.match(r"\d{4}-\d{2}-\d{2}", repaired):
        try:
            moment = date_parser.isoparse(repaired.replace(" ", "T", 1))
        except (ValueError, OverflowError):
            raise Rejected(f"{what} {text!r} is not a date") from None
    else:
        moment = _spelled_date(text, what)
    if not 1000 <= moment.year <= 2999:
        raise Rejected(f"{what} {text!r} is out of range")
    return moment.date()


_FIRST, _SECOND = dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2)


def _spelled_date(text: str, what: str) -> dt.datetime:
    """A date with its month in English words ("June 23, 2020"), read by dateutil.

    Numeric day/month orders (03/04/2020) are ambiguous across publishers, and a date
    missing its day, month or year would be completed by a guess: both reject."""
    if re.match(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}", text):
        raise Rejected(f"{what} {text!r} is ambiguous (day/month order): use YYYY-MM-DD")
    try:
        first = date_parser.parse(text, default=_FIRST)
        second = date_parser.parse(text, default=_SECOND)
    except (ValueError, OverflowError):
        raise Rejected(f"{what} {text!r} is not a date: expected YYYY-MM-DD[THH:MM…]") from None
    if first.date() != second.date():
        raise Rejected(f"{what} {text!r} is not a whole date: give day, month and year")
    return first


def _url(value: Any, what: str) -> str | None:
    """An absolute http(s) URL, or None: BOOM's claimant has ``"url": "/"``."""
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    text = _text(value, what, 2000)
    if text and text.startswith(("http://", "https://")):
        return text
    return None


def _language(*values: Any) -> str:
    """The first usable language code (a Language object or a tag); the last value given
    is the caller's default and always usable."""
    for value in values:
        if isinstance(value, dict):
            value = value.get("alternateName") or value.get("name")
        if not isinstance(value, str):
            continue
        try:
            return language(value)
        except InvalidInput:
            continue
    return UNDETERMINED_LANGUAGE


def _appearances(item: dict, claim_text: str) -> list[Appearance]:
    """Where the claim appeared: ``firstAppearance``, ``appearance``, and the reviewed
    item itself when it has a url; one per url (or per title, for a work without one)."""
    nodes = []
    for key in ("firstAppearance", "appearance"):
        given = item.get(key)
        nodes.extend(given if isinstance(given, list) else [given])
    found: dict[str, Appearance] = {}
    for node in [*nodes, item]:
        if isinstance(node, str):
            node = {"url": node}
        if not isinstance(node, dict):
            continue
        url = _url(node.get("url"), "appearance url")
        if node is item and not url:
            continue  # the claim itself, not a place it appeared
        title = _text(node.get("name") or node.get("headline"), "appearance title")
        if title == claim_text:
            title = None  # BOOM names the reviewed item with the claim's own words
        key = url or title
        if not key or key in found:
            continue
        outlet, _, _ = _name_and_note(node.get("publisher"), "appearance publisher")
        found[key] = Appearance(
            url=url,
            title=title,
            published=_date(node.get("datePublished"), "appearance datePublished"),
            outlet=outlet,
        )
    return list(found.values())


def _dict(value: Any, what: str) -> dict:
    value = _one(value)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Rejected(f"{what} is a {type(value).__name__}, not an object")
    return value


def jsonld_record(node: dict, default_language: str = UNDETERMINED_LANGUAGE) -> FactCheck:
    """A schema.org ClaimReview node as a checked record; Rejected says why not."""
    claim_text = _text(node.get("claimReviewed"), "claimReviewed", MAX_CLAIM_TEXT)
    if not claim_text:
        raise Rejected("no claimReviewed: a ClaimReview must say what claim it checks")
    item = _dict(node.get("itemReviewed"), "itemReviewed")
    claimant, note, kind = _name_and_note(item.get("author"), "itemReviewed.author")
    # The reviewing organisation: BOOM names its writer (a Person) as author and
    # itself as publisher.
    author, _, author_kind = _name_and_note(node.get("author"), "author")
    publisher, _, _ = _name_and_note(node.get("publisher"), "publisher")
    if author and (author_kind == "organisation" or not publisher):
        publisher = author
    rating = _dict(node.get("reviewRating"), "reviewRating")
    raw_value = _one(rating.get("ratingValue"))
    value = number(raw_value)
    label = _text(rating.get("alternateName") or rating.get("name"), "rating label", 300)
    if value is None and raw_value is not None and not label:
        label = _text(raw_value, "ratingValue", 300)
    return FactCheck(
        claim_text=claim_text,
        language=_language(item.get("inLanguage"), node.get("inLanguage"), default_language),
        claimant=claimant,
        claimant_kind=kind,
        claimant_note=note,
        made=_date(item.get("datePublished"), "itemReviewed.datePublished"),
        appearances=_appearances(item, claim_text),
        publisher=publisher,
        review_url=_url(node.get("url"), "url"),
        review_title=_text(node.get("name") or node.get("headline"), "name"),
        published=_date(node.get("datePublished"), "datePublished"),
        rating_value=value,
        best=number(_one(rating.get("bestRating"))),
        worst=number(_one(rating.get("worstRating"))),
        rating_name=label,
    )


def api_records(
    claim: dict, default_language: str = UNDETERMINED_LANGUAGE
) -> Iterator[FactCheck | Rejected]:
    """The reviews of one Google Fact Check Tools API claim, or why each is rejected."""
    for review in claim["claimReview"]:
        try:
            if not isinstance(review, dict):
                raise Rejected(f"claimReview entry is a {type(review).__name__}, not an object")
            text = _text(claim.get("text"), "text", MAX_CLAIM_TEXT)
            if not text:
                raise Rejected("no text: an API claim must say what claim was checked")
            publisher = _dict(review.get("publisher"), "publisher")
            yield FactCheck(
                claim_text=text,
                language=_language(review.get("languageCode"), default_language),
                claimant=_text(claim.get("claimant"), "claimant", 200),
                claimant_kind="person",
                claimant_note=None,
                made=_date(claim.get("claimDate"), "claimDate"),
                appearances=[],
                publisher=_text(publisher.get("name") or publisher.get("site"), "publisher", 200),
                review_url=_url(review.get("url"), "url"),
                review_title=_text(review.get("title"), "title"),
                published=_date(review.get("reviewDate"), "reviewDate"),
                rating_value=None,
                best=None,
                worst=None,
                rating_name=_text(review.get("textualRating"), "textualRating", 300),
            )
        except Rejected as error:
            yield error


# --- import ---------------------------------------------------------------------------


@dataclass
class ClaimReviewImport:
    """The counts, each rejected record's position and reason, and the ratings that
    mapped to no verdict (kept, with no verdict)."""

    stats: ImportStats
    rejected: list[tuple[int, str]] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)

    def reject(self, position: int, reason: str, record: Any) -> None:
        self.stats.reject(position, reason, record)
        self.rejected.append((position, reason))


def import_claimreviews(
    session: Session,
    document: Any,
    *,
    user: str,
    default_language: str | None = None,
    stats: ImportStats | None = None,
    progress: Progress = no_progress,
) -> ClaimReviewImport:
    """Import every ClaimReview in a parsed JSON-LD document.

    Each record is imported (a new claim), merged (its claim is already there: the
    review is added to it unless it has that very review), or rejected with its
    position and reason; a rejected record leaves nothing behind (it runs in a
    savepoint). A document with no ClaimReview at all is an error, not an empty
    import. ``default_language`` is the language of claims whose markup has no
    ``inLanguage``; without it, that language is detected from the claim's words
    (factdb.languages: BCP 47 "und", undetermined, when too short to tell).
    """
    detected = default_language is None
    default_language = language(default_language or UNDETERMINED_LANGUAGE, "default language")
    result = ClaimReviewImport(stats or ImportStats())
    stats = result.stats
    found = list(find_reviews(document))
    if not found:
        raise InvalidInput(
            "no ClaimReview found: expected schema.org JSON-LD with an object whose @type "
            "is ClaimReview (alone, in a list, in @graph or nested)"
        )
    position = 0
    for shape, node in found:
        records = (
            api_records(node, default_language)
            if shape == "api"
            else [_checked(node, default_language)]
        )
        for record in records:
            position += 1
            stats.read += 1
            progress(1)
            if isinstance(record, Rejected):
                result.reject(position, str(record), node)
                continue
            if detected and record.language == UNDETERMINED_LANGUAGE:
                record.language = detect(record.claim_text)
            try:
                with session.begin_nested():
                    merged = _store(session, record, user)
            except (Rejected, FactDBError) as error:
                result.reject(position, str(error), node)
                continue
            except (DataError, IntegrityError) as error:
                # A value the checks let through and a column cannot hold: this record
                # only, the savepoint has undone it.
                detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
                result.reject(position, f"the database refused it: {detail}", node)
                continue
            if merged:
                stats.merged += 1
            else:
                stats.imported += 1
            if record.verdict is None:
                result.unmapped.append(_rating_text(record))
    return result


def _checked(node: dict, default_language: str) -> FactCheck | Rejected:
    try:
        return jsonld_record(node, default_language)
    except Rejected as error:
        return error
    except RecursionError:
        return Rejected("nested too deeply: a ClaimReview is a few levels deep")


def _rating_text(record: FactCheck) -> str:
    if record.rating_name:
        return record.rating_name
    if record.rating_value is not None:
        return f"{record.rating_value:g} on {record.worst or WORST:g}..{record.best or BEST:g}"
    return "no rating"


def _reviewed_claim(session: Session, record: FactCheck) -> Claim | None:
    """The claim the review rates, if the ledger has it: the first with the very same words."""
    return session.scalars(
        select(Claim).where(Claim.text == record.claim_text).order_by(Claim.id)
    ).first()


def _store(session: Session, record: FactCheck, user: str) -> bool:
    """Write one record; True when its claim was already there (merged).

    The review is added to the claim's published reviews unless that very review is
    already there; the claim's own status and verdict are never touched.
    """
    claim = _reviewed_claim(session, record)
    merged = claim is not None
    if claim is None:
        claim = _new_claim(session, record, user)
    key = review_key(
        claim.id,
        record.publisher,
        record.review_url,
        record.rating_name,
        record.rating_value,
        record.best,
        record.worst,
    )
    if session.scalars(select(Review.id).where(Review.key == key)).first() is not None:
        return True
    review = Review(
        key=key,
        origin=ORIGIN,
        publisher=record.publisher,
        publisher_key=publisher_key(record.publisher),
        url=record.review_url,
        published=record.published,
        language=record.language,
        rating_value=record.rating_value,
        best_rating=record.best,
        worst_rating=record.worst,
        rating_name=record.rating_name,
        verdict=record.verdict,
        created_by=user,
    )
    claim.reviews.append(review)
    history.touch(claim, user)
    history.record(session, claim, "review_added", user=user, new=review_dict(review))
    return merged


def _new_claim(session: Session, record: FactCheck, user: str) -> Claim:
    """The reviewed claim, logged: where it appeared (or, with no appearance given,
    the review page as where it was seen), said by its claimant or unattributed."""
    sources = [_appearance_source(session, a, record, user) for a in record.appearances]
    if not sources:
        if not record.review_url:
            raise Rejected("no appearance and no review url: nothing to cite as the source")
        sources = [_review_source(session, record, user)]
    claimant = _claimant(session, record, user)
    # A post by the claimant is their own words; a page with an outlet (or the review
    # itself) reports them; with no known claimant the claim is unattributed.
    if claimant is None:
        kind = "unattributed"
    elif sources[0].outlet or not record.appearances:
        kind = "reported"
    else:
        kind = "direct"
    claim = add_claim(
        session,
        text=record.claim_text,
        appearance=AttributionInput(source_id=sources[0].id, speaker=claimant, kind=kind),
        user=user,
        language_code=record.language,
        # A reviewed claim is something someone said; its date is when it was said.
        claim_type="quote",
        dates=[f"made:{record.made.isoformat()}"] if record.made else [],
    )
    for source in sources[1:]:
        add_appearance(
            session,
            claim.id,
            AttributionInput(source_id=source.id, speaker=claimant, kind=kind),
            user=user,
        )
    return claim


def _claimant(session: Session, record: FactCheck, user: str) -> str | None:
    """The claimant's canonical name: an actor with that exact alias, else a new one."""
    if not record.claimant:
        return None
    key = name_key(record.claimant)
    if not key:
        raise Rejected(f"claimant {record.claimant!r} has no letters or digits")
    alias = session.scalars(select(ActorAlias).where(ActorAlias.key == key)).one_or_none()
    if alias is not None:
        return alias.actor.name
    actor = add_actor(
        session,
        name=record.claimant,
        kind=record.claimant_kind,
        description=record.claimant_note,
        user=user,
    )
    return actor.name


def _appearance_source(
    session: Session, appearance: Appearance, record: FactCheck, user: str
) -> Source:
    same = (
        Source.url == appearance.url
        if appearance.url
        else (Source.url.is_(None) & (Source.title == appearance.title))
    )
    existing = session.scalars(select(Source).where(same).order_by(Source.id)).first()
    if existing is not None:
        return existing
    return add_source(
        session,
        title=appearance.title or appearance.url or "",
        language_code=record.language,
        outlet=appearance.outlet,
        url=appearance.url,
        published=appearance.published or record.made,
        user=user,
    )


def _review_source(session: Session, record: FactCheck, user: str) -> Source:
    existing = session.scalars(select(Source).where(Source.url == record.review_url)).first()
    if existing is not None:
        return existing
    return add_source(
        session,
        title=record.review_title or f"ClaimReview by {record.publisher or record.review_url}",
        language_code=record.language,
        outlet=record.publisher,
        url=record.review_url,
        published=record.published,
        user=user,
    )
