"""Figures and dates between their parsed specs and their table rows."""

from __future__ import annotations

from factdb.dates import DateSpec, period_end
from factdb.figures import FigureSpec
from factdb.models import ClaimDate, FigureRow


def figure_values(spec: FigureSpec) -> dict:
    """A figure's columns, for a new row or a bulk insert."""
    return {
        "kind": spec.kind,
        "value": spec.value,
        "low": spec.low,
        "high": spec.high,
        "unit": spec.unit,
        "per": spec.per,
        "text": spec.text,
        "span_low": spec.span_low,
        "span_high": spec.span_high,
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


def figure_spec(row: FigureRow) -> str:
    return FigureSpec(
        kind=row.kind,
        value=row.value,
        low=row.low,
        high=row.high,
        unit=row.unit,
        per=row.per,
        text=row.text,
    ).to_spec()


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
