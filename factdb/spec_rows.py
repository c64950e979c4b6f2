"""Figures and dates between their parsed specs and their table rows."""

from __future__ import annotations

from factdb.dates import DateSpec, period_end
from factdb.figures import FigureSpec
from factdb.models import ClaimDate, FigureRow


def figure_values(spec: FigureSpec) -> dict:
    """A figure's columns, for a new row or a bulk insert: as written, and its span in
    the unit and in the dimension's base unit (``FigureSpec.base_span``)."""
    base_low, base_high = spec.base_span
    return {
        "kind": spec.kind,
        "value": spec.value,
        "low": spec.low,
        "high": spec.high,
        "unit": spec.unit,
        "per": spec.per,
        "text": spec.text,
        "strict": spec.strict,
        "increment": spec.increment,
        "quantity": spec.quantity,
        "per_count": spec.per_count,
        "per_unit": spec.per_unit,
        "span_low": spec.span_low,
        "span_high": spec.span_high,
        "base_unit": spec.base_unit,
        "base_low": base_low,
        "base_high": base_high,
    }


def date_values(spec: DateSpec, anchor_note: str | None = None) -> dict:
    """A date's columns, for a new row or a bulk insert."""
    return {
        "role": spec.role,
        "text": spec.text,
        "value": spec.value,
        "value_end": period_end(spec.value, spec.precision),
        "precision": spec.precision,
        "relative": spec.relative,
        "anchor": spec.anchor,
        "anchor_note": anchor_note,
    }


def figure_row(spec: FigureSpec, position: int) -> FigureRow:
    return FigureRow(position=position, **figure_values(spec))


def date_row(spec: DateSpec, position: int, anchor_note: str | None = None) -> ClaimDate:
    return ClaimDate(position=position, **date_values(spec, anchor_note))


def spec_of(row: FigureRow) -> FigureSpec:
    """The figure a stored row holds."""
    return FigureSpec(
        row.kind, row.value, row.low, row.high, row.unit, row.per, row.text,
        strict=row.strict, quantity=row.quantity, increment=row.increment,
        per_count=row.per_count, per_unit=row.per_unit,
    )  # fmt: skip


def set_figure(row: FigureRow, spec: FigureSpec) -> None:
    """Give a stored row the figure ``spec``, derived columns included."""
    for name, value in figure_values(spec).items():
        setattr(row, name, value)


def figure_spec(row: FigureRow) -> str:
    return spec_of(row).to_spec()


def date_spec(row: ClaimDate) -> str:
    return to_date_spec(row).to_spec()


def to_date_spec(row: ClaimDate) -> DateSpec:
    return DateSpec(
        role=row.role,
        text=row.text,
        value=row.value,
        precision=row.precision,
        anchor=row.anchor,
        relative=row.relative,
    )
