"""Who says what in a sentence: its statements, their speakers, and how they reach
the article.

A sentence may hold several statements. "Selon Sergueï Lavrov, la décision
appartient à la Corée du Nord, qui pourrait déployer 25 000 soldats" holds two: what
Lavrov asserts (the decision is North Korea's) and North Korea's possible deployment,
which reaches the article through Lavrov. So a relative clause on a named actor
(", qui …", ", which …") is its own statement, and when it is a possibility inside
reported speech, that actor is its claimant and the speaker its relay, as in the seed
fixtures. A participle clause of saying (", assurant que …", ", saying that …") is a
further statement by the same speaker.

Attribution is ``direct`` when the statement quotes its speaker's words (« … », “…”,
"…"), ``reported`` when a speaker is named without quoting, and ``unattributed``
(the outlet's own assertion) when no one is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from factdb.extract.modality import cue
from factdb.extract.names import Mention
from factdb.extract.words import word_set

_SAY_FR = (
    r"d[ée]clar[ée]|affirm[ée]|r[ée]affirm[ée]|assur[ée]|estim[ée]|indiqu[ée]|annonc[ée]|"
    r"expliqu[ée]|pr[ée]cis[ée]|soulign[ée]|exprim[ée]|dit|confirm[ée]|averti|pr[ée]venu|"
    r"promis|admis|jug[ée]|insist[ée]|rappel[ée]|ajout[ée]|d[ée]menti|accus[ée]|"
    r"d[ée]clare|affirme|r[ée]affirme|assure|estime|indique|annonce|explique|pr[ée]cise|"
    r"souligne|dit|confirme|ajoute|martèle|promet|envisage|pr[ée]voit"
)
_SAY_EN = (
    r"said|says|told|stated|claimed|claims|declared|announced|added|warned|insisted|"
    r"argued|reaffirmed|confirmed|promised|acknowledged|denied|reported|noted|explained|"
    r"asserted|maintained|pledged|pledges|vowed|vows|expects|predicted|predicts|estimated|"
    r"estimates"
)
# "a déclaré" and "has said" name a speaker after them in inverted order too.
_AUX = {
    "fr": r"(?:(?:a|ont|avait|avaient|aurait)\s+(?:[ée]galement\s+|aussi\s+|encore\s+)?)?",
    "en": r"(?:(?:has|have|had)\s+(?:also\s+|already\s+)?)?",
}
_VERB = {"fr": rf"(?:{_SAY_FR})", "en": rf"(?:{_SAY_EN})"}
# An article and a few lower-case words of title before a name: "le maire", "mayor".
_TITLE = r"(?:(?:(?:le|la|les|the)\s+|l['’]))?(?:[a-zà-ÿ][\w-]*\s+){0,3}"
_HEARSAY = {
    "fr": r"selon|d['’]apr[èe]s",
    "en": r"according to|as reported by",
}
_COMPLEMENT = {
    "fr": re.compile(r"^[^,;]{0,60}?\b(?:que|qu['’])\s*|^\s*:\s*", re.IGNORECASE),
    "en": re.compile(r"^[^,;]{0,60}?\bthat\s+|^\s*:\s*", re.IGNORECASE),
}
_SAYING_CLAUSE = {
    "fr": re.compile(
        r",\s*(?:tout en\s+)?(?:assurant|affirmant|ajoutant|estimant|soulignant|pr[ée]cisant|"
        r"expliquant|indiquant|d[ée]clarant|promettant|pr[ée]venant)\s+(?:que\s+|qu['’])",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r",\s*(?:saying|adding|insisting|claiming|warning|arguing|stating|noting)\s+(?:that\s+)?",
        re.IGNORECASE,
    ),
}
# A trailing participle clause comments on the statement rather than stating it:
# ", renforçant ainsi les liens", ", tout en réaffirmant leur engagement".
_TRAILING = {
    "fr": re.compile(r",\s*(?:tout en\s+|en\s+)?(?P<word>[^\W\d_]+ant)\b", re.IGNORECASE),
    "en": re.compile(r",\s*(?:while\s+|thus\s+)?(?P<word>[a-z]+ing)\b", re.IGNORECASE),
}
_NOT_PARTICIPLES = word_set(
    "avant pendant durant cependant maintenant devant suivant concernant moyennant "
    "nonobstant partant néanmoins tant autant quant pourtant notamment during including "
    "according regarding following concerning something nothing anything everything"
)
_RELATIVE = {
    "fr": re.compile(r"^\s*,\s*(?:qui|dont)\s+", re.IGNORECASE),
    "en": re.compile(r"^\s*,\s*(?:which|who)\s+", re.IGNORECASE),
}
_ARTICLE_BEFORE = {
    "fr": re.compile(r"(?:\b(?:la|le|les)\s+|\bl['’])$", re.IGNORECASE),
    "en": re.compile(r"\bthe\s+$", re.IGNORECASE),
}
_ANNOUNCEMENT = {
    "fr": re.compile(r"\bl['’]annonce\s+(?:par|de)\s+$", re.IGNORECASE),
    "en": re.compile(r"\b(?:the\s+)?announcement\s+by\s+$", re.IGNORECASE),
}
# Speakers that are phrases rather than names: "selon l'ONU", "a affirmé l'armée de
# l'air", "Le ministère de la Défense a annoncé", "the ministry said".
_NP = r"(?P<np>[^\s,.;:!?«»“”\"]+(?:\s+[^\s,.;:!?«»“”\"]+){0,5}?)"
_NP_END = r"(?=\s*(?:,|[.!?…]*\s*$))"
_PHRASE_SPEAKERS = {
    "fr": [
        re.compile(rf"\b(?:selon|d['’]apr[èe]s)\s+{_NP}{_NP_END}", re.IGNORECASE),
        re.compile(rf",\s*{_AUX['fr']}{_VERB['fr']}\s+{_NP}\s*[.!?…]*\s*$", re.IGNORECASE),
        re.compile(
            rf"^(?P<np>(?:(?:le|la|les)\s+|l['’])[^,;:«»]{{2,60}}?)\s+(?:a|ont)\s+"
            rf"(?:[ée]galement\s+|aussi\s+)?{_VERB['fr']}\b",
            re.IGNORECASE,
        ),
    ],
    "en": [
        re.compile(rf"\baccording to\s+{_NP}{_NP_END}", re.IGNORECASE),
        re.compile(rf"[,”\"]\s*(?:said|says)\s+{_NP}\s*[.!?]*\s*$", re.IGNORECASE),
        re.compile(rf"[,”\"]\s*{_NP}\s+(?:said|says)\s*[.!?]*\s*$", re.IGNORECASE),
        re.compile(
            rf"^(?P<np>the\s+[^,;:“”\"]{{2,50}}?)\s+(?:has\s+|have\s+)?{_VERB['en']}\b",
            re.IGNORECASE,
        ),
    ],
}
_OF = re.compile(r"\b(?:de|du|des|d['’]|of)\s*(?:la\s+|l['’]|the\s+)?$", re.IGNORECASE)
# Phrases that name no one in particular: "un communiqué", "a statement", "des sources".
_ANONYMOUS = re.compile(
    r"^(?:un|une|des|certains|plusieurs|a|an|some|several|il|elle|ils|elles|on|nous|he|she|"
    r"they|we|it|i)\b",
    re.IGNORECASE,
)

_QUOTE = re.compile(r"«[^«»]{1,2000}»|“[^“”]{1,2000}”|\"[^\"]{1,2000}\"")
_END = re.compile(r"[\s.!?…;:]+$")


@dataclass(frozen=True)
class Statement:
    """One statement of a sentence; offsets are into the sentence."""

    start: int
    end: int
    claimant: Mention | None = None
    relay: Mention | None = None
    attribution: str = "unattributed"
    quote: tuple[int, int] | None = None
    hearsay: bool = False
    cue: str | None = None


def quotes(text: str) -> list[tuple[int, int]]:
    """The quoted passages of ``text``, marks included."""
    return [m.span() for m in _QUOTE.finditer(text)]


def statements(sentence: str, lang: str, mentions: Sequence[Mention]) -> list[Statement]:
    """The statements of ``sentence`` given the names found in it."""
    lang = "fr" if lang == "fr" else "en"
    phrases = _phrase_speakers(sentence, lang, mentions)
    inside = [m for m in mentions if any(p.start <= m.start and m.end <= p.end for p in phrases)]
    mentions = sorted([*(m for m in mentions if m not in inside), *phrases], key=lambda m: m.start)
    end = _END.search(sentence)
    base = _speaker(sentence, lang, mentions, end.start() if end else len(sentence))
    parts = _saying_clauses(sentence, lang, base)
    out: list[Statement] = []
    for part in parts:
        part = _subject_possibility(sentence, lang, mentions, _trimmed(sentence, lang, part))
        out.extend(_relative_split(sentence, lang, mentions, part))
    return [_with_quote(sentence, s) for s in out if s.end > s.start]


def _phrase_speakers(sentence: str, lang: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Speakers named by a phrase where no name was found at that place."""
    found = []
    for pattern in _PHRASE_SPEAKERS[lang]:
        for match in pattern.finditer(sentence):
            start, end = match.span("np")
            phrase = match["np"]
            if _ANONYMOUS.match(phrase) or any(
                m.start < end and start < m.end and not _complement(sentence, start, end, m)
                for m in mentions
            ):
                continue
            found.append(Mention(start, end, phrase))
    return found


def _complement(sentence: str, start: int, end: int, mention: Mention) -> bool:
    """Whether ``mention`` only qualifies the phrase at ``start:end``: the Défense of
    "le ministère de la Défense", the South Korean of "South Korean intelligence"."""
    if not (start <= mention.start and mention.end <= end):
        return False
    of = start < mention.start and bool(_OF.search(sentence[start : mention.start]))
    return of or bool(re.match(r"\s+[a-zà-ÿ]", sentence[mention.end : end]))


def _speaker(sentence: str, lang: str, mentions: Sequence[Mention], stop: int) -> Statement:
    """The sentence's statement with its speaker: the first name that one of the
    patterns places as the one who speaks, else the outlet's own assertion."""
    for m in mentions:
        before, after = sentence[: m.start], sentence[m.end : stop]
        for pattern in (_hearsay, _announcement, _subject_verb, _inverted):
            found = pattern(lang, m, before, after, stop)
            if found is not None:
                return found
    return Statement(0, stop)


def _hearsay(lang: str, m: Mention, before: str, after: str, stop: int) -> Statement | None:
    """ "Selon X, …" and "…, according to X"."""
    cue_match = re.search(rf"\b(?:{_HEARSAY[lang]})\s+{_TITLE}$", before, re.IGNORECASE)
    if cue_match is None:
        return None
    words, lead = cue_match.group().strip(), before[: cue_match.start()]
    comma = re.match(r"\s*,\s*", after)
    if not lead.strip() and comma:
        return Statement(m.end + comma.end(), stop, m, None, "reported", None, True, words)
    clause = re.search(r"[,;]\s*$", lead)
    if clause and not after.strip(" ,"):
        return Statement(0, clause.start(), m, None, "reported", None, True, words)
    return None


def _announcement(lang: str, m: Mention, before: str, after: str, stop: int) -> Statement | None:
    """ "l'annonce par la Russie de …", "the announcement by X of …"."""
    found = _ANNOUNCEMENT[lang].search(_ARTICLE_BEFORE[lang].sub("", before))
    if found is None:
        return None
    return Statement(found.start(), stop, m, None, "reported", None, False, "annonce")


def _subject_verb(lang: str, m: Mention, before: str, after: str, stop: int) -> Statement | None:
    """ "X a déclaré que …", "X said …", "X told reporters that …"; without "que" or
    "that" the claim is the whole clause ("X a réaffirmé un soutien …")."""
    verb = re.match(rf"\s+{_AUX[lang]}(?P<verb>{_VERB[lang]})\b", after, re.IGNORECASE)
    if verb is None:
        return None
    rest = after[verb.end() :]
    if lang == "en" and verb["verb"].lower() in ("said", "says") and not rest.strip(" .!?"):
        return _inverted(lang, m, before, "", stop)
    complement = _COMPLEMENT[lang].match(rest)
    if complement:
        start = m.end + verb.end() + complement.end()
    elif lang == "en" and verb["verb"].lower() in ("said", "says"):
        start = m.end + verb.end() + len(rest) - len(rest.lstrip())
    else:
        start = m.start
    return Statement(start, stop, m, None, "reported", None, False, verb["verb"])


def _inverted(lang: str, m: Mention, before: str, after: str, stop: int) -> Statement | None:
    """ "…, a affirmé X", "« … », a déclaré le maire X", "“…,” X said"."""
    if after.strip(" ,"):
        return None
    inverted = re.search(
        rf"[,»”\"]\s*{_AUX[lang]}(?P<verb>{_VERB[lang]})\s+{_TITLE}$", before, re.IGNORECASE
    )
    if inverted is None and lang == "en":
        inverted = re.search(r"[,”\"]\s*$", before)
    if inverted is None:
        return None
    cut = inverted.start() + (0 if before[inverted.start()] == "," else 1)
    verb = inverted.groupdict().get("verb") or "said"
    return Statement(0, cut, m, None, "reported", None, False, verb)


def _saying_clauses(sentence: str, lang: str, base: Statement) -> list[Statement]:
    text = sentence[base.start : base.end]
    match = _SAYING_CLAUSE[lang].search(text)
    if match is None or base.claimant is None:
        return [base]
    first = replace(base, end=base.start + match.start())
    second = replace(base, start=base.start + match.end(), cue=match.group().strip(" ,"))
    return [first, second]


def _trimmed(sentence: str, lang: str, statement: Statement) -> Statement:
    text = sentence[statement.start : statement.end]
    for match in _TRAILING[lang].finditer(text):
        if match["word"].lower() not in _NOT_PARTICIPLES:
            return replace(statement, end=statement.start + match.start())
    return statement


def _subject_possibility(
    sentence: str, lang: str, mentions: Sequence[Mention], statement: Statement
) -> Statement:
    """ "Selon X, la Corée du Nord pourrait …": the possibility is the subject's, and it
    reaches the article through X, so the subject is the claimant and X the relay."""
    if statement.claimant is None or not statement.hearsay:
        return statement
    subject = next((m for m in mentions if m.start >= statement.start), None)
    if subject is None:
        return statement
    lead = sentence[statement.start : subject.start]
    verb = re.match(r"\s+(\S+)", sentence[subject.end : statement.end])
    if (not lead or _ARTICLE_BEFORE[lang].fullmatch(lead)) and verb and cue(verb.group(1), lang):
        return replace(statement, claimant=subject, relay=statement.claimant, hearsay=False)
    return statement


def _relative_split(
    sentence: str, lang: str, mentions: Sequence[Mention], statement: Statement
) -> list[Statement]:
    for m in mentions:
        if not (statement.start < m.start and m.end < statement.end):
            continue
        if not _RELATIVE[lang].match(sentence[m.end : statement.end]):
            continue
        article = _ARTICLE_BEFORE[lang].search(sentence[statement.start : m.start])
        begin = statement.start + article.start() if article else m.start
        main = replace(statement, end=m.end)
        relative = replace(statement, start=begin)
        possibility = cue(sentence[m.end : statement.end], lang)
        if statement.claimant is not None and statement.hearsay and possibility:
            relative = replace(relative, claimant=m, relay=statement.claimant, hearsay=False)
        return [main, relative]
    return [statement]


def _with_quote(sentence: str, statement: Statement) -> Statement:
    end = statement.end
    while end > statement.start and sentence[end - 1] in " ,;:":
        end -= 1
    statement = replace(statement, end=end)
    if statement.claimant is None or statement.relay is not None:
        return statement
    for start, stop in quotes(sentence):
        if statement.start <= start and stop <= statement.end:
            return replace(statement, attribution="direct", quote=(start, stop))
    return statement
