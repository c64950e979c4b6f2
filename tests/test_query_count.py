"""No N+1: listing claims and the sourcing report send a fixed number of statements,
whether the source holds 5 claims or 50."""

from __future__ import annotations

import pytest

from factdb import ClaimQuery, session_scope
from factdb.claim_objects import claim_page
from factdb.claims import AttributionInput, add_appearance, add_claim
from factdb.listing import list_claims
from factdb.reports import ReportScope, build_report, render_markdown
from factdb.serialize import claim_dict
from tests.statements import recorded


def ledger_with(url: str, count: int) -> int:
    """A source with ``count`` fully dressed claims (speaker, relay, figures, dates,
    topics, evidence, a second appearance); returns the source id."""
    from factdb.actors import add_actor
    from factdb.evidence import add_evidence
    from factdb.sources import add_source

    with session_scope(url) as session:
        source = add_source(
            session, title="Dépêche", language_code="fr", user="t", published="2025-07-13"
        )
        other = add_source(session, title="Reprise", language_code="fr", user="t")
        add_actor(session, name="Sergueï Lavrov", user="t")
        add_actor(session, name="Kim Jong Un", user="t")
        for i in range(count):
            claim = add_claim(
                session,
                text=f"Affirmation numéro {i}",
                appearance=AttributionInput(
                    source_id=source.id, speaker="Kim Jong Un", relay="Lavrov"
                ),
                topics=["troops", f"topic-{i % 7}"],
                figures=[f"{1000 + i} soldiers", "2 flights/week"],
                dates=["about:2025-07", "made:hier"],
                user="t",
            )
            add_evidence(session, claim.id, stance="supports", url=f"https://e.org/{i}", user="t")
            add_appearance(session, claim.id, AttributionInput(source_id=other.id), user="t")
        return source.id


def statements_for(url: str, source_id: int) -> tuple[int, int, int]:
    query = ClaimQuery(source_id=source_id, limit=None)
    with session_scope(url, write=False) as session:
        with recorded(session) as listed_core:
            core = list_claims(session, query)
        with recorded(session) as listed:
            page = claim_page(session, query)
            rows = [claim_dict(c, page.history_counts.get(c.id, 0)) for c in page.claims]
        with recorded(session) as reported:
            report = render_markdown(build_report(session, ReportScope(source_id=source_id)))
    assert len(rows) == page.total and report.count("### Claim") == page.total
    assert core.rows == rows
    return len(listed), len(listed_core), len(reported)


@pytest.fixture
def second_url(backend, request, tmp_path):
    """Another fresh ledger next to db_url (same backend)."""
    if backend == "sqlite":
        import shutil

        path = tmp_path / "second.sqlite"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    server = request.getfixturevalue("postgres")
    name = server.new_name()
    url = server.create(name, template=request.getfixturevalue("postgres_template"))
    request.addfinalizer(lambda: server.drop(name))
    return url


def test_statement_count_does_not_grow_with_the_claims(db_url, second_url):
    few = statements_for(db_url, ledger_with(db_url, 5))
    many = statements_for(second_url, ledger_with(second_url, 50))
    assert few == many
    listed, listed_core, reported = many
    # The report also reads each claim's earlier verdicts, its re-check date and its
    # repeat links (factdb.repeats).
    assert listed <= 12 and reported <= 16
    # The page, then appearances, topics, figures, dates, evidence, published reviews
    # and repeat links; that the source exists needs no statement when its claims are
    # found.
    assert listed_core == 8
