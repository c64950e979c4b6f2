"""The ledger file (``factdb load``): a whole article's worth of sources, speakers and
claims as YAML or JSON data, typed by hand (historically "fixtures files", hence the
``factdb_fixtures: 1`` version key and the function names, kept as they are public).

A file is checked completely before anything is written: its syntax (YAML or JSON,
UTF-8, no duplicate keys), its shape (typed models that refuse unknown fields),
and its meaning (figure and date syntax, references between items, statuses).
Every problem is reported with its location, then loading happens in the
caller's single transaction.

Loading is idempotent: sources and claims are matched by their ``key``, speakers
by name or alias. An item already in the database is left as it is; one whose
content differs is reported, never silently overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb import actors, claims, evidence, sources
from factdb.dates import parse_date
from factdb.errors import FactDBError, InvalidInput, NotFound
from factdb.figures import parse_figure
from factdb.formats.reading import decode, read_bytes
from factdb.models import Actor, Claim
from factdb.validate import name_key
from factdb.validation_words import describe
from factdb.vocab import (
    MAX_CLAIM_TEXT,
    MAX_INTEGER,
    VERDICTS,
    ActorKind,
    AttributionKind,
    ClaimType,
    EvidenceStance,
    Modality,
    SourceKind,
    Status,
)

MAX_FILE_BYTES = 50_000_000
# A fixtures file nests a few levels; a hundred is far beyond any real one.
MAX_NESTING = 100
_BRACKETS = re.compile(r"[\[\]{}]")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceItem(Strict):
    key: Key
    id: int | None = Field(
        default=None,
        ge=1,
        le=MAX_INTEGER,
        description="An existing source in the ledger, which this item names",
    )
    title: Text
    language: Text
    kind: SourceKind = "news_article"
    outlet: Text | None = None
    url: Text | None = None
    published: dt.date | None = None
    retrieved: dt.date | None = None
    text: str | None = None
    text_file: Text | None = Field(
        default=None, description="UTF-8 file with the full text, relative to the fixtures file"
    )


class RoleItem(Strict):
    title: Text
    start: dt.date | None = None
    end: dt.date | None = None


class ActorItem(Strict):
    name: Text
    kind: ActorKind = "person"
    country: Text | None = None
    wikidata: Text | None = None
    description: str | None = None
    aliases: list[Text] = []
    roles: list[RoleItem] = []


class AppearanceItem(Strict):
    source: Key
    claimant: Text | None = None
    relay: Text | None = None
    attribution: AttributionKind | None = None
    quote: Text | None = None
    start: int | None = Field(default=None, ge=0, le=MAX_INTEGER)
    end: int | None = Field(default=None, ge=0, le=MAX_INTEGER)


class EvidenceItem(Strict):
    stance: EvidenceStance
    url: Text | None = None
    document: Text | None = None
    note: str | None = None
    accessed: dt.date | None = None


class RepeatItem(Strict):
    """A ledger claim the candidate may repeat (``factdb.matching``): id, score, verdict."""

    id: int
    score: float = Field(ge=0, le=1)
    verdict: str | None = None


class CandidateItem(Strict):
    """Why ``factdb extract`` proposed a claim: for the reviewer, ignored by the loader."""

    confidence: float = Field(ge=0, le=1)
    reason: str
    sentence: str | None = None
    possible_repeats: list[RepeatItem] = []


class ClaimItem(Strict):
    key: Key
    text: Annotated[str, StringConstraints(min_length=1, max_length=MAX_CLAIM_TEXT)]
    language: Text | None = None
    translation: str | None = None
    type: ClaimType | None = None
    modality: Modality = "asserted"
    topics: list[Text] = []
    appearances: list[AppearanceItem] = Field(min_length=1)
    figures: list[Text] = []
    dates: list[Text] = []
    anchor_note: str | None = None
    note: str | None = None
    status: Status = "logged"
    rationale: str | None = None
    evidence: list[EvidenceItem] = []
    candidate: CandidateItem | None = None


class FixturesFile(Strict):
    factdb_fixtures: Literal[1] = Field(description="Format version of the file")
    description: str | None = None
    sources: list[SourceItem] = []
    speakers: list[ActorItem] = []
    claims: list[ClaimItem] = []


@dataclass
class Fixtures:
    path: Path
    data: FixturesFile


@dataclass
class LoadResult:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        target = self.created if created else self.existing
        target[kind] = target.get(kind, 0) + 1

    def summary(self) -> str:
        kinds = ("sources", "speakers", "claims")
        made = ", ".join(f"{self.created.get(k, 0)} {k}" for k in kinds)
        kept = sum(self.existing.values())
        return f"created {made}; {kept} already present, left unchanged"


def read_fixtures(path: Path) -> Fixtures:
    """Parse and validate a fixtures file; raise InvalidInput listing every problem."""
    raw = read_bytes(path, MAX_FILE_BYTES)
    try:
        text = decode(raw, bom=True)
    except InvalidInput as error:
        raise InvalidInput(f"{path}: {error}") from None
    if "\x00" in text:
        raise InvalidInput(f"{path}: contains NUL bytes; is it a binary file?")
    if _nesting(text) > MAX_NESTING:
        raise InvalidInput(f"{path}: nested too deeply to be a fixtures file")
    try:
        return check_fixtures(path, _parse(path, text))
    except RecursionError:  # the parsers and the models recurse into nested blocks
        raise InvalidInput(f"{path}: nested too deeply to be a fixtures file") from None


def _nesting(text: str) -> int:
    """How deep brackets nest (counting those in strings too: an upper bound).

    Checked before parsing: ruamel's scanner takes time quadratic in the depth of
    flow collections, seconds for a thousand ``[``, before any RecursionError."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(text):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def check_fixtures(path: Path, document: Any) -> Fixtures:
    """Validate a parsed document as if read from ``path``; raise InvalidInput listing
    every problem."""
    try:
        data = FixturesFile.model_validate(document)
    except ValidationError as error:
        problems = [f"{_location(e['loc'])} {describe(e)}" for e in error.errors()]
        raise InvalidInput(_problems(path, problems)) from None
    problems = _check_meaning(data)
    if problems:
        raise InvalidInput(_problems(path, problems))
    return Fixtures(path=path, data=data)


def _problems(path: Path, problems: list[str]) -> str:
    shown = "; ".join(problems[:20])
    more = f"; and {len(problems) - 20} more" if len(problems) > 20 else ""
    return f"{path}: {len(problems)} problem(s): {shown}{more}"


def _location(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _parse(path: Path, text: str) -> Any:
    if path.suffix.lower() == ".json":

        def no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
            keys = [k for k, _ in pairs]
            dupes = sorted({k for k in keys if keys.count(k) > 1})
            if dupes:
                raise InvalidInput(f"{path}: duplicate key {dupes[0]!r}")
            return dict(pairs)

        try:
            return json.loads(text, object_pairs_hook=no_duplicates)
        except json.JSONDecodeError as error:
            raise InvalidInput(
                f"{path}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
            ) from None
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    class DatesAsText(SafeConstructor):
        """Leave dates to the typed models, which report a bad one with its location."""

    DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = DatesAsText
    try:
        return yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = error.problem or error.context or "syntax error"
        raise InvalidInput(f"{path}: invalid YAML{where}: {problem}") from None
    except YAMLError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else "syntax error"
        raise InvalidInput(f"{path}: invalid YAML: {first}") from None


def _check_meaning(data: FixturesFile) -> list[str]:
    """Everything the models cannot see: cross-references, syntaxes, workflow rules."""
    problems: list[str] = []
    source_keys = [s.key for s in data.sources]
    claim_keys = [c.key for c in data.claims]
    for kind, keys in (("source", source_keys), ("claim", claim_keys)):
        for key in sorted({k for k in keys if keys.count(k) > 1}):
            problems.append(f"{kind} key {key!r} is used more than once")
    names: dict[str, str] = {}
    for i, actor in enumerate(data.speakers):
        for name in (actor.name, *actor.aliases):
            key = name_key(name)
            if key in names and names[key] != actor.name:
                problems.append(f"speakers[{i}]: name {name!r} already names {names[key]!r}")
            names[key] = actor.name
        for j, role in enumerate(actor.roles):
            if role.start and role.end and role.start > role.end:
                problems.append(f"speakers[{i}].roles[{j}]: period is reversed")
    published = {s.key: s.published for s in data.sources}
    for i, claim in enumerate(data.claims):
        where = f"claims[{i}] ({claim.key})"
        for j, appearance in enumerate(claim.appearances):
            if appearance.source not in published:
                problems.append(
                    f"{where}.appearances[{j}]: source {appearance.source!r} is not in this file"
                )
        anchor = published.get(claim.appearances[0].source)
        for j, spec in enumerate(claim.figures):
            try:
                parse_figure(spec)
            except InvalidInput as error:
                problems.append(f"{where}.figures[{j}]: {error}")
        for j, spec in enumerate(claim.dates):
            try:
                parse_date(spec, default_anchor=anchor)
            except InvalidInput as error:
                problems.append(f"{where}.dates[{j}]: {error}")
        if claim.status in VERDICTS:
            if not claim.evidence:
                problems.append(f"{where}: verdict {claim.status} needs at least one evidence item")
            if not (claim.rationale and claim.rationale.strip()):
                problems.append(f"{where}: verdict {claim.status} needs a rationale")
        if claim.status == "retracted":
            problems.append(f"{where}: a fixtures file cannot load a retracted claim")
        for j, item in enumerate(claim.evidence):
            if problem := evidence.location_problem(item.url, item.document):
                problems.append(f"{where}.evidence[{j}]: {problem}")
    return problems


def _full_text(fixtures: Fixtures, item: SourceItem) -> str | None:
    if item.text_file is None:
        return item.text
    path = fixtures.path.parent / item.text_file
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(
            f"{fixtures.path}: source {item.key}: cannot read {path}: {error}"
        ) from None


def load_fixtures(session: Session, fixtures: Fixtures, *, user: str) -> LoadResult:
    """Write a validated file's content; errors name the item they come from."""
    result = LoadResult()
    data = fixtures.data
    source_ids: dict[str, int] = {}
    for item in data.sources:
        if item.id is not None:
            named = sources.get_source(session, item.id)
            if named.title.strip() != item.title.strip():
                raise InvalidInput(
                    f"{fixtures.path}: source {item.key} names source {item.id}, titled "
                    f"{named.title!r}, not {item.title!r}: fix the id or the title"
                )
            source_ids[item.key] = named.id
            result.count("sources", False)
            continue
        existing = sources.find_by_key(session, item.key)
        if existing is not None:
            _same(f"source {item.key}", existing.title, item.title)
            source_ids[item.key] = existing.id
            result.count("sources", False)
            continue
        with _located(fixtures, f"source {item.key}"):
            source = sources.add_source(
                session,
                key=item.key,
                title=item.title,
                language_code=item.language,
                kind=item.kind,
                outlet=item.outlet,
                url=item.url,
                published=item.published,
                retrieved=item.retrieved,
                full_text=_full_text(fixtures, item),
                user=user,
            )
        source_ids[item.key] = source.id
        result.count("sources", True)
    for item in data.speakers:
        if _existing_actor(session, item) is not None:
            result.count("speakers", False)
            continue
        with _located(fixtures, f"speaker {item.name}"):
            actor = actors.add_actor(
                session,
                name=item.name,
                kind=item.kind,
                country=item.country,
                wikidata=item.wikidata,
                description=item.description,
                aliases=item.aliases,
                user=user,
            )
            for role in item.roles:
                actors.add_role(session, actor.id, role.title, role.start, role.end)
        result.count("speakers", True)
    for item in data.claims:
        existing = session.scalars(select(Claim).where(Claim.key == item.key)).one_or_none()
        if existing is not None:
            _same(f"claim {item.key}", existing.text, item.text)
            result.count("claims", False)
            continue
        with _located(fixtures, f"claim {item.key}"):
            _load_claim(session, item, source_ids, user)
        result.count("claims", True)
    return result


def _load_claim(session: Session, item: ClaimItem, source_ids: dict[str, int], user: str) -> None:
    first, *others = item.appearances
    claim = claims.add_claim(
        session,
        key=item.key,
        text=item.text,
        appearance=_appearance(first, source_ids),
        language_code=item.language,
        translation=item.translation,
        claim_type=item.type,
        modality=item.modality,
        topics=item.topics,
        # The canonical figure syntax, whatever the claim's language ("1.125" is one
        # and an eighth in a French claim's fixture too).
        figures=[parse_figure(f) for f in item.figures],
        dates=item.dates,
        anchor_note=item.anchor_note,
        note=item.note,
        user=user,
    )
    for other in others:
        claims.add_appearance(session, claim.id, _appearance(other, source_ids), user=user)
    for e in item.evidence:
        evidence.add_evidence(
            session,
            claim.id,
            stance=e.stance,
            url=e.url,
            document=e.document,
            note=e.note,
            accessed=e.accessed,
            user=user,
        )
    reason = "loaded from fixtures"
    if item.status in ("in_review", *VERDICTS):
        claims.set_status(session, claim.id, "in_review", reason=reason, user=user)
    if item.status in VERDICTS:
        claims.set_status(
            session, claim.id, item.status, reason=reason, rationale=item.rationale, user=user
        )


def _appearance(item: AppearanceItem, source_ids: dict[str, int]) -> claims.AttributionInput:
    return claims.AttributionInput(
        source_id=source_ids[item.source],
        speaker=item.claimant,
        relay=item.relay,
        kind=item.attribution,
        quote=item.quote,
        start=item.start,
        end=item.end,
    )


def _existing_actor(session: Session, item: ActorItem) -> Actor | None:
    try:
        actor = actors.find_actor(session, item.name)
    except (NotFound, InvalidInput):
        return None
    return actor if name_key(actor.name) == name_key(item.name) else None


def _same(what: str, stored: str, given: str) -> None:
    if stored.strip() != given.strip():
        raise InvalidInput(
            f"{what} is already in the database with different text: "
            "change it with `factdb claims edit` or give the item a new key"
        )


@contextmanager
def _located(fixtures: Fixtures, what: str) -> Iterator[None]:
    """Prefix errors raised while writing an item with the file and item they concern."""
    prefix = f"{fixtures.path}: {what}"
    try:
        yield
    except FactDBError as error:
        if str(error).startswith(prefix):
            raise
        raise type(error)(f"{prefix}: {error}") from None
