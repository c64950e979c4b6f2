"""Sourcing reports: for every claim, its chain of sources and how far it is checked.

The report is built from the same claim dictionaries as the JSON output (one set
of queries whatever the number of claims), then rendered; user text is escaped so
that a claim cannot inject Markdown or HTML into the report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from sqlalchemy.orm import Session

from factdb.claims import ClaimQuery, list_claims
from factdb.figures import FigureSpec
from factdb.serialize import claim_dict
from factdb.sources import get_source
from factdb.vocab import ATTRIBUTION_KINDS, STATUSES

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")

MODALITY_NOTES = {
    "asserted": "stated as a fact",
    "reported": "someone's statement, reported",
    "possible": "**a possibility, not a fact**",
    "announced": "an announced intention or plan, not yet a fact",
}


def md(text: str | None) -> str:
    """Escape user text for Markdown; newlines become spaces to keep list items whole."""
    if text is None:
        return ""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def report_claims(
    session: Session,
    *,
    source_id: int | None = None,
    speaker: str | None = None,
    include_retracted: bool = False,
) -> list[dict]:
    query = ClaimQuery(
        source_id=source_id, speaker=speaker, include_retracted=include_retracted, limit=None
    )
    page = list_claims(session, query)
    return [claim_dict(c, page.history_counts.get(c.id, 0)) for c in page.claims]


def sourcing_markdown(
    session: Session,
    *,
    source_id: int | None = None,
    speaker: str | None = None,
    include_retracted: bool = False,
) -> str:
    if source_id is not None:
        get_source(session, source_id)
    claims = report_claims(
        session, source_id=source_id, speaker=speaker, include_retracted=include_retracted
    )
    filters = [f"source {source_id}" if source_id is not None else None]
    filters.append(f"speaker {speaker}" if speaker else None)
    lines = ["# Sourcing report", ""]
    scope = ", ".join(f for f in filters if f) or "all sources"
    lines += [f"_{len(claims)} claims; {md(scope)}; generated {dt.date.today()} by factdb._", ""]
    lines += _summary(claims)
    by_source: dict[int, tuple[dict, list[tuple[dict, dict]]]] = {}
    for claim in claims:
        for appearance in claim["appearances"]:
            source = appearance["source"]
            if source_id is not None and source["id"] != source_id:
                continue
            by_source.setdefault(source["id"], (source, []))[1].append((claim, appearance))
    for _, (source, entries) in sorted(by_source.items()):
        lines += _source_section(source, entries)
    return "\n".join(lines).rstrip() + "\n"


def _summary(claims: list[dict]) -> list[str]:
    statuses = Counter(c["status"] for c in claims)
    kinds = Counter(c["attribution"] for c in claims)
    modalities = Counter(c["modality"] for c in claims)
    no_evidence = sum(1 for c in claims if not c["evidence"])
    lines = ["## Summary", "", "| status | claims |", "|---|---:|"]
    lines += [f"| {s} | {statuses[s]} |" for s in STATUSES if statuses[s]]
    lines += ["", "| attribution | claims |", "|---|---:|"]
    lines += [f"| {k} | {kinds[k]} |" for k in ATTRIBUTION_KINDS if kinds[k]]
    lines += ["", "| modality | claims |", "|---|---:|"]
    lines += [f"| {m} | {n} |" for m, n in sorted(modalities.items())]
    lines += ["", f"Claims with no evidence yet: {no_evidence} of {len(claims)}.", ""]
    return lines


def _source_section(source: dict, entries: list[tuple[dict, dict]]) -> list[str]:
    outlet = md(source["outlet"]) if source["outlet"] else "outlet unknown"
    published = source["published"] or "publication date unknown"
    lines = [f"## Source {source['id']}: {md(source['title'])}", ""]
    lines.append(f"{outlet}, {published}" + (f" — <{source['url']}>" if source["url"] else ""))
    lines.append("")
    for claim, appearance in entries:
        lines += _claim_section(claim, appearance)
    return lines


def chain(appearance: dict) -> str:
    """claimant → relay → outlet, the way the claim reached the reader."""
    source = appearance["source"]
    outlet = md(source["outlet"]) if source["outlet"] else f"source {source['id']}, outlet unknown"
    steps = []
    if appearance["claimant"]:
        steps.append(f"{md(appearance['claimant'])} (claimant)")
    if appearance["relay"]:
        steps.append(f"{md(appearance['relay'])} (relay)")
    steps.append(f"{outlet} ({source['published'] or 'date unknown'})")
    if appearance["attribution"] == "unattributed":
        return f"{steps[-1]}: the outlet's own assertion, no speaker named"
    speech = "direct quote" if appearance["attribution"] == "direct" else "reported speech"
    return f"{' → '.join(steps)}; {speech}"


def figure_line(figure: dict) -> str:
    spec = FigureSpec(
        kind=figure["kind"],
        value=figure["value"],
        low=figure["low"],
        high=figure["high"],
        unit=figure["unit"],
        per=figure["per"],
        text=None,
    ).to_spec()
    words = f" — from “{md(figure['text'])}”" if figure["text"] else ""
    return f"{md(spec)} ({figure['kind'].replace('_', ' ')}){words}"


def date_line(date: dict) -> str:
    words = f"“{md(date['text'])}” → " if date["text"] else ""
    if date["value"] is None:
        return f"{date['role']}: {words}unresolved ({date['precision']}; no anchor date)"
    anchor = f"; anchor {date['anchor']}" if date["anchor"] else ""
    note = f" ({md(date['anchor_note'])})" if date["anchor_note"] else ""
    return f"{date['role']}: {words}{date['value']} ({date['precision']} precision{anchor}){note}"


def _claim_section(claim: dict, appearance: dict) -> list[str]:
    verdict = f" — verdict: **{claim['verdict']}**" if claim["verdict"] else ""
    lines = [f"### Claim {claim['id']}: {claim['status']}{verdict}", ""]
    lines.append(f"> {md(claim['text'])}")
    lines.append("")
    if claim["translation"]:
        lines += [f"_Translation:_ {md(claim['translation'])}", ""]
    lines.append(f"- **Chain of sources:** {chain(appearance)}")
    if appearance["quote"]:
        lines.append(f"- **Words in the source:** “{md(appearance['quote'])}”")
    others = [a for a in claim["appearances"] if a is not appearance]
    for other in others:
        lines.append(f"- **Also in source {other['source']['id']}:** {chain(other)}")
    lines.append(f"- **Modality:** {claim['modality']}, {MODALITY_NOTES[claim['modality']]}")
    lines.append(f"- **Type:** {claim['type']}")
    if claim["topics"]:
        lines.append(f"- **Topics:** {', '.join(md(t) for t in claim['topics'])}")
    if claim["figures"]:
        lines.append("- **Figures:**")
        lines += [f"  - {figure_line(f)}" for f in claim["figures"]]
    if claim["dates"]:
        lines.append("- **Dates:**")
        lines += [f"  - {date_line(d)}" for d in claim["dates"]]
    lines.append(f"- **Status:** {claim['status']} (version {claim['version']})")
    if claim["rationale"]:
        lines.append(f"- **Rationale:** {md(claim['rationale'])}")
    if claim["evidence"]:
        lines.append("- **Evidence:**")
        for e in claim["evidence"]:
            where = f"<{e['url']}>" if e["url"] else md(e["document"])
            accessed = f", accessed {e['accessed']}" if e["accessed"] else ""
            note = f" — {md(e['note'])}" if e["note"] else ""
            lines.append(f"  - {e['stance']}: {where}{accessed}{note}")
    else:
        lines.append("- **Evidence:** none yet")
    lines.append("")
    return lines
