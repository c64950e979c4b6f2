"""Find the dates an article's text mentions, absolute and relative, in French and English.

Phrases are found with patterns over a folded copy of the text (so offsets stay those of
the original), then each isolated phrase is read by a library: dateparser for calendar
dates with month names or digits, ``factdb.dates.resolve`` for relative expressions, so
that an extracted date carries the same resolution trail as one entered by hand.

dateparser's ``search_dates`` over a whole sentence was tried first: it gives no offsets,
turns "l'année dernière" into a day (13 July 2024 from 13 July 2025, the precision lost),
missed "l'année dernière" in a sentence that also held "le 19 juin 2024", and missed
"since last week"; hence phrases found by patterns, then read one at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from factdb.dates import MAX_YEAR, MIN_YEAR, DateSpec, resolve
from factdb.errors import InvalidInput
from factdb.extract.folding import fold

LANGS = ("fr", "en")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: ``text[start:end]`` are its words, ``reason`` says why."""

    start: int
    end: int
    spec: DateSpec
    reason: str


_MONTHS_FR = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre", "janv", "fevr", "fev", "avr", "juil", "sept", "oct",
    "nov", "dec",
)  # fmt: skip
_MONTHS_EN = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sept", "sep", "oct", "nov", "dec",
)  # fmt: skip
_WEEKDAYS = (
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    "|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
# "1960s" is a decade, not the year 1960.
_YEAR = r"(?P<y>[12][0-9]{3})(?![0-9]|[.,][0-9]|s\b)"
_DAY = r"(?P<d>1er|[0-9]{1,2})(?![0-9])"
_WS = r"[ ]+"


def _month(names: tuple[str, ...]) -> str:
    return r"(?P<m>" + "|".join(sorted(names, key=len, reverse=True)) + r")\b\.?"


def _patterns(lang: str) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, kind) pairs, most specific first; kind names how a match is read."""
    if lang == "fr":
        month = _month(_MONTHS_FR)
        day_month = (
            rf"(?:\b(?:le|du|au|ce|depuis le|jusqu'au){_WS})?(?:(?:{_WEEKDAYS}){_WS})?"
            rf"\b{_DAY}{_WS}{month}(?:{_WS}{_YEAR})?"
        )
        month_year = rf"(?:\b(?:en|depuis|fin|debut|mi-|courant){_WS}?)?\b{month}{_WS}{_YEAR}"
        year = (
            rf"\b(?:en|depuis|durant|pendant|jusqu'en|d'ici|avant|apres|fin|debut|mi-)"
            rf"(?:{_WS}|(?<=-)){_YEAR}"
        )
        relative = (
            r"\b(?:aujourd'hui|hier|demain|la semaine (?:derniere|passee|prochaine)"
            r"|cette semaine|le mois (?:dernier|passe|prochain)|ce mois-ci"
            r"|l'annee (?:derniere|passee|prochaine)|l'an (?:dernier|passe|prochain)"
            r"|cette annee|il y a [a-z0-9]+ (?:jours?|semaines?|mois|ans|annees?)"
            r"|dans [a-z0-9]+ (?:jours?|semaines?|mois|ans|annees?))\b"
        )
    else:
        month = _month(_MONTHS_EN)
        day_month = (
            rf"(?:\b(?:{_WEEKDAYS}),?{_WS})?(?:\bon{_WS})?(?:"
            rf"\b{month}{_WS}{_DAY}(?:st|nd|rd|th)?(?:,?{_WS}{_YEAR})?"
            rf"|\b{_DAY.replace('<d>', '<d2>')}(?:st|nd|rd|th)?{_WS}(?:of{_WS})?"
            rf"{month.replace('<m>', '<m2>')}(?:,?{_WS}{_YEAR.replace('<y>', '<y2>')})?)"
        )
        month_year = rf"(?:\b(?:in|since|early|late|mid-|until){_WS}?)?\b{month},?{_WS}{_YEAR}"
        year = (
            rf"\b(?:in|since|during|until|by|before|after|early|late|mid-)"
            rf"(?:{_WS}|(?<=-)){_YEAR}"
        )
        relative = (
            r"\b(?:today|yesterday|tomorrow|(?:last|this|next) (?:week|month|year)"
            r"|[a-z0-9]+ (?:days?|weeks?|months?|years?) ago"
            r"|in [a-z0-9]+ (?:days?|weeks?|months?|years?))\b"
        )
    numeric = (
        r"(?<![0-9/.-])(?:(?P<iy>[12][0-9]{3})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2})"
        r"|(?P<a>[0-9]{1,2})[/.](?P<b>[0-9]{1,2})[/.](?P<ny>[12][0-9]{3}))(?![0-9/.-]?[0-9])"
    )
    return [
        (re.compile(numeric), "numeric"),
        (re.compile(relative), "relative"),
        (re.compile(day_month), "day"),
        (re.compile(month_year), "month"),
        (re.compile(year), "year"),
    ]


_COMPILED = {lang: _patterns(lang) for lang in LANGS}
# Words just before a date that make it the date the statement was made or reported.
_ROLE_CUES = {
    "made": re.compile(
        r"\b(?:said|stated|declared|announced|told [a-z]+|claimed|a (?:declare|annonce|"
        r"affirme|dit|indique|precise|assure)|ont (?:declare|annonce|affirme|dit))"
        r"(?:,| on| le| ce)?[ ]*$"
    ),
    "reported": re.compile(
        r"\b(?:reported|rapporte|a rapporte|a publie|published)(?: on| le)?[ ]*$"
    ),
}


_PAST_OR_SUPERLATIVE = re.compile(
    r"\b(?:was|were|had|did|has|have|'ve|been|first|most|least|best|worst|[a-z]+est)\b"
)
_FUTURE = re.compile(r"\b(?:will|would|'ll|going to|next|plans?|expects?|due|set to|shall)\b")


def check_lang(lang: str) -> None:
    """Refuse a language the finders have no patterns for, naming the ones they have."""
    if lang not in LANGS:
        raise InvalidInput(f"unsupported language {lang!r}: use one of {', '.join(LANGS)}")


def find_dates(text: str, lang: str, anchor: date | None) -> list[FoundDate]:
    """Every date in ``text``, sorted, without overlaps; relative ones are resolved
    against ``anchor`` (the publication date) and stay unresolved without it."""
    check_lang(lang)
    folded = fold(text)
    found: list[FoundDate] = []
    for start, end, match, kind in date_matches(folded, lang):
        if _lowercase_month(text, match, lang):
            continue
        spec, reason = _read(text[start:end], match, kind, lang, anchor)
        if spec is None:
            continue
        role = _role(folded, start)
        if role != "about":
            spec = DateSpec(role, spec.text, spec.value, spec.precision, spec.anchor, spec.relative)
            reason += f"; {role} (words before it)"
        found.append(FoundDate(start, end, spec, reason))
    return found


def date_matches(folded: str, lang: str) -> Iterator[tuple[int, int, re.Match[str], str]]:
    """Non-overlapping date phrases of a folded text as (start, end, match, kind), sorted;
    the figure finder uses them too, so that a year or a day is never read as a figure."""
    taken: list[tuple[int, int, re.Match[str], str]] = []
    for pattern, kind in _COMPILED[lang]:
        for match in pattern.finditer(folded):
            taken.append((match.start(), match.end(), match, kind))
    taken.sort(key=lambda t: (t[0], -t[1]))
    end = -1
    for item in taken:
        if item[0] >= end and not (item[3] == "relative" and _english_duration(folded, item)):
            end = item[1]
            yield item


def _english_duration(folded: str, item: tuple[int, int, re.Match[str], str]) -> bool:
    """English "in N years" is a date ahead ("the vote is in two weeks") or a duration
    ("the lowest rate in 70 years", "prices have doubled in two years"): the words
    before it in the sentence tell, and a future word wins."""
    start, _, match, _ = item
    if not match[0].startswith("in "):
        return False
    before = folded[max(0, start - 80) : start]
    before = re.split(r"[.!?;]", before)[-1]
    return bool(_PAST_OR_SUPERLATIVE.search(before)) and not _FUTURE.search(before)


def _lowercase_month(text: str, match: re.Match[str], lang: str) -> bool:
    """English capitalises months, so "you may 5" and "march 3 miles" are not dates."""
    groups = match.groupdict()
    name = "m" if groups.get("m") else "m2"
    return lang == "en" and groups.get(name) is not None and text[match.start(name)].islower()


def _read(
    words: str, match: re.Match[str], kind: str, lang: str, anchor: date | None
) -> tuple[DateSpec | None, str]:
    if len(words) > 200:
        return None, ""
    try:
        if kind == "relative":
            value, precision = resolve(words, anchor)
            spec = DateSpec("about", words, value, precision, anchor, relative=True)
            if anchor is None:
                return spec, "relative expression, unresolved: no publication date"
            return spec, f"relative expression, resolved from {anchor.isoformat()}"
        value, precision, reason = _absolute(match, kind, lang, anchor)
        if value is None:
            return None, ""
        return DateSpec("about", words, value, precision, None, relative=False), reason
    except InvalidInput:
        return None, ""


def _absolute(
    match: re.Match[str], kind: str, lang: str, anchor: date | None
) -> tuple[date | None, str, str]:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if kind == "year":
        number = int(groups["y"])
        if not MIN_YEAR <= number <= MAX_YEAR:
            return None, "", ""
        return date(number, 1, 1), "year", "a year after a preposition"
    if kind == "numeric":
        if "iy" in groups:
            phrase, order = f"{groups['iy']}-{groups['im']}-{groups['id']}", "YMD"
        else:
            phrase = f"{groups['a']}/{groups['b']}/{groups['ny']}"
            # English texts write month first unless the first number cannot be a month.
            order = "MDY" if lang == "en" and int(groups["a"]) <= 12 else "DMY"
        return _parsed(phrase, lang, order, None), "day", "a date in digits"
    month = groups.get("m") or groups.get("m2")
    year = groups.get("y") or groups.get("y2")
    if kind == "month":
        value = _parsed(f"{month} {year}", lang, None, None)
        return (value.replace(day=1) if value else None), "month", "a month and a year"
    day = groups.get("d") or groups.get("d2")
    day = "1" if day == "1er" else day
    if year is not None:
        return _parsed(f"{day} {month} {year}", lang, None, None), "day", "a calendar date"
    if anchor is None:
        return None, "", ""
    value = _parsed(f"{day} {month}", lang, None, anchor)
    return value, "day", f"a day and month; the year is that of the publication date {anchor}"


@lru_cache(maxsize=8192)
def _parsed(phrase: str, lang: str, order: str | None, anchor: date | None) -> date | None:
    """dateparser's reading of an isolated phrase, all parts required; None if invalid."""
    import dateparser

    settings: dict[str, object] = {
        "REQUIRE_PARTS": ["day", "month", "year"] if anchor is None else ["day", "month"],
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "current_period",
    }
    if order:
        settings["DATE_ORDER"] = order
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    if phrase.count(" ") == 1 and not phrase[0].isdigit():
        settings["REQUIRE_PARTS"] = ["month", "year"]
    parsed = dateparser.parse(phrase, languages=[lang], settings=settings)
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return parsed.date()


def _role(folded: str, start: int) -> str:
    before = folded[max(0, start - 40) : start]
    for role, cue in _ROLE_CUES.items():
        if cue.search(before):
            return role
    return "about"
