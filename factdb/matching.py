"""Has this been checked before? The claims that say what a text or another claim says.

Two steps, both offline. Retrieval asks the full-text index (FTS5 on SQLite, the
tsvector GIN index on PostgreSQL, see factdb.fulltext) for the claims holding any of
the text's informative words, each cut to a five-letter stem and matched as a prefix
so that "soldats" finds "soldat" and "nucléaire" finds "nuclear"; it adds the claims
of the speakers the text names and those with one of its figures. Re-ranking scores
each of these few hundred candidates in Python with signals that mostly do not
depend on the language, which is how a French claim and its English rendering find
each other without a translation:

- shared words, weighted by their rarity in the ledger (a capped count per stem);
- the same figure: the same unit (the figure finder reads "soldats" and "soldiers"
  as one unit) and overlapping values;
- the same speaker through any alias ("Poutine", "Putin");
- the same proper names, compared with RapidFuzz so that "Moscou" meets "Moscow";
- the same numbers, and overlapping years.

Each signal is a number in [0, 1] with a weight; the score combines them as
independent pieces of evidence (1 - Π(1 - weight × signal)), so it stays in [0, 1]
and two weak signals together outweigh one. ``REPEAT_THRESHOLD`` is the score from
which a new claim is reported as a possible repeat.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from factdb.errors import InvalidInput, NotFound
from factdb.extract.folding import fold
from factdb.extract.words import word_set
from factdb.tables import (
    ACTOR_ALIASES,
    ACTORS,
    ATTRIBUTIONS,
    CLAIMS,
    DATES,
    FIGURES,
    REVIEWS,
    SOURCES,
)
from factdb.validate import clean_text, name_key

# From this score on, ``claims add`` reports a possible repeat. In the cross-language
# gold set (tests/data/matching_gold.yaml), 58% of the French renderings reach it
# against their English claim and 9% against the best other claim (a shared speaker
# or topic); a restatement in the same language scores higher (0.8 to 0.95).
REPEAT_THRESHOLD = 0.6
# How many candidates the full-text index gives for re-ranking; speakers and figures
# add at most as many again.
CANDIDATES = 150
MAX_QUERY_WORDS = 24
MAX_TEXT = 5000

WEIGHTS = {
    "words": 0.9,
    "figure": 0.55,
    "names": 0.4,
    "speaker": 0.3,
    "dates": 0.15,
}

# Words that say nothing about what a claim is about, in French and English,
# accents folded (compared after ``fold``).
STOP_WORDS = word_set(
    """
    a au aux avec ce ces cet cette dans de des du elle elles en et etre eu il ils je la le
    les leur leurs lui mais me meme mes moi mon ne nos notre nous on ont ou par pas plus
    pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos votre vous c d j
    l m n s t y ete etait sera seront avait avaient fait faire dit dire selon aussi apres
    avant tres tout tous toute toutes cela comme donc alors ainsi entre sans sous chez
    deja encore contre depuis lors dont est avoir
    an the and or of to in on at by for from with as is are was were be been being it its
    this that these those he she they we you i his her their our your my me him them us
    not no but if then than so such can could would should will shall may might must has
    have had do does did said says say about into over after before also just more most
    very what which who whom whose when where why how all any each both there here up out
    via amp https http www com pic twitter status rt
    """
)

CALENDAR_WORDS = word_set(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday janvier fevrier mars avril mai
    juin juillet aout septembre octobre novembre decembre lundi mardi mercredi jeudi
    vendredi samedi dimanche
    """
)
_SIGNATURE = re.compile(r"\s[—–-]+[^—–\n]{0,80}\(@\w+\)[^()\n]{0,30}\d{4}\s*$")
_HANDLE = re.compile(r"@\w+")
_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|\bwww\.\S+", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+")
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?![\d])")
_NUMBER = re.compile(r"\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?![\d])|\d+(?:[.,]\d+)?")
_NAME = re.compile(r"\b[A-Z][\w'’-]*[A-Za-z]|\b[A-Z]{2,}\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;«\"“]\s*)$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_FRENCH_HINTS = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "une",
        "est",
        "sont",
        "dans",
        "pour",
        "avec",
        "qui",
        "que",
        "pas",
        "selon",
    ]
)
_ENGLISH_HINTS = frozenset(
    ["the", "and", "of", "is", "are", "was", "were", "with", "for", "that", "this", "from", "said"]
)
_STEM = 5
# Units that say too little for a shared figure to mean the same claim.
VAGUE_UNITS = frozenset({"items"})


@dataclass
class Profile:
    """What a text or a claim says, in the forms the signals compare."""

    words: frozenset[str] = frozenset()
    figures: tuple[tuple[str, float | None, float | None, str], ...] = ()
    numbers: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    speakers: frozenset[int] = frozenset()
    years: frozenset[int] = frozenset()
    title_words: frozenset[str] = frozenset()
    shown: dict[str, str] = field(default_factory=dict)
    text_key: str = ""
    # The words of the text and of its translation, apart: each is compared on its own.
    word_sets: tuple[frozenset[str], ...] = ()


@dataclass
class Match:
    """A claim that may say what the query says: its id, score and the signals that matched."""

    claim_id: int
    score: float
    why: list[str] = field(default_factory=list)


def stem(word: str) -> str:
    """The form words are compared in: a word cut to five letters (digits stay whole)."""
    return word if word.isdigit() else word[:_STEM]


def plain_text(text: str) -> str:
    """The text without links, @handles and a post's closing signature ("— Name
    (@handle) January 6, 2020"): words that say who posted, not what is claimed."""
    return _HANDLE.sub(" ", _URL.sub(" ", _SIGNATURE.sub(" ", text)))


def informative_words(text: str) -> list[str]:
    """The text's words that say what it is about: folded, without stop words or links;
    a number is one word whatever its thousands separators ("25 000", "25,000")."""
    text = _THOUSANDS.sub(lambda m: re.sub(r"\D", "", m.group()), plain_text(text))
    words = _TOKEN.findall(fold(text))
    return [w for w in words if w not in STOP_WORDS and (len(w) > 2 or w.isdigit())]


def guess_language(text: str) -> str:
    """French or English, by their commonest words; English when nothing tells."""
    words = set(_TOKEN.findall(fold(text)))
    return "fr" if len(words & _FRENCH_HINTS) > len(words & _ENGLISH_HINTS) else "en"


def numbers_in(text: str) -> frozenset[str]:
    """The numbers written in digits, thousands separators removed ("25 000" → "25000")."""
    found = set()
    for match in _NUMBER.finditer(text):
        raw = match.group()
        if re.fullmatch(r"\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+", raw):
            found.add(re.sub(r"\D", "", raw))
        else:
            found.add(
                raw.replace(",", ".").rstrip("0").rstrip(".") if "." in raw or "," in raw else raw
            )
    return frozenset(found)


def names_in(text: str) -> frozenset[str]:
    """Capitalised words that do not open a sentence, folded: the text's proper names."""
    names = set()
    text = plain_text(text)
    for match in _NAME.finditer(text):
        word = fold(match.group()).replace("’", "'")
        word = word.split("'")[-1] if "'" in word[:3] else word
        if word in STOP_WORDS or word in CALENDAR_WORDS or len(word) < 3:
            continue
        if match.group().isupper() and len(word) > 5:  # shouting, not an acronym
            continue
        if _SENTENCE_START.search(text[: match.start()]) and not match.group().isupper():
            continue
        names.add(word)
    return frozenset(names)


def figures_in(text: str, lang: str) -> tuple[tuple[str, float | None, float | None, str], ...]:
    """The figures the extraction finder reads in the text, as (unit, low, high, words)."""
    from factdb.extract.figures import find_figures

    try:
        found = find_figures(text, lang)
    except InvalidInput:
        return ()
    return tuple(
        (f.spec.unit, f.spec.span_low, f.spec.span_high, f.spec.to_spec().split(" | ")[0])
        for f in found
    )


def text_profile(text: str, lang: str | None = None) -> Profile:
    """The profile of a free text (speakers are looked up separately, in the ledger)."""
    lang = lang or guess_language(text)
    text = plain_text(text)
    words = informative_words(text)
    stems = frozenset(map(stem, words))
    return Profile(
        words=stems,
        word_sets=(stems,),
        shown={stem(w): w for w in reversed(words)},
        figures=figures_in(text, lang),
        numbers=numbers_in(text),
        names=names_in(text),
        years=frozenset(int(y) for y in _YEAR.findall(text)),
    )


def check_query_text(text: str) -> str:
    """The query text, or InvalidInput when it is empty or has no word to look for."""
    text = clean_text(text, "query text", max_length=MAX_TEXT)
    if not informative_words(text) and not numbers_in(text):
        raise InvalidInput(
            f"query text {text[:60]!r} has no words to look for: give the claim's words"
        )
    return text


def similar(
    session: Session,
    text: str | None = None,
    *,
    claim_id: int | None = None,
    lang: str | None = None,
    limit: int = 10,
) -> list[Match]:
    """The claims most similar to ``text`` (or to claim ``claim_id``), best first."""
    if (text is None) == (claim_id is None):
        raise InvalidInput("give either a text or a claim id to compare with, not both")
    if limit < 1:
        raise InvalidInput(f"--limit must be at least 1, not {limit}")
    if lang is not None and lang not in ("fr", "en"):
        raise InvalidInput(f"unsupported language {lang!r}: use fr or en")
    if claim_id is not None:
        query, exclude = claim_profile(session, claim_id), {claim_id}
    else:
        text = check_query_text(text or "")
        query, exclude = text_profile(text, lang), set()
        query.speakers = frozenset(mentioned_speakers(session, text))
    return rank(session, query, exclude=exclude, limit=limit)


def claim_profile(session: Session, claim_id: int) -> Profile:
    """The profile of a claim in the ledger: its text and translation, stored figures,
    dates and speakers."""
    found = _candidates(session, [claim_id], retracted=True)
    if claim_id not in found:
        raise NotFound(f"claim {claim_id} not found: see `factdb claims list`")
    profile = found[claim_id]
    mentioned = mentioned_speakers(session, profile.text_key)
    return dataclasses.replace(profile, speakers=profile.speakers | mentioned)


def mentioned_speakers(session: Session, text: str) -> set[int]:
    """The actors the text names through any of their aliases."""
    words = name_key(text).split()[:400]
    grams = {" ".join(words[i : i + n]) for n in range(1, 5) for i in range(len(words) - n + 1)}
    grams = {g for g in grams if len(g) > 2 and g not in STOP_WORDS}
    if not grams:
        return set()
    found = session.execute(
        select(ACTOR_ALIASES.c.actor_id).where(ACTOR_ALIASES.c.key.in_(sorted(grams)))
    )
    return {actor_id for (actor_id,) in found}


def rank(
    session: Session, query: Profile, *, exclude: Iterable[int] = (), limit: int = 10
) -> list[Match]:
    """Retrieve candidates for ``query`` and score each; the best ``limit`` come first."""
    excluded = set(exclude)
    ids = [i for i in _retrieve(session, query) if i not in excluded]
    if not ids:
        return []
    candidates = _candidates(session, ids)
    weights = _word_weights(session, query.words)
    names = _speaker_names(session, query.speakers)
    aliases = _alias_keys(session, query.speakers)
    for profile in candidates.values():
        named = {a for key, a in aliases if f" {key} " in profile.text_key}
        if named - profile.speakers:
            profile.speakers = profile.speakers | named
    # A speaker's name counts once, as the same speaker, not again as words and names.
    said = frozenset(w for key, _ in aliases for w in key.split())
    matches = [
        Match(i, *score(query, candidates[i], weights, names, said)) for i in ids if i in candidates
    ]
    matches.sort(key=lambda m: (-m.score, m.claim_id))
    return [m for m in matches[:limit] if m.score > 0]


def score(
    query: Profile,
    candidate: Profile,
    weights: dict[str, float],
    speaker_names: dict[int, str],
    speaker_words: frozenset[str] = frozenset(),
) -> tuple[float, list[str]]:
    """How strongly ``candidate`` looks like ``query``, and why. ``speaker_words`` are
    the words of the query's speakers' aliases: they count only as the same speaker."""
    signals: dict[str, float] = {}
    why: list[str] = []
    speakers = query.speakers & candidate.speakers
    ignored: frozenset[str] = frozenset()
    if speakers:
        ignored = speaker_words | {stem(w) for w in speaker_words}
        names = frozenset(n for n in query.names if not set(re.split(r"[-' ]", n)) <= ignored)
        query = dataclasses.replace(query, words=query.words - ignored, names=names)

    shared = query.words & candidate.words
    if shared:
        signals["words"] = _word_similarity(query, candidate, weights, ignored)
        best = sorted(shared, key=lambda w: (-weights.get(w, 1.0), w))[:6]
        why.append("shared words: " + ", ".join(query.shown.get(w, w) for w in best))

    same_figures = [
        f[3]
        for f in query.figures
        if _precise(f) and any(_same_figure(f, g) for g in candidate.figures)
    ]
    if same_figures:
        signals["figure"] = 1.0
        why.append("same figure: " + ", ".join(dict.fromkeys(same_figures)))

    if speakers:
        signals["speaker"] = 1.0
        named = sorted(speaker_names.get(s, str(s)) for s in speakers)
        why.append("same speaker: " + ", ".join(named))

    same_names = _shared_names(query.names, candidate.names)
    if same_names:
        extra_names = [n for n in same_names if stem(n) not in shared]
        signals["names"] = min(1.0, len(extra_names) / max(1, min(len(query.names), 3)))
        why.append("same names: " + ", ".join(same_names))

    years = query.years & candidate.years
    if years:
        signals["dates"] = 0.0 if {str(y) for y in years} <= shared else 1.0
        why.append("overlapping dates: " + ", ".join(map(str, sorted(years))))

    remaining = 1.0
    for name, value in signals.items():
        remaining *= 1.0 - WEIGHTS[name] * min(1.0, value)
    return round(1.0 - remaining, 4), why


def _word_similarity(
    query: Profile, candidate: Profile, weights: dict[str, float], ignored: frozenset[str]
) -> float:
    """The best agreement of the query's words with the candidate's text, its translation,
    or its text with its sources' titles (worth a little less): the harmonic mean of
    how much of the query it covers (by rarity) and how much of the candidate. The
    ``ignored`` words (a shared speaker's name) count on neither side."""
    best = 0.0
    titled = [(ws | candidate.title_words, 0.9) for ws in candidate.word_sets[:1]]
    for ours in query.word_sets or (query.words,):
        ours = ours & query.words  # a speaker's words are left out of query.words
        total = sum(weights.get(w, 1.0) for w in ours)
        if not total:
            continue
        for words, factor in [*((ws, 1.0) for ws in candidate.word_sets), *titled]:
            theirs = words - ignored
            shared = ours & theirs
            if not shared:
                continue
            covered = sum(weights.get(w, 1.0) for w in shared) / total
            coverage = len(shared) / len(theirs)
            best = max(best, factor * covered**0.75 * coverage**0.25)
    return best


def _precise(figure: tuple) -> bool:
    """A figure that names a value or a narrow range of a telling unit: "thousands of
    people" or "more than 10 items" would match too many claims to mean the same one."""
    unit, low, high = figure[:3]
    return unit not in VAGUE_UNITS and low is not None and high is not None and high <= low * 1.5


def _same_figure(a: tuple, b: tuple) -> bool:
    """Same unit and overlapping values (5% slack: "about 25,000" meets "24,800")."""
    if a[0] != b[0]:
        return False
    low_a, high_a = _bounds(a)
    low_b, high_b = _bounds(b)
    return low_a <= high_b * 1.05 and low_b <= high_a * 1.05


def _bounds(figure: tuple) -> tuple[float, float]:
    low = -math.inf if figure[1] is None else figure[1]
    high = math.inf if figure[2] is None else figure[2]
    return low, high


def _shared_names(ours: frozenset[str], theirs: frozenset[str]) -> list[str]:
    """Names in both, equal or spelled closely enough (the same first two letters and a
    RapidFuzz ratio ≥ 80: "Moscou" and "Moscow", not "Obama" and "Osama")."""
    from rapidfuzz import fuzz

    shared = []
    for name in sorted(ours):
        if name in theirs or any(
            len(name) > 3 and name[:2] == other[:2] and fuzz.ratio(name, other, score_cutoff=80)
            for other in theirs
        ):
            shared.append(name)
    return shared


def _retrieve(session: Session, query: Profile) -> list[int]:
    """Candidate ids, best full-text matches first, then those sharing a speaker or a
    figure."""
    from factdb.fulltext import any_terms_query, ranked_matches

    ids: dict[int, None] = {}
    terms = sorted(query.words | query.names, key=len, reverse=True)[:MAX_QUERY_WORDS]
    dialect = session.get_bind().dialect.name
    if terms:
        found = session.execute(
            ranked_matches(dialect, CANDIDATES), {"query": any_terms_query(dialect, terms)}
        )
        ids.update(dict.fromkeys(claim_id for claim_id, _ in found))
    live = CLAIMS.c.status != "retracted"
    if query.speakers:
        said = (
            select(ATTRIBUTIONS.c.claim_id)
            .join(CLAIMS, CLAIMS.c.id == ATTRIBUTIONS.c.claim_id)
            .where(
                or_(
                    ATTRIBUTIONS.c.claimant_id.in_(query.speakers),
                    ATTRIBUTIONS.c.relay_id.in_(query.speakers),
                ),
                live,
            )
            .order_by(ATTRIBUTIONS.c.claim_id.desc())
            .limit(CANDIDATES)
        )
        ids.update(dict.fromkeys(session.scalars(said)))
    for unit, low, high, _ in query.figures[:4]:
        near = (
            select(FIGURES.c.claim_id)
            .join(CLAIMS, CLAIMS.c.id == FIGURES.c.claim_id)
            .where(FIGURES.c.unit == unit, live)
            .order_by(FIGURES.c.claim_id.desc())
            .limit(CANDIDATES)
        )
        if low is not None:
            near = near.where(or_(FIGURES.c.span_high.is_(None), FIGURES.c.span_high >= low * 0.95))
        if high is not None:
            near = near.where(or_(FIGURES.c.span_low.is_(None), FIGURES.c.span_low <= high * 1.05))
        ids.update(dict.fromkeys(session.scalars(near)))
    return list(ids)


def _candidates(
    session: Session, ids: Sequence[int], *, retracted: bool = False
) -> dict[int, Profile]:
    """The profile of each claim in ``ids`` (retracted ones only if asked), read in four
    statements."""
    statement = select(CLAIMS.c.id, CLAIMS.c.text, CLAIMS.c.translation, CLAIMS.c.language)
    statement = statement.where(CLAIMS.c.id.in_(ids))
    if not retracted:
        statement = statement.where(CLAIMS.c.status != "retracted")
    rows = session.execute(statement).all()
    speakers: defaultdict[int, set[int]] = defaultdict(set)
    titles: defaultdict[int, list[str]] = defaultdict(list)
    for claim_id, claimant, relay, title in session.execute(
        select(
            ATTRIBUTIONS.c.claim_id,
            ATTRIBUTIONS.c.claimant_id,
            ATTRIBUTIONS.c.relay_id,
            SOURCES.c.title,
        )
        .join(SOURCES, SOURCES.c.id == ATTRIBUTIONS.c.source_id)
        .where(ATTRIBUTIONS.c.claim_id.in_(ids))
    ):
        speakers[claim_id].update(a for a in (claimant, relay) if a is not None)
        titles[claim_id].append(title)
    figures: defaultdict[int, list[tuple]] = defaultdict(list)
    for claim_id, unit, low, high in session.execute(
        select(FIGURES.c.claim_id, FIGURES.c.unit, FIGURES.c.span_low, FIGURES.c.span_high).where(
            FIGURES.c.claim_id.in_(ids)
        )
    ):
        figures[claim_id].append((unit, low, high, unit))
    years: defaultdict[int, set[int]] = defaultdict(set)
    for claim_id, value, value_end in session.execute(
        select(DATES.c.claim_id, DATES.c.value, DATES.c.value_end).where(
            DATES.c.claim_id.in_(ids), DATES.c.value.is_not(None)
        )
    ):
        end = value_end or value
        years[claim_id].update(range(value.year, min(end.year, value.year + 10) + 1))
    profiles = {}
    for claim_id, text, translation, language in rows:
        both = f"{text}\n{translation or ''}"
        lang = language if language in ("fr", "en") else guess_language(text)
        found = text_profile(text, lang)
        found_t = text_profile(translation, "en") if translation else Profile()
        title_words = {stem(w) for t in titles[claim_id] for w in informative_words(t)}
        profiles[claim_id] = Profile(
            words=found.words | found_t.words,
            word_sets=tuple(ws for ws in (found.words, found_t.words) if ws),
            shown={**found_t.shown, **found.shown},
            text_key=f" {name_key(both)} ",
            figures=tuple(figures[claim_id]) or found.figures + found_t.figures,
            numbers=numbers_in(both),
            names=found.names | found_t.names,
            speakers=frozenset(speakers[claim_id]),
            years=frozenset(years[claim_id]) | found.years | found_t.years,
            title_words=frozenset(title_words) - found.words - found_t.words,
        )
    return profiles


def _word_weights(session: Session, words: Iterable[str]) -> dict[str, float]:
    """Each query stem's rarity in the ledger: log(N / documents holding it), with the
    count capped so that a common word costs no more than a rare one to count."""
    from factdb.fulltext import document_count

    words = list(words)
    if not words:
        return {}
    total = session.execute(select(func.count()).select_from(CLAIMS)).scalar_one() or 1
    dialect = session.get_bind().dialect.name
    weights = {}
    for word in words:
        found = document_count(session, dialect, word)
        weights[word] = max(0.1, math.log((total + 1) / (found + 0.5)))
    return weights


def _alias_keys(session: Session, ids: Iterable[int]) -> list[tuple[str, int]]:
    ids = list(ids)
    if not ids:
        return []
    statement = select(ACTOR_ALIASES.c.key, ACTOR_ALIASES.c.actor_id).where(
        ACTOR_ALIASES.c.actor_id.in_(ids)
    )
    return [(key, actor_id) for key, actor_id in session.execute(statement)]


def _speaker_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    ids = list(ids)
    if not ids:
        return {}
    statement = select(ACTORS.c.id, ACTORS.c.name).where(ACTORS.c.id.in_(ids))
    return {actor_id: name for actor_id, name in session.execute(statement)}


def verdicts(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """Each claim's verdict, or else the rating of its first published review, in words."""
    from factdb.vocab import VERDICTS

    found: dict[int, str] = {}
    for claim_id, status in session.execute(
        select(CLAIMS.c.id, CLAIMS.c.status).where(CLAIMS.c.id.in_(ids))
    ):
        if status in VERDICTS:
            found[claim_id] = f"verdict {status}"
    for claim_id, publisher, rating, verdict in session.execute(
        select(REVIEWS.c.claim_id, REVIEWS.c.publisher, REVIEWS.c.rating_name, REVIEWS.c.verdict)
        .where(REVIEWS.c.claim_id.in_(ids))
        .order_by(REVIEWS.c.id)
    ):
        if claim_id not in found:
            by = f" by {publisher}" if publisher else ""
            found[claim_id] = f"rated “{rating or verdict}”{by}"
    return found


def similar_rows(
    session: Session,
    text: str | None = None,
    *,
    claim_id: int | None = None,
    lang: str | None = None,
    limit: int = 10,
) -> list[dict]:
    """``similar`` as the claims' JSON (the ``claims show`` contract) with ``score`` and ``why``."""
    return match_rows(session, similar(session, text, claim_id=claim_id, lang=lang, limit=limit))


def match_rows(session: Session, matches: Sequence[Match]) -> list[dict]:
    """Each match's claim as JSON, with its ``score`` and ``why``, in the matches' order."""
    from factdb.claim_objects import history_counts, load_options
    from factdb.models import Claim
    from factdb.repeats import repeat_groups
    from factdb.serialize import claim_dict

    if not matches:
        return []
    claims = session.scalars(
        load_options(select(Claim).where(Claim.id.in_([m.claim_id for m in matches])))
    ).all()
    counts = history_counts(session, claims)
    groups = repeat_groups(session, [c.id for c in claims])
    by_id = {c.id: claim_dict(c, counts.get(c.id, 0), groups[c.id]) for c in claims}
    return [{**by_id[m.claim_id], "score": m.score, "why": m.why} for m in matches]


@dataclass(frozen=True)
class Query:
    """One line of a ``--queries`` file: the caller's id, the text, and its language."""

    id: str | int
    text: str
    lang: str | None = None


def read_queries(path: Path) -> list[Query]:
    """Every query of a JSON Lines file, checked; ``FILE:LINE: problem`` on the first bad one."""
    import json

    queries = []
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    queries.append(_query(json.loads(line)))
                except (ValueError, InvalidInput) as error:
                    message = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
                    raise InvalidInput(f"{path}:{number}: {message}") from None
    except OSError as error:
        raise InvalidInput(f"cannot read queries file {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text: save the queries file as UTF-8") from None
    return queries


def _query(record: object) -> Query:
    if not isinstance(record, dict):
        raise InvalidInput('each line must be a JSON object {"id": ..., "text": ...}')
    unknown = set(record) - {"id", "text", "lang"}
    if unknown:
        raise InvalidInput(f"unknown field {sorted(unknown)[0]!r}: use id, text and lang")
    query_id, text, lang = record.get("id"), record.get("text"), record.get("lang")
    if isinstance(query_id, bool) or not isinstance(query_id, str | int):
        raise InvalidInput('"id" must be a string or an integer')
    if not isinstance(text, str):
        raise InvalidInput('"text" must be a string')
    if lang is not None and lang not in ("fr", "en"):
        raise InvalidInput(f'"lang" must be "fr" or "en", not {lang!r}')
    return Query(query_id, check_query_text(text), lang)


def similar_batch(session: Session, queries: Sequence[Query], limit: int = 10) -> list[dict]:
    """For each query in order, ``{"id": ..., "matches": [claim JSON with score and why]}``."""
    return [
        {"id": q.id, "matches": similar_rows(session, q.text, lang=q.lang, limit=limit)}
        for q in queries
    ]


@dataclass(frozen=True)
class Repeat:
    """A claim of the ledger that a new one may repeat, with its verdict or rating in words."""

    claim_id: int
    score: float
    text: str
    verdict: str | None

    def line(self) -> str:
        """The warning ``claims add`` prints."""
        text = " ".join(self.text.split())
        text = text if len(text) <= 120 else text[:119] + "…"
        verdict = f" [{self.verdict}]" if self.verdict else ""
        return f"possible repeat of claim {self.claim_id} (score {self.score:.2f}): {text}{verdict}"


def possible_repeats(
    session: Session,
    text: str | None = None,
    *,
    claim_id: int | None = None,
    lang: str | None = None,
    threshold: float = REPEAT_THRESHOLD,
    limit: int = 3,
) -> list[Repeat]:
    """The claims scoring at least ``threshold`` against a text or a claim, best first."""
    found = [
        m
        for m in similar(session, text, claim_id=claim_id, lang=lang, limit=limit)
        if m.score >= threshold
    ]
    if not found:
        return []
    ids = [m.claim_id for m in found]
    statement = select(CLAIMS.c.id, CLAIMS.c.text).where(CLAIMS.c.id.in_(ids))
    texts = {claim_id: text for claim_id, text in session.execute(statement)}
    rated = verdicts(session, ids)
    return [Repeat(m.claim_id, m.score, texts[m.claim_id], rated.get(m.claim_id)) for m in found]


def candidate_repeats(session: Session, texts: Sequence[str], lang: str) -> list[list[dict]]:
    """For each text (an extracted candidate), the claims it may repeat as
    ``{"id", "score", "verdict"}``, for the review file."""
    found = []
    for text in texts:
        try:
            repeats = possible_repeats(session, text, lang=lang)
        except InvalidInput:  # a candidate of figures or punctuation only
            repeats = []
        found.append([{"id": r.claim_id, "score": r.score, "verdict": r.verdict} for r in repeats])
    return found


# Beyond this many incoming claims, an import checks an even sample and scales the count.
REPEAT_SAMPLE = 200


@dataclass(frozen=True)
class RepeatCount:
    """How many of the claims an import added look like repeats of claims it found there."""

    repeats: int
    checked: int
    incoming: int

    def summary(self) -> str:
        if self.checked == self.incoming:
            return f"{self.repeats} of {self.incoming} incoming claims look like repeats"
        estimate = round(self.repeats * self.incoming / self.checked) if self.checked else 0
        return (
            f"about {estimate} of {self.incoming} incoming claims look like repeats "
            f"({self.repeats} of a sample of {self.checked})"
        )


def count_repeats(session: Session, after_id: int) -> RepeatCount:
    """Among the claims with an id above ``after_id`` (those an import just added), how
    many score at least ``REPEAT_THRESHOLD`` against a claim that was already there.
    Past ``REPEAT_SAMPLE`` claims, an even sample is checked, so that a bulk import
    stays fast."""
    incoming = session.scalars(
        select(CLAIMS.c.id).where(CLAIMS.c.id > after_id).order_by(CLAIMS.c.id)
    ).all()
    if not incoming or after_id < 1:  # nothing was there to repeat
        return RepeatCount(0, 0, len(incoming))
    step = max(1, math.ceil(len(incoming) / REPEAT_SAMPLE))
    sample = incoming[::step]
    repeats = 0
    for claim_id in sample:
        query = claim_profile(session, claim_id)
        found = rank(session, query, exclude=range(after_id + 1, incoming[-1] + 1), limit=1)
        repeats += bool(found and found[0].score >= REPEAT_THRESHOLD)
    return RepeatCount(repeats, len(sample), len(incoming))


def last_claim_id(session: Session) -> int:
    """The highest claim id so far (0 in an empty ledger): what ``count_repeats`` takes."""
    return session.execute(select(func.max(CLAIMS.c.id))).scalar_one() or 0
