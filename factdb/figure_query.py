"""``--unit``, ``--min`` and ``--max``: what figures a claims query asks for, in base units.

Read with Core statements only (``claims list`` never imports the ORM classes): the
unit is looked up by any alias in the ledger's unit table, whose factor converts the
bounds into the dimension's base unit, so that ``--unit km --min 10`` finds "15 miles"
without Pint. A bound may carry its own unit ("15 miles"); in another dimension than
``--unit`` it is a clean error.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from sqlalchemy import Connection, select

from factdb.errors import InvalidInput
from factdb.figures import parse_amount, parse_figure
from factdb.tables import UNIT_ALIASES, UNITS
from factdb.unit_vocab import unit_info, unit_key


@dataclass(frozen=True)
class QueryUnit:
    """A unit as a query uses it: figures match on ``base_unit``, and a number in this
    unit times ``factor`` is in the base unit."""

    name: str
    dimension: str
    base_unit: str
    factor: float


def figure_filter(
    connection: Connection,
    unit: str | None,
    min_value: float | str | None,
    max_value: float | str | None,
) -> dict:
    """The query parameters: ``base_unit`` (when a unit is named) and the bounds in it."""
    given = (("min_value", min_value, "--min"), ("max_value", max_value, "--max"))
    bounds = {name: _amount(value, flag) for name, value, flag in given if value is not None}
    wanted = query_unit(connection, unit) if unit else None
    params: dict = {}
    for name, (number, own_unit, flag) in bounds.items():
        if own_unit is not None:
            own = query_unit(connection, own_unit)
            if wanted is None:
                wanted = own
            elif own.base_unit != wanted.base_unit:
                raise InvalidInput(
                    f"{flag} is in {own.name!r} ({own.dimension}) but the unit asked for is "
                    f"{wanted.name!r} ({wanted.dimension}): give both in one dimension"
                )
            params[name] = number * own.factor
        else:
            params[name] = number * (wanted.factor if wanted else 1.0)
    if wanted is not None:
        params["base_unit"] = wanted.base_unit
    low, high = params.get("min_value"), params.get("max_value")
    if low is not None and high is not None and low > high:
        raise InvalidInput(f"--min {min_value} is above --max {max_value}")
    return params


def _amount(value: float | str, flag: str) -> tuple[float, str | None, str]:
    if isinstance(value, str):
        try:
            number, unit = parse_amount(value)
        except InvalidInput as error:
            raise InvalidInput(f"{flag} {value!r}: {error}") from None
        return number, unit, flag
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(f"{flag} must be a number, not {value!r}")
    if not math.isfinite(value):
        raise InvalidInput(f"{flag} {value} is not a number: give a finite number")
    return float(value), None, flag


def query_unit(connection: Connection, name: str) -> QueryUnit:
    """The unit ``--unit`` names, by any alias; a unit the ledger lacks is still read
    (a measured one converts, a counted one matches no figure)."""
    try:
        spec = parse_figure(f"1 {name}")
    except InvalidInput as error:
        raise InvalidInput(f"unit {name!r}: {error}") from None
    row = connection.execute(
        select(UNITS.c.name, UNITS.c.dimension, UNITS.c.base_unit, UNITS.c.factor)
        .join(UNIT_ALIASES, UNIT_ALIASES.c.unit_id == UNITS.c.id)
        .where(UNIT_ALIASES.c.key == unit_key(spec.unit))
    ).first()
    if row is not None:
        unit = QueryUnit(row.name, row.dimension, row.base_unit, row.factor)
    else:
        info = unit_info(spec.unit)
        unit = QueryUnit(spec.unit, info.dimension, info.base_unit, info.factor)
    if spec.per_unit and spec.per_count:
        unit = dataclasses.replace(
            unit,
            base_unit=f"{unit.base_unit}/{spec.per_unit}",
            factor=unit.factor / spec.per_count,
        )
    return unit
