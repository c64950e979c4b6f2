"""The controlled vocabularies of the ledger, in one place.

The tables turn each into a CHECK constraint and the CLI into its help text, so
adding a value here (with a migration for the constraint) is the whole change.
This module imports nothing: the figure and date parsers take their kinds from
here, rather than the tables importing the parsers (and compiling their patterns)
to learn them.
"""

UNIT_DIMENSIONS = (
    "count", "length", "area", "volume", "mass", "energy", "power", "duration", "percent",
    "points", "currency",
)  # fmt: skip
FIGURE_KINDS = ("exact", "approximate", "range", "lower_bound", "upper_bound", "vague")
PERIODS = ("hour", "day", "week", "month", "year")
PRECISIONS = ("day", "week", "month", "year")
DATE_ROLES = ("about", "made", "reported")

SOURCE_KINDS = ("news_article", "official_statement", "transcript", "dataset")
ACTOR_KINDS = ("person", "organisation", "state")
CLAIM_TYPES = ("quantity", "event", "quote", "forecast")
MODALITIES = ("asserted", "reported", "possible", "announced")
ATTRIBUTION_KINDS = ("direct", "reported", "unattributed")
EVIDENCE_STANCES = ("supports", "refutes")

VERDICTS = ("true", "mostly_true", "misleading", "false", "unverifiable")
STATUSES = ("logged", "in_review", *VERDICTS, "retracted")

# Long enough for a paragraph-long quote, short enough to catch a pasted article.
MAX_CLAIM_TEXT = 5000

__all__ = [
    "ACTOR_KINDS",
    "ATTRIBUTION_KINDS",
    "CLAIM_TYPES",
    "DATE_ROLES",
    "EVIDENCE_STANCES",
    "FIGURE_KINDS",
    "MAX_CLAIM_TEXT",
    "MODALITIES",
    "PERIODS",
    "PRECISIONS",
    "SOURCE_KINDS",
    "STATUSES",
    "UNIT_DIMENSIONS",
    "VERDICTS",
]
