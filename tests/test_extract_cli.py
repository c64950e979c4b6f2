"""factdb extract: the review file, --source, --interactive, and bad input that must
leave no review file and no change behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdb.errors import InvalidInput
from factdb.extract.article import article_text
from factdb.extract.pipeline import detect_language, extract
from factdb.formats.ledger import read_fixtures
from tests.helpers import ROOT, dump

ARTICLE = ROOT / "fixtures" / "article-pyongyang-moscou.txt"
ENGLISH = (
    "Russia and North Korea sign a deal\n"
    "According to Sergey Lavrov, North Korea could send between 25,000 and 30,000 troops "
    "next year. The airline announced two flights a week, officials said."
)


def test_review_file_on_stdout_is_a_fixtures_file_with_reasons(cli, tmp_path: Path):
    result = cli("extract", str(ARTICLE), "--published", "2025-07-13", "--no-spacy")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Review file written by `factdb extract`")
    assert (
        "  # 7. confidence 0.95: figures 'entre 25 000 et 30 000 soldats', 'des milliers'; "
        "speaker Corée du Nord via Sergueï Lavrov (Selon); possible ('pourrait')"
    ) in result.stdout
    review = tmp_path / "review.yaml"
    review.write_text(result.stdout, encoding="utf-8")
    data = read_fixtures(review).data
    assert data.sources[0].text == ARTICLE.read_text(encoding="utf-8").strip()
    assert data.sources[0].published.isoformat() == "2025-07-13"
    assert len(data.claims) == 13
    assert {s.name for s in data.speakers} == {
        "Corée du Nord", "Kim Jong Un", "Russie", "Sergueï Lavrov"}  # fmt: skip
    troops = data.claims[6]
    assert troops.candidate.confidence == 0.95
    assert troops.candidate.sentence.startswith("Selon Sergueï Lavrov, la décision")
    assert troops.figures[0] == "25000..30000 soldiers | entre 25 000 et 30 000 soldats"


def test_language_is_detected_and_english_extracts(cli, tmp_path: Path):
    assert detect_language(ENGLISH) == "en"
    assert detect_language(ARTICLE.read_text(encoding="utf-8")) == "fr"
    article = tmp_path / "en.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    result = cli("extract", str(article), "--published", "2025-07-13", "--no-spacy")
    assert result.exit_code == 0, result.output
    review = tmp_path / "review.yaml"
    review.write_text(result.stdout, encoding="utf-8")
    data = read_fixtures(review).data
    assert data.sources[0].language == "en"
    assert data.claims[0].text == "Russia and North Korea sign a deal"
    first = data.claims[1]
    assert first.text == "North Korea could send between 25,000 and 30,000 troops next year"
    assert first.appearances[0].claimant == "North Korea"
    assert first.appearances[0].relay == "Sergey Lavrov"
    assert first.modality == "possible"
    assert first.figures == ["25000..30000 soldiers | between 25,000 and 30,000 troops"]
    assert first.dates == ["about:next year@2025-07-13"]


def test_existing_source_links_known_speakers(seeded, tmp_path: Path):
    review = tmp_path / "review.yaml"
    result = seeded("extract", str(ARTICLE), "--source", "1", "--no-spacy", "-o", str(review))
    assert result.exit_code == 0, result.output
    data = read_fixtures(review).data
    assert data.sources[0].id == 1 and data.sources[0].text is None
    assert data.speakers == []
    loaded = seeded("load", str(review))
    assert loaded.exit_code == 0, loaded.output
    assert "created 0 sources, 0 speakers, 13 claims; 1 already present" in loaded.stdout
    lavrov = json.loads(seeded("claims", "list", "--speaker", "Lavrov", "--format", "json").stdout)
    assert len(lavrov) == 4  # 2 from the fixtures, 2 extracted


def test_interactive_loads_the_accepted_candidates_in_one_go(cli):
    answers = "y\nmaybe\nn\n" + "n\n" * 4 + "y\nq\n"
    result = cli("extract", str(ARTICLE), "--published", "2025-07-13", "--no-spacy", "-i",
                 input=answers)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "[7/13] confidence 0.95" in result.stdout
    assert "claimant Corée du Nord (new), relay Sergueï Lavrov; reported; possible" in result.stdout
    assert "loaded 2 accepted candidate(s): created 1 sources, 2 speakers, 2 claims" in (
        result.stdout
    )
    claims = json.loads(cli("claims", "list", "--format", "json").stdout)
    assert [c["claimant"] for c in claims] == [None, "Corée du Nord"]
    assert claims[1]["figures"][0]["low"] == 25000


def test_interactive_end_of_input_loads_nothing(cli, db_url):
    before = dump(db_url)
    result = cli("extract", str(ARTICLE), "--no-spacy", "-i", input="y\n")
    assert result.exit_code == 130
    assert result.stderr.strip() == "error: interrupted: nothing was loaded"
    assert dump(db_url) == before


def bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Selon le ministère, la Corée a déployé 25 000 soldats.".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    huge.write_bytes((b"La Russie a envoy\xc3\xa9 25 000 soldats. " * 140_000)[:5_000_000])
    long = tmp_path / "long.txt"
    long.write_text("Trois soldats. " * 40_000, encoding="utf-8")
    control = tmp_path / "control.txt"
    control.write_bytes(b"Un texte\x0cavec un saut de page.")
    return {
        "empty": (empty, "is empty: give a file with the article's text"),
        "binary": (binary, "contains NUL bytes: it is a binary file, not an article"),
        "not utf-8": (latin, "is not UTF-8 (byte 15): re-save the article as UTF-8"),
        "5 MB": (huge, "is 5.0 MB, over the 500,000 characters factdb extract reads"),
        "600,000 characters": (long, "is 599,999 characters, over the 500,000 characters"),
        "control": (control, "has a control character (U+000C) at character 8"),
        "directory": (tmp_path, "is a directory"),
        "missing": (tmp_path / "nope.txt", "cannot read"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "empty",
        "binary",
        "not utf-8",
        "5 MB",
        "600,000 characters",
        "control",
        "directory",
        "missing",
    ],
)
@pytest.mark.parametrize("backend", ["sqlite"])  # refused before any connection
def test_bad_article_is_one_line_and_leaves_nothing(cli, db_url, tmp_path: Path, case, connections):
    path, message = bad_files(tmp_path)[case]
    out = tmp_path / "out"
    out.mkdir()
    before = dump(db_url)
    for extra in ((), ("-i",)):
        result = cli("extract", str(path), "-o", str(out / "review.yaml"), *extra, input="y\n")
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
        assert message in result.stderr
        assert "Traceback" not in result.output
    assert list(out.iterdir()) == []
    assert dump(db_url) == before
    assert connections == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", "1", "--title", "T"], "give either --source"),
        (["--source", "99"], "no source with id 99"),
        (["--published", "13/07/2025"], "publication date '13/07/2025' is not a date"),
        (["-o", "/nonexistent/dir/review.yaml"], "cannot write /nonexistent/dir/review.yaml"),
    ],
)
def test_bad_options_are_one_line(seeded, args, message):
    result = seeded("extract", str(ARTICLE), "--no-spacy", *args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stdout == ""


def test_source_whose_text_differs_is_refused(seeded, tmp_path: Path):
    other = tmp_path / "other.txt"
    other.write_text("La Russie a envoyé 3 000 soldats l'année dernière.", encoding="utf-8")
    result = seeded("extract", str(other), "--source", "1")
    assert result.exit_code == 1
    assert "is not the text stored for source 1" in result.stderr


@given(st.binary(max_size=200))
def test_article_bytes_give_text_or_a_clean_error(raw):
    try:
        text = article_text(raw, "f")
    except InvalidInput as error:
        assert "\n" not in str(error)
    else:
        assert text and text == text.strip()


@settings(
    max_examples=settings.default.max_examples // 5, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(
        st.sampled_from(
            [
                *"aeéKL ,.«»\"'’:;\n0123456789%$€-",
                *("selon ", "Lavrov ", "said ", "pourrait ", "mille ", "2024 ", "qui ", "that "),
            ]
        ),
        max_size=60,
    ).map("".join),
    st.sampled_from(["fr", "en"]),
)
def test_any_text_gives_candidates_whose_offsets_hold(text, lang):
    result = extract(text, lang=lang, use_spacy=False)
    for candidate in result.candidates:
        assert text[candidate.start : candidate.end] == candidate.text
        assert candidate.text and 0 < candidate.confidence <= 0.95
        for found in (*candidate.figures, *candidate.dates):
            assert candidate.start <= found.start < found.end <= candidate.end


def test_interactive_with_output_writes_only_the_accepted(cli, tmp_path: Path):
    review = tmp_path / "accepted.yaml"
    result = cli("extract", str(ARTICLE), "--no-spacy", "-i", "-o", str(review),
                 input="n\ny\nq\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = read_fixtures(review).data
    assert [c.text for c in data.claims] == [
        "Kim Jong Un a réaffirmé un soutien « inconditionnel » à la Russie"
    ]
    assert [s.name for s in data.speakers] == ["Kim Jong Un"]
    assert "created 0 sources, 0 speakers, 0 claims; 3 already present" in (
        cli("load", str(review)).stdout
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("confidence: 0.95", "confidence: 1.5"), "candidate.confidence should be at most 1"),
        (("    id: 1\n", "    id: 7\n"), "no source with id 7"),
        (("    id: 1\n    title: Pyongyang", "    id: 1\n    title: Moscou"),
         "names source 1, titled 'Pyongyang et Moscou"),
    ],
)  # fmt: skip
def test_edited_review_file_is_checked_before_loading(
    seeded, db_url, tmp_path: Path, edit, message
):
    review = tmp_path / "review.yaml"
    assert seeded("extract", str(ARTICLE), "--source", "1", "-o", str(review)).exit_code == 0
    text = review.read_text(encoding="utf-8")
    assert edit[0] in text
    review.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    before = dump(db_url)
    result = seeded("load", str(review))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert dump(db_url) == before


def test_without_a_publication_date_relative_dates_stay_unresolved(cli, tmp_path: Path):
    review = tmp_path / "review.yaml"
    assert cli("extract", str(ARTICLE), "--no-spacy", "-o", str(review)).exit_code == 0
    assert "      - about:l’année dernière\n" in review.read_text(encoding="utf-8")
    assert cli("load", str(review)).exit_code == 0
    claims = json.loads(cli("claims", "list", "--format", "json").stdout)
    dates = [d for c in claims for d in c["dates"]]
    assert [(d["value"], d["precision"], d["anchor"]) for d in dates] == [(None, "year", None)]


def real_statements() -> list[tuple[str, str]]:
    """Real French and English claims from ../shared/data, when it is there."""
    import csv

    from tests.helpers import SHARED

    out: list[tuple[str, str]] = []
    afp = SHARED / "data" / "afp_factuel_fr" / "afp_factuel_claimskg.csv"
    if afp.exists():
        with afp.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter=";"))[:400]
        out += [("fr", r["claimReview_claimReviewed"] + "\n" + r["extra_title"]) for r in rows]
    liar = SHARED / "data" / "liar" / "train.tsv"
    if liar.exists():
        lines = liar.read_text(encoding="utf-8").splitlines()[:400]
        out += [("en", line.split("\t")[2]) for line in lines]
    return out


def test_real_statements_extract_with_offsets_that_hold():
    statements = real_statements()
    if not statements:
        pytest.skip("../shared/data is not there")
    speakers = set()
    for lang, text in statements:
        text = text.strip()
        for candidate in extract(text, lang=lang, use_spacy=False).candidates:
            assert text[candidate.start : candidate.end] == candidate.text
            speakers |= {s.name for s in (candidate.claimant, candidate.relay) if s}
    assert not any(name.split()[0] in ("Says", "Selon", "According") for name in speakers)


def test_an_over_long_passage_is_skipped_with_a_note_in_the_review_file(cli, tmp_path: Path):
    article = tmp_path / "article.txt"
    run_on = "la Russie a envoyé 3 000 soldats et " * 200
    article.write_text(f"Kim Jong Un a promis 500 chars.\n{run_on}\n", encoding="utf-8")
    result = cli("extract", str(article), "--lang", "fr", "--no-spacy")
    assert result.exit_code == 0, result.output
    assert "# Note: skipped a 7199-character passage at offset 32: too long for one claim" in (
        result.stdout
    )
    assert result.stdout.count("  - key: kim-jong-un-a-promis-500-c0") == 1


def test_proposed_units_take_the_ledgers_names(seeded, tmp_path: Path):
    """A noun no unit knows is proposed as a new unit; once the ledger knows it as an
    alias, the review file names the ledger's unit."""
    article = tmp_path / "article.txt"
    article.write_text("Le pays compte 12 000 réacteurs et 40 abris.\n", encoding="utf-8")
    args = ("extract", str(article), "--title", "Énergie", "--published", "2025-07-13",
            "--no-spacy")  # fmt: skip
    before = seeded(*args)
    assert before.exit_code == 0, before.output
    assert "12000 réacteurs | 12 000 réacteurs" in before.stdout
    added = seeded("units", "add", "reactors", "--alias", "réacteurs")
    assert added.exit_code == 0, added.output
    after = seeded(*args)
    assert "12000 reactors | 12 000 réacteurs" in after.stdout
    assert "40 abris | 40 abris" in after.stdout
