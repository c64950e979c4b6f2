"""Sourcing reports: one structure, three formats, three groupings, safe HTML, charts."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event

import factdb
from factdb.charts import INSTALL_HINT
from factdb.db import make_engine
from factdb.models import Evidence, Source
from factdb.report_html import render_html, safe_href
from factdb.reports import ReportScope, build_report, render_markdown
from tests.helpers import ROOT, dump


def report_json(cli, *args: str) -> dict:
    result = cli("report", "sourcing", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def add_reuters_troops(cli, figure: str = "5000 soldiers | 5 000 soldats") -> None:
    """A second, dated source whose possible troop figure disagrees with the seed's
    possible 25,000-30,000."""
    result = cli(
        "sources",
        "add",
        "--title",
        "Pyongyang sends troops",
        "--language",
        "en",
        "--outlet",
        "Reuters",
        "--published",
        "2025-07-12",
        "--url",
        "https://example.org/reuters",
    )
    assert result.exit_code == 0, result.output
    result = cli(
        "claims",
        "add",
        "--source",
        "2",
        "--speaker",
        "North Korea",
        "--text",
        "North Korea could send 5,000 soldiers",
        "--figure",
        figure,
        "--topic",
        "troops",
        "--modality",
        "possible",
    )
    assert result.exit_code == 0, result.output


# The summary, checked against the seed article -----------------------------------------


def test_summary_counts_the_seed(seeded):
    report = report_json(seeded)
    summary = report["summary"]
    assert summary["claims"] == 12
    assert {k: v for k, v in summary["status"].items() if v} == {
        "logged": 10,
        "in_review": 1,
        "true": 1,
    }
    assert {k: v for k, v in summary["verdict"].items() if v} == {"true": 1}
    assert summary["attribution"] == {"direct": 2, "reported": 4, "unattributed": 6}
    assert summary["modality"] == {"asserted": 9, "reported": 1, "possible": 1, "announced": 1}
    assert summary["no_evidence"] == {"count": 11, "claims": [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12]}
    assert summary["contradicted"] == {"count": 0, "claims": []}
    assert report["contradictions"] == []


def test_each_claim_carries_its_chain_figures_dates_and_evidence(seeded):
    claims = {c["key"]: c for c in report_json(seeded)["claims"]}
    troops = claims["seed-troops"]
    assert [s["role"] for s in troops["appearances"][0]["chain"]] == [
        "claimant",
        "relay",
        "source",
    ]
    assert [s["name"] for s in troops["appearances"][0]["chain"][:2]] == [
        "Corée du Nord",
        "Sergueï Lavrov",
    ]
    assert troops["modality_note"] == "a possibility, not a fact"
    assert [(f["spec"], f["text"]) for f in troops["figures"]] == [
        ("25000..30000 soldiers", "entre 25 000 et 30 000 soldats"),
        ("thousands of soldiers", "des milliers déjà envoyés"),
    ]
    pact = claims["seed-pact"]
    assert pact["dates"][0] | {"anchor_note": None} == {
        "role": "about",
        "text": "l'année dernière",
        "value": "2024",
        "precision": "year",
        "anchor": "2025-07-13",
        "anchor_note": None,
        "relative": True,
    }
    assert pact["verdict"] == "true" and pact["rationale"].startswith("The treaty")
    assert pact["evidence"][0]["url"].startswith("https://en.wikipedia.org/")


# Each grouping and filter ----------------------------------------------------------------


def test_by_source_has_one_group_per_source(seeded):
    add_reuters_troops(seeded)
    groups = report_json(seeded)["groups"]
    assert [(g["kind"], g["id"], len(g["entries"])) for g in groups] == [
        ("source", 1, 12),
        ("source", 2, 1),
    ]
    only = report_json(seeded, "--source", "2")
    assert [g["id"] for g in only["groups"]] == [2] and only["summary"]["claims"] == 1


def test_by_speaker_lists_claimants_and_relays(seeded):
    groups = report_json(seeded, "--by", "speaker")["groups"]
    listed = {g["label"]: [(e["claim"], e["role"]) for e in g["entries"]] for g in groups}
    assert listed == {
        "Corée du Nord": [(2, "claimant")],
        "Kim Jong Un": [(6, "claimant"), (7, "claimant"), (8, "claimant")],
        "Russie": [(1, "claimant")],
        "Sergueï Lavrov": [(2, "relay"), (3, "claimant")],
        "no speaker named": [(4, None), (5, None), (9, None), (10, None), (11, None), (12, None)],
    }
    assert groups[-1]["id"] is None
    lavrov = report_json(seeded, "--by", "speaker", "--speaker", "Sergey Lavrov")
    assert [g["label"] for g in lavrov["groups"]] == ["Sergueï Lavrov"]


def test_by_topic_lists_a_claim_under_each_of_its_topics(seeded):
    report = report_json(seeded, "--by", "topic")
    groups = {g["label"]: [e["claim"] for e in g["entries"]] for g in report["groups"]}
    assert list(groups) == sorted(groups)
    assert groups["troops"] == [2, 3]
    assert groups["defence-pact"] == [5, 10]
    assert sum(len(v) for v in groups.values()) == sum(len(c["topics"]) for c in report["claims"])
    troops = report_json(seeded, "--by", "topic", "--topic", "Troops")
    assert [g["label"] for g in troops["groups"]] == ["troops"]
    assert troops["summary"]["claims"] == 2


def test_markdown_by_speaker_and_topic(seeded):
    report = seeded("report", "sourcing", "--by", "speaker").stdout
    assert "## Speaker: Kim Jong Un" in report and "## Speaker: no speaker named" in report
    assert "### Claim 2: in_review (relay)" in report
    report = seeded("report", "sourcing", "--by", "topic", "--topic", "defence-pact").stdout
    assert report.count("## Topic:") == 1 and report.count("### Claim") == 2


def test_retracted_claims_only_when_asked(seeded):
    assert seeded("claims", "retract", "4", "--reason", "duplicate").exit_code == 0
    assert report_json(seeded)["summary"]["claims"] == 11
    report = report_json(seeded, "--include-retracted")
    assert report["summary"]["status"]["retracted"] == 1
    assert report["filters"]["include_retracted"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--source", "99"), "no source with id 99"),
        (("--speaker", "Nobody At All"), "Nobody At All"),
        (("--by", "outlet"), "error: invalid value for --by: 'outlet' is not one of"),
        (("--format", "pdf"), "error: invalid value for --format / -f: 'pdf' is not one of"),
    ],
)
def test_bad_options_fail_in_one_line(seeded, args, message):
    result = seeded("report", "sourcing", *args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_output_file(seeded, tmp_path):
    target = tmp_path / "report.html"
    result = seeded("report", "sourcing", "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    result = seeded("report", "sourcing", "-o", str(tmp_path / "missing" / "r.md"))
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot write")


def test_the_three_formats_carry_the_same_content(seeded, db_url):
    with factdb.session_scope(db_url, write=False) as session:
        report = factdb.build_report(session, factdb.ReportScope(by="source"))
        assert factdb.find_contradictions(session) == []
    assert json.loads(factdb.render_json(report)) == report
    markdown = factdb.render_markdown(report)
    html = factdb.render_html(report)
    for claim in report["claims"]:
        assert f"### Claim {claim['id']}:" in markdown
        assert f'id="claim-{claim["id"]}"' in html
        for figure in claim["figures"]:
            assert figure["spec"] in markdown and figure["spec"] in html


def test_the_report_api_reads_nothing_but_does_not_write(seeded, db_url):
    before = dump(db_url)
    for fmt in ("md", "html", "json"):
        assert seeded("report", "sourcing", "--format", fmt).exit_code == 0
    assert dump(db_url) == before


# Contradictions -----------------------------------------------------------------------


def test_a_disagreeing_figure_from_another_source_is_reported(seeded):
    add_reuters_troops(seeded)
    report = report_json(seeded)
    assert report["summary"]["contradicted"] == {"count": 2, "claims": [2, 13]}
    [contradiction] = report["contradictions"]
    assert contradiction["figure"] == {
        "claim": 2,
        "figure": 1,
        "spec": "25000..30000 soldiers",
        "text": "entre 25 000 et 30 000 soldats",
        "sources": [1],
    }
    assert contradiction["other"]["claim"] == 13
    assert contradiction["grounds"] == [
        "same unit (soldiers) and claimant: Corée du Nord",
        "shared topic: troops",
    ]
    claim = next(c for c in report["claims"] if c["id"] == 13)
    assert claim["contradictions"][0]["other_claim"] == 2
    markdown = seeded("report", "sourcing").stdout
    assert "Claims whose figures disagree with another source: 2." in markdown
    assert "- **Disagrees:** figure 1 (5000 soldiers) vs claim 2 figure 1" in markdown
    # "thousands" (1,000-9,999) and 5,000 agree: only the range disagrees.
    assert all(c["figure"]["figure"] == 1 for c in report["contradictions"])


def _claim(
    session, source, text, figures, *, topics=("troops",), speaker=None, dates=(), modality=None
):
    return factdb.add_claim(
        session,
        text=text,
        appearance=factdb.AttributionInput(source_id=source, speaker=speaker),
        figures=figures,
        topics=topics,
        dates=dates,
        modality=modality or "asserted",
        user="t",
    ).id


@pytest.fixture
def two_sources(db_url):
    with factdb.session_scope(db_url) as session:
        for title in ("A", "B"):
            factdb.add_source(session, title=title, language_code="en", user="t")
        factdb.add_actor(session, name="Kim", user="t")
    return db_url


@pytest.mark.parametrize(
    ("first", "second", "options", "expected"),
    [
        ("25000..30000 soldiers", "5000 soldiers", {}, True),
        ("25000..30000 soldiers", "28000 soldiers", {}, False),
        ("25000..30000 soldiers", ">=20000 soldiers", {}, False),
        ("25000..30000 soldiers", "<=10000 soldiers", {}, True),
        ("~3000 soldiers", "3200 soldiers", {}, False),
        ("~3000 soldiers", "4000 soldiers", {}, True),
        ("thousands of soldiers", "20000 soldiers", {}, True),
        ("5000 soldiers", "5000 tanks", {}, False),
        ("2 flights/week", "2 flights/month", {}, True),  # rates compared per day
        ("1 flights/day", "7 flights/week", {}, False),
        ("2 flights/week", "5 flights/week", {}, True),
        ("2 flights/week", "2 flights", {}, False),  # a rate and a count
        ("5000 soldiers", "9000 soldiers", {"same_source": True}, False),
        ("5000 soldiers", "9000 soldiers", {"topic": "drones"}, True),
        ("5000 soldiers", "9000 soldiers", {"speaker": None}, False),  # nothing says same
        # Quantity keys: the same quantity compares whoever speaks; different ones never.
        ("5000 soldiers @a", "9000 soldiers @a", {"speaker": None}, True),
        ("5000 soldiers @a", "9000 soldiers @b", {}, False),
        # Increments add to a total: never compared with one.
        ("+6000 soldiers", "25000..30000 soldiers", {}, False),
        # Measured units compare converted, by dimension.
        ("15 miles", "30 km", {}, True),
        ("~15 miles", "24 km", {}, False),
        ("8000 kg", "8 tonnes", {}, False),
        ("8000 kg", "9 tonnes", {}, True),
        ("5 percent", "9 points", {}, False),
        # Strict bounds: "more than 10 000" excludes 10 000, "at least" does not.
        (">10000 soldiers", "10000 soldiers", {}, True),
        (">=10000 soldiers", "10000 soldiers", {}, False),
        ("<500 soldiers", "500 soldiers", {}, True),
        ("5000 soldiers", "9000 soldiers", {"dates": ("about:2023", "about:2025")}, False),
        ("5000 soldiers", "9000 soldiers", {"dates": ("about:2025", "about:2025-06")}, True),
        ("5000 soldiers", "9000 soldiers", {"modalities": ("asserted", "reported")}, True),
        ("5000 soldiers", "9000 soldiers", {"modalities": ("asserted", "possible")}, False),
        ("5000 soldiers", "9000 soldiers", {"modalities": ("announced", "announced")}, True),
    ],
)
def test_contradictions(two_sources, first, second, options, expected):
    from factdb.contradictions import find_contradictions

    dates = options.get("dates", ((), ()))
    modalities = options.get("modalities", (None, None))
    with factdb.session_scope(two_sources) as session:
        a = _claim(
            session,
            1,
            "first",
            [first],
            speaker=options.get("speaker", "Kim"),
            dates=[dates[0]] if dates[0] else [],
            modality=modalities[0],
        )
        b = _claim(
            session,
            1 if options.get("same_source") else 2,
            "second",
            [second],
            topics=(options.get("topic", "troops"),),
            speaker=options.get("speaker", "Kim"),
            dates=[dates[1]] if dates[1] else [],
            modality=modalities[1],
        )
        found = find_contradictions(session)
        assert find_contradictions(session, [b]) == found
        assert find_contradictions(session, []) == []
    assert bool(found) is expected
    if expected:
        assert (found[0].figure.claim_id, found[0].other.claim_id) == (a, b)


def test_retracted_claims_contradict_nothing(two_sources):
    from factdb.contradictions import find_contradictions

    with factdb.session_scope(two_sources) as session:
        _claim(session, 1, "first", ["5000 soldiers"], speaker="Kim")
        b = _claim(session, 2, "second", ["9000 soldiers"], speaker="Kim")
        assert len(find_contradictions(session)) == 1
        factdb.retract(session, b, reason="wrong", user="t")
        assert find_contradictions(session) == []


# A fixed number of statements ------------------------------------------------------------


def _statements_for_report(url: str, claims: int) -> list[int]:
    """Statements run by build_report for each grouping (speaker also looks the name up)."""
    with factdb.session_scope(url) as session:
        source = factdb.add_source(
            session, title="S", language_code="en", published="2025-01-01", user="t"
        ).id
        factdb.add_actor(session, name="Kim", user="t")
        factdb.add_actor(session, name="Lee", user="t")
        for i in range(claims):
            claim = factdb.add_claim(
                session,
                text=f"claim {i}",
                appearance=factdb.AttributionInput(source_id=source, speaker="Kim", relay="Lee"),
                figures=[f"{1000 + i} soldiers", "thousands of soldiers"],
                dates=["about:2024", "made:last week"],
                topics=["troops", f"t{i}"],
                user="t",
            )
            factdb.add_evidence(
                session, claim.id, stance="supports", url="https://example.org", user="t"
            )
    engine = make_engine(url, write=False)
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    try:
        from sqlalchemy.orm import Session

        counts = []
        with Session(engine) as session:
            for by in ("source", "speaker", "topic"):
                statements.clear()
                report = build_report(session, ReportScope(by=by, speaker="Kim"))
                assert report["summary"]["claims"] == claims
                counts.append(len(statements))
                session.expunge_all()
    finally:
        engine.dispose()
    return counts


def test_report_queries_do_not_grow_with_the_claims(backend, request, tmp_path):
    small = request.getfixturevalue("db_url")
    large = _fresh_url(backend, request, tmp_path)
    assert _statements_for_report(small, 5) == _statements_for_report(large, 50)


def _fresh_url(backend, request, tmp_path) -> str:
    """A second empty ledger in the same test (db_url gives one per test)."""
    import shutil

    if backend == "sqlite":
        path = tmp_path / "second.sqlite"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    server = request.getfixturevalue("postgres")
    name = server.new_name()
    url = server.create(name, template=request.getfixturevalue("postgres_template"))
    request.addfinalizer(lambda: server.drop(name))
    return url


# HTML: self-contained, safe ------------------------------------------------------------


def test_html_is_self_contained_responsive_and_printable(seeded):
    html = seeded("report", "sourcing", "--format", "html").stdout
    assert html.startswith("<!doctype html>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media print" in html and "@media (max-width" in html
    tags = tags_of(html)
    assert not [t for t, _ in tags if t in ("script", "link", "img", "iframe", "object")]
    for _, attrs in tags:
        assert "src" not in attrs
        for name in ("href", "xlink:href"):
            if name in attrs:
                assert attrs[name].startswith(("#", "https://", "http://")), attrs[name]
    assert "Content-Security-Policy" in html


def test_html_escapes_user_text_and_drops_unsafe_links(db_url):
    hostile_title = '"><img src=x onerror=alert(1)>'
    with factdb.session_scope(db_url) as session:
        source = factdb.add_source(
            session,
            title=hostile_title,
            outlet="<b>Outlet</b>",
            url='https://example.org/"><img src=x onerror=alert(2)>',
            language_code="en",
            user="t",
        )
        # Rows another tool could have written, bypassing the library's URL check.
        other = Source(
            title="Other",
            url="javascript:alert(3)",
            language="en",
            kind="news_article",
            created_by="t",
        )
        session.add(other)
        session.flush()
        claim = factdb.add_claim(
            session,
            text="<script>alert(1)</script>",
            appearance=factdb.AttributionInput(source_id=source.id),
            figures=["5000 soldiers | <i>cinq mille</i>"],
            topics=["<svg onload=alert(4)>"],
            user="t",
        )
        factdb.add_appearance(
            session, claim.id, factdb.AttributionInput(source_id=other.id), user="t"
        )
        session.add(
            Evidence(
                claim_id=claim.id, url="javascript:alert(5)", stance="supports", created_by="t"
            )
        )
    with factdb.session_scope(db_url, write=False) as session:
        report = build_report(session)
    html = render_html(report)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "<i>" not in html and "<b>" not in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" in html  # shown as text …
    tags = tags_of(html)
    assert not [t for t, _ in tags if t in ("script", "img", "i", "b")]
    hrefs = [a["href"] for _, a in tags if "href" in a]
    assert not [h for h in hrefs if not h.startswith(("#", "https://", "http://"))]  # … not links
    assert not [h for h in hrefs if '"' in h or "<" in h]
    markdown = render_markdown(report)
    assert r"\<script\>alert(1)\</script\>" in markdown
    assert "<javascript:" not in markdown


@given(st.text())
def test_safe_href_only_passes_plain_web_links(url):
    href = safe_href(url)
    assert href is None or (
        re.match(r"(?i)https?://", href) and not re.search(r"[\s\"'<>`\x00-\x1f\x7f]", href)
    )


# Charts ---------------------------------------------------------------------------------


def test_chart_points_follow_the_sources_dates(seeded):
    add_reuters_troops(seeded)
    [chart] = report_json(seeded)["charts"]
    assert chart["label"] == "soldiers"
    assert [(p["date"], p["series"], p["spec"]) for p in chart["points"]] == [
        ("2025-07-12", "S2", "5000 soldiers"),
        (None, "S1", "25000..30000 soldiers"),
        (None, "S1", "thousands of soldiers"),
    ]
    assert chart["points"][0]["date_basis"] == "source published"
    # Series are named by source id: S2 is source 2 in every chart of every report.
    assert [(s["name"], s["source"]["id"]) for s in chart["series"]] == [("S1", 1), ("S2", 2)]
    assert chart["date_bases"] == ["source published"]


def test_chart_is_inline_svg_with_the_extra(seeded):
    pytest.importorskip("matplotlib")
    add_reuters_troops(seeded)
    seeded("sources", "add", "--title", "<script>x</script>", "--language", "en")
    seeded("claims", "add", "--source", "3", "--text", "t", "--figure", "3 flights/week")
    seeded("claims", "add", "--source", "3", "--text", "u", "--figure", ">=4 flights/week")
    html = seeded("report", "sourcing", "--format", "html").stdout
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 2
    ids = []
    for svg in svgs:
        root = ET.fromstring(svg)
        texts = " ".join(t for t in root.itertext())
        assert "2025-07-12" in texts or "date unknown" in texts
        assert "Pyongyang" not in svg and "script" not in svg  # no user text in the SVG
        ids += [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert INSTALL_HINT not in html


def test_without_the_extra_the_html_shows_the_figures_table(seeded, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib fails
    html = seeded("report", "sourcing", "--format", "html").stdout
    assert "<svg" not in html
    assert INSTALL_HINT.replace("'", "&#39;") in html
    assert "<td>25000..30000 soldiers" in html and "<td>thousands of soldiers" in html


# Documentation ---------------------------------------------------------------------------


def test_readme_documents_the_report_json(seeded):
    # The README was cut to a summary: the report's fields are documented in the docs.
    section = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    report = report_json(seeded)
    section = re.sub(r"```.*?```", "", section, flags=re.S)
    quoted = " ".join(re.findall(r"`([^`]+)`", section))
    documented = set(re.findall(r"[a-z_]+", quoted))
    assert set(report) <= documented
    assert set(report["summary"]) <= documented
    assert {"chain", "modality_note", "contradictions", "spec"} <= documented
    assert set(report["charts"][0]["points"][0]) <= documented
    assert dt.date.fromisoformat(report["generated"])
