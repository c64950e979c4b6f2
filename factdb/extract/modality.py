"""How a statement is put: as a possibility, an announcement, hearsay or a plain assertion.

Cue words decide, first match wins in that order: a possibility or forecast
("pourrait", "devrait", "envisage", "could", "may", "plans to") is ``possible``; an
announcement ("annonce", "announced", "will open") is ``announced``; hearsay ("selon X",
"according to X", found by ``attribution``) is ``reported``; anything else ``asserted``.
"""

from __future__ import annotations

import re

_CUES = {
    ("fr", "possible"): r"pourr(?:ait|aient|a|ont)|devr(?:ait|aient)|envisag\w*|"
    r"pr[ée]voi(?:t|ent) de|risqu(?:e|ent) de|susceptibles? de|probablement|[ée]ventuel\w*",
    ("en", "possible"): r"could|may|might|would|plans? to|planning to|(?:is|are) expected to|"
    r"expected to|likely to|considering|envisag\w*|forecasts?",
    ("fr", "announced"): r"annon[cç]\w*|ouvrira|lancera|inaugurera",
    ("en", "announced"): r"announc\w*|will (?:open|launch|start|begin)|unveil\w*",
}
_PATTERNS = {key: re.compile(rf"\b(?:{cue})\b", re.IGNORECASE) for key, cue in _CUES.items()}


def modality(text: str, lang: str, *, hearsay: bool = False) -> tuple[str, str | None]:
    """The modality of ``text`` and the cue words that decided it (None for asserted)."""
    for kind in ("possible", "announced"):
        match = _PATTERNS[(_lang(lang), kind)].search(text)
        if match:
            return kind, match.group()
    return ("reported", None) if hearsay else ("asserted", None)


def cue(text: str, lang: str) -> str | None:
    """The first possibility or announcement cue in ``text``, if any."""
    kind, words = modality(text, lang)
    return words if kind != "asserted" else None


def _lang(lang: str) -> str:
    return "fr" if lang == "fr" else "en"
