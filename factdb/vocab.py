"""The controlled vocabularies of the ledger, in one place.

The tables turn each into a CHECK constraint and the CLI into its help text, so
adding a value here (with a migration for the constraint) is the whole change.
This module imports nothing but ``typing``: the figure and date parsers take their
kinds from here, rather than the tables importing the parsers (and compiling their
patterns) to learn them.
"""

from typing import Literal, get_args

FIGURE_KINDS = ("exact", "approximate", "range", "lower_bound", "upper_bound", "vague")
PERIODS = ("hour", "day", "week", "month", "year")
PRECISIONS = ("day", "week", "month", "year")
DATE_ROLES = ("about", "made", "reported")

# A vocabulary that the typed models of fixtures and JSONL check is a Literal type, and
# its tuple is derived from it: a type checker accepts only literal values there.
SourceKind = Literal["news_article", "official_statement", "transcript", "dataset"]
ActorKind = Literal["person", "organisation", "state"]
ClaimType = Literal["quantity", "event", "quote", "forecast"]
Modality = Literal["asserted", "reported", "possible", "announced"]
AttributionKind = Literal["direct", "reported", "unattributed"]
EvidenceStance = Literal["supports", "refutes"]

Verdict = Literal["true", "mostly_true", "misleading", "false", "unverifiable"]
Status = Literal["logged", "in_review", Verdict, "retracted"]
# What a unit measures: counted things, a measured dimension, or one of their own.
UnitDimension = Literal[
    "count",
    "length",
    "area",
    "volume",
    "mass",
    "energy",
    "power",
    "duration",
    "percent",
    "points",
    "currency",
]

SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
CLAIM_TYPES: tuple[str, ...] = get_args(ClaimType)
MODALITIES: tuple[str, ...] = get_args(Modality)
ATTRIBUTION_KINDS: tuple[str, ...] = get_args(AttributionKind)
EVIDENCE_STANCES: tuple[str, ...] = get_args(EvidenceStance)
VERDICTS: tuple[str, ...] = get_args(Verdict)
STATUSES: tuple[str, ...] = get_args(Status)
UNIT_DIMENSIONS: tuple[str, ...] = get_args(UnitDimension)
# Where a published review came from: the importer that brought it in.
ReviewOrigin = Literal["liar", "claimskg", "claimreview", "jsonl"]
REVIEW_ORIGINS: tuple[str, ...] = get_args(ReviewOrigin)

# Long enough for a paragraph-long quote, short enough to catch a pasted article.
MAX_CLAIM_TEXT = 5000
# The largest value of an INTEGER column (32-bit on PostgreSQL): ids, versions, offsets.
MAX_INTEGER = 2**31 - 1

__all__ = [
    "ACTOR_KINDS",
    "ATTRIBUTION_KINDS",
    "CLAIM_TYPES",
    "DATE_ROLES",
    "EVIDENCE_STANCES",
    "FIGURE_KINDS",
    "MAX_CLAIM_TEXT",
    "MAX_INTEGER",
    "MODALITIES",
    "PERIODS",
    "PRECISIONS",
    "REVIEW_ORIGINS",
    "SOURCE_KINDS",
    "STATUSES",
    "UNIT_DIMENSIONS",
    "VERDICTS",
    "ActorKind",
    "AttributionKind",
    "ClaimType",
    "EvidenceStance",
    "Modality",
    "ReviewOrigin",
    "SourceKind",
    "Status",
    "UnitDimension",
    "Verdict",
]
