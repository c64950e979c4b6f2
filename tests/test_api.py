"""The library, used directly from Python as the README shows."""

from __future__ import annotations

import datetime as dt

import pytest

import factdb
from factdb.errors import Conflict, InvalidInput, NotFound


def test_log_query_and_verify_from_python(db_url):
    with factdb.session_scope(db_url) as session:
        source = factdb.add_source(
            session,
            title="Lavrov à Wonsan",
            language_code="fr",
            outlet="AFP",
            published=dt.date(2025, 7, 12),
            user="ana",
        )
        factdb.add_actor(session, name="Sergueï Lavrov", aliases=["Sergey Lavrov"], user="ana")
        claim = factdb.add_claim(
            session,
            text="Pyongyang pourrait envoyer 30 000 soldats",
            appearance=factdb.AttributionInput(source_id=source.id, speaker="sergey lavrov"),
            modality="possible",
            figures=["30000 soldiers | 30 000 soldats"],
            dates=["made:2025-07-12", "about:l'an prochain"],
            topics=["Troupes"],
            user="ana",
        )
        claim_id = claim.id
    with factdb.session_scope(db_url, write=False) as session:
        page = factdb.list_claims(session, factdb.ClaimQuery(speaker="Lavrov", unit="soldiers"))
        assert page.total == 1
        [data] = page.rows
    assert data["id"] == claim_id and data["history_count"] == 1
    assert data["claimant"] == "Sergueï Lavrov"
    assert data["attribution"] == "reported"
    assert data["type"] == "quantity"
    assert [d["value"] for d in data["dates"]] == ["2025-07-12", "2026"]
    assert data["topics"] == ["troupes"]
    with factdb.session_scope(db_url) as session:
        factdb.set_status(session, claim_id, "in_review", reason="start", user="ben")
        with pytest.raises(Conflict):
            factdb.set_status(session, claim_id, "logged", reason="x", user="ben", if_version=1)


def test_a_failed_call_rolls_back_the_whole_transaction(db_url):
    with pytest.raises(NotFound), factdb.session_scope(db_url) as session:
        factdb.add_source(session, title="kept?", language_code="en", user="ana")
        factdb.add_claim(
            session, text="x", appearance=factdb.AttributionInput(source_id=42), user="ana"
        )
    with factdb.session_scope(db_url, write=False) as session:
        assert factdb.list_sources(session) == []


def test_find_actor_is_accent_and_case_insensitive_and_never_guesses(db_url):
    with factdb.session_scope(db_url) as session:
        factdb.add_actor(session, name="Kim Jong Un", kind="person", user="ana")
        factdb.add_actor(session, name="Kim Yo Jong", kind="person", user="ana")
        assert factdb.find_actor(session, "KIM JONG-UN").name == "Kim Jong Un"
        assert factdb.find_actor(session, "yo jong").name == "Kim Yo Jong"
        with pytest.raises(InvalidInput, match="ambiguous: it could be Kim Jong Un, Kim Yo Jong"):
            factdb.find_actor(session, "Kim")


def test_figure_rows_are_queryable_as_numbers(db_url):
    with factdb.session_scope(db_url) as session:
        source = factdb.add_source(session, title="t", language_code="en", user="u")
        for spec in (
            "500 soldiers",
            "25000..30000 soldiers",
            ">=10000 soldiers",
            "<=2000 soldiers",
            "~9000 soldiers",
            "thousands of soldiers",
            "3 flights/day",
        ):
            factdb.add_claim(
                session,
                text=spec,
                appearance=factdb.AttributionInput(source_id=source.id),
                figures=[spec],
                user="u",
            )
    with factdb.session_scope(db_url, write=False) as session:

        def texts(**kw) -> set[str]:
            page = factdb.list_claims(session, factdb.ClaimQuery(**kw))
            return {row["text"] for row in page.rows}

        assert texts(unit="soldiers", min_value=10000) == {
            "25000..30000 soldiers",
            ">=10000 soldiers",
        }
        assert texts(unit="soldiers", max_value=900) == {"500 soldiers", "<=2000 soldiers"}
        assert texts(unit="soldiers", min_value=5000, max_value=9500) == {
            "~9000 soldiers",
            "thousands of soldiers",
        }
        assert texts(min_value=3, max_value=3) == {"3 flights/day", "<=2000 soldiers"}


def test_pagination_reports_the_total(db_url):
    with factdb.session_scope(db_url) as session:
        source = factdb.add_source(session, title="t", language_code="en", user="u")
        for i in range(7):
            factdb.add_claim(
                session,
                text=f"claim {i}",
                appearance=factdb.AttributionInput(source_id=source.id),
                user="u",
            )
    with factdb.session_scope(db_url, write=False) as session:
        page = factdb.list_claims(session, factdb.ClaimQuery(limit=3, offset=3))
        assert page.total == 7
        assert [row["text"] for row in page.rows] == ["claim 3", "claim 4", "claim 5"]
