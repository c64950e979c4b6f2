"""Dataset importers: LIAR, LIAR-PLUS and ClaimsKG, on both backends.

The samples in tests/data/ are invented but carry each quirk the real files have
(see tests/data/README.md); the real files are imported whole when ../shared is present.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, text
from typer.testing import CliRunner

import factdb.formats.bulk
import factdb.query
from factdb import list_claims
from factdb.actors import add_actor, add_role
from factdb.cli import app
from factdb.cli.common import ROLLED_BACK
from factdb.db import session_scope
from factdb.errors import FactDBError, InvalidInput
from factdb.formats.bulk import ClaimRecord
from factdb.formats.datasets import (
    CLAIMSKG_COLUMNS,
    LIAR_LABELS,
    import_claimskg,
    import_liar,
    parse_claimskg,
    parse_liar,
)
from factdb.formats.rejects import Rejected, Rejects
from factdb.models import Actor, Claim, ClaimDate, HistoryEntry, Review, Source
from factdb.vocab import VERDICTS
from tests.helpers import SHARED, dump

DATA = Path(__file__).parent / "data"
LIAR = DATA / "liar_sample.tsv"
LIAR_PLUS = DATA / "liar_plus_sample.tsv"
CLAIMSKG = DATA / "claimskg_sample.csv"
CLAIMSKG_FR = DATA / "claimskg_fr_sample.csv"


def by_key(session, key: str) -> Claim:
    return session.scalars(select(Claim).where(Claim.key == key)).one()


def review_of(claim: Claim) -> Review:
    (review,) = claim.reviews
    return review


def rejects_in(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_liar_sample_keeps_every_quirk(db_url, tmp_path):
    rejects = Rejects(tmp_path / "rejects.jsonl")
    with session_scope(db_url) as session:
        stats = import_liar(session, LIAR, user="ana", rejects=rejects)
    rejects.close()
    assert stats.as_dict() == {"read": 11, "imported": 8, "merged": 0, "rejected": 3}
    assert [(r["line"], r["reason"]) for r in rejects_in(rejects.path)] == [
        (8, "unknown label 'mostly-fire': expected one of " + ", ".join(LIAR_LABELS)),
        (9, "credit-history count 'x' is not a whole number"),
        (10, "4 tab-separated fields, expected 14"),
    ]

    with session_scope(db_url, write=False) as session:
        first = by_key(session, "liar:101")
        assert first.text == '"Our county added 4,000 jobs last year.'  # quotes are literal
        assert first.status == "logged" and first.language == "en"
        assert [t.name for t in first.topics] == ["economy", "jobs"]
        (appearance,) = first.attributions
        assert appearance.kind == "direct"
        assert appearance.claimant.name == "Jane Roe"
        assert (appearance.claimant.party, appearance.claimant.region) == ("democrat", "Ohio")
        assert {r.title for r in appearance.claimant.roles} == {"County executive", "Mayor"}
        assert (appearance.source.title, appearance.source.kind) == ("a press release", "dataset")
        review = review_of(first)
        assert (review.publisher, review.origin, review.rating_name, review.verdict) == (
            "PolitiFact",
            "liar",
            "half-true",
            "misleading",
        )
        (entry,) = first.history
        assert (entry.actor, entry.action, entry.version) == ("ana", "imported", 1)
        assert entry.reason == "imported from LIAR file liar_sample.tsv, line 1"
        assert entry.new["review"] == {
            "publisher": "PolitiFact",
            "rating": "half-true",
            "verdict": "misleading",
        }

        assert by_key(session, "liar:102").text == "Says the bridge was paid for twice.''"
        senator = by_key(session, "liar:102").attributions[0]
        assert senator.source.title == "an interview on local radio"  # padding stripped
        assert senator.claimant.region == "Virgina"  # kept as written, never guessed
        assert [r.title for r in senator.claimant.roles] == ["State senator"]

        junk = by_key(session, "liar:103")
        assert junk.text == "The lake is three times larger than in 1990."  # no U+FEFF
        gagop = junk.attributions[0].claimant
        assert (gagop.name, gagop.kind, gagop.party, gagop.region) == (
            "GaGOP",
            "organisation",
            "organization",
            None,
        )
        assert junk.attributions[0].source.title == "context not given"
        assert by_key(session, "liar:104").text.endswith("mayor.")  # no U+0090
        assert by_key(session, "liar:104").attributions[0].claimant.name == "Jack Graham"
        assert by_key(session, "liar:104").attributions[0].claimant.party is None
        assert by_key(session, "liar:105").text.startswith("#Transit ridership")
        assert "⅔" in by_key(session, "liar:105").text
        # The same words under two ids are two statements.
        assert by_key(session, "liar:106").text == by_key(session, "liar:107").text == "On taxes"
        assert by_key(session, "liar:111").text == "Records can be broken"
        assert session.scalar(select(func.count()).select_from(Actor)) == 5
        assert session.scalar(select(func.count()).select_from(Source)) == 7


def test_liar_plus_joins_broken_lines_keeps_the_ruling_and_merges_with_liar(db_url):
    with session_scope(db_url) as session:
        first = import_liar(session, LIAR, user="ana")
        plus = import_liar(session, LIAR_PLUS, user="ben")
    assert first.imported == 8
    assert plus.as_dict() == {"read": 5, "imported": 4, "merged": 1, "rejected": 0}
    with session_scope(db_url, write=False) as session:
        merged = by_key(session, "liar:101")
        assert merged.text == '"Our county added 4,000 jobs last year.'  # LIAR's text kept
        assert review_of(merged).origin == "liar"
        # LIAR-PLUS brings the ruling LIAR lacked, as an edit in the claim's history.
        assert merged.note == (
            "PolitiFact's ruling (LIAR-PLUS justification): "
            'The county\'s own report says "about 2,500" jobs.'
        )
        assert merged.version == 2
        created, edited = merged.history
        assert (created.actor, created.action, created.version) == ("ana", "imported", 1)
        assert (edited.actor, edited.action, edited.version) == ("ben", "edited", 2)
        assert edited.old == {"note": None} and edited.new == {"note": merged.note}
        assert edited.reason == "note added from LIAR file liar_plus_sample.tsv, line 1"
        stadium = by_key(session, "liar:201")
        assert stadium.note == (
            "PolitiFact's ruling (LIAR-PLUS justification): "
            "Records show $40 million in public bonds."
        )
        assert review_of(stadium).origin == "liar"
        assert 'Host of "Morning" show' in {r.title for r in stadium.attributions[0].claimant.roles}
        assert by_key(session, "liar:202").note is None  # whitespace-only justification
        assert by_key(session, "liar:203").note.endswith(
            "a drop in 2015\nand a smaller one in 2016."
        )
        river = by_key(session, "liar:204")
        assert river.text == "The river is cleaner than it has ever been."
        assert river.history[0].reason == "imported from LIAR file liar_plus_sample.tsv, line 6"


def test_claimskg_sample(db_url, tmp_path):
    rejects = Rejects(tmp_path / "rejects.jsonl")
    with session_scope(db_url) as session:
        stats = import_claimskg(session, CLAIMSKG, user="ana", rejects=rejects)
    rejects.close()
    assert stats.as_dict() == {"read": 8, "imported": 5, "merged": 1, "rejected": 2}
    assert [(r["line"], r["reason"]) for r in rejects_in(rejects.path)] == [
        (8, "rating value 'abc' is not a number"),
        (9, "no claim text and no headline"),
    ]
    with session_scope(db_url, write=False) as session:
        moon = session.scalars(select(Claim).where(Claim.text.like("%moon%"))).one()
        assert moon.text == "“The moon is hollow,” scientists admit."
        # The claimant is in PolitiFact's url; the staff writer is not the claimant.
        assert moon.attributions[0].claimant.name == "Facebook Posts"
        assert moon.attributions[0].kind == "reported"
        assert sorted(t.name for t in moon.topics) == ["facebook-fact-checks", "space"]
        review = review_of(moon)
        assert (review.publisher, review.rating_name, review.verdict, review.published) == (
            "PolitiFact",
            "False",
            "false",
            None,
        )
        assert moon.note == (
            "review date 2021-12-12 is after the date 2021-07-19 in its url: left unknown"
        )
        source = moon.attributions[0].source
        assert (source.outlet, source.title, source.kind) == (
            "PolitiFact",
            "No, the moon is not hollow",
            "news_article",
        )
        assert source.url.startswith("http://www.politifact.com/factchecks/2021/jul/19/")

        flood = session.scalars(select(Claim).where(Claim.text.like("Video shows%"))).one()
        assert flood.attributions[0].claimant.name == "Multiple sources"
        assert flood.dates == []  # claim date after the review date: kept unknown
        assert "claim date 2021-07-27 is after review date 2021-07-18" in flood.note
        review = review_of(flood)
        assert (review.rating_value, review.worst_rating, review.best_rating) == (2.5, 1.0, 5.0)
        assert review.published.isoformat() == "2021-07-18"

        garlic = session.scalars(select(Claim).where(Claim.text.like("Garlic%"))).one()
        assert garlic.text == "Garlic does not cure malaria"
        assert garlic.note == "claim text taken from the fact-check's headline"
        assert garlic.attributions[0].kind == "unattributed"  # Africa Check names no claimant

        hospital = session.scalars(select(Claim).where(Claim.text.like("Hospital%"))).one()
        assert review_of(hospital).verdict is None  # "Other": kept, not guessed
        assert review_of(hospital).rating_name == "Other"
        (made,) = hospital.dates
        assert (made.role, made.value.isoformat(), made.precision) == ("made", "2021-07-15", "day")
        assert hospital.claim_type == "event"


def test_claimskg_french_semicolon_file(db_url):
    with session_scope(db_url) as session:
        stats = import_claimskg(session, CLAIMSKG_FR, user="ana")
    assert stats.as_dict() == {"read": 5, "imported": 4, "merged": 1, "rejected": 0}
    with session_scope(db_url, write=False) as session:
        claims = {c.text: c for c in session.scalars(select(Claim))}
        pont = claims["Le pont a été vendu à une entreprise étrangère"]
        assert pont.language == "fr"
        assert (
            pont.attributions[0].source.url
            == "https://factuel.afp.com//non-ce-pont-na-pas-ete-vendu"
        )
        assert review_of(pont).publisher == "AFP Factuel"
        photo = claims["Cette\u00a0photo montre la manifestation d'hier"]  # no U+200B
        # "Sources multiples" and "sources multiples" are one claimant.
        assert photo.attributions[0].claimant_id == pont.attributions[0].claimant_id
        # Inverted scale kept as given; the label decides the verdict.
        review = review_of(photo)
        assert (review.rating_value, review.worst_rating, review.best_rating) == (1.0, 5.0, 1.0)
        assert review.verdict == "misleading"
        (made,) = photo.dates
        assert made.value.isoformat() == "2020-11-04"
        chars = claims["Des chars dans la ville hier soir"]
        assert review_of(chars).verdict == "false"  # "Faux, cette image montre …"
        assert chars.attributions[0].claimant.name == "Un député"
        musee = claims["Le musée est gratuit le dimanche"]
        assert review_of(musee).verdict == "mostly_true"  # "-", so the rating: 4 of 1..5
        assert musee.attributions[0].kind == "unattributed"


def test_batches_give_the_same_result_as_one(db_url, tmp_path, backend):
    """Duplicates and shared speakers that straddle batch boundaries are still merged."""
    with session_scope(db_url) as session:
        liar = import_liar(session, LIAR, user="ana", batch_size=2)
        plus = import_liar(session, LIAR_PLUS, user="ana", batch_size=1)
        fr = import_claimskg(session, CLAIMSKG_FR, user="ana", batch_size=1)
    assert (liar.imported, plus.imported, plus.merged, fr.imported, fr.merged) == (8, 4, 1, 4, 1)
    with session_scope(db_url, write=False) as session:
        assert session.scalar(select(func.count()).select_from(Actor)) == 7
        names = session.scalars(select(Actor.name).order_by(Actor.name)).all()
        assert len(names) == len(set(names))


def test_existing_speaker_is_reused_and_completed(db_url):
    with session_scope(db_url) as session:
        add_actor(session, name="Jane Roe", user="ana")
        add_role(session, "Jane Roe", "Mayor")
    with session_scope(db_url) as session:
        import_liar(session, LIAR, user="ana")
    with session_scope(db_url, write=False) as session:
        (jane,) = session.scalars(select(Actor).where(Actor.name == "Jane Roe")).all()
        assert (jane.party, jane.region) == ("democrat", "Ohio")
        assert [r.title for r in jane.roles] == ["Mayor", "County executive"]


# --- the command line ---------------------------------------------------------------


def test_cli_import_counts_rejects_and_reimport_creates_nothing(cli, db_url, tmp_path):
    rejects = tmp_path / "liar.rejects.jsonl"
    result = cli("--as", "ana", "import", "liar", str(LIAR), "--rejects", str(rejects))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"imported {LIAR}: read 11, imported 8, merged 0 as duplicates, "
        f"rejected 3 (see {rejects})\n"
    )
    assert [r["line"] for r in rejects_in(rejects)] == [8, 9, 10]
    assert rejects_in(rejects)[2]["record"] == [
        "110.json",
        "false",
        "A record with too few fields.",
        "taxes",
    ]
    with session_scope(db_url, write=False) as session:
        assert {e.actor for e in session.scalars(select(HistoryEntry))} == {"ana"}
    before = dump(db_url)
    again = cli("import", "liar", str(LIAR), "--rejects", str(tmp_path / "again.jsonl"))
    assert again.exit_code == 0, again.output
    assert "imported 0, merged 8 as duplicates, rejected 3" in again.output
    assert dump(db_url) == before

    plus = cli("import", "liar", str(LIAR_PLUS))
    assert plus.exit_code == 0, plus.output
    before = dump(db_url)
    assert "imported 0, merged 5" in cli("import", "liar", str(LIAR_PLUS)).output
    assert dump(db_url) == before

    result = cli("import", "claimskg", str(CLAIMSKG_FR), "--quiet")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("read 5, imported 4, merged 1 as duplicates, rejected 0\n")
    before = dump(db_url)
    assert cli("import", "claimskg", str(CLAIMSKG_FR)).exit_code == 0
    assert dump(db_url) == before


def test_cli_default_rejects_file_is_in_the_current_directory(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("import", "claimskg", str(CLAIMSKG))
    assert result.exit_code == 0, result.output
    assert result.output.endswith("rejected 2 (see claimskg_sample.csv.rejects.jsonl)\n")
    assert len(rejects_in(tmp_path / "claimskg_sample.csv.rejects.jsonl")) == 2


def test_cli_plus_option_forces_the_format(cli, db_url):
    before = dump(db_url)
    result = cli("import", "liar", str(LIAR), "--plus")
    assert result.exit_code == 1
    assert result.output == (
        f"error: {LIAR}: line 1: 14 tab-separated fields: a LIAR file has 14, a LIAR-PLUS file 16\n"
    )
    assert dump(db_url) == before
    result = cli("import", "liar", str(LIAR_PLUS), "--plus", "--quiet")
    assert result.exit_code == 0, result.output
    assert "imported 5" in result.output


def _liar_lines() -> list[bytes]:
    return LIAR.read_bytes().splitlines(keepends=True)


BROKEN = {
    "truncated LIAR": (
        "liar",
        b"".join(_liar_lines()[:3]) + _liar_lines()[3][:40],
        "line 4: the file ends in the middle of a record: it looks truncated",
    ),
    "truncated CSV": (
        "claimskg",
        CLAIMSKG.read_bytes()[:-300],
        "line 7: the file ends in the middle of a record: it looks truncated",
    ),
    "truncated inside quotes": (
        "claimskg",
        CLAIMSKG.read_bytes().split(b"dates\r")[0],
        "line 4: the file ends in the middle of a record: it looks truncated",
    ),
    "Latin-1": (
        "claimskg",
        CLAIMSKG_FR.read_text(encoding="utf-8").encode("latin-1", errors="replace"),
        "line 2: not UTF-8 (byte 124, 0xe9): save the file as UTF-8",
    ),
    "binary": (
        "liar",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00",
        "line 1: not UTF-8 (byte 1, 0x89): save the file as UTF-8",
    ),
    "NUL bytes": ("liar", b"101.json\tfalse\x00\x00\n", "line 1: NUL byte: this is a binary file"),
    "wrong LIAR columns": (
        "liar",
        b"101.json\tfalse\tSome words\n",
        "line 1: 3 tab-separated fields: a LIAR file has 14, a LIAR-PLUS file 16",
    ),
    "LIAR given to claimskg": (
        "claimskg",
        LIAR.read_bytes(),
        "line 1: not a ClaimsKG CSV: missing column(s) rating_ratingValue,",
    ),
    "empty": ("liar", b"", "is empty"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_file_is_one_line_and_changes_nothing(cli, db_url, tmp_path, case):
    command, content, message = BROKEN[case]
    assert cli("import", "liar", str(LIAR_PLUS)).exit_code == 0
    path = tmp_path / "broken.txt"
    path.write_bytes(content)
    rejects = tmp_path / "rejects.jsonl"
    before = dump(db_url)
    result = cli("import", command, str(path), "--rejects", str(rejects))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}")
    assert message in lines[0]
    assert dump(db_url) == before
    assert not rejects.exists()


def test_missing_file(cli, tmp_path):
    result = cli("import", "claimskg", str(tmp_path / "nope.csv"))
    assert result.exit_code == 1
    assert (
        result.output == f"error: cannot read {tmp_path / 'nope.csv'}: No such file or directory\n"
    )


def test_ctrl_c_rolls_back_and_leaves_no_rejects_file(cli, db_url, tmp_path, monkeypatch):
    """Interrupted once speakers, topics and sources are written, before the claims."""
    before = dump(db_url)

    def interrupted(self, fresh):
        raise KeyboardInterrupt

    monkeypatch.setattr(factdb.formats.bulk.BulkWriter, "_insert_claims", interrupted)
    rejects = tmp_path / "rejects.jsonl"
    result = cli("import", "liar", str(LIAR), "--rejects", str(rejects))
    assert result.exit_code == 130
    assert result.output == f"error: {ROLLED_BACK}\n"
    assert dump(db_url) == before
    assert not rejects.exists()


# --- the row parsers never fail any other way ----------------------------------------

field_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40
) | st.sampled_from(["101.json", "true", "half-true", "0", "3", "jane-roe", "", " "])


@given(fields=st.lists(field_text, min_size=13, max_size=17), plus=st.booleans())
def test_liar_parser_gives_a_record_or_a_clean_rejection(fields, plus):
    try:
        record = parse_liar(fields, plus=plus)
    except (Rejected, FactDBError):
        return
    assert isinstance(record, ClaimRecord)
    assert record.review.verdict in VERDICTS
    assert record.key.startswith("liar:")


@given(
    values=st.fixed_dictionaries(
        {},
        optional={
            c: field_text
            | st.sampled_from(["2021-07-19", "2021-02-30", "1.5", "nan", "https://x.org/a"])
            for c in CLAIMSKG_COLUMNS
        },
    )
)
def test_claimskg_parser_gives_a_record_or_a_clean_rejection(values):
    try:
        record = parse_claimskg(values)
    except (Rejected, FactDBError):
        return
    assert isinstance(record, ClaimRecord)
    assert record.review.verdict in (*VERDICTS, None)
    assert record.text


@pytest.mark.parametrize(
    ("tags", "topics"),
    [
        ("[]", ()),
        ("", ()),
        ("covid-19, Vaccines", ("covid-19", "vaccines")),
        ("['Health', 'covid']", ("health", "covid")),
        ("[ ]", ()),
    ],
)
def test_claimskg_tags_written_as_a_list_and_the_empty_list(tags, topics):
    row = {
        "claimReview_author_name": "snopes",
        "claimReview_claimReviewed": "The moon is made of cheese",
        "claimReview_url": "https://www.snopes.com/fact-check/moon/",
        "rating_alternateName": "False",
        "extra_tags": tags,
    }
    assert parse_claimskg(row).topics == topics


def test_language_option_is_checked(db_url):
    with session_scope(db_url) as session, pytest.raises(InvalidInput, match="language code"):
        import_claimskg(session, CLAIMSKG, user="ana", language_code="french!")


# --- the shared datasets, whole ------------------------------------------------------

DATASETS = SHARED / "data"
FULL = [
    ("liar", "liar/train.tsv", 10269, 10269, 0),
    ("liar", "liar/valid.tsv", 1284, 1284, 0),
    ("liar", "liar_plus/val2.tsv", 1284, 1284, 0),
    ("claimskg", "claimskg_samples/output_sample_politifact.csv", 30, 30, 0),
    ("claimskg", "claimskg_samples/output_sample_fullfact.csv", 44, 34, 10),
    ("claimskg", "claimskg_samples/output_sample_snopes.csv", 33, 25, 8),
    ("claimskg", "claimskg_samples/output_sample_afpfactcheck.csv", 54, 49, 5),
    ("claimskg", "claimskg_samples/output_sample_africacheck.csv", 27, 18, 9),
    ("claimskg", "claimskg_samples/output_sample_checkyourfact.csv", 38, 38, 0),
    ("claimskg", "afp_factuel_fr/afp_factuel_claimskg.csv", 2300, 1195, 1105),
]


@pytest.mark.skipif(not DATASETS.is_dir(), reason=f"{DATASETS} is absent")
@pytest.mark.parametrize(("command", "name", "read", "imported", "merged"), FULL)
def test_shared_dataset_imports_whole(cli, db_url, tmp_path, command, name, read, imported, merged):
    path = DATASETS / name
    rejects = tmp_path / "rejects.jsonl"
    result = cli("import", command, str(path), "--rejects", str(rejects))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"imported {path}: read {read}, imported {imported}, "
        f"merged {merged} as duplicates, rejected 0\n"
    )
    assert not rejects.exists()
    with session_scope(db_url, write=False) as session:
        assert session.scalar(select(func.count()).select_from(Claim)) == imported
        assert session.scalar(select(func.count()).select_from(Review)) == imported
        assert session.scalar(select(func.count()).select_from(HistoryEntry)) == imported
        dates = session.scalar(select(func.count()).select_from(ClaimDate))
        assert dates <= imported
    again = cli("import", command, str(path))
    assert again.exit_code == 0, again.output
    assert f"imported 0, merged {read} as duplicates" in again.output


def test_progress_reports_every_byte_read(db_url):
    seen: list[int] = []
    with session_scope(db_url) as session:
        import_claimskg(session, CLAIMSKG_FR, user="ana", progress=seen.append)
        import_liar(session, LIAR_PLUS, user="ana", progress=seen.append)
    assert sum(seen) == CLAIMSKG_FR.stat().st_size + LIAR_PLUS.stat().st_size


def test_cli_language_option_sets_the_claims_language(cli, db_url):
    result = cli("import", "claimskg", str(CLAIMSKG_FR), "--language", "fr-CA")
    assert result.exit_code == 0, result.output
    with session_scope(db_url, write=False) as session:
        assert set(session.scalars(select(Claim.language))) == {"fr-CA"}
        assert set(session.scalars(select(Review.language))) == {"fr-CA"}


@pytest.mark.skipif(not DATASETS.is_dir(), reason=f"{DATASETS} is absent")
def test_shared_liar_plus_merges_into_liar_and_brings_its_rulings(cli, db_url):
    assert cli("import", "liar", str(DATASETS / "liar/valid.tsv")).exit_code == 0
    result = cli("import", "liar", str(DATASETS / "liar_plus/val2.tsv"))
    assert result.exit_code == 0, result.output
    assert "read 1284, imported 0, merged 1284 as duplicates, rejected 0" in result.output
    with session_scope(db_url, write=False) as session:
        noted = session.scalar(select(func.count()).where(Claim.note.is_not(None)))
        edits = session.scalar(select(func.count()).where(HistoryEntry.action == "edited"))
    assert noted == edits == 1284 - 4  # 4 justifications are whitespace only


def test_a_new_rating_of_a_known_statement_is_added_as_a_review(db_url, tmp_path):
    """PolitiFact re-rates statement 101: the claim keeps its status and gets a second
    published review, recorded in its history; importing it again adds nothing."""
    rerated = tmp_path / "rerated.tsv"
    line = LIAR.read_text(encoding="utf-8").splitlines()[0]
    rerated.write_text(line.replace("\thalf-true\t", "\tfalse\t", 1) + "\n", encoding="utf-8")
    with session_scope(db_url) as session:
        import_liar(session, LIAR, user="ana")
        stats = import_liar(session, rerated, user="ben")
    assert stats.as_dict() == {"read": 1, "imported": 0, "merged": 1, "rejected": 0}
    snapshot = dump(db_url)
    with session_scope(db_url) as session:
        import_liar(session, rerated, user="ben")
    assert dump(db_url) == snapshot
    with session_scope(db_url, write=False) as session:
        claim = by_key(session, "liar:101")
        assert claim.status == "logged" and claim.version == 2
        assert [(r.rating_name, r.verdict) for r in claim.reviews] == [
            ("half-true", "misleading"),
            ("false", "false"),
        ]
        added = claim.history[-1]
        assert (added.action, added.version, added.actor) == ("review_added", 2, "ben")
        assert (added.new["publisher"], added.new["rating"], added.new["verdict"]) == (
            "PolitiFact",
            "false",
            "false",
        )
        assert added.reason == f"review added from LIAR file {rerated.name}, line 1"


def test_the_full_text_index_is_complete_after_a_bulk_import(db_url, backend, tmp_path):
    """On SQLite the bulk writer indexes each batch's claims in one statement instead of
    the row trigger: the index must hold every claim, and the trigger be back."""
    with session_scope(db_url) as session:
        import_liar(session, LIAR, user="ana", rejects=Rejects(tmp_path / "r.jsonl"))
    with session_scope(db_url) as session:
        claims = session.scalars(select(Claim).order_by(Claim.id)).all()
        found = factdb.query.ClaimQuery(text="bridge paid twice")
        assert [row["id"] for row in list_claims(session, found).rows] == [
            c.id for c in claims if "bridge was paid for twice" in c.text
        ]
        if backend == "sqlite":
            session.execute(text("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')"))
            back = text("SELECT name FROM sqlite_master WHERE name = 'claims_fts_insert'")
            assert session.execute(back).all() == [("claims_fts_insert",)]
    added = CliRunner().invoke(app, ["--db", db_url, "claims", "add", "--source", "1", "--text",
                                     "A wholly new sentence about zeppelins"])  # fmt: skip
    assert added.exit_code == 0, added.output
    listed = CliRunner().invoke(app, ["--db", db_url, "claims", "list", "--text", "zeppelins",
                                      "--format", "json"])  # fmt: skip
    assert len(json.loads(listed.stdout)) == 1
