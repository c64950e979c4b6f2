"""The controlled vocabularies of the ledger, in one place.

The models turn each into a CHECK constraint and the CLI into its help text, so
adding a value here (with a migration for the constraint) is the whole change.
"""

from factdb.dates import PRECISIONS
from factdb.dates import ROLES as DATE_ROLES
from factdb.figures import KINDS as FIGURE_KINDS
from factdb.figures import PERIODS

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
    "VERDICTS",
]
