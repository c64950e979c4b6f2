"""schema.org ClaimReview: export checked against the vocabulary, import of real markup."""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from factdb import claims, db, evidence
from factdb.errors import FactDBError, InvalidInput
from factdb.formats.claimreview import (
    Publisher,
    export_claimreviews,
    import_claimreviews,
    read_document,
)
from factdb.formats.rejects import ImportStats, Rejects
from factdb.models import Actor, Claim, HistoryEntry, Review
from factdb.vocab import VERDICTS
from tests.helpers import SHARED, dump

DATA = Path(__file__).parent / "data" / "claimreview"
SHARED_REVIEWS = SHARED / "data" / "claimreview_jsonld"
SCHEMAORG = SHARED / "data" / "schemaorg"
needs_shared = pytest.mark.skipif(
    not SHARED_REVIEWS.is_dir(), reason=f"shared data not found at {SHARED_REVIEWS}"
)
PUBLISHER = Publisher(name="Desk Check", url="https://check.example.org")
BASE = "https://check.example.org/claims/"


def review(**fields) -> dict:
    """A minimal valid ClaimReview node, with ``fields`` replacing its parts."""
    node = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://check.example.org/reviews/1",
        "claimReviewed": "The bridge cost 3 billion",
        "author": {"@type": "Organization", "name": "Desk Check"},
        "datePublished": "2024-05-02",
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Jane Mayor"},
            "appearance": {"@type": "CreativeWork", "url": "https://news.example.org/a"},
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": "1",
            "bestRating": "5",
            "worstRating": "1",
            "alternateName": "False",
        },
    }
    node.update(fields)
    return node


def run_import(url: str, document, **kwargs):
    with db.session_scope(url) as session:
        return import_claimreviews(session, document, user="tester", **kwargs)


def stored(url: str) -> list[tuple]:
    """(text, claimant, status, publisher, rating value, best, worst, label, verdict) rows."""
    with db.session_scope(url, write=False) as session:
        rows = []
        for r in session.scalars(select(Review).order_by(Review.id)):
            rows.append(
                (
                    r.claim.text,
                    claimant_name(r.claim),
                    r.claim.status,
                    r.publisher,
                    r.rating_value,
                    r.best_rating,
                    r.worst_rating,
                    r.rating_name,
                    r.verdict,
                )
            )
        return rows


# --- importing the real files ---------------------------------------------------------

# file → (claim text starts with, claimant, the review's verdict ("logged": none),
# publisher, value, best, worst, label)
REAL = {
    "aajtak_india_today.jsonld": (
        "न्यू यॉर्क टाइम्स",
        "सोशल मीडिया यूजर्स",
        "false",
        "Aajtak",
        1.0,
        5.0,
        1.0,
        "False",
    ),
    "afp.jsonld": (
        "The US Centers",
        "multiple sources",
        "false",
        "AFP Fact Check",
        1.0,
        5.0,
        1.0,
        "False",
    ),
    "afp_checamos.jsonld": (
        "George Soros",
        "Várias fontes",
        "false",
        "Checamos",
        1.0,
        5.0,
        1.0,
        "Falso",
    ),
    "afp_factual.jsonld": (
        "Fotomontaje",
        "Varias fuentes",
        "misleading",
        "Factual",
        2.0,
        5.0,
        1.0,
        "Engañoso",
    ),
    "africa_check.jsonld": (
        "Interferon alpha-2b",
        "Mzwandile Masina",
        "false",
        "Taryn Willows",
        1.0,
        6.0,
        1.0,
        "Incorrect",
    ),
    "boom_live.jsonld": (
        "In Karnataka",
        "Facebook Page - NoConversion",
        "false",
        "BOOM",
        1.0,
        5.0,
        None,
        "False",
    ),
    "data_commons_feed_item.json": (
        "Im Netz sorgt",
        "Irmin Suhl",
        "logged",
        "Deutsche Presse-Agentur",
        None,
        None,
        None,
        "Reker hat diesen Satz nie gesagt. «Völliger Unsinn», heißt es dazu aus der "
        "Pressestelle der Stadt Köln.",
    ),
    "estadao.jsonld": (
        "Quem lacra",
        "Boatos de redes sociais",
        "false",
        "Estadão",
        1.0,
        5.0,
        None,
        "Falso",
    ),
    "google_factcheck_api_claim.json": (
        "کانپور",
        "FB User-Harshit Pandey",
        "false",
        "vishvasnews.com",
        None,
        None,
        None,
        "False",
    ),
    "india_today.jsonld": (
        "Amid “Boycott China”",
        "Facebook users",
        "misleading",
        "India Today",
        2.0,
        5.0,
        1.0,
        "Mostly false",
    ),
    "vishvas_news.jsonld": (
        "लद्दाख के गलवान",
        "FB User-Afroz Muhammed",
        "false",
        "Vishvas News",
        1.0,
        5.0,
        1.0,
        "False",
    ),
}


def check_imported(url: str, expected: tuple) -> None:
    [row] = stored(url)
    text, claimant, verdict, publisher, value, best, worst, label = expected
    assert row[0].startswith(text)
    # A published review never changes the claim's own status.
    assert row[1:8] == (claimant, "logged", publisher, value, best, worst, label)
    assert row[8] == (None if verdict == "logged" else verdict)


@needs_shared
def test_every_shared_file_is_known_here():
    assert sorted(p.name for p in SHARED_REVIEWS.iterdir() if p.suffix != ".md") == sorted(REAL)


@needs_shared
@pytest.mark.parametrize("name", sorted(REAL))
def test_each_real_file_imports_with_its_original_rating(name, cli, db_url):
    result = cli("import", "claimreview", str(SHARED_REVIEWS / name))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("read 1, imported 1, merged 0 as duplicates, rejected 0")
    check_imported(db_url, REAL[name])
    snapshot = dump(db_url)
    again = cli("import", "claimreview", str(SHARED_REVIEWS / name))
    assert again.stdout.strip().endswith("read 1, imported 0, merged 1 as duplicates, rejected 0")
    assert dump(db_url) == snapshot


@needs_shared
def test_all_real_files_in_one_ledger(db_url):
    for name in sorted(REAL):
        result = run_import(db_url, read_document(SHARED_REVIEWS / name))
        assert result.stats.as_dict() == {"read": 1, "imported": 1, "merged": 0, "rejected": 0}
    rows = stored(db_url)
    assert len(rows) == len(REAL)
    assert {r[2] for r in rows} == {"logged"}
    assert sorted(r[8] or "logged" for r in rows) == sorted(v[2] for v in REAL.values())


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir() if p.suffix != ".md"))
def test_bundled_samples_import_every_run(name, db_url):
    result = run_import(db_url, read_document(DATA / name))
    assert result.stats.as_dict() == {"read": 1, "imported": 1, "merged": 0, "rejected": 0}
    check_imported(db_url, REAL[name])


def test_imported_claim_has_source_claimant_date_and_its_review_not_a_verdict(db_url):
    run_import(db_url, read_document(DATA / "afp.jsonld"))
    with db.session_scope(db_url, write=False) as session:
        claim = session.scalars(select(Claim)).one()
        appearance = claim.attributions[0]
        assert appearance.source.url.startswith("https://www.facebook.com/photo.php?fbid=")
        assert appearance.kind == "direct"
        assert appearance.claimant.kind == "organisation"
        assert [(d.role, d.value.isoformat()) for d in claim.dates] == [("made", "2020-05-14")]
        # The desk's own status, verdict and evidence stay the desk's.
        assert (claim.status, claim.rationale, claim.evidence) == ("logged", None, [])
        [review] = claim.reviews
        assert (
            review.url
            == "https://factcheck.afp.com/cdc-does-not-add-flu-and-pneumonia-deaths-covid-19-toll"
        )
        assert (review.verdict, review.origin) == ("false", "claimreview")
        assert review.published.isoformat() == "2020-06-24"
        actions = [h.action for h in claim.history]
        assert actions == ["created", "review_added"]


@needs_shared
def test_africa_check_name_list_and_reviewed_work(db_url):
    run_import(db_url, read_document(SHARED_REVIEWS / "africa_check.jsonld"))
    with db.session_scope(db_url, write=False) as session:
        claim = session.scalars(select(Claim)).one()
        appearance = claim.attributions[0]
        assert (appearance.source.title, appearance.source.url) == (
            "State of the city address",
            "https://youtu.be/jA8iEODBe5Q?t=1368",
        )
        assert appearance.source.published.isoformat() == "2020-03-18"
        assert (appearance.claimant.name, appearance.claimant.description) == (
            "Mzwandile Masina",
            "mayor of Ekurhuleni",
        )


def test_the_vishvas_offset_is_repaired_not_dropped(db_url):
    run_import(db_url, read_document(DATA / "vishvas_news.jsonld"))
    with db.session_scope(db_url, write=False) as session:
        claim = session.scalars(select(Claim)).one()
        assert claim.reviews[0].published.isoformat() == "2020-06-22"
        # No appearance url: the review itself is the source the claim is reported in.
        assert claim.attributions[0].kind == "reported"
        assert claim.attributions[0].source.url == claim.reviews[0].url


def test_claimant_found_by_alias(db_url):
    with db.session_scope(db_url) as session:
        from factdb.actors import add_actor

        add_actor(session, name="Jane Mayor-Smith", aliases=["Jane Mayor"], user="tester")
    run_import(db_url, [review()])
    with db.session_scope(db_url, write=False) as session:
        assert session.scalars(select(Actor.name)).all() == ["Jane Mayor-Smith"]


# --- the shapes publishers write ------------------------------------------------------


def test_a_list_with_nested_main_entity_and_type_lists(db_url):
    document = [
        review(),
        {
            "@context": "http://schema.org",
            "@type": "WebPage",
            "mainEntity": review(
                **{
                    "@type": ["ClaimReview", "Review"],
                    "url": "https://check.example.org/reviews/2",
                    "claimReviewed": "Second claim",
                    "author": "Desk Check",
                    "reviewRating": {"ratingValue": 4, "bestRating": 5, "worstRating": 1},
                    "itemReviewed": [
                        {
                            "@type": "Claim",
                            "author": [{"@type": "Organization", "name": "City Hall"}],
                            "firstAppearance": {
                                "url": "https://news.example.org/b",
                                "name": "Headline B",
                                "datePublished": "2024-04-30T10:00:00+0200",
                            },
                            "appearance": [
                                {"url": "https://news.example.org/b"},
                                {"url": "https://news.example.org/c"},
                            ],
                        }
                    ],
                }
            ),
        },
        {"@graph": [review(**{"@type": "schema:ClaimReview", "url": None})]},
    ]
    result = run_import(db_url, document)
    # The third is the first again, found by claim text and publisher (it has no url).
    assert result.stats.as_dict() == {"read": 3, "imported": 2, "merged": 1, "rejected": 0}
    with db.session_scope(db_url, write=False) as session:
        second = session.scalars(select(Claim).where(Claim.text == "Second claim")).one()
        assert (second.status, second.reviews[0].verdict) == ("logged", "mostly_true")
        assert second.reviews[0].rating_name is None
        assert second.reviews[0].publisher == "Desk Check"
        assert [a.source.url for a in second.attributions] == [
            "https://news.example.org/b",
            "https://news.example.org/c",
        ]
        assert second.attributions[0].source.title == "Headline B"
        assert second.attributions[0].claimant.kind == "organisation"


def test_rejects_say_why_and_keep_the_record(db_url, tmp_path):
    bad_date = review(url="https://check.example.org/r/3", datePublished="last tuesday")
    document = {
        "@graph": [
            review(claimReviewed=""),
            review(url="https://check.example.org/r/2", claimReviewed="x", itemReviewed="text"),
            bad_date,
            review(url="https://check.example.org/r/4", claimReviewed="Fine"),
        ]
    }
    stats = ImportStats(rejects=Rejects(tmp_path / "rejects.jsonl"))
    result = run_import(db_url, document, stats=stats)
    stats.rejects.close()
    assert stats.as_dict() == {"read": 4, "imported": 1, "merged": 0, "rejected": 3}
    lines = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert [(e["line"], e["reason"]) for e in lines] == [
        (1, "no claimReviewed: a ClaimReview must say what claim it checks"),
        (2, "itemReviewed is a str, not an object"),
        (3, "datePublished 'last tuesday' is not a date: expected YYYY-MM-DD[THH:MM…]"),
    ]
    assert lines[2]["record"] == bad_date
    assert result.rejected == [(e["line"], e["reason"]) for e in lines]


def test_a_record_failing_while_written_leaves_nothing(db_url):
    before = dump(db_url)
    # The appearance's source is written before the claimant is found to have no name.
    broken = review(itemReviewed={"author": "!!!", "appearance": {"url": "https://x.example/a"}})
    result = run_import(db_url, [broken])
    assert result.rejected == [(1, "claimant '!!!' has no letters or digits")]
    assert dump(db_url) == before


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2020-06-24 00:03", "2020-06-24"),
        ("2020-03-27T10:46:13+0200", "2020-03-27"),
        ("2020-06-22T23:26:08+5:30", "2020-06-22"),
        ("2020-08-28T23:39:34-03:00", "2020-08-28"),
        ("June 23, 2020", "2020-06-23"),
        ("23 Jun 2020 10:00", "2020-06-23"),
    ],
)
def test_dates_as_publishers_write_them(db_url, written, read):
    run_import(db_url, review(datePublished=written))
    with db.session_scope(db_url, write=False) as session:
        assert session.scalars(select(Review.published)).one().isoformat() == read


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("03/04/2020", "is ambiguous (day/month order): use YYYY-MM-DD"),
        ("June 2020", "is not a whole date: give day, month and year"),
        ("2020-13-01", "is not a date"),
        ("soon", "is not a date: expected YYYY-MM-DD[THH:MM…]"),
    ],
)
def test_dates_that_would_need_a_guess_reject_the_record(db_url, written, reason):
    result = run_import(db_url, review(datePublished=written))
    assert result.rejected == [(1, f"datePublished {written!r} {reason}")]


def test_an_impossible_date_rejects_the_record(db_url):
    node = review()
    node["itemReviewed"]["datePublished"] = "2024-02-30"
    result = run_import(db_url, node)
    assert result.rejected == [(1, "itemReviewed.datePublished '2024-02-30' is not a date")]


def test_overlong_fields_are_rejected_not_truncated(db_url):
    api_claim = {
        "text": "A claim",
        "claimReview": [{"publisher": {"name": "P" * 201}, "url": "https://r.example/1"}],
    }
    result = run_import(db_url, [api_claim, review(author="A" * 201)])
    assert result.rejected == [
        (1, "publisher is 201 characters long, over the limit of 200: shorten it"),
        (2, "author is 201 characters long, over the limit of 200: shorten it"),
    ]


def test_a_value_no_column_can_hold_rejects_only_its_record(db_url, backend):
    # NFKD turns each "ﬁ" ligature into two letters: the folded alias key outgrows
    # its 200-character column (PostgreSQL refuses it; SQLite does not check lengths).
    result = run_import(
        db_url,
        [
            review(url="https://r.example/1", itemReviewed={"author": "ﬁ" * 150}),
            review(url="https://r.example/2", claimReviewed="Another claim"),
        ],
    )
    assert result.stats.imported == (2 if backend == "sqlite" else 1)
    if backend == "postgresql":
        assert result.rejected[0][0] == 1
        assert result.rejected[0][1].startswith("the database refused it: value too long")


def test_missing_claimant_is_unattributed_in_its_appearance(db_url):
    node = review(itemReviewed={"appearance": {"url": "https://news.example.org/z"}})
    run_import(db_url, node)
    with db.session_scope(db_url, write=False) as session:
        claim = session.scalars(select(Claim)).one()
        assert claim.attributions[0].kind == "unattributed"
        assert (claim.status, claim.reviews[0].verdict) == ("logged", "false")


def test_a_bare_item_reviewed_is_kept_unattributed_seen_on_the_review_page(db_url):
    """Real fact-checkers' markup often says only {"@type": "Claim"}: a review with
    no known claimant is still a review."""
    node = review(itemReviewed={"@type": ["Claim", "CreativeWork"]})
    result = run_import(db_url, node)
    assert result.stats.as_dict() == {"read": 1, "imported": 1, "merged": 0, "rejected": 0}
    with db.session_scope(db_url, write=False) as session:
        claim = session.scalars(select(Claim)).one()
        [appearance] = claim.attributions
        assert (appearance.kind, appearance.claimant) == ("unattributed", None)
        assert appearance.source.url == "https://check.example.org/reviews/1"
        assert appearance.source.outlet == "Desk Check"


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        (
            {"ratingValue": 2, "bestRating": 5, "worstRating": 1},
            (2.0, 5.0, 1.0, None, "misleading"),
        ),
        ({"ratingValue": "2,5", "bestRating": "5"}, (2.5, 5.0, None, None, "misleading")),
        ({"ratingValue": "Falso"}, (None, None, None, "Falso", "false")),
        ({"alternateName": "Vrai", "ratingValue": "n/a"}, (None, None, None, "Vrai", "true")),
        ({}, (None, None, None, None, None)),
        ([{"ratingValue": 5}], (5.0, None, None, None, "true")),
    ],
)
def test_ratings_as_numbers_strings_or_absent(db_url, rating, expected):
    run_import(db_url, review(reviewRating=rating))
    assert [(r[4], r[5], r[6], r[7], r[8]) for r in stored(db_url)] == [expected]


def test_an_oversized_file_is_one_line_and_changes_nothing(cli, db_url, tmp_path, monkeypatch):
    monkeypatch.setattr("factdb.formats.claimreview.MAX_FILE_BYTES", 100)
    path = tmp_path / "big.jsonld"
    path.write_text(json.dumps([review()] * 3), encoding="utf-8")
    before = dump(db_url)
    result = cli("import", "claimreview", str(path))
    assert result.exit_code != 0
    assert result.stderr.startswith("error: ") and "over the limit of 100" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert dump(db_url) == before


def test_unknown_label_keeps_the_rating_and_logs_the_claim(cli, db_url, tmp_path):
    path = tmp_path / "satire.jsonld"
    node = review(reviewRating={"alternateName": "Satire", "ratingValue": "n/a"})
    path.write_text(json.dumps(node), encoding="utf-8")
    result = cli("import", "claimreview", str(path))
    assert result.exit_code == 0, result.output
    assert "1 rating(s) match no factdb verdict ('Satire')" in result.stderr
    assert stored(db_url)[0][2:] == (
        "logged",
        "Desk Check",
        None,
        None,
        None,
        "Satire",
        None,
    )


# --- bad files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'{"@type": "ClaimReview", "claimReviewed": ', "line 1 column 43: invalid JSON-LD"),
        (b'\n\n{"@type": "ClaimReview",, }', "line 3 column 25: invalid JSON-LD"),
        (
            '{"claimReviewed": "Déjà"}'.encode("latin-1"),
            "not UTF-8 (byte 21, 0xe9): save the file as UTF-8",
        ),
        (b'{"@type": "Article", "headline": "x"}', "no ClaimReview found"),
        (b"[]", "no ClaimReview found"),
        (b'{"a": NaN}', "NaN is not JSON"),
        (b"", "invalid JSON-LD"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply to read"),
    ],
)
def test_bad_files_are_one_line_and_change_nothing(content, fragment, cli, db_url, tmp_path):
    path = tmp_path / "bad.jsonld"
    path.write_bytes(content)
    before = dump(db_url)
    result = cli("import", "claimreview", str(path))
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {path}") or line.startswith("error: no ClaimReview")
    assert fragment in line
    assert dump(db_url) == before


def test_ctrl_c_rolls_the_whole_import_back(cli, db_url, tmp_path, monkeypatch):
    import factdb.formats.claimreview

    path = tmp_path / "three.jsonld"
    nodes = [review(url=f"https://check.example.org/r/{i}", claimReviewed=f"C{i}") for i in "123"]
    path.write_text(json.dumps(nodes), encoding="utf-8")
    before = dump(db_url)
    original = factdb.formats.claimreview._store
    calls = []

    def interrupted_on_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    monkeypatch.setattr(factdb.formats.claimreview, "_store", interrupted_on_third)
    result = cli("import", "claimreview", str(path))
    assert result.exit_code == 130
    assert result.stderr.strip() == (
        "error: interrupted: nothing was changed (the transaction was rolled back)"
    )
    assert dump(db_url) == before


def test_missing_file(cli, tmp_path):
    result = cli("import", "claimreview", str(tmp_path / "nope.jsonld"))
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"error: cannot read {tmp_path / 'nope.jsonld'}")


def test_rejects_file_from_the_cli(cli, tmp_path, monkeypatch):
    path = tmp_path / "two.jsonld"
    path.write_text(json.dumps([review(), review(claimReviewed=None)]), encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    result = cli("import", "claimreview", str(path), "--rejects", str(rejects), "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"imported {path}: read 2, imported 1, merged 0 as duplicates, rejected 1 (see {rejects})"
    )
    assert json.loads(rejects.read_text())["line"] == 2
    # Without --rejects, the same policy as every import: FILE.rejects.jsonl here.
    monkeypatch.chdir(tmp_path)
    plain = cli("import", "claimreview", str(path))
    assert plain.stdout.strip().endswith("rejected 1 (see two.jsonld.rejects.jsonl)")
    [entry] = Path("two.jsonld.rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(entry)["reason"].startswith("no claimReviewed")


# --- random shapes --------------------------------------------------------------------

# Long texts too, to meet the column limits (200 for names, 300 for labels).
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.text(min_size=190, max_size=320),
)
keys = st.sampled_from(
    [
        "@type",
        "@graph",
        "claimReviewed",
        "itemReviewed",
        "author",
        "name",
        "url",
        "datePublished",
        "reviewRating",
        "ratingValue",
        "bestRating",
        "worstRating",
        "alternateName",
        "appearance",
        "firstAppearance",
        "mainEntity",
        "inLanguage",
        "claimReview",
        "text",
    ]
)
type_names = st.sampled_from(["ClaimReview", "Claim", "Rating", "Person", "CreativeWork"])
json_shapes = st.recursive(
    scalars | type_names,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=25,
)


# A valid review with random values in some of its fields, so that records get past
# the shape checks and into the database.
review_like = st.dictionaries(keys, json_shapes, max_size=4).map(lambda fields: review(**fields))
documents = st.one_of(
    json_shapes,
    review_like,
    st.lists(review_like, min_size=1, max_size=3),
    st.lists(review_like, max_size=3).map(lambda graph: {"@graph": graph}),
)


@settings(max_examples=settings.default.max_examples // 5)  # touches a database
@given(document=documents)
def test_any_json_imports_cleanly_or_is_refused_in_one_line(db_url, document):
    engine = db.make_engine(db_url)
    try:
        with engine.connect() as connection:
            transaction = connection.begin()
            from sqlalchemy.orm import Session

            with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
                try:
                    result = import_claimreviews(session, document, user="tester")
                except InvalidInput as error:
                    assert "\n" not in str(error)
                else:
                    stats = result.stats
                    assert stats.read == stats.imported + stats.merged + stats.rejected
            transaction.rollback()
    finally:
        engine.dispose()


# --- export ---------------------------------------------------------------------------


def give_verdict(session, claim_id: int, verdict: str) -> None:
    claims.set_status(session, claim_id, "in_review", reason="checking", user="tester")
    evidence.add_evidence(
        session, claim_id, stance="refutes", url="https://proof.example.org", user="tester"
    )
    claims.set_status(session, claim_id, verdict, reason=f"it is {verdict}", user="tester")


@pytest.fixture
def decided(seeded, db_url):
    """The seed ledger with one claim of each verdict (claim 5 is already true) and a
    retracted verdict."""
    with db.session_scope(db_url) as session:
        for claim_id, verdict in (
            (1, "false"),
            (3, "misleading"),
            (4, "mostly_true"),
            (6, "unverifiable"),
            (7, "false"),
        ):
            give_verdict(session, claim_id, verdict)
        claims.retract(session, 7, reason="duplicate", user="tester")
    return db_url


def exported(url: str) -> dict:
    with db.session_scope(url, write=False) as session:
        return export_claimreviews(session, PUBLISHER, BASE)


def test_export_has_every_verdict_and_no_retracted_claim(decided):
    document = exported(decided)
    assert document["@context"] == "https://schema.org"
    graph = document["@graph"]
    assert [r["url"] for r in graph] == [BASE + str(i) for i in (1, 3, 4, 5, 6)]
    ratings = {r["url"].rsplit("/", 1)[1]: r["reviewRating"] for r in graph}
    assert ratings["1"] | {"ratingExplanation": None} == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "False",
        "ratingExplanation": None,
    }
    assert ratings["3"]["ratingValue"] == 2
    assert ratings["4"]["ratingValue"] == 4
    assert ratings["5"]["ratingValue"] == 5
    assert "ratingValue" not in ratings["6"]
    assert ratings["6"]["alternateName"] == "Unverifiable"
    first = graph[0]
    assert first["author"] == {
        "@type": "Organization",
        "name": "Desk Check",
        "url": "https://check.example.org",
    }
    item = first["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"]
    assert item["firstAppearance"] == item["appearance"][0]
    assert item["appearance"][0]["@type"] == "CreativeWork"
    with db.session_scope(decided, write=False) as session:
        decided_at = session.scalars(
            select(HistoryEntry.at)
            .where(HistoryEntry.claim_id == 1, HistoryEntry.action == "status")
            .order_by(HistoryEntry.id.desc())
        ).first()
    assert first["datePublished"] == decided_at.date().isoformat()


def test_export_of_an_empty_ledger_is_an_empty_graph(db_url):
    assert exported(db_url) == {"@context": "https://schema.org", "@graph": []}


@pytest.mark.parametrize(
    ("publisher", "base", "fragment"),
    [
        (Publisher(name=""), BASE, "publisher name is empty"),
        (Publisher(name="X", url="ftp://x"), BASE, "publisher url 'ftp://x'"),
        (PUBLISHER, "check.example.org/", "base url 'check.example.org/'"),
    ],
)
def test_export_refuses_bad_settings(db_url, publisher, base, fragment):
    with db.session_scope(db_url, write=False) as session, pytest.raises(FactDBError) as error:
        export_claimreviews(session, publisher, base)
    assert fragment in str(error.value)


def test_export_cli_options_and_environment(decided, cli, tmp_path, monkeypatch):
    out = tmp_path / "reviews.jsonld"
    result = cli("export", "claimreview", "-o", str(out), "--publisher", "Desk Check",
                 "--base-url", "https://c.example/r/")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"wrote 5 ClaimReviews to {out}"
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["@graph"][0]["url"] == "https://c.example/r/1"
    assert document["@graph"][0]["author"] == {"@type": "Organization", "name": "Desk Check"}

    monkeypatch.setenv("FACTDB_PUBLISHER", "Env Check")
    monkeypatch.setenv("FACTDB_PUBLISHER_URL", "https://env.example/")
    result = cli("export", "claimreview")
    assert result.exit_code == 0, result.output
    review_one = json.loads(result.stdout)["@graph"][0]
    assert review_one["url"] == "https://env.example/claims/1"
    assert review_one["author"]["name"] == "Env Check"


def test_export_cli_needs_a_publisher_and_a_url(cli, monkeypatch):
    result = cli("export", "claimreview")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: name the fact-checking organisation: --publisher NAME or FACTDB_PUBLISHER"
    )
    result = cli("export", "claimreview", "--publisher", "X")
    assert result.stderr.strip() == (
        "error: give --base-url URL (or --publisher-url): each review needs its own url"
    )


# --- the export against schema.org ----------------------------------------------------


class Vocabulary:
    """schema.org's classes and properties, by local name, from the release file."""

    def __init__(self, path: Path) -> None:
        graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
        self.parents: dict[str, set[str]] = {}
        self.domains: dict[str, set[str]] = {}
        self.ranges: dict[str, set[str]] = {}
        for node in graph:
            if "rdfs:label" not in node:
                continue  # a bare reference to an external vocabulary
            name = self.local(node["@id"])
            types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            if "rdfs:Class" in types:
                self.parents[name] = {self.local(p) for p in self.ids(node, "rdfs:subClassOf")}
            if "rdf:Property" in types:
                self.domains[name] = {
                    self.local(d) for d in self.ids(node, "schema:domainIncludes")
                }
                self.ranges[name] = {self.local(r) for r in self.ids(node, "schema:rangeIncludes")}

    @staticmethod
    def local(iri: str) -> str:
        return iri.removeprefix("schema:").rsplit("/", 1)[-1]

    @staticmethod
    def ids(node: dict, key: str) -> list[str]:
        value = node.get(key, [])
        return [v["@id"] for v in (value if isinstance(value, list) else [value])]

    def ancestors(self, name: str) -> set[str]:
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.parents.get(current, ()))
        return seen

    def problems(self, node: dict, where: str = "") -> list[str]:
        """What in ``node`` (and below) schema.org does not define or allow."""
        kind = node["@type"]
        if kind not in self.parents:
            return [f"{where}: unknown type {kind}"]
        found = []
        for prop, value in node.items():
            if prop.startswith("@"):
                continue
            at = f"{where}.{prop}"
            if prop not in self.domains:
                found.append(f"{at}: unknown property")
                continue
            if not self.ancestors(kind) & self.domains[prop]:
                found.append(f"{at}: not a property of {kind}")
            for item in value if isinstance(value, list) else [value]:
                found.extend(self.value_problems(item, prop, at))
        return found

    def value_problems(self, value, prop: str, at: str) -> list[str]:
        allowed = self.ranges[prop]
        if isinstance(value, dict):
            if not self.ancestors(value["@type"]) & allowed:
                return [f"{at}: {value['@type']} is not in range {sorted(allowed)}"]
            return self.problems(value, at)
        wanted = {"Number", "Integer", "Float"} if isinstance(value, int | float) else {"Text"}
        text_like = {t for t in allowed if self.ancestors(t) & (wanted | {"DataType"})}
        if isinstance(value, str):
            text_like |= allowed & {"Date", "DateTime", "URL", "Text"}
        if not text_like:
            return [f"{at}: a {type(value).__name__} where {sorted(allowed)} is expected"]
        return []


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary(SCHEMAORG / "schemaorg-current-https.jsonld")


@pytest.mark.skipif(not SCHEMAORG.is_dir(), reason=f"schema.org release not found at {SCHEMAORG}")
def test_export_uses_only_schema_org_terms_where_they_belong(decided):
    graph = exported(decided)["@graph"]
    assert len(graph) == 5
    for index, node in enumerate(graph):
        assert vocabulary().problems(node, f"@graph[{index}]") == []


@pytest.mark.skipif(not SCHEMAORG.is_dir(), reason=f"schema.org release not found at {SCHEMAORG}")
def test_the_vocabulary_check_catches_mistakes():
    node = {
        "@type": "ClaimReview",
        "claimReviewd": "typo",
        "ratingValue": 1,
        "itemReviewed": {"@type": "Claim", "appearance": {"@type": "Rating"}},
        "reviewRating": {"@type": "Ratting"},
        "author": "a plain string is Text, not a Person",
    }
    assert vocabulary().problems(node) == [
        ".claimReviewd: unknown property",
        ".ratingValue: not a property of ClaimReview",
        ".itemReviewed.appearance: Rating is not in range ['CreativeWork']",
        ".reviewRating: Ratting is not in range ['Rating']",
        ".author: a str where ['Organization', 'Person'] is expected",
    ]


@cache
def usable_shapes():
    """schema.org's SHACL shapes, made usable for JSON-LD values: the generated shapes of
    data types (Text, Date, URL, Number …) demand a node, so any literal would fail them;
    with that one constraint dropped, they accept literals and everything else stands."""
    from rdflib import Graph, Namespace

    sh = Namespace("http://www.w3.org/ns/shacl#")
    vocabulary_graph = json.loads(
        (SCHEMAORG / "schemaorg-current-https.jsonld").read_text(encoding="utf-8")
    )["@graph"]
    data_types = {
        Vocabulary.local(node["@id"])
        for node in vocabulary_graph
        if "schema:DataType" in (node["@type"] if isinstance(node["@type"], list) else [])
    }
    data_types |= {c for c in vocabulary().parents if vocabulary().ancestors(c) & data_types}
    shapes = Graph().parse(SCHEMAORG / "schemaorg-shapes.shacl", format="turtle")
    for shape, target in list(shapes.subject_objects(sh.targetClass)):
        if Vocabulary.local(str(target)) in data_types:
            shapes.remove((shape, sh.nodeKind, None))
    return shapes


def shacl_problems(document: dict) -> list[str]:
    """What schema.org's shapes say is wrong with a JSON-LD document (read offline, with
    the release's own context)."""
    from pyshacl import validate
    from rdflib import Graph, URIRef

    context = json.loads((SCHEMAORG / "schemaorgcontext.jsonld").read_text(encoding="utf-8"))
    data = Graph().parse(data=json.dumps(document | context), format="json-ld")
    assert len(data) > 0
    conforms, report, text = validate(data, shacl_graph=usable_shapes())
    result_path = URIRef("http://www.w3.org/ns/shacl#resultPath")
    paths = sorted(Vocabulary.local(str(p)) for p in report.objects(None, result_path))
    return paths or ([] if conforms else [text])


@pytest.mark.skipif(not SCHEMAORG.is_dir(), reason=f"schema.org release not found at {SCHEMAORG}")
def test_export_conforms_to_the_schema_org_shapes(decided):
    document = exported(decided)
    assert shacl_problems(document) == []


@pytest.mark.skipif(not SCHEMAORG.is_dir(), reason=f"schema.org release not found at {SCHEMAORG}")
def test_the_shapes_catch_a_text_where_a_thing_belongs():
    document = {
        "@graph": [
            {
                "@type": "ClaimReview",
                "claimReviewed": "x",
                "itemReviewed": {"@type": "Claim", "appearance": "https://not-a-work.example"},
                "reviewRating": {"@type": "Rating", "ratingValue": 1, "author": "a name"},
            }
        ]
    }
    assert shacl_problems(document) == ["appearance", "author"]


# --- round trip -----------------------------------------------------------------------


@pytest.fixture
def other_url(backend, request, tmp_path):
    """A second empty ledger on the same backend, to import an export into."""
    if backend == "sqlite":
        path = tmp_path / "other.sqlite"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    server = request.getfixturevalue("postgres")
    name = server.new_name()
    yield server.create(name, template=request.getfixturevalue("postgres_template"))
    server.drop(name)


def claimant_name(claim: Claim) -> str | None:
    claimant = claim.attributions[0].claimant
    return claimant.name if claimant else None


def claim_verdicts(url: str) -> list[tuple]:
    with db.session_scope(url, write=False) as session:
        rows = session.scalars(select(Claim).where(Claim.status.in_(VERDICTS)))
        return sorted((c.text, c.language, claimant_name(c), c.status) for c in rows)


def review_verdicts(url: str) -> list[tuple]:
    with db.session_scope(url, write=False) as session:
        rows = session.scalars(select(Review))
        return sorted(
            (r.claim.text, r.claim.language, claimant_name(r.claim), r.verdict) for r in rows
        )


def test_round_trip_gives_the_same_claims_and_ratings_as_published_reviews(decided, other_url):
    document = exported(decided)
    result = run_import(other_url, json.loads(json.dumps(document)))
    assert result.rejected == []
    assert result.stats.as_dict() == {"read": 5, "imported": 5, "merged": 0, "rejected": 0}
    # Our verdicts arrive in the other ledger as Desk Check's published reviews.
    assert review_verdicts(other_url) == claim_verdicts(decided)
    assert claim_verdicts(other_url) == []
    ratings = sorted(
        (
            r["claimReviewed"],
            r["reviewRating"].get("ratingValue"),
            r["reviewRating"].get("bestRating"),
            r["reviewRating"].get("worstRating"),
            r["reviewRating"]["alternateName"],
        )
        for r in document["@graph"]
    )
    assert sorted((r[0], r[4], r[5], r[6], r[7]) for r in stored(other_url)) == ratings
    assert all(r[3] == "Desk Check" for r in stored(other_url))
    # The other desk has no verdict of its own: nothing is re-published under its name.
    assert exported(other_url)["@graph"] == []


def test_a_published_review_never_changes_our_verdict(decided):
    """Claim 5 is our desk's "true"; a publisher rating the same words False adds its
    review to the claim, once, and leaves our status, verdict and evidence alone."""
    with db.session_scope(decided, write=False) as session:
        ours = session.get(Claim, 5)
        before = (ours.status, ours.rationale, len(ours.evidence), ours.text)
    node = review(claimReviewed=before[3], url="https://other.example.org/r/5")
    node["author"] = {"@type": "Organization", "name": "Other Desk"}
    first = run_import(decided, node)
    assert first.stats.as_dict() == {"read": 1, "imported": 0, "merged": 1, "rejected": 0}
    snapshot = dump(decided)
    again = run_import(decided, node)
    assert again.stats.as_dict() == {"read": 1, "imported": 0, "merged": 1, "rejected": 0}
    assert dump(decided) == snapshot  # the same review twice adds nothing
    with db.session_scope(decided, write=False) as session:
        claim = session.get(Claim, 5)
        assert (claim.status, claim.rationale, len(claim.evidence), claim.text) == before
        assert [(r.publisher, r.verdict, r.origin) for r in claim.reviews] == [
            ("Other Desk", "false", "claimreview")
        ]


def test_export_published_writes_each_review_under_its_own_publisher(decided, cli, tmp_path):
    """Import → export --published → import adds nothing; the export passes the shapes
    and carries no name, url or date of ours."""
    for name in ("afp.jsonld", "vishvas_news.jsonld"):
        assert cli("import", "claimreview", str(DATA / name), "-q").exit_code == 0
    out = tmp_path / "published.jsonld"
    result = cli("export", "claimreview", "--published", "-o", str(out))
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    graph = document["@graph"]
    assert [(r["author"]["name"], r["datePublished"]) for r in graph] == [
        ("AFP Fact Check", "2020-06-24"),
        ("Vishvas News", "2020-06-22"),
    ]
    assert graph[0]["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "False",
    }
    assert "Desk Check" not in out.read_text(encoding="utf-8")
    if SCHEMAORG.is_dir():
        assert shacl_problems(document) == []
    snapshot = dump(decided)
    again = cli("import", "claimreview", str(out))
    assert again.stdout.endswith("read 2, imported 0, merged 2 as duplicates, rejected 0\n")
    assert dump(decided) == snapshot
    # Our own export still holds our verdicts only: the imported claims have none.
    ours = exported(decided)["@graph"]
    assert {r["author"]["name"] for r in ours} == {"Desk Check"}
    assert "AFP" not in json.dumps(ours)


@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [
        ("Le pont a coûté trois milliards d'euros aux contribuables", None, "fr"),
        ("The bridge cost three billion dollars to the taxpayers", None, "en"),
        ("Pont: 3 Md€", None, "und"),  # too short to tell
        ("The bridge cost three billion dollars to the taxpayers", "en-GB", "en-GB"),
    ],
)
def test_a_claim_without_language_gets_it_detected(db_url, text, given, expected):
    run_import(db_url, review(claimReviewed=text), default_language=given)
    with db.session_scope(db_url, write=False) as session:
        claim = session.scalars(select(Claim)).one()
        assert (claim.language, claim.reviews[0].language) == (expected, expected)
