"""Pydantic's validation errors said in the ledger's terms.

Fixtures files and JSON-lines records are checked with typed models; their errors
must reach a user as what is wrong with the file ("is required", "should be a whole
number"), not as Pydantic's own sentences ("Field required", "Input should be a
valid integer"). ``describe`` takes one entry of ``ValidationError.errors()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_FIXED = {
    "missing": "is required",
    "extra_forbidden": "is not a field this file can have: remove it",
    "string_type": "should be text",
    "string_unicode": "should be text",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "int_from_float": "should be a whole number",
    "float_type": "should be a number",
    "float_parsing": "should be a number",
    "finite_number": "should be a finite number",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
    "list_type": "should be a list",
    "tuple_type": "should be a list",
    "dict_type": "should be a mapping of fields",
    "model_type": "should be a mapping of fields",
    "model_attributes_type": "should be a mapping of fields",
    "date_type": "should be a date, YYYY-MM-DD",
    "date_parsing": "should be a date, YYYY-MM-DD",
    "date_from_datetime_parsing": "should be a date, YYYY-MM-DD",
    "string_pattern_mismatch": "is not in the expected form",
}

_WITH_LIMIT = {
    "string_too_short": ("min_length", "should be at least {} character(s) long"),
    "string_too_long": ("max_length", "is over the limit of {} characters"),
    "too_short": ("min_length", "should have at least {} item(s)"),
    "too_long": ("max_length", "should have at most {} item(s)"),
    "greater_than_equal": ("ge", "should be at least {}"),
    "greater_than": ("gt", "should be more than {}"),
    "less_than_equal": ("le", "should be at most {}"),
    "less_than": ("lt", "should be less than {}"),
    "literal_error": ("expected", "should be {}"),
    "enum": ("expected", "should be one of {}"),
}


def describe(error: Mapping[str, Any]) -> str:
    """What is wrong with one value, e.g. "should be a whole number"."""
    kind = error.get("type", "")
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in _WITH_LIMIT:
        key, words = _WITH_LIMIT[kind]
        return words.format((error.get("ctx") or {}).get(key, "?"))
    if kind in ("value_error", "assertion_error"):
        return (
            str(error.get("msg", ""))
            .removeprefix("Value error, ")
            .removeprefix("Assertion failed, ")
        )
    return "is not valid here"
