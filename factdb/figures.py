"""The figure text syntax, parsed in one place so that the CLI, fixtures and API agree.

A figure is a number a claim asserts, written as one short line::

    SPEC   := QUANT [" "] UNIT [ ("/" | " per ") PERIOD ] [ "|" WORDS ]
    QUANT  := NUM                           exact        "2 flights/week"
            | "~" NUM                       approximate  "~3000 soldiers"
            | NUM ".." NUM | NUM "-" NUM    range        "25000..30000 soldiers"
            | ">=" NUM | ">" NUM | NUM "+"  lower_bound  ">=10000 soldiers", "10000+ soldiers"
            | "<=" NUM | "<" NUM            upper_bound  "<=500 soldiers"
            | MAGNITUDE [" of"]             vague        "thousands of soldiers", "1000s soldiers"
    NUM    := ["-"] digits, optionally grouped by thousands with "_", ",", a space or a
              no-break space ("25 000", "25,000"), with an optional decimal part (".5")
    MAGNITUDE := dozens | tens (10), hundreds, thousands, tens of thousands,
              hundreds of thousands, millions, billions, or a power of ten with "s": "1000s"
    UNIT   := a unit of UNITS or one of its aliases, case-insensitive ("troops", "%", "€", "$")
    PERIOD := day | week | month | year, or d, wk, mo, yr, jour, semaine, mois, an, année
    WORDS  := the original words, e.g. "2 flights/week | deux fois par semaine"

">" and "<" are stored as inclusive bounds: a claim's wording is kept in WORDS, and the
bound only decides which ``--min``/``--max`` queries find the figure.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from factdb.errors import InvalidInput
from factdb.vocab import FIGURE_KINDS as KINDS
from factdb.vocab import PERIODS

MAX_SPEC = 500
MAX_WORDS = 300
# Beyond these, a figure is a typo or a unit mistake rather than a claim worth checking.
MAX_VALUE = 1e15
MIN_NONZERO = 1e-6


@dataclass(frozen=True)
class Unit:
    """A unit of the documented vocabulary; ``counted`` things cannot be negative."""

    name: str
    counted: bool
    description: str
    aliases: tuple[str, ...] = ()


def _counted(name: str, description: str, *aliases: str) -> Unit:
    return Unit(name, True, description, aliases)


def _measured(name: str, description: str, *aliases: str) -> Unit:
    return Unit(name, False, description, aliases)


UNITS: Mapping[str, Unit] = {
    u.name: u
    for u in (
        _counted("soldiers", "military personnel", "soldier", "troops", "troop"),
        _counted("flights", "scheduled or announced flights", "flight"),
        _counted("shells", "artillery shells", "shell"),
        _counted("missiles", "missiles of any range", "missile"),
        _counted("drones", "unmanned aerial vehicles", "drone"),
        _counted("tanks", "tanks", "tank"),
        _counted("aircraft", "aeroplanes and helicopters", "planes", "plane"),
        _counted("ships", "ships and boats", "ship", "vessels", "vessel"),
        _counted("weapons", "weapons other than the listed kinds", "weapon"),
        _counted("vehicles", "vehicles other than tanks", "vehicle"),
        _counted("people", "people not covered by a more precise unit", "persons", "person"),
        _counted("deaths", "people killed", "death", "dead", "killed"),
        _counted("casualties", "people killed or wounded", "casualty"),
        _counted("refugees", "refugees and displaced people", "refugee"),
        _counted("prisoners", "prisoners and detainees", "prisoner"),
        _counted("visits", "official visits", "visit"),
        _counted("meetings", "meetings and summits", "meeting"),
        _counted("cases", "cases of a disease or of a legal kind", "case"),
        _counted("doses", "vaccine or medicine doses", "dose"),
        _counted("votes", "votes cast", "vote"),
        _counted("jobs", "jobs created or lost", "job"),
        _counted("items", "things not covered by a more precise unit", "item"),
        _measured("tonnes", "metric tonnes", "tonne", "tons", "ton", "t"),
        _measured("km", "kilometres", "kilometres", "kilometers", "kilometre", "kilometer"),
        _measured("days", "a duration in days", "day"),
        _measured("years", "a duration in years", "year"),
        _measured("percent", "a share, in percent", "%", "pct"),
        _measured("points", "a difference between percentages", "point", "pts", "pp"),
        _measured("EUR", "euros", "€", "euro", "euros"),
        _measured("USD", "US dollars", "$", "dollar", "dollars"),
        _measured("RUB", "Russian roubles", "₽", "rouble", "roubles", "ruble", "rubles"),
        _measured("KPW", "North Korean won"),
        _measured("KRW", "South Korean won", "₩"),
        _measured("CNY", "Chinese yuan", "yuan", "renminbi", "rmb"),
        _measured("GBP", "pounds sterling", "£", "pound", "pounds"),
        _measured("UAH", "Ukrainian hryvnias", "₴", "hryvnia", "hryvnias"),
    )
}

_UNIT_NAMES = {
    key.casefold(): unit.name for unit in UNITS.values() for key in (unit.name, *unit.aliases)
}

_PERIOD_NAMES = {
    "day": "day", "days": "day", "d": "day", "jour": "day", "jours": "day",
    "week": "week", "weeks": "week", "wk": "week", "semaine": "week", "semaines": "week",
    "month": "month", "months": "month", "mo": "month", "mois": "month",
    "year": "year", "years": "year", "yr": "year", "an": "year", "ans": "year",
    "année": "year", "années": "year", "annee": "year", "annees": "year",
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
}
# The word to_spec prints for each magnitude; "dozens" reads back as "tens".
_MAGNITUDE_NAMES = {v: k for k, v in _MAGNITUDE_WORDS.items()}

_POWERS_OF_TEN = frozenset(10.0**k for k in range(1, 16))

_NUM = r"-?(?:[0-9]{1,3}(?:[_, \u00a0\u202f][0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_QUANTITIES = [
    (re.compile(rf"(?P<low>{_NUM})\s*(?:\.\.|-|–)\s*(?P<high>{_NUM})"), "range"),
    (re.compile(rf"~\s*(?P<value>{_NUM})"), "approximate"),
    (re.compile(rf"(?:>=?|≥)\s*(?P<low>{_NUM})"), "lower_bound"),
    (re.compile(rf"(?P<low>{_NUM})\+"), "lower_bound"),
    (re.compile(rf"(?:<=?|≤)\s*(?P<high>{_NUM})"), "upper_bound"),
    (re.compile(rf"(?P<value>{_NUM})"), "exact"),
]
_MAGNITUDE = re.compile(
    r"(?P<magnitude>"
    + "|".join(r"\s+".join(w.split()) for w in _MAGNITUDE_WORDS)
    + r"|1(?P<zeros>0+)s)(?:\s+of)?(?=\s|$)",
    re.IGNORECASE,
)
# What follows a number and shows it was misread: "2,5", "1.5e3", "50s".
_NUMBER_TAIL = re.compile(r"[.,0-9]|[eE][+-]?[0-9]|s(?:\s|$)")
_PER = re.compile(r"\s+per\s+|/", re.IGNORECASE)


@dataclass(frozen=True)
class FigureSpec:
    """A parsed figure; the constructor checks the shape each kind needs, so a
    FigureSpec built in code is as trustworthy as one parsed from text."""

    kind: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    per: str | None
    text: str | None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidInput(f"unknown figure kind {self.kind!r}: use one of {', '.join(KINDS)}")
        if self.unit not in UNITS:
            raise InvalidInput(f"unknown unit {self.unit!r}: use one of {', '.join(UNITS)}")
        if self.per is not None and self.per not in PERIODS:
            raise InvalidInput(f"unknown period {self.per!r}: use one of {', '.join(PERIODS)}")
        for name in ("value", "low", "high"):
            object.__setattr__(self, name, _checked_number(getattr(self, name), self.unit))
        _check_shape(self)
        if self.text is not None:
            _check_words(self.text)

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

    def to_spec(self) -> str:
        """The canonical text form: ``parse_figure(f.to_spec()) == f``."""
        if self.kind == "exact":
            quantity = f"{_format(self.value)} "
        elif self.kind == "approximate":
            quantity = f"~{_format(self.value)} "
        elif self.kind == "range":
            quantity = f"{_format(self.low)}..{_format(self.high)} "
        elif self.kind == "lower_bound":
            quantity = f">={_format(self.low)} "
        elif self.kind == "upper_bound":
            quantity = f"<={_format(self.high)} "
        elif self.low in _MAGNITUDE_NAMES:
            quantity = f"{_MAGNITUDE_NAMES[self.low]} of "
        else:
            quantity = f"{_format(self.low)}s "
        per = f"/{self.per}" if self.per else ""
        words = f" | {self.text}" if self.text is not None else ""
        return f"{quantity}{self.unit}{per}{words}"


def parse_figure(spec: str) -> FigureSpec:
    """Parse the figure syntax of the module docstring; raise InvalidInput on any mistake."""
    if not isinstance(spec, str):
        raise InvalidInput(f"a figure must be text such as '25000 soldiers', not {spec!r}")
    if len(spec) > MAX_SPEC:
        raise InvalidInput(f"figure is {len(spec)} characters long: keep it under {MAX_SPEC}")
    _check_no_control(spec, "figure")
    body, bar, words = spec.partition("|")
    text = words.strip() if bar else None
    if bar and not text:
        raise InvalidInput(
            f"figure {spec!r} has an empty '| words' part: add the words or drop '|'"
        )
    body = body.strip()
    if not body:
        raise InvalidInput("empty figure: write a number and a unit, e.g. '25000 soldiers'")
    quantity, per = _split_period(body)
    kind, numbers, unit_text = _split_quantity(quantity, body)
    if not unit_text.strip():
        raise InvalidInput(f"missing unit in {body!r}: add one, e.g. '25000 soldiers'")
    return FigureSpec(
        kind=kind,
        value=numbers.get("value"),
        low=numbers.get("low"),
        high=numbers.get("high"),
        unit=canonical_unit(unit_text),
        per=per,
        text=text,
    )


def canonical_unit(name: str) -> str:
    """The UNITS name for a unit or one of its aliases: "troops" → "soldiers"."""
    key = " ".join(name.split()).casefold()
    if key in _UNIT_NAMES:
        return _UNIT_NAMES[key]
    close = difflib.get_close_matches(key, _UNIT_NAMES, n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(_UNIT_NAMES[c] for c in close))
    if suggestions:
        raise InvalidInput(f"unknown unit {name.strip()!r}: did you mean {', '.join(suggestions)}?")
    raise InvalidInput(f"unknown unit {name.strip()!r}: use one of {', '.join(UNITS)}")


def _split_period(body: str) -> tuple[str, str | None]:
    parts = _PER.split(body)
    if len(parts) == 1:
        return body, None
    if len(parts) > 2:
        raise InvalidInput(
            f"figure {body!r} has more than one period: keep one, e.g. '2 flights/week'"
        )
    quantity, period = parts
    key = period.strip().casefold()
    if key not in _PERIOD_NAMES:
        raise InvalidInput(
            f"unknown period {period.strip()!r} in {body!r}: use day, week, month or year"
        )
    return quantity, _PERIOD_NAMES[key]


def _split_quantity(quantity: str, body: str) -> tuple[str, dict[str, float], str]:
    quantity = quantity.strip()
    vague = _MAGNITUDE.match(quantity)
    if vague:
        return "vague", {"low": _magnitude(vague)}, quantity[vague.end() :]
    for pattern, kind in _QUANTITIES:
        match = pattern.match(quantity)
        if match:
            rest = quantity[match.end() :]
            if _NUMBER_TAIL.match(rest):
                raise InvalidInput(
                    f"cannot read the number in {body!r}: use '.' for decimals, no exponent, "
                    "and a power of ten for magnitudes ('1000s')"
                )
            numbers = {name: _number(text) for name, text in match.groupdict().items()}
            return kind, numbers, rest
    raise InvalidInput(
        f"no number at the start of {body!r}: write e.g. '25000 soldiers', '~3000 soldiers', "
        "'25000..30000 soldiers' or 'thousands of soldiers'"
    )


def _magnitude(match: re.Match[str]) -> float:
    zeros = match["zeros"]
    if zeros is None:
        return _MAGNITUDE_WORDS[" ".join(match["magnitude"].casefold().split())]
    if len(zeros) > 15:
        raise InvalidInput(f"a magnitude of 10^{len(zeros)} is too large: figures stop at 1e15")
    return 10.0 ** len(zeros)


def _number(text: str) -> float:
    return float(re.sub(r"[_, \u00a0\u202f]", "", text))


def _checked_number(value: float | None, unit: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(f"figure numbers must be numbers, not {value!r}")
    if not math.isfinite(value):
        raise InvalidInput(f"{value} is not a number a figure can hold: give a finite number")
    if abs(value) > MAX_VALUE:
        raise InvalidInput(f"{value:g} is too large: figures stop at 1e15")
    if value != 0 and abs(value) < MIN_NONZERO:
        raise InvalidInput(f"{value} is too small to record: use a smaller unit")
    if value < 0 and UNITS[unit].counted:
        raise InvalidInput(f"a count of {unit} cannot be negative ({_format(value)}): drop the '-'")
    # + 0.0 turns -0.0 into 0.0, so that equal figures print the same.
    return float(value) + 0.0


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


def _check_words(text: str) -> None:
    if not isinstance(text, str) or not text.strip() or text != text.strip():
        raise InvalidInput(f"figure words {text!r} must be non-empty text without outer spaces")
    if len(text) > MAX_WORDS:
        raise InvalidInput(f"figure words are {len(text)} characters: keep them under {MAX_WORDS}")
    _check_no_control(text, "figure words")


def _check_no_control(text: str, what: str) -> None:
    bad = next((c for c in text if unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        raise InvalidInput(f"{what} {text!r} contains the control character {bad!r}: remove it")


def _format(number: float) -> str:
    """Shortest exact decimal form, without exponent: 25000.0 → "25000", 1e-05 → "0.00001"."""
    if number.is_integer():
        return str(int(number))
    return format(Decimal(repr(number)), "f")
