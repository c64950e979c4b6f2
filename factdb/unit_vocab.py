"""The built-in units: what a fresh ledger's unit table starts with, and what the figure
parser knows without a database.

Counted units (``soldiers``, ``flights``) are nouns: any other noun a fact-checker
writes is a counted unit too, and the ledger's unit table (factdb.units) keeps it with
its aliases. Measured units (lengths, masses, areas, volumes, energy, power, durations)
convert within their dimension through Pint, imported only when such a unit is
converted: a figure stores its value as written and its interval in the dimension's
base unit. Percentages, percentage points and each currency are dimensions of their
own (no exchange rates).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

MAX_UNIT = 40

# The base unit of each measured dimension, as Pint writes it and as the ledger names it.
BASES = {
    "length": ("meter", "m"),
    "area": ("meter**2", "m2"),
    "volume": ("meter**3", "m3"),
    "mass": ("kilogram", "kg"),
    "energy": ("joule", "J"),
    "power": ("watt", "W"),
    "duration": ("second", "s"),
}
_PINT_DIMENSIONS = {
    "[length]": "length",
    "[length] ** 2": "area",
    "[length] ** 3": "volume",
    "[mass]": "mass",
    "[length] ** 2 * [mass] / [time] ** 2": "energy",
    "[length] ** 2 * [mass] / [time] ** 3": "power",
    "[time]": "duration",
}


@dataclass(frozen=True)
class Unit:
    """A unit of the built-in vocabulary. ``counted`` things cannot be negative;
    ``dimension`` is ``count`` for them, else a measured dimension, ``percent``,
    ``points`` or ``currency``; ``pint`` is the Pint expression of a measured unit."""

    name: str
    counted: bool
    dimension: str
    description: str
    aliases: tuple[str, ...] = ()
    pint: str | None = None


def _counted(name: str, description: str, aliases: str = "") -> Unit:
    return Unit(name, True, "count", description, tuple(aliases.split(",")) if aliases else ())


def _measured(name: str, dimension: str, pint: str, description: str, aliases: str = "") -> Unit:
    names = tuple(aliases.split(",")) if aliases else ()
    return Unit(name, False, dimension, description, names, pint)


def _own(name: str, dimension: str, description: str, aliases: str = "") -> Unit:
    return Unit(name, False, dimension, description, tuple(aliases.split(",")) if aliases else ())


# Aliases are comma-separated: French and English, singular and plural.
BUILTIN: Mapping[str, Unit] = {
    u.name: u
    for u in (
        _counted("soldiers", "military personnel", "soldier,troops,troop,soldats,soldat,"
                 "militaires,militaire,troupes,combattants,combattant"),
        _counted("flights", "scheduled or announced flights", "flight,vols,vol,liaisons"),
        _counted("shells", "artillery shells", "shell,obus"),
        _counted("missiles", "missiles of any range", "missile,roquettes,rockets"),
        _counted("drones", "unmanned aerial vehicles", "drone"),
        _counted("tanks", "tanks", "tank,chars,char"),
        _counted("aircraft", "aeroplanes and helicopters", "planes,plane,avions,avion"),
        _counted("ships", "ships and boats", "ship,vessels,vessel,navires,navire"),
        _counted("weapons", "weapons other than the listed kinds", "weapon,armes,arme"),
        _counted("vehicles", "vehicles other than tanks", "vehicle,véhicules,véhicule"),
        _counted("people", "people not covered by a more precise unit",
                 "persons,person,personnes,personne,inhabitants,habitants,residents"),
        _counted("deaths", "people killed", "death,dead,killed,morts,mort,décès,tués"),
        _counted("casualties", "people killed or wounded", "casualty,victimes,victime"),
        _counted("refugees", "refugees and displaced people", "refugee,réfugiés,réfugié"),
        _counted("prisoners", "prisoners and detainees",
                 "prisoner,prisonniers,prisonnier,détenus"),
        _counted("visits", "official visits", "visit,visites,visite"),
        _counted("meetings", "meetings and summits", "meeting,réunions,réunion,sommets"),
        _counted("cases", "cases of a disease or of a legal kind", "case,cas"),
        _counted("doses", "vaccine or medicine doses", "dose"),
        _counted("votes", "votes cast", "vote,voix"),
        _counted("jobs", "jobs created or lost", "job,emplois,emploi"),
        _counted("items", "things not covered by a more precise unit", "item"),
        _measured("tonnes", "mass", "metric_ton", "metric tonnes", "tonne,tons,ton,t"),
        _measured("kg", "mass", "kilogram", "kilograms",
                  "kilogram,kilograms,kilogramme,kilogrammes,kilo,kilos"),
        _measured("g", "mass", "gram", "grams", "gram,grams,gramme,grammes"),
        _measured("lb", "mass", "pound", "pounds (mass)", "lbs"),
        _measured("km", "length", "kilometer", "kilometres",
                  "kilometres,kilometers,kilometre,kilometer,kilomètres,kilomètre"),
        _measured("m", "length", "meter", "metres", "metres,meters,metre,meter,mètres,mètre"),
        _measured("miles", "length", "mile", "statute miles", "mile,mi"),
        _measured("nautical miles", "length", "nautical_mile", "nautical miles",
                  "nautical mile,nmi,milles marins,mille marin"),
        _measured("km2", "area", "kilometer**2", "square kilometres",
                  "km²,square kilometres,square kilometers,kilomètres carrés"),
        _measured("hectares", "area", "hectare", "hectares", "hectare,ha"),
        _measured("acres", "area", "acre", "acres", "acre"),
        _measured("litres", "volume", "liter", "litres",
                  "litre,liters,liter,l"),
        _measured("m3", "volume", "meter**3", "cubic metres", "m³,cubic metres,mètres cubes"),
        _measured("gallons", "volume", "gallon", "US gallons", "gallon,gal"),
        _measured("barrels", "volume", "oil_barrel", "oil barrels", "barrel,bbl,barils,baril"),
        _measured("kWh", "energy", "kilowatt_hour", "kilowatt-hours", "kilowatt-hours"),
        _measured("MWh", "energy", "megawatt_hour", "megawatt-hours", "megawatt-hours"),
        _measured("GWh", "energy", "gigawatt_hour", "gigawatt-hours", "gigawatt-hours"),
        _measured("TWh", "energy", "terawatt_hour", "terawatt-hours", "terawatt-hours"),
        _measured("kW", "power", "kilowatt", "kilowatts", "kilowatts,kilowatt"),
        _measured("MW", "power", "megawatt", "megawatts", "megawatts,megawatt,mégawatts"),
        _measured("GW", "power", "gigawatt", "gigawatts", "gigawatts,gigawatt"),
        _measured("hours", "duration", "hour", "a duration in hours", "hour,heures,heure"),
        _measured("days", "duration", "day", "a duration in days", "day,jours,jour"),
        _measured("weeks", "duration", "week", "a duration in weeks", "week,semaines"),
        _measured("months", "duration", "month", "a duration in months", "month"),
        _measured("years", "duration", "year", "a duration in years",
                  "year,ans,années,année"),
        _own("percent", "percent", "a share, in percent", "%,pct,per cent,pour cent,pourcent"),
        _own("points", "points", "a difference between percentages",
             "point,pts,pp,percentage points,points de pourcentage"),
        _own("EUR", "currency", "euros", "€,euro,euros"),
        _own("USD", "currency", "US dollars", "$,dollar,dollars,us$"),
        _own("RUB", "currency", "Russian roubles", "₽,rouble,roubles,ruble,rubles"),
        _own("KPW", "currency", "North Korean won"),
        _own("KRW", "currency", "South Korean won", "₩"),
        _own("CNY", "currency", "Chinese yuan", "yuan,renminbi,rmb"),
        _own("GBP", "currency", "pounds sterling", "£,pound,pounds,livres sterling"),
        _own("UAH", "currency", "Ukrainian hryvnias", "₴,hryvnia,hryvnias"),
        _own("JPY", "currency", "Japanese yen", "¥,yen"),
    )
}  # fmt: skip


def unit_key(name: str) -> str:
    """The form units are looked up by: case, accents and spacing folded ("Réacteurs"
    and "reacteurs" are one key), symbols kept ("%", "€")."""
    decomposed = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


BUILTIN_KEYS: Mapping[str, str] = {
    unit_key(key): unit.name for unit in BUILTIN.values() for key in (unit.name, *unit.aliases)
}


@dataclass(frozen=True)
class UnitInfo:
    """How a unit converts: its value times ``factor`` is in ``base_unit``."""

    counted: bool
    dimension: str
    base_unit: str
    factor: float


def unit_info(name: str) -> UnitInfo:
    """Dimension, base unit and factor of a unit; any unit not built in is counted."""
    unit = BUILTIN.get(name)
    if unit is None:
        measured = _pint_unit(name)
        if measured is None:
            return UnitInfo(True, "count", name, 1.0)
        return measured
    if unit.counted:
        return UnitInfo(True, "count", name, 1.0)
    if unit.pint is None:
        return UnitInfo(False, unit.dimension, name, 1.0)
    return _converted(unit.pint, unit.dimension)


def is_counted(name: str) -> bool:
    """Whether a unit counts things (and so cannot be negative), without Pint for the
    built-in units."""
    unit = BUILTIN.get(name)
    return unit.counted if unit is not None else _pint_unit(name) is None


def builtin_name(text: str) -> str | None:
    """The built-in unit a name or alias stands for, else a measured unit Pint knows by
    its symbol ("MJ", "mg"), else None."""
    name = BUILTIN_KEYS.get(unit_key(text))
    if name is not None:
        return name
    return text if _pint_unit(text) is not None else None


# Pint is asked only about short symbols: a word such as "links", "hands" or "points"
# is a thing counted in a claim far more often than the length Pint knows by that name.
_SYMBOL = re.compile(r"[A-Za-zµμ]{1,3}[23²³]?")


@cache
def _pint_unit(text: str) -> UnitInfo | None:
    if not _SYMBOL.fullmatch(text):
        return None
    registry = _registry()
    import pint

    try:
        units = registry.parse_units(text.replace("²", "**2").replace("³", "**3"))
    except (pint.errors.PintError, AttributeError, ValueError, TypeError, SyntaxError):
        return None
    dimension = _PINT_DIMENSIONS.get(str(units.dimensionality))
    if dimension is None:
        return None
    return _converted(str(units), dimension)


@cache
def _converted(expression: str, dimension: str) -> UnitInfo:
    registry = _registry()
    base, base_name = BASES[dimension]
    factor = registry.Quantity(1, expression).to(base).magnitude
    return UnitInfo(False, dimension, base_name, float(factor))


@cache
def _registry():
    """Pint's registry, built on first use (it reads its definitions file)."""
    import pint

    return pint.UnitRegistry()
