"""The ledger as it was recorded at a past moment (transaction time), from the history.

A claim's JSON at moment T is its JSON now with the changes recorded after T undone,
newest first: each history entry keeps the old value of every field it changed
(``edited``, ``status``, ``recheck``…), or says what it added (evidence, an
appearance, a published review), which undoing removes. A claim whose first entry
is after T did not exist yet. Version, history count and ``updated_at``/``_by`` are
those of the last entry at or before T.

What the history does not version is shown as it is now: sources (title, outlet,
publication date) and speakers' names. This is transaction time, what the ledger
said when; the dates a claim is about are valid time (docs/time.md).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from factdb.actors import find_actor
from factdb.dates import parse_date, period_end
from factdb.errors import InvalidInput, NotFound
from factdb.figure_query import figure_filter
from factdb.figures import FigureSpec, parse_figure
from factdb.listing import claim_rows, page_select, records
from factdb.query import ClaimQuery
from factdb.reviews import publisher_key
from factdb.serialize import date_dict, figure_dict
from factdb.spec_rows import figure_values
from factdb.tables import CLAIMS, HISTORY
from factdb.validate import choice, topic_key
from factdb.vocab import STATUSES, VERDICTS

# Claims reconstructed per round trip when paging through the ledger.
CHUNK = 500

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_when(text: str, *, now: dt.datetime | None = None) -> dt.datetime:
    """A moment: an ISO 8601 timestamp with its zone, or a date meaning the end of
    that day in UTC. A moment still to come is refused: nothing is recorded there."""
    now = now or dt.datetime.now(dt.UTC)
    value = text.strip()
    hint = "use YYYY-MM-DD or a timestamp with its zone, e.g. 2025-08-01T09:30:00+02:00"
    if _DAY.fullmatch(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(f"--as-of {text!r} is not a calendar date: {hint}") from None
        if day > now.date():
            raise InvalidInput(f"--as-of {value} is in the future: give a moment already past")
        return dt.datetime.combine(day, dt.time.max, dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"--as-of {text!r} is not a date or a timestamp: {hint}") from None
    if moment.tzinfo is None:
        raise InvalidInput(f"--as-of {text!r} has no time zone: add one, e.g. Z or +02:00")
    moment = moment.astimezone(dt.UTC)
    if moment > now:
        raise InvalidInput(f"--as-of {value} is in the future: give a moment already past")
    return moment


@dataclass(frozen=True)
class _Entry:
    id: int
    claim_id: int
    version: int
    at: dt.datetime
    actor: str
    action: str
    old: object
    new: object


def _entries(session: Session, query) -> Iterator[_Entry]:
    for row in session.execute(query):
        yield _Entry(*row)


def _columns():
    h = HISTORY.c
    return select(h.id, h.claim_id, h.version, h.at, h.actor, h.action, h.old, h.new)


def claims_at(session: Session, rows: Iterable[dict], when: dt.datetime) -> dict[int, dict]:
    """Each claim's JSON (``rows`` as now, from factdb.listing) as recorded at
    ``when``, by id; a claim that did not exist yet is left out."""
    current = {row["id"]: row for row in rows}
    if not current:
        return {}
    h = HISTORY.c
    # The last entry at or before the moment, and how many there were.
    last = {
        claim_id: (entry_id, count)
        for claim_id, entry_id, count in session.execute(
            select(h.claim_id, func.max(h.id), func.count())
            .where(h.claim_id.in_(list(current)), h.at <= when)
            .group_by(h.claim_id)
        )
    }
    if not last:
        return {}
    ids = [entry_id for entry_id, _ in last.values()]
    lasts = {e.claim_id: e for e in _entries(session, _columns().where(h.id.in_(ids)))}
    later: defaultdict[int, list[_Entry]] = defaultdict(list)
    query = _columns().where(h.claim_id.in_(list(last)), h.at > when).order_by(h.id.desc())
    for entry in _entries(session, query):
        later[entry.claim_id].append(entry)
    found = {}
    for claim_id, (_, count) in last.items():
        data = copy.deepcopy(current[claim_id])
        for entry in later.get(claim_id, ()):
            _undo(data, entry)
        _derive(data)
        entry = lasts[claim_id]
        data["version"] = entry.version
        data["history_count"] = count
        data["updated_at"] = entry.at.isoformat()
        data["updated_by"] = entry.actor
        found[claim_id] = data
    return found


def current_rows(session: Session, *conditions, limit: int | None = None) -> list[dict]:
    """The JSON rows, as now, of the claims meeting ``conditions``, in id order."""
    query = page_select().where(*conditions).order_by(CLAIMS.c.id).limit(limit)
    return claim_rows(session, records(session.execute(query)))


def claim_at(session: Session, claim_id: int, when: dt.datetime) -> dict:
    """One claim's JSON as recorded at ``when``."""
    rows = current_rows(session, CLAIMS.c.id == claim_id)
    if not rows:
        raise NotFound(f"no claim with id {claim_id}: see `factdb claims list`")
    found = claims_at(session, rows, when)
    if claim_id not in found:
        raise NotFound(f"claim {claim_id} was not recorded yet at {when.isoformat()}")
    return found[claim_id]


# Undoing a change ---------------------------------------------------------------------

_PLAIN = ("text", "language", "translation", "modality", "status", "rationale", "note")


def _undo(data: dict, entry: _Entry) -> None:
    new = entry.new if isinstance(entry.new, dict) else {}
    if entry.action == "evidence_added":
        data["evidence"] = [e for e in data["evidence"] if e["id"] != new.get("id")]
    elif entry.action == "appearance_added":
        # Entries written before the fix to add_appearance name no source: the
        # appearance added last is the one.
        appearances = data["appearances"]
        for i in range(len(appearances) - 1, 0, -1):
            if new.get("source") in (None, appearances[i]["source"]["id"]):
                del appearances[i]
                break
    elif entry.action in ("repeat_linked", "repeat_unlinked") and "repeats" in data:
        # The claim's direct link; a group joined through a third claim keeps its
        # other members until that claim's own link is undone.
        link = new or (entry.old if isinstance(entry.old, dict) else {})
        other = link.get("repeat") if link.get("claim") == data["id"] else link.get("claim")
        repeats = set(data["repeats"]) - {other}
        if entry.action == "repeat_unlinked":
            repeats.add(other)
        data["repeats"] = sorted(repeats)
    elif entry.action == "review_added" and "reviews" in data:
        for i in range(len(data["reviews"]) - 1, -1, -1):
            review = data["reviews"][i]
            if all(review.get(k) == v for k, v in new.items() if k in review):
                del data["reviews"][i]
                break
    elif isinstance(entry.old, dict):
        old = entry.old
        for key in _PLAIN:
            if key in old:
                data[key] = old[key]
        if "type" in old:
            data["type"] = old["type"]
        if "recheck_on" in old:
            data["recheck_on"] = old["recheck_on"]
        if "topics" in old:
            data["topics"] = list(old["topics"])
        if "figures" in old:
            data["figures"] = [_figure(spec) for spec in old["figures"]]
        if "dates" in old:
            data["dates"] = [_date(spec) for spec in old["dates"]]
        if "date_notes" in old:
            for date, note in zip(data["dates"], old["date_notes"], strict=True):
                date["anchor_note"] = note
        if "attributions" in old:
            sources = {a["source"]["id"]: a["source"] for a in data["appearances"]}
            data["appearances"] = [
                {
                    "source": sources[a["source"]],
                    "claimant": a["claimant"],
                    "relay": a["relay"],
                    "attribution": a["attribution"],
                    "quote": a["quote"],
                    "start": None,
                    "end": None,
                }
                for a in old["attributions"]
            ]
        if "offsets" in old:
            for appearance, (start, end) in zip(data["appearances"], old["offsets"], strict=True):
                appearance["start"], appearance["end"] = start, end


def _derive(data: dict) -> None:
    """The fields computed from others, after the others are set back."""
    primary = data["appearances"][0]
    data["claimant"] = primary["claimant"]
    data["relay"] = primary["relay"]
    data["attribution"] = primary["attribution"]
    data["source"] = dict(primary["source"])
    data["verdict"] = data["status"] if data["status"] in VERDICTS else None
    if "reviews" in data and "review_count" in data:
        data["review_count"] = len(data["reviews"])


def _figure(spec: str) -> dict:
    """A figure from its spec, with the columns a stored row would have."""
    return figure_dict(cast(Any, SimpleNamespace(**figure_values(parse_figure(spec)))))


def _date(spec: str) -> dict:
    """A date from its spec; the anchor note, which the spec leaves out, comes from the
    entry's ``date_notes`` when it changed."""
    row = SimpleNamespace(**dataclasses.asdict(parse_date(spec)), anchor_note=None)
    return date_dict(cast(Any, row))


# Listing -----------------------------------------------------------------------------


def list_at(session: Session, q: ClaimQuery, when: dt.datetime) -> tuple[list[dict], bool]:
    """The page of claims matching ``q`` as the ledger recorded them at ``when``, in id
    order, and whether more follow: the claims that existed then, reconstructed a
    chunk at a time and matched against the filters as they were (full-text search
    matches every word, accents and case aside, rather than ranking)."""
    match = _matcher(session, q)
    wanted = None if q.limit is None else q.offset + q.limit + 1
    found: list[dict] = []
    after = 0
    h = HISTORY.c
    existed = exists().where(h.claim_id == CLAIMS.c.id, h.at <= when)
    # The first chunk is the page itself: without filters it is usually enough.
    chunk = min(wanted or CHUNK, CHUNK)
    while wanted is None or len(found) < wanted:
        rows = current_rows(session, CLAIMS.c.id > after, existed, limit=chunk)
        chunk = CHUNK
        if not rows:
            break
        after = rows[-1]["id"]
        states = claims_at(session, rows, when)
        found += [states[r["id"]] for r in rows if r["id"] in states and match(states[r["id"]])]
    more = wanted is not None and len(found) >= wanted
    return found[q.offset : None if wanted is None else wanted - 1], more


def _matcher(session: Session, q: ClaimQuery):
    """A test of a claim's JSON against ``q``'s filters, checked as ``claims list``
    checks them."""
    tests = []
    if q.limit is not None and q.limit < 1:
        raise InvalidInput("--limit must be at least 1")
    if q.offset < 0:
        raise InvalidInput("--offset cannot be negative")
    if q.status == "verdict":
        tests.append(lambda c: c["status"] in VERDICTS)
    elif q.status:
        status = choice(q.status, "status", STATUSES)
        tests.append(lambda c: c["status"] == status)
    if not q.include_retracted and q.status != "retracted":
        tests.append(lambda c: c["status"] != "retracted")
    if q.speaker:
        name = find_actor(session, q.speaker).name
        tests.append(lambda c: any(name in (a["claimant"], a["relay"]) for a in c["appearances"]))
    if q.source_id is not None:
        tests.append(lambda c: any(a["source"]["id"] == q.source_id for a in c["appearances"]))
    if q.topic:
        topic = topic_key(q.topic)
        tests.append(lambda c: topic in c["topics"])
    if q.since or q.until:
        if q.since and q.until and q.since > q.until:
            raise InvalidInput(f"--since {q.since} is after --until {q.until}")
        tests.append(lambda c: any(_date_within(d, q) for d in c["dates"]))
    if q.unit or q.min_value is not None or q.max_value is not None:
        bounds = figure_filter(session.connection(), q.unit, q.min_value, q.max_value)
        tests.append(lambda c: any(_figure_within(f, bounds) for f in c["figures"]))
    if q.rated is not None or q.reviewer is not None:
        rated = None if q.rated is None else choice(q.rated, "--rated verdict", (*VERDICTS, "any"))
        reviewer = None if q.reviewer is None else publisher_key(q.reviewer)
        if reviewer == "":
            raise InvalidInput("--reviewer needs a publisher's name: letters or digits")
        tests.append(lambda c: any(_review_matches(r, rated, reviewer) for r in c["reviews"]))
    if q.repeated:
        tests.append(lambda c: bool(c["repeats"]))
    if q.text:
        words = _folded(q.text).split()
        tests.append(lambda c: all(w in _folded(f"{c['text']} {c['translation']}") for w in words))
    return lambda claim: all(test(claim) for test in tests)


def _date_within(date: dict, q: ClaimQuery) -> bool:
    if date["role"] != q.date_role or date["value"] is None:
        return False
    start = parse_date(date["value"]).value
    end = period_end(start, date["precision"])
    return not (q.since and end and end < q.since) and not (q.until and start and start > q.until)


def _review_matches(review: dict, rated: str | None, reviewer: str | None) -> bool:
    """As --rated and --reviewer together: one review with that verdict by that publisher."""
    return (rated in (None, "any") or review["verdict"] == rated) and (
        reviewer is None or publisher_key(review["publisher"]) == reviewer
    )


def _figure_within(figure: dict, bounds: dict) -> bool:
    """The figure filter of ``claims list`` on a claim's JSON: the figure's span in its
    dimension's base unit meets the bounds (a strict bound's own end excluded)."""
    exact = figure["value_base"]
    low = exact if exact is not None else figure["low_base"]
    high = exact if exact is not None else figure["high_base"]
    least, most = bounds.get("min_value"), bounds.get("max_value")
    strict = figure["strict"]
    return (
        ("base_unit" not in bounds or figure["base_unit"] == bounds["base_unit"])
        and (least is None or high is None or high > least or (not strict and high == least))
        and (most is None or low is None or low < most or (not strict and low == most))
    )


def figure_of(figure: dict) -> FigureSpec:
    """A figure of a claim's JSON as the parser gives it, without its words."""
    fields = ("kind", "value", "low", "high", "unit", "per")
    return FigureSpec(**{k: figure[k] for k in fields}, text=None)


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Differences -------------------------------------------------------------------------

# Bookkeeping that changes with every change: left out of a diff.
_BOOKKEEPING = ("version", "history_count", "updated_at", "updated_by")


def claim_diff(
    session: Session, claim_id: int, since: dt.datetime, until: dt.datetime | None = None
) -> list[dict]:
    """What changed in a claim between two moments (``until`` None: now), field by field."""
    rows = current_rows(session, CLAIMS.c.id == claim_id)
    if not rows:
        raise NotFound(f"no claim with id {claim_id}: see `factdb claims list`")
    if until is not None and until < since:
        raise InvalidInput(f"--to {until.isoformat()} is before --from {since.isoformat()}")
    before = claims_at(session, rows, since).get(claim_id)
    after = claims_at(session, rows, until).get(claim_id) if until else rows[0]
    return diff(before, after)


def diff(before: dict | None, after: dict | None) -> list[dict]:
    """Field by field, what differs between two states of a claim (None: not yet recorded)."""
    old = before or {}
    new = after or {}
    fields = [k for k in (new or old) if k not in _BOOKKEEPING]
    return [
        {"field": k, "from": copy.deepcopy(old.get(k)), "to": copy.deepcopy(new.get(k))}
        for k in fields
        if old.get(k) != new.get(k)
    ]
