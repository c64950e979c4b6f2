"""The ledger's units: the open vocabulary of what figures count or measure.

Any noun is a counted unit. The ``units`` table keeps each one with its aliases
(French and English, singular and plural), so that queries and the contradiction
check treat "réacteurs", "reactor" and "reactors" as one unit. A figure in a unit the
ledger does not know yet creates it (the caller is told, to print "new unit
'reactors'"), unless the name is an edit or two away from a known one ("soldeirs"):
that is refused with the suggestion, unless the caller says the unit is new.

Logging a figure is two steps, so that nothing is written before everything is
checked: ``plan`` resolves every unit and refuses typos, ``create`` inserts the new
units just before the figures that use them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select, update
from sqlalchemy.orm import Session, selectinload

from factdb import history
from factdb.errors import InvalidInput, NotFound
from factdb.figures import FigureSpec, canonical_unit, check_unit_name, quantity_key
from factdb.models import FigureRow, Unit, UnitAlias, utcnow
from factdb.spec_rows import set_figure, spec_of
from factdb.tables import FIGURES, UNIT_ALIASES, UNITS
from factdb.uniqueness import insert_missing
from factdb.unit_vocab import UnitInfo, unit_info, unit_key
from factdb.validate import clean_text

Notify = Callable[[str], None]


@dataclass
class UnitPlan:
    """Figures with their units as the ledger names them, and the units to create."""

    specs: list[FigureSpec]
    new: dict[str, UnitInfo] = field(default_factory=dict)


def plan(session: Session, specs: Sequence[FigureSpec], *, new_unit: bool = False) -> UnitPlan:
    """Resolve each figure's unit (and denominator unit) through the ledger's aliases;
    a unit the ledger lacks is planned for creation, or refused as a likely typo."""
    names = {s.unit for s in specs} | {s.per_unit for s in specs if s.per_unit}
    names |= {form for name in list(names) for form in _number_forms(name)}
    known = known_units(session.connection(), names)
    result = UnitPlan([])
    for spec in specs:
        # "beds" is the unit "bed" was logged as: the other grammatical number is one unit.
        unit = next(
            (known[k] for k in map(unit_key, (spec.unit, *_number_forms(spec.unit))) if k in known),
            None,
        )
        if unit is None:
            unit = spec.unit
            if unit not in result.new:
                info = unit_info(unit)
                if info.counted and not new_unit:
                    _refuse_typo(session, unit)
                result.new[unit] = info
        per_unit = known.get(unit_key(spec.per_unit), spec.per_unit) if spec.per_unit else None
        if (unit, per_unit) != (spec.unit, spec.per_unit):
            spec = dataclasses.replace(spec, unit=unit, per_unit=per_unit)
        result.specs.append(spec)
    return result


def create(session: Session, planned: UnitPlan, user: str) -> list[str]:
    """Insert the planned new units with their aliases; their names, to tell the user
    (``notify_new``) once the whole change is done."""
    created = list(planned.new)
    for name, info in planned.new.items():
        _insert(session, name, info, user, description=None)
    planned.new.clear()
    return created


def notify_new(names: Iterable[str], notify: Notify | None) -> None:
    for name in names:
        if notify is not None:
            notify(f"new unit {name!r}")


def list_units(session: Session) -> list[dict]:
    """Every unit with its aliases and how many figures use it, by dimension and name."""
    counted = session.execute(select(FIGURES.c.unit, func.count()).group_by(FIGURES.c.unit))
    counts: dict[str, int] = {unit: count for unit, count in counted}
    units = session.scalars(
        select(Unit)
        .options(selectinload(Unit.aliases))
        .order_by(Unit.dimension, func.lower(Unit.name))
    )
    return [
        {
            "name": u.name,
            "dimension": u.dimension,
            "base_unit": u.base_unit,
            "factor": u.factor,
            "description": u.description,
            "aliases": [a.alias for a in u.aliases if a.alias != u.name],
            "figures": counts.get(u.name, 0),
        }
        for u in units
    ]


def add_unit(
    session: Session,
    name: str,
    *,
    user: str,
    description: str | None = None,
    aliases: Iterable[str] = (),
) -> Unit:
    """A new unit (counted, unless the vocabulary measures it) with its aliases."""
    name = check_unit_name(name)
    existing = _unit_by_alias(session, name)
    if existing is not None:
        raise InvalidInput(f"unit {name!r} exists already ({_described(existing, name)})")
    description = clean_text(description, "description", max_length=1000, required=False)
    unit = _insert(session, canonical_unit(name), unit_info(canonical_unit(name)), user,
                   description=description)  # fmt: skip
    for alias in aliases:
        add_alias(session, unit.name, alias)
    return unit


def add_alias(session: Session, unit_name: str, alias: str) -> UnitAlias:
    """Another name for a unit: figures written with it are stored in the unit."""
    unit = get_unit(session, unit_name)
    alias = check_unit_name(alias)
    taken = _unit_by_alias(session, alias)
    if taken is not None:
        hint = "" if taken.id == unit.id else f": merge it with `factdb units merge {taken.name} "
        raise InvalidInput(
            f"{alias!r} already names unit {taken.name!r}"
            + (hint and f"{hint}{unit.name}` instead")
        )
    row = UnitAlias(unit=unit, alias=alias, key=unit_key(alias))
    session.add(row)
    session.flush()
    return row


def merge_units(
    session: Session, old: str, into: str, *, user: str, reason: str | None = None
) -> int:
    """Fold unit ``old`` into ``into``: its figures take the unit ``into`` (values
    unchanged, a history entry on each claim), its names become aliases of ``into``.
    Returns the number of claims changed. Only a counted unit can be folded: two
    measured units differ by a factor, and changing the unit would change the value."""
    source, target = get_unit(session, old), get_unit(session, into)
    if source.id == target.id:
        raise InvalidInput(f"{old!r} and {into!r} are the same unit already")
    if source.dimension != "count":
        raise InvalidInput(
            f"unit {source.name!r} is measured ({source.dimension}): only a counted unit can "
            "be merged into another, since the values would have to change"
        )
    reason = clean_text(reason, "reason", max_length=2000, required=False)
    rows = _figures_where(
        session, (FigureRow.unit == source.name) | (FigureRow.per_unit == source.name)
    )

    def merged(spec: FigureSpec) -> FigureSpec:
        return dataclasses.replace(
            spec,
            unit=target.name if spec.unit == source.name else spec.unit,
            per_unit=target.name if spec.per_unit == source.name else spec.per_unit,
        )

    def fold_names() -> None:
        session.execute(
            update(UnitAlias).where(UnitAlias.unit_id == source.id).values(unit_id=target.id)
        )
        session.expire(source, ["aliases"])
        session.delete(source)

    message = reason or f"unit {source.name!r} merged into {target.name!r}"
    return _rewrite(session, rows, merged, user, "unit_merged", message, then=fold_names)


def list_quantities(session: Session) -> list[dict]:
    """Every quantity key with its figures, claims and units, by key."""
    rows = session.execute(
        select(
            FigureRow.quantity,
            func.count(),
            func.count(func.distinct(FigureRow.claim_id)),
            func.min(FigureRow.base_unit),
            func.max(FigureRow.base_unit),
        )
        .where(FigureRow.quantity.is_not(None))
        .group_by(FigureRow.quantity)
        .order_by(FigureRow.quantity)
    )
    return [
        {
            "quantity": key,
            "figures": figures,
            "claims": claims,
            "base_units": sorted({low, high}),
        }
        for key, figures, claims, low, high in rows
    ]


def rename_quantity(
    session: Session, old: str, new: str, *, user: str, reason: str | None = None
) -> int:
    """Give every figure of quantity ``old`` the key ``new`` (an existing key merges
    the two), with a history entry on each claim; returns the number of claims changed."""
    old, new = quantity_key(old), quantity_key(new)
    if old == new:
        raise InvalidInput(f"quantity {old!r} is already named so")
    reason = clean_text(reason, "reason", max_length=2000, required=False)
    rows = _figures_where(session, FigureRow.quantity == old)
    if not rows:
        raise NotFound(f"no figure has the quantity {old!r}: see `factdb units quantities`")

    def renamed(spec: FigureSpec) -> FigureSpec:
        return dataclasses.replace(spec, quantity=new)

    message = reason or f"quantity {old!r} renamed {new!r}"
    return _rewrite(session, rows, renamed, user, "quantity_renamed", message)


def _figures_where(session: Session, condition) -> list[FigureRow]:
    return list(
        session.scalars(
            select(FigureRow).where(condition).options(selectinload(FigureRow.claim))
        ).all()
    )


def _rewrite(
    session: Session,
    rows: list[FigureRow],
    change: Callable[[FigureSpec], FigureSpec],
    user: str,
    action: str,
    reason: str,
    then: Callable[[], None] | None = None,
) -> int:
    """Change figure rows with ``change``, then run ``then``; each claim touched gets
    its version bumped and one history entry with its figures before and after."""
    from factdb.snapshots import snapshot

    claims = {row.claim.id: row.claim for row in rows}
    before = {cid: snapshot(claim)["figures"] for cid, claim in claims.items()}
    for claim in claims.values():
        history.touch(claim, user)
    for row in rows:
        set_figure(row, change(spec_of(row)))
    session.flush()
    if then is not None:
        then()
        session.flush()
    for cid, claim in claims.items():
        history.record(
            session, claim, action, user=user,
            old={"figures": before[cid]}, new={"figures": snapshot(claim)["figures"]},
            reason=reason,
        )  # fmt: skip
    return len(claims)


def get_unit(session: Session, name: str) -> Unit:
    unit = _unit_by_alias(session, name)
    if unit is None:
        raise NotFound(f"no unit {name!r}: see `factdb units list`")
    return unit


def ensure_units(session: Session, names: Iterable[str], user: str) -> None:
    """Create the units ``names`` that the ledger lacks (an import restoring figures)."""
    wanted = set(names)
    existing = set(session.scalars(select(Unit.name).where(Unit.name.in_(wanted))))
    for name in sorted(wanted - existing):
        _insert(session, name, unit_info(canonical_unit(name)), user, description=None)


def _insert(
    session: Session, name: str, info: UnitInfo, user: str, *, description: str | None
) -> Unit:
    """Insert a unit and its aliases unless there: like topics, a new unit is shared,
    and two writers logging "6 reactors" at once must both succeed."""
    row = {
        "name": name,
        "dimension": info.dimension if not info.counted else "count",
        "base_unit": info.base_unit,
        "factor": info.factor,
        "description": description,
        "created_by": user,
        "created_at": utcnow(),
    }
    insert_missing(session, UNITS, [row], "name")
    unit = session.scalars(select(Unit).where(Unit.name == name)).one()
    aliases = [
        {"unit_id": unit.id, "alias": alias, "key": unit_key(alias)}
        for alias in dict.fromkeys((name, *_number_forms(name)))
    ]
    insert_missing(session, UNIT_ALIASES, aliases, "key")
    session.expire(unit, ["aliases"])
    return unit


def _number_forms(name: str) -> list[str]:
    """The other grammatical number of a new counted unit, naively: "reactors" ↔
    "reactor", so that "1 reactor" and "6 reactors" meet."""
    if not name[-1:].isalpha() or not name.islower():
        return []
    if name.endswith("s") and len(name) > 3:
        return [name[:-1]]
    return [name + "s"]


def known_units(connection: Connection, names: Iterable[str]) -> dict[str, str]:
    """Folded key → unit name, for the names the ledger knows by some alias."""
    keys = {unit_key(n) for n in names}
    rows = connection.execute(
        select(UNIT_ALIASES.c.key, UNITS.c.name)
        .join(UNITS, UNITS.c.id == UNIT_ALIASES.c.unit_id)
        .where(UNIT_ALIASES.c.key.in_(sorted(keys)))
    )
    return dict(rows.all())


def _unit_by_alias(session: Session, name: str) -> Unit | None:
    return session.scalars(
        select(Unit).join(UnitAlias).where(UnitAlias.key == unit_key(name))
    ).first()


def _described(unit: Unit, name: str) -> str:
    return "its name" if unit_key(unit.name) == unit_key(name) else f"an alias of {unit.name!r}"


def _refuse_typo(session: Session, name: str) -> None:
    """Refuse a new counted unit that looks like a typo of a known name (see ``_typo``)."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    key = unit_key(name)
    aliases = dict(session.execute(select(UNIT_ALIASES.c.key, UNIT_ALIASES.c.unit_id)).all())
    if key in aliases:  # committed meanwhile by a concurrent writer: the unit, not a typo
        return
    candidates = [k for k in aliases if len(k) >= 4]
    close = process.extract(key, candidates, scorer=OSA.distance, score_cutoff=2, limit=None)
    best = next((k for k, distance, _ in close if _typo(key, k, distance)), None)
    if best is None:
        return
    unit = session.get_one(Unit, aliases[best])
    raise InvalidInput(
        f"unknown unit {name!r}: did you mean {unit.name}? If it is a new unit, give "
        f"--new-unit or add it first with `factdb units add {name!r}`"
    )


def _typo(key: str, known: str, distance: int) -> bool:
    """Whether ``key`` reads as a slip of the fingers on ``known``: up to two edits on
    long words ("soldeirs", "sodliers"); on shorter ones a swapped letter ("tnaks"), a
    doubled one ("tankss") or, from six letters, a missing or extra one ("missles"). Not
    another letter, nor one more or less in a short word: that is usually another
    word ("mines" is not "miles", "towns" not "tons")."""
    if min(len(key), len(known)) >= 8:
        return distance <= 2
    if distance != 1:
        return False
    if sorted(key) == sorted(known):
        return True
    doubled = any(
        key[i] == key[i + 1] and key[:i] + key[i + 1 :] == known for i in range(len(key) - 1)
    )
    return doubled or (len(key) != len(known) and min(len(key), len(known)) >= 6)
