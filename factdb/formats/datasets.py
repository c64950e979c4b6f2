"""Importers for published fact-check datasets: LIAR, LIAR-PLUS and ClaimsKG CSV exports.

Files are read as a stream of physical lines, each decoded on its own, so that memory
stays flat and a bad byte is reported with its line number. Each record becomes a
``ClaimRecord`` (or a rejection with its line number and reason) and goes to the
bulk writer; a problem with the file itself (not UTF-8, binary, truncated, not the
expected columns) stops the import with one line and the caller's transaction rolls
back, so the database is left as it was.

Merge keys make re-imports idempotent: a LIAR statement is ``liar:<PolitiFact id>``
(LIAR and LIAR-PLUS share ids, so importing both merges them); a ClaimsKG row is
``claimskg:`` plus a hash of publisher, review URL and claim text.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from factdb.dates import DateSpec
from factdb.errors import FactDBError, InvalidInput
from factdb.formats.bulk import (
    BATCH_SIZE,
    CACHE_SIZE,
    BulkWriter,
    ClaimRecord,
    ReviewRecord,
    SourceRecord,
    SpeakerRecord,
    folded_name,
    folded_topic,
)
from factdb.formats.reading import decode, open_file
from factdb.formats.rejects import ImportStats, Progress, Rejected, Rejects, no_progress
from factdb.ratings import verdict_for
from factdb.validate import clean_text, language, name_key
from factdb.vocab import MAX_CLAIM_TEXT

# Junk seen inside LIAR statements and AFP values: byte-order marks, C1 controls,
# zero-width spaces and bidi embedding controls. They carry no meaning, break text
# matching, and bidi controls can make a claim display as something else.
_JUNK = re.compile("[\ufeff\u0080-\u009f\u200b\u202a-\u202e\u2066-\u2069]")
_PROGRESS_STEP = 1 << 16


def _text(value: str | None, field: str, *, max_length: int, required: bool = True) -> str | None:
    return clean_text(
        _JUNK.sub("", value) if value else value, field, max_length=max_length, required=required
    )


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


# --- reading ------------------------------------------------------------------------


def read_lines(path: Path, progress: Progress = no_progress) -> Iterator[tuple[int, str]]:
    """The file's physical lines with their numbers, line endings kept, decoded one by one.

    Only ``\\n`` ends a line, so a bare carriage return stays inside its CSV field.
    ``progress`` gets the bytes read.
    """
    with open_file(path) as file:
        pending = 0
        number = 0
        for number, raw in enumerate(file, 1):
            pending += len(raw)
            if pending >= _PROGRESS_STEP:
                progress(pending)
                pending = 0
            if b"\0" in raw:
                raise InvalidInput(f"{path}: line {number}: NUL byte: this is a binary file")
            try:
                text = decode(raw)
            except InvalidInput as error:
                raise InvalidInput(f"{path}: line {number}: {error}") from None
            yield number, text.removeprefix("\ufeff") if number == 1 else text
        progress(pending)
        if number == 0:
            raise InvalidInput(f"{path} is empty")


def _truncated(path: Path, line: int) -> InvalidInput:
    return InvalidInput(
        f"{path}: line {line}: the file ends in the middle of a record: it looks truncated"
    )


# --- LIAR and LIAR-PLUS ---------------------------------------------------------------

LIAR_FIELDS = 14
LIAR_PLUS_FIELDS = 16

# PolitiFact's Truth-O-Meter, as LIAR writes it; factdb.ratings maps it onto verdicts.
LIAR_LABELS = ("pants-fire", "false", "barely-true", "half-true", "mostly-true", "true")
_LIAR_START = re.compile(r"\d+\.json\t")
_LIAR_PLUS_START = re.compile(r"\d+\t\d+\.json\t")
_LIAR_ID = re.compile(r"\s*(\d{1,12})\.json\s*")
_NO_VALUE = {"", "none", "n/a", "unknown"}
NO_CONTEXT = "context not given"


class LiarReader:
    """The records of a LIAR or LIAR-PLUS file as (first line, fields).

    LIAR is split on tabs only: its double quotes are literal text. LIAR-PLUS was
    written with CSV quoting, so it goes through ``csv``. A line that does not begin
    a record (an id, or a row index and an id) continues the previous one: records
    broken across lines are joined. ``plus`` None means: decide from the first line's
    number of fields, after which ``plus`` says which it is.
    """

    def __init__(
        self, path: Path, *, plus: bool | None = None, progress: Progress = no_progress
    ) -> None:
        self.path = path
        self.plus = plus
        self.progress = progress

    def _check_columns(self, first_line: str) -> None:
        count = first_line.rstrip("\r\n").count("\t") + 1
        if self.plus is None:
            expected = (LIAR_FIELDS, LIAR_PLUS_FIELDS)
        else:
            expected = (LIAR_PLUS_FIELDS,) if self.plus else (LIAR_FIELDS,)
        if count not in expected:
            raise InvalidInput(
                f"{self.path}: line 1: {count} tab-separated fields: a LIAR file has "
                f"{LIAR_FIELDS}, a LIAR-PLUS file {LIAR_PLUS_FIELDS}"
            )
        self.plus = count == LIAR_PLUS_FIELDS

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        start: int | None = None
        parts: list[str] = []
        last = ""
        for number, text in read_lines(self.path, self.progress):
            if number == 1:
                self._check_columns(text)
            pattern = _LIAR_PLUS_START if self.plus else _LIAR_START
            if start is not None and pattern.match(text):
                yield start, _liar_fields(parts, self.plus)
                start, parts = None, []
            if start is None:
                start = number
            parts.append(text)
            last = text
        if start is not None:
            fields = _liar_fields(parts, bool(self.plus))
            expected = LIAR_PLUS_FIELDS if self.plus else LIAR_FIELDS
            if not last.endswith("\n") and len(fields) < expected:
                raise _truncated(self.path, start)
            yield start, fields


def _liar_fields(lines: list[str], plus: bool) -> list[str]:
    if not plus:
        return " ".join(line.rstrip("\r\n") for line in lines).split("\t")
    rows = list(csv.reader(lines, delimiter="\t"))
    fields = rows[0] if rows else []
    for row in rows[1:]:
        # A line break outside quotes split one field in two: glue it back.
        if fields and row:
            fields[-1] = f"{fields[-1]} {row[0]}"
            fields.extend(row[1:])
        else:
            fields.extend(row)
    return fields


def _slug_name(slug: str) -> str:
    """``barack-obama`` reads as ``Barack Obama``; mixed-case slugs (``GaGOP``) keep their case."""
    words = [w for w in re.split(r"[-_\s]+", slug) if w]
    if slug == slug.lower():
        words = [w.capitalize() for w in words]
    return " ".join(words)


# A dataset repeats its speakers, job titles, states and contexts thousands of times:
# each is checked and turned into its record once while cached (records are frozen).


@lru_cache(maxsize=CACHE_SIZE)
def _speaker_from_slug(slug: str, **details: str | None) -> SpeakerRecord | None:
    slug = slug.strip()
    if not slug:
        return None
    name = _text(_slug_name(slug), "speaker", max_length=200)
    assert name is not None
    if not folded_name(name):
        raise Rejected(f"speaker {slug!r} has no letters or digits")
    return SpeakerRecord(name=name, **details)  # type: ignore[arg-type]


@lru_cache(maxsize=CACHE_SIZE)
def _detail(value: str, field: str, max_length: int) -> str | None:
    value = value.strip()
    if value.casefold() in _NO_VALUE:
        return None
    return _text(value, field, max_length=max_length, required=False)


@lru_cache(maxsize=CACHE_SIZE)
def _liar_source(venue: str | None) -> SourceRecord:
    return SourceRecord(
        key=f"liar:context:{_key(venue) if venue else 'none'}",
        title=venue or NO_CONTEXT,
        language="en",
        kind="dataset",
    )


@lru_cache
def _liar_review(rating: str) -> ReviewRecord:
    return ReviewRecord(
        origin="liar",
        publisher="PolitiFact",
        rating_name=rating,
        verdict=verdict_for(rating),
        language="en",
    )


def parse_liar(fields: Sequence[str], *, plus: bool) -> ClaimRecord:
    """One LIAR (14 fields) or LIAR-PLUS (16 fields) record; raises ``Rejected`` or
    ``InvalidInput`` with the reason when it cannot be imported."""
    expected = LIAR_PLUS_FIELDS if plus else LIAR_FIELDS
    if len(fields) != expected:
        raise Rejected(f"{len(fields)} tab-separated fields, expected {expected}")
    values = list(fields[1:] if plus else fields)
    ident, label, statement, subjects, slug, job, state, party = values[:8]
    counts, context = values[8:13], values[13]
    match = _LIAR_ID.fullmatch(ident)
    if not match:
        raise Rejected(f"statement id {ident!r} is not of the form NNNN.json")
    number = int(match.group(1))
    rating = label.strip().lower()
    if rating not in LIAR_LABELS:
        raise Rejected(f"unknown label {label!r}: expected one of {', '.join(LIAR_LABELS)}")
    for count in counts:
        if not count.strip().isdecimal():
            raise Rejected(f"credit-history count {count!r} is not a whole number")
    text = _text(statement, "statement", max_length=MAX_CLAIM_TEXT)
    assert text is not None
    topics = tuple(dict.fromkeys(folded_topic(s) for s in subjects.split(",") if s.strip()))
    party_slug = party.strip().lower()
    speaker = _speaker_from_slug(
        slug,
        kind="organisation" if party_slug == "organization" else "person",
        party=_detail(party_slug, "party", 100),
        region=_detail(state, "state", 100),
        role=_detail(job, "job title", 300),
    )
    source = _liar_source(_detail(context, "context", 500))
    note = None
    if plus:
        ruling = _text(values[14], "justification", max_length=MAX_CLAIM_TEXT, required=False)
        if ruling:
            note = f"PolitiFact's ruling (LIAR-PLUS justification): {ruling}"
    return ClaimRecord(
        key=f"liar:{number}",
        text=text,
        language="en",
        source=source,
        review=_liar_review(rating),
        attribution="direct" if speaker else "unattributed",
        speaker=speaker,
        topics=topics,
        note=note,
    )


# --- ClaimsKG -------------------------------------------------------------------------

CLAIMSKG_COLUMNS = (
    "rating_ratingValue",
    "rating_worstRating",
    "rating_bestRating",
    "rating_alternateName",
    "creativeWork_author_name",
    "creativeWork_datePublished",
    "claimReview_author_name",
    "claimReview_url",
    "claimReview_claimReviewed",
    "claimReview_datePublished",
    "extra_title",
    "extra_tags",
)

PUBLISHERS = {
    "politifact": "PolitiFact",
    "fullfact": "Full Fact",
    "snopes": "Snopes",
    "africacheck": "Africa Check",
    "checkyourfact": "Check Your Fact",
    "factcheck_afp": "AFP Fact Check",
    "factual_afp": "AFP Factuel",
}
# The scraper files AFP's English and French sites under one key; the host tells them apart.
_HOST_PUBLISHERS = {
    "factuel.afp.com": ("AFP Factuel", "fr"),
    "factcheck.afp.com": ("AFP Fact Check", "en"),
}
# Only AFP puts the claimant in creativeWork_author_name; the other sites put their own
# staff writer there, so it is ignored for them.
_CLAIMANT_COLUMN_PUBLISHERS = {"factcheck_afp", "factual_afp"}
# AFP writes "many accounts on social media" fifteen ways, in two languages; they are
# one claimant, not fifteen.
MULTIPLE_SOURCES = "Multiple sources"
_MULTIPLE_SOURCES_KEYS = {
    "sources multiples",
    "source multiples",
    "multiples sources",
    "sources diverses",
    "auteurs multiples",
    "plusieurs personnes",
    "multiples",
    "multiple",
    "multiple sources",
    "multiple source",
    "multiple resources",
    "multiple people",
    "multiple persons",
    "multiple authors",
}
_POLITIFACT_URL = re.compile(r"politifact\.com/factchecks/\d{4}/\w+/\d{1,2}/([\w-]+)/")


def claimskg_rows(
    path: Path, *, progress: Progress = no_progress
) -> Iterator[tuple[int, dict[str, str] | list[str]]]:
    """(first line, row) for each record: a dict keyed by the header, or the raw fields
    when their number does not match the header. The delimiter is sniffed."""
    lines = read_lines(path, progress)
    first = next(lines)
    try:
        dialect = csv.Sniffer().sniff(first[1], delimiters=",;\t")
    except csv.Error:
        raise InvalidInput(f"{path}: line 1: not a ClaimsKG CSV header") from None
    header = next(csv.reader([first[1]], delimiter=dialect.delimiter))
    missing = [c for c in CLAIMSKG_COLUMNS if c not in header]
    if missing:
        raise InvalidInput(
            f"{path}: line 1: not a ClaimsKG CSV: missing column(s) {', '.join(missing)}"
        )
    tracker = _LineTracker(lines)
    reader = csv.reader(tracker, delimiter=dialect.delimiter, strict=True)
    while True:
        start = tracker.number + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if tracker.at_end:
                raise _truncated(path, start) from None
            raise InvalidInput(f"{path}: line {start}: {error}") from None
        if not row:
            continue
        if len(row) != len(header):
            # Only the last line of a file can lack its line end.
            if not tracker.last.endswith("\n") and len(row) < len(header):
                raise _truncated(path, start)
            yield start, row
        else:
            yield start, dict(zip(header, row, strict=True))


class _LineTracker:
    """Feeds csv.reader the lines while remembering where it is, for line numbers."""

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self.lines = lines
        self.number = 1
        self.last = ""
        self.at_end = False

    def __iter__(self) -> _LineTracker:
        return self

    def __next__(self) -> str:
        try:
            self.number, self.last = next(self.lines)
        except StopIteration:
            self.at_end = True
            raise
        return self.last


def _number(value: str, field: str) -> float | None:
    value = value.strip().replace(",", ".")
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise Rejected(f"{field} {value!r} is not a number") from None
    if not math.isfinite(number):
        raise Rejected(f"{field} {value!r} is not a finite number")
    return number


_URL_DATE = re.compile(r"/(\d{4})/(\d{1,2}|[a-z]{3})/(\d{1,2})/")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _url_date(url: str) -> dt.date | None:
    match = _URL_DATE.search(url)
    if not match:
        return None
    year, month, day = match.groups()
    if month.isdigit():
        month_number = int(month)
    elif month in _MONTHS:
        month_number = _MONTHS.index(month) + 1
    else:
        return None
    try:
        return dt.date(int(year), month_number, int(day))
    except ValueError:
        return None


def _day(value: str, field: str, today: dt.date, problems: list[str]) -> dt.date | None:
    """A plausible ``YYYY-MM-DD`` date, or None with the reason added to ``problems``."""
    value = value.strip()
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        day = None
    if day is None:
        problems.append(f"{field} {value!r} is not a calendar date")
    elif not dt.date(1990, 1, 1) <= day <= today:
        problems.append(f"{field} {value} is outside 1990..today")
        day = None
    return day


def _tags(value: str) -> list[str]:
    """The tags of ``extra_tags``: "a,b", or a list written as text ("['a', 'b']");
    an empty list ("[]") means no topic."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    return [t for t in (t.strip().strip("'\"").strip() for t in value.split(",")) if t]


def parse_claimskg(
    row: dict[str, str] | list[str],
    *,
    language_code: str | None = None,
    today: dt.date | None = None,
) -> ClaimRecord:
    """One ClaimsKG CSV row. Suspicious dates are kept unknown, never guessed: the claim's
    note records the value and why it was set aside."""
    if not isinstance(row, dict):
        raise Rejected(f"{len(row)} fields, the header has a different number")
    today = today or dt.date.today()
    get = {c: _JUNK.sub("", row.get(c, "")).strip() for c in CLAIMSKG_COLUMNS}
    site = get["claimReview_author_name"]
    url = _text(get["claimReview_url"], "review url", max_length=2000, required=False)
    if url and not url.startswith(("http://", "https://")):
        raise Rejected(f"review url {url!r} does not start with http:// or https://")
    host = re.sub(r"^https?://([^/]+).*", r"\1", url or "").lower()
    publisher, site_language = _HOST_PUBLISHERS.get(host, (PUBLISHERS.get(site, site), "en"))
    if not publisher:
        raise Rejected("no publisher (claimReview_author_name is empty)")
    publisher = _text(publisher, "publisher", max_length=300)
    lang = language(language_code) if language_code else site_language
    title = _text(get["extra_title"], "headline", max_length=500, required=False)
    notes = []
    text = _text(
        get["claimReview_claimReviewed"], "claim", max_length=MAX_CLAIM_TEXT, required=False
    )
    if not text:
        if not title:
            raise Rejected("no claim text and no headline")
        text = title
        notes.append("claim text taken from the fact-check's headline")

    problems: list[str] = []
    reviewed = _day(get["claimReview_datePublished"], "review date", today, problems)
    in_url = _url_date(url or "")
    # A fact-check's url is minted when it is published: a review date days after the
    # date in its url is a scraper error (PolitiFact's 2021-12-12 for /2021/jul/19/).
    if reviewed and in_url and (reviewed - in_url).days > 1:
        problems.append(f"review date {reviewed} is after the date {in_url} in its url")
        reviewed = None
    claimed = _day(get["creativeWork_datePublished"], "claim date", today, problems)
    if claimed and reviewed and claimed > reviewed:
        problems.append(f"claim date {claimed} is after review date {reviewed} (swapped?)")
        claimed = None
    notes.extend(f"{p}: left unknown" for p in problems)

    value = _number(get["rating_ratingValue"], "rating value")
    worst = _number(get["rating_worstRating"], "worst rating")
    best = _number(get["rating_bestRating"], "best rating")
    label = _text(get["rating_alternateName"], "rating", max_length=300, required=False)

    topics = tuple(dict.fromkeys(folded_topic(t) for t in _tags(get["extra_tags"])))
    speaker = None
    if site in _CLAIMANT_COLUMN_PUBLISHERS:
        name = _text(get["creativeWork_author_name"], "claimant", max_length=200, required=False)
        if name and name_key(name) in _MULTIPLE_SOURCES_KEYS:
            speaker = SpeakerRecord(name=MULTIPLE_SOURCES, kind="organisation")
        elif name and name_key(name):
            speaker = SpeakerRecord(name=name)
    elif url and (match := _POLITIFACT_URL.search(url)):
        speaker = _speaker_from_slug(match.group(1))

    source_title = title or f"{publisher} fact-check"
    return ClaimRecord(
        key=f"claimskg:{_key(publisher, url or '', text)}",
        text=text,
        language=lang,
        source=SourceRecord(
            key=f"claimskg:source:{_key(publisher, url or '', source_title)}",
            title=source_title,
            language=lang,
            kind="news_article",
            outlet=publisher,
            url=url,
            published=reviewed,
        ),
        review=ReviewRecord(
            origin="claimskg",
            publisher=publisher,
            rating_name=label,
            verdict=verdict_for(label, value, best, worst),
            url=url,
            published=reviewed,
            language=lang,
            rating_value=value,
            best_rating=best,
            worst_rating=worst,
        ),
        attribution="reported" if speaker else "unattributed",
        speaker=speaker,
        topics=topics,
        dates=(DateSpec("made", None, claimed, "day", None, False),) if claimed else (),
        note=_text("; ".join(notes), "note", max_length=MAX_CLAIM_TEXT, required=False),
    )


# --- importing ------------------------------------------------------------------------


def _run(
    session: Session,
    records: Iterable[tuple[int, Any]],
    parse: Callable[[Any], ClaimRecord],
    *,
    user: str,
    origin: str,
    rejects: Rejects | None,
    batch_size: int,
) -> ImportStats:
    stats = ImportStats(rejects=rejects)
    writer = BulkWriter(session, user=user, stats=stats, origin=origin, batch_size=batch_size)
    for line, raw in records:
        stats.read += 1
        try:
            record = parse(raw)
        except (Rejected, FactDBError) as error:
            stats.reject(line, str(error), raw)
            continue
        writer.add(line, record)
    writer.flush()
    return stats


def import_liar(
    session: Session,
    path: Path,
    *,
    user: str,
    plus: bool | None = None,
    rejects: Rejects | None = None,
    progress: Progress = no_progress,
    batch_size: int = BATCH_SIZE,
) -> ImportStats:
    """Import a LIAR or LIAR-PLUS TSV file (``plus`` None: told apart by column count)."""
    reader = LiarReader(path, plus=plus, progress=progress)
    return _run(
        session,
        reader,
        lambda fields: parse_liar(fields, plus=bool(reader.plus)),
        user=user,
        origin=f"LIAR file {path.name}",
        rejects=rejects,
        batch_size=batch_size,
    )


def import_claimskg(
    session: Session,
    path: Path,
    *,
    user: str,
    language_code: str | None = None,
    rejects: Rejects | None = None,
    progress: Progress = no_progress,
    batch_size: int = BATCH_SIZE,
) -> ImportStats:
    """Import a ClaimsKG extractor CSV (comma or semicolon delimited)."""
    if language_code:
        language_code = language(language_code)
    today = dt.date.today()
    return _run(
        session,
        claimskg_rows(path, progress=progress),
        lambda row: parse_claimskg(row, language_code=language_code, today=today),
        user=user,
        origin=f"ClaimsKG file {path.name}",
        rejects=rejects,
        batch_size=batch_size,
    )
