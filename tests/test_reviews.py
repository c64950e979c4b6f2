"""Published fact-checks shown and queried everywhere a claim is: JSON, tables, reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import dump

DATA = Path(__file__).parent / "data"
AFP = DATA / "claimreview" / "afp.jsonld"


def review_node(text: str, publisher: str, rating: str, url: str, value=None) -> dict:
    rating_node = {"@type": "Rating", "alternateName": rating}
    if value is not None:
        rating_node |= {"ratingValue": value, "bestRating": 5, "worstRating": 1}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": text,
        "author": {"@type": "Organization", "name": publisher},
        "datePublished": "2025-07-20T09:00:00+02:00",
        "inLanguage": "fr",
        "itemReviewed": {"@type": "Claim"},
        "reviewRating": rating_node,
    }


@pytest.fixture
def reviewed(seeded, tmp_path):
    """The seed, whose claim 5 (our "true") two publishers rated Faux, plus AFP's
    fact-check of a new claim (rated False) and a Satire rating, which maps to no
    verdict, of claim 2."""
    claim_5 = json.loads(seeded("claims", "show", "5", "--format", "json").stdout)
    claim_2 = json.loads(seeded("claims", "show", "2", "--format", "json").stdout)
    document = [
        review_node(claim_5["text"], "Les Décodeurs", "Faux", "https://lm.example.org/1", 1),
        review_node(claim_5["text"], "Libération CheckNews", "Faux", "https://ln.example.org/1"),
        review_node(claim_2["text"], "Le Gorafi", "Satire", "https://gorafi.example.org/2"),
    ]
    path = tmp_path / "reviews.jsonld"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = seeded("import", "claimreview", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("read 3, imported 0, merged 3 as duplicates, rejected 0\n")
    assert seeded("import", "claimreview", str(AFP), "-q").exit_code == 0
    return seeded


def listed(cli, *args: str) -> list[dict]:
    result = cli("claims", "list", "--format", "json", "--limit", "500", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_claims_show_json_has_the_reviews_and_keeps_our_status(reviewed):
    claim = json.loads(reviewed("claims", "show", "5", "--format", "json").stdout)
    assert (claim["status"], claim["verdict"]) == ("true", "true")  # the seed's own
    assert claim["review_count"] == 2
    assert claim["reviews"] == [
        {
            "publisher": "Les Décodeurs",
            "url": "https://lm.example.org/1",
            "published": "2025-07-20",
            "language": "fr",
            "rating": "Faux",
            "rating_value": 1,
            "best_rating": 5,
            "worst_rating": 1,
            "verdict": "false",
            "origin": "claimreview",
        },
        {
            "publisher": "Libération CheckNews",
            "url": "https://ln.example.org/1",
            "published": "2025-07-20",
            "language": "fr",
            "rating": "Faux",
            "rating_value": None,
            "best_rating": None,
            "worst_rating": None,
            "verdict": "false",
            "origin": "claimreview",
        },
    ]


def test_claims_show_table_lists_the_reviews(reviewed):
    out = reviewed("claims", "show", "2").stdout
    assert "│ reviews " in out
    assert "Le Gorafi, 2025-07-20: “Satire” → no verdict (claimreview)" in " ".join(out.split())


def test_claims_list_rows_have_reviews_and_their_count(reviewed):
    rows = {row["id"]: row for row in listed(reviewed)}
    assert rows[5]["review_count"] == 2 and len(rows[5]["reviews"]) == 2
    assert rows[3]["review_count"] == 0 and rows[3]["reviews"] == []
    show = json.loads(reviewed("claims", "show", "2", "--format", "json").stdout)
    assert rows[2] == show


def ids(cli, *args: str) -> list[int]:
    return [row["id"] for row in listed(cli, *args)]


def test_rated_and_reviewer_filters(reviewed):
    afp = max(ids(reviewed))
    assert ids(reviewed, "--rated", "false") == [5, afp]
    assert ids(reviewed, "--rated", "any") == [2, 5, afp]
    assert ids(reviewed, "--rated", "misleading") == []
    assert ids(reviewed, "--reviewer", "LES DECODEURS") == [5]
    assert ids(reviewed, "--reviewer", "libération checknews") == [5]
    assert ids(reviewed, "--reviewer", "le gorafi", "--rated", "false") == []
    assert ids(reviewed, "--reviewer", "Le Gorafi", "--rated", "any") == [2]
    # Combined with the other filters: our own status, words, speaker.
    assert ids(reviewed, "--rated", "false", "--status", "logged") == [afp]
    assert ids(reviewed, "--rated", "false", "--status", "verdict") == [5]
    assert ids(reviewed, "--rated", "any", "--topic", "troops") == [2]
    assert ids(reviewed, "--rated", "false", "--text", "centers") == [afp]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--rated", "wrong"), "unknown --rated verdict 'wrong'"),
        (("--reviewer", "!!"), "--reviewer needs a publisher's name"),
    ],
)
def test_bad_review_filters_are_one_line_errors(reviewed, db_url, args, message):
    result = reviewed("claims", "list", *args)
    assert result.exit_code != 0
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_sourcing_report_lists_and_counts_the_reviews(reviewed):
    report = json.loads(reviewed("report", "sourcing", "--format", "json").stdout)
    summary = report["summary"]["published_reviews"]
    assert (summary["count"], summary["claims"], summary["no_verdict"]) == (4, 3, 1)
    assert summary["verdict"]["false"] == 3
    claim = next(c for c in report["claims"] if c["id"] == 5)
    assert claim["reviews_summary"] == "rated false by 2 published fact-checks"
    assert [r["publisher"] for r in claim["reviews"]] == ["Les Décodeurs", "Libération CheckNews"]
    markdown = reviewed("report", "sourcing").stdout
    assert "- **Published fact-checks:** rated false by 2 published fact-checks" in markdown
    assert "  - Les Décodeurs, 2025-07-20: “Faux, 1 on 1..5” → false — <https://lm" in markdown
    assert "Published fact-checks: 4 of 3 claims (false 3, no verdict 1)." in markdown
    html = reviewed("report", "sourcing", "--format", "html").stdout
    assert "rated false by 2 published fact-checks" in html
    assert '<p id="published-reviews">Published fact-checks: 4 of 3 claims' in html


def test_a_refused_import_leaves_the_reviews_as_they_were(reviewed, db_url, tmp_path):
    before = dump(db_url)
    path = tmp_path / "bad.jsonld"
    path.write_text('{"@type": "ClaimReview", ', encoding="utf-8")
    result = reviewed("import", "claimreview", str(path))
    assert result.exit_code != 0 and result.stderr.startswith("error: ")
    assert dump(db_url) == before
