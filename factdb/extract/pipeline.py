"""The extraction pipeline: from an article's text to candidate claims for review.

Each sentence is checked for what makes a statement checkable: figures and dates
(from the figure and date finders), a named speaker, a possibility or announcement
cue, or an event word ("visite", "signed", "fournit"). A sentence with any of these
becomes one candidate per statement in it (see ``attribution``), with the exact span
and its offsets into the text, the figures and dates inside the span, the speaker
linked to a known actor or proposed as a new one, the modality, a confidence and the
reasons it was picked. Relative dates resolve against the source's publication date;
without one they stay unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, NamedTuple

from factdb.extract import nlp
from factdb.extract.attribution import Statement, statements
from factdb.extract.dates import find_dates
from factdb.extract.figures import find_figures
from factdb.extract.modality import modality
from factdb.extract.names import Actor, Directory, Mention, all_mentions, canonical
from factdb.extract.sentences import Sentence, split_sentences
from factdb.extract.words import word_set
from factdb.vocab import MAX_CLAIM_TEXT

LANGUAGES = ("fr", "en")

_EVENTS = {
    "fr": r"visit\w*|rencontr\w*|r[ée]union\w*|sommet\w*|sign[ée]\w*|particip\w*|fourni\w*|"
    r"livr[ée]\w*|d[ée]ploy\w*|envoy[ée]\w*|tu[ée]s?|bless[ée]s?|[ée]lu\w*|vot[ée]\w*|"
    r"accord\w*|pacte\w*|trait[ée]s?|attaqu\w*|frapp[ée]\w*|lanc[ée]\w*|ouvert\w*|"
    r"inaugur\w*|arr[êe]t[ée]\w*|condamn\w*",
    "en": r"visit\w*|met|meeting\w*|summit\w*|signed|sign|particip\w*|suppl(?:y|ied|ies)|"
    r"deliver\w*|deploy\w*|sent|killed|wounded|elected|voted|agreement\w*|deal|pact\w*|"
    r"treat(?:y|ies)|attack\w*|struck|launched|opened|arrested|sentenced",
}
_EVENT_PATTERNS = {
    lang: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for lang, words in _EVENTS.items()
}
_STOPWORDS = {
    "fr": word_set(
        "le la les des du de un une et est dans pour que qui sur par pas avec plus ce cette "
        "sont ont été au aux ne se sa son ses leur leurs mais où selon"
    ),
    "en": word_set(
        "the of and to in is that for on with as was were by are be this from at an it has "
        "have had not but which who said will would their its"
    ),
}
_TOKEN = re.compile(r"[^\W\d_]+")
_ARTICLE_BEFORE = re.compile(r"\b(?:la|le|les|the|l['’])\s*$", re.IGNORECASE)
_ARTICLE_START = re.compile(r"(?:la|le|les|the)\s|l['’]", re.IGNORECASE)


class Found(NamedTuple):
    """A figure or date a finder found: its span in the text given, the parsed spec
    (a FigureSpec or DateSpec) and why the finder read it so."""

    start: int
    end: int
    spec: Any
    reason: str


@dataclass(frozen=True)
class Speaker:
    """A speaker as recorded: the known actor's canonical name, or a proposed new one."""

    name: str
    known: bool
    kind: str = "person"


@dataclass(frozen=True)
class Candidate:
    """One candidate claim; offsets are into the whole text."""

    start: int
    end: int
    text: str
    sentence: Sentence
    claimant: Speaker | None
    relay: Speaker | None
    attribution: str
    quote: tuple[int, int] | None
    modality: str
    figures: tuple[Found, ...]
    dates: tuple[Found, ...]
    confidence: float
    reason: str


@dataclass
class Extraction:
    """What one article gave: its language, anchor, candidates and the new speakers
    they need, plus notes on anything left out (e.g. an over-long sentence)."""

    text: str
    lang: str
    anchor: date | None
    spacy: bool
    candidates: list[Candidate] = field(default_factory=list)
    new_speakers: list[Speaker] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def detect_language(text: str) -> str:
    """French or English, by counting each language's commonest words in the first 20,000
    characters; a tie goes to English."""
    words = [w.casefold() for w in _TOKEN.findall(text[:20_000])]
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    return "fr" if scores["fr"] > scores["en"] else "en"


def extract(
    text: str,
    *,
    lang: str | None = None,
    anchor: date | None = None,
    actors: Iterable[Actor] = (),
    use_spacy: bool | None = None,
) -> Extraction:
    """Candidate claims of ``text``; ``use_spacy`` None uses spaCy when installed."""
    lang = lang or detect_language(text)
    spacy_on = nlp.available(lang) if use_spacy is None else use_spacy and nlp.available(lang)
    run = _Run(text, lang, Directory(actors))
    result = Extraction(text=text, lang=lang, anchor=anchor, spacy=spacy_on)
    veto = (lambda paragraph: nlp.sentence_starts(lang, paragraph)) if spacy_on else None
    for sentence in split_sentences(text, veto):
        if len(sentence.text) > MAX_CLAIM_TEXT:
            result.notes.append(
                f"skipped a {len(sentence.text)}-character passage at offset {sentence.start}: "
                f"too long for one claim (over {MAX_CLAIM_TEXT} characters)"
            )
            continue
        figures = _shifted(find_figures(sentence.text, lang), sentence.start)
        dates = _shifted(find_dates(sentence.text, lang, anchor), sentence.start)
        spacy_names = nlp.names(lang, sentence.text) if spacy_on else []
        run.kinds.update({m.text: kind for m, kind in spacy_names})
        mentions = all_mentions(sentence.text, run.directory, [m for m, _ in spacy_names])
        found = statements(sentence.text, lang, mentions)
        if not _checkable(sentence.text, lang, figures, dates, found):
            continue
        for statement in _covering(found, figures, dates, sentence.start):
            result.candidates.append(run.candidate(sentence, statement, figures, dates))
    new = {s.name: s for s in _speakers(result.candidates) if not s.known}
    result.new_speakers = [new[name] for name in sorted(new)]
    return result


def _shifted(found: Sequence[Any], offset: int) -> list[Found]:
    return [Found(f.start + offset, f.end + offset, f.spec, f.reason) for f in found]


def _checkable(
    sentence: str, lang: str, figures: list[Found], dates: list[Found], found: list[Statement]
) -> bool:
    return bool(
        figures
        or dates
        or any(s.claimant is not None for s in found)
        or modality(sentence, lang)[0] != "asserted"
        or _EVENT_PATTERNS[lang].search(sentence)
    )


def _covering(
    found: list[Statement], figures: list[Found], dates: list[Found], offset: int
) -> list[Statement]:
    """Statements widened so that every figure and date of the sentence is in one:
    a trimmed trailing clause that holds a figure is part of the claim after all."""
    out = list(found)
    for item in (*figures, *dates):
        start, end = item.start - offset, item.end - offset
        if any(s.start <= start and end <= s.end for s in out):
            continue
        before = [i for i, s in enumerate(out) if s.start <= start]
        i = before[-1] if before else 0
        out[i] = replace(out[i], start=min(out[i].start, start), end=max(out[i].end, end))
    return out


@dataclass
class _Run:
    """What one extraction shares across sentences: the names proposed so far."""

    text: str
    lang: str
    directory: Directory
    proposed: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)

    def candidate(
        self, sentence: Sentence, statement: Statement, figures: list[Found], dates: list[Found]
    ) -> Candidate:
        start, end = sentence.start + statement.start, sentence.start + statement.end
        span = self.text[start:end]
        inside = tuple(f for f in figures if start <= f.start and f.end <= end)
        dated = tuple(d for d in dates if start <= d.start and d.end <= end)
        mood, cue = modality(span, self.lang, hearsay=statement.hearsay)
        claimant = self.speaker(statement.claimant, sentence.text)
        relay = self.speaker(statement.relay, sentence.text)
        reasons, confidence = [], 0.3
        if inside:
            reasons.append("figures " + ", ".join(repr(self.text[f.start : f.end]) for f in inside))
            confidence += 0.3
        if dated:
            reasons.append("dates " + ", ".join(repr(self.text[d.start : d.end]) for d in dated))
            confidence += 0.2
        if claimant is not None:
            how = f" ({statement.cue})" if statement.cue else ""
            via = f" via {relay.name}" if relay else ""
            reasons.append(f"speaker {claimant.name}{via}{how}")
            confidence += 0.15
        if cue:
            reasons.append(f"{mood} ({cue!r})")
            confidence += 0.1
        event = _EVENT_PATTERNS[self.lang].search(span)
        if event:
            reasons.append(f"event word {event.group()!r}")
            confidence += 0.1
        if not reasons:
            reasons.append("in the same sentence as a checkable statement")
        quote = None
        if statement.quote:
            quote = (sentence.start + statement.quote[0], sentence.start + statement.quote[1])
        return Candidate(
            start=start,
            end=end,
            text=span,
            sentence=sentence,
            claimant=claimant,
            relay=relay,
            attribution=statement.attribution,
            quote=quote,
            modality=mood,
            figures=inside,
            dates=dated,
            confidence=round(min(confidence, 0.95), 2),
            reason="; ".join(reasons),
        )

    def speaker(self, mention: Mention | None, sentence: str) -> Speaker | None:
        if mention is None:
            return None
        name, known = canonical(mention.text, self.directory, self.proposed)
        return Speaker(name, known, self.kinds.get(mention.text) or _kind(mention, sentence))


def _kind(mention: Mention, sentence: str) -> str:
    """A guess for the reviewer: people's names take no article, states' and bodies' do
    ("la Russie", "le ministère de la Défense", "the Pentagon")."""
    before = sentence[: mention.start]
    if not (_ARTICLE_BEFORE.search(before) or _ARTICLE_START.match(mention.text)):
        return "person"
    return "organisation" if re.search(r"\s[a-zà-ÿ]{4,}", mention.text) else "state"


def _speakers(candidates: Iterable[Candidate]) -> Iterable[Speaker]:
    for candidate in candidates:
        yield from (s for s in (candidate.claimant, candidate.relay) if s is not None)
