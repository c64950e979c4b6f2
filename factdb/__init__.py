"""factdb: a claim and figure fact-tracking database.

The Python API, for use without the CLI::

    from factdb import session_scope, add_claim, AttributionInput, list_claims, ClaimQuery

    with session_scope("sqlite:///news.sqlite") as session:
        page = list_claims(session, ClaimQuery(speaker="Lavrov"))
    for claim in page.rows:  # each as `factdb claims list --format json` prints it
        print(claim["id"], claim["text"])

Names are imported on first use, so that ``factdb --help`` does not pay for SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "session_scope": "factdb.db",
    "make_engine": "factdb.db",
    "upgrade": "factdb.migrate",
    "add_source": "factdb.sources",
    "get_source": "factdb.sources",
    "list_sources": "factdb.sources",
    "add_actor": "factdb.actors",
    "add_alias": "factdb.actors",
    "add_role": "factdb.actors",
    "find_actor": "factdb.actors",
    "list_actors": "factdb.actors",
    "AttributionInput": "factdb.claims",
    "ClaimQuery": "factdb.query",
    "add_claim": "factdb.claims",
    "add_appearance": "factdb.claims",
    "edit_claim": "factdb.claims",
    "set_status": "factdb.claims",
    "retract": "factdb.claims",
    "get_claim": "factdb.claim_objects",
    "list_claims": "factdb.listing",
    "claim_history": "factdb.claim_objects",
    "add_evidence": "factdb.evidence",
    "claim_dict": "factdb.serialize",
    "parse_figure": "factdb.figures",
    "list_units": "factdb.units",
    "add_unit": "factdb.units",
    "merge_units": "factdb.units",
    "list_quantities": "factdb.units",
    "rename_quantity": "factdb.units",
    "parse_date": "factdb.dates",
    "read_fixtures": "factdb.formats.ledger",
    "load_fixtures": "factdb.formats.ledger",
    "ReportScope": "factdb.reports",
    "build_report": "factdb.reports",
    "render_markdown": "factdb.reports",
    "render_json": "factdb.reports",
    "render_html": "factdb.report_html",
    "find_contradictions": "factdb.contradictions",
    "import_liar": "factdb.formats.datasets",
    "import_claimskg": "factdb.formats.datasets",
    "Publisher": "factdb.formats.claimreview",
    "export_claimreviews": "factdb.formats.claimreview",
    "import_claimreviews": "factdb.formats.claimreview",
    "export_jsonl": "factdb.formats.jsonl",
    "import_jsonl": "factdb.formats.jsonl",
    "FactDBError": "factdb.errors",
    "InvalidInput": "factdb.errors",
    "NotFound": "factdb.errors",
    "WorkflowError": "factdb.errors",
    "Conflict": "factdb.errors",
    "SchemaMismatch": "factdb.errors",
    "DatabaseUnavailable": "factdb.errors",
    "PermissionDenied": "factdb.errors",
    "RoleNames": "factdb.roles",
    "setup_roles": "factdb.roles",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factdb' has no attribute {name!r}")
    return getattr(import_module(module), name)
