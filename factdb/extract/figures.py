"""Find the figures an article's text asserts, in French and English, as FigureSpec values.

A scan over a folded copy of the text (same offsets) finds number atoms: digits in
French and English styles, with an optional scale word ("1,5 million"), number words,
vague magnitudes ("des milliers") and approximate nouns ("une vingtaine"). Each atom is
then read with the words around it: a range with the next atom ("entre … et …"), a
bound or an approximation before it ("plus de", "about"), a currency, a percent sign,
the noun saying what is counted and a period ("par semaine") after it.

Libraries do the reading: Babel parses the digits in the locale their separators show
("25 000" fr, "25,000" en, "25.000" de), text2num reads number words. text2num is given
one atom at a time: on a whole range it merges "vingt-cinq mille et trente mille" into
one wrong number, so ranges are split before it sees them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from factdb.errors import InvalidInput
from factdb.extract import lexicon
from factdb.extract.dates import check_lang, date_matches
from factdb.extract.folding import fold
from factdb.figures import MAX_WORDS, FigureSpec


@dataclass(frozen=True)
class FoundFigure:
    """A figure found in a text: ``text[start:end]`` are its words, ``reason`` says why."""

    start: int
    end: int
    spec: FigureSpec
    reason: str


@dataclass(frozen=True)
class _Atom:
    """One number in the text, before the words around it are read."""

    start: int
    end: int
    value: float
    kind: str  # "digits", "words", "vague", "approximate", "rate"
    scale: float = 1.0


_SCALES = {
    "mille": 1e3, "thousand": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9,
    "milliards": 1e9, "md": 1e9, "mds": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9,
    "trillion": 1e12, "trillions": 1e12,
}  # fmt: skip
# French "billion" is a million million.
_FRENCH_SCALES = {**_SCALES, "billion": 1e12, "billions": 1e12}
_MAGNITUDES = {
    "dizaines": 10.0, "centaines": 100.0, "milliers": 1e3, "millions": 1e6, "milliards": 1e9,
    "dozens": 10.0, "tens": 10.0, "hundreds": 100.0, "thousands": 1e3, "billions": 1e9,
}  # fmt: skip
_APPROXIMATE_NOUNS = {
    "dizaine": 10.0, "douzaine": 12.0, "quinzaine": 15.0, "vingtaine": 20.0,
    "trentaine": 30.0, "quarantaine": 40.0, "cinquantaine": 50.0, "soixantaine": 60.0,
    "centaine": 100.0, "millier": 1e3,
}  # fmt: skip
_RATE_WORDS = {"once": 1.0, "twice": 2.0, "thrice": 3.0}

_WORDS_FR = (
    "zero un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
    "quinze seize vingt vingts trente quarante cinquante soixante cent cents mille million "
    "millions milliard milliards"
)
_WORDS_EN = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion"
)


def _alternation(words: Iterable[str] | str) -> str:
    """A regex alternation, longest first; a string is a space-separated list of words."""
    words = words.split() if isinstance(words, str) else words
    return "|".join(sorted(words, key=len, reverse=True))


_NUM = (
    r"[0-9]{1,3}(?:[ .,][0-9]{3})+(?![0-9])(?:[.,][0-9]+)?"
    r"|[0-9]+(?:[.,][0-9]+)?"
)
_DIGITS = (
    rf"(?<![0-9a-z])(?<![0-9][.,])(?P<dig>{_NUM})"
    rf"(?:[ -]?(?P<scale>{_alternation(_FRENCH_SCALES)})\b|(?![0-9a-z]))"
)
_ATOMS = {
    "fr": re.compile(
        r"\b(?:des|plusieurs|quelques|de|les|par)[ ]+(?P<vague>dizaines|centaines|milliers"
        r"|millions|milliards)(?:[ ]+de[ ]+(?P<vague2>milliers|millions))?\b"
        rf"|\b(?:une?|d'une?|quelque)[ ]+(?P<approx>{_alternation(_APPROXIMATE_NOUNS)})s?\b"
        rf"|{_DIGITS}"
        rf"|\b(?P<words>(?:{_alternation(_WORDS_FR)})"
        rf"(?:(?:[ -]+et[ -]+(?=(?:un|une|onze)\b)|[ -]+)(?:{_alternation(_WORDS_FR)})){{0,15}})\b"
    ),
    "en": re.compile(
        r"\b(?:(?:several|many|a few)[ ]+)?(?P<vague>(?:dozens|tens)(?=[ ]+of\b)|hundreds"
        r"|thousands|millions|billions)(?:[ ]+of[ ]+(?P<vague2>thousands|millions))?\b"
        r"|\b(?P<dozen>a dozen)\b"
        rf"|{_DIGITS}"
        r"|\b(?P<rate>once|twice|thrice)\b"
        r"|\b(?P<words>(?:a[ ]+(?=hundred|thousand|million|billion))?"
        rf"(?:{_alternation(_WORDS_EN)})"
        rf"(?:(?:(?<=hundred)[ ]+and[ ]+|[ -]+)(?:{_alternation(_WORDS_EN)})){{0,15}})\b"
    ),
}

_BLOCKERS = re.compile(
    # Times of day, phone numbers, codes such as "F-16" or "COVID-19", school or fiscal
    # years ("2011-13"), and proportions ("3 out of 10", "24 heures sur 24").
    r"\b[12][0-9]{3}[-/][0-9]{2}\b|\b[0-9]+[ ]+sur[ ]+[0-9]+\b"
    r"|\b[a-z0-9]+[ ]+out of[ ]+(?:the[ ]+)?[a-z0-9]+\b"
    # "9/11", "24/7", "2/3": names and fractions; "a 40-year low": an adjective.
    r"|\b[0-9]{1,4}/[0-9]{1,4}\b|\b[0-9]+-(?:years?|days?|months?|weeks?|hours?)\b|"
    r"\b[0-9]{1,2}[ ]?h(?:[ ]?[0-9]{2})?\b|\b[0-9]{1,2}:[0-9]{2}\b"
    r"|\b[0-9]{1,2}[ ]?(?:am|pm|a\.m\.|p\.m\.)"
    r"|\b(?:a|at|vers|around)[ ]+[0-9]{1,2}[ ]+(?:heures?|o'clock)\b"
    r"|(?<![0-9])0[1-9](?:[ .-]?[0-9]{2}){4}(?![0-9])"
    r"|\+[0-9]{1,3}(?:[ .-]?\(?[0-9]{1,4}\)?){2,5}"
    r"|\(?\b[0-9]{3}\)?[ .-][0-9]{3}-[0-9]{4}\b"
    r"|\b[a-z]+-[0-9]+\b"
)
_REFERENCE = re.compile(rf"(?:^|[^a-z])(?:{lexicon.REFERENCES})[ ]*$")
_QUALIFIER = re.compile(
    r"(?:^|[^a-z'])(?:"
    + "|".join(f"(?P<{kind}>{words})" for kind, words in lexicon.QUALIFIERS.items())
    + r")[ ]*$"
)
_CURRENCY_BEFORE = re.compile(r"(?:^|[^a-z])(?P<cur>us\$|\$|€|£|₽|₴)[ ]?$")
_RANGE_PREFIX = re.compile(r"(?:^|[^a-z])(?P<p>entre|between|de|d'|from)[ ]*$")
_BETWEEN = re.compile(r"[ ]*(?P<sign>%|€|\$)?(?:[ ]*-[ ]*|[ ]+(?P<w>a|au|to|et|and|ou|or)[ ]+)$")
_PERCENT = re.compile(
    r"[ ]*(?:%|pour[ -]?cent\b|percent\b|per[ ]?cent\b)"
    r"|[ ]+(?:points? de pourcentage|percentage points?|points?)\b"
)
_CURRENCY_AFTER = re.compile(
    r"[ ]*(?:(?:de|d'|of)[ ]*)?(?P<cur>"
    + _alternation(re.escape(c) for c in lexicon.CURRENCIES)
    + r")(?![a-z])"
)
_WORD = re.compile(r"[ ]*(?P<w>[a-z][a-z'-]*)")
_PERIOD = re.compile(
    r"[ ]*(?:/|(?:par|per|a|an|each|every|chaque|by the)[ ]+|(?:tous|toutes) les[ ]+)"
    r"(?P<p>heures?|hours?|jours?|semaines?|mois|ans?|annees?|days?|weeks?|months?|years?)\b"
)
_AFTER_QUALIFIER = re.compile(r"[ ]+(?P<q>environ|ou plus|or more|au moins|at least)\b")
_NOUN_ANYWHERE = re.compile(r"\b(?:" + _alternation(lexicon.NOUNS) + r")\b")
_SENTENCE_END = re.compile(r"[.!?;\n]")
# Words that end the verb phrase between a counted noun and its period: "un vol direct
# deux fois par semaine" gives the period to "deux fois", not to "un vol".
_NOT_A_VERB = lexicon.STOP_WORDS | {"fois", "times", "once", "twice", "thrice"}
_NOT_A_VERB |= {w for words in (_WORDS_FR, _WORDS_EN) for w in words.split()}
_FRACTION = re.compile(
    r"[ -]+(?:thirds?|quarters?|fifths?|sixths?|tenths?|halves|half|tiers|quarts?|"
    r"cinquiemes?|dixiemes?|moitie)\b"
)
_RATIO = re.compile(
    r"[ ]+(?:plus|moins|autant|superieure?s?|inferieure?s?|more|less|fewer|as|higher|lower|"
    r"larger|bigger|greater|smaller)\b"
)
_DEFINITE = re.compile(
    r"(?:^|[^a-z'])(?:les|des|ces|ses|leurs|nos|vos|the|these|those|its|their|our|both)[ ]+$"
)
_KILLED_BEFORE = re.compile(r"\b(?:tue|tues|tuent|killed|kill|kills|killing)\b[^.;]*$")
_KILLED_AFTER = re.compile(
    r"[ ]+(?:ont ete |ayant ete |were |have been |had been )?(?:tues|tuees|killed)\b"
)
# Words that follow a number and look plural, but say nothing of what is counted.
_NOT_A_NOUN = (
    _NOT_A_VERB
    | lexicon.AUXILIARIES
    | lexicon.DURATIONS
    | lexicon.PERIOD_WORDS.keys()
    | set(
        [
            "nouveaux",
            "nouvelles",
            "autres",
            "premiers",
            "premieres",
            "derniers",
            "dernieres",
            "grands",
            "grandes",
            "petits",
            "petites",
            "gros",
            "anciens",
            "anciennes",
            "jeunes",
            "principaux",
            "principales",
            "seuls",
            "seules",
            "plus",
            "moins",
            "environ",
            "apres",
            "depuis",
            "pendant",
            "dans",
            "sous",
            "sans",
            "vers",
            "chez",
            "parmi",
            "selon",
            "tous",
            "toutes",
            "others",
            "various",
            "several",
            "last",
            "first",
            "previous",
            "additional",
            "extra",
            "across",
            "versus",
            "plus",
            "says",
            "gets",
            "makes",
            "comes",
            "goes",
            "does",
            "seems",
            "remains",
            "means",
            "has",
            "was",
            "is",
            "this",
            "thus",
            "its",
            "supplementaires",
            "supplementaire",
        ]
    )
)
# "6,000 more troops", "6 000 soldats supplémentaires", "6 000 de plus": an increment.
_INCREMENT_AFTER = re.compile(
    r"[ ]+(?P<inc>more|additional|supplementaires?|en plus|de plus)\b(?![ ]+(?:than|que|de\b))"
)
_INCREMENT_BEFORE = re.compile(r"(?:^|[^a-z])(?P<inc>additional|another|an additional|encore)[ ]+$")
# How far back a qualifier, currency or range opener can stand before a number.
_WINDOW = 40


def find_figures(text: str, lang: str) -> list[FoundFigure]:
    """Every figure in ``text``, sorted by start, without overlaps."""
    check_lang(lang)
    folded = fold(text)
    blocked = _blocked(folded, lang)
    atoms = [a for a in _atoms(folded, lang) if not _is_blocked(a, blocked, folded)]
    found: list[FoundFigure] = []
    floor = 0
    index = 0
    while index < len(atoms):
        atom = atoms[index]
        index += 1
        if atom.start < floor:
            continue
        read = _read(text, folded, lang, atoms, index - 1, floor)
        if read is None:
            continue
        figure, used = read
        found.append(figure)
        floor = figure.end
        index = max(index, used)
    return found


def _blocked(folded: str, lang: str) -> list[tuple[int, int]]:
    """Spans no figure may touch (dates, times, phone numbers …), merged and sorted."""
    spans = [(start, end) for start, end, _, _ in date_matches(folded, lang)]
    spans += [m.span() for m in _BLOCKERS.finditer(folded)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _is_blocked(atom: _Atom, blocked: list[tuple[int, int]], folded: str) -> bool:
    at = bisect.bisect_right(blocked, (atom.start, float("inf")))
    if at and blocked[at - 1][1] > atom.start:
        return True
    if at < len(blocked) and blocked[at][0] < atom.end:
        return True
    # "article 4", "vol 17": a number in digits naming a thing.
    return atom.kind == "digits" and bool(
        _REFERENCE.search(folded, max(0, atom.start - 15), atom.start)
    )


def _atoms(folded: str, lang: str) -> Iterator[_Atom]:
    scales = _FRENCH_SCALES if lang == "fr" else _SCALES
    for match in _ATOMS[lang].finditer(folded):
        groups = match.groupdict()
        start, end = match.span()
        if groups["dig"] is not None:
            start = match.start("dig")
            value = _digits(groups["dig"])
            scale = scales[groups["scale"]] if groups["scale"] else 1.0
            if value is not None:
                yield _Atom(start, end, _scaled(value, scale), "digits", scale)
        elif groups["vague"] is not None:
            low = _MAGNITUDES[groups["vague"]]
            if groups["vague2"] is not None:
                low *= _MAGNITUDES[groups["vague2"]]
            yield _Atom(start, end, low, "vague")
        elif groups.get("approx") is not None:
            yield _Atom(start, end, _APPROXIMATE_NOUNS[groups["approx"]], "approximate")
        elif groups.get("dozen") is not None:
            yield _Atom(start, end, 12.0, "words")
        elif groups.get("rate") is not None:
            yield _Atom(start, end, _RATE_WORDS[groups["rate"]], "rate")
        else:
            value = _words(groups["words"], lang)
            if value is not None:
                scale = next((s for w, s in scales.items() if groups["words"].endswith(w)), 1.0)
                yield _Atom(start, end, value, "words", scale)


def _scaled(value: Decimal | float, scale: float) -> float:
    """``value × scale`` in decimal, so that 8.2 billion is 8200000000, not 8199999999.99."""
    return float(Decimal(str(value)) * int(scale))


@lru_cache(maxsize=4096)
def _digits(number: str) -> Decimal | None:
    """Babel reads the digits in the locale their separators show."""
    from babel.numbers import NumberFormatError, parse_decimal

    if "," in number and "." in number:
        locale = "en" if number.rfind(".") > number.rfind(",") else "de"
    elif " " in number:
        locale, number = "fr", number.replace(" ", "\u202f")
    elif "," in number:
        locale = "en" if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+", number) else "fr"
    elif "." in number:
        locale = "de" if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+", number) else "en"
    else:
        locale = "en"
    try:
        value = parse_decimal(number, locale=locale, strict=True)
    except NumberFormatError:
        return None
    return value if value < Decimal("1e15") else None


@lru_cache(maxsize=4096)
def _words(words: str, lang: str) -> float | None:
    from text_to_num import text2num

    if words.startswith("a "):
        words = "one " + words[2:]
    try:
        return float(text2num(words, lang))
    except ValueError:
        return None


def _read(
    text: str, folded: str, lang: str, atoms: list[_Atom], index: int, floor: int
) -> tuple[FoundFigure, int] | None:
    """The figure that starts with ``atoms[index]``, and the index of the next unused atom."""
    first = atoms[index]
    last = first
    used = index + 1
    kind, numbers, reasons = "exact", {"value": first.value}, []
    strict = False
    start = first.start
    unit: str | None = None
    window_start = max(floor, first.start - _WINDOW)

    second = atoms[index + 1] if index + 1 < len(atoms) else None
    joined = _range(folded, first, second, window_start)
    if joined is not None:
        start, low, high, sign = joined
        kind, numbers, last, used = "range", {"low": low, "high": high}, second, index + 2
        reasons.append("a range")
        unit = {"%": "percent", "€": "EUR", "$": "USD"}.get(sign or "")
    elif first.kind == "vague":
        kind, numbers = "vague", {"low": first.value}
        reasons.append("a vague magnitude")
    elif first.kind == "approximate":
        kind = "approximate"
        reasons.append("an approximate number")

    currency = _CURRENCY_BEFORE.search(folded, window_start, start)
    if currency:
        unit = lexicon.CURRENCIES[currency["cur"]]
        start = currency.start("cur")
    if kind in ("exact", "approximate"):
        qualifier = _QUALIFIER.search(folded, window_start, start)
        if qualifier:
            kind = qualifier.lastgroup
            value = numbers.pop("value")
            numbers = {"lower_bound": {"low": value}, "upper_bound": {"high": value}}.get(
                kind, {"value": value}
            )
            start = qualifier.start(kind)
            strict = qualifier[kind] in lexicon.STRICT_QUALIFIERS
            reasons.append(f"'{qualifier[kind]}' before it" + (" (strict)" if strict else ""))

    end = last.end
    per = None
    after_unit, after_end, per, why = _unit_after(folded, end, lang)
    if unit is None:
        unit, end = after_unit, after_end
        if why:
            reasons.append(why)
    else:
        reasons.append("a currency" if unit != "percent" else "a share")
        if after_unit in (None, unit):
            end = after_end
        else:
            per = None
    if unit == "" or _FRACTION.match(folded, last.end):
        return None  # a duration the vocabulary cannot hold, or "two-thirds", "un tiers"
    if per is not None:
        reasons.append(f"per {per}")
    elif first.kind == "words" and first.value == 1 and kind != "range":
        return None  # "un vol direct", "près d'un tiers": an article, not a count
    if first.kind == "rate" or unit == "times":
        if per is not None:
            unit = _noun_before(folded, start) or "items"
        elif first.kind == "rate" or _RATIO.match(folded, end):
            return None  # "deux fois plus", "twice as many": a ratio, not a count
        else:
            unit = "items"  # "partagée 30 000 fois": the repetitions themselves
    new_noun = None
    if unit is None:
        if kind == "vague":
            unit = _noun_before(folded, start)
            if unit:
                reasons.append("what is counted named earlier in the sentence")
        elif _not_a_figure(first, last, kind, folded):
            return None
        new_noun = None if unit else _new_noun(folded, last.end, lang)
        if new_noun is not None:
            unit, end = text[new_noun[0] : new_noun[1]], new_noun[1]
            reasons.append(f"'{unit}' says what is counted (not a known unit)")
        unit = unit or "items"
    if (unit in ("people", "items") or new_noun) and _killed(folded, window_start, start, end):
        unit = "deaths"
        reasons.append("people killed")
    increment = _INCREMENT_AFTER.match(folded, last.end) or _INCREMENT_AFTER.match(folded, end)
    if increment is None:
        increment = _INCREMENT_BEFORE.search(folded, window_start, start)
    elif increment.start() >= end:
        end = increment.end()
    if increment is not None:
        reasons.append(f"'{increment['inc']}' adds to a total")
    after = _AFTER_QUALIFIER.match(folded, end)
    if after and kind == "exact" and increment is None:
        kind = "approximate" if after["q"] == "environ" else "lower_bound"
        value = numbers["value"]
        numbers = {"value": value} if kind == "approximate" else {"low": value}
        end = after.end()
        reasons.append(f"'{after['q']}' after it")
    words = text[start:end]
    if len(words) > MAX_WORDS:
        return None
    try:
        spec = FigureSpec(kind, numbers.get("value"), numbers.get("low"), numbers.get("high"),
                          unit, per, words, strict=strict and kind.endswith("_bound"),
                          increment=increment is not None)  # fmt: skip
    except InvalidInput:
        return None
    reason = ", ".join(reasons) or "a number"
    return FoundFigure(start, end, spec, reason), used


def _range(
    folded: str, first: _Atom, second: _Atom | None, window_start: int
) -> tuple[int, float, float, str | None] | None:
    """(start, low, high, sign between) when two atoms form a range."""
    if second is None or {first.kind, second.kind} - {"digits", "words"}:
        return None
    if second.start - first.end > 12:
        return None
    between = _BETWEEN.fullmatch(folded, first.end, second.start)
    if between is None:
        return None
    opener = _RANGE_PREFIX.search(folded, window_start, first.start)
    word = between["w"]
    if word in ("et", "and") and not (opener and opener["p"] in ("entre", "between")):
        return None
    low, high = first.value, second.value
    if second.kind == "words" and second.value == second.scale:
        return None  # "$932-million": one number and its scale, not a range
    if first.scale == 1.0 and second.scale > 1.0 and low * second.scale <= high:
        low = _scaled(low, second.scale)
    if not low < high:
        return None
    start = opener.start("p") if opener and word not in ("ou", "or") else first.start
    return start, low, high, between["sign"]


def _unit_after(folded: str, end: int, lang: str) -> tuple[str | None, int, str | None, str]:
    """(unit, new end, period, reason) from the words after a number; unit "" means the
    number counts a duration the vocabulary has no unit for, "times" a repetition."""
    percent = _PERCENT.match(folded, end)
    if percent:
        unit = "points" if "point" in percent[0] else "percent"
        return unit, percent.end(), None, "a share"
    currency = _CURRENCY_AFTER.match(folded, end)
    if currency:
        return lexicon.CURRENCIES[currency["cur"]], currency.end(), None, "a currency"
    unit, per, position, why = None, None, end, ""
    opener = re.compile(r"[ ]*(?:de |d'|of )").match(folded, end)
    cursor = opener.end() if opener else end
    for _ in range(3):
        word = _WORD.match(folded, cursor)
        if word is None or word["w"] in lexicon.STOP_WORDS:
            break
        cursor = word.end()
        if word["w"] in lexicon.PERIOD_ADJECTIVES:
            per, position = lexicon.PERIOD_ADJECTIVES[word["w"]], cursor
        elif word["w"] in ("fois", "times"):
            unit, position, why = "times", cursor, "a repetition"
            break
        elif word["w"] in lexicon.DURATIONS:
            return "", cursor, None, ""
        elif word["w"] in lexicon.NOUNS:
            if lang == "en" and _modifier(folded, word["w"], cursor):
                continue  # "missile tests", "fighter jets": the last noun counts
            unit, position = lexicon.NOUNS[word["w"]], cursor
            why = f"'{word['w']}' says what is counted"
            adjective = _WORD.match(folded, cursor)
            if adjective and adjective["w"] in lexicon.PERIOD_ADJECTIVES:
                per, position = lexicon.PERIOD_ADJECTIVES[adjective["w"]], adjective.end()
            break
    if unit is None and per is None:
        position = end
    if per is None:
        counted = unit is not None and unit not in ("times", "days", "years")
        per, position = _period_after(folded, position, counted)
    return unit, position, per, why


def _new_noun(folded: str, position: int, lang: str) -> tuple[int, int] | None:
    """The span of the plural noun right after a number that no unit knows yet:
    "12 000 réacteurs", "2,000 beds", "25 Patriot systems" (in English, one word may
    qualify the noun). Only words that look plural and are none of the small words,
    verbs or adjectives that also follow numbers."""
    opener = re.compile(r"[ ]*(?:de |d'|of )").match(folded, position)
    cursor = opener.end() if opener else position
    start = None
    for _ in range(2 if lang == "en" else 1):
        word = _WORD.match(folded, cursor)
        if word is None or "'" in word["w"] or word["w"] in _NOT_A_NOUN | lexicon.STOP_WORDS:
            return None
        start = word.start("w") if start is None else start
        noun = word["w"]
        plural = noun.endswith(("s", "x")) if lang == "fr" else noun.endswith("s")
        if plural and len(noun) >= 4:
            return start, word.end("w")
        cursor = word.end()
    return None


def _modifier(folded: str, word: str, cursor: int) -> bool:
    """Whether an English singular noun qualifies the word after it ("missile tests")."""
    if word + "s" not in lexicon.NOUNS:
        return False
    after = _WORD.match(folded, cursor)
    return after is not None and after["w"] not in _NOT_A_VERB | lexicon.AUXILIARIES


def _period_after(folded: str, position: int, counted: bool) -> tuple[str | None, int]:
    """The period right after, or after a short verb phrase when a noun was found:
    "10 000 obus chaque mois", "5 000 shells are fired every day"."""
    cursor = position
    for _ in range(4 if counted else 0):
        if _PERIOD.match(folded, cursor):
            break
        word = _WORD.match(folded, cursor)
        complement = word is not None and word["w"] in ("de", "d'", "du", "des", "of")
        if word is None or (word["w"] in _NOT_A_VERB and not complement):
            break
        cursor = word.end()
    period = _PERIOD.match(folded, cursor)
    if period is None:
        return None, position
    return lexicon.PERIOD_WORDS[period["p"]], period.end()


def _noun_before(folded: str, start: int) -> str | None:
    """The unit of the nearest counted noun earlier in the same sentence."""
    window = max(0, start - 300)
    ends = [m.end() for m in _SENTENCE_END.finditer(folded, window, start)]
    sentence_start = ends[-1] if ends else window
    nouns = _NOUN_ANYWHERE.findall(folded, sentence_start, start)
    return lexicon.NOUNS[nouns[-1]] if nouns else None


def _killed(folded: str, window_start: int, start: int, end: int) -> bool:
    """Whether the people counted were killed: "a tué 300 civils", "300 civils tués",
    "tue 11 militants" (an unknown noun after a killing verb is people too)."""
    return bool(
        _KILLED_BEFORE.search(folded, window_start, start) or _KILLED_AFTER.match(folded, end)
    )


def _not_a_figure(first: _Atom, last: _Atom, kind: str, folded: str) -> bool:
    """A bare year, or a small number word that counts nothing new: "les deux pays"
    (a set already known), "deux ont été blessés" (no noun after it)."""
    for atom in {first, last}:
        number = folded[atom.start : atom.end]
        if atom.kind == "digits" and re.fullmatch(r"[12][0-9]{3}", number):
            return True
    if first.kind != "words" or kind != "exact" or first.value >= 100:
        return False
    noun = _WORD.match(folded, last.end)
    if noun is None or noun["w"] in _NOT_A_VERB | lexicon.AUXILIARIES:
        return True
    return bool(_DEFINITE.search(folded, max(0, first.start - 12), first.start))
