"""The review file: a fixtures file (``factdb load`` reads it) holding the source with
its text, the new speakers the candidates need, and one claim per candidate.

Each claim carries a ``candidate`` block (confidence, reason, sentence) that the
loader accepts and ignores: it is there for the reviewer, who deletes the claims
they reject, corrects the rest, and loads the file. Offsets (``start``/``end``) are
into the source's ``text``.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from factdb.extract.pipeline import Candidate, Extraction

HEADER = """\
Review file written by `factdb extract`: candidate claims, not yet in the ledger.
Delete the claims you reject, correct the others (text, speakers, figures, dates),
then load the file with `factdb load FILE`. Offsets (start, end) are into the
source's text. Each claim's `candidate` block says why it was proposed and how
sure extraction is; `factdb load` ignores it."""


@dataclass(frozen=True)
class SourceInfo:
    """The source the article is: an existing one (``id``) or a new one to create."""

    key: str
    title: str
    language: str
    id: int | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


def source_key(title: str, published: date | None) -> str:
    """A readable, stable key for a new source: its title folded, and its date."""
    folded = unicodedata.normalize("NFKD", title)
    ascii_title = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    words = re.findall(r"[a-z0-9]+", ascii_title)
    slug = "-".join(words[:6])[:60] or "article"
    return f"{slug}-{published.isoformat()}" if published else slug


def review_document(
    extraction: Extraction,
    source: SourceInfo,
    accepted: list[Candidate] | None = None,
    repeats: list[list[dict]] | None = None,
) -> dict[str, Any]:
    """The fixtures document for ``extraction`` (or only the ``accepted`` candidates);
    ``repeats`` are the ledger claims each candidate may repeat, in candidate order."""
    chosen = extraction.candidates if accepted is None else accepted
    item: dict[str, Any] = {"key": source.key}
    if source.id is not None:
        item["id"] = source.id
    item |= {"title": source.title, "language": source.language}
    if source.id is None:
        item |= {"kind": "news_article", "outlet": source.outlet, "url": source.url}
        item |= {"published": source.published.isoformat() if source.published else None}
        item["text"] = extraction.text
    needed = {s.name for c in chosen for s in (c.claimant, c.relay) if s is not None}
    speakers = [
        {
            "name": s.name,
            "kind": s.kind,
            "description": "proposed by factdb extract: check the name and kind, add aliases",
        }
        for s in extraction.new_speakers
        if s.name in needed
    ]
    kept = {id(c) for c in chosen}
    claims = [
        _claim(c, number, source.key, extraction.lang, repeats[number - 1] if repeats else [])
        for number, c in enumerate(extraction.candidates, 1)
        if id(c) in kept
    ]
    return {
        "factdb_fixtures": 1,
        "description": f"candidate claims extracted from {source.title!r}",
        "sources": [item],
        "speakers": speakers,
        "claims": claims,
    }


def _claim(
    candidate: Candidate, number: int, source_key: str, lang: str, repeats: list[dict]
) -> dict[str, Any]:
    appearance: dict[str, Any] = {"source": source_key}
    if candidate.claimant:
        appearance["claimant"] = candidate.claimant.name
    if candidate.relay:
        appearance["relay"] = candidate.relay.name
    appearance |= {
        "attribution": candidate.attribution,
        "quote": candidate.text,
        "start": candidate.start,
        "end": candidate.end,
    }
    return {
        "key": f"{source_key}-c{number:03d}"[:100],
        "text": candidate.text,
        "language": lang,
        "type": _claim_type(candidate),
        "modality": candidate.modality,
        "appearances": [appearance],
        "figures": [f.spec.to_spec() for f in candidate.figures],
        "dates": [d.spec.to_spec() for d in candidate.dates],
        "candidate": {
            "confidence": candidate.confidence,
            "reason": candidate.reason,
            "sentence": candidate.sentence.text,
            **({"possible_repeats": repeats} if repeats else {}),
        },
    }


def _claim_type(candidate: Candidate) -> str:
    if candidate.figures:
        return "quantity"
    if candidate.modality == "possible":
        return "forecast"
    if candidate.attribution == "direct":
        return "quote"
    return "event"


def review_yaml(document: dict[str, Any], notes: list[str]) -> str:
    """The document as YAML, with the header, notes, and a comment before each claim."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    root = CommentedMap(document)
    for source in document["sources"]:
        if "text" in source:
            source["text"] = LiteralScalarString(source["text"])
    root["sources"] = CommentedSeq([CommentedMap(s) for s in document["sources"]])
    claims = CommentedSeq([CommentedMap(c) for c in document["claims"]])
    for i, claim in enumerate(document["claims"]):
        first = claim["candidate"]
        claims.yaml_set_comment_before_after_key(
            i, before=f"{i + 1}. confidence {first['confidence']}: {first['reason']}", indent=2
        )
    root["claims"] = claims
    header = HEADER + "".join(f"\nNote: {note}" for note in notes)
    root.yaml_set_start_comment(header)
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    return buffer.getvalue()


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed over it, so a
    failure never leaves a partial review file behind."""
    directory = path.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
