"""The date text syntax: absolute dates at their precision, relative ones resolved
with python-dateutil against an explicit anchor, never against today's date.

A date attached to a claim is written as one short line::

    SPEC   := [ROLE ":"] EXPR [ "@" ANCHOR ] [ "|" WORDS ]
    ROLE   := about (the default: what the claim is about) | made | reported
    EXPR   := YYYY-MM-DD (day) | YYYY-MM (month) | YYYY (year) | YYYY-Www (ISO week)
            | a relative expression, French or English, case- and accent-insensitive:
              today, yesterday, tomorrow, aujourd'hui, hier, demain;
              last|this|next week|month|year; la semaine dernière|passée|prochaine,
              cette semaine; le mois dernier|passé|prochain, ce mois-ci; l'année
              dernière|passée|prochaine, l'an dernier|passé|prochain, cette année;
              N days|weeks|months|years ago, in N days|weeks|months|years;
              il y a N jours|semaines|mois|ans|années, dans N jours|semaines|mois|ans|années
              (N in digits, or a number word: one..twelve, un|une..douze)
    ANCHOR := YYYY-MM-DD, the date a relative expression is counted from
    WORDS  := the original words, e.g. "about:2024-06-19 | le 19 juin 2024"

A relative expression without "@ANCHOR" is counted from ``default_anchor`` (the
source's publication date); with neither it stays unresolved. Its value is the
first day of the period: the ISO Monday of a week, the 1st of a month, 1 January.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from factdb.errors import InvalidInput
from factdb.validate import no_control, original_words
from factdb.vocab import DATE_ROLES as ROLES
from factdb.vocab import PRECISIONS

MAX_SPEC = 300
# Short enough that the canonical form of any date still fits in MAX_SPEC.
MAX_WORDS = 200
MIN_YEAR, MAX_YEAR = 1000, 2999

_FORMS = (
    "YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www or a relative expression such as 'last year', "
    "'la semaine prochaine', '3 days ago' or 'il y a 2 mois'"
)

_FIXED = {
    "today": ("day", 0), "aujourd hui": ("day", 0),
    "yesterday": ("day", -1), "hier": ("day", -1),
    "tomorrow": ("day", 1), "demain": ("day", 1),
    **{f"{word} {unit}": (unit, offset)
       for word, offset in (("last", -1), ("this", 0), ("next", 1))
       for unit in ("week", "month", "year")},
    "la semaine derniere": ("week", -1), "la semaine passee": ("week", -1),
    "cette semaine": ("week", 0), "la semaine prochaine": ("week", 1),
    "le mois dernier": ("month", -1), "le mois passe": ("month", -1),
    "ce mois ci": ("month", 0), "le mois prochain": ("month", 1),
    "l annee derniere": ("year", -1), "l annee passee": ("year", -1),
    "l an dernier": ("year", -1), "l an passe": ("year", -1),
    "cette annee": ("year", 0),
    "l annee prochaine": ("year", 1), "l an prochain": ("year", 1),
}  # fmt: skip

_UNITS = {
    "day": "day", "days": "day", "jour": "day", "jours": "day",
    "week": "week", "weeks": "week", "semaine": "week", "semaines": "week",
    "month": "month", "months": "month", "mois": "month",
    "year": "year", "years": "year", "an": "year", "ans": "year",
    "annee": "year", "annees": "year",
}  # fmt: skip

_NUMBER_WORDS = {
    word: n
    for n, words in enumerate(
        (
            ("one", "a", "un", "une"),
            ("two", "deux"),
            ("three", "trois"),
            ("four", "quatre"),
            ("five", "cinq"),
            ("six",),
            ("seven", "sept"),
            ("eight", "huit"),
            ("nine", "neuf"),
            ("ten", "dix"),
            ("eleven", "onze"),
            ("twelve", "douze"),
        ),
        start=1,
    )
    for word in words
}

_COUNTED = [
    (re.compile(r"(?P<n>\w+) (?P<unit>\w+) ago"), -1),
    (re.compile(r"il y a (?P<n>\w+) (?P<unit>\w+)"), -1),
    (re.compile(r"(?:in|dans) (?P<n>\w+) (?P<unit>\w+)"), 1),
]
_ABSOLUTE = [
    (re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})"), "day"),
    (re.compile(r"(?P<y>[0-9]{4})-[Ww](?P<w>[0-9]{2})"), "week"),
    (re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})"), "month"),
    (re.compile(r"(?P<y>[0-9]{4})"), "year"),
]
_ROLE = re.compile(r"\s*(?P<role>[A-Za-z_]+)\s*:")
# Offsets beyond this are typos; the year range catches the rest.
_MAX_COUNT = 999_999


_ISO_LENGTH = {"day": 10, "month": 7, "year": 4}


def iso_at(value: date | None, precision: str) -> str | None:
    """``value`` in ISO 8601 at ``precision``: "2024-06-19", "2025-W29", "2024-06", "2024"."""
    if value is None:
        return None
    if precision == "week":
        year, week, _ = value.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return value.isoformat()[: _ISO_LENGTH[precision]]


def period_end(value: date | None, precision: str) -> date | None:
    """The last day of the period ``value`` starts at ``precision``."""
    if value is None:
        return None
    if precision == "year":
        return date(value.year, 12, 31)
    if precision == "month":
        return date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    if precision == "week":
        return value + timedelta(days=6)
    return value


@dataclass(frozen=True)
class DateSpec:
    """A parsed date; the constructor checks its invariants, so that ``to_spec``
    can always write it back and a DateSpec built in code is as safe as a parsed one."""

    role: str
    text: str | None
    value: date | None
    precision: str
    anchor: date | None
    relative: bool

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise InvalidInput(f"unknown date role {self.role!r}: use one of {', '.join(ROLES)}")
        if self.precision not in PRECISIONS:
            raise InvalidInput(
                f"unknown precision {self.precision!r}: use one of {', '.join(PRECISIONS)}"
            )
        if self.text is not None:
            original_words(self.text, "date words", MAX_WORDS)
        for name in ("value", "anchor"):
            moment = getattr(self, name)
            if moment is not None:
                _check_year(moment, self.precision if name == "value" else "day")
        if self.relative:
            self._check_relative()
        elif self.value is None or self.anchor is not None:
            raise InvalidInput("an absolute date needs a value and takes no anchor")
        if self.value is not None and self.value != _period_start(self.value, self.precision):
            raise InvalidInput(
                f"{self.value} does not start a {self.precision}: give the first day of the period"
            )

    def _check_relative(self) -> None:
        if self.text is None:
            raise InvalidInput("a relative date keeps its expression as text: give it")
        if (self.value is None) != (self.anchor is None):
            raise InvalidInput("a relative date has both a value and an anchor, or neither")
        if self.anchor is not None:
            return
        relative = _relative(self.text)
        if relative is None:
            raise InvalidInput(f"unresolved date {self.text!r} is not an expression: use {_FORMS}")
        if relative[0] != self.precision:
            raise InvalidInput(f"{self.text!r} is not at the precision {self.precision}")

    def iso(self) -> str | None:
        """ISO 8601 at the date's precision: "2024-06-19", "2025-W29", "2024-06", "2024"."""
        return iso_at(self.value, self.precision)

    def to_spec(self) -> str:
        """The canonical text form: ``parse_date(d.to_spec()) == d``."""
        words = self.text
        if not self.relative:
            expression = self.iso()
        elif self._text_is_expression():
            expression, words = self.text, None
        else:
            # Words that are not the expression were resolved: value and anchor are set.
            assert self.value is not None and self.anchor is not None
            expression = _expression(self.value, self.anchor, self.precision)
        anchor = f"@{self.anchor.isoformat()}" if self.anchor else ""
        tail = f" | {words}" if words is not None else ""
        return f"{self.role}:{expression}{anchor}{tail}"

    def _text_is_expression(self) -> bool:
        """Whether the words can be written back as the expression itself."""
        assert self.text is not None  # a relative date keeps its words (_check_relative)
        try:
            return resolve(self.text, self.anchor) == (self.value, self.precision)
        except InvalidInput:
            return False


def parse_date(spec: str, *, default_anchor: date | None = None) -> DateSpec:
    """Parse the date syntax of the module docstring; raise InvalidInput on any mistake."""
    if not isinstance(spec, str):
        raise InvalidInput(f"a date must be text such as '2024-06-19', not {spec!r}")
    if len(spec) > MAX_SPEC:
        raise InvalidInput(f"date is {len(spec)} characters long: keep it under {MAX_SPEC}")
    no_control(spec, "date")
    body, bar, words = spec.partition("|")
    text = words.strip() if bar else None
    if bar and not text:
        raise InvalidInput(f"date {spec!r} has an empty '| words' part: add the words or drop '|'")
    role = "about"
    match = _ROLE.match(body)
    if match:
        role = match["role"].casefold()
        if role not in ROLES:
            raise InvalidInput(f"unknown date role {match['role']!r}: use about, made or reported")
        body = body[match.end() :]
    expression, at, anchor_text = body.partition("@")
    expression = expression.strip()
    if not expression:
        raise InvalidInput(f"empty date in {spec!r}: write e.g. '2024-06-19' or 'last year'")
    anchor: date | None = _anchor(anchor_text.strip()) if at else None

    absolute = _absolute(expression)
    if absolute is not None:
        if at:
            raise InvalidInput(
                f"{expression} is absolute: an anchor only applies to a relative expression"
            )
        value, precision = absolute
        return DateSpec(role, text, value, precision, None, relative=False)
    if _relative(expression) is None:
        raise InvalidInput(f"unrecognised date {expression!r}: use {_FORMS}")
    anchor = anchor or default_anchor
    if anchor is None and text is not None:
        # Unresolved, only the expression can be kept: it is what a later anchor needs.
        raise InvalidInput(
            f"{expression!r} has no anchor, so it keeps no '| words': add '@YYYY-MM-DD' "
            "or drop the words"
        )
    resolved, precision = resolve(expression, anchor)
    return DateSpec(role, text or expression, resolved, precision, anchor, relative=True)


def resolve(expression: str, anchor: date | None) -> tuple[date | None, str]:
    """Resolve a relative expression against ``anchor`` into (first day, precision);
    the value is None without an anchor, since guessing one would invent a fact."""
    relative = _relative(expression)
    if relative is None:
        raise InvalidInput(f"unrecognised relative date {expression!r}: use {_FORMS}")
    unit, offset = relative
    if anchor is None:
        return None, unit
    # Imported here: the claims list formats dates (iso_at) but never resolves one.
    from dateutil.relativedelta import relativedelta

    start = _period_start(anchor, unit)
    try:
        step: dict[str, Any] = {f"{unit}s": offset}
        value = start + relativedelta(**step)
        in_range = MIN_YEAR <= value.year <= MAX_YEAR
    except (ValueError, OverflowError):
        in_range = False
    if not in_range:
        raise InvalidInput(
            f"{expression!r} from {anchor} falls outside the years {MIN_YEAR}..{MAX_YEAR}"
        )
    return value, unit


def _relative(expression: str) -> tuple[str, int] | None:
    """(unit, signed offset) of a relative expression, or None if it is not one."""
    key = _normalise(expression)
    if key in _FIXED:
        return _FIXED[key]
    for pattern, sign in _COUNTED:
        match = pattern.fullmatch(key)
        if match and match["unit"] in _UNITS:
            count = _count(match["n"])
            if count is not None:
                return _UNITS[match["unit"]], sign * count
    return None


def _count(word: str) -> int | None:
    if word.isascii() and word.isdigit():
        count = int(word)
        if count > _MAX_COUNT:
            raise InvalidInput(f"{word} is too many to count back or forward: check the number")
        return count
    return _NUMBER_WORDS.get(word)


def _normalise(expression: str) -> str:
    """Lower case, no accents, apostrophes and hyphens as spaces: "l’Année" → "l annee"."""
    decomposed = unicodedata.normalize("NFKD", expression.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"['’‘`-]", " ", plain).split())


def _absolute(expression: str) -> tuple[date, str] | None:
    for pattern, precision in _ABSOLUTE:
        match = pattern.fullmatch(expression)
        if match:
            return _calendar_date(expression, match, precision), precision
    return None


def _calendar_date(expression: str, match: re.Match[str], precision: str) -> date:
    year = int(match["y"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"year {year} in {expression} is outside {MIN_YEAR}..{MAX_YEAR}")
    if precision == "week":
        week = int(match["w"])
        try:
            return date.fromisocalendar(year, week, 1)
        except ValueError:
            raise InvalidInput(f"{expression}: {year} has no ISO week {week}") from None
    month = int(match["m"]) if precision in ("day", "month") else 1
    if not 1 <= month <= 12:
        raise InvalidInput(f"{expression}: month {month} does not exist, use 01..12")
    try:
        return date(year, month, int(match["d"]) if precision == "day" else 1)
    except ValueError:
        raise InvalidInput(f"{expression} is not a calendar date: check the day") from None


def _anchor(text: str) -> date:
    match = _ABSOLUTE[0][0].fullmatch(text)
    if match is None:
        raise InvalidInput(f"anchor {text!r} is not a date: write '@YYYY-MM-DD'")
    try:
        return _calendar_date(text, match, "day")
    except InvalidInput as error:
        raise InvalidInput(f"bad anchor: {error}") from None


def _period_start(moment: date, precision: str) -> date:
    if precision == "week":
        return moment - timedelta(days=moment.weekday())
    if precision == "month":
        return moment.replace(day=1)
    if precision == "year":
        return moment.replace(month=1, day=1)
    return moment


def _expression(value: date, anchor: date, precision: str) -> str:
    """An English expression that resolves to ``value`` from ``anchor``."""
    start = _period_start(anchor, precision)
    if precision == "day":
        offset = (value - start).days
    elif precision == "week":
        offset = (value - start).days // 7
    else:
        from dateutil.relativedelta import relativedelta

        delta = relativedelta(value, start)
        offset = delta.years if precision == "year" else delta.years * 12 + delta.months
    named = {"day": ("yesterday", "today", "tomorrow")}.get(
        precision, (f"last {precision}", f"this {precision}", f"next {precision}")
    )
    if -1 <= offset <= 1:
        return named[offset + 1]
    if offset < 0:
        return f"{-offset} {precision}s ago"
    return f"in {offset} {precision}s"


def _check_year(moment: date, precision: str) -> None:
    year = moment.isocalendar()[0] if precision == "week" else moment.year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"{moment} is outside the years {MIN_YEAR}..{MAX_YEAR}")
