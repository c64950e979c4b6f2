"""The figure text syntax, parsed in one place so that the CLI, fixtures and API agree.

A figure is a number a claim asserts, written as one short line (docs/figures.md shows
every form with what is stored)::

    SPEC   := ["+"] QUANT UNIT ["/" DENOM] [("/" | " per " | " par ") PERIOD]
              [" @" QUANTITY] ["|" WORDS]
    QUANT  := NUM                             exact        "2 flights/week"
            | ("~" | about | environ …) NUM   approximate  "~3000 soldiers"
            | NUM (".." | "-" | to | à) NUM   range        "25000..30000 soldiers"
            | (between | entre) NUM (and | et) NUM
            | (">" | more than | plus de) NUM  lower_bound, strict: "more than"
            | (">=" | at least | au moins) NUM, or NUM "+"     lower_bound: "at least"
            | ("<" | less than | moins de) NUM  upper_bound, strict
            | ("<=" | at most | up to | jusqu'à) NUM           upper_bound
            | MAGNITUDE [of | de]              vague        "thousands of soldiers"
    NUM    := digits in the claim's language, with a scale word: "1.5 billion",
              "1,5 milliard", "25 000", "25,000", "2k", "3M", "5bn", "$5 billion"
    UNIT   := any noun (a counted unit, "reactors") or a measured unit ("km", "miles",
              "kg", "MWh", "%", "EUR"), in any alias the vocabulary knows
    DENOM  := NUM UNIT, a per-capita denominator: "12 deaths/100000 people/year"
    PERIOD := hour | day | week | month | year, in English or French
    "+"    := an increment ("6000 more soldiers"), not a total
    QUANTITY := a key shared by every figure of the same thing: "@nk-troops-in-russia"
    WORDS  := the original words, e.g. "2 flights/week | deux fois par semaine"

Numbers are read in the claim's language (``lang``): in French "1,5" is one and a half
and "1.500" or "1 500" fifteen hundred; in English "1,500" is fifteen hundred. Without
a language, "," only groups thousands and "." is the decimal point (the canonical form
``to_spec`` writes). ``format(lang)`` writes a figure back with the language's
separators (Babel), and ``parse_figure(f.format(lang), lang) == f``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from factdb.errors import InvalidInput
from factdb.unit_vocab import (
    BUILTIN,
    MAX_UNIT,
    UnitInfo,
    builtin_name,
    is_counted,
    unit_info,
    unit_key,
)
from factdb.validate import no_control, original_words
from factdb.vocab import FIGURE_KINDS as KINDS
from factdb.vocab import PERIODS

MAX_SPEC = 500
MAX_WORDS = 300
MAX_QUANTITY_KEY = 100
# Beyond these, a figure is a typo or a unit mistake rather than a claim worth checking.
MAX_VALUE = 1e15
MIN_NONZERO = 1e-6
LANGUAGES = ("fr", "en")

_PERIOD_NAMES = {
    "hour": "hour", "hours": "hour", "h": "hour", "hr": "hour", "heure": "hour",
    "heures": "hour",
    "day": "day", "days": "day", "d": "day", "jour": "day", "jours": "day",
    "week": "week", "weeks": "week", "wk": "week", "semaine": "week", "semaines": "week",
    "month": "month", "months": "month", "mo": "month", "mois": "month",
    "year": "year", "years": "year", "yr": "year", "an": "year", "ans": "year",
    "annee": "year", "annees": "year",
}  # fmt: skip

_MAGNITUDE_WORDS = {
    "tens of thousands": 1e4,
    "hundreds of thousands": 1e5,
    "dozens": 10.0,
    "tens": 10.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "dizaines de milliers": 1e4,
    "centaines de milliers": 1e5,
    "dizaines": 10.0,
    "centaines": 100.0,
    "milliers": 1e3,
    "milliards": 1e9,
}
# The word to_spec prints for each magnitude; "dozens" reads back as "tens".
_MAGNITUDE_NAMES = {
    10.0: "tens", 100.0: "hundreds", 1e3: "thousands", 1e4: "tens of thousands",
    1e5: "hundreds of thousands", 1e6: "millions", 1e9: "billions",
}  # fmt: skip
_POWERS_OF_TEN = frozenset(10.0**k for k in range(1, 16))

_SCALE_WORDS = {
    "thousand": 1e3, "thousands": 1e3, "mille": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "milliard": 1e9, "milliards": 1e9,
    "md": 1e9, "mds": 1e9, "trillion": 1e12, "trillions": 1e12,
}  # fmt: skip
# French "billion" is a million million.
_FRENCH_SCALES = {"billion": 1e12, "billions": 1e12}

_MINUS = "-\u2212"
_GROUP_SPACES = " \u00a0\u202f"
# Without a language, as in English: "," groups thousands and "." is the decimal point.
_POINT_DECIMAL = (
    rf"[{_MINUS}]?(?:[0-9]{{1,3}}(?:[_,{_GROUP_SPACES}][0-9]{{3}})+|[0-9]+)(?:\.[0-9]+)?"
)
_NUMBERS = {
    None: _POINT_DECIMAL,
    "en": _POINT_DECIMAL,
    "fr": rf"[{_MINUS}]?(?:[0-9]{{1,3}}(?:[_.{_GROUP_SPACES}][0-9]{{3}})+|[0-9]+)(?:[,.][0-9]+)?",
}
_SCALE = (
    r"(?:[ \u00a0\u202f]*(?P<{0}>k|K|M|bn|Bn|BN|Md|Mds|md|mds)(?=[ \u00a0\u202f]|$)"
    r"|[ \u00a0\u202f]+(?P<{0}w>(?i:thousands?|mille|millions?|billions?|milliards?"
    r"|trillions?))(?=[ \u00a0\u202f']|$))"
)
_NUMBER_PATTERNS = {
    lang: re.compile(rf"(?P<n>{num})(?:{_SCALE.format('s')})?") for lang, num in _NUMBERS.items()
}
_RANGE_SEPARATOR = re.compile(r"\s*(?:\.\.|-|–)\s*|\s+(?i:to|and|à|a|et)\s+")
_RANGE_OPENER = re.compile(r"(?i:between|entre|from|de)\s+(?=[0-9$€£₽₴¥₩-])")
_PREFIXES = [
    (re.compile(r">=|≥|(?i:at least|au moins|no (?:fewer|less) than|pas moins de)\s+"),
     "lower_bound", False),
    (re.compile(r">|(?i:more than|over|above|plus de|in excess of)\s+|(?i:plus d)['’]"),
     "lower_bound", True),
    (re.compile(r"<=|≤|(?i:at most|au plus|up to|jusqu'à|jusqu'a|no more than|pas plus de)\s+"),
     "upper_bound", False),
    (re.compile(r"<|(?i:less than|fewer than|under|below|moins de)\s+|(?i:moins d)['’]"),
     "upper_bound", True),
    (re.compile(r"~|(?i:about|around|approximately|roughly|environ|près de|pres de)\s+"),
     "approximate", False),
]  # fmt: skip
# A unit after a range's first number ("5 km..10 km"): only before "..", since "-"
# also joins words ("F-16").
_LOW_END_UNIT = re.compile(r"\s*(?P<u>[^\d\s.\-–+~<>=|/@]+(?:\s+[^\d\s.\-–+~<>=|/@]+)?)")
_DOTS = re.compile(r"\s*\.\.\s*")
_CURRENCY_SIGN = re.compile(r"(?P<sign>[$€£₽₴¥₩])\s*")
_MAGNITUDE = re.compile(
    r"(?i:des\s+)?(?P<magnitude>"
    + "|".join(r"\s+".join(w.split()) for w in _MAGNITUDE_WORDS)
    + r"|1(?P<zeros>0+)s)(?:\s+(?:of|de)(?=\s)|\s+d'|(?=\s|$))",
    re.IGNORECASE,
)
_CONNECTOR = re.compile(r"\s*(?:(?i:of|de)\s+|(?i:d)['’]\s*)")
_SCALE_FIRST = re.compile(r"(?i:thousand|mille|million|billion|milliard|trillion|bn|k)s?(?:\s|$)")
# What follows a number and shows it was misread: "2,5", "1.5e3", "50s".
_NUMBER_TAIL = re.compile(r"[.,0-9]|[eE][+-]?[0-9]|s(?:\s|$)")
_PER = re.compile(r"\s+(?i:per|par)\s+|/")
_QUANTITY_KEY = re.compile(r"[a-z0-9][a-z0-9._-]*")
_NOT_A_NUMBER = re.compile(r"(?i:[+-]?(?:nan|inf|infinity|infini))(?:\s|$)")
# Characters the syntax gives a meaning to: never part of a unit's name.
_SYNTAX = set('|/@~<>=≤≥#"')


@dataclass(frozen=True)
class FigureSpec:
    """A parsed figure; the constructor checks the shape each kind needs, so a
    FigureSpec built in code is as trustworthy as one parsed from text.

    ``strict`` marks an open bound ("more than 10 000", ``>``); ``increment`` a figure
    that adds to a total ("6 000 more soldiers"); ``quantity`` the key of what is
    measured; ``per_count``/``per_unit`` a per-capita denominator ("/100000 people")."""

    kind: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    per: str | None
    text: str | None
    strict: bool = False
    quantity: str | None = None
    increment: bool = False
    per_count: float | None = None
    per_unit: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidInput(f"unknown figure kind {self.kind!r}: use one of {', '.join(KINDS)}")
        object.__setattr__(self, "unit", canonical_unit(self.unit))
        if self.per is not None and self.per not in PERIODS:
            raise InvalidInput(f"unknown period {self.per!r}: use one of {', '.join(PERIODS)}")
        counted = is_counted(self.unit)
        for name in ("value", "low", "high"):
            object.__setattr__(self, name, _checked_number(getattr(self, name), self.unit, counted))
        _check_shape(self)
        if self.text is not None:
            original_words(self.text, "figure words", MAX_WORDS)
        for name in ("strict", "increment"):
            if not isinstance(getattr(self, name), bool):
                raise InvalidInput(f"figure {name} must be true or false")
        if self.strict and self.kind not in ("lower_bound", "upper_bound"):
            raise InvalidInput(f"only a bound can be strict, not a {self.kind} figure")
        if self.quantity is not None:
            object.__setattr__(self, "quantity", quantity_key(self.quantity))
        _check_denominator(self)

    @property
    def info(self) -> UnitInfo:
        """How the unit converts (Pint is imported only for a measured unit)."""
        return unit_info(self.unit)

    @property
    def span_low(self) -> float | None:
        """Lowest value the figure allows, for ``--min``/``--max`` (None: unbounded)."""
        return self.value if self.kind in ("exact", "approximate") else self.low

    @property
    def span_high(self) -> float | None:
        """Highest value the figure allows; "thousands" covers 1000..9999."""
        if self.kind in ("exact", "approximate"):
            return self.value
        if self.kind == "vague":
            return self.low * 10 - 1
        return self.high

    @property
    def base_unit(self) -> str:
        """The unit queries and comparisons use: the dimension's base unit ("m" for
        miles), the unit itself when counted; per-capita figures add "/per_unit"."""
        base = self.info.base_unit
        return f"{base}/{self.per_unit}" if self.per_unit else base

    def to_base(self, number: float | None) -> float | None:
        """A number of the figure in ``base_unit``."""
        if number is None:
            return None
        return number * self.info.factor / (self.per_count or 1.0) + 0.0

    @property
    def base_span(self) -> tuple[float | None, float | None]:
        """The span in ``base_unit``. A strict bound is moved to the next float, so
        that ``base_low <= x`` holds exactly when the figure allows ``x``: the index
        answers strict and inclusive bounds alike."""
        low, high = self.to_base(self.span_low), self.to_base(self.span_high)
        if self.strict and low is not None:
            low = math.nextafter(low, math.inf)
        if self.strict and high is not None:
            high = math.nextafter(high, -math.inf)
        return low, high

    def to_spec(self) -> str:
        """The canonical text form: ``parse_figure(f.to_spec()) == f``."""
        return self.format(None)

    def format(self, lang: str | None) -> str:
        """The figure with numbers written in ``lang`` (Babel's separators): "1 500 000
        EUR" in French, "1,500,000 EUR" in English; None gives the canonical form."""
        number = _formatter(lang)
        if self.kind == "exact":
            quantity = f"{number(self.value)} "
        elif self.kind == "approximate":
            quantity = f"~{number(self.value)} "
        elif self.kind == "range":
            quantity = f"{number(self.low)}..{number(self.high)} "
        elif self.kind == "lower_bound":
            quantity = f"{'>' if self.strict else '>='}{number(self.low)} "
        elif self.kind == "upper_bound":
            quantity = f"{'<' if self.strict else '<='}{number(self.high)} "
        elif self.low in _MAGNITUDE_NAMES:
            quantity = f"{_MAGNITUDE_NAMES[self.low]} of "
        else:
            quantity = f"{_format(self.low)}s "
        plus = "+" if self.increment else ""
        denominator = f"/{number(self.per_count)} {self.per_unit}" if self.per_unit else ""
        per = f"/{self.per}" if self.per else ""
        key = f" @{self.quantity}" if self.quantity else ""
        words = f" | {self.text}" if self.text is not None else ""
        return f"{plus}{quantity}{self.unit}{denominator}{per}{key}{words}"


def parse_figure(spec: str, lang: str | None = None) -> FigureSpec:
    """Parse the figure syntax of the module docstring, reading numbers in ``lang``
    ("fr", "en" or None); raise InvalidInput on any mistake."""
    if not isinstance(spec, str):
        raise InvalidInput(f"a figure must be text such as '25000 soldiers', not {spec!r}")
    if lang not in (None, *LANGUAGES):
        lang = None if lang.split("-")[0] not in LANGUAGES else lang.split("-")[0]
    if len(spec) > MAX_SPEC:
        raise InvalidInput(f"figure is {len(spec)} characters long: keep it under {MAX_SPEC}")
    no_control(spec, "figure")
    body, bar, words = spec.partition("|")
    text = words.strip() if bar else None
    if bar and not text:
        raise InvalidInput(
            f"figure {spec!r} has an empty '| words' part: add the words or drop '|'"
        )
    body, at, key = body.partition("@")
    if at and not key.strip():
        raise InvalidInput(f"figure {spec!r} has an empty '@' quantity: name it or drop '@'")
    body = body.strip()
    if not body:
        raise InvalidInput("empty figure: write a number and a unit, e.g. '25000 soldiers'")
    increment = body.startswith("+")
    if increment:
        body = body[1:].lstrip()
    quantity, per, denominator = _split_period(body, lang)
    kind, numbers, strict, unit_text = _split_quantity(quantity, body, lang)
    per_count, per_unit = denominator or (None, None)
    if not unit_text.strip():
        raise InvalidInput(f"missing unit in {body!r}: add one, e.g. '25000 soldiers'")
    return FigureSpec(
        kind=kind,
        value=numbers.get("value"),
        low=numbers.get("low"),
        high=numbers.get("high"),
        unit=_unit_name(unit_text, body),
        per=per,
        text=text,
        strict=strict,
        quantity=key.strip() if at else None,
        increment=increment,
        per_count=per_count,
        per_unit=per_unit,
    )


def canonical_unit(name: str) -> str:
    """The built-in name of a unit or alias ("troops" → "soldiers", "%" → "percent"),
    else the name itself, checked: any noun is a counted unit."""
    if not isinstance(name, str):
        raise InvalidInput(f"a unit must be text such as 'soldiers', not {name!r}")
    return builtin_name(name) or check_unit_name(name)


def check_unit_name(name: str) -> str:
    """A new unit's name, spaces collapsed; refused when empty, too long, made of
    punctuation or holding a character the figure syntax uses."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("empty unit: name what is counted, e.g. '6 reactors'")
    if len(cleaned) > MAX_UNIT:
        raise InvalidInput(f"unit {cleaned[:50]!r}… is too long: keep it under {MAX_UNIT}")
    no_control(cleaned, "unit")
    if not any(c.isalpha() for c in cleaned):
        raise InvalidInput(
            f"unit {cleaned!r} has no letter: name what is counted, e.g. '6 reactors'"
        )
    first = cleaned.split()[0].casefold()
    if first in _SCALE_WORDS and first != "m":
        raise InvalidInput(
            f"unit {cleaned!r} starts with the scale word {first!r}: put one scale word "
            "right after the number, e.g. '1.5 billion EUR'"
        )
    bad = sorted(set(cleaned) & _SYNTAX)
    if bad or not (cleaned[0].isalpha() or cleaned[0] in "$€£₽₴¥₩%"):
        shown = bad[0] if bad else cleaned[0]
        raise InvalidInput(
            f"unit {cleaned!r} cannot contain or start with {shown!r}: "
            "name what is counted, e.g. '6 reactors'"
        )
    return cleaned


def quantity_key(key: str) -> str:
    """A quantity key: lower case letters, digits and '-', '.' or '_' (``nk-troops``)."""
    if not isinstance(key, str):
        raise InvalidInput(f"a quantity key must be text, not {key!r}")
    key = key.strip()
    if not _QUANTITY_KEY.fullmatch(key) or len(key) > MAX_QUANTITY_KEY:
        raise InvalidInput(
            f"quantity key {key!r} is not a key: use lower case letters, digits and '-', "
            f"up to {MAX_QUANTITY_KEY} characters, e.g. 'nk-troops-in-russia'"
        )
    return key


def parse_amount(text: str, lang: str | None = None) -> tuple[float, str | None]:
    """A number with an optional unit, as ``--min``/``--max`` take it ("10", "15 miles",
    "1.5 billion EUR"); the unit is None when only a number is given."""
    text = text.strip()
    if not text:
        raise InvalidInput("empty amount: give a number, e.g. '10' or '15 miles'")
    _check_not_nan(text)
    value, end, scaled = _read_number(text, 0, lang)
    if value is None:
        raise InvalidInput(f"no number at the start of {text!r}: give e.g. '10' or '15 miles'")
    rest = text[end:]
    _check_tail(rest, text)
    number = _checked_number(value, "", False)
    unit_text = _drop_connector(rest) if scaled else rest
    return number, (_unit_name(unit_text, text) if unit_text.strip() else None)


def _split_period(body: str, lang: str | None) -> tuple[str, str | None, tuple | None]:
    """The quantity and unit, the period, and the per-capita denominator."""
    quantity, *parts = _PER.split(body)
    per = denominator = None
    for part in parts:
        part = part.strip()
        if part[:1].isdigit():
            if denominator is not None:
                raise InvalidInput(f"figure {body!r} has two denominators: keep one")
            denominator = _denominator(part, body, lang)
            continue
        key = unit_key(part)
        if key not in _PERIOD_NAMES:
            raise InvalidInput(
                f"unknown period {part!r} in {body!r}: use hour, day, week, month or year"
                ", or a denominator such as '/100000 people'"
            )
        if per is not None:
            raise InvalidInput(
                f"figure {body!r} has more than one period: keep one, e.g. '2 flights/week'"
            )
        per = _PERIOD_NAMES[key]
    return quantity, per, denominator


def _denominator(part: str, body: str, lang: str | None) -> tuple[float, str]:
    value, end, scaled = _read_number(part, 0, lang)
    if value is None:
        raise InvalidInput(f"cannot read the denominator {part!r} in {body!r}")
    rest = part[end:]
    _check_tail(rest, body)
    if scaled:
        rest = _drop_connector(rest)
    if not rest.strip():
        raise InvalidInput(
            f"denominator {part!r} in {body!r} has no unit: write e.g. '/100000 people'"
        )
    if value <= 0:
        raise InvalidInput(f"denominator {part!r} in {body!r} must be above zero")
    return _checked_number(value, "", False), _unit_name(rest, body)


def _split_quantity(
    quantity: str, body: str, lang: str | None
) -> tuple[str, dict[str, float], bool, str]:
    """(kind, numbers, strict, unit text)."""
    text = quantity.strip()
    kind, strict = "exact", False
    for pattern, prefix_kind, prefix_strict in _PREFIXES:
        match = pattern.match(text)
        if match:
            kind, strict, text = prefix_kind, prefix_strict, text[match.end() :].lstrip()
            break
    if kind == "exact":
        vague = _MAGNITUDE.match(text)
        if vague:
            return "vague", {"low": _magnitude(vague)}, False, text[vague.end() :]
    _check_not_nan(text)
    if _SCALE_FIRST.match(text):
        raise InvalidInput(
            f"{body!r} has a scale word but no number before it: write e.g. "
            "'1 million soldiers' or '1,5 milliard EUR'"
        )
    sign = _CURRENCY_SIGN.match(text)
    if sign:
        text = text[sign.end() :]
    opener = _RANGE_OPENER.match(text) if kind == "exact" else None
    if opener:
        text = text[opener.end() :]
    first, end, scaled = _read_number(text, 0, lang)
    if first is None:
        raise InvalidInput(
            f"no number at the start of {body!r}: write e.g. '25000 soldiers', "
            "'~3000 soldiers', '25000..30000 soldiers' or 'thousands of soldiers'"
        )
    numbers: dict[str, float]
    second = _range_end(text, end, lang, body) if kind == "exact" else None
    if second is not None:
        high, end, high_scale = second
        if scaled is None and high_scale and first * Decimal(repr(high_scale)) <= high:
            first *= Decimal(repr(high_scale))
        kind, numbers, scaled = "range", {"low": first, "high": high}, high_scale or scaled
    elif opener and opener.group(0)[:1].lower() in "be":
        raise InvalidInput(f"{body!r} opens a range but has one number: add 'and' and the other")
    else:
        numbers = {"low" if kind == "lower_bound" else "high" if kind == "upper_bound"
                   else "value": first}  # fmt: skip
    rest = text[end:]
    if kind == "exact" and rest.startswith("+"):
        kind, numbers, rest = "lower_bound", {"low": first}, rest[1:]
    _check_tail(rest, body)
    if scaled:
        rest = _drop_connector(rest)
    if sign:
        if rest.strip():
            raise InvalidInput(
                f"{body!r} has a currency sign and a unit: keep one, e.g. '$5 billion'"
            )
        rest = sign["sign"]
    if not rest.strip():
        raise InvalidInput(f"missing unit in {body!r}: add one, e.g. '25000 soldiers'")
    return kind, {k: float(v) for k, v in numbers.items()}, strict, rest


def _range_end(
    text: str, end: int, lang: str | None, body: str
) -> tuple[Decimal, int, float | None] | None:
    """The range's second number after a separator, with its end and scale; a unit
    written after the first number must be the second's ("5 km..10 km")."""
    unit_end = end
    low_unit = _LOW_END_UNIT.match(text, end)
    separator = _RANGE_SEPARATOR.match(text, end)
    if separator is None and low_unit is not None:
        unit_end = low_unit.end()
        separator = _DOTS.match(text, unit_end)
    if separator is None:
        return None
    high, high_end, scale = _read_number(text, separator.end(), lang)
    if high is None:
        if unit_end != end:
            return None
        raise InvalidInput(f"range in {body!r} has no second number: e.g. '25000..30000 soldiers'")
    if unit_end != end:
        after = text[high_end:]
        _check_ends_agree(low_unit["u"], after, body)
    return high, high_end, scale


def _check_ends_agree(low_text: str, high_text: str, body: str) -> None:
    """Both ends of a range in one unit, or a clean error saying what differs."""
    high_text = high_text.strip()
    if not high_text:
        raise InvalidInput(f"range in {body!r} names a unit for its first number only")
    low, high = canonical_unit(low_text), canonical_unit(high_text)
    if unit_key(low) == unit_key(high):
        return
    low_info, high_info = unit_info(low), unit_info(high)
    if low_info.dimension != high_info.dimension or low_info.dimension == "count":
        raise InvalidInput(
            f"range ends in {low!r} and {high!r} in {body!r} measure different things "
            f"({low_info.dimension}, {high_info.dimension}): give both ends in one unit"
        )
    raise InvalidInput(
        f"range ends in {low!r} and {high!r} in {body!r}: write both ends in one unit"
    )


def _read_number(
    text: str, start: int, lang: str | None
) -> tuple[Decimal | None, int, float | None]:
    """(value, end, scale) of the number at ``start``, scale words applied; (None, …) if
    there is none there."""
    match = _NUMBER_PATTERNS[lang].match(text, start)
    if match is None:
        return None, start, None
    digits = match["n"]
    for minus in _MINUS[1:]:
        digits = digits.replace(minus, "-")
    if lang == "fr":
        grouped = re.fullmatch(r"-?[0-9]{1,3}(?:\.[0-9]{3})+", digits)
        digits = digits.replace(".", "") if grouped else digits
        digits = digits.replace(",", ".")
    digits = re.sub(rf"[_,{_GROUP_SPACES}]", "", digits)
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return None, start, None
    word = match["s"] or match["sw"]
    if word is None:
        return value, match.end(), None
    key = word.lower()
    scale = (_FRENCH_SCALES.get(key) if lang == "fr" else None) or _SCALE_WORDS[key]
    return value * Decimal(repr(scale)), match.end(), scale


def _drop_connector(rest: str) -> str:
    """The unit after a scale word, without "of"/"de"/"d'": "1,5 milliard d'euros"."""
    connector = _CONNECTOR.match(rest)
    return rest[connector.end() :] if connector and rest[connector.end() :].strip() else rest


def _unit_name(unit_text: str, body: str) -> str:
    text = " ".join(unit_text.split())
    if text == "M":
        raise InvalidInput(
            f"'M' in {body!r} is ambiguous: write 'm' for metres, or the unit after a "
            "million ('3M people')"
        )
    try:
        return canonical_unit(text)
    except InvalidInput as error:
        raise InvalidInput(f"{error} (in {body!r})") from None


def _check_tail(rest: str, body: str) -> None:
    if _NUMBER_TAIL.match(rest):
        raise InvalidInput(
            f"cannot read the number in {body!r}: use '.' for decimals (',' in a French "
            "claim), no exponent, and a power of ten for magnitudes ('1000s')"
        )


def _check_not_nan(text: str) -> None:
    match = _NOT_A_NUMBER.match(text)
    if match:
        raise InvalidInput(
            f"{match.group(0).strip()!r} is not a number a figure can hold: give a finite number"
        )


def _magnitude(match: re.Match[str]) -> float:
    zeros = match["zeros"]
    if zeros is None:
        return _MAGNITUDE_WORDS[" ".join(match["magnitude"].casefold().split())]
    if len(zeros) > 15:
        raise InvalidInput(
            f"a magnitude of 10^{len(zeros)} is too large: figures stop at 1e15, beyond "
            "which a number is a typo or a unit mistake"
        )
    return 10.0 ** len(zeros)


def _checked_number(value: float | Decimal | None, unit: str, counted: bool) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InvalidInput(f"figure numbers must be numbers, not {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise InvalidInput(f"{value} is not a number a figure can hold: give a finite number")
    if abs(value) > MAX_VALUE:
        raise InvalidInput(
            f"{value:g} is too large: figures stop at 1e15, beyond which a number is a typo "
            "or a unit mistake; use a larger unit or check the digits"
        )
    if value != 0 and abs(value) < MIN_NONZERO:
        raise InvalidInput(f"{value} is too small to record: use a smaller unit")
    if value < 0 and counted:
        raise InvalidInput(f"a count of {unit} cannot be negative ({_format(value)}): drop the '-'")
    # + 0.0 turns -0.0 into 0.0, so that equal figures print the same.
    return value + 0.0


def _check_shape(f: FigureSpec) -> None:
    given = tuple(name for name in ("value", "low", "high") if getattr(f, name) is not None)
    needed = {
        "exact": ("value",),
        "approximate": ("value",),
        "range": ("low", "high"),
        "lower_bound": ("low",),
        "upper_bound": ("high",),
        "vague": ("low",),
    }[f.kind]
    if given != needed:
        found = " and ".join(given) or "nothing"
        raise InvalidInput(f"a {f.kind} figure takes {' and '.join(needed)}, not {found}")
    if f.kind == "range" and f.low > f.high:
        raise InvalidInput(
            f"range {_format(f.low)}..{_format(f.high)} is reversed: write the smaller number first"
        )
    if f.kind == "range" and f.low == f.high:
        raise InvalidInput(
            f"range {_format(f.low)}..{_format(f.high)} has equal bounds: "
            f"write the exact figure {_format(f.low)} instead"
        )
    if f.kind == "vague" and f.low not in _POWERS_OF_TEN:
        raise InvalidInput(
            f"vague figure {_format(f.low)}s must be a power of ten from 10: e.g. '1000s {f.unit}'"
        )


def _check_denominator(f: FigureSpec) -> None:
    if (f.per_count is None) != (f.per_unit is None):
        raise InvalidInput("a per-capita figure takes both per_count and per_unit")
    if f.per_count is None:
        return
    count = _checked_number(f.per_count, "", False)
    if count <= 0:
        raise InvalidInput(f"denominator {_format(count)} must be above zero")
    object.__setattr__(f, "per_count", count)
    object.__setattr__(f, "per_unit", canonical_unit(f.per_unit))


def _format(number: float) -> str:
    """Shortest exact decimal form, without exponent: 25000.0 → "25000", 1e-05 → "0.00001"."""
    if number.is_integer():
        return str(int(number))
    return format(Decimal(repr(number)), "f")


def _formatter(lang: str | None):
    if lang not in LANGUAGES:
        return _format
    from babel.numbers import format_decimal

    def number(value: float) -> str:
        return format_decimal(Decimal(_format(value)), locale=lang, decimal_quantization=False)

    return number


__all__ = ["BUILTIN", "KINDS", "PERIODS", "FigureSpec", "canonical_unit", "parse_figure"]
